"""`plan-monitoring calendar`, run as a user would (in-process, through main()): the file it
writes parses, holds one event per deadline and reminder of the stored version, and keeps
its event identifiers when a later version is stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import openpyxl
import pytest

from monitoring.analysis import metrics
from monitoring.analysis.filters import Filters, apply_filters
from monitoring.analysis.reminders import DEFAULT_REPLY_AFTER
from monitoring.cli import main
from monitoring.cli.common import stored
from monitoring.cli.parser import REPLY_AFTER_DAYS
from monitoring.config.settings import Settings
from monitoring.contract.schema import STATUS_UPDATES
from monitoring.text.i18n import t

# The store is seeded from the shipped workbooks, read in the parse child.
pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch) -> Path:
    """Each test has its own empty store (SQLite in a temporary state folder)."""
    folder = tmp_path / "state"
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(folder))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    return folder


def uids(path: Path) -> set[str]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]) for e in cal.walk("VEVENT")}


def test_calendar_writes_one_event_per_deadline_letter_and_the_meeting(tmp_path, capsys):
    out = tmp_path / "rappels.ics"
    code = main(["calendar", "--dataset", "demo", "--out", str(out), "--as-of", AS_OF.isoformat(),
                 "--next-meeting", "2027-01-15", "--plan", "DEMO-B", "DEMO-C"])  # fmt: skip

    assert code == 0
    ds = apply_filters(stored(Settings.from_env(), "demo", "fr")[1],
                       Filters(plans=("DEMO-B", "DEMO-C")))  # fmt: skip
    table = metrics.measure_table(ds, AS_OF)
    due = int((table["plan_adopted"] & table["effective_due"].notna()).sum())
    sent = metrics.letters(ds, AS_OF)
    expected = due + len(sent) + 1  # every letter: awaiting its reply or answered
    assert len(uids(out)) == expected
    assert set(table["plan_id"]) == {"DEMO-B", "DEMO-C"}
    assert t("cli.calendar.written", "fr", path=str(out), count=expected) in capsys.readouterr().out


def test_calendar_keeps_its_uids_when_a_later_version_is_stored(tmp_path, capsys):
    first, second = tmp_path / "v1.ics", tmp_path / "v2.ics"
    argv = ["calendar", "--dataset", "demo", "--as-of", AS_OF.isoformat()]
    assert main([*argv, "--out", str(first)]) == 0
    # A later version: one new assessment of the demo's first measure, moving its deadline.
    full = openpyxl.load_workbook(ROOT / "data" / "demo.xlsx")
    header, row = ([c.value for c in r] for r in full["Suivi"].iter_rows(max_row=2))
    columns = {c.id: header.index(c.fr) for c in STATUS_UPDATES.columns if c.fr in header}
    moved_to = AS_OF + dt.timedelta(days=200)
    row[columns["as_of"]] = (AS_OF - dt.timedelta(days=3)).isoformat()
    row[columns["revised_due_date"]] = moved_to.isoformat()
    partial = openpyxl.Workbook()
    partial.active.title = "Suivi"
    for values in (header, row):
        partial.active.append(values)
    path = tmp_path / "suivi.xlsx"
    partial.save(path)
    assert main(["import", str(path), "--dataset", "demo", "--partial"]) == 0
    assert main([*argv, "--out", str(second)]) == 0

    assert uids(second) == uids(first)
    cal = icalendar.Calendar.from_ical(second.read_bytes())
    measure = str(row[columns["measure_id"]])
    moved = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith(f"deadline.{measure}."))
    assert moved.decoded("DTSTART") == moved_to
    assert "version 2" in str(cal["X-WR-CALNAME"])


def test_a_meeting_before_the_as_of_date_is_refused_and_nothing_written(tmp_path, capsys):
    out = tmp_path / "x.ics"
    code = main(["calendar", "--out", str(out), "--as-of", "2026-11-26",
                 "--next-meeting", "2026-01-01", "--lang", "en"])  # fmt: skip

    assert code == 2 and not out.exists()
    assert "2026-01-01" in capsys.readouterr().err


def test_an_unknown_plan_is_refused_naming_the_plans(tmp_path, capsys):
    out = tmp_path / "x.ics"
    code = main(["calendar", "--dataset", "demo", "--out", str(out), "--plan", "NOPE"])

    assert code == 1 and not out.exists()
    assert "DEMO-A" in capsys.readouterr().err


def test_the_parsers_default_delay_is_the_analysis_default():
    assert REPLY_AFTER_DAYS == DEFAULT_REPLY_AFTER
