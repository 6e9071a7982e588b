"""PLOVER event types, modes and contexts, and the crosswalk between PLOVER and CAMEO.

Canonical type names are those of the current PLOVER manual (Draft 0.8, 2021): REQUEST
(formerly DEMAND) and ACCUSE (formerly DISAPPROVE and INVESTIGATE). ``normalise_type``
maps older names, such as those in PLOVER's gold-standard records, onto them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dyadwatch.datafiles import package_table
from dyadwatch.errors import UnknownNameError
from dyadwatch.ontology import cameo

_DATA = "dyadwatch.ontology"  # the package whose data/ holds the tables

#: Older PLOVER type names (versions 0.5-0.7, gold-standard records) -> current names.
ALIASES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "COOPERATION": "COOPERATE",
}


@dataclass(frozen=True, slots=True)
class PloverMapping:
    """A PLOVER event type with its mode (``""`` when none)."""

    type: str
    mode: str = ""


def types() -> list[str]:
    """Return the current PLOVER event types, in the manual's order."""
    return [row["type"] for row in package_table(_DATA, "plover_types.tsv")]


def normalise_type(name: str) -> str:
    """Return the current PLOVER name for ``name`` (any case; old names included).

    Raises:
        UnknownNameError: ``name`` is neither a PLOVER type nor a known older name.

    Example:
        >>> normalise_type("demand"), normalise_type("Disapprove")
        ('REQUEST', 'ACCUSE')
    """
    upper = name.strip().upper()
    canonical = ALIASES.get(upper, upper)
    if canonical not in types():
        raise UnknownNameError("PLOVER event type", name, [*types(), *ALIASES])
    return canonical


@functools.cache
def _modes() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {name: [] for name in types()}
    for row in package_table(_DATA, "plover_modes.tsv"):
        found[row["type"]].append(row["mode"])
    return {name: tuple(modes) for name, modes in found.items()}


def modes(type: str) -> list[str]:
    """Return the modes of a PLOVER type (empty for types without modes).

    Example:
        >>> modes("CONSULT")
        ['visit', 'third-party', 'multilateral', 'phone']
    """
    return list(_modes()[normalise_type(type)])


def contexts() -> list[str]:
    """Return the PLOVER context values known to dyadwatch."""
    return [row["context"] for row in package_table(_DATA, "plover_contexts.tsv")]


def from_cameo(code: str) -> PloverMapping | None:
    """Return the PLOVER type and mode for a CAMEO code; ``None`` for root-01 statements.

    Raises:
        UnknownNameError: ``code`` is not a CAMEO code.

    Example:
        >>> from_cameo("1384")
        PloverMapping(type='THREATEN', mode='violence')
    """
    entry = cameo.get(code)
    if not entry.plover_type:
        return None
    return PloverMapping(type=entry.plover_type, mode=entry.plover_mode)


@functools.cache
def _generic_codes() -> dict[str, str]:
    return {row["type"]: row["cameo"] for row in package_table(_DATA, "plover_types.tsv")}


@functools.cache
def _reverse() -> dict[PloverMapping, str]:
    by_pair = {PloverMapping(type=name): code for name, code in _generic_codes().items()}
    for code in sorted(cameo.codes(), key=_preference):
        mapping = from_cameo(code)
        if mapping is not None and len(code) > 2:
            by_pair.setdefault(mapping, code)
    return by_pair


def _preference(code: str) -> tuple[bool, int, str]:
    # A type's own CAMEO root first (REQUEST/meet -> 106, not the appeal 026), then the
    # least specific code.
    mapping = from_cameo(code)
    home = _generic_codes()[mapping.type][:2] if mapping else ""
    return (code[:2] != home, len(code), code)


def to_cameo(type: str, mode: str = "") -> str | None:
    """Return the most general CAMEO code for a PLOVER type and mode.

    With no mode this is the type's generic code (``AGREE`` → ``030``). With a mode it is
    the least specific CAMEO code the crosswalk maps to exactly that pair, or ``None``
    where CAMEO has no such code (``CONSULT``/``multilateral``).

    Raises:
        UnknownNameError: unknown type, or a mode the type does not have.

    Example:
        >>> to_cameo("DEMAND", "meet"), to_cameo("ASSAULT", "aerial")
        ('106', '195')
    """
    canonical = normalise_type(type)
    if mode and mode not in _modes()[canonical]:
        raise UnknownNameError(f"{canonical} mode", mode, _modes()[canonical])
    return _reverse().get(PloverMapping(type=canonical, mode=mode))
