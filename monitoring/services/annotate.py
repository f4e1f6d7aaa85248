"""The validation report leaving the app: a table, and the coordinator's workbook annotated.

A rejected upload is easiest to fix in the coordinator's own file: `annotated_workbook`
returns it with every offending cell filled (red for errors, yellow for warnings, blue
for notices) and a comment giving the message, plus a first sheet « Erreurs » listing
every problem with a link to its cell. An `.xlsx` upload is annotated in place (loaded
with openpyxl, whose XML parsing goes through defusedxml); `.ods` and CSV uploads are
rewritten as a new workbook from the cells the reader saw, with the same highlights.
Every workbook here is given as an `.xlsx` or, with `fmt="ods"`, as an `.ods` (the same
book translated by `monitoring.present.ods`): the Update page offers both, and so does
`plan-monitoring validate FILE --annotate OUT.ods`.

Where a problem goes: its own cell (sheet, row, column); a header problem without a
column on column A of its row; a column problem without a row on the column's first
row; a sheet-level problem on the sheet's A1; a problem naming no sheet (a missing sheet,
a damaged file) only in « Erreurs ». `report_csv` and `report_xlsx` give the same list
as a plain table. `safe_file_name` makes a download's name safe in any browser.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import math
import re
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from monitoring.config.settings import Limits
from monitoring.contract.schema import Lang
from monitoring.intake.problems import Issue, Report, Severity
from monitoring.intake.raw import RawWorkbook
from monitoring.intake.reading import Upload, read_upload
from monitoring.present.spreadsheets import WorkbookFormat
from monitoring.present.workbook import FORMULA_TRIGGERS
from monitoring.text.i18n import t

log = logging.getLogger(__name__)

# The columns of the report table, in order (headers: `annotate.col.<id>`).
COLUMNS = ("sheet", "severity", "code", "row", "column", "header", "value", "message")
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "notice")
# Fill colours (light, so the cell's text stays readable); the comment names the severity
# too, so a colour is never the only sign.
FILLS: dict[Severity, str] = {"error": "FFC7CE", "warning": "FFEB9C", "notice": "DDEBF7"}
COMMENT_AUTHOR = "plan-monitoring"
# Beyond this many cells a workbook is not rewritten (openpyxl holds every cell in
# memory): the annotated file then holds only the « Erreurs » sheet.
MAX_ANNOTATED_CELLS = 1_000_000
_SHEET_TITLE_MAX = 31
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def issue_text(issue: Issue, lang: Lang = "fr") -> str:
    """The message of an issue without its place (the table gives the place in columns)."""
    body = t(f"issue.{issue.key}", lang, value=issue.value or "", **issue.params)
    return body[:1].upper() + body[1:]


def by_sheet(issues: Iterable[Issue]) -> list[tuple[str | None, list[Issue]]]:
    """Group issues by sheet, sheets in the order first met; None (the whole file) first.

    Returns:
        (sheet name or None, its issues in report order) pairs.
    """
    groups: dict[str | None, list[Issue]] = {None: []}
    for issue in issues:
        groups.setdefault(issue.sheet, []).append(issue)
    return [(sheet, found) for sheet, found in groups.items() if found]


def report_table(issues: Iterable[Issue], lang: Lang = "fr") -> pd.DataFrame:
    """The issues as a table, one row each, in report order.

    Returns:
        Columns `COLUMNS`: sheet, severity (in `lang`), code, row (Int64), column
        (letter), header, value, message (without its place).
    """
    records = [
        {
            "sheet": issue.sheet or "",
            "severity": t(f"docs.severity.{issue.severity}", lang),
            "code": issue.code,
            "row": issue.row,
            "column": issue.column or "",
            "header": issue.header or "",
            "value": issue.value or "",
            "message": issue_text(issue, lang),
        }
        for issue in issues
    ]
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame


def headers(lang: Lang = "fr") -> list[str]:
    """The report table's column headers in `lang`."""
    return [t(f"annotate.col.{c}", lang) for c in COLUMNS]


def _defused(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading quote (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def report_csv(report: Report, lang: Lang = "fr") -> bytes:
    """The report as CSV: `;`-separated in French (as French Excel reads it), UTF-8 BOM."""
    table = report_table(report, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",", lineterminator="\r\n")
    writer.writerow(headers(lang))
    for record in table.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else _defused(v) for v in record])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: Report, lang: Lang = "fr", fmt: WorkbookFormat = "xlsx") -> bytes:
    """The report as a workbook holding only the « Erreurs » sheet (an .xlsx, or an .ods)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    _errors_sheet(book, list(report), lang, {})
    return _save(book, fmt)


def annotated_upload(
    files: Sequence[Upload],
    report: Report,
    lang: Lang = "fr",
    limits: Limits | None = None,
    fmt: WorkbookFormat = "xlsx",
) -> bytes:
    """`annotated_workbook`, built the way an upload is read: in a limited child process.

    The upload is re-read (and, for an .xlsx, opened again by openpyxl), so this holds a
    parse slot and runs in a child process under the same limits as the import
    (`monitoring.intake.isolation`). When the child fails or no slot frees up, the workbook
    holds only the « Erreurs » sheet (`report_xlsx`): the report itself is never lost.
    """
    from monitoring.intake.isolation import ChildFailed, run_limited
    from monitoring.services.importing import ParseBusy, parse_slot

    limits = limits or Limits()
    try:
        with parse_slot():
            return run_limited(
                annotated_workbook, list(files), report, lang, limits, fmt, limits=limits
            )
    except (ChildFailed, ParseBusy) as exc:
        log.warning("annotated workbook not built (%s): the report alone is given", exc)
        return report_xlsx(report, lang, fmt)


class Once:
    """A download built on its first request only, then served again as it is.

    Streamlit calls a download's `data` callable on every click, in a thread of its own;
    a workbook that takes seconds to build is built once per report (thread-safe).
    """

    def __init__(self, build: Callable[[], bytes]) -> None:
        self._build: Callable[[], bytes] | None = build
        self._data: bytes | None = None
        self._lock = threading.Lock()
        self.builds = 0  # how many times `build` ran (at most once)

    def __call__(self) -> bytes:
        with self._lock:
            if self._data is None:
                assert self._build is not None
                self._data = self._build()
                self._build = None  # the upload's bytes are not kept twice
                self.builds += 1
            return self._data


def annotated_workbook(
    files: Sequence[Upload],
    report: Report,
    lang: Lang = "fr",
    limits: Limits | None = None,
    fmt: WorkbookFormat = "xlsx",
) -> bytes:
    """The coordinator's upload with every issue of `report` marked, as an `.xlsx` (or an
    `.ods`: `fmt`).

    This reads the untrusted upload in the calling process: the app calls it through
    `annotated_upload`, which runs it in a limited child process.

    Args:
        files: the upload, as given to `prepare_import`.
        report: its validation report.
        lang: the language of the comments and of the « Erreurs » sheet.
        limits: the upload limits (the defaults when omitted).
        fmt: the workbook format written, `xlsx` or `ods`.

    Returns:
        The bytes of an `.xlsx` (or `.ods`) workbook: « Erreurs » first, then the upload's sheets
        (none when the upload could not be read at all or is too large to rewrite).
    """
    read = read_upload(files, limits or Limits())  # the same safety checks as the import
    raw = read.workbook
    if raw is not None and _size(raw) > MAX_ANNOTATED_CELLS:
        raw = None
    issues = list(report)
    if raw is not None and raw.kind == "xlsx" and len(files) == 1:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it drops (extensions, slicers): harmless here.
                warnings.simplefilter("ignore")
                book = openpyxl.load_workbook(io.BytesIO(files[0].data))
            titles = {ws.title: ws.title for ws in book.worksheets}
            return _annotate(book, titles, issues, lang, fmt)
        except Exception:  # a file calamine reads but openpyxl does not: rewrite it
            log.warning("openpyxl could not open an upload; rewriting it", exc_info=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    titles = _rewrite(book, raw) if raw is not None else {}
    return _annotate(book, titles, issues, lang, fmt)


def _size(raw: RawWorkbook) -> int:
    return sum((sheet.height + 1) * len(sheet.header) for sheet in raw.sheets)


def _annotate(
    book: Any, titles: dict[str, str], issues: list[Issue], lang: Lang, fmt: WorkbookFormat
) -> bytes:
    """Mark each issue's cell in `book` (`titles`: sheet name in the report → title)."""
    marks: dict[tuple[str, int, int], list[Issue]] = {}
    for issue in issues:
        place = _place(issue)
        if place is not None and issue.sheet in titles:
            marks.setdefault((titles[issue.sheet], *place), []).append(issue)
    for (title, row, col), found in marks.items():
        _mark(book[title], row, col, found, lang)
    for ws in book.worksheets:
        ws.sheet_view.tabSelected = False
    _errors_sheet(book, issues, lang, titles)
    book.active = 0
    return _save(book, fmt)


def _place(issue: Issue) -> tuple[int, int] | None:
    """The 1-based (row, column) an issue is shown on, None when it names no sheet."""
    if issue.sheet is None:
        return None
    row = issue.row if issue.row is not None and issue.row >= 1 else 1
    try:
        col = column_index_from_string(issue.column) if issue.column else 1
    except ValueError:
        col = 1
    return row, col


def _comment_text(issues: list[Issue], lang: Lang) -> str:
    colon = " : " if lang == "fr" else ": "
    lines = [
        f"{t(f'docs.severity.{i.severity}', lang).capitalize()} ({i.code}){colon}"
        f"{issue_text(i, lang)}"
        for i in issues
    ]
    return _clean("\n\n".join(lines))


def _mark(ws: Any, row: int, col: int, issues: list[Issue], lang: Lang) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(cell, MergedCell):  # comments and fills live on a range's first cell
        for merged in ws.merged_cells.ranges:
            if cell.coordinate in merged:
                cell = ws.cell(row=merged.min_row, column=merged.min_col)
                break
    worst = min((SEVERITIES.index(i.severity) for i in issues), default=0)
    colour = FILLS[SEVERITIES[worst]]
    cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    text = _comment_text(issues, lang)
    if cell.comment is not None and cell.comment.text:  # the coordinator's own note after ours
        text = f"{text}\n\n— {cell.comment.text}"
    cell.comment = Comment(text[:32_000], COMMENT_AUTHOR, height=160, width=320)


def _errors_sheet(book: Any, issues: list[Issue], lang: Lang, titles: dict[str, str]) -> None:
    """Insert the « Erreurs » sheet first: one row per issue, the sheet linked to its cell."""
    base = t("annotate.sheet", lang)
    taken = {ws.title.casefold() for ws in book.worksheets}
    title, n = base, 2
    while title.casefold() in taken:
        title, n = f"{base} ({n})", n + 1
    ws = book.create_sheet(title, 0)
    ws.append(headers(lang))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    table = report_table(issues, lang)
    for issue, record in zip(issues, table.itertuples(index=False), strict=True):
        ws.append([None if pd.isna(v) else v for v in record])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                _set_text(cell, cell.value)
        colour = FILLS[issue.severity]
        ws.cell(ws.max_row, 2).fill = PatternFill("solid", start_color=colour, end_color=colour)
        place = _place(issue)
        if place is not None and issue.sheet in titles:
            target = (
                f"{quote_sheetname(titles[issue.sheet])}!{get_column_letter(place[1])}{place[0]}"
            )
            link = ws.cell(ws.max_row, 1)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=target)
            link.font = Font(color="0563C1", underline="single")
    if not issues:
        ws.append([t("annotate.no_issue", lang)])
    widths = (24, 14, 18, 8, 9, 24, 30, 90)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    ws.sheet_view.tabSelected = True


def _rewrite(book: Any, raw: RawWorkbook) -> dict[str, str]:
    """Write the cells the reader saw into `book`; return sheet name → sheet title."""
    titles: dict[str, str] = {}
    taken: set[str] = {t("annotate.sheet", "fr").casefold(), t("annotate.sheet", "en").casefold()}
    for sheet in raw.sheets:
        title = _sheet_title(sheet.name, taken)
        taken.add(title.casefold())
        titles[sheet.name] = title
        ws = book.create_sheet(title)
        if sheet.hidden:
            ws.sheet_state = "hidden"
        for index, values in enumerate(sheet.rows):
            for col, value in enumerate(values, start=1):
                if value != "" and value is not None:
                    _write_cell(ws.cell(sheet.row_number(index), col), value)
    return titles


def _sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unused sheet title for a raw sheet name (CSV names may hold anything)."""
    base = _SHEET_TITLE_FORBIDDEN.sub("_", _clean(name)).strip("'") or "Feuille"
    title, n = base[:_SHEET_TITLE_MAX], 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: _SHEET_TITLE_MAX - len(suffix)] + suffix, n + 1
    return title


def _write_cell(cell: Any, value: object) -> None:
    if isinstance(value, str):
        _set_text(cell, value)
    elif isinstance(value, bool | int | dt.datetime | dt.date | dt.time):
        cell.value = value
    elif isinstance(value, float):
        if math.isfinite(value):
            cell.value = value
        else:
            _set_text(cell, str(value))
    else:  # durations and anything else: as the text a reader would show
        _set_text(cell, str(value))


def _set_text(cell: Any, text: str) -> None:
    """Write text as text: never a formula (openpyxl reads `=…` as one), never illegal XML."""
    cell.value = _clean(text)[:32_767]
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True  # stays text when the user edits the cell


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _save(book: Any, fmt: WorkbookFormat = "xlsx") -> bytes:
    if fmt == "ods":
        from monitoring.present.ods import from_book

        return from_book(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def safe_file_name(name: str, suffix: str | None = None) -> str:
    """A download name any browser and file system accepts: ASCII letters, digits, `._-`.

    Args:
        name: the wanted name (a dataset key, a plan title, an uploaded file's name); may
            hold slashes, quotes, line breaks, accents.
        suffix: the extension without its dot; taken from `name` when omitted.

    Returns:
        `stem.suffix`, accents dropped (`é` → `e`), other characters turned into `_`,
        the stem at most 80 characters long and never empty.
    """
    if suffix is None:
        stem, dot, ext = name.rpartition(".")
        name, suffix = (stem, ext) if dot and stem else (name, "")
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = _UNSAFE_NAME.sub("_", ascii_text).strip("._-")[:80].strip("._-") or "export"
    ext = _UNSAFE_NAME.sub("", unicodedata.normalize("NFKD", suffix))[:10].strip(".")
    return f"{stem}.{ext.lower()}" if ext else stem


__all__ = [
    "Once",
    "annotated_upload",
    "annotated_workbook",
    "by_sheet",
    "issue_text",
    "report_csv",
    "report_table",
    "report_xlsx",
    "safe_file_name",
]
