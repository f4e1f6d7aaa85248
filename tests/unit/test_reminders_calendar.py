"""The reminders calendar (issue 16, item 4): the facts chosen (`analysis.reminders`) and the
iCalendar file written from them (`present.calendar_ics`), read back with the `icalendar`
library, as Outlook, Thunderbird and Google Calendar would import it.

The small dataset below, on 1 December 2020 (`AS_OF`):

| row | what                                             | in the calendar                  |
|-----|--------------------------------------------------|----------------------------------|
| M1  | due 31/03/2020, assessed « En cours »            | deadline 31/03/2020 (overdue)    |
| M2  | no due date                                      | deadline = P1's end, 31/12/2021  |
| M3  | due 30/06/2021, revised to 31/12/2021 (Oct.)     | deadline 31/12/2021, sequence 1  |
| M4  | due 30/06/2020, « Réalisée »                     | deadline, closed, no alert       |
| M5  | plan P2, not adopted on the as-of date           | none                             |
| E1  | letter 10/01/2020, answered by E2 (10/02/2020)   | reply received, 10/03/2020       |
| E3  | letter 15/11/2020, no reply                      | reminder 14/01/2021              |
| E4  | letter of « mars 2020 », no reply                | reminder 30/04/2020 → 30/05/2020 |
| E5  | letter 10/12/2020 (after the as-of date)         | none                             |
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import icalendar
import pandas as pd
import pytest

from monitoring.analysis import metrics
from monitoring.analysis.reminders import reminders
from monitoring.config import shipped
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.devtools.demo import REFERENCE_DATE
from monitoring.intake.loading import load_shipped
from monitoring.present.calendar_ics import calendar_ics
from monitoring.text.i18n import format_date, t

AS_OF = dt.date(2020, 12, 1)
MEETING = dt.date(2021, 1, 20)
NOW = dt.datetime(2020, 12, 2, 9, 30, tzinfo=dt.UTC)
D = dt.date


def records() -> dict[str, list[dict[str, Any]]]:
    return {
        "plans": [
            {"plan_id": "P1", "title": "Plan 1", "period_start": "2019-01-01",
             "period_end": "2021-12-31"},
            {"plan_id": "P2", "title": "Plan 2", "period_start": "2022-01-01",
             "period_end": "2024-12-31"},
        ],
        "measures": [
            {"measure_id": "M1", "plan_id": "P1", "number": 1, "axis": "A", "title": "Mesure un",
             "due_date": "2020-03-31", "lead": "Justice"},
            {"measure_id": "M2", "plan_id": "P1", "number": 2, "axis": "A", "title": "Mesure deux"},
            {"measure_id": "M3", "plan_id": "P1", "number": 3, "axis": "A",
             "title": "Mesure trois", "due_date": "2021-06-30"},
            {"measure_id": "M4", "plan_id": "P1", "number": 4, "axis": "A",
             "title": "Mesure quatre", "due_date": "2020-06-30"},
            {"measure_id": "M5", "plan_id": "P2", "number": 1, "axis": "A", "title": "Plus tard",
             "due_date": "2023-06-30"},
        ],
        "status_updates": [
            {"measure_id": "M1", "as_of": "2020-06-01", "status": "En cours",
             "voice": "government"},
            {"measure_id": "M3", "as_of": "2020-10-01", "status": "En cours",
             "voice": "government", "assessor": "DIHAL", "revised_due_date": "2021-12-31"},
            {"measure_id": "M4", "as_of": "2020-05-01", "status": "Réalisée",
             "voice": "government", "completed_on": "2020-05-01"},
        ],
        "events": [
            {"event_id": "E1", "date": "2020-01-10", "kind": "letter", "title": "Lettre 1",
             "recipient": "Ministère", "plan_id": "P1"},
            {"event_id": "E2", "date": "2020-02-10", "kind": "reply", "title": "Réponse 1",
             "reply_to": "E1", "plan_id": "P1"},
            {"event_id": "E3", "date": "2020-11-15", "kind": "letter", "title": "Lettre 3",
             "sender": "Collectif", "recipient": "Ministère", "plan_id": "P1"},
            {"event_id": "E4", "date": "2020-03-01", "date_latest": "2020-03-31",
             "kind": "letter", "title": "Lettre 4", "recipient": "Premier ministre"},
            {"event_id": "E5", "date": "2020-12-10", "kind": "letter", "title": "Lettre 5"},
        ],
    }  # fmt: skip


def build(data: dict[str, list[dict[str, Any]]] | None = None) -> Dataset:
    return dataset_from_records(data or records())


def write(ds: Dataset, *, lang: str = "fr", version: int | None = 1, key: str = "petit",
          meeting: dt.date | None = MEETING, reply_after: int = 60,
          as_of: dt.date = AS_OF) -> icalendar.Calendar:  # fmt: skip
    found = reminders(ds, as_of, reply_after, meeting)
    data = calendar_ics(found, ds, dataset_key=key, dataset_label=shipped.dataset_label(key, lang),
                        version=version, lang=lang, now=NOW)  # type: ignore[arg-type]  # fmt: skip
    return icalendar.Calendar.from_ical(data)


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "two events share a UID"
    return found


def of_kind(cal: icalendar.Calendar, kind: str) -> dict[str, icalendar.Event]:
    return {uid: e for uid, e in events(cal).items() if uid.startswith(f"{kind}.")}


def subject(uid: str) -> str:
    return uid.split(".")[1]


def start(event: icalendar.Event) -> dt.date:
    return event.decoded("DTSTART")


def end(event: icalendar.Event) -> dt.date:
    return event.decoded("DTEND")


# --- One event per deadline, per letter, and the meeting ---------------------------------


def test_the_file_holds_one_event_per_deadline_letter_and_the_meeting():
    ds = build()
    cal = write(ds)

    # Against the existing figures: measures of adopted plans with an effective deadline,
    # letters known at the as-of date (awaiting their reply or answered).
    table = metrics.measure_table(ds, AS_OF)
    due = table[table["plan_adopted"] & table["effective_due"].notna()]
    sent = metrics.letters(ds, AS_OF)
    waiting = sent[~sent["answered"]]
    assert {subject(u) for u in of_kind(cal, "deadline")} == set(due["measure_id"])
    assert {subject(u) for u in of_kind(cal, "reply")} == set(sent["event_id"])
    assert len(of_kind(cal, "meeting")) == 1
    assert len(events(cal)) == len(due) + len(sent) + 1
    # By hand, from the table above.
    assert set(due["measure_id"]) == {"M1", "M2", "M3", "M4"}
    assert set(waiting["event_id"]) == {"E3", "E4"}
    assert set(sent["event_id"]) == {"E1", "E3", "E4"}


def test_without_a_meeting_date_there_is_no_meeting_event():
    cal = write(build(), meeting=None)

    assert of_kind(cal, "meeting") == {}
    assert len(of_kind(cal, "deadline")) == 4


@pytest.mark.scale  # a whole shipped dataset read and written: a second or two
@pytest.mark.parametrize("key", ["demo", "france"])
def test_a_shipped_dataset_has_one_event_per_deadline_and_reminder(key: str):
    ds = load_shipped(key)
    as_of = REFERENCE_DATE if key == "demo" else dt.date(2026, 12, 7)
    cal = write(ds, key=key, as_of=as_of, meeting=as_of + dt.timedelta(days=45))

    table = metrics.measure_table(ds, as_of)
    due = table[table["plan_adopted"] & table["effective_due"].notna()]
    sent = metrics.letters(ds, as_of)
    assert len(of_kind(cal, "deadline")) == len(due)
    assert len(of_kind(cal, "reply")) == len(sent)
    assert len(events(cal)) == len(due) + len(sent) + 1


# --- Dates -------------------------------------------------------------------------------


def test_every_event_is_a_whole_day_or_days_never_an_hour():
    for event in events(write(build())).values():
        assert type(start(event)) is dt.date and type(end(event)) is dt.date
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert end(event) > start(event)


def test_a_deadline_is_the_current_one_and_its_description_gives_the_original_and_revision():
    cal = write(build())
    moved = of_kind(cal, "deadline")["deadline.M3.petit@plan-monitoring"]

    assert start(moved) == D(2021, 12, 31) and end(moved) == D(2022, 1, 1)
    text = str(moved["DESCRIPTION"])
    assert format_date(D(2021, 6, 30), "fr") in text  # the original
    assert format_date(D(2020, 10, 1), "fr") in text  # when the revision was announced
    assert "DIHAL" in text
    assert int(moved["SEQUENCE"]) == 1
    plain = of_kind(cal, "deadline")["deadline.M1.petit@plan-monitoring"]
    assert start(plain) == D(2020, 3, 31) and int(plain["SEQUENCE"]) == 0


def test_a_measure_without_a_deadline_takes_its_plans_end_and_says_it_is_a_convention():
    cal = write(build())
    event = of_kind(cal, "deadline")["deadline.M2.petit@plan-monitoring"]

    assert start(event) == D(2021, 12, 31)
    assert t("truth.basis.plan_end", "fr") in str(event["DESCRIPTION"])


def test_a_letter_dated_only_to_a_month_spans_every_day_its_delay_may_end_on():
    cal = write(build(), reply_after=60)
    event = of_kind(cal, "reply")["reply.E4.petit@plan-monitoring"]

    # March 2020 + 60 days: from 30 April (1 March + 60) to 30 May (31 March + 60).
    assert start(event) == D(2020, 4, 30)
    assert end(event) == D(2020, 5, 31)  # DTEND is the day after the last
    assert "mars 2020" in str(event["DESCRIPTION"])
    exact = of_kind(cal, "reply")["reply.E3.petit@plan-monitoring"]
    assert start(exact) == D(2021, 1, 14) and end(exact) == D(2021, 1, 15)


def test_the_delay_chosen_moves_the_reminders():
    later = of_kind(write(build(), reply_after=90), "reply")["reply.E3.petit@plan-monitoring"]

    assert start(later) == D(2020, 11, 15) + dt.timedelta(days=90)


def test_nothing_after_the_as_of_date_is_known():
    data = records()
    data["status_updates"].append(
        {"measure_id": "M1", "as_of": "2020-12-15", "status": "En cours", "voice": "government",
         "revised_due_date": "2022-06-30"}
    )  # fmt: skip
    cal = write(build(data))

    event = of_kind(cal, "deadline")["deadline.M1.petit@plan-monitoring"]
    assert start(event) == D(2020, 3, 31)
    assert format_date(D(2022, 6, 30), "fr") not in str(event["DESCRIPTION"])
    assert "reply.E5.petit@plan-monitoring" not in events(cal)  # sent after the as-of date


def test_alerts_only_on_what_is_still_to_come_and_open():
    cal = write(build())
    alerted = {subject(uid) for uid, e in events(cal).items() if e.walk("VALARM")}

    # To come after 1 December 2020 and open: M2 and M3 (31/12/2021), E3 (14/01/2021) and
    # the meeting; M1 is past, M4 done, E4's reminder past.
    assert alerted == {"M2", "M3", "E3", MEETING.isoformat()}
    for uid, event in events(cal).items():
        for alarm in event.walk("VALARM"):
            assert str(alarm["ACTION"]) == "DISPLAY" and alarm.get("DESCRIPTION"), uid


# --- Identity across versions --------------------------------------------------------------


def test_uids_stay_when_the_calendar_is_written_from_a_later_version():
    before = write(build(), version=1)
    data = records()
    data["status_updates"].append(  # a new assessment moving M1's deadline
        {"measure_id": "M1", "as_of": "2020-11-20", "status": "En cours", "voice": "government",
         "revised_due_date": "2021-03-31"}
    )  # fmt: skip
    rng = random.Random(16)
    for rows in data.values():  # other row numbers everywhere
        rng.shuffle(rows)
    after = write(build(data), version=2)

    assert set(events(after)) == set(events(before))
    moved_before = events(before)["deadline.M1.petit@plan-monitoring"]
    moved_after = events(after)["deadline.M1.petit@plan-monitoring"]
    assert start(moved_after) == D(2021, 3, 31) != start(moved_before)
    assert int(moved_after["SEQUENCE"]) > int(moved_before["SEQUENCE"])
    assert format_date(D(2020, 3, 31), "fr") in str(moved_after["DESCRIPTION"])  # the original


def test_uids_name_the_dataset_so_two_datasets_never_collide():
    one, other = write(build(), key="un"), write(build(), key="autre")

    assert not set(events(one)) & set(events(other))


def test_the_same_reminders_keep_their_uids_in_either_language():
    assert set(events(write(build(), lang="fr"))) == set(events(write(build(), lang="en")))


# --- Texts and stamp ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_calendar_is_named_after_the_dataset_version_and_as_of_date(lang: str):
    ds = load_shipped("demo")
    cal = write(ds, key="demo", lang=lang, version=4, as_of=REFERENCE_DATE)

    name = str(cal["X-WR-CALNAME"])
    assert str(cal["NAME"]) == name
    assert shipped.dataset_label("demo", lang) in name
    assert "4" in name and format_date(REFERENCE_DATE, lang) in name
    assert t("app.demo_banner", lang) in str(cal["X-WR-CALDESC"])  # fictional, said
    for event in events(cal).values():
        assert event["SUMMARY"].params["LANGUAGE"] == lang
        assert shipped.dataset_label("demo", lang) in str(event["DESCRIPTION"])


def test_texts_are_french_by_default_and_english_on_request():
    fr, en = write(build(), lang="fr"), write(build(), lang="en")
    uid = "deadline.M1.petit@plan-monitoring"

    assert str(events(fr)[uid]["SUMMARY"]) != str(events(en)[uid]["SUMMARY"])
    assert t("calendar.category.deadline", "fr") in events(fr)[uid]["CATEGORIES"].cats
    assert t("calendar.category.deadline", "en") in events(en)[uid]["CATEGORIES"].cats
    assert format_date(D(2020, 3, 31), "fr") in str(events(fr)[uid]["DESCRIPTION"])
    assert format_date(D(2020, 3, 31), "en") in str(events(en)[uid]["DESCRIPTION"])


def test_a_done_measure_keeps_its_event_and_says_it_is_closed():
    event = events(write(build()))["deadline.M4.petit@plan-monitoring"]

    assert not event.walk("VALARM")
    assert "Réalisée" in str(event["DESCRIPTION"])


def test_an_answered_letter_keeps_its_follow_ups_place_and_says_the_reply_came():
    event = events(write(build()))["reply.E1.petit@plan-monitoring"]

    # Sent 10/01/2020, its follow-up 60 days later: 10/03/2020, where it stays.
    assert start(event) == D(2020, 3, 10) and end(event) == D(2020, 3, 11)
    assert str(event["SUMMARY"]) == t("calendar.answered.summary", "fr", title="Lettre 1")
    assert "Réponse reçue le 10/02/2020" in str(event["DESCRIPTION"])
    assert "Lettre « Lettre 1 », le 10/01/2020." in str(event["DESCRIPTION"])
    assert int(event["SEQUENCE"]) == 1 and not event.walk("VALARM")


def test_a_reply_recorded_later_turns_the_follow_up_into_the_reply_received():
    before = events(write(build(), version=1))["reply.E3.petit@plan-monitoring"]
    data = records()
    data["events"].append(
        {"event_id": "E6", "date": "2020-11-25", "kind": "reply", "title": "Réponse 3",
         "reply_to": "E3", "plan_id": "P1"}
    )  # fmt: skip
    after_cal = write(build(data), version=2)
    after = events(after_cal)["reply.E3.petit@plan-monitoring"]

    # The same event, updated: same UID and days, a later sequence, no alert left.
    assert (start(after), end(after)) == (start(before), end(before))
    assert (start(after), end(after)) == (D(2021, 1, 14), D(2021, 1, 15))
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert before.walk("VALARM") and not after.walk("VALARM")
    assert str(before["SUMMARY"]).startswith("Relance")
    assert str(after["SUMMARY"]).startswith("Réponse reçue")
    assert "le 25/11/2020" in str(after["DESCRIPTION"])
    assert set(events(after_cal)) == set(events(write(build(), version=1)))


def test_a_reply_known_only_as_a_period_keeps_its_bounds():
    data = records()
    data["events"][1].update(date="2020-02-01", date_latest="2020-02-29")  # E2: février 2020
    found = reminders(build(data), AS_OF, 60)

    row = found.answered.set_index("event_id").loc["E1"]
    assert row["reply_date"] == pd.Timestamp("2020-02-01")
    assert row["reply_date_latest"] == pd.Timestamp("2020-02-29")
    event = events(write(build(data)))["reply.E1.petit@plan-monitoring"]
    assert "Réponse reçue en février 2020" in str(event["DESCRIPTION"])


def test_the_meeting_counts_what_falls_due_before_it():
    found = reminders(build(), AS_OF, 60, D(2022, 1, 1))

    # Not yet due on 1/12/2020 and due by 1/1/2022: M2 and M3 (31/12/2021).
    assert found.due_by_meeting() == 2
    assert found.overdue() == 1  # M1 (M4 is done)
    assert reminders(build(), AS_OF, 60, D(2021, 1, 1)).due_by_meeting() == 0


def test_hostile_text_stays_text_in_the_file():
    data = records()
    data["measures"][0]["title"] = "Titre\r\nBEGIN:VEVENT\r\nUID:pirate; a, b"
    cal = write(build(data))

    assert len(events(cal)) == 8 and "pirate" not in "".join(events(cal))
    title = str(events(cal)["deadline.M1.petit@plan-monitoring"]["SUMMARY"])
    assert "BEGIN:VEVENT" in title  # kept as text, escaped in the file


def test_reminders_frames_speak_no_language():
    found = reminders(build(), AS_OF, 60)

    assert set(found.deadlines["state"]) <= {"overdue", "past_due_unassessed", "not_yet_due",
                                             "closed"}  # fmt: skip
    assert pd.api.types.is_datetime64_any_dtype(found.replies["remind_from"])
