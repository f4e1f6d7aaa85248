"""What counts as blank in a cell, a row and at the end of a sheet, for both readers."""

from __future__ import annotations

from monitoring.intake.raw import Cell

# What counts as blank in a cell: every Unicode space (NBSP included), and the
# zero-width characters schema.normalise_label also ignores.
BLANK_CHARS = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
)


def blank(cell: Cell) -> bool:
    return cell == "" or (isinstance(cell, str) and not cell.strip(BLANK_CHARS))


def blank_row(row: list[Cell]) -> bool:
    # count("") runs in C and settles the usual case; only rows holding spaces or
    # zero-width characters need the slower look.
    return row.count("") == len(row) or all(blank(cell) for cell in row)


def trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Drop trailing blank rows and trailing blank columns."""
    end = len(rows)
    while end and blank_row(rows[end - 1]):
        end -= 1
    if end < len(rows):
        rows = rows[:end]
    full = width = max((len(row) for row in rows), default=0)
    # any() stops at the first filled cell, usually the header: cheap for real columns.
    while width and not any(not blank(row[width - 1]) for row in rows if len(row) >= width):
        width -= 1
    if width < full:
        rows = [row[:width] for row in rows]
    return rows
