"""What in a new version needs its own confirmation: history rewritten, or a replacement.

Computed from the two versions and their cell changes (`changes.cell_changes`), before
anything is stored; the import refuses (`importing.commit_import`) a version that
carries a flag the caller did not explicitly accept, so no page or command can skip it.
The flags are in no language; `monitoring.present.flag_text` words them.

- **History rewritten** (`ReviewFlags.rewrites`): an assessment (a `Suivi` row) or an
  event (a `Chronologie` row) that was already stored is changed or removed. A new row
  is not a rewrite; neither is a column kept as written beyond the contract's (it feeds
  no figure, and shows in the cell review). Since an assessment is identified by its
  measure, date and voice, editing its date or voice removes the stored row: a rewrite.
  The figures it changes are computed with `monitoring.analysis.metrics` on both versions at past
  as-of dates (`figure_shifts`): the previous version's date and the first
  `SHIFT_DATES - 1` days of the rewritten rows (their latest possible day); per plan, the
  completion rate and measures assessed when assessments are rewritten, the letters
  answered when events are (the figures each sheet feeds).
- **Replacement** (`ReviewFlags.replaces`): the new version removes at least
  `REPLACE_SHARE` (half) of the rows of one of `REPLACE_MIN_ROWS`'s sheets (plans,
  measures, recommendations, events) that held at least that many rows before. A row
  counts as removed when its identifier (`changes.row_key_columns`) is gone: renaming
  an identifier removes a row and adds one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from monitoring.analysis import metrics
from monitoring.analysis.changes import empty_cells, key_dict, row_key_columns
from monitoring.contract.dataset import Dataset
from monitoring.contract.datebounds import latest_of
from monitoring.contract.schema import CATEGORY_CODES, SHEETS_BY_ID

# The sheets whose stored rows are the history figures are computed from.
HISTORY_SHEETS = ("status_updates", "events")
# A sheet losing at least this share of its rows makes the version a replacement...
REPLACE_SHARE = 0.5
# ...when it held at least this many rows (a plan is a large share of any dataset).
REPLACE_MIN_ROWS: dict[str, int] = {"plans": 2, "measures": 10, "recommendations": 10, "events": 10}
# As-of dates at which the figures a rewrite changes are shown (the previous version's
# date included): enough to see the change, few enough to read.
SHIFT_DATES = 3  # each date costs a `plan_summaries` of both versions
# The figures compared per plan, at each of those dates.
FIGURES = ("completion", "assessed", "letters_answered")
SHIFT_COLUMNS = ("as_of", "plan_id", "figure", "before", "after")

Confirmation = Literal["rewrite", "replace"]


@dataclass(frozen=True)
class Removal:
    """Rows of one sheet that the new version no longer has."""

    sheet: str  # sheet id
    before: int  # rows the sheet held in the previous version
    removed: int
    drastic: bool  # `is_drastic(sheet, before, removed)`
    rows: tuple[str, ...]  # identifiers of the rows removed (`row_key`), in sheet order
    titles: tuple[str, ...]  # their titles in the previous version ("" when none)


@dataclass(frozen=True)
class ReviewFlags:
    """The flags of one new version against the previous one.

    - `rewrites`: the cell changes (columns of `changes.CELL_COLUMNS`) of stored
      assessments and events changed or removed;
    - `shifts`: the figures they change (columns of `SHIFT_COLUMNS`: as_of (date),
      plan_id (None for letters without a plan), figure (`FIGURES`), before and after
      (a figure's raw value, see `figure_values_at`; None when the plan has no such figure);
    - `removals`: one per sheet of `REPLACE_MIN_ROWS` that lost rows;
    - `dates`: the as-of dates the figures were compared at.
    """

    rewrites: pd.DataFrame = field(default_factory=empty_cells)
    shifts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SHIFT_COLUMNS))
    removals: tuple[Removal, ...] = ()
    dates: tuple[dt.date, ...] = ()

    @property
    def rewrites_history(self) -> bool:
        """True when a stored assessment or event is changed or removed."""
        return not self.rewrites.empty

    @property
    def replaces(self) -> bool:
        """True when a sheet loses a large share of its rows (`is_drastic`)."""
        return any(r.drastic for r in self.removals)

    def needed(self) -> tuple[Confirmation, ...]:
        """The confirmations this version needs, in order: `rewrite`, `replace`."""
        found: list[Confirmation] = []
        if self.rewrites_history:
            found.append("rewrite")
        if self.replaces:
            found.append("replace")
        return tuple(found)

    def missing(self, *, allow_rewrite: bool, allow_replace: bool) -> tuple[Confirmation, ...]:
        """The needed confirmations the caller did not give."""
        given = {"rewrite": allow_rewrite, "replace": allow_replace}
        return tuple(c for c in self.needed() if not given[c])


def is_drastic(sheet: str, before: int, removed: int) -> bool:
    """Whether removing `removed` of a sheet's `before` rows makes a replacement.

    At least `REPLACE_SHARE` of the rows, of a sheet of `REPLACE_MIN_ROWS` that held at
    least its minimum: 5 of 10 measures is one, 4 of 10 is not, 9 of 9 is not.
    """
    minimum = REPLACE_MIN_ROWS.get(sheet)
    return minimum is not None and before >= minimum and removed >= REPLACE_SHARE * before


def history_rewrites(cells: pd.DataFrame) -> pd.DataFrame:
    """The cell changes that rewrite stored history: a `Suivi` or `Chronologie` row
    changed in a contract column, or removed (see the module's docstring)."""
    if cells.empty:
        return empty_cells()
    in_history = cells["sheet"].isin(HISTORY_SHEETS).to_numpy(dtype=bool)
    removed = (cells["change"] == "removed").to_numpy(dtype=bool)
    declared = np.array(
        [
            sheet in SHEETS_BY_ID and name in SHEETS_BY_ID[str(sheet)].column_ids
            for sheet, name in zip(cells["sheet"], cells["field"], strict=True)
        ],
        dtype=bool,
    )
    changed = (cells["change"] == "changed").to_numpy(dtype=bool) & declared
    return cells[in_history & (removed | changed)].reset_index(drop=True)


def removals(old: Dataset, cells: pd.DataFrame) -> tuple[Removal, ...]:
    """The rows each sheet of `REPLACE_MIN_ROWS` lost, from the cell changes."""
    found = []
    for sheet in REPLACE_MIN_ROWS:
        table = old.tables[sheet]
        gone = cells[(cells["sheet"] == sheet) & (cells["change"] == "removed")]
        if gone.empty:
            continue
        titles = []
        id_column = SHEETS_BY_ID[sheet].column_ids[0]
        by_id = dict(zip(table[id_column].astype(str), table["title"], strict=True))
        for key in gone["key"]:
            ident = key_dict(sheet, key) or {}
            title = by_id.get(str(ident.get(id_column)))
            titles.append("" if title is None or pd.isna(title) else str(title))
        found.append(
            Removal(
                sheet=sheet,
                before=len(table),
                removed=len(gone),
                drastic=is_drastic(sheet, len(table), len(gone)),
                rows=tuple(str(k) for k in gone["row_key"]),
                titles=tuple(titles),
            )
        )
    return tuple(found)


def _days(frame: pd.DataFrame, column: str, latest: str) -> list[dt.date]:
    values = np.unique(latest_of(frame, column, latest))
    return [pd.Timestamp(v).date() for v in values if not np.isnat(v)]


def _typed(wanted: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Identifiers written as text by `cell_changes` (dates as ISO text), in the types of
    `frame`'s columns, to be matched without turning the whole table into text."""
    out = pd.DataFrame(index=wanted.index)
    for column in wanted.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            out[column] = pd.to_datetime(wanted[column]).astype(frame[column].dtype)
        else:
            out[column] = wanted[column].astype(frame[column].dtype)
    return out


def rewrite_dates(old: Dataset, new: Dataset, rewrites: pd.DataFrame) -> list[dt.date]:
    """The days of the rewritten rows (their latest possible day, in either version),
    earliest first, each once."""
    days: set[dt.date] = set()
    for sheet, (date, latest), key in (
        ("events", ("date", "date_latest"), ["event_id"]),
        ("status_updates", ("as_of", "as_of_latest"), ["measure_id", "as_of", "voice"]),
    ):
        keys = rewrites.loc[rewrites["sheet"] == sheet, "key"]
        if keys.empty:
            continue
        # Each key is a tuple of the sheet's identifier columns, then the row's rank.
        columns = [*row_key_columns(sheet), "n"]
        wanted = pd.DataFrame(list(keys), columns=columns)[key].drop_duplicates()
        for ds in (old, new):
            frame = ds.tables[sheet]
            found = frame[key].reset_index().merge(_typed(wanted, frame), on=key)["index"]
            days.update(_days(frame.loc[found], date, latest))
    return sorted(days)


def figure_values_at(
    ds: Dataset, dates: Sequence[dt.date], sheets: Collection[str] = HISTORY_SHEETS
) -> dict[dt.date, dict[tuple[str | None, str], Any]]:
    """The figures of `FIGURES` per plan at each date, from `monitoring.analysis.metrics`: those
    the rewritten `sheets` feed (the assessments: completion and assessed; the events:
    letters answered). The assessments and events are sorted once for all the dates.

    Returns:
        {day: {(plan_id, figure): value}}: `completion` → (completion_state,
        completion_rate) as `metrics.plan_summaries` gives them; `assessed` → (assessed,
        measures), None for a plan not adopted yet; `letters_answered` → (answered,
        letters) of the letters known at the day that name the plan (plan_id None:
        letters naming none).
    """
    values: dict[dt.date, dict[tuple[str | None, str], Any]] = {day: {} for day in dates}
    if "status_updates" in sheets:
        counts = metrics.category_counts(ds, dates)
        for day in dates:
            adopted = metrics.plan_timeline(ds, day).set_index("plan_id")["adopted"]
            for plan, is_adopted in adopted.items():  # one per plan: a handful
                by_category = {c: counts[day].get((str(plan), c), 0) for c in CATEGORY_CODES}
                measures = sum(by_category.values())
                completion = metrics.completion(by_category, bool(is_adopted))
                values[day][str(plan), "completion"] = completion
                assessed = (measures - by_category["unknown"], measures)
                values[day][str(plan), "assessed"] = assessed if is_adopted else None
    if "events" in sheets:
        for day, answered in metrics.letters_answered(ds, dates).items():
            for plan, pair in sorted(answered.items(), key=lambda kv: (kv[0] is None, kv[0])):
                values[day][plan, "letters_answered"] = pair
    return values


def figure_shifts(
    old: Dataset, new: Dataset, dates: list[dt.date], sheets: Collection[str] = HISTORY_SHEETS
) -> pd.DataFrame:
    """The figures (`figure_values_at` of `sheets`) that differ between the two versions
    at each date.

    Returns:
        Columns of `SHIFT_COLUMNS`, by date, then plan, then figure (`FIGURES` order).
    """
    rows = []
    order = {name: i for i, name in enumerate(FIGURES)}
    old_values, new_values = (
        figure_values_at(old, dates, sheets),
        figure_values_at(new, dates, sheets),
    )
    for day in dates:
        before, after = old_values[day], new_values[day]
        keys: list[tuple[str | None, str]] = sorted(
            set(before) | set(after), key=lambda k: (k[0] is None, str(k[0]), order[k[1]])
        )
        for plan, figure in keys:
            # No letter known for that plan in one version: none answered of none.
            empty = (0, 0) if figure == "letters_answered" else None
            a, b = before.get((plan, figure), empty), after.get((plan, figure), empty)
            if a != b:
                rows.append((day, plan, figure, a, b))
    return pd.DataFrame(rows, columns=list(SHIFT_COLUMNS))


def flag_changes(
    old: Dataset,
    new: Dataset,
    cells: pd.DataFrame,
    *,
    previous_date: dt.date | None = None,
) -> ReviewFlags:
    """Flag a new version against the previous one (see the module's docstring).

    Args:
        old: the previous version (the current one when the new is stored).
        new: the new version.
        cells: `changes.cell_changes(old, new)`.
        previous_date: the day the previous version was stored: the first date at which
            figures are compared (none when None).

    Returns:
        The flags; the figures are computed only when history is rewritten.
    """
    rewrites = history_rewrites(cells)
    dates: list[dt.date] = []
    shifts = pd.DataFrame(columns=list(SHIFT_COLUMNS))
    if not rewrites.empty:
        days = [d for d in rewrite_dates(old, new, rewrites) if d != previous_date]
        dates = sorted(([previous_date] if previous_date else []) + days[: SHIFT_DATES - 1])
        shifts = figure_shifts(old, new, dates, set(rewrites["sheet"]))
    return ReviewFlags(rewrites, shifts, removals(old, cells), tuple(dates))


def changes_per_sheet(cells: pd.DataFrame) -> dict[str, int]:
    """How many differences each sheet has (rows added or removed, cells changed, extra
    columns), in contract order: the review's headline, so a title edit never reads 0.

    Returns:
        {sheet id: count} for the sheets with at least one difference.
    """
    order = {sheet_id: i for i, sheet_id in enumerate(SHEETS_BY_ID)}
    counts = cells["sheet"].dropna().value_counts()
    ranked = sorted(counts.items(), key=lambda item: order.get(str(item[0]), len(order)))
    return {str(sheet): int(n) for sheet, n in ranked}
