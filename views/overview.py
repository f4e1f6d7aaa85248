"""Vue d'ensemble / Overview: per plan, status, completion, delays, retention."""

import streamlit as st

from monitoring.analysis.figures import adopted, retention_recorded
from monitoring.present import figures_text as ft
from monitoring.present.pages import OVERVIEW
from monitoring.text.i18n import format_number, plain, t
from views.common import (
    banner,
    context,
    dataset_label,
    images_on_screen,
    link_wins,
    metric_width,
    summaries,
)
from views.sections import selection, show_section

CHARTS, CHARTS_WRITTEN = "overview_interactive", "_overview_interactive_written"

ctx = context(OVERVIEW.id)
lang = ctx.lang
st.title(t("page.overview", lang))
name = plain(dataset_label(ctx.dataset_key, lang))
st.caption(t("overview.caption", lang, name=name, as_of=ctx.as_of))
banner(ctx)

plans = summaries(ctx.view, ctx.cache_key, ctx.as_of, ctx.voice)
if not plans:
    st.info(t("overview.no_plans", lang))
    st.stop()


def _figures(plan: dict) -> None:
    """The plan's metric boxes, then each figure's base and what it rests on."""
    # A row that wraps, each figure as wide as its label or its value: "Recommandations
    # retenues", "trop peu évaluées" are read whole, never cut to "trop peu…".
    row = st.container(horizontal=True, gap="large", wrap=True)
    recorded = retention_recorded(plan)
    figures = (
        ("metric.measures", format_number(plan["measures"], lang), "metric.measures.help"),
        ("metric.completion", ft.completion_short(plan, lang), "metric.completion.help"),
        ("metric.overdue", format_number(plan["overdue"], lang), "metric.overdue.help"),
        ("metric.unassessed", format_number(plan["past_due_unassessed"], lang),
         "metric.unassessed.help"),
        ("metric.retained", ft.retained_short(plan, lang), "metric.retained.help"),
    )  # fmt: skip
    for label, value, help_key in figures:
        helped = (
            ft.retention_help(lang)
            if help_key == "metric.retained.help" and not recorded
            else t(help_key, lang)
        )
        text = t(label, lang)
        row.metric(text, value, help=helped, width=metric_width(text, value))
    for sentence in ft.verdict_sentences(plan, lang):
        st.markdown(f"**{t('truth.verdict.title', lang)}** — {plain(sentence)}")
    st.caption(ft.completion_line(plan, lang))
    lines = (
        ft.overdue_line(plan, lang),
        ft.median_delay_line(plan, lang),
    )
    for line in lines:
        if line:
            st.caption(line)
    note = ft.unassessed_note(plan, lang)
    if note:
        st.caption(note)
    if not recorded:
        st.caption(t("truth.retention.line", lang))


for plan in plans:
    with st.container(border=True):
        st.subheader(plain(f"{plan['plan_id']} — {plan['title']}"))
        for line in ft.plan_lines(plan, ctx.as_of, lang):
            st.caption(line)
        if not adopted(plan):
            continue
        if not plan["measures"]:
            st.info(t("overview.no_measures", lang))
            continue
        _figures(plan)

st.header(t("truth.charts.selected" if ctx.filters.plans else "overview.charts", lang))
# The charts are images by default: the first page of a session is then drawn without the
# interactive charts' script (`exports.screen_svg`). The choice is in the URL
# (`charts=interactive`), so a link keeps it (`link_wins`), as the Measures page's search.
interactive = True
if images_on_screen():  # once per run: it looks for Chromium on disk
    in_url = st.query_params.get("charts") == "interactive"
    if link_wins(("charts",), in_url, CHARTS_WRITTEN):
        st.session_state[CHARTS] = in_url
    interactive = st.toggle(
        t("overview.interactive", lang), key=CHARTS, help=t("overview.interactive_help", lang),
        persist_state="session",
    )  # fmt: skip
    if interactive:
        st.query_params["charts"] = "interactive"
    else:
        st.query_params.pop("charts", None)
    st.session_state[CHARTS_WRITTEN] = interactive
sel = selection(ctx)
for section in OVERVIEW.charts():  # each chart, then its caption
    show_section(section, sel, ctx, key=section.name.replace("-", "_"), as_image=not interactive)
