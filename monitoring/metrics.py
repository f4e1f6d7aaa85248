"""The derived figures (status, delays, completion, retention, replies), for any as-of date.

Every function is a pure function of a `Dataset` (and, where time matters, an as-of
`datetime.date`). The definitions are the workbook contract's "Derived figures", the same
for pages, exports and the CLI; where the contract leaves a choice open, the decision is
written in the function's docstring, which the Method page shows.

Everything is vectorised: assessments are matched to measures through integer positions
and one sort, so 50,000 measures and 250,000 assessments take a fraction of a second.
Dates in returned frames stay `datetime64[s]`; day counts are whole days (`Int64`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from monitoring.dataset import DATE_DTYPE, Dataset
from monitoring.schema import CATEGORY_CODES, RETENTION_LEVELS, UNKNOWN_STATUS, VOICES

VOICE_ALL = "all"
VOICE_CODES: tuple[str, ...] = tuple(v.code for v in VOICES)
RETENTION_CODES: tuple[str, ...] = tuple(level.code for level in RETENTION_LEVELS)
# Categories that end a measure's clock: neither can be late nor "not yet due".
CLOSED_CATEGORIES = ("done", "dropped")

_SECONDS_PER_DAY = 86_400
# The dates' dtype as a numpy dtype object (pandas-stubs types `astype` on those, not strings).
_DATES = np.dtype(DATE_DTYPE)


# --- Shared helpers -------------------------------------------------------------------


def _day(as_of: dt.date) -> np.datetime64:
    """Return the as-of date as a `datetime64[s]` at midnight, comparable with date columns."""
    return np.datetime64(pd.Timestamp(as_of).date(), "s")


def _check_voice(voice: str) -> None:
    if voice != VOICE_ALL and voice not in VOICE_CODES:
        raise ValueError(f"unknown voice {voice!r}: expected {VOICE_ALL!r} or one of {VOICE_CODES}")


def _date_array(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=_DATES)


def _days_between(later: np.ndarray, earlier: np.ndarray) -> np.ndarray:
    """Return whole days `later - earlier` as float (NaN when either date is missing)."""
    seconds = (later.astype(_DATES) - earlier.astype(_DATES)).astype("int64")
    days = (seconds // _SECONDS_PER_DAY).astype("float64")
    days[np.isnat(later) | np.isnat(earlier)] = np.nan
    return days


def _int64(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Turn a float array of whole numbers (NaN = missing) into a nullable `Int64` array."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype("int64"), missing)


def _ordered_plans(ds: Dataset) -> pd.DataFrame:
    """Return the plans in period_start order (sheet row breaks ties), index reset."""
    return ds.plans.sort_values(
        ["period_start", "_row"], kind="stable", na_position="last"
    ).reset_index(drop=True)


def _ordered_measures(ds: Dataset) -> pd.DataFrame:
    """Return the measures in plan order, then number, then sheet row; index reset."""
    plan_rank = pd.Series(np.arange(len(ds.plans)), index=_ordered_plans(ds)["plan_id"].to_numpy())
    measures = ds.measures.assign(
        _plan_rank=ds.measures["plan_id"].map(plan_rank).fillna(len(plan_rank))
    )
    ordered = measures.sort_values(
        ["_plan_rank", "number", "_row"], kind="stable", na_position="last"
    )
    return ordered.drop(columns="_plan_rank").reset_index(drop=True)


class _History:
    """The status updates matched to a list of measures, sorted once for "latest" look-ups.

    `latest(mask)` gives, for each measure, the position (in `updates`) of its latest
    assessment among those where `mask` holds, ordered by as_of then sheet row; -1 if none.
    """

    def __init__(self, updates: pd.DataFrame, measure_ids: pd.Series, as_of: dt.date) -> None:
        self.updates = updates
        self.size = len(measure_ids)
        self.measure_pos = pd.Index(measure_ids).get_indexer(updates["measure_id"])
        dates = _date_array(updates["as_of"])
        # NaT compares False, so an undated row is never "known" at any date.
        self.known = (dates <= _day(as_of)) & (self.measure_pos >= 0)
        self.order = np.lexsort((updates["_row"].to_numpy(), dates.view("int64"), self.measure_pos))

    def voice_mask(self, voice: str) -> np.ndarray:
        _check_voice(voice)
        if voice == VOICE_ALL:
            return self.known
        return self.known & (self.updates["voice"] == voice).to_numpy(dtype=bool, na_value=False)

    def latest(self, mask: np.ndarray) -> np.ndarray:
        picked = self.order[mask[self.order]]
        positions = np.full(self.size, -1, dtype="int64")
        if len(picked):
            measure = self.measure_pos[picked]
            last = np.append(measure[1:] != measure[:-1], True)
            positions[measure[last]] = picked[last]
        return positions

    def take(self, positions: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
        """Return `columns` of the rows at `positions`, one row per measure (NA for -1)."""
        found = positions >= 0
        picked = self.updates[list(columns)].iloc[positions[found]]
        picked.index = pd.RangeIndex(self.size)[found]
        return picked.reindex(pd.RangeIndex(self.size))


def _status_frame(history: _History, measures: pd.DataFrame, voice: str) -> pd.DataFrame:
    current = history.take(
        history.latest(history.voice_mask(voice)),
        ["status", "category", "as_of", "voice", "assessor", "evidence"],
    )
    return pd.DataFrame(
        {
            "measure_id": measures["measure_id"],
            "plan_id": measures["plan_id"],
            "status": current["status"].fillna(UNKNOWN_STATUS),
            "category": current["category"].fillna("unknown"),
            "assessed_on": current["as_of"].astype(_DATES),
            "voice": current["voice"],
            "assessor": current["assessor"],
            "evidence": current["evidence"],
        }
    )


# --- Status and dates of measures -----------------------------------------------------


def current_status(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return the current status of every measure at the as-of date, for one voice or all.

    The current status is the one of the latest assessment dated on or before the as-of
    date; on the same date, the later row of the sheet wins. With `voice="all"` the
    assessments of every voice compete together. A measure with no such assessment is
    "Non évaluée" (category `unknown`), never `not_done`. Measures come in plan order
    (plans by start date), then by number, then by sheet row.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code (`government`, `civil_society`, `independent`).

    Returns:
        One row per measure: measure_id, plan_id, status (scale label), category,
        assessed_on (date of the assessment used, NaT if none), voice, assessor, evidence.

    Raises:
        ValueError: if `voice` is not `"all"` nor a voice code.
    """
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], as_of)
    return _status_frame(history, measures, voice)


def measure_table(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return every measure with its current status, due dates, delay and slip.

    Definitions (contract, "Derived figures"):
    - original due date: the measure's due date, else its plan's end date;
    - effective due date: the revised due date of the latest assessment (by date, then
      row) dated on or before the as-of date that gives one, whatever its voice, since a
      moved deadline is a government decision whoever reports it; else the original;
    - overdue: effective due date before the as-of date, and category neither done nor
      dropped; not yet due: effective due date on or after the as-of date, same categories.
      A measure not yet due is never late. A measure with no known status (`unknown`:
      never assessed, or assessed "Non évaluée") is NOT counted overdue once its due date
      has passed, since nothing shows it is not done: it is counted apart as
      `past_due_unassessed` ("échue, non évaluée"), so an unknown never reads as a failure;
    - delay (days): done → completion date − original due date, 0 if completed early, empty
      when no completion date is known; overdue → as-of date − effective due date; else
      empty;
    - slip (days): effective due date − original due date (negative if brought forward).

    Decisions where the contract is silent:
    - the completion date is the one of the current assessment, else of the latest earlier
      assessment of the same voice selection that gives one: with one voice chosen, a
      completion claimed only by another voice is not used, so each voice's figures stay
      its own. It is shown for any category but counts in the delay only when done;
    - a measure whose plan is missing has no due date: neither overdue nor not yet due.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code; the status (and completion date) come from it.

    Returns:
        One row per measure, in the order of `current_status`: measure_id, plan_id, number,
        axis, title, lead, status, category, assessed_on, voice, assessor, evidence,
        original_due, effective_due, completed_on, overdue, past_due_unassessed,
        not_yet_due, delay_days,
        slip_days, budget_eur, carried_from.
    """
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], as_of)
    status = _status_frame(history, measures, voice)
    updates = history.updates

    plan_end = pd.Series(_date_array(ds.plans["period_end"]), index=ds.plans["plan_id"].to_numpy())
    due = _date_array(measures["due_date"])
    original = np.where(
        np.isnat(due), _date_array(measures["plan_id"].map(plan_end).astype(_DATES)), due
    )
    revised_known = history.known & updates["revised_due_date"].notna().to_numpy()
    revised = _date_array(
        history.take(history.latest(revised_known), ["revised_due_date"])["revised_due_date"]
    )
    effective = np.where(np.isnat(revised), original, revised)
    completed_known = history.voice_mask(voice) & updates["completed_on"].notna().to_numpy()
    completed = _date_array(
        history.take(history.latest(completed_known), ["completed_on"])["completed_on"]
    )

    day = _day(as_of)
    category = status["category"].to_numpy(dtype=object)
    open_ = ~np.isin(category, CLOSED_CATEGORIES) & ~np.isnat(effective)
    past_due = open_ & (effective < day)
    unassessed = category == "unknown"
    overdue = past_due & ~unassessed
    not_yet_due = open_ & (effective >= day)
    done_delay = np.maximum(_days_between(completed, original), 0)  # NaN stays NaN
    late_delay = _days_between(np.full(len(measures), day), effective)
    delay = np.where(category == "done", done_delay, np.where(overdue, late_delay, np.nan))

    return status.assign(
        number=measures["number"],
        axis=measures["axis"],
        title=measures["title"],
        lead=measures["lead"],
        original_due=original,
        effective_due=effective,
        completed_on=completed,
        overdue=overdue,
        past_due_unassessed=past_due & unassessed,
        not_yet_due=not_yet_due,
        delay_days=_int64(delay),
        slip_days=_int64(_days_between(effective, original)),
        budget_eur=measures["budget_eur"],
        carried_from=measures["carried_from"],
    )[
        [
            "measure_id", "plan_id", "number", "axis", "title", "lead", "status", "category",
            "assessed_on", "voice", "assessor", "evidence", "original_due", "effective_due",
            "completed_on", "overdue", "past_due_unassessed", "not_yet_due", "delay_days",
            "slip_days", "budget_eur",
            "carried_from",
        ]
    ]  # fmt: skip


def divergences(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return the measures on which the government and civil society disagree.

    A measure diverges when its current government category differs from its current
    civil-society category at the as-of date. Decision: both voices must have assessed
    it with a known category; an explicit "Non évaluée" (category `unknown`) is no claim,
    so it neither creates nor hides a divergence. The independent voice is not compared.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per diverging measure, in measure order: measure_id, plan_id, number,
        title, then for each voice (prefix `government_`, `civil_society_`): status,
        category, assessed_on, evidence.
    """
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], as_of)
    columns = ["status", "category", "assessed_on", "evidence"]
    government = _status_frame(history, measures, "government")[columns]
    civil = _status_frame(history, measures, "civil_society")[columns]
    both = (government["category"] != "unknown") & (civil["category"] != "unknown")
    differ = both & (government["category"] != civil["category"])
    frame = pd.concat(
        [
            measures[["measure_id", "plan_id", "number", "title"]],
            government.add_prefix("government_"),
            civil.add_prefix("civil_society_"),
        ],
        axis=1,
    )
    return frame[differ.to_numpy()].reset_index(drop=True)


def carried_chain(ds: Dataset, measure_id: str) -> list[str]:
    """Return the lineage of a measure: itself, the measure it carries over, and so on.

    Decisions: the chain stops before a measure already in it (a cycle in the data), and
    at a `carried_from` that names no measure of the dataset (that id is still listed). An
    unknown `measure_id` gives an empty list.

    Args:
        ds: the dataset.
        measure_id: the measure to start from.

    Returns:
        Measure ids, newest first, e.g. `["PAN3-M04", "PAN2-M10", "PAN1-M07"]`.
    """
    measures = ds.measures
    parent = dict(zip(measures["measure_id"], measures["carried_from"].astype(object), strict=True))
    if measure_id not in parent:
        return []
    chain = [measure_id]
    current: Any = parent[measure_id]
    while isinstance(current, str) and current and current not in chain:
        chain.append(current)
        current = parent.get(current)
    return chain


# --- Plans ----------------------------------------------------------------------------


def plan_timeline(ds: Dataset) -> pd.DataFrame:
    """Return each plan's dates, its adoption delay, and the gap with no plan before it.

    Adoption delay: adopted_date − expected_date. Gap before a plan: its adopted_date −
    the previous plan's period_end; when positive, no plan was in force from `gap_start`
    (the previous plan's end) to `gap_end` (this plan's adoption); zero or negative means
    the plans touch or overlap, and `gap_start`/`gap_end` are empty.

    Decision on "the previous plan": when the Plans sheet fills `previous_plan_id` for at
    least one plan, that column is authoritative (an empty cell means no previous plan);
    when the column is entirely empty, the previous plan is the one that starts just
    before, in period_start order.

    Args:
        ds: the dataset.

    Returns:
        One row per plan, in period_start order: plan_id, title, period_start,
        period_end, expected_date, adopted_date, previous_plan_id, adoption_delay_days,
        gap_before_days, gap_start, gap_end.
    """
    plans = _ordered_plans(ds)
    if plans["previous_plan_id"].notna().any():
        previous = plans["previous_plan_id"]
    else:
        previous = plans["plan_id"].shift(1)
    end_by_plan = pd.Series(_date_array(plans["period_end"]), index=plans["plan_id"].to_numpy())
    previous_end = _date_array(previous.map(end_by_plan).astype(_DATES))
    adopted = _date_array(plans["adopted_date"])
    gap = _days_between(adopted, previous_end)
    has_gap = gap > 0  # NaN compares False
    no_date = np.datetime64("NaT", "s")
    return pd.DataFrame(
        {
            "plan_id": plans["plan_id"],
            "title": plans["title"],
            "period_start": plans["period_start"],
            "period_end": plans["period_end"],
            "expected_date": plans["expected_date"],
            "adopted_date": plans["adopted_date"],
            "previous_plan_id": previous.astype("str"),
            "adoption_delay_days": _int64(
                _days_between(adopted, _date_array(plans["expected_date"]))
            ),
            "gap_before_days": _int64(gap),
            "gap_start": np.where(has_gap, previous_end, no_date),
            "gap_end": np.where(has_gap, adopted, no_date),
        }
    )


def _highest_retention(ds: Dataset) -> pd.DataFrame:
    """Return one row per (plan, recommendation) at its highest retention level."""
    rank = {code: i for i, code in enumerate(RETENTION_CODES)}
    retention = ds.retention.assign(_rank=ds.retention["level"].map(rank))
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
    """Count rows of `frame` per (rows, columns) value, every key present, zeros filled."""
    counts = pd.crosstab(frame[rows], frame[columns])
    return counts.reindex(index=list(row_keys), columns=list(column_keys), fill_value=0).astype(
        "int64"
    )


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


def plan_summaries(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> list[dict[str, Any]]:
    """Return the headline figures of every plan at the as-of date (the CLI prints them).

    Completion rate: done measures / all measures of the plan (None for a plan without
    measures). Median delay: median of `delay_days` over the plan's measures that have
    one (done with a completion date, or overdue); None when no measure has one. Other
    figures as in `measure_table`, `retention_counts` and `plan_timeline`.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code.

    Returns:
        One dict per plan, in period_start order, with only JSON-ready values:
        {"plan_id": str, "title": str, "adopted_date": "YYYY-MM-DD" | None,
         "measures": int,
         "status_counts": {"done", "partial", "not_done", "dropped", "unknown": int},
         "completion_rate": float | None, "overdue": int,
         "past_due_unassessed": int (past due with no known status: not counted overdue),
         "median_delay_days": float | None,
         "retention_counts": {"retained", "partly_retained", "dropped_from_draft",
                              "not_retained": int},
         "adoption_delay_days": int | None, "gap_before_days": int | None,
         "period_start": "YYYY-MM-DD", "period_end": "YYYY-MM-DD"}
    """
    table = measure_table(ds, as_of, voice)
    timeline = plan_timeline(ds).set_index("plan_id")
    plan_ids = timeline.index.tolist()
    # {plan_id: {code: count}}, codes in vocabulary order.
    status_counts = _count_grid(table, "plan_id", "category", plan_ids, CATEGORY_CODES).to_dict(
        "index"
    )
    retention = retention_counts(ds).set_index("plan_id").to_dict("index")
    by_plan = table.groupby("plan_id")
    overdue = by_plan["overdue"].sum()
    unassessed = by_plan["past_due_unassessed"].sum()
    median_delay = by_plan["delay_days"].median()

    summaries: list[dict[str, Any]] = []
    for plan_id in plan_ids:  # one iteration per plan: a handful, not per measure
        plan = timeline.loc[plan_id]
        counts = {code: int(n) for code, n in status_counts[plan_id].items()}
        total = sum(counts.values())
        summaries.append(
            {
                "plan_id": plan_id,
                "title": plan["title"],
                "adopted_date": _iso(plan["adopted_date"]),
                "measures": total,
                "status_counts": counts,
                "completion_rate": counts["done"] / total if total else None,
                "overdue": int(overdue.get(plan_id, 0)),
                "past_due_unassessed": int(unassessed.get(plan_id, 0)),
                "median_delay_days": _float(median_delay.get(plan_id)),
                "retention_counts": {code: int(n) for code, n in retention[plan_id].items()},
                "adoption_delay_days": _int(plan["adoption_delay_days"]),
                "gap_before_days": _int(plan["gap_before_days"]),
                "period_start": _iso(plan["period_start"]),
                "period_end": _iso(plan["period_end"]),
            }
        )
    return summaries


def _iso(value: Any) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _int(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def _float(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


# --- Letters and replies --------------------------------------------------------------


def letters(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return every letter sent on or before the as-of date, with its reply if any.

    The reply to a letter is the first event (by date, then sheet row), of any kind,
    whose `reply_to` names it, among events dated on or before the as-of date: a reply
    received later does not count yet. A letter without one is unanswered.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per letter, by date then sheet row: event_id, date, title, sender,
        recipient, plan_id, reply_id, reply_date (NaT if none), reply_delay_days (Int64),
        answered (bool).
    """
    events = ds.events
    known = events[(_date_array(events["date"]) <= _day(as_of))]
    sent = known[(known["kind"] == "letter").to_numpy(dtype=bool, na_value=False)]
    replies = (
        known[known["reply_to"].notna()]
        .sort_values(["date", "_row"], kind="stable")
        .drop_duplicates("reply_to", keep="first")
        .rename(columns={"event_id": "reply_id", "date": "reply_date"})
    )[["reply_to", "reply_id", "reply_date"]]
    out = (
        sent.sort_values(["date", "_row"], kind="stable")
        .merge(replies, left_on="event_id", right_on="reply_to", how="left", validate="one_to_one")
        .reset_index(drop=True)
    )
    reply_date = _date_array(out["reply_date"])
    return pd.DataFrame(
        {
            "event_id": out["event_id"],
            "date": out["date"].astype(_DATES),
            "title": out["title"],
            "sender": out["sender"],
            "recipient": out["recipient"],
            "plan_id": out["plan_id"],
            "reply_id": out["reply_id"],
            "reply_date": reply_date,
            "reply_delay_days": _int64(_days_between(reply_date, _date_array(out["date"]))),
            "answered": ~np.isnat(reply_date),
        }
    )


def reply_rates(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return, per recipient, how many letters were sent and how many were answered.

    Letters and replies as in `letters` (only those dated on or before the as-of date).
    Decision: letters without a recipient form their own row (recipient empty).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per recipient, most letters first, then by name: recipient, letters (int),
        answered (int), reply_rate (float 0–1), median_reply_delay_days (float, NaN when
        none was answered).
    """
    sent = letters(ds, as_of)
    grouped = sent.groupby("recipient", dropna=False, sort=False)
    out = (
        pd.DataFrame(
            {
                "letters": grouped.size(),
                "answered": grouped["answered"].sum().astype("int64"),
                "median_reply_delay_days": grouped["reply_delay_days"].median().astype("float64"),
            }
        )
        .rename_axis("recipient")
        .reset_index()
    )
    out.insert(3, "reply_rate", out["answered"] / out["letters"])
    return out.sort_values(
        ["letters", "recipient"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)
