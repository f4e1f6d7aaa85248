"""Validation: raw sheets → a typed `Dataset` and a `Report` of every problem at once.

Order of checks (structure before content, as goodtables does): which sheets are there,
then each sheet's header row, then every cell by the type its column declares, then the
rules across rows (unique ids) and across sheets (references). Work is done column by
column so that a 10,000-measure workbook validates in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

import numpy as np

from monitoring.dataset import (
    TABLE_IDS,
    Dataset,
    StatusScale,
    empty_table,
    table_from_columns,
    with_categories,
)
from monitoring.i18n import Localised
from monitoring.raw import Cell, RawSheet, RawWorkbook
from monitoring.report import Issue, Report, shorten
from monitoring.schema import (
    DEFAULT_SCALE,
    HEX_COLOUR,
    RETENTION_WITH_MEASURE,
    SHEETS,
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
_NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
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
    extras: dict[str, list[object]] = field(default_factory=dict)
    keep: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    row_numbers: list[int] = field(default_factory=list)
    suppressed: set[tuple[int, int]] = field(default_factory=set)

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
        in_file = ", ".join(f"« {s.name} »" for s in self.raw.sheets) or "—"
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
        rows = raw.rows
        if not rows or not any(_text(c) for c in rows[0]):
            self._add("no-data", "sheet_empty", raw.name)
            return table
        header = rows[0]
        body = rows[1:]
        width = max([len(header), *map(len, body)]) if body else len(header)
        cells = list(zip_longest(*body, fillvalue="")) if body else [()] * width
        if len(cells) < width:
            cells += [("",) * len(body)] * (width - len(cells))
        table.row_numbers = [raw.row_number(i + 1) for i in range(len(body))]
        table.suppressed = self._structure_issues(raw)
        mapping, extras = self._map_header(sheet, raw, header, width, cells)
        empty_rows = np.ones(len(body), dtype=bool)
        for j in range(width):
            col = mapping.get(j)
            if col is None:
                converted = _convert_text(cells[j])
                if j in extras:
                    table.extras[extras[j]] = converted.values
                empty_rows &= converted.empty
                continue
            letter = column_letter(j)
            table.where[col.id] = (letter, _text(header[j]))
            converted = self._convert(table, col, j, cells[j])
            table.columns[col.id] = converted
            empty_rows &= converted.empty
        table.keep = ~empty_rows
        self._blank_rows(table, empty_rows)
        if sheet.must_have_rows and not table.keep.any():
            self._add("no-data", "no_data", raw.name)
        self._check_required(table)
        self._check_unique(table)
        return table

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
                value=text,
            )
            suppressed.add((r, c))
        return suppressed

    def _map_header(
        self,
        sheet: Sheet,
        raw: RawSheet,
        header: list[Cell],
        width: int,
        cells: list[tuple[Cell, ...]],
    ) -> tuple[dict[int, Column], dict[int, str]]:
        """Match header cells to the sheet's columns; report blank, duplicate, missing.

        Returns the canonical column of each matched index and the header text of each
        extra (unknown) column, which is kept.
        """
        by_key = {key: col for col in sheet.columns for key in col.header_keys()}
        mapping: dict[int, Column] = {}
        extras: dict[int, str] = {}
        seen: dict[str, int] = {}
        placed: dict[str, int] = {}
        texts = [_text(header[j]) if j < len(header) else "" for j in range(width)]
        for j, text in enumerate(texts):
            letter = column_letter(j)
            if not text:
                if any(_text(v) for v in cells[j]):
                    self._add(
                        "blank-label", "blank_label", raw.name, row=raw.first_row, column=letter
                    )
                continue
            key = normalise_label(text)
            if key in seen:
                self._add(
                    "duplicate-label",
                    "duplicate_label",
                    raw.name,
                    row=raw.first_row,
                    column=letter,
                    header=text,
                    first=column_letter(seen[key]),
                    second=letter,
                )
                continue
            seen[key] = j
            col = by_key.get(key)
            if col is None:
                extras[j] = text
            elif col.id in placed:
                self._add(
                    "duplicate-label",
                    "duplicate_column",
                    raw.name,
                    row=raw.first_row,
                    column=letter,
                    header=text,
                    first=column_letter(placed[col.id]),
                    second=letter,
                    expected=_headers(col),
                )
            else:
                placed[col.id] = j
                mapping[j] = col
        table_extras: dict[int, str] = {}
        if not mapping and texts:
            shown = ", ".join(f"« {shorten(x, 40)} »" for x in texts if x) or "—"
            self._add("missing-label", "header_not_found", raw.name, row=raw.first_row, found=shown)
        else:
            for j, text in extras.items():
                self._add(
                    "extra-label",
                    "extra_label",
                    raw.name,
                    row=raw.first_row,
                    column=column_letter(j),
                    header=text,
                )
                table_extras[j] = text
            found = ", ".join(f"« {x} »" for x in texts if x) or "—"
            for col in sheet.columns:
                if col.required and col.id not in placed:
                    self._add(
                        "missing-label",
                        "missing_label",
                        raw.name,
                        row=raw.first_row,
                        expected=_headers(col),
                        found=found,
                    )
        return mapping, table_extras

    def _convert(self, table: _Table, col: Column, j: int, values: Sequence[Cell]) -> _Col:
        """Convert one column by its declared type, reporting every bad cell."""
        if col.type == "date":
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
        for i in np.flatnonzero(empty_rows):
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
                key = normalise_label(v) if col.id == "label" else v
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

    # --- The status scale ------------------------------------------------------------

    def _read_scale(self, raw: RawSheet) -> StatusScale:
        sheet = next(s for s in SHEETS if s.id == "status_scale")
        table = self._read_sheet(sheet, raw)
        labels, categories = table.values("label"), table.values("category")
        if labels is None or categories is None or not table.keep.any():
            return StatusScale()
        orders = table.values("order") or [None] * len(labels)
        colours = table.values("colour") or [None] * len(labels)
        j = _letter_index(table.where["colour"][0]) if "colour" in table.where else 0
        items: list[StatusLabel] = []
        for i, label in enumerate(labels):
            if not table.keep[i] or label is None or categories[i] is None:
                continue
            colour = colours[i]
            if colour is not None and not HEX_COLOUR.match(str(colour)):
                self._cell_issue(table, sheet.column("colour"), j, i, "colour", colour)
                colour = None
            default = next(
                (
                    d
                    for d in DEFAULT_SCALE
                    if normalise_label(d.label) == normalise_label(str(label))
                ),
                None,
            )
            items.append(
                StatusLabel(
                    str(label),
                    str(categories[i]),
                    int(orders[i]) if orders[i] is not None else i + 1,  # type: ignore[call-overload]
                    str(colour) if colour else None,
                    en=default.en if default else None,
                    aliases=default.aliases if default else (),
                )
            )
        if not items:
            return StatusScale()
        self.tables["status_scale"] = table
        custom = tuple((x.label, x.category) for x in items) != tuple(
            (x.label, x.category) for x in DEFAULT_SCALE
        )
        return StatusScale(tuple(items), custom=custom)

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

    def _keys(self, table_id: str, column_id: str) -> set[object] | None:
        table = self.tables.get(table_id)
        values = table.values(column_id) if table else None
        if values is None or table is None:
            return None
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
                    end,
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
        if carried is None or plans is None:
            return
        col = table.sheet.column("carried_from")
        j = _letter_index(table.where["carried_from"][0])
        for i, source in enumerate(carried):
            if source is None or source not in measure_plan or not table.keep[i]:
                continue
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
        table = self.tables.get("retention")
        if table is None:
            return
        levels, measures = table.values("level"), table.values("measure_id")
        plans, recs = table.values("plan_id"), table.values("rec_id")
        if levels is None or measures is None:
            return
        col = table.sheet.column("measure_id")
        level_col = table.sheet.column("level")
        j = _letter_index(table.where["measure_id"][0]) if "measure_id" in table.where else 0
        seen: dict[tuple[object, object, object], int] = {}
        for i, level in enumerate(levels):
            if not table.keep[i] or level is None:
                continue
            measure = measures[i]
            label = Localised(
                level_col.choice(str(level)).fr.lower(), level_col.choice(str(level)).en.lower()
            )
            if level in RETENTION_WITH_MEASURE and measure is None:
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "retained_needs_measure",
                    "",
                    code="constraint-error",
                    level=label,
                )
            elif level not in RETENTION_WITH_MEASURE and measure is not None:
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "not_retained_has_measure",
                    measure,
                    code="constraint-error",
                    level=label,
                )
            plan = plans[i] if plans else None
            if (
                measure is not None
                and plan is not None
                and measure in measure_plan
                and measure_plan[measure] != plan
            ):
                self._cell_issue(
                    table,
                    col,
                    j,
                    i,
                    "measure_other_plan",
                    measure,
                    code="foreign-key",
                    actual=str(measure_plan[measure]),
                    expected=str(plan),
                )
            if recs is not None:
                key = (recs[i], plan, measure)
                if key in seen:
                    self._cell_issue(
                        table,
                        col,
                        j,
                        i,
                        "duplicate_retention",
                        measure or "",
                        code="primary-key",
                        rec=str(recs[i]),
                        first=table.row_numbers[seen[key]],
                    )
                else:
                    seen[key] = i

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
        if table.suppressed and (i + 1, j) in table.suppressed:
            return
        letter, header = table.where.get(col.id, (column_letter(j), col.fr))
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        self._add(
            code or _CODE_OF_KEY.get(key, "type-error"),
            key,
            table.raw.name,
            row=table.row_numbers[i],
            column=letter,
            header=header,
            value=value if value != "" else None,
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
}


# --- Cell conversion, column at a time -------------------------------------------------
# Each converter returns the column's values (None when empty) and the bad cells as
# (row index, message key, params).

_Bad = list[tuple[int, str, dict[str, object]]]


def _text(value: Cell) -> str:
    """The text of a cell, stripped; "" for an empty cell."""
    if type(value) is str:
        return value.strip(BLANK_CHARS)
    if value is None or value == "":
        return ""
    if type(value) is float and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _convert_text(values: Sequence[Cell]) -> _Col:
    texts = [v.strip(BLANK_CHARS) if type(v) is str else _text(v) for v in values]
    empty = np.fromiter((not s for s in texts), dtype=bool, count=len(texts))
    return _Col([s or None for s in texts], empty)


def _convert_text_checked(values: Sequence[Cell], col: Column) -> tuple[_Col, _Bad]:
    converted = _convert_text(values)
    bad: _Bad = []
    texts = converted.values
    # One regex pass over the whole column; cells are looked at only when it finds one.
    if _CONTROL.search("\n".join(s for s in texts if s)):  # type: ignore[misc]
        for i, s in enumerate(texts):
            match = _CONTROL.search(s) if s else None  # type: ignore[arg-type]
            if match:
                bad.append((i, "control_char", {"char": f"U+{ord(match.group()):04X}"}))
    longest = max((len(s) for s in texts if s), default=0)  # type: ignore[arg-type]
    if longest > col.max_length:
        for i, s in enumerate(texts):
            if s and len(s) > col.max_length:  # type: ignore[arg-type]
                bad.append((i, "too_long", {"length": len(s), "limit": col.max_length}))  # type: ignore[arg-type]
    return converted, bad


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


def _convert_dates(values: Sequence[Cell], date1904: bool) -> tuple[_Col, _Bad]:
    out: list[object] = []
    bad: _Bad = []
    for i, v in enumerate(values):
        kind = type(v)
        result: dt.date | None = None
        if kind is dt.date:
            result = v  # type: ignore[assignment]
        elif kind is dt.datetime:
            result = v.date()  # type: ignore[attr-defined]
        elif kind is str:
            text = v.strip(BLANK_CHARS)  # type: ignore[attr-defined]
            if not text:
                out.append(None)
                continue
            result = _parse_date_text(text)
            if result is None:
                bad.append((i, "date_format", {}))
        elif kind is float or kind is int:
            if 0 < v < 2_958_466:  # type: ignore[operator]
                result = _serial_date(float(v), date1904)  # type: ignore[arg-type]
            if result is None:
                bad.append((i, "date_serial", {}))
        else:
            bad.append((i, "date_format", {}))
        if result is not None and not MIN_YEAR <= result.year <= MAX_YEAR:
            bad.append((i, "date_range", {"min": MIN_YEAR, "max": MAX_YEAR}))
            result = None
        out.append(result)
    empty = np.fromiter((v is None for v in out), dtype=bool, count=len(out))
    # A cell with a bad date is not empty: the row is kept and the error stands.
    for i, _, _ in bad:
        empty[i] = False
    return _Col(out, empty), bad


def _convert_numbers(values: Sequence[Cell], *, integer: bool, percent: bool) -> tuple[_Col, _Bad]:
    out: list[object] = []
    bad: _Bad = []
    key = "integer" if integer else "number"
    for i, v in enumerate(values):
        kind = type(v)
        number: float | None
        if kind is float or kind is int:
            number = float(v)  # type: ignore[arg-type]
        elif kind is str:
            text = v.strip(BLANK_CHARS)  # type: ignore[attr-defined]
            if not text:
                out.append(None)
                continue
            number = _parse_number(text, percent)
        else:
            number = None
        if number is None or (integer and not number.is_integer()) or number != number:
            bad.append((i, key, {}))
            out.append(None)
            continue
        out.append(int(number) if integer else number)
    empty = np.fromiter((v is None for v in out), dtype=bool, count=len(out))
    for i, _, _ in bad:
        empty[i] = False
    return _Col(out, empty), bad


def _parse_number(text: str, percent: bool) -> float | None:
    """Read `1500`, `1 500`, `1500,50`, `1.500,50`? no: one decimal mark only; `50 %`."""
    text = text.translate(_NUMBER_SPACES)
    if percent and text.endswith("%"):
        text = text[:-1]
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


def _choice_lookup(col: Column) -> dict[str, str]:
    return {key: choice.code for choice in col.choices for key in choice.match_keys()}


def _convert_mapped(
    values: Sequence[Cell],
    find: Callable[[str], str | None],
    key: str,
    allowed: Localised,
) -> tuple[_Col, _Bad]:
    out: list[object] = []
    bad: _Bad = []
    cache: dict[object, str | None] = {}
    for i, v in enumerate(values):
        if v in cache:
            found = cache[v]
        else:
            text = _text(v)
            found = find(text) if text else None
            cache[v] = found
            if text and found is None:
                cache[v] = "\x00bad"
                found = "\x00bad"
        if found == "\x00bad":
            bad.append((i, key, {"allowed": allowed}))
            out.append(None)
        else:
            out.append(found)
    empty = np.fromiter((v is None for v in out), dtype=bool, count=len(out))
    for i, _, _ in bad:
        empty[i] = False
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
