"""The static HTML report: one self-contained file of signals, pair timelines, network, events.

It renders the dashboard's shared templates (``serve/templates``, read as package data,
never imported as code) with every script and style inlined, Plotly included, so the
file opens offline from disk. All article text goes through Jinja's autoescape.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from dyadwatch.analyze import (
    EventQuery,
    PairView,
    Reaction,
    SignalReport,
    jsonable,
    network,
    network_data,
    pair_view,
    reactions,
    search_events,
    signal_reports,
    window,
)
from dyadwatch.analyze.forecasting import (
    Forecast,
    PairOutlook,
    forecast,
    next_day,
    pair_outlook,
)
from dyadwatch.analyze.periods import add_months
from dyadwatch.config import AnalyticsSettings
from dyadwatch.errors import StoreError
from dyadwatch.store import Store

TEMPLATES = Path(__file__).parent / "templates"
SHARED = resources.files("dyadwatch").joinpath("serve")
"""The dashboard's templates and static files, shared with the report as package data."""

NAV = (("#signals", "Signals"), ("#network", "Network"), ("#events", "Events"))
_CLOSE_TAG = re.compile(r"</(script|style)", re.IGNORECASE)


OUTLOOK_DAYS = 30
"""The outlook's horizon: next month."""


@dataclass(frozen=True, slots=True)
class PairSection:
    """One signalled pair in the report: its view, the third-party reactions, its outlook."""

    view: PairView
    reactions: tuple[Reaction, ...]
    outlook: tuple[PairOutlook, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """What the report covers: ``period`` (``2023``, ``2023Q2``, ``2023-05``; all if empty)."""

    period: str = ""
    max_events: int = 2000
    pair_events: int = 200


def _inline(text: str) -> Markup:
    # Our own script or style text placed inside <script>/<style>: only a closing tag
    # could end the element early, so break any such sequence.
    return Markup(_CLOSE_TAG.sub(r"<\\/\1", text))


@functools.cache
def _assets() -> dict[str, Markup]:
    from plotly.offline import get_plotlyjs

    static = SHARED.joinpath("static")
    return {
        "css": _inline(static.joinpath("dyadwatch.css").read_text(encoding="utf-8")),
        "js": _inline(static.joinpath("dyadwatch.js").read_text(encoding="utf-8")),
        "plotly": _inline(str(get_plotlyjs())),
    }


def environment(sections: Sequence[tuple[str, str]]) -> jinja2.Environment:
    """Return the report's Jinja environment; pairs in ``sections`` get in-page links."""
    anchors = {tuple(pair) for pair in sections}

    def pair_href(pair: Sequence[str]) -> str:
        key = (min(pair), max(pair))
        return f"#pair-{key[0]}-{key[1]}" if key in anchors else ""

    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(TEMPLATES),
            jinja2.FileSystemLoader(str(SHARED.joinpath("templates"))),
        ]
    )
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "default": jsonable}
    env.globals |= {"offline": True, "home": "#top", "nav": NAV, "pair_href": pair_href}
    return env


def _window(store: Store, period: str) -> tuple[datetime.date, datetime.date]:
    if period:
        return window(period)
    stats = store.stats()
    if stats.first_date is None or stats.last_date is None:
        raise StoreError(f"{store.path}: the store holds no articles yet; run `dyadwatch run`")
    return stats.first_date.replace(day=1), add_months(stats.last_date, 1)


def _newest(report: SignalReport) -> tuple[int, int]:
    return -report.signal.start.toordinal(), -report.signal.detected.toordinal()


def _forecast(store: Store, settings: AnalyticsSettings) -> Forecast | None:
    """Return next month's forecast from the day after the latest event (#19)."""
    start = next_day(store)
    return forecast(store, as_of=start, horizon=OUTLOOK_DAYS, settings=settings) if start else None


def report_data(
    store: Store, *, options: ReportOptions, settings: AnalyticsSettings
) -> dict[str, Any]:
    """Return everything the report shows, as records (the same ones the dashboard uses)."""
    start, end = _window(store, options.period)
    scanned = signal_reports(store, settings=settings)
    shown = sorted((r for r in scanned if start <= r.signal.start < end), key=_newest)
    pairs = sorted({(min(r.signal.pair), max(r.signal.pair)) for r in shown})
    ahead = _forecast(store, settings) if pairs else None
    sections = [
        PairSection(
            view=pair_view(
                store, a, b, reports=shown, limit=options.pair_events, settings=settings
            ),
            reactions=tuple(reactions(store, a, b, start=start, end=end, settings=settings)),
            outlook=pair_outlook(ahead, a, b) if ahead else (),
        )
        for a, b in pairs
    ]
    net = network(store, start=start, end=end, settings=settings)
    events = search_events(store, EventQuery(start=start, end=end), limit=options.max_events)
    return {
        "period": options.period or f"{start} to {end}",
        "window": {"start": start, "end": end},
        "generated": datetime.date.today(),
        "stats": store.stats(),
        "signals": shown,
        "pairs": sections,
        "network": network_data(net),
        "events": events,
    }


def build_report(
    store: Store, *, options: ReportOptions | None = None, settings: AnalyticsSettings | None = None
) -> str:
    """Return the report as one HTML document that opens offline.

    Example:
        >>> html = build_report(Store.open("dyadwatch.duckdb", read_only=True))  # doctest: +SKIP
        >>> html.startswith("<!doctype html>")  # doctest: +SKIP
        True
    """
    options = options or ReportOptions()
    data = report_data(store, options=options, settings=settings or AnalyticsSettings())
    sections = [section.view.pair for section in data["pairs"]]
    template = environment(sections).get_template("report.html")
    return template.render(data=data, assets=_assets())


def write_report(
    store: Store,
    out_path: str | Path,
    *,
    options: ReportOptions | None = None,
    settings: AnalyticsSettings | None = None,
) -> Path:
    """Write the report to ``out_path`` and return the path.

    Raises:
        StoreError: the file cannot be written.
    """
    html = build_report(store, options=options, settings=settings)
    path = Path(out_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise StoreError(f"{path}: cannot write the report ({error.strerror})") from None
    return path
