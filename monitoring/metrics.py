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
from monitoring.datebounds import latest_of
from monitoring.schema import (
    CATEGORY_CODES,
    RETENTION_LEVELS,
    UNKNOWN_STATUS,
    VERDICT_COUNT_COLUMNS,
    VOICES,
)

VOICE_ALL = "all"
VOICE_CODES: tuple[str, ...] = tuple(v.code for v in VOICES)
RETENTION_CODES: tuple[str, ...] = tuple(level.code for level in RETENTION_LEVELS)
# Categories that end a measure's clock: neither can be late nor "not yet due".
CLOSED_CATEGORIES = ("done", "dropped")
# Share of a plan's measures that must have a known status before a completion rate is
# given (see `plan_summaries`): below it, the rate would describe the few measures someone
# assessed, not the plan, so the headline says "too few measures assessed" instead.
COVERAGE_THRESHOLD = 0.5
# Where a measure's effective due date comes from (`measure_table`'s `due_basis`): a
# revised date reported in an assessment, the measure's own due date, or, by convention
# only, its plan's end date.
DUE_BASES: tuple[str, ...] = ("revised", "measure", "plan_end")

_SECONDS_PER_DAY = 86_400
# The dates' dtype as a numpy dtype object (pandas-stubs types `astype` on those, not strings).
_DATES = np.dtype(DATE_DTYPE)


# --- Shared helpers -------------------------------------------------------------------


def _day(as_of: dt.date) -> np.datetime64:
    """Return the as-of date as a `datetime64[s]` at midnight, comparable with date columns."""
    return np.datetime64(pd.Timestamp(as_of).date(), "s")


_NO_DATE = np.datetime64("NaT", "s")


def _exact_or_nat(earliest: np.ndarray, latest: np.ndarray) -> np.ndarray:
    """The latest bound where it differs from the earliest, else NaT (the sheet's convention)."""
    return np.where(latest != earliest, latest, _NO_DATE)


def plan_dates(ds: Dataset, column: str, plan_ids: pd.Series) -> np.ndarray:
    """A date column of the Plans sheet for each of `plan_ids` (NaT where the plan is
    missing), as `datetime64[s]`; a dataset without plans gives NaT everywhere."""
    # By position: -1 (plan missing) picks the appended NaT. `Series.map` would turn an
    # empty mapping into float and fail to cast it back to dates.
    positions = pd.Index(ds.plans["plan_id"]).get_indexer(plan_ids)
    return np.append(_date_array(ds.plans[column]), _NO_DATE)[positions]


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

    An assessment is known at the as-of date when its LATEST possible date (`as_of_latest`,
    else `as_of`) is on or before it: one dated "March 2014" is not known on 10 March 2014.
    `latest(mask)` gives, for each measure, the position (in `updates`) of its latest
    assessment among those where `mask` holds, ordered by as_of, then its latest bound,
    then sheet row; -1 if none.
    """

    def __init__(self, updates: pd.DataFrame, measure_ids: pd.Series, as_of: dt.date) -> None:
        self.updates = updates
        self.size = len(measure_ids)
        self.measure_pos = pd.Index(measure_ids).get_indexer(updates["measure_id"])
        dates = _date_array(updates["as_of"])
        latest = latest_of(updates, "as_of", "as_of_latest")
        self._latest = latest
        self.known = self.known_at(as_of)
        self.order = np.lexsort(
            (
                updates["_row"].to_numpy(),
                latest.view("int64"),
                dates.view("int64"),
                self.measure_pos,
            )
        )

    def known_at(self, as_of: dt.date) -> np.ndarray:
        """Which updates are known at `as_of` (and match a measure)."""
        # NaT compares False, so an undated row is never "known" at any date.
        return (self._latest <= _day(as_of)) & (self.measure_pos >= 0)

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
        ["status", "category", "as_of", "as_of_latest", "voice", "assessor", "evidence"],
    )
    assessed_on = _date_array(current["as_of"])
    return pd.DataFrame(
        {
            "measure_id": measures["measure_id"],
            "plan_id": measures["plan_id"],
            "status": current["status"].fillna(UNKNOWN_STATUS),
            "category": current["category"].fillna("unknown"),
            "assessed_on": assessed_on,
            "assessed_latest": _exact_or_nat(assessed_on, _date_array(current["as_of_latest"])),
            "voice": current["voice"],
            "assessor": current["assessor"],
            "evidence": current["evidence"],
        }
    )


# --- Status and dates of measures -----------------------------------------------------


def current_status(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return the current status of every measure at the as-of date, for one voice or all.

    The current status is the one of the latest assessment known at the as-of date (its
    latest possible date on or before it: an assessment dated "March 2014" counts from 31
    March 2014); assessments are ordered by date, then latest possible date, then sheet
    row, the last one winning. With `voice="all"` the
    assessments of every voice compete together. A measure with no such assessment is
    "Non évaluée" (category `unknown`), never `not_done`. Measures come in plan order
    (plans by start date), then by number, then by sheet row.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code (`government`, `civil_society`, `independent`).

    Returns:
        One row per measure: measure_id, plan_id, status (scale label), category,
        assessed_on (date of the assessment used, NaT if none; its earliest date when
        imprecise), assessed_latest (its latest possible date, NaT when known to the day),
        voice, assessor, evidence.

    Raises:
        ValueError: if `voice` is not `"all"` nor a voice code.
    """
    return current_statuses(ds, as_of, (voice,))[voice]


def current_statuses(
    ds: Dataset, as_of: dt.date, voices: Sequence[str] = VOICE_CODES
) -> dict[str, pd.DataFrame]:
    """`current_status` for several voices, the assessments matched and sorted once.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voices: `"all"` and/or voice codes (default: each voice).

    Returns:
        Voice → the frame `current_status(ds, as_of, voice)` returns.

    Raises:
        ValueError: if a voice is not `"all"` nor a voice code.
    """
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], as_of)
    return {voice: _status_frame(history, measures, voice) for voice in voices}


def category_counts(
    ds: Dataset, dates: Sequence[dt.date]
) -> dict[dt.date, dict[tuple[str, str], int]]:
    """How many measures of each plan are in each category at several as-of dates.

    The same counts as grouping `current_status(ds, day)` (every voice) by plan and
    category, with the assessments matched and sorted once for all the dates: the change
    review compares figures at several past dates of two versions.

    Returns:
        {day: {(plan_id, category): measures}}, only the pairs with at least one measure.
    """
    if not dates:
        return {}
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], dates[0])
    # Category codes (-1: no category) and plan codes (-1: no plan), counted together.
    category_codes, category_names = pd.factorize(history.updates["category"])
    plan_codes, plan_names = pd.factorize(measures["plan_id"])
    unknown = len(category_names)  # the code of a measure with no assessment known
    names = [*(str(c) for c in category_names), "unknown"]
    counts: dict[dt.date, dict[tuple[str, str], int]] = {}
    for day in dates:
        positions = history.latest(history.known_at(day))
        codes = np.full(len(positions), unknown, dtype="int64")
        codes[positions >= 0] = category_codes[positions[positions >= 0]]
        codes[codes < 0] = unknown  # an assessment without a category
        planned = plan_codes >= 0
        pairs = plan_codes[planned] * (unknown + 1) + codes[planned]
        found, tally = np.unique(pairs, return_counts=True)
        counts[day] = {}
        for pair, n in zip(found.tolist(), tally.tolist(), strict=True):
            key = (str(plan_names[pair // (unknown + 1)]), names[pair % (unknown + 1)])
            counts[day][key] = counts[day].get(key, 0) + n
    return counts


def letters_answered(
    ds: Dataset, dates: Sequence[dt.date]
) -> dict[dt.date, dict[str | None, tuple[int, int]]]:
    """The letters known at several as-of dates and how many of them are answered, per
    plan (None: letters that name no plan).

    The same counts as `letters(ds, day)` grouped by plan: a letter is known when its
    latest possible date is on or before the day, and answered when an event naming it
    in `reply_to` is known then (the earliest latest-possible date of its replies).

    Returns:
        {day: {plan_id or None: (answered, letters)}}, only plans with a letter known.
    """
    events = ds.events
    latest = latest_of(events, "date", "date_latest")
    is_letter = (events["kind"] == "letter").to_numpy(dtype=bool, na_value=False)
    replies = events["reply_to"].notna().to_numpy(dtype=bool)
    first_reply = (
        pd.Series(latest[replies], index=events["reply_to"][replies].astype(str).to_numpy())
        .groupby(level=0)
        .min()
    )
    ids = events["event_id"][is_letter].astype(str).to_numpy()
    reply_latest = first_reply.reindex(ids).to_numpy(dtype="datetime64[s]")
    sent_latest = latest[is_letter]
    plans = events["plan_id"][is_letter].astype(object).to_numpy()
    out: dict[dt.date, dict[str | None, tuple[int, int]]] = {}
    for day in dates:
        known = sent_latest <= _day(day)
        answered = (reply_latest <= _day(day))[known]
        per_plan: dict[str | None, list[int]] = {}
        for plan, yes in zip(plans[known], answered, strict=True):
            key = None if pd.isna(plan) else str(plan)
            tally = per_plan.setdefault(key, [0, 0])
            tally[0] += int(yes)
            tally[1] += 1
        out[day] = {plan: (a, n) for plan, (a, n) in per_plan.items()}
    return out


def _due_dates(
    ds: Dataset, measures: pd.DataFrame, history: _History
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each measure's due dates as `measure_table` defines them: its own due date, its
    plan's end, the original one, the latest revised due date known (NaT when none), and
    the effective one."""
    due = _date_array(measures["due_date"])
    ends = plan_dates(ds, "period_end", measures["plan_id"])
    original = np.where(np.isnat(due), ends, due)
    revised_known = history.known & history.updates["revised_due_date"].notna().to_numpy()
    revised = _date_array(
        history.take(history.latest(revised_known), ["revised_due_date"])["revised_due_date"]
    )
    return due, ends, original, revised, np.where(np.isnat(revised), original, revised)


def effective_due_dates(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Every measure's effective due date at the as-of date (`measure_table`'s definition).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per measure, in the order of `current_status`: measure_id, plan_id, title,
        effective_due; the same values as `measure_table` without its other figures.
    """
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], as_of)
    effective = _due_dates(ds, measures, history)[-1]
    return pd.DataFrame(
        {
            "measure_id": measures["measure_id"],
            "plan_id": measures["plan_id"],
            "title": measures["title"],
            "effective_due": effective,
        }
    )


def measure_table(ds: Dataset, as_of: dt.date, voice: str = VOICE_ALL) -> pd.DataFrame:
    """Return every measure with its current status, due dates, delay and slip.

    Definitions (contract, "Derived figures"):
    - original due date: the measure's due date, else its plan's end date;
    - effective due date: the revised due date of the latest assessment (by date, then
      row) known at the as-of date that gives one, whatever its voice, since a moved
      deadline is a government decision whoever reports it; else the original;
    - due basis (`due_basis`): where the effective due date comes from: `revised` (a
      revised date reported in an assessment), `measure` (the measure's own due date) or
      `plan_end` (no deadline is sourced: the plan's end date, a convention only); empty
      without any date;
    - overdue: effective due date before the as-of date, and category neither done nor
      dropped; not yet due: effective due date on or after the as-of date, same categories.
      A measure not yet due is never late. A measure with no known status (`unknown`:
      never assessed, or assessed "Non évaluée") is NOT counted overdue once its due date
      has passed, since nothing shows it is not done: it is counted apart as
      `past_due_unassessed` ("échue, non évaluée"), so an unknown never reads as a failure;
    - delay (days): done → completion date − original due date, 0 if completed early, empty
      when no completion date is known; overdue → counted only up to the last evidence:
      date of the current assessment − effective due date when that assessment is dated
      on or after the effective due date (the measure was still not done then: the delay
      is AT LEAST that, `delay_is_lower_bound`), empty when the last assessment predates
      the due date (the deadline passed after the last evidence: nothing says how late it
      is); else empty. No delay runs to the as-of date from older evidence;
    - slip (days): effective due date − original due date (negative if brought forward).

    Decisions where the contract is silent:
    - the completion date is the one of the current assessment, else of the latest earlier
      assessment of the same voice selection that gives one: with one voice chosen, a
      completion claimed only by another voice is not used, so each voice's figures stay
      its own. It is shown for any category but counts in the delay only when done; a
      completion date after the as-of date is not known yet (empty);
    - an assessment known only between two dates counts from its latest possible date
      (`current_status`), and its EARLIEST date is the one delays count to, so a delay is
      never longer than the evidence shows;
    - a measure whose plan is missing has no due date: neither overdue nor not yet due;
    - a measure of a plan not adopted at the as-of date (`plan_timeline`'s `adopted`,
      `plan_adopted` here) is neither overdue, past due nor not yet due: it did not exist
      yet.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        voice: `"all"` or a voice code; the status (and completion date) come from it.

    Returns:
        One row per measure, in the order of `current_status`: measure_id, plan_id, number,
        axis, title, lead, status, category, assessed_on, assessed_latest, voice, assessor,
        evidence, original_due, effective_due, due_basis, completed_on, overdue,
        past_due_unassessed, not_yet_due, delay_days, delay_is_lower_bound (bool: an
        overdue measure's delay up to its last assessment), slip_days, budget_eur,
        carried_from, plan_adopted (bool: its plan is adopted at the as-of date).
    """
    measures = _ordered_measures(ds)
    history = _History(ds.status_updates, measures["measure_id"], as_of)
    status = _status_frame(history, measures, voice)
    updates = history.updates

    due, ends, original, revised, effective = _due_dates(ds, measures, history)
    basis = np.full(len(measures), None, dtype=object)
    for known, name in zip(
        (~np.isnat(ends), ~np.isnat(due), ~np.isnat(revised)), reversed(DUE_BASES), strict=True
    ):  # three vectorised passes, the most specific basis last
        basis[known] = name
    day = _day(as_of)
    completed_known = history.voice_mask(voice) & updates["completed_on"].notna().to_numpy()
    completed = _date_array(
        history.take(history.latest(completed_known), ["completed_on"])["completed_on"]
    )
    completed = np.where(completed <= day, completed, _NO_DATE)

    category = status["category"].to_numpy(dtype=object)
    # A measure of a plan not adopted at the as-of date does not exist yet: never due.
    plans = plan_timeline(ds, as_of)
    adopted_plans = plans.loc[plans["adopted"].to_numpy(dtype=bool), "plan_id"]
    plan_adopted = measures["plan_id"].isin(adopted_plans).to_numpy(dtype=bool)
    open_ = ~np.isin(category, CLOSED_CATEGORIES) & ~np.isnat(effective) & plan_adopted
    past_due = open_ & (effective < day)
    unassessed = category == "unknown"
    overdue = past_due & ~unassessed
    not_yet_due = open_ & (effective >= day)
    done_delay = np.maximum(_days_between(completed, original), 0)  # NaN stays NaN
    evidence_delay = _days_between(_date_array(status["assessed_on"]), effective)
    late_delay = np.where(evidence_delay >= 0, evidence_delay, np.nan)  # NaN compares False
    delay = np.where(category == "done", done_delay, np.where(overdue, late_delay, np.nan))

    return status.assign(
        number=measures["number"],
        axis=measures["axis"],
        title=measures["title"],
        lead=measures["lead"],
        original_due=original,
        effective_due=effective,
        due_basis=pd.array(basis, dtype="str"),
        completed_on=completed,
        overdue=overdue,
        past_due_unassessed=past_due & unassessed,
        not_yet_due=not_yet_due,
        delay_days=_int64(delay),
        delay_is_lower_bound=overdue & ~np.isnan(late_delay),
        slip_days=_int64(_days_between(effective, original)),
        budget_eur=measures["budget_eur"],
        carried_from=measures["carried_from"],
        plan_adopted=plan_adopted,
    )[
        [
            "measure_id", "plan_id", "number", "axis", "title", "lead", "status", "category",
            "assessed_on", "assessed_latest", "voice", "assessor", "evidence", "original_due",
            "effective_due", "due_basis", "completed_on", "overdue", "past_due_unassessed",
            "not_yet_due", "delay_days", "delay_is_lower_bound", "slip_days", "budget_eur",
            "carried_from", "plan_adopted",
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


def plan_timeline(ds: Dataset, as_of: dt.date | None = None) -> pd.DataFrame:
    """Return each plan's dates, its adoption delay, and the gap with no plan before it.

    Adoption delay: adopted_date − expected_date (its latest possible day when the expected
    date is a period: the delay is then at least that). Gap before a plan: its
    adopted_date − the previous plan's period_end; when positive, no plan was in force
    from `gap_start` (the previous plan's end) to `gap_end` (this plan's adoption); zero
    or negative means the plans touch or overlap, and `gap_start`/`gap_end` are empty.

    At an as-of date, nothing dated after it is known:
    - a plan is adopted when its adopted_date is on or before the as-of date (with no
      adopted_date: when its period has started). A plan not adopted yet has no
      adopted_date and no adoption delay; when its expected date (latest possible day)
      has passed, `adoption_overdue_days` = as-of − that day;
    - an expected date whose latest possible day is after the as-of date is not shown;
    - a gap is known only once the previous plan is adopted and has ended by the as-of
      date; if this plan is not adopted yet, the gap is open (`gap_open`): it runs from
      the previous plan's end to the as-of date (`gap_end`), so `gap_before_days` is a
      lower bound.
    Without an as-of date (older callers), every date is taken as known.

    Decision on "the previous plan": when the Plans sheet fills `previous_plan_id` for at
    least one plan, that column is authoritative (an empty cell means no previous plan);
    when the column is entirely empty, the previous plan is the one that starts just
    before, in period_start order.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for (None: every date is known).

    Returns:
        One row per plan, in period_start order: plan_id, title, period_start,
        period_end, expected_date, expected_latest (NaT when known to the day),
        adopted_date, adopted (bool), previous_plan_id, adoption_delay_days (from the
        expected date's latest day: the shortest possible), adoption_delay_max_days (from
        its earliest day, when it is known only between two dates; else NA),
        adoption_overdue_days, gap_before_days, gap_open (bool), gap_start, gap_end.
    """
    plans = _ordered_plans(ds)
    if plans["previous_plan_id"].notna().any():
        previous = plans["previous_plan_id"]
    else:
        previous = plans["plan_id"].shift(1)
    day = _day(as_of) if as_of is not None else np.datetime64("9999-12-31", "s")
    start = _date_array(plans["period_start"])
    adopted_raw = _date_array(plans["adopted_date"])
    adopted = np.where(np.isnat(adopted_raw), start <= day, adopted_raw <= day)
    adopted_on = np.where(adopted_raw <= day, adopted_raw, _NO_DATE)
    expected = _date_array(plans["expected_date"])
    expected_last = latest_of(plans, "expected_date", "expected_latest")
    expected_known = expected_last <= day
    # Position of each plan's previous plan (-1: none, or not in the dataset).
    before = pd.Index(plans["plan_id"]).get_indexer(previous.astype(object))
    has_previous = before >= 0
    previous_end = np.where(has_previous, _date_array(plans["period_end"])[before], _NO_DATE)
    previous_adopted = has_previous & adopted[before]
    previous_over = previous_adopted & (previous_end <= day)
    closed_gap = _days_between(adopted_on, previous_end)
    closed_gap[~previous_adopted] = np.nan
    gap_open = (as_of is not None) & ~adopted & previous_over
    now = np.full(len(plans), day)
    gap = np.where(gap_open, _days_between(now, previous_end), closed_gap)
    has_gap = gap_open | (closed_gap > 0)  # NaN compares False
    overdue = _days_between(now, expected_last)
    overdue[adopted | ~expected_known | (as_of is None)] = np.nan
    return pd.DataFrame(
        {
            "plan_id": plans["plan_id"],
            "title": plans["title"],
            "period_start": plans["period_start"],
            "period_end": plans["period_end"],
            "expected_date": np.where(expected_known, expected, _NO_DATE),
            "expected_latest": np.where(
                expected_known, _exact_or_nat(expected, expected_last), _NO_DATE
            ),
            "adopted_date": adopted_on,
            "adopted": adopted,
            "previous_plan_id": previous.astype("str"),
            "adoption_delay_days": _int64(
                _days_between(adopted_on, np.where(expected_known, expected_last, _NO_DATE))
            ),
            # Expected date known only between two dates: the delay from its earliest day
            # (the longest possible); NA when the expected date is known to the day.
            "adoption_delay_max_days": _int64(
                _days_between(
                    adopted_on,
                    np.where(expected_known & (expected_last != expected), expected, _NO_DATE),
                )
            ),
            "adoption_overdue_days": _int64(overdue),
            "gap_before_days": _int64(gap),
            "gap_open": gap_open,
            "gap_start": np.where(has_gap, previous_end, _NO_DATE),
            "gap_end": np.where(gap_open, now, np.where(has_gap, adopted_on, _NO_DATE)),
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
    _check_voice(voice)
    verdicts = ds.tables["published_verdicts"]
    keep = _date_array(verdicts["published_on"]) <= _day(as_of)
    if voice != VOICE_ALL:
        keep &= (verdicts["voice"] == voice).to_numpy(dtype=bool, na_value=False)
    chosen = verdicts[keep].sort_values(["published_on", "_row"], ascending=False, kind="stable")
    known = pd.Series(0, index=chosen.index, dtype="int64")
    for code in chosen["voice"].dropna().unique():  # at most one pass per voice
        status = current_status(ds, as_of, str(code))
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
    table = measure_table(ds, as_of, voice)
    timeline = plan_timeline(ds, as_of).set_index("plan_id")
    plan_ids = timeline.index.tolist()
    # {plan_id: {code: count}}, codes in vocabulary order.
    status_counts = _count_grid(table, "plan_id", "category", plan_ids, CATEGORY_CODES).to_dict(
        "index"
    )
    recorded = set(_highest_retention(ds)["plan_id"])
    retention = retention_counts(ds).set_index("plan_id").to_dict("index")
    verdicts = _verdict_dicts(published_verdicts(ds, as_of, voice))
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


# --- Letters and replies --------------------------------------------------------------


def known_events(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return the events known at the as-of date, in date order, with their latest bound.

    An event is known once its LATEST possible date is on or before the as-of date (a
    letter of "March 2014" is not known on 10 March 2014). Order: earliest date, then
    latest date, then sheet row.

    Returns:
        The Events rows known, index reset, plus `_latest` (the latest possible date,
        filled with the date when known to the day).
    """
    events = ds.events
    latest = latest_of(events, "date", "date_latest")
    known = events[latest <= _day(as_of)].assign(_latest=latest[latest <= _day(as_of)])
    return known.sort_values(["date", "_latest", "_row"], kind="stable").reset_index(drop=True)


def _reply_delays(
    sent: np.ndarray, sent_last: np.ndarray, reply: np.ndarray, reply_last: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exact, min, max) days from letters [a1, a2] to replies [r1, r2] (NaN: unknown).

    Both known to the day: exact, min = max = exact. Else, when the reply's earliest day
    is on or after the letter's latest: the range (r1 − a2, r2 − a1). Else (the bounds
    overlap): unknown. No day is invented.
    """
    exact = (sent == sent_last) & (reply == reply_last)
    days = _days_between(reply, sent)
    ordered = reply >= sent_last  # NaT compares False
    low = np.where(exact, days, np.where(ordered, _days_between(reply, sent_last), np.nan))
    high = np.where(exact, days, np.where(ordered, _days_between(reply_last, sent), np.nan))
    return np.where(exact, days, np.nan), low, high


def letters(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return every letter known at the as-of date, with its reply if any.

    Known, for a letter and for its reply: its latest possible date is on or before the
    as-of date (`known_events`). The reply to a letter is the first known event (by date,
    then latest date, then sheet row), of any kind, whose `reply_to` names it: a reply
    received later does not count yet. A letter without one is unanswered.

    Reply delay between a letter known between [a1, a2] and its reply [r1, r2]: exact days
    when both are known to the day (`reply_delay_days`, min = max = it); when the reply's
    earliest day is on or after the letter's latest, a range (r1 − a2, r2 − a1) in
    `reply_delay_min_days` / `reply_delay_max_days`, `reply_delay_days` empty; when the
    bounds overlap, all three are empty (unknown). No day is invented.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per letter, by date, latest date, then sheet row: event_id, date,
        date_latest (NaT when known to the day), title, sender, recipient, plan_id,
        reply_id, reply_date (NaT if none), reply_date_latest, reply_delay_days (Int64,
        exact only), reply_delay_min_days, reply_delay_max_days (Int64), answered (bool).
    """
    known = known_events(ds, as_of)
    sent = known[(known["kind"] == "letter").to_numpy(dtype=bool, na_value=False)]
    replies = (
        known[known["reply_to"].notna()]
        .drop_duplicates("reply_to", keep="first")
        .rename(columns={"event_id": "reply_id", "date": "reply_date", "_latest": "_reply_latest"})
    )[["reply_to", "reply_id", "reply_date", "_reply_latest"]]
    out = sent.merge(
        replies, left_on="event_id", right_on="reply_to", how="left", validate="one_to_one"
    ).reset_index(drop=True)
    date, date_last = _date_array(out["date"]), _date_array(out["_latest"])
    reply_date, reply_last = _date_array(out["reply_date"]), _date_array(out["_reply_latest"])
    exact, low, high = _reply_delays(date, date_last, reply_date, reply_last)
    return pd.DataFrame(
        {
            "event_id": out["event_id"],
            "date": date,
            "date_latest": _exact_or_nat(date, date_last),
            "title": out["title"],
            "sender": out["sender"],
            "recipient": out["recipient"],
            "plan_id": out["plan_id"],
            "reply_id": out["reply_id"],
            "reply_date": reply_date,
            "reply_date_latest": _exact_or_nat(reply_date, reply_last),
            "reply_delay_days": _int64(exact),
            "reply_delay_min_days": _int64(low),
            "reply_delay_max_days": _int64(high),
            "answered": ~np.isnat(reply_date),
        }
    )


def reply_rates(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return, per recipient, how many letters were sent and how many were answered.

    Letters and replies as in `letters` (only those known at the as-of date). The median
    reply delay is taken over the EXACT delays only (both dates known to the day);
    `delays_known` says over how many. Decision: letters without a recipient form their
    own row (recipient empty).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per recipient, most letters first, then by name: recipient, letters (int),
        answered (int), reply_rate (float 0–1), median_reply_delay_days (float, NaN when
        no exact delay is known), delays_known (int: exact delays the median is over).
    """
    sent = letters(ds, as_of)
    grouped = sent.groupby("recipient", dropna=False, sort=False)
    out = (
        pd.DataFrame(
            {
                "letters": grouped.size(),
                "answered": grouped["answered"].sum().astype("int64"),
                "median_reply_delay_days": grouped["reply_delay_days"].median().astype("float64"),
                "delays_known": grouped["reply_delay_days"].count().astype("int64"),
            }
        )
        .rename_axis("recipient")
        .reset_index()
    )
    out.insert(3, "reply_rate", out["answered"] / out["letters"])
    return out.sort_values(
        ["letters", "recipient"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)
