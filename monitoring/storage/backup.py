"""Backing up a SQLite store while it is in use, and checking a store (or a backup).

`backup_store(store, out)` copies a SQLite store with SQLite's online backup API in one
step: the copy is one read transaction, so with WAL it is a consistent snapshot even
while other processes keep saving versions (they are not blocked). The copy is written
to a temporary file next to `out`, switched to a self-contained rollback journal,
checked with `PRAGMA integrity_check`, and only then renamed to `out`, so `out` is
never a half-written backup. A PostgreSQL store is refused (`BackupNotSqlite`): back it
up with `pg_dump`, which gives the same consistent snapshot.

`check_store(store)` is what an operator runs after a crash, before trusting a backup,
or from a monitoring job: `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on
SQLite, the schema revision, then every version read back: its tables' content hash
recomputed equals the stored one, its files' sha256 and size match.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from monitoring.config.settings import private_file
from monitoring.storage import StorageError, files_sha256
from monitoring.storage.sql import SqlStore, database_revisions, known_revisions, sqlite_path

log = logging.getLogger(__name__)

# How many integrity_check messages are kept (SQLite stops at 100 by default anyway).
MAX_INTEGRITY_LINES = 20


class BackupNotSqlite(StorageError):
    """The store is PostgreSQL: `pg_dump` backs it up, not this command."""

    key = "storage.backup_use_pg_dump"


class BackupFailed(StorageError):
    """The backup could not be written (`params`: `path`); no file was left at `path`."""

    key = "storage.backup_failed"


@dataclass(frozen=True)
class BackupResult:
    """A finished backup: where, how large, and its integrity check (`ok`)."""

    path: Path
    size: int
    integrity: str


def backup_store(store: SqlStore, out: Path) -> BackupResult:
    """Copy a SQLite store to `out`, consistently, while other processes may write to it.

    Args:
        store: the open store (its engine's connection settings, busy timeout included,
            are used to read the source).
        out: the backup file; replaced atomically if it exists. Its folder must exist.

    Returns:
        The backup's path, size and integrity check. Raises `BackupNotSqlite` for a
        PostgreSQL store and `BackupFailed` when the copy could not be made or is not
        sound (nothing is left at `out` then, and an older file there is kept).
    """
    source = sqlite_path(store.url)
    if store.dialect.name != "sqlite" or source is None:
        raise BackupNotSqlite(f"{store.dialect.name} store: use pg_dump")
    out = Path(out)
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        raise BackupFailed("the backup would overwrite the database", path=str(out))
    if not out.parent.is_dir():
        raise BackupFailed(f"no folder {out.parent}", path=str(out))
    temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        private_file(temporary)  # a backup holds what the store holds: owner only (0600)
        integrity = _copy(store, temporary)
        if integrity != "ok":
            raise BackupFailed(f"backup integrity check: {integrity}", path=str(out))
        os.replace(temporary, out)  # atomic: `out` is the old file or the whole new one
    except (sqlite3.Error, OSError) as exc:
        log.exception("backup to %s failed", out)
        raise BackupFailed(str(exc), path=str(out)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return BackupResult(out, out.stat().st_size, integrity)


def _copy(store: SqlStore, target: Path) -> str:
    """Back up the store into `target` in one step; return the copy's integrity check."""
    raw = store.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        destination = sqlite3.connect(target)
        try:
            # pages=-1: the whole database in one step, i.e. one read transaction on the
            # source: one WAL snapshot, so commits made meanwhile are wholly absent. (In
            # several steps, a write by another connection would restart the copy.)
            source.backup(destination, pages=-1)
            # The copy is one self-contained file: no -wal or -shm beside it to forget.
            destination.execute("PRAGMA journal_mode = DELETE")
            rows = destination.execute("PRAGMA integrity_check").fetchall()
            destination.commit()
        finally:
            destination.close()
    finally:
        raw.close()
    return "\n".join(str(r[0]) for r in rows[:MAX_INTEGRITY_LINES])


@dataclass(frozen=True)
class Problem:
    """One thing a check found wrong: a message key of `locales/storage.py` and its values."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckReport:
    """What `check_store` found: `ok` when nothing is wrong."""

    versions: int = 0
    datasets: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(store: SqlStore) -> CheckReport:
    """Check a store: the database's own consistency, then every version read back.

    Args:
        store: an open store (opened without migrating, so a check changes nothing).

    Returns:
        The report; it lists every problem rather than stopping at the first.
    """
    report = CheckReport()
    if store.dialect.name == "sqlite":
        try:
            with store.engine.connect() as conn:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").all()
                dangling = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        except sa.exc.DBAPIError as exc:  # e.g. "file is not a database": damaged header
            report.problems.append(Problem("check.integrity", {"detail": str(exc.orig)}))
            return report
        lines = [str(r[0]) for r in rows]
        if lines != ["ok"]:
            detail = "; ".join(lines[:MAX_INTEGRITY_LINES])
            report.problems.append(Problem("check.integrity", {"detail": detail}))
        if dangling:
            report.problems.append(Problem("check.foreign_keys", {"count": len(dangling)}))
        if report.problems:  # reading versions from a damaged file proves nothing more
            return report
    known, heads = known_revisions()
    revisions = database_revisions(store.engine)
    if revisions != heads:
        found = ", ".join(sorted(revisions)) or "-"
        key = "check.schema_unknown" if revisions - known else "check.schema_old"
        report.problems.append(Problem(key, {"revision": found}))
        return report  # the tables may not be the ones this release reads
    for dataset_key in store.dataset_keys():
        report.datasets += 1
        for info in store.versions(dataset_key):
            report.versions += 1
            where = {"dataset": dataset_key, "version": info.number}
            try:
                dataset = store.read_dataset(dataset_key, info.number)
                files = store.read_files(dataset_key, info.number)
            except Exception as exc:  # any failure to decode is what the check looks for
                log.warning("check: %s v%s unreadable: %s", dataset_key, info.number, exc)
                report.problems.append(Problem("check.unreadable", where))
                continue
            if dataset.content_hash() != info.content_hash:
                report.problems.append(Problem("check.content_hash", where))
            size = sum(f.size for f in files)
            if files_sha256(files) != info.file_sha256 or size != info.file_size:
                report.problems.append(Problem("check.file_sha256", where))
    return report


__all__ = [
    "BackupFailed",
    "BackupNotSqlite",
    "BackupResult",
    "CheckReport",
    "Problem",
    "backup_store",
    "check_store",
]
