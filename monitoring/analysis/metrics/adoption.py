"""Each plan's adoption at an as-of date: its delay, and the gap with no plan before it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from monitoring.analysis.metrics.base import (
    _NO_DATE,
    _date_array,
    _day,
    _days_between,
    _exact_or_nat,
    _int64,
    _ordered_plans,
)
from monitoring.contract.dataset import Dataset
from monitoring.contract.datebounds import latest_of


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
