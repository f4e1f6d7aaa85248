"""Préparer le comité / Committee brief: what changed since the last meeting, what is late
or falls due before the next one, disagreements, letters, and the questions to ask."""

import datetime as dt

import pandas as pd
import streamlit as st

from monitoring.analysis import brief
from monitoring.analysis.brief import Brief
from monitoring.config import shipped
from monitoring.present import brief_docs, brief_text
from monitoring.present.export_formats import mime
from monitoring.present.spreadsheets import workbook_in
from monitoring.text.i18n import plain, t, zone_name
from views.common import audited, banner, context, dataset_label, store, workbook_downloads

DEFAULT_WEEKS = 13  # the last meeting a quarter ago, the next a quarter ahead, by default

ctx = context("brief")
lang, as_of = ctx.lang, ctx.as_of
st.title(t("page.brief", lang))
st.caption(t("brief.caption", lang, as_of=as_of))
banner(ctx)
if ctx.version_info is None:
    st.info(t("brief.no_version", lang))
    st.stop()


@st.cache_data(show_spinner=False, max_entries=16)
def _brief(key: str, version: int, content: str, zone: str, since: dt.date, until: dt.date,
           as_of: dt.date, plans: tuple[str, ...], voice: str) -> Brief:  # fmt: skip
    """Stored versions never change: a brief is computed once per choice (keyed on them)."""
    return brief.from_store(store(), key, as_of=as_of, since=since, until=until, plans=plans,
                            voice=voice, zone=ctx.time_zone, version=version)  # fmt: skip


left, right = st.columns(2)
since = left.date_input(
    t("brief.since", lang), as_of - dt.timedelta(weeks=DEFAULT_WEEKS),
    help=t("brief.since_help", lang), format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
    key="brief.since",
)  # fmt: skip
until = right.date_input(
    t("brief.until", lang), as_of + dt.timedelta(weeks=DEFAULT_WEEKS),
    help=t("brief.until_help", lang), format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
    key="brief.until",
)  # fmt: skip
if not (isinstance(since, dt.date) and isinstance(until, dt.date) and since <= as_of <= until):
    st.error(t("brief.bad_dates", lang, as_of=as_of))
    st.stop()

info = ctx.version_info
built = _brief(ctx.dataset_key, info.number, info.content_hash, zone_name(ctx.time_zone), since,
               until, as_of, ctx.filters.plans, ctx.voice)  # fmt: skip
ds = ctx.ds
entry = shipped.find(ctx.dataset_key)
about = brief_docs.About(
    dataset=dataset_label(ctx.dataset_key, lang), dataset_key=ctx.dataset_key,
    fictional=entry is not None and entry.fictional, generated=dt.datetime.now(ctx.time_zone),
)  # fmt: skip
for line in brief_text.header_lines(built, brief_docs.plan_names(built, ds), lang):
    st.write(plain(line))

# The brief to rework (Word, PDF) and its questions to take to the meeting (Excel or
# LibreOffice), whose answers come back through the Update page (`services.answers`).
writers = {"docx": brief_docs.brief_docx, "pdf": brief_docs.brief_pdf}
columns = st.columns(3)
for column, (ext, write) in zip(columns, writers.items(), strict=False):
    name = brief_docs.file_name(built, about, lang, ext)
    column.download_button(
        t(f"brief.download.{ext}", lang), file_name=name, mime=mime(ext),
        data=audited(ctx, name, lambda write=write: write(built, ds, about, lang)),
        help=t("brief.download_help", lang), on_click="ignore", icon=":material/download:",
        key=f"brief.download.{ext}",
    )  # fmt: skip
workbook_downloads(
    columns[2], t("brief.download.xlsx", lang), brief_docs.questions_stem(built, about, lang),
    lambda fmt: workbook_in(brief_docs.brief_questions(built, ds, about, lang), fmt),
    key="brief.download.xlsx", ctx=ctx, ods_label=t("brief.download.ods", lang),
    help=t("brief.questions_help", lang),
)  # fmt: skip

for part in brief_text.parts(built, ds.scale, lang):
    (st.header if part.level == 1 else st.subheader)(part.title)
    if not part.rows:
        if part.empty:
            st.caption(part.empty)
    elif part.name == "questions":
        st.markdown("\n".join(f"{number}. {plain(text)}" for number, text in part.rows))
    elif part.header:
        frame = pd.DataFrame(list(part.rows), columns=list(part.header))
        st.dataframe(frame, hide_index=True, key=f"brief.{part.name}")
