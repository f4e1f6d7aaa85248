"""Mettre à jour / Update: upload a workbook, read the report or the changes, confirm.

A draft (the checked upload, its review) lives in this session's state only: two people
reviewing one file never see each other's. Its idempotency key (the files' sha256 and a
nonce drawn for the draft) makes a rerun or a double click store one version."""

import hashlib
import uuid
from dataclasses import dataclass

import streamlit as st

from monitoring.analysis.changes import Changes, compare
from monitoring.config.settings import Settings
from monitoring.intake.problems import Report
from monitoring.intake.reading import Upload
from monitoring.present.spreadsheets import workbook_in
from monitoring.present.workbook import write_workbook
from monitoring.services.importing import (
    ImportResult,
    PreparedImport,
    commit_import,
    prepare_import,
)
from monitoring.storage import StorageError
from monitoring.text.i18n import t
from views import review, widgets
from views.auth import require
from views.common import banner, context, store, workbook_downloads

ctx, db, state = context("upload"), store(), st.session_state
lang, current, limits = ctx.lang, ctx.version_info, Settings.from_env().limits
st.title(t("page.upload", lang))
require(ctx.actor, "upload", lang)  # also left out of a viewer's navigation
st.caption(t("upload.caption", lang))
banner(ctx)

left, right = st.columns(2)
if current is not None:
    review.version_download(
        left, ctx.dataset_key, current.number, lang, key="upload.current",
        label=t("upload.download_current", lang, number=current.number),
        help=t("upload.download_current_help", lang),
    )  # fmt: skip
workbook_downloads(
    right, t("upload.download_template", lang), t("upload.template_name", lang),
    lambda fmt: workbook_in(write_workbook(None, lang), fmt), key="upload.template",
)  # fmt: skip

st.header(t("upload.new", lang))
mode = st.radio(
    t("upload.mode", lang), ("whole", "partial"), key="upload.mode",
    format_func=lambda m: t(f"upload.mode.{m}", lang),
    captions=[t("upload.mode.whole_help", lang), t("upload.mode.partial_help", lang)],
)  # fmt: skip
uploaded = widgets.file_uploader(
    t("upload.files", lang), ("xlsx", "ods", "csv", "zip"), lang, limits,
    accept_multiple_files=True, key="upload.files", help=t("upload.files_help", lang),
)  # fmt: skip
if not uploaded:
    st.info(t("upload.empty", lang))
    st.stop()


@dataclass
class Draft:
    key: str  # dataset, mode, date and files: another of them is another draft
    once: str  # the idempotency key: the files' sha256 and a nonce drawn for this draft
    outcome: PreparedImport | Report
    changes: Changes | None = None
    result: ImportResult | None = None


chosen = review.newest_files(
    [(f.file_id, f.name) for f in uploaded],
    state.get("upload.seen", ()),
    state.get("upload.kept", ()),
)
state["upload.seen"], state["upload.kept"] = [f.file_id for f in uploaded], chosen
if len(chosen) < len(uploaded):  # the earlier files stay listed, unchecked
    st.info(t("upload.newest_only", lang), icon=":material/swap_horiz:")
    ignored = ", ".join(f.name for f in uploaded if f.file_id not in chosen)
    st.text(t("upload.ignored", lang, names=ignored))
files = [Upload(f.name, f.getvalue()) for f in uploaded if f.file_id in chosen]
digest = hashlib.sha256(b"".join(hashlib.sha256(f.data).digest() for f in files)).hexdigest()
key, partial = f"{ctx.dataset_key}:{mode}:{ctx.as_of}:{digest}", mode == "partial"
draft: Draft | None = state.get("upload.draft")
if draft is not None and draft.key == key and draft.result is None:
    # This draft's own earlier confirm (the first click of a double click) may have stored it.
    if replay := db.find_replay(ctx.dataset_key, draft.once):
        draft.result = ImportResult("stored", version=replay, replayed=True)
    elif isinstance(draft.outcome, PreparedImport) and draft.outcome.base != current:
        draft = None  # another session stored a version meanwhile: check against that one
if draft is None or draft.key != key:
    with st.status(t("upload.checking", lang)) as status:
        try:
            outcome = prepare_import(db, ctx.dataset_key, files, partial=partial, limits=limits)
            changes = None
            if isinstance(outcome, PreparedImport) and outcome.base and not outcome.identical:
                status.update(label=t("upload.comparing", lang))
                old = outcome.previous or db.read_dataset(ctx.dataset_key, outcome.base.number)
                changes = compare(old, outcome.dataset, ctx.as_of, cells=outcome.cells)
        except StorageError as exc:  # the store could not be read: nothing was changed
            status.update(label=t(exc.key, lang, **exc.params), state="error")
            st.error(t(exc.key, lang, **exc.params))
            st.stop()
        status.update(label=t("upload.checked", lang), state="complete", expanded=False)
    draft = state["upload.draft"] = Draft(key, f"{digest}:{uuid.uuid4().hex}", outcome, changes)
    for name in ("upload.note", *review.CONFIRM_KEYS.values()):  # a new draft: unticked
        state.pop(name, None)
    if state.get("author"):  # the name typed for an earlier version of this session
        state["upload.author"] = state["author"]

if draft.result is not None:  # stored (or found identical meanwhile): say so, store nothing
    (st.success if draft.result.status == "stored" else st.info)(draft.result.message(lang))
    st.page_link("views/history.py", label=t("upload.see_history", lang), icon=":material/history:")
    st.stop()
outcome = draft.outcome
if isinstance(outcome, Report):
    review.show_report(outcome, lang, files, limits)
    st.stop()

review.show_report(outcome.report, lang)  # an accepted file's warnings and notices
if outcome.answers:  # a questions workbook, whichever mode was chosen
    st.info(t("upload.answers", lang, count=outcome.answers), icon=":material/forum:")
if outcome.identical:
    st.info(t("upload.identical", lang, number=outcome.base.number), icon=":material/equal:")
    st.stop()
st.subheader(t("upload.review", lang, number=outcome.base.number))
review.show_flags(outcome.flags, lang)  # a replacement, a history rewrite: apart, first
review.show_changes(draft.changes, lang)

note, author, confirmed = review.note_form(
    "upload", lang, "upload.note", "upload.note_placeholder", "upload.confirm",
    extra=lambda: review.confirm_boxes(outcome.flags, lang),
)  # fmt: skip
if confirmed and not note.strip():
    st.error(t("upload.note_required", lang))
elif confirmed:
    with st.spinner(t("upload.storing", lang)):
        # Unticked boxes are refused by the import itself: nothing is stored.
        ticked = {c: bool(state.get(k)) for c, k in review.CONFIRM_KEYS.items()}
        result = commit_import(db, outcome, actor=ctx.actor, author=author, note=note,
                               idempotency_key=draft.once, allow_rewrite=ticked["rewrite"],
                               allow_replace=ticked["replace"])  # fmt: skip
        done = result.status not in ("failed", "refused")
        draft.result = result if done else None
    if result.status == "refused":  # the same draft may be confirmed once ticked
        st.error(t("flags.unconfirmed", lang))
    elif result.status == "failed":  # nothing stored: the same draft may be confirmed again
        st.error(result.message(lang))
    else:
        st.rerun()
