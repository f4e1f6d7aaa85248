"""A coordinator visits every page in a real browser, in both languages, on both datasets,
and no page shows an error.

The pages are those `monitoring.present.pages` declares (the navigation's), their titles those of
the locale. Screenshots of every page go to `screenshots/` (git-ignored), named
`<dataset>-<lang>-<page>.png`, for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from monitoring.present.pages import PAGES as DECLARED
from monitoring.text.i18n import t
from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 60_000
# (url path, title key) of every page, in the navigation's order.
PAGES = [(page.id, page.title_key) for page in DECLARED]
# The pages that draw charts on the demo dataset (measures: only in a measure's detail).
CHARTS = {page.id for page in DECLARED if page.charts()}


def _wait_until_drawn(page: Page) -> None:
    # Streamlit shows a status widget while the script runs; wait for it to go.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_the_walk_covers_every_page() -> None:
    paths = [path for path, _key in PAGES]
    assert len(paths) >= 10 and {"overview", "upload", "history", "admin"} <= set(paths)


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
            last = t(PAGES[-1][1], "en")
            expect(page.get_by_role("heading", name=last, exact=True)).to_be_visible(
                timeout=TIMEOUT
            )
        for path, key in PAGES:
            title = t(key, lang)
            nav = page.get_by_test_id("stSidebarNav")
            nav.get_by_role("link", name=title, exact=True).click()
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(
                timeout=TIMEOUT
            )
            _wait_until_drawn(page)
            assert f"/{path}" in page.url or path == "overview"
            # The page says its language (Streamlit serves `<html lang="en">`), and names
            # its controls in it, in English again once English is chosen.
            expect(page.locator("html")).to_have_attribute("lang", lang)
            other = "[aria-label^='Help for ']" if lang == "fr" else "[aria-label^='Aide : ']"
            expect(page.locator(other)).to_have_count(0)
            expect(page.get_by_role("button", name=t("streamlit.main_menu", lang))).to_be_visible()
            expect_no_error_alert(page)  # no exception, no reference box, no error at all
            if path in CHARTS and dataset == "demo":
                # The Overview's charts are images (`exports.screen_svg`), the others plotly.
                drawn = "img.pm-chart" if path == "overview" else ".js-plotly-plot .main-svg"
                expect(page.locator(drawn).first).to_be_attached(timeout=TIMEOUT)
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
    expect_no_error_alert(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
    assert "measure=A-M07" in page.url
    page.screenshot(path=screenshots / "demo-fr-measure-detail.png")


def test_a_page_s_own_choices_survive_a_visit_to_another_page(page: Page, app_url: str) -> None:
    """The navigation drops a page's own parameters from the address: coming back, the
    Measures search and the Overview's interactive charts are still the session's."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/measures?dataset=demo&lang=fr&search=accueil")
    expect(page.get_by_role("heading", name="Mesures", exact=True)).to_be_visible(timeout=TIMEOUT)
    search = page.get_by_test_id("stTextInput").locator("input").first
    expect(search).to_have_value("accueil", timeout=TIMEOUT)
    nav = page.get_by_test_id("stSidebarNav")
    delays = t("page.delays", "fr")
    nav.get_by_role("link", name=delays, exact=True).click()
    expect(page.get_by_role("heading", name=delays, exact=True)).to_be_visible(timeout=TIMEOUT)
    nav.get_by_role("link", name="Mesures", exact=True).click()
    expect(search).to_have_value("accueil", timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"search=accueil"), timeout=TIMEOUT)

    nav.get_by_role("link", name="Vue d'ensemble", exact=True).click()
    page.get_by_text("Graphiques interactifs", exact=True).click()
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=TIMEOUT)
    nav.get_by_role("link", name=delays, exact=True).click()
    expect(page.get_by_role("heading", name=delays, exact=True)).to_be_visible(timeout=TIMEOUT)
    nav.get_by_role("link", name="Vue d'ensemble", exact=True).click()
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=TIMEOUT)
    expect(page.locator("img.pm-chart")).to_have_count(0)
    expect_no_error_alert(page)


def test_the_overview_asked_at_its_own_address_is_shown_at_home_and_marked(
    page: Page, app_url: str
) -> None:
    """`/overview?…` (a link naming the page) opens the Overview at "/", with every
    parameter of the link, where the navigation marks it as the page shown."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/overview?dataset=demo&lang=fr&plan=DEMO-A&plan=DEMO-B"
              "&charts=interactive")  # fmt: skip
    expect(page.get_by_role("heading", name="Vue d'ensemble")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"^http://[^/]+/\?"), timeout=TIMEOUT)
    for kept in ("dataset=demo", "plan=DEMO-A", "plan=DEMO-B", "charts=interactive"):
        assert kept in page.url, page.url
    current = page.get_by_test_id("stSidebarNav").locator("a[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Vue d'ensemble")
    expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found"
    _wait_until_drawn(page)
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=TIMEOUT)
    expect_no_error_alert(page)
