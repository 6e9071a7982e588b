"""The dashboard in a real headless Chromium: pages draw, links lead to evidence, text is inert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.serve.corpus import IMG, SCRIPT, fail_on_dialog

pytestmark = [pytest.mark.browser, pytest.mark.slow]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("dialog", fail_on_dialog)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors


@pytest.mark.parametrize(
    ("path", "heading", "charts"),
    [
        ("/", "Overview", 0),
        ("/pair/RUS/PRK", "RUS – PRK", 1),
        ("/signals?as_of=2024-01-01", "Signals", 0),
        ("/network?period=2023", "Network of relations, 2023", 1),
        ("/events?country=UKR", "Event search", 0),
    ],
)
def test_browser_pages_load_and_draw(
    page: Any, base_url: str, path: str, heading: str, charts: int
) -> None:
    page.goto(base_url + path)
    assert page.locator("h1").first.inner_text() == heading
    if charts:
        page.wait_for_selector(".js-plotly-plot svg.main-svg")
    assert page.locator(".js-plotly-plot").count() == charts


def test_browser_signal_leads_to_its_evidence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/signals")
    first = page.locator("ol.signals > li").first
    sentence = first.locator("ul.evidence li .sentence").first.inner_text()
    first.locator(".head a").click()
    page.wait_for_selector(".js-plotly-plot svg.main-svg")
    assert page.url.startswith(base_url + "/pair/")
    assert sentence in page.locator("ol.signals").inner_text()


def test_browser_filter_shows_the_malicious_text_as_text(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events?country=UKR")
    page.fill("input[data-filter='search-events']", "onerror")
    rows = page.locator("#search-events tbody tr:visible")
    assert rows.count() == 1
    assert f"{SCRIPT} attacks near {IMG}" in rows.first.inner_text()
    assert page.locator("#search-events tbody tr").count() > 1
    assert page.locator("#search-events-shown").inner_text() == "1"
    assert page.locator("main script:not([type='application/json']), main img").count() == 0
    marks = rows.first.locator("mark").all_inner_texts()
    assert marks[:3] == ["Russia", "accused", "Ukraine"]


def test_browser_event_search_form(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.fill("input[name='q']", "<script>")
    page.click("form.controls button")
    assert "q=%3Cscript%3E" in page.url
    assert page.locator("#search-events tbody tr").count() == 1


def test_browser_pair_page_screenshot(page: Any, base_url: str) -> None:
    page.goto(base_url + "/pair/RUS/PRK")
    page.wait_for_selector(".js-plotly-plot svg.main-svg")
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "dashboard-pair-RUS-PRK.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
