"""Per plan: adoption and gaps, retention, published verdicts, and the key figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from monitoring.analysis.metrics.adoption import plan_timeline
from monitoring.analysis.metrics.base import (
    COVERAGE_THRESHOLD,
    DUE_BASES,
    RETENTION_CODES,
    VOICE_ALL,
    Matched,
    _check_voice,
    _date_array,
    _day,
    _matched,
    _ordered_plans,
)
from monitoring.analysis.metrics.statuses import _measure_table_of, _statuses_of
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import (
    CATEGORY_CODES,
    VERDICT_COUNT_COLUMNS,
)

# --- Plans ----------------------------------------------------------------------------


def _highest_retention(ds: Dataset) -> pd.DataFrame:
    """Return one row per (plan, recommendation) at its highest retention level."""
    # A level's rank in `RETENTION_CODES`, NaN for none (an index look-up: `Series.map`
    # with a dict goes cell by cell on text columns).
    rank = pd.Index(RETENTION_CODES).get_indexer(pd.Index(ds.retention["level"].astype(object)))
    retention = ds.retention.assign(_rank=np.where(rank >= 0, rank, np.nan))
    highest = retention.sort_values(["_rank", "_row"], kind="stable").drop_duplicates(
        ["plan_id", "rec_id"], keep="first"
    )
    return highest[highest["_rank"].notna()][["plan_id", "rec_id", "level"]]


def _count_grid(
    frame: pd.DataFrame,
    rows: str,
    columns: str,
    row_keys: Sequence[Any],
    column_keys: Sequence[str],
) -> pd.DataFrame:
    """Count rows of `frame` per (rows, columns) value, every key present, zeros filled.

    Values outside the keys are not counted. One `bincount`: no crosstab, whose set-up
    costs more than the counting on the small frames of a page.
    """
    unique_rows = list(dict.fromkeys(row_keys))
    row_pos = pd.Index(unique_rows).get_indexer(pd.Index(frame[rows].astype(object)))
    column_pos = pd.Index(list(column_keys)).get_indexer(pd.Index(frame[columns].astype(object)))
    inside = (row_pos >= 0) & (column_pos >= 0)
    width = len(column_keys)
    counts = np.bincount(
        row_pos[inside] * width + column_pos[inside], minlength=len(unique_rows) * width
    ).reshape(len(unique_rows), width)
    grid = pd.DataFrame(counts.astype("int64"), index=unique_rows, columns=list(column_keys))
    return grid.reindex(list(row_keys))


def retention_counts(ds: Dataset) -> pd.DataFrame:
    """Return, per plan, how many recommendations it took into account at each level.

    A recommendation is counted once per plan, at its highest level (retained > partly
    retained > dropped from draft > not retained), however many rows or measures carry it.

    Args:
        ds: the dataset.

    Returns:
        One row per plan (period_start order, plans without retention rows included):
        plan_id, retained, partly_retained, dropped_from_draft, not_retained.
    """
    plan_ids = _ordered_plans(ds)["plan_id"].tolist()
    grid = _count_grid(_highest_retention(ds), "plan_id", "level", plan_ids, RETENTION_CODES)
    return grid.rename_axis(index="plan_id", columns=None).reset_index()


def retention_by(ds: Dataset, by: Literal["author", "theme"] = "author") -> pd.DataFrame:
    """Return retention counts and shares per plan and recommendation author (or theme).

    Each recommendation counts once per plan at its highest level, as in
    `retention_counts`. Every level is listed for each (plan, author) pair that has at
    least one recommendation, with 0 where none, so stacked bars need no filling. The
    share is the count over all the pair's recommendations.

    Args:
        ds: the dataset.
        by: `"author"` or `"theme"`, a column of the Recommendations sheet.

    Returns:
        Rows plan_id, <by>, level, count (int), share (float 0–1), ordered by plan
        (period_start), then <by>, then level from retained to not retained.
    """
    if by not in ("author", "theme"):
        raise ValueError(f"retention_by: by must be 'author' or 'theme', not {by!r}")
    highest = _highest_retention(ds).merge(
        ds.recommendations[["rec_id", by]], on="rec_id", how="inner", validate="many_to_one"
    )
    pairs = highest[["plan_id", by]].drop_duplicates()
    plan_rank = {p: i for i, p in enumerate(_ordered_plans(ds)["plan_id"])}
    pairs = pairs.assign(_plan=pairs["plan_id"].map(plan_rank)).sort_values(
        ["_plan", by], kind="stable"
    )
    levels = pd.DataFrame({"level": list(RETENTION_CODES), "_level": range(len(RETENTION_CODES))})
    grid = pairs.merge(levels, how="cross")
    counts = highest.groupby(["plan_id", by, "level"]).size().rename("count").reset_index()
    out = grid.merge(counts, on=["plan_id", by, "level"], how="left").sort_values(
        ["_plan", by, "_level"], kind="stable"
    )
    out["count"] = out["count"].fillna(0).astype("int64")
    total = out.groupby(["plan_id", by])["count"].transform("sum")
    out["share"] = out["count"] / total
    return out[["plan_id", by, "level", "count", "share"]].reset_index(drop=True)


def published_verdicts(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return the evaluators' published totals known at the as-of date, for a voice or all.

    A verdict is known once its publication date is on or before the as-of date. With a
    voice chosen, only that voice's verdicts are kept. `measures_known` says for how many
    of the plan's measures the dataset itself holds a known status from the verdict's
    voice at the as-of date (the published totals often cover more measures than the
    per-measure verdicts one can reach).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.

    Returns:
        One row per verdict, newest first (then by sheet row, last first): plan_id,
        assessor, voice, published_on, measures_covered, count_done, count_partial,
        count_not_done, count_dropped, count_unknown (Int64, NA when not published),
        source, comment, measures_known (int).
    """
    return _published_verdicts(ds, as_of, voice)


def _published_verdicts(
    ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL, matched: Matched | None = None
) -> pd.DataFrame:
    """`published_verdicts`, with the measures and their assessments already matched at
    `as_of` when `matched` is given (`plan_summaries` shares them with its other figures)."""
    _check_voice(voice)
    verdicts = ds.tables["published_verdicts"]
    keep = _date_array(verdicts["published_on"]) <= _day(as_of)
    if voice != VOICE_ALL:
        keep &= (verdicts["voice"] == voice).to_numpy(dtype=bool, na_value=False)
    chosen = verdicts[keep].sort_values(["published_on", "_row"], ascending=False, kind="stable")
    known = pd.Series(0, index=chosen.index, dtype="int64")
    codes = [str(code) for code in chosen["voice"].dropna().unique()]
    # The assessments matched and sorted once for all the voices of the verdicts.
    statuses = _statuses_of(matched or _matched(ds, as_of), codes) if codes else {}
    for code in codes:
        status = statuses[code]
        per_plan = (status["category"] != "unknown").groupby(status["plan_id"]).sum()
        of_voice = chosen["voice"] == code
        known[of_voice] = chosen.loc[of_voice, "plan_id"].map(per_plan).fillna(0).astype("int64")
    columns = ["plan_id", "assessor", "voice", "published_on", "measures_covered",
               *VERDICT_COUNT_COLUMNS.values(), "source", "comment"]  # fmt: skip
    return chosen[columns].assign(measures_known=known).reset_index(drop=True)


def _verdict_dicts(verdicts: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """`published_verdicts` rows as JSON-ready dicts, grouped by plan (order kept)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for verdict in verdicts.to_dict("records"):  # a few published verdicts, not measures
        grouped.setdefault(str(verdict["plan_id"]), []).append(
            {
                "assessor": _text(verdict["assessor"]),
                "voice": _text(verdict["voice"]),
                "published_on": _iso(verdict["published_on"]),
                "measures_covered": _int(verdict["measures_covered"]),
                "counts": {
                    code: _int(verdict[column]) for code, column in VERDICT_COUNT_COLUMNS.items()
                },
                "measures_known": int(verdict["measures_known"]),
                "source": _text(verdict["source"]),
                "comment": _text(verdict["comment"]),
            }
        )
    return grouped


def completion(counts: dict[str, int], adopted: bool) -> tuple[str, float | None]:
    """(completion_state, completion_rate) of a plan from its status counts by category
    (every code of `CATEGORY_CODES`), as `plan_summaries` gives them."""
    return _completion(counts, adopted)


def _completion(counts: dict[str, int], adopted: bool) -> tuple[str, float | None]:
    """(completion_state, completion_rate) of a plan from its status counts."""
    total = sum(counts.values())
    assessed = total - counts["unknown"]
    if not adopted:
        return "not_adopted", None
    if not total:
        return "no_measures", None
    if not assessed:
        return "no_assessment", None
    if assessed / total < COVERAGE_THRESHOLD:
        return "too_few_assessed", None
    return "rate", counts["done"] / total


def _by_basis(table: pd.DataFrame, flag: str, plan_ids: list[str]) -> dict[str, dict[str, int]]:
    """{plan_id: {basis: count}} of the measures where `flag` holds, every basis present."""
    rows = table[table[flag].to_numpy(dtype=bool)]
    grid = _count_grid(rows, "plan_id", "due_basis", plan_ids, DUE_BASES)
    return {
        str(plan): {str(b): int(n) for b, n in counts.items()} for plan, counts in grid.iterrows()
    }


def plan_summaries(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> list[dict[str, Any]]:
    """Return the headline figures of every plan at the as-of date (the CLI prints them).

    Coverage before rates: `assessed` counts the plan's measures whose current status
    (for the voice) is known, `coverage` = assessed / measures. The completion rate (done
    measures / all measures) is given only when at least `COVERAGE_THRESHOLD` (half) of
    the measures are assessed; below that it is None and `completion_state` says why:
    `too_few_assessed`, `no_assessment` (nothing assessed: unknown, never 0 %),
    `no_measures`, or `not_adopted` (the plan is not adopted at the as-of date); `rate`
    when the rate is given. Unknown measures count in the base: the rate never pretends
    the unassessed ones are done.

    Median delay: median of `measure_table`'s `delay_days` over the plan's measures that
    have one (done with a completion date, or overdue and assessed after their due date);
    None when none has. The delays of overdue measures run only up to their last
    assessment, so a median over them is a lower bound ("at least",
    `median_delay_is_lower_bound`); `delays_counted` says over
    how many measures, `overdue_delay_unknown` how many overdue measures have no delay
    (their due date passed after their last assessment), `last_assessed_on` the date of
    the plan's latest assessment used, and `last_assessed_latest` its latest possible date
    when an assessment known only as a period may be later (None when known to the day).

    Overdue and past-due counts come with their split by deadline basis
    (`overdue_by_basis`: revised / measure / plan_end): the plan-end basis is only a
    convention, no deadline being sourced.

    Retention: `retention_recorded` is False when the Retention sheet has no row for the
    plan (or the plan is not adopted at the as-of date); its `retention_counts` is then
    None ("not recorded", never zeros).

    Published verdicts (`published_verdicts`, see the function of that name): those
    published by the as-of date for the voice ("all": every voice), newest first.

    A plan not adopted at the as-of date (`plan_timeline`) has no measure count, status
    counts, coverage, completion, overdue, delay or retention figure (None), and no
    adoption date: its measures did not exist yet; its adoption is overdue by
    `adoption_overdue_days` once its expected date has passed. Other figures as in
    `measure_table`, `retention_counts` and `plan_timeline`.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.

    Returns:
        One dict per plan, in period_start order, with only JSON-ready values:
        {"plan_id": str, "title": str, "adopted": bool,
         "adopted_date", "expected_date", "expected_latest": "YYYY-MM-DD" | None,
         "measures": int | None,
         "status_counts": {"done", "partial", "not_done", "dropped", "unknown": int} | None,
         "assessed": int | None, "coverage": float | None,
         "completion_state": str, "completion_rate": float | None,
         "overdue": int | None, "overdue_by_basis": {"revised", "measure", "plan_end": int}
         | None, "past_due_unassessed": int | None (past due with no known status: not
         counted overdue), "past_due_unassessed_by_basis": same | None,
         "median_delay_days": float | None, "delays_counted": int | None,
         "median_delay_is_lower_bound": bool | None (True when an overdue measure's delay,
         counted up to its last assessment, is in the median),
         "overdue_delay_unknown": int | None, "last_assessed_on": "YYYY-MM-DD" | None,
         "last_assessed_latest": "YYYY-MM-DD" | None,
         "retention_recorded": bool,
         "retention_counts": {"retained", "partly_retained", "dropped_from_draft",
                              "not_retained": int} | None,
         "published_verdicts": [{"assessor", "voice", "published_on", "measures_covered",
                                 "counts": {code: int | None}, "measures_known",
                                 "source", "comment"}],
         "adoption_delay_days": int | None, "adoption_delay_max_days": int | None
         (an expected date known only between two dates: from its earliest day),
         "adoption_overdue_days": int | None,
         "gap_before_days": int | None, "gap_open": bool,
         "period_start", "period_end": "YYYY-MM-DD" | None (None while not adopted: a
         plan's period is not known before the plan is)}
    """
    matched = _matched(ds, as_of)  # for the measures' table and the verdicts alike
    table = _measure_table_of(ds, as_of, voice, matched)
    timeline = plan_timeline(ds, as_of).set_index("plan_id")
    plan_ids = timeline.index.tolist()
    # {plan_id: {code: count}}, codes in vocabulary order.
    status_counts = _count_grid(table, "plan_id", "category", plan_ids, CATEGORY_CODES).to_dict(
        "index"
    )
    retention = retention_counts(ds).set_index("plan_id").to_dict("index")
    # A plan with a row at some level: `retention_counts` counts exactly those rows.
    recorded = {plan for plan, counts in retention.items() if any(counts.values())}
    verdicts = _verdict_dicts(_published_verdicts(ds, as_of, voice, matched))
    by_plan = table.groupby("plan_id")
    overdue = by_plan["overdue"].sum()
    unassessed = by_plan["past_due_unassessed"].sum()
    median_delay = by_plan["delay_days"].median()
    delays = by_plan["delay_days"].count()
    lower_bound = by_plan["delay_is_lower_bound"].any()
    no_delay = (table["overdue"] & table["delay_days"].isna()).groupby(table["plan_id"]).sum()
    last_assessed = by_plan["assessed_on"].max()
    # The plan's last assessment lies between the latest earliest date and the latest
    # latest date of its measures' assessments (an exact one is its own latest date).
    reach = table["assessed_latest"].fillna(table["assessed_on"]).groupby(table["plan_id"]).max()
    overdue_basis = _by_basis(table, "overdue", plan_ids)
    unassessed_basis = _by_basis(table, "past_due_unassessed", plan_ids)

    summaries: list[dict[str, Any]] = []
    for plan_id in plan_ids:  # one iteration per plan: a handful, not per measure
        plan = timeline.loc[plan_id]
        adopted = bool(plan["adopted"])
        counts = {str(code): int(n) for code, n in status_counts[plan_id].items()}
        total = sum(counts.values())
        state, rate = _completion(counts, adopted)
        retention_recorded = adopted and plan_id in recorded

        def when_adopted(value: Any) -> Any:
            return value if adopted else None  # noqa: B023 (called within this iteration)

        summaries.append(
            {
                "plan_id": plan_id,
                "title": plan["title"],
                "adopted": adopted,
                "adopted_date": _iso(plan["adopted_date"]),
                "expected_date": _iso(plan["expected_date"]),
                "expected_latest": _iso(plan["expected_latest"]),
                # A plan not adopted at the as-of date has no measures yet to count.
                "measures": when_adopted(total),
                "status_counts": when_adopted(counts),
                "assessed": when_adopted(total - counts["unknown"]),
                "coverage": when_adopted((total - counts["unknown"]) / total if total else None),
                "completion_state": state,
                "completion_rate": rate,
                "overdue": when_adopted(int(overdue.get(plan_id, 0))),
                "overdue_by_basis": when_adopted(overdue_basis[plan_id]),
                "past_due_unassessed": when_adopted(int(unassessed.get(plan_id, 0))),
                "past_due_unassessed_by_basis": when_adopted(unassessed_basis[plan_id]),
                "median_delay_days": when_adopted(_float(median_delay.get(plan_id))),
                "delays_counted": when_adopted(int(delays.get(plan_id, 0))),
                "median_delay_is_lower_bound": when_adopted(bool(lower_bound.get(plan_id, False))),
                "overdue_delay_unknown": when_adopted(int(no_delay.get(plan_id, 0))),
                "last_assessed_on": _iso(last_assessed.get(plan_id)),
                "last_assessed_latest": _iso_latest(last_assessed.get(plan_id), reach.get(plan_id)),
                "retention_recorded": retention_recorded,
                "retention_counts": (
                    {code: int(n) for code, n in retention[plan_id].items()}
                    if retention_recorded
                    else None
                ),
                "published_verdicts": verdicts.get(plan_id, []),
                "adoption_delay_days": _int(plan["adoption_delay_days"]),
                "adoption_delay_max_days": _int(plan["adoption_delay_max_days"]),
                "adoption_overdue_days": _int(plan["adoption_overdue_days"]),
                "gap_before_days": _int(plan["gap_before_days"]),
                "gap_open": bool(plan["gap_open"]),
                "period_start": when_adopted(_iso(plan["period_start"])),
                "period_end": when_adopted(_iso(plan["period_end"])),
            }
        )
    return summaries


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _iso(value: Any) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _iso_latest(earliest: Any, latest: Any) -> str | None:
    """The latest bound as an ISO date, None when it is the earliest (known to the day)."""
    shown = _iso(latest)
    return None if shown == _iso(earliest) else shown


def _int(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def _float(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
