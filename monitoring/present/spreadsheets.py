"""The spreadsheet formats a workbook leaves the project in: .xlsx and .ods, declared once.

Every workbook is built as an .xlsx; `workbook_in` gives it in the format asked for (the
.ods translated by `monitoring.present.ods`, imported only then). Light on purpose: the
command line checks an output name against `WORKBOOK_FORMATS` before it loads anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

WorkbookFormat = Literal["xlsx", "ods"]
# In the order the app offers them (Excel first, then LibreOffice's own format).
WORKBOOK_FORMATS: tuple[WorkbookFormat, ...] = ("xlsx", "ods")


def format_of(path: Path | str) -> WorkbookFormat | None:
    """The workbook format a file name asks for by its extension (any case); None if none."""
    extension = Path(path).suffix.lower().lstrip(".")
    return next((fmt for fmt in WORKBOOK_FORMATS if fmt == extension), None)


def workbook_in(data: bytes, fmt: WorkbookFormat) -> bytes:
    """An .xlsx workbook's bytes in `fmt`: as they are for `xlsx`, translated for `ods`."""
    if fmt == "ods":
        from monitoring.present.ods import from_xlsx

        return from_xlsx(data)
    return data
