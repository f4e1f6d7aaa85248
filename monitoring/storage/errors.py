"""The errors of the version store: each names the message users read (`key`)."""

from __future__ import annotations

from typing import Any


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
