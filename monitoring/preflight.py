"""Pre-flight checks on uploaded bytes, before any spreadsheet parser sees them.

The real type comes from the magic bytes, never the name. Zip containers (.xlsx, .ods, a
.zip of CSV files) are inspected in memory with the standard `zipfile`: member count,
names, declared sizes and compression ratio first, then every member is stream-read
with a byte counter (which also verifies its CRC). Every XML part up to `EXPAT_BYTES`
goes through expat with DTDs refused, its nesting depth bounded; larger ones (big
worksheets) get a byte search for DTDs (see `_PartChecker` for why). While a worksheet
streams past, array operations over its bytes (numpy, no Python call per cell) find
formulas saved without a value, error cells, and any cell placed beyond the configured
limits; python-calamine aborts the whole process when asked to allocate a sheet whose
last cell is XFD1048576, so that check must happen here.

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

import numpy as np

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
    issue = size_issue(len(data), limits, file)
    if issue is not None:
        raise Rejected(issue)


def size_issue(size: int, limits: Limits, file: str) -> Issue | None:
    """The refusal of a file of `size` bytes (empty, or over the limit), None when fine.

    The command line asks it with the size on disk, before reading the file.
    """
    if not size:
        return Issue("format-error", "empty_file", file=file)
    if size > limits.max_file_bytes:
        params = {"size": megabytes(size), "limit": megabytes(limits.max_file_bytes)}
        return Issue("size-limit", "file_too_big", file=file, params=params)
    return None


def inspect_zip(data: bytes, limits: Limits, file: str, budget: int | None = None) -> Container:
    """Check a zip upload member by member and tell what it holds.

    Args:
        data: the uploaded bytes (starting with a zip signature).
        limits: the configured limits.
        file: the display name of the upload, for messages.
        budget: bytes the CSV files of a zip of CSV files may hold once unpacked (what is
            left of the upload's budget, `Limits.max_file_bytes` when omitted): they are
            read as text whole, so they count at their unpacked size.

    Returns:
        The container's kind and what the worksheet scan found.

    Raises:
        Rejected: for anything damaged, hostile or over a limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a directory entry claiming a zip version zipfile lacks
    # (found by the random-bytes test: one byte changed in a valid workbook).
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise _damaged(file) from exc
    with archive:
        # An entry without a name (a damaged directory) is damage, not a folder:
        # `ZipInfo.is_dir()` would fail on it (found by the random-bytes test).
        if any(not i.filename for i in archive.infolist()):
            raise _damaged(file)
        infos = [i for i in archive.infolist() if not i.is_dir()]
        names = _check_directory(infos, limits, file)
        kind = _container_kind(archive, names, limits, file)
        container = Container(kind=kind)
        if kind == "csv":
            _read_csv_members(archive, infos, container, limits, file, budget)
            return container
        order = sorted(infos, key=lambda i: _READ_FIRST.get(i.filename.lower(), len(_READ_FIRST)))
        sheets: list[_SheetRef] = []
        sheet_parts: dict[str, tuple[str, bool]] = {}
        bounds = _Bounds(limits)
        for info in order:
            part, lower = info.filename, info.filename.lower()
            if lower in sheet_parts:
                sheet, chosen = sheet_parts[lower]
                found = _scan_sheet(archive, info, limits, file, sheet, bounds)
                if chosen:  # the part calamine reads for this sheet
                    container.sheets[sheet] = found
            elif kind == "ods" and part == "content.xml":
                _scan_ods_content(archive, info, limits, file)
            elif kind == "xlsx" and (lower in _READ_FIRST or lower.endswith(".rels")):
                body = _check_xml_part(archive, info, limits, file, keep=True)
                _refuse_macros(lower, body, file)
                if lower == XLSX_MAIN:
                    sheets = _workbook_sheets(body, container)
                    _check_sheet_count(len(sheets), limits, file)
                elif lower == XLSX_RELS:
                    sheet_parts = _sheet_parts(body, sheets)
            else:
                _check_xml_part(archive, info, limits, file, keep=False)
    return container


def _read_csv_members(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    container: Container,
    limits: Limits,
    file: str,
    budget: int | None,
) -> None:
    """Unpack the CSV files of a zip, counting them at their unpacked size."""
    members = [i for i in infos if not i.filename.startswith(ZIP_NOISE)]
    members = [i for i in members if not i.filename.endswith(ZIP_NOISE)]
    allowed = limits.max_file_bytes if budget is None else budget
    # The declared sizes first (nothing unpacked yet); `_stream` holds each to its own.
    if sum(i.file_size for i in members) > allowed:
        raise Rejected(_too_big_inside(file, limits.max_file_bytes))
    for info in members:
        body = b"".join(_stream(archive, info, limits, file))
        container.csv_members.append((info.filename, body))


# Parts read before the others (names compared in lower case, as calamine finds them):
# macros are refused first, and sheet names and their parts must be known before the
# worksheets stream past.
_READ_FIRST = {CONTENT_TYPES.lower(): 0, XLSX_MAIN: 1, XLSX_RELS: 2}


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
    lowered: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        # calamine finds parts whatever their case: two names differing only by case
        # would let the checks read one part and the reader the other.
        if name in names or name.lower() in lowered:
            raise Rejected(Issue("format-error", "duplicate_member", file=file))
        names.add(name)
        lowered.add(name.lower())
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
    lowered = {n.lower() for n in names}
    if CONTENT_TYPES.lower() in lowered and XLSX_MAIN in lowered:
        # By name here (any case, any folder); by content type and relationship type
        # when those parts are read (`_refuse_macros`), whatever the part is called.
        if any(n.endswith(_MACRO_NAMES) for n in lowered):
            raise Rejected(Issue("macro-file", "macro", file=file))
        return "xlsx"
    if "xl/workbook.bin" in lowered:
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


# Part names, content types and relationship types that mean VBA macros (compared in
# lower case): the project itself, its signatures, and a macro-enabled workbook.
_MACRO_NAMES = ("vbaproject.bin", "vbaprojectsignature.bin")
_MACRO_TYPES = (
    b"application/vnd.ms-office.vbaproject",
    b"application/vnd.ms-office.vbaprojectsignature",
    b"application/vnd.ms-excel.sheet.macroenabled",
    b"application/vnd.ms-excel.template.macroenabled",
    b"application/vnd.ms-excel.addin.macroenabled",
    b"/relationships/vbaproject",
)


def _refuse_macros(part: str, body: bytes, file: str) -> None:
    """Refuse a workbook whose content types or relationships declare a VBA project.

    `[Content_Types].xml` gives every part its type, and a `.rels` part links the
    project by its relationship type: both hold whatever the part is called, so a VBA
    project renamed `xl/data.bin` is still found. Content types are case-insensitive.
    """
    if part == CONTENT_TYPES.lower() or part.endswith(".rels"):
        if body.startswith((b"\xff\xfe", b"\xfe\xff")):
            body = body.decode("utf-16", "replace").encode()
        text = body.lower()
        if any(kind in text for kind in _MACRO_TYPES):
            raise Rejected(Issue("macro-file", "macro", file=file))


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

    Small XML parts (up to `EXPAT_BYTES`) are parsed by expat, so malformed XML is
    refused, and their nesting depth is measured, so absurdly deep XML is refused too.
    expat runs without any Python element handler (a callback per element was most of
    the pre-flight's time: 480,000 calls for a 10,000-measure workbook); the depth comes
    from the bytes afterwards (`_max_depth`), or, for the rare part whose bytes cannot
    tell it exactly, from a second expat pass that counts elements.

    A large worksheet only gets the byte search: expat alone would add a quarter to the
    reading time of a 90 000-row workbook, calamine refuses truncated XML itself, reads
    nesting without recursion, and never expands entities. Parts that are not XML
    (media, the ODS mimetype) get the byte search too.
    """

    def __init__(self, file: str, size: int) -> None:
        self.file = file
        self.parser: Any = None
        self.mode = ""  # "expat" (with depth counting), "fast" or "bytes", on the first chunk
        self.large = size > EXPAT_BYTES
        self.utf16 = False
        self.tail = b""
        self.depth = 0
        self.kept: list[bytes] = []  # the part's bytes in "fast" mode (at most EXPAT_BYTES)

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
                # UTF-16 hides the markup from byte searches: expat counts the depth.
                self.mode = "expat" if self.utf16 else "fast"
                self.parser = _expat()
                if self.utf16:
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
        if self.mode == "fast":
            self.kept.append(chunk)
        self._parse(self.parser, chunk, final=False)

    def close(self) -> None:
        if self.mode == "expat":
            self._parse(self.parser, b"", final=True)
        elif self.mode == "fast":
            self._parse(self.parser, b"", final=True)  # well-formed, and no DTD
            body = b"".join(self.kept)
            self.kept = []
            depth = _max_depth(body)
            if depth is None:  # comments, CDATA or a `>` in text: count with expat
                counter = _expat()
                counter.StartElementHandler = self._start
                counter.EndElementHandler = self._end
                self._parse(counter, body, final=True)
            elif depth > MAX_DEPTH:
                raise Rejected(Issue("format-error", "xml_malformed", file=self.file))

    def _parse(self, parser: Any, chunk: bytes, *, final: bool) -> None:
        try:
            parser.Parse(chunk, final)
        except _ForbiddenXml as exc:
            raise Rejected(Issue("forbidden-xml", "forbidden_xml", file=self.file)) from exc
        except (ExpatError, RecursionError, ValueError, _TooDeep) as exc:
            # expat keeps its element stack on the heap: deep nesting is just malformed.
            raise Rejected(Issue("format-error", "xml_malformed", file=self.file)) from exc


def _max_depth(body: bytes) -> int | None:
    """The element nesting depth of a well-formed UTF-8 XML part, read from its bytes.

    In well-formed XML a `<` starts markup, except inside comments, CDATA sections and
    processing instructions; a `>` ends markup, but may also stand alone in text or an
    attribute value. So when the part holds no `<!` and no `<?` beyond the XML
    declaration, and as many `>` as `<`, the n-th `>` closes the n-th tag: a start tag
    goes one level deeper, an end tag `</…>` one level back, and an empty-element tag
    `<…/>` one level deeper and back (so the depth is the one expat's start and end
    handlers count). Returns None when those conditions do not hold: the caller then
    counts with expat.
    """
    if not body:
        return 0
    a = np.frombuffer(body, dtype=np.uint8)
    opens = np.flatnonzero(a == 60)  # `<`
    ends = np.flatnonzero(a == 62)  # `>`
    if len(opens) != len(ends):
        return None
    if not len(opens):
        return 0
    if opens[-1] + 1 >= len(a) or ends[0] == 0:
        return None
    after = a[opens + 1]
    special = (after == 33) | (after == 63)  # `<!`, `<?`
    if special[1:].any() or (special[0] and after[0] != 63):
        return None
    if (ends < opens).any():
        return None
    empty = (a[ends - 1] == 47) & (after != 47)  # `<…/>`: one level down and back up
    step = np.where(after == 47, -1, np.where(empty | (after == 63), 0, 1))
    return int((np.cumsum(step, dtype=np.int64) + empty).max())


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


@dataclass(frozen=True)
class _SheetRef:
    """A `<sheet>` of workbook.xml: its name and the relationship ids it carries.

    `ids` are the values of every attribute whose local name is `id`, in document order:
    calamine follows the last of them, whatever its prefix or namespace (measured with
    python-calamine 0.9.1: `id="rId1" r:id="rId2"` reads rId2, `r:id="rId2" id="rId1"`
    reads rId1, and `x:id` counts too). The pre-flight scans the parts of all of them.
    """

    name: str
    ids: tuple[str, ...]


def _workbook_sheets(body: bytes, container: Container) -> list[_SheetRef]:
    """Return the sheets of workbook.xml with their relationship ids; note the date system.

    The body has already passed expat with DTDs refused, so a second parse is safe.
    """
    sheets: list[_SheetRef] = []

    def start(name: str, attrs: list[str]) -> None:
        local = name.rpartition(" ")[2]
        pairs = list(zip(attrs[::2], attrs[1::2], strict=True))
        if local == "sheet":
            ids = tuple(v for k, v in pairs if k.rpartition(" ")[2] == "id")
            sheets.append(_SheetRef(dict(pairs).get("name", ""), ids))
        elif local == "workbookPr":
            container.date1904 = dict(pairs).get("date1904", "0").lower() in ("1", "true")

    parser = ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True  # the order decides which id calamine follows
    parser.StartElementHandler = start
    parser.Parse(body, True)
    return sheets


def _sheet_parts(rels: bytes, sheets: list[_SheetRef]) -> dict[str, tuple[str, bool]]:
    """Map each worksheet's zip member name (lower case) to (sheet name, read by calamine).

    Every relationship a `<sheet>` names is followed, not only the one calamine reads, and
    each target is resolved both as calamine does (`/xl/…` and `xl/…` as given, anything
    else under `xl/`, found whatever its case) and as a normalised path: whichever part
    the reader opens has been scanned. The second element is True for the part calamine
    reads for that sheet (the last id), whose findings are kept.
    """
    targets: dict[str, str] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(" ")[2] == "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    parser = ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.Parse(rels, True)
    parts: dict[str, tuple[str, bool]] = {}
    for sheet in sheets:
        for k, rid in enumerate(sheet.ids):
            target = targets.get(rid)
            if not target:
                continue
            chosen = k == len(sheet.ids) - 1
            for path in _resolved(target):
                if chosen or path not in parts:
                    parts[path] = (sheet.name, chosen)
    return parts


def _resolved(target: str) -> set[str]:
    """The zip member names (lower case) a relationship target may designate."""
    # calamine: "/xl/…" loses its slash, "xl/…" is kept, anything else goes under "xl/".
    if target.startswith("/xl/"):
        as_read = target[1:]
    elif target.startswith("xl/"):
        as_read = target
    else:
        as_read = f"xl/{target}"
    # Excel writes targets relative to xl/, openpyxl absolute from the package root.
    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return {as_read.lower(), posixpath.normpath(path).lower()}


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


def _row_blocks(chunks: Iterator[bytes], file: str) -> Iterator[tuple[bytes, bytes]]:
    """Regroup a worksheet's chunks into blocks that never split a tag.

    Yields (raw chunk, block): the raw chunk goes to expat as is; the block (possibly
    empty) ends right before a `<`, so no tag is ever cut in two and the byte searches
    see every cell tag whole. A block ends after the last row of the chunk when there
    is one (so a cell and its value stay together), else, for a row longer than
    `MAX_CARRY`, before its last tag; a single tag longer than that is refused (no
    spreadsheet program writes one, and it could hide a cell reference).
    """
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        # `</row>`, `<row>`, `</x:row>`, `</table:table-row>`: then the next tag's `<`.
        row_end = buf.rfind(b"row>")
        cut = buf.find(b"<", row_end + 4) if row_end != -1 else -1
        if cut == -1:
            if len(buf) <= MAX_CARRY:
                carry = buf
                yield chunk, b""
                continue
            cut = buf.rfind(b"<")  # a monstrous row: cut before its last tag
            if cut <= 0:
                raise Rejected(Issue("format-error", "xml_malformed", file=file))
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
        beyond = f"(?:{cols}[0-9]+|[A-Z]{{1,4}}{rows})[\"']"
        self.fast = re.compile(f'<c r="{beyond}'.encode(), re.IGNORECASE)
        self.slow = re.compile(rf"[\s\"']r\s*=\s*[\"']{beyond}".encode(), re.IGNORECASE)
        # A cell with content but no `r`: calamine places it by counting, so its
        # position cannot be bounded by a pattern. Real producers always write `r`.
        self.limits = limits
        # Letters of the last allowed column, digits of the last allowed row.
        self.letters = len(column_letter(limits.max_columns - 1))
        self.digits = len(str(limits.max_rows + 1))
        self.unplaced = re.compile(rb"<(?:[\w.-]+:)?c(?=[\s/>])(?:(?!\sr\s*=)[^>])*(?<!/)>")

    def check(self, block: bytes, file: str, sheet: str) -> tuple[bool, tuple[int, int] | None]:
        """Refuse a cell beyond the limits; say where formulas or error cells may be.

        Returns (maybe formulas, span of the block that may hold error cells): False and
        None mean there is certainly none, so `_scan_cells` can skip that search.
        """
        quick = self._vectorised(block)
        if quick is not None:
            candidates, formulas, errors = quick
            for start in candidates:
                found = self.fast.match(block, start)
                if found and not _EMPTY_TAG.match(block, start):
                    self._refuse(found, file, sheet)
            return formulas, errors
        # Some `<c…` is not spelt `<c r="` (`<col`, `<cfRule`… only near the edges of the
        # sheet, a prefixed `x:c`, a second `r`): the slow pattern looks at every `r=`.
        for found in self.slow.finditer(block):
            if not _EMPTY_TAG.match(block, block.rfind(b"<", 0, found.start())):
                self._refuse(found, file, sheet)
        if self.unplaced.search(block):
            raise Rejected(Issue("format-error", "cell_without_ref", file=file, sheet=sheet))
        return True, (0, len(block))

    def _refuse(self, found: re.Match[bytes], file: str, sheet: str) -> None:
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
        raise Rejected(Issue("size-limit", "rows_beyond", file=file, sheet=sheet, params=params))

    def _vectorised(self, block: bytes) -> tuple[list[int], bool, tuple[int, int] | None] | None:
        """The usual case, every cell tag spelt `<c r="`, looked at with numpy.

        Returns None when some cell tag is spelt otherwise (`<c s="1" r=`, `<c>`, `x:c`,
        `<C`), for the slow pattern to look at every tag. Else: the offsets of the cells
        that may lie beyond the limits, for the exact pattern to confirm (usually none);
        whether `<f` occurs; and the span of the block where error cells may be (None
        when there is none). The exact pattern tried at every one of the 480,000 cells
        of a 10,000-measure workbook took a third of the time calamine takes to read it;
        this is a few array operations per megabyte.
        """
        letters, digits = self.letters, self.digits
        width = letters + digits + 4
        a = np.frombuffer(block + b"\x00" * (width + 8), dtype=np.uint8)
        size = len(block)
        opens = np.flatnonzero(a[:size] == 60)  # `<`
        after = a[opens + 1]
        # Cell tags: `<c` then a space, `>` or `/` (not `<col`, `<cfRule`…).
        tail = a[opens + 2]
        name_ends = (tail == 32) | (tail == 62) | (tail == 47) | ((tail >= 9) & (tail <= 13))
        cells = opens[(after == 99) & name_ends]
        spelt = (
            (a[cells + 2] == 32)
            & (a[cells + 3] == 114)
            & (a[cells + 4] == 61)
            & (a[cells + 5] == 34)
        )  # ` r="`
        if not spelt.all() or (after == 67).any():  # `<C…`: the case-blind pattern sees it
            return None
        # An `r` attribute (`\sr=`, `\sr =`) anywhere else in a cell tag: calamine takes
        # the last `r` of a tag, so a second one sends the tag to the slow pattern.
        rs = np.flatnonzero(a[1:size] == 114) + 1
        before, next_ = a[rs - 1], a[rs + 1]
        # After a space or a quote (`x="1"r="…"`: no space between the attributes).
        spaced = (before == 32) | ((before >= 9) & (before <= 13)) | (before == 34) | (before == 39)
        rs = rs[spaced & ((next_ == 61) | (next_ == 32) | ((next_ >= 9) & (next_ <= 13)))]
        # Every cell's own `r` (`<c r=`) and every row's (`<row r=`) are expected; any
        # other (a second `r` in a tag, or one after a `<` inside an attribute value, which
        # calamine accepts) sends the block to the slow pattern.
        rows = opens[(after == 114) & (a[opens + 2] == 111) & (a[opens + 3] == 119)]
        if not (_among(rs, cells + 3) | _among(rs, rows + 5)).all():
            return None
        colons = np.flatnonzero(a[:size] == 58)
        if (a[colons + 1] == 99).any():  # a prefixed `x:c`
            return None
        formulas = bool((after == 102).any())  # `<f`
        e = np.flatnonzero(a[:size] == 101)
        e = e[(a[e + 1] == 34) | (a[e + 1] == 39)]  # `e"`, `e'`: where `t="e"` may end
        # Every `t="e"` ends at one of them and holds no `<`: it lies between the last
        # `<` before the first of them and the end of the last (usually a few bytes of
        # data validations at the end of the sheet).
        errors = (block.rfind(b"<", 0, int(e[0])) + 1, int(e[-1]) + 2) if len(e) else None
        if not len(cells):
            return [], formulas, errors
        window = a[(cells + 6)[:, None] + np.arange(width)]
        upper = window & 0xDF
        is_letter = (upper >= 65) & (upper <= 90)
        is_digit = (window >= 48) & (window <= 57)
        n_letters = np.logical_and.accumulate(is_letter, axis=1).sum(axis=1)
        before = np.arange(width) < n_letters[:, None]
        n_digits = np.logical_and.accumulate(is_digit | before, axis=1).sum(axis=1) - n_letters
        maybe = (n_letters > letters) | (n_digits > digits)
        near = ~maybe & (n_letters <= letters)
        # Exactly as many letters as the last allowed column: compare them to it.
        same = near & (n_letters == letters)
        if same.any():
            value = np.zeros(len(cells), dtype=np.int64)
            for k in range(letters):
                value = value * 26 + (upper[:, k].astype(np.int64) - 64)
            maybe |= same & (value > self.limits.max_columns)
        # First digit 0 (leading zeros), or as many digits as the last allowed row.
        first = np.take_along_axis(window, np.minimum(n_letters, width - 1)[:, None], axis=1)[:, 0]
        maybe |= near & (n_digits > 0) & (first == 48)
        full = near & (n_digits == digits)
        if full.any():
            value = np.zeros(len(cells), dtype=np.int64)
            for k in range(digits):
                column = np.minimum(n_letters + k, width - 1)[:, None]
                digit = np.take_along_axis(window, column, axis=1)[:, 0].astype(np.int64) - 48
                value = value * 10 + digit
            maybe |= full & (value > self.limits.max_rows + 1)
        found = cells[maybe]
        if len(found):
            # Only cells with content count: drop those whose tag certainly ends in `/>`
            # (styled empty cells down to row 1,048,576 would otherwise all be confirmed
            # one by one). Certainly: no quote character before that `>`, so it is not
            # inside an attribute value (`x="/>"` would hide a cell with content).
            ends = np.flatnonzero(a[:size] == 62)
            at = np.searchsorted(ends, found)
            inside = at < len(ends)
            found, at = found[inside], at[inside]
            tag_end = ends[at]
            # Quotes counted in one pass: `"` as 1, `'` as 65536 (a tag has fewer).
            quotes = np.cumsum(
                (a[:size] == 34) + (a[:size] == 39) * np.int32(65536), dtype=np.int32
            )
            inside = quotes[tag_end] - quotes[found]
            plain = (inside % 2 == 0) & (inside < 65536)
            found = found[(a[tag_end - 1] != 47) | ~plain]
        return found.tolist(), formulas, errors


def _among(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which of `values` are in `sorted_set` (an ascending array), element by element."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return np.asarray(sorted_set[at] == values)


_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]+[0-9]+)""")
# A tag with no content: plain attributes, then `/>`. An attribute value holding `<` or
# `>` (legal for calamine) makes a tag not certainly empty, so its cell counts.
_EMPTY_TAG = re.compile(rb"""<[\w.:-]+(?:\s+[^\s=<>/"']+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*\s*/>""")


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


def _scan_cells(
    block: bytes, findings: SheetFindings, *, formulas: bool, errors: tuple[int, int] | None
) -> None:
    """Note formulas without a saved value and error cells; cheap when there are none.

    `formulas` says whether the block may hold a formula (False when `_Bounds.check`
    saw no `<f`); `errors` the span of the block where error cells may be (None when it
    saw no `e"` or `e'`).
    """
    if formulas:
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
    if errors:
        for typed in _ERROR_TYPE.finditer(block, *errors):
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
    for chunk, block in _row_blocks(_stream(archive, info, limits, file), file):
        if chunk:
            checker.feed(chunk)
        if block:
            formulas, errors = bounds.check(block, file, sheet)
            _scan_cells(block, findings, formulas=formulas, errors=errors)
    checker.close()
    return findings


_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*)>")
# Any quoting, any spacing around `=`: what an XML parser (calamine's) accepts.
_ODS_REPEAT_ROWS = re.compile(rb"""number-rows-repeated\s*=\s*["']\s*(\d+)""")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_REPEAT_COLS = re.compile(rb"""number-columns-repeated\s*=\s*["']\s*(\d+)""")
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
    for chunk, block in _row_blocks(_stream(archive, info, limits, file), file):
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
    return Issue("size-limit", "unpacked_too_big", file=file, params={"limit": megabytes(limit)})


def megabytes(size: int) -> str:
    """A size for people: `50 MB`, `1.5 MB`, `12 bytes` below 1 KB."""
    if size < 1024:
        return f"{size} B"
    value = size / (1024 * 1024)
    return f"{value:.1f} MB" if value < 10 and value != int(value) else f"{value:.0f} MB"
