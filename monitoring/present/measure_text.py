"""The Measures page in words: its list and a measure's detail as people read them.

`monitoring.analysis.measure_detail` returns the list (`measure_rows`) and one measure's
detail (`measure_detail`) in no language: status as the workbook writes it, voice,
deadline, relation and retention codes, dates as bounds. This module writes them in the
reader's language (`readable_rows`, `worded`), says how each column reads
(`column_specs`) and words a measure's change log (`change_log_section`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from monitoring.analysis.changelog import ChangeLog
from monitoring.analysis.measure_detail import DEADLINE_STATES, TABLE_COLUMNS, MeasureDetail
from monitoring.analysis.metrics import VOICE_CODES
from monitoring.contract.dataset import Dataset, StatusScale
from monitoring.contract.datebounds import falls_within
from monitoring.contract.schema import Lang
from monitoring.present.change_tables import change_log_rows, change_log_summary
from monitoring.text.i18n import (
    format_date,
    format_date_bounds,
    format_date_bounds_column,
    format_date_phrase,
    format_days,
    format_number,
    t,
)


@dataclass(frozen=True)
class WordedDetail:
    """Everything the detail view shows about one measure (frames ready to display)."""

    heading: str  # "A-M01 — title"
    facts: pd.DataFrame  # field, value: plan, axis, lead, due dates, status per voice...
    history: pd.DataFrame  # assessments up to the as-of date, in date order; voice codes
    evidence: pd.DataFrame  # the same rows, labelled for reading
    assessments_total: int  # assessments at any date (0: never assessed)
    recommendations: pd.DataFrame  # rec_id, author, title, level, comment
    lineage: pd.DataFrame  # relation, measure_id, plan_id, title, status; oldest plan first
    carried_before: int  # measures of earlier plans it carries over (chain length - 1)
    carried_after: int  # measures of later plans that carry it over
    lineage_note: str  # the two counts in a sentence
    divergence: tuple[str, str] | None  # (government, civil society) categories if they differ


_EMPTY = "—"


def _is_link(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _text(value: object) -> str:
    """A cell as text, "—" when empty."""
    return _EMPTY if value is None or value is pd.NA or value != value else str(value)


def _status_labels(scale: StatusScale, statuses: pd.Series, lang: Lang) -> pd.Series:
    """Scale labels in the user's language (a coalition's own labels stay as written)."""
    shown = {s: scale.display(s, lang) for s in statuses.dropna().unique()}
    return statuses.map(shown)


def _voice_labels(voices: pd.Series, assessors: pd.Series, lang: Lang) -> pd.Series:
    """ "Government · MIPROF" for each row (empty when no voice assessed it)."""
    names = {code: t(f"voice.{code}", lang) for code in VOICE_CODES}
    voice = voices.map(names)
    with_assessor = voice.str.cat(assessors, sep=" · ")
    return with_assessor.fillna(voice)


def readable_rows(ds: Dataset, rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return `measure_rows` as the Measures page shows it, in `lang`.

    Args:
        ds: the dataset (its scale names the statuses).
        rows: `measure_rows(...)` output.
        lang: language of the status, voice and deadline labels and of the dates.

    Returns:
        The `TABLE_COLUMNS` (status as a display label, `assessed_on` as text from the
        last assessment's bounds, "14/05/2014", "mars 2014", "2014" or "entre le … et le …",
        never a day it was not known to; `assessed_by` as "voice · assessor",
        `deadline` a label: overdue, past due not assessed, not yet due, or "—"), plus
        `category` for `search`.
    """
    labels = {state: t(f"measures.deadline.{state}", lang) for state in DEADLINE_STATES}
    return rows.assign(
        status=_status_labels(ds.scale, rows["status"], lang),
        assessed_on=format_date_bounds_column(rows["assessed_on"], rows["assessed_latest"], lang),
        assessed_by=_voice_labels(rows["voice"], rows["assessor"], lang),
        deadline=rows["deadline"].map(labels).fillna(_EMPTY),
    )[[*TABLE_COLUMNS, "category"]]


_FORMATS: dict[str, dict[Lang, str]] = {
    "date": {"fr": "DD/MM/YYYY", "en": "YYYY-MM-DD"},
    "percent": {"fr": "%d %%", "en": "%d%%"},
    "number": {"fr": "%d", "en": "%d"},
}
_HELPED = ("deadline", "diverges")
# Long texts get room (a title is what a coordinator reads first); the rest fit their data.
_WIDE = ("title",)


def _kind(frame: pd.DataFrame, column: str) -> str:
    dtype = frame[column].dtype
    if column in ("evidence_link", "progress_pct"):
        return "link" if column == "evidence_link" else "percent"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "date"
    if pd.api.types.is_bool_dtype(dtype):
        return "flag"
    return "number" if pd.api.types.is_numeric_dtype(dtype) else "text"


def column_specs(
    frame: pd.DataFrame, lang: Lang, *, zone: str = "UTC"
) -> dict[str, tuple[str, dict[str, str]]]:
    """Return how to show each column of a table of this page, from its name and dtype.

    Args:
        frame: a table of the Measures page (`measure_rows`, or a frame of `WordedDetail`).
        lang: language of the labels and formats.
        zone: the time zone a change log's times are written in (named in its label).

    Returns:
        {column: (kind, options)}: kind one of "link" (web addresses), "percent" (0–100),
        "date", "flag" (booleans), "number", "text"; options the column's label, and its
        help, display format, link text and width where it has one.
    """
    specs: dict[str, tuple[str, dict[str, str]]] = {}
    for column in frame.columns:
        kind = _kind(frame, column)
        options = {"label": t(f"measures.col.{column}", lang, zone=zone)}
        if kind in _FORMATS:
            options["format"] = _FORMATS[kind][lang]
        if kind == "link":
            options["display_text"] = t("measures.open_link", lang)
        if column in _HELPED:
            options["help"] = t(f"measures.col_help.{column}", lang)
        if column in _WIDE:
            options["width"] = "large"
        specs[column] = (kind, options)
    return specs


def _evidence(scale: StatusScale, history: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The assessments as a table to read: text sources and links in separate columns, each
    date written from its bounds ("mars 2014"), as the events' dates are."""
    link = history["evidence"].map(_is_link).astype(bool)
    return pd.DataFrame(
        {
            "as_of": format_date_bounds_column(history["as_of"], history["as_of_latest"], lang),
            "voice": history["voice"].map(lambda v: t(f"voice.{v}", lang)),
            "assessor": history["assessor"],
            "status": _status_labels(scale, history["status"], lang),
            "progress_pct": history["progress_pct"],
            "evidence_link": history["evidence"].where(link),
            "evidence": history["evidence"].mask(link),
            "comment": history["comment"],
        }
    )


def _voice_fact(scale: StatusScale, row: pd.Series | None, lang: Lang) -> str:
    if row is None:
        return t("measures.fact.no_assessment", lang)
    when = format_date_bounds(row["assessed_on"], row["assessed_latest"], lang)
    parts = [scale.display(row["status"], lang), when]
    return " · ".join([*parts, *([row["assessor"]] if pd.notna(row["assessor"]) else [])])


def _deadline_fact(row: pd.Series, lang: Lang) -> str:
    if row["overdue"]:
        # The delay runs to the EARLIEST date of the last assessment (`measure_table`): the
        # measure was still open then at the latest, so "at least N days" holds wherever in
        # its period the assessment fell; the phrase names the whole period.
        when = format_date_phrase(row["assessed_on"], row["assessed_latest"], lang)
        if pd.isna(row["delay_days"]):  # due after the last assessment's earliest date
            key = "measures.fact.late_after_evidence"
            if falls_within(row["effective_due"], row["assessed_on"], row["assessed_latest"]):
                key = "measures.fact.late_within_evidence"  # "after" is not certain
            return t(key, lang, when=when)
        days = format_days(int(row["delay_days"]), lang)
        return t("measures.fact.late_at_least", lang, days=days, when=when)
    if row["category"] == "done" and pd.notna(row["delay_days"]):
        return t("measures.fact.done_after", lang, days=format_days(int(row["delay_days"]), lang))
    for flag, state in (("past_due_unassessed", "unassessed"), ("not_yet_due", "ahead")):
        if row[flag]:
            return t(f"measures.deadline.{state}", lang)
    return _EMPTY


def _facts(detail: MeasureDetail, scale: StatusScale, lang: Lang) -> pd.DataFrame:
    """The measure's sheet row, due dates and current status per voice, as (field, value)."""
    row = detail.facts
    title = row["plan_title"]
    plan = row["plan_id"] + (f" — {title}" if title is not None else "")
    due = format_date(row["original_due"], lang)
    if row["due_from_plan_end"]:
        due = t("measures.fact.plan_end", lang, date=due)
    effective = format_date(row["effective_due"], lang)
    if pd.notna(row["slip_days"]) and row["slip_days"] != 0:
        days = format_days(int(row["slip_days"]), lang)
        effective = t("measures.fact.slip", lang, date=effective, days=days)
    budget = row["budget_eur"]
    values = {
        "plan": plan,
        "axis": _text(row["axis"]),
        "lead": _text(row["lead"]),
        "original_due": due,
        "effective_due": effective,
        "completed_on": format_date(row["completed_on"], lang),
        "deadline": _deadline_fact(row, lang),
        "voice_government": _voice_fact(scale, detail.voices["government"], lang),
        "voice_civil_society": _voice_fact(scale, detail.voices["civil_society"], lang),
        "voice_independent": _voice_fact(scale, detail.voices["independent"], lang),
        "budget": _EMPTY if pd.isna(budget) else f"{format_number(budget, lang)} €",
        "carried_from": _text(row["carried_from"]),
        "source": _text(row["source"]),
    }
    return pd.DataFrame(
        {
            "field": [t(f"measures.fact.{key}", lang) for key in values],
            "value": list(values.values()),
        }
    )


def _lineage(lineage: pd.DataFrame, scale: StatusScale, lang: Lang) -> pd.DataFrame:
    if lineage.empty:
        return lineage
    missing = t("measures.lineage.missing", lang)
    return lineage.assign(
        relation=[t(f"measures.lineage.{r}", lang) for r in lineage["relation"]],
        title=lineage["title"].fillna(missing),
        status=_status_labels(scale, lineage["status"], lang),
    )


def _recommendations(recommendations: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    levels = recommendations["level"].map(lambda code: t(f"retention.{code}", lang))
    return recommendations.assign(level=levels.to_numpy())


def worded(detail: MeasureDetail, scale: StatusScale, lang: Lang) -> WordedDetail:
    """A measure's detail (`measure_detail.measure_detail`) as the detail view shows it.

    Args:
        detail: the measure's detail, in no language.
        scale: the dataset's status scale (it names the statuses).
        lang: language of the labels, values and dates.

    Returns:
        Its facts as (field, value) sentences, its assessments labelled for reading, its
        recommendations' levels, lineage relations and statuses in words, and the
        lineage's counts in a sentence; the rest as `detail` has it.
    """
    before, after = detail.carried_before, detail.carried_after
    return WordedDetail(
        heading=detail.heading,
        facts=_facts(detail, scale, lang),
        history=detail.history,
        evidence=_evidence(scale, detail.history, lang),
        assessments_total=detail.assessments_total,
        recommendations=_recommendations(detail.recommendations, lang),
        lineage=_lineage(detail.lineage, scale, lang),
        carried_before=before,
        carried_after=after,
        lineage_note=t("measures.lineage_count", lang, before=before, after=after),
        divergence=detail.divergence,
    )


def change_log_section(
    log: ChangeLog, lang: Lang, zone: dt.tzinfo = dt.UTC
) -> tuple[pd.DataFrame, str]:
    """Return the detail's change log: its table and the sentence that introduces it.

    Args:
        log: the measure's `ChangeLog` (`changelog.change_log`).
        lang: language of the labels, values and dates.

    Returns:
        The table (`changelog.ROW_COLUMNS`: version, when, author, note, sheet, row,
        change, field, before, after; `column_specs` labels them), newest first, empty
        when nothing changed; and the sentence: how many changes between which versions,
        or that there is none since the first version.
    """
    return change_log_rows(log, lang, zone), change_log_summary(log, lang)
