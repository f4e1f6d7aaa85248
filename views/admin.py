"""Administration: who may do what, and the audit trail (admins only).

Roles are also managed with `plan-monitoring users`; the core checks the admin's role
again on every change (`Store.set_role`), and refuses to leave the instance without admin.
"""

import pandas as pd
import streamlit as st

from monitoring.config.settings import Settings
from monitoring.storage import StorageError
from monitoring.storage.access import AUDIT_KINDS, ROLES, Forbidden, audit_table, role_name
from monitoring.text.i18n import format_number, plain, t, zone_name
from views.auth import require
from views.common import context, show_table, store

ctx, db, settings = context("admin"), store(), Settings.from_env()
lang, actor = ctx.lang, ctx.actor
st.title(t("page.admin", lang))
require(actor, "manage_users", lang)
if settings.mode == "local":
    st.info(t("auth.local_mode", lang), icon=":material/info:")


WHEN = st.column_config.DatetimeColumn(
    format="DD/MM/YYYY HH:mm:ss" if lang == "fr" else "YYYY-MM-DD HH:mm:ss"
)


def local(moments: list) -> pd.Series:
    """Stored (UTC) times as naive times of the coordinators' zone (spreadsheets hold no
    zone; the column's label names it), shown in the language's format."""
    times = pd.Series(pd.to_datetime(moments, utc=True))
    return times.dt.tz_convert(ctx.time_zone).dt.tz_localize(None)


def attempt(action, done: str, **params: str) -> None:
    """Run a role change; say what happened or why nothing changed."""
    try:
        action()
    except (Forbidden, StorageError) as exc:
        said = {k: plain(v) if isinstance(v, str) else v for k, v in exc.params.items()}
        st.error(t(exc.key, lang, **said))  # `user`: the address typed in
        return
    st.session_state["admin.done"] = t(done, lang, **params)
    st.rerun()


st.header(t("admin.users", lang))
st.caption(t("admin.users_help", lang))
admins = ", ".join(map(plain, sorted(settings.admins))) or t("admin.none", lang)
policy = t(f"admin.policy.{settings.unknown_users}", lang)
st.caption(t("admin.policy", lang, policy=policy, admins=admins))
if done := st.session_state.pop("admin.done", None):
    st.success(done)
users, zone = db.users(), zone_name(ctx.time_zone)
changed = t("admin.col.updated_at", lang, zone=zone)
if users:
    table = pd.DataFrame(
        {
            t("admin.col.user", lang): [u.user_id for u in users],
            t("admin.col.role", lang): [role_name(u.role, lang) for u in users],
            changed: local([u.updated_at for u in users]),
            t("admin.col.updated_by", lang): [u.updated_by for u in users],
        }
    )
    config = {changed: WHEN}
    show_table(
        table, ctx, "users", hide_index=True, title=t("admin.users", lang), column_config=config
    )
else:
    st.info(t("admin.no_users", lang))

left, right = st.columns(2)
with left.form("admin.set", clear_on_submit=True):
    st.subheader(t("admin.set_title", lang))
    email = st.text_input(t("admin.email", lang), key="admin.email", max_chars=254)
    role = st.selectbox(
        t("admin.role", lang), ROLES, format_func=lambda r: role_name(r, lang), key="admin.role"
    )
    if st.form_submit_button(t("admin.save", lang), type="primary"):
        attempt(
            lambda: db.set_role(email, role, by=actor),
            "admin.saved",
            user=plain(email.strip().lower()),
            role=role_name(role, lang),
        )
if users:
    with right.form("admin.remove"):
        st.subheader(t("admin.remove_title", lang))
        who = st.selectbox(
            t("admin.remove_which", lang), [u.user_id for u in users], key="admin.who"
        )
        if st.form_submit_button(t("admin.remove", lang)):
            attempt(lambda: db.set_role(who, None, by=actor), "admin.removed", user=plain(who))

st.header(t("admin.audit", lang))
st.caption(t("admin.audit_help", lang, zone=zone))
left, right = st.columns([3, 1])
kinds = left.multiselect(
    t("admin.audit_kinds", lang),
    AUDIT_KINDS,
    format_func=lambda k: t(f"audit.kind.{k}", lang),
    placeholder=t("filter.all", lang),
    key="admin.kinds",
)
limit = right.selectbox(
    t("admin.audit_limit", lang),
    (200, 1000, 10_000),
    format_func=lambda n: format_number(n, lang),
    key="admin.limit",
)
events = db.audit(limit=limit, kinds=tuple(kinds) or None)
if not events:
    st.info(t("admin.no_audit", lang))
    st.stop()
trail = audit_table(events, lang)  # the same table as `plan-monitoring audit --csv`
# The trail holds UTC (as `plan-monitoring audit --csv` writes it); read in the coordinators' zone.
at = t("admin.col.at", lang, zone=zone)
trail = trail.rename(columns={t("audit.col.at", lang): at})
trail[at] = trail[at].dt.tz_convert(ctx.time_zone).dt.tz_localize(None)
config = {at: WHEN}
show_table(trail, ctx, "audit", hide_index=True, title=t("admin.audit", lang), column_config=config)
