"""A lone workbook's worksheets are scanned beside calamine's reading (issue 13, item 8).

`inspect_zip(defer_sheets=True)` checks every other part, then leaves the worksheets to
`Container.deferred`; `reading.workbook` has two threads each scan a sheet, then read it,
largest sheet first. These tests hold the promises that makes: calamine never reads a
sheet before its scan, the result is the one the serial order gives, the problem
reported is the one the serial order meets first (a scan's refusal before whatever the
reader meets), and the two threads do read at once.
"""

from __future__ import annotations

import threading
import time

import pytest
import python_calamine

from monitoring.config.settings import Limits
from monitoring.intake.preflight import deferred, inspect_zip
from monitoring.intake.reading import Upload, read_upload
from monitoring.intake.reading import workbook as workbook_module
from tests import hostile

LIMITS = Limits()
FORMULA_NO_VALUE = '<row r="4"><c r="A4"><f>1+1</f></c><c r="B4" t="e"><v>#REF!</v></c></row>'


def three_sheets(last: bytes | None = None) -> bytes:
    rows = [["Mesure", "Intitulé"]] + [[f"M{i}", f"Former les agents {i}"] for i in range(50)]
    return hostile.raw_workbook(
        {
            "Mesures": hostile.sheet_xml(rows),
            "Suivi": hostile.sheet_xml(rows[:3], extra=FORMULA_NO_VALUE),
            "Dernière": last if last is not None else hostile.sheet_xml(rows[:5]),
        },
        states={"Suivi": "hidden"},
    )


def _comparable(result):  # type: ignore[no-untyped-def]
    book = result.workbook
    return (
        [
            (s.name, s.hidden, s.rows, s.merged, s.error_cells, s.formula_no_value)
            for s in book.sheets
        ],
        [(i.code, i.key, i.sheet) for i in result.issues],
        book.date1904,
    )


def test_the_deferred_read_gives_what_the_serial_read_gives() -> None:
    data = three_sheets()
    deferred = read_upload([Upload("plan.xlsx", data)], LIMITS)  # one file: deferred
    container = inspect_zip(data, LIMITS, "plan.xlsx")  # every scan first
    assert container.deferred is None and container.sheets["Suivi"].formula_no_value
    serial_book, serial_issues = workbook_module.read_workbook(data, container, LIMITS, "plan.xlsx")
    assert serial_book is not None
    serial = _comparable(type(deferred)(serial_book, serial_issues))
    assert _comparable(deferred) == serial
    suivi = deferred.workbook.sheets[1]  # type: ignore[union-attr]
    assert suivi.formula_no_value == {(3, 0)} and suivi.error_cells == {(3, 1): "#REF!"}


def test_calamine_reads_a_sheet_only_after_its_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[tuple[str, str]] = []
    scan, read = deferred.scan_sheet, workbook_module._read_sheet

    def scanned(chunks, size, file, sheet, bounds):  # type: ignore[no-untyped-def]
        found = scan(chunks, size, file, sheet, bounds)
        events.append(("scanned", sheet))
        return found

    def read_one(book, name, source):  # type: ignore[no-untyped-def]
        events.append(("read", name))
        return read(book, name, source)

    monkeypatch.setattr(deferred, "scan_sheet", scanned)
    monkeypatch.setattr(workbook_module, "_read_sheet", read_one)
    result = read_upload([Upload("plan.xlsx", three_sheets())], LIMITS)
    assert result.workbook is not None
    reads = [name for kind, name in events if kind == "read"]
    assert sorted(reads) == ["Dernière", "Mesures", "Suivi"]
    for name in reads:
        assert events.index(("scanned", name)) < events.index(("read", name)), events


def test_a_refused_sheet_is_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read_names: list[str] = []
    read = workbook_module._read_sheet

    def read_one(book, name, source):  # type: ignore[no-untyped-def]
        read_names.append(name)
        return read(book, name, source)

    monkeypatch.setattr(workbook_module, "_read_sheet", read_one)
    result = read_upload([Upload("plan.xlsx", three_sheets(hostile.far_cell_sheet()))], LIMITS)
    assert result.workbook is None
    assert [i.key for i in result.issues] == ["columns_beyond"]
    assert "Dernière" not in read_names


def test_a_scan_refusal_comes_before_a_reader_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine fails on the first sheet; the last one holds a cell beyond the limits: the
    pre-flight's verdict is what the serial order reported, so it is what the user gets."""

    def failing(book, name, source):  # type: ignore[no-untyped-def]
        raise python_calamine.CalamineError("damaged for the test")

    monkeypatch.setattr(workbook_module, "_read_sheet", failing)
    result = read_upload([Upload("plan.xlsx", three_sheets(hostile.far_cell_sheet()))], LIMITS)
    assert [i.key for i in result.issues] == ["columns_beyond"]
    # Without a refusal to wait for, the reader's own problem is reported.
    result = read_upload([Upload("plan.xlsx", three_sheets())], LIMITS)
    assert [i.key for i in result.issues] == ["damaged"]


def test_several_files_keep_every_scan_before_any_read() -> None:
    data = three_sheets()
    assert inspect_zip(data, LIMITS, "plan.xlsx", defer_sheets=True).deferred is not None
    result = read_upload(
        [Upload("plan.xlsx", three_sheets(hostile.far_cell_sheet())), Upload("b.csv", b"a\n1\n")],
        LIMITS,
    )
    assert [i.key for i in result.issues] == ["columns_beyond"]


@pytest.mark.parametrize("readers", [1, 2])
def test_of_two_refusals_the_first_in_the_workbook_is_reported(
    readers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The largest sheet, last in the workbook, is scanned first and refused; the first
    sheet is refused too: the serial scan met the first sheet's refusal, so that is the
    one told, whichever sheet a thread saw refused first."""
    rows = [["Mesure", "Intitulé"]] + [[f"M{i}", f"Former les agents {i}"] for i in range(2000)]
    beyond = '<row r="2002"><c r="XFD2002" t="inlineStr"><is><t>x</t></is></c></row>'
    data = hostile.raw_workbook(
        {
            "Mesures": hostile.far_cell_sheet("A900000"),  # a row beyond the limit
            "Suivi": hostile.sheet_xml(rows[:10]),
            "Dernière": hostile.sheet_xml(rows, extra=beyond),  # a column beyond it
        }
    )
    monkeypatch.setattr(workbook_module, "_readers", lambda: readers)
    result = read_upload([Upload("plan.xlsx", data)], LIMITS)
    assert [(i.key, i.sheet) for i in result.issues] == [("rows_beyond", "Mesures")]


def test_two_threads_read_two_sheets_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first two readings each wait for the other to start: with one thread reading,
    the first would wait in vain, and the reading fail."""
    meeting = threading.Barrier(2, timeout=20)
    threads: list[str] = []
    read = workbook_module._read_sheet

    def read_one(book, name, source):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        if len(threads) <= 2:
            meeting.wait()
        return read(book, name, source)

    monkeypatch.setattr(workbook_module, "_readers", lambda: 2)
    monkeypatch.setattr(workbook_module, "_read_sheet", read_one)
    result = read_upload([Upload("plan.xlsx", three_sheets())], LIMITS)
    assert result.workbook is not None and not meeting.broken
    assert len(set(threads[:2])) == 2


def _threads_calling(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> set[str]:
    """The names of the threads that call `module.name` from now on (filled as they do)."""
    threads: set[str] = set()
    function = getattr(module, name)

    def recorded(*args):  # type: ignore[no-untyped-def]
        threads.add(threading.current_thread().name)
        return function(*args)

    monkeypatch.setattr(module, name, recorded)
    return threads


def test_one_core_reads_in_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_module.os, "sched_getaffinity", lambda _pid: {0})
    threads = _threads_calling(monkeypatch, workbook_module, "_read_sheet")
    result = read_upload([Upload("plan.xlsx", three_sheets())], LIMITS)
    assert result.workbook is not None
    assert threads == {threading.current_thread().name}


def test_a_reader_thread_that_cannot_start_leaves_the_reading_to_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cannot_start(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(workbook_module, "_readers", lambda: 2)
    monkeypatch.setattr(workbook_module.threading.Thread, "start", cannot_start)
    result = read_upload([Upload("plan.xlsx", three_sheets())], LIMITS)
    assert result.workbook is not None
    assert [i.key for i in result.issues] == ["hidden_sheet"]  # Suivi is hidden
    assert [s.name for s in result.workbook.sheets] == ["Mesures", "Suivi", "Dernière"]


def _largest_first_workbook() -> bytes:
    rows = [["Mesure", "Intitulé"]] + [[f"M{i}", f"Former les agents {i}"] for i in range(2000)]
    return hostile.raw_workbook(
        {
            "Mesures": hostile.sheet_xml(rows[:20]),
            "Suivi": hostile.sheet_xml(rows),  # the largest
            "Dernière": hostile.sheet_xml(rows[:5]),
        }
    )


def test_the_largest_sheet_is_scanned_while_calamine_opens_the_workbook(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The largest sheet's scan starts before calamine's workbook is opened (the reading
    waits here until it has started: started later, it never would), in a thread of its
    own, and no part is scanned twice. That thread is slow to begin here, as a busy
    machine can make it: it scans all the same."""
    begun = threading.Event()
    scanned: list[str] = []
    scan, open_and_read = deferred.scan_sheet, workbook_module._read_workbook
    archive = deferred.DeferredScans.archive

    def slow_to_begin(self):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.2)
        return archive(self)

    monkeypatch.setattr(deferred.DeferredScans, "archive", slow_to_begin)

    def scanning(chunks, size, file, sheet, bounds):  # type: ignore[no-untyped-def]
        scanned.append(sheet)
        if sheet == "Suivi":
            begun.set()
        return scan(chunks, size, file, sheet, bounds)

    def opening(*args):  # type: ignore[no-untyped-def]
        assert begun.wait(timeout=10), "the largest sheet's scan had not started"
        return open_and_read(*args)

    monkeypatch.setattr(workbook_module, "_readers", lambda: 2)
    monkeypatch.setattr(deferred, "scan_sheet", scanning)
    monkeypatch.setattr(workbook_module, "_read_workbook", opening)
    result = read_upload([Upload("plan.xlsx", _largest_first_workbook())], LIMITS)
    assert result.workbook is not None and not result.issues
    assert sorted(scanned) == ["Dernière", "Mesures", "Suivi"]


def test_one_core_scans_nothing_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_module, "_readers", lambda: 1)
    threads = _threads_calling(monkeypatch, deferred, "scan_sheet")
    result = read_upload([Upload("plan.xlsx", _largest_first_workbook())], LIMITS)
    assert result.workbook is not None
    assert threads == {threading.current_thread().name}


def test_a_scan_started_ahead_ends_before_the_reading_returns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reading returns without reading the sheet scanned ahead: that scan is waited
    for all the same (no thread outlives the reading); a refusal it finds is told."""
    finished = threading.Event()
    scan = deferred.scan_sheet

    def slow(chunks, size, file, sheet, bounds):  # type: ignore[no-untyped-def]
        found = scan(chunks, size, file, sheet, bounds)
        if sheet == "Dernière":
            finished.wait(0.3)  # still scanning when calamine gives up
            finished.set()
        return found

    def nothing_read(*args):  # type: ignore[no-untyped-def]
        return workbook_module.RawWorkbook("plan.xlsx", "xlsx", []), []

    data = three_sheets(hostile.sheet_xml([["Mesure"]] + [[f"M{i}"] for i in range(3000)]))
    monkeypatch.setattr(workbook_module, "_readers", lambda: 2)
    monkeypatch.setattr(deferred, "scan_sheet", slow)
    monkeypatch.setattr(workbook_module, "_read_workbook", nothing_read)
    container = inspect_zip(data, LIMITS, "plan.xlsx", defer_sheets=True)
    book, _ = workbook_module.read_workbook(data, container, LIMITS, "plan.xlsx")
    assert book is not None and finished.is_set()
    # A refusal found by the scan started ahead is the one told.
    monkeypatch.undo()
    data = three_sheets(hostile.far_cell_sheet())
    container = inspect_zip(data, LIMITS, "plan.xlsx", defer_sheets=True)
    book, issues = workbook_module.read_workbook(data, container, LIMITS, "plan.xlsx")
    assert book is None and [i.key for i in issues] == ["columns_beyond"]
