"""Each measure's status and due dates at an as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from monitoring.analysis.metrics.adoption import plan_timeline
from monitoring.analysis.metrics.base import (
    _NO_DATE,
    CLOSED_CATEGORIES,
    DUE_BASES,
    VOICE_ALL,
    VOICE_CODES,
    Matched,
    _date_array,
    _day,
    _days_between,
    _History,
    _int64,
    _matched,
    _status_frame,
    plan_dates,
)
from monitoring.contract.dataset import Dataset

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
    return _statuses_of(_matched(ds, as_of), voices)


def _statuses_of(matched: Matched, voices: Sequence[str]) -> dict[str, pd.DataFrame]:
    """`current_statuses` from the measures and assessments already matched."""
    measures, history = matched
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
    measures, history = _matched(ds, dates[0])
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
    measures, history = _matched(ds, as_of)
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
    return _measure_table_of(ds, as_of, voice, _matched(ds, as_of))


def _measure_table_of(ds: Dataset, as_of: dt.date, voice: str, matched: Matched) -> pd.DataFrame:
    """`measure_table` from the measures and assessments already matched at `as_of`."""
    measures, history = matched
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
    measures, history = _matched(ds, as_of)
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
