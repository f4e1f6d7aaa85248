"""Each command of the command line imports its own path and no other (issue 13, item 8).

Run in a fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitoring.cli.parser import build_parser
from monitoring.cli.run import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
# Each test runs a fresh interpreter: a subprocess.
pytestmark = pytest.mark.subprocess

# What a command given a file never needs: the store (SQLAlchemy), the charts (plotly),
# the workbook writers (openpyxl, xlsxwriter), the dossier and the PDF.
NOT_FOR_A_FILE = {
    "sqlalchemy",
    "monitoring.storage.sql",
    "monitoring.services.importing",
    "plotly",
    "openpyxl",
    "xlsxwriter",
    "monitoring.present.workbook",
    "monitoring.services.annotate",
    "monitoring.present.dossier",
    "monitoring.present.exports",
    "monitoring.present.ods",
    "odf",
}
DRIVER = """
import contextlib, io, json, sys
with contextlib.redirect_stdout(io.StringIO()):
    if sys.argv[1:]:
        from monitoring.cli import main
        code = main(sys.argv[1:])
    else:
        import monitoring.cli
        code = None
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imported(tmp_path: Path, *argv: str) -> tuple[int | None, set[str]]:
    """The exit code and every module imported by `plan-monitoring argv` in a fresh process."""
    env = {**os.environ, "PLAN_MONITORING_STATE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("PLAN_MONITORING_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return answer["code"], set(answer["modules"])


def test_importing_the_command_line_loads_neither_pandas_nor_the_store(tmp_path: Path) -> None:
    _, modules = _imported(tmp_path)
    assert modules & {"numpy", "pandas", "sqlalchemy", "monitoring.storage.sql"} == set()
    # The parser and `main`, and no command's module.
    assert {m for m in modules if m.startswith("monitoring.cli.")} == {
        "monitoring.cli.common",
        "monitoring.cli.parser",
        "monitoring.cli.run",
    }


@pytest.mark.parametrize("command", ["validate", "summary"])
def test_a_command_given_a_file_loads_neither_the_store_nor_the_writers(
    command: str, tmp_path: Path
) -> None:
    code, modules = _imported(tmp_path, command, str(DEMO), "--json")
    assert code == 0
    assert modules & NOT_FOR_A_FILE == set()
    assert "monitoring.cli.files" in modules and "monitoring.cli.versions" not in modules


def test_every_command_names_a_function_of_its_module() -> None:
    import importlib

    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if a.dest == "command"]
    assert set(subparsers.choices) == set(COMMANDS)  # type: ignore[arg-type]
    for module, name in COMMANDS.values():
        assert callable(getattr(importlib.import_module(module), name))
