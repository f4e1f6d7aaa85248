"""An .xlsx workbook the project wrote, read back as an openpyxl book, fast (for the .ods).

openpyxl reads a sheet's cells through defusedxml's pure-Python parser, ~15 µs a cell:
for a large export, twice the time the workbook took to write. So openpyxl reads all but
the cells (styles, comments, links, drop-down lists, columns, panes, properties) from a
copy whose sheets hold no cell, and the cells are read here with expat and bound as
openpyxl binds them (`openpyxl.worksheet._reader`): typed by their `t`, numbers cast,
dates by their format, shared strings looked up. What the project never writes (a
formula, merged cells, a document type declaration) makes it read by openpyxl whole.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import Any
from xml.parsers import expat

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

_CELLS = re.compile(rb"<sheetData>.*</sheetData>", re.DOTALL)
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


class _Unread(Exception):
    """What this reader leaves to openpyxl."""


def read(data: bytes) -> Any:
    """The .xlsx workbook `data` as an openpyxl book, as `openpyxl.load_workbook` reads it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # features openpyxl does not keep: none we write
        try:
            return _read(data)
        except _Unread:
            return openpyxl.load_workbook(io.BytesIO(data))


def _read(data: bytes) -> Any:
    cells: dict[str, bytes] = {}  # a sheet's part → its cells (`sheetData`)
    stripped = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(stripped, "w", zipfile.ZIP_STORED) as copy,
    ):
        for info in source.infolist():
            content = source.read(info)
            if _WORKSHEET.fullmatch(info.filename):
                if b"<mergeCell" in content or b"<!DOCTYPE" in content:
                    raise _Unread
                found = _CELLS.search(content)
                if found is not None:
                    cells[info.filename] = found.group()
                    content = content[: found.start()] + b"<sheetData/>" + content[found.end() :]
            copy.writestr(info.filename, content)
    reader = ExcelReader(stripped)
    reader.read()
    book = reader.wb
    for sheet, rel in reader.parser.find_sheets():
        part = rel.target.lstrip("/")
        if part in cells:
            _bind(book[sheet.name], cells[part], reader.shared_strings)
    return book


def _bind(ws: Any, xml: bytes, shared_strings: list[str]) -> None:
    """Bind the cells of `xml` (a `sheetData`) to `ws`, as openpyxl's reader does."""
    book = ws.parent
    styles, dates, durations = book._cell_styles, book._date_formats, book._timedelta_formats
    current: dict[str, Any] = {}  # the cell being read: its attributes, value, text
    chunks: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if name == "c":
            current.clear()
            current.update(attributes)
        elif name in ("v", "t"):
            chunks.clear()
        elif name == "f":
            raise _Unread

    def end(name: str) -> None:
        if name == "v":
            current["v"] = "".join(chunks)
        elif name == "t":
            current["is"] = current.get("is", "") + "".join(chunks)
        elif name == "c":
            _cell(ws, current, shared_strings, styles, dates, durations)

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chunks.append
    parser.EntityDeclHandler = _refuse  # no entity expansion (what defusedxml guards)
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as error:
        raise _Unread from error


def _refuse(*_: Any) -> None:
    raise _Unread


def _cell(
    ws: Any,
    read: dict[str, Any],
    shared_strings: list[str],
    styles: Any,
    dates: set[int],
    durations: set[int],
) -> None:
    kind, style_id = read.get("t", "n"), int(read.get("s", 0))
    value: Any = read.get("v") or None
    if kind == "inlineStr":
        value, kind = read.get("is"), "s" if "is" in read else kind
    elif value is not None:
        if kind == "n":
            value = _cast_number(value)
            if style_id in dates:
                kind = "d"
                try:
                    value = from_excel(value, ws.parent.epoch, timedelta=style_id in durations)
                except (OverflowError, ValueError) as error:
                    raise _Unread from error
        elif kind == "s":
            value = shared_strings[int(value)]
        elif kind == "b":
            value = bool(int(value))
        elif kind == "str":
            kind = "s"
        elif kind == "d":
            value = from_ISO8601(value)
    if "r" not in read:
        raise _Unread  # a cell placed by its order in the row: openpyxl counts
    row, column = coordinate_to_tuple(read["r"])
    existing = ws._cells.get((row, column))  # made for a comment or a link already read
    if existing is None:
        cell = Cell(ws, row=row, column=column, style_array=styles[style_id])
        ws._cells[(row, column)] = cell
    else:
        cell, cell._style = existing, StyleArray(styles[style_id])
    cell._value, cell.data_type = value, kind


__all__ = ["read"]
