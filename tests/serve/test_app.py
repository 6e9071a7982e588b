"""The dashboard over HTTP: pages and twins, headers, bounds, injection, traversal (#6, #8)."""

from __future__ import annotations

import hashlib
import http.client
import json
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.serve.corpus import IMG, MAX_RESULTS, SCRIPT

from dyadwatch.cli import cli
from dyadwatch.errors import ConfigError
from dyadwatch.serve import check_host
from dyadwatch.store import Store

PAGES = [
    "/",
    "/pair/RUS/PRK",
    "/signals?as_of=2024-01-01",
    "/network?period=2023",
    "/events?country=PRK",
]
TWINS = [
    "/index.json",
    "/pair/RUS/PRK.json",
    "/signals.json?as_of=2024-01-01",
    "/network.json?period=2023",
    "/events.json?country=PRK",
]
SECURITY_HEADERS = {
    "content-security-policy": "script-src 'self'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
INJECTIONS = ["' OR 1=1 --", "RUS'); DROP TABLE events; --", '" OR ""="', "%' OR '%'='"]
TEXT_PARAMS = ["actor", "country", "cameo", "q"]
TYPED_PARAMS = ["quad", "modality", "start", "end", "limit"]


def get(base_url: str, path: str, *, method: str = "GET", headers: dict[str, str] | None = None,
        body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    """Send ``path`` exactly as written (no client-side normalisation of ``..``)."""
    host = urllib.parse.urlsplit(base_url).netloc
    con = http.client.HTTPConnection(host, timeout=30)
    try:
        con.request(method, path, body=body, headers=headers or {})
        response = con.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        con.close()


def fingerprint(db: Path) -> str:
    store = Store.open(db, read_only=True)
    rows = sorted((e.id, e.evidence) for e in store.events())
    return hashlib.sha1(repr((store.counts(), rows)).encode()).hexdigest()


@pytest.mark.parametrize("path", PAGES)
def test_app_pages_render_html(base_url: str, path: str) -> None:
    status, headers, body = get(base_url, path)
    assert status == 200, body[:300]
    assert headers["content-type"].startswith("text/html")
    assert b'<script src="/static/dyadwatch.js"></script>' in body


@pytest.mark.parametrize("path", TWINS)
def test_app_json_twins_parse(base_url: str, path: str) -> None:
    status, headers, body = get(base_url, path)
    assert status == 200, body[:300]
    assert headers["content-type"] == "application/json"
    assert isinstance(json.loads(body), dict)


def test_app_pair_twin_holds_the_pair_page_data(base_url: str) -> None:
    data = json.loads(get(base_url, "/pair/RUS/PRK.json")[2])
    assert set(data) == {
        "pair", "window", "alignment", "series", "signals", "events", "reactions", "outlook"
    }  # fmt: skip
    assert all(-1 <= p["low"] <= p["index"] <= p["high"] <= 1 for p in data["alignment"])
    assert data["events"]["total"] >= len(data["events"]["events"]) > 0
    assert {"PRK", "RUS"} == {data["events"]["events"][0]["source_country"],
                              data["events"]["events"][0]["target_country"]}  # fmt: skip


@pytest.mark.issue(19)
def test_app_pair_twin_forecasts_next_month_against_the_baseline(base_url: str) -> None:
    outlook = json.loads(get(base_url, "/pair/RUS/PRK.json")[2])["outlook"]
    assert outlook and {(o["source"], o["target"]) for o in outlook} <= {
        ("RUS", "PRK"), ("PRK", "RUS")
    }  # fmt: skip
    for direction in outlook:
        assert direction["horizon_days"] == 30
        for row in direction["rows"]:
            assert 0 <= row["probability"] <= 1 and 0 <= row["baseline"] <= 1
    page = get(base_url, "/pair/RUS/PRK")[2]
    assert b"Next month" in page and b"baseline" in page


@pytest.mark.parametrize(
    "path",
    [*PAGES, *TWINS, "/static/dyadwatch.css", "/vendor/plotly.min.js", "/nowhere",
     "/pair/XXX/YYY.json", "/signals?as_of=bad", "/static/../app.py", "/" + "a" * 3000],
)  # fmt: skip
def test_app_security_headers_on_every_response(base_url: str, path: str) -> None:
    _, headers, _ = get(base_url, path, method="HEAD" if "plotly" in path else "GET")
    for name, value in SECURITY_HEADERS.items():
        assert value in headers.get(name, ""), (name, headers)


@pytest.mark.parametrize(
    "path",
    ["/static/../app.py", "/static/%2e%2e/app.py", "/static/%2e%2e%2fapp.py",
     "/static/..%2f..%2fconfig.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
     "/static/../../../../etc/passwd", "/../pyproject.toml", "/static/templates/base.html"],
)  # fmt: skip
def test_app_path_traversal_is_404(base_url: str, path: str) -> None:
    status, _, body = get(base_url, path)
    assert status == 404, body[:200]
    assert b"root:" not in body and b"import" not in body


@pytest.mark.parametrize("param", TEXT_PARAMS + TYPED_PARAMS + ["as_of", "since", "period"])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_app_sql_injection_is_only_data(
    base_url: str, store_path: Path, param: str, payload: str
) -> None:
    before = fingerprint(store_path)
    path = {"as_of": "/signals.json", "since": "/signals.json", "period": "/network.json"}.get(
        param, "/events.json"
    )
    status, _, body = get(base_url, f"{path}?{urllib.parse.urlencode({param: payload})}")
    assert status in (200, 400), body[:300]
    if param in TEXT_PARAMS:
        assert status == 200
        assert json.loads(body)["results"]["events"] == []
    assert fingerprint(store_path) == before


@pytest.mark.parametrize("payload", INJECTIONS)
def test_app_sql_injection_in_the_pair_path_is_404(
    base_url: str, store_path: Path, payload: str
) -> None:
    before = fingerprint(store_path)
    status, _, _ = get(base_url, f"/pair/{urllib.parse.quote(payload)}/PRK.json")
    assert status == 404
    assert fingerprint(store_path) == before


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "expected"),
    [
        ("GET", "/events.json?q=" + "x" * 5000, {}, None, 414),
        ("GET", "/" + "a" * 5000, {}, None, 414),
        ("GET", "/events.json?q=" + "x" * 300, {}, None, 400),
        ("GET", "/events.json?limit=100000", {}, None, 400),
        ("POST", "/events.json", {}, b"q=x", 405),
        ("GET", "/events.json", {"Content-Length": "100000"}, b"x" * 100000, 413),
        ("GET", "/", {"X-Big": "y" * 40000}, None, 431),
    ],
)
def test_app_oversized_or_odd_requests_are_4xx(
    base_url: str, method: str, path: str, headers: dict[str, str], body: bytes | None,
    expected: int,
) -> None:  # fmt: skip
    try:
        status, _, _ = get(base_url, path, method=method, headers=headers, body=body)
    except (ConnectionError, http.client.HTTPException):
        status = 400  # the server closed the connection on an oversized header block
    assert 400 <= status < 500
    assert status == expected or expected == 400


def test_app_results_are_bounded_by_max_results(base_url: str) -> None:
    data = json.loads(get(base_url, "/events.json")[2])
    assert data["results"]["total"] > MAX_RESULTS
    assert len(data["results"]["events"]) <= MAX_RESULTS
    assert get(base_url, f"/events.json?limit={MAX_RESULTS + 1}")[0] == 400


def test_app_article_text_is_escaped_in_html_and_json_blocks(base_url: str) -> None:
    _, _, body = get(base_url, "/pair/RUS/UKR")
    text = body.decode()
    assert SCRIPT not in text and IMG not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_app_json_blocks_escape_markup() -> None:
    from dyadwatch.serve.pages import environment

    parts = environment().get_template("_parts.html").module
    html = str(parts.data_block("x", {"sentence": f"</script>{SCRIPT}&'"}))  # type: ignore[attr-defined]
    assert html.count("</script>") == 1 and "<script>alert" not in html
    assert "\\u003c/script\\u003e" in html and "\\u0026" in html and "\\u0027" in html


def test_app_events_search_filters_by_text_and_quad(base_url: str) -> None:
    data = json.loads(get(base_url, "/events.json?q=%3Cscript%3E&quad=3")[2])
    events = data["results"]["events"]
    assert [e["source_country"] for e in events] == ["RUS"]
    marks = {m["role"]: events[0]["sentence"][m["start"] : m["end"]] for m in events[0]["marks"]}
    assert marks == {"source": "Russia", "trigger": "accused", "target": "Ukraine"}


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::"])
def test_app_check_host_refuses_remote_without_flag(host: str) -> None:
    with pytest.raises(ConfigError, match="--allow-remote"):
        check_host(host, allow_remote=False)
    assert "no login" in (check_host(host, allow_remote=True) or "")


def test_cli_serve_refuses_a_remote_bind_without_the_flag(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(store_path)])
    assert result.exit_code == 1
    assert "--allow-remote" in result.output


@pytest.mark.issue(15)
@pytest.mark.parametrize("period", ["9999", "9999-12", "0000"])
def test_app_out_of_range_period_is_400(base_url: str, period: str) -> None:
    status, _, body = get(base_url, f"/network.json?period={period}")
    assert status == 400, body[:300]
    assert json.loads(body)["error"] == f"period '{period}': the year must be between 1 and 9998"
    assert get(base_url, f"/network?period={period}")[0] == 400


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("value", "html"),
    [
        (-0.001, '<span class="">0.00</span>'),
        (-0.0, '<span class="">0.00</span>'),
        (0.004, '<span class="">0.00</span>'),
        (-0.3, '<span class="neg">-0.30</span>'),
        (0.456, '<span class="pos">+0.46</span>'),
    ],
)
def test_app_signed_index_has_no_negative_zero(value: float, html: str) -> None:
    # The report and the dashboard share this macro ("index -0.00" was shown in red).
    from dyadwatch.serve.pages import environment

    parts = environment().get_template("_parts.html").module
    assert str(parts.signed(value)) == html  # type: ignore[attr-defined]
