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

SQLite: writes begin with `BEGIN IMMEDIATE` (the write lock is taken before the version
number is read, so two writers queue instead of failing), reads with a deferred `BEGIN`
(one WAL snapshot: a reader never sees half a version). PostgreSQL: the dataset row is
locked (`SELECT … FOR UPDATE`) before numbering; saves are retried a bounded number of
times on serialization failure, deadlock or unique violation; reads run at REPEATABLE
READ, so a read transaction is one snapshot there too.

The parts, each in its module: the tables (`tables`), what differs between SQLite and
PostgreSQL (`dialects`), the engine (`engine`), the network filesystem check
(`filesystem`) and the migrations (`migrate`); this module is the store written once
against them, and keeps their public names importable from here.

Why one module: `SqlStore` is one class implementing the whole `Store` interface (versions,
users and accounts, the audit trail), all on the same transaction helpers.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import random
import time
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitoring.contract.dataset import TABLE_IDS, Dataset
from monitoring.storage import (
    Counts,
    NewVersion,
    SaveOutcome,
    SaveRules,
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
from monitoring.storage.access import (
    Actor,
    AuditEvent,
    AuditKind,
    Role,
    UserRole,
    normalise_user_id,
)
from monitoring.storage.dialects import RETRY_SQLSTATES, SQLITE_BUSY_TIMEOUT_MS, WRITE, dialect_of
from monitoring.storage.engine import (
    log_is_empty,
    make_engine,
    sqlite_integrity,
    sqlite_path,
    table_counts,
)
from monitoring.storage.filesystem import (
    MOUNTS_FILE,
    NETWORK_FILESYSTEMS,
    check_local_filesystem,
    filesystem_type,
    is_network_filesystem,
    parse_mounts,
)
from monitoring.storage.migrate import (
    MIGRATION_LOCK_ID,
    MIGRATIONS_DIR,
    database_revisions,
    known_revisions,
    migrate,
)
from monitoring.storage.rows import (
    decode_extras,
    decode_scale,
    decode_table,
    encode_extras,
    encode_scale,
    encode_table,
)
from monitoring.storage.tables import (
    ACCOUNTS,
    AUDIT,
    DATASETS,
    INFO_COLUMNS,
    METADATA,
    USERS,
    VERSION_FILES,
    VERSION_ROWS,
    VERSION_TABLES,
    VERSIONS,
    UTCDateTime,
)

log = logging.getLogger(__name__)

SAVE_ATTEMPTS = 5
# An arbitrary constant: the advisory lock that serialises role changes on PostgreSQL.
USERS_LOCK_ID = 0x55534552  # "USER"


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
        self.dialect = dialect_of(url)
        self._clock = lambda: dt.datetime.now(dt.UTC)
        try:
            if migrate_schema:
                migrate(self.engine)
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            path = sqlite_path(url)
            if path is None or not path.is_file() or not self.dialect.is_unwritable(exc):
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
        if not log_is_empty(path):
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
                conn = self.dialect.reading(conn)
                with conn.begin():
                    yield conn
        except sa.exc.DBAPIError as exc:
            if self.dialect.is_busy(exc):
                raise StoreBusy(str(exc)) from exc
            raise StorageError(str(exc)) from exc

    def dataset_keys(self) -> list[str]:
        query = sa.select(VERSIONS.c.dataset_key).distinct().order_by(VERSIONS.c.dataset_key)
        with self._read() as conn:
            return list(conn.scalars(query))

    def versions(self, dataset_key: str) -> list[VersionInfo]:
        query = (
            sa.select(*INFO_COLUMNS)
            .where(VERSIONS.c.dataset_key == dataset_key)
            .order_by(VERSIONS.c.number)
        )
        with self._read() as conn:
            return [_info(row) for row in conn.execute(query)]

    @staticmethod
    def _current(conn: Connection, dataset_key: str) -> VersionInfo | None:
        query = (
            sa.select(*INFO_COLUMNS)
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
        query = sa.select(*INFO_COLUMNS).where(
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
                if not self.dialect.should_retry(exc):
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
        with self.engine.connect().execution_options(**{WRITE: True}) as conn:
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

    def _write(
        self,
        conn: Connection,
        new: NewVersion,
        rules: SaveRules,
        encoded: dict[str, tuple[list[list[str]], list[str]]],
    ) -> SaveOutcome:
        now = self._clock()
        self.dialect.lock_dataset(conn, DATASETS, new.dataset_key, now)
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
        self.dialect.insert_rows(conn, rows)

    # --- Users and the audit trail ---------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One short write transaction (SQLite: `BEGIN IMMEDIATE`), errors as `StorageError`."""
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn:
                try:
                    with conn.begin():
                        yield conn
                except sa.exc.DBAPIError:
                    # As in `_save_once`: after a failed COMMIT the driver's connection may
                    # still hold a transaction; it is not handed to the next writer.
                    conn.invalidate()
                    raise
        except sa.exc.DBAPIError as exc:
            if self.dialect.is_busy(exc):
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
            # Every role change queues here: the count of admins read below stays true
            # until this transaction commits.
            self.dialect.lock(conn, USERS_LOCK_ID)
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
            conn.execute(
                self.dialect.insert_ignoring_conflicts(ACCOUNTS).values(
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


__all__: Sequence[str] = (
    "ACCOUNTS",
    "AUDIT",
    "DATASETS",
    "METADATA",
    "MIGRATIONS_DIR",
    "MIGRATION_LOCK_ID",
    "MOUNTS_FILE",
    "NETWORK_FILESYSTEMS",
    "RETRY_SQLSTATES",
    "SQLITE_BUSY_TIMEOUT_MS",
    "USERS",
    "VERSIONS",
    "VERSION_FILES",
    "VERSION_ROWS",
    "VERSION_TABLES",
    "SqlStore",
    "UTCDateTime",
    "check_local_filesystem",
    "database_revisions",
    "filesystem_type",
    "is_network_filesystem",
    "known_revisions",
    "make_engine",
    "migrate",
    "parse_mounts",
    "sqlite_integrity",
    "sqlite_path",
    "table_counts",
)
