"""What the Update and History pages both show: a change review, a validation report, the
downloads that go with them and the note-and-confirm form. User text (titles, sheet and
file names) goes through `st.dataframe` and `st.text` only, never Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from monitoring import annotate
from monitoring.annotate import safe_file_name
from monitoring.changes import Changes, section_label
from monitoring.i18n import format_number, t
from monitoring.importing import AUTHOR_MAX_CHARS, NOTE_MAX_CHARS, export_version
from monitoring.reading import Upload
from monitoring.report import Issue, Report
from monitoring.schema import Lang
from monitoring.settings import Limits
from views.common import audited, context, show_table, store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOAD = {"on_click": "ignore", "icon": ":material/download:"}
# The figures a coordinator looks at first: sections, and statuses by direction.
HEADLINE = ("measures_added", "measures_removed", "statuses_up", "statuses_down", "deadlines",
            "retention", "events_added")  # fmt: skip
LABELS = {name: f"review.{name}" for name in ("statuses_up", "statuses_down", "retention")}


def show_changes(changes: Changes, lang: Lang, *, same_content: bool = False) -> None:
    """Counts, then one table per kind of change (statuses split by direction)."""
    if changes.is_empty:  # the content may still differ: older assessments, comments, sources
        st.info(t("changes.none" if same_content else "review.untracked", lang))
        return
    counts = changes.counts()
    for column, name in zip([*st.columns(4), *st.columns(4)], HEADLINE, strict=False):
        label = t(LABELS.get(name, f"changes.section.{name}"), lang)
        column.metric(label, format_number(counts[name], lang))
    for i, (name, rows) in enumerate(changes.sections(lang).items()):
        label = section_label(name, lang)
        part = rows.drop(columns=t("changes.column.change", lang))
        part = part.loc[:, (part != "").any()]  # e.g. no "assessed by" for a new measure
        with st.expander(f"{label} ({format_number(len(part), lang)})", expanded=len(part) <= 25):
            show_table(part, context(), f"changes-{i + 1}", hide_index=True, title=label)
    _show_cell_changes(changes, lang)


# --- Every difference, cell by cell (issue 11, item 1) --------------------------------------


def _show_cell_changes(changes: Changes, lang: Lang) -> None:
    """Every cell that differs, by sheet and row: field, before, after (`Changes.cell_rows`)."""
    cells = changes.cell_rows(lang)
    if cells.empty:
        return
    title = t("changes.cells_title", lang)
    with st.expander(f"{title} ({format_number(len(cells), lang)})", expanded=len(cells) <= 50):
        show_table(cells, context(), "changes-cells", hide_index=True, title=title)


def _issue_table(issues: list[Issue], lang: Lang, *, errors: bool) -> None:
    names = zip(annotate.COLUMNS, annotate.headers(lang), strict=True)
    config: dict = {c: st.column_config.TextColumn(h) for c, h in names}
    config["row"] = st.column_config.NumberColumn(t("annotate.col.row", lang), format="%d")
    config["message"] = st.column_config.TextColumn(t("annotate.col.message", lang), width="large")
    # Errors are shown sheet by sheet: the sheet and the severity would repeat on every row.
    order = ("row", "column", "header", "value", "message", "code")
    order = order if errors else ("sheet", "severity", *order)
    table = annotate.report_table(issues, lang)
    st.dataframe(table, hide_index=True, column_config=config, column_order=order)


def show_report(
    report: Report, lang: Lang, files: Sequence[Upload] = (), limits: Limits | None = None
) -> None:
    """Errors grouped by sheet (a count per sheet, then a table each); the rest apart.

    With the uploaded `files`, a rejected upload's report also offers its downloads.
    """
    errors, others = report.errors, [i for i in report if i.severity != "error"]
    if errors:
        st.error(t("review.rejected", lang, count=len(errors)), icon="⛔")
        groups = annotate.by_sheet(errors)
        names = [sheet or t("review.whole_file", lang) for sheet, _ in groups]
        sizes = [len(found) for _, found in groups]
        table = {t("annotate.col.sheet", lang): names, t("review.errors", lang): sizes}
        st.dataframe(table, hide_index=True)
        if files:
            report_downloads(files, report, lang, limits or Limits())
        for name, size, (_, found) in zip(names, sizes, groups, strict=True):
            with st.container(border=True):
                st.text(t("review.sheet_errors", lang, name=name, count=size))
                _issue_table(found, lang, errors=True)
    if others:
        with st.expander(t("review.others", lang, count=len(others)), expanded=not errors):
            st.caption(t("review.others_help", lang))
            _issue_table(others, lang, errors=False)


def report_downloads(files: Sequence[Upload], report: Report, lang: Lang, limits: Limits) -> None:
    """The report as CSV and Excel, and the coordinator's own file annotated (built on click)."""
    stem = safe_file_name(files[0].name).rsplit(".", 1)[0]
    downloads: list[tuple[str, str, str, str, Any]] = [
        ("upload.report_csv", "upload.report_suffix", "csv", "text/csv",
         annotate.report_csv(report, lang)),
        ("upload.report_xlsx", "upload.report_suffix", "xlsx", XLSX,
         lambda: annotate.report_xlsx(report, lang)),
        ("upload.annotated", "upload.annotated_suffix", "xlsx", XLSX,
         lambda: annotate.annotated_workbook(files, report, lang, limits)),
    ]  # fmt: skip
    for column, (label, suffix, ext, mime, data) in zip(st.columns(3), downloads, strict=True):
        name = safe_file_name(f"{stem}-{t(suffix, lang)}", ext)
        column.download_button(t(label, lang), data, name, mime, key=label, **DOWNLOAD)


def version_download(
    where: Any, dataset: str, number: int, lang: Lang, label: str, **kw: Any
) -> None:
    """A button downloading version `number` as a workbook in the upload format (on click)."""
    db, name = store(), safe_file_name(f"{dataset}-version-{number}", "xlsx")
    data = lambda: export_version(db, dataset, number, lang)  # noqa: E731 - built on click only
    where.download_button(label, audited(context(), name, data), name, XLSX, **DOWNLOAD, **kw)


def note_form(prefix: str, lang: Lang, *labels: str) -> tuple[str, str, bool]:
    """A note, the author (remembered for the session) and a confirm button, sent together.

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
        clicked = st.form_submit_button(t(submit, lang), type="primary", key=f"{prefix}.confirm")
    state["author"] = author
    return note, author, clicked
