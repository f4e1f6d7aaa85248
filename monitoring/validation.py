"""Validation: raw sheets → a typed `Dataset` and a `Report` of every problem at once.

Order of checks (structure before content, as goodtables does): which sheets are there,
then each sheet's header row, then every cell by the type its column declares, then the
rules across rows (unique ids) and across sheets (references). Work is done column by
column, each distinct value of a column converted once and the column mapped through
the results in C, so that a 10,000-measure workbook validates in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np

from monitoring.dataset import (
    TABLE_IDS,
    Dataset,
    StatusScale,
    empty_table,
    table_from_columns,
    with_categories,
)
from monitoring.datebounds import parse_period
from monitoring.i18n import Localised
from monitoring.raw import Cell, RawSheet, RawWorkbook, gc_paused
from monitoring.report import Issue, Report, shorten
from monitoring.schema import (
    DEFAULT_SCALE,
    HEX_COLOUR,
    RETENTION_WITH_MEASURE,
    SHEETS,
    SHEETS_BY_ID,
    VERDICT_COUNT_COLUMNS,
    Column,
    Sheet,
    StatusLabel,
    column_letter,
    is_readme_sheet,
    match_sheet,
    normalise_label,
)

# Stripped from both ends of every text cell; a cell left empty counts as empty.
BLANK_CHARS = " \t\r\n\u00a0\u2007\u202f\u2009\u200a\u3000\u200b\u200c\u200d\u2060\ufeff"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_FR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Thousands separators (any space, the Swiss apostrophe) go; the minus sign becomes ASCII.
_NUMBER_CHARS = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, "\u2009": None,
                               "'": None, "\u2212": "-"})  # fmt: skip
_BAD = "\x00bad"  # the mapped value of a cell that matches nothing
_UNSEEN: Any = object()  # a cache miss
_EXCEL_1900 = dt.date(1899, 12, 30)
_EXCEL_1904 = dt.date(1904, 1, 1)
MIN_YEAR, MAX_YEAR = 1900, 2200


@dataclass
class _Col:
    """One converted column: values (None when empty), and which rows are empty."""

    values: list[object]
    empty: np.ndarray


@dataclass
class _Table:
    """One sheet being validated: its raw form, header mapping and converted columns."""

    sheet: Sheet
    raw: RawSheet
    # Header letter and text of each canonical column found, by column id.
    where: dict[str, tuple[str, str]] = field(default_factory=dict)
    columns: dict[str, _Col] = field(default_factory=dict)
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


def validate(raw: RawWorkbook) -> tuple[Dataset | None, Report]:
    """Validate a whole upload.

    Args:
        raw: the sheets as read by `monitoring.reading`.

    Returns:
        The typed dataset (None when any error was found) and the report of every
        problem (errors, warnings and notices), in the order of the workbook.
    """
    with gc_paused():  # millions of cells in, lists and tuples out: see `gc_paused`
        return _Validator(raw).run()


class _Validator:
    def __init__(self, raw: RawWorkbook) -> None:
        self.raw = raw
        self.report = Report()
        self.tables: dict[str, _Table] = {}
        self.scale = StatusScale()

    # --- The whole workbook ----------------------------------------------------------

    def run(self) -> tuple[Dataset | None, Report]:
        found = self._match_sheets()
        # The scale comes first: status cells are checked against it.
        if "status_scale" in found:
            self.scale = self._read_scale(found["status_scale"])
        for sheet in SHEETS:
            if sheet.id in found and sheet.id != "status_scale":
                self.tables[sheet.id] = self._read_sheet(sheet, found[sheet.id])
        self._check_references()
        self._sort_issues()
        if not self.report.ok:
            return None, self.report
        return self._dataset(), self.report

    def _match_sheets(self) -> dict[str, RawSheet]:
        found: dict[str, RawSheet] = {}
        hidden: dict[str, RawSheet] = {}
        for raw_sheet in self.raw.sheets:
            if is_readme_sheet(raw_sheet.name):
                continue
            sheet = match_sheet(raw_sheet.name)
            if raw_sheet.hidden:  # the reader already warned; never imported silently
                if sheet is not None:
                    hidden.setdefault(sheet.id, raw_sheet)
                continue
            if sheet is None:
                self._add("extra-sheet", "extra_sheet", raw_sheet.name)
            elif sheet.id in found:
                self._add(
                    "duplicate-sheet",
                    "duplicate_sheet",
                    raw_sheet.name,
                    expected=_names(sheet),
                    other=found[sheet.id].name,
                )
            else:
                found[sheet.id] = raw_sheet
        in_file = _quoted([s.name for s in self.raw.sheets])
        for sheet in SHEETS:
            if not sheet.required or sheet.id in found:
                continue
            if sheet.id in hidden:
                self._add(
                    "missing-sheet",
                    "missing_sheet_hidden",
                    None,
                    expected=_names(sheet),
                    hidden=hidden[sheet.id].name,
                )
            else:
                self._add(
                    "missing-sheet", "missing_sheet", None, expected=_names(sheet), found=in_file
                )
        return found

    # --- One sheet -------------------------------------------------------------------

    def _read_sheet(self, sheet: Sheet, raw: RawSheet) -> _Table:
        table = _Table(sheet, raw)
        header = raw.header
        cells = raw.columns
        if not any(_text(c) for c in header):
            if any(_text(c) for column in cells for c in column):
                # Data below an empty first row: a title or blank rows above the headers.
                self._add("missing-label", "header_row_empty", raw.name, row=raw.first_row)
            else:
                self._add("no-data", "sheet_empty", raw.name)
            return table
        width = len(cells)
        table.row_numbers = list(range(raw.row_number(1), raw.row_number(1) + raw.height))
        table.suppressed = self._structure_issues(raw)
        mapping, extras = self._map_header(sheet, raw, header, width, cells)
        if not mapping:  # no header row found: nothing below can be read as data
            return table
        empty_rows = self._convert_columns(table, header, cells, mapping, extras)
        self._blank_rows(table, empty_rows)
        if sheet.must_have_rows and not table.keep.any():
            self._add("no-data", "no_data", raw.name)
        self._check_required(table)
        self._check_unique(table)
        self._check_key(table)
        for col in sheet.columns:
            if col.latest is not None:
                self._check_bounds(table, col, col.latest)
        return table

    def _convert_columns(
        self,
        table: _Table,
        header: list[Cell],
        cells: list[Sequence[Cell]],
        mapping: dict[int, Column],
        extras: dict[int, str],
    ) -> np.ndarray:
        """Convert every column of the sheet; return which data rows are entirely empty."""
        empty_rows = np.ones(len(table.row_numbers), dtype=bool)
        for j, values in enumerate(cells):
            col = mapping.get(j)
            if col is not None:
                table.where[col.id] = (column_letter(j), _text(header[j]))
                converted = self._convert(table, col, j, values)
                table.columns[col.id] = converted
                table.cells[col.id] = values
            elif j in extras:
                # Kept and shown as text, so held to the rules of any text column.
                converted = self._convert(table, _extra_column(extras[j]), j, values)
                table.extras[_extra_name(table.sheet, extras[j], j)] = converted.values
            else:
                converted = _convert_text(values)
            empty_rows &= converted.empty
        return empty_rows

    def _structure_issues(self, raw: RawSheet) -> set[tuple[int, int]]:
        """Report merged ranges, formulas without values and error cells.

        Returns the cells concerned, so that they are not reported a second time as
        empty or mistyped.
        """
        suppressed: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in raw.merged:
            cell_range = (
                f"{column_letter(c1)}{raw.row_number(r1)}:{column_letter(c2)}{raw.row_number(r2)}"
            )
            self._add(
                "merged-cells",
                "merged",
                raw.name,
                row=raw.row_number(r1),
                column=column_letter(c1),
                header=_header_text(raw, c1),
                range=cell_range,
            )
            suppressed.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for r, c in sorted(raw.formula_no_value):
            cell = f"{column_letter(c)}{raw.row_number(r)}"
            self._add(
                "formula-no-value",
                "formula_no_value",
                raw.name,
                row=raw.row_number(r),
                column=column_letter(c),
                header=_header_text(raw, c),
                cell=cell,
            )
            suppressed.add((r, c))
        for (r, c), text in sorted(raw.error_cells.items()):
            self._add(
                "type-error",
                "error_value",
                raw.name,
                row=raw.row_number(r),
                column=column_letter(c),
                header=_header_text(raw, c),
                value=text,
                cell=f"{column_letter(c)}{raw.row_number(r)}",
            )
            suppressed.add((r, c))
        return suppressed

    def _map_header(
        self,
        sheet: Sheet,
        raw: RawSheet,
        header: list[Cell],
        width: int,
        cells: list[Sequence[Cell]],
    ) -> tuple[dict[int, Column], dict[int, str]]:
        """Match header cells to the sheet's columns; report blank, duplicate, missing.

        Returns the canonical column of each matched index and the header text of each
        extra (unknown) column, which is kept.
        """
        by_key = {key: col for col in sheet.columns for key in col.header_keys()}
        mapping: dict[int, Column] = {}
        extras: dict[int, str] = {}
        seen: dict[str, int] = {}
        texts = [_text(header[j]) if j < len(header) else "" for j in range(width)]
        blank: list[int] = []
        for j, text in enumerate(texts):
            if not text:
                if any(_text(v) for v in cells[j]):
                    blank.append(j)
                continue
            key = normalise_label(text)
            col = by_key.get(key)
            first = seen.get(col.id if col else key)
            if first is not None:
                self._duplicate_header(raw, j, first, text, col)
                continue
            seen[col.id if col else key] = j
            if col is None:
                extras[j] = text
            else:
                mapping[j] = col
        if not mapping:
            self._add(
                "missing-label",
                "header_not_found",
                raw.name,
                row=raw.first_row,
                found=_quoted(texts, 40),
            )
            return mapping, {}
        for j in blank:
            self._add(
                "blank-label", "blank_label", raw.name, row=raw.first_row, column=column_letter(j)
            )
        self._header_notices(sheet, raw, texts, mapping, extras)
        return mapping, extras

    def _duplicate_header(
        self, raw: RawSheet, j: int, first: int, text: str, col: Column | None
    ) -> None:
        same_text = normalise_label(_header_text(raw, first) or "") == normalise_label(text)
        params: dict[str, object] = {"first": column_letter(first), "second": column_letter(j)}
        if not same_text and col is not None:
            params["expected"] = _headers(col)
        self._add(
            "duplicate-label",
            "duplicate_label" if same_text else "duplicate_column",
            raw.name,
            row=raw.first_row,
            column=column_letter(j),
            header=text,
            **params,
        )

    def _header_notices(
        self,
        sheet: Sheet,
        raw: RawSheet,
        texts: list[str],
        mapping: dict[int, Column],
        extras: dict[int, str],
    ) -> None:
        """Report the extra columns (kept) and the required columns not found."""
        for j, text in extras.items():
            self._add(
                "extra-label",
                "extra_label",
                raw.name,
                row=raw.first_row,
                column=column_letter(j),
                header=text,
            )
        placed = {col.id for col in mapping.values()}
        for col in sheet.columns:
            if col.required and col.id not in placed:
                self._add(
                    "missing-label",
                    "missing_label",
                    raw.name,
                    row=raw.first_row,
                    expected=_headers(col),
                    found=_quoted(texts),
                )

    def _convert(self, table: _Table, col: Column, j: int, values: Sequence[Cell]) -> _Col:
        """Convert one column by its declared type, reporting every bad cell."""
        if col.type == "date" and col.latest is not None:
            converted, bad, ends = _convert_bounded_dates(values, self.raw.date1904)
            table.period_ends[col.id] = ends
        elif col.type == "date":
            converted, bad = _convert_dates(values, self.raw.date1904)
        elif col.type in ("integer", "number"):
            converted, bad = _convert_numbers(
                values, integer=col.type == "integer", percent=col.id == "progress_pct"
            )
        elif col.type == "choice":
            converted, bad = _convert_choice(values, col)
        elif col.type == "status":
            converted, bad = _convert_status(values, self.scale)
        else:
            converted, bad = _convert_text_checked(values, col)
        for i, key, params in bad:
            self._cell_issue(table, col, j, i, key, values[i], **params)
        if col.min_value is not None or col.max_value is not None:
            self._check_range(table, col, j, converted, values)
        return converted

    def _check_range(
        self, table: _Table, col: Column, j: int, converted: _Col, raw: Sequence[Cell]
    ) -> None:
        low, high = col.min_value, col.max_value
        for i, v in enumerate(converted.values):
            if v is None:
                continue
            number = float(v)  # type: ignore[arg-type]
            if low is not None and number < low:
                self._cell_issue(table, col, j, i, "min_value", raw[i], min=low)
            elif high is not None and number > high:
                self._cell_issue(table, col, j, i, "max_value", raw[i], max=high)

    def _blank_rows(self, table: _Table, empty_rows: np.ndarray) -> None:
        """Keep the rows holding data; report the empty ones among them, not trailing ones."""
        table.keep = ~empty_rows
        filled = np.flatnonzero(table.keep)
        last = int(filled[-1]) if filled.size else -1
        for i in np.flatnonzero(empty_rows[:last]):
            self._add("blank-row", "blank_row", table.raw.name, row=table.row_numbers[i])

    def _check_required(self, table: _Table) -> None:
        for col in table.sheet.columns:
            converted = table.columns.get(col.id)
            if not col.required or converted is None:
                continue
            letter, _ = table.where[col.id]
            j = _letter_index(letter)
            for i in np.flatnonzero(converted.empty & table.keep):
                self._cell_issue(table, col, j, int(i), "required", "")

    def _check_unique(self, table: _Table) -> None:
        for col in table.sheet.columns:
            values = table.values(col.id)
            if not col.unique or values is None:
                continue
            j = _letter_index(table.where[col.id][0])
            first: dict[object, int] = {}
            for i, v in enumerate(values):
                if v is None:
                    continue
                key = normalise_label(str(v)) if col.id == "label" else v
                if key in first:
                    self._cell_issue(
                        table,
                        col,
                        j,
                        i,
                        "unique",
                        v,
                        code="unique-error",
                        first=table.row_numbers[first[key]],
                    )
                else:
                    first[key] = i

    def _check_key(self, table: _Table) -> None:
        """A key of several columns (`Sheet.key`) names one row only.

        Single-column keys are `unique` columns, checked above; rows missing a part of
        the key are left to the required-cell check.
        """
        key = table.sheet.key
        if len(key) < 2 or any(c not in table.columns for c in key):
            return
        parts = [table.columns[c].values for c in key]
        col = table.sheet.column(key[0])
        j = _letter_index(table.where[key[0]][0])
        headers = [table.where[c][1] for c in key]
        first: dict[tuple[object, ...], int] = {}
        for i, values in enumerate(zip(*parts, strict=True)):
            if not table.keep[i] or any(v is None for v in values):
                continue
            k = tuple(normalise_label(v) if isinstance(v, str) else v for v in values)
            if k in first:
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "duplicate_key",
                    table.cells[key[0]][i],
                    code="unique-error",
                    columns=_quoted(headers),
                    first=table.row_numbers[first[k]],
                )
            else:
                first[k] = i

    def _check_bounds(self, table: _Table, col: Column, latest_id: str) -> None:
        """Settle a bounded date and its companion (the latest possible day) row by row.

        A period typed in the date ("mars 2014") gives the companion its last day when the
        companion is empty; a companion given with it wins. A companion before the date is
        an error; one equal to the date is stored empty (known to the day), so that the
        pair is canonical and an export reads back identical.
        """
        n = len(table.row_numbers)
        dated = table.columns.get(col.id)
        dates = dated.values if dated is not None else None
        ends = table.period_ends.get(col.id) or [None] * n
        latest = table.columns.get(latest_id)
        if latest is None:
            if not any(ends):
                return
            # An older workbook without the companion column: the periods still need one.
            latest = table.columns[latest_id] = _Col([None] * n, np.ones(n, dtype=bool))
        values = latest.values = list(latest.values)
        companion = table.sheet.column(latest_id)
        for i in range(n):
            given, end = values[i], ends[i]
            if (given is None and end is None) or not table.keep[i]:
                continue
            first = dates[i] if dates is not None else None
            if first is None:
                # A required date says so itself; a date that is not one is reported as such.
                blank = dated is None or bool(dated.empty[i])
                if given is not None and blank and not col.required:
                    self._bound_issue(table, col, companion, i, "latest_without_date")
                continue
            if given is None:
                given = end
            elif given < first:  # type: ignore[operator]
                self._bound_issue(
                    table, col, companion, i, "latest_before_date", latest=given, date=first
                )
                continue
            values[i] = None if given == first else given
            latest.empty[i] = values[i] is None

    def _bound_issue(
        self, table: _Table, col: Column, companion: Column, i: int, key: str, **params: object
    ) -> None:
        """Report a problem of a date's companion, at the companion's cell."""
        letter = table.where.get(companion.id, ("", ""))[0]
        date_letter, date_header = table.where.get(col.id, ("", col.fr))
        j = _letter_index(letter) if letter else -1
        cells = table.cells.get(companion.id)
        self._cell_issue(
            table,
            companion,
            j,
            i,
            key,
            cells[i] if cells is not None else "",
            code="constraint-error",
            date_column=date_letter,
            date_header=date_header,
            **params,
        )

    # --- The status scale ------------------------------------------------------------

    def _read_scale(self, raw: RawSheet) -> StatusScale:
        sheet = SHEETS_BY_ID["status_scale"]
        table = self._read_sheet(sheet, raw)
        labels, categories = table.values("label"), table.values("category")
        if labels is None or categories is None or not table.keep.any():
            return StatusScale()
        orders = table.values("order") or [None] * len(labels)
        colours = self._scale_colours(table)
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

    def _scale_colours(self, table: _Table) -> list[str | None]:
        """The colour of each label, None when empty or not `#RRGGBB` (reported)."""
        values = table.values("colour")
        if values is None:
            return [None] * len(table.row_numbers)
        col = table.sheet.column("colour")
        j = _letter_index(table.where["colour"][0])
        colours: list[str | None] = []
        for i, colour in enumerate(values):
            if colour is not None and not HEX_COLOUR.match(str(colour)):
                self._cell_issue(table, col, j, i, "colour", colour)
                colour = None
            colours.append(None if colour is None else str(colour))
        return colours

    # --- Across sheets ---------------------------------------------------------------

    def _check_references(self) -> None:
        plans = self._keys("plans", "plan_id")
        measures = self._keys("measures", "measure_id")
        recs = self._keys("recommendations", "rec_id")
        events = self._keys("events", "event_id")
        measure_plan = self._pairs("measures", "measure_id", "plan_id")
        plan_start = self._pairs("plans", "plan_id", "period_start")
        self._check_periods()
        self._ref("plans", "previous_plan_id", plans, "unknown_plan", self_key="plan_id")
        self._ref("measures", "plan_id", plans, "unknown_plan")
        self._ref("measures", "carried_from", measures, "unknown_measure", self_key="measure_id")
        self._carried_from_earlier(measure_plan, plan_start)
        self._ref("retention", "rec_id", recs, "unknown_rec")
        self._ref("retention", "plan_id", plans, "unknown_plan")
        self._ref("retention", "measure_id", measures, "unknown_measure")
        self._retention_rules(measure_plan)
        self._ref("status_updates", "measure_id", measures, "unknown_measure")
        self._ref("events", "reply_to", events, "unknown_event", self_key="event_id")
        self._ref("events", "plan_id", plans, "unknown_plan")
        self._measure_lists(measures)
        self._ref("published_verdicts", "plan_id", plans, "unknown_plan")
        self._verdict_rules()

    def _keys(self, table_id: str, column_id: str) -> set[object] | None:
        table = self.tables.get(table_id)
        values = table.values(column_id) if table else None
        if values is None or table is None:
            return None
        if table.sheet.must_have_rows and not table.keep.any():
            return None  # already `no-data`: one issue, not one per reference to it
        return {v for v, keep in zip(values, table.keep, strict=True) if keep and v is not None}

    def _pairs(self, table_id: str, key: str, value: str) -> dict[object, object]:
        table = self.tables.get(table_id)
        if table is None:
            return {}
        keys, values = table.values(key), table.values(value)
        if keys is None or values is None:
            return {}
        return {k: v for k, v in zip(keys, values, strict=True) if k is not None}

    def _ref(
        self,
        table_id: str,
        column_id: str,
        targets: set[object] | None,
        key: str,
        self_key: str | None = None,
    ) -> None:
        table = self.tables.get(table_id)
        values = table.values(column_id) if table else None
        if table is None or values is None or targets is None:
            return
        col = table.sheet.column(column_id)
        j = _letter_index(table.where[column_id][0])
        own = table.values(self_key) if self_key else None
        for i, v in enumerate(values):
            if v is None or not table.keep[i]:
                continue
            if own is not None and own[i] == v:
                self._cell_issue(table, col, j, i, "self_reference", v, code="foreign-key")
            elif v not in targets:
                self._cell_issue(table, col, j, i, key, v, code="foreign-key")

    def _check_periods(self) -> None:
        table = self.tables.get("plans")
        if table is None:
            return
        starts, ends = table.values("period_start"), table.values("period_end")
        if starts is None or ends is None:
            return
        col = table.sheet.column("period_end")
        j = _letter_index(table.where["period_end"][0])
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if start is not None and end is not None and end < start:  # type: ignore[operator]
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "period_order",
                    table.cells["period_end"][i],
                    code="constraint-error",
                    start=start,
                    end=end,
                )

    def _carried_from_earlier(
        self, measure_plan: dict[object, object], plan_start: dict[object, object]
    ) -> None:
        table = self.tables.get("measures")
        if table is None:
            return
        carried, plans = table.values("carried_from"), table.values("plan_id")
        own_ids = table.values("measure_id")
        if carried is None or plans is None:
            return
        col = table.sheet.column("carried_from")
        j = _letter_index(table.where["carried_from"][0])
        for i, source in enumerate(carried):
            if source is None or source not in measure_plan or not table.keep[i]:
                continue
            if own_ids is not None and own_ids[i] == source:
                continue  # already reported as a reference to itself
            source_plan, own_plan = measure_plan[source], plans[i]
            own_start, source_start = plan_start.get(own_plan), plan_start.get(source_plan)
            if source_plan == own_plan or (
                own_start is not None and source_start is not None and source_start >= own_start  # type: ignore[operator]
            ):
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "carried_not_earlier",
                    source,
                    code="foreign-key",
                    plan=str(source_plan),
                )

    def _retention_rules(self, measure_plan: dict[object, object]) -> None:
        """Levels that need a measure have one, others none; the measure is of that plan."""
        table = self.tables.get("retention")
        levels = table.values("level") if table else None
        if table is None or levels is None:
            return
        blank: list[object] = [None] * len(levels)
        measures = table.values("measure_id") or blank
        plans = table.values("plan_id") or blank
        recs = table.values("rec_id") or blank
        seen: dict[tuple[object, object, object], int] = {}
        for i, level in enumerate(levels):
            if not table.keep[i] or level is None:
                continue
            measure, plan, rec = measures[i], plans[i], recs[i]
            self._retention_level(table, i, str(level), measure)
            actual = measure_plan.get(measure) if measure is not None else None
            if actual is not None and plan is not None and actual != plan:
                col, j = self._retention_cell(table, "measure_id")
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "measure_other_plan",
                    measure,
                    code="foreign-key",
                    actual=str(actual),
                    expected=str(plan),
                )
            if rec is None or plan is None:
                continue
            first = seen.setdefault((rec, plan, measure), i)
            if first != i:
                col, j = self._retention_cell(table, "rec_id")
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "duplicate_retention",
                    rec,
                    code="unique-error",
                    rec=str(rec),
                    first=table.row_numbers[first],
                )

    def _retention_level(self, table: _Table, i: int, level: str, measure: object) -> None:
        needs_measure = level in RETENTION_WITH_MEASURE
        if needs_measure == (measure is not None):
            return
        choice = table.sheet.column("level").choice(level)
        label = Localised(choice.fr.lower(), choice.en.lower())
        col, j = self._retention_cell(table, "measure_id")
        self._cell_issue(
            table,
            col,
            j,
            i,
            "retained_needs_measure" if needs_measure else "not_retained_has_measure",
            measure if measure is not None else "",
            code="constraint-error",
            level=label,
        )

    @staticmethod
    def _retention_cell(table: _Table, column_id: str) -> tuple[Column, int]:
        """The column an issue of a retention row points at (the level when it is absent)."""
        if column_id not in table.where:
            column_id = "level"
        return table.sheet.column(column_id), _letter_index(table.where[column_id][0])

    def _measure_lists(self, measures: set[object] | None) -> None:
        table = self.tables.get("events")
        values = table.values("measure_ids") if table else None
        if table is None or values is None or measures is None:
            return
        col = table.sheet.column("measure_ids")
        j = _letter_index(table.where["measure_ids"][0])
        for i, text in enumerate(values):
            if text is None or not table.keep[i]:
                continue
            for item in str(text).split(","):
                item = item.strip(BLANK_CHARS)
                if item and item not in measures:
                    self._cell_issue(table, col, j, i, "unknown_measure", item, code="foreign-key")

    def _verdict_rules(self) -> None:
        """The rules of a published verdict: at least one count, the counts within the
        measures covered, and those within the plan's measures in the Measures sheet."""
        table = self.tables.get("published_verdicts")
        if table is None or table.values("measures_covered") is None:
            return
        sizes = self._plan_sizes()
        plans = self._keys("plans", "plan_id") or set()
        for i in np.flatnonzero(table.keep).tolist():
            counts = [
                table.values(c)[i]  # type: ignore[index]
                for c in VERDICT_COUNT_COLUMNS.values()
                if c in table.columns
            ]
            given = [int(c) for c in counts if c is not None]  # type: ignore[arg-type]
            if not given:
                self._verdict_without_counts(table, i)
            else:
                self._verdict_counts_within_covered(table, i, sum(given))
            if sizes is not None:
                self._verdict_covered_within_plan(table, i, sizes, plans)

    def _plan_sizes(self) -> dict[object, int] | None:
        """How many measures each plan has in the Measures sheet (None without it)."""
        table = self.tables.get("measures")
        plans = table.values("plan_id") if table else None
        if table is None or plans is None:
            return None
        sizes: dict[object, int] = {}
        for plan, keep in zip(plans, table.keep, strict=True):
            if keep and plan is not None:
                sizes[plan] = sizes.get(plan, 0) + 1
        return sizes

    def _verdict_without_counts(self, table: _Table, i: int) -> None:
        present = [c for c in VERDICT_COUNT_COLUMNS.values() if c in table.where]
        at = present[0] if present else "measures_covered"
        columns = [table.sheet.column(c) for c in VERDICT_COUNT_COLUMNS.values()]
        self._cell_issue(
            table,
            table.sheet.column(at),
            _letter_index(table.where[at][0]),
            i,
            "verdict_without_counts",
            "",
            code="constraint-error",
            columns=Localised(
                ", ".join(f"« {c.fr} »" for c in columns), ", ".join(f'"{c.en}"' for c in columns)
            ),
        )

    def _verdict_counts_within_covered(self, table: _Table, i: int, total: int) -> None:
        covered = table.values("measures_covered")[i]  # type: ignore[index]
        if covered is None or total <= covered:  # type: ignore[operator]
            return
        self._cell_issue(
            table,
            table.sheet.column("measures_covered"),
            _letter_index(table.where["measures_covered"][0]),
            i,
            "verdict_counts_over_covered",
            table.cells["measures_covered"][i],
            code="constraint-error",
            total=total,
            covered=covered,
        )

    def _verdict_covered_within_plan(
        self, table: _Table, i: int, sizes: dict[object, int], plans: set[object]
    ) -> None:
        covered = table.values("measures_covered")[i]  # type: ignore[index]
        plan = table.values("plan_id")[i] if "plan_id" in table.columns else None  # type: ignore[index]
        if covered is None or plan is None or plan not in plans:
            return  # an unknown plan is reported once, as such
        measures = sizes.get(plan, 0)
        if covered <= measures:  # type: ignore[operator]
            return
        self._cell_issue(
            table,
            table.sheet.column("measures_covered"),
            _letter_index(table.where["measures_covered"][0]),
            i,
            "verdict_covered_over_plan",
            table.cells["measures_covered"][i],
            code="constraint-error",
            plan=str(plan),
            measures=measures,
            measures_sheet=Localised(SHEETS_BY_ID["measures"].fr, SHEETS_BY_ID["measures"].en),
        )

    # --- Assembly ---------------------------------------------------------------------

    def _dataset(self) -> Dataset:
        tables = {}
        extras: dict[str, tuple[str, ...]] = {}
        for sheet in SHEETS:
            if sheet.id == "status_scale":
                continue
            table = self.tables.get(sheet.id)
            if table is None:
                tables[sheet.id] = empty_table(sheet)
                continue
            keep = table.keep
            columns: dict[str, list[object]] = {}
            for col_id, col in table.columns.items():
                columns[col_id] = _kept(col.values, keep)
            if sheet.id == "events" and "measure_ids" in columns:
                columns["measure_ids"] = [_tidy_ids(v) for v in columns["measure_ids"]]
            for name, values in table.extras.items():
                columns[name] = _kept(values, keep)
            if not columns:
                tables[sheet.id] = empty_table(sheet)
                continue
            rows = _kept(table.row_numbers, keep)  # type: ignore[arg-type]
            tables[sheet.id] = table_from_columns(sheet, columns, rows)  # type: ignore[arg-type]
            extras[sheet.id] = tuple(table.extras)
        tables["status_updates"] = with_categories(tables["status_updates"], self.scale)
        assert set(tables) == set(TABLE_IDS)
        return Dataset(tables=tables, scale=self.scale, extras=extras, name=self.raw.file_name)

    def _sort_issues(self) -> None:
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

    # --- Reporting --------------------------------------------------------------------

    def _add(
        self,
        code: str,
        key: str,
        sheet: str | None,
        *,
        row: int | None = None,
        column: str | None = None,
        header: str | None = None,
        value: object = None,
        **params: object,
    ) -> None:
        if self.report.truncated:  # nothing more is kept: spare the work on huge files
            return
        self.report.add(
            Issue(
                code,
                key,
                sheet=sheet,
                row=row,
                column=column,
                header=header,
                value=None if value is None else shorten(value),
                params=params,
            )
        )

    def _cell_issue(
        self,
        table: _Table,
        col: Column,
        j: int,
        i: int,
        key: str,
        value: object,
        *,
        code: str | None = None,
        **params: object,
    ) -> None:
        if self.report.truncated or (table.suppressed and (i + 1, j) in table.suppressed):
            return
        letter, header = table.where.get(col.id, (column_letter(j), col.fr))
        shown = _text(value) if not isinstance(value, str) else value
        if type(value) is float and value != value:
            shown = "NaN"  # a number cell holding NaN is not empty: show what it holds
        self._add(
            code or _CODE_OF_KEY.get(key, "type-error"),
            key,
            table.raw.name,
            row=table.row_numbers[i],
            column=letter,
            header=header,
            value=shown if shown != "" else None,
            **params,
        )


_CODE_OF_KEY = {
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


# --- Cell conversion, column at a time -------------------------------------------------
# Each converter returns the column's values (None when empty) and the bad cells as
# (row index, message key, params).

_Bad = list[tuple[int, str, dict[str, Any]]]


def _text(value: Cell) -> str:
    """The text of a cell, stripped; "" for an empty cell (NaN too: some readers' empty)."""
    if type(value) is str:
        return value.strip(BLANK_CHARS)
    if value is None or value == "":
        return ""
    if type(value) is float:
        if value != value:
            return ""
        if value.is_integer():  # `7.0` in an id column is the number the user typed: `7`
            return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _is_empty(value: Cell) -> bool:
    """True for the cells that count as empty in a typed column (None and NaN included)."""
    return value is None or value == "" or (type(value) is float and value != value)


def _kinds(values: Sequence[Cell]) -> set[type]:
    return set(map(type, values))


# Cells that can be converted once per distinct value, looked up by equality: `bool`
# is left out, as `True == 1` would mix two cells that read differently.
_BY_VALUE = frozenset({str, float, int, type(None), dt.date, dt.datetime})


def _texts(values: Sequence[Cell]) -> list[str]:
    if _kinds(values) == {str}:  # the usual column: strip in C, no call per cell
        return list(map(str.strip, values, repeat(BLANK_CHARS, len(values))))  # type: ignore[arg-type]
    return [v.strip(BLANK_CHARS) if type(v) is str else _text(v) for v in values]


def _text_values(texts: list[str]) -> tuple[list[object], np.ndarray]:
    """The values of a text column (None for "") and which are empty."""
    if "" not in texts:
        return texts, np.zeros(len(texts), dtype=bool)  # type: ignore[return-value]
    empty = np.fromiter(map(operator.not_, texts), dtype=bool, count=len(texts))
    return [s or None for s in texts], empty


def _convert_text(values: Sequence[Cell]) -> _Col:
    return _Col(*_text_values(_texts(values)))


def _convert_text_checked(values: Sequence[Cell], col: Column) -> tuple[_Col, _Bad]:
    texts = _texts(values)
    bad: _Bad = []
    # One regex pass over the whole column; cells are looked at only when it finds one.
    if _CONTROL.search("\n".join(texts)):
        for i, s in enumerate(texts):
            match = _CONTROL.search(s)
            if match:
                bad.append((i, "control_char", {"char": f"U+{ord(match.group()):04X}"}))
    if max(map(len, texts), default=0) > col.max_length:
        for i, s in enumerate(texts):
            if len(s) > col.max_length:
                bad.append((i, "too_long", {"length": len(s), "limit": col.max_length}))
    return _Col(*_text_values(texts)), bad


def _serial_date(number: float, date1904: bool) -> dt.date | None:
    if date1904:
        return _EXCEL_1904 + dt.timedelta(days=int(number))
    if int(number) == 60:  # Excel's fictitious 29 February 1900
        return None
    if number < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=int(number))
    return _EXCEL_1900 + dt.timedelta(days=int(number))


def _parse_date_text(text: str) -> dt.date | None:
    m = _ISO_DATE.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _FR_DATE.match(text)
        if not m:
            return None
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# Excel's date numbers: 1 is 01/01/1900 and 2958465 is 31/12/9999 (its last day).
EXCEL_MAX_SERIAL = 2_958_465


def _serial_or_key(number: float, date1904: bool) -> dt.date | str:
    if not math.isfinite(number) or not 0 < number < EXCEL_MAX_SERIAL + 1:
        return "date_serial"  # 0, negative, beyond 31/12/9999, infinite or NaN
    if number.is_integer() and MIN_YEAR <= number <= MAX_YEAR:
        # A year typed alone (2024) would read as a day of 1905: never what was meant.
        return "date_year_only"
    result = _serial_date(number, date1904)
    return "date_serial_60" if result is None else result


def _date_or_key(value: Cell, date1904: bool) -> dt.date | str | None:
    """The date a non-empty cell holds, or the message key saying why it is not one."""
    kind = type(value)
    result: dt.date | str | None
    if kind is str:
        text = value.strip(BLANK_CHARS)  # type: ignore[attr-defined]
        result = (_parse_date_text(text) or "date_format") if text else None
    elif kind is float or kind is int:
        result = _serial_or_key(float(value), date1904)  # type: ignore[arg-type]
    elif isinstance(value, dt.datetime):  # pandas' Timestamp too
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, dt.time):
        # What a reader gives for a date cell holding 0, a negative number or a fraction
        # of a day: not a date, and "00:00:00 is not a date" would not say why.
        result = "date_time_only"
    else:  # booleans, durations
        result = "date_format"
    if isinstance(result, dt.date) and not MIN_YEAR <= result.year <= MAX_YEAR:
        return "date_range"
    return result


def _convert_dates(values: Sequence[Cell], date1904: bool) -> tuple[_Col, _Bad]:
    if _kinds(values) <= _BY_VALUE:
        # Columns repeat the same few dates: each distinct value is read once, and the
        # column is mapped through the results in C.
        read = {v: _invalid(None if v is None else _date_or_key(v, date1904)) for v in set(values)}
        return _mapped(values, read, _date_params)
    out: list[object] = []
    bad: _Bad = []
    empty = np.zeros(len(values), dtype=bool)
    # Columns repeat the same few texts and serial numbers: each is read once.
    cache: dict[object, dt.date | str | None] = {}
    for i, v in enumerate(values):
        kind = type(v)
        if kind is str or kind is float or kind is int:
            result = cache.get(v, _UNSEEN)
            if result is _UNSEEN:
                result = cache[v] = _date_or_key(v, date1904)
        elif v is None:
            result = None
        else:
            result = _date_or_key(v, date1904)
        if isinstance(result, str):
            # Years as text: a number param would be written `1 900` in French.
            params = {"min": str(MIN_YEAR), "max": str(MAX_YEAR)} if result == "date_range" else {}
            bad.append((i, result, params))
            result = None  # a bad date is not empty: the row is kept and the error stands
        elif result is None:
            empty[i] = True
        out.append(result)
    return _Col(out, empty), bad


def _bounded_date_or_key(value: Cell, date1904: bool) -> object:
    """What a cell of a bounded date column holds: a day, a period (first, last), None
    when empty, or the message key saying why it is neither.

    A period is a month or a year as text ("mars 2014", "2014", "03/2014", "2014-03"), or
    a year typed as a number (2014: a spreadsheet stores what was typed as a number).
    Other numbers keep their meaning of Excel date serials.
    """
    kind = type(value)
    if kind is str:
        text = value.strip(BLANK_CHARS)  # type: ignore[attr-defined]
        if not text:
            return None
        day = _parse_date_text(text)
        if day is None:
            return parse_period(text) or "date_format_bounded"
        return "date_range" if not MIN_YEAR <= day.year <= MAX_YEAR else day
    if (kind is float or kind is int) and not _is_empty(value):
        number = float(value)  # type: ignore[arg-type]
        if number.is_integer() and MIN_YEAR <= number <= MAX_YEAR:
            return parse_period(str(int(number))) or "date_year_only"
    result = _date_or_key(value, date1904)
    return "date_format_bounded" if result == "date_format" else result


def _convert_bounded_dates(
    values: Sequence[Cell], date1904: bool
) -> tuple[_Col, _Bad, list[dt.date | None]]:
    """Convert a bounded date column: the first day of each cell, and of each period its
    last day (None for a day or an empty cell)."""
    if _kinds(values) <= _BY_VALUE:
        # Each distinct cell read once, the column mapped through the results in C.
        read = {v: _bounded_date_or_key(v, date1904) for v in set(values)}
        first = {v: r[0] if type(r) is tuple else None if type(r) is str else r
                 for v, r in read.items()}  # fmt: skip
        out = list(map(first.__getitem__, values))
        is_empty = {v: r is None for v, r in read.items()}
        empty = np.fromiter(map(is_empty.__getitem__, values), dtype=bool, count=len(values))
        ends: list[dt.date | None] = [None] * len(values)
        bad: _Bad = []
        if any(type(r) is tuple or type(r) is str for r in read.values()):
            for i, v in enumerate(values):
                r = read[v]
                if type(r) is tuple:
                    ends[i] = r[1]
                elif type(r) is str:
                    bad.append((i, r, _date_params(r)))
        return _Col(out, empty), bad, ends
    out = []
    ends = []
    bad = []
    empty = np.zeros(len(values), dtype=bool)
    # Keyed by type too: `True == 1` must not share a result with the number 1.
    cache: dict[tuple[type, object], object] = {}
    for i, v in enumerate(values):
        key = (type(v), v)
        result = cache.get(key, _UNSEEN)
        if result is _UNSEEN:
            result = cache[key] = _bounded_date_or_key(v, date1904)
        end = None
        if isinstance(result, tuple):
            result, end = result
        elif isinstance(result, str):
            bad.append((i, result, _date_params(result)))
            result = None  # a bad date is not empty: the row is kept and the error stands
        elif result is None:
            empty[i] = True
        out.append(result)
        ends.append(end)
    return _Col(out, empty), bad, ends


def _date_params(key: str) -> dict[str, Any]:
    # Years as text: a number param would be written `1 900` in French.
    return {"min": str(MIN_YEAR), "max": str(MAX_YEAR)} if key == "date_range" else {}


@dataclass(frozen=True)
class _Invalid:
    """What a bad cell converts to: the key of the message saying why."""

    key: str


def _invalid(result: object) -> object:
    """A converter's result, its message key (a str) wrapped as `_Invalid`."""
    return _Invalid(result) if type(result) is str else result


def _mapped(
    values: Sequence[Cell], read: dict[object, object], params: Callable[[str], dict[str, Any]]
) -> tuple[_Col, _Bad]:
    """Map a column through `read`: distinct cell → value, None when empty, `_Invalid`
    when bad (the cell gives None, is not empty, and is reported)."""
    bad_keys = any(type(r) is _Invalid for r in read.values())
    value = {v: None if type(r) is _Invalid else r for v, r in read.items()} if bad_keys else read
    out = list(map(value.__getitem__, values))
    if None in value.values():
        is_empty = {v: r is None for v, r in read.items()}
        empty = np.fromiter(map(is_empty.__getitem__, values), dtype=bool, count=len(values))
    else:
        empty = np.zeros(len(values), dtype=bool)
    bad: _Bad = []
    if bad_keys:
        for i, v in enumerate(values):
            result = read[v]
            if type(result) is _Invalid:
                bad.append((i, result.key, params(result.key)))
    return _Col(out, empty), bad


def _number_or_key(v: Cell, key: str, integer: bool, percent: bool) -> object:
    """The number in one cell (None when empty), or `key` when it holds none."""
    kind = type(v)
    number: float | None
    if kind is float or kind is int:
        number = float(v)  # type: ignore[arg-type]
    elif kind is str and v.strip(BLANK_CHARS):  # type: ignore[attr-defined]
        number = _parse_number(v, percent)  # type: ignore[arg-type]
    elif kind is str or _is_empty(v):
        return None
    else:  # booleans, dates
        number = None
    if number is not None and not math.isfinite(number):  # NaN, infinity: never an amount
        return "number_not_finite"
    if number is None or (integer and not number.is_integer()):
        return key
    return int(number) if integer else number


def _no_params(_key: str) -> dict[str, Any]:
    return {}


def _convert_numbers(values: Sequence[Cell], *, integer: bool, percent: bool) -> tuple[_Col, _Bad]:
    if _kinds(values) <= _BY_VALUE:
        key = "integer" if integer else "number"
        read = {v: _invalid(_number_or_key(v, key, integer, percent)) for v in set(values)}
        return _mapped(values, read, _no_params)
    out: list[object] = []
    bad: _Bad = []
    empty = np.zeros(len(values), dtype=bool)
    key = "integer" if integer else "number"
    cache: dict[str, float | None] = {}
    for i, v in enumerate(values):
        kind = type(v)
        number: float | None
        if kind is float or kind is int:
            number = float(v)  # type: ignore[arg-type]
        elif kind is str and v.strip(BLANK_CHARS):  # type: ignore[attr-defined]
            if v not in cache:
                cache[v] = _parse_number(v, percent)  # type: ignore[index, arg-type]
            number = cache[v]  # type: ignore[index]
        elif kind is str or _is_empty(v):
            out.append(None)
            empty[i] = True
            continue
        else:  # booleans, dates
            number = None
        if number is not None and not math.isfinite(number):  # NaN, infinity: refused
            bad.append((i, "number_not_finite", {}))
            out.append(None)
            continue
        if number is None or (integer and not number.is_integer()):
            bad.append((i, key, {}))
            out.append(None)
            continue
        out.append(int(number) if integer else number)
    return _Col(out, empty), bad


def _parse_number(text: str, percent: bool) -> float | None:
    """Read `1500`, `1 500` (any space), `1500,50` or `1500.50`, and `50 %` for percentages.

    One decimal mark only: `1.500,50` is refused rather than guessed. NaN and infinity
    come back as such (the caller refuses them with their own message).
    """
    text = text.translate(_NUMBER_CHARS)
    if percent and text.endswith("%"):
        text = text[:-1]
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if "_" in text:  # float() reads `1_000`; a spreadsheet user never means it
        return None
    try:
        return float(text)  # `NaN`, `inf`, `Infinity`, `1e999` too: the caller refuses them
    except ValueError:
        return None


def _choice_lookup(col: Column) -> dict[str, str]:
    return {key: choice.code for choice in col.choices for key in choice.match_keys()}


def _convert_mapped(
    values: Sequence[Cell],
    find: Callable[[str], str | None],
    key: str,
    allowed: Localised,
) -> tuple[_Col, _Bad]:
    """Map each cell to its canonical value; the texts that match nothing are bad."""
    if _kinds(values) == {str}:
        read: dict[object, object] = {}
        for text in set(values):
            stripped = _text(text)
            found = find(stripped) if stripped else None
            read[text] = _Invalid(key) if stripped and found is None else found
        return _mapped(values, read, lambda _key: {"allowed": allowed})
    out: list[object] = []
    bad: _Bad = []
    empty = np.zeros(len(values), dtype=bool)
    # Keyed by text, not by cell: `True` and `1` are equal keys of a dict.
    cache: dict[str, str | None] = {"": None}
    for i, v in enumerate(values):
        text = v if type(v) is str else _text(v)
        if text not in cache:
            stripped = _text(text)
            cache[text] = find(stripped) if stripped else None
            if stripped and cache[text] is None:
                cache[text] = _BAD
        found = cache[text]
        if found is _BAD:
            bad.append((i, key, {"allowed": allowed}))
            found = None
        elif found is None:
            empty[i] = True
        out.append(found)
    return _Col(out, empty), bad


def _convert_choice(values: Sequence[Cell], col: Column) -> tuple[_Col, _Bad]:
    lookup = _choice_lookup(col)
    allowed = Localised(", ".join(c.fr for c in col.choices), ", ".join(c.en for c in col.choices))
    return _convert_mapped(
        values, lambda text: lookup.get(normalise_label(text)), "choice", allowed
    )


def _convert_status(values: Sequence[Cell], scale: StatusScale) -> tuple[_Col, _Bad]:
    def find(text: str) -> str | None:
        found = scale.find(text)
        return found.label if found else None

    ordered = scale.ordered()
    allowed = Localised(
        ", ".join(s.display("fr") for s in ordered), ", ".join(s.display("en") for s in ordered)
    )
    return _convert_mapped(values, find, "status", allowed)


# --- Small helpers -----------------------------------------------------------------------


def _kept(values: list[object], keep: np.ndarray) -> list[object]:
    if keep.all():
        return values
    return [v for v, k in zip(values, keep, strict=True) if k]


def _tidy_ids(value: object) -> object:
    if value is None:
        return None
    items = [x.strip(BLANK_CHARS) for x in str(value).split(",")]
    return ", ".join(x for x in items if x) or None


def _letter_index(letter: str) -> int:
    index = 0
    for ch in letter:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _names(sheet: Sheet) -> Localised:
    return Localised(sheet.fr, sheet.en)


def _headers(col: Column) -> Localised:
    return Localised(col.fr, col.en)


def _quoted(texts: Sequence[str], limit: int = 60) -> Localised:
    """A list of names quoted the way each language quotes: « a », « b » / "a", "b"."""
    shown = [shorten(x, limit) for x in texts if x]
    return Localised(
        ", ".join(f"« {x} »" for x in shown) or "—", ", ".join(f'"{x}"' for x in shown) or "—"
    )


def _header_text(raw: RawSheet, j: int) -> str | None:
    """The header above column `j`, as written (None when there is none)."""
    header = raw.header
    text = _text(header[j]) if j < len(header) else ""
    return text or None


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
