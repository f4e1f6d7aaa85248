"""Child processes of the integration tests (run as `python tests/integration/worker.py …`).

worker.py save URL DATASET WORKER COUNT      save COUNT versions, one after another
worker.py hang URL DATASET MARKER            start saving, stop mid-rows, wait to be killed
worker.py exit URL DATASET                   start saving, exit mid-rows without cleanup
worker.py seed URL                           store the shipped datasets if missing
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from monitoring.importing import ensure_seeded
from monitoring.storage import NewVersion, SaveRules, StoredFile
from monitoring.storage.sql import SqlStore
from monitoring.synthetic import synthetic_dataset


def _version(dataset: str, author: str, note: str, measures: int = 30) -> NewVersion:
    data = synthetic_dataset(measures, seed=7)
    return NewVersion(dataset, data, (StoredFile(f"{author}.xlsx", note.encode()),), author, note)


def main(argv: list[str]) -> int:
    command, url = argv[0], argv[1]
    store = SqlStore(url)
    if command == "seed":
        ensure_seeded(store)
        return 0
    dataset = argv[2]
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
