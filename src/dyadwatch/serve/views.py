"""Dashboard views: thin functions over ``analyze/``; each page has a ``.json`` twin.

A view builds one plain mapping of records from the analyze functions; the HTML page
renders it through the shared templates and the twin serves it as JSON, so the two can
never disagree. Query parameters are checked here (lengths, dates, numbers) and then
handed to analyze functions that bind them as SQL parameters.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from dyadwatch.analyze import (
    EventQuery,
    network,
    network_data,
    pair_view,
    reactions,
    search_events,
    signal_reports,
    top_pairs,
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
from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError
from dyadwatch.records import Modality
from dyadwatch.serve.pages import dumps, render
from dyadwatch.store import Store

Data = dict[str, Any]
MAX_CODE = 40
"""Longest actor, country or CAMEO filter accepted."""

_COUNTRY = re.compile(r"[A-Z]{3}")
MODALITIES = tuple(m.value for m in Modality)


def _text(params: Mapping[str, str], name: str, limit: int = MAX_CODE) -> str:
    value = params.get(name, "").strip()
    if len(value) > limit:
        raise HTTPException(400, f"{name}: at most {limit} characters")
    return value


def _date(params: Mapping[str, str], name: str) -> datetime.date | None:
    value = _text(params, name)
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise HTTPException(400, f"{name}: write a date as YYYY-MM-DD") from None


def _choice(params: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = _text(params, name)
    if value and value not in choices:
        raise HTTPException(400, f"{name}: one of {', '.join(choices)}")
    return value


def _limit(params: Mapping[str, str], settings: Settings) -> int:
    most = settings.serve.max_results
    value = _text(params, "limit")
    if not value:
        return min(100, most)
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= most):
        raise HTTPException(400, f"limit: a whole number from 1 to {most}")
    return int(value)


def event_query(params: Mapping[str, str]) -> EventQuery:
    """Return the event search a request's query parameters ask for.

    Raises:
        HTTPException: 400 for a malformed or overlong value.
    """
    quad = _choice(params, "quad", ("1", "2", "3", "4"))
    return EventQuery(
        actor=_text(params, "actor").upper(),
        country=_text(params, "country").upper(),
        cameo=_text(params, "cameo"),
        quad_class=int(quad) if quad else None,
        modality=_choice(params, "modality", MODALITIES),
        start=_date(params, "start"),
        end=_date(params, "end"),
        text=_text(params, "q", 200),
    )


def overview(store: Store, settings: Settings, params: Mapping[str, str]) -> Data:
    """Return the overview: store totals, busiest pairs, latest signals (newest first)."""
    reports = signal_reports(store, settings=settings.analytics)
    latest = sorted(reports, key=_newest)[:8]
    pairs = top_pairs(store, limit=12, settings=settings.analytics)
    return {"stats": store.stats(), "top_pairs": pairs, "signals": latest}


def _newest(report: Any) -> tuple[int, int]:
    return -report.signal.start.toordinal(), -report.signal.detected.toordinal()


OUTLOOK_DAYS = 30
"""The pair page's forecast horizon: next month."""


class _LatestForecast:
    """The one next-month forecast the pair pages share (#19).

    Training takes seconds on a large store, so pages reuse the forecast while the same
    store, settings and stored data hold. The key carries the store's fingerprint (file
    size and modification time of the database and its WAL), so any write, not only a
    later event, makes the next page forecast afresh. One entry only, so memory stays
    bounded however many stores or settings a process serves; a lock keeps two requests
    (Starlette runs views in threads) from training the same forecast twice or reading an
    entry another request has just replaced.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._value: Forecast | None = None

    def get(self, store: Store, settings: Settings, start: datetime.date) -> Forecast:
        key = (str(store.path), store.fingerprint(), settings.analytics, start)
        with self._lock:
            if self._key != key or self._value is None:
                self._value = forecast(
                    store, as_of=start, horizon=OUTLOOK_DAYS, settings=settings.analytics
                )
                self._key = key
            return self._value


_FORECAST = _LatestForecast()


def pair_outlook_data(store: Store, settings: Settings, a: str, b: str) -> tuple[PairOutlook, ...]:
    """Return the next-month outlook of A to B and B to A (empty for an empty store)."""
    start = next_day(store)
    if start is None:
        return ()
    return pair_outlook(_FORECAST.get(store, settings, start), a, b)


def pair_page(store: Store, settings: Settings, a: str, b: str) -> Data:
    """Return a pair's view (index, quad counts, signals, events), reactions and outlook.

    Raises:
        HTTPException: 404 when either code is not a country code or the pair has no events.
    """
    a, b = a.upper(), b.upper()
    if not (_COUNTRY.fullmatch(a) and _COUNTRY.fullmatch(b)) or a == b:
        raise HTTPException(404, "a pair page is /pair/AAA/BBB with two country codes")
    view = pair_view(store, a, b, limit=settings.serve.max_results, settings=settings.analytics)
    if not view.series:
        raise HTTPException(404, f"no events between {a} and {b}")
    start, end = view.series[0].period, add_months(view.series[-1].period, 1)
    found = reactions(store, a, b, start=start, end=end, settings=settings.analytics)
    return {
        "pair": [a, b],
        "window": {"start": start, "end": end},
        "view": view,
        "reactions": found,
        "outlook": pair_outlook_data(store, settings, a, b),
    }


def pair_twin(data: Data) -> Data:
    """Return the pair JSON twin: the view's fields at the top level."""
    view = data["view"]
    return {
        "pair": data["pair"],
        "window": data["window"],
        "alignment": view.alignment,
        "series": view.series,
        "signals": view.signals,
        "events": view.events,
        "reactions": data["reactions"],
        "outlook": data["outlook"],
    }


def signals_page(store: Store, settings: Settings, params: Mapping[str, str]) -> Data:
    """Return the signals of a scan as of ``as_of`` (no look-ahead), newest first."""
    as_of, since = _date(params, "as_of"), _date(params, "since")
    reports = signal_reports(store, as_of=as_of, since=since, settings=settings.analytics)
    return {"as_of": as_of, "since": since, "signals": sorted(reports, key=_newest)}


def network_page(store: Store, settings: Settings, params: Mapping[str, str]) -> Data:
    """Return the signed network of ``period`` (default: the year of the latest event)."""
    period = _text(params, "period", 7)
    if not period:
        last = store.stats().last_date
        period = str((last or datetime.date.today()).year)
    try:
        start, end = window(period)
    except ConfigError as error:
        raise HTTPException(400, str(error)) from None
    net = network(store, start=start, end=end, settings=settings.analytics)
    return {"period": period, "network": network_data(net)}


def events_page(store: Store, settings: Settings, params: Mapping[str, str]) -> Data:
    """Return the events matching the query parameters, newest first, bounded by max_results."""
    query = event_query(params)
    results = search_events(store, query, limit=_limit(params, settings))
    return {"filters": query, "results": results}


View = Callable[[Store, Settings, Mapping[str, str]], Data]


def endpoints(view: View, template: str) -> tuple[Callable[..., Response], Callable[..., Response]]:
    """Return the HTML endpoint of ``view`` and its JSON twin."""

    def page(request: Request) -> Response:
        data = view(request.app.state.store, request.app.state.settings, request.query_params)
        extra = {"query": request.url.query, "modalities": MODALITIES}
        return HTMLResponse(render(template, data=data, **extra))

    def twin(request: Request) -> Response:
        data = view(request.app.state.store, request.app.state.settings, request.query_params)
        return json_response(data)

    return page, twin


def pair_endpoint(request: Request) -> Response:
    """Serve ``/pair/A/B``."""
    data = pair_page(request.app.state.store, request.app.state.settings, **_ab(request))
    return HTMLResponse(render("pair.html", data=data))


def pair_json(request: Request) -> Response:
    """Serve ``/pair/A/B.json``."""
    data = pair_page(request.app.state.store, request.app.state.settings, **_ab(request))
    return json_response(pair_twin(data))


def _ab(request: Request) -> dict[str, str]:
    return {"a": request.path_params["a"], "b": request.path_params["b"]}


def json_response(data: Any, status: int = 200) -> Response:
    """Return ``data`` as a JSON response (records encoded by ``analyze.jsonable``)."""
    return Response(dumps(data), status_code=status, media_type="application/json")
