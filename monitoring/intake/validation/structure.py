"""Structure checks: which sheets are there, each sheet's header row, merged ranges,
formulas without values, error cells and blank rows (before any cell is read by type)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from monitoring.contract.schema import (
    SHEETS,
    Column,
    Sheet,
    column_letter,
    is_readme_sheet,
    match_sheet,
    normalise_label,
)
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook
from monitoring.intake.validation.convert import cell_text
from monitoring.intake.validation.model import (
    Problems,
    Table,
    header_names,
    header_text,
    problem,
    quoted,
    sheet_names,
)

# --- The workbook's sheets ---------------------------------------------------------------


@dataclass
class SheetMatch:
    """The sheets of the contract found in a workbook, by sheet id."""

    found: dict[str, RawSheet] = field(default_factory=dict)
    # Hidden sheets named as one of the contract's: never imported silently.
    hidden: dict[str, RawSheet] = field(default_factory=dict)
    # In the order of the workbook: a sheet the contract does not know (sheet None), or
    # a second sheet of the same contract sheet.
    others: list[tuple[RawSheet, Sheet | None]] = field(default_factory=list)


def match_sheets(raw: RawWorkbook) -> SheetMatch:
    """Match the workbook's sheets to the contract's (README sheets are left out)."""
    match = SheetMatch()
    for raw_sheet in raw.sheets:
        if is_readme_sheet(raw_sheet.name):
            continue
        sheet = match_sheet(raw_sheet.name)
        if raw_sheet.hidden:  # the reader already warned
            if sheet is not None:
                match.hidden.setdefault(sheet.id, raw_sheet)
            continue
        if sheet is None or sheet.id in match.found:
            match.others.append((raw_sheet, sheet))
        else:
            match.found[sheet.id] = raw_sheet
    return match


def extra_or_duplicate_sheets(match: SheetMatch) -> Problems:
    """A sheet the contract does not know; a second sheet of the same contract sheet."""
    for raw_sheet, sheet in match.others:
        if sheet is None:
            yield problem("extra-sheet", "extra_sheet", raw_sheet.name)
        else:
            yield problem(
                "duplicate-sheet",
                "duplicate_sheet",
                raw_sheet.name,
                expected=sheet_names(sheet),
                other=match.found[sheet.id].name,
            )


def missing_sheets(match: SheetMatch, raw: RawWorkbook) -> Problems:
    """A required sheet not found (or found only hidden)."""
    in_file = quoted([s.name for s in raw.sheets])
    for sheet in SHEETS:
        if not sheet.required or sheet.id in match.found:
            continue
        if sheet.id in match.hidden:
            yield problem(
                "missing-sheet",
                "missing_sheet_hidden",
                None,
                expected=sheet_names(sheet),
                hidden=match.hidden[sheet.id].name,
            )
        else:
            yield problem(
                "missing-sheet", "missing_sheet", None, expected=sheet_names(sheet), found=in_file
            )


# --- One sheet: before its header --------------------------------------------------------


def empty_header_row(raw: RawSheet) -> Problems:
    """No header in the first row: data below it (a title above?) or no data at all."""
    if any(cell_text(c) for column in raw.columns for c in column):
        yield problem("missing-label", "header_row_empty", raw.name, row=raw.first_row)
    else:
        yield problem("no-data", "sheet_empty", raw.name)


def structure_cells(raw: RawSheet) -> set[tuple[int, int]]:
    """The cells of merged ranges, formulas without values and error values.

    They are reported by the checks below and not a second time as empty or mistyped.
    """
    cells = {(r, c) for r1, c1, r2, c2 in raw.merged
             for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}  # fmt: skip
    cells.update(raw.formula_no_value)
    cells.update(raw.error_cells)
    return cells


def merged_cells(raw: RawSheet) -> Problems:
    for r1, c1, r2, c2 in raw.merged:
        cell_range = (
            f"{column_letter(c1)}{raw.row_number(r1)}:{column_letter(c2)}{raw.row_number(r2)}"
        )
        yield problem(
            "merged-cells",
            "merged",
            raw.name,
            row=raw.row_number(r1),
            column=column_letter(c1),
            header=header_text(raw, c1),
            range=cell_range,
        )


def formulas_without_value(raw: RawSheet) -> Problems:
    for r, c in sorted(raw.formula_no_value):
        yield problem(
            "formula-no-value",
            "formula_no_value",
            raw.name,
            row=raw.row_number(r),
            column=column_letter(c),
            header=header_text(raw, c),
            cell=f"{column_letter(c)}{raw.row_number(r)}",
        )


def error_values(raw: RawSheet) -> Problems:
    for (r, c), text in sorted(raw.error_cells.items()):
        yield problem(
            "type-error",
            "error_value",
            raw.name,
            row=raw.row_number(r),
            column=column_letter(c),
            header=header_text(raw, c),
            value=text,
            cell=f"{column_letter(c)}{raw.row_number(r)}",
        )


# --- One sheet: its header row -----------------------------------------------------------


@dataclass
class HeaderMatch:
    """The header row of a sheet matched to the sheet's columns."""

    texts: list[str]
    # The canonical column of each matched index; the header text of each extra
    # (unknown) column, which is kept.
    mapping: dict[int, Column] = field(default_factory=dict)
    extras: dict[int, str] = field(default_factory=dict)
    # A header met a second time: (its index, the first one's, its text, its column).
    duplicates: list[tuple[int, int, str, Column | None]] = field(default_factory=list)
    # Blank headers above a column holding data.
    blank: list[int] = field(default_factory=list)


def match_header(sheet: Sheet, header: list[Cell], cells: list[Sequence[Cell]]) -> HeaderMatch:
    by_key = {key: col for col in sheet.columns for key in col.header_keys()}
    width = len(cells)
    match = HeaderMatch([cell_text(header[j]) if j < len(header) else "" for j in range(width)])
    seen: dict[str, int] = {}
    for j, text in enumerate(match.texts):
        if not text:
            if any(cell_text(v) for v in cells[j]):
                match.blank.append(j)
            continue
        key = normalise_label(text)
        col = by_key.get(key)
        first = seen.get(col.id if col else key)
        if first is not None:
            match.duplicates.append((j, first, text, col))
            continue
        seen[col.id if col else key] = j
        if col is None:
            match.extras[j] = text
        else:
            match.mapping[j] = col
    return match


def duplicate_headers(raw: RawSheet, match: HeaderMatch) -> Problems:
    for j, first, text, col in match.duplicates:
        same_text = normalise_label(header_text(raw, first) or "") == normalise_label(text)
        params: dict[str, object] = {"first": column_letter(first), "second": column_letter(j)}
        if not same_text and col is not None:
            params["expected"] = header_names(col)
        yield problem(
            "duplicate-label",
            "duplicate_label" if same_text else "duplicate_column",
            raw.name,
            row=raw.first_row,
            column=column_letter(j),
            header=text,
            **params,
        )


def header_not_found(raw: RawSheet, match: HeaderMatch) -> Problems:
    """No header cell names a column of the sheet: nothing below can be read as data."""
    if not match.mapping:
        yield problem(
            "missing-label",
            "header_not_found",
            raw.name,
            row=raw.first_row,
            found=quoted(match.texts, 40),
        )


def blank_headers(raw: RawSheet, match: HeaderMatch) -> Problems:
    for j in match.blank:
        yield problem(
            "blank-label", "blank_label", raw.name, row=raw.first_row, column=column_letter(j)
        )


def extra_headers(raw: RawSheet, match: HeaderMatch) -> Problems:
    """The extra columns, kept (a notice)."""
    for j, text in match.extras.items():
        yield problem(
            "extra-label",
            "extra_label",
            raw.name,
            row=raw.first_row,
            column=column_letter(j),
            header=text,
        )


def missing_headers(sheet: Sheet, raw: RawSheet, match: HeaderMatch) -> Problems:
    """The required columns not found."""
    placed = {col.id for col in match.mapping.values()}
    for col in sheet.columns:
        if col.required and col.id not in placed:
            yield problem(
                "missing-label",
                "missing_label",
                raw.name,
                row=raw.first_row,
                expected=header_names(col),
                found=quoted(match.texts),
            )


# --- One sheet: its rows -----------------------------------------------------------------


def blank_rows(table: Table, empty_rows: np.ndarray) -> Problems:
    """The empty rows among those holding data (trailing empty rows are not reported)."""
    filled = np.flatnonzero(~empty_rows)
    last = int(filled[-1]) if filled.size else -1
    for i in np.flatnonzero(empty_rows[:last]):
        yield problem("blank-row", "blank_row", table.raw.name, row=table.row_numbers[i])


def no_data(table: Table) -> Problems:
    """A sheet that must have rows has none."""
    if table.sheet.must_have_rows and not table.keep.any():
        yield problem("no-data", "no_data", table.raw.name)
