"""Méthode / Method: the status scale, how every figure is computed, the data's sources."""

import streamlit as st

from monitoring import figures_text as ft
from monitoring import method, shipped
from monitoring.export_formats import mime
from monitoring.i18n import plain, t
from monitoring.schema import CONTRACT_VERSION, SHEETS_BY_ID
from monitoring.settings import Settings
from views.common import banner, compute_whole, context, show_table, summaries

ctx = context()
lang = ctx.lang
st.title(t("page.method", lang))
st.caption(t("method.caption", lang))
banner(ctx)

st.header(t("method.scale", lang))
custom = ctx.ds.scale.custom
st.write(t("method.scale.custom" if custom else "method.scale.default", lang))
scale = method.scale_table(ctx.ds.scale, lang)
label = st.column_config.TextColumn
show_table(
    method.styled_scale(scale), ctx, "status-scale", hide_index=True, title=t("method.scale", lang),
    column_config={
        "order": st.column_config.NumberColumn(t("method.col.order", lang)),
        "label": label(t("method.col.label", lang)),
        "label_en": None if custom else label(t("method.col.label_en", lang)),
        "category": label(t("method.col.category", lang)),
        "colour": label(t("method.col.colour", lang)),
        "pattern": label(t("method.col.pattern", lang)),
        "hex": None,
        "own_colour": label(t("method.col.own_colour", lang)) if custom else None,
    },
)  # fmt: skip
st.caption(t("method.scale.colours", lang))
if custom:
    st.caption(t("method.scale.own_colour_note", lang))

st.header(t("method.definitions", lang))
st.caption(t("method.definitions.caption", lang, as_of=ctx.as_of))
params = method.definition_params(ctx.voice, lang)
for group, definitions in method.DEFINITIONS:
    st.subheader(t(group, lang))
    for title, text in definitions:
        st.markdown(f"**{t(title, lang)}.** {t(text, lang, **params)}")

st.header(t("method.def.verdicts", lang))
published = [
    (plan["plan_id"], sentence, verdict.get("source"))
    for plan in summaries(ctx.view, ctx.version, ctx.as_of, ctx.voice)
    for sentence, verdict in zip(ft.verdict_sentences(plan, lang), ft.verdicts(plan), strict=True)
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

sheet_names = {s: SHEETS_BY_ID[s].name(lang) for s in SHEETS_BY_ID}
st.caption(t("method.sources.coverage", lang))
coverage = compute_whole(method.source_coverage, ctx, lang)
show_table(
    coverage, ctx, "source-coverage", hide_index=True, title=t("method.sources", lang),
    column_config={
        "sheet": label(t("method.col.sheet", lang)),
        "column": None,
        "rows": st.column_config.NumberColumn(t("method.col.rows", lang)),
        "with_source": st.column_config.NumberColumn(t("method.col.with_source", lang)),
        "without_source": st.column_config.NumberColumn(t("method.col.without_source", lang)),
        "references": st.column_config.NumberColumn(t("method.col.references", lang)),
    },
)  # fmt: skip
sources = compute_whole(method.source_table, ctx)
if sources.empty:
    st.info(t("method.sources.none", lang))
else:
    st.caption(t("method.sources.references", lang))
    show_table(
        method.readable(sources), ctx, "sources", hide_index=True, title=t("method.sources", lang),
        column_config={
            "reference": label(t("method.col.reference", lang), width="large"),
            "link": st.column_config.LinkColumn(
                t("method.col.link", lang), display_text=r"https?://(?:www\.)?([^/]+)",
                width="medium",
            ),
            "total": st.column_config.NumberColumn(t("method.col.total", lang)),
            **{s: st.column_config.NumberColumn(sheet_names[s]) for s in sheet_names},
        },
    )  # fmt: skip

st.header(t("method.format", lang))
doc = method.format_doc(lang)
st.write(t("method.format.version", lang, version=CONTRACT_VERSION, path=f"docs/{doc.name}"))
st.download_button(
    t("method.format.download", lang), doc.read_bytes(), file_name=doc.name, mime=mime("md")
)
