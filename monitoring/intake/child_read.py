"""An upload read in the limited child (`monitoring.intake.isolation`): `read_isolated` and
`start_read`, the rejection a failed child gives, and the streamed read, whose sheets
reach this process one by one as the child reads them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from monitoring.config.settings import Limits
from monitoring.intake.isolation import ChildFailed, Pending, start_limited
from monitoring.intake.problems import Issue
from monitoring.intake.raw import RawSheet, RawWorkbook
from monitoring.intake.reading import ReadResult, Upload, display_name, read_upload
from monitoring.text.i18n import FileSize

log = logging.getLogger(__name__)


def failure_issue(failure: ChildFailed, files: Sequence[Upload], limits: Limits) -> Issue:
    """The rejection a failed child gives: the file(s) named, the limit that stopped it."""
    names = [display_name(f.name) for f in files]
    file = display_name(", ".join(names)) if names else None
    if failure.kind == "memory":
        params: dict[str, object] = {"limit": FileSize(limits.parse_memory_bytes)}
        return Issue("size-limit", "parse_memory", file=file, params=params)
    if failure.kind == "time":
        params = {"seconds": int(min(limits.parse_wall_seconds, limits.parse_cpu_seconds))}
        return Issue("size-limit", "parse_time", file=file, params=params)
    return Issue("format-error", "parse_crash", file=file, params={"ref": failure.reference or "-"})


class _Sent:
    """In the answer of a streamed read, a sheet already sent as a part: its index."""

    def __init__(self, index: int) -> None:
        self.index = index


class _SendSheets:
    """The `SheetSink` of a streamed read, in the child: the outline and each sheet go to
    the parent as parts, as soon as they are known.

    No more than `Limits.max_cells` cells are sent, as `read_upload` hands back no more
    (`too_many_cells`): a sheet that would pass them, and any after it, stay in the child,
    whose answer then refuses the upload. The parent never holds more than a whole read
    would give it.
    """

    def __init__(self, send: Callable[[Any], None], limits: Limits) -> None:
        self.send, self.limits = send, limits
        self.sent: dict[int, int] = {}  # id of a sheet sent → its index
        self.cells = 0  # cells sent so far, counted as `read_upload` counts them
        self.lock = threading.Lock()

    def outline(self, workbook: RawWorkbook) -> None:
        self.send(("outline", workbook))

    def sheet(self, index: int, sheet: RawSheet) -> None:
        with self.lock:  # the reader's threads
            self.cells += (sheet.height + 1) * len(sheet.header)
            if self.cells > self.limits.max_cells:
                return
        self.send(("sheet", index, sheet))
        self.sent[id(sheet)] = index


def _read_streamed(files: list[Upload], limits: Limits, send: Callable[[Any], None]) -> ReadResult:
    """`read_upload` in the child, each sheet sent as soon as it is read; the answer
    names the sheets sent (`_Sent`) instead of sending them twice."""
    sink = _SendSheets(send, limits)
    result = read_upload(files, limits, sink)
    if result.workbook is not None:
        sheets: list[Any] = [
            _Sent(sink.sent[id(sheet)]) if id(sheet) in sink.sent else sheet
            for sheet in result.workbook.sheets
        ]
        result.workbook.sheets = sheets
    return result


class PendingRead:
    """An upload being read in its limited child (`start_read`); `result()` waits.

    Streamed (`stream`), a lone workbook's outline and sheets come first, as the child
    reads them (`arrivals`), for the caller to validate them meanwhile.
    """

    def __init__(
        self, files: Sequence[Upload], limits: Limits, *, direct: bool, stream: bool = False
    ) -> None:
        self.files, self.limits = list(files), limits
        self._pending: Pending[ReadResult] | None = None
        self._failure: ChildFailed | None = None
        self._sheets: dict[int, RawSheet] = {}  # the sheets arrived, by index
        task: Callable[..., ReadResult] = _read_streamed if stream else read_upload
        try:
            self._pending = start_limited(
                task, self.files, limits, limits=limits, direct=direct, stream=stream
            )
        except ChildFailed as failure:
            self._failure = failure

    def arrivals(self) -> Iterator[tuple[Any, ...]]:
        """("outline", RawWorkbook of placeholders), then ("sheet", index, RawSheet) for
        each sheet as it is read, until the answer (nothing when not streamed, or when
        the upload is not a lone workbook)."""
        if self._pending is None:
            return
        for part in self._pending.parts():
            if part[0] == "sheet":
                self._sheets[part[1]] = part[2]
            yield part

    def result(self) -> ReadResult:
        """The read upload; never raises (a failed child is a `ReadResult` without a
        workbook, its one issue naming the file(s))."""
        try:
            if self._failure is not None:
                raise self._failure
            assert self._pending is not None
            for _ in self.arrivals():
                pass
            result = self._pending.result()
        except ChildFailed as failure:
            log.info("upload refused: the parse child failed (%s)", failure.kind)
            return ReadResult(None, [failure_issue(failure, self.files, self.limits)])
        if result.workbook is not None:
            result.workbook.sheets = [
                self._sheets[s.index] if isinstance(s, _Sent) else s for s in result.workbook.sheets
            ]
        return result


def start_read(
    files: Sequence[Upload],
    limits: Limits | None = None,
    *,
    direct: bool = False,
    stream: bool = False,
) -> PendingRead:
    """Start `monitoring.intake.reading.read_upload` in a limited child (module doc);
    `direct` and `stream` as for `PendingRead` and `start_limited`."""
    return PendingRead(files, limits or Limits(), direct=direct, stream=stream)


def read_isolated(files: Sequence[Upload], limits: Limits | None = None) -> ReadResult:
    """`monitoring.intake.reading.read_upload` in a limited child process (see the module doc).

    Never raises: a child stopped at a limit, aborted or failed gives a `ReadResult`
    without a workbook and one issue naming the file(s).
    """
    return start_read(files, limits).result()


__all__ = ["PendingRead", "failure_issue", "read_isolated", "start_read"]
