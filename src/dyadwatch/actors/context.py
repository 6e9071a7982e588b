"""Declarative context rules the resolver applies to raw gazetteer matches.

Each table here is data: which words may sit between a country and its agent noun, which
country names double as personal names, and which nearby words flip an ambiguous name
("Georgia" the U.S. state, "Congo" the Republic of the Congo).
"""

from __future__ import annotations

from dataclasses import dataclass

# Words allowed between a modifier and its agent noun: "U.S. national security officials",
# "Russian defence ministry officials", "North Korean senior military commanders".
FILLERS = frozenset(
    [
        "national",
        "security",
        "senior",
        "top",
        "foreign",
        "defence",
        "defense",
        "state",
        "federal",
        "local",
        "regional",
        "intelligence",
        "border",
        "special",
        "elite",
        "armed",
        "naval",
        "ground",
        "air",
        "ruling",
        "interior",
        "finance",
        "trade",
        "health",
        "economy",
        "economic",
        "justice",
        "deputy",
        "vice",
        "acting",
        "former",
        "new",
        "chief",
        "high",
        "ranking",
        "other",
        "two",
        "three",
        "four",
        "five",
        "several",
        "many",
        "some",
        "peacekeeping",
        "nuclear",
        "energy",
        "agriculture",
        "education",
        "culture",
        "environment",
        "transport",
        "home",
        "prime",
        "first",
        "supreme",
        "interim",
        "transitional",
        "backed",
        "military",
        "led",
        "pro",
        "anti",
        "allied",
        "coalition",
        "outgoing",
        "incoming",
        "then",
        "late",
        "exiled",
        "jailed",
        "detained",
        "captured",
        "elected",
        "newly",
        "retired",
        "serving",
        "active",
        "duty",
        "tank",
        "infantry",
        "mechanized",
        "mechanised",
        "airborne",
        "marine",
        "coast",
        "guard",
        "riot",
        "secret",
        "counter",
        "terrorism",
        "counterterrorism",
        "civilian",
        "civil",
        "public",
        "central",
        "provincial",
        "municipal",
        "city",
        "top-level",
        "hardline",
        "hard",
        "line",
        "moderate",
        "reformist",
        "conservative",
        "liberal",
        "level",
        "the",
        "its",
        "their",
        "his",
        "her",
        "s",
    ]
)

# Fillers that make a government title mean a former office-holder (CAMEO's ELI sector).
FORMER = frozenset({"former", "ex"})
ELITE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "SPY"})

# Words that may come before a name without making it part of a personal name.
NAME_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "from",
        "to",
        "and",
        "of",
        "for",
        "with",
        "by",
        "as",
        "but",
        "if",
        "when",
        "while",
        "after",
        "before",
        "said",
        "says",
        "king",
        "queen",
        "president",
        "minister",
        "prime",
        "both",
        "neighbouring",
        "neighboring",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "today",
        "yesterday",
        "meanwhile",
        "however",
        "also",
        "earlier",
        "later",
        "now",
        "then",
        "why",
        "how",
        "what",
        "where",
        "who",
        "tiny",
        "oil-rich",
        "war-torn",
        "landlocked",
    ]
)

# Country aliases that are also personal names: dropped when they read as part of one.
FORENAMES = frozenset(
    {"jordan", "chad", "georgia", "israel", "victoria", "stanley", "douglas", "hamilton"}
)
SURNAMES = frozenset(
    {"jordan", "washington", "chad", "israel", "georgia", "paris", "sofia", "hamilton",
     "stanley", "douglas", "victoria"}
)  # fmt: skip

# Capitals that are everyday personal or place names elsewhere, by token keys, with the
# countries they may name. Such a capital is kept only when the same text also names
# its country (name, demonym, another capital, an institution or a person): "Victoria,
# Seychelles" is Seychelles' government, "Queen Victoria" and "Victoria said" are not (#3).
# "Kingston" alone stays Jamaica's (an unconditional capital); beside Norfolk Island it is
# Norfolk Island's.
GATED_CAPITALS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("hamilton",): ("BMU",),
    ("west", "island"): ("CCK",),
    ("stanley",): ("FLK",),
    ("port", "stanley"): ("FLK",),
    ("douglas",): ("IMN",),
    ("plymouth",): ("MSR",),
    ("kingston",): ("NFK",),
    ("jamestown",): ("SHN",),
    ("victoria",): ("SYC",),
}
GATED_FIRST_KEYS = frozenset(keys[0] for keys in GATED_CAPITALS)


@dataclass(frozen=True, slots=True)
class Switch:
    """Swap (or drop, when ``to`` is empty) an entry when cue words are in the text."""

    keys: tuple[str, ...]  # token keys of the matched alias
    cues: frozenset[str]  # any of these present ...
    against: frozenset[str]  # ... and none of these
    to: str  # ISO code of the country it becomes; "" drops the match
    why: str


SWITCHES = (
    Switch(
        ("georgia",),
        frozenset(
            [
                "atlanta",
                "savannah",
                "macon",
                "augusta",
                "governor",
                "gov",
                "county",
                "counties",
                "kemp",
                "raffensperger",
                "fulton",
                "peach",
                "ga",
                "bulldogs",
                "statehouse",
            ]
        ),
        frozenset(
            [
                "tbilisi",
                "abkhazia",
                "ossetia",
                "caucasus",
                "batumi",
                "kobakhidze",
                "saakashvili",
                "ivanishvili",
                "zurabishvili",
                "kavelashvili",
                "georgian",
                "dream",
            ]
        ),
        "",
        "the U.S. state of Georgia (context)",
    ),
    Switch(
        ("georgian",),
        frozenset(["atlanta", "savannah", "governor", "county", "kemp", "fulton"]),
        frozenset(["tbilisi", "abkhazia", "ossetia", "caucasus"]),
        "",
        "a resident of the U.S. state of Georgia (context)",
    ),
    Switch(
        ("congo",),
        frozenset(["brazzaville", "sassou", "nguesso"]),
        frozenset(["kinshasa", "tshisekedi", "goma", "kivu", "m23", "kabila"]),
        "COG",
        "bare 'Congo' with Brazzaville context is the Republic of the Congo",
    ),
    Switch(
        ("congolese",),
        frozenset(["brazzaville", "sassou", "nguesso"]),
        frozenset(["kinshasa", "tshisekedi", "goma", "kivu", "m23", "kabila"]),
        "COG",
        "'Congolese' with Brazzaville context is the Republic of the Congo",
    ),
)

SWITCH_BY_KEYS = {switch.keys: switch for switch in SWITCHES}
SWITCH_FIRST_KEYS = frozenset(switch.keys[0] for switch in SWITCHES)
