"""Shared by the figures: constants, date arrays, measures and plans in order, and the
matching of assessments to measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from monitoring.contract.dataset import DATE_DTYPE, Dataset
from monitoring.contract.datebounds import latest_of
from monitoring.contract.schema import (
    RETENTION_LEVELS,
    UNKNOWN_STATUS,
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


# The measures in order (`_ordered_measures`) and the assessments matched to them.
Matched = tuple[pd.DataFrame, _History]


def _matched(ds: Dataset, as_of: dt.date) -> Matched:
    """The measures in order, and their assessments matched and sorted once (`_History`),
    for the figures at `as_of` that need both."""
    measures = _ordered_measures(ds)
    return measures, _History(ds.status_updates, measures["measure_id"], as_of)


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
