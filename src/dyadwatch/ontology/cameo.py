"""CAMEO 1.1b3 event codes with their names, roots, quad classes, Goldstein values and PLOVER.

The codebook lives in ``data/cameo.tsv``, the CAMEO → PLOVER crosswalk in
``data/cameo_plover.tsv`` and the act → announced-act crosswalk in ``data/cameo_intent.tsv``;
each file is read once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum

from dyadwatch.datafiles import package_table
from dyadwatch.errors import UnknownNameError
from dyadwatch.records import QuadClass

_DATA = "dyadwatch.ontology"  # the package whose data/ holds the tables

_VC = QuadClass.VERBAL_COOPERATION
_MC = QuadClass.MATERIAL_COOPERATION
_VX = QuadClass.VERBAL_CONFLICT
_MX = QuadClass.MATERIAL_CONFLICT

#: Quad class by root range (first root, last root, quad), per scheme.
#: ``gdelt``: 01-05 / 06-08 / 09-13 / 14-20; ``mirai``: MIRAI's 01-04 / 05-08 / 09-16 / 17-20.
QUAD_SCHEMES: dict[str, tuple[tuple[int, int, QuadClass], ...]] = {
    "gdelt": ((1, 5, _VC), (6, 8, _MC), (9, 13, _VX), (14, 20, _MX)),
    "mirai": ((1, 4, _VC), (5, 8, _MC), (9, 16, _VX), (17, 20, _MX)),
}
DEFAULT_SCHEME = "gdelt"


class Root(StrEnum):
    """The 20 CAMEO roots by name, so code says ``Root.THREATEN`` rather than ``"13"``.

    Members are strings: ``Root.CONSULT == "04"`` and ``code[:2] in {Root.AID}`` work.
    The names shorten the codebook's headings (``data/cameo.tsv``).
    """

    STATEMENT = "01"  # make public statement
    APPEAL = "02"
    INTENT = "03"  # express intent to cooperate
    CONSULT = "04"
    DIPLOMATIC_COOPERATION = "05"
    MATERIAL_COOPERATION = "06"
    AID = "07"  # provide aid
    YIELD = "08"
    INVESTIGATE = "09"
    DEMAND = "10"
    DISAPPROVE = "11"
    REJECT = "12"
    THREATEN = "13"
    PROTEST = "14"
    FORCE_POSTURE = "15"  # exhibit force posture
    REDUCE_RELATIONS = "16"
    COERCE = "17"
    ASSAULT = "18"
    FIGHT = "19"
    MASS_VIOLENCE = "20"  # use unconventional mass violence


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code.

    ``quad_class`` uses the default (``gdelt``) scheme; ``plover_type`` is ``""`` for the
    root-01 statement codes, which PLOVER does not code.
    """

    code: str
    name: str
    root: str
    quad_class: QuadClass
    goldstein: float
    plover_type: str
    plover_mode: str


@functools.cache
def _table() -> dict[str, CameoCode]:
    crosswalk = {row["code"]: row for row in package_table(_DATA, "cameo_plover.tsv")}
    table = {}
    for row in package_table(_DATA, "cameo.tsv"):
        code = row["code"]
        table[code] = CameoCode(
            code=code,
            name=row["name"],
            root=code[:2],
            quad_class=_quad(code[:2], DEFAULT_SCHEME),
            goldstein=float(row["goldstein"]),
            plover_type=crosswalk[code]["plover_type"],
            plover_mode=crosswalk[code]["plover_mode"],
        )
    return table


def _quad(root: str, scheme: str) -> QuadClass:
    ranges = QUAD_SCHEMES.get(scheme)
    if ranges is None:
        raise UnknownNameError("quad class scheme", scheme, QUAD_SCHEMES)
    number = int(root)
    return next(quad for first, last, quad in ranges if first <= number <= last)


def get(code: str) -> CameoCode:
    """Return the CAMEO code ``code`` (2, 3 or 4 digits, as a string).

    Raises:
        UnknownNameError: ``code`` is not a CAMEO 1.1b3 event code; the message offers
            close matches.

    Example:
        >>> get("072").name
        'Provide military aid'
    """
    found = _table().get(code.strip())
    if found is None:
        raise UnknownNameError("CAMEO code", code, _table())
    return found


def codes() -> list[str]:
    """Return every CAMEO event code, sorted (``"01"``, ``"010"``, ..., ``"2042"``)."""
    return sorted(_table())


def roots() -> list[str]:
    """Return the 20 two-digit root codes, ``"01"`` to ``"20"``."""
    return [code for code in codes() if len(code) == 2]


def is_valid(code: str) -> bool:
    """Return whether ``code`` is a CAMEO 1.1b3 event code."""
    return code.strip() in _table()


def root_of(code: str) -> str:
    """Return the two-digit root of a valid code, e.g. ``"19"`` for ``"195"``."""
    return get(code).root


def quad_class(code: str, *, scheme: str = DEFAULT_SCHEME) -> QuadClass:
    """Return the quad class of ``code`` under ``scheme`` (``"gdelt"`` or ``"mirai"``).

    Example:
        >>> quad_class("145").label, quad_class("145", scheme="mirai").label
        ('material_conflict', 'verbal_conflict')
    """
    return _quad(root_of(code), scheme)


@functools.cache
def _intents() -> dict[str, str]:
    rows = package_table(_DATA, "cameo_intent.tsv", ("code", "intent"))
    return {row["code"]: row["intent"] for row in rows}


def intent_of(code: str) -> str:
    """Return the CAMEO code for announcing ``code`` rather than doing it.

    CAMEO codes a promised act as intent (03: "will provide aid" is 033) and a promised
    hostile act as a threat (13: "will impose sanctions" is 1312); verbal acts stay. The
    crosswalk is ``data/cameo_intent.tsv``: a full code there wins over its 3-digit code, and
    that over its root.

    Example:
        >>> intent_of("073"), intent_of("070"), intent_of("163"), intent_of("042")
        ('0333', '033', '1312', '036')
        >>> intent_of("111")
        '111'
    """
    intents = _intents()
    for prefix in (code, code[:3], code[:2]):
        if prefix in intents:
            return intents[prefix]
    return code
