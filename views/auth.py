"""The gate every run passes before any data is read: who is this, and may they come in.

Local mode: nobody signs in; the person at the keyboard is the admin (the server listens
on 127.0.0.1 only, which the start-up checks enforce). Shared mode: Streamlit's OpenID
Connect sign-in (`st.login`, configured in `.streamlit/secrets.toml`), then the role from
the `users` table (`monitoring.storage.access.resolve_role`). A refused user sees who they are
signed in as and how to get access, nothing else.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from monitoring.config.settings import Settings
from monitoring.contract.schema import LANGS, Lang
from monitoring.storage import NO_ROLE
from monitoring.storage.access import (
    Action,
    Actor,
    AuditEvent,
    Identity,
    SignIn,
    local_actor,
    sign_in_decision,
)
from monitoring.text.i18n import language_name, plain, t
from views.common import store
from views.widgets import page_language

log = logging.getLogger("plan_monitoring.auth")
SIGNED_IN = "_auth_recorded"  # the session's sign-in is in the audit trail


def providers() -> list[str | None]:
    """The sign-in buttons to offer: one per named provider of `[auth]`, or the default one.

    `[auth]` with `client_id` at its top level is one unnamed provider (`st.login()`);
    sub-tables holding a `client_id` are named providers (`st.login("microsoft")`).
    """
    try:
        section: Mapping[str, Any] = st.secrets.get("auth", {})
    except Exception:  # no secrets file at all
        return []
    named = [
        name
        for name, value in section.items()
        if isinstance(value, Mapping) and "client_id" in value
    ]
    if named:
        return list(named)
    return [None] if "client_id" in section else []


FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


def proxied(headers: Mapping[str, str]) -> bool:
    """Whether a request came through a reverse proxy (it says so in a forwarding header)."""
    return any(name.lower() in FORWARDING_HEADERS for name in headers)


def _lang() -> Lang:
    """The language before the sidebar exists: the session's, else the URL's, else French."""
    chosen = st.session_state.get("lang") or st.query_params.get("lang")
    return chosen if chosen in LANGS else "fr"


def _language_switch() -> Lang:
    st.radio(
        "Langue / Language",
        LANGS,
        index=LANGS.index(_lang()),
        key="auth.lang",
        horizontal=True,
        format_func=language_name,
        on_change=lambda: st.session_state.update(lang=st.session_state["auth.lang"]),
    )
    lang: Lang = st.session_state["auth.lang"]
    st.session_state["lang"] = lang
    page_language(lang, where=st)  # the sign-in and refusal pages have no sidebar
    return lang


def session_expired(issued_at: object, hours: float | None, now: float) -> bool:
    """Whether a sign-in is older than `hours` (its ID token's `iat`, seconds since 1970).

    Without a limit, Streamlit's identity cookie rules (30 days). With one, a sign-in that
    does not say when it was issued counts as expired: the limit cannot be checked.
    """
    if hours is None:
        return False
    if not isinstance(issued_at, int | float) or isinstance(issued_at, bool):
        return True
    return now - float(issued_at) > hours * 3600


def _sign_in_page(*, expired: bool = False) -> None:
    lang = _language_switch()
    st.title(t("auth.title", lang))
    if expired:
        st.info(t("auth.expired", lang), icon=":material/timer_off:")
    st.write(t("auth.why", lang))
    offered = providers()
    if not offered:  # the start-up checks catch this first; never open the data instead
        st.error(t("auth.not_configured", lang))
        return
    for provider in offered:
        label = (
            t("auth.sign_in_with", lang, provider=provider) if provider else t("auth.sign_in", lang)
        )
        if st.button(label, key=f"auth.login.{provider or 'default'}", type="primary"):
            st.login(provider) if provider else st.login()


def _refused_page(user_id: str, reason: str) -> None:
    lang = _language_switch()
    st.title(t("auth.refused_title", lang))
    st.warning(t(reason, lang, user=plain(user_id or "?")), icon=":material/block:")
    if st.button(t("auth.sign_out", lang), key="auth.logout"):
        st.logout()


def _record_once(event: AuditEvent) -> None:
    """One sign-in (or refusal) line per session in the audit trail."""
    seen = (event.kind, event.actor, event.detail)
    if st.session_state.get(SIGNED_IN) == seen:
        return
    try:
        store().record(event)
    except Exception:  # the trail must not lock everyone out; the log keeps it
        log.exception("could not record %s of %s", event.kind, event.actor)
    st.session_state[SIGNED_IN] = seen


# The refusal page's message for each reason (`access.REFUSALS`).
_REFUSAL_MESSAGES = {
    "unknown-user": "auth.unknown_user",
    "email-taken": "auth.email_taken",
}


def _refuse(who: Identity, decision: SignIn) -> None:
    """Record the refusal (who, why, which account), show why, and stop the run."""
    assert decision.refusal is not None
    event = AuditEvent(
        kind="refused",
        actor=decision.user_id,
        role=NO_ROLE,  # they have no role: the trail does not pretend they were a viewer
        detail=who.refusal_detail(decision.refusal),
    )
    _record_once(event)
    _refused_page(decision.user_id, _REFUSAL_MESSAGES.get(decision.refusal, "auth.no_email"))
    st.stop()


def _sign_in(settings: Settings) -> SignIn:
    """Who the signed-in account is (`access.sign_in_decision`), its first sign-in bound."""
    claims = {k: st.user.get(k) for k in ("iss", "sub", "email", "email_verified", "name")}
    who = Identity.from_claims(claims)
    db = store()
    bound = db.account_user(who.issuer, who.subject) if who.issuer and who.subject else None
    owner = db.account_of(who.email) if bound is None and who.email else None
    decision = sign_in_decision(who, settings, bound=bound, owner=owner, stored_role=db.user_role)
    if decision.refusal is not None:
        _refuse(who, decision)
    if decision.bind and not db.bind_account(who.issuer, who.subject, decision.user_id):
        # Another account bound the address between the look-up and now.
        _refuse(who, SignIn(decision.user_id, None, "email-taken"))
    return decision


def gate(settings: Settings) -> Actor:
    """The actor of this run; stops the run on a sign-in or refusal page when needed.

    Nothing is read from the store before the user is signed in; a refused user's
    refusal is recorded (who, why, when), nothing else is read.
    """
    if settings.mode == "local":
        if proxied(st.context.headers):
            # Loopback only is not enough: a reverse proxy on the same host would open the
            # app, without sign-in, to whoever reaches the proxy.
            st.error(t("auth.local_behind_proxy", _lang()), icon=":material/block:")
            st.stop()
        return local_actor()
    if not st.user.is_logged_in:
        _sign_in_page()
        st.stop()
    if session_expired(st.user.get("iat"), settings.session_hours, time.time()):
        _sign_in_page(expired=True)  # signing in again renews the identity cookie
        st.stop()
    decision = _sign_in(settings)
    assert decision.role is not None  # a refusal stopped the run
    name = str(st.user.get("name") or decision.user_id)
    actor = Actor(decision.user_id, name, decision.role)
    _record_once(AuditEvent.by(actor, "sign_in"))
    return actor


def signed_in_box(actor: Actor, settings: Settings, lang: Lang) -> None:
    """In the sidebar: who is signed in, with which role, and the sign-out button."""
    if settings.mode == "local":
        return
    role = t(f"access.role.{actor.role}", lang)
    who = {"name": plain(actor.name), "user": plain(actor.user_id)}  # from the identity provider
    st.caption(t("auth.signed_in_as", lang, **who, role=role))
    if st.button(t("auth.sign_out", lang), key="auth.logout", icon=":material/logout:"):
        st.logout()


def require(actor: Actor, action: Action, lang: Lang, message: str = "auth.forbidden_page") -> None:
    """Stop a page (or a part of one) the actor's role does not allow, saying why.

    Pages a role may not use are left out of its navigation too; this guard answers a
    typed-in address or a stale tab, and the core checks the role again on every write.
    """
    if not actor.can(action):
        role = t(f"access.role.{actor.role}", lang)
        st.info(t(message, lang, role=role), icon=":material/lock:")
        st.stop()
