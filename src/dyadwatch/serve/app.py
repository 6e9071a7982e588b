"""The dashboard application: routes over the views, static files, errors, and the server.

The store is opened read-only and every view reads it through short-lived connections,
so ``dyadwatch run`` can write between two requests. The server binds to 127.0.0.1
unless told otherwise; any other address needs ``allow_remote`` (``--allow-remote``).
"""

from __future__ import annotations

import functools
import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dyadwatch.config import Settings
from dyadwatch.errors import ConfigError
from dyadwatch.serve import views
from dyadwatch.serve.pages import STATIC, render
from dyadwatch.serve.security import Guard
from dyadwatch.store import Store

logger = logging.getLogger(__name__)

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
"""Addresses the dashboard may bind to without ``allow_remote``."""

WILDCARDS = frozenset({"0.0.0.0", "::"})
"""Bind addresses that name no host (every interface)."""


def check_host(host: str, *, allow_remote: bool) -> str | None:
    """Return a warning for a non-loopback ``host`` allowed by ``allow_remote``, else ``None``.

    Raises:
        ConfigError: ``host`` is not a loopback address and ``allow_remote`` is false.

    Example:
        >>> check_host("127.0.0.1", allow_remote=False) is None
        True
    """
    if host in LOOPBACK:
        return None
    if not allow_remote:
        raise ConfigError(
            f"serve: {host} is not a loopback address; the dashboard has no login, so"
            " binding it to other machines needs --allow-remote"
        )
    names = " (it answers only to the host names given to --allow-remote)"
    return (
        f"warning: serving on {host}: anyone who can reach this address can read the"
        f" whole store (there is no login){names if host in WILDCARDS else ''}"
    )


@functools.cache
def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs()).encode()


def plotly_js(request: Request) -> Response:
    """Serve Plotly's bundled script from the installed package (no CDN)."""
    headers = {"cache-control": "public, max-age=86400"}
    return Response(_plotly_js(), media_type="text/javascript", headers=headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


async def http_error(request: Request, exc: Exception) -> Response:
    """Render an HTTP error as the page's kind: JSON for twins, HTML otherwise."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if status >= 500:
        logger.error("%s %s failed: %r", request.method, request.url.path, exc)
    if _wants_json(request):
        return views.json_response({"error": message, "status": status}, status)
    return HTMLResponse(render("error.html", status=status, message=message), status)


def routes() -> list[Route | Mount]:
    """Return the dashboard's routes: each page, its ``.json`` twin, static files."""
    found: list[Route | Mount] = [
        Route("/pair/{a}/{b}.json", views.pair_json),
        Route("/pair/{a}/{b}", views.pair_endpoint),
        Route("/vendor/plotly.min.js", plotly_js),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    pages = {
        "/": ("/index.json", views.overview, "overview.html"),
        "/signals": ("/signals.json", views.signals_page, "signals.html"),
        "/network": ("/network.json", views.network_page, "network.html"),
        "/events": ("/events.json", views.events_page, "events.html"),
    }
    for path, (twin_path, view, template) in pages.items():
        page, twin = views.endpoints(view, template)
        found += [Route(path, page), Route(twin_path, twin)]
    return found


def create_app(settings: Settings) -> Guard:
    """Return the dashboard as an ASGI app over the store ``settings.db``, opened read-only.

    Raises:
        StoreError: there is no store at ``settings.db``.

    Example:
        >>> app = create_app(Settings(db="dyadwatch.duckdb"))  # doctest: +SKIP
    """
    store = Store.open(settings.db, read_only=True)
    app = Starlette(
        routes=routes(),
        exception_handlers={HTTPException: http_error, Exception: http_error},
    )
    app.state.store = store
    app.state.settings = settings
    return Guard(app, allowed_hosts=allowed_hosts(settings))


def allowed_hosts(settings: Settings) -> frozenset[str]:
    """Return the host names the dashboard answers to besides the loopback names.

    They are ``serve.allowed_hosts`` (comma-separated; ``--allow-remote NAMES``) and the
    bound ``serve.host`` unless it is a wildcard address.

    Example:
        >>> from dyadwatch.config import ServeSettings
        >>> sorted(allowed_hosts(Settings(serve=ServeSettings("10.0.0.5", allowed_hosts="dash"))))
        ['10.0.0.5', 'dash']
    """
    names = {name.strip() for name in settings.serve.allowed_hosts.split(",")}
    names.add(settings.serve.host)
    return frozenset(names - WILDCARDS - {""})
