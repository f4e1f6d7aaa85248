"""Historique / History: every version of the dataset; compare two, restore one, download.

Nothing is ever deleted: restoring makes a new version equal to an older one."""

import datetime as dt
import uuid

import pandas as pd
import streamlit as st

from monitoring.analysis.changes import Changes, compare
from monitoring.present.sections import number_text
from monitoring.services.annotate import safe_file_name
from monitoring.services.importing import restore_version
from monitoring.storage import StoredFile, VersionInfo
from monitoring.text.i18n import format_moment, format_size, t, zone_name
from views.auth import require
from views.common import audited, banner, context, show_table, store
from views.review import note_form, show_changes, version_download

ctx, db, state = context("history"), store(), st.session_state
lang, key = ctx.lang, ctx.dataset_key
st.title(t("page.history", lang))
st.caption(t("history.caption", lang))
banner(ctx)


@st.cache_data(show_spinner=False, max_entries=16)
def changes_between(dataset: str, old: int, new: int, as_of: dt.date) -> Changes:
    """Versions never change: their comparison is cached by number."""
    return compare(db.read_dataset(dataset, old), db.read_dataset(dataset, new), as_of)


@st.cache_resource(show_spinner=False, max_entries=4)
def original_files(dataset: str, number: int) -> list[StoredFile]:
    return db.read_files(dataset, number)


def row(v: VersionInfo) -> dict:
    return {
        "version": v.number, "when": format_moment(v.created_at, lang, ctx.time_zone),
        "author": v.author, "note": v.note,
        "kind": t(f"history.kind.{v.kind}", lang, source=v.restored_from or v.based_on or ""),
        "file": v.file_name, "size": format_size(v.file_size, lang),
        "measures": v.counts.measures, "assessments": v.counts.assessments,
        "events": v.counts.events,
    }  # fmt: skip


def label(number: int) -> str:
    return t("history.version", lang, number=number)


versions = db.versions(key)[::-1]  # newest first
zone = zone_name(ctx.time_zone)
numbers, rows = [v.number for v in versions], [row(v) for v in versions]
counts = dict.fromkeys(("measures", "assessments", "events"), number_text("integer", lang))
show_table(
    pd.DataFrame(rows).style.format(counts), ctx, "versions", hide_index=True,
    title=t("page.history", lang),
    column_config={c: st.column_config.Column(t(f"history.col.{c}", lang, zone=zone))
                   for c in rows[0]},
)  # fmt: skip

st.header(t("history.download", lang))
picked = st.selectbox(t("history.download_which", lang), numbers, 0, label, key="history.pick")
version_download(st, key, picked, lang, label=t("history.workbook", lang), key="history.workbook")
files = original_files(key, picked)
st.text(t("history.originals", lang, names=" + ".join(f.name for f in files)))
for i, (column, f) in enumerate(zip(st.columns(max(len(files), 3)), files, strict=False)):
    column.download_button(
        t("history.original", lang, number=i + 1), file_name=(name := safe_file_name(f.name)),
        data=audited(ctx, name, lambda f=f: f.data),
        key=f"history.original.{i}", on_click="ignore", icon=":material/download:",
    )  # fmt: skip

st.header(t("history.compare", lang))
if len(numbers) < 2:
    st.info(t("history.only_one", lang))
    st.stop()
left, right = st.columns(2)
old = left.selectbox(t("history.older", lang), numbers, 1, label, key="history.old")
new = right.selectbox(t("history.newer", lang), numbers, 0, label, key="history.new")
if old == new:
    st.info(t("history.same", lang))
else:
    with st.spinner(t("upload.comparing", lang)):
        show_changes(changes_between(key, old, new, ctx.as_of), lang)

st.header(t("history.restore", lang))
require(ctx.actor, "restore", lang, "auth.forbidden_restore")  # viewers read, download
if done := state.pop("history.done", None):
    info = done.version
    st.success(t("history.restored", lang, number=info.number, source=info.restored_from))
chosen = st.selectbox(
    t("history.restore_which", lang), numbers[1:], 0, label, key="history.restore"
)
pending = state.get("history.pending")
if pending is None or pending[:2] != (key, chosen):
    if st.button(t("history.restore_start", lang, number=chosen), key="history.start"):
        state["history.pending"] = (key, chosen, uuid.uuid4().hex)  # a nonce for this restore
        st.rerun()
    st.stop()
st.warning(t("history.restore_confirm", lang, number=chosen, next=numbers[0] + 1))
note, author, go = note_form(
    "history", lang, "history.restore_note", "history.note_placeholder", "history.restore_go"
)
if st.button(t("history.cancel", lang), key="history.cancel"):
    state.pop("history.pending")
    st.rerun()
if go:
    once = f"restore:{pending[2]}"
    result = restore_version(
        db, key, chosen, actor=ctx.actor, author=author, note=note, lang=lang, idempotency_key=once
    )
    if result.status == "stored":
        state["history.done"] = result
        state.pop("history.pending")
        st.rerun()
    st.error(result.message(lang))
