"""Versions: what a store keeps of each, what a save asks for, and `decide()`, the rule
every store applies before writing one."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from monitoring.storage.access import AuditEvent
from monitoring.storage.errors import InvalidDatasetKey
from monitoring.storage.users import clean_event

if TYPE_CHECKING:
    # Annotations only: the command line's parser checks `DATASET_KEY` without pandas.
    from monitoring.contract.dataset import Dataset

VersionKind = Literal["upload", "partial", "restore", "seed"]
SaveReason = Literal["created", "identical", "replayed", "exists", "stale"]

# A dataset key is shown in URLs and file names: keep it short and plain.
DATASET_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


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

    name: str  # sanitised for display (`monitoring.intake.reading.display_name`)
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
