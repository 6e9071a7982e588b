"""How real a predicate is, read on parsed sentences (extract/modality.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from dyadwatch.extract.modality import modality_of
from dyadwatch.extract.nlp import article_doc


def _modality(coder: Any, text: str, word: str) -> str:
    doc = coder.nlp(article_doc(coder.nlp, text, date=datetime.date(2013, 1, 20)))
    (token,) = [t for t in doc if t.text == word]
    return modality_of(token).value


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # An announced act still to come is planned ...
        ("France announced that it would send troops to Mali.", "send", "planned"),
        ("France announced it will send troops to Mali.", "send", "planned"),
        ("France announced that it was to send troops to Mali.", "send", "planned"),
        # ... an announced act already done is reported, past or perfect.
        ("France announced that it had sent troops to Mali.", "sent", "reported"),
        ("The union announced that it has called off the strike.", "called", "reported"),
        ("France announced that it sent troops to Mali.", "sent", "reported"),
        # ... and so is one under way as it is announced, unless it is set for later.
        (
            "Mexico announced that it was breaking off relations with Ecuador.",
            "breaking",
            "reported",
        ),
        ("Russia announced it is withdrawing its troops from Kherson.", "withdrawing", "reported"),
        ("France announced it was sending troops to Estonia next month.", "sending", "planned"),
        ("France announced it was sending troops in the coming weeks.", "sending", "planned"),
        # ... the time words must date the act itself, not a noun or a clause inside it
        (
            "Russia announced it is withdrawing from the planned exercise.",
            "withdrawing",
            "reported",
        ),
        (
            "France announced it was sending troops to Belarus, which will arrive next week.",
            "sending",
            "reported",
        ),
        ("Iran announced it was going to enrich uranium.", "enrich", "planned"),
    ],
)
def test_an_announced_act_is_planned_only_while_it_is_to_come(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Trudeau is due in New Delhi next week for the summit.", "is", "planned"),
        ("Japan and South Korea hold talks in Tokyo tomorrow.", "hold", "planned"),
        ("Putin visited Pyongyang last week.", "visited", "asserted"),
        # 'the next day' dates a story's own past, as does a past-tense predicate.
        ("The next day, Israeli jets struck Gaza.", "struck", "asserted"),
        ("The Iranian delegation arrived in Riyadh the next day.", "arrived", "asserted"),
    ],
)
def test_a_predicate_dated_in_the_future_is_planned(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Moscow ruled out military cooperation with Pyongyang.", "cooperation", "negated"),
        ("Iran refused to meet the envoy.", "meet", "negated"),
        # a negated denial leaves the act possible: neither done nor excluded
        (
            "Moscow would not rule out military cooperation with Pyongyang.",
            "cooperation",
            "speculative",
        ),
        ("Iran did not refuse to meet the envoy.", "meet", "speculative"),
        # a negated stop, cancel or failure cancels out: the act went ahead
        ("Israel did not stop attacking Gaza.", "attacking", "asserted"),
        ("Iran did not fail to meet the envoy.", "meet", "asserted"),
    ],
)
def test_a_declined_act_is_negated_and_a_negated_declining_leaves_it_possible(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # an event that only dates another keeps its own modality
        (
            "The two leaders agreed not to use force after meeting on Thursday.",
            "meeting",
            "asserted",
        ),
        ("Iran did not attack Israel after the talks.", "talks", "asserted"),
        ("Iran did not attack Israel with drones.", "drones", "negated"),
        # what else governs the dated act still reaches the event that dates it
        ("Putin said he would visit Pyongyang after meeting Xi.", "meeting", "speculative"),
        ("Officials said Iran attacked Israel after talks.", "talks", "reported"),
    ],
)
def test_a_dating_event_is_out_of_the_reach_of_what_it_dates(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # 'has yet to', 'is yet to': the act is not done, on the complement or the verb
        ("India has yet to recall its ambassador from Canada.", "recall", "negated"),
        ("Iran has yet to respond to the proposal.", "has", "negated"),
        ("Israel and Hamas are yet to agree on a ceasefire.", "agree", "negated"),
        ("The treaty is yet to be ratified by Japan.", "ratified", "negated"),
        ("The treaty between Japan and China is yet to be ratified.", "treaty", "negated"),
        # not yet ruling out leaves the act possible, not yet stopping leaves it going on
        ("Iran has yet to rule out talks with Washington.", "talks", "speculative"),
        ("Iran has yet to rule out talks with Washington.", "has", "speculative"),
        ("Iran has yet to stop shelling the villages.", "shelling", "asserted"),
        # without the complement, or with 'yet' elsewhere, 'yet' is no cue
        ("Russia has yet another reason to criticise Ukraine.", "has", "asserted"),
        ("India has recalled its ambassador from Canada yet again.", "recalled", "asserted"),
        ("And yet Israel has to negotiate with Hamas.", "negotiate", "asserted"),
        # an open question is no act undone
        ("It is yet to be seen whether Russia will attack Ukraine.", "attack", "speculative"),
    ],
)
def test_an_act_still_awaited_is_negated(coder: Any, text: str, word: str, expected: str) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # 'stopped short of', 'fell short of': the act was not done
        ("Kishida stopped short of a fresh apology to South Korea.", "stopped", "negated"),
        ("Japan stopped short of apologising to South Korea.", "apologising", "negated"),
        ("The statement fell short of an apology to Seoul.", "fell", "negated"),
        # without 'of' or without 'short' these verbs are no cue of their own
        ("The talks stopped short, and Iran left.", "stopped", "asserted"),
        ("Russia stopped the shelling of Kyiv.", "stopped", "asserted"),
        # the verb's subject and a verb beside it keep their own modality
        (
            "The EU stopped short of an oil embargo but imposed sanctions on Russia.",
            "imposed",
            "asserted",
        ),
        (
            "Japan's apology to Seoul fell short of what the victims had demanded.",
            "apology",
            "asserted",
        ),
        # ... and so does a clause inside the object
        ("Israel stopped short of the ceasefire that Egypt had sought.", "sought", "asserted"),
    ],
)
def test_an_act_stopped_short_of_is_negated(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # 'is to', 'are to', 'was to': an act set for later
        ("Putin is to visit China.", "visit", "planned"),
        ("The two sides are to sign a trade deal.", "sign", "planned"),
        ("Biden was to meet Xi in San Francisco.", "meet", "planned"),
        ("Putin is due to visit China.", "visit", "planned"),
        # a negation or 'yet' still outranks it
        ("The treaty is yet to be ratified by Japan.", "ratified", "negated"),
        # 'is' without a 'to' infinitive is no cue
        ("Putin is visiting China.", "visiting", "asserted"),
        # nor is it when the subject names a deed, or in 'is to blame'
        ("Israel's response was to strike Iran.", "strike", "asserted"),
        ("What Israel did was to bomb the tunnels.", "bomb", "asserted"),
        ("Russia is to blame for the attack.", "blame", "asserted"),
        # an actor's head noun is a subject that can be set to act
        ("The Indian minister is to meet his Chinese counterpart.", "meet", "planned"),
    ],
)
def test_an_act_one_is_to_do_is_planned(coder: Any, text: str, word: str, expected: str) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a 'to' infinitive the parser hangs as a clause shares its governor's cues
        (
            "The agreement would allow Japanese troops to train in the Philippines.",
            "train",
            "speculative",
        ),
        ("Israel did not allow aid trucks to enter Gaza.", "enter", "negated"),
        # under a verb of wanting or expecting the act is not denied
        ("Washington did not expect Russia to invade Ukraine.", "invade", "planned"),
        # with no cue above it the act stands
        ("The deal allowed Japanese troops to train in the Philippines.", "train", "asserted"),
    ],
)
def test_a_to_infinitive_shares_its_governors_cues(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected


def test_a_clause_before_a_semicolon_is_out_of_the_reach_of_a_verb_after_it(coder: Any) -> None:
    # the parser hangs 'ordered' under 'denied'; the expulsion is not denied
    text = (
        "Congo has ordered Rwanda's ambassador to leave the country within 48 hours, accusing "
        "Kigali of backing M23 rebels over the weekend; Rwanda has denied supporting the group."
    )
    assert _modality(coder, text, "ordered") == "asserted"
    assert _modality(coder, text, "supporting") == "negated"
    fronted = "Congo has ordered Rwanda's ambassador to leave the country, officials said."
    assert _modality(coder, fronted, "ordered") == "reported"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # An act begun is under way, not planned ...
        ("Russian artillery began shelling the town of Sumy on Monday.", "shelling", "asserted"),
        ("Russia started to withdraw its troops from Kherson.", "withdraw", "asserted"),
        ("North Korean troops have begun fighting in Kursk.", "fighting", "asserted"),
        # ... unless a plan above the beginning plans it.
        ("Russia will begin withdrawing troops from Syria next week.", "withdrawing", "planned"),
        ("Turkey plans to start sending drones to Ukraine.", "sending", "planned"),
        ("Turkey did not begin sending drones to Ukraine.", "sending", "negated"),
    ],
)
def test_an_act_begun_is_under_way(coder: Any, text: str, word: str, expected: str) -> None:
    assert _modality(coder, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # A past or present verb after do-support or an -ing form is a clause of its own,
        # out of the negation's reach ...
        (
            "Russia did not attack Ukraine and withdrew its troops from Belarus.",
            "withdrew",
            "asserted",
        ),
        (
            "Trudeau said Canada was not seeking to provoke and urged India to work with it.",
            "urged",
            "reported",
        ),
        (
            "The rebels had not been attacking the army and signed a ceasefire last week.",
            "signed",
            "asserted",
        ),
        # ... also where the parser hangs it on an infinitive under the negated verb ...
        (
            "Washington was not pressuring Kyiv to negotiate and promised more aid to Ukraine.",
            "promised",
            "asserted",
        ),
        (
            "China is not planning to attack Taiwan and wants talks with Taipei.",
            "wants",
            "asserted",
        ),
        # ... but 'or' and 'nor' carry the negation on, and so does a bare verb after 'did not'
        ("Iran had not been arming the rebels or sent drones to Russia.", "sent", "negated"),
        ("Serbia was neither attacking Kosovo nor threatened its police.", "threatened", "negated"),
        ("Russia has not attacked or threatened Ukraine.", "threatened", "negated"),
        ("Russia did not agree to negotiate or sign the treaty.", "sign", "negated"),
    ],
)
def test_a_conjoined_verb_shares_the_negation_only_when_it_shares_the_clause(
    coder: Any, text: str, word: str, expected: str
) -> None:
    assert _modality(coder, text, word) == expected
