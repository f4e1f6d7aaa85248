"""Delays: what is late and by how much, whose deadlines moved, and which lead is behind.

Every function here reads `monitoring.analysis.metrics.measure_table`, so "overdue", "not yet due",
"past due, not assessed", "delay" and "slip" mean exactly what its docstring decides; this
module only selects, groups and orders those rows for the Delays page, plus the one thing
`measure_table` does not keep: the whole history of revised due dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import numpy as np
import pandas as pd

from monitoring.analysis.metrics import VOICE_ALL, current_status, measure_table, plan_dates
from monitoring.contract.dataset import DATE_DTYPE, Dataset
from monitoring.contract.datebounds import latest_of

ListKind = Literal["overdue", "past_due_unassessed", "not_yet_due"]
LIST_KINDS: tuple[ListKind, ...] = ("overdue", "past_due_unassessed", "not_yet_due")
_DATES = np.dtype(DATE_DTYPE)
_SECONDS_PER_DAY = 86_400


def _day(as_of: dt.date) -> np.datetime64:
    return np.datetime64(as_of, "s")


def _whole_days(later: pd.Series, earlier: pd.Series | np.datetime64) -> pd.Series:
    """Return whole days `later - earlier` as nullable integers (NA when a date is missing)."""
    return ((later - earlier).dt.total_seconds() // _SECONDS_PER_DAY).astype("Int64")


def revised_due_dates(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return every revised due date known at the as-of date, not only the latest.

    Known, as in `measure_table`: given by an assessment known at the as-of date (its
    latest possible date on or before it), whatever its voice (a moved deadline is a
    government decision whoever reports it). Assessments of measures missing from the
    dataset are left out.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per revision: measure_id, announced_on (the assessment's date, its
        earliest when imprecise), announced_latest (its latest possible date, NaT when
        known to the day), revised_due_date, voice, assessor; by measure id, then
        date, then latest date, then sheet row.
    """
    updates = ds.status_updates
    latest = latest_of(updates, "as_of", "as_of_latest")
    known = (
        updates["revised_due_date"].notna().to_numpy()
        & (latest <= _day(as_of))  # NaT compares False
        & updates["measure_id"].isin(ds.measures["measure_id"]).to_numpy()
    )
    rows = updates.assign(_latest=latest)[known].sort_values(
        ["measure_id", "as_of", "_latest", "_row"], kind="stable"
    )
    return pd.DataFrame(
        {
            "measure_id": rows["measure_id"],
            "announced_on": rows["as_of"].astype(_DATES),
            "announced_latest": rows["_latest"]
            .where(rows["_latest"] != rows["as_of"])
            .astype(_DATES),
            "revised_due_date": rows["revised_due_date"].astype(_DATES),
            "voice": rows["voice"],
            "assessor": rows["assessor"],
        }
    ).reset_index(drop=True)


def _moves(ds: Dataset, as_of: dt.date, original: pd.Series) -> pd.DataFrame:
    """Return the revisions that changed the deadline in force, with the measure's original.

    `original` maps measure_id → original due date. A revision that repeats the deadline
    already in force (the original, then each earlier revision) is not a move.
    """
    revisions = revised_due_dates(ds, as_of)
    in_force = revisions.groupby("measure_id", sort=False)["revised_due_date"].shift(1)
    in_force = in_force.fillna(revisions["measure_id"].map(original))
    return revisions[(revisions["revised_due_date"] != in_force).to_numpy(dtype=bool)]


def slipped_measures(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return the measures whose deadline moved, by how many days and how many times.

    Decisions: `times_moved` counts the known revisions that changed the deadline in force
    (the original due date, then each earlier revision), so the same new date reported
    twice counts once; a deadline moved and later moved back still counts (its slip may
    be 0). The slip is `measure_table`'s: effective due date − original due date.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code (for the status shown).

    Returns:
        One row per measure moved at least once, largest slip first: plan_id, number,
        title, lead, status, voice, assessor (as `measure_list`), original_due,
        effective_due, slip_days (Int64), times_moved (int), deadlines (a tuple of dates:
        the original, then each new one; `deadline_text` writes it).
    """
    table = _adopted_measures(ds, as_of, voice)
    original = pd.Series(table["original_due"].to_numpy(), index=table["measure_id"].to_numpy())
    moves = _moves(ds, as_of, original)
    # {measure_id: [each new deadline, oldest first]}: a few entries per moved measure.
    chains = {m: list(dates) for m, dates in moves.groupby("measure_id")["revised_due_date"]}
    moved = table[table["measure_id"].isin(list(chains))].copy()
    moved["times_moved"] = moved["measure_id"].map(moves["measure_id"].value_counts())
    moved["times_moved"] = moved["times_moved"].astype("int64")
    moved["deadlines"] = [
        (start, *chains[measure])
        for measure, start in zip(moved["measure_id"], moved["original_due"], strict=True)
    ]
    moved = moved.sort_values(["slip_days", "times_moved"], ascending=False, kind="stable")
    return moved[
        [
            "plan_id", "number", "title", "lead", "status", "voice", "assessor",
            "original_due", "effective_due", "slip_days", "times_moved", "deadlines",
        ]
    ].reset_index(drop=True)  # fmt: skip


def _adopted_measures(ds: Dataset, as_of: dt.date, voice: str) -> pd.DataFrame:
    """`measure_table` without the measures of plans not adopted at the as-of date."""
    table = measure_table(ds, as_of, voice)
    return table[table["plan_adopted"].to_numpy(dtype=bool)]


def measure_list(
    ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL, kind: ListKind = "overdue"
) -> pd.DataFrame:
    """Return the overdue, past-due-unassessed or not-yet-due measures, ready to show.

    Order: overdue ones most days late first (their delay runs up to their last
    assessment, `measure_table`; those without one, whose due date passed after their
    last assessment, come last, oldest due date first); past due but not assessed ones by
    due date, oldest first; not yet due ones soonest due first (then plan order, then
    number).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.
        kind: `"overdue"`, `"past_due_unassessed"` or `"not_yet_due"` (`measure_table` flags).

    Returns:
        One row per measure, language-free (`delay_tables.readable` writes status, lead and assessor
        for people): measure_id, plan_id, number, title, lead (missing when none is
        recorded), original_due, effective_due, days_late (Int64, overdue only: at least
        that many days, up to the last assessment; NA when the due date passed after
        it), days_left (Int64, not yet due only), status (as the workbook writes it),
        voice (its code) and assessor of the last assessment, evidence, due_basis
        (`revised`, `measure` or `plan_end`: the plan's end taken by convention),
        assessed_on (date of the last assessment, its earliest when known only as a
        period), assessed_latest (its latest possible date, NaT when known to the day).
    """
    if kind not in LIST_KINDS:
        raise ValueError(f"measure_list: kind must be one of {LIST_KINDS}, not {kind!r}")
    table = _adopted_measures(ds, as_of, voice)
    rows = table[table[kind].to_numpy(dtype=bool)]
    if kind == "overdue":
        rows = rows.sort_values("effective_due", kind="stable").sort_values(
            "delay_days", ascending=False, kind="stable", na_position="last"
        )
    else:
        rows = rows.sort_values("effective_due", kind="stable")
    rows = rows.assign(
        days_late=rows["delay_days"].where(rows["overdue"]),
        days_left=_whole_days(rows["effective_due"], _day(as_of)).where(rows["not_yet_due"]),
    )
    return rows[
        [
            "measure_id", "plan_id", "number", "title", "lead", "original_due", "effective_due",
            "days_late", "days_left", "status", "voice", "assessor", "evidence", "due_basis",
            "assessed_on", "assessed_latest",
        ]
    ].reset_index(drop=True)  # fmt: skip


def delay_counts(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> dict[str, int]:
    """Return how many measures are overdue, past due unassessed, not yet due, slipped.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.

    Returns:
        {"measures", "overdue", "past_due_unassessed", "not_yet_due", "slipped",
        "overdue_on_plan_end", "past_due_unassessed_on_plan_end", "overdue_delay_unknown":
        int}; "slipped" counts measures whose effective due date differs from the
        original; the `_on_plan_end` counts, those whose deadline is the plan's end taken
        by convention (no sourced deadline); "overdue_delay_unknown", the overdue
        measures whose due date passed after their last assessment (no delay counted).
    """
    table = _adopted_measures(ds, as_of, voice)
    on_plan_end = (table["due_basis"] == "plan_end").to_numpy(dtype=bool, na_value=False)
    overdue = table["overdue"].to_numpy(dtype=bool)
    unassessed = table["past_due_unassessed"].to_numpy(dtype=bool)
    return {
        "measures": len(table),
        "overdue": int(overdue.sum()),
        "past_due_unassessed": int(unassessed.sum()),
        "not_yet_due": int(table["not_yet_due"].sum()),
        "slipped": int((table["slip_days"].fillna(0) != 0).sum()),
        "overdue_on_plan_end": int((overdue & on_plan_end).sum()),
        "past_due_unassessed_on_plan_end": int((unassessed & on_plan_end).sum()),
        "overdue_delay_unknown": int((overdue & table["delay_days"].isna().to_numpy()).sum()),
    }


def delay_by_lead(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return, per lead ministry with at least one overdue measure, how late it is.

    Measures without a lead form one row whose `lead` is empty (shown as "Pilote non
    renseigné"). The median counts overdue measures only (days from their effective due
    date to their last assessment: a lower bound, `measure_table`), not done ones
    completed late; overdue measures without such a delay count in `overdue` but not in
    the median (`delays_known` says how many do).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.

    Returns:
        One row per lead, most overdue measures first (then longest median delay, then
        name, no lead last): lead (NA when none), overdue (int), median_days_late
        (float, NaN when no delay is known), max_days_late (Int64), measures (int: all
        the lead's measures), delays_known (int: overdue measures with a delay),
        on_plan_end (int: overdue measures whose deadline is the plan's end, a
        convention).
    """
    table = _adopted_measures(ds, as_of, voice)
    late = table["delay_days"].where(table["overdue"])
    on_plan_end = table["overdue"] & (table["due_basis"] == "plan_end").fillna(False)
    grouped = table.assign(late=late, on_plan_end=on_plan_end).groupby(
        "lead", dropna=False, sort=False
    )
    out = pd.DataFrame(
        {
            "overdue": grouped["overdue"].sum().astype("int64"),
            "median_days_late": grouped["late"].median().astype("float64"),
            "max_days_late": grouped["late"].max().astype("Int64"),
            "measures": grouped.size().astype("int64"),
            "delays_known": grouped["late"].count().astype("int64"),
            "on_plan_end": grouped["on_plan_end"].sum().astype("int64"),
        }
    ).rename_axis("lead")
    out = out[out["overdue"] > 0].reset_index()
    return out.sort_values(
        ["overdue", "median_days_late", "lead"],
        ascending=[False, False, True],
        kind="stable",
        na_position="last",
    ).reset_index(drop=True)


def timeline_rows(
    ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL, plan_ids: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Return one row per measure of the chosen plans, grouped by plan and axis, for a Gantt.

    Measures come in plan order, then axes in order of their first measure, then number.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.
        plan_ids: the plans to show; all of them when empty.

    Returns:
        measure_id, plan_id, axis, number, title, status (as the workbook writes it;
        `delay_tables.timeline_rows` names it), category,
        plan_start (the plan's period_start), original_due, effective_due, completed_on,
        overdue, past_due_unassessed, delay_days, slip_days, due_basis, assessed_on,
        assessed_latest (the last assessment's latest possible date, NaT when known to the
        day), delay_is_lower_bound (an overdue measure's delay runs to `assessed_on`, the
        earliest date of its last assessment, not to the as-of date).
    """
    table = _adopted_measures(ds, as_of, voice)
    if plan_ids:
        table = table[table["plan_id"].isin(plan_ids).to_numpy(dtype=bool)]
    position = pd.Series(np.arange(len(table)), index=table.index)
    first_of_axis = position.groupby([table["plan_id"], table["axis"]], dropna=False).transform(
        "min"
    )
    plan_rank = table["plan_id"].map({p: i for i, p in enumerate(table["plan_id"].unique())})
    ordered = table.assign(
        _plan=plan_rank,
        _axis=first_of_axis,
        plan_start=plan_dates(ds, "period_start", table["plan_id"]),
    ).sort_values(["_plan", "_axis"], kind="stable")
    return ordered[
        [
            "measure_id", "plan_id", "axis", "number", "title", "status", "category",
            "plan_start", "original_due", "effective_due", "completed_on", "overdue",
            "past_due_unassessed", "delay_days", "slip_days", "due_basis", "assessed_on",
            "assessed_latest", "delay_is_lower_bound",
        ]
    ].reset_index(drop=True)  # fmt: skip


def latest_plan(ds: Dataset, as_of: dt.date) -> str | None:
    """Return the most recent plan at the as-of date: the last one started by then.

    Decision: a plan that has not started at the as-of date is not "the most recent" yet;
    when none has started, the first plan is returned (the one due to start soonest).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        A plan id, or None when the dataset has no plan.
    """
    plans = ds.plans.sort_values(["period_start", "_row"], kind="stable")
    if plans.empty:
        return None
    started = plans[(plans["period_start"].astype(_DATES) <= _day(as_of)).to_numpy(dtype=bool)]
    chosen = started.iloc[-1] if len(started) else plans.iloc[0]
    return str(chosen["plan_id"])


def known_statuses(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> dict[str, int]:
    """How much is known of each plan: its measures with a known status at the as-of date.

    A status is known when the latest assessment known at that date (`current_status`, as
    `voice` reads) has a category other than `unknown`: a measure never assessed, or
    assessed "Non évaluée", is not known, whatever its title says.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code: whose assessments count.

    Returns:
        {plan id: measures with a known status}, every plan of the dataset included (0
        when nothing is known of it), in the dataset's plan order.
    """
    statuses = current_status(ds, as_of, voice)
    known = statuses[(statuses["category"] != "unknown").to_numpy(dtype=bool)]
    counts = known["plan_id"].value_counts()
    return {str(p): int(counts.get(p, 0)) for p in ds.plans["plan_id"]}


def most_known_plan(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> str | None:
    """The plan a page opens on: the one with the most measures of known status.

    Decision: a page that shows one plan by default shows the one it can say most about,
    not a plan whose every row is unknown. Ties (0 included: nothing known of any plan)
    go to the most recent plan started by the as-of date (`latest_plan`), then to the
    later plan.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code: whose assessments count.

    Returns:
        A plan id, or None when the dataset has no plan.
    """
    known = known_statuses(ds, as_of, voice)
    if not known:
        return None
    latest = latest_plan(ds, as_of)
    starts = ds.plans.sort_values(["period_start", "_row"], kind="stable")["plan_id"].tolist()
    order = {p: i for i, p in enumerate(starts)}
    return max(known, key=lambda p: (known[p], p == latest, order.get(p, -1)))


def is_link_column(values: pd.Series) -> bool:
    """Return whether every non-empty value is a web address (so it may show as a link).

    Only `http://` and `https://` count: anything else (a reference such as "[S53] https://…",
    or a `javascript:` address) stays plain text.
    """
    filled = values.dropna().astype(str)
    return bool(len(filled)) and bool(filled.str.match(r"https?://", case=False).all())
