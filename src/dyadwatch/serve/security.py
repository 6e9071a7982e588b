"""The dashboard's outer guard: security headers on every response, bounded requests.

A pure ASGI middleware, so it also covers static files, errors and routes that do not
exist. Requests are read-only (``GET``/``HEAD``), carry no body, and have a bounded
path and query string; anything else is refused before a view runs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_QUERY = 2048
"""Longest query string accepted, in bytes (414 above)."""

MAX_PATH = 1024
"""Longest path accepted, in bytes (414 above)."""

MAX_HEADERS = 8 * 1024
"""Largest header block accepted, in bytes (431 above)."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
    " frame-ancestors 'none'"
)
"""Content-Security-Policy: no inline script; data reach pages as JSON blocks or twins.

Styles allow ``'unsafe-inline'`` because Plotly writes its own style rules (modebar,
layered SVGs) into a ``<style>`` element at run time; scripts stay ``'self'`` only.
"""

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class Guard:
    """Wrap an ASGI app: refuse oversized or non-read requests, add security headers.

    Example:
        >>> app = Guard(starlette_app)  # doctest: +SKIP
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        refusal = _refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send_with_headers)
        else:
            await _plain(send_with_headers, *refusal)


def _refusal(scope: Scope) -> tuple[int, str] | None:
    path = scope.get("raw_path") or scope["path"].encode()
    if len(path) > MAX_PATH or len(scope.get("query_string", b"")) > MAX_QUERY:
        return 414, "request URI too long"
    if sum(len(name) + len(value) for name, value in scope.get("headers", [])) > MAX_HEADERS:
        return 431, "request header fields too large"
    if scope["method"] not in {"GET", "HEAD"}:
        return 405, "the dashboard is read-only: GET and HEAD only"
    for name, value in scope.get("headers", []):
        if name == b"content-length" and value.strip() not in {b"", b"0"}:
            return 413, "requests carry no body"
        if name == b"transfer-encoding":
            return 413, "requests carry no body"
    return None


async def _plain(send: Send, status: int, text: str) -> None:
    body = f"{status} {text}\n".encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == 405:
        headers.append((b"allow", b"GET, HEAD"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
