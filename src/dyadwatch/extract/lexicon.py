"""The verb and noun lexicon that turns a parsed predicate into a CAMEO code (docs/lexicon.md)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from dyadwatch.datafiles import WordClasses, package_text, package_words, read_rows, read_words
from dyadwatch.errors import ConfigError, InputError

DATA = "dyadwatch.extract"  # the package whose data/ holds the lexicon
RULE_COLUMNS = ("lemma", "when", "cameo")


class Pairing(StrEnum):
    """How a rule pairs the roles around its predicate into (source, target)."""

    FORWARD = "s>o"  # the subject acts on the object
    BACKWARD = "o>s"  # the object acts on the subject
    SYMMETRIC = "sym"  # each side acts on the other ('met', 'fought')


ROLES = frozenset(Pairing)
CONDITION_KEYS = frozenset({"obj", "xcomp", "prep", "prt", "for"})
NO_CLAUSE = frozenset({"-"})  # 'xcomp=-': the verb governs no clause ('called on Marcos')


@dataclass(frozen=True, slots=True)
class Rule:
    """One lexicon row: when a lemma with these arguments means this CAMEO code."""

    lemma: str
    cameo: str
    roles: Pairing = Pairing.FORWARD
    obj: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    prep: str = ""
    prt: str = ""
    for_: frozenset[str] = frozenset()
    specificity: int = 0


@dataclass(frozen=True, slots=True)
class Frame:
    """What the parse offers around one predicate, as lemmas."""

    obj: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    for_: frozenset[str] = frozenset()
    clausal: bool = False  # any clause under the verb: a complement, a 'to' clause, a reason


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word classes plus verb and noun rules, indexed by lemma."""

    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[Rule, ...]] = field(default_factory=dict)

    def in_class(self, lemmas: Iterable[str], names: frozenset[str]) -> bool:
        """Return whether any lemma belongs to any of the named classes."""
        return any(lemma in self.classes.get(name, ()) for name in names for lemma in lemmas)

    def match(self, rules: Sequence[Rule], frame: Frame) -> Rule | None:
        """Return the first rule whose conditions the frame meets."""
        for rule in rules:
            if rule.obj and not self.in_class(frame.obj, rule.obj):
                continue
            if rule.xcomp == NO_CLAUSE:
                if frame.clausal:
                    continue
            elif rule.xcomp and not self.in_class(frame.xcomp, rule.xcomp):
                continue
            if rule.for_ and not self.in_class(frame.for_, rule.for_):
                continue
            if rule.prep and rule.prep not in frame.preps:
                continue
            if rule.prt and rule.prt not in frame.prt:
                continue
            return rule
        return None

    def class_words(self, name: str) -> frozenset[str]:
        """Return the lemmas of one class (empty when unknown)."""
        return self.classes.get(name, frozenset())


def _parse_when(path: str, number: int, when: str) -> dict[str, str]:
    conditions: dict[str, str] = {}
    if when in {"", "-"}:
        return conditions
    for part in when.split(","):
        key, sep, value = part.partition("=")
        if not sep or key.strip() not in CONDITION_KEYS:
            raise InputError(
                path, number, f"bad condition {part!r}", f"use {', '.join(sorted(CONDITION_KEYS))}"
            )
        conditions[key.strip()] = value.strip()
    return conditions


def _classes(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.split("|") if v.strip())


def parse_rules(path: str, text: str) -> dict[str, tuple[Rule, ...]]:
    """Parse a verbs/nouns TSV into rules by lemma, keeping file order."""
    rules: dict[str, list[Rule]] = {}
    for row in read_rows(text, path, required=RULE_COLUMNS):
        if not row["lemma"] or not row["cameo"]:
            raise row.error("expected lemma, when, cameo[, roles, note]")
        lemma, when, cameo = row["lemma"].lower(), row["when"], row["cameo"]
        roles = row.cells.get("roles") or Pairing.FORWARD.value
        if roles not in ROLES:
            raise row.error(f"bad roles {roles!r}", "use s>o, o>s or sym")
        cond = _parse_when(path, row.line, when)
        rule = Rule(
            lemma=lemma,
            cameo=cameo,
            roles=Pairing(roles),
            obj=_classes(cond.get("obj", "")),
            xcomp=_classes(cond.get("xcomp", "")),
            prep=cond.get("prep", ""),
            prt=cond.get("prt", ""),
            for_=_classes(cond.get("for", "")),
            specificity=len(cond),
        )
        rules.setdefault(lemma, []).append(rule)
    return {lemma: tuple(found) for lemma, found in rules.items()}


def parse_classes(path: str, text: str) -> dict[str, frozenset[str]]:
    """Parse classes.tsv into class name → lemmas."""
    return dict(read_words(text, path).classes)


@functools.cache
def load_lexicon() -> Lexicon:
    """Load the lexicon shipped with dyadwatch (cached)."""
    return Lexicon(
        classes=dict(package_words(DATA, "classes.tsv").classes),
        verbs=parse_rules("verbs.tsv", package_text(DATA, "verbs.tsv")),
        nouns=parse_rules("nouns.tsv", package_text(DATA, "nouns.tsv")),
    )


def check_codes(lexicon: Lexicon, valid: Iterable[str]) -> None:
    """Raise ``ConfigError`` if a rule uses a CAMEO code not in ``valid``."""
    codes = set(valid)
    for table in (lexicon.verbs, lexicon.nouns):
        for rules in table.values():
            for rule in rules:
                if rule.cameo not in codes:
                    raise ConfigError(
                        f"lexicon rule for {rule.lemma!r}: unknown CAMEO {rule.cameo}"
                    )


def word_table(name: str) -> WordClasses:
    """Return the word classes of ``extract/data/<name>`` (``cues.tsv``, ``roles.tsv``).

    Example:
        >>> "deny" in word_table("cues.tsv")["NEGATING_VERBS"]
        True
    """
    return package_words(DATA, name)
