"""The worksheet scans `inspect_zip(defer_sheets=True)` leaves for the reader, run beside
calamine's reading of the sheets they clear (`monitoring.intake.reading.workbook`)."""

from __future__ import annotations

import contextlib
import io
import threading
import zipfile
from collections import Counter

from monitoring.intake.preflight.common import Container, Rejected, stream
from monitoring.intake.preflight.worksheets import Bounds, scan_sheet


class DeferredScans:
    """The worksheet scans `inspect_zip(defer_sheets=True)` left for the reader.

    The reader opens the workbook once every other part has passed, then reads each
    sheet only after every part that sheet names has passed its scan (`scan`): calamine
    never sees a worksheet byte the pre-flight has not cleared. The reader's threads
    each scan a sheet, then read it, while the other thread does the same with another
    sheet: zlib, numpy and calamine release the interpreter lock for most of their work,
    so the two overlap on two cores (measured with `bench/cli_bench.py`: see
    `reading.workbook`). `settle` gives the refusal the serial order would have met
    first, whatever order the threads scanned in.
    """

    def __init__(
        self,
        data: bytes,
        parts: list[tuple[str, str, bool, int]],
        container: Container,
        bounds: Bounds,
        file: str,
    ) -> None:
        self.data, self.parts, self.container = data, parts, container
        self.bounds, self.file = bounds, file
        # Each part's outcome once scanned: None when it passed, else what the scan raised.
        self._outcomes: dict[str, Exception | None] = {}
        self._early: tuple[str, threading.Thread] | None = None  # see `start`

    def start(self, sheet: str) -> None:
        """Start scanning `sheet` now, in a thread of its own, before the reader has
        opened the workbook; `scan` and `settle` wait for it. Nothing starts when no
        thread can (memory): `scan` then scans the sheet itself."""
        thread = threading.Thread(target=self._scan_early, args=(sheet,), daemon=True)
        try:
            thread.start()
        except RuntimeError:
            return
        self._early = (sheet, thread)

    def _scan_early(self, sheet: str) -> None:
        with contextlib.suppress(Exception), self.archive() as archive:  # in `_outcomes`
            self._scan_sheet(sheet, archive)  # not `scan`: it would wait for this thread

    def join(self, sheet: str | None = None) -> None:
        """Wait for the scan `start` began (only when it is `sheet`'s, if given)."""
        if self._early is not None and sheet in (None, self._early[0]):
            self._early[1].join()

    def largest_first(self) -> list[str]:
        """The sheets whose parts are deferred, the largest (bytes unpacked) first: the
        sheet that takes longest to scan and read starts first, while the other thread
        works through the smaller ones."""
        size: Counter[str] = Counter()
        for _, sheet, _, unpacked in self.parts:
            size[sheet] += unpacked
        return sorted(size, key=lambda sheet: -size[sheet])

    def archive(self) -> zipfile.ZipFile:
        """The upload's archive, for one thread's scans (a `ZipFile` is not shared)."""
        return zipfile.ZipFile(io.BytesIO(self.data))

    def scan(self, sheet: str, archive: zipfile.ZipFile) -> None:
        """Scan every part `sheet` names, in the order of the archive.

        Raises:
            Rejected: a part was refused (or whatever else its scan raised).
        """
        self.join(sheet)
        self._scan_sheet(sheet, archive)

    def _scan_sheet(self, sheet: str, archive: zipfile.ZipFile) -> None:
        for part, name, chosen, _ in self.parts:
            if name != sheet:
                continue
            if part not in self._outcomes:
                self._scan_part(archive, part, sheet, chosen)
            elif (outcome := self._outcomes[part]) is not None:
                raise outcome  # the scan `start` began refused it

    def settle(self) -> Rejected | None:
        """Scan every part not scanned yet, in the order of the archive, until the first
        refusal, and return it: the one a serial scan would have met first. A problem the
        reader meets must not hide it.

        Raises:
            Exception: what a scan raised that is not a refusal, as the serial scan would.
        """
        self.join()  # no part scanned twice at once
        with self.archive() as archive:
            for part, sheet, chosen, _ in self.parts:
                if part not in self._outcomes:
                    with contextlib.suppress(Exception):  # kept in `_outcomes`, told below
                        self._scan_part(archive, part, sheet, chosen)
                outcome = self._outcomes[part]
                if isinstance(outcome, Rejected):
                    return outcome
                if outcome is not None:
                    raise outcome
        return None

    def run(self) -> None:
        """Scan every part now, in this thread (`Rejected` as soon as one is refused)."""
        refused = self.settle()
        if refused is not None:
            raise refused

    def _scan_part(self, archive: zipfile.ZipFile, part: str, sheet: str, chosen: bool) -> None:
        info = archive.getinfo(part)
        try:
            chunks = stream(archive, info, self.bounds.limits, self.file)
            found = scan_sheet(chunks, info.file_size, self.file, sheet, self.bounds)
        except Exception as exc:
            self._outcomes[part] = exc
            raise
        if chosen:  # the part calamine reads for this sheet
            self.container.sheets[sheet] = found
        self._outcomes[part] = None
