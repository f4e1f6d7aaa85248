"""Reminders: the dated facts a coordinator's calendar holds, in no language.

Three kinds, each identified by its kind and its subject (never by a row number or a
version), so that a calendar written from a later version names the same reminders again:

- `deadline`: a measure's deadline, as `metrics.measure_table` decides it (the latest
  revised due date known, else the measure's own, else its plan's end by convention),
  with every revision known (`delays.revised_due_dates`); one per measure, the current
  deadline only, whatever it replaced;
- `reply`: a letter still awaiting its reply at the as-of date (`metrics.letters`), due a
  reminder a chosen number of days after it was sent; a letter known only as a period
  (a month, a year) keeps its bounds: its reminder covers every day the delay may end on.
  A letter answered keeps its reminder's place, saying the reply came: a calendar
  imported again then updates the reminder instead of leaving it standing;
- `meeting`: the next committee meeting, a date the user gives.

`monitoring.present.calendar_ics` writes them as an iCalendar file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from monitoring.analysis.delays import revised_due_dates
from monitoring.analysis.metrics import CLOSED_CATEGORIES, VOICE_ALL, letters, measure_table
from monitoring.contract.dataset import DATE_DTYPE, Dataset

ReminderKind = Literal["deadline", "reply", "meeting"]
REMINDER_KINDS: tuple[ReminderKind, ...] = ("deadline", "reply", "meeting")
DEFAULT_REPLY_AFTER = 60  # days a letter is given before its reminder
# What a deadline's measure is at the as-of date (`deadlines`' `state`).
DeadlineState = Literal["overdue", "past_due_unassessed", "not_yet_due", "closed"]
_DATES = np.dtype(DATE_DTYPE)


@dataclass(frozen=True)
class Revision:
    """One revised due date of a measure, as an assessment known at the as-of date gave it.

    Attributes:
        due: the revised due date.
        announced_on: the assessment's date (its earliest when known only as a period).
        announced_latest: its latest possible date; None when known to the day.
        voice: the assessment's voice code.
        assessor: who assessed (None when not recorded).
    """

    due: dt.date
    announced_on: dt.date
    announced_latest: dt.date | None
    voice: str | None
    assessor: str | None


@dataclass(frozen=True)
class Reminders:
    """What a calendar holds at an as-of date.

    Attributes:
        as_of: the date the facts are known at.
        reply_after: the days a letter is given before its reminder.
        deadlines: one row per deadline (`deadlines`).
        replies: one row per letter awaiting its reply (`awaiting_reply`).
        answered: one row per letter answered (`answered_letters`).
        next_meeting: the next committee meeting, None when not given.
    """

    as_of: dt.date
    reply_after: int
    deadlines: pd.DataFrame
    replies: pd.DataFrame
    answered: pd.DataFrame
    next_meeting: dt.date | None = None

    @property
    def count(self) -> int:
        """How many reminders: one per deadline, per letter (awaiting its reply or
        answered), and the meeting if given."""
        letters_ = len(self.replies) + len(self.answered)
        return len(self.deadlines) + letters_ + (self.next_meeting is not None)

    def overdue(self) -> int:
        """Deadlines whose measure is overdue at the as-of date."""
        return int((self.deadlines["state"] == "overdue").sum())

    def due_by_meeting(self) -> int:
        """Deadlines not yet due at the as-of date that fall on or before the next meeting
        (0 without a meeting)."""
        if self.next_meeting is None:
            return 0
        upcoming = self.deadlines[(self.deadlines["state"] == "not_yet_due").to_numpy()]
        return int((upcoming["effective_due"] <= pd.Timestamp(self.next_meeting)).sum())


def deadlines(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return one row per measure deadline known at the as-of date.

    Decisions: the deadline is the measure's effective due date (`measure_table`): a
    revised deadline replaces the original, which stays in `original_due` with every
    revision in `revisions`. Measures of a plan not adopted at the as-of date have no
    deadline yet (as on the Delays page); measures done or dropped keep theirs, with
    `state` "closed", so a calendar imported again says so instead of leaving a stale
    reminder.

    Args:
        ds: the dataset (already narrowed to the plans wanted, `filters.apply_filters`).
        as_of: the date the facts are known at.
        voice: `"all"` or a voice code: whose assessments give the status.

    Returns:
        measure_id, plan_id, number, title, lead, status, category, voice, assessor,
        assessed_on, assessed_latest, original_due, effective_due, due_basis,
        original_basis (`measure` or `plan_end`: what the original deadline rests on),
        state (`DeadlineState`), revisions (a tuple of `Revision`, oldest first); in the
        order of `measure_table`.
    """
    table = measure_table(ds, as_of, voice)
    keep = table["plan_adopted"].to_numpy(dtype=bool) & table["effective_due"].notna().to_numpy()
    rows = table[keep]
    closed = rows["category"].isin(CLOSED_CATEGORIES).to_numpy(dtype=bool)
    state = np.select(
        [closed, rows["overdue"].to_numpy(dtype=bool),
         rows["past_due_unassessed"].to_numpy(dtype=bool)],
        ["closed", "overdue", "past_due_unassessed"],
        default="not_yet_due",
    )  # fmt: skip
    history = revised_due_dates(ds, as_of)
    # {measure_id: (Revision, …)}: a few per moved measure.
    revisions: dict[str, tuple[Revision, ...]] = {}
    for record in history.to_dict("records"):
        revision = Revision(
            due=_date(record["revised_due_date"]),
            announced_on=_date(record["announced_on"]),
            announced_latest=_optional_date(record["announced_latest"]),
            voice=_optional_text(record["voice"]),
            assessor=_optional_text(record["assessor"]),
        )
        key = str(record["measure_id"])
        revisions[key] = (*revisions.get(key, ()), revision)
    own_due = ds.measures.set_index("measure_id")["due_date"].notna()
    out = rows[
        [
            "measure_id", "plan_id", "number", "title", "lead", "status", "category", "voice",
            "assessor", "assessed_on", "assessed_latest", "original_due", "effective_due",
            "due_basis",
        ]
    ].assign(
        original_basis=np.where(rows["measure_id"].map(own_due).fillna(False), "measure",
                                "plan_end"),
        state=state,
    )  # fmt: skip
    out["revisions"] = pd.Series([revisions.get(str(m), ()) for m in out["measure_id"]],
                                 index=out.index, dtype=object)  # fmt: skip
    return out.reset_index(drop=True)


def awaiting_reply(
    ds: Dataset, as_of: dt.date, reply_after: int, *, sent: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return every letter known and unanswered at the as-of date, with its reminder's days.

    Decisions: every unanswered letter has a reminder, `reply_after` days after it was
    sent, whether that day has passed or not (a letter sent last week gets its reminder
    in the calendar now, before the delay runs out). A letter known only between two
    dates keeps them: its reminder runs from its earliest date plus the delay to its
    latest date plus the delay, and no day is chosen within.

    Args:
        ds: the dataset (already narrowed to the plans wanted; letters naming no plan stay).
        as_of: the date the facts are known at.
        reply_after: the days a letter is given for its reply (0 or more).
        sent: `metrics.letters(ds, as_of)`, when already read (`reminders` reads it once).

    Returns:
        event_id, plan_id, title, sender, recipient, date, date_latest (NaT when known to
        the day), remind_from, remind_to (the first and last day of the reminder, equal
        when the letter's day is known), waited_min_days, waited_max_days (Int64: days
        since the letter at the as-of date, at least and at most); by letter date.
    """
    sent = letters(ds, as_of) if sent is None else sent
    rows = sent[~sent["answered"].to_numpy(dtype=bool)]
    out = _reminder_days(rows, reply_after, "awaiting_reply")
    first, last = out["date"], out["date_latest"].fillna(out["date"]).astype(_DATES)
    day = pd.Timestamp(as_of)
    return out.assign(
        waited_min_days=(day - last).dt.days.astype("Int64"),
        waited_max_days=(day - first).dt.days.astype("Int64"),
    )


def answered_letters(
    ds: Dataset, as_of: dt.date, reply_after: int, *, sent: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return every letter known and answered at the as-of date, at its reminder's days.

    Decisions: the reminder the letter had while it awaited its reply (`awaiting_reply`,
    the same days) stays in the calendar, now saying when the reply came, so that a
    calendar imported before the reply is updated by one imported after it instead of
    keeping a reminder to chase an answered letter. The reply is the one `metrics.letters`
    finds (known at the as-of date); its date keeps its bounds when known only as a period.

    Args:
        ds: the dataset (already narrowed to the plans wanted; letters naming no plan stay).
        as_of: the date the facts are known at.
        reply_after: the days a letter is given for its reply (0 or more).
        sent: `metrics.letters(ds, as_of)`, when already read (`reminders` reads it once).

    Returns:
        event_id, plan_id, title, sender, recipient, date, date_latest, remind_from,
        remind_to (as `awaiting_reply`), reply_id, reply_date, reply_date_latest (NaT when
        known to the day); by letter date.
    """
    sent = letters(ds, as_of) if sent is None else sent
    rows = sent[sent["answered"].to_numpy(dtype=bool)]
    return _reminder_days(rows, reply_after, "answered_letters").assign(
        reply_id=rows["reply_id"].to_numpy(),
        reply_date=rows["reply_date"].astype(_DATES).to_numpy(),
        reply_date_latest=rows["reply_date_latest"].astype(_DATES).to_numpy(),
    )


def _reminder_days(rows: pd.DataFrame, reply_after: int, caller: str) -> pd.DataFrame:
    """Letters (`metrics.letters` rows) with the first and last day of their reminder: from
    the earliest day the letter may have been sent plus the delay to its latest plus it."""
    if reply_after < 0:
        raise ValueError(f"{caller}: reply_after must be 0 or more, not {reply_after}")
    first = rows["date"].astype(_DATES)
    last = rows["date_latest"].fillna(rows["date"]).astype(_DATES)
    delay = pd.Timedelta(days=reply_after)
    return pd.DataFrame(
        {
            "event_id": rows["event_id"],
            "plan_id": rows["plan_id"],
            "title": rows["title"],
            "sender": rows["sender"],
            "recipient": rows["recipient"],
            "date": first,
            "date_latest": rows["date_latest"],
            "remind_from": (first + delay).astype(_DATES),
            "remind_to": (last + delay).astype(_DATES),
        }
    ).reset_index(drop=True)


def reminders(
    ds: Dataset,
    as_of: dt.date,
    reply_after: int = DEFAULT_REPLY_AFTER,
    next_meeting: dt.date | None = None,
    voice: str = VOICE_ALL,
) -> Reminders:
    """Return the deadlines, the letters awaiting a reply or answered, and the next meeting
    at `as_of`.

    Args:
        ds: the dataset, already narrowed to the plans wanted (`filters.apply_filters`).
        as_of: the date the facts are known at.
        reply_after: the days a letter is given before its reminder.
        next_meeting: the next committee meeting's date, if known.
        voice: `"all"` or a voice code: whose assessments give the statuses.

    Returns:
        The `Reminders`.
    """
    sent = letters(ds, as_of)  # read once for the letters awaiting a reply and answered
    return Reminders(
        as_of=as_of,
        reply_after=reply_after,
        deadlines=deadlines(ds, as_of, voice),
        replies=awaiting_reply(ds, as_of, reply_after, sent=sent),
        answered=answered_letters(ds, as_of, reply_after, sent=sent),
        next_meeting=next_meeting,
    )


def _date(value: Any) -> dt.date:
    return pd.Timestamp(value).date()


def _optional_date(value: Any) -> dt.date | None:
    return None if pd.isna(value) else _date(value)


def _optional_text(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)
