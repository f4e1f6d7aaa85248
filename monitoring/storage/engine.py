"""The engine of a store's URL, and what is asked of a database file as a whole."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from monitoring.storage.dialects import dialect_of
from monitoring.storage.tables import METADATA


def make_engine(url: str, *, read_only: bool = False, frozen: bool = False) -> Engine:
    """Create the engine for `url`, with this store's per-connection settings.

    Args:
        url: a SQLAlchemy URL: `sqlite:///path` or `postgresql+psycopg://…`.
        read_only: SQLite only: open the existing file read-only (`check` of a backup),
            leaving its journal mode alone; nothing is created.
        frozen: SQLite only, with `read_only`: also tell SQLite the file cannot change
            (`immutable=1`), so it creates no `-shm` file and takes no lock. Only for a
            store nothing can write to (a full disk, a read-only file) whose write-ahead
            log is empty: what is in the main file is then all there is.

    Returns:
        An engine; for SQLite, its folder is created if missing (unless read-only).
        Raises `StorageError` for a database that is neither.
    """
    return dialect_of(url).create_engine(url, read_only=read_only, frozen=frozen)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def log_is_empty(path: Path) -> bool:
    """Whether the SQLite file's write-ahead log holds no commit the main file lacks."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True


def sqlite_integrity(url: str) -> str:
    """Return the result of `PRAGMA integrity_check` on a SQLite store (`ok` when sound)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar_one())
    finally:
        engine.dispose()


def table_counts(engine: Engine) -> dict[str, int]:
    """Return `count(*)` of every table of the store (tests check nothing changed)."""
    with engine.connect() as conn:
        return {
            table.name: int(
                conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            )
            for table in METADATA.sorted_tables
        }
