"""What the readers hand to validation: sheets as rows of raw cell values.

Readers (`monitoring.intake.reading`) turn `.xlsx`, `.ods` and `.csv` bytes into a `RawWorkbook`;
validation (`monitoring.intake.validation`) turns that into a typed `Dataset` and a `Report`.
Keeping this boundary small lets each side be tested alone.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal, Protocol

# A cell as readers give it: "" when empty; str; float or int; bool; datetime.date or
# datetime.datetime (real date cells); datetime.time or timedelta (durations, rare).
Cell = object


class RawSheet:
    """One sheet as read, before any interpretation.

    `rows[0]` is the header row (spreadsheet row `first_row`); data rows follow, with
    trailing empty rows already removed. Rows may be shorter than the header (trailing
    empty cells dropped). Positions are 0-based (row index into `rows`, column index).

    A reader may give the data rows as columns instead (`header` and `columns`, one
    tuple per column, all of one length): a 90,000-row sheet then holds 10 tuples
    rather than 90,000 lists, and equal cells of a column can share one object. That
    is what validation works on (`header`, `columns`, `height`); `rows` is built from
    them when asked for (tests, imports), and from then on the rows are the sheet.
    """

    def __init__(
        self,
        name: str,
        rows: list[list[Cell]] | None = None,
        first_row: int = 1,
        hidden: bool = False,
        merged: list[tuple[int, int, int, int]] | None = None,
        error_cells: dict[tuple[int, int], str] | None = None,
        formula_no_value: set[tuple[int, int]] | None = None,
        *,
        header: list[Cell] | None = None,
        columns: list[list[Cell]] | None = None,
    ) -> None:
        self.name = name
        self.first_row = first_row
        self.hidden = hidden
        # Merged ranges as 0-based (first_row, first_col, last_row, last_col), in `rows` indices.
        self.merged = merged if merged is not None else []
        # Cells holding an error value (#REF!, #DIV/0!, …): (row index, col index) → text.
        self.error_cells = error_cells if error_cells is not None else {}
        # Cells holding a formula whose computed value was never saved.
        self.formula_no_value = formula_no_value if formula_no_value is not None else set()
        self._rows = rows if columns is None else None
        self._header = header
        self._columns = columns

    def __repr__(self) -> str:
        return f"RawSheet(name={self.name!r}, height={self.height}, hidden={self.hidden})"

    @property
    def rows(self) -> list[list[Cell]]:
        if self._rows is None:
            header = list(self._header or [])
            self._rows = [header, *map(list, zip(*(self._columns or []), strict=True))]
            self._header = self._columns = None
        return self._rows

    @rows.setter
    def rows(self, rows: list[list[Cell]]) -> None:
        self._rows, self._header, self._columns = rows, None, None

    @property
    def header(self) -> list[Cell]:
        """The header row (empty when the sheet is)."""
        if self._rows is None:
            return self._header or []
        return self._rows[0] if self._rows else []

    @property
    def height(self) -> int:
        """How many data rows (below the header) the sheet has."""
        if self._rows is None:
            return len(self._columns[0]) if self._columns else 0
        return max(len(self._rows) - 1, 0)

    @property
    def columns(self) -> list[Sequence[Cell]]:
        """The data rows as columns, as wide as the widest row, short rows padded with ""."""
        if self._rows is None:
            columns: list[Sequence[Cell]] = list(self._columns or [])
            width = len(self._header or [])
        else:
            body = self._rows[1:]
            width = len(self._rows[0]) if self._rows else 0
            if not body:
                columns = []
            elif len(set(map(len, body))) == 1:  # readers give rectangular sheets: 3× faster
                columns = list(zip(*body, strict=True))
            else:
                columns = list(zip_longest(*body, fillvalue=""))
        columns += [("",) * self.height] * (width - len(columns))
        return columns

    def row_number(self, index: int) -> int:
        """The spreadsheet's row number of `rows[index]` (header = `first_row`)."""
        return self.first_row + index


@dataclass
class RawWorkbook:
    """Every sheet of an upload (one workbook, or several CSV files)."""

    file_name: str
    kind: Literal["xlsx", "ods", "csv"]
    sheets: list[RawSheet]
    date1904: bool = False  # serial numbers count from 1904-01-01 (old Mac Excel files)


class SheetSink(Protocol):
    """Where a reader hands each sheet as soon as it is read, before the whole upload is
    (`monitoring.intake.isolation` sends them to the parent process, which validates them
    while the next are read)."""

    def outline(self, workbook: RawWorkbook) -> None:
        """The workbook's sheets by name and visibility, before any is read: each of its
        sheets is a placeholder (`RawSheet(name, hidden=…)`) until `sheet` gives it."""

    def sheet(self, index: int, sheet: RawSheet) -> None:
        """The sheet at `index` of the outline, read (called from the reader's threads)."""


# --- Pausing the cyclic garbage collector around bulk work ----------------------------

_gc_lock = threading.Lock()
_gc_pausers = 0  # how many threads are inside `gc_paused` now
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a workbook is read and validated.

    Reading and validating a 90,000-row workbook creates millions of cells, lists and
    tuples: with the collector on, each few hundred allocations start a collection,
    and the older generations walk the whole heap, the raw rows included (measured:
    a third of the validation time). Cells, rows and columns hold no reference cycles,
    so pausing loses nothing; what cycles pandas makes are collected once the
    collector runs again.

    The collector is process-wide and Streamlit serves sessions from threads: the
    pauses are counted under a lock, so the collector is switched back on when the
    last thread leaves, and never left off (a plain `isenabled()`/`disable()`/
    `enable()` in each thread could interleave and leave it off for good).
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()
