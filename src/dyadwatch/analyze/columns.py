"""The analyze stage's view of the events table: column names taken from ``store.schema``.

Every query in ``analyze/`` spells columns through ``COL`` and builds its weighted event
relation with ``weighted_events``, so a renamed column fails here, at import, rather than
deep inside an SQL string.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dyadwatch.config import AnalyticsSettings
from dyadwatch.ontology import Root
from dyadwatch.records import DatePrecision, Modality, QuadClass
from dyadwatch.store import schema
from dyadwatch.store.db import Connection

MATERIAL_COOPERATION_CODES = ("057",)
"""CAMEO codes (prefixes) counted as material cooperation although coded verbal (#5)."""

MATERIAL_COOPERATION_ROOTS = (Root.MATERIAL_COOPERATION, Root.AID)
"""CAMEO roots counted as material cooperation (cooperate materially, provide aid)."""

OFFICIAL_SECTORS = ("GOV", "SPY")
"""Target sectors of a state's officials (diplomats, envoys, intelligence officers): an
expulsion aimed at them is a break in relations, not a deportation (``official``)."""
OFFICIAL_KINDS = ("agent", "person")
"""Target kinds that name officials: "a senior Canadian diplomat", an envoy by name. A
capital read as its government ("deported Afghan refugees to Kabul") names none."""
OPPOSING_SECTORS = ("REB", "INS", "SEP", "OPP")
"""Sectors of a country's parties against its state: rebels, insurgents, separatists, the
opposition. Another country's support for them (``SUPPORT_ROOTS``) is not cooperation with
that country ("Rwanda backs the M23", "Iran arms the Houthis", "Ethiopia's memorandum with
Somaliland"), so it counts for neither pair (``relation_sql``). Talks, appeals and truces
with them (the Doha talks of the United States and the Taliban, Saudi-Houthi talks) and
conflict with them ("Israel struck Hezbollah in Lebanon") stay the pair's. UAF (militias
and contractors: Wagner, the Popular Mobilization Forces) is not among them: they often
fight for a state, not against it."""
SUPPORT_ROOTS = (Root.DIPLOMATIC_COOPERATION, Root.MATERIAL_COOPERATION, Root.AID)
"""CAMEO roots of support (endorse, sign agreements; cooperate materially; give aid)."""
DAY_EXACT = (DatePrecision.DAY.value, DatePrecision.ARTICLE.value)
"""Date precisions that place an event on its day (``exact``). "Agreed in Beijing last
month", dated to the month's first day, cannot mark the day of a turning point; "this
month", dated to the article's own day (``extract.when``: a month that holds the article
date keeps it), is as exact as the article's date."""

CONTACT_ROOT = str(Root.CONSULT)
"""The CAMEO root of meetings and visits, the events a novelty cue (``NOVEL_CUE``) marks."""
NOVEL_YEARS = 6
"""Years without such contact that make a meeting a first (``novel``): more than a usual
term of office, so that a leader's first visit of a term, or a pair's usual rhythm of
visits, is no landmark; "in more than a decade" and "since the collapse of the Soviet
Union" are."""
_QUALIFIER = (
    r"(?:the (?:past |last )?)?(?:more than |nearly |almost |over |well over |about |around "
    r"|close to |some |at least )?"
)
_LONG_NUMBERS = (
    r"(?:six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|many)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_LONG_SPANS = rf"{_LONG_NUMBERS} years|decades?|(?:a quarter|half) (?:of )?a century|century"
_HISTORIC = (
    r"the (?:collapse|fall|end|break-?up|dissolution) of the (?:Soviet Union|USSR|Cold War)"
    r"|the (?:Soviet Union|USSR) (?:collapsed|fell|broke up|dissolved)"
)
# What "first" must name for its phrase to tell a contact, after a determiner: 'the first
# visit', 'their first formal talks', 'the first Japanese leader ... to visit', 'for the
# first time'; not 'the first day of his visit', nor the title 'First Deputy Prime Minister'.
_FIRST = (
    r"\b(?:the|their|its|his|her|a) first (?:\S+ ){0,2}(?:time|visit|trip|meeting|summit"
    r"|talks|round|contact|call|such|session|dialogue|consultations|encounter|conversation"
    r"|exchange|leader|president"
    r"|(?:prime |foreign |defence |defense )?minister|head of state|official|delegation)s?\b"
)
# Within a clause: a dot ends it unless it closes an initial or a title ('the U.S. president').
_CLAUSE = r"(?:[^.;:]|\b[A-Z]\.|\b(?:St|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Lt|Col|Adm)\.)"
NOVEL_CUE = (
    rf"(?i){_FIRST}{_CLAUSE}{{0,100}}?\b(?:"
    rf"in {_QUALIFIER}(?:\d+ years|a decade|{_LONG_SPANS})"
    rf"|in {_QUALIFIER}(?:a |one |two |three |four |five |several |many )?decades?"
    rf"|since {_CLAUSE}{{0,60}}?\b(?:19|20)\d\ds?\b"
    rf"|since {_HISTORIC})"
)
"""A sentence's phrase that tells a contact as the first of its kind in years ("the first
visit to Japan by a South Korean leader in 12 years"). ``novel`` reads the years it names."""
NOVEL_NOT = (
    r"(?i)\bsince\b.*\b(?:office|power|became|become|becoming|elected|re-elected|election"
    r"|re-election|inaugurat\w*|sworn|assum\w+|pandemic|covid(?:-19)?|coronavirus)\b"
)
"""Words after "since" that make the first a person's or a season's ("his first visit since
taking office in 2015", "since his election in 2016", "the first since the pandemic"), not
the pair's."""
_NOVEL_DIGITS = r"in \D{0,30}?(\d+) years"
_NOVEL_YEAR = r"since .*\b((?:19|20)\d\d)s?\b"
_NOVEL_LONG = rf"(?i){_LONG_SPANS}|{_HISTORIC}"


@dataclass(frozen=True, slots=True)
class EventColumns:
    """Quoted SQL identifiers of the event columns analyze reads."""

    id: str
    article_id: str
    date: str
    date_precision: str
    sentence_index: str
    source_code: str
    source_country: str
    source_sector: str
    target_code: str
    target_country: str
    target_sector: str
    target_kind: str
    cameo: str
    root: str
    quad_class: str
    goldstein: str
    plover_type: str
    modality: str
    trigger: str
    evidence: str
    confidence: str


def _columns() -> EventColumns:
    stored = {column.name for column in schema.EVENT_COLUMNS}
    wanted = [field.name for field in dataclasses.fields(EventColumns)]
    missing = sorted(set(wanted) - stored)
    if missing:
        raise ImportError(
            f"dyadwatch.store.schema.EVENT_COLUMNS lacks {missing}; "
            "update dyadwatch.analyze.columns.EventColumns to the new names"
        )
    return EventColumns(**{name: schema.quote(name) for name in wanted})


COL = _columns()
EVENTS = schema.quote(schema.check_table("events"))
_ALL_EVENT_COLUMNS = schema.column_list(schema.EVENT_COLUMNS)
COLLAPSED_EVENTS = (
    f"(SELECT {_ALL_EVENT_COLUMNS} FROM {schema.quote('unique_events')}"
    f" UNION ALL SELECT {_ALL_EVENT_COLUMNS} FROM {EVENTS}"
    f" WHERE {schema.quote('article_id')} NOT IN"
    f" (SELECT {schema.quote('article_id')} FROM {schema.quote('stories')}))"
)
"""Events counted once per story: collapsed events, plus mentions of unclustered articles."""


def weight_params(settings: AnalyticsSettings) -> dict[str, Any]:
    """Return the named SQL parameters of the modality weights."""
    weights = {
        Modality.ASSERTED: settings.weight_asserted,
        Modality.REPORTED: settings.weight_reported,
        Modality.PLANNED: settings.weight_planned,
        Modality.SPECULATIVE: settings.weight_speculative,
        Modality.NEGATED: settings.weight_negated,
    }
    params: dict[str, Any] = {}
    for modality, weight in weights.items():
        params[f"m_{modality.value}"] = modality.value
        params[f"w_{modality.value}"] = float(weight)
    return params


def weight_sql() -> str:
    """Return the SQL expression of an event's modality weight (bind ``weight_params``)."""
    cases = " ".join(f"WHEN $m_{m.value} THEN $w_{m.value}" for m in Modality)
    return f"CASE {COL.modality} {cases} ELSE 0.0 END"


def _material_sql() -> str:
    codes = " OR ".join(
        f"starts_with({COL.cameo}, $mc_{i})" for i in range(len(MATERIAL_COOPERATION_CODES))
    )
    return f"({COL.quad_class} = $q_mc OR list_contains($mc_roots, {COL.root}) OR {codes})"


def material_params() -> dict[str, Any]:
    """Return the named SQL parameters of the material-cooperation test."""
    params: dict[str, Any] = {f"mc_{i}": c for i, c in enumerate(MATERIAL_COOPERATION_CODES)}
    params["mc_roots"] = list(MATERIAL_COOPERATION_ROOTS)
    params["q_mc"] = int(QuadClass.MATERIAL_COOPERATION)
    return params


def relation_sql() -> str:
    """Return the SQL test of an event that tells the relation of its two countries: not
    one country's support (``SUPPORT_ROOTS``) for another's ``OPPOSING_SECTORS``, either
    way (bind ``relation_params``)."""
    return (
        f"NOT (list_contains($support_roots, {COL.root})"
        f" AND {COL.source_country} IS DISTINCT FROM {COL.target_country}"
        f" AND list_has_any($opposing, [{COL.source_sector}, {COL.target_sector}]))"
    )


def relation_params() -> dict[str, Any]:
    """Return the named SQL parameters of ``relation_sql``."""
    return {"opposing": list(OPPOSING_SECTORS), "support_roots": [str(r) for r in SUPPORT_ROOTS]}


def weighted_events(
    settings: AnalyticsSettings, where: str, *, relations: bool = True, novel: bool = False
) -> str:
    """Return a subquery of the events passing ``where``, one row each, with their weight.

    Its columns are ``day, src, tgt, cameo, quad, goldstein, material, official, exact,
    novel, w`` (``material`` is true for aid, arms and agreements: quad class 2, roots 06/07
    and code 057; ``official`` when a report of the day's event is aimed at a state's
    officials, ``OFFICIAL_SECTORS`` named by an agent or person: "deported Afghan refugees
    to Kabul" is told against AFGREF and the capital's AFGGOV, neither of them officials);
    ``exact`` when a report dates it to its day (``DAY_EXACT``), not only to a month or
    year; ``novel``, asked for by the signal scan only (false otherwise, so the other
    analyses do not pay for it), when a report tells a meeting or visit as the first in
    ``NOVEL_YEARS`` or more (``novel_sql``). Rows weighing nothing (negated, by default)
    are dropped, and so, with ``relations``, is cooperation with another country's rebels
    or opposition (``relation_sql``). Unless ``settings.count_mentions``, events come from
    the store's collapsed ``unique_events`` (one event for all the articles of a story,
    #10) plus the mentions of articles not yet clustered, and one event told by several
    articles (same day, countries and CAMEO code) counts once, at its highest weight. Bind
    ``base_params`` with it.
    """
    source = EVENTS if settings.count_mentions else COLLAPSED_EVENTS
    raw = (
        f"SELECT {COL.date} AS day, {COL.source_country} AS src, {COL.target_country} AS tgt,"
        f" {COL.cameo} AS cameo, {COL.quad_class} AS quad, {COL.goldstein} AS goldstein,"
        f" {_material_sql()} AS material, list_contains($official_sectors, {COL.target_sector})"
        f" AND list_contains($official_kinds, {COL.target_kind}) AS official,"
        f" (list_contains($day_exact, {COL.date_precision}) OR ({COL.date_precision} = $month"
        f" AND dayofmonth({COL.date}) <> 1)) AS exact,"
        f" {novel_sql() if novel and settings.count_mentions else 'false'} AS novel,"
        f" {weight_sql()} AS w FROM {source} WHERE ({where})"
        + (f" AND {relation_sql()}" if relations else "")
    )
    if not settings.count_mentions:
        raw = (
            "SELECT day, src, tgt, cameo, any_value(quad) AS quad,"
            " any_value(goldstein) AS goldstein, bool_or(material) AS material,"
            " bool_or(official) AS official, bool_or(exact) AS exact,"
            f" {'bool_or(nday IS NOT NULL)' if novel else 'false'} AS novel, max(w) AS w"
            f" FROM ({raw}){_firsts_join(where) if novel else ''} GROUP BY day, src, tgt, cameo"
        )
    return f"(SELECT * FROM ({raw}) WHERE w > 0)"


def _firsts_join(where: str) -> str:
    """A collapsed event keeps one report's sentence; whether any report that counts tells it
    as a first is read from every mention of that day, pair and code."""
    firsts = (
        f"SELECT DISTINCT {COL.date} AS nday, {COL.source_country} AS nsrc,"
        f" {COL.target_country} AS ntgt, {COL.cameo} AS ncameo FROM {EVENTS}"
        f" WHERE ({where}) AND {novel_sql()} AND {weight_sql()} > 0"
    )
    return f" LEFT JOIN ({firsts}) ON day = nday AND src = nsrc AND tgt = ntgt AND cameo = ncameo"


def base_params(settings: AnalyticsSettings) -> dict[str, Any]:
    """Return every named parameter ``weighted_events`` needs."""
    return {
        **weight_params(settings),
        **material_params(),
        **relation_params(),
        "official_sectors": list(OFFICIAL_SECTORS),
        "official_kinds": list(OFFICIAL_KINDS),
        "day_exact": list(DAY_EXACT),
        "month": DatePrecision.MONTH.value,
        **novel_params(),
    }


def novel_sql() -> str:
    """Return the SQL test of a meeting or visit (``CONTACT_ROOT``) whose sentence tells it as
    the first in ``NOVEL_YEARS`` or more (``NOVEL_CUE``, not ``NOVEL_NOT``): in a number of
    years, in decades, since a year that long before the event, or since the Soviet Union's
    end (bind ``novel_params``)."""
    cue = f"regexp_extract({COL.evidence}, $novel_cue, 0)"
    years = (
        f"regexp_matches({cue}, $novel_long)"
        f" OR coalesce(try_cast(regexp_extract({cue}, $novel_digits, 1) AS INTEGER), 0)"
        " >= $novel_years"
        f" OR year({COL.date}) - coalesce(try_cast(regexp_extract({cue}, $novel_year, 1)"
        " AS INTEGER), 9999) >= $novel_years"
    )
    return (
        f"(CASE WHEN {COL.root} = $contact_root AND regexp_matches({COL.evidence}, $novel_cue)"
        f" THEN NOT regexp_matches({cue}, $novel_not) AND ({years}) ELSE false END)"
    )


def novel_params() -> dict[str, Any]:
    """Return the named SQL parameters of ``novel_sql``."""
    return {
        "contact_root": CONTACT_ROOT,
        "novel_cue": NOVEL_CUE,
        "novel_not": NOVEL_NOT,
        "novel_long": _NOVEL_LONG,
        "novel_digits": _NOVEL_DIGITS,
        "novel_year": _NOVEL_YEAR,
        "novel_years": NOVEL_YEARS,
    }


QUAD_PARAMS: dict[str, Any] = {f"q{int(q)}": int(q) for q in QuadClass}
"""``$q1``..``$q4``: the quad classes, for aggregate expressions."""

AGGREGATES = (
    "count(*) AS n,"
    " sum(w) AS total,"
    " sum(CASE WHEN quad = $q1 THEN w ELSE 0 END) AS vcoop,"
    " sum(CASE WHEN quad = $q2 THEN w ELSE 0 END) AS mcoop,"
    " sum(CASE WHEN quad = $q3 THEN w ELSE 0 END) AS vconf,"
    " sum(CASE WHEN quad = $q4 THEN w ELSE 0 END) AS mconf,"
    " sum(w * goldstein) AS gsum,"
    " sum(CASE WHEN material AND quad IN ($q1, $q2) THEN w ELSE 0 END) AS mat_coop"
)
"""Weighted totals over a ``weighted_events`` relation (bind ``QUAD_PARAMS``)."""


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def fetch(con: Connection, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Run ``sql`` with the named parameters it uses (DuckDB rejects unused ones)."""
    used = set(_PARAM.findall(sql))
    return con.execute(sql, {name: params[name] for name in used}).fetchall()


def fetch_arrays(con: Connection, sql: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Run ``sql`` like ``fetch`` and return its columns as numpy arrays, by name (#19)."""
    used = set(_PARAM.findall(sql))
    return dict(con.execute(sql, {name: params[name] for name in used}).fetchnumpy())
