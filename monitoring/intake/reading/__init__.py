"""Read uploaded files (.xlsx, .ods, .csv, a .zip of CSV files) into raw sheets, safely.

Every upload goes through `monitoring.intake.preflight` first: size, real type from the magic
bytes, and for zip containers a member-by-member inspection, before python-calamine or
the `csv` module sees a byte. Problems come back as `Issue`s in a `ReadResult`; nothing
here raises for any input. `RawWorkbook` is `None` when the upload cannot be used at
all (damaged, hostile, over a limit, undecodable); softer problems (a hidden sheet, a
ragged CSV row) come with a workbook so validation can report everything at once.

The parts: `workbook` reads .xlsx and .ods through python-calamine, `csvfiles` reads CSV
files, `blanks` says what both count as blank.
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from monitoring.config.settings import Limits
from monitoring.intake.preflight import (
    Container,
    Rejected,
    check_size,
    inspect_zip,
    sniff,
)
from monitoring.intake.problems import Issue
from monitoring.intake.raw import RawWorkbook, SheetSink
from monitoring.intake.reading.csvfiles import CsvFiles, CsvSource
from monitoring.intake.reading.workbook import read_workbook
from monitoring.text.i18n import FileSize

__all__ = [
    "DISPLAY_NAME_CHARS",
    "ReadResult",
    "Upload",
    "display_name",
    "read_upload",
]

logger = logging.getLogger(__name__)

DISPLAY_NAME_CHARS = 80
# Bidirectional controls: they make "exe.xlsx" display as "xlsx.exe" and the like.
_BIDI = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None
)


@dataclass(frozen=True)
class Upload:
    """One uploaded file."""

    name: str  # the file name as the user gave it
    data: bytes


@dataclass
class ReadResult:
    """The sheets read from an upload, and the problems met while reading."""

    workbook: RawWorkbook | None  # None when the upload cannot be read at all
    issues: list[Issue] = field(default_factory=list)


def display_name(name: str) -> str:
    """Return a file name that is safe to show: never a path, no control characters.

    Args:
        name: the name as the browser or the user gave it.

    Returns:
        The last path component, without control, format or bidirectional characters,
        at most 80 characters long (the extension is kept when shortening).
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = name.translate(_BIDI)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    name = name.strip(" .") or "fichier"
    if len(name) > DISPLAY_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 5:
            name = stem[: DISPLAY_NAME_CHARS - len(suffix) - 2] + "…." + suffix
        else:
            name = name[: DISPLAY_NAME_CHARS - 1] + "…"
    return name


def read_upload(
    files: Sequence[Upload],
    limits: Limits = Limits(),  # noqa: B008
    sink: SheetSink | None = None,
) -> ReadResult:
    """Read uploaded files into raw sheets, refusing anything damaged or hostile.

    Never raises: an unexpected failure becomes a `format-error` issue whose reference
    is also in the server log, with the details.

    Args:
        files: one .xlsx or .ods workbook, or one or more .csv files (or .zip files of
            CSV files); the name of each CSV file names its sheet.
        limits: the configured limits.
        sink: given a lone workbook's sheets as soon as each is read
            (`monitoring.intake.raw.SheetSink`); the result holds them all the same.

    Returns:
        The raw workbook (None when the upload cannot be used at all) and every issue
        found while reading.
    """
    try:
        result = _read(files, limits, sink)
    except Exception:
        reference = uuid.uuid4().hex[:8]
        logger.exception("unexpected failure reading an upload (reference %s)", reference)
        name = display_name(files[0].name) if files else None
        issue = Issue("format-error", "unexpected", file=name, params={"ref": reference})
        return ReadResult(None, [issue])
    if result.workbook is not None:
        cells = sum((sheet.height + 1) * len(sheet.header) for sheet in result.workbook.sheets)
        if cells > limits.max_cells:
            # The workbook goes to the server process: this bounds its memory.
            params = {"count": cells, "limit": limits.max_cells}
            name = result.workbook.file_name
            return ReadResult(
                None, [Issue("size-limit", "too_many_cells", file=name, params=params)]
            )
    return result


def _read(files: Sequence[Upload], limits: Limits, sink: SheetSink | None) -> ReadResult:
    if not files:
        return ReadResult(None, [Issue("format-error", "no_files")])
    issues: list[Issue] = []
    workbooks: list[tuple[bytes, Container, str]] = []
    csv_files = CsvFiles(limits)
    fatal = False
    # One budget for the whole upload: the size limit covers all its files together,
    # the CSV files inside a zip at their unpacked size (they are read whole as text).
    budget = limits.max_file_bytes
    # Each file in turn, so that every file's problems are reported, in upload order.
    for upload in files:
        file = display_name(upload.name)
        try:
            check_size(upload.data, limits, file)
            kind = sniff(upload.data)
            if kind == "zip":
                # A lone workbook's worksheets are scanned beside calamine's reading
                # (`read_workbook`); several files keep every check before any read.
                container = inspect_zip(
                    upload.data, limits, file, budget=max(budget, 0), defer_sheets=len(files) == 1
                )
                spent = sum(len(body) for _, body in container.csv_members)
                if container.kind != "csv":
                    workbooks.append((upload.data, container, file))
                    spent = len(upload.data)
                budget = _spend(budget, spent, limits, file)
                for member, body in container.csv_members:
                    csv_files.add(CsvSource(_sheet_name(member), body, file))
            elif kind == "text":
                budget = _spend(budget, len(upload.data), limits, file)
                csv_files.add(CsvSource(_sheet_name(file), upload.data, file))
            else:
                raise Rejected(_not_a_spreadsheet(kind, file))
        except Rejected as rejected:
            logger.info("upload refused: %s", rejected.issue.key, exc_info=rejected.__cause__)
            issues.append(rejected.issue)
            fatal = True
        issues.extend(csv_files.take_issues())
    fatal = fatal or csv_files.fatal
    if len(workbooks) > 1 or (workbooks and csv_files.sheets):
        issues.append(Issue("format-error", "mixed_files"))
        return ReadResult(None, issues)
    if fatal:
        return ReadResult(None, issues)
    if workbooks:
        data, container, file = workbooks[0]
        return ReadResult(*read_workbook(data, container, limits, file, sink))
    if len(csv_files.sheets) > limits.max_sheets:
        issue = Issue(
            "size-limit",
            "too_many_sheets",
            params={"count": len(csv_files.sheets), "limit": limits.max_sheets},
        )
        return ReadResult(None, [issue])
    name = display_name(", ".join(display_name(f.name) for f in files))
    return ReadResult(RawWorkbook(name, "csv", csv_files.sheets), issues)


def _spend(budget: int, size: int, limits: Limits, file: str) -> int:
    """What is left of the upload's budget once `file` (`size` bytes) is counted."""
    if size > budget:
        limit = FileSize(limits.max_file_bytes)
        raise Rejected(Issue("size-limit", "upload_too_big", file=file, params={"limit": limit}))
    return budget - size


def _not_a_spreadsheet(kind: str, file: str) -> Issue:
    if kind == "xls":
        return Issue("format-error", "xls", file=file)
    if kind == "encrypted":
        return Issue("encrypted-file", "encrypted", file=file)
    return Issue("format-error", "foreign_type", file=file, params={"kind": kind})


def _sheet_name(name: str) -> str:
    """`Mesures.csv` (or `export/Mesures.csv` in a zip) names the sheet `Mesures`."""
    stem = PurePosixPath(display_name(name)).name
    return stem[:-4] if stem.lower().endswith(".csv") else PurePosixPath(stem).stem or stem
