"""Read uploaded files (.xlsx, .ods, .csv, a .zip of CSV files) into raw sheets, safely.

Every upload goes through `monitoring.preflight` first: size, real type from the magic
bytes, and for zip containers a member-by-member inspection, before python-calamine or
the `csv` module sees a byte. Problems come back as `Issue`s in a `ReadResult`; nothing
here raises for any input. `RawWorkbook` is `None` when the upload cannot be used at
all (damaged, hostile, over a limit, undecodable); softer problems (a hidden sheet, a
ragged CSV row) come with a workbook so validation can report everything at once.
"""

from __future__ import annotations

import csv
import io
import logging
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path, PurePosixPath
from typing import Literal

import python_calamine as calamine

from monitoring.preflight import Container, Rejected, check_size, inspect_zip, megabytes, sniff
from monitoring.raw import Cell, RawSheet, RawWorkbook, gc_paused
from monitoring.report import Issue
from monitoring.schema import column_letter
from monitoring.settings import Limits

logger = logging.getLogger(__name__)

DISPLAY_NAME_CHARS = 80
CSV_DELIMITERS = (",", ";", "\t")
# A field this much longer than the cell limit still parses, so the message can point
# at the cell; beyond it the csv module stops with an error we map to a position.
CSV_FIELD_MARGIN = 1024
# Bidirectional controls: they make "exe.xlsx" display as "xlsx.exe" and the like.
_BIDI = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None
)
# What counts as blank in a cell: every Unicode space (NBSP included), and the
# zero-width characters schema.normalise_label also ignores.
_BLANK_CHARS = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
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


def read_paths(paths: Sequence[Path], limits: Limits = Limits()) -> ReadResult:  # noqa: B008
    """Read files from disk (command line, tests): see `read_upload`.

    Args:
        paths: one workbook, or one or more CSV files (or zips of CSV files).
        limits: the configured limits.

    Returns:
        The raw workbook, or None, and the issues found.
    """
    return read_upload([Upload(p.name, p.read_bytes()) for p in paths], limits)


def read_upload(files: Sequence[Upload], limits: Limits = Limits()) -> ReadResult:  # noqa: B008
    """Read uploaded files into raw sheets, refusing anything damaged or hostile.

    Never raises: an unexpected failure becomes a `format-error` issue whose reference
    is also in the server log, with the details.

    Args:
        files: one .xlsx or .ods workbook, or one or more .csv files (or .zip files of
            CSV files); the name of each CSV file names its sheet.
        limits: the configured limits.

    Returns:
        The raw workbook (None when the upload cannot be used at all) and every issue
        found while reading.
    """
    try:
        result = _read(files, limits)
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


@dataclass
class _CsvSource:
    sheet: str
    data: bytes
    file: str


def _read(files: Sequence[Upload], limits: Limits) -> ReadResult:
    if not files:
        return ReadResult(None, [Issue("format-error", "no_files")])
    issues: list[Issue] = []
    workbooks: list[tuple[bytes, Container, str]] = []
    csv_files = _CsvFiles(limits)
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
                container = inspect_zip(upload.data, limits, file, budget=max(budget, 0))
                spent = sum(len(body) for _, body in container.csv_members)
                if container.kind != "csv":
                    workbooks.append((upload.data, container, file))
                    spent = len(upload.data)
                budget = _spend(budget, spent, limits, file)
                for member, body in container.csv_members:
                    csv_files.add(_CsvSource(_sheet_name(member), body, file))
            elif kind == "text":
                budget = _spend(budget, len(upload.data), limits, file)
                csv_files.add(_CsvSource(_sheet_name(file), upload.data, file))
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
        return _read_workbook(data, container, limits, file)
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
        limit = megabytes(limits.max_file_bytes)
        raise Rejected(Issue("size-limit", "upload_too_big", file=file, params={"limit": limit}))
    return budget - size


class _CsvFiles:
    """The CSV files of one upload, read one by one, each giving one sheet."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sheets: list[RawSheet] = []
        self.issues: list[Issue] = []
        self.fatal = False

    def add(self, source: _CsvSource) -> None:
        if any(s.name.casefold() == source.sheet.casefold() for s in self.sheets):
            self.issues.append(
                Issue(
                    "duplicate-sheet", "duplicate_csv_sheet", file=source.file, sheet=source.sheet
                )
            )
            self.fatal = True
            return
        try:
            sheet, found = _read_csv(source, self.limits)
        except Rejected as rejected:
            logger.info("csv refused: %s", rejected.issue.key, exc_info=rejected.__cause__)
            self.issues.append(rejected.issue)
            self.fatal = True
            return
        self.issues.extend(found)
        self.sheets.append(sheet)

    def take_issues(self) -> list[Issue]:
        issues, self.issues = self.issues, []
        return issues


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


# --- Workbooks (.xlsx, .ods) ---------------------------------------------------------


def _read_workbook(data: bytes, container: Container, limits: Limits, file: str) -> ReadResult:
    issues: list[Issue] = []
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        with book:
            metadata = [
                m for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet
            ]
            if len(metadata) > limits.max_sheets:
                issue = Issue(
                    "size-limit",
                    "too_many_sheets",
                    file=file,
                    params={"count": len(metadata), "limit": limits.max_sheets},
                )
                return ReadResult(None, [issue])
            sheets: list[RawSheet] = []
            for meta in metadata:
                sheet = _read_sheet(book, meta.name, container, limits, file)
                if isinstance(sheet, Issue):
                    return ReadResult(None, [*issues, sheet])
                if meta.visible != calamine.SheetVisibleEnum.Visible:
                    sheet.hidden = True
                    issues.append(Issue("hidden-sheet", "hidden_sheet", file=file, sheet=meta.name))
                sheets.append(sheet)
    except calamine.PasswordError:
        return ReadResult(None, [Issue("encrypted-file", "encrypted", file=file)])
    except calamine.XmlError as exc:
        logger.info("calamine refused the XML of an upload: %s", exc)
        # quick-xml never expands entities; it stops on the first reference to one.
        key = "forbidden_xml" if "entity" in str(exc).lower() else "xml_malformed"
        code = "forbidden-xml" if key == "forbidden_xml" else "format-error"
        return ReadResult(None, [Issue(code, key, file=file)])
    except calamine.CalamineError as exc:  # ZipError and the rest: the file is damaged
        logger.info("calamine could not read an upload: %s", exc)
        return ReadResult(None, [Issue("format-error", "damaged", file=file)])
    kind: Literal["xlsx", "ods"] = "xlsx" if container.kind == "xlsx" else "ods"
    workbook = RawWorkbook(file, kind, sheets, date1904=container.date1904)
    return ReadResult(workbook, issues)


def _read_sheet(
    book: calamine.CalamineWorkbook, name: str, container: Container, limits: Limits, file: str
) -> RawSheet | Issue:
    sheet = book.get_sheet_by_name(name)
    # Reading builds millions of cells: see `gc_paused` for why the collector waits.
    with gc_paused():
        read = _sheet_columns(sheet)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
    del sheet  # calamine's copy of the sheet goes before the next sheet is read
    if read is None:
        raw = RawSheet(name=name, rows=[], merged=merged)
    else:
        header, columns = read
        raw = RawSheet(name=name, header=header, columns=columns, merged=merged)
    if len(raw.header) > limits.max_columns:
        return Issue(
            "size-limit",
            "too_many_columns",
            file=file,
            sheet=name,
            params={"count": len(raw.header), "limit": limits.max_columns},
        )
    if raw.height > limits.max_rows:
        return Issue(
            "size-limit",
            "too_many_rows",
            file=file,
            sheet=name,
            params={"count": raw.height, "limit": limits.max_rows},
        )
    findings = container.sheets.get(name)
    if findings is not None:
        raw.formula_no_value = findings.formula_no_value
        raw.error_cells = findings.error_cells
    return raw


# Rows taken from calamine at a time: the sheet is turned into columns as it is read,
# so a 250,000-row sheet never exists as 250,000 lists at once.
ROW_CHUNK = 8192
# Kinds of cells equal across types (`True == 1 == 1.0`): a column mixing two of them is
# never shared (see `_sheet_columns`), so that no cell takes the type of another.
_NUMERIC = frozenset({bool, int, float})


def _sheet_columns(sheet: calamine.CalamineSheet) -> tuple[list[Cell], list[list[Cell]]] | None:
    """The sheet as (header row, data columns), A1 at the origin, trailing blanks trimmed.

    Returns None when nothing is left (an empty sheet, or blanks only). Positions match
    the spreadsheet, as `to_python(skip_empty_area=False)` gives them, and trailing
    blank rows and columns are dropped as `_trim` drops them.
    """
    end = sheet.end
    if end is None:
        return None
    builder = _Columns(width=end[1] + 1)
    rows = sheet.iter_rows()
    while chunk := list(islice(rows, ROW_CHUNK)):
        builder.add(chunk)  # type: ignore[arg-type]
    return builder.finish(height=end[0] + 1)


class _Columns:
    """Columns built from chunks of rows, equal cells of a column sharing one object.

    calamine makes a new object for every cell, even for the same shared string, and
    a column of statuses or dates holds a few distinct values thousands of times over.
    Sharing them, with the rows read a chunk at a time, takes the peak memory of a
    50,000-measure workbook from 690 MB to under 500, and later lookups reuse each
    string's cached hash. A column that mixes bools, ints and floats, or holds floats
    (`-0.0 == 0.0`), keeps its own objects.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.columns: list[list[Cell]] = [[] for _ in range(width)]
        self.shared: list[dict[Cell, Cell] | None] = [{} for _ in range(width)]
        self.kinds: list[set[type]] = [set() for _ in range(width)]
        self.count = 0  # rows seen
        self.pending = 0  # rows of "" only seen since the last row with content
        self.last_filled = -1

    def add(self, chunk: list[list[Cell]]) -> None:
        if len(chunk[0]) < self.width:  # iter_rows starts at the first column holding data
            pad = [""] * (self.width - len(chunk[0]))
            chunk = [pad + row for row in chunk]
        cells_by_column = list(zip(*chunk, strict=True))
        self.count += len(chunk)
        if all(cells.count("") == len(cells) for cells in cells_by_column):
            # Styled empty rows down to row 1,048,576: kept only if content follows.
            self.pending += len(chunk)
            return
        for k in range(len(chunk) - 1, -1, -1):
            if not _blank_row(chunk[k]):
                self.last_filled = self.count - len(chunk) + k
                break
        for j, cells in enumerate(cells_by_column):
            column = self.columns[j]
            if self.pending:
                column.extend(repeat("", self.pending))
            seen = self.shared[j]
            if seen is not None:
                self.kinds[j].update(map(type, cells))
                numeric = self.kinds[j] & _NUMERIC
                if len(numeric) > 1 or float in numeric:
                    seen = self.shared[j] = None
            column.extend(cells if seen is None else map(seen.setdefault, cells, cells))
        self.pending = 0

    def finish(self, height: int) -> tuple[list[Cell], list[list[Cell]]] | None:
        if self.last_filled < 0:
            return None
        top = height - self.count  # rows above the first holding data, if iter_rows skipped them
        columns = self.columns
        for j, column in enumerate(columns):
            del column[self.last_filled + 1 :]
            if top > 0:
                columns[j] = [""] * top + column
        # Trailing blank columns; any() stops at the first filled cell, usually the header.
        while columns and not any(not _blank(cell) for cell in columns[-1]):
            columns.pop()
        if not columns:
            return None
        header = [column[0] for column in columns]
        for column in columns:
            del column[0]
        return header, columns


def _blank(cell: Cell) -> bool:
    return cell == "" or (isinstance(cell, str) and not cell.strip(_BLANK_CHARS))


def _blank_row(row: list[Cell]) -> bool:
    # count("") runs in C and settles the usual case; only rows holding spaces or
    # zero-width characters need the slower look.
    return row.count("") == len(row) or all(_blank(cell) for cell in row)


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Drop trailing blank rows and trailing blank columns."""
    end = len(rows)
    while end and _blank_row(rows[end - 1]):
        end -= 1
    if end < len(rows):
        rows = rows[:end]
    full = width = max((len(row) for row in rows), default=0)
    # any() stops at the first filled cell, usually the header: cheap for real columns.
    while width and not any(not _blank(row[width - 1]) for row in rows if len(row) >= width):
        width -= 1
    if width < full:
        rows = [row[:width] for row in rows]
    return rows


# --- CSV -----------------------------------------------------------------------------


def _decode(data: bytes, file: str) -> str:
    """Decode strictly: UTF-8 (with or without BOM) or UTF-16 with a BOM, nothing else.

    A cp1252 or Mac Roman file would decode to mojibake under a guess; the user can
    re-export as UTF-8 in one step, so refusing is kinder than storing garbage.
    """
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16").lstrip("\ufeff")
        head = data[:256]
        if len(head) >= 4 and (
            head[1::2].count(0) > len(head) // 4 or head[::2].count(0) > len(head) // 4
        ):
            # UTF-16 without a BOM: ASCII letters alternate with NUL bytes.
            raise Rejected(Issue("encoding-error", "encoding", file=file, params={"line": 1}))
        return data.decode("utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if b"\x00" in data[:4096]:
            raise Rejected(Issue("format-error", "not_text", file=file)) from exc
        raise Rejected(
            Issue("encoding-error", "encoding", file=file, params={"line": line})
        ) from exc


def _delimiter(text: str) -> str:
    """Pick `,` `;` or tab: the one found most often in the header record."""
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    quoted = False
    for ch in text[:65536]:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            if ch in "\r\n":
                break
            if ch in counts:
                counts[ch] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])  # ties keep the comma
    return best if counts[best] else ","


def _read_csv(source: _CsvSource, limits: Limits) -> tuple[RawSheet, list[Issue]]:
    file, name = source.file, source.sheet
    text = _decode(source.data, file)
    if not text.strip(_BLANK_CHARS):
        raise Rejected(Issue("format-error", "empty_file", file=file))
    delimiter = _delimiter(text)
    # The limit is process-wide; every reader sets the same value from the same limits.
    csv.field_size_limit(max(limits.max_cell_chars + CSV_FIELD_MARGIN, 1024))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[Cell]] = []
    issues: list[Issue] = []
    record = 0  # spreadsheet row number: records, not physical lines (quoted newlines)
    last_filled = 0
    try:
        for record, fields in enumerate(reader, start=1):
            if record == 1:
                width = len(fields)
                if width > limits.max_columns:
                    raise _too_wide(file, name, width, limits)
            elif not _blank_row(fields):  # type: ignore[arg-type]
                last_filled = record
                if len(fields) != width:
                    issues.extend(_ragged(fields, rows[0], record, file, name))
                    fields = (fields + [""] * width)[:width]
            if record <= limits.max_rows + 1:
                rows.append(fields)  # type: ignore[arg-type]
    except csv.Error as exc:
        row = record + 1
        logger.info("csv error in an upload at record %d: %s", row, exc)
        key = "cell_too_long" if "field larger" in str(exc) else "csv_malformed"
        code = "constraint-error" if key == "cell_too_long" else "format-error"
        params = {"limit": limits.max_cell_chars} if key == "cell_too_long" else {}
        raise Rejected(Issue(code, key, file=file, sheet=name, row=row, params=params)) from exc
    if last_filled - 1 > limits.max_rows:
        raise Rejected(
            Issue(
                "size-limit",
                "too_many_rows",
                file=file,
                sheet=name,
                params={"count": last_filled - 1, "limit": limits.max_rows},
            )
        )
    rows = _trim(rows)
    if rows and len(rows[0]) == 1 and any(c in str(rows[0][0]) for c in ";|"):
        issues.append(Issue("format-error", "one_column", file=file, sheet=name, row=1))
    issues.extend(_cell_checks(rows, text, limits, file, name))
    return RawSheet(name=name, rows=rows), issues


def _too_wide(file: str, sheet: str, width: int, limits: Limits) -> Rejected:
    return Rejected(
        Issue(
            "size-limit",
            "too_many_columns",
            file=file,
            sheet=sheet,
            params={"count": width, "limit": limits.max_columns},
        )
    )


def _ragged(
    fields: list[str], header: list[Cell], record: int, file: str, sheet: str
) -> list[Issue]:
    width = len(header)
    if len(fields) > width:
        if all(_blank(cell) for cell in fields[width:]):
            return []  # a trailing delimiter: no value is lost
        return [
            Issue(
                "extra-cell",
                "extra_cell",
                file=file,
                sheet=sheet,
                row=record,
                column=column_letter(width),
                params={"count": len(fields), "expected": width},
            )
        ]
    missing = [str(label) for label in header[len(fields) :]]
    return [
        Issue(
            "missing-cell",
            "missing_cell",
            file=file,
            sheet=sheet,
            row=record,
            column=column_letter(len(fields)),
            header=missing[0],
            params={
                "count": len(fields),
                "expected": width,
                "names": ", ".join(missing),
            },
        )
    ]


def _cell_checks(
    rows: list[list[Cell]], text: str, limits: Limits, file: str, sheet: str
) -> list[Issue]:
    """NUL characters and over-long cells, each with its place (a cheap pass per row)."""
    issues: list[Issue] = []
    has_nul = "\x00" in text
    for index, row in enumerate(rows):
        strings = [cell for cell in row if isinstance(cell, str)]
        too_long = bool(strings) and max(map(len, strings)) > limits.max_cell_chars
        if not too_long and not (has_nul and "\x00" in "".join(strings)):
            continue
        for col, cell in enumerate(row):
            if isinstance(cell, str) and "\x00" in cell:
                issues.append(_cell_issue("nul_character", file, sheet, index, col))
            if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
                issues.append(
                    _cell_issue(
                        "cell_too_long", file, sheet, index, col, limit=limits.max_cell_chars
                    )
                )
    return issues


def _cell_issue(key: str, file: str, sheet: str, index: int, col: int, **params: object) -> Issue:
    return Issue(
        "constraint-error",
        key,
        file=file,
        sheet=sheet,
        row=index + 1,
        column=column_letter(col),
        params=params,
    )
