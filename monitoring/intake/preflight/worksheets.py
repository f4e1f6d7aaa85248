"""The byte scan of a worksheet as it streams past: array operations over its bytes
(numpy, no Python call per cell) find formulas saved without a value, error cells, and
any cell placed beyond the configured limits; python-calamine aborts the whole process
when asked to allocate a sheet whose last cell is XFD1048576, so that check must happen
here. An .ods gets its repeated rows and cells bounded the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from monitoring.config.settings import Limits
from monitoring.contract.schema import column_letter
from monitoring.intake.preflight.common import Rejected, SheetFindings
from monitoring.intake.preflight.xmlparts import PartChecker
from monitoring.intake.problems import Issue

MAX_CARRY = 8 << 20  # an unfinished worksheet row is carried over at most this far


def row_blocks(chunks: Iterator[bytes], file: str) -> Iterator[tuple[bytes, bytes]]:
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


class Bounds:
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
        if self.letters > 1:  # every one-letter column is within the limit
            cells = cells[~self._short(a, cells)]
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

    def _short(self, a: np.ndarray, cells: np.ndarray) -> np.ndarray:
        """Which cells' references are certainly within the limits: one letter, then a
        digit, and the value's closing quote soon enough that fewer digits than the last
        allowed row's can come before it (whatever else they hold, no number beyond the
        limit fits). Almost every cell of a sheet: the digit by digit reading of the
        others (`_vectorised`) took ~0.04 s for the 500,000 cells of the largest sheet of
        the 10,000-measure workbook of `bench/cli_bench.py`, this ~0.003 s."""
        first = a[cells + 6] & 0xDF
        second = a[cells + 7]
        short = (first >= 65) & (first <= 90) & (second >= 48) & (second <= 57)
        closed = np.zeros(len(cells), dtype=bool)
        for k in range(2, self.digits + 1):  # `<c r="` is 6 bytes: the value starts at +6
            closed |= a[cells + 6 + k] == 34
        return np.asarray(short & closed)


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

    `formulas` says whether the block may hold a formula (False when `Bounds.check`
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


def scan_sheet(
    chunks: Iterator[bytes], size: int, file: str, sheet: str, bounds: Bounds
) -> SheetFindings:
    """Scan a worksheet of `size` bytes as its chunks stream past."""
    checker = PartChecker(file, size)
    findings = SheetFindings()
    for chunk, block in row_blocks(chunks, file):
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


def scan_ods_content(chunks: Iterator[bytes], size: int, limits: Limits, file: str) -> None:
    """Bound the sheets of an .ods before calamine expands repeated rows and cells.

    OpenDocument compresses a run of identical rows or cells into one element with a
    repeat count; calamine expands those holding a value, so a 1 KB file can ask for
    billions of cells (measured: an abort of the whole process). Repeated *empty* rows
    and cells, which LibreOffice writes down to row 1 048 576, are ignored.
    """
    checker = PartChecker(file, size)
    rows = 0
    for chunk, block in row_blocks(chunks, file):
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
