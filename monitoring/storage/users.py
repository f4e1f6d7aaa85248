"""The rules of users, accounts and the audit trail, shared by every store."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

from monitoring.config.settings import EMAIL
from monitoring.storage.access import (
    AUDIT_KINDS,
    ROLES,
    USER_ID_MAX_CHARS,
    AuditEvent,
    Role,
    normalise_user_id,
)
from monitoring.storage.errors import InvalidUserId, LastAdmin

# An e-mail address, loosely (the identity provider has verified it; this only catches
# typing mistakes at the command line): the same form `PLAN_MONITORING_ADMINS` accepts.
USER_ID = EMAIL
AUDIT_DETAIL_MAX_CHARS = 2_000
AUDIT_ACTOR_MAX_CHARS = USER_ID_MAX_CHARS
NO_ROLE = "—"  # how an absent role reads in a `role` event's detail


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
