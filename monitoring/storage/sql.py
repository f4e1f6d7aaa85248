"""The version store in SQL: SQLite by default, PostgreSQL when a URL names one.

Schema (created by the Alembic revisions in `migrations/`, applied at start in one
transaction; a database stamped with a revision this release does not know is refused):

- `datasets(key, created_at)`: one row per dataset; PostgreSQL locks it to number versions;
- `versions(id, dataset_key, number, created_at, author, note, kind, file_name, file_size,
  file_sha256, content_hash, plans, measures, assessments, events, restored_from,
  based_on, idempotency_key, dataset_name, scale, extras)` with
  `UNIQUE(dataset_key, number)` and `UNIQUE(dataset_key, idempotency_key)`;
- `version_files(version_id, position, name, size, sha256, content)`: the original bytes;
- `version_tables(version_id, table_name, columns, row_count)`: column names and dtypes;
- `version_rows(version_id, table_name, position, data)`: one JSON array per record;
- `users(user_id, role, updated_at, updated_by)`: one role per e-mail address (0002);
- `audit(id, at, kind, actor, role, dataset_key, version, detail)`: the audit trail (0002);
- `accounts(issuer, subject, user_id, bound_at)` with `UNIQUE(user_id)`: the identity
  provider's account each user id is bound to (0003).

Triggers refuse UPDATE and DELETE on the version tables and on `audit`. A version becomes
visible only when its transaction commits, so "current" is simply the highest committed
number; its audit event is written in that same transaction, and so is a role change's.
Role changes are serialised (SQLite's write lock; on PostgreSQL an advisory lock), so two
admins demoting each other at once cannot leave the table without an admin.

SQLite: every connection sets WAL, `synchronous=FULL`, `busy_timeout` and
`foreign_keys=ON`; writes begin with `BEGIN IMMEDIATE` (the write lock is taken before
the version number is read, so two writers queue instead of failing), reads with a
deferred `BEGIN` (one WAL snapshot: a reader never sees half a version). PostgreSQL:
the dataset row is locked (`SELECT … FOR UPDATE`) before numbering; saves are retried
a bounded number of times on serialization failure, deadlock or unique violation;
reads run at REPEATABLE READ, so a read transaction is one snapshot there too.

SQLite's locks (and WAL's shared memory) are not reliable on a network filesystem:
`SqlStore` refuses a SQLite file on one (`check_local_filesystem`, reading
`/proc/mounts`) unless told to accept it, which is unsupported.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import random
import re
import sqlite3
import time
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

from monitoring.access import ROLES, Actor, AuditEvent, AuditKind, Role, UserRole, normalise_user_id
from monitoring.dataset import TABLE_IDS, Dataset
from monitoring.settings import private_file, private_folder
from monitoring.storage import (
    Counts,
    NetworkFilesystem,
    NewVersion,
    SaveOutcome,
    SaveRules,
    SchemaTooNew,
    StorageError,
    Store,
    StoreBusy,
    StoredFile,
    StoreUnwritable,
    VersionInfo,
    VersionNotFound,
    check_account,
    check_dataset_key,
    check_user_id,
    clean_event,
    decide,
    decide_role,
    role_detail,
    unbind_detail,
)
from monitoring.storage.rows import (
    decode_extras,
    decode_scale,
    decode_table,
    encode_extras,
    encode_scale,
    encode_table,
)

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
SAVE_ATTEMPTS = 5
# PostgreSQL SQLSTATEs worth a retry: serialization failure, deadlock, unique violation.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})
# An arbitrary constant: the advisory lock that serialises migrations across processes.
MIGRATION_LOCK_ID = 0x504C414E  # "PLAN"
# Another: the advisory lock that serialises role changes on PostgreSQL.
USERS_LOCK_ID = 0x55534552  # "USER"
_WRITE = "plan_monitoring_write"


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite has no time zones)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store UTC times only")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


METADATA = sa.MetaData()
DATASETS = sa.Table(
    "datasets",
    METADATA,
    sa.Column("key", sa.String(63), primary_key=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
VERSIONS = sa.Table(
    "versions",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset_key", sa.String(63), sa.ForeignKey("datasets.key"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_size", sa.BigInteger, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("plans", sa.Integer, nullable=False),
    sa.Column("measures", sa.Integer, nullable=False),
    sa.Column("assessments", sa.Integer, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("restored_from", sa.Integer, nullable=True),
    sa.Column("based_on", sa.Integer, nullable=True),
    sa.Column("idempotency_key", sa.String(200), nullable=True),
    sa.Column("dataset_name", sa.Text, nullable=False),
    sa.Column("scale", sa.Text, nullable=False),
    sa.Column("extras", sa.Text, nullable=False),
    sa.UniqueConstraint("dataset_key", "number", name="uq_versions_dataset_number"),
    sa.UniqueConstraint("dataset_key", "idempotency_key", name="uq_versions_dataset_idempotency"),
    sa.CheckConstraint("number >= 1", name="ck_versions_number_positive"),
    sa.CheckConstraint("kind IN ('upload', 'partial', 'restore', 'seed')", name="ck_versions_kind"),
)
VERSION_FILES = sa.Table(
    "version_files",
    METADATA,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)
VERSION_TABLES = sa.Table(
    "version_tables",
    METADATA,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("columns", sa.Text, nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
)
VERSION_ROWS = sa.Table(
    "version_rows",
    METADATA,
    sa.Column("version_id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["version_id", "table_name"],
        ["version_tables.version_id", "version_tables.table_name"],
        name="fk_version_rows_table",
    ),
)
USERS = sa.Table(
    "users",
    METADATA,
    sa.Column("user_id", sa.String(254), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.String(254), nullable=False),
    sa.CheckConstraint(
        "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="ck_users_role"
    ),
)
AUDIT = sa.Table(
    "audit",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(254), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("dataset_key", sa.String(63), nullable=True),
    sa.Column("version", sa.Integer, nullable=True),
    sa.Column("detail", sa.Text, nullable=False),
)
ACCOUNTS = sa.Table(
    "accounts",
    METADATA,
    sa.Column("issuer", sa.String(500), primary_key=True),
    sa.Column("subject", sa.String(255), primary_key=True),
    sa.Column("user_id", sa.String(254), nullable=False),
    sa.Column("bound_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("user_id", name="uq_accounts_user_id"),
)
_INFO_COLUMNS = [c for c in VERSIONS.c if c.name not in ("scale", "extras", "dataset_name")]


# --- Engine -----------------------------------------------------------------------------


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
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
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
        event.listen(engine, "connect", _sqlite_read_only if read_only else _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True)
    raise StorageError(f"unsupported database {parsed.get_backend_name()!r}")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
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


def _sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    # Setting the journal mode is a write: a read-only connection keeps the file's own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock now, waiting up to busy_timeout: a deferred
    # transaction that reads then writes would fail at once with "database is locked".
    write = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


# --- Network filesystems -----------------------------------------------------------------

MOUNTS_FILE = Path("/proc/mounts")
# Filesystem types (as `/proc/mounts` names them) where SQLite's POSIX locks and WAL's
# shared-memory index cannot be trusted: two hosts (or a host and a sync client) could
# both believe they hold the write lock and corrupt the file.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda",
        "9p", "ceph", "fuse.ceph", "fuse.cephfs", "glusterfs", "fuse.glusterfs", "lustre",
        "gpfs", "beegfs", "ocfs2", "gfs2", "davfs", "fuse.davfs2", "fuse.sshfs",
        "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.juicefs", "fuse.goofys",
        "fuse.mountpoint-s3", "fuse.blobfuse", "fuse.blobfuse2", "vboxsf", "prl_fs",
    }
)  # fmt: skip


def _unescape_mount_field(text: str) -> str:
    # The kernel writes space, tab, newline and backslash in mount points as octal (\040).
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def parse_mounts(text: str) -> list[tuple[PurePosixPath, str]]:
    """Read `/proc/mounts` text (`device mountpoint fstype options dump pass` per line).

    Args:
        text: the file's content.

    Returns:
        (mount point, filesystem type) in the file's order; malformed lines are skipped.
    """
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((PurePosixPath(_unescape_mount_field(fields[1])), fields[2]))
    return mounts


def filesystem_type(path: Path, mounts_text: str | None = None) -> str | None:
    """Return the type of the filesystem holding `path`: the longest mount point above it.

    Args:
        path: a file or folder; it need not exist yet (its symlinks are resolved as far
            as they exist).
        mounts_text: the content of `/proc/mounts` (read when omitted; tests pass one).

    Returns:
        The type (`ext4`, `nfs4`, …), or None when it cannot be known (no `/proc/mounts`,
        as on macOS): the check then lets the store open.
    """
    if mounts_text is None:
        try:
            mounts_text = MOUNTS_FILE.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    try:
        target = PurePosixPath(Path(path).resolve())
    except OSError:  # a symlink loop: judge by the path as written
        target = PurePosixPath(Path(path).absolute())
    found: str | None = None
    depth = -1
    for point, fstype in parse_mounts(mounts_text):
        # `>=`: a later mount over the same point hides the earlier one.
        if (point == target or point in target.parents) and len(point.parts) >= depth:
            found, depth = fstype, len(point.parts)
    return found


def is_network_filesystem(fstype: str | None) -> bool:
    """Whether a filesystem type is one where SQLite must not be used (`NETWORK_FILESYSTEMS`)."""
    return fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("nfs"))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_local_filesystem(
    url: str, *, allow_network_fs: bool = False, mounts_text: str | None = None
) -> str | None:
    """Refuse a SQLite file whose folder is on a network filesystem.

    Args:
        url: the store's URL (only a SQLite file is checked).
        allow_network_fs: accept it anyway, with a warning in the log (unsupported).
        mounts_text: the content of `/proc/mounts` (read when omitted).

    Returns:
        The filesystem type of the folder (None when not known or not SQLite). Raises
        `NetworkFilesystem` when it is a network one and that is not allowed.
    """
    path = sqlite_path(url)
    if path is None:
        return None
    folder = path.parent
    fstype = filesystem_type(folder, mounts_text)
    if not is_network_filesystem(fstype):
        return fstype
    if allow_network_fs:
        log.warning(
            "SQLite file %s is on a %s network filesystem (allowed by "
            "PLAN_MONITORING_ALLOW_NETWORK_FS; unsupported: it may be corrupted)",
            path,
            fstype,
        )
        return fstype
    raise NetworkFilesystem(
        f"{folder} is on a {fstype} network filesystem", path=str(folder), fstype=fstype
    )


# --- Migrations ---------------------------------------------------------------------------


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def known_revisions() -> tuple[set[str], set[str]]:
    """Return every revision this release ships, and its head(s)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {r.revision for r in script.walk_revisions()}, set(script.get_heads())


def database_revisions(engine: Engine) -> set[str]:
    """Return the revisions the database is stamped with (empty for a new database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to this release's head, in one transaction.

    Args:
        engine: the database's engine.
        revision: `head`, or an older revision (tests build a database of an older
            release with it, then check the upgrade keeps its versions).

    Raises `SchemaTooNew` when the database carries a revision this release does not know
    (a newer release migrated it): running on it could corrupt data.
    """
    from alembic import command
    from alembic.util.exc import CommandError

    known, heads = known_revisions()
    current = database_revisions(engine)
    if current - known:
        raise SchemaTooNew(f"unknown schema revision {sorted(current - known)}")
    if current == (heads if revision == "head" else {revision}):
        return
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
        config = _alembic_config()
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, revision)
        except CommandError as exc:  # another process stamped an unknown revision meanwhile
            raise SchemaTooNew(str(exc)) from exc


# --- The store --------------------------------------------------------------------------


def _info(row: Any) -> VersionInfo:
    return VersionInfo(
        dataset_key=row.dataset_key,
        number=row.number,
        created_at=row.created_at,
        author=row.author,
        note=row.note,
        kind=row.kind,
        file_name=row.file_name,
        file_size=row.file_size,
        file_sha256=row.file_sha256,
        content_hash=row.content_hash,
        counts=Counts(row.plans, row.measures, row.assessments, row.events),
        restored_from=row.restored_from,
        based_on=row.based_on,
    )


def _sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def _sqlite_locked(exc: sa.exc.DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


# SQLite's primary result codes that mean "this file cannot be written here": read-only,
# I/O error (a full disk when the `-shm` file cannot grow), disk full, cannot open (the
# folder refuses the `-wal`/`-shm` files).
_UNWRITABLE_CODES = frozenset({8, 10, 13, 14})


def _sqlite_unwritable(exc: BaseException) -> bool:
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _UNWRITABLE_CODES


def _log_is_empty(path: Path) -> bool:
    """Whether the SQLite file's write-ahead log holds no commit the main file lacks."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True


class SqlStore(Store):
    """Versions in SQLite or PostgreSQL (see the module docstring for the schema)."""

    def __init__(
        self,
        url: str,
        *,
        migrate_schema: bool = True,
        allow_network_fs: bool = False,
        read_only: bool = False,
    ) -> None:
        """Open the database and migrate it.

        Args:
            url: the SQLAlchemy URL (`Settings.store_url`).
            migrate_schema: False only in tests that look at an unmigrated database, and
                for `check` (which must not change the file it checks).
            allow_network_fs: accept a SQLite file on a network filesystem (unsupported;
                `NetworkFilesystem` is raised otherwise, before anything is created).
            read_only: SQLite only: open an existing file read-only, without migrating
                (`check` of a backup file, which must not change it).
        """
        check_local_filesystem(url, allow_network_fs=allow_network_fs)
        self.url = url
        self.engine = make_engine(url, read_only=read_only)
        migrate_schema = migrate_schema and not read_only
        self.dialect = self.engine.dialect.name
        self._clock = lambda: dt.datetime.now(dt.UTC)
        try:
            if migrate_schema:
                migrate(self.engine)
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            path = sqlite_path(url)
            if path is None or not path.is_file() or not _sqlite_unwritable(exc):
                raise
            self._open_frozen(path, exc)
        except Exception:
            self.engine.dispose()
            raise

    def _open_frozen(self, path: Path, exc: sa.exc.OperationalError) -> None:
        """Read a SQLite store that cannot be written (full disk, read-only file or folder).

        Reading still works, from the main file as it is; every write fails plainly.
        Refused (`StoreUnwritable`) when the write-ahead log holds commits the main file
        lacks (they would be missed) or the schema is not this release's (it cannot be
        migrated).
        """
        log.warning("SQLite store %s cannot be written (%s): read-only", path, exc.orig)
        if not _log_is_empty(path):
            raise StoreUnwritable(str(exc.orig), path=str(path)) from exc
        self.engine = make_engine(self.url, read_only=True, frozen=True)
        try:
            if database_revisions(self.engine) != known_revisions()[1]:
                raise StoreUnwritable("schema not at head", path=str(path)) from exc
        except Exception:
            self.engine.dispose()
            raise
        self.writable = False

    def close(self) -> None:
        self.engine.dispose()

    # --- Reading ------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                if self.dialect == "postgresql":
                    # One snapshot for the whole read, as SQLite's WAL gives: a version
                    # committed meanwhile is either wholly visible or not at all.
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn
        except sa.exc.DBAPIError as exc:
            if self.dialect == "sqlite" and _sqlite_locked(exc):
                raise StoreBusy(str(exc)) from exc
            raise StorageError(str(exc)) from exc

    def dataset_keys(self) -> list[str]:
        query = sa.select(VERSIONS.c.dataset_key).distinct().order_by(VERSIONS.c.dataset_key)
        with self._read() as conn:
            return list(conn.scalars(query))

    def versions(self, dataset_key: str) -> list[VersionInfo]:
        query = (
            sa.select(*_INFO_COLUMNS)
            .where(VERSIONS.c.dataset_key == dataset_key)
            .order_by(VERSIONS.c.number)
        )
        with self._read() as conn:
            return [_info(row) for row in conn.execute(query)]

    @staticmethod
    def _current(conn: Connection, dataset_key: str) -> VersionInfo | None:
        query = (
            sa.select(*_INFO_COLUMNS)
            .where(VERSIONS.c.dataset_key == dataset_key)
            .order_by(VERSIONS.c.number.desc())
            .limit(1)
        )
        row = conn.execute(query).first()
        return _info(row) if row else None

    def current(self, dataset_key: str) -> VersionInfo | None:
        with self._read() as conn:
            return self._current(conn, dataset_key)

    @staticmethod
    def _row(conn: Connection, dataset_key: str, number: int) -> Any:
        query = sa.select(VERSIONS).where(
            VERSIONS.c.dataset_key == dataset_key, VERSIONS.c.number == number
        )
        row = conn.execute(query).first()
        if row is None:
            raise VersionNotFound(f"{dataset_key} v{number}", dataset=dataset_key, version=number)
        return row

    def version(self, dataset_key: str, number: int) -> VersionInfo:
        with self._read() as conn:
            return _info(self._row(conn, dataset_key, number))

    def read_dataset(self, dataset_key: str, number: int) -> Dataset:
        # One transaction: on SQLite one WAL snapshot, so the tables are of one version.
        with self._read() as conn:
            row = self._row(conn, dataset_key, number)
            specs = {
                t.table_name: json.loads(t.columns)
                for t in conn.execute(
                    sa.select(VERSION_TABLES.c.table_name, VERSION_TABLES.c.columns).where(
                        VERSION_TABLES.c.version_id == row.id
                    )
                )
            }
            records = conn.execute(
                sa.select(VERSION_ROWS.c.table_name, VERSION_ROWS.c.data)
                .where(VERSION_ROWS.c.version_id == row.id)
                .order_by(VERSION_ROWS.c.table_name, VERSION_ROWS.c.position)
            ).all()
        grouped = {
            name: [r.data for r in rows]
            for name, rows in itertools.groupby(records, key=lambda r: r.table_name)
        }
        tables = {name: decode_table(specs[name], grouped.get(name, [])) for name in TABLE_IDS}
        return Dataset(
            tables=tables,
            scale=decode_scale(row.scale),
            extras=decode_extras(row.extras),
            name=row.dataset_name,
        )

    def read_files(self, dataset_key: str, number: int) -> list[StoredFile]:
        with self._read() as conn:
            row = self._row(conn, dataset_key, number)
            files = conn.execute(
                sa.select(VERSION_FILES.c.name, VERSION_FILES.c.content)
                .where(VERSION_FILES.c.version_id == row.id)
                .order_by(VERSION_FILES.c.position)
            ).all()
        return [StoredFile(f.name, bytes(f.content)) for f in files]

    @staticmethod
    def _replay(conn: Connection, dataset_key: str, idempotency_key: str) -> VersionInfo | None:
        query = sa.select(*_INFO_COLUMNS).where(
            VERSIONS.c.dataset_key == dataset_key,
            VERSIONS.c.idempotency_key == idempotency_key,
        )
        row = conn.execute(query).first()
        return _info(row) if row else None

    def find_replay(self, dataset_key: str, idempotency_key: str) -> VersionInfo | None:
        with self._read() as conn:
            return self._replay(conn, dataset_key, idempotency_key)

    # --- Writing ------------------------------------------------------------------------

    def save(self, new: NewVersion, rules: SaveRules | None = None) -> SaveOutcome:
        check_dataset_key(new.dataset_key)
        rules = rules or SaveRules()
        # Encoding is pure CPU: done before the write lock is taken, to keep it short.
        encoded = {name: encode_table(new.dataset.tables[name]) for name in TABLE_IDS}
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                return self._save_once(new, rules, encoded)
            except sa.exc.DBAPIError as exc:
                retry = _sqlstate(exc) in RETRY_SQLSTATES or (
                    self.dialect == "sqlite" and _sqlite_locked(exc)
                )
                if not retry:
                    log.exception("saving a version of %s failed", new.dataset_key)
                    raise StorageError(str(exc.orig)) from exc
                if attempt == SAVE_ATTEMPTS:
                    raise StoreBusy(str(exc.orig)) from exc
                # Jittered exponential backoff, as the PostgreSQL documentation advises.
                time.sleep(random.uniform(0.02, 0.1) * 2**attempt)
        raise AssertionError("unreachable")

    def _save_once(
        self,
        new: NewVersion,
        rules: SaveRules,
        encoded: dict[str, tuple[list[list[str]], list[str]]],
    ) -> SaveOutcome:
        with self.engine.connect().execution_options(**{_WRITE: True}) as conn:
            transaction = conn.begin()
            try:
                outcome = self._write(conn, new, rules, encoded)
                if outcome.created:
                    transaction.commit()
                else:  # nothing to store: leave no trace, not even the dataset row
                    transaction.rollback()
                return outcome
            except BaseException:
                if transaction.is_active:
                    transaction.rollback()
                # After a failure (at COMMIT especially) the driver's connection may still
                # hold a transaction: close it rather than hand it to the next save.
                conn.invalidate()
                raise

    def _lock_dataset(self, conn: Connection, dataset_key: str, now: dt.datetime) -> None:
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            conn.execute(
                pg_insert(DATASETS)
                .values(key=dataset_key, created_at=now)
                .on_conflict_do_nothing(index_elements=["key"])
            )
            # The row lock serialises numbering: a second writer waits here.
            conn.execute(
                sa.select(DATASETS.c.key).where(DATASETS.c.key == dataset_key).with_for_update()
            )
        else:
            # BEGIN IMMEDIATE already holds the database's write lock.
            conn.execute(
                sa.insert(DATASETS).values(key=dataset_key, created_at=now).prefix_with("OR IGNORE")
            )

    def _write(
        self,
        conn: Connection,
        new: NewVersion,
        rules: SaveRules,
        encoded: dict[str, tuple[list[list[str]], list[str]]],
    ) -> SaveOutcome:
        now = self._clock()
        self._lock_dataset(conn, new.dataset_key, now)
        current = self._current(conn, new.dataset_key)
        replayed = (
            self._replay(conn, new.dataset_key, new.idempotency_key)
            if new.idempotency_key is not None
            else None
        )
        decided = decide(new, rules, current, replayed)
        if decided is not None:
            return decided
        info = new.info((current.number if current else 0) + 1, now)
        version_id = conn.execute(
            sa.insert(VERSIONS)
            .values(
                dataset_key=info.dataset_key,
                number=info.number,
                created_at=info.created_at,
                author=info.author,
                note=info.note,
                kind=info.kind,
                file_name=info.file_name,
                file_size=info.file_size,
                file_sha256=info.file_sha256,
                content_hash=info.content_hash,
                plans=info.counts.plans,
                measures=info.counts.measures,
                assessments=info.counts.assessments,
                events=info.counts.events,
                restored_from=info.restored_from,
                based_on=info.based_on,
                idempotency_key=new.idempotency_key,
                dataset_name=new.dataset.name,
                scale=encode_scale(new.dataset.scale),
                extras=encode_extras(new.dataset.extras),
            )
            .returning(VERSIONS.c.id)
        ).scalar_one()
        conn.execute(
            sa.insert(VERSION_FILES),
            [
                {
                    "version_id": version_id,
                    "position": i,
                    "name": f.name,
                    "size": f.size,
                    "sha256": f.sha256,
                    "content": f.data,
                }
                for i, f in enumerate(new.files)
            ],
        )
        conn.execute(
            sa.insert(VERSION_TABLES),
            [
                {
                    "version_id": version_id,
                    "table_name": name,
                    "columns": json.dumps(columns, ensure_ascii=False),
                    "row_count": len(records),
                }
                for name, (columns, records) in encoded.items()
            ],
        )
        self._insert_rows(conn, version_id, encoded)
        event = new.audit_event(info)
        if event is not None:
            self._insert_event(conn, clean_event(event, now))
        return SaveOutcome("created", info)

    @staticmethod
    def _insert_event(conn: Connection, event: AuditEvent) -> None:
        conn.execute(
            sa.insert(AUDIT).values(
                at=event.at,
                kind=event.kind,
                actor=event.actor,
                role=event.role,
                dataset_key=event.dataset_key,
                version=event.version,
                detail=event.detail,
            )
        )

    def _insert_rows(
        self,
        conn: Connection,
        version_id: int,
        encoded: dict[str, tuple[list[list[str]], list[str]]],
    ) -> None:
        rows = [
            (version_id, name, position, data)
            for name, (_columns, records) in encoded.items()
            for position, data in enumerate(records)
        ]
        if not rows:
            return
        if self.dialect == "postgresql":
            # COPY is an order of magnitude faster than INSERTs for 100,000 rows, and
            # runs on the same connection, so inside the same transaction.
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
            return
        conn.exec_driver_sql(
            "INSERT INTO version_rows (version_id, table_name, position, data) VALUES (?, ?, ?, ?)",
            rows,
        )

    # --- Users and the audit trail ---------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One short write transaction (SQLite: `BEGIN IMMEDIATE`), errors as `StorageError`."""
        try:
            with self.engine.connect().execution_options(**{_WRITE: True}) as conn:
                try:
                    with conn.begin():
                        yield conn
                except sa.exc.DBAPIError:
                    # As in `_save_once`: after a failed COMMIT the driver's connection may
                    # still hold a transaction; it is not handed to the next writer.
                    conn.invalidate()
                    raise
        except sa.exc.DBAPIError as exc:
            if self.dialect == "sqlite" and _sqlite_locked(exc):
                raise StoreBusy(str(exc.orig)) from exc
            log.exception("writing users or the audit trail failed")
            raise StorageError(str(exc.orig)) from exc

    def user_role(self, user_id: str) -> Role | None:
        query = sa.select(USERS.c.role).where(USERS.c.user_id == normalise_user_id(user_id))
        with self._read() as conn:
            role: Role | None = conn.scalar(query)
            return role

    def users(self) -> list[UserRole]:
        with self._read() as conn:
            rows = conn.execute(sa.select(USERS).order_by(USERS.c.user_id)).all()
        return [UserRole(r.user_id, r.role, r.updated_at, r.updated_by) for r in rows]

    def set_role(self, user_id: str, role: Role | None, *, by: Actor) -> None:
        by.require("manage_users")
        user_id = check_user_id(user_id)
        with self._writing() as conn:
            if self.dialect == "postgresql":
                # Every role change queues here: the count of admins read below stays true
                # until this transaction commits.
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({USERS_LOCK_ID})")
            old: Role | None = conn.scalar(
                sa.select(USERS.c.role).where(USERS.c.user_id == user_id)
            )
            admins = conn.scalar(
                sa.select(sa.func.count()).select_from(USERS).where(USERS.c.role == "admin")
            )
            if not decide_role(user_id, old, role, int(admins or 0)):
                return
            now = self._clock()
            if role is None:
                conn.execute(sa.delete(USERS).where(USERS.c.user_id == user_id))
            elif old is None:
                conn.execute(
                    sa.insert(USERS).values(
                        user_id=user_id, role=role, updated_at=now, updated_by=by.user_id
                    )
                )
            else:
                conn.execute(
                    sa.update(USERS)
                    .where(USERS.c.user_id == user_id)
                    .values(role=role, updated_at=now, updated_by=by.user_id)
                )
            event = AuditEvent.by(by, "role", detail=role_detail(user_id, old, role))
            self._insert_event(conn, clean_event(event, now))

    def account_user(self, issuer: str, subject: str) -> str | None:
        query = sa.select(ACCOUNTS.c.user_id).where(
            ACCOUNTS.c.issuer == issuer, ACCOUNTS.c.subject == subject
        )
        with self._read() as conn:
            found: str | None = conn.scalar(query)
            return found

    def account_of(self, user_id: str) -> tuple[str, str] | None:
        query = sa.select(ACCOUNTS.c.issuer, ACCOUNTS.c.subject).where(
            ACCOUNTS.c.user_id == normalise_user_id(user_id)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        return (row.issuer, row.subject) if row else None

    def bind_account(self, issuer: str, subject: str, user_id: str) -> bool:
        user_id = normalise_user_id(user_id)
        check_account(issuer, subject)
        with self._writing() as conn:
            # Neither an account already bound nor an address already taken is replaced:
            # the row read back says which account holds what.
            if self.dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as pg_insert

                statement: Any = pg_insert(ACCOUNTS).on_conflict_do_nothing()
            else:
                statement = sa.insert(ACCOUNTS).prefix_with("OR IGNORE")
            conn.execute(
                statement.values(
                    issuer=issuer, subject=subject, user_id=user_id, bound_at=self._clock()
                )
            )
            bound = conn.scalar(
                sa.select(ACCOUNTS.c.user_id).where(
                    ACCOUNTS.c.issuer == issuer, ACCOUNTS.c.subject == subject
                )
            )
        return bound == user_id

    def unbind_account(self, user_id: str, *, by: Actor) -> tuple[str, str] | None:
        by.require("manage_users")
        user_id = check_user_id(user_id)
        with self._writing() as conn:
            row = conn.execute(
                sa.select(ACCOUNTS.c.issuer, ACCOUNTS.c.subject).where(
                    ACCOUNTS.c.user_id == user_id
                )
            ).first()
            if row is None:
                return None
            conn.execute(sa.delete(ACCOUNTS).where(ACCOUNTS.c.user_id == user_id))
            detail = unbind_detail(user_id, row.issuer, row.subject)
            event = AuditEvent.by(by, "role", detail=detail)
            self._insert_event(conn, clean_event(event, self._clock()))
        return (row.issuer, row.subject)

    def record(self, event: AuditEvent) -> None:
        cleaned = clean_event(event, self._clock())
        with self._writing() as conn:
            self._insert_event(conn, cleaned)

    def audit(
        self, limit: int | None = None, kinds: Collection[AuditKind] | None = None
    ) -> list[AuditEvent]:
        # `id` rather than `at`: the order events were written, whatever the clocks said.
        query = sa.select(AUDIT).order_by(AUDIT.c.id.desc())
        if kinds is not None:
            query = query.where(AUDIT.c.kind.in_(list(kinds)))
        if limit is not None:
            query = query.limit(max(limit, 0))
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            AuditEvent(
                kind=r.kind,
                actor=r.actor,
                role=r.role,
                dataset_key=r.dataset_key,
                version=r.version,
                detail=r.detail,
                at=r.at,
            )
            for r in rows
        ]


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


__all__: Sequence[str] = ("METADATA", "SqlStore", "make_engine", "migrate", "sqlite_integrity")
