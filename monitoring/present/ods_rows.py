"""The cell rows of an .ods sheet written as XML text: the bulk of content.xml, fast.

`monitoring.present.ods` builds the document with odfpy (styles, validations, settings,
meta, each table and its columns); as odfpy elements a sheet's cells cost about 100 µs
each, so the rows are written here as the text odfpy would write for them: the same
elements and attributes, text escaped the same way (the characters XML 1.0 forbids or
discourages become U+FFFD, as odfpy makes them elsewhere in the document), except that
consecutive empty cells of a row are written once, repeated, as runs of empty rows are.
A `SheetRows` holds a sheet's rows in the odfpy tree and writes that text in its place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from odf.element import Element
from odf.namespaces import DCNS, OFFICENS, TABLENS, TEXTNS, XLINKNS
from odf.table import TableCell

_RUN_OF_SPACES = re.compile(r" {2,}")
_PLANES_ENDS = "".join(
    f"{chr(p + 0xFFFE)}-{chr(p + 0xFFFF)}" for p in range(0x10000, 0x110000, 0x10000)
)
# What XML 1.0 forbids (control characters, lone surrogates, U+FFFE/F) or discourages.
_UNWRITABLE_CHARACTERS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff" + _PLANES_ENDS
)
_UNWRITABLE = re.compile(f"[{_UNWRITABLE_CHARACTERS}]")
# What keeps a text from being written as it is, as one paragraph.
_SPECIAL = re.compile(f"[&<>\n{_UNWRITABLE_CHARACTERS}]|  |^ ")


def text(value: str) -> str:
    """`value` as XML character data."""
    return escape(_UNWRITABLE.sub("\ufffd", value))


def attribute(value: str) -> str:
    """`value` as a quoted XML attribute value."""
    return quoteattr(_UNWRITABLE.sub("\ufffd", value))


def line_pieces(line: str) -> Iterator[tuple[str, int]]:
    """A line as (text, spaces) pieces: each text followed by that many spaces written as
    `text:s` (ODF collapses a run of spaces written as such; 0: none)."""
    position = 0
    for run in _RUN_OF_SPACES.finditer(line):
        yield line[position : run.start() + 1], len(run.group()) - 1
        position = run.end()
    if line.startswith(" ") and position == 0:
        yield "", 1
        position = 1
    yield line[position:], 0


def paragraphs(value: str) -> str:
    """Text as `text:p` paragraphs, one a line, runs of spaces kept."""
    if not _SPECIAL.search(value):
        return f"<text:p>{value}</text:p>"  # the usual case, at once
    written = []
    for line in value.split("\n"):
        parts = []
        for piece, spaces in line_pieces(line):
            parts.append(text(piece))
            if spaces:
                parts.append(f'<text:s text:c="{spaces}"/>')
        written.append(f"<text:p>{''.join(parts)}</text:p>")
    return "".join(written)


def typed(value: object) -> tuple[str, str | None]:
    """A cell value's OpenDocument type and value attributes, and the text it shows."""
    if value is None or value == "":
        return "", None
    if isinstance(value, str):
        return ' office:value-type="string"', value
    if isinstance(value, bool):
        shown = str(value)
        return f' office:value-type="boolean" office:boolean-value="{shown.lower()}"', shown.upper()
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ' office:value-type="string"', str(value)  # no cell holds an infinite number
        return f' office:value-type="float" office:value="{value!r}"', str(value)
    if isinstance(value, dt.datetime):
        timed = value.time() != dt.time()
        iso = value.replace(tzinfo=None).isoformat() if timed else value.date().isoformat()
        return f' office:value-type="date" office:date-value="{iso}"', iso.replace("T", " ")
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return f' office:value-type="date" office:date-value="{iso}"', iso
    if isinstance(value, dt.time):
        duration = f"PT{value.hour}H{value.minute}M{value.second}S"
        return f' office:value-type="time" office:time-value="{duration}"', value.isoformat()
    return ' office:value-type="string"', str(value)


def filled_cell(attributes: str, source: Any) -> str:
    """An openpyxl cell as a `table:table-cell`, with `attributes` (validation, style)
    before its value's: its comment (an annotation), its text, its link."""
    kind, shown = typed(source.value)
    comment = source.comment
    inside = (
        annotation(comment.author, comment.text) if comment is not None and comment.text else ""
    )
    if shown is not None:
        link = source.hyperlink
        inside += paragraphs(shown) if link is None else content(shown, link)
    if not inside:
        return f"<table:table-cell{attributes}{kind}/>"
    return f"<table:table-cell{attributes}{kind}>{inside}</table:table-cell>"


def annotation(author: str | None, note: str) -> str:
    creator = f"<dc:creator>{text(author)}</dc:creator>" if author and author != "None" else ""
    return f"<office:annotation>{creator}{paragraphs(note)}</office:annotation>"


def content(shown: str, link: Any) -> str:
    """A cell's paragraphs; a one-line text with a link (to a cell or an address) as one."""
    if link is None or not (link.location or link.target) or "\n" in shown:
        return paragraphs(shown)
    href = "#" + ods_reference(link.location) if link.location else link.target
    return (
        f'<text:p><text:a xlink:type="simple" xlink:href={attribute(href)}>'
        f"{text(shown)}</text:a></text:p>"
    )


def ods_reference(location: str) -> str:
    """`'Sheet'!B5` (an Excel location) as `'Sheet'.B5`."""
    sheet, bang, address = location.rpartition("!")
    if not bang:
        return location
    return f"{sheet}.{address.replace('$', '')}"


def filled_row(
    row: int, found: dict[int, Any], covered: ListCover, style_of: Callable[[Any, int], str | None]
) -> str:
    """Row `row` of a sheet, whose cells `found` are by column: each cell with its list
    and the style `style_of(cell, column)` names, consecutive empty ones repeated."""
    parts = ["<table:table-row>"]
    empty: tuple[str | None, int] | None = None  # consecutive empty cells: list, count
    names = covered.names(row)
    for col in range(1, covered.n_columns + 1):
        name = names[col]
        source = found.get(col)
        if source is None:
            if empty is not None and empty[0] == name:
                empty = (name, empty[1] + 1)
                continue
            if empty is not None:
                parts.append(empty_cells(empty[1], empty[0]))
            empty = (name, 1)
            continue
        if empty is not None:
            parts.append(empty_cells(empty[1], empty[0]))
            empty = None
        style = style_of(source, col)
        listed = f' table:content-validation-name="{name}"' if name else ""
        styled = f' table:style-name="{style}"' if style else ""
        parts.append(filled_cell(listed + styled, source))
    if empty is not None:
        parts.append(empty_cells(empty[1], empty[0]))
    parts.append("</table:table-row>")
    return "".join(parts)


def empty_cells(count: int, validation: str | None) -> str:
    repeat = f' table:number-columns-repeated="{count}"' if count > 1 else ""
    listed = f' table:content-validation-name="{validation}"' if validation else ""
    return f"<table:table-cell{repeat}{listed}/>"


def empty_rows(count: int, runs: Iterator[tuple[str | None, int]]) -> str:
    repeat = f' table:number-rows-repeated="{count}"' if count > 1 else ""
    cells = "".join(empty_cells(n, name) for name, n in runs)
    return f"<table:table-row{repeat}>{cells}</table:table-row>"


class ListCover:
    """Which drop-down list (content validation) each cell of a sheet carries.

    `lists`: (first row, last row, column, list name) for every column of every range a
    list applies to; `filled`: the rows that hold a cell, in order.
    """

    def __init__(
        self, lists: list[tuple[int, int, int, str]], n_columns: int, filled: list[int]
    ) -> None:
        self.n_columns, self.filled = n_columns, filled
        self.by_column: dict[int, list[tuple[int, int, str]]] = {}
        edges: set[int] = set()
        for first, last, column, name in lists:
            self.by_column.setdefault(column, []).append((first, last, name))
            edges.update((first, last + 1))
        self.edges = sorted(edges)

    def name(self, row: int, col: int) -> str | None:
        for first, last, name in self.by_column.get(col, ()):
            if first <= row <= last:
                return name
        return None

    def names(self, row: int) -> list[str | None]:
        """The list of each column of the row, by column number (from 1)."""
        found: list[str | None] = [None] * (self.n_columns + 1)
        for col in self.by_column:
            found[col] = self.name(row, col)
        return found

    def runs(self, row: int) -> Iterator[tuple[str | None, int]]:
        """The row's columns as (list name, how many in a row) runs."""
        current, count = self.name(row, 1), 0
        for col in range(1, self.n_columns + 1):
            name = self.name(row, col)
            if name == current:
                count += 1
                continue
            yield current, count
            current, count = name, 1
        yield current, count

    def run_end(self, row: int) -> int:
        """The last row after `row` with no cell and the same lists as `row`."""
        following = [
            found[index]
            for found in (self.edges, self.filled)
            if (index := bisect.bisect_right(found, row)) < len(found)
        ]
        return min(following) - 1 if following else row


class SheetRows(Element):
    """A sheet's rows in odfpy's tree, written as the XML text `parts` in their place.

    Its children, never written, are one cell per style the rows name: odfpy keeps in
    content.xml only the automatic styles its tree refers to.
    """

    qname = (TABLENS, "table-rows")

    def __init__(self, parts: list[str], styles: set[str]) -> None:
        super().__init__()
        self.parts = parts
        for namespace in (OFFICENS, TABLENS, TEXTNS, DCNS, XLINKNS):
            self.get_nsprefix(namespace)  # declared at the top of content.xml
        for name in sorted(styles):
            self.appendChild(TableCell(stylename=name))

    def toXml(self, level: int, f: Any) -> None:  # odfpy's name
        f.write("".join(self.parts))


__all__ = [
    "ListCover",
    "SheetRows",
    "attribute",
    "empty_cells",
    "empty_rows",
    "filled_cell",
    "filled_row",
    "line_pieces",
    "paragraphs",
    "text",
]
