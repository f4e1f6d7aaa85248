"""CSV files (each one sheet, named after its file), decoded strictly and parsed by the
standard `csv` module with every ragged row, NUL character and over-long cell placed."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass

from monitoring.config.settings import Limits
from monitoring.contract.schema import column_letter
from monitoring.intake.preflight import Rejected
from monitoring.intake.problems import Issue
from monitoring.intake.raw import Cell, RawSheet
from monitoring.intake.reading.blanks import BLANK_CHARS, blank, blank_row, trim

logger = logging.getLogger(__name__)

CSV_DELIMITERS = (",", ";", "\t")
# A field this much longer than the cell limit still parses, so the message can point
# at the cell; beyond it the csv module stops with an error we map to a position.
CSV_FIELD_MARGIN = 1024


@dataclass
class CsvSource:
    sheet: str
    data: bytes
    file: str


class CsvFiles:
    """The CSV files of one upload, read one by one, each giving one sheet."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sheets: list[RawSheet] = []
        self.issues: list[Issue] = []
        self.fatal = False

    def add(self, source: CsvSource) -> None:
        if any(s.name.casefold() == source.sheet.casefold() for s in self.sheets):
            self.issues.append(
                Issue(
                    "duplicate-sheet", "duplicate_csv_sheet", file=source.file, sheet=source.sheet
                )
            )
            self.fatal = True
            return
        try:
            sheet, found = read_csv(source, self.limits)
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


def read_csv(source: CsvSource, limits: Limits) -> tuple[RawSheet, list[Issue]]:
    file, name = source.file, source.sheet
    text = _decode(source.data, file)
    if not text.strip(BLANK_CHARS):
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
            elif not blank_row(fields):  # type: ignore[arg-type]
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
    rows = trim(rows)
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
        if all(blank(cell) for cell in fields[width:]):
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
