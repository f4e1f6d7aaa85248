"""A coordinator prepares the French dossier in the browser and downloads its ZIP."""

from __future__ import annotations

import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 45_000
BUILD_TIMEOUT = 120_000  # the whole French dossier: about 10 s warm, more on a cold server


def test_the_dossier_button_builds_the_zip_and_the_download_holds_every_file(
    page: Page, app_url: str, screenshots: Path, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/report?dataset=france&lang=fr&as_of=2025-06-01")
    expect(page.get_by_role("heading", name="Rapport")).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=screenshots / "report-france-fr.png", full_page=True)

    page.get_by_role("button", name="Préparer le dossier").click()
    download_button = page.get_by_role("button", name="Télécharger le dossier (ZIP)")
    expect(download_button).to_be_visible(timeout=BUILD_TIMEOUT)
    expect(page.get_by_text("Dossier prêt :", exact=False)).to_be_visible()
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "report-france-fr-built.png", full_page=True)

    with page.expect_download(timeout=TIMEOUT) as event:
        download_button.click()
    download = event.value
    assert download.suggested_filename == "dossier_france_2025-06-01_fr.zip"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        listing = archive.namelist()
        assert archive.read("rapport.pdf").startswith(b"%PDF")
    charts = [name for name in listing if name.startswith("charts/")]
    assert charts[:2] == ["charts/01-plan-periods.png", "charts/01-plan-periods.svg"]
    # PAN-2024's timeline: nothing known yet, a sentence rather than 60 unknown rows.
    assert {"charts/04-timeline-PAN-2014.png", "charts/06-timeline-PAN-2024.txt"} <= set(charts)
    # Retention is not recorded in the French data: that chart is its sentence, not an image.
    assert "charts/03-retention-by-plan.txt" in charts
    images = [name for name in charts if not name.endswith(".txt")]
    assert {n.removesuffix(".png") for n in images if n.endswith(".png")} == {
        n.removesuffix(".svg") for n in images if n.endswith(".svg")
    }
    assert listing[-2:] == ["tables.xlsx", "rapport.pdf"]
