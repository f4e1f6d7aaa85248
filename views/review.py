"""What the Update and History pages both show: a change review, a validation report, the
downloads that go with them and the note-and-confirm form. User text (titles, sheet and
file names) goes through `st.dataframe` and `st.text`, or Markdown escaped by `plain`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from monitoring.analysis.changes import Changes
from monitoring.analysis.review_flags import Confirmation, ReviewFlags, changes_per_sheet
from monitoring.config.settings import Limits
from monitoring.contract.schema import SHEETS_BY_ID, Lang
from monitoring.intake.problems import Issue, Report
from monitoring.intake.reading import Upload
from monitoring.present import export_formats
from monitoring.present.change_tables import change_sections, changed_cells, section_label
from monitoring.present.flag_text import (
    removal_lines,
    removal_rows,
    rewrite_rows,
    rewritten_rows,
    shift_rows,
    unchanged_dates,
)
from monitoring.present.spreadsheets import WORKBOOK_FORMATS
from monitoring.services import annotate
from monitoring.services.annotate import safe_file_name
from monitoring.services.importing import AUTHOR_MAX_CHARS, NOTE_MAX_CHARS, export_version
from monitoring.text.i18n import format_number, plain, t
from views.common import context, show_table, store, workbook_downloads

DOWNLOAD = {"on_click": "ignore", "icon": ":material/download:"}
# The figures a coordinator looks at first: sections, and statuses by direction.
HEADLINE = ("measures_added", "measures_removed", "statuses_up", "statuses_down", "deadlines",
            "retention", "events_added")  # fmt: skip
LABELS = {name: f"review.{name}" for name in ("statuses_up", "statuses_down", "retention")}


def show_changes(changes: Changes, lang: Lang) -> None:
    """Differences per sheet, every cell that differs, then counts and one table per kind
    of change (statuses split by direction)."""
    if changes.is_empty:  # empty only when the two contents are identical
        st.info(t("changes.none", lang))
        return
    per_sheet = changes_per_sheet(changes.cells)
    if per_sheet:  # the headline: a title edit shows here, never as a row of zeros
        st.markdown(f"**{plain(t('review.cell_counts', lang))}**")
        items = list(per_sheet.items())
        for start in range(0, len(items), 4):
            row = zip(st.columns(4), items[start : start + 4], strict=False)
            for column, (sheet, count) in row:
                column.metric(SHEETS_BY_ID[sheet].name(lang), format_number(count, lang))
    _show_cell_changes(changes, lang)
    counts = changes.counts()
    if any(counts[name] for name in HEADLINE):  # else only cells changed: no row of zeros
        for column, name in zip([*st.columns(4), *st.columns(4)], HEADLINE, strict=False):
            label = t(LABELS.get(name, f"changes.section.{name}"), lang)
            column.metric(label, format_number(counts[name], lang))
    for i, (name, rows) in enumerate(change_sections(changes, lang).items()):
        label = section_label(name, lang)
        part = rows.drop(columns=t("changes.column.change", lang))
        part = part.loc[:, (part != "").any()]  # e.g. no "assessed by" for a new measure
        with st.expander(f"{label} ({format_number(len(part), lang)})", expanded=len(part) <= 25):
            show_table(part, context(), f"changes-{i + 1}", hide_index=True, title=label)


# --- Every difference, cell by cell (issue 11, item 1) --------------------------------------


def _show_cell_changes(changes: Changes, lang: Lang) -> None:
    """Every cell that differs, by sheet and row: field, before, after
    (`change_tables.changed_cells`)."""
    cells = changed_cells(changes, lang)
    if cells.empty:
        return
    title = t("changes.cells_title", lang)
    with st.expander(f"{title} ({format_number(len(cells), lang)})", expanded=len(cells) <= 50):
        show_table(cells, context(), "changes-cells", hide_index=True, title=title)


# --- What needs its own confirmation (issue 11, items 2 and 3) -----------------------------

CONFIRM_KEYS: dict[Confirmation, str] = {
    "rewrite": "upload.confirm_rewrite",
    "replace": "upload.confirm_replace",
}
CONFIRM_LABELS: dict[Confirmation, str] = {
    "rewrite": "flags.rewrite.confirm",
    "replace": "flags.replace.confirm",
}


def show_flags(flags: ReviewFlags | None, lang: Lang) -> None:
    """A replacement, then a history rewrite, each apart in a bordered box: what is
    removed (every row), what is rewritten (every cell) and the figures it changes."""
    if flags is None:
        return
    if flags.replaces:
        with st.container(border=True):
            st.warning(t("flags.replace.title", lang), icon=":material/warning:")
            st.markdown(plain(t("flags.replace.help", lang)))
            st.text("\n".join(removal_lines(flags, lang)))
            rows = removal_rows(flags, lang)
            label = t("flags.replace.rows", lang, count=format_number(len(rows), lang))
            with st.expander(label, expanded=len(rows) <= 25):
                show_table(rows, context(), "removed", hide_index=True, title=label)
    if flags.rewrites_history:
        count = len(rewritten_rows(flags, lang))
        with st.container(border=True):
            st.warning(t("flags.rewrite.title", lang, count=count), icon=":material/warning:")
            st.markdown(plain(t("flags.rewrite.help", lang)))
            title = t("flags.rewrite.rows", lang)
            st.markdown(f"**{plain(title)}**")
            show_table(rewrite_rows(flags, lang), context(), "rewritten", hide_index=True,
                       title=title)  # fmt: skip
            title = t("flags.rewrite.shifts", lang)
            st.markdown(f"**{plain(title)}**")
            shifts = shift_rows(flags, lang)
            if shifts.empty:
                st.info(t("flags.rewrite.no_shift", lang, dates=unchanged_dates(flags, lang)))
            else:
                show_table(shifts, context(), "figures-changed", hide_index=True, title=title)


def confirm_boxes(flags: ReviewFlags | None, lang: Lang) -> None:
    """One checkbox per confirmation the version needs (to put inside the confirm form);
    their values are in `st.session_state[CONFIRM_KEYS[…]]`."""
    for needed in flags.needed() if flags is not None else ():
        st.checkbox(t(CONFIRM_LABELS[needed], lang), key=CONFIRM_KEYS[needed])


MESSAGE_CHARS = 60  # what a "large" message cell shows on one line, about
WRAPPED_ROW_PX = 72  # three lines of a message: the grid wraps rows over 64 px high


def _issue_table(issues: list[Issue], lang: Lang, *, errors: bool) -> None:
    """The issues' places and values as a table, then their messages in full, wrapped.

    A table cuts long text, so the messages are also listed (on demand beyond a few); a
    column that is empty for every issue (no row for a header problem) is left out.
    """
    names = zip(annotate.COLUMNS, annotate.headers(lang), strict=True)
    config: dict = {c: st.column_config.TextColumn(h) for c, h in names}
    config["row"] = st.column_config.NumberColumn(t("annotate.col.row", lang), format="%d")
    config["message"] = st.column_config.TextColumn(t("annotate.col.message", lang), width="large")
    table = annotate.report_table(issues, lang)
    table["code"] = [t(f"code_name.{code}", lang) for code in table["code"]]  # not "unique-error"
    # Errors are shown sheet by sheet: the sheet and the severity would repeat on every row.
    order: tuple[str, ...] = ("row", "column", "header", "value", "message", "code")
    order = order if errors else ("sheet", "severity", *order)
    order = tuple(c for c in order if table[c].notna().any() and (table[c] != "").any())
    # The grid wraps text only in rows over 4rem (64 px) high: long messages get three lines.
    long = bool(table["message"].astype(str).str.len().gt(MESSAGE_CHARS).any())
    st.dataframe(table, hide_index=True, column_config=config, column_order=order,
                 row_height=WRAPPED_ROW_PX if long else None)  # fmt: skip
    with st.expander(t("review.messages", lang, count=len(issues)), expanded=len(issues) <= 3):
        st.markdown(_message_list(issues, lang))


def _message_list(issues: Sequence[Issue], lang: Lang) -> str:
    """The issues' full messages (with their place) as a Markdown list, user text escaped."""
    return "\n".join(f"- {plain(issue.message(lang))}" for issue in issues)


def whole_file(issue: Issue) -> bool:
    """Whether an issue is about the file (or the set of files) as a whole, not a place in it."""
    return issue.sheet is None and issue.row is None and issue.column is None


def show_report(
    report: Report, lang: Lang, files: Sequence[Upload] = (), limits: Limits | None = None
) -> None:
    """Errors grouped by sheet (a count per sheet, then a table each); the rest apart.

    Errors about the whole file (mixed files, a damaged or oversized file) are plain
    messages, with no empty place columns. With the uploaded `files`, a rejected upload's
    report also offers its downloads; the annotated workbook only when every error has a
    place in it (a damaged file or a mixed set has nothing to annotate).
    """
    errors, others = report.errors, [i for i in report if i.severity != "error"]
    if errors:
        st.error(t("review.rejected", lang, count=len(errors)), icon=":material/block:")
        general = [i for i in errors if whole_file(i)]
        if general:
            with st.container(border=True):
                st.markdown(_message_list(general, lang))
        groups = annotate.by_sheet([i for i in errors if not whole_file(i)])
        names = [sheet or t("review.whole_file", lang) for sheet, _ in groups]
        sizes = [len(found) for _, found in groups]
        if groups:
            table = {t("annotate.col.sheet", lang): names, t("review.errors", lang): sizes}
            st.dataframe(table, hide_index=True)
        if files:
            report_downloads(files, report, lang, limits or Limits(), annotated=not general)
        for name, size, (_, found) in zip(names, sizes, groups, strict=True):
            with st.container(border=True):
                st.text(t("review.sheet_errors", lang, name=name, count=size))
                _issue_table(found, lang, errors=True)
    if others:
        with st.expander(t("review.others", lang, count=len(others)), expanded=not errors):
            st.caption(t("review.others_help", lang))
            _issue_table(others, lang, errors=False)


def report_downloads(
    files: Sequence[Upload], report: Report, lang: Lang, limits: Limits, *, annotated: bool = True
) -> None:
    """The report as CSV and Excel, and the coordinator's own file annotated.

    The workbooks are built on the first click only (`annotate.Once`, kept in the session
    for this upload and report); the annotated one re-reads the upload in a limited child
    process (`annotate.annotated_upload`).
    """
    stem = safe_file_name(files[0].name).rsplit(".", 1)[0]
    digest = hashlib.sha256(b"".join(hashlib.sha256(f.data).digest() for f in files))
    digest.update(report.to_json().encode())
    key = (digest.hexdigest(), lang)
    built = st.session_state.get("review.built")
    if built is None or built[0] != key:  # another upload or report: its own downloads
        built = st.session_state["review.built"] = (key, {
            ("report", fmt): annotate.Once(lambda fmt=fmt: annotate.report_xlsx(report, lang, fmt))
            for fmt in WORKBOOK_FORMATS
        } | {
            ("annotated", fmt): annotate.Once(
                lambda fmt=fmt: annotate.annotated_upload(files, report, lang, limits, fmt)
            )
            for fmt in WORKBOOK_FORMATS
        })  # fmt: skip
    left, *columns = st.columns(3)
    name = safe_file_name(f"{stem}-{t('upload.report_suffix', lang)}", "csv")
    left.download_button(
        t("upload.report_csv", lang), annotate.report_csv(report, lang), name,
        export_formats.mime("csv"), key="upload.report_csv", **DOWNLOAD,
    )  # fmt: skip
    workbooks = [
        ("report", "upload.report_xlsx", "upload.report_ods", "upload.report_suffix"),
        ("annotated", "upload.annotated", "upload.annotated_ods", "upload.annotated_suffix"),
    ][: 2 if annotated else 1]
    for column, (kind, label, ods_label, suffix) in zip(columns, workbooks, strict=False):
        workbook_downloads(
            column, t(label, lang), f"{stem}-{t(suffix, lang)}",
            lambda fmt, kind=kind: built[1][(kind, fmt)](), key=label,
            ods_label=t(ods_label, lang),
        )  # fmt: skip


def version_download(
    where: Any, dataset: str, number: int, lang: Lang, label: str, **kw: Any
) -> None:
    """Buttons downloading version `number` as a workbook in the upload format, .xlsx and
    .ods side by side (built on click)."""
    db = store()
    workbook_downloads(
        where, label, f"{dataset}-version-{number}",
        lambda fmt: export_version(db, dataset, number, lang, fmt), ctx=context(), **kw,
    )  # fmt: skip


def note_form(
    prefix: str, lang: Lang, *labels: str, extra: Callable[[], None] | None = None
) -> tuple[str, str, bool]:
    """A note, the author (remembered for the session) and a confirm button, sent together
    (with the widgets `extra` draws, e.g. `confirm_boxes`, above the button).

    Returns:
        (note, author, whether the button was clicked in this run). `labels` are the message
        keys of the note, its placeholder and the button.
    """
    state, (note_label, placeholder, submit) = st.session_state, labels
    if f"{prefix}.author" not in state:
        actor = context().actor  # signed in (shared mode): their name, which they may edit
        signed_in = not actor.user_id.startswith("local:")
        state[f"{prefix}.author"] = state.get("author") or (actor.name if signed_in else "")
    with st.form(f"{prefix}.form"):
        note = st.text_area(
            t(note_label, lang), key=f"{prefix}.note", max_chars=NOTE_MAX_CHARS,
            placeholder=t(placeholder, lang),
        )  # fmt: skip
        author = st.text_input(
            t("upload.author", lang), key=f"{prefix}.author", max_chars=AUTHOR_MAX_CHARS
        )
        if extra is not None:
            extra()
        clicked = st.form_submit_button(t(submit, lang), type="primary", key=f"{prefix}.confirm")
    state["author"] = author
    return note, author, clicked


def newest_files(
    dropped: Sequence[tuple[str, str]], seen: Sequence[str], kept: Sequence[str]
) -> list[str]:
    """Which of the dropped files to check: a workbook replaces what was dropped before it.

    Args:
        dropped: (file id, name) of every file in the uploader, in the order dropped.
        seen: the ids present at the previous run; kept: the ids checked at that run.

    Returns:
        The ids to check: every file when all are .csv (a set of sheets); else the newest
        workbook, or the .csv files dropped after a workbook; else what was checked before.
    """
    ids = [i for i, _ in dropped]
    csv = {i for i, name in dropped if name.lower().endswith(".csv")}
    if len(csv) == len(ids):
        return ids
    new = [i for i in ids if i not in seen]
    if new:
        return [new[-1]] if new[-1] not in csv else [i for i in new if i in csv]
    return [i for i in kept if i in ids] or [[i for i in ids if i not in csv][-1]]
