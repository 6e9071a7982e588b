"""The dashboard's server: uvicorn with a deadline on every request's headers (#15.4).

uvicorn closes an idle keep-alive connection only after a response, and any byte restarts
that timer, so a connection that sends nothing (or trickles a header a byte at a time)
was held for good; 64 of them filled uvicorn's concurrency limit and every request got a
503 without the security headers. Here each connection must finish a request's header
block within ``serve.header_timeout`` seconds of connecting or of its last response, and
the concurrency limit is the ``Guard``'s, whose 503 carries the headers.
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from dyadwatch.config import Settings
from dyadwatch.serve.app import check_host, create_app
from dyadwatch.serve.security import MAX_HEADERS


class HeaderDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers come too late.

    The deadline is uvicorn's ``timeout_keep_alive``, armed when the connection opens and
    after each response; a request that begins in time disarms it.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_deadline()

    def _arm_header_deadline(self) -> None:
        self.loop.call_later(self.timeout_keep_alive, self._header_deadline, self.cycle)

    def _header_deadline(self, cycle: Any) -> None:
        # A new request replaces ``cycle``: the headers came in time.
        if self.cycle is cycle and not self.transport.is_closing():
            self.transport.close()


def server_config(app: Any, settings: Settings) -> uvicorn.Config:
    """Return the uvicorn configuration serving ``app`` on ``settings.serve``.

    Example:
        >>> config = server_config(create_app(settings), settings)  # doctest: +SKIP
    """
    return uvicorn.Config(
        app,
        host=settings.serve.host,
        port=settings.serve.port,
        http=HeaderDeadlineProtocol,
        log_level="warning",
        server_header=False,
        timeout_keep_alive=settings.serve.header_timeout,
        h11_max_incomplete_event_size=2 * MAX_HEADERS,
    )


def serve(settings: Settings, *, allow_remote: bool = False) -> None:
    """Run the dashboard on ``settings.serve.host:port`` until interrupted.

    Raises:
        ConfigError: a non-loopback host without ``allow_remote``.
    """
    check_host(settings.serve.host, allow_remote=allow_remote)
    uvicorn.Server(server_config(create_app(settings), settings)).run()
