"""The published site carries the reminders calendar: `calendar.ics` in each language's
folder, linked from that language's Delays page, with one event per deadline and per
letter awaiting a reply (no meeting: publishing is given no date)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from monitoring.analysis import metrics
from monitoring.config import shipped
from monitoring.intake.loading import load_shipped
from monitoring.present.site import write_site
from tests.unit.test_site import parsed

# A whole site written: seconds, not milliseconds.
pytestmark = pytest.mark.scale

AS_OF = dt.date(2025, 6, 1)


def test_each_language_has_its_calendar_linked_from_its_delays_page(tmp_path: Path) -> None:
    ds = load_shipped("demo")
    labels = {lang: shipped.dataset_label("demo", lang) for lang in ("fr", "en")}
    files = write_site(ds, dataset_label=labels, dataset_key="demo", version=3,
                       content_hash=ds.content_hash(), as_of=AS_OF, out_dir=tmp_path)  # fmt: skip

    table = metrics.measure_table(ds, AS_OF)
    deadlines = int((table["plan_adopted"] & table["effective_due"].notna()).sum())
    letters = len(metrics.letters(ds, AS_OF))  # awaiting their reply or answered
    uids = {}
    for lang in ("fr", "en"):
        delays = tmp_path / lang / "delays.html"
        links = [v for tag, a, _, v in parsed(delays).addresses if tag == "a" and a == "href"]
        calendars = [v for v in links if v.endswith(".ics")]
        assert len(calendars) == 1
        path = (delays.parent / calendars[0]).resolve()
        assert path in {p.resolve() for p in files}
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        found = cal.walk("VEVENT")
        assert len(found) == deadlines + letters
        assert labels[lang] in str(cal["X-WR-CALNAME"]) and "3" in str(cal["X-WR-CALNAME"])
        assert {e["SUMMARY"].params["LANGUAGE"] for e in found} == {lang}
        uids[lang] = {str(e["UID"]) for e in found}
    assert uids["fr"] == uids["en"]  # the same events, worded twice
