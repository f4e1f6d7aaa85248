"""The version store: one small interface, a SQL implementation and an in-memory fake.

Every accepted upload becomes an immutable *version* of a dataset (`france`, `demo`, or
any key a coalition creates): its number (1, 2, … per dataset), the original files'
bytes and sha256, the parsed tables, who, when (UTC), the note. "Current" is the highest
number. Nothing is ever updated or deleted: a restore is a new version equal to an
older one.

`Store` is the interface; `monitoring.storage.sql.SqlStore` keeps versions in SQLite or
PostgreSQL, `monitoring.storage.memory.MemoryStore` in a dict (unit tests). Both share
`decide()`, so a save behaves the same whatever keeps it. `open_store(settings)` opens
the store the settings name, migrating its schema first.

The store also keeps who may do what (`users`: one role per e-mail address), which
identity-provider account each address belongs to (`accounts`: see `monitoring.storage.access`),
and the audit trail (`audit`: append-only). A role change writes its `role` event in the same
transaction, and so does a version saved with an `audit` event: the trail never says
something happened that did not, nor misses something that did. `decide_role()` is the
shared rule of role changes (the last admin of the table is never removed or demoted).

The parts: `errors`, `versions` (the version model and `decide()`), `users` (the rules
of users, accounts and the audit trail); this module holds the `Store` interface and
keeps their names importable from here.
"""

from __future__ import annotations

import abc
from collections.abc import Collection
from typing import TYPE_CHECKING

from monitoring.storage.access import Actor, AuditEvent, AuditKind, Role, UserRole
from monitoring.storage.errors import (
    InvalidDatasetKey,
    InvalidUserId,
    LastAdmin,
    NetworkFilesystem,
    SchemaTooNew,
    StorageError,
    StoreBusy,
    StoreUnwritable,
    VersionNotFound,
)
from monitoring.storage.users import (
    AUDIT_ACTOR_MAX_CHARS,
    AUDIT_DETAIL_MAX_CHARS,
    NO_ROLE,
    USER_ID,
    audit_text,
    check_account,
    check_user_id,
    clean_event,
    decide_role,
    role_detail,
    unbind_detail,
)
from monitoring.storage.versions import (
    ANY_VERSION,
    DATASET_KEY,
    Counts,
    NewVersion,
    SaveOutcome,
    SaveReason,
    SaveRules,
    StoredFile,
    VersionInfo,
    VersionKind,
    check_dataset_key,
    decide,
    files_label,
    files_sha256,
)

if TYPE_CHECKING:
    # Annotations only: the command line's parser checks `DATASET_KEY` without pandas.
    from monitoring.config.settings import Settings
    from monitoring.contract.dataset import Dataset

__all__ = [
    "ANY_VERSION",
    "AUDIT_ACTOR_MAX_CHARS",
    "AUDIT_DETAIL_MAX_CHARS",
    "DATASET_KEY",
    "NO_ROLE",
    "USER_ID",
    "Counts",
    "InvalidDatasetKey",
    "InvalidUserId",
    "LastAdmin",
    "NetworkFilesystem",
    "NewVersion",
    "SaveOutcome",
    "SaveReason",
    "SaveRules",
    "SchemaTooNew",
    "StorageError",
    "Store",
    "StoreBusy",
    "StoreUnwritable",
    "StoredFile",
    "VersionInfo",
    "VersionKind",
    "VersionNotFound",
    "audit_text",
    "check_account",
    "check_dataset_key",
    "check_user_id",
    "clean_event",
    "decide",
    "decide_role",
    "files_label",
    "files_sha256",
    "open_store",
    "role_detail",
    "unbind_detail",
]


class Store(abc.ABC):
    """Keeps every version of every dataset. Implementations are safe across threads.

    `writable` is False for a SQLite store opened read-only because nothing can be
    written to it (a full disk, a read-only file): reads work, every write fails.
    """

    writable: bool = True

    @abc.abstractmethod
    def dataset_keys(self) -> list[str]:
        """Return the keys of the datasets that have at least one version, sorted."""

    @abc.abstractmethod
    def versions(self, dataset_key: str) -> list[VersionInfo]:
        """Return every version of a dataset, oldest first (empty for an unknown dataset)."""

    @abc.abstractmethod
    def current(self, dataset_key: str) -> VersionInfo | None:
        """Return the highest version of a dataset, None when it has none."""

    @abc.abstractmethod
    def version(self, dataset_key: str, number: int) -> VersionInfo:
        """Return one version; raise `VersionNotFound` when there is no such version."""

    @abc.abstractmethod
    def read_dataset(self, dataset_key: str, number: int) -> Dataset:
        """Return the tables of one version with their dtypes, as they were stored.

        Raises `VersionNotFound` when there is no such version.
        """

    @abc.abstractmethod
    def read_files(self, dataset_key: str, number: int) -> list[StoredFile]:
        """Return the original files of one version, byte for byte."""

    @abc.abstractmethod
    def find_replay(self, dataset_key: str, idempotency_key: str) -> VersionInfo | None:
        """Return the version stored with this idempotency key, if any."""

    @abc.abstractmethod
    def save(self, new: NewVersion, rules: SaveRules | None = None) -> SaveOutcome:
        """Store `new` as the next version, atomically, unless `decide()` says otherwise.

        The number is allocated inside the write transaction, so concurrent saves get
        consecutive numbers. `new.audit`, when given, is written in the same transaction
        (with the version's number) only when a version is created. Raises `StoreBusy` when
        the database stayed locked, and `StorageError` for any other failure; in both cases
        nothing was stored, no audit event either.
        """

    # --- Users and the audit trail ---------------------------------------------------

    @abc.abstractmethod
    def user_role(self, user_id: str) -> Role | None:
        """Return the role the `users` table gives `user_id` (normalised), None if absent."""

    @abc.abstractmethod
    def users(self) -> list[UserRole]:
        """Return every row of the `users` table, sorted by user id."""

    @abc.abstractmethod
    def set_role(self, user_id: str, role: Role | None, *, by: Actor) -> None:
        """Give `user_id` a role, or remove them (`role=None`), with its audit event.

        `by.require("manage_users")` is checked before anything is read. The `role` event
        (`alice@x.org: viewer → editor`) is written in the same transaction. Setting the
        role a user already has, or removing an absent user, changes and records nothing.

        Raises `Forbidden` (not an admin), `InvalidUserId` (not an e-mail address),
        `LastAdmin` (removing or demoting the table's last admin), `StoreBusy` or
        `StorageError`; in each case nothing was changed.
        """

    # --- Accounts (issuer, subject) bound to user ids --------------------------------

    @abc.abstractmethod
    def account_user(self, issuer: str, subject: str) -> str | None:
        """Return the user id the account (`iss`, `sub`) is bound to, None if none yet."""

    @abc.abstractmethod
    def account_of(self, user_id: str) -> tuple[str, str] | None:
        """Return the account (issuer, subject) bound to `user_id`, None if none."""

    @abc.abstractmethod
    def bind_account(self, issuer: str, subject: str, user_id: str) -> bool:
        """Bind the account to `user_id` unless either is bound already.

        Returns:
            True when the account is (now, or already was) bound to `user_id`; False
            when it is bound to another user id, or `user_id` to another account (two
            first sign-ins racing for one address: one wins). Raises `StoreBusy` or
            `StorageError` when it could not be written.
        """

    @abc.abstractmethod
    def unbind_account(self, user_id: str, *, by: Actor) -> tuple[str, str] | None:
        """Free `user_id` from the account bound to it, with a `role` audit event.

        The next account that signs in with that (verified) address is bound to it: for
        an address handed to someone else, or an account replaced at the provider.
        `by.require("manage_users")` is checked first.

        Returns:
            The account (issuer, subject) that was bound; None when none was (nothing is
            changed or recorded then).
        """

    @abc.abstractmethod
    def record(self, event: AuditEvent) -> None:
        """Append an event to the audit trail (its `at` set to now when None).

        Raises `StoreBusy` or `StorageError` when it could not be written.
        """

    @abc.abstractmethod
    def audit(
        self, limit: int | None = None, kinds: Collection[AuditKind] | None = None
    ) -> list[AuditEvent]:
        """Return audit events, newest first.

        Args:
            limit: at most this many (all when None).
            kinds: only these kinds (all when None).
        """

    def close(self) -> None:  # noqa: B027 - optional for stores that hold no resource
        """Release connections."""


def open_store(settings: Settings) -> Store:
    """Open the store the settings name (SQLite by default), migrating its schema first.

    Args:
        settings: `database_url` (PostgreSQL) or `state_dir` (SQLite) are used, and
            `allow_network_fs` (a SQLite file on a network filesystem, unsupported).

    Returns:
        A ready `SqlStore`. Raises `SchemaTooNew` on a database of a newer release, and
        `NetworkFilesystem` when the SQLite file would sit on a network share.
    """
    from monitoring.storage.sql import SqlStore

    return SqlStore(settings.store_url, allow_network_fs=settings.allow_network_fs)
