"""What happened to each measure, and who says so: the Measures page's tables.

`measure_rows` is the list of measures (one row each, status from the chosen voice);
`search` narrows it by words (matched against `search_keys`) and status category;
`measure_detail` gathers everything about one measure: its facts, its assessments per
voice with their evidence, the recommendations it carries, its lineage across plans and
whether the government and civil society disagree on it; `change_log_section` reads its
change log across the stored versions (`monitoring.analysis.changelog`); `column_specs`
says how each column reads. Figures come from `monitoring.analysis.metrics`, so they mean
the same on every page.

Why one module: the Measures page's tables, their column specs and the wording of the
language-free rows are read together when a column changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from monitoring.analysis.metrics import (
    VOICE_CODES,
    carried_chain,
    current_status,
    divergences,
    measure_table,
)
from monitoring.contract.dataset import Dataset
from monitoring.contract.datebounds import falls_within, latest_of
from monitoring.contract.schema import Lang, normalise_label
from monitoring.text.i18n import (
    format_date,
    format_date_bounds,
    format_date_bounds_column,
    format_date_phrase,
    format_days,
    format_number,
    t,
)

if TYPE_CHECKING:  # the log is read from the store by the page; only its type is needed
    from monitoring.analysis.changelog import ChangeLog

# The columns of the measures table, in the order shown (the others are for filtering).
TABLE_COLUMNS: tuple[str, ...] = (
    "measure_id",
    "number",
    "plan_id",
    "axis",
    "title",
    "lead",
    "status",
    "assessed_on",
    "assessed_by",
    "effective_due",
    "deadline",
    "days_late",
    "carried_from",
    "diverges",
)
# `measure_rows`' columns: the table's, with the parts `readable_rows` writes as one.
_RAW_COLUMNS: tuple[str, ...] = (
    *(c for c in TABLE_COLUMNS if c != "assessed_by"),
    "assessed_latest",
    "voice",
    "assessor",
)
DEADLINE_STATES: tuple[str, ...] = ("overdue", "unassessed", "ahead")
# The columns `readable_rows` writes in words (the others are shown as they are).
WORDED: tuple[str, ...] = ("status", "assessed_on", "assessed_by", "deadline")
_SEARCHED = ("measure_id", "title", "axis", "lead")
_HISTORY = (
    "as_of",
    "as_of_latest",
    "voice",
    "assessor",
    "status",
    "category",
    "progress_pct",
    "evidence",
    "comment",
)
_EMPTY = "—"


def _is_link(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def _text(value: object) -> str:
    """A cell as text, "—" when empty."""
    return _EMPTY if value is None or value is pd.NA or value != value else str(value)


def _status_labels(ds: Dataset, statuses: pd.Series, lang: Lang) -> pd.Series:
    """Scale labels in the user's language (a coalition's own labels stay as written)."""
    shown = {s: ds.scale.display(s, lang) for s in statuses.dropna().unique()}
    return statuses.map(shown)


def _voice_labels(voices: pd.Series, assessors: pd.Series, lang: Lang) -> pd.Series:
    """ "Government · MIPROF" for each row (empty when no voice assessed it)."""
    names = {code: t(f"voice.{code}", lang) for code in VOICE_CODES}
    voice = voices.map(names)
    with_assessor = voice.str.cat(assessors, sep=" · ")
    return with_assessor.fillna(voice)


def measure_rows(ds: Dataset, as_of: dt.date, voice: str) -> pd.DataFrame:
    """Return the measures table, language-free: one row per measure, as
    `metrics.measure_table` orders them (`readable_rows` writes it for people).

    Args:
        ds: the (filtered) dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code: whose current status is shown.

    Returns:
        The `TABLE_COLUMNS` but `assessed_by`, with status as the workbook writes it,
        `assessed_on` and `assessed_latest` the bounds of the last assessment, `voice`
        (its code) and `assessor` of it, `deadline` a state (`overdue`, `unassessed`,
        `ahead`; None when done, dropped or without a due date), `days_late` only for
        overdue measures, up to their last assessment (`metrics.measure_table`: at least
        that; empty when the due date passed after it), `diverges` True when government
        and civil society disagree, as in `metrics.divergences`; plus `category` for
        `search`.
    """
    table = measure_table(ds, as_of, voice)
    deadline = np.select(
        [table["overdue"], table["past_due_unassessed"], table["not_yet_due"]],
        list(DEADLINE_STATES),
        default="",
    )
    return table.assign(
        deadline=pd.Series(deadline, index=table.index, dtype=object).replace("", None),
        days_late=table["delay_days"].where(table["overdue"]),
        diverges=table["measure_id"].isin(divergences(ds, as_of)["measure_id"]),
    )[[*_RAW_COLUMNS, "category"]]


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
        status=_status_labels(ds, rows["status"], lang),
        assessed_on=format_date_bounds_column(rows["assessed_on"], rows["assessed_latest"], lang),
        assessed_by=_voice_labels(rows["voice"], rows["assessor"], lang),
        deadline=rows["deadline"].map(labels).fillna(_EMPTY),
    )[[*TABLE_COLUMNS, "category"]]


def search_keys(ds: Dataset) -> pd.Series:
    """Return what `search` looks into: each measure's id, title, axis and lead, normalised.

    Kept apart from `measure_rows` because it does not change with the date, the voice
    or the language, and it is the slow part (about a second for 50,000 measures).

    Args:
        ds: the (filtered) dataset.

    Returns:
        The normalised text (`schema.normalise_label`) indexed by measure_id.
    """
    searched = ds.measures[list(_SEARCHED)].fillna("").astype("str")
    joined = searched.iloc[:, 0].str.cat(searched.iloc[:, 1:], sep=" ")
    return pd.Series(
        [normalise_label(text) for text in joined], index=ds.measures["measure_id"].to_numpy()
    )


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
        frame: a table of this module (`measure_rows`, or a frame of `MeasureDetail`).
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


def search(
    rows: pd.DataFrame, keys: pd.Series, query: str, categories: Sequence[str] = ()
) -> pd.DataFrame:
    """Return the rows whose id, title, axis or lead hold every word of `query`.

    Case, accents and spacing are ignored (`schema.normalise_label`): "hebergement"
    finds "Hébergement". An empty query keeps every row.

    Args:
        rows: `measure_rows(...)` output.
        keys: `search_keys(...)` of the same dataset.
        query: the words typed, in any order.
        categories: status categories to keep; empty keeps all.

    Returns:
        The matching rows, in their order.
    """
    keep = pd.Series(True, index=rows.index)
    words = normalise_label(query).split()
    if words:
        text = keys.reindex(rows["measure_id"]).fillna("").set_axis(rows.index)
        for word in words:
            keep &= text.str.contains(word, regex=False)
    if categories:
        keep &= rows["category"].isin(list(categories))
    return rows[keep]


@dataclass(frozen=True)
class MeasureDetail:
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


def _subset(ds: Dataset, measure_ids: Sequence[str]) -> Dataset:
    """The dataset restricted to some measures and their assessments (every plan kept)."""
    tables = {
        **ds.tables,
        "measures": ds.measures[ds.measures["measure_id"].isin(list(measure_ids))],
        "status_updates": ds.status_updates[
            ds.status_updates["measure_id"].isin(list(measure_ids))
        ],
    }
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=ds.name)


def _history(ds: Dataset, measure_id: str, as_of: dt.date) -> tuple[pd.DataFrame, int]:
    """The measure's assessments known at the as-of date (latest possible date on or
    before it), by date, latest date, then sheet row; and how many it has at any date."""
    updates = ds.status_updates[ds.status_updates["measure_id"] == measure_id]
    latest = latest_of(updates, "as_of", "as_of_latest")
    known = updates.assign(_latest=latest)[latest <= np.datetime64(as_of, "s")]
    ordered = known.sort_values(["as_of", "_latest", "_row"], kind="stable")
    return ordered[list(_HISTORY)].reset_index(drop=True), len(updates)


def _evidence(ds: Dataset, history: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The assessments as a table to read: text sources and links in separate columns, each
    date written from its bounds ("mars 2014"), as the events' dates are."""
    link = history["evidence"].map(_is_link).astype(bool)
    return pd.DataFrame(
        {
            "as_of": format_date_bounds_column(history["as_of"], history["as_of_latest"], lang),
            "voice": history["voice"].map(lambda v: t(f"voice.{v}", lang)),
            "assessor": history["assessor"],
            "status": _status_labels(ds, history["status"], lang),
            "progress_pct": history["progress_pct"],
            "evidence_link": history["evidence"].where(link),
            "evidence": history["evidence"].mask(link),
            "comment": history["comment"],
        }
    )


def _voice_fact(ds: Dataset, voice: str, as_of: dt.date, lang: Lang) -> str:
    row = current_status(ds, as_of, voice).iloc[0]
    if pd.isna(row["assessed_on"]):
        return t("measures.fact.no_assessment", lang)
    when = format_date_bounds(row["assessed_on"], row["assessed_latest"], lang)
    parts = [ds.scale.display(row["status"], lang), when]
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


def _facts(ds: Dataset, measure_id: str, as_of: dt.date, voice: str, lang: Lang) -> pd.DataFrame:
    """The measure's sheet row, due dates and current status per voice, as (field, value)."""
    one = _subset(ds, [measure_id])
    row = measure_table(one, as_of, voice).iloc[0]
    measure = one.measures.iloc[0]
    plans = ds.plans.set_index("plan_id")["title"]
    plan = row["plan_id"] + (f" — {plans[row['plan_id']]}" if row["plan_id"] in plans else "")
    due = format_date(row["original_due"], lang)
    if pd.isna(measure["due_date"]) and pd.notna(row["original_due"]):
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
        "voice_government": _voice_fact(one, "government", as_of, lang),
        "voice_civil_society": _voice_fact(one, "civil_society", as_of, lang),
        "voice_independent": _voice_fact(one, "independent", as_of, lang),
        "budget": _EMPTY if pd.isna(budget) else f"{format_number(budget, lang)} €",
        "carried_from": _text(row["carried_from"]),
        "source": _text(measure["source"]),
    }
    return pd.DataFrame(
        {
            "field": [t(f"measures.fact.{key}", lang) for key in values],
            "value": list(values.values()),
        }
    )


def later_measures(ds: Dataset, measure_id: str) -> list[str]:
    """Return the measures of later plans that carry this one over, directly or not.

    Breadth first: the measures naming it in `carried_from`, then those naming them, and
    so on; a cycle in the data is not followed twice.

    Args:
        ds: the dataset.
        measure_id: the measure carried over.

    Returns:
        Measure ids, nearest first, in sheet order within one step.
    """
    parents = ds.measures["carried_from"].to_numpy(dtype=object)
    ids = ds.measures["measure_id"].to_numpy(dtype=object)
    found: list[str] = []
    frontier = {measure_id}
    seen = {measure_id}
    while frontier:
        step = [str(m) for m, p in zip(ids, parents, strict=True) if p in frontier]
        step = [m for m in step if m not in seen]
        found += step
        seen |= set(step)
        frontier = set(step)
    return found


def _lineage(
    ds: Dataset, measure_id: str, as_of: dt.date, voice: str, lang: Lang
) -> tuple[pd.DataFrame, int, int]:
    before = carried_chain(ds, measure_id)[1:]
    after = later_measures(ds, measure_id)
    if not before and not after:
        return pd.DataFrame(columns=["relation", "measure_id", "plan_id", "title", "status"]), 0, 0
    order = [*reversed(before), measure_id, *after]
    relation = ["before"] * len(before) + ["self"] + ["after"] * len(after)
    status = current_status(_subset(ds, order), as_of, voice).set_index("measure_id")
    measures = ds.measures.set_index("measure_id")
    missing = t("measures.lineage.missing", lang)
    frame = pd.DataFrame(
        {
            "relation": [t(f"measures.lineage.{r}", lang) for r in relation],
            "measure_id": order,
            "plan_id": measures["plan_id"].reindex(order).to_numpy(),
            "title": measures["title"].reindex(order).fillna(missing).to_numpy(),
            "status": _status_labels(ds, status["status"].reindex(order), lang).to_numpy(),
        }
    )
    return frame, len(before), len(after)


def _recommendations(ds: Dataset, measure_id: str, lang: Lang) -> pd.DataFrame:
    rows = ds.retention[ds.retention["measure_id"] == measure_id].sort_values("_row")
    recs = ds.recommendations.drop_duplicates("rec_id").set_index("rec_id")
    return pd.DataFrame(
        {
            "rec_id": rows["rec_id"].to_numpy(),
            "author": recs["author"].reindex(rows["rec_id"]).to_numpy(),
            "title": recs["title"].reindex(rows["rec_id"]).to_numpy(),
            "level": rows["level"].map(lambda code: t(f"retention.{code}", lang)).to_numpy(),
            "comment": rows["comment"].to_numpy(),
        }
    )


def measure_detail(
    ds: Dataset, measure_id: str, as_of: dt.date, voice: str, lang: Lang
) -> MeasureDetail | None:
    """Return everything the detail view shows about one measure.

    Decisions: the history holds only assessments known at the as-of date (their latest
    possible date on or before it), like every figure; the lineage is read from `ds`
    whole (give it the unfiltered dataset: a carry-over crosses plans), each measure with
    its current status for `voice`; the divergence is `metrics.divergences` for this measure.

    Args:
        ds: the dataset (preferably unfiltered).
        measure_id: the measure to describe.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code, for the status in the facts' deadline line and
            the lineage; the facts also give each voice's own current status.
        lang: language of the labels.

    Returns:
        A `MeasureDetail`, or None if the dataset has no such measure.
    """
    if not ds.measures["measure_id"].eq(measure_id).any():
        return None
    one = _subset(ds, [measure_id])
    history, total = _history(ds, measure_id, as_of)
    lineage, before, after = _lineage(ds, measure_id, as_of, voice, lang)
    diverging = divergences(one, as_of)
    divergence = None
    if len(diverging):
        first = diverging.iloc[0]
        divergence = (str(first["government_category"]), str(first["civil_society_category"]))
    title = _text(one.measures.iloc[0]["title"])
    return MeasureDetail(
        heading=f"{measure_id} — {title}",
        facts=_facts(ds, measure_id, as_of, voice, lang),
        history=history,
        evidence=_evidence(ds, history, lang),
        assessments_total=total,
        recommendations=_recommendations(ds, measure_id, lang),
        lineage=lineage,
        carried_before=before,
        carried_after=after,
        lineage_note=t("measures.lineage_count", lang, before=before, after=after),
        divergence=divergence,
    )


def change_log_section(
    log: ChangeLog, lang: Lang, zone: dt.tzinfo = dt.UTC
) -> tuple[pd.DataFrame, str]:
    """Return the detail's change log: its table and the sentence that introduces it.

    Args:
        log: the measure's `ChangeLog` (`changelog.change_log`).
        lang: language of the labels, values and dates.
        zone: the time zone the versions' times are written in.

    Returns:
        The table (`changelog.ROW_COLUMNS`: version, when, author, note, sheet, row,
        change, field, before, after; `column_specs` labels them), newest first, empty
        when nothing changed; and the sentence: how many changes between which versions,
        or that there is none since the first version.
    """
    return log.rows(lang, zone), log.summary(lang)
