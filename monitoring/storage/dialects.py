"""What differs between SQLite and PostgreSQL, in one small class per database.

The store (`monitoring.storage.sql`) is written once against `Dialect`; each subclass
says how its database opens connections, takes locks, inserts many rows, ignores a
conflicting insert and reports a busy database. SQLite: every connection sets WAL,
`synchronous=FULL`, `busy_timeout` and `foreign_keys=ON`; writes begin with
`BEGIN IMMEDIATE`, reads with a deferred `BEGIN`. PostgreSQL: advisory and row locks,
`COPY` for the rows of a version, reads at REPEATABLE READ.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

from monitoring.config.settings import private_file, private_folder
from monitoring.storage import StorageError

SQLITE_BUSY_TIMEOUT_MS = 10_000
# PostgreSQL SQLSTATEs worth a retry: serialization failure, deadlock, unique violation.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})
# The execution option of a connection that will write (SQLite begins it IMMEDIATE).
WRITE = "plan_monitoring_write"
# SQLite's primary result codes that mean "this file cannot be written here": read-only,
# I/O error (a full disk when the `-shm` file cannot grow), disk full, cannot open (the
# folder refuses the `-wal`/`-shm` files).
_UNWRITABLE_CODES = frozenset({8, 10, 13, 14})


class Dialect:
    """The behaviour of one database the store runs on."""

    name: ClassVar[str]
    # Whether the database keeps a datetime's time zone (SQLite stores naive UTC).
    aware_datetimes: ClassVar[bool]

    def create_engine(self, url: str, *, read_only: bool, frozen: bool) -> Engine:
        raise NotImplementedError

    def reading(self, conn: Connection) -> Connection:
        """The connection set up for a read transaction that is one snapshot."""
        return conn

    def is_busy(self, exc: sa.exc.DBAPIError) -> bool:
        """Whether an error says the database is held by another writer."""
        return False

    def should_retry(self, exc: sa.exc.DBAPIError) -> bool:
        """Whether a failed save is worth another attempt."""
        return getattr(exc.orig, "sqlstate", None) in RETRY_SQLSTATES or self.is_busy(exc)

    def is_unwritable(self, exc: BaseException) -> bool:
        """Whether an error says the database cannot be written where it is."""
        return False

    def lock(self, conn: Connection, lock_id: int) -> None:
        """Serialise this transaction with every other taking the same lock."""

    def insert_ignoring_conflicts(self, table: sa.Table) -> Any:
        """An INSERT into `table` that does nothing when a unique key is taken."""
        raise NotImplementedError

    def lock_dataset(
        self, conn: Connection, datasets: sa.Table, key: str, now: dt.datetime
    ) -> None:
        """Create the dataset's row if missing, and hold it until the transaction ends."""
        conn.execute(self.insert_ignoring_conflicts(datasets).values(key=key, created_at=now))

    def insert_rows(self, conn: Connection, rows: Sequence[tuple[int, str, int, str]]) -> None:
        """Insert (version_id, table_name, position, data) rows into `version_rows`."""
        conn.exec_driver_sql(
            "INSERT INTO version_rows (version_id, table_name, position, data) VALUES (?, ?, ?, ?)",
            list(rows),
        )


class SQLite(Dialect):
    name = "sqlite"
    aware_datetimes = False

    def create_engine(self, url: str, *, read_only: bool, frozen: bool) -> Engine:
        parsed = make_url(url)
        if read_only and parsed.database:
            # SQLite's URI form is the only way to say "read-only" to the driver; the
            # path is percent-encoded there, so a name with `?` or `#` stays a name.
            uri = f"file:{quote(str(Path(parsed.database).absolute()))}?mode=ro"
            uri += "&immutable=1" if frozen else ""

            def connect() -> sqlite3.Connection:
                return sqlite3.connect(uri, uri=True, check_same_thread=False)

            engine = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.NullPool)
        else:
            if parsed.database and parsed.database != ":memory:":
                # Owner only: the file holds every upload and the audit trail (its `-wal`
                # and `-shm` files take the same permissions from SQLite).
                private_folder(Path(parsed.database).parent)
                private_file(Path(parsed.database))
            engine = sa.create_engine(url)
        event.listen(engine, "connect", _read_only_settings if read_only else _settings)
        event.listen(engine, "begin", _begin)
        return engine

    def is_busy(self, exc: sa.exc.DBAPIError) -> bool:
        text = str(exc.orig).lower()
        return "database is locked" in text or "database is busy" in text

    def is_unwritable(self, exc: BaseException) -> bool:
        code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
        return isinstance(code, int) and code & 0xFF in _UNWRITABLE_CODES

    def lock(self, conn: Connection, lock_id: int) -> None:
        pass  # BEGIN IMMEDIATE already holds the database's write lock

    def insert_ignoring_conflicts(self, table: sa.Table) -> Any:
        return sa.insert(table).prefix_with("OR IGNORE")


def _settings(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling would start transactions late (at the first
    # write) and never for DDL; "begin" below emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed version survives a power cut (NORMAL could lose the last commits).
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _read_only_settings(dbapi_connection: Any, _record: Any) -> None:
    # Setting the journal mode is a write: a read-only connection keeps the file's own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock now, waiting up to busy_timeout: a deferred
    # transaction that reads then writes would fail at once with "database is locked".
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class PostgreSQL(Dialect):
    name = "postgresql"
    aware_datetimes = True

    def create_engine(self, url: str, *, read_only: bool, frozen: bool) -> Engine:
        return sa.create_engine(url, pool_pre_ping=True)

    def reading(self, conn: Connection) -> Connection:
        # One snapshot for the whole read, as SQLite's WAL gives: a version committed
        # meanwhile is either wholly visible or not at all.
        return conn.execution_options(isolation_level="REPEATABLE READ")

    def lock(self, conn: Connection, lock_id: int) -> None:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({lock_id})")

    def insert_ignoring_conflicts(self, table: sa.Table) -> Any:
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()

    def lock_dataset(
        self, conn: Connection, datasets: sa.Table, key: str, now: dt.datetime
    ) -> None:
        super().lock_dataset(conn, datasets, key, now)
        # The row lock serialises numbering: a second writer waits here.
        conn.execute(sa.select(datasets.c.key).where(datasets.c.key == key).with_for_update())

    def insert_rows(self, conn: Connection, rows: Sequence[tuple[int, str, int, str]]) -> None:
        # COPY is an order of magnitude faster than INSERTs for 100,000 rows, and runs on
        # the same connection, so inside the same transaction.
        driver = conn.connection.driver_connection
        assert driver is not None
        with (
            driver.cursor() as cursor,
            cursor.copy(
                "COPY version_rows (version_id, table_name, position, data) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)


DIALECTS: dict[str, Dialect] = {d.name: d for d in (SQLite(), PostgreSQL())}


def dialect_named(name: str) -> Dialect:
    """The dialect of a SQLAlchemy backend name (`sqlite`, `postgresql`)."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise StorageError(f"unsupported database {name!r}") from None


def dialect_of(url: str) -> Dialect:
    """The dialect of a SQLAlchemy URL."""
    return dialect_named(make_url(url).get_backend_name())
