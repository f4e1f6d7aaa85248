"""The command line's workbooks: .xlsx or .ods by the name asked for, anything else refused;
`validate --annotate`; and the .ods through LibreOffice's own conversion and back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from monitoring.services.annotate import FILLS
from monitoring.text.i18n import t
from tests.ods_file import assert_real_ods, read_ods
from tests.unit.test_cli import run, state  # noqa: F401 - each test: its own empty store

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"


def broken(tmp_path: Path) -> Path:
    """The demo workbook with a status outside the scale and an impossible date."""
    wb = openpyxl.load_workbook(DEMO)
    headers = [c.value for c in wb["Suivi"][1]]
    wb["Suivi"].cell(2, headers.index("Statut") + 1, "Terminé à moitié")
    wb["Suivi"].cell(3, headers.index("Date") + 1, "31/02/2024")
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("command", ["export", "template"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_name_the_command_cannot_write_is_refused_in_one_line_and_nothing_written(
    tmp_path, capsys, command, lang
) -> None:
    out_path = tmp_path / "donnees.csv"
    argv = [command, str(out_path)] + (["--lang", "en"] if lang == "en" else [])
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    names = t("cli.formats_or", lang).join((".xlsx", ".ods"))
    assert line == t("cli.unwritable_extension", lang, path=str(out_path), formats=names)
    assert not out_path.exists()


@pytest.mark.parametrize("command", ["export", "template"])
def test_an_ods_asked_for_is_an_opendocument_spreadsheet(tmp_path, capsys, command) -> None:
    out_path = tmp_path / "classeur.ods"
    code, _, _ = run(capsys, command, str(out_path))
    assert code == 0
    assert_real_ods(out_path.read_bytes())


def test_the_exported_ods_holds_the_stored_version_s_sheets(tmp_path, capsys) -> None:
    xlsx, ods = tmp_path / "a.xlsx", tmp_path / "a.ods"
    assert run(capsys, "export", str(xlsx), "--dataset", "demo")[0] == 0
    assert run(capsys, "export", str(ods), "--dataset", "demo")[0] == 0
    assert [s.name for s in read_ods(ods.read_bytes()).sheets] == (
        openpyxl.load_workbook(xlsx).sheetnames
    )


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_validate_annotate_marks_exactly_the_report_s_cells(tmp_path, capsys, extension) -> None:
    out_path = tmp_path / f"out.{extension}"
    code, out, err = run(
        capsys, "validate", str(broken(tmp_path)), "--annotate", str(out_path), "--json"
    )
    assert code == 1
    issues = json.loads(out)["issues"]
    assert out_path.name in err  # said on stderr: stdout stays one JSON document
    report_cells = {(i["sheet"], f"{i['column']}{i['row']}") for i in issues}
    assert all(i["sheet"] and i["row"] and i["column"] for i in issues)
    colours = {f"#{c}" for c in FILLS.values()}
    errors_sheet = t("annotate.sheet", "fr")
    if extension == "ods":
        book = read_ods(out_path.read_bytes(), rows=500)
        marked = {
            (sheet.name, address)
            for sheet in book.sheets
            if sheet.name != errors_sheet
            for address, cell in sheet.cells.items()
            if book.fill(cell) in colours
        }
        commented = {
            (sheet.name, address): cell.comment
            for sheet in book.sheets
            for address, cell in sheet.cells.items()
            if (sheet.name, address) in marked
        }
        assert book.sheets[0].name == errors_sheet
    else:
        wb = openpyxl.load_workbook(out_path)
        marked = {
            (ws.title, cell.coordinate)
            for ws in wb.worksheets[1:]
            for row in ws.iter_rows()
            for cell in row
            if cell.fill.fill_type == "solid" and f"#{cell.fill.fgColor.rgb[-6:]}" in colours
        }
        commented = {(s, a): wb[s][a].comment.text for s, a in marked}
        assert wb.sheetnames[0] == errors_sheet
    assert marked == report_cells
    for issue in issues:
        assert issue["code"] in (commented[(issue["sheet"], f"{issue['column']}{issue['row']}")])


def test_validate_annotate_with_a_name_it_cannot_write_reads_nothing(tmp_path, capsys) -> None:
    code, out, err = run(capsys, "validate", str(DEMO), "--annotate", str(tmp_path / "a.pdf"))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "a.pdf").exists()


def _soffice_to_xlsx(source: Path, folder: Path, profile: Path) -> Path:
    """LibreOffice's own conversion, in a private profile (no user's settings, no lock)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: .ci/system-deps installs libreoffice-calc-nogui"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(profile)},
    )  # fmt: skip
    converted = folder / f"{source.stem}.xlsx"
    assert converted.is_file()
    return converted


def test_the_exported_ods_converted_by_libreoffice_imports_as_identical(tmp_path, capsys) -> None:
    exported = tmp_path / "france.ods"
    assert run(capsys, "export", str(exported), "--lang", "en")[0] == 0
    converted = _soffice_to_xlsx(exported, tmp_path / "converted", tmp_path / "lo-profile")
    code, out, _ = run(capsys, "import", str(converted), "--lang", "en")
    assert code == 3, out
    assert "Identical to version 1" in out
