"""A coordinator prepares the follow-up committee in the browser and downloads the Word brief."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from playwright.sync_api import Page, expect

from monitoring.analysis.delays import measure_list
from monitoring.devtools.demo import REFERENCE_DATE
from monitoring.intake.loading import load_shipped
from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 45_000


def test_the_brief_page_shows_the_questions_and_its_word_download_holds_them(
    page: Page, app_url: str, screenshots: Path, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    day = REFERENCE_DATE.isoformat()
    page.goto(f"{app_url}/brief?dataset=demo&lang=fr&as_of={day}")
    expect(page.get_by_role("heading", name="Préparer le comité")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Questions à poser")).to_be_visible(timeout=TIMEOUT)
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "brief-demo-fr.png", full_page=True)

    with page.expect_download(timeout=TIMEOUT) as event:
        page.get_by_role("button", name="Télécharger (Word)").click()
    download = event.value
    assert download.suggested_filename == f"brief-comite_demo_{day}.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    overdue = measure_list(load_shipped("demo"), REFERENCE_DATE, "all", "overdue")
    assert "Questions à poser" in text
    assert all(f"({m}," in text for m in overdue["measure_id"])  # one question each
