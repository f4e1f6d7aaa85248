"""Reading back the .ods files the project writes, for tests: is it a real OpenDocument
spreadsheet (what `file` looks at), and which cells carry what (repeats expanded)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def assert_real_ods(data: bytes) -> None:
    """What `file` (libmagic) checks, and what an ODF reader needs: a zip whose first
    member is `mimetype`, stored uncompressed, holding the spreadsheet's media type, and a
    manifest and content that parse."""
    assert data[:4] == b"PK\x03\x04"
    assert data[30:38] == b"mimetype" and data[38 : 38 + len(ODS_MIMETYPE)] == ODS_MIMETYPE
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == ODS_MIMETYPE
    manifest = ET.fromstring(archive.read("META-INF/manifest.xml"))
    types = {e.get(f"{{{_MANIFEST}}}full-path"): e.get(f"{{{_MANIFEST}}}media-type")
             for e in manifest}  # fmt: skip
    assert types["/"] == ODS_MIMETYPE.decode()
    assert {"content.xml", "styles.xml"} <= set(types)
    ET.fromstring(archive.read("content.xml"))


_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


@dataclass
class Cell:
    value_type: str | None
    value: str | None  # office:value, office:date-value or office:boolean-value
    text: str
    style: str | None
    validation: str | None
    comment: str | None


@dataclass
class Sheet:
    name: str
    hidden: bool
    cells: dict[str, Cell] = field(default_factory=dict)  # "B2" → cell
    last_row: int = 0  # the last row declared (repeated rows included)


@dataclass
class Ods:
    sheets: list[Sheet]
    fills: dict[str, str]  # cell style name → background colour (#RRGGBB)
    data_styles: dict[str, str]  # cell style name → the tag of its number style
    validations: dict[str, str]  # validation name → its condition

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    def fill(self, cell: Cell) -> str | None:
        return self.fills.get(cell.style or "")


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    lines = []
    for paragraph in element.findall("text:p", NS):
        lines.append("".join(paragraph.itertext()))
    return "\n".join(lines)


def read_ods(data: bytes, *, rows: int = 200) -> Ods:
    """The sheets of an .ods, each cell of the first `rows` rows by its address."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = ET.fromstring(archive.read("content.xml"))
    fills: dict[str, str] = {}
    data_styles: dict[str, str] = {}
    number_styles: dict[str, str] = {}
    hidden_tables: set[str] = set()
    for style in root.iter(_q("style:style")):
        name = style.get(_q("style:name")) or ""
        props = style.find("style:table-cell-properties", NS)
        if props is not None and props.get(_q("fo:background-color")):
            fills[name] = props.get(_q("fo:background-color"), "").upper()
        if style.get(_q("style:data-style-name")):
            data_styles[name] = style.get(_q("style:data-style-name"), "")
        table_props = style.find("style:table-properties", NS)
        if table_props is not None and table_props.get(_q("table:display")) == "false":
            hidden_tables.add(name)
    for tag in ("date-style", "text-style", "number-style"):
        for style in root.iter(_q(f"number:{tag}")):
            number_styles[style.get(_q("style:name")) or ""] = tag
    data_styles = {k: number_styles.get(v, v) for k, v in data_styles.items()}
    validations = {
        v.get(_q("table:name")) or "": v.get(_q("table:condition")) or ""
        for v in root.iter(_q("table:content-validation"))
    }
    sheets = [_sheet(table, hidden_tables, rows) for table in root.iter(_q("table:table"))]
    return Ods(sheets, fills, data_styles, validations)


_VALUES = ("value", "date-value", "boolean-value")


def _sheet(table: ET.Element, hidden_tables: set[str], rows: int) -> Sheet:
    name, style = table.get(_q("table:name")) or "", table.get(_q("table:style-name"))
    sheet = Sheet(name, style in hidden_tables)
    row_index = 0
    for row in table.findall("table:table-row", NS):
        row_index += 1
        if row_index <= rows:
            _read_row(row, row_index, sheet)
        row_index += int(row.get(_q("table:number-rows-repeated"), "1")) - 1
    sheet.last_row = row_index
    return sheet


def _read_row(row: ET.Element, row_index: int, sheet: Sheet) -> None:
    col = 0
    for cell in row:
        if cell.tag not in (_q("table:table-cell"), _q("table:covered-table-cell")):
            continue
        count = int(cell.get(_q("table:number-columns-repeated"), "1"))
        values = [cell.get(_q(f"office:{a}")) for a in _VALUES]
        found = Cell(
            cell.get(_q("office:value-type")),
            next((v for v in values if v is not None), None),
            _text(cell),
            cell.get(_q("table:style-name")),
            cell.get(_q("table:content-validation-name")),
            _text(cell.find("office:annotation", NS)) or None,
        )
        kept = found.value_type or found.style or found.validation or found.comment
        for offset in range(min(count, 100) if kept else 0):  # long empty runs: not kept
            sheet.cells[f"{get_column_letter(col + offset + 1)}{row_index}"] = found
        col += count
