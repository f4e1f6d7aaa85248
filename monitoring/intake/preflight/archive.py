"""Zip containers (.xlsx, .ods, a .zip of CSV files), inspected in memory with the
standard `zipfile`: member count, names, declared sizes and compression ratio first, then
every member stream-read with a byte counter (which also verifies its CRC), macros
refused, and each part handed to the XML checks (`xmlparts`) or, for a worksheet, to
the byte scan (`worksheets`)."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pyexpat import ParserCreate

from monitoring.config.settings import Limits
from monitoring.intake.preflight.common import (
    Container,
    Rejected,
    damaged,
    stream,
    too_big_inside,
)
from monitoring.intake.preflight.deferred import DeferredScans
from monitoring.intake.preflight.worksheets import Bounds, scan_ods_content
from monitoring.intake.preflight.xmlparts import PartChecker
from monitoring.intake.problems import Issue

XLSX_MAIN = "xl/workbook.xml"
XLSX_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
NESTED_ARCHIVES = (".zip", ".xlsx", ".xlsm", ".xlsb", ".ods", ".jar", ".7z", ".rar", ".gz")
# Members a zip tool adds on its own (macOS resource forks, Finder metadata).
ZIP_NOISE = ("__MACOSX/", ".DS_Store", "Thumbs.db")
# Office Open XML and OpenDocument packages that are not spreadsheets.
OTHER_PACKAGES: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "Word (.docx)"),
    ("ppt/presentation.xml", "PowerPoint (.pptx)"),
)


def inspect_zip(
    data: bytes,
    limits: Limits,
    file: str,
    budget: int | None = None,
    *,
    defer_sheets: bool = False,
) -> Container:
    """Check a zip upload member by member and tell what it holds.

    Args:
        data: the uploaded bytes (starting with a zip signature).
        limits: the configured limits.
        file: the display name of the upload, for messages.
        budget: bytes the CSV files of a zip of CSV files may hold once unpacked (what is
            left of the upload's budget, `Limits.max_file_bytes` when omitted): they are
            read as text whole, so they count at their unpacked size.
        defer_sheets: leave the worksheets of an .xlsx to `Container.deferred`, for the
            reader to scan beside its reading (`DeferredScans`); every other part is
            checked here as usual.

    Returns:
        The container's kind and what the worksheet scan found (for deferred
        worksheets: once their scan has run).

    Raises:
        Rejected: for anything damaged, hostile or over a limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a directory entry claiming a zip version zipfile lacks
    # (found by the random-bytes test: one byte changed in a valid workbook).
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise damaged(file) from exc
    with archive:
        # An entry without a name (a damaged directory) is damage, not a folder:
        # `ZipInfo.is_dir()` would fail on it (found by the random-bytes test).
        if any(not i.filename for i in archive.infolist()):
            raise damaged(file)
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
        bounds = Bounds(limits)
        deferred: list[tuple[str, str, bool, int]] = []
        for info in order:
            part, lower = info.filename, info.filename.lower()
            if lower in sheet_parts:
                deferred.append((part, *sheet_parts[lower], info.file_size))
            elif kind == "ods" and part == "content.xml":
                scan_ods_content(stream(archive, info, limits, file), info.file_size, limits, file)
            elif kind == "xlsx" and (lower in _READ_FIRST or lower.endswith(".rels")):
                body = check_xml_part(archive, info, limits, file, keep=True)
                _refuse_macros(lower, body, file)
                if lower == XLSX_MAIN:
                    sheets = _workbook_sheets(body, container)
                    _check_sheet_count(len(sheets), limits, file)
                elif lower == XLSX_RELS:
                    sheet_parts = _sheet_parts(body, sheets)
            else:
                check_xml_part(archive, info, limits, file, keep=False)
    if deferred:
        scans = DeferredScans(data, deferred, container, bounds, file)
        if defer_sheets:
            container.deferred = scans
        else:
            scans.run()
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
    # The declared sizes first (nothing unpacked yet); `stream` holds each to its own.
    if sum(i.file_size for i in members) > allowed:
        raise Rejected(too_big_inside(file, limits.max_file_bytes))
    for info in members:
        body = b"".join(stream(archive, info, limits, file))
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
            raise Rejected(too_big_inside(file, limit))
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
        mimetype = b"".join(stream(archive, archive.getinfo("mimetype"), limits, file))
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


def check_xml_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, file: str, *, keep: bool
) -> bytes:
    checker = PartChecker(file, info.file_size)
    kept: list[bytes] = []
    for chunk in stream(archive, info, limits, file):
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
