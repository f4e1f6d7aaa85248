"""XML parts: expat with DTDs refused and nesting bounded, or a byte search for DTDs
(see `PartChecker` for which part gets which)."""

from __future__ import annotations

from pyexpat import ExpatError, ParserCreate
from typing import Any

import numpy as np

from monitoring.intake.preflight.common import Rejected
from monitoring.intake.problems import Issue

MAX_DEPTH = 200  # element nesting; real parts stay under 15
EXPAT_BYTES = 4 << 20  # XML parts up to this size are fully parsed by expat


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


def looks_like_xml(head: bytes) -> bool:
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith((b"<", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00"))


class _TooDeep(Exception):
    """Elements nested deeper than any spreadsheet part needs."""


class PartChecker:
    """Feeds one member to expat, or to a byte search for DTDs.

    Small XML parts (up to `EXPAT_BYTES`) are parsed by expat, so malformed XML is
    refused, and their nesting depth is measured, so absurdly deep XML is refused too.
    expat runs without any Python element handler (a callback per element was most of
    the pre-flight's time: 480,000 calls for a 10,000-measure workbook); the depth comes
    from the bytes afterwards (`max_depth`), or, for the rare part whose bytes cannot
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
            if looks_like_xml(head) and (not self.large or self.utf16):
                # UTF-16 hides the markup from byte searches: expat counts the depth.
                self.mode = "expat" if self.utf16 else "fast"
                self.parser = _expat()
                if self.utf16:
                    self.parser.StartElementHandler = self._start
                    self.parser.EndElementHandler = self._end
            else:
                self.mode = "bytes"
                # Binary members hold NUL bytes anyway; text may be UTF-16 without a BOM.
                self.utf16 = self.utf16 or not looks_like_xml(head)
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
            depth = max_depth(body)
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


def max_depth(body: bytes) -> int | None:
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
