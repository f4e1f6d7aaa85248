"""A coordinator downloads the reminders calendar from the Delays page, in a real browser,
after giving the next committee's date: the file is an iCalendar file the `icalendar`
library reads, with one event per deadline, per letter awaiting a reply and the meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from playwright.sync_api import Page, expect

from monitoring.analysis import metrics
from monitoring.intake.loading import load_shipped
from tests.browser.conftest import expect_no_error_alert

TIMEOUT = 45_000
AS_OF = dt.date(2026, 11, 26)
MEETING = dt.date(2027, 1, 15)


def test_the_calendar_downloads_with_the_meeting_given(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/delays?dataset=demo&lang=fr&as_of={AS_OF.isoformat()}")
    expect(page.get_by_role("heading", name="Rappels dans votre agenda")).to_be_visible(
        timeout=TIMEOUT
    )
    # The date input's segments (day, month, year): typed in turn; the date is taken when
    # the input loses focus, and the caption then names the meeting.
    day = page.get_by_role("spinbutton", name="jour, Prochain comité de suivi")
    day.scroll_into_view_if_needed()
    day.click()
    page.keyboard.type(MEETING.strftime("%d%m%Y"))
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Rappels dans votre agenda").click()
    expect(page.get_by_text(f"suivi du {MEETING.strftime('%d/%m/%Y')}")).to_be_visible(
        timeout=TIMEOUT
    )
    # Clicked once the run is over: a run still going replaces the button's file, and a
    # click on the one it replaced downloads nothing.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    button = page.locator("button[data-testid^=stBaseButton]").filter(has_text="Calendrier")
    with page.expect_download(timeout=TIMEOUT) as info:
        button.first.click()
    download = info.value
    expect_no_error_alert(page)

    assert download.suggested_filename == f"demo_calendrier_{AS_OF.isoformat()}.ics"
    cal = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    found = cal.walk("VEVENT")
    ds = load_shipped("demo")
    table = metrics.measure_table(ds, AS_OF)
    deadlines = int((table["plan_adopted"] & table["effective_due"].notna()).sum())
    letters = len(metrics.letters(ds, AS_OF))  # awaiting their reply or answered
    assert len(found) == deadlines + letters + 1
    meetings = [e for e in found if str(e["UID"]).startswith("meeting.")]
    assert [e.decoded("DTSTART") for e in meetings] == [MEETING]
