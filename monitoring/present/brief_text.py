"""The committee brief in words: its questions, its sections as tables of text, its header.

`monitoring.analysis.brief` finds the facts in no language; this module writes them in
French or English (dates and numbers the language's way, statuses as the dataset's scale
names them), once, for every medium: the page shows `parts`, and the Word and PDF
documents (`monitoring.present.brief_docs`) print the same `parts`, so the three hold the
same figures. `question_text` is also what the questions workbook writes beside each
answer cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from monitoring.analysis.brief import Brief
from monitoring.analysis.questions import Question
from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import EVENT_KINDS, Lang
from monitoring.text.i18n import format_date, format_date_bounds, format_days, format_number, t

_KINDS = {c.code: c for c in EVENT_KINDS}


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _long_date(value: Any, lang: Lang) -> str:
    return "—" if _missing(value) else format_date(pd.Timestamp(value).date(), lang, long=True)


def _assessed(earliest: Any, latest: Any, lang: Lang) -> str:
    """ "du 3 mars 2025" for a day; "mars 2025", "2025" or "entre le … et le …" otherwise."""
    if _missing(earliest):
        return t("brief.q.unknown_date", lang)
    if _missing(latest) or latest == earliest:
        return t("brief.q.on", lang, date=_long_date(earliest, lang))
    return format_date_bounds(earliest, latest, lang)


def _status(value: Any, scale: StatusScale, lang: Lang) -> str:
    return "—" if _missing(value) else scale.display(str(value), lang)


def measure_name(number: Any, measure_id: str, title: Any, lang: Lang) -> str:
    """`Mesure 12 (PAN2-M12, « Former les agents »)`; without a number, its id alone."""
    shown = "" if _missing(title) else str(title)
    if _missing(number):
        return t("brief.q.measure_unnumbered", lang, id=measure_id, title=shown)
    return t("brief.q.measure", lang, number=int(number), id=measure_id, title=shown)


def _days(value: Any, lang: Lang) -> str:
    return "—" if _missing(value) else format_days(int(value), lang)


def _overdue(q: Question, measure: str, scale: StatusScale, lang: Lang) -> str:
    due = _long_date(q.fact("due"), lang)
    if q.fact("due_basis") == "plan_end":  # no deadline of its own: say so, never hide it
        due = t("brief.q.plan_end", lang, date=due)
    status = _status(q.fact("status"), scale, lang)
    if q.fact("voice"):
        status = t("brief.q.by", lang, status=status, voice=t(f"voice.{q.fact('voice')}", lang))
    params = {
        "measure": measure,
        "due": due,
        "assessed": _assessed(q.fact("assessed_on"), q.fact("assessed_latest"), lang),
        "status": status,
    }
    if q.fact("days_late") is None:  # the deadline passed after the last assessment
        return t("brief.q.overdue_unmeasured", lang, **params)
    return t("brief.q.overdue", lang, days=_days(q.fact("days_late"), lang), **params)


def _due_soon(q: Question, measure: str, scale: StatusScale, lang: Lang) -> str:
    return t("brief.q.due_soon", lang, measure=measure, due=_long_date(q.fact("due"), lang),
             days=_days(q.fact("days_left"), lang),
             status=_status(q.fact("status"), scale, lang))  # fmt: skip


def _disagreement(q: Question, measure: str, scale: StatusScale, lang: Lang) -> str:
    return t(
        "brief.q.disagreement", lang, measure=measure,
        government=_status(q.fact("government_status"), scale, lang),
        government_on=_long_date(q.fact("government_on"), lang),
        civil_society=_status(q.fact("civil_society_status"), scale, lang),
        civil_society_on=_long_date(q.fact("civil_society_on"), lang),
    )  # fmt: skip


def _status_down(q: Question, measure: str, scale: StatusScale, lang: Lang) -> str:
    return t("brief.q.status_down", lang, measure=measure,
             old=_status(q.fact("old_status"), scale, lang),
             new=_status(q.fact("new_status"), scale, lang),
             voice=t(f"voice.{q.fact('voice')}", lang))  # fmt: skip


def _shift(days: Any, lang: Lang) -> str:
    """A deadline's shift: `+365 jours`, `-30 jours`."""
    if _missing(days):
        return "—"
    return ("+" if int(days) > 0 else "-" if int(days) < 0 else "") + format_days(
        abs(int(days)), lang
    )


def _deadline_moved(q: Question, measure: str, scale: StatusScale, lang: Lang) -> str:
    new = _long_date(q.fact("new_due"), lang)
    if q.fact("old_due") is None:
        return t("brief.q.deadline_set", lang, measure=measure, new=new)
    return t("brief.q.deadline_moved", lang, measure=measure, new=new,
             old=_long_date(q.fact("old_due"), lang),
             days=_shift(q.fact("shift_days"), lang))  # fmt: skip


def _letter(q: Question, lang: Lang) -> str:
    recipient = q.fact("recipient")
    return t(
        "brief.q.unanswered_letter", lang,
        sent=_assessed(q.fact("sent"), q.fact("sent_latest"), lang),
        recipient=t("brief.q.no_recipient", lang) if _missing(recipient) else recipient,
        title=q.fact("title") or "", days=_days(q.fact("waiting_days"), lang),
    )  # fmt: skip


_WORDING: dict[str, Callable[[Question, str, StatusScale, Lang], str]] = {
    "overdue": _overdue,
    "due_soon": _due_soon,
    "disagreement": _disagreement,
    "status_down": _status_down,
    "deadline_moved": _deadline_moved,
}


def question_text(q: Question, lang: Lang, scale: StatusScale | None = None) -> str:
    """One question in words, from its facts only: "Mesure 12 (…) : échéance du 31 décembre
    2024 dépassée de 210 jours, dernière évaluation du 3 mars 2025 (« En cours ») : où
    en est-elle ?".

    Args:
        q: the question (`monitoring.analysis.brief.questions`).
        lang: the language.
        scale: the dataset's status scale, which names its statuses in `lang` (the
            default scale when None).
    """
    if q.rule == "unanswered_letter":
        return _letter(q, lang)
    measure = measure_name(q.fact("number"), q.measure_id or "", q.fact("title"), lang)
    return _WORDING[q.rule](q, measure, scale or StatusScale(), lang)


# --- The sections as tables of text ------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One section of the brief as every medium prints it.

    Attributes:
        name: its stable name (`statuses_down`, `newly_overdue`, `questions`…).
        title: its heading in the language.
        level: 1 for a group's heading (no table), 2 for a section.
        header: the column headings (empty for the questions: a numbered list).
        rows: the cells as text; the questions: one row each, [number, text].
        empty: what it says when it has no row.
    """

    name: str
    title: str
    level: int
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    empty: str = ""


def _date(value: Any, lang: Lang) -> str:
    return "—" if _missing(value) else format_date(pd.Timestamp(value).date(), lang)


def _bounds(earliest: Any, latest: Any, lang: Lang) -> str:
    return format_date_bounds(earliest, None if _missing(latest) else latest, lang)


def _text(value: Any) -> str:
    return "—" if _missing(value) else str(value)


def _number(value: Any, lang: Lang) -> str:
    return "—" if _missing(value) else format_number(int(value), lang)


def _measure(row: Any) -> str:
    return str(row.measure_id)


def _table(
    frame: pd.DataFrame, cells: Callable[[Any], Sequence[str]]
) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cells(row)) for row in frame.itertuples(index=False))


def _headers(lang: Lang, *keys: str) -> tuple[str, ...]:
    return tuple(t(key, lang) for key in keys)


def parts(brief: Brief, scale: StatusScale, lang: Lang) -> list[Part]:
    """Every section of the brief, in order, as text: what the page, the Word document and
    the PDF show (the same figures in all three).

    Args:
        brief: the brief (`monitoring.analysis.brief.build`).
        scale: the current version's status scale (its labels in `lang`).
        lang: the language.

    Returns:
        The parts: "what changed" (statuses up, down, other; new assessments; new events;
        deadlines moved; retention), "late and falling due" (newly overdue, still overdue,
        due before the next meeting), disagreements, letters, then the questions.
    """
    none = t("brief.none", lang)
    status = lambda value: _status(value, scale, lang)  # noqa: E731
    statuses = brief.statuses
    direction = statuses["direction"]
    status_header = _headers(lang, "brief.col.measure", "delays.col.title", "brief.col.voice",
                             "brief.col.before", "brief.col.after")  # fmt: skip

    def status_rows(frame: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
        return _table(frame, lambda r: (_measure(r), _text(r.title), t(f"voice.{r.voice}", lang),
                                        status(r.old_status), status(r.new_status)))  # fmt: skip

    overdue = brief.overdue
    newly = overdue[overdue["newly"].to_numpy(dtype=bool)] if len(overdue) else overdue
    still = overdue[~overdue["newly"].to_numpy(dtype=bool)] if len(overdue) else overdue
    overdue_header = _headers(
        lang, "brief.col.measure", "delays.col.title", "brief.col.due", "delays.col.days_late",
        "delays.col.status", "brief.col.last",
    )  # fmt: skip

    def overdue_rows(frame: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
        return _table(frame, lambda r: (
            _measure(r), _text(r.title), _date(r.effective_due, lang), _number(r.days_late, lang),
            status(r.status), _bounds(r.assessed_on, r.assessed_latest, lang),
        ))  # fmt: skip

    def level(code: Any) -> str:
        return "—" if _missing(code) else t(f"retention.{code}", lang)

    def kind(code: Any) -> str:
        return _KINDS[code].label(lang) if code in _KINDS else _text(code)

    def voiced(s: Any, on: Any) -> str:
        return f"{status(s)} ({_date(on, lang)})"

    out = [
        Part("changes", t("brief.section.changes", lang), 1),
        Part("statuses_up", t("brief.section.statuses_up", lang), 2, status_header,
             status_rows(statuses[(direction == "up").to_numpy(dtype=bool)]), none),
        Part("statuses_down", t("brief.section.statuses_down", lang), 2, status_header,
             status_rows(statuses[(direction == "down").to_numpy(dtype=bool)]), none),
        Part("statuses_other", t("brief.section.statuses_other", lang), 2,
             (*status_header[:3], t("changes.column.change", lang), *status_header[3:]),
             _table(statuses[~direction.isin(["up", "down"]).to_numpy(dtype=bool)],
                    lambda r: (_measure(r), _text(r.title), t(f"voice.{r.voice}", lang),
                               t(f"changes.direction.{r.direction}", lang),
                               status(r.old_status), status(r.new_status))), none),
        Part("assessments", t("brief.section.assessments", lang), 2,
             _headers(lang, "brief.col.date", "brief.col.measure", "delays.col.title",
                      "brief.col.voice", "delays.col.status", "delays.col.evidence"),
             _table(brief.assessments,
                    lambda r: (_bounds(r.assessed_on, r.assessed_latest, lang), _measure(r),
                               _text(r.title), t(f"voice.{r.voice}", lang), status(r.status),
                               _text(r.evidence))), none),
        Part("events", t("brief.section.events", lang), 2,
             _headers(lang, "brief.col.date", "brief.col.kind", "delays.col.title",
                      "brief.col.from", "brief.col.to"),
             _table(brief.events, lambda r: (_bounds(r.date, r.date_latest, lang), kind(r.kind),
                                             _text(r.title), _text(r.sender),
                                             _text(r.recipient))), none),
        Part("deadlines", t("brief.section.deadlines", lang), 2,
             _headers(lang, "brief.col.measure", "delays.col.title", "brief.col.before",
                      "brief.col.after", "brief.col.shift"),
             _table(brief.deadlines, lambda r: (_measure(r), _text(r.title), _date(r.old_due, lang),
                                                _date(r.new_due, lang),
                                                _shift(r.shift_days, lang))), none),
        Part("retention", t("brief.section.retention", lang), 2,
             _headers(lang, "delays.col.plan_id", "brief.col.recommendation", "delays.col.title",
                      "brief.col.before", "brief.col.after"),
             _table(brief.retention, lambda r: (_text(r.plan_id), _text(r.rec_id), _text(r.title),
                                                level(r.old_level), level(r.new_level))), none),
        Part("late", t("brief.section.late", lang), 1),
        Part("newly_overdue", t("brief.section.newly_overdue", lang), 2, overdue_header,
             overdue_rows(newly), none),
        Part("still_overdue", t("brief.section.still_overdue", lang), 2, overdue_header,
             overdue_rows(still), none),
        Part("due", t("brief.section.due", lang), 2,
             _headers(lang, "brief.col.measure", "delays.col.title", "brief.col.due",
                      "delays.col.days_left", "delays.col.status"),
             _table(brief.due, lambda r: (_measure(r), _text(r.title), _date(r.effective_due, lang),
                                          _number(r.days_left, lang), status(r.status))),
             none if brief.period.until is not None else t("brief.no_next", lang)),
        Part("disagreements", t("brief.section.disagreements", lang), 1,
             _headers(lang, "brief.col.measure", "delays.col.title", "voice.government",
                      "voice.civil_society"),
             _table(brief.disagreements,
                    lambda r: (_measure(r), _text(r.title),
                               voiced(r.government_status, r.government_assessed_on),
                               voiced(r.civil_society_status, r.civil_society_assessed_on))),
             none),
        Part("letters", t("brief.section.letters", lang), 1,
             _headers(lang, "brief.col.date", "brief.col.to", "delays.col.title",
                      "brief.col.waiting"),
             _table(brief.letters, lambda r: (_bounds(r.date, r.date_latest, lang),
                                              _text(r.recipient), _text(r.title),
                                              _days(r.waiting_days, lang))), none),
        Part("questions", t("brief.section.questions", lang), 1, (),
             tuple((str(n), question_text(q, lang, scale))
                   for n, q in enumerate(brief.questions, start=1)),
             t("brief.no_questions", lang)),
    ]  # fmt: skip
    return out


def period_text(brief: Brief, lang: Lang) -> str:
    """What the brief compares: `Depuis le 1 mars 2026 (version 3) jusqu'au …`."""
    period = brief.period
    since, as_of = _long_date(period.since, lang), _long_date(period.as_of, lang)
    if period.since_version is None or period.version is None:
        return t("brief.period.file", lang, since=since, as_of=as_of)
    return t("brief.period", lang, since=since, as_of=as_of, old=period.since_version,
             new=period.version)  # fmt: skip


def header_lines(brief: Brief, plan_names: Sequence[str], lang: Lang) -> list[str]:
    """The lines under the title: period, next meeting, plans and voice, then the summary
    (or the sentence saying there is nothing to report), and the unassessed measures."""
    period = brief.period
    lines = [period_text(brief, lang)]
    if period.until is not None:
        lines.append(t("brief.next", lang, until=_long_date(period.until, lang)))
    else:
        lines.append(t("brief.no_next", lang))
    lines.append(t("brief.scope", lang, plans="; ".join(plan_names) or "—",
                   voice=t(f"voice.{brief.voice}", lang)))  # fmt: skip
    if brief.is_empty:
        lines.append(t("brief.nothing", lang, since=_long_date(period.since, lang),
                       as_of=_long_date(period.as_of, lang)))  # fmt: skip
        return lines
    counts = brief.counts()
    lines.append(t("brief.summary", lang, changes=counts["statuses"],
                   newly=counts["newly_overdue"], overdue=counts["overdue"],
                   disagreements=counts["disagreements"], letters=counts["letters"],
                   questions=counts["questions"]))  # fmt: skip
    if brief.unassessed:
        lines.append(t("brief.unassessed", lang, count=brief.unassessed))
    return lines


def generated_line(moment: dt.datetime, lang: Lang) -> str:
    """`Produit le 7 décembre 2026 09:40.`"""
    return t("brief.generated", lang, date=f"{_long_date(moment, lang)} {moment:%H:%M}")
