"""The engine: runs the checks in the order of the report and assembles the dataset.

Order of checks (structure before content, as goodtables does): which sheets are there,
then each sheet's header row, then every cell by the type its column declares, then the
rules across rows (unique ids) and across sheets (plan rules). The status scale is read
first: status cells are checked against it. Each check yields its problems; the engine
keeps them in the order found until the report is full (`MAX_ISSUES` errors); past that,
only the checks that settle values as they go are run to their end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from typing import Any

import numpy as np
import pandas as pd

from monitoring.contract.dataset import (
    TABLE_IDS,
    Dataset,
    StatusScale,
    empty_table,
    table_from_columns,
    with_categories,
)
from monitoring.contract.schema import (
    DEFAULT_SCALE,
    SHEETS,
    SHEETS_BY_ID,
    Column,
    Sheet,
    StatusLabel,
    column_letter,
    normalise_label,
)
from monitoring.intake.problems import MAX_ISSUES, Report
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook
from monitoring.intake.validation import cells, plan, structure
from monitoring.intake.validation.convert import (
    BLANK_CHARS,
    Col,
    cell_text,
    convert_column,
    convert_text,
)
from monitoring.intake.validation.model import CellProblem, Problem, Table


class Validator:
    """One validation of one workbook: the tables read so far and the report."""

    def __init__(self, raw: RawWorkbook, arrive: Arrive | None = None) -> None:
        self.raw = raw
        self.arrive: Arrive = arrive or _as_is
        self.report = Report()
        self.tables: dict[str, Table] = {}
        self.frames: dict[str, pd.DataFrame] = {}  # tables of the dataset, built so far
        self.scale = StatusScale()

    def emit(self, problems: Iterable[Problem | CellProblem], *, settles: bool = False) -> None:
        """Keep the problems as issues until the report is full.

        A check that settles values as it goes (`settles`) is run to its end all the same;
        any other is stopped there, sparing the work on huge files.
        """
        report = self.report
        for found in problems:
            if report.truncated:  # nothing more is kept
                if not settles:
                    return
                continue
            issue = found.issue()
            if issue is not None:
                report.add(issue)

    # --- The whole workbook ----------------------------------------------------------

    def run(self, *, assemble: bool = True) -> tuple[Dataset | None, Report]:
        """Check everything; the dataset too when the report is ok and `assemble` is set
        (a check alone, `plan-monitoring validate`, spares the building of its tables).

        Each sheet's table of the dataset is built once the sheet is checked, while the
        report has no error: with sheets arriving as they are read (`arrive`), that
        work is done while the next are read, and so are the plan rules that read only
        the first sheets (`ahead`), their problems reported in their place all the same.
        """
        match = structure.match_sheets(self.raw)
        self.emit(structure.extra_or_duplicate_sheets(match))
        self.emit(structure.missing_sheets(match, self.raw))
        found = match.found
        if "status_scale" in found:
            self.scale = self.read_scale(self.arrive(found["status_scale"]))
        first_rules: Iterable[Problem | CellProblem] | None = None
        passed: set[str] = set()
        for sheet in SHEETS:
            if first_rules is None and passed >= plan.FIRST_RULES_SHEETS:
                first_rules = self.ahead(plan.first_plan_rules(self.tables))
            if sheet.id in found and sheet.id != "status_scale":
                table = self.read_sheet(sheet, self.arrive(found[sheet.id]))
                self.tables[sheet.id] = table
                if assemble and self.report.ok:
                    self.frames[sheet.id] = self.frame(sheet, table)
            passed.add(sheet.id)
        if first_rules is None:
            first_rules = plan.first_plan_rules(self.tables)
        self.emit(chain(first_rules, plan.last_plan_rules(self.tables)))
        self.sort_issues()
        if not self.report.ok or not assemble:
            return None, self.report
        return self.dataset(), self.report

    def ahead(self, problems: Iterator[Problem | CellProblem]) -> Iterable[Problem | CellProblem]:
        """`problems`, the first of them found now, while the next sheets may still be on
        their way (`arrive`), and handed to `emit` later in the same order. No more are
        found ahead than the report could take, so a file with countless problems costs
        no more than before; nothing when the report is already full."""
        if self.arrive is _as_is or self.report.truncated:
            return problems
        found = list(islice(problems, MAX_ISSUES + 1))
        return chain(found, problems)

    # --- One sheet -------------------------------------------------------------------

    def read_sheet(self, sheet: Sheet, raw: RawSheet) -> Table:
        table = Table(sheet, raw)
        header = raw.header
        columns = raw.columns
        if not any(cell_text(c) for c in header):
            self.emit(structure.empty_header_row(raw))
            return table
        table.row_numbers = list(range(raw.row_number(1), raw.row_number(1) + raw.height))
        self.emit(structure.merged_cells(raw))
        self.emit(structure.formulas_without_value(raw))
        self.emit(structure.error_values(raw))
        table.suppressed = structure.structure_cells(raw)
        match = structure.match_header(sheet, header, columns)
        self.emit(structure.duplicate_headers(raw, match))
        self.emit(structure.header_not_found(raw, match))
        if not match.mapping:  # no header row found: nothing below can be read as data
            return table
        self.emit(structure.blank_headers(raw, match))
        self.emit(structure.extra_headers(raw, match))
        self.emit(structure.missing_headers(sheet, raw, match))
        empty_rows = self.convert_columns(table, header, columns, match)
        table.keep = ~empty_rows
        self.emit(structure.blank_rows(table, empty_rows))
        self.emit(structure.no_data(table))
        self.emit(cells.required_cells(table))
        self.emit(cells.unique_values(table))
        self.emit(cells.duplicate_keys(table))
        for col in sheet.columns:
            if col.latest is not None:
                self.emit(cells.date_bounds(table, col, col.latest), settles=True)
        return table

    def convert_columns(
        self,
        table: Table,
        header: list[Cell],
        columns: list[Sequence[Cell]],
        match: structure.HeaderMatch,
    ) -> np.ndarray:
        """Convert every column of the sheet; return which data rows are entirely empty."""
        empty_rows = np.ones(len(table.row_numbers), dtype=bool)
        for j, values in enumerate(columns):
            col = match.mapping.get(j)
            if col is not None:
                table.where[col.id] = (column_letter(j), cell_text(header[j]))
                converted = self.convert(table, col, j, values)
                table.columns[col.id] = converted
                table.cells[col.id] = values
            elif j in match.extras:
                # Kept and shown as text, so held to the rules of any text column.
                text = match.extras[j]
                converted = self.convert(table, _extra_column(text), j, values)
                table.extras[_extra_name(table.sheet, text, j)] = converted.values
            else:
                converted = convert_text(values)
            empty_rows &= converted.empty
        return empty_rows

    def convert(self, table: Table, col: Column, j: int, values: Sequence[Cell]) -> Col:
        """Convert one column by its declared type, reporting every bad cell."""
        converted, bad, ends = convert_column(
            col, values, date1904=self.raw.date1904, scale=self.scale
        )
        if ends is not None:
            table.period_ends[col.id] = ends
        self.emit(cells.bad_cells(table, col, j, bad, values))
        self.emit(cells.out_of_range(table, col, j, converted, values))
        return converted

    # --- The status scale ------------------------------------------------------------

    def read_scale(self, raw: RawSheet) -> StatusScale:
        sheet = SHEETS_BY_ID["status_scale"]
        table = self.read_sheet(sheet, raw)
        labels, categories = table.values("label"), table.values("category")
        if labels is None or categories is None or not table.keep.any():
            return StatusScale()
        orders = table.values("order") or [None] * len(labels)
        colours: list[str | None] = [None] * len(table.row_numbers)
        self.emit(cells.scale_colours(table, colours), settles=True)
        taken = {normalise_label(str(x)) for x in labels if x is not None}
        # Any further column of the sheet fills the label's field of the same id.
        further = {
            c.id: table.values(c.id) or [None] * len(labels)
            for c in sheet.columns
            if c.id not in ("label", "category", "order", "colour")
        }
        items = [
            _scale_label(
                str(label),
                str(categories[i]),
                int(orders[i]) if orders[i] is not None else i + 1,  # type: ignore[call-overload]
                colours[i],
                taken,
                {name: values[i] for name, values in further.items() if values[i] is not None},
            )
            for i, label in enumerate(labels)
            if table.keep[i] and label is not None and categories[i] is not None
        ]
        if not items:
            return StatusScale()
        self.tables["status_scale"] = table
        custom = tuple((x.label, x.category) for x in items) != tuple(
            (x.label, x.category) for x in DEFAULT_SCALE
        )
        return StatusScale(tuple(items), custom=custom)

    # --- Assembly ---------------------------------------------------------------------

    def dataset(self) -> Dataset:
        tables = {}
        extras: dict[str, tuple[str, ...]] = {}
        for sheet in SHEETS:
            if sheet.id == "status_scale":
                continue
            table = self.tables.get(sheet.id)
            if table is None:
                tables[sheet.id] = empty_table(sheet)
                continue
            found = self.frames.get(sheet.id)
            tables[sheet.id] = found if found is not None else self.frame(sheet, table)
            if table.columns or table.extras:
                extras[sheet.id] = tuple(table.extras)
        tables["status_updates"] = with_categories(tables["status_updates"], self.scale)
        assert set(tables) == set(TABLE_IDS)
        return Dataset(tables=tables, scale=self.scale, extras=extras, name=self.raw.file_name)

    def frame(self, sheet: Sheet, table: Table) -> pd.DataFrame:
        """The dataset's table of a checked sheet: its rows kept, its columns typed."""
        keep = table.keep
        columns: dict[str, list[object]] = {}
        for col_id, col in table.columns.items():
            columns[col_id] = _kept(col.values, keep)
        if sheet.id == "events" and "measure_ids" in columns:
            columns["measure_ids"] = [_tidy_ids(v) for v in columns["measure_ids"]]
        for name, values in table.extras.items():
            columns[name] = _kept(values, keep)
        if not columns:
            return empty_table(sheet)
        rows = _kept(table.row_numbers, keep)  # type: ignore[arg-type]
        return table_from_columns(sheet, columns, rows)  # type: ignore[arg-type]

    def sort_issues(self) -> None:
        """Order issues as the workbook reads: sheet by sheet, then row, then column."""
        position = {s.name: k for k, s in enumerate(self.raw.sheets)}
        self.report.issues.sort(
            key=lambda i: (
                i.code == "too-many-issues",  # the notice that the list stops comes last
                position.get(i.sheet, -1) if i.sheet else -1,
                i.row or 0,
                len(i.column or ""),
                i.column or "",
            )
        )


# --- Small helpers -----------------------------------------------------------------------

# Gives the sheet a placeholder of the workbook stands for, once it has been read (see
# `monitoring.intake.loading`: sheets validated as they arrive from the parse child).
Arrive = Callable[[RawSheet], RawSheet]


def _as_is(sheet: RawSheet) -> RawSheet:
    return sheet


def _kept(values: list[object], keep: np.ndarray) -> list[object]:
    if keep.all():
        return values
    return [v for v, k in zip(values, keep, strict=True) if k]


def _tidy_ids(value: object) -> object:
    if value is None:
        return None
    items = [x.strip(BLANK_CHARS) for x in str(value).split(",")]
    return ", ".join(x for x in items if x) or None


def _extra_column(text: str) -> Column:
    """A text column standing for an extra column, to check and report its cells."""
    return Column(f"extra:{text}", text, text, "text", "", "")


# Names the dataset's tables use for themselves; an extra column never takes one of them.
_RESERVED = frozenset({"_row", "category"})


def _extra_name(sheet: Sheet, text: str, j: int) -> str:
    if text in _RESERVED or text in sheet.column_ids:
        return f"{text} ({column_letter(j)})"
    return text


# A label of the default scale, by its French or English name.
_DEFAULT_BY_KEY = {normalise_label(x): d for d in DEFAULT_SCALE for x in (d.label, d.en or d.label)}


def _scale_label(
    label: str,
    category: str,
    order: int,
    colour: str | None,
    taken: set[str],
    further: Mapping[str, Any] | None = None,
) -> StatusLabel:
    """One label of a workbook's own scale.

    A label of the default scale, in French or in English (an English export), is that
    label: it keeps its French name, English name and aliases, except those naming
    another label of this scale (`Terminé` listed on its own is not `Réalisée`).
    """
    own = normalise_label(label)
    default = _DEFAULT_BY_KEY.get(own)
    french = normalise_label(default.label) if default else ""
    further = further or {}
    if default is None or (own != french and french in taken):
        return StatusLabel(label, category, order, colour, **further)
    others = taken - {own, french}
    en = default.en if default.en and normalise_label(default.en) not in others else None
    aliases = tuple(x for x in default.aliases if normalise_label(x) not in others)
    return StatusLabel(default.label, category, order, colour, en=en, aliases=aliases, **further)
