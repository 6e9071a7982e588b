"""Alignment index and signals: storylines flagged right, quiet pairs not, no look-ahead."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.analyze import alignment, signal_reports, signals
from dyadwatch.analyze.signals import KINDS, SignalScan, to_signal
from dyadwatch.records import ActorKind, Article, DatePrecision, Event, Modality
from dyadwatch.store import Store

from .builders import build_store, event
from .storylines import STORYLINES, Storyline, all_events, storyline_events

D = datetime.date
FLAGGED = [s for s in STORYLINES if s.kind != "none"]
QUIET = [s for s in STORYLINES if s.kind == "none"]


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return all_events()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, events: list[Event]):
    return build_store(tmp_path_factory.mktemp("signals") / "s.duckdb", events)


def _pair(story: Storyline) -> tuple[str, str]:
    return (min(story.pair), max(story.pair))


@pytest.mark.issue(18)
@pytest.mark.parametrize("story", FLAGGED, ids=[s.kind for s in FLAGGED])
def test_signals_storyline_flagged_soon_after_its_change(store, story: Storyline) -> None:
    # These storylines have one to five events a month: a sparse pair needs a few of them.
    change = story.phases[-1].start
    found = [s for s in signals(store) if s.pair == _pair(story) and s.kind == story.kind]
    assert any(change <= s.start < change + datetime.timedelta(days=120) for s in found)


@pytest.mark.parametrize("story", QUIET, ids=["-".join(s.pair) for s in QUIET])
def test_signals_quiet_pair_not_flagged(store, story: Storyline) -> None:
    assert [s for s in signals(store) if s.pair == _pair(story)] == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_signals_quiet_pair_not_flagged_with_other_draws(tmp_path: Path, seed: int) -> None:
    events = [e for story in QUIET for e in storyline_events(story, seed=seed)]
    assert signals(build_store(tmp_path / "q.duckdb", events)) == []


@pytest.mark.parametrize(
    "as_of", [D(2023, 6, 15), D(2023, 11, 1), D(2024, 5, 20), D(2024, 9, 2)], ids=str
)
def test_signals_no_look_ahead(tmp_path: Path, store, events: list[Event], as_of: D) -> None:
    truncated = build_store(tmp_path / "t.duckdb", [e for e in events if e.date < as_of])
    assert signals(store, as_of=as_of) == signals(truncated, as_of=as_of)
    assert all(s.detected < as_of for s in signals(store, as_of=as_of))


def test_signals_as_of_before_the_change_finds_nothing_yet(store) -> None:
    assert [s for s in signals(store, as_of=D(2023, 7, 1)) if s.pair == ("PRK", "RUS")] == []


def test_signals_since_keeps_later_changes(store) -> None:
    found = signals(store, since=D(2024, 1, 1))
    assert found and all(s.start >= D(2024, 1, 1) for s in found)


def test_signals_report_carries_evidence_sentences(store) -> None:
    report = next(r for r in signal_reports(store) if r.signal.kind == "escalation")
    assert report.evidence and report.signal.evidence == tuple(e.event_id for e in report.evidence)
    assert all(e.quad_class in (3, 4) and e.modality != "negated" for e in report.evidence)
    assert report.index_after < report.index_before


@pytest.mark.issue(18)
def test_signals_scans_at_successive_dates_extend_one_another(store) -> None:
    days = [D(2023, 1, 1) + datetime.timedelta(days=45 * i) for i in range(14)]
    scans = [signals(store, as_of=day) for day in days]
    for earlier, later in itertools.pairwise(scans):
        assert set(earlier) <= set(later)


@pytest.mark.issue(18)
def test_signals_incremental_scan_equals_full_scan(store) -> None:
    scan = SignalScan()
    day = D(2022, 1, 1)
    while day < D(2025, 1, 1):
        day += datetime.timedelta(days=17)
        scan.advance(store, day)
    full = SignalScan()
    full.advance(store, day)
    assert _signals(scan) == _signals(full) and scan.found


def _signals(scan: SignalScan) -> list:
    return [to_signal(scan.detector.pairs, found) for found in scan.found]


def _steady(a: str, b: str, code: str, *, days: int, every: int = 3) -> list[Event]:
    start = D(2022, 1, 1)
    return [
        event(a, b, start + datetime.timedelta(days=i), code, serial=i)
        for i in range(0, days, every)
    ]


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("161", "166"),
        # Niger, 2023: France cut its aid (1621), then the junta revoked the defence accords
        # (told as rejecting military cooperation, 1212) within the fortnight
        ("1621", "1212"),
    ],
    ids=["break-and-expel", "aid-cut-and-accords-scrapped"],
)
def test_signals_landmark_flagged_within_days_with_the_event_as_evidence(
    tmp_path: Path, first: str, second: str
) -> None:
    quiet = _steady("NER", "FRA", "042", days=300, every=5)
    landmark = [
        event("NER", "FRA", D(2022, 11, 2), first, serial=1),
        event("FRA", "NER", D(2022, 11, 8), second, serial=2),
    ]
    store = build_store(tmp_path / "l.duckdb", [*quiet, *landmark])
    (report,) = signal_reports(store, as_of=D(2022, 11, 12))
    assert (report.signal.kind, report.signal.start, report.signal.detected) == (
        "rupture",
        D(2022, 11, 2),
        D(2022, 11, 8),
    )
    assert {e.cameo for e in report.evidence} == {first, second}


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("precision", "day", "expected"),
    [
        (DatePrecision.DAY, D(2022, 11, 1), D(2022, 11, 1)),
        (DatePrecision.MONTH, D(2022, 11, 1), D(2022, 11, 10)),
        # 'this month', dated to the article's own day, is as exact as that day
        (DatePrecision.MONTH, D(2022, 11, 3), D(2022, 11, 3)),
    ],
    ids=["day", "month", "this-month"],
)
def test_signals_landmark_needs_an_event_dated_to_its_day(
    tmp_path: Path, precision: DatePrecision, day: D, expected: D
) -> None:
    # 'agreed in Beijing last month to restore relations', told weeks later, is dated to the
    # month's first day: it cannot open the episode before the act reported on its day.
    quiet = _steady("SAU", "IRN", "042", days=300, every=5)
    recalled = dataclasses.replace(
        event("SAU", "IRN", day, "054", serial=1), date_precision=precision
    )
    restored = [
        event("SAU", "IRN", D(2022, 11, 10), "054", serial=2),
        event("IRN", "SAU", D(2022, 11, 10), "054", serial=3),
    ]
    store = build_store(tmp_path / "m.duckdb", [*quiet, recalled, *restored])
    (report,) = signal_reports(store, as_of=D(2022, 11, 20))
    assert (report.signal.kind, report.signal.start) == ("rapprochement", expected)


@pytest.mark.issue(18)
@pytest.mark.parametrize(("recalled", "expected"), [(True, ["rapprochement"]), (False, [])])
def test_signals_a_recalled_sanction_makes_a_pair_hostile(
    tmp_path: Path, recalled: bool, expected: list[str]
) -> None:
    # 'since Japan restricted exports in 2019', told in a later report and dated to the year:
    # no episode of its own, but the pair sanctioned before, so an agreement is a turning
    # point (Japan and South Korea, 2023).
    talks = _steady("JPN", "KOR", "040", days=300, every=6)
    history = [
        dataclasses.replace(
            event("JPN", "KOR", D(2022, 1, 1), "163", serial=7), date_precision=DatePrecision.YEAR
        )
    ]
    agreement = [
        event("JPN", "KOR", D(2022, 11, 2), "057", serial=8),
        event("KOR", "JPN", D(2022, 11, 2), "057", serial=9),
    ]
    store = build_store(tmp_path / "h.duckdb", [*talks, *history[:recalled], *agreement])
    found = signal_reports(store, as_of=D(2022, 11, 9))
    assert [r.signal.kind for r in found] == expected


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        ((("GOV", ActorKind.AGENT),), ["rupture"]),  # 'a senior Indian diplomat'
        ((("SPY", ActorKind.AGENT),), ["rupture"]),  # intelligence officers
        ((("GOV", ActorKind.PERSON),), ["rupture"]),  # an envoy by name
        ((("REF", ActorKind.AGENT),), []),  # refugees deported
        ((("", ActorKind.COUNTRY),), []),
        # 'deported Afghan refugees to Kabul': refugees, and the capital read as a government
        ((("REF", ActorKind.AGENT), ("GOV", ActorKind.COUNTRY)), []),
        # one report names the diplomats, another only their country
        ((("GOV", ActorKind.AGENT), ("", ActorKind.COUNTRY)), ["rupture"]),
    ],
    ids=["diplomats", "intelligence-officers", "envoy", "refugees", "country", "capital", "mixed"],
)
def test_signals_expelling_officials_is_a_rupture(
    tmp_path: Path, targets: tuple[tuple[str, ActorKind], ...], expected: list[str]
) -> None:
    # 'Canada expelled a senior Indian diplomat', 'India expelled a Canadian diplomat': told
    # as 174 (expel or deport individuals), it breaks relations when officials are expelled,
    # not when migrants are deported.
    quiet = _steady("CAN", "IND", "042", days=300, every=5)
    expelled = [
        event(a, b, day, "174", target_sector=sector, target_kind=kind, serial=10 * i + j)
        for i, (a, b, day) in enumerate(
            [("CAN", "IND", D(2022, 11, 2)), ("IND", "CAN", D(2022, 11, 3))], 1
        )
        for j, (sector, kind) in enumerate(targets)
    ]
    store = build_store(tmp_path / "x.duckdb", [*quiet, *expelled])
    found = signal_reports(store, as_of=D(2022, 11, 9))
    assert [r.signal.kind for r in found] == expected
    assert all(r.signal.detected == D(2022, 11, 3) for r in found)


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("arms", "precision", "expected"),
    [
        (("2022-09-01", "2022-10-01"), DatePrecision.ARTICLE, ["emerging_alignment"]),
        # 'North Korea has supplied Russia with shells since August', dated to the month:
        # recalled deliveries count towards arms partners as reported ones do
        (("2022-09-01", "2022-10-01"), DatePrecision.MONTH, ["emerging_alignment"]),
        (("2022-09-01",), DatePrecision.ARTICLE, []),  # one stray report makes no partners
        ((), DatePrecision.ARTICLE, []),
    ],
    ids=["arms-partners", "recalled-arms", "one-report", "no-arms"],
)
def test_signals_agreement_between_arms_partners_is_an_alignment(
    tmp_path: Path, arms: tuple[str, ...], precision: DatePrecision, expected: list[str]
) -> None:
    # A treaty between parties that have been giving each other arms is an alliance taking
    # shape (Russia and North Korea, June 2024); between mere partners it is routine.
    talks = _steady("RUS", "PRK", "040", days=300, every=6)
    given = [
        dataclasses.replace(event("PRK", "RUS", day, "072", serial=i), date_precision=precision)
        for i, day in enumerate(arms, 1)
    ]
    treaty = [
        event("RUS", "PRK", D(2022, 11, 2), "057", serial=8),
        event("PRK", "RUS", D(2022, 11, 2), "057", serial=9),
    ]
    store = build_store(tmp_path / "t.duckdb", [*talks, *given, *treaty])
    found = signal_reports(store, as_of=D(2022, 11, 9))
    assert [r.signal.kind for r in found] == expected
    assert all(r.signal.detected == D(2022, 11, 2) for r in found)


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("sentence", "code", "expected"),
    [
        ("Shoigu arrived in Pyongyang, the first visit by a Russian defence chief since the "
         "collapse of the Soviet Union.", "042", ["rapprochement"]),
        ("Kishida and Yoon held the first bilateral summit in Tokyo in more than a decade.",
         "043", ["rapprochement"]),
        ("He became the first Japanese leader in 12 years to visit Seoul.", "042",
         ["rapprochement"]),
        ("It was the first visit of its kind since the two countries downgraded ties in 2013.",
         "042", ["rapprochement"]),
        ("The first visit by a U.S. president in 20 years.", "042", ["rapprochement"]),
        ("It was their first meeting since the early 1990s.", "040", ["rapprochement"]),
        # a pair's usual rhythm of visits, a term of office, a season: no landmark
        ("It is his first visit since he became president in 2012.", "042", []),
        ("On the first day of his visit, Xi praised ties that have grown since 2013.", "042",
         []),
        ("It is his first visit to Hanoi since 2018.", "042", []),
        ("The ministers met for the first time in more than four years.", "043", []),
        ("It is his first visit since taking office in 2012.", "042", []),
        ("The first state visit since the COVID-19 outbreak began in 1999.", "042", []),
        ("The two ministers met in Hanoi on Monday.", "043", []),
        # only meetings and visits: a first attack in decades is force after a quiet spell
        ("They signed the first trade deal in more than a decade.", "057", []),
    ],
    ids=["soviet", "decade", "twelve-years", "since-2013", "abbreviation", "since-1990s",
         "became-president", "first-day", "since-2018", "four-years",
         "office", "pandemic", "no-cue", "not-a-meeting"],
)  # fmt: skip
def test_signals_first_contact_in_years_is_a_rapprochement(
    tmp_path: Path, sentence: str, code: str, expected: list[str]
) -> None:
    # A meeting told as the first in more than a term of office marks contact resumed
    # between parties that had kept apart (Shoigu in Pyongyang, July 2023), on its day.
    talks = _steady("RUS", "PRK", "040", days=300, every=30)
    day = D(2023, 7, 26)
    told = [
        dataclasses.replace(event(a, b, day, code, serial=i), evidence=sentence)
        for i, (a, b) in enumerate([("RUS", "PRK"), ("PRK", "RUS")], 1)
    ]
    store = build_store(tmp_path / "f.duckdb", [*talks, *told])
    found = signal_reports(store, as_of=D(2023, 8, 2))
    assert [r.signal.kind for r in found] == expected
    assert all(r.signal.detected == day for r in found)


SHOIGU = (
    "Shoigu arrived in Pyongyang, the first visit by a Russian defence chief since the "
    "collapse of the Soviet Union."
)


def _visit(article: str, evidence: str, **changes: object) -> list[Event]:
    day = D(2023, 7, 26)
    return [
        dataclasses.replace(
            event(a, b, day, "042", serial=i, article=article), evidence=evidence, **changes
        )
        for i, (a, b) in enumerate([("RUS", "PRK"), ("PRK", "RUS")], 1)
    ]


@pytest.mark.issue(18)
def test_signals_first_contact_of_a_pair_new_to_the_store(tmp_path: Path) -> None:
    # The report tells the pair's history itself: no 30 days of watching are needed. The
    # store is old enough (another pair's events), the pair is not.
    other = _steady("USA", "CHN", "040", days=600, every=10)
    store = build_store(tmp_path / "n.duckdb", [*other, *_visit("a", SHOIGU)])
    found = signal_reports(store, as_of=D(2023, 8, 2))
    assert [(r.signal.kind.value, r.signal.pair) for r in found] == [
        ("rapprochement", ("PRK", "RUS"))
    ]


@pytest.mark.issue(18)
def test_signals_first_contact_beside_an_agreement_of_the_same_day(tmp_path: Path) -> None:
    # The summit signs a deal the same day: the agreement between friends raises nothing,
    # and it must not hide the first contact.
    talks = _steady("RUS", "PRK", "040", days=300, every=30)
    deal = [event(a, b, D(2023, 7, 26), "057", serial=i) for i, (a, b) in
            enumerate([("RUS", "PRK"), ("PRK", "RUS")], 10)]  # fmt: skip
    store = build_store(tmp_path / "d.duckdb", [*talks, *_visit("a", SHOIGU), *deal])
    found = signal_reports(store, as_of=D(2023, 8, 2))
    assert [(r.signal.kind.value, r.signal.detected) for r in found] == [
        ("rapprochement", D(2023, 7, 26))
    ]


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("changes", "expected"),
    [({"confidence": 0.6}, ["rapprochement"]), ({"modality": Modality.NEGATED}, [])],
    ids=["told", "negated"],
)
def test_signals_first_contact_read_from_every_report_of_a_collapsed_event(
    tmp_path: Path, changes: dict[str, Any], expected: list[str]
) -> None:
    # Two outlets tell the visit; the more confident one, which the collapsed event keeps,
    # does not say it is the first in decades. A report that weighs nothing (negated) does
    # not make it one.
    talks = _steady("RUS", "PRK", "040", days=300, every=30)
    plain = _visit("b", "Shoigu arrived in Pyongyang on Wednesday for talks with Kim Jong Un.")
    cue = _visit("a", SHOIGU, **changes)
    store = Store.open(tmp_path / "c.duckdb")
    articles = [
        Article(id=e.article_id, date=e.date, title=e.article_id, text=e.evidence)
        for e in [*talks, cue[0], plain[0]]
    ]
    with store.writer() as con:
        store.upsert_articles(con, articles)
        store.upsert_events(con, [*talks, *cue, *plain])
        store.rebuild_stories(con)
    found = signal_reports(store, as_of=D(2023, 8, 2))
    assert [r.signal.kind.value for r in found] == expected


@pytest.mark.issue(18)
@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("054", "057"), ["rapprochement"]),  # relations restored, an agreement signed
        (("161", "190"), ["rupture"]),  # envoys expelled, force used
    ],
    ids=["restored-and-agreed", "expelled-and-fought"],
)
def test_signals_one_landmark_signal_a_pair_a_day(
    tmp_path: Path, codes: tuple[str, ...], expected: list[str]
) -> None:
    # Two landmark classes fire for one pair on one day: one turning point, one signal.
    history = _steady("SAU", "IRN", "040", days=300, every=30)
    broke = [event("SAU", "IRN", D(2022, 2, 1), "161", serial=900 + i) for i in range(2)]
    day = D(2023, 3, 10)
    both = [
        event(a, b, day, code, serial=1000 + 10 * i + j)
        for i, code in enumerate(codes)
        for j, (a, b) in enumerate([("SAU", "IRN"), ("IRN", "SAU")])
    ]
    store = build_store(tmp_path / "o.duckdb", [*history, *broke, *both])
    found = [r for r in signal_reports(store, as_of=D(2023, 3, 20)) if r.signal.detected == day]
    assert [r.signal.kind.value for r in found] == expected


@pytest.mark.issue(18)
def test_signals_first_contact_after_a_restoration_is_the_same_turning_point(
    tmp_path: Path,
) -> None:
    # Relations restored (054), then the ministers' first meeting in seven years: one signal.
    talks = _steady("SAU", "IRN", "040", days=300, every=30)
    restored = [event(a, b, D(2023, 3, 10), "054", serial=i) for i, (a, b) in
                enumerate([("SAU", "IRN"), ("IRN", "SAU")], 1)]  # fmt: skip
    met = [
        dataclasses.replace(
            event(a, b, D(2023, 4, 6), "043", serial=i),
            evidence="The first formal meeting of top diplomats in more than seven years.",
        )
        for i, (a, b) in enumerate([("SAU", "IRN"), ("IRN", "SAU")], 3)
    ]
    store = build_store(tmp_path / "r.duckdb", [*talks, *restored, *met])
    found = signal_reports(store, as_of=D(2023, 5, 1))
    assert [(r.signal.kind.value, r.signal.detected) for r in found] == [
        ("rapprochement", D(2023, 3, 10))
    ]
    alone = build_store(tmp_path / "m.duckdb", [*talks, *met])
    assert [r.signal.detected for r in signal_reports(alone, as_of=D(2023, 5, 1))] == [
        D(2023, 4, 6)
    ]


@pytest.mark.issue(18)
def test_signals_coverage_burst_is_no_change(tmp_path: Path) -> None:
    steady = _steady("NOR", "SWE", "042", days=400, every=2)
    codes = ("042", "043", "036", "040")
    burst = [
        event(
            "NOR", "SWE", D(2022, 9, 1) + datetime.timedelta(days=i // 20), codes[i % 4], serial=i
        )
        for i in range(100, 160)
    ]
    assert signals(build_store(tmp_path / "b.duckdb", [*steady, *burst])) == []


@pytest.mark.issue(18)
def test_signals_sparse_pair_needs_more_than_a_few_events(tmp_path: Path) -> None:
    friendly = _steady("CAN", "AUS", "042", days=600, every=30)
    quarrel = [event("CAN", "AUS", D(2023, 9, 3 + 5 * i), "112", serial=90 + i) for i in range(2)]
    assert signals(build_store(tmp_path / "s.duckdb", [*friendly, *quarrel])) == []


@pytest.mark.issue(18)
def test_signals_carry_onset_detection_confidence_and_magnitude(store) -> None:
    for signal in signals(store):
        assert signal.start <= signal.detected
        assert 0.5 <= signal.confidence <= 1.0
        assert signal.kind in KINDS


def test_alignment_quiet_month_returns_to_baseline(tmp_path: Path) -> None:
    friendly = [event("NOR", "SWE", D(2022, m, 10), "042") for m in range(1, 13)]
    quarrel = [event("NOR", "SWE", D(2023, 1, 10), "112")]
    store = build_store(tmp_path / "a.duckdb", [*friendly, *quarrel])
    points = alignment(store, "SWE", "NOR", as_of=D(2023, 7, 1))
    january, june = points[12], points[-1]
    assert january.index < points[11].index
    assert june.index > january.index > -0.2
    assert june.low <= june.index <= june.high


def test_alignment_more_stories_narrow_the_band(tmp_path: Path) -> None:
    few = build_store(tmp_path / "f.duckdb", [event("NOR", "SWE", "2022-01-10", "042")])
    many = build_store(
        tmp_path / "m.duckdb",
        [event("NOR", "SWE", D(2022, 1, 10 + i), "042") for i in range(9)],
    )
    one, nine = alignment(few, "NOR", "SWE")[0], alignment(many, "NOR", "SWE")[0]
    assert nine.high - nine.low < one.high - one.low
    assert nine.index > one.index > 0
