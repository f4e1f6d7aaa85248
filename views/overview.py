"""Vue d'ensemble / Overview: per plan, status, completion, delays, retention."""

import streamlit as st

from monitoring.charts.overview import plan_periods, retention_by_plan, status_by_plan
from monitoring.i18n import format_date, format_number, format_percent, plain, t
from monitoring.metrics import plan_timeline
from views.common import banner, compute, context, dataset_label, show_chart, summaries

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


def _retained(plan: dict) -> str:
    counts = plan["retention_counts"]
    recorded = sum(counts.values())
    if not recorded:
        return "—"
    taken = counts["retained"] + counts["partly_retained"]
    return f"{format_number(taken, lang)} / {format_number(recorded, lang)}"


for plan in plans:
    with st.container(border=True):
        st.subheader(plain(f"{plan['plan_id']} — {plan['title']}"))
        st.caption(
            t(
                "overview.period",
                lang,
                start=format_date(plan["period_start"], lang),
                end=format_date(plan["period_end"], lang),
                adopted=format_date(plan["adopted_date"], lang, long=True),
            )
        )
        for key in ("adoption_delay_days", "gap_before_days"):
            if plan[key] is not None:
                st.caption(t(f"overview.{key}", lang, days=plan[key]))
        if not plan["measures"]:
            st.info(t("overview.no_measures", lang))
            continue
        cols = st.columns(5)
        cols[0].metric(
            t("metric.measures", lang),
            format_number(plan["measures"], lang),
            help=t("metric.measures.help", lang),
        )
        cols[1].metric(
            t("metric.completion", lang),
            format_percent(plan["completion_rate"], lang),
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
        cols[4].metric(
            t("metric.retained", lang), _retained(plan), help=t("metric.retained.help", lang)
        )
        known = plan["measures"] - plan["status_counts"]["unknown"]
        st.caption(t("overview.coverage", lang, known=known, total=plan["measures"]))

st.header(t("overview.charts", lang))
timeline = compute(plan_timeline, ctx)
show_chart(plan_periods(timeline, ctx.as_of, lang), ctx, "plan-periods", key="plan_periods")
st.caption(t("overview.periods_help", lang))
show_chart(status_by_plan(plans, lang), ctx, "status-by-plan", key="status_by_plan")
st.caption(t("metric.status.help", lang))
show_chart(retention_by_plan(plans, lang), ctx, "retention-by-plan", key="retention_by_plan")
st.caption(t("metric.retained.help", lang))
