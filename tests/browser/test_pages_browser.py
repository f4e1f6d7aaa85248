"""A coordinator visits every page in a real browser, in both languages, on both datasets.

Screenshots of every page go to `screenshots/` (git-ignored), named
`<dataset>-<lang>-<page>.png`, for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

TIMEOUT = 60_000
# (url path, French title, English title, draws charts on the demo dataset)
PAGES = [
    ("overview", "Vue d'ensemble", "Overview", True),
    ("gaps", "Écarts d'adoption", "Adoption gaps", True),
    ("delays", "Retards", "Delays", True),
    ("measures", "Mesures", "Measures", False),  # charts only in a measure's detail
    ("timeline", "Chronologie", "Timeline", True),
    ("report", "Rapport", "Report", False),
    ("method", "Méthode", "Method", False),
]


def _wait_until_drawn(page: Page) -> None:
    # Streamlit shows a status widget while the script runs; wait for it to go.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


@pytest.mark.parametrize("dataset", ["demo", "france"])
def test_every_page_renders_in_french_then_english(
    page: Page, app_url: str, screenshots: Path, dataset: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(f"{app_url}/?dataset={dataset}&lang=fr&as_of=2026-11-26")
    expect(page.get_by_role("heading", name="Vue d'ensemble")).to_be_visible(timeout=TIMEOUT)
    for lang in ("fr", "en"):
        if lang == "en":
            page.get_by_text("English", exact=True).click()
            # The page stays (the last one visited); its title is now in English.
            expect(page.get_by_role("heading", name=PAGES[-1][2], exact=True)).to_be_visible(
                timeout=TIMEOUT
            )
        for path, title_fr, title_en, charts in PAGES:
            title = title_fr if lang == "fr" else title_en
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(
                timeout=TIMEOUT
            )
            _wait_until_drawn(page)
            assert f"/{path}" in page.url or path == "overview"
            # No exception box on any page.
            expect(page.get_by_test_id("stException")).to_have_count(0)
            if charts and dataset == "demo":
                expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
                assert page.locator(".js-plotly-plot .main-svg").count() > 0
            page.screenshot(path=screenshots / f"{dataset}-{lang}-{path}.png")
        # The language and dataset survive navigation: they live in the URL.
        assert f"lang={lang}" in page.url and f"dataset={dataset}" in page.url


def test_a_measure_link_opens_its_detail_with_the_status_history_chart(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(f"{app_url}/measures?dataset=demo&lang=fr&as_of=2026-11-26&measure=A-M07")
    expect(page.get_by_role("heading", name="Mesures", exact=True)).to_be_visible(timeout=TIMEOUT)
    _wait_until_drawn(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
    assert "measure=A-M07" in page.url
    page.screenshot(path=screenshots / "demo-fr-measure-detail.png")
