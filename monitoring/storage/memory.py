"""An in-memory `Store` for unit tests: the same behaviour as the SQL one, in a dict.

It keeps deep copies of what it is given and hands out deep copies, so a test cannot
change a stored version by mutating a frame, exactly as with a database. `fail_next_save`
makes the next save fail after its checks, as a database error at commit would.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from monitoring.dataset import Dataset
from monitoring.storage import (
    NewVersion,
    SaveOutcome,
    SaveRules,
    StorageError,
    Store,
    StoredFile,
    VersionInfo,
    VersionNotFound,
    check_dataset_key,
    decide,
)


def _copy(dataset: Dataset) -> Dataset:
    return Dataset(
        tables={k: v.copy(deep=True) for k, v in dataset.tables.items()},
        scale=dataset.scale,
        extras=dict(dataset.extras),
        name=dataset.name,
    )


@dataclass(frozen=True)
class _Stored:
    info: VersionInfo
    dataset: Dataset
    files: tuple[StoredFile, ...]
    idempotency_key: str | None


class MemoryStore(Store):
    """Versions in a dict, behind a lock; lost when the object goes."""

    def __init__(self, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, list[_Stored]] = {}
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.fail_next_save = False

    def dataset_keys(self) -> list[str]:
        with self._lock:
            return sorted(k for k, v in self._data.items() if v)

    def versions(self, dataset_key: str) -> list[VersionInfo]:
        with self._lock:
            return [s.info for s in self._data.get(dataset_key, [])]

    def current(self, dataset_key: str) -> VersionInfo | None:
        with self._lock:
            stored = self._data.get(dataset_key)
            return stored[-1].info if stored else None

    def _get(self, dataset_key: str, number: int) -> _Stored:
        for stored in self._data.get(dataset_key, []):
            if stored.info.number == number:
                return stored
        raise VersionNotFound(f"{dataset_key} v{number}", dataset=dataset_key, version=number)

    def version(self, dataset_key: str, number: int) -> VersionInfo:
        with self._lock:
            return self._get(dataset_key, number).info

    def read_dataset(self, dataset_key: str, number: int) -> Dataset:
        with self._lock:
            return _copy(self._get(dataset_key, number).dataset)

    def read_files(self, dataset_key: str, number: int) -> list[StoredFile]:
        with self._lock:
            return list(self._get(dataset_key, number).files)

    def find_replay(self, dataset_key: str, idempotency_key: str) -> VersionInfo | None:
        with self._lock:
            for stored in self._data.get(dataset_key, []):
                if stored.idempotency_key == idempotency_key:
                    return stored.info
            return None

    def save(self, new: NewVersion, rules: SaveRules | None = None) -> SaveOutcome:
        check_dataset_key(new.dataset_key)
        with self._lock:
            stored = self._data.get(new.dataset_key, [])
            replayed = None
            if new.idempotency_key is not None:
                replayed = next(
                    (s.info for s in stored if s.idempotency_key == new.idempotency_key), None
                )
            current = stored[-1].info if stored else None
            outcome = decide(new, rules or SaveRules(), current, replayed)
            if outcome is not None:
                return outcome
            if self.fail_next_save:
                self.fail_next_save = False
                raise StorageError("simulated failure at commit")
            info = new.info((current.number if current else 0) + 1, self._clock())
            self._data.setdefault(new.dataset_key, []).append(
                _Stored(info, _copy(new.dataset), new.files, new.idempotency_key)
            )
            return SaveOutcome("created", info)
