"""Who may do what: roles, the actor of every write, and the audit trail's vocabulary.

Two modes (`Settings.mode`): `local` (one laptop, no sign-in: whoever runs the app is its
admin) and `shared` (sign-in required; roles come from the `users` table, managed on the
admin page and with `plan-monitoring users`). Every write in the core takes an `Actor` and
checks it (`Actor.require`), so hiding a button is never the only guard.

Who a signed-in user is (`sign_in_decision`): the account is the provider's issuer and
subject (`iss`, `sub` of the ID token), which nobody else can claim. Roles are granted to
e-mail addresses (admins know those), so the first sign-in of an account binds it to its
e-mail address, and only when the address is trustworthy: the provider says it verified
it (`email_verified` true), or the issuer is one the operator trusts for e-mail
(`PLAN_MONITORING_TRUST_EMAIL_FROM`, for providers such as Microsoft Entra ID that send
no such claim). From then on the account keeps that address whatever its e-mail claim
says, and no other account can take the address: another account claiming it is refused.
`plan-monitoring users unbind EMAIL` frees the address again (it was handed to someone
else, or the account was replaced at the provider). Every refusal is in the audit
trail, with its reason (`REFUSALS`) and the account.

Roles, from least to most:

- `viewer`: reads every page and downloads charts, tables and dossiers;
- `editor`: also uploads new versions and restores old ones;
- `admin`: also manages roles and reads the audit trail.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t

if TYPE_CHECKING:
    import pandas as pd

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
Action = Literal["read", "export", "upload", "restore", "manage_users", "view_audit"]
ACTIONS: tuple[Action, ...] = get_args(Action)
# What each role may do; a role may do all its predecessors may.
PERMISSIONS: dict[Role, frozenset[Action]] = {
    "viewer": frozenset({"read", "export"}),
    "editor": frozenset({"read", "export", "upload", "restore"}),
    "admin": frozenset(ACTIONS),
}
# The audit trail's kinds of event.
AuditKind = Literal["upload", "restore", "export", "role", "sign_in", "refused"]
AUDIT_KINDS: tuple[AuditKind, ...] = get_args(AuditKind)
USER_ID_MAX_CHARS = 254  # an e-mail address's longest form
# Why a sign-in was refused, as the audit trail's detail starts (`audit.refusal.<code>`).
Refusal = Literal[
    "no-account", "no-email", "email-unverified", "email-unconfirmed", "email-taken",
    "unknown-user",
]  # fmt: skip
REFUSALS: tuple[Refusal, ...] = get_args(Refusal)


class Forbidden(Exception):
    """The actor's role does not allow the action; nothing was changed."""

    key = "access.forbidden"

    def __init__(self, actor: Actor, action: Action) -> None:
        super().__init__(f"{actor.user_id} ({actor.role}) may not {action}")
        self.actor = actor
        self.action = action
        self.params = {"action": action, "role": actor.role}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, the local user, or the command line.

    Attributes:
        user_id: the lowercase e-mail address in shared mode; `local:<os user>` otherwise.
        name: how to show them (the provider's display name, else the id).
        role: what they may do.
    """

    user_id: str
    name: str
    role: Role

    def can(self, action: Action) -> bool:
        """Whether this actor's role allows `action`."""
        return action in PERMISSIONS[self.role]

    def require(self, action: Action) -> None:
        """Raise `Forbidden` unless this actor's role allows `action`."""
        if not self.can(action):
            raise Forbidden(self, action)


def local_actor(name: str | None = None) -> Actor:
    """The person at the keyboard in local mode, or at the server's shell (the CLI): admin."""
    user = name or _os_user()
    return Actor(user_id=f"local:{user}", name=user, role="admin")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare container
        return "local"


def normalise_user_id(text: str) -> str:
    """The key a user is known by: the e-mail address, trimmed and lowercased."""
    return text.strip().lower()


def resolve_role(settings: Settings, stored: Role | None, user_id: str) -> Role | None:
    """The role of a signed-in user, or None when they are refused.

    Args:
        settings: `admins` are always admins (so an instance cannot lock itself out);
            `unknown_users` says what a user absent from the table gets.
        stored: the user's role in the `users` table, None when absent.
        user_id: the normalised e-mail address.
    """
    if user_id in settings.admins:
        return "admin"
    if stored is not None:
        return stored
    return "viewer" if settings.unknown_users == "viewer" else None


@dataclass(frozen=True)
class Identity:
    """What the identity provider says about a signed-in account (its ID token's claims).

    Attributes:
        issuer: `iss`, the provider (an https address).
        subject: `sub`, the account at that provider; with `issuer`, the account's key.
        email: the `email` claim, trimmed and lowercased ("" when absent).
        email_verified: the `email_verified` claim: True, False, or None when absent.
        name: how to show them (`name`, else the e-mail address).
    """

    issuer: str
    subject: str
    email: str
    email_verified: bool | None
    name: str

    @classmethod
    def from_claims(cls, claims: Mapping[str, object]) -> Identity:
        """Read the claims as Streamlit's `st.user` holds them; anything odd counts as absent.

        A `email_verified` given as the text "true"/"false" (some providers) is read as
        the boolean it spells; anything else that is not a boolean is absent.
        """
        verified = claims.get("email_verified")
        if isinstance(verified, str) and verified.strip().lower() in ("true", "false"):
            verified = verified.strip().lower() == "true"
        email = normalise_user_id(str(claims.get("email") or ""))
        return cls(
            issuer=str(claims.get("iss") or "").strip(),
            subject=str(claims.get("sub") or "").strip(),
            email=email,
            email_verified=verified if isinstance(verified, bool) else None,
            name=str(claims.get("name") or email),
        )

    @property
    def shown(self) -> str:
        """Who they claim to be, for messages and the trail: the e-mail, else the account."""
        return self.email or self.subject or "?"

    def refusal_detail(self, refusal: Refusal) -> str:
        """The audit detail of a refused sign-in: the reason's code, then the account."""
        return f"{refusal} · iss={self.issuer or '?'} · sub={self.subject or '?'}"


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in (`sign_in_decision`).

    Attributes:
        user_id: the account's e-mail address (its user id), or what it claimed when refused.
        role: the role granted; None when refused.
        refusal: why it was refused; None when granted.
        bind: the account is not yet bound to `user_id`: bind it now (its first sign-in).
    """

    user_id: str
    role: Role | None
    refusal: Refusal | None = None
    bind: bool = False


def sign_in_decision(
    who: Identity,
    settings: Settings,
    *,
    bound: str | None,
    owner: tuple[str, str] | None,
    stored_role: Callable[[str], Role | None],
) -> SignIn:
    """Decide who a signed-in account is and what it may do (see the module docstring).

    Args:
        who: the provider's claims.
        settings: `trust_email_from` (issuers trusted for e-mail without
            `email_verified`), `admins` and `unknown_users` (see `resolve_role`).
        bound: the user id this account (issuer, subject) is bound to, None if none yet.
        owner: the account (issuer, subject) the claimed e-mail address is bound to, if any.
        stored_role: the `users` table's role of a user id (None when absent).

    Returns:
        Who they are and their role, or the refusal.
    """
    if not who.issuer or not who.subject:
        return SignIn(who.shown, None, "no-account")
    if bound is not None:
        user_id = bound  # the account's key decides, whatever its e-mail claim says now
    else:
        if not who.email:
            return SignIn(who.shown, None, "no-email")
        if who.email_verified is False:
            return SignIn(who.email, None, "email-unverified")
        if who.email_verified is None and who.issuer not in settings.trust_email_from:
            return SignIn(who.email, None, "email-unconfirmed")
        if owner is not None and owner != (who.issuer, who.subject):
            return SignIn(who.email, None, "email-taken")
        user_id = who.email
    role = resolve_role(settings, stored_role(user_id), user_id)
    if role is None:
        return SignIn(user_id, None, "unknown-user")
    return SignIn(user_id, role, bind=bound is None)


def audit_detail(event: AuditEvent, lang: Lang) -> str:
    """An event's detail as shown: a refusal's reason code put in words in `lang`."""
    code, sep, rest = event.detail.partition(" · ")
    if event.kind == "refused" and code in REFUSALS:
        return t(f"audit.refusal.{code}", lang) + sep + rest
    return event.detail


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit trail.

    Attributes:
        kind: what happened (`upload`, `restore`, `export`, `role`, `sign_in`, `refused`).
        actor: the actor's `user_id`.
        role: the actor's role at the time.
        dataset_key: the dataset concerned, if any.
        version: the version stored, restored or exported, if any.
        detail: what else says what happened (a file name, `alice@x.org: viewer → editor`).
        at: when (UTC); set by the store when left None.
    """

    kind: AuditKind
    actor: str
    role: str
    dataset_key: str | None = None
    version: int | None = None
    detail: str = ""
    at: dt.datetime | None = field(default=None, compare=False)

    @classmethod
    def by(cls, actor: Actor, kind: AuditKind, **fields: object) -> AuditEvent:
        """An event done by `actor`."""
        return cls(kind=kind, actor=actor.user_id, role=actor.role, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class UserRole:
    """A row of the `users` table."""

    user_id: str
    role: Role
    updated_at: dt.datetime
    updated_by: str


def role_name(role: str | None, lang: Lang) -> str:
    """A role's name in `lang` (`Éditeur`), or "none" for no role (a refused sign-in)."""
    return t(f"access.role.{role}", lang) if role in ROLES else t("access.no_role", lang)


def audit_table(events: Sequence[AuditEvent], lang: Lang) -> pd.DataFrame:
    """The audit trail as a table with headers, kinds and roles in `lang` (for CSV/XLSX).

    Args:
        events: as `Store.audit` returns them.
        lang: the language of the headers and labels.

    Returns:
        One row per event: date (UTC, timezone-aware), event, who, their role then,
        dataset, version (nullable integer), detail.
    """
    # Here, not at the top: the command line's parser reads the roles and audit kinds,
    # and a command that never builds this table should not wait for pandas (~0.4 s).
    import pandas as pd

    columns = {
        "at": pd.Series([e.at for e in events], dtype="datetime64[ns, UTC]"),
        "kind": [t(f"audit.kind.{e.kind}", lang) for e in events],
        "actor": [e.actor for e in events],
        "role": [role_name(e.role, lang) for e in events],
        "dataset": [e.dataset_key or "" for e in events],
        "version": pd.Series([e.version for e in events], dtype="Int64"),
        "detail": [audit_detail(e, lang) for e in events],
    }
    return pd.DataFrame({t(f"audit.col.{name}", lang): data for name, data in columns.items()})
