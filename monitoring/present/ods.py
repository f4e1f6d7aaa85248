"""OpenDocument spreadsheets (.ods, LibreOffice Calc's own format) from the project's workbooks.

Every workbook is declared and written once, as an .xlsx: the template and the export
(`monitoring.present.workbook`), the tables (`monitoring.present.exports`), the annotated
upload (`monitoring.services.annotate`, an openpyxl book). `from_book` translates what
such a book holds into OpenDocument through odfpy (the library pandas' own ODS writer
uses): the sheets in order (hidden ones hidden), every cell by its type (text stays text,
numbers numbers, dates and times date cells with their display format), bold, italic,
colours, fills, borders and wrapping, column widths and default formats, comments
(annotations), links to cells, the drop-down lists (content validations, as a warning),
the frozen header rows, the autofilter and the custom properties (`contract_version`).
What OpenDocument has no place for (Excel's quote prefix) is dropped: a text cell of an
.ods stays text when edited, so user text still never becomes a formula.

One translation rather than a second writer per workbook: the .ods cannot drift from the
.xlsx a test already checks, and the cost is one extra read of a workbook in memory.
odfpy builds the document around the cells; the cells' rows, the bulk of it, are written
as XML text by `monitoring.present.ods_rows` (odfpy's elements cost ~100 µs a cell), and
the .xlsx is read back by `monitoring.present.xlsx_back` (openpyxl, its cells read faster).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
from odf import number as ns
from odf.config import (
    ConfigItem,
    ConfigItemMapEntry,
    ConfigItemMapIndexed,
    ConfigItemMapNamed,
    ConfigItemSet,
)
from odf.meta import UserDefined
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import (
    ContentValidation,
    ContentValidations,
    DatabaseRange,
    DatabaseRanges,
    ErrorMessage,
    Table,
    TableColumn,
)
from odf.text import P, S
from openpyxl.utils import get_column_letter, range_boundaries

from monitoring.present import ods_rows, xlsx_back

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

_CM_PER_CHARACTER = 0.2  # an Excel width unit (one "0" in Calibri 11, plus padding) in cm
_DEFAULT_WIDTH = 8.43


def from_xlsx(data: bytes) -> bytes:
    """The .xlsx workbook `data` (one the project wrote) as an .ods workbook's bytes."""
    return from_book(read_xlsx(data))


def read_xlsx(data: bytes) -> Any:
    """The .xlsx workbook `data` (one the project wrote) as an openpyxl book."""
    return xlsx_back.read(data)  # as `openpyxl.load_workbook`, in half the time


def from_book(book: Any) -> bytes:
    """An openpyxl workbook as an .ods workbook's bytes (see the module's docstring)."""
    writer = _Writer()
    for key, value in _custom_properties(book):
        writer.doc.meta.addElement(UserDefined(name=key, text=value))
    validations = ContentValidations()
    writer.doc.spreadsheet.addElement(validations)
    ranges = DatabaseRanges()
    frozen: list[tuple[str, int, int]] = []
    for ws in book.worksheets:
        table, filter_range = writer.sheet(ws, validations)
        writer.doc.spreadsheet.addElement(table)
        if filter_range is not None:
            ranges.addElement(filter_range)
        if ws.freeze_panes:
            col, row = range_boundaries(ws.freeze_panes)[:2]
            frozen.append((ws.title, row - 1, col - 1))
    if not validations.childNodes:
        writer.doc.spreadsheet.removeChild(validations)
    if ranges.childNodes:
        writer.doc.spreadsheet.addElement(ranges)
    active = book.active.title if book.active is not None else None
    _view_settings(writer.doc, frozen, active)
    buffer = io.BytesIO()
    writer.doc.write(buffer)
    return buffer.getvalue()


def _custom_properties(book: Any) -> Iterator[tuple[str, str]]:
    for prop in getattr(book, "custom_doc_props", None) or ():
        if prop.value is not None:
            yield str(prop.name), str(prop.value)


@dataclass(frozen=True)
class _Look:
    """What a cell or column looks like, as far as OpenDocument is told."""

    number_format: str = "General"
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    colour: str | None = None
    fill: str | None = None
    wrap: bool = False
    valign: str | None = None
    border_bottom: bool = False
    border: bool = False


def _rgb(colour: Any) -> str | None:
    """`#RRGGBB` of an openpyxl colour given as ARGB (theme and indexed colours: None)."""
    value = getattr(colour, "rgb", None)
    if getattr(colour, "type", "rgb") != "rgb" or not isinstance(value, str) or len(value) < 6:
        return None
    return "#" + value[-6:].upper()


def _look(styled: Any) -> _Look:
    """The look of an openpyxl cell or column dimension."""
    font, fill, alignment, border = styled.font, styled.fill, styled.alignment, styled.border
    solid = fill is not None and fill.fill_type == "solid"
    colour = _rgb(font.color) if font is not None and font.color is not None else None
    sides = [getattr(border, side).style for side in ("left", "right", "top")]
    return _Look(
        number_format=styled.number_format or "General",
        bold=bool(font.b),
        italic=bool(font.i),
        underline=bool(font.u),
        size=float(font.sz) if font.sz and float(font.sz) != 11 else None,
        colour=colour if colour not in ("#000000", None) else None,
        fill=_rgb(fill.fgColor) if solid else None,
        wrap=bool(alignment.wrap_text),
        valign={"top": "top", "center": "middle"}.get(alignment.vertical or ""),
        border_bottom=bool(border.bottom.style),
        border=all(sides) and bool(border.bottom.style),
    )


class _Writer:
    """One .ods document being written: its styles, shared by every sheet."""

    def __init__(self) -> None:
        self.doc = OpenDocumentSpreadsheet()
        # The style a cell without a format of its own names (as LibreOffice's files do).
        self.doc.styles.addElement(Style(name="Default", family="table-cell"))
        self._cell_styles: dict[_Look, str] = {}
        self._data_styles: dict[str, str | None] = {}
        self._column_styles: dict[float, str] = {}
        self._hidden_table: str | None = None
        self._looks: dict[int, _Look] = {}  # a workbook's cell format (its index) → its look
        self._sheet_columns: list[_Look] = []  # the looks of the columns of the sheet
        self._named: dict[tuple[bytes | None, int], str | None] = {}  # (format, column) → style
        self._row_styles: set[str] = set()  # the styles cells name
        self._validations = 0
        self._filters = 0

    # --- styles -------------------------------------------------------------------------

    def cell_style(self, look: _Look) -> str | None:
        if look == _Look():
            return None
        if look not in self._cell_styles:
            name = f"ce{len(self._cell_styles) + 1}"
            attributes: dict[str, Any] = {"name": name, "family": "table-cell"}
            data_style = self.data_style(look.number_format)
            if data_style is not None:
                attributes["datastylename"] = data_style
            style = Style(**attributes)
            cell, text = _cell_properties(look), _text_properties(look)
            if cell:
                style.addElement(TableCellProperties(**cell))
            if text:
                style.addElement(TextProperties(**text))
            self.doc.automaticstyles.addElement(style)
            self._cell_styles[look] = name
        return self._cell_styles[look]

    def data_style(self, number_format: str) -> str | None:
        """The number style of an Excel number format (dates, times, text, decimals)."""
        if number_format not in self._data_styles:
            name = f"N{len(self._data_styles) + 1}"
            style = _data_style(name, number_format)
            if style is not None:
                self.doc.automaticstyles.addElement(style)
            self._data_styles[number_format] = name if style is not None else None
        return self._data_styles[number_format]

    def column_style(self, width: float) -> str:
        if width not in self._column_styles:
            name = f"co{len(self._column_styles) + 1}"
            style = Style(name=name, family="table-column")
            size = f"{width * _CM_PER_CHARACTER:.3f}cm"
            style.addElement(TableColumnProperties(columnwidth=size, breakbefore="auto"))
            self.doc.automaticstyles.addElement(style)
            self._column_styles[width] = name
        return self._column_styles[width]

    def hidden_table_style(self) -> str:
        if self._hidden_table is None:
            self._hidden_table = "ta_hidden"
            style = Style(name=self._hidden_table, family="table")
            style.addElement(TableProperties(display="false"))
            self.doc.automaticstyles.addElement(style)
        return self._hidden_table

    # --- one sheet ----------------------------------------------------------------------

    def sheet(self, ws: Any, validations: ContentValidations) -> tuple[Table, Any]:
        """The sheet as a table, and its autofilter's database range (None without one)."""
        attributes: dict[str, str] = {"name": ws.title}
        if ws.sheet_state != "visible":
            attributes["stylename"] = self.hidden_table_style()
        table = Table(**attributes)
        lists = self._lists(ws, validations)
        n_columns = max([ws.max_column, *_column_span(ws), *(c for _, _, c, _ in lists)])
        n_rows = max([ws.max_row, *(last for _, last, _, _ in lists)])
        self._sheet_columns = self._columns(ws, table, n_columns)
        self._named.clear()  # the columns' looks differ from sheet to sheet
        cells = _cells_by_row(ws)
        covered = ods_rows.ListCover(lists, n_columns, sorted(cells))
        parts: list[str] = []
        row = 1
        while row <= n_rows:
            found = cells.get(row)
            if found is None:  # a run of empty rows with the same drop-down lists
                run_end = min(covered.run_end(row), n_rows)
                parts.append(ods_rows.empty_rows(run_end - row + 1, covered.runs(row)))
                row = run_end + 1
                continue
            parts.append(ods_rows.filled_row(row, found, covered, self._cell_style_of))
            row += 1
        table.addElement(ods_rows.SheetRows(parts, self._row_styles))
        return table, self._filter(ws)

    def _columns(self, ws: Any, table: Table, n_columns: int) -> list[_Look]:
        """Declare the columns (width, default format); return each column's look."""
        widths = [_DEFAULT_WIDTH] * n_columns
        looks = [_Look()] * n_columns
        for key, dim in ws.column_dimensions.items():
            first = dim.min or openpyxl.utils.column_index_from_string(key)
            last = dim.max or first
            for col in range(first, min(last, n_columns) + 1):
                if dim.width:
                    widths[col - 1] = float(dim.width)
                looks[col - 1] = _look(dim)
        for col in range(n_columns):
            attributes = {"stylename": self.column_style(widths[col])}
            default = self.cell_style(looks[col])
            attributes["defaultcellstylename"] = default or "Default"
            table.addElement(TableColumn(**attributes))
        return looks

    def _cell_style_of(self, cell: Any, col: int) -> str | None:
        """The style a cell of column `col` names: its own, `Default` for a plain cell in
        a formatted column, none for a cell with the column's default format (as Excel)."""
        array = cell._style  # the cell's format: indices of its font, fill… (or None)
        key = (None if array is None else array.tobytes(), col)
        if key in self._named:
            return self._named[key]
        column, style = self._sheet_columns[col - 1], None
        if cell.has_style:
            look = self._looks.get(cell.style_id) or self._looks.setdefault(
                cell.style_id, _look(cell)
            )
            style = self.cell_style(look)
            if style is not None or look != column:
                style = style or "Default"
                self._row_styles.add(style)
        self._named[key] = style
        return style

    def _lists(self, ws: Any, validations: ContentValidations) -> list[tuple[int, int, int, str]]:
        """Declare the sheet's drop-down lists; return (first row, last row, column, name)
        for every column of every range one applies to."""
        found: list[tuple[int, int, int, str]] = []
        for rule in ws.data_validations.dataValidation:
            if rule.type != "list" or not rule.formula1:
                continue
            self._validations += 1
            name = f"val{self._validations}"
            cells = [range_boundaries(str(part)) for part in str(rule.sqref).split()]
            first_col, first_row = cells[0][0], cells[0][1]
            base = f"{_quoted(ws.title)}.{get_column_letter(first_col)}{first_row}"
            attributes: dict[str, Any] = {
                "name": name,
                "condition": f"of:cell-content-is-in-list({_list_source(rule.formula1)})",
                "allowemptycell": "true",  # an empty cell is never refused
                "basecelladdress": base,
                "displaylist": "none" if rule.showDropDown else "unsorted",
            }
            validation = ContentValidation(**attributes)
            kind = {"stop": "stop", "information": "information"}.get(rule.errorStyle or "")
            message = ErrorMessage(
                display="true" if rule.showErrorMessage else "false",
                messagetype=kind or "warning",
                title=rule.errorTitle or "",
            )
            for paragraph in _paragraphs(rule.error or ""):
                message.addElement(paragraph)
            validation.addElement(message)
            validations.addElement(validation)
            for min_col, min_row, max_col, max_row in cells:
                for col in range(min_col, max_col + 1):
                    found.append((min_row, max_row, col, name))
        return found

    def _filter(self, ws: Any) -> Any:
        if not ws.auto_filter.ref:
            return None
        min_col, min_row, max_col, max_row = range_boundaries(ws.auto_filter.ref)
        self._filters += 1
        title = _quoted(ws.title)
        target = (
            f"{title}.{get_column_letter(min_col)}{min_row}:"
            f"{title}.{get_column_letter(max_col)}{max_row}"
        )
        return DatabaseRange(
            name=f"__Anonymous_Sheet_DB__{self._filters - 1}",
            targetrangeaddress=target,
            displayfilterbuttons="true",
        )


def _cell_properties(look: _Look) -> dict[str, str]:
    cell: dict[str, str] = {}
    if look.fill:
        cell["backgroundcolor"] = look.fill
    if look.wrap:
        cell["wrapoption"] = "wrap"
    if look.valign:
        cell["verticalalign"] = look.valign
    if look.border:
        cell["border"] = "0.06pt solid #000000"
    elif look.border_bottom:
        cell["borderbottom"] = "0.06pt solid #000000"
    return cell


def _text_properties(look: _Look) -> dict[str, str]:
    text: dict[str, str] = {}
    if look.bold:
        text["fontweight"] = "bold"
    if look.italic:
        text["fontstyle"] = "italic"
    if look.underline:
        text.update(textunderlinestyle="solid", textunderlinewidth="auto")
        text["textunderlinecolor"] = "font-color"
    if look.size:
        text["fontsize"] = f"{look.size:g}pt"
    if look.colour:
        text["color"] = look.colour
    return text


def _cells_by_row(ws: Any) -> dict[int, dict[int, Any]]:
    """The sheet's cells that hold a value, a style, a comment or a link, by row."""
    rows: dict[int, dict[int, Any]] = {}
    for (row, col), cell in ws._cells.items():
        if cell.value is not None or cell.has_style or cell.comment or cell.hyperlink:
            rows.setdefault(row, {})[col] = cell
    return rows


def _column_span(ws: Any) -> Iterable[int]:
    """The last column each declared column dimension reaches (with a format or width)."""
    for key, dim in ws.column_dimensions.items():
        if dim.width or dim.has_style:
            yield dim.max or openpyxl.utils.column_index_from_string(key)


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _list_source(formula: str) -> str:
    """An Excel list source as OpenFormula: `"a,b"` → `"a";"b"`, a range → `[$'S'.$A$2:$A$7]`."""
    if formula.startswith('"') and formula.endswith('"'):
        items = formula[1:-1].replace('""', '"').split(",")
        return ";".join('"' + item.replace('"', '""') + '"' for item in items)
    reference = formula.lstrip("=")
    sheet, _, cells = reference.rpartition("!")
    first, _, last = cells.partition(":")
    target = f"${sheet}.{first}" + (f":{last}" if last else "")
    return f"[{target}]"


def _paragraphs(text: str) -> list[P]:
    """Text as paragraphs (odfpy elements), as `ods_rows.paragraphs` writes a cell's."""
    paragraphs = []
    for line in text.split("\n"):
        paragraph = P()
        for piece, spaces in ods_rows.line_pieces(line):
            if piece:
                paragraph.addText(piece)
            if spaces:
                paragraph.addElement(S(c=spaces))
        paragraphs.append(paragraph)
    return paragraphs


def _data_style(name: str, number_format: str) -> Any:
    """The OpenDocument number style of an Excel number format; None for `General`."""
    fmt = number_format.strip()
    if fmt in ("", "General"):
        return None
    if fmt == "@":
        style = ns.TextStyle(name=name)
        style.addElement(ns.TextContent())
        return style
    if re.fullmatch(r"[#,0.]+", fmt):
        decimals = len(fmt.partition(".")[2])
        style = ns.NumberStyle(name=name)
        grouping = "true" if "," in fmt else "false"
        style.addElement(ns.Number(decimalplaces=decimals, minintegerdigits=1, grouping=grouping))
        return style
    tokens = re.findall(r"yyyy|yy|dd|d|mm|m|hh|h|ss|s|[^a-zA-Z]+", fmt)
    if not tokens or not any(token[0] in "ydm" for token in tokens):
        return None
    style = ns.DateStyle(name=name)
    after_hours = False
    for token in tokens:
        long = "long" if len(token) > 1 else "short"
        if token.startswith("y"):
            style.addElement(ns.Year(style="long" if token == "yyyy" else "short"))
        elif token.startswith("d"):
            style.addElement(ns.Day(style=long))
        elif token.startswith("m"):
            style.addElement(ns.Minutes(style=long) if after_hours else ns.Month(style=long))
        elif token.startswith("h"):
            style.addElement(ns.Hours(style=long))
            after_hours = True
        elif token.startswith("s"):
            style.addElement(ns.Seconds(style=long))
        else:
            style.addElement(ns.Text(text=token))
    return style


def _view_settings(doc: Any, frozen: list[tuple[str, int, int]], active: str | None) -> None:
    """The frozen rows and columns of each sheet, and the sheet shown first (settings.xml)."""
    tables = ConfigItemMapNamed(name="Tables")
    for title, rows, cols in frozen:
        entry = ConfigItemMapEntry(name=title)
        items = {
            "HorizontalSplitMode": ("short", 2 if cols else 0),
            "VerticalSplitMode": ("short", 2 if rows else 0),
            "HorizontalSplitPosition": ("int", cols),
            "VerticalSplitPosition": ("int", rows),
            "ActiveSplitRange": ("short", 2),
            "PositionLeft": ("int", 0),
            "PositionRight": ("int", cols),
            "PositionTop": ("int", 0),
            "PositionBottom": ("int", rows),
        }
        for key, (kind, value) in items.items():
            entry.addElement(ConfigItem(name=key, type=kind, text=str(value)))
        tables.addElement(entry)
    view = ConfigItemMapEntry()
    view.addElement(ConfigItem(name="ViewId", type="string", text="view1"))
    if active is not None:
        view.addElement(ConfigItem(name="ActiveTable", type="string", text=active))
    view.addElement(tables)
    views = ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    doc.settings.addElement(settings)


__all__ = ["MIMETYPE", "from_book", "from_xlsx", "read_xlsx"]
