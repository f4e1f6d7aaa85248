"""Child processes of the integration tests (run as `python tests/integration/worker.py …`).

worker.py save URL DATASET WORKER COUNT      save COUNT versions, one after another
worker.py hang URL DATASET MARKER            start saving, stop mid-rows, wait to be killed
worker.py exit URL DATASET                   start saving, exit mid-rows without cleanup
worker.py seed URL                           store the shipped datasets if missing
worker.py alternate URL DATASET COUNT        save COUNT versions alternating two contents
worker.py imports URL WORKBOOK COUNT         COUNT imports of one big workbook at once
                                             (threads); prints JSON: statuses, peak
                                             parses in flight, memory figures
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.services.importing import ensure_seeded
from monitoring.storage import NewVersion, SaveRules, StoredFile
from monitoring.storage.access import local_actor
from monitoring.storage.sql import SqlStore

ACTOR = local_actor("worker")


def _version(dataset: str, author: str, note: str, measures: int = 30) -> NewVersion:
    data = synthetic_dataset(measures, seed=7)
    return NewVersion(dataset, data, (StoredFile(f"{author}.xlsx", note.encode()),), author, note)


def main(argv: list[str]) -> int:
    command, url = argv[0], argv[1]
    store = SqlStore(url)
    if command == "seed":
        ensure_seeded(store)
        return 0
    if command == "imports":
        return _imports(store, Path(argv[2]), int(argv[3]))
    dataset = argv[2]
    if command == "alternate":
        # Two contents of a few hundred measures each: a reader can tell them apart.
        contents = [synthetic_dataset(300, seed=s) for s in (1, 2)]
        for i in range(int(argv[3])):
            new = NewVersion(dataset, contents[i % 2], (StoredFile("a.xlsx", b"%d" % i),),
                             "writer", str(i))  # fmt: skip
            store.save(new, SaveRules(skip_identical=False))
        return 0
    if command == "save":
        worker, count = argv[3], int(argv[4])
        for i in range(count):
            # Same content each time: skip_identical off, every save must be a version.
            store.save(_version(dataset, worker, str(i)), SaveRules(skip_identical=False))
        return 0
    original = SqlStore._insert_rows

    def stop_midway(self, conn, version_id, encoded):  # type: ignore[no-untyped-def]
        original(self, conn, version_id, encoded)  # the rows are written, not committed
        if command == "hang":
            Path(argv[3]).write_text("rows written", encoding="utf-8")
            time.sleep(120)  # the test kills us (SIGKILL) here
        os._exit(9)  # no rollback, no cleanup, as a crash

    SqlStore._insert_rows = stop_midway  # type: ignore[method-assign]
    store.save(_version(dataset, "crash", "never committed", measures=500))
    return 1


def _rss_mb() -> float:
    """The resident memory now (not the peak), from /proc/self/statm."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _imports(store: SqlStore, workbook: Path, count: int) -> int:
    """Import one big workbook `count` times at once; report parses in flight and memory.

    The workbook is written by the test, so that making it does not count in this
    process's peak memory.
    """
    from monitoring.intake.reading import Upload
    from monitoring.services import importing

    data = workbook.read_bytes()
    lock, state = threading.Lock(), {"now": 0, "peak": 0}

    def counted(function):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            with lock:
                state["now"] += 1
                state["peak"] = max(state["peak"], state["now"])
            try:
                return function(*args, **kwargs)
            finally:
                with lock:
                    state["now"] -= 1

        return run

    # Reading and validating are what take memory: count the threads inside either.
    importing.read_isolated = counted(importing.read_isolated)  # type: ignore[assignment]
    importing.validate = counted(importing.validate)  # type: ignore[assignment]
    base = _rss_mb()
    # One whole import alone first (read, validate, store): what one costs, to budget
    # ten against. Another dataset, so the ten below still find an empty one.
    importing.import_upload(store, "warm", [Upload("big.xlsx", data)], actor=ACTOR, author="w",
                            note="")  # fmt: skip
    one = _peak_mb() - base
    start = threading.Barrier(count)
    statuses: list[str] = []
    started = time.monotonic()

    def run_one(i: int) -> None:
        start.wait()
        result = importing.import_upload(store, "big", [Upload(f"big-{i}.xlsx", data)],
                                         actor=ACTOR, author=f"s{i}", note="")  # fmt: skip
        with lock:
            statuses.append(result.status)

    threads = [threading.Thread(target=run_one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out = {
        "statuses": sorted(statuses),
        "peak_in_flight": state["peak"],
        "slots": importing.PARSE_SLOT_COUNT,
        "file_mb": len(data) / 2**20,
        "base_mb": base,
        "one_mb": one,
        "peak_mb": _peak_mb(),
        "seconds": time.monotonic() - started,
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
