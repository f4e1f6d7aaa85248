"""Vue d'ensemble / Overview: per plan, status, completion, delays, retention."""

import streamlit as st

from monitoring import figures_text as ft
from monitoring.charts.overview import plan_periods, retention_by_plan, status_by_plan
from monitoring.i18n import format_number, plain, t
from monitoring.metrics import plan_timeline
from views.common import (
    banner,
    compute,
    context,
    dataset_label,
    show_chart,
    summaries,
)

ctx = context()
lang = ctx.lang
st.title(t("page.overview", lang))
name = plain(dataset_label(ctx.dataset_key, lang))
st.caption(t("overview.caption", lang, name=name, as_of=ctx.as_of))
banner(ctx)

plans = summaries(ctx.view, ctx.version, ctx.as_of, ctx.voice)
if not plans:
    st.info(t("overview.no_plans", lang))
    st.stop()


def _figures(plan: dict) -> None:
    """The plan's metric boxes, then each figure's base and what it rests on."""
    cols = st.columns(5)
    cols[0].metric(
        t("metric.measures", lang),
        format_number(plan["measures"], lang),
        help=t("metric.measures.help", lang),
    )
    cols[1].metric(
        t("metric.completion", lang),
        ft.completion_short(plan, lang),
        help=t("metric.completion.help", lang),
    )
    cols[2].metric(
        t("metric.overdue", lang),
        format_number(plan["overdue"], lang),
        help=t("metric.overdue.help", lang),
    )
    cols[3].metric(
        t("metric.unassessed", lang),
        format_number(plan["past_due_unassessed"], lang),
        help=t("metric.unassessed.help", lang),
    )
    recorded = ft.retention_recorded(plan)
    cols[4].metric(
        t("metric.retained", lang),
        ft.retained_short(plan, lang),
        help=t("metric.retained.help", lang) if recorded else ft.retention_help(lang),
    )
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
        if not ft.adopted(plan):
            continue
        if not plan["measures"]:
            st.info(t("overview.no_measures", lang))
            continue
        _figures(plan)

st.header(t("truth.charts.selected" if ctx.filters.plans else "overview.charts", lang))
timeline = compute(plan_timeline, ctx, ctx.as_of)
show_chart(plan_periods(timeline, ctx.as_of, lang), ctx, "plan-periods", key="plan_periods")
st.caption(t("overview.periods_help", lang))
show_chart(status_by_plan(plans, lang), ctx, "status-by-plan", key="status_by_plan")
st.caption(ft.status_help(ctx.voice, lang))
show_chart(retention_by_plan(plans, lang), ctx, "retention-by-plan", key="retention_by_plan")
st.caption(t("metric.retained.help", lang))
