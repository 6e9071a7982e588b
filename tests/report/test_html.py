"""The HTML report: one self-contained file that opens offline, draws charts, keeps text inert."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.serve.corpus import IMG, SCRIPT, fail_on_dialog

from dyadwatch.cli import cli
from dyadwatch.report import ReportOptions, build_report, write_report
from dyadwatch.store import Store


@pytest.fixture(scope="module")
def report_file(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    return write_report(Store.open(store_path, read_only=True), out)


@pytest.fixture
def offline_page(report_browser: Any, report_file: Path) -> Iterator[tuple[Any, list[str]]]:
    context = report_browser.new_context(viewport={"width": 1280, "height": 800})
    asked: list[str] = []

    def only_files(route: Any) -> None:
        asked.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("dialog", fail_on_dialog)
    page.goto(report_file.as_uri())
    yield page, asked
    context.close()


def test_html_report_inlines_every_script_and_style(report_file: Path) -> None:
    html = report_file.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet|@import", html)
    assert "plotly.js v" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT not in html and IMG not in html


@pytest.mark.browser
@pytest.mark.slow
def test_html_report_opens_offline_and_draws_charts(offline_page: tuple[Any, list[str]]) -> None:
    page, asked = offline_page
    page.wait_for_selector(".js-plotly-plot svg.main-svg")
    plots = page.locator(".js-plotly-plot")
    assert plots.count() >= 2
    for i in range(plots.count()):
        assert plots.nth(i).locator("svg.main-svg path").count() > 0
    assert [url for url in asked if not url.startswith("file:")] == []


@pytest.mark.browser
@pytest.mark.slow
def test_html_report_signals_link_to_their_pair(offline_page: tuple[Any, list[str]]) -> None:
    page, _ = offline_page
    link = page.locator("#signals ol.signals > li .head a").first
    target = link.get_attribute("href")
    assert target and target.startswith("#pair-")
    link.click()
    assert page.url.endswith(target)
    assert page.locator(f"{target} .js-plotly-plot").count() == 1


@pytest.mark.browser
@pytest.mark.slow
def test_html_report_filter_keeps_malicious_text_inert(offline_page: tuple[Any, list[str]]) -> None:
    page, _ = offline_page
    page.fill("input[data-filter='events-table']", "onerror")
    rows = page.locator("#events-table tbody tr:visible")
    assert rows.count() == 1
    assert f"{SCRIPT} attacks near {IMG}" in rows.first.inner_text()
    assert page.locator("#events-table-shown").inner_text() == "1"
    assert page.locator("main script:not([type='application/json']), main img").count() == 0


def test_html_report_period_keeps_its_signals(store_path: Path) -> None:
    store = Store.open(store_path, read_only=True)
    html = build_report(store, options=ReportOptions(period="2023"))
    starts = re.findall(r'<li id="signal-[A-Z]{3}-[A-Z]{3}-(\d{4})-', html)
    assert starts and set(starts) == {"2023"}
    assert "Relations report: 2023" in html


def test_cli_report_writes_the_file(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    args = ["report", "--out", str(out), "--period", "2023Q3", "--db", str(store_path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.issue(19)
def test_html_report_shows_each_signalled_pairs_forecast(store_path: Path) -> None:
    html = build_report(Store.open(store_path, read_only=True))
    assert "Next month" in html and "against the frequency baseline" in html
