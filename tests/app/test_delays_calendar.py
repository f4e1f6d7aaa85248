"""AppTest: the Delays page offers the reminders calendar (.ics) for download, with the
next committee's date and the reply delay as inputs, and says how many reminders it holds
(counted here from the figures, `metrics.measure_table` and `metrics.letters`).

The file's data is built on click (a callable, which AppTest does not run): what it holds
is checked by `tests/unit/test_reminders_calendar.py`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.analysis import metrics
from monitoring.intake.loading import load_shipped
from monitoring.text.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = dt.date(2026, 11, 26)


def delays_page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"dataset": "demo", "lang": lang, "as_of": AS_OF.isoformat()}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/delays.py").run()
    return at


def expected_caption(lang: str, meeting: dt.date | None = None) -> str:
    """Deadlines of adopted plans, and letters unanswered at the as-of date (the delay
    moves reminders, never their number)."""
    ds = load_shipped("demo")
    table = metrics.measure_table(ds, AS_OF)
    counted = {
        "deadlines": int((table["plan_adopted"] & table["effective_due"].notna()).sum()),
        "letters": int((~metrics.letters(ds, AS_OF)["answered"]).sum()),
    }
    said = (
        t("calendar.caption.meeting", lang, date=meeting, **counted)
        if meeting
        else t("calendar.caption", lang, **counted)
    )
    return f"{said} {t('calendar.import_note', lang)}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_delays_page_offers_the_calendar_with_its_count(lang: str) -> None:
    at = delays_page(lang)

    button = next(b for b in at.get("download_button") if b.key == "delays_calendar")
    assert button.proto.label == t("calendar.download", lang)  # type: ignore[attr-defined]
    assert button.proto.help == t("calendar.download.help", lang)  # type: ignore[attr-defined]
    assert expected_caption(lang) in [c.value for c in at.caption]
    assert at.date_input(key="delays_next_meeting").value is None


def test_a_meeting_date_and_another_delay_are_taken_without_failing() -> None:
    at = delays_page("fr")
    meeting = AS_OF + dt.timedelta(days=40)
    at.date_input(key="delays_next_meeting").set_value(meeting).run()
    at.number_input(key="delays_reply_after").set_value(30).run()

    assert not at.exception
    assert any(b.key == "delays_calendar" for b in at.get("download_button"))
    assert expected_caption("fr", meeting) in [c.value for c in at.caption]
