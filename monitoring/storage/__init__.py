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
identity-provider account each address belongs to (`accounts`: see `monitoring.access`),
and the audit trail (`audit`: append-only). A role change writes its `role` event in the same
transaction, and so does a version saved with an `audit` event: the trail never says
something happened that did not, nor misses something that did. `decide_role()` is the
shared rule of role changes (the last admin of the table is never removed or demoted).
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from monitoring.access import (
    AUDIT_KINDS,
    ROLES,
    USER_ID_MAX_CHARS,
    Actor,
    AuditEvent,
    AuditKind,
    Role,
    UserRole,
    normalise_user_id,
)
from monitoring.settings import EMAIL

if TYPE_CHECKING:
    # Annotations only: the command line's parser checks `DATASET_KEY` without pandas.
    from monitoring.dataset import Dataset
    from monitoring.settings import Settings

VersionKind = Literal["upload", "partial", "restore", "seed"]
SaveReason = Literal["created", "identical", "replayed", "exists", "stale"]

# A dataset key is shown in URLs and file names: keep it short and plain.
DATASET_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
# An e-mail address, loosely (the identity provider has verified it; this only catches
# typing mistakes at the command line): the same form `PLAN_MONITORING_ADMINS` accepts.
USER_ID = EMAIL
AUDIT_DETAIL_MAX_CHARS = 2_000
AUDIT_ACTOR_MAX_CHARS = USER_ID_MAX_CHARS
NO_ROLE = "—"  # how an absent role reads in a `role` event's detail


class StorageError(Exception):
    """Saving or reading failed; nothing was changed. `key` names the message for users."""

    key = "storage.failed"

    def __init__(self, detail: str = "", **params: Any) -> None:
        super().__init__(detail or self.key)
        self.params = params


class StoreBusy(StorageError):
    """Another save held the database for too long; trying again later will work."""

    key = "storage.busy"


class StoreUnwritable(StorageError):
    """The SQLite store can be neither written (full disk, read-only) nor read safely.

    Its write-ahead log holds commits that only a writable store can read, or its schema
    needs a migration. `params`: `path`.
    """

    key = "storage.unwritable"


class SchemaTooNew(StorageError):
    """The database was migrated by a newer release: this one refuses to touch it."""

    key = "storage.schema_too_new"


class NetworkFilesystem(StorageError):
    """The SQLite file is on a network filesystem, where its locks cannot be trusted.

    `params`: `path` (the state folder) and `fstype` (e.g. `nfs4`). Refused at start
    unless `PLAN_MONITORING_ALLOW_NETWORK_FS=1` (unsupported).
    """

    key = "storage.network_filesystem"


class VersionNotFound(StorageError):
    """No such dataset version."""

    key = "storage.version_not_found"


class InvalidDatasetKey(StorageError):
    """A dataset key that is not lowercase letters, digits, `-` and `_`."""

    key = "storage.invalid_dataset_key"


class InvalidUserId(StorageError):
    """A user id that is not an e-mail address of at most 254 characters (`params`: `user`)."""

    key = "access.invalid_email"


class LastAdmin(StorageError):
    """Removing or demoting the table's last admin would leave nobody to manage roles.

    `params`: `user`. Nothing was changed.
    """

    key = "access.last_admin"


def check_user_id(text: str) -> str:
    """Return the normalised e-mail address, or raise `InvalidUserId`.

    Args:
        text: an e-mail address as typed (any case, spaces around).

    Returns:
        It trimmed and lowercased (`access.normalise_user_id`).
    """
    user_id = normalise_user_id(text)
    # Shown back in the message: controls made visible, so `a\x00@b.c` does not read valid.
    shown = "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
    shown = shown.strip()[:80]
    if len(user_id) > USER_ID_MAX_CHARS or not USER_ID.match(user_id):
        raise InvalidUserId(f"not an e-mail address: {shown!r}", user=shown)
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in user_id):
        raise InvalidUserId(f"control characters in {shown!r}", user=shown)
    return user_id


def audit_text(text: str, limit: int = AUDIT_DETAIL_MAX_CHARS) -> str:
    """Text safe to keep in the audit trail: no control characters (line breaks become
    spaces), trimmed, at most `limit` characters. PostgreSQL refuses NUL in text, and a
    terminal would obey escape sequences when `plan-monitoring audit` prints it."""
    kept = "".join(
        " " if ch in "\n\r\t" else ch
        for ch in text
        if ch in "\n\r\t" or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return kept.strip()[:limit]


def clean_event(event: AuditEvent, at: dt.datetime) -> AuditEvent:
    """The event as the store keeps it: its time set (when None), its text cleaned.

    Raises `ValueError` for a kind or role the trail does not know (a programming error).
    """
    if event.kind not in AUDIT_KINDS:
        raise ValueError(f"unknown audit kind {event.kind!r}")
    refused = event.kind == "refused" and event.role == NO_ROLE  # signed in, given no role
    if event.role not in ROLES and not refused:
        raise ValueError(f"unknown role {event.role!r}")
    when = event.at if event.at is not None else at
    if when.tzinfo is None:
        raise ValueError("naive datetime: audit times are UTC")
    return replace(
        event,
        actor=audit_text(event.actor, AUDIT_ACTOR_MAX_CHARS),
        detail=audit_text(event.detail),
        at=when.astimezone(dt.UTC),
    )


def check_account(issuer: str, subject: str) -> None:
    """Refuse (`ValueError`, a programming error) an account without issuer or subject."""
    if not issuer.strip() or not subject.strip():
        raise ValueError("an account needs an issuer and a subject")


def unbind_detail(user_id: str, issuer: str, subject: str) -> str:
    """The detail of the `role` event that frees an address from its account."""
    return f"{user_id}: account unbound · iss={issuer} · sub={subject}"


def role_detail(user_id: str, old: Role | None, new: Role | None) -> str:
    """The detail of a `role` event: `alice@x.org: viewer → editor` (`—` for no role)."""
    return f"{user_id}: {old or NO_ROLE} → {new or NO_ROLE}"


def decide_role(user_id: str, old: Role | None, new: Role | None, admins: int) -> bool:
    """Whether a role change is to be written, read inside its write transaction.

    Args:
        user_id: the user whose role changes.
        old: their role in the table now (None: absent).
        new: the role asked for (None: remove).
        admins: how many admins the table holds now.

    Returns:
        False when nothing changes (the same role, or removing an absent user). Raises
        `LastAdmin` when the change would leave the table without any admin.
    """
    if new is not None and new not in ROLES:
        raise ValueError(f"unknown role {new!r}")
    if old == new:
        return False
    if old == "admin" and admins <= 1:
        raise LastAdmin(f"{user_id} is the last admin", user=user_id)
    return True


def check_dataset_key(key: str) -> str:
    """Return `key` if it is a valid dataset key, else raise `InvalidDatasetKey`.

    Args:
        key: the dataset key (e.g. `france`).

    Returns:
        The same key.
    """
    if not DATASET_KEY.match(key):
        raise InvalidDatasetKey(f"invalid dataset key {key!r}", dataset=key)
    return key


@dataclass(frozen=True)
class StoredFile:
    """One original file of a version, byte for byte."""

    name: str  # sanitised for display (`monitoring.reading.display_name`)
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def files_sha256(files: Sequence[StoredFile]) -> str:
    """The sha256 of an upload: the file's own for one file.

    For several files (one CSV per sheet) it is the sha256 of the lines `<sha256>  <name>`
    in the order given, as `sha256sum` prints them, so it can be checked by hand.
    """
    if len(files) == 1:
        return files[0].sha256
    listing = "".join(f"{f.sha256}  {f.name}\n" for f in files)
    return hashlib.sha256(listing.encode()).hexdigest()


def files_label(files: Sequence[StoredFile]) -> str:
    """The file name shown for a version: the one name, or the names joined by ` + `."""
    return " + ".join(f.name for f in files)


@dataclass(frozen=True)
class Counts:
    """What a version holds, as shown in the history."""

    plans: int
    measures: int
    assessments: int
    events: int

    @classmethod
    def of(cls, dataset: Dataset) -> Counts:
        return cls(
            plans=len(dataset.plans),
            measures=len(dataset.measures),
            assessments=len(dataset.status_updates),
            events=len(dataset.events),
        )


@dataclass(frozen=True)
class VersionInfo:
    """One stored version, without its data (the history lists these)."""

    dataset_key: str
    number: int
    created_at: dt.datetime  # timezone-aware, UTC
    author: str
    note: str
    kind: VersionKind
    file_name: str
    file_size: int
    file_sha256: str
    content_hash: str  # `Dataset.content_hash()` of the stored tables
    counts: Counts
    restored_from: int | None = None  # the version a restore copied
    based_on: int | None = None  # the version a partial update was appended to

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO 8601 with `Z`)."""
        return {
            "dataset": self.dataset_key,
            "version": self.number,
            "created_at": self.created_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "author": self.author,
            "note": self.note,
            "kind": self.kind,
            "file_name": self.file_name,
            "file_size": self.file_size,
            "file_sha256": self.file_sha256,
            "content_hash": self.content_hash,
            "plans": self.counts.plans,
            "measures": self.counts.measures,
            "assessments": self.counts.assessments,
            "events": self.counts.events,
            "restored_from": self.restored_from,
            "based_on": self.based_on,
        }


@dataclass(frozen=True)
class NewVersion:
    """What a save is asked to store; the number and time are given by the store."""

    dataset_key: str
    dataset: Dataset
    files: tuple[StoredFile, ...]
    author: str
    note: str
    kind: VersionKind = "upload"
    restored_from: int | None = None
    based_on: int | None = None
    # Ties retries of one user action (a rerun, a double click) to one version.
    idempotency_key: str | None = None
    content_hash: str = ""  # computed from `dataset` when left empty
    # Written in the save's own transaction, only when a version is created; its
    # `version` (and `dataset_key` when None) filled in with the new version's.
    audit: AuditEvent | None = None

    def __post_init__(self) -> None:
        check_dataset_key(self.dataset_key)
        if not self.files:
            raise ValueError("a version keeps at least one original file")
        if not self.content_hash:
            object.__setattr__(self, "content_hash", self.dataset.content_hash())
        if self.audit is not None:  # an unknown kind or role fails here, not mid-transaction
            clean_event(self.audit, dt.datetime.now(dt.UTC))

    def info(self, number: int, created_at: dt.datetime) -> VersionInfo:
        """The `VersionInfo` this version gets once stored as `number`."""
        return VersionInfo(
            dataset_key=self.dataset_key,
            number=number,
            created_at=created_at,
            author=self.author,
            note=self.note,
            kind=self.kind,
            file_name=files_label(self.files),
            file_size=sum(f.size for f in self.files),
            file_sha256=files_sha256(self.files),
            content_hash=self.content_hash,
            counts=Counts.of(self.dataset),
            restored_from=self.restored_from,
            based_on=self.based_on,
        )

    def audit_event(self, info: VersionInfo) -> AuditEvent | None:
        """The audit event to write with the stored version `info`, if any."""
        if self.audit is None:
            return None
        key = self.audit.dataset_key or info.dataset_key
        return replace(self.audit, dataset_key=key, version=info.number, at=info.created_at)


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did.

    `created` is True only when a new version was written. Otherwise `reason` says why:
    `identical` (same content as the current version, `version`), `replayed` (the same
    idempotency key already stored `version`), `exists` (`only_if_empty` and the dataset
    has versions; `version` is the current one), `stale` (the current version is no
    longer `expected_current`; `version` is the current one, None for an empty dataset).
    """

    reason: SaveReason
    version: VersionInfo | None

    @property
    def created(self) -> bool:
        return self.reason == "created"


# `expected_current` value meaning "whatever the current version is".
ANY_VERSION = -1


@dataclass(frozen=True)
class SaveRules:
    """The conditions of one save, checked inside its write transaction."""

    skip_identical: bool = True  # identical content to the current version: store nothing
    only_if_empty: bool = False  # seeding: store only if the dataset has no version
    expected_current: int | None = ANY_VERSION  # a partial update's base (None: empty)


def decide(
    new: NewVersion,
    rules: SaveRules,
    current: VersionInfo | None,
    replayed: VersionInfo | None,
) -> SaveOutcome | None:
    """Decide whether a save stores nothing, from what its transaction read.

    Args:
        new: the version to store.
        rules: its conditions.
        current: the current version of the dataset, read under the write lock.
        replayed: the version already stored with `new.idempotency_key`, if any.

    Returns:
        The outcome when nothing must be stored, or None when the version is to be written.
    """
    if replayed is not None:
        return SaveOutcome("replayed", replayed)
    if rules.only_if_empty and current is not None:
        return SaveOutcome("exists", current)
    if rules.expected_current != ANY_VERSION:
        number = current.number if current else None
        if number != rules.expected_current:
            return SaveOutcome("stale", current)
    if rules.skip_identical and current is not None and current.content_hash == new.content_hash:
        return SaveOutcome("identical", current)
    return None


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
