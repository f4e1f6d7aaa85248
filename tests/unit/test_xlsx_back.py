"""The .xlsx read back for the .ods (`monitoring.present.xlsx_back`): the same openpyxl
book as `openpyxl.load_workbook` reads, cell by cell, whether its cells are read fast or
(what the project never writes: a formula, merged cells) by openpyxl whole."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from monitoring.intake.loading import load_bytes
from monitoring.present import exports, xlsx_back
from monitoring.present.workbook import write_workbook

DATA = Path(__file__).resolve().parents[2] / "data"


def cells(book: Any) -> list[object]:
    """What the .ods translation reads of a book: each sheet, and each cell's all."""
    found: list[object] = [book.active.title, [(p.name, p.value) for p in book.custom_doc_props]]
    for ws in book.worksheets:
        found.append((ws.title, ws.sheet_state, ws.freeze_panes, ws.auto_filter.ref))
        found.append([(rule.sqref, rule.formula1) for rule in ws.data_validations.dataValidation])
        for key in sorted(ws._cells):
            cell = ws._cells[key]
            link = cell.hyperlink
            found.append(
                (key, cell.value, type(cell.value), cell.data_type, cell.style_id,
                 cell.comment.text if cell.comment else None,
                 (link.target, link.location) if link else None)
            )  # fmt: skip
    return found


def openpyxl_book(data: bytes) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data))


def france() -> Any:
    return load_bytes("france.xlsx", (DATA / "france.xlsx").read_bytes()).dataset


def table() -> bytes:
    frame = pd.DataFrame(
        {
            "Texte": ["=1+1", "  deux  espaces", "a\nb", "x & <y>", ""],
            "Nombre": [1, 2.5, None, -3, 10**12],
            "Jour": [dt.date(2020, 2, 29), None, dt.date(1900, 3, 1), dt.date(2099, 12, 31), None],
        }
    )
    stamp = exports.Stamp("T", None, dt.date(2026, 6, 30), "France", "3", "s", "fr")
    return exports.table_xlsx(frame, stamp)


def formulas() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Calcul")
    sheet.write_number(0, 0, 2)
    sheet.write_formula(0, 1, "=A1*2", None, 4)
    sheet.merge_range("C3:D4", "fusion")
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize(
    "build",
    [
        lambda: write_workbook(france(), "fr"),
        lambda: write_workbook(None, "en"),
        table,
        formulas,
    ],
    ids=["export", "template", "table", "formulas-and-merged-cells"],
)
def test_the_book_read_back_is_the_one_openpyxl_reads(build) -> None:
    data = build()
    assert cells(xlsx_back.read(data)) == cells(openpyxl_book(data))
