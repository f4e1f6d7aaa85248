"""Cell checks within one sheet: each cell by the type of its column (the converters of
`convert.py`), bounds, required cells, unique values and keys, a bounded date and its
companion, the colours of the status scale."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from monitoring.contract.schema import HEX_COLOUR, Column, normalise_label
from monitoring.intake.raw import Cell
from monitoring.intake.validation.convert import Bad, Col
from monitoring.intake.validation.model import Problems, Table, cell_problem, quoted


def bad_cells(table: Table, col: Column, j: int, bad: Bad, values: Sequence[Cell]) -> Problems:
    """The cells a converter could not read as its column's type."""
    for i, key, params in bad:
        yield cell_problem(table, col, j, i, key, values[i], **params)


def out_of_range(
    table: Table, col: Column, j: int, converted: Col, raw: Sequence[Cell]
) -> Problems:
    """A number below the column's `min_value` or above its `max_value`."""
    low, high = col.min_value, col.max_value
    if low is None and high is None:
        return
    for i, v in enumerate(converted.values):
        if v is None:
            continue
        number = float(v)  # type: ignore[arg-type]
        if low is not None and number < low:
            yield cell_problem(table, col, j, i, "min_value", raw[i], min=low)
        elif high is not None and number > high:
            yield cell_problem(table, col, j, i, "max_value", raw[i], max=high)


def required_cells(table: Table) -> Problems:
    """An empty cell of a required column, in a row holding data."""
    for col in table.sheet.columns:
        converted = table.columns.get(col.id)
        if not col.required or converted is None:
            continue
        j = table.index(col.id)
        for i in np.flatnonzero(converted.empty & table.keep):
            yield cell_problem(table, col, j, int(i), "required", "")


def unique_values(table: Table) -> Problems:
    """A value of a `unique` column met a second time (labels compared as normalised)."""
    for col in table.sheet.columns:
        values = table.values(col.id)
        if not col.unique or values is None:
            continue
        j = table.index(col.id)
        first: dict[object, int] = {}
        for i, v in enumerate(values):
            if v is None:
                continue
            key = normalise_label(str(v)) if col.id == "label" else v
            if key in first:
                yield cell_problem(
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


def duplicate_keys(table: Table) -> Problems:
    """A key of several columns (`Sheet.key`) names one row only.

    Single-column keys are `unique` columns, checked above; rows missing a part of
    the key are left to the required-cell check.
    """
    key = table.sheet.key
    if len(key) < 2 or any(c not in table.columns for c in key):
        return
    parts = [table.columns[c].values for c in key]
    col = table.sheet.column(key[0])
    j = table.index(key[0])
    headers = [table.where[c][1] for c in key]
    first: dict[tuple[object, ...], int] = {}
    for i, values in enumerate(zip(*parts, strict=True)):
        if not table.keep[i] or any(v is None for v in values):
            continue
        k = tuple(normalise_label(v) if isinstance(v, str) else v for v in values)
        if k in first:
            yield cell_problem(
                table,
                col,
                j,
                i,
                "duplicate_key",
                table.cells[key[0]][i],
                code="unique-error",
                columns=quoted(headers),
                first=table.row_numbers[first[k]],
            )
        else:
            first[k] = i


def date_bounds(table: Table, col: Column, latest_id: str) -> Problems:
    """Settle a bounded date and its companion (the latest possible day) row by row.

    A period typed in the date ("mars 2014") gives the companion its last day when the
    companion is empty; a companion given with it wins. A companion before the date is
    an error; one equal to the date is stored empty (known to the day), so that the
    pair is canonical and an export reads back identical. This check settles the
    companion column as it goes: the engine runs every check to its end.
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
        latest = table.columns[latest_id] = Col([None] * n, np.ones(n, dtype=bool))
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
                yield from _bound_problem(table, col, companion, i, "latest_without_date")
            continue
        if given is None:
            given = end
        elif given < first:  # type: ignore[operator]
            yield from _bound_problem(
                table, col, companion, i, "latest_before_date", latest=given, date=first
            )
            continue
        values[i] = None if given == first else given
        latest.empty[i] = values[i] is None


def _bound_problem(
    table: Table, col: Column, companion: Column, i: int, key: str, **params: object
) -> Problems:
    """A problem of a date's companion, at the companion's cell."""
    letter = table.where.get(companion.id, ("", ""))[0]
    date_letter, date_header = table.where.get(col.id, ("", col.fr))
    j = table.index(companion.id) if letter else -1
    cells = table.cells.get(companion.id)
    yield cell_problem(
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


def scale_colours(table: Table, colours: list[str | None]) -> Problems:
    """A colour of the status scale that is not `#RRGGBB`; `colours` gets None for it."""
    values = table.values("colour")
    if values is None:
        return
    col = table.sheet.column("colour")
    j = table.index("colour")
    for i, colour in enumerate(values):
        if colour is not None and not HEX_COLOUR.match(str(colour)):
            yield cell_problem(table, col, j, i, "colour", colour)
            colour = None
        colours[i] = None if colour is None else str(colour)
