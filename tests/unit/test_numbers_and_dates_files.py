"""NaN, infinity and out-of-range date numbers in real files, read then validated.

The cells are written as producers write them: a number cell holding `NaN` or `INF` in
an .xlsx or .ods (calamine reads them as floats), and date-formatted cells holding 0 or
2958466 (calamine gives 00:00:00 for the first, the bare number for the second).
"""

from __future__ import annotations

import io
import math

import openpyxl
import pytest

from monitoring.intake.loading import load_bytes
from tests import hostile
from tests.builders import letter, set_cell, valid_sheets


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    parts = {name: hostile.sheet_xml(rows) for name, rows in sheets.items()}
    return hostile.raw_workbook(parts)


@pytest.mark.subprocess
@pytest.mark.parametrize(("typed", "shown"), [(math.nan, "NaN"), (math.inf, "inf")])
def test_a_number_cell_holding_nan_or_infinity_in_an_xlsx_is_refused_naming_the_cell(
    typed: float, shown: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 3, "Budget (€)", typed)
    result = load_bytes("suivi.xlsx", _xlsx(sheets))
    assert result.dataset is None
    (issue,) = result.report.errors
    where = letter(sheets, "Mesures", "Budget (€)")
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("Mesures", 3, where, shown)
    assert f"« {shown} » n'est pas un nombre fini" in issue.message("fr")
    assert f'"{shown}" is not a finite number' in issue.message("en")


@pytest.mark.subprocess
def test_a_number_cell_holding_infinity_in_an_ods_is_refused() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Budget (€)", -math.inf)
    tables = {name: "".join(hostile.ods_row(*row) for row in rows) for name, rows in sheets.items()}
    result = load_bytes("suivi.ods", hostile.ods(tables))
    assert result.dataset is None
    (issue,) = result.report.errors
    assert (issue.sheet, issue.row, issue.value) == ("Mesures", 2, "-inf")
    assert issue.key == "number_not_finite"


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("serial", "key", "shown"),
    [
        (0, "date_time_only", "00:00:00"),
        (-5, "date_time_only", "00:00:00"),
        (2958466, "date_serial", "2958466"),
    ],
)
def test_a_date_cell_holding_a_number_out_of_excels_range_names_the_cell_and_the_range(
    serial: int, key: str, shown: str
) -> None:
    sheets = valid_sheets()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    column = letter(sheets, "Plans", "Attendu le")
    cell = book["Plans"][f"{column}2"]
    cell.value, cell.number_format = serial, "dd/mm/yyyy"
    out = io.BytesIO()
    book.save(out)
    result = load_bytes("suivi.xlsx", out.getvalue())
    assert result.dataset is None
    (issue,) = result.report.errors
    assert (issue.sheet, issue.row, issue.column, issue.value, issue.key) == (
        "Plans", 2, column, shown, key,
    )  # fmt: skip
    assert "de 1 (01/01/1900) à 2 958 465 (31/12/9999)" in issue.message("fr")
    assert "from 1 (01/01/1900) to 2,958,465 (31/12/9999)" in issue.message("en")
