"""What the Update and History pages both show: a change review and a validation report.

User text (titles, sheet names, file names) goes through `st.dataframe` and `st.text`
only, never Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from monitoring.annotate import (
    COLUMNS,
    annotated_workbook,
    by_sheet,
    headers,
    report_csv,
    report_table,
    report_xlsx,
    safe_file_name,
)
from monitoring.changes import Changes
from monitoring.i18n import format_number, t
from monitoring.importing import AUTHOR_MAX_CHARS, NOTE_MAX_CHARS, export_version
from monitoring.reading import Upload
from monitoring.report import Issue, Report
from monitoring.schema import Lang
from monitoring.settings import Limits
from views.common import store

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The figures a coordinator looks at first (section names, or statuses by direction).
HEADLINE = (
    "measures_added",
    "measures_removed",
    "statuses_up",
    "statuses_down",
    "deadlines",
    "retention",
    "events_added",
)
LABELS = {"statuses_up": "review.statuses_up", "statuses_down": "review.statuses_down"}


def show_changes(changes: Changes, lang: Lang) -> None:
    """Counts, then one table per kind of change (statuses split by direction)."""
    if changes.is_empty:
        st.info(t("changes.none", lang))
        return
    counts = changes.counts()
    for column, name in zip(st.columns(len(HEADLINE)), HEADLINE, strict=True):
        label = t(LABELS.get(name, f"changes.section.{name}"), lang)
        column.metric(label, format_number(counts[name], lang))
    rows = changes.rows(lang)
    kind = t("changes.column.change", lang)
    for label in dict.fromkeys(rows[kind]):
        part = rows[rows[kind] == label].drop(columns=kind)
        part = part.loc[:, (part != "").any()]  # e.g. no "assessed by" for a new measure
        with st.expander(f"{label} ({format_number(len(part), lang)})", expanded=len(part) <= 25):
            st.dataframe(part, hide_index=True)


def _issue_table(issues: list[Issue], lang: Lang, *, sheet: bool) -> None:
    table = report_table(issues, lang)
    config: dict = {
        c: st.column_config.TextColumn(h) for c, h in zip(COLUMNS, headers(lang), strict=True)
    }
    config["row"] = st.column_config.NumberColumn(t("annotate.col.row", lang), format="%d")
    config["message"] = st.column_config.TextColumn(t("annotate.col.message", lang), width="large")
    if not sheet:
        config["sheet"] = None
    st.dataframe(table, hide_index=True, column_config=config)


def show_report(report: Report, lang: Lang) -> None:
    """Errors grouped by sheet (a count per sheet, then a table each); the rest apart."""
    errors = report.errors
    others = [i for i in report if i.severity != "error"]
    if errors:
        st.error(t("review.rejected", lang, count=len(errors)), icon="⛔")
        groups = by_sheet(errors)
        whole = t("review.whole_file", lang)
        names = [sheet or whole for sheet, _ in groups]
        st.dataframe(
            {
                t("annotate.col.sheet", lang): names,
                t("review.errors", lang): [len(g) for _, g in groups],
            },
            hide_index=True,
        )
        for name, (_sheet, found) in zip(names, groups, strict=True):
            with st.container(border=True):
                st.text(t("review.sheet_errors", lang, name=name, count=len(found)))
                _issue_table(found, lang, sheet=False)
    if others:
        with st.expander(t("review.others", lang, count=len(others)), expanded=not errors):
            st.caption(t("review.others_help", lang))
            _issue_table(others, lang, sheet=True)


def report_downloads(files: Sequence[Upload], report: Report, lang: Lang, limits: Limits) -> None:
    """The report as CSV and Excel, and the coordinator's own file annotated (built on click)."""
    stem = safe_file_name(files[0].name).rsplit(".", 1)[0]
    downloads: list[tuple[str, str, str, str, Any]] = [
        ("upload.report_csv", "upload.report_suffix", "csv", "text/csv", report_csv(report, lang)),
        ("upload.report_xlsx", "upload.report_suffix", "xlsx", XLSX,
         lambda: report_xlsx(report, lang)),
        ("upload.annotated", "upload.annotated_suffix", "xlsx", XLSX,
         lambda: annotated_workbook(files, report, lang, limits)),
    ]  # fmt: skip
    for column, (label, suffix, ext, mime, data) in zip(st.columns(3), downloads, strict=True):
        column.download_button(
            t(label, lang), data=data, mime=mime, key=label, on_click="ignore",
            file_name=safe_file_name(f"{stem}-{t(suffix, lang)}", ext), icon=":material/download:",
        )  # fmt: skip


def version_download(
    where: Any, key: str, number: int, lang: Lang, label: str, **options: Any
) -> None:
    """A button downloading version `number` as a workbook in the upload format (on click)."""
    db = store()
    where.download_button(
        label, data=lambda: export_version(db, key, number, lang), mime=XLSX, on_click="ignore",
        file_name=safe_file_name(f"{key}-version-{number}", "xlsx"), icon=":material/download:",
        **options,
    )  # fmt: skip


def note_form(prefix: str, lang: Lang, note_label: str, submit: str) -> tuple[str, str, bool]:
    """A note, the author (remembered for the session) and a confirm button, sent together.

    Returns:
        (note, author, whether the button was clicked in this run).
    """
    state = st.session_state
    if f"{prefix}.author" not in state:
        state[f"{prefix}.author"] = state.get("author", "")
    with st.form(f"{prefix}.form"):
        note = st.text_area(
            note_label, key=f"{prefix}.note", max_chars=NOTE_MAX_CHARS,
            placeholder=t("upload.note_placeholder", lang),
        )  # fmt: skip
        author = st.text_input(
            t("upload.author", lang), key=f"{prefix}.author", max_chars=AUTHOR_MAX_CHARS
        )
        clicked = st.form_submit_button(submit, type="primary", key=f"{prefix}.confirm")
    state["author"] = author
    return note, author, clicked
