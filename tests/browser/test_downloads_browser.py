"""A coordinator downloads a chart as PNG from the Overview and a table as Excel from the
Delays page, in a real browser: the files are a PNG and a workbook openpyxl opens."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 45_000


def _download(page: Page, key: str) -> tuple[str, bytes]:
    """Click the download button of widget key `key` (Streamlit marks its element
    `st-key-<key>`, a dot written as a dash) once the page is drawn, and read the file."""
    # The first of its buttons: Streamlit adds a second one of no size beside it. Waited for
    # first: the running-script indicator shows only after a delay, so its absence alone
    # does not prove the script has come this far (CI once looked before the table was drawn).
    button = page.locator(f".st-key-{key.replace('.', '-')} button[data-testid^=stBaseButton]")
    button = button.first
    expect(button).to_be_visible(timeout=TIMEOUT)
    # Drawn: the script ended and every chart image decoded. A button found while the page
    # still grows can move under the pointer (CI once got the next chart's file).
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.pm-chart')]"
        ".every((image) => image.complete && image.naturalWidth > 0)",
        timeout=TIMEOUT,
    )
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=TIMEOUT) as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_a_chart_downloads_as_a_stamped_print_quality_png(
    page: Page, app_url: str, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/?dataset=demo&lang=fr&as_of=2026-11-26")
    expect(page.get_by_role("heading", name="Vue d'ensemble")).to_be_visible(timeout=TIMEOUT)
    # The Overview's charts open as images; their downloads are the stamped files.
    expect(page.locator("img.pm-chart")).to_have_count(3, timeout=TIMEOUT)
    name, data = _download(page, "plan_periods.png")  # the plans' periods
    assert name == "demo_overview_plan-periods_2026-11-26.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, _ = struct.unpack(">II", data[16:24])
    assert width == 2800  # 1400 CSS pixels at scale 2
    (screenshots / "download-plan-periods-fr.png").write_bytes(data)
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "overview-downloads-fr.png")


def test_a_table_downloads_as_an_excel_workbook(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/delays?dataset=demo&lang=fr&as_of=2026-11-26")
    expect(page.get_by_role("heading", name="Mesures en retard")).to_be_visible(timeout=TIMEOUT)
    name, data = _download(page, "delays_overdue.xlsx")  # the overdue measures
    expect_no_error_alert(page)
    assert name == "demo_delays_overdue_2026-11-26.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws["A1"].value == "Mesures en retard"
    assert "Situation au 26/11/2026" in ws["A2"].value
    assert ws["A4"].value == "Plan" and ws["D4"].value == "Jours de retard (au moins)"
    assert isinstance(ws["D5"].value, int) and ws["E5"].is_date
