"""Issue 12 in a real browser: a hostile workbook is refused, and the server keeps serving.

The workbook of issue 12 declares its sheet with both `id` and `r:id`, pointing to
different parts; the one the reader opens has a cell at XFD1048576 (calamine would ask
for 512 GiB and abort the whole server process). One session uploads it and must get a
rejection naming the file within 10 seconds (the issue's bound, a behaviour bound here);
a second session must still load a page meanwhile and afterwards; the annotated
workbook of the rejected file downloads (built in the limited child process).
"""

from __future__ import annotations

import io
import re
import urllib.request
from pathlib import Path

import openpyxl
from playwright.sync_api import Browser, Page, expect

from monitoring.text.i18n import t
from tests import hostile
from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 60_000
REJECTED_WITHIN = 10_000  # ms, from the issue: "rejected … in under 10 seconds"


def settle(page: Page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_a_hostile_workbook_is_refused_while_another_session_keeps_working(
    page: Page, browser: Browser, app_url: str, screenshots: Path, tmp_path: Path
) -> None:
    path = tmp_path / "plan-hostile.xlsx"
    path.write_bytes(hostile.two_ids_workbook())
    page.set_viewport_size({"width": 1400, "height": 2000})
    page.goto(f"{app_url}/upload?dataset=demo&lang=en")
    expect(page.get_by_role("heading", name="Update", exact=True)).to_be_visible(timeout=TIMEOUT)
    settle(page)

    other = browser.new_context().new_page()  # a second session, its own cookies
    try:
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
        # While the first session's upload is checked, the second loads a page.
        other.goto(f"{app_url}/?dataset=demo&lang=en")
        expect(other.get_by_test_id("stMetric").first).to_be_visible(timeout=TIMEOUT)

        refusal = page.get_by_text(re.compile(r'File "plan-hostile\.xlsx".*column XFD'))
        expect(refusal.first).to_be_visible(timeout=REJECTED_WITHIN)
        expect(page.get_by_text(t("review.rejected", "en", count=1))).to_be_visible()
        expect_no_error_alert(page, any_error=False)
        page.screenshot(path=screenshots / "hostile-upload-refused.png", full_page=True)

        # The annotated workbook re-reads the upload in the limited child: it downloads.
        with page.expect_download(timeout=TIMEOUT) as download:
            page.get_by_role("button", name=t("upload.annotated", "en")).click()
        book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        texts = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row]
        assert any("XFD" in text for text in texts)

        # The server is alive and the second session still gets pages.
        with urllib.request.urlopen(f"{app_url}/_stcore/health", timeout=5) as reply:
            assert reply.status == 200
        other.goto(f"{app_url}/history?dataset=demo&lang=en")
        settle(other)
        expect(other.get_by_role("heading", name=t("page.history", "en"))).to_be_visible(
            timeout=TIMEOUT
        )
        expect_no_error_alert(other)
    finally:
        other.context.close()
