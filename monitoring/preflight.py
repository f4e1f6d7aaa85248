"""Pre-flight checks on uploaded bytes, before any spreadsheet parser sees them.

The real type comes from the magic bytes, never the name. Zip containers (.xlsx, .ods, a
.zip of CSV files) are inspected in memory with the standard `zipfile`: member count,
names, declared sizes and compression ratio first, then every member is stream-read
with a byte counter (which also verifies its CRC) and every XML part goes through expat
with DTDs refused. While a worksheet streams past, cheap byte searches note formulas
saved without a value, error cells, and any cell placed beyond the configured limits;
python-calamine aborts the whole process when asked to allocate a sheet whose last cell
is XFD1048576, so that check must happen here.

Every refusal is raised as `Rejected` carrying an `Issue`; the reader turns it into a
report entry. Nothing here writes to disk.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pyexpat import ExpatError, ParserCreate
from typing import Any

from monitoring.report import Issue
from monitoring.schema import column_letter
from monitoring.settings import Limits

CHUNK = 1 << 20  # bytes read from a zip member at a time
MAX_CARRY = 8 << 20  # an unfinished worksheet row is carried over at most this far
MAX_DEPTH = 200  # element nesting; real parts stay under 15
EXPAT_BYTES = 4 << 20  # XML parts up to this size are fully parsed by expat

XLSX_MAIN = "xl/workbook.xml"
XLSX_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE2 stream names are UTF-16LE; an Office-encrypted .xlsx keeps its package in this one.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
NESTED_ARCHIVES = (".zip", ".xlsx", ".xlsm", ".xlsb", ".ods", ".jar", ".7z", ".rar", ".gz")
# Members a zip tool adds on its own (macOS resource forks, Finder metadata).
ZIP_NOISE = ("__MACOSX/", ".DS_Store", "Thumbs.db")

# Magic bytes of files people upload by mistake → the name shown to the user.
FOREIGN_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"{\\rtf", "RTF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows (.exe)"),
)
# Text starts that are markup, not CSV (lower-cased, after a BOM and blanks).
MARKUP_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"<!doctype html", "HTML"),
    (b"<html", "HTML"),
    (b"<?xml", "XML"),
    (b"<svg", "SVG"),
)
# Office Open XML and OpenDocument packages that are not spreadsheets.
OTHER_PACKAGES: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "Word (.docx)"),
    ("ppt/presentation.xml", "PowerPoint (.pptx)"),
)


class Rejected(Exception):
    """The upload cannot be read; `issue` says why, in the user's terms."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.key)
        self.issue = issue


@dataclass
class SheetFindings:
    """What the byte scan of one worksheet found (0-based row, col positions)."""

    formula_no_value: set[tuple[int, int]] = field(default_factory=set)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Container:
    """What pre-flight learnt about a zip upload.

    `kind` is "xlsx", "ods" or "csv"; `sheets` maps an xlsx sheet name to its findings;
    `csv_members` holds (member name, bytes) for a zip of CSV files.
    """

    kind: str
    date1904: bool = False
    sheets: dict[str, SheetFindings] = field(default_factory=dict)
    csv_members: list[tuple[str, bytes]] = field(default_factory=list)


def sniff(data: bytes) -> str:
    """Return the real type of an upload from its first bytes.

    Returns:
        "zip", "xls", "encrypted", "text", or the display name of a foreign type
        ("PDF", "PNG", "HTML", …).
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(OLE2):
        # Office encryption wraps the real .xlsx in an OLE2 file; only the stream name
        # tells it from a legacy .xls. Directory entries sit anywhere, so search it all.
        return "encrypted" if ENCRYPTED_PACKAGE in data else "xls"
    for magic, name in FOREIGN_TYPES:
        if data.startswith(magic):
            return name
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for start, name in MARKUP_TYPES:
        if head.startswith(start):
            return name
    return "text"


def check_size(data: bytes, limits: Limits, file: str) -> None:
    """Refuse an empty file or one over the size limit (exactly at the limit is fine)."""
    if not data:
        raise Rejected(Issue("format-error", "empty_file", file=file))
    if len(data) > limits.max_file_bytes:
        raise Rejected(
            Issue(
                "size-limit",
                "file_too_big",
                file=file,
                params={"size": _megabytes(len(data)), "limit": _megabytes(limits.max_file_bytes)},
            )
        )


def inspect_zip(data: bytes, limits: Limits, file: str) -> Container:
    """Check a zip upload member by member and tell what it holds.

    Args:
        data: the uploaded bytes (starting with a zip signature).
        limits: the configured limits.
        file: the display name of the upload, for messages.

    Returns:
        The container's kind and what the worksheet scan found.

    Raises:
        Rejected: for anything damaged, hostile or over a limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise _damaged(file) from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        names = _check_directory(infos, limits, file)
        kind = _container_kind(archive, names, limits, file)
        container = Container(kind=kind)
        order = sorted(infos, key=lambda i: _READ_FIRST.get(i.filename, len(_READ_FIRST)))
        sheets: list[tuple[str, str]] = []
        sheet_parts: dict[str, str] = {}
        bounds = _Bounds(limits)
        for info in order:
            part = info.filename
            if kind == "csv":
                if not part.startswith(ZIP_NOISE) and not part.endswith(ZIP_NOISE):
                    body = b"".join(_stream(archive, info, limits, file))
                    container.csv_members.append((part, body))
            elif part in sheet_parts:
                sheet = sheet_parts[part]
                container.sheets[sheet] = _scan_sheet(archive, info, limits, file, sheet, bounds)
            elif kind == "ods" and part == "content.xml":
                _scan_ods_content(archive, info, limits, file)
            elif kind == "xlsx" and part in (XLSX_MAIN, XLSX_RELS):
                body = _check_xml_part(archive, info, limits, file, keep=True)
                if part == XLSX_MAIN:
                    sheets = _workbook_sheets(body, container)
                    _check_sheet_count(len(sheets), limits, file)
                else:
                    sheet_parts = _sheet_parts(body, sheets)
            else:
                _check_xml_part(archive, info, limits, file, keep=False)
    return container


# Parts read before the others: sheet names and their parts must be known before the
# worksheets stream past.
_READ_FIRST = {CONTENT_TYPES: 0, XLSX_MAIN: 1, XLSX_RELS: 2}


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits, file: str) -> set[str]:
    if len(infos) > limits.max_members:
        raise Rejected(
            Issue(
                "size-limit",
                "too_many_members",
                file=file,
                params={"count": len(infos), "limit": limits.max_members},
            )
        )
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in names:
            raise Rejected(Issue("format-error", "duplicate_member", file=file))
        names.add(name)
        if _unsafe_name(name) or _unsafe_name(info.orig_filename):
            raise Rejected(Issue("format-error", "unsafe_member", file=file))
        if name.lower().endswith(NESTED_ARCHIVES):
            raise Rejected(Issue("format-error", "nested_archive", file=file))
        if info.flag_bits & 0x1:
            raise Rejected(Issue("encrypted-file", "encrypted", file=file))
        total += info.file_size
        if info.file_size > limits.max_member_bytes or total > limits.max_total_bytes:
            limit = min(limits.max_member_bytes, limits.max_total_bytes)
            raise Rejected(_too_big_inside(file, limit))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise Rejected(
                Issue(
                    "size-limit",
                    "compression_ratio",
                    file=file,
                    params={"ratio": int(ratio), "limit": limits.max_ratio},
                )
            )
    return names


def _unsafe_name(name: str) -> bool:
    # Nothing is ever extracted, but such names only come from hand-crafted archives.
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or re.match(r"^[A-Za-z]:", name) is not None
        or ".." in name.split("/")
        or "\x00" in name
    )


def _container_kind(archive: zipfile.ZipFile, names: set[str], limits: Limits, file: str) -> str:
    if CONTENT_TYPES in names and XLSX_MAIN in names:
        if "xl/vbaProject.bin" in names or any(n.endswith("vbaProject.bin") for n in names):
            raise Rejected(Issue("macro-file", "macro", file=file))
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise Rejected(Issue("format-error", "xlsb", file=file))
    if "mimetype" in names and "content.xml" in names:
        mimetype = b"".join(_stream(archive, archive.getinfo("mimetype"), limits, file))
        if mimetype.strip() == ODS_MIMETYPE:
            return "ods"
        raise Rejected(Issue("format-error", "foreign_type", file=file, params={"kind": "ODF"}))
    for part, label in OTHER_PACKAGES:
        if part in names:
            raise Rejected(Issue("format-error", "foreign_type", file=file, params={"kind": label}))
    useful = [n for n in names if not n.startswith(ZIP_NOISE) and not n.endswith(ZIP_NOISE)]
    if useful and all(n.lower().endswith(".csv") for n in useful):
        return "csv"
    raise Rejected(Issue("format-error", "zip_unknown", file=file))


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, file: str
) -> Iterator[bytes]:
    """Yield a member's bytes chunk by chunk, never more than the limits allow.

    zipfile checks the CRC at the end but keeps inflating past the declared size, so
    the counter also holds the member to its declared size: a zip whose headers
    under-declare sizes (to slip past the size checks) is damaged, not large.
    """
    budget = min(limits.max_member_bytes, limits.max_total_bytes)
    seen = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                seen += len(chunk)
                if seen > info.file_size:
                    raise _damaged(file)
                if seen > budget:
                    raise Rejected(_too_big_inside(file, budget))
                yield chunk
        if seen != info.file_size:
            raise _damaged(file)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise _damaged(file) from exc
    except RuntimeError as exc:  # zipfile's "File is encrypted, password required"
        raise Rejected(Issue("encrypted-file", "encrypted", file=file)) from exc
    except NotImplementedError as exc:  # an unknown compression method
        raise _damaged(file) from exc


class _ForbiddenXml(Exception):
    """A DTD or entity declaration was met in an XML part."""


def _forbid(*_args: Any) -> int:
    raise _ForbiddenXml


def _expat() -> Any:
    parser: Any = ParserCreate()
    # Entities are how billion-laughs, quadratic blow-up and XXE work; no part of a
    # spreadsheet needs a DTD, so the first declaration stops the parse.
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    return parser


_DTD_WORDS = (b"DOCTYPE", b"ENTITY")


def _mentions_dtd(chunk: bytes) -> bool:
    """True when the bytes hold `<!DOCTYPE` or `<!ENTITY` (any case)."""
    start = chunk.find(b"<!")
    while start != -1:
        if chunk[start + 2 : start + 12].lstrip().upper().startswith(_DTD_WORDS):
            return True
        start = chunk.find(b"<!", start + 2)
    return False


def _looks_like_xml(head: bytes) -> bool:
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00"))


class _TooDeep(Exception):
    """Elements nested deeper than any spreadsheet part needs."""


class _PartChecker:
    """Feeds one member to expat, or to a byte search for DTDs.

    Small XML parts (up to `EXPAT_BYTES`) go through expat with nesting depth counted,
    so malformed or absurdly deep XML is refused. A large worksheet only gets the byte
    search: expat alone would add a quarter to the reading time of a 90 000-row
    workbook, calamine refuses truncated XML itself, and it never expands entities.
    Parts that are not XML (media, the ODS mimetype) get the byte search too.
    """

    def __init__(self, file: str, size: int) -> None:
        self.file = file
        self.parser: Any = None
        self.mode = ""  # "expat" or "bytes", chosen on the first chunk
        self.large = size > EXPAT_BYTES
        self.utf16 = False
        self.tail = b""
        self.depth = 0

    def _start(self, *_args: Any) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep

    def _end(self, *_args: Any) -> None:
        self.depth -= 1

    def feed(self, chunk: bytes) -> None:
        if not self.mode:
            head = chunk[:64]
            self.utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00"))
            if _looks_like_xml(head) and (not self.large or self.utf16):
                self.mode = "expat"
                self.parser = _expat()
                self.parser.StartElementHandler = self._start
                self.parser.EndElementHandler = self._end
            else:
                self.mode = "bytes"
                # Binary members hold NUL bytes anyway; text may be UTF-16 without a BOM.
                self.utf16 = self.utf16 or not _looks_like_xml(head)
        if self.mode == "bytes":
            window = self.tail + chunk
            if self.utf16 and b"\x00" in window:  # UTF-16 hides the markup between NULs
                window = window.replace(b"\x00", b"")
            if _mentions_dtd(window):
                raise Rejected(Issue("forbidden-xml", "forbidden_xml", file=self.file))
            self.tail = chunk[-32:]
            return
        self._parse(chunk, final=False)

    def close(self) -> None:
        if self.mode == "expat":
            self._parse(b"", final=True)

    def _parse(self, chunk: bytes, *, final: bool) -> None:
        try:
            self.parser.Parse(chunk, final)
        except _ForbiddenXml as exc:
            raise Rejected(Issue("forbidden-xml", "forbidden_xml", file=self.file)) from exc
        except (ExpatError, RecursionError, ValueError, _TooDeep) as exc:
            # expat keeps its element stack on the heap: deep nesting is just malformed.
            raise Rejected(Issue("format-error", "xml_malformed", file=self.file)) from exc


def _check_xml_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, file: str, *, keep: bool
) -> bytes:
    checker = _PartChecker(file, info.file_size)
    kept: list[bytes] = []
    for chunk in _stream(archive, info, limits, file):
        checker.feed(chunk)
        if keep:
            kept.append(chunk)
    checker.close()
    return b"".join(kept)


def _workbook_sheets(body: bytes, container: Container) -> list[tuple[str, str]]:
    """Return (sheet name, relationship id) pairs of workbook.xml; note the date system.

    The body has already passed expat with DTDs refused, so a second parse is safe.
    """
    sheets: list[tuple[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "sheet":
            rid = next((v for k, v in attrs.items() if k.rpartition(" ")[2] == "id"), "")
            sheets.append((attrs.get("name", ""), rid))
        elif local == "workbookPr":
            container.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")

    parser = ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.Parse(body, True)
    return sheets


def _sheet_parts(rels: bytes, sheets: list[tuple[str, str]]) -> dict[str, str]:
    """Map each worksheet's zip member name to its sheet name, through the relationships."""
    targets: dict[str, str] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(" ")[2] == "Relationship" and attrs.get("TargetMode") != "External":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    parser = ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.Parse(rels, True)
    parts: dict[str, str] = {}
    for sheet, rid in sheets:
        target = targets.get(rid)
        if target:
            # Excel writes targets relative to xl/, openpyxl absolute from the package root.
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[posixpath.normpath(path)] = sheet
    return parts


def _check_sheet_count(count: int, limits: Limits, file: str) -> None:
    if count > limits.max_sheets:
        raise Rejected(
            Issue(
                "size-limit",
                "too_many_sheets",
                file=file,
                params={"count": count, "limit": limits.max_sheets},
            )
        )


def _row_blocks(chunks: Iterator[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """Regroup a worksheet's chunks into blocks that end on a row boundary.

    Yields (raw chunk, block): the raw chunk goes to expat as is; the block (possibly
    empty) never cuts a cell in two, so cell-level byte searches can run on it.
    """
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        cut = buf.rfind(b"row>") + 4  # `</row>`, `<row>`, `</x:row>`, `</table:table-row>`
        if cut == 3:  # no row boundary yet
            if len(buf) <= MAX_CARRY:
                carry = buf
                yield chunk, b""
                continue
            cut = len(buf)  # a monstrous row: scan it anyway, cells at the seam may be missed
        carry = buf[cut:]
        yield chunk, buf[:cut]
    if carry:
        yield b"", carry


def _greater_than(n: int) -> str:
    """A regex for a decimal number (leading zeros allowed) greater than `n`."""
    digits = str(n)
    size = len(digits)
    alternatives = [rf"[1-9]\d{{{size},}}"]
    for i, ch in enumerate(digits):
        if ch != "9":
            rest = size - i - 1
            alternatives.append(
                f"{digits[:i]}[{int(ch) + 1}-9]" + (rf"\d{{{rest}}}" if rest else "")
            )
    return "0*(?:" + "|".join(alternatives) + ")"


def _letters_after(columns: int) -> str:
    """A regex for column letters beyond the `columns`-th column (case-insensitive)."""
    last = column_letter(columns - 1)
    size = len(last)
    alternatives = [f"[A-Z]{{{size + 1},}}"]
    for i, ch in enumerate(last):
        if ch != "Z":
            rest = size - i - 1
            alternatives.append(
                f"{last[:i]}[{chr(ord(ch) + 1)}-Z]" + (f"[A-Z]{{{rest}}}" if rest else "")
            )
    return "(?:" + "|".join(alternatives) + ")"


class _Bounds:
    """Byte patterns that find a cell holding something beyond the row or column limits.

    Only cells with content count (`<c …>…</c>`, not `<c …/>`): styled empty cells down
    to row 1 048 576 are common and harmless, calamine skips them.
    """

    def __init__(self, limits: Limits) -> None:
        cols = _letters_after(limits.max_columns)
        # Header in row 1, so the last allowed row is max_rows + 1.
        rows = _greater_than(limits.max_rows + 1)
        beyond = f"(?:{cols}[0-9]+|[A-Z]{{1,4}}{rows})[\"'][^>]*(?<!/)>"
        self.fast = re.compile(f'<c r="{beyond}'.encode(), re.IGNORECASE)
        self.slow = re.compile(rf"\sr\s*=\s*[\"']{beyond}".encode(), re.IGNORECASE)
        # A cell with content but no `r`: calamine places it by counting, so its
        # position cannot be bounded by a pattern. Real producers always write `r`.
        self.limits = limits
        self.unplaced = re.compile(rb"<(?:[\w.-]+:)?c(?=[\s/>])(?:(?!\sr\s*=)[^>])*(?<!/)>")

    def check(self, block: bytes, file: str, sheet: str) -> bool:
        """Refuse a cell beyond the limits; True when every cell tag is spelt `<c r="`."""
        # Every `<c…` being `<c r="` (and no prefixed `x:c`) lets the fast pattern, which
        # needs that literal start, see every cell; `<col`, `<cfRule`… only near the
        # edges of the sheet, send those few blocks to the slow pattern.
        usual = block.count(b"<c") == block.count(b'<c r="') and b":c" not in block
        found = self.fast.search(block) if usual else self.slow.search(block)
        if found:
            ref = _ref_of(found.group(0))
            row, col = _position(ref.encode()) or (0, 0)
            if col >= self.limits.max_columns:
                letters = ref.rstrip("0123456789")
                params = {"limit": self.limits.max_columns}
                raise Rejected(
                    Issue(
                        "size-limit",
                        "columns_beyond",
                        file=file,
                        sheet=sheet,
                        value=letters,
                        params=params,
                    )
                )
            params = {"row": row + 1, "limit": self.limits.max_rows}
            raise Rejected(
                Issue("size-limit", "rows_beyond", file=file, sheet=sheet, params=params)
            )
        if not usual and self.unplaced.search(block):
            raise Rejected(Issue("format-error", "cell_without_ref", file=file, sheet=sheet))
        return usual


_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]+[0-9]+)""")


def _ref_of(tag: bytes) -> str:
    found = _REF.search(tag)
    return found.group(1).decode("ascii").upper() if found else ""


def _position(ref: bytes) -> tuple[int, int] | None:
    """(0-based row, 0-based column) of a reference like b"F2"."""
    letters = ref.rstrip(b"0123456789")
    digits = ref[len(letters) :]
    if not letters or not digits:
        return None
    col = 0
    for ch in letters.upper():
        col = col * 26 + ch - 64
    return int(digits) - 1, col - 1


_F_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_CELL_OPEN = re.compile(rb"<(?:[\w.-]+:)?c\s([^>]*)>")
_CELL_CLOSE = re.compile(rb"</(?:[\w.-]+:)?c>")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?(?:v|is)>([^<]*)")
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
_STRING_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")


def _cell_around(block: bytes, inside: int) -> tuple[bytes, bytes] | None:
    """The (attributes, content) of the cell whose opening tag ends before `inside`."""
    start = block.rfind(b"<", 0, inside)
    while start != -1:
        opened = _CELL_OPEN.match(block, start)
        if opened:
            if opened.group(0).endswith(b"/>"):
                return None
            closed = _CELL_CLOSE.search(block, opened.end())
            end = closed.start() if closed else len(block)
            return opened.group(1), block[opened.end() : end]
        if block.startswith(b"</", start) or block.startswith(b"<row", start):
            return None
        start = block.rfind(b"<", 0, start)
    return None


def _scan_cells(block: bytes, findings: SheetFindings, *, prefixed: bool) -> None:
    """Note formulas without a saved value and error cells; cheap when there are none.

    `prefixed` says the block may spell elements `x:f`; each byte search costs about a
    millisecond per megabyte, so it is skipped when the cell tags are all `<c r="`.
    """
    if b"<f" in block or (prefixed and b":f" in block):
        for tag in _F_TAG.finditer(block):
            cell = _cell_around(block, tag.start())
            if cell is None:
                continue
            attrs, content = cell
            position = _position(_ref_of(attrs).encode())
            value = _VALUE.search(content)
            # `<v/>` or `<v></v>` is no value, except for a formula whose result is "".
            empty = value is None or (not value.group(1) and not _STRING_TYPE.search(attrs))
            if position is not None and empty:
                findings.formula_no_value.add(position)
    if b'e"' in block or b"e'" in block:
        for typed in _ERROR_TYPE.finditer(block):
            cell = _cell_around(block, typed.end())
            if cell is None:
                continue
            attrs, content = cell
            position = _position(_ref_of(attrs).encode())
            value = _VALUE.search(content)
            if position is not None:
                text = value.group(1).decode("utf-8", "replace") if value else ""
                findings.error_cells[position] = text or "#N/A"


def _scan_sheet(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: Limits,
    file: str,
    sheet: str,
    bounds: _Bounds,
) -> SheetFindings:
    checker = _PartChecker(file, info.file_size)
    findings = SheetFindings()
    for chunk, block in _row_blocks(_stream(archive, info, limits, file)):
        if chunk:
            checker.feed(chunk)
        if block:
            usual = bounds.check(block, file, sheet)
            _scan_cells(block, findings, prefixed=not usual)
    checker.close()
    return findings


_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*)>")
_ODS_REPEAT_ROWS = re.compile(rb'number-rows-repeated\s*=\s*"(\d+)"')
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_REPEAT_COLS = re.compile(rb'number-columns-repeated\s*=\s*"(\d+)"')
_ODS_TABLE = re.compile(rb"<table:table\b[^>]*>")


def _scan_ods_content(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, file: str
) -> None:
    """Bound the sheets of an .ods before calamine expands repeated rows and cells.

    OpenDocument compresses a run of identical rows or cells into one element with a
    repeat count; calamine expands those holding a value, so a 1 KB file can ask for
    billions of cells (measured: an abort of the whole process). Repeated *empty* rows
    and cells, which LibreOffice writes down to row 1 048 576, are ignored.
    """
    checker = _PartChecker(file, info.file_size)
    rows = 0
    for chunk, block in _row_blocks(_stream(archive, info, limits, file)):
        if chunk:
            checker.feed(chunk)
        if b"repeated" not in block:  # no expansion possible: bytes bound the cells
            rows += block.count(b"<table:table-row")
            continue
        if _ODS_TABLE.search(block):
            rows = 0  # a new sheet starts; counting per sheet is close enough
        for row in _ODS_ROW.finditer(block):
            end = block.find(b"</table:table-row>", row.end())
            content = block[row.end() : end if end != -1 else len(block)]
            repeat = _ODS_REPEAT_ROWS.search(row.group(1))
            width = _ods_width(content)
            rows += int(repeat.group(1)) if repeat and width else 1
            if width > limits.max_columns or rows > limits.max_rows + 1:
                params = {"rows": limits.max_rows, "columns": limits.max_columns}
                raise Rejected(Issue("size-limit", "ods_too_big", file=file, params=params))
    checker.close()


def _ods_width(content: bytes) -> int:
    """Columns up to the last cell with content in one .ods row (0 when the row is empty)."""
    if b"repeated" not in content:
        return (
            0
            if b"office:value" not in content and b"<text:" not in content
            else (content.count(b"<table:table-cell") + content.count(b"<table:covered-table-cell"))
        )
    width = used = 0
    for cell in _ODS_CELL.finditer(content):
        repeat = _ODS_REPEAT_COLS.search(cell.group(1))
        width += int(repeat.group(1)) if repeat else 1
        if b"value-type" in cell.group(1) or not cell.group(2):
            used = width
    return used


def _damaged(file: str) -> Rejected:
    return Rejected(Issue("format-error", "damaged", file=file))


def _too_big_inside(file: str, limit: int) -> Issue:
    return Issue("size-limit", "unpacked_too_big", file=file, params={"limit": _megabytes(limit)})


def _megabytes(size: int) -> str:
    """A size for people: `50 MB`, `1.5 MB`, `12 bytes` below 1 KB."""
    if size < 1024:
        return f"{size} B"
    value = size / (1024 * 1024)
    return f"{value:.1f} MB" if value < 10 and value != int(value) else f"{value:.0f} MB"
