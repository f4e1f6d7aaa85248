"""What the checks share: the sheet being validated (`Table`) and the problems they yield.

A check is a function that takes what it needs (a raw sheet, a table, the tables by id)
and yields `Problem`s; the engine (`engine.py`) turns them into the report's `Issue`s,
and stops keeping them once the report is full. A problem keeps the cell's position
until then, so that a cell already reported as merged, a formula or an error value is
not reported a second time, and so that nothing is formatted for a report that is full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from monitoring.contract.schema import Column, Sheet, column_letter
from monitoring.intake.problems import Issue, shorten
from monitoring.intake.raw import Cell, RawSheet
from monitoring.intake.validation.convert import Col, cell_text
from monitoring.text.i18n import Localised


@dataclass
class Table:
    """One sheet being validated: its raw form, header mapping and converted columns."""

    sheet: Sheet
    raw: RawSheet
    # Header letter and text of each canonical column found, by column id.
    where: dict[str, tuple[str, str]] = field(default_factory=dict)
    columns: dict[str, Col] = field(default_factory=dict)
    # The cells of each canonical column as read, to quote a value as the user typed it.
    cells: dict[str, Sequence[Cell]] = field(default_factory=dict)
    extras: dict[str, list[object]] = field(default_factory=dict)
    keep: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    row_numbers: list[int] = field(default_factory=list)
    suppressed: set[tuple[int, int]] = field(default_factory=set)
    # Of a bounded date column (`Column.latest`), the last day of each period typed in it
    # ("mars 2014" → 31/03/2014), None for a day; the column itself holds the first day.
    period_ends: dict[str, list[dt.date | None]] = field(default_factory=dict)

    def values(self, column_id: str) -> list[object] | None:
        col = self.columns.get(column_id)
        return None if col is None else col.values

    def index(self, column_id: str) -> int:
        """The index of a canonical column found in the sheet."""
        return letter_index(self.where[column_id][0])


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem of the workbook, a sheet or a header row."""

    code: str
    key: str
    sheet: str | None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    value: object = None
    params: dict[str, object] = field(default_factory=dict)

    def issue(self) -> Issue | None:
        return Issue(
            self.code,
            self.key,
            sheet=self.sheet,
            row=self.row,
            column=self.column,
            header=self.header,
            value=None if self.value is None else shorten(self.value),
            params=self.params,
        )


def problem(
    code: str,
    key: str,
    sheet: str | None,
    *,
    row: int | None = None,
    column: str | None = None,
    header: str | None = None,
    value: object = None,
    **params: object,
) -> Problem:
    return Problem(code, key, sheet, row, column, header, value, params)


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A problem of one cell: data row `i` (0 is the first below the header), column `j`."""

    table: Table
    col: Column
    j: int
    i: int
    key: str
    value: object
    code: str | None
    params: dict[str, Any]

    def issue(self) -> Issue | None:
        """The issue, None when the cell was already reported for its structure."""
        table, i = self.table, self.i
        if table.suppressed and (i + 1, self.j) in table.suppressed:
            return None
        value = self.value
        letter, header = table.where.get(self.col.id, (column_letter(self.j), self.col.fr))
        shown = cell_text(value) if not isinstance(value, str) else value
        if type(value) is float and value != value:
            shown = "NaN"  # a number cell holding NaN is not empty: show what it holds
        return Problem(
            self.code or CODE_OF_KEY.get(self.key, "type-error"),
            self.key,
            table.raw.name,
            table.row_numbers[i],
            letter,
            header,
            shown if shown != "" else None,
            self.params,
        ).issue()


def cell_problem(
    table: Table,
    col: Column,
    j: int,
    i: int,
    key: str,
    value: object,
    *,
    code: str | None = None,
    **params: object,
) -> CellProblem:
    return CellProblem(table, col, j, i, key, value, code, params)


Problems = Iterator[Problem | CellProblem]

# The code of a cell problem given by its message key alone (others are `type-error`).
CODE_OF_KEY = {
    "required": "constraint-error",
    "choice": "constraint-error",
    "status": "constraint-error",
    "control_char": "constraint-error",
    "too_long": "constraint-error",
    "min_value": "constraint-error",
    "max_value": "constraint-error",
    "colour": "constraint-error",
    "date_range": "constraint-error",
    "date_serial": "constraint-error",
    "date_serial_60": "constraint-error",
    "number_not_finite": "constraint-error",
}


# --- Small helpers -----------------------------------------------------------------------


def letter_index(letter: str) -> int:
    index = 0
    for ch in letter:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def sheet_names(sheet: Sheet) -> Localised:
    return Localised(sheet.fr, sheet.en)


def header_names(col: Column) -> Localised:
    return Localised(col.fr, col.en)


def quoted(texts: Sequence[str], limit: int = 60) -> Localised:
    """A list of names quoted the way each language quotes: « a », « b » / "a", "b"."""
    shown = [shorten(x, limit) for x in texts if x]
    return Localised(
        ", ".join(f"« {x} »" for x in shown) or "—", ", ".join(f'"{x}"' for x in shown) or "—"
    )


def header_text(raw: RawSheet, j: int) -> str | None:
    """The header above column `j`, as written (None when there is none)."""
    header = raw.header
    text = cell_text(header[j]) if j < len(header) else ""
    return text or None
