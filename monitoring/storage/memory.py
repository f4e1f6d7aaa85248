"""An in-memory `Store` for unit tests: the same behaviour as the SQL one, in a dict.

It keeps deep copies of what it is given and hands out deep copies, so a test cannot
change a stored version by mutating a frame, exactly as with a database. `fail_next_save`
makes the next save fail after its checks, as a database error at commit would. Users
and the audit trail are kept in the same lock as the versions, so a version and its audit
event appear together or not at all.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass

from monitoring.contract.dataset import Dataset
from monitoring.storage import (
    NewVersion,
    SaveOutcome,
    SaveRules,
    StorageError,
    Store,
    StoredFile,
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
        self._users: dict[str, UserRole] = {}
        self._audit: list[AuditEvent] = []  # oldest first, as appended
        self._accounts: dict[tuple[str, str], str] = {}  # (issuer, subject) → user id
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
            event = new.audit_event(info)
            cleaned = clean_event(event, info.created_at) if event is not None else None
            self._data.setdefault(new.dataset_key, []).append(
                _Stored(info, _copy(new.dataset), new.files, new.idempotency_key)
            )
            if cleaned is not None:
                self._audit.append(cleaned)
            return SaveOutcome("created", info)

    # --- Users and the audit trail ---------------------------------------------------

    def user_role(self, user_id: str) -> Role | None:
        with self._lock:
            found = self._users.get(normalise_user_id(user_id))
            return found.role if found else None

    def users(self) -> list[UserRole]:
        with self._lock:
            return [self._users[k] for k in sorted(self._users)]

    def set_role(self, user_id: str, role: Role | None, *, by: Actor) -> None:
        by.require("manage_users")
        user_id = check_user_id(user_id)
        with self._lock:
            found = self._users.get(user_id)
            old = found.role if found else None
            admins = sum(1 for u in self._users.values() if u.role == "admin")
            if not decide_role(user_id, old, role, admins):
                return
            now = self._clock()
            event = AuditEvent.by(by, "role", detail=role_detail(user_id, old, role))
            cleaned = clean_event(event, now)
            if role is None:
                del self._users[user_id]
            else:
                self._users[user_id] = UserRole(user_id, role, now, by.user_id)
            self._audit.append(cleaned)

    def account_user(self, issuer: str, subject: str) -> str | None:
        with self._lock:
            return self._accounts.get((issuer, subject))

    def account_of(self, user_id: str) -> tuple[str, str] | None:
        user_id = normalise_user_id(user_id)
        with self._lock:
            return next((k for k, v in self._accounts.items() if v == user_id), None)

    def bind_account(self, issuer: str, subject: str, user_id: str) -> bool:
        check_account(issuer, subject)
        user_id = normalise_user_id(user_id)
        with self._lock:
            taken = user_id in self._accounts.values()
            if (issuer, subject) not in self._accounts and not taken:
                self._accounts[(issuer, subject)] = user_id
            return self._accounts.get((issuer, subject)) == user_id

    def unbind_account(self, user_id: str, *, by: Actor) -> tuple[str, str] | None:
        by.require("manage_users")
        user_id = check_user_id(user_id)
        with self._lock:
            account = next((k for k, v in self._accounts.items() if v == user_id), None)
            if account is None:
                return None
            del self._accounts[account]
            event = AuditEvent.by(by, "role", detail=unbind_detail(user_id, *account))
            self._audit.append(clean_event(event, self._clock()))
        return account

    def record(self, event: AuditEvent) -> None:
        with self._lock:
            self._audit.append(clean_event(event, self._clock()))

    def audit(
        self, limit: int | None = None, kinds: Collection[AuditKind] | None = None
    ) -> list[AuditEvent]:
        with self._lock:
            wanted = [e for e in reversed(self._audit) if kinds is None or e.kind in kinds]
        return wanted if limit is None else wanted[: max(limit, 0)]
