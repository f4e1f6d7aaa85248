"""Workbooks (.xlsx, .ods), read through python-calamine once pre-flight let them in."""

from __future__ import annotations

import io
import logging
import os
import threading
import zipfile
from dataclasses import dataclass
from itertools import islice, repeat
from typing import Literal

import python_calamine as calamine

from monitoring.config.settings import Limits
from monitoring.intake.preflight import Container, Rejected
from monitoring.intake.problems import Issue
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook, SheetSink, gc_paused
from monitoring.intake.reading.blanks import blank, blank_row

logger = logging.getLogger(__name__)

# Threads reading one workbook's sheets at once (`_read_sheets`): two cores' worth. A
# third, measured on two cores, made the reading slower (0.68 s against 0.57).
READERS = 2


def read_workbook(
    data: bytes, container: Container, limits: Limits, file: str, sink: SheetSink | None = None
) -> tuple[RawWorkbook | None, list[Issue]]:
    """Read a workbook's sheets; None with the refusal when it cannot be read.

    `sink`: given the outline, then each sheet as soon as it is read, when the sheets
    are read by `_Readers` (a lone .xlsx); the result holds them all the same.
    """
    scans = container.deferred
    largest = scans.largest_first()[:1] if scans is not None and _readers() > 1 else []
    if scans is not None and largest:
        # The largest sheet's scan, the longest, need not wait for calamine's workbook.
        scans.start(largest[0])
    try:
        workbook, issues = _read_workbook(data, container, limits, file, sink)
    except Rejected as rejected:  # a worksheet's scan, run beside the reading
        return None, [rejected.issue]
    finally:
        if scans is not None:
            scans.join()  # no scan outlives the reading
    if workbook is None and scans is not None:
        refused = scans.settle()  # the pre-flight's verdict comes first
        if refused is not None:
            return None, [refused.issue]
    return workbook, issues


def _read_workbook(
    data: bytes, container: Container, limits: Limits, file: str, sink: SheetSink | None
) -> tuple[RawWorkbook | None, list[Issue]]:
    issues: list[Issue] = []
    kind: Literal["xlsx", "ods"] = "xlsx" if container.kind == "xlsx" else "ods"
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        with book:
            metadata = [
                m for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet
            ]
            if len(metadata) > limits.max_sheets:
                issue = Issue(
                    "size-limit",
                    "too_many_sheets",
                    file=file,
                    params={"count": len(metadata), "limit": limits.max_sheets},
                )
                return None, [issue]
            names = [m.name for m in metadata]
            hidden = {m.name for m in metadata if m.visible != calamine.SheetVisibleEnum.Visible}
            if container.deferred is not None and sink is not None:
                outline = [RawSheet(name, hidden=name in hidden) for name in names]
                sink.outline(RawWorkbook(file, kind, outline, date1904=container.date1904))
            else:
                sink = None  # read in turn, every scan done first: all come at the end
            source = _Source(data, container, limits, file, hidden, sink)
            read = _read_sheets(book, names, source)
            if isinstance(read, Issue):
                return None, [read]
            sheets = [read[name] for name in names]
            issues += [
                Issue("hidden-sheet", "hidden_sheet", file=file, sheet=name)
                for name in names
                if name in hidden
            ]
    except calamine.PasswordError:
        return None, [Issue("encrypted-file", "encrypted", file=file)]
    except calamine.XmlError as exc:
        logger.info("calamine refused the XML of an upload: %s", exc)
        # quick-xml never expands entities; it stops on the first reference to one.
        key = "forbidden_xml" if "entity" in str(exc).lower() else "xml_malformed"
        code = "forbidden-xml" if key == "forbidden_xml" else "format-error"
        return None, [Issue(code, key, file=file)]
    except calamine.CalamineError as exc:  # ZipError and the rest: the file is damaged
        logger.info("calamine could not read an upload: %s", exc)
        return None, [Issue("format-error", "damaged", file=file)]
    workbook = RawWorkbook(file, kind, sheets, date1904=container.date1904)
    return workbook, issues


@dataclass(frozen=True)
class _Source:
    """What reading a workbook's sheets needs besides calamine's workbook."""

    data: bytes
    container: Container
    limits: Limits
    file: str
    hidden: set[str]  # names of the sheets not visible
    sink: SheetSink | None = None


def _read_sheets(
    book: calamine.CalamineWorkbook, names: list[str], source: _Source
) -> dict[str, RawSheet] | Issue:
    """Every sheet of `names`, each read once the pre-flight has cleared it: in turn when
    every part was scanned before the reading, else by `_Readers`.

    Raises:
        Rejected: a scan refused a worksheet.
        calamine.CalamineError: calamine could not read a sheet the scans let through.
    """
    if source.container.deferred is not None:
        return _Readers(book, names, source).run()
    sheets: dict[str, RawSheet] = {}
    for name in names:
        sheet = _read_sheet(book, name, source)
        if isinstance(sheet, Issue):
            return sheet
        sheets[name] = sheet
    return sheets


class _Readers:
    """The sheets of a workbook whose worksheet scans were deferred, read by `READERS`
    threads: each takes the next sheet, scans it, then reads it, with a workbook of its
    own (a calamine workbook serves one thread at a time). The largest sheet goes first,
    then the others from the smallest: the longest scan and read starts at once, and a
    `SheetSink` gets the small sheets early. The largest sheet's scan is started before
    calamine opens the workbook (`read_workbook`, `DeferredScans.start`), and the thread
    whose workbook is already open reads it: the others open theirs off its path.

    On the 10,000-measure workbook of `bench/cli_bench.py`, two cores read it in ~0.6 s,
    where a scan thread beside a single reader took ~0.74 s: the reader waited for the
    scan of the largest sheet, then read it alone. The threads share the parse child's
    limits, as one process.

    A problem stops the threads before their next sheet; the one reported is the one the
    serial order meets first: a scan's refusal (`DeferredScans.settle`), else the problem
    of the first sheet in `names`.
    """

    def __init__(self, book: calamine.CalamineWorkbook, names: list[str], source: _Source) -> None:
        assert source.container.deferred is not None
        self.scans = source.container.deferred
        self.book, self.names, self.source = book, names, source
        # The sheets no scanned part names (calamine finds no part for them) come last.
        by_size = [name for name in self.scans.largest_first() if name in names]
        order = by_size[:1] + by_size[:0:-1]
        self.jobs = iter(order + [name for name in names if name not in order])
        # This thread, whose workbook is open, takes the largest sheet: the others'
        # threads open theirs meanwhile, off its path.
        self.first = next(self.jobs, None)
        self.take = threading.Lock()
        self.failed = threading.Event()
        self.done: dict[str, RawSheet | Issue | Exception] = {}
        self.crashed: list[Exception] = []

    def run(self) -> dict[str, RawSheet] | Issue:
        helpers: list[threading.Thread] = []
        for _ in range(_readers() - 1):
            helper = threading.Thread(target=self.work, daemon=True)
            try:
                helper.start()
            except RuntimeError:  # no thread could start (memory): this one reads alone
                logger.info("a reader thread could not start: one thread reads")
                break
            helpers.append(helper)
        try:
            self.work(self.book, self.first)
        finally:
            for helper in helpers:
                helper.join()
        if not self.failed.is_set():
            return {name: self.done[name] for name in self.names}  # type: ignore[misc]
        refused = self.scans.settle()
        if refused is not None:
            raise refused
        for name in self.names:
            outcome = self.done.get(name)
            if isinstance(outcome, Exception):
                raise outcome
            if isinstance(outcome, Issue):
                return outcome
        raise self.crashed[0]

    def work(self, book: calamine.CalamineWorkbook | None = None, name: str | None = None) -> None:
        """One thread's part: `name` if given, then sheets until none is left or a
        problem stopped the reading."""
        try:
            with self.scans.archive() as archive:
                while not self.failed.is_set():
                    if name is None:
                        with self.take:
                            name = next(self.jobs, None)
                    if name is None:
                        return
                    if book is None:
                        data = io.BytesIO(self.source.data)
                        book = calamine.CalamineWorkbook.from_filelike(data)
                    self.done[name] = outcome = self.one(book, archive, name)
                    if not isinstance(outcome, RawSheet):
                        self.failed.set()
                    elif self.source.sink is not None:
                        self.source.sink.sheet(self.names.index(name), outcome)
                    name = None
        except Exception as exc:  # the archive or the workbook could not be opened again
            self.crashed.append(exc)
            self.failed.set()

    def one(
        self, book: calamine.CalamineWorkbook, archive: zipfile.ZipFile, name: str
    ) -> RawSheet | Issue | Exception:
        try:
            self.scans.scan(name, archive)
            return _read_sheet(book, name, self.source)
        except Exception as exc:  # told in the serial order by `run`
            return exc


def _readers() -> int:
    """How many threads read a workbook: `READERS`, or fewer on fewer cores."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(READERS, cores))


def _read_sheet(book: calamine.CalamineWorkbook, name: str, source: _Source) -> RawSheet | Issue:
    limits, file = source.limits, source.file
    sheet = book.get_sheet_by_name(name)
    # Reading builds millions of cells: see `gc_paused` for why the collector waits.
    with gc_paused():
        read = sheet_columns(sheet)
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
    del sheet  # calamine's copy of the sheet goes before the next sheet is read
    if read is None:
        raw = RawSheet(name=name, rows=[], merged=merged)
    else:
        header, columns = read
        raw = RawSheet(name=name, header=header, columns=columns, merged=merged)
    if len(raw.header) > limits.max_columns:
        return Issue(
            "size-limit",
            "too_many_columns",
            file=file,
            sheet=name,
            params={"count": len(raw.header), "limit": limits.max_columns},
        )
    if raw.height > limits.max_rows:
        return Issue(
            "size-limit",
            "too_many_rows",
            file=file,
            sheet=name,
            params={"count": raw.height, "limit": limits.max_rows},
        )
    raw.hidden = name in source.hidden
    findings = source.container.sheets.get(name)
    if findings is not None:
        raw.formula_no_value = findings.formula_no_value
        raw.error_cells = findings.error_cells
    return raw


# Rows taken from calamine at a time: the sheet is turned into columns as it is read,
# so a 250,000-row sheet never exists as 250,000 lists at once.
ROW_CHUNK = 8192
# Kinds of cells equal across types (`True == 1 == 1.0`): a column mixing two of them is
# never shared (see `sheet_columns`), so that no cell takes the type of another.
_NUMERIC = frozenset({bool, int, float})


def sheet_columns(sheet: calamine.CalamineSheet) -> tuple[list[Cell], list[list[Cell]]] | None:
    """The sheet as (header row, data columns), A1 at the origin, trailing blanks trimmed.

    Returns None when nothing is left (an empty sheet, or blanks only). Positions match
    the spreadsheet, as `to_python(skip_empty_area=False)` gives them, and trailing
    blank rows and columns are dropped as `trim` drops them.
    """
    end = sheet.end
    if end is None:
        return None
    builder = _Columns(width=end[1] + 1)
    rows = sheet.iter_rows()
    while chunk := list(islice(rows, ROW_CHUNK)):
        builder.add(chunk)  # type: ignore[arg-type]
    return builder.finish(height=end[0] + 1)


class _Columns:
    """Columns built from chunks of rows, equal cells of a column sharing one object.

    calamine makes a new object for every cell, even for the same shared string, and
    a column of statuses or dates holds a few distinct values thousands of times over.
    Sharing them, with the rows read a chunk at a time, takes the peak memory of a
    50,000-measure workbook from 690 MB to under 500, and later lookups reuse each
    string's cached hash. A column that mixes bools, ints and floats, or holds floats
    (`-0.0 == 0.0`), keeps its own objects.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.columns: list[list[Cell]] = [[] for _ in range(width)]
        self.shared: list[dict[Cell, Cell] | None] = [{} for _ in range(width)]
        self.kinds: list[set[type]] = [set() for _ in range(width)]
        self.count = 0  # rows seen
        self.pending = 0  # rows of "" only seen since the last row with content
        self.last_filled = -1

    def add(self, chunk: list[list[Cell]]) -> None:
        if len(chunk[0]) < self.width:  # iter_rows starts at the first column holding data
            pad = [""] * (self.width - len(chunk[0]))
            chunk = [pad + row for row in chunk]
        cells_by_column = list(zip(*chunk, strict=True))
        self.count += len(chunk)
        if all(cells.count("") == len(cells) for cells in cells_by_column):
            # Styled empty rows down to row 1,048,576: kept only if content follows.
            self.pending += len(chunk)
            return
        for k in range(len(chunk) - 1, -1, -1):
            if not blank_row(chunk[k]):
                self.last_filled = self.count - len(chunk) + k
                break
        for j, cells in enumerate(cells_by_column):
            column = self.columns[j]
            if self.pending:
                column.extend(repeat("", self.pending))
            seen = self.shared[j]
            if seen is not None:
                self.kinds[j].update(map(type, cells))
                numeric = self.kinds[j] & _NUMERIC
                if len(numeric) > 1 or float in numeric:
                    seen = self.shared[j] = None
            column.extend(cells if seen is None else map(seen.setdefault, cells, cells))
        self.pending = 0

    def finish(self, height: int) -> tuple[list[Cell], list[list[Cell]]] | None:
        if self.last_filled < 0:
            return None
        top = height - self.count  # rows above the first holding data, if iter_rows skipped them
        columns = self.columns
        for j, column in enumerate(columns):
            del column[self.last_filled + 1 :]
            if top > 0:
                columns[j] = [""] * top + column
        # Trailing blank columns; any() stops at the first filled cell, usually the header.
        while columns and not any(not blank(cell) for cell in columns[-1]):
            columns.pop()
        if not columns:
            return None
        header = [column[0] for column in columns]
        for column in columns:
            del column[0]
        return header, columns
