"""The .ods workbooks: real OpenDocument, read back by the project's own reader as the
same data as the .xlsx, with the template's drop-down lists, read-me sheet and formats."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from monitoring.contract.schema import README_SHEET, SHEETS, STATUS_SCALE
from monitoring.intake.loading import load_bytes
from monitoring.intake.validation import validate
from monitoring.present import exports, ods, ods_rows
from monitoring.present.spreadsheets import WORKBOOK_FORMATS, format_of, workbook_in
from monitoring.present.workbook import VALIDATION_ROWS, write_workbook
from monitoring.services.annotate import FILLS, report_xlsx
from monitoring.text.i18n import t
from tests.builders import set_cell, synthetic_sheets, workbook
from tests.ods_file import assert_real_ods, read_ods

DATA = Path(__file__).resolve().parents[2] / "data"


def france() -> Any:
    result = load_bytes("france.xlsx", (DATA / "france.xlsx").read_bytes())
    assert result.dataset is not None
    return result.dataset


def calamine_rows(data: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def stamp() -> exports.Stamp:
    return exports.Stamp(
        title="Mesures en retard", plan="PAN2", as_of=dt.date(2026, 6, 30),
        dataset="France", version="3", source="tableau de bord", lang="fr",
    )  # fmt: skip


@pytest.mark.parametrize(
    "build",
    [
        lambda: workbook_in(write_workbook(None, "fr"), "ods"),
        lambda: workbook_in(write_workbook(None, "en"), "ods"),
        lambda: workbook_in(write_workbook(france(), "fr"), "ods"),
        lambda: exports.table_ods(pd.DataFrame({"Mesure": ["M1"]}), stamp()),
        lambda: report_xlsx(load_bytes("x.csv", b"a;b\n").report, "fr", "ods"),
    ],
    ids=["template-fr", "template-en", "export", "table", "report"],
)
def test_every_ods_the_project_writes_is_a_real_opendocument_spreadsheet(build) -> None:
    assert_real_ods(build())


def test_the_exported_ods_reads_back_as_the_same_cells_as_the_xlsx() -> None:
    xlsx = write_workbook(france(), "fr")
    assert calamine_rows(ods.from_xlsx(xlsx)) == calamine_rows(xlsx)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_exported_ods_uploads_as_the_same_dataset(lang) -> None:
    dataset = france()
    back = load_bytes("export.ods", workbook_in(write_workbook(dataset, lang), "ods"))
    assert back.dataset is not None and back.report.error_count == 0
    for sheet in SHEETS:
        if sheet.id in dataset.tables:
            mine = dataset.tables[sheet.id].drop(columns="_row")
            theirs = back.dataset.tables[sheet.id].drop(columns="_row")
            pd.testing.assert_frame_equal(theirs, mine, check_dtype=False)


def test_dates_are_date_cells_with_the_language_s_display_format() -> None:
    dataset = france()
    book = read_ods(workbook_in(write_workbook(dataset, "fr"), "ods"), rows=1_000)
    checked = 0
    for sheet in SHEETS:
        frame = dataset.tables.get(sheet.id)
        if frame is None:
            continue
        found = book.sheet(sheet.name("fr"))
        for index, column in enumerate(sheet.columns):
            if column.type != "date" or column.id not in frame.columns:
                continue
            letter = chr(ord("A") + index)
            for row, value in enumerate(frame[column.id].tolist(), start=2):
                if pd.isna(value):
                    continue
                cell = found.cells[f"{letter}{row}"]
                assert cell.value_type == "date"
                assert cell.value == pd.Timestamp(value).date().isoformat()
                assert book.data_styles.get(cell.style or "") == "date-style"
                checked += 1
    assert checked, "the shipped dataset has dates"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_ods_template_has_the_read_me_sheet_and_every_drop_down_list(lang) -> None:
    book = read_ods(workbook_in(write_workbook(None, lang), "ods"))
    names = [s.name for s in book.sheets]
    assert names == [README_SHEET[lang], *(s.name(lang) for s in SHEETS)]
    assert book.sheets[0].cells["A1"].text == t("workbook.readme.title", lang)
    lists = 0
    for sheet in SHEETS:
        found = book.sheet(sheet.name(lang))
        for index, column in enumerate(sheet.columns):
            letter = chr(ord("A") + index)
            header = found.cells[f"{letter}1"]
            assert header.text == column.header(lang)
            assert header.comment and column.description(lang) in header.comment
            if column.type not in ("choice", "status"):
                continue
            assert found.last_row >= VALIDATION_ROWS  # rows added below get the list too
            condition = book.validations[found.cells[f"{letter}2"].validation or ""]
            assert condition.startswith("of:cell-content-is-in-list(")
            if column.type == "choice":
                for choice in column.choices:
                    assert f'"{choice.label(lang)}"' in condition
            else:  # the status list points at the scale sheet
                assert STATUS_SCALE.name(lang) in condition
            lists += 1
    assert lists


def test_the_ods_keeps_user_text_as_text_and_numbers_as_numbers() -> None:
    frame = pd.DataFrame({"Texte": ["=1+1", "  deux  espaces", "a\nb"], "Nombre": [1, 2.5, None]})
    data = exports.table_ods(frame, stamp())
    rows = calamine_rows(data)[t("exports.sheet", "fr")]
    assert [r[0] for r in rows[4:]] == ["=1+1", "  deux  espaces", "a\nb"]
    assert [r[1] for r in rows[4:]] == [1.0, 2.5, ""]
    cells = read_ods(data).sheets[0].cells
    assert cells["A5"].value_type == "string" and cells["B6"].value_type == "float"


def test_the_annotated_report_marks_are_fills_of_the_severity_colours() -> None:
    report = load_bytes("x.csv", b"a;b\n").report
    book = read_ods(report_xlsx(report, "en", "ods"))
    sheet = book.sheets[0]
    assert sheet.name == t("annotate.sheet", "en")
    colours = {book.fill(c) for c in sheet.cells.values()} - {None}
    assert colours <= {f"#{colour}" for colour in FILLS.values()}
    assert colours, "each issue's severity cell is filled"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.xlsx", "xlsx"), ("a.ODS", "ods"), ("a.csv", None), ("a", None), ("a.ods.txt", None)],
)
def test_a_workbook_name_asks_for_its_format_by_its_extension(name, expected) -> None:
    assert format_of(name) == expected
    assert expected is None or expected in WORKBOOK_FORMATS


# --- Large workbooks: the cell rows are written as XML text (`ods_rows`) ---------------------


@pytest.mark.scale
def test_a_2000_measure_ods_uploads_as_the_same_dataset_as_its_xlsx() -> None:
    sheets = synthetic_sheets(2_000)
    tricky = {  # text XML escapes, runs and leading spaces, several lines
        2: "A & B <c> \"d\" 'e'",
        3: "deux  espaces   trois",
        4: " espace devant",
        5: "ligne 1\nligne 2\n\nligne 4",
    }
    for row, title in tricky.items():
        set_cell(sheets, "Mesures", row, "Intitulé", title)
    set_cell(sheets, "Mesures", 6, "Pilote", "")  # an empty cell between filled ones
    dataset, report = validate(workbook(sheets))
    assert dataset is not None and report.ok
    assert {"A & B <c> \"d\" 'e'", "ligne 1\nligne 2\n\nligne 4"} <= set(dataset.measures["title"])
    xlsx = write_workbook(dataset, "fr")
    data = workbook_in(xlsx, "ods")
    back = load_bytes("big.ods", data)
    assert back.dataset is not None and back.report.error_count == 0
    assert back.dataset.content_hash() == dataset.content_hash()
    assert calamine_rows(data) == calamine_rows(xlsx)  # every cell, empty ones included


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("a\x01b\x0bc\x1f", "a\ufffdb\ufffdc\ufffd"),  # control characters XML 1.0 forbids
        ("d\ufffee\ud800", "d\ufffde\ufffd"),  # non-characters, a lone surrogate
        ("x & <y> \"z\" 'w' ]]>", "x & <y> \"z\" 'w' ]]>"),
    ],
)
def test_cell_text_is_well_formed_xml_with_what_xml_forbids_replaced(written, read) -> None:
    # Cell text never comes with such characters through openpyxl (xlsxwriter writes
    # them as `_x0001_`); the writer still makes a well-formed document of any text.
    element = ET.fromstring(
        f"<p a={ods_rows.attribute(written + chr(10))}>{ods_rows.text(written)}</p>"
    )
    assert element.text == read
    assert element.get("a") == read + "\n"
