"""Mesures / Measures: what happened to each measure, and who says so."""

from dataclasses import replace
from functools import partial

import streamlit as st

from monitoring.analysis import measure_detail as md
from monitoring.contract.schema import CATEGORY_CODES
from monitoring.present import measure_text
from monitoring.present.charts.measures import status_history
from monitoring.present.pages import MEASURE_COLUMNS
from monitoring.text.i18n import plain, t
from views.common import (
    banner,
    change_log_section,
    compute,
    context,
    dataset_label,
    link_wins,
    show_chart,
    typed_table,
)

PICK, SEEN = "measures.pick", "measures.url_seen"  # the measure shown; the URL's last value
SEARCH, CATEGORIES = "measures.search", "measures.categories"
WRITTEN = "measures.url_search"  # the search and categories this page last put in the URL
# The table's columns drawn on screen, as the page's declaration chooses them.
ON_SCREEN = tuple(c.id for c in MEASURE_COLUMNS if not c.in_files_only)
ctx = context("measures")
lang, state = ctx.lang, st.session_state
st.title(t("page.measures", lang))
st.caption(t("measures.caption", lang, name=plain(dataset_label(ctx.dataset_key, lang)),
             as_of=ctx.as_of, voice=t(f"voice.{ctx.voice}", lang)))  # fmt: skip
banner(ctx)


def _pick_row(key: str, ids: list[str]) -> None:
    """A row ticked opens its measure; a row unticked closes the detail."""
    rows = state[key]["selection"]["rows"]
    state[PICK] = ids[rows[0]] if rows else None


# The rows are computed once for every language; only their words depend on it.
rows = compute(measure_text.readable_rows, ctx, compute(md.measure_rows, ctx, ctx.as_of, ctx.voice),
               lang)  # fmt: skip
if rows.empty:
    st.info(t("measures.no_measures", lang))
    st.stop()
# The search and the categories are in the URL (`search`, `category`), as the sidebar's
# filters are, so a search is shared as a link and a reload shows it again (`link_wins`).
in_url = (st.query_params.get("search", ""),
          [c for c in st.query_params.get_all("category") if c in CATEGORY_CODES])  # fmt: skip
if link_wins(("search", "category"), in_url, WRITTEN):
    state[SEARCH], state[CATEGORIES] = in_url
left, right = st.columns([3, 2])
query = left.text_input(
    t("measures.search", lang), key=SEARCH,
    placeholder=t("measures.search_placeholder", lang), help=t("measures.search_help", lang),
    persist_state="session",
)  # fmt: skip
categories = right.multiselect(
    t("measures.categories", lang), CATEGORY_CODES, key=CATEGORIES,
    format_func=lambda c: t(f"category.{c}", lang), placeholder=t("filter.all", lang),
    persist_state="session",
)  # fmt: skip
st.query_params["search"] = query
st.query_params["category"] = categories
if not query:  # an address without an empty `search=`
    st.query_params.pop("search", None)
state[WRITTEN] = (query, list(categories))
shown = md.search(rows, compute(md.search_keys, ctx), query, categories)
st.caption(t("measures.count", lang, shown=len(shown), total=len(rows)))

# The URL names the measure shown, so a detail can be shared as a link; it wins when it
# changed since this page last wrote it (a link opened, another page pointing here).
titles = dict(zip(rows["measure_id"], rows["title"], strict=True))
url = st.query_params.get("measure")
if url and url != state.get(SEEN) and url in titles:
    state[PICK] = url
if state.get(PICK) not in titles:
    state[PICK] = None
if shown.empty:
    st.info(t("measures.no_match", lang))
else:  # a new search is a new table; its ticked row is always the measure shown
    key = f"measures.table.{hash((ctx.cache_key, query, *categories))}"
    ids = shown["measure_id"].tolist()
    ticked = [ids.index(state[PICK])] if state[PICK] in ids else []
    if key not in state or state[key]["selection"]["rows"] != ticked:
        state[key] = {"selection": {"rows": ticked, "columns": [], "cells": []}}
    typed_table(shown[list(md.TABLE_COLUMNS)], ctx, "measures", height="auto", key=key,
                selection_mode="single-row", on_select=partial(_pick_row, key, ids),
                on_screen=ON_SCREEN)  # fmt: skip
    st.caption(t("measures.table_help", lang))
measure_id = st.selectbox(
    t("measures.pick", lang), list(titles), key=PICK, index=None, persist_state="session",
    format_func=lambda m: f"{m} — {titles[m]}", placeholder=t("measures.pick_placeholder", lang),
)  # fmt: skip
if url and url not in titles:
    st.info(t("measures.not_in_view", lang))
state[SEEN] = measure_id
if measure_id is None:
    st.query_params.pop("measure", None)
    st.info(t("measures.pick_help", lang))
    st.stop()
st.query_params["measure"] = measure_id

# A carry-over crosses plans: the detail reads the whole dataset, whatever the filters.
whole = replace(ctx, view=ctx.ds, cache_key=f"{ctx.cache_key}|whole")
found = compute(md.measure_detail, whole, measure_id, ctx.as_of, ctx.voice)  # in no language
if found is None:  # the URL's measure is in the titles, so it is in the dataset
    st.stop()
detail = measure_text.worded(found, ctx.ds.scale, lang)
st.header(t("measures.detail", lang))
st.text(detail.heading)
if detail.divergence:
    government, civil = (t(f"category.{c}", lang) for c in detail.divergence)
    st.warning(t("measures.divergence", lang, as_of=ctx.as_of, government=government,
                 civil_society=civil), icon=":material/balance:")  # fmt: skip
typed_table(detail.facts, ctx, f"{measure_id}-facts", title=detail.heading)

st.subheader(t("measures.history", lang))
if detail.history.empty:
    empty = "measures.none_yet" if detail.assessments_total else "measures.no_assessment"
    st.info(t(empty, lang, as_of=ctx.as_of))
else:
    figure = status_history(detail.history, scale=ctx.ds.scale, as_of=ctx.as_of, lang=lang)
    show_chart(figure, ctx, f"{measure_id}-history", key="status_history")
    st.caption(t("measures.history_help", lang, as_of=ctx.as_of))
    st.markdown(f"**{t('measures.evidence', lang)}**")
    typed_table(detail.evidence, ctx, f"{measure_id}-evidence", title=detail.heading)

for title, frame, empty, note in (
    ("measures.recommendations", detail.recommendations, "measures.no_recommendations", ""),
    ("measures.lineage", detail.lineage, "measures.no_lineage", detail.lineage_note),
):
    st.subheader(t(title, lang))
    if frame.empty:
        st.info(t(empty, lang))
        continue
    if note:
        st.caption(note)
    typed_table(frame, ctx, f"{measure_id}-{title.rsplit('.', 1)[1]}", title=detail.heading)

change_log_section(ctx, f"{measure_id}-changes", t("measures.changes_help", lang),
                   measure_id=measure_id, title=detail.heading)  # fmt: skip
