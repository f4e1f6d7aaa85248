"""The validation report leaving the app: the annotated workbook, the report table, names."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from monitoring.intake.problems import Issue, Report
from monitoring.intake.reading import Upload
from monitoring.services.annotate import (
    FILLS,
    annotated_workbook,
    by_sheet,
    issue_text,
    report_csv,
    report_table,
    report_xlsx,
    safe_file_name,
)
from monitoring.services.importing import PreparedImport, prepare_import
from monitoring.storage.memory import MemoryStore
from tests import hostile

pytestmark = pytest.mark.subprocess

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo.xlsx"
RED, BLUE = FILLS["error"], FILLS["notice"]


def edited_demo(**cells: str) -> bytes:
    """The demo workbook with cells changed: `Suivi__C2="…"` sets cell C2 of sheet Suivi
    (see `at` to find a cell by its header)."""
    wb = openpyxl.load_workbook(DEMO)
    for address, value in cells.items():
        sheet, cell = address.split("__")
        wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@cache
def at(sheet: str, header: str, row: int) -> str:
    """The address of a cell of the demo workbook found by its header, as columns move
    when the contract grows (`at("Suivi", "Statut", 2)` is C2 or D2)."""
    ws = openpyxl.load_workbook(DEMO, read_only=True)[sheet]
    headers = [c.value for c in next(ws.iter_rows(max_row=1))]
    return f"{get_column_letter(headers.index(header) + 1)}{row}"


def column(address: str) -> str:
    return address.rstrip("0123456789")


def report_of(files: list[Upload]) -> Report:
    outcome = prepare_import(MemoryStore(), "demo", files)
    return outcome.report if isinstance(outcome, PreparedImport) else outcome


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def fill(cell: openpyxl.cell.Cell) -> str | None:
    colour = cell.fill.start_color.rgb if cell.fill.fill_type == "solid" else None
    return colour[-6:] if isinstance(colour, str) else None


@cache
def rejected() -> tuple[list[Upload], Report]:
    """An unknown status (Suivi, row 2) and a date that is not one (Mesures, row 2)."""
    cells = {f"Suivi__{at('Suivi', 'Statut', 2)}": "Peut-être",
             f"Mesures__{at('Mesures', 'Échéance', 2)}": "bientôt"}  # fmt: skip
    files = [Upload("suivi.xlsx", edited_demo(**cells))]
    return files, report_of(files)


def test_the_annotated_workbook_opens_on_a_sheet_listing_every_problem() -> None:
    files, report = rejected()
    book = load(annotated_workbook(files, report, "fr"))
    assert book.sheetnames[0] == "Erreurs"
    assert book.active.title == "Erreurs"
    rows = list(book["Erreurs"].iter_rows(values_only=True))
    assert rows[0] == (
        "Feuille", "Gravité", "Code", "Ligne", "Colonne", "En-tête", "Valeur", "Message",
    )  # fmt: skip
    listed = sorted((r[0], r[1], r[3], r[4], r[6]) for r in rows[1:])
    assert listed == [
        ("Mesures", "erreur", 2, column(at("Mesures", "Échéance", 2)), "bientôt"),
        ("Suivi", "erreur", 2, column(at("Suivi", "Statut", 2)), "Peut-être"),
    ]
    # Each row links to the cell it is about.
    links = {c.value: c.hyperlink.location for c in book["Erreurs"]["A"][1:]}
    assert links == {
        "Suivi": f"'Suivi'!{at('Suivi', 'Statut', 2)}",
        "Mesures": f"'Mesures'!{at('Mesures', 'Échéance', 2)}",
    }


def test_each_offending_cell_of_an_xlsx_is_filled_and_carries_the_message() -> None:
    files, report = rejected()
    book = load(annotated_workbook(files, report, "fr"))
    status = book["Suivi"][at("Suivi", "Statut", 2)]
    assert status.value == "Peut-être"  # the coordinator's own value, untouched
    assert fill(status) == RED
    message = issue_text(next(i for i in report if i.sheet == "Suivi"), "fr")
    assert status.comment.text == f"Erreur (constraint-error) : {message}"
    due = book["Mesures"][at("Mesures", "Échéance", 2)]
    assert fill(due) == RED and due.comment is not None
    # Nothing else is marked, and the rest of the workbook is the coordinator's own.
    below = book["Suivi"][at("Suivi", "Statut", 3)]
    assert below.comment is None and fill(below) is None
    assert book["Plans"]["A2"].value == "DEMO-A"
    assert book.sheetnames[1:] == load(files[0].data).sheetnames


def test_header_problems_mark_the_header_row_and_sheet_problems_mark_a1() -> None:
    data = edited_demo(**{f"Suivi__{at('Suivi', 'Statut', 1)}": "Quoi"})
    wb = load(data)
    wb.create_sheet("Notes")["B2"] = "à moi"
    out = io.BytesIO()
    wb.save(out)
    files = [Upload("entetes.xlsx", out.getvalue())]
    report = report_of(files)
    assert sorted(i.code for i in report) == ["extra-label", "extra-sheet", "missing-label"]
    book = load(annotated_workbook(files, report, "en"))
    # The required column "Statut" is missing: no column to point at, so A1 of its row.
    assert fill(book["Suivi"]["A1"]) == RED
    assert book["Suivi"]["A1"].comment.text.startswith('Error (missing-label): Column "Status"')
    # The template's own description of the header is kept, after the message.
    assert book["Suivi"]["A1"].comment.text.endswith("— Mesure évaluée. Obligatoire.")
    # The unknown header "Quoi" (kept as an extra column): its own header cell, a notice.
    header = book["Suivi"][at("Suivi", "Statut", 1)]
    assert fill(header) == BLUE
    assert header.comment.text.startswith("Notice (extra-label): ")
    # A sheet outside the format: its A1.
    assert book["Notes"]["A1"].comment.text.startswith("Notice (extra-sheet): ")
    assert book.sheetnames[0] == "Errors"


def test_problems_naming_no_sheet_are_listed_only_in_the_errors_sheet() -> None:
    wb = load(DEMO.read_bytes())
    del wb["Chronologie"]
    out = io.BytesIO()
    wb.save(out)
    files = [Upload("sans-chronologie.xlsx", out.getvalue())]
    report = report_of(files)
    assert [i.code for i in report.errors] == ["missing-sheet"]
    book = load(annotated_workbook(files, report, "fr"))
    rows = list(book["Erreurs"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2]) for r in rows] == [(None, "missing-sheet")]
    cells = [c for ws in book.worksheets[1:] for row in ws.iter_rows() for c in row]
    assert not any(fill(c) in FILLS.values() for c in cells)
    assert not any("missing-sheet" in c.comment.text for c in cells if c.comment)


def test_csv_uploads_are_rewritten_as_a_workbook_with_the_same_highlights() -> None:
    text = (
        "Mesure;Date;Statut;Évalué par\n"
        "A-M01;14/12/2018;Peut-être;Gouvernement\n"
        '=HYPERLINK("http://x");14/12/2018;Réalisée;Gouvernement\n'
    )
    files = [Upload("Suivi.csv", text.encode())]
    report = report_of(files)
    book = load(annotated_workbook(files, report, "fr"))
    assert book.sheetnames == ["Erreurs", "Suivi"]
    sheet = book["Suivi"]
    assert [c.value for c in sheet[1]] == ["Mesure", "Date", "Statut", "Évalué par"]
    assert sheet["C2"].value == "Peut-être" and fill(sheet["C2"]) == RED
    assert "Peut-être" in sheet["C2"].comment.text
    # Text that looks like a formula stays text.
    assert sheet["A3"].data_type == "s" and sheet["A3"].value.startswith("=HYPERLINK")
    # The missing sheets name no sheet: listed, not marked.
    listed = [r[2] for r in book["Erreurs"].iter_rows(min_row=2, values_only=True)]
    assert listed.count("missing-sheet") == 5


def test_ods_uploads_are_rewritten_with_the_same_highlights() -> None:
    rows = hostile.ods_row("Mesure", "Date", "Statut", "Évalué par") + hostile.ods_row(
        "A-M01", "14/12/2018", "Peut-être", "Gouvernement"
    )
    files = [Upload("suivi.ods", hostile.ods({"Suivi": rows, "Notes": hostile.ods_row("x")}))]
    report = report_of(files)
    book = load(annotated_workbook(files, report, "fr"))
    assert book.sheetnames == ["Erreurs", "Suivi", "Notes"]
    assert book["Suivi"]["B2"].value == "14/12/2018"
    assert fill(book["Suivi"]["C2"]) == RED
    assert fill(book["Notes"]["A1"]) == BLUE  # a sheet outside the format: a notice on A1


def test_an_unreadable_upload_gets_a_workbook_with_only_the_errors_sheet() -> None:
    files = [Upload("abime.xlsx", b"PK\x03\x04 not really a zip")]
    report = report_of(files)
    assert report.errors
    book = load(annotated_workbook(files, report, "fr"))
    assert book.sheetnames == ["Erreurs"]
    assert book["Erreurs"].max_row == 1 + len(report)


def test_sheet_names_from_csv_files_become_valid_distinct_sheet_titles() -> None:
    files = [
        Upload("a[1]:b?.csv", b"x;y\n1;2\n"),
        Upload("A[1]-b_.csv", b"x;y\n1;2\n"),
    ]
    book = load(annotated_workbook(files, report_of(files), "fr"))
    titles = book.sheetnames[1:]
    assert len(titles) == 2 and len({t.casefold() for t in titles}) == 2
    assert all(not set("[]:*?/\\") & set(t) and len(t) <= 31 for t in titles)


def test_issues_are_grouped_by_sheet_in_the_order_sheets_are_met() -> None:
    issues = [
        Issue("type-error", "date", sheet="Suivi", row=3),
        Issue("missing-sheet", "missing_sheet"),
        Issue("type-error", "date", sheet="Mesures", row=2),
        Issue("type-error", "date", sheet="Suivi", row=9),
    ]
    groups = by_sheet(issues)
    assert [(sheet, [i.row for i in found]) for sheet, found in groups] == [
        (None, [None]),
        ("Suivi", [3, 9]),
        ("Mesures", [2]),
    ]


def test_the_report_table_gives_the_place_in_columns_and_the_message_without_it() -> None:
    _, report = rejected()
    table = report_table(report, "en")
    row = table[table["sheet"] == "Suivi"].iloc[0]
    assert (row["severity"], row["code"], row["row"], row["column"], row["header"]) == (
        "error", "constraint-error", 2, column(at("Suivi", "Statut", 2)), "Statut",
    )  # fmt: skip
    assert not row["message"].startswith("Sheet")
    assert str(table["row"].dtype) == "Int64"


def test_the_report_csv_is_read_by_french_excel_and_never_runs_a_formula() -> None:
    report = Report([Issue("extra-label", "extra_label", sheet="Suivi", row=1, column="C",
                           header="=cmd", value="=cmd|' /C calc'!A0")])  # fmt: skip
    data = report_csv(report, "fr")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Feuille", "Gravité", "Code", "Ligne"]
    assert rows[1][6] == "'=cmd|' /C calc'!A0"
    english = list(csv.reader(io.StringIO(report_csv(report, "en").decode("utf-8-sig"))))
    assert english[0][0] == "Sheet"


def test_the_report_workbook_holds_only_the_errors_sheet() -> None:
    _, report = rejected()
    book = load(report_xlsx(report, "en"))
    assert book.sheetnames == ["Errors"]
    assert book["Errors"].max_row == 1 + len(report)


@pytest.mark.parametrize(
    ("name", "suffix", "expected"),
    [
        ('Plan 2024/2027 "final"\r\n', "xlsx", "Plan_2024_2027_final.xlsx"),
        ("Évaluation été.xlsx", None, "Evaluation_ete.xlsx"),
        ("../../etc/passwd", "csv", "etc_passwd.csv"),
        ("«»/\\", "xlsx", "export.xlsx"),
        ("demo-version-3", "xlsx", "demo-version-3.xlsx"),
    ],
)
def test_download_names_are_plain_ascii_whatever_the_dataset_or_plan_holds(
    name: str, suffix: str | None, expected: str
) -> None:
    assert safe_file_name(name, suffix) == expected


def test_a_problem_in_the_published_verdicts_sheet_is_marked_at_its_cell() -> None:
    wb = openpyxl.load_workbook(DEMO)
    if "Verdicts publiés" in wb.sheetnames:
        del wb["Verdicts publiés"]
    ws = wb.create_sheet("Verdicts publiés")
    ws.append(["Plan", "Évaluateur", "Évalué par", "Date", "Mesures couvertes", "Réalisées",
               "Source"])  # fmt: skip
    plan = wb["Plans"]["A2"].value
    ws.append([plan, "Rapporteur (fictif)", "Évaluation indépendante", "12/01/2024", 1, 3,
               "https://example.org"])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    files = [Upload("verdicts.xlsx", out.getvalue())]
    report = report_of(files)
    assert [(i.sheet, i.row, i.column, i.key) for i in report.errors] == [
        ("Verdicts publiés", 2, "E", "verdict_counts_over_covered")
    ]

    book = load(annotated_workbook(files, report, "en"))

    cell = book["Verdicts publiés"]["E2"]
    assert fill(cell) == RED
    assert cell.comment.text.endswith("The counts add up to 3, more than the measures covered (1).")
    assert book["Verdicts publiés"]["F2"].comment is None
