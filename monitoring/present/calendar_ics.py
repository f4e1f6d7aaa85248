"""The reminders as an iCalendar file (RFC 5545), worded in the chosen language.

`monitoring.analysis.reminders` selects the dated facts; this module writes each as an
all-day event (`VALUE=DATE`: a deadline is a day, not an hour in some time zone), with:

- a UID made of the reminder's kind, its subject and the dataset's key, never a row
  number or a version: a calendar written from a later version names the same events, so
  importing it again updates them instead of adding copies;
- SEQUENCE: the revisions a deadline went through (each one moved or confirmed the
  event's date; 0 for the others), so a client takes a moved deadline as an update;
  DTSTAMP: when the file was written; LAST-MODIFIED: when the version was stored;
- a date known only as a period (a letter of "mars 2014") kept as its bounds: the event
  spans every day it may fall on, and its description says so; no day is chosen;
- an alert (VALARM) only on what is still to come at the as-of date: a week before an
  open deadline or the meeting, on the day of a follow-up; none on past events, which
  some clients would raise at once on import;
- a letter answered keeps its follow-up's UID and days, SEQUENCE 1 and no alert, and says
  when the reply came: importing the calendar again turns the follow-up into the reply
  received, as a closed measure's deadline says it is closed.

Every event's description ends with the stamp every export carries (dataset, version,
as-of date, source); the calendar's name says the dataset, its version and the as-of
date, and its description the shipped dataset's banner (fictional data says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import icalendar
import pandas as pd

from monitoring.analysis.reminders import ReminderKind, Reminders, Revision, reminders
from monitoring.config import shipped
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import Lang
from monitoring.present import export_formats, exports
from monitoring.present.delay_tables import assessed_by
from monitoring.present.figures_text import basis_label
from monitoring.text.i18n import format_date_phrase, format_days, t

PRODID = "-//plan-monitoring//reminders//FR"
SITE_FILE = "calendar.ics"  # in each language's folder of the published site
UID_DOMAIN = "plan-monitoring"
ALERT_BEFORE = dt.timedelta(days=7)  # an open deadline's and the meeting's alert


def event_uid(dataset_key: str, kind: ReminderKind, subject: str) -> str:
    """The UID of a reminder: `deadline.PAN2-M12.france@plan-monitoring` (the subject and
    key percent-encoded where they hold other characters than letters, digits, `-_.~`)."""
    parts = (kind, quote(subject, safe="-_.~"), quote(dataset_key, safe="-_.~"))
    return f"{'.'.join(parts)}@{UID_DOMAIN}"


def file_name(dataset_key: str, as_of: dt.date, lang: Lang) -> str:
    """`demo_calendrier_2026-11-26.ics`."""
    ext = export_formats.BY_NAME["ics"].extension
    return exports.safe_file_name(dataset_key, t("calendar.file", lang), as_of.isoformat(), ext=ext)


def calendar_ics(
    rem: Reminders,
    ds: Dataset,
    *,
    dataset_key: str,
    dataset_label: str,
    version: int | None,
    lang: Lang,
    now: dt.datetime,
    modified: dt.datetime | None = None,
    plans: Sequence[str] = (),
) -> bytes:
    """Write the reminders as an iCalendar file.

    Args:
        rem: the reminders (`analysis.reminders.reminders`).
        ds: the dataset they come from (its scale names the statuses).
        dataset_key: the dataset's key: part of every UID.
        dataset_label: its name in `lang`.
        version: the stored version's number (None: files not stored).
        lang: the language of every text.
        now: when the file is written (DTSTAMP).
        modified: when the version was stored (LAST-MODIFIED); `now` when unknown.
        plans: the plans chosen (none: all), named in every event's stamp.

    Returns:
        The file's bytes (UTF-8, CRLF line ends, lines folded at 75 octets).
    """
    stamp = exports.Stamp(
        title=t("calendar.title", lang),
        plan="; ".join(plans) or t("exports.all_plans", lang),
        as_of=rem.as_of,
        dataset=dataset_label,
        version=None if version is None else str(version),
        source=t("exports.source_app", lang, page=t("page.delays", lang)),
        lang=lang,
    )
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    named = (
        dataset_label
        if version is None
        else t("exports.version", lang, dataset=dataset_label, version=str(version))
    )
    name = " — ".join([stamp.title, named, t("exports.as_of", lang, date=rem.as_of)])
    about = [t("calendar.description", lang, days=format_days(rem.reply_after, lang),
               as_of=rem.as_of)]  # fmt: skip
    vouched = shipped.find(dataset_key)
    if vouched is not None:
        about.append(t(vouched.banner_key, lang))
    # RFC 7986's NAME and DESCRIPTION, and the X-WR- forms Outlook and Google read; as
    # TEXT, which the library does not assume for the ones it does not know.
    for prop, text in (
        ("name", name),
        ("x-wr-calname", name),
        ("description", "\n".join(about)),
        ("x-wr-caldesc", "\n".join(about)),
    ):
        cal.add(prop, icalendar.vText(text), parameters={"LANGUAGE": lang})  # fmt: skip
    writer = _Writer(cal, dataset_key, lang, now, modified or now, stamp.footer(), rem.as_of)
    _deadlines(writer, rem, ds)
    _replies(writer, rem)
    _answered(writer, rem)
    if rem.next_meeting is not None:
        text = t("calendar.meeting.description", lang, as_of=rem.as_of, overdue=rem.overdue(),
                 due=rem.due_by_meeting(), letters=len(rem.replies))  # fmt: skip
        writer.event("meeting", rem.next_meeting.isoformat(), rem.next_meeting,
                     rem.next_meeting, t("calendar.meeting.summary", lang), [text],
                     alert=-ALERT_BEFORE)  # fmt: skip
    return cal.to_ical()


def site_calendar(
    ds: Dataset, *, dataset_key: str, dataset_label: str, version: int | None, as_of: dt.date,
    lang: Lang, found: Reminders | None = None,
) -> bytes:  # fmt: skip
    """The published site's calendar (`SITE_FILE`): every plan's deadlines and the letters
    awaiting a reply after the default delay; no meeting, whose date publishing is not given.
    `found`: `reminders(ds, as_of)` when already selected (the site writes one calendar per
    language from one selection)."""
    return calendar_ics(
        found if found is not None else reminders(ds, as_of), ds, dataset_key=dataset_key,
        dataset_label=dataset_label, version=version, lang=lang, now=dt.datetime.now(dt.UTC),
    )  # fmt: skip


class _Writer:
    """Adds all-day events to a calendar, each with the same stamp, times and language."""

    def __init__(self, cal: icalendar.Calendar, dataset_key: str, lang: Lang, now: dt.datetime,
                 modified: dt.datetime, footer: str, as_of: dt.date) -> None:  # fmt: skip
        self.cal, self.key, self.lang, self.as_of = cal, dataset_key, lang, as_of
        self.now, self.modified = now.astimezone(dt.UTC), modified.astimezone(dt.UTC)
        self.footer = footer

    def event(
        self, kind: ReminderKind, subject: str, first: dt.date, last: dt.date, summary: str,
        lines: Sequence[str], *, alert: dt.timedelta | None = None, sequence: int = 0,
    ) -> None:  # fmt: skip
        """One all-day event from `first` to `last` (inclusive); its alert only when it
        starts after the as-of date."""
        event = icalendar.Event()
        event.add("uid", event_uid(self.key, kind, subject))
        event.add("dtstamp", self.now)
        event.add("last-modified", self.modified)
        event.add("sequence", sequence)
        event.add("dtstart", first)
        event.add("dtend", last + dt.timedelta(days=1))  # DTEND of a date is exclusive
        event.add("summary", summary, parameters={"LANGUAGE": self.lang})
        description = "\n".join([*lines, "", self.footer])
        event.add("description", description, parameters={"LANGUAGE": self.lang})
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        event.add("categories", [t(f"calendar.category.{kind}", self.lang)])
        if alert is not None and first > self.as_of:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", alert)
            event.add_component(alarm)
        self.cal.add_component(event)


def _deadlines(writer: _Writer, rem: Reminders, ds: Dataset) -> None:
    lang, as_of = writer.lang, rem.as_of
    rows = rem.deadlines
    who = assessed_by(rows, lang).tolist() if len(rows) else []
    for row, by in zip(rows.to_dict("records"), who, strict=True):
        due = _day(row["effective_due"])
        number = "" if pd.isna(row["number"]) else str(row["number"])
        measure = (
            t("calendar.measure", lang, number=number, plan=row["plan_id"])
            if number
            else row["measure_id"]
        )
        summary = t("calendar.deadline.summary", lang, measure=measure, title=row["title"])
        lines = [str(row["title"])]
        if isinstance(row["lead"], str) and row["lead"]:
            lines.append(t("calendar.deadline.lead", lang, lead=row["lead"]))
        lines.append(t("calendar.deadline.due", lang, date=due,
                       basis=basis_label(row["due_basis"], lang)))  # fmt: skip
        revisions: tuple[Revision, ...] = row["revisions"]
        if revisions:
            lines.append(t("calendar.deadline.original", lang, date=_day(row["original_due"]),
                           basis=basis_label(row["original_basis"], lang)))  # fmt: skip
            lines += [_revision(revision, lang) for revision in revisions]
        lines.append(_status(row, by, ds, lang))
        lines.append(t(f"calendar.state.{row['state']}", lang, as_of=as_of,
                       status=_status_label(ds, row["status"], lang)))  # fmt: skip
        writer.event("deadline", str(row["measure_id"]), due, due, summary, lines,
                     alert=None if row["state"] == "closed" else -ALERT_BEFORE,
                     sequence=len(revisions))  # fmt: skip


def _day(value: Any) -> dt.date:
    return pd.Timestamp(value).date()


def _revision(revision: Revision, lang: Lang) -> str:
    when = format_date_phrase(revision.announced_on, revision.announced_latest, lang)
    who = assessed_by(pd.DataFrame({"voice": [revision.voice], "assessor": [revision.assessor]}),
                      lang).iloc[0]  # fmt: skip
    if isinstance(who, str) and who:
        return t("calendar.deadline.revision_by", lang, date=revision.due, when=when, who=who)
    return t("calendar.deadline.revision", lang, date=revision.due, when=when)


def _status_label(ds: Dataset, status: object, lang: Lang) -> str:
    return ds.scale.display(str(status), lang) if isinstance(status, str) and status else "—"


def _status(row: Mapping[Hashable, Any], who: object, ds: Dataset, lang: Lang) -> str:
    """The last known status of a deadline's measure (a `deadlines` row), when and by whom."""
    if pd.isna(row["assessed_on"]):
        return t("calendar.deadline.no_status", lang)
    status = _status_label(ds, row["status"], lang)
    when = format_date_phrase(row["assessed_on"], row["assessed_latest"], lang)
    if isinstance(who, str) and who:
        return t("calendar.deadline.status_by", lang, status=status, when=when, who=who)
    return t("calendar.deadline.status", lang, status=status, when=when)


def _letter(row: Mapping[Hashable, Any], lang: Lang) -> list[str]:
    """A letter's title and date, its sender and recipient when known."""
    when = format_date_phrase(row["date"], row["date_latest"], lang)
    lines = [t("calendar.reply.letter", lang, title=row["title"], when=when)]
    for key, value in (("calendar.reply.from", "sender"), ("calendar.reply.to", "recipient")):
        if isinstance(row[value], str) and row[value]:
            lines.append(t(key, lang, **{value: row[value]}))
    return lines


def _replies(writer: _Writer, rem: Reminders) -> None:
    lang, as_of = writer.lang, rem.as_of
    for row in rem.replies.to_dict("records"):
        first, last = _day(row["remind_from"]), _day(row["remind_to"])
        lines = _letter(row, lang)
        low, high = (format_days(int(row[f"waited_{m}_days"]), lang) for m in ("min", "max"))
        if low == high:
            lines.append(t("calendar.reply.waiting", lang, as_of=as_of, days=low))
        else:
            lines.append(t("calendar.reply.waiting_between", lang, as_of=as_of, low=low, high=high))
        lines.append(t("calendar.reply.delay", lang, days=format_days(rem.reply_after, lang)))
        if first != last:
            lines.append(t("calendar.reply.period", lang, first=first, last=last))
        summary = t("calendar.reply.summary", lang, title=row["title"])
        writer.event("reply", str(row["event_id"]), first, last, summary, lines,
                     alert=dt.timedelta(0))  # fmt: skip


def _answered(writer: _Writer, rem: Reminders) -> None:
    """Each letter answered, where its follow-up was: same UID and days, a later SEQUENCE
    (the follow-up's was 0), no alert."""
    lang = writer.lang
    for row in rem.answered.to_dict("records"):
        first, last = _day(row["remind_from"]), _day(row["remind_to"])
        lines = _letter(row, lang)
        when = format_date_phrase(row["reply_date"], row["reply_date_latest"], lang)
        lines.append(t("calendar.answered.reply", lang, when=when, as_of=rem.as_of))
        if first != last:
            lines.append(t("calendar.reply.period", lang, first=first, last=last))
        summary = t("calendar.answered.summary", lang, title=row["title"])
        writer.event("reply", str(row["event_id"]), first, last, summary, lines, sequence=1)
