"""A coordinator opens the dashboard in a real browser, reads the overview, switches language."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 45_000


def _open(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    expect(page.get_by_role("heading", name="Vue d'ensemble")).to_be_visible(timeout=TIMEOUT)


def test_overview_draws_its_charts_and_switches_to_english(
    page: Page, app_url: str, screenshots: Path
) -> None:
    _open(page, app_url)
    # Two charts: retention is not recorded in the French data, so its chart is a sentence.
    # They open as images (no interactive charts' script to load), drawn and named.
    charts = page.locator("img.pm-chart")
    expect(charts).to_have_count(2, timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    for index in range(2):
        charts.nth(index).scroll_into_view_if_needed()
        expect(charts.nth(index)).to_be_visible()
        assert charts.nth(index).evaluate("(image) => image.complete && image.naturalWidth > 0")
    expect(page.get_by_role("img", name="Mesures par statut")).to_have_count(1)
    expect(page.get_by_text("Pas de graphique de prise en compte", exact=False)).to_be_visible()
    expect(page.get_by_text("PAN-2019", exact=False).first).to_be_visible()
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "overview-france-fr.png", full_page=True)

    # Interactive on demand: plotly draws the bars, one path per non-empty segment.
    page.get_by_text("Graphiques interactifs", exact=True).click()
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=TIMEOUT)
    expect(page.locator("img.pm-chart")).to_have_count(0)
    expect(page.locator(".js-plotly-plot .bars path").first).to_be_attached(timeout=TIMEOUT)
    assert "charts=interactive" in page.url

    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=TIMEOUT)
    assert "lang=en" in page.url and "charts=interactive" in page.url
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "overview-france-en.png", full_page=True)


def test_demo_dataset_is_labelled_fictional_in_the_browser(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/?dataset=demo&lang=fr")
    expect(page.get_by_text("Données fictives de démonstration")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("img.pm-chart")).to_have_count(3, timeout=TIMEOUT)
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "overview-demo-fr.png", full_page=True)
