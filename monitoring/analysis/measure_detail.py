"""What happened to each measure, and who says so: the Measures page's tables, in no
language.

`measure_rows` is the list of measures (one row each, status from the chosen voice);
`search` narrows it by words (matched against `search_keys`) and status category;
`measure_detail` gathers everything about one measure: its facts, its assessments per
voice with their evidence, the recommendations it carries, its lineage across plans and
whether the government and civil society disagree on it. Figures come from
`monitoring.analysis.metrics`, so they mean the same on every page;
`monitoring.present.measure_text` puts them into words (`readable_rows`, `worded`) and
says how each column reads (`column_specs`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

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
from monitoring.contract.datebounds import latest_of
from monitoring.contract.schema import normalise_label

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
# `measure_rows`' columns: the table's, with the parts `measure_text.readable_rows` writes as one.
_RAW_COLUMNS: tuple[str, ...] = (
    *(c for c in TABLE_COLUMNS if c != "assessed_by"),
    "assessed_latest",
    "voice",
    "assessor",
)
DEADLINE_STATES: tuple[str, ...] = ("overdue", "unassessed", "ahead")
# The columns `measure_text.readable_rows` writes in words (the others are shown as they are).
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


def _text(value: object) -> str:
    """A cell as text, "—" when empty."""
    return _EMPTY if value is None or value is pd.NA or value != value else str(value)


def measure_rows(ds: Dataset, as_of: dt.date, voice: str) -> pd.DataFrame:
    """Return the measures table, language-free: one row per measure, as
    `metrics.measure_table` orders them (`measure_text.readable_rows` writes it for people).

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


@dataclass(frozen=True)
class MeasureDetail:
    """Everything about one measure, in no language (`measure_text.worded` writes it).

    `facts` is the measure's `metrics.measure_table` row (for the voice chosen) with
    `plan_title` (None when the plan is not in the dataset), `due_from_plan_end` (its
    due date is the plan's end, the measure giving none) and `source` (the measure's);
    `voices` each voice's current status row (`metrics.current_status`: status as the
    workbook writes it, the bounds of the assessment, the assessor), None when that
    voice never assessed it by the as-of date.
    """

    heading: str  # "A-M01 — title"
    facts: pd.Series
    voices: dict[str, pd.Series | None]  # voice code → its current status row
    history: pd.DataFrame  # assessments up to the as-of date, in date order; voice codes
    assessments_total: int  # assessments at any date (0: never assessed)
    recommendations: pd.DataFrame  # rec_id, author, title, level (code), comment
    # relation (before, self, after), measure_id, plan_id, title (missing when the measure
    # is not in the dataset), status (as the workbook writes it); oldest plan first
    lineage: pd.DataFrame
    carried_before: int  # measures of earlier plans it carries over (chain length - 1)
    carried_after: int  # measures of later plans that carry it over
    divergence: tuple[str, str] | None  # (government, civil society) categories if they differ


def _facts(ds: Dataset, measure_id: str, as_of: dt.date, voice: str) -> pd.Series:
    """The measure's `measure_table` row, its plan's title, whether its due date is the
    plan's end, and its source."""
    one = _subset(ds, [measure_id])
    row = measure_table(one, as_of, voice).iloc[0]
    measure = one.measures.iloc[0]
    plans = ds.plans.set_index("plan_id")["title"]
    from_plan_end = pd.isna(measure["due_date"]) and pd.notna(row["original_due"])
    extra = pd.Series(
        {
            "plan_title": plans.get(row["plan_id"]),
            "due_from_plan_end": bool(from_plan_end),
            "source": measure["source"],
        },
        dtype=object,
    )
    return pd.concat([row.drop(labels=list(extra.index), errors="ignore"), extra])


def _voices(ds: Dataset, measure_id: str, as_of: dt.date) -> dict[str, pd.Series | None]:
    """Each voice's current status row for the measure, None when it has none."""
    one = _subset(ds, [measure_id])
    rows: dict[str, pd.Series | None] = {}
    for voice in VOICE_CODES:
        row = current_status(one, as_of, voice).iloc[0]
        rows[voice] = None if pd.isna(row["assessed_on"]) else row
    return rows


def _lineage(
    ds: Dataset, measure_id: str, as_of: dt.date, voice: str
) -> tuple[pd.DataFrame, int, int]:
    before = carried_chain(ds, measure_id)[1:]
    after = later_measures(ds, measure_id)
    if not before and not after:
        return pd.DataFrame(columns=["relation", "measure_id", "plan_id", "title", "status"]), 0, 0
    order = [*reversed(before), measure_id, *after]
    relation = ["before"] * len(before) + ["self"] + ["after"] * len(after)
    status = current_status(_subset(ds, order), as_of, voice).set_index("measure_id")
    measures = ds.measures.set_index("measure_id")
    frame = pd.DataFrame(
        {
            "relation": relation,
            "measure_id": order,
            "plan_id": measures["plan_id"].reindex(order).to_numpy(),
            "title": measures["title"].reindex(order).to_numpy(),
            "status": status["status"].reindex(order).to_numpy(),
        }
    )
    return frame, len(before), len(after)


def _recommendations(ds: Dataset, measure_id: str) -> pd.DataFrame:
    rows = ds.retention[ds.retention["measure_id"] == measure_id].sort_values("_row")
    recs = ds.recommendations.drop_duplicates("rec_id").set_index("rec_id")
    return pd.DataFrame(
        {
            "rec_id": rows["rec_id"].to_numpy(),
            "author": recs["author"].reindex(rows["rec_id"]).to_numpy(),
            "title": recs["title"].reindex(rows["rec_id"]).to_numpy(),
            "level": rows["level"].to_numpy(),
            "comment": rows["comment"].to_numpy(),
        }
    )


def measure_detail(
    ds: Dataset, measure_id: str, as_of: dt.date, voice: str
) -> MeasureDetail | None:
    """Return everything the detail view shows about one measure, in no language.

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

    Returns:
        A `MeasureDetail`, or None if the dataset has no such measure.
    """
    if not ds.measures["measure_id"].eq(measure_id).any():
        return None
    one = _subset(ds, [measure_id])
    history, total = _history(ds, measure_id, as_of)
    lineage, before, after = _lineage(ds, measure_id, as_of, voice)
    diverging = divergences(one, as_of)
    divergence = None
    if len(diverging):
        first = diverging.iloc[0]
        divergence = (str(first["government_category"]), str(first["civil_society_category"]))
    title = _text(one.measures.iloc[0]["title"])
    return MeasureDetail(
        heading=f"{measure_id} — {title}",
        facts=_facts(ds, measure_id, as_of, voice),
        voices=_voices(ds, measure_id, as_of),
        history=history,
        assessments_total=total,
        recommendations=_recommendations(ds, measure_id),
        lineage=lineage,
        carried_before=before,
        carried_after=after,
        divergence=divergence,
    )
