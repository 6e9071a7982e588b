"""The dashboard against DNS rebinding and idle connections, over HTTP on 127.0.0.1 (#15)."""

from __future__ import annotations

import asyncio
import socket
import threading
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from tests.serve.corpus import running_server
from tests.serve.test_app import SECURITY_HEADERS, get

from dyadwatch.config import ServeSettings, Settings
from dyadwatch.serve import allowed_hosts
from dyadwatch.serve.security import Guard

pytestmark = pytest.mark.issue(15)

FOREIGN = [
    "evil.example",
    "evil.example:8000",
    "127.0.0.1.evil.example",
    "localhost.evil.example:80",
    "[::2]:8000",
]


def address(base_url: str) -> tuple[str, int]:
    split = urllib.parse.urlsplit(base_url)
    return str(split.hostname), int(split.port or 80)


def assert_security_headers(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert value in headers.get(name, ""), (name, headers)


@pytest.mark.parametrize("host", FOREIGN)
@pytest.mark.parametrize("path", ["/events.json", "/", "/static", "/signals/", "/nowhere"])
def test_guard_foreign_host_is_421_with_headers(base_url: str, host: str, path: str) -> None:
    status, headers, body = get(base_url, path, headers={"Host": host})
    assert status == 421, body[:200]
    assert "location" not in headers
    assert b"RUS" not in body and b"evil" not in body
    assert_security_headers(headers)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LocalHost", "[::1]", "localhost."])
def test_guard_loopback_names_with_any_port_are_served(base_url: str, host: str) -> None:
    port = address(base_url)[1]
    for name in (host, f"{host.rstrip('.')}:{port}", f"{host.rstrip('.')}:1"):
        status, _, body = get(base_url, "/events.json", headers={"Host": name})
        assert status == 200, (name, body[:200])


def test_guard_a_request_without_host_is_400(base_url: str) -> None:
    with socket.create_connection(address(base_url), timeout=30) as sock:
        sock.sendall(b"GET /index.json HTTP/1.0\r\n\r\n")
        reply = b"".join(iter(lambda: sock.recv(4096), b""))
    assert reply.startswith(b"HTTP/1.1 400"), reply[:100]
    assert b"x-frame-options: DENY" in reply


def test_guard_allow_remote_names_are_served_and_others_refused(store_path: Path) -> None:
    serve = ServeSettings(allowed_hosts="dash.lan, 10.0.0.5")
    with running_server(store_path, serve=serve) as url:
        assert get(url, "/index.json", headers={"Host": "dash.lan:8000"})[0] == 200
        assert get(url, "/index.json", headers={"Host": "10.0.0.5"})[0] == 200
        assert get(url, "/index.json", headers={"Host": "evil.example"})[0] == 421


@pytest.mark.parametrize(
    ("host", "names", "expected"),
    [
        ("127.0.0.1", "", set()),
        ("0.0.0.0", "dash.lan, 10.0.0.5", {"dash.lan", "10.0.0.5"}),
        ("192.168.1.5", "", {"192.168.1.5"}),
        ("::", "", set()),
    ],
)
def test_guard_allowed_hosts_are_the_bound_host_and_the_named_ones(
    host: str, names: str, expected: set[str]
) -> None:
    settings = Settings(serve=ServeSettings(host=host, allowed_hosts=names))
    assert allowed_hosts(settings) - {"127.0.0.1"} == expected


def test_server_idle_sockets_do_not_starve_requests(base_url: str) -> None:
    idle = [socket.create_connection(address(base_url), timeout=30) for _ in range(100)]
    try:
        status, headers, body = get(base_url, "/index.json")
    finally:
        for sock in idle:
            sock.close()
    assert status == 200, body[:200]
    assert_security_headers(headers)


@pytest.mark.parametrize("sent", [b"", b"GET /index.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"])
def test_server_closes_a_connection_whose_headers_never_end(store_path: Path, sent: bytes) -> None:
    with running_server(store_path, serve=ServeSettings(header_timeout=1)) as url:
        sock = socket.create_connection(address(url), timeout=60)
        sock.sendall(sent)
        assert sock.recv(4096) == b""  # closed by the server, not timed out here
        sock.close()


class HeldApp:
    """An ASGI app whose requests wait until ``release`` is set (a request in flight)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return  # no lifespan events to handle
        self.started.set()
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})


def test_guard_over_the_limit_answers_503_with_security_headers(tmp_path: Path) -> None:
    held = HeldApp()
    with running_server(tmp_path / "none.duckdb", app=Guard(held, max_in_flight=1)) as url:
        first: list[int] = []
        waiting = threading.Thread(target=lambda: first.append(get(url, "/")[0]))
        waiting.start()
        assert held.started.wait(30)
        status, headers, _ = get(url, "/")
        held.release.set()
        waiting.join(30)
    assert status == 503
    assert headers.get("retry-after") == "1"
    assert_security_headers(headers)
    assert first == [200]
