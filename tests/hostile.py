"""Builders of ordinary and hostile upload files, made in memory at test time.

Nothing here is committed as a binary: zip bombs, entity bombs and damaged archives are
built by the tests that need them (none is committed: see `docs/hostile-files.md`).
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from xml.sax.saxutils import escape

import openpyxl

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_REL = REL_NS + "/worksheet"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def openpyxl_workbook(
    sheets: Mapping[str, Iterable[Iterable[object]]],
    *,
    states: Mapping[str, str] | None = None,
    merged: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook as openpyxl (a real producer) writes it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if states and name in states:
            sheet.sheet_state = states[name]
        if merged and name in merged:
            sheet.merge_cells(merged[name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell_xml(ref: str, value: object) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def sheet_xml(
    rows: Iterable[Iterable[object]], *, dimension: str | None = None, extra: str = ""
) -> bytes:
    """A worksheet part with inline strings; `extra` goes right before `</sheetData>`."""
    parts = [f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">']
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{column(c)}{r}", v) for c, v in enumerate(row) if v != "")
        parts.append(f'<row r="{r}">{cells}</row>')
    parts.append(extra + "</sheetData></worksheet>")
    return "".join(parts).encode()


def raw_workbook(
    sheets: Mapping[str, bytes],
    *,
    states: Mapping[str, str] | None = None,
    date1904: bool = False,
    extra_members: Mapping[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal valid .xlsx from worksheet parts; fast enough for 100 000 rows."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(len(names))
    )
    states = states or {}
    sheet_tags = "".join(
        f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
        + (f' state="{states[n]}"' if n in states else "")
        + "/>"
        for i, n in enumerate(names)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{WORKSHEET_REL}" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(names))
    )
    members = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxml'
            'formats.org/package/2006/content-types"><Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
            '"xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            f'main+xml"/>{overrides}</Types>'
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + f"<sheets>{sheet_tags}</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
            f"{rels}</Relationships>"
        ).encode(),
    }
    for i, name in enumerate(names):
        members[f"xl/worksheets/sheet{i + 1}.xml"] = sheets[name]
    members.update(extra_members or {})
    return make_zip(members.items(), compression=compression)


def make_zip(
    members: Iterable[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """A zip of the given members, in order; duplicate names are allowed on purpose."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(out, "w", compression) as archive:
            for name, body in members:
                info = zipfile.ZipInfo(name)
                info.compress_type = compression
                archive.writestr(info, body)
    return out.getvalue()


def rewrite(
    data: bytes,
    changes: Mapping[str, Callable[[bytes], bytes]] | None = None,
    *,
    add: Mapping[str, bytes] | None = None,
    drop: Iterable[str] = (),
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Rewrite the members of a zip: change some, add some, drop some."""
    changes = changes or {}
    dropped = set(drop)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [
            (i.filename, changes.get(i.filename, lambda b: b)(archive.read(i)))
            for i in archive.infolist()
            if i.filename not in dropped
        ]
    return make_zip([*members, *(add or {}).items()], compression=compression)


def with_doctype(part: bytes, doctype: bytes) -> bytes:
    """Put a DOCTYPE before the root element of an XML part."""
    if part.startswith(b"<?xml"):
        end = part.index(b"?>") + 2
        return part[:end] + doctype + part[end:]
    return doctype + part


BILLION_LAUGHS = (
    b'<!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>'
)


def billion_laughs(part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """7 nested entities (10**7 characters) declared in `part`, used in sheet 1."""
    data = simple_workbook()
    changes = {part: lambda b: with_doctype(b, BILLION_LAUGHS)}
    if part == "xl/worksheets/sheet1.xml":
        changes[part] = lambda b: with_doctype(b, BILLION_LAUGHS).replace(b">M1<", b">&g;<")
    add = {}
    if part == "xl/sharedStrings.xml":
        add[part] = with_doctype(
            f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&g;</t></si></sst>'.encode(),
            BILLION_LAUGHS,
        )
        changes = {}
    return rewrite(data, changes, add=add)


def quadratic_blowup() -> bytes:
    """One 100 KB entity referenced 100 000 times (10 GB once expanded)."""
    doctype = b'<!DOCTYPE r [<!ENTITY a "' + b"x" * 100_000 + b'">]>'
    refs = b"&a;" * 100_000
    return rewrite(
        simple_workbook(),
        {
            "xl/worksheets/sheet1.xml": lambda b: with_doctype(b, doctype).replace(
                b">M1<", b">" + refs + b"<"
            )
        },
    )


def xxe(target: str) -> bytes:
    """An external entity pointing at `target` (a file:// or http:// URL), used in A2."""
    doctype = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{target}">]>'.encode()
    return rewrite(
        simple_workbook(),
        {"xl/worksheets/sheet1.xml": lambda b: with_doctype(b, doctype).replace(b">M1<", b">&x;<")},
    )


def simple_workbook() -> bytes:
    """A small valid workbook made by openpyxl: sheet "Mesures", header + 2 rows."""
    return openpyxl_workbook(
        {"Mesures": [["Mesure", "Intitulé"], ["M1", "Former"], ["M2", "Loger"]]}
    )


def zip_bomb(size: int = 400 * 1024 * 1024) -> bytes:
    """An .xlsx whose sheet1.xml unpacks to `size` bytes of spaces (about 400 KB packed)."""
    base = simple_workbook()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            body = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, body)
                continue
            head, tail = body.split(b"<sheetData>", 1)
            with archive.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                block = b" " * (1 << 20)
                for _ in range(size // len(block)):
                    member.write(block)
                member.write(tail)
    return out.getvalue()


def lying_sizes(data: bytes, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Under-declare the uncompressed size of `member` (half) in both headers."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    size = info.file_size // 2
    struct.pack_into("<I", patched, info.header_offset + 22, size)
    central = patched.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_len] == member.encode():
            struct.pack_into("<I", patched, central + 24, size)
            break
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


def ole2(stream_names: Iterable[str]) -> bytes:
    """Enough of an OLE2 compound file for type detection: header + directory names."""
    body = b"".join(n.encode("utf-16-le").ljust(64, b"\x00") for n in stream_names)
    return OLE2_MAGIC + b"\x00" * 504 + body + b"\x00" * 1024


def ods(tables: Mapping[str, str], *, hidden: Iterable[str] = ()) -> bytes:
    """An OpenDocument spreadsheet; each table is given as its rows' XML."""
    hidden = set(hidden)
    body = "".join(
        f'<table:table table:name="{escape(name)}"'
        + (' table:style-name="hiddenTable"' if name in hidden else "")
        + f">{rows}</table:table>"
        for name, rows in tables.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2">'
        '<office:automatic-styles><style:style style:name="hiddenTable" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype comes first and uncompressed: that is how the format is recognised.
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods_row(*values: object, repeat: int = 1) -> str:
    cells = []
    for value in values:
        if isinstance(value, (int, float)):
            cells.append(
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        else:
            cells.append(
                f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>"
            )
    attr = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attr}>{''.join(cells)}</table:table-row>"


def measures_workbook(measures: int = 10_000) -> bytes:
    """A large plan workbook: 4 sheets, ~9 rows per measure overall, 8 columns."""
    header = ["Mesure", "Plan", "N°", "Axe", "Intitulé", "Pilote", "Échéance", "Budget (€)"]
    sizes = {"Mesures": measures, "Suivi": measures * 4, "Prise en compte": measures * 2}
    sizes["Chronologie"] = measures * 9 - sum(sizes.values())
    sheets = {}
    for name, count in sizes.items():
        rows = [header] + [
            [
                f"M{i:05d}",
                "PAN-2024",
                i,
                f"Axe {i % 7}",
                f"Mesure numéro {i} du plan",
                "MIPROF",
                "2026-12-31",
                float(i * 10),
            ]
            for i in range(1, count + 1)
        ]
        sheets[name] = sheet_xml(rows)
    return raw_workbook(sheets)


# --- Issue 12: files the checks read differently from the reader --------------------------


def far_cell_sheet(ref: str = "XFD1048576") -> bytes:
    """A worksheet with a header and one cell holding a value at `ref`."""
    return sheet_xml(
        [["Mesure", "Intitulé"], ["M1", "Former"]],
        extra=(f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{cell_xml(ref, 1)}</row>'),
    )


def two_ids_workbook(ref: str = "XFD1048576", *, order: tuple[str, str] = ("id", "r:id")) -> bytes:
    """The workbook of issue 12: one sheet declared with both `id` and `r:id`.

    `id` names a harmless part and `r:id` a part holding a cell at `ref` (in `order`;
    the reader follows the last). Rows of measures make it about the issue's 12.6 KB.
    """
    rows = [["Mesure", "Intitulé", "Pilote"]] + [
        [f"M{i:03d}", f"Mesure {i} : former les agents {i * 7919 % 1000}", f"Pilote {i % 13}"]
        for i in range(1, 400)
    ]
    data = raw_workbook({"Mesures": sheet_xml(rows), "Loin": far_cell_sheet(ref)})
    attributes = {"id": 'id="rId1"', "r:id": 'r:id="rId2"'}
    declared = " ".join(attributes[name] for name in order)

    def workbook(body: bytes) -> bytes:
        body = body.replace(b'<sheet name="Loin" sheetId="2" r:id="rId2"/>', b"")
        return body.replace(b'r:id="rId1"', declared.encode())

    return rewrite(data, {"xl/workbook.xml": workbook})


def calamine_only(data: bytes) -> list[tuple[int, int] | None]:
    """Read every sheet with python-calamine alone, no pre-flight (only in a child!).

    The tests run it through `monitoring.intake.isolation.run_limited` to show that the child's
    limits stop what the pre-flight exists to prevent.
    """
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [book.get_sheet_by_name(name).end for name in book.sheet_names]


def _letters(size: int, seed: int = 12) -> bytes:
    """`size` pseudo-random lowercase letters: text no compressor squeezes 100 to 1."""
    import random

    table = bytes(97 + (i % 16) for i in range(256))
    return random.Random(seed).randbytes(size).translate(table)


# The old worksheet scan cut a row longer than 8 MiB at the end of the 9th 1 MiB chunk.
OLD_SEAM = 9 * (1 << 20)


def seam_workbook(ref: str = "XFD16384", seam: int = OLD_SEAM) -> bytes:
    """A sheet whose long first cell puts the cell tag of `ref` across byte `seam`.

    `<c r="` ends right before the seam and the reference starts after it, so a scan
    that looks at each side of the seam alone never sees the reference.
    """
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>'
    ).encode()
    tail = b"</t></is></c>"
    tag = b'<c r="'
    filler = _letters(seam - len(head) - len(tail) - len(tag))
    body = (
        head + filler + tail + tag + f'{ref}"><v>1</v></c></row></sheetData></worksheet>'.encode()
    )
    assert body.index(tag + ref.encode()) + len(tag) == seam
    return raw_workbook({"Mesures": body})


def cell_trick_workbook(cell: str, pad: int = 5 * (1 << 20)) -> bytes:
    """A workbook whose sheet holds, after a header, the raw cell XML `cell` in row 3.

    Row 2 holds `pad` letters, so that the sheet is too large for expat (which refuses
    some of these tricks in small parts) and only the byte scan sees it, as calamine does.
    """
    filler = _letters(pad).decode()
    return raw_workbook(
        {"Mesures": sheet_xml([["Mesure"], [filler]], extra=f'<row r="3">{cell}</row>')}
    )


def ods_repeated(rows: int, columns: int, *, quote: str = "'", space: str = " ") -> bytes:
    """An .ods whose one row holding a value is repeated `rows` times, its cell `columns`.

    The repeat attributes are written with `quote` and `space` around `=`, as an XML
    parser accepts them (LibreOffice writes `="…"`).
    """
    eq = f"{space}={space}"
    row = (
        f"<table:table-row table:number-rows-repeated{eq}{quote}{rows}{quote}>"
        f"<table:table-cell table:number-columns-repeated{eq}{quote}{columns}{quote} "
        "office:value-type='float' office:value='1'><text:p>1</text:p></table:table-cell>"
        "</table:table-row>"
    )
    return ods({"Mesures": ods_row("Mesure", "Intitulé") + row})


def csv_text(size: int, seed: int = 3) -> bytes:
    """A CSV file of about `size` bytes (a header, then rows of letters)."""
    rows = [b"Mesure,Intitul\xc3\xa9"]
    letters = _letters(size, seed)
    for i in range(0, size, 60):
        rows.append(b"M%d,%s" % (i, letters[i : i + 50]))
    return b"\n".join(rows) + b"\n"


VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL = REL_NS + "/vbaProject"


def macro_workbook(how: str) -> bytes:
    """A workbook carrying a VBA project, `how`: "upper" (`xl/VBAPROJECT.BIN`),
    "content-type" (renamed `xl/data.bin`, its content type kept) or "relationship"
    (renamed, linked from the workbook by the vbaProject relationship type only)."""
    base = simple_workbook()
    project = OLE2_MAGIC + b"\x00" * 1024  # what a VBA project starts with
    if how == "upper":
        return rewrite(base, add={"xl/VBAPROJECT.BIN": project})
    changes: dict[str, Callable[[bytes], bytes]] = {}
    if how == "content-type":
        override = f'<Override PartName="/xl/data.bin" ContentType="{VBA_TYPE}"/>'.encode()
        changes["[Content_Types].xml"] = lambda b: b.replace(b"</Types>", override + b"</Types>")
    else:
        link = f'<Relationship Id="rId99" Type="{VBA_REL}" Target="data.bin"/>'.encode()
        changes["xl/_rels/workbook.xml.rels"] = lambda b: b.replace(
            b"</Relationships>", link + b"</Relationships>"
        )
    return rewrite(base, changes, add={"xl/data.bin": project})


def other_case_target_workbook(ref: str = "XFD1048576") -> bytes:
    """A sheet whose relationship names its part in other letter case than the zip.

    calamine finds zip members whatever their case, so the part is read all the same.
    """
    data = raw_workbook({"Mesures": far_cell_sheet(ref)})
    return rewrite(
        data,
        {
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(
                b"worksheets/sheet1.xml", b"WORKSHEETS/Sheet1.XML"
            )
        },
    )


# --- Tasks that misbehave, for the limited child process (never call them in a test) -----


def hog_memory(megabytes: int) -> int:
    """Allocate `megabytes` and touch it: a runaway allocation."""
    block = bytearray(megabytes * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    return len(block)


def address_space_mb() -> float:
    """This process's address space (VmSize), in MB: what RLIMIT_AS counts."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024
    raise OSError("no VmSize in /proc/self/status")


def send_parts(count: int, send: Callable[[object], None]) -> str:
    """A streamed task (`start_limited(stream=True)`): `count` parts, then its answer."""
    for k in range(count):
        send(k)
    return "answer"


def sleep_for(seconds: float) -> float:
    """Wait without using the CPU: only a wall-time limit stops it."""
    import time

    time.sleep(seconds)
    return seconds


def spin_cpu(seconds: float) -> int:
    """Use the CPU for `seconds` of wall time."""
    import time

    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def abort_now() -> None:
    """Abort the process as a native library does (SIGABRT)."""
    import os

    os.abort()


def raise_error(text: str) -> None:
    """Fail as an unexpected bug would."""
    raise KeyError(text)
