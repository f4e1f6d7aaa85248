"""Reading workbooks and CSV files into raw sheets: structure, limits, speed, CSV dialects.

Case numbers are those of `docs/hostile-files.md`.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.datavalidation import DataValidation

from monitoring.config.settings import Limits
from monitoring.intake.loading import load_bytes
from monitoring.intake.problems import Issue
from monitoring.intake.raw import RawSheet
from monitoring.intake.reading import ReadResult, Upload, read_upload
from tests import hostile
from tests.builders import a_verdict, set_cell, valid_sheets, verdict_rows

HEADER = ["Mesure", "Intitulé"]


# Hostile files that a case says must be handled "fast": a generous bound that only a
# hang would cross (speed itself is measured by `make bench`, not by tests).
HANG_GUARD_S = 20


def read(name: str, data: bytes, limits: Limits = Limits()) -> ReadResult:  # noqa: B008
    return read_upload([Upload(name, data)], limits)


def sheets(result: ReadResult) -> dict[str, RawSheet]:
    assert result.workbook is not None, [i.message("en") for i in result.issues]
    return {s.name: s for s in result.workbook.sheets}


def only_issue(result: ReadResult) -> Issue:
    assert len(result.issues) == 1, [i.message("en") for i in result.issues]
    return result.issues[0]


def csv_rows(text: str | bytes, name: str = "Mesures.csv") -> list[list[object]]:
    data = text.encode() if isinstance(text, str) else text
    return sheets(read(name, data))[Path(name).stem].rows


# --- A plain workbook, and the API --------------------------------------------------------


def test_xlsx_sheets_are_read_with_a1_at_the_origin_and_numbers_as_floats() -> None:
    data = hostile.openpyxl_workbook({"Mesures": [[*HEADER, "Budget"], ["M1", "Former", 12]]})
    result = read("plan.xlsx", data)
    assert result.issues == []
    assert result.workbook is not None
    assert result.workbook.kind == "xlsx" and result.workbook.file_name == "plan.xlsx"
    assert sheets(result)["Mesures"].rows == [[*HEADER, "Budget"], ["M1", "Former", 12.0]]
    assert sheets(result)["Mesures"].row_number(1) == 2


def test_data_starting_below_a1_keeps_spreadsheet_positions() -> None:
    body = hostile.sheet_xml([["", ""], ["", "x"]])
    rows = sheets(read("plan.xlsx", hostile.raw_workbook({"S": body})))["S"].rows
    assert rows == [["", ""], ["", "x"]]


def test_no_file_at_all_is_a_format_error() -> None:
    result = read_upload([])
    assert result.workbook is None and only_issue(result).code == "format-error"


def test_1904_date_system_is_reported() -> None:
    data = hostile.raw_workbook({"S": hostile.sheet_xml([["a"], [1]])}, date1904=True)
    result = read("plan.xlsx", data)
    assert result.workbook is not None and result.workbook.date1904 is True


# --- 19. Hidden sheets --------------------------------------------------------------------


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheet_is_kept_flagged_with_a_warning_naming_it(state: str) -> None:
    data = hostile.openpyxl_workbook(
        {"Mesures": [HEADER], "Brouillon": [HEADER, ["M9", "Caché"]]}, states={"Brouillon": state}
    )
    result = read("plan.xlsx", data)
    read_sheets = sheets(result)
    assert read_sheets["Brouillon"].hidden and not read_sheets["Mesures"].hidden
    issue = only_issue(result)
    assert (issue.code, issue.severity, issue.sheet, issue.file) == (
        "hidden-sheet",
        "warning",
        "Brouillon",
        "plan.xlsx",
    )
    assert "« Brouillon »" in issue.message("fr") and "masquée" in issue.message("fr")
    assert 'sheet "Brouillon": this sheet is hidden and was not imported; unhide it' in (
        issue.message("en")
    )


# --- 20-22. Merged ranges, formulas without values, error cells ---------------------------


def test_merged_ranges_are_exposed_in_row_indices() -> None:
    data = hostile.openpyxl_workbook(
        {"Mesures": [HEADER, ["M1", "Former"], ["M2", None]]}, merged={"Mesures": "B2:B3"}
    )
    assert sheets(read("plan.xlsx", data))["Mesures"].merged == [(1, 1, 2, 1)]


def test_formula_without_cached_value_is_exposed_by_position() -> None:
    # openpyxl writes formulas with an empty <v/>: exactly "a file made by a script".
    data = hostile.openpyxl_workbook(
        {"S": [["a", "b", "c", "d", "e", "f"], [1, 2, 3, 4, 5, "=A2+B2"]]}
    )
    sheet = sheets(read("plan.xlsx", data))["S"]
    assert sheet.formula_no_value == {(1, 5)}  # F2
    assert sheet.rows[1][5] == ""


def test_formula_with_a_cached_value_or_an_empty_string_result_is_not_flagged() -> None:
    extra = (
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>""</f><v></v></c>'
        '<c r="C2"><f t="shared" ref="C2:C3" si="0">A2</f></c></row>'
    )
    body = hostile.sheet_xml([["a", "b", "c"]], extra=extra)
    sheet = sheets(read("plan.xlsx", hostile.raw_workbook({"S": body})))["S"]
    assert sheet.formula_no_value == {(1, 2)}
    assert sheet.rows[1][0] == 2.0


def test_error_cells_are_exposed_with_their_error_text() -> None:
    extra = (
        '<row r="2"><c r="A2" t="e"><v>#REF!</v></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="C2" t="e"><v>#N/A</v></c></row>'
    )
    body = hostile.sheet_xml([["a", "b", "c"]], extra=extra)
    sheet = sheets(read("plan.xlsx", hostile.raw_workbook({"S": body})))["S"]
    assert sheet.error_cells == {(1, 0): "#REF!", (1, 1): "#DIV/0!", (1, 2): "#N/A"}
    assert sheet.formula_no_value == set()


def test_formula_and_error_cells_are_found_on_sheets_named_through_relationships() -> None:
    extra = '<row r="3"><c r="B3" t="e"><v>#NAME?</v></c></row>'
    data = hostile.raw_workbook(
        {
            "Plans": hostile.sheet_xml([["a"]]),
            "Mesures": hostile.sheet_xml([["a", "b"]], extra=extra),
        }
    )
    read_sheets = sheets(read("plan.xlsx", data))
    assert read_sheets["Mesures"].error_cells == {(2, 1): "#NAME?"}
    assert read_sheets["Plans"].error_cells == {}


# --- 23, 24. Lying dimensions, styled empty rows, far cells -------------------------------


def test_dimension_saying_a1_while_data_goes_to_row_500_reads_every_row() -> None:
    rows = [HEADER] + [[f"M{i}", "x"] for i in range(499)]
    body = hostile.sheet_xml(rows, dimension="A1:A1")
    assert len(sheets(read("plan.xlsx", hostile.raw_workbook({"S": body})))["S"].rows) == 500


def test_dimension_saying_whole_sheet_for_three_rows_reads_the_three_rows() -> None:
    # Were the 17 billion cells the dimension claims allocated or walked, this would
    # exhaust memory or hang; `make bench` holds the speed.
    body = hostile.sheet_xml([HEADER, ["M1", "a"], ["M2", "b"]], dimension="A1:XFD1048576")
    sheet = sheets(read("plan.xlsx", hostile.raw_workbook({"S": body})))["S"]
    assert sheet.rows == [HEADER, ["M1", "a"], ["M2", "b"]]


@pytest.mark.scale
def test_million_styled_empty_trailing_rows_are_ignored_fast() -> None:
    styled = b"".join(
        b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>' % (i, i, i)
        for i in range(4, 1_048_577)
    )
    body = hostile.sheet_xml([HEADER, ["M1", "a"], ["M2", "b"]], extra=styled.decode())
    data = hostile.raw_workbook({"S": body})
    start = time.perf_counter()
    result = read("plan.xlsx", data)
    elapsed = time.perf_counter() - start
    assert sheets(result)["S"].rows == [HEADER, ["M1", "a"], ["M2", "b"]]
    assert result.issues == []
    assert elapsed < HANG_GUARD_S  # case 24 says "fast": a hang guard, not a benchmark


@pytest.mark.parametrize(
    ("ref", "key", "fr", "en"),
    [
        ("XFD1048576", "columns_beyond", "jusqu'à la colonne XFD", "as far as column XFD"),
        (
            "A1048576",
            "rows_beyond",
            "jusqu'à la ligne 1\u202f048\u202f576",
            "down to row 1,048,576",
        ),
        ("CW2", "columns_beyond", "plus de 100 colonnes", "more than 100 columns"),
    ],
)
def test_a_lone_far_cell_is_refused_before_calamine_allocates_the_sheet(
    ref: str, key: str, fr: str, en: str
) -> None:
    # Measured: calamine aborts the whole process on A1 + XFD1048576 (no exception).
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    extra = f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
    body = hostile.sheet_xml([HEADER], extra=extra)
    result = read("plan.xlsx", hostile.raw_workbook({"Mesures": body}))
    issue = only_issue(result)
    assert result.workbook is None
    assert (issue.code, issue.key, issue.sheet) == ("size-limit", key, "Mesures")
    assert fr in issue.message("fr") and en in issue.message("en")


@pytest.mark.parametrize(
    "cell",
    [
        '<c s="0" r="XFD9"><v>1</v></c>',
        '<c\nr="XFD9"><v>1</v></c>',
        '<x:c r="XFD9"><x:v>1</x:v></x:c>',
    ],
)
def test_far_cell_written_unusually_is_still_caught(cell: str) -> None:
    body = hostile.sheet_xml([HEADER], extra=f'<row r="9">{cell}</row>').replace(
        b"<worksheet ",
        b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
    )
    issue = only_issue(read("plan.xlsx", hostile.raw_workbook({"S": body})))
    assert issue.key == "columns_beyond"


def test_far_cell_next_to_column_widths_in_the_same_block_is_caught() -> None:
    # `<col …>` elements send a block to the slow pattern in the old scan; the vectorised
    # one tells cell tags from them and must still see the far cell.
    body = hostile.sheet_xml([HEADER], extra='<row r="9"><c r="XFD9"><v>1</v></c></row>')
    body = body.replace(b"<sheetData>", b'<cols><col min="1" max="2" width="9"/></cols><sheetData>')
    assert only_issue(read("plan.xlsx", hostile.raw_workbook({"S": body}))).key == "columns_beyond"


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ('<c r="xfd9"><v>1</v></c>', "columns_beyond"),  # lower-case letters
        ('<c r="A0001048576"><v>1</v></c>', "rows_beyond"),  # leading zeros
        ('<c r="B300002" t="inlineStr"><is><t>x</t></is></c>', "rows_beyond"),
    ],
)
def test_far_cell_with_an_odd_reference_is_caught(cell: str, key: str) -> None:
    body = hostile.sheet_xml([HEADER], extra=f'<row r="9">{cell}</row>')
    assert only_issue(read("plan.xlsx", hostile.raw_workbook({"S": body}))).key == key


@pytest.mark.parametrize("cell", ['<c r="CV2"><v>1</v></c>', '<c r="A300001"><v>1</v></c>'])
def test_cell_on_the_last_allowed_column_or_row_is_accepted(cell: str) -> None:
    body = hostile.sheet_xml([HEADER], extra=f'<row r="2">{cell}</row>')
    result = read("plan.xlsx", hostile.raw_workbook({"S": body}))
    assert result.issues == [] and result.workbook is not None


def test_styled_empty_far_cell_is_not_content_and_is_accepted() -> None:
    body = hostile.sheet_xml([HEADER, ["M1", "a"]], extra='<row r="9"><c r="XFD9" s="1"/></row>')
    result = read("plan.xlsx", hostile.raw_workbook({"S": body}))
    assert result.issues == [] and sheets(result)["S"].rows == [HEADER, ["M1", "a"]]


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        ("A1001", None),  # the last data row
        ("A1002", "rows_beyond"),  # as many digits as the last row, one row further
        ("Z01002", "rows_beyond"),  # leading zero
        ("A999", None),
        ("AD5", None),  # column 30, the last one
        ("AE5", "columns_beyond"),
        ("a1002", "rows_beyond"),  # lower case
    ],
)
def test_cells_at_the_edge_of_the_limits(ref: str, key: str | None) -> None:
    """Both sides of each limit, where the scan's quick reading of one-letter references
    hands over to the digit by digit one (`Bounds._short`)."""
    cell = f'<c r="{ref}"><v>1</v></c>'
    body = hostile.sheet_xml([HEADER], extra=f'<row r="5">{cell}</row>')
    result = read(
        "plan.xlsx", hostile.raw_workbook({"S": body}), Limits(max_rows=1000, max_columns=30)
    )
    assert [i.key for i in result.issues] == ([key] if key else [])


@settings(max_examples=60, deadline=None)
@given(
    column=st.integers(0, 40),
    row=st.integers(2, 1100),
    content=st.booleans(),
)
def test_far_cells_are_refused_exactly_when_beyond_the_limits(
    column: int, row: int, content: bool
) -> None:
    limits = Limits(max_rows=1000, max_columns=30)
    ref = f"{hostile.column(column)}{row}"
    cell = f'<c r="{ref}"><v>1</v></c>' if content else f'<c r="{ref}" s="1"/>'
    body = hostile.sheet_xml([HEADER], extra=f'<row r="{row}">{cell}</row>')
    result = read("plan.xlsx", hostile.raw_workbook({"S": body}), limits)
    keys = [i.key for i in result.issues]
    if content and column >= 30:
        assert keys == ["columns_beyond"]
    elif content and row > 1001:
        assert keys == ["rows_beyond"]
    else:
        assert keys == [] and result.workbook is not None


def test_cell_without_a_position_is_refused() -> None:
    body = hostile.sheet_xml([HEADER], extra='<row r="9"><c><v>1</v></c></row>')
    issue = only_issue(read("plan.xlsx", hostile.raw_workbook({"S": body})))
    assert (issue.code, issue.key) == ("format-error", "cell_without_ref")


# --- Sheets read a chunk of rows at a time, as columns ------------------------------------


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from monitoring.intake.reading import workbook

    monkeypatch.setattr(workbook, "ROW_CHUNK", 3)


@pytest.mark.usefixtures("tiny_chunks")
def test_blank_rows_across_chunks_keep_their_place_and_trailing_ones_go() -> None:
    rows = [HEADER, ["M1", "a"], *[["", ""]] * 7, ["M2", "b"], *[["", ""]] * 7]
    body = hostile.sheet_xml(rows).replace(
        b"</sheetData>",
        b'<row r="30"><c r="A30" t="inlineStr"><is><t> </t></is></c></row></sheetData>',
    )
    read_rows = sheets(read("plan.xlsx", hostile.raw_workbook({"S": body})))["S"].rows
    assert read_rows == [HEADER, ["M1", "a"], *[["", ""]] * 7, ["M2", "b"]]


@pytest.mark.usefixtures("tiny_chunks")
def test_data_away_from_a1_keeps_its_place_when_read_in_chunks() -> None:
    rows = [["", "", ""]] * 4 + [["", "", "x"], ["", "y", ""]]
    read_rows = sheets(read("plan.xlsx", hostile.raw_workbook({"S": hostile.sheet_xml(rows)})))
    assert read_rows["S"].rows == [["", "", ""]] * 4 + [["", "", "x"], ["", "y", ""]]


def test_equal_cells_are_shared_but_never_change_type() -> None:
    rows = [["Mesure", "Fait", "N"], ["M1", True, 1], ["M1", 1, True], ["M1", True, "1"]]
    sheet = sheets(read("plan.xlsx", hostile.openpyxl_workbook({"S": rows})))["S"]
    assert sheet.rows == [
        ["Mesure", "Fait", "N"],
        ["M1", True, 1.0],
        ["M1", 1.0, True],
        ["M1", True, "1"],
    ]
    assert [type(c) for row in sheet.rows[1:] for c in row[1:]] == [
        bool,
        float,
        float,
        bool,
        bool,
        str,
    ]
    first, *others = [row[0] for row in sheet.rows[1:]]
    assert all(other is first for other in others)  # one "M1" object, not three


# --- 25. Row and column limits ------------------------------------------------------------


def rows_of(count: int, width: int = 2) -> list[list[object]]:
    return [[f"h{c}" for c in range(width)]] + [
        [f"M{i}"] + ["x"] * (width - 1) for i in range(count)
    ]


def test_sheet_at_the_row_limit_is_accepted() -> None:
    data = hostile.raw_workbook({"S": hostile.sheet_xml(rows_of(1000))})
    result = read("plan.xlsx", data, Limits(max_rows=1000))
    assert result.issues == [] and len(sheets(result)["S"].rows) == 1001


def test_sheet_one_row_over_the_limit_is_refused_stating_both_counts() -> None:
    data = hostile.raw_workbook({"S": hostile.sheet_xml(rows_of(1001))})
    result = read("plan.xlsx", data, Limits(max_rows=1000))
    issue = only_issue(result)
    assert result.workbook is None
    assert (issue.code, issue.sheet) == ("size-limit", "S")
    assert "ligne 1\u202f002, soit plus de 1\u202f000 lignes de données" in issue.message("fr")
    assert "down to row 1,002, that is more than 1,000 data rows" in issue.message("en")


def test_csv_one_row_over_the_limit_is_refused_stating_both_counts() -> None:
    text = "\n".join(",".join(map(str, row)) for row in rows_of(1001)) + "\n"
    result = read("Mesures.csv", text.encode(), Limits(max_rows=1000))
    issue = only_issue(result)
    assert result.workbook is None and issue.code == "size-limit"
    assert "1,001 data rows, over the limit of 1,000" in issue.message("en")
    assert "1\u202f001 lignes de données, au-delà de la limite de 1\u202f000" in issue.message("fr")


def test_csv_at_the_row_limit_is_accepted() -> None:
    text = "\n".join(",".join(map(str, row)) for row in rows_of(1000))
    result = read("Mesures.csv", text.encode(), Limits(max_rows=1000))
    assert result.issues == [] and len(sheets(result)["Mesures"].rows) == 1001


def test_sheet_with_too_many_columns_is_refused() -> None:
    data = hostile.raw_workbook({"S": hostile.sheet_xml(rows_of(2, width=11))})
    issue = only_issue(read("plan.xlsx", data, Limits(max_columns=10)))
    assert (issue.code, issue.key) == ("size-limit", "columns_beyond")
    assert "column K, that is more than 10 columns" in issue.message("en")


def test_ods_one_row_over_the_limit_is_refused_stating_both_counts() -> None:
    table = "".join(hostile.ods_row(*row) for row in rows_of(11))
    result = read("plan.ods", hostile.ods({"S": table}), Limits(max_rows=10))
    issue = only_issue(result)
    assert issue.code == "size-limit" and "11 data rows, over the limit of 10" in issue.message(
        "en"
    )


@pytest.mark.scale
def test_ten_thousand_measure_workbook_reads_every_row() -> None:
    # Behaviour only; `make bench` holds the speed and memory targets.
    data = hostile.measures_workbook(10_000)
    result = read("plan.xlsx", data)
    assert result.issues == []
    assert sum(len(s.rows) - 1 for s in sheets(result).values()) == 90_000
    assert sheets(result)["Mesures"].rows[-1] == [
        "M10000", "PAN-2024", 10000.0, "Axe 4", "Mesure numéro 10000 du plan", "MIPROF",
        "2026-12-31", 100000.0,
    ]  # fmt: skip


# --- 26, 27. Macros; decorations; sheet count ---------------------------------------------


@pytest.mark.parametrize("name", ["plan.xlsm", "plan.xlsx"])
def test_workbook_with_a_vba_project_is_refused_as_macro_file(name: str) -> None:
    data = hostile.rewrite(hostile.simple_workbook(), add={"xl/vbaProject.bin": b"\x00" * 64})
    result = read(name, data)
    issue = only_issue(result)
    assert result.workbook is None
    assert (issue.code, issue.file) == ("macro-file", name)
    assert "macros (VBA)" in issue.message("fr") and "macros (VBA)" in issue.message("en")


def test_comments_charts_validations_and_formats_are_ignored_without_crash() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Mesures"
    for row in [[*HEADER, "Budget"], ["M1", "Former", 10], ["M2", "Loger", 20]]:
        sheet.append(row)
    sheet["A2"].comment = Comment("à revoir", "Ana")
    validation = DataValidation(type="list", formula1='"Oui,Non"')
    sheet.add_data_validation(validation)
    validation.add("B2:B3")
    sheet.conditional_formatting.add("C2:C3", CellIsRule(operator="greaterThan", formula=["15"]))
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=3), titles_from_data=True)
    sheet.add_chart(chart, "E2")
    for i in range(29):
        book.create_sheet(f"Feuille {i}")["A1"] = i
    out = io.BytesIO()
    book.save(out)
    result = read("plan.xlsx", out.getvalue())
    assert result.issues == []
    read_sheets = sheets(result)
    assert len(read_sheets) == 30
    assert read_sheets["Mesures"].rows[2] == ["M2", "Loger", 20.0]
    issue = only_issue(read("plan.xlsx", out.getvalue(), Limits(max_sheets=29)))
    assert issue.code == "size-limit" and "30 sheets, over the limit of 29" in issue.message("en")


# --- OpenDocument -------------------------------------------------------------------------


def test_ods_is_read_like_xlsx() -> None:
    data = hostile.ods({"Mesures": hostile.ods_row(*HEADER) + hostile.ods_row("M1", 3)})
    result = read("plan.ods", data)
    assert result.issues == []
    assert result.workbook is not None and result.workbook.kind == "ods"
    assert sheets(result)["Mesures"].rows == [HEADER, ["M1", 3.0]]


def test_ods_hidden_table_is_flagged() -> None:
    data = hostile.ods(
        {"Mesures": hostile.ods_row(*HEADER), "Notes": hostile.ods_row("x")}, hidden=["Notes"]
    )
    result = read("plan.ods", data)
    assert sheets(result)["Notes"].hidden and only_issue(result).code == "hidden-sheet"


def test_ods_trailing_empty_repeated_rows_as_libreoffice_writes_them_are_ignored() -> None:
    trailing = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    data = hostile.ods(
        {"Mesures": hostile.ods_row(*HEADER) + hostile.ods_row("M1", "a") + trailing}
    )
    assert sheets(read("plan.ods", data))["Mesures"].rows == [HEADER, ["M1", "a"]]


@pytest.mark.parametrize(("rows", "cols"), [(100_000, 1000), (2, 16_000), (1_000_000, 1)])
def test_ods_repeated_cells_with_a_value_are_refused_before_expansion(rows: int, cols: int) -> None:
    # Measured: calamine aborts the process on 100 000 × 1 000 repeated valued cells.
    table = (
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{cols}" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
    )
    result = read("plan.ods", hostile.ods({"S": table}))
    assert result.workbook is None and only_issue(result).code == "size-limit"


# --- CSV: 34-37 rows ----------------------------------------------------------------------


def test_csv_trailing_blank_rows_of_spaces_and_nbsp_are_dropped_middle_ones_kept() -> None:
    text = "Mesure,Intitulé\nM1,a\n,\nM2,b\n \u00a0, \n\u200b,\n\n"
    assert csv_rows(text) == [HEADER, ["M1", "a"], ["", ""], ["M2", "b"]]


def test_csv_trailing_empty_columns_are_dropped() -> None:
    assert csv_rows("Mesure,Intitulé,,\nM1,a,,\n") == [HEADER, ["M1", "a"]]


def test_csv_extra_field_on_first_data_row_is_an_extra_cell_error() -> None:
    result = read("Mesures.csv", b"Mesure,Intitul\xc3\xa9\nM1,a,surplus\nM2,b\n")
    issue = only_issue(result)
    assert (issue.code, issue.sheet, issue.row, issue.column) == ("extra-cell", "Mesures", 2, "C")
    assert issue.message("en").endswith(
        "row 2, column C: this row has 3 values but the header has 2."
    )
    assert (
        "ligne 2, colonne C : cette ligne a 3 valeurs alors que l'en-tête en a 2"
        in issue.message("fr")
    )
    assert sheets(result)["Mesures"].rows[1] == ["M1", "a"]  # truncated after reporting


def test_csv_extra_field_after_a_multiline_cell_counts_records_not_lines() -> None:
    text = 'Mesure,Intitulé\nM1,"deux\nlignes"\nM2,"trois\n\nlignes"\nM3,c,de trop\n'
    issue = only_issue(read("Mesures.csv", text.encode()))
    assert (issue.code, issue.row) == ("extra-cell", 4)  # physical line 7


def test_csv_trailing_delimiter_with_nothing_after_it_is_not_an_error() -> None:
    assert csv_rows("Mesure,Intitulé\nM1,a,\n") == [HEADER, ["M1", "a"]]


def test_csv_row_missing_trailing_fields_names_the_missing_headers() -> None:
    result = read("Mesures.csv", "Mesure,Intitulé,Pilote\nM1\n".encode())
    issue = only_issue(result)
    assert (issue.code, issue.row, issue.column, issue.header) == (
        "missing-cell",
        2,
        "B",
        "Intitulé",
    )
    assert "no value for: Intitulé, Pilote" in issue.message("en")
    assert "il manque une valeur pour : Intitulé, Pilote" in issue.message("fr")
    assert sheets(result)["Mesures"].rows[1] == ["M1", "", ""]  # padded after reporting


def test_csv_blank_line_in_the_middle_is_not_a_missing_cell() -> None:
    result = read("Mesures.csv", "Mesure,Intitulé\n\nM1,a\n".encode())
    assert result.issues == []
    assert sheets(result)["Mesures"].rows == [HEADER, [], ["M1", "a"]]


# --- CSV: 43, 44 cells --------------------------------------------------------------------


def test_csv_two_megabyte_field_gives_a_positional_error_not_a_traceback() -> None:
    text = "Mesure,Intitulé\nM1,a\nM2," + "x" * 2_000_000 + "\n"
    result = read("Mesures.csv", text.encode())
    issue = only_issue(result)
    assert result.workbook is None
    assert (issue.code, issue.sheet, issue.row) == ("constraint-error", "Mesures", 3)
    assert "longer than 32,767 characters" in issue.message("en")
    assert "dépasse 32\u202f767 caractères" in issue.message("fr")


def test_csv_cell_just_over_the_excel_limit_is_reported_at_its_cell() -> None:
    text = "Mesure,Intitulé\nM1," + "x" * 32_768 + "\n"
    issue = only_issue(read("Mesures.csv", text.encode()))
    assert (issue.code, issue.row, issue.column) == ("constraint-error", 2, "B")


def test_csv_cell_at_the_excel_limit_is_accepted() -> None:
    assert csv_rows("Mesure,Intitulé\nM1," + "x" * 32_767 + "\n")[1][1] == "x" * 32_767


def test_csv_nul_byte_is_reported_at_its_cell() -> None:
    result = read("Mesures.csv", b"Mesure,Intitul\xc3\xa9\nM1,a\x00b\n")
    issue = only_issue(result)
    assert (issue.code, issue.row, issue.column) == ("constraint-error", 2, "B")
    assert "NUL" in issue.message("en") and "caractère nul" in issue.message("fr")


def test_csv_legitimate_unicode_is_kept_exactly() -> None:
    cell = "مرحبا \u202eabc 👩🏽‍⚖️ 𝔘 zero\u200bwidth"
    rows = csv_rows(f'Mesure,Intitulé\nM1,"{cell}"\nM2,"a\r\nb"\n')
    assert rows[1][1] == cell and rows[2][1] == "a\r\nb"


# --- CSV: 47-51 encodings and dialects ----------------------------------------------------


def test_csv_utf8_bom_never_reaches_the_first_header() -> None:
    rows = csv_rows("\ufeffMesure,Intitulé\nM1,a\n".encode())
    assert rows[0][0] == "Mesure"


def test_csv_windows_1252_is_an_encoding_error_never_mojibake() -> None:
    data = "Mesure;Intitulé\nM1;Former – les agents’\n".encode("cp1252")
    result = read("Mesures.csv", data)
    issue = only_issue(result)
    assert result.workbook is None
    assert (issue.code, issue.file) == ("encoding-error", "Mesures.csv")
    assert "isn't UTF-8 (first unreadable character on line 1); in Excel use « CSV UTF-8 »" in (
        issue.message("en")
    )
    assert "n'est pas encodé en UTF-8" in issue.message("fr") and "« CSV UTF-8 »" in issue.message(
        "fr"
    )


def test_csv_mac_roman_is_an_encoding_error() -> None:
    data = "Mesure,Intitulé\nM1,Été\n".encode("mac_roman")
    assert only_issue(read("Mesures.csv", data)).code == "encoding-error"


def test_csv_utf16_with_bom_is_decoded() -> None:
    data = "Mesure\tIntitulé\r\nM1\tÉté\r\n".encode("utf-16")
    assert csv_rows(data) == [HEADER, ["M1", "Été"]]


def test_csv_utf16_without_bom_is_an_encoding_error() -> None:
    data = "Mesure,Intitulé\nM1,a\n".encode("utf-16-le")
    assert only_issue(read("Mesures.csv", data)).code == "encoding-error"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_sniffed_from_the_header(delimiter: str) -> None:
    text = f'Mesure{delimiter}Intitulé\nM1{delimiter}"a, b; c"\n'
    assert csv_rows(text) == [HEADER, ["M1", "a, b; c"]]


def test_csv_pipe_delimited_gets_a_separator_hint() -> None:
    result = read("Mesures.csv", "Mesure|Intitulé\nM1|a\n".encode())
    issue = only_issue(result)
    assert (issue.code, issue.row) == ("format-error", 1)
    assert "comma, a semicolon or a tab" in issue.message("en")


def test_csv_quoted_newlines_doubled_quotes_cr_only_endings_and_no_final_newline() -> None:
    text = 'Mesure,Intitulé\r"M1","dit ""oui""\rpuis non"\rM2,b'
    assert csv_rows(text) == [HEADER, ["M1", 'dit "oui"\rpuis non'], ["M2", "b"]]


def test_csv_unclosed_quote_is_a_positional_format_error() -> None:
    result = read("Mesures.csv", b'Mesure,Intitul\xc3\xa9\nM1,a\nM2,"b\n')
    issue = only_issue(result)
    assert result.workbook is None
    assert (issue.code, issue.row) == ("format-error", 3)
    assert "malformed" in issue.message("en")


def test_csv_stray_quote_is_a_positional_format_error() -> None:
    issue = only_issue(read("Mesures.csv", b'Mesure,Intitul\xc3\xa9\nM1,"a"b\n'))
    assert (issue.code, issue.row) == ("format-error", 2)


def test_csv_cells_are_text_and_look_alikes_survive() -> None:
    assert csv_rows("Mesure,Intitulé\n007,NA\n1E5,TRUE\n")[1:] == [["007", "NA"], ["1E5", "TRUE"]]


# --- Several CSV files, zips of CSV files -------------------------------------------------


def test_several_csv_files_give_one_sheet_each_named_by_the_file() -> None:
    result = read_upload(
        [Upload("Plans.csv", b"Plan\nP1\n"), Upload("C:\\exports\\Mesures.CSV", b"Mesure\nM1\n")]
    )
    assert list(sheets(result)) == ["Plans", "Mesures"]


def test_zip_of_csv_files_is_read_and_macos_noise_ignored() -> None:
    data = hostile.make_zip(
        [
            ("export/Plans.csv", b"Plan\nP1\n"),
            ("export/Mesures.csv", "\ufeffMesure;Intitulé\nM1;a\n".encode()),
            ("__MACOSX/export/._Mesures.csv", b"\x00\x05\x16\x07"),
        ]
    )
    result = read("plan.zip", data)
    assert result.issues == []
    assert sheets(result)["Mesures"].rows == [HEADER, ["M1", "a"]]


def test_two_files_for_the_same_sheet_are_refused() -> None:
    result = read_upload([Upload("Plans.csv", b"Plan\nP1\n"), Upload("plans.csv", b"Plan\nP2\n")])
    issue = only_issue(result)
    assert result.workbook is None and (issue.code, issue.sheet) == ("duplicate-sheet", "plans")


def test_workbook_and_csv_together_are_refused() -> None:
    result = read_upload(
        [Upload("plan.xlsx", hostile.simple_workbook()), Upload("Plans.csv", b"Plan\nP1\n")]
    )
    assert result.workbook is None and only_issue(result).key == "mixed_files"


def test_each_bad_csv_file_is_reported_at_once() -> None:
    result = read_upload(
        [Upload("Plans.csv", "Plan\né\n".encode("cp1252")), Upload("Mesures.csv", b"")]
    )
    assert result.workbook is None
    assert [(i.code, i.file) for i in result.issues] == [
        ("encoding-error", "Plans.csv"),
        ("format-error", "Mesures.csv"),
    ]


def test_csv_zip_member_bytes_are_decoded_not_the_zip_itself() -> None:
    data = hostile.make_zip(
        [("Mesures.csv", "Mesure\nÉté\n".encode())], compression=zipfile.ZIP_STORED
    )
    assert sheets(read("plan.csv", data))["Mesures"].rows == [["Mesure"], ["Été"]]


@pytest.mark.subprocess
def test_an_ods_workbook_with_a_month_date_and_a_published_verdict_loads() -> None:
    # A whole small workbook as LibreOffice would save it: "mars 2014" is text, a year
    # typed alone a number; both are read as periods by validation.
    rows: dict[str, list[list[object]]] = {
        name: [list(row) for row in sheet] for name, sheet in valid_sheets().items()
    }
    for sheet in rows.values():  # ods cells here are text or numbers only
        for row in sheet:
            row[:] = [v.isoformat() if isinstance(v, dt.date) else v for v in row]
    set_cell(rows, "Chronologie", 2, "Date", "mars 2014")
    set_cell(rows, "Suivi", 2, "Date", 2016)
    rows["Verdicts publiés"] = [
        [str(v) if isinstance(v, dt.date) else v for v in row] for row in verdict_rows(a_verdict())
    ]
    data = hostile.ods(
        {name: "".join(hostile.ods_row(*row) for row in sheet) for name, sheet in rows.items()}
    )

    result = load_bytes("plan.ods", data)

    assert result.dataset is not None, [i.message("en") for i in result.report]
    events, updates = result.dataset.events, result.dataset.status_updates
    assert (str(events["date"].iloc[0].date()), str(events["date_latest"].iloc[0].date())) == (
        "2014-03-01",
        "2014-03-31",
    )
    assert str(updates["as_of_latest"].iloc[0].date()) == "2016-12-31"
    assert result.dataset.tables["published_verdicts"]["assessor"].tolist() == ["CNCDH"]
