"""What the readers hand to validation: sheets as rows of raw cell values.

Readers (`monitoring.reading`) turn `.xlsx`, `.ods` and `.csv` bytes into a `RawWorkbook`;
validation (`monitoring.validation`) turns that into a typed `Dataset` and a `Report`.
Keeping this boundary small lets each side be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# A cell as readers give it: "" when empty; str; float or int; bool; datetime.date or
# datetime.datetime (real date cells); datetime.time or timedelta (durations, rare).
Cell = object


@dataclass
class RawSheet:
    """One sheet as read, before any interpretation.

    `rows[0]` is the header row (spreadsheet row `first_row`); data rows follow, with
    trailing empty rows already removed. Rows may be shorter than the header (trailing
    empty cells dropped). Positions are 0-based (row index into `rows`, column index).
    """

    name: str
    rows: list[list[Cell]]
    first_row: int = 1
    hidden: bool = False
    # Merged ranges as 0-based (first_row, first_col, last_row, last_col), in `rows` indices.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Cells holding an error value (#REF!, #DIV/0!, …): (row index, col index) → text.
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    # Cells holding a formula whose computed value was never saved.
    formula_no_value: set[tuple[int, int]] = field(default_factory=set)

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
