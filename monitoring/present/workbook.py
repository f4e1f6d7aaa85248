"""Write the workbook format: the blank template and the export of current data.

Both are generated from the contract (`monitoring.contract.schema`): one sheet per declared sheet,
headers in the chosen language, a description on every header, drop-down lists on
choice columns and a `Lisez-moi` sheet. The export must read back as the same values
(text stays text, dates are date cells, numbers numbers), so that a coordinator can
download the data, edit it and upload it again; user text can never become a formula
or a link.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from monitoring.contract.dataset import Dataset, StatusScale, scale_frame
from monitoring.contract.schema import (
    CONTRACT_VERSION,
    LANGS,
    README_SHEET,
    SHEETS,
    STATUS_SCALE,
    Column,
    Lang,
    Sheet,
    StatusLabel,
)
from monitoring.present.contract_docs import (
    allowed_values,
    column_rule,
    contract_version_line,
    general_rules,
    sheet_notes,
    type_name,
    yes_no,
)
from monitoring.text.i18n import t

# Drop-down lists and column formats reach at least this row, so rows a coordinator adds
# below the data get them too.
VALIDATION_ROWS = 10_000

# Text starting with one of these would be read as a formula (or a DDE command) by a
# spreadsheet when a user edits the cell: it gets a quote prefix (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

DATE_FORMATS: dict[Lang, str] = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}

XLSX_OPTIONS = {
    "in_memory": True,
    # User text is written as it is: never a formula, a hyperlink or a number.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

# Excel's day 0 (its serial numbers are days since 1899-12-30 from 1900-03-01 on). Earlier
# dates carry Excel's fictitious 29 February 1900; rather than reproduce that bug they are
# written as ISO text, which the reader also accepts.
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
_FIRST_SERIAL_DATE = np.datetime64("1900-03-01", "D")
_LAST_SERIAL_DATE = np.datetime64("9999-12-31", "D")

_MIN_WIDTH, _MAX_WIDTH = 8, 50
_WIDTH_SAMPLE = 2_000  # rows looked at to size a column
_REQUIRED_FILL = "#FCE4D6"
_OPTIONAL_FILL = "#EDEDED"


@dataclass(frozen=True)
class CellFormats:
    """The cell formats of one workbook (xlsxwriter formats belong to one workbook)."""

    header: Any
    header_required: Any
    header_quoted: Any
    text: Any
    text_quoted: Any
    date: Any
    number: Any
    wrap: Any
    title: Any
    bold: Any


def cell_formats(book: Any, lang: Lang) -> CellFormats:
    header = {"bold": True, "valign": "top", "border": 1, "bg_color": _OPTIONAL_FILL}
    return CellFormats(
        header=book.add_format(header),
        header_required=book.add_format(header | {"bg_color": _REQUIRED_FILL}),
        header_quoted=book.add_format(header | {"quote_prefix": True}),
        # "@" (Text): what a coordinator types later in the column stays text too (007).
        text=book.add_format({"num_format": "@"}),
        text_quoted=book.add_format({"num_format": "@", "quote_prefix": True}),
        date=book.add_format({"num_format": DATE_FORMATS[lang]}),
        number=book.add_format({"num_format": "General"}),
        wrap=book.add_format({"text_wrap": True, "valign": "top"}),
        title=book.add_format({"bold": True, "font_size": 14}),
        bold=book.add_format({"bold": True, "valign": "top", "text_wrap": True}),
    )


def write_workbook(
    dataset: Dataset | None = None, lang: Lang = "fr", *, include_readme: bool = True
) -> bytes:
    """Write a dataset (or, with none, the blank template) as an .xlsx workbook.

    Args:
        dataset: the data to export; `None` writes the blank template.
        lang: the language of sheet names, headers, choice labels and help texts.
        include_readme: add the `Lisez-moi` / `Read me` sheet first.

    Returns:
        The bytes of the .xlsx file: one sheet per contract sheet in contract order (the
        status scale always included, filled with the dataset's scale or the default
        one), the user's extra columns after the declared ones.
    """
    scale = (dataset.scale if dataset is not None else StatusScale()).ordered()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    book.set_custom_property("contract_version", CONTRACT_VERSION)
    formats = cell_formats(book, lang)
    if include_readme:
        _write_readme(book, formats, lang, scale)
    for sheet in SHEETS:
        frame = sheet_frame(dataset, sheet, lang)
        _write_sheet(book, formats, sheet, frame, lang, dataset, scale)
    book.close()
    return buffer.getvalue()


def sheet_frame(dataset: Dataset | None, sheet: Sheet, lang: Lang) -> pd.DataFrame:
    """The rows a sheet of the workbook holds: the dataset's table, or for the status
    scale the dataset's scale (the default one without a dataset) in display order."""
    if sheet is STATUS_SCALE:
        scale = (dataset.scale if dataset is not None else StatusScale()).ordered()
        # Scale labels as the status column shows them in `lang`, so the drop-down list of
        # the status column (which points at this sheet) offers exactly what is written.
        return scale_frame(scale, lang)
    return sheet_table(dataset, sheet)


def sheet_table(dataset: Dataset | None, sheet: Sheet) -> pd.DataFrame:
    if dataset is None or sheet.id not in dataset.tables:
        return pd.DataFrame({c.id: pd.Series(dtype="str") for c in sheet.columns})
    return dataset.tables[sheet.id]


def extra_columns(dataset: Dataset | None, sheet: Sheet, frame: pd.DataFrame) -> list[str]:
    if dataset is None:
        return []
    # Internal columns: the source row number, and the category derived from the scale.
    internal = {"_row", *sheet.column_ids}
    if sheet.id == "status_updates":
        internal.add("category")
    listed = [name for name in dataset.extras.get(sheet.id, ()) if name in frame.columns]
    # A frame built in code may carry extras not listed in `Dataset.extras`: keep them too
    # rather than lose data on export.
    unlisted = [str(n) for n in frame.columns if n not in internal and n not in listed]
    return [*listed, *unlisted]


def _write_sheet(
    book: Any,
    formats: CellFormats,
    sheet: Sheet,
    frame: pd.DataFrame,
    lang: Lang,
    dataset: Dataset | None,
    scale: Sequence[StatusLabel],
) -> None:
    ws = book.add_worksheet(sheet.name(lang))
    extras = extra_columns(dataset, sheet, frame)
    n_rows = len(frame)
    last_row = max(VALIDATION_ROWS, n_rows + 1) - 1  # 0-based index of the last row covered
    status_display = status_displayer(dataset.scale if dataset else StatusScale(), lang)

    for index, column in enumerate(sheet.columns):
        fmt = formats.header_required if column.required else formats.header
        ws.write_string(0, index, column.header(lang), fmt)
        comment = column.description(lang)
        if column.required:
            comment += " " + t("workbook.comment.required", lang)
        ws.write_comment(0, index, comment, {"x_scale": 2.5, "y_scale": 1.5})
        values = frame[column.id] if column.id in frame.columns else None
        cell_format = _column_format(column, formats)
        ws.set_column(index, index, _width(column.header(lang), values, column), cell_format)
        if values is not None and n_rows:
            _write_values(ws, index, column, values, lang, formats, status_display)
        _add_drop_down(ws, index, column, last_row, lang, len(scale))

    for offset, name in enumerate(extras):
        index = len(sheet.columns) + offset
        header_format = formats.header_quoted if is_trigger(name) else formats.header
        ws.write_string(0, index, name, header_format)
        ws.write_comment(0, index, t("workbook.comment.extra", lang), {"x_scale": 2})
        ws.set_column(index, index, _width(name, frame[name], None), formats.text)
        if n_rows:
            write_text(ws, index, frame[name].tolist(), formats)

    n_columns = len(sheet.columns) + len(extras)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(n_rows, 1), n_columns - 1)


def _column_format(column: Column, formats: CellFormats) -> Any:
    if column.type == "date":
        return formats.date
    if column.type in ("integer", "number"):
        return formats.number
    return formats.text


def _width(header: str, values: pd.Series | None, column: Column | None) -> float:
    widest = len(header) + 4  # room for the autofilter button
    if column is not None and column.type == "date":
        widest = max(widest, 12)
    elif column is not None and column.choices:
        # Sized for the drop-down labels, in the template too.
        widest = max(widest, *(len(c.label(lang)) for c in column.choices for lang in LANGS))
    elif values is not None and len(values):
        sample = values.iloc[:_WIDTH_SAMPLE]
        longest = sample.astype("str").str.len().max()
        if pd.notna(longest):
            widest = max(widest, int(longest) + 1)
    return float(min(max(widest, _MIN_WIDTH), _MAX_WIDTH))


def is_trigger(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def status_displayer(scale: StatusScale, lang: Lang) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def display(label: str) -> str:
        if label not in cache:
            cache[label] = scale.display(label, lang)
        return cache[label]

    return display


def _write_values(
    ws: Any,
    col: int,
    column: Column,
    values: pd.Series,
    lang: Lang,
    formats: CellFormats,
    status_display: Callable[[str], str],
) -> None:
    if column.type == "date":
        _write_dates(ws, col, values, formats)
    elif column.type in ("integer", "number"):
        _write_numbers(ws, col, values.tolist(), formats)
    else:
        write_text(ws, col, shown_text(column, values, lang, status_display), formats)


def shown_text(
    column: Column, values: pd.Series, lang: Lang, status_display: Callable[[str], str]
) -> list[object]:
    """A text, choice or status column's values as its cells show them in `lang`: a
    choice's label for its code, a status as the scale displays it (None or NaN: empty).

    The data package's CSV files (`monitoring.present.datapackage`) write the same text.
    """
    if column.type == "choice":
        labels = {c.code: c.label(lang) for c in column.choices}
        # An unknown code (never produced by validation) is written as it is, not lost.
        return [labels.get(v, v) if isinstance(v, str) else v for v in values.tolist()]
    if column.type == "status":
        return [status_display(v) if isinstance(v, str) else v for v in values.tolist()]
    return values.tolist()


def _is_missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def write_text(ws: Any, col: int, values: list[object], formats: CellFormats) -> None:
    write_string = ws.write_string
    plain, quoted = formats.text, formats.text_quoted
    for row, value in enumerate(values, start=1):
        if _is_missing(value):
            continue
        text = value if isinstance(value, str) else str(value)
        if text == "":
            continue  # an empty string is an empty cell: the reader cannot tell them apart
        write_string(row, col, text, quoted if text.startswith(FORMULA_TRIGGERS) else plain)


def _write_numbers(ws: Any, col: int, values: list[object], formats: CellFormats) -> None:
    write_number, write_string = ws.write_number, ws.write_string
    for row, value in enumerate(values, start=1):
        if _is_missing(value):
            continue
        number = float(value) if not isinstance(value, int) else value  # type: ignore[arg-type]
        if isinstance(number, float) and math.isinf(number):
            # A spreadsheet cannot hold an infinite number: keep it visible as text.
            write_string(row, col, str(number), formats.text)
        else:
            write_number(row, col, number, formats.number)


def _write_dates(ws: Any, col: int, values: pd.Series, formats: CellFormats) -> None:
    days = values.to_numpy(dtype="datetime64[s]").astype("datetime64[D]")
    present = ~np.isnat(days)
    in_range = present & (days >= _FIRST_SERIAL_DATE) & (days <= _LAST_SERIAL_DATE)
    # A date cell is a number of days with a date format: computing the serial numbers at
    # once is much faster than converting every value to a Python datetime.
    serials = (days - _EXCEL_EPOCH).astype("int64")
    write_number, write_string = ws.write_number, ws.write_string
    date_format = formats.date
    for index in np.flatnonzero(present).tolist():
        if in_range[index]:
            write_number(index + 1, col, int(serials[index]), date_format)
        else:
            write_string(index + 1, col, str(days[index]), formats.text)


def _add_drop_down(
    ws: Any, col: int, column: Column, last_row: int, lang: Lang, scale_size: int
) -> None:
    if column.type == "status":
        name = STATUS_SCALE.name(lang).replace("'", "''")
        source: Any = f"='{name}'!$A$2:$A${max(scale_size, 1) + 1}"
    elif column.type == "choice":
        source = [c.label(lang) for c in column.choices]
    else:
        return
    # A warning, not a refusal: the reader also accepts the other language, aliases and
    # variants in case or accents, which a strict list would forbid.
    ws.data_validation(
        1,
        col,
        last_row,
        col,
        {
            "validate": "list",
            "source": source,
            "error_type": "warning",
            "error_title": t("workbook.validation.title", lang),
            "error_message": t("workbook.validation.message", lang),
        },
    )


def _write_readme(
    book: Any, formats: CellFormats, lang: Lang, scale: Sequence[StatusLabel]
) -> None:
    ws = book.add_worksheet(README_SHEET[lang])
    ws.set_column(0, 1, 24)
    ws.set_column(2, 2, 18)
    ws.set_column(3, 4, 12)
    ws.set_column(5, 5, 70)
    ws.set_column(6, 6, 45)
    write = ReadmeWriter(ws, formats)
    write.row([t("workbook.readme.title", lang)], formats.title)
    write.row([contract_version_line(lang)])
    write.skip()
    write.row([t("docs.general_rules", lang)], formats.bold)
    for rule in general_rules(lang)[:-1]:  # the version line is already at the top
        write.row([f"• {rule}"])
    write.row(["• " + t("workbook.readme.required_headers", lang)])
    write.skip()
    write.row([t("workbook.readme.columns", lang)], formats.bold)
    write.row(
        [
            t("workbook.readme.col.sheet", lang),
            t("workbook.readme.col.header", lang),
            t("docs.col.type", lang),
            t("docs.col.required", lang),
            t("docs.col.unique", lang),
            t("workbook.readme.col.description", lang),
            t("docs.col.values", lang),
        ],
        formats.bold,
    )
    for sheet in SHEETS:
        notes = " ".join(sheet_notes(sheet, lang))
        write.row([sheet.name(lang), "", "", "", "", notes], formats.bold)
        for column in sheet.columns:
            write.row(
                [
                    sheet.name(lang),
                    column.header(lang),
                    type_name(column.type, lang),
                    yes_no(column.required, lang),
                    yes_no(column.unique, lang),
                    column_rule(column, lang),
                    allowed_values(column, lang, scale),
                ],
                formats.wrap,
            )


class ReadmeWriter:
    """Writes the `Lisez-moi` sheet line by line, always as text."""

    def __init__(self, ws: Any, formats: CellFormats) -> None:
        self.ws, self.formats, self.next_row = ws, formats, 0

    def row(self, values: Sequence[str], fmt: Any = None) -> None:
        for col, value in enumerate(values):
            if value:
                quoted = is_trigger(value)
                self.ws.write_string(
                    self.next_row, col, value, self.formats.text_quoted if quoted else fmt
                )
        self.next_row += 1

    def skip(self) -> None:
        self.next_row += 1


_CORE_PROPERTIES = "docProps/core.xml"
_STAMP = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def pin_timestamps(data: bytes, day: str) -> bytes:
    """Return the workbook with its creation and modification times set to `day` (ISO).

    The writer stamps the current time into `docProps/core.xml`, the only part of the file
    that changes between two builds; pinning it makes a rebuild of a shipped workbook
    byte-identical, so git shows no change when its data has not changed.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():  # same order, names, dates and compression
            content = source.read(info)
            if info.filename == _CORE_PROPERTIES:
                stamp = f"{day}T00:00:00Z"
                content = _STAMP.sub(rf"\g<1>{stamp}\g<2>", content.decode()).encode()
            target.writestr(info, content)
    return buffer.getvalue()
