"""The dashboard's outer guard: security headers on every response, bounded requests.

A pure ASGI middleware, so it also covers static files, errors and routes that do not
exist. Requests are read-only (``GET``/``HEAD``), carry no body, name a host the
dashboard answers to, and have a bounded path and query string; anything else is
refused before a view runs. At most ``max_in_flight`` requests run at once; more get a
503 that carries the same headers (#15.4).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
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

MAX_IN_FLIGHT = 64
"""Most requests served at once; more are answered 503 with a ``retry-after``."""

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
"""Host names the dashboard always answers to (with any port)."""

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


def host_name(header: bytes) -> str:
    """Return the lower-case host of a ``Host`` header, without its port or IPv6 brackets.

    Example:
        >>> host_name(b"[::1]:8000"), host_name(b"LocalHost:80"), host_name(b"example.org.")
        ('::1', 'localhost', 'example.org')
    """
    text = header.decode("latin-1").strip().lower()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    return text.rstrip(".")


class Guard:
    """Wrap an ASGI app: refuse oversized, non-read or misdirected requests, add headers.

    Args:
        app: the application to guard.
        allowed_hosts: host names answered besides ``LOOPBACK_NAMES``; a request whose
            ``Host`` header names another host gets 421, so a page on a foreign site cannot
            read the store by DNS rebinding (#15.1).
        max_in_flight: requests served at once; more get 503.

    Example:
        >>> app = Guard(starlette_app, allowed_hosts={"dash.lan"})  # doctest: +SKIP
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Iterable[str] = (),
        max_in_flight: int = MAX_IN_FLIGHT,
    ) -> None:
        self.app = app
        self.allowed_hosts = LOOPBACK_NAMES | {host_name(h.encode()) for h in allowed_hosts}
        self.max_in_flight = max_in_flight
        self.in_flight = 0

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

        refusal = _misdirected(scope, self.allowed_hosts) or _refusal(scope)
        if refusal is None and self.in_flight >= self.max_in_flight:
            refusal = 503, "busy: too many requests at once; retry in a second"
        if refusal is not None:
            await _plain(send_with_headers, *refusal)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            self.in_flight -= 1


def _misdirected(scope: Scope, allowed: frozenset[str]) -> tuple[int, str] | None:
    hosts = [value for name, value in scope.get("headers", []) if name == b"host"]
    if len(hosts) != 1:
        return 400, "a request needs exactly one Host header"
    if host_name(hosts[0]) in allowed:
        return None
    # The body names no allowed host: a rebinding page could read it.
    return 421, (
        "misdirected request: the dashboard does not answer to this host name;"
        " serve it with --allow-remote NAME to add one"
    )


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
    if status == 503:
        headers.append((b"retry-after", b"1"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
