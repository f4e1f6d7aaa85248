"""Méthode / Method: the status scale, how every figure is computed, the data's sources, and
the workbook format (its sheets, columns and allowed values, with the blank template)."""

import streamlit as st

from monitoring.analysis.figures import verdicts
from monitoring.config import shipped
from monitoring.config.settings import Settings
from monitoring.contract.schema import CONTRACT_VERSION, SHEETS, SHEETS_BY_ID
from monitoring.present import contract_docs, method_text
from monitoring.present import figures_text as ft
from monitoring.present.export_formats import mime
from monitoring.present.pages import METHOD
from monitoring.present.spreadsheets import workbook_in
from monitoring.present.workbook import write_workbook
from monitoring.text.i18n import plain, t
from views.common import banner, context, summaries, workbook_downloads
from views.sections import build, selection, show_section

ctx = context(METHOD.id)
sel = selection(ctx)
lang = ctx.lang
st.title(t("page.method", lang))
st.caption(t("method.caption", lang))
banner(ctx)

st.header(t("method.scale", lang))
custom = ctx.ds.scale.custom
st.write(t("method.scale.custom" if custom else "method.scale.default", lang))
show_section(METHOD.section("status-scale"), sel, ctx, styled=method_text.styled_scale)
st.caption(t("method.scale.colours", lang))
if custom:
    st.caption(t("method.scale.own_colour_note", lang))

st.header(t("method.definitions", lang))
st.caption(t("method.definitions.caption", lang, as_of=ctx.as_of))
params = method_text.definition_params(ctx.voice, lang)
for group, definitions in method_text.DEFINITIONS:
    st.subheader(t(group, lang))
    for title, text in definitions:
        st.markdown(f"**{t(title, lang)}.** {t(text, lang, **params)}")

st.header(t("method.def.verdicts", lang))
published = [
    (plan["plan_id"], sentence, verdict.get("source"))
    for plan in summaries(ctx.view, ctx.cache_key, ctx.as_of, ctx.voice)
    for sentence, verdict in zip(ft.verdict_sentences(plan, lang), verdicts(plan), strict=True)
]
if not published:
    sheet = SHEETS_BY_ID["published_verdicts"].name(lang)
    st.info(t("truth.method.no_verdicts", lang, sheet=sheet, as_of=ctx.as_of))
for plan_id, sentence, source in published:
    st.markdown(plain(f"{plan_id} — {sentence}"))
    if source:
        st.caption(plain(t("truth.method.verdict_source", lang, source=source)))

st.header(t("method.sources", lang))
vouched = shipped.find(ctx.dataset_key)  # a coalition's own dataset: None
note = shipped.sources_note(ctx.dataset_key, Settings.from_env().data_dir)
if vouched is not None and vouched.fictional:
    st.warning(t(vouched.sources_key, lang), icon=":material/warning:")
elif vouched is not None and note is not None:
    st.info(t(vouched.sources_key, lang), icon=":material/info:")
    with st.expander(t("method.sources.note", lang)):
        st.markdown(note)  # the project's own reviewed file, not user input

st.caption(t("method.sources.coverage", lang))
show_section(METHOD.section("source-coverage"), sel, ctx)
cited = METHOD.section("sources")
cited_frame = build(ctx, cited, sel)
if cited_frame is not None:
    st.caption(t("method.sources.references", lang))
show_section(cited, sel, ctx, built=cited_frame)

# The format as the contract declares it (`monitoring.present.contract_docs`, which also
# writes docs/workbook-format.*.md): rules, then each sheet's columns and allowed values.
st.header(t("method.format", lang))
st.write(t("method.format.intro", lang, page=t("page.upload", lang), version=CONTRACT_VERSION))
left, right = st.columns(2)
workbook_downloads(
    left, t("upload.download_template", lang), t("upload.template_name", lang),
    lambda fmt: workbook_in(write_workbook(None, lang), fmt), key="method.template",
    type="primary",
)  # fmt: skip
doc = method_text.format_doc(lang)
right.download_button(
    t("method.format.download", lang), doc.read_bytes(), file_name=doc.name, mime=mime("md"),
    key="method.format_doc", on_click="ignore", icon=":material/download:",
)  # fmt: skip
with st.expander(t("docs.general_rules", lang)):
    st.markdown("\n".join(f"- {rule}" for rule in contract_docs.general_rules(lang)))
labels = {field: st.column_config.TextColumn(t(key, lang))
          for field, key in contract_docs.COLUMN_FIELDS.items()}  # fmt: skip
for sheet in SHEETS:
    required = t("method.format.required" if sheet.required else "method.format.optional", lang)
    with st.expander(t("method.format.sheet", lang, name=sheet.name(lang), required=required)):
        st.write(" ".join(contract_docs.sheet_notes(sheet, lang)))
        st.caption(t("method.format.columns", lang))
        st.dataframe(contract_docs.column_rows(sheet, lang), hide_index=True,
                     column_config=labels, key=f"method.format.{sheet.id}")  # fmt: skip
