"""Chronologie / Timeline: what we wrote to whom, whether they answered, and when."""

import streamlit as st

from monitoring.analysis import timeline as tl
from monitoring.present.pages import TIMELINE
from monitoring.text.i18n import t
from views.common import banner, compute, context
from views.sections import build, selection, show_section

ctx = context(TIMELINE.id)
lang = ctx.lang
st.title(t("page.timeline", lang))
st.caption(t("timeline.caption", lang, as_of=ctx.as_of))
banner(ctx)

span = compute(tl.event_span, ctx, ctx.as_of)
if span is None:
    st.info(t("timeline.no_events", lang, as_of=ctx.as_of))
    st.stop()

DATE_FORMAT = "DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"
left, right = st.columns([1, 2])
start, end = span.first, span.last
if start < end:
    start, end = left.slider(
        t("timeline.period", lang), min_value=start, max_value=end, value=(start, end),
        format=DATE_FORMAT, help=t("timeline.period_help", lang),
    )  # fmt: skip
kinds = right.pills(
    t("timeline.kinds", lang), span.kinds, selection_mode="multi", default=span.kinds,
    format_func=lambda k: t(f"timeline.kind.{k}", lang), help=t("timeline.kinds_help", lang),
)  # fmt: skip


sel = selection(ctx, kinds=tuple(kinds), start=start, end=end)
events, events_table, rates, rates_table, unanswered = TIMELINE.sections
if show_section(events, sel, ctx, key="event_timeline") is not None:
    with st.expander(t("timeline.table", lang)):
        show_section(events_table, sel, ctx)

st.header(t("timeline.replies", lang))
st.caption(t("timeline.replies.caption", lang, as_of=ctx.as_of))
if show_section(rates, sel, ctx, key="reply_rates") is None:
    st.stop()
show_section(rates_table, sel, ctx)

st.subheader(t("timeline.unanswered", lang))
waiting = build(ctx, unanswered, sel)
if waiting is None:
    st.success(t("timeline.all_answered", lang))
    st.stop()
st.caption(t("timeline.unanswered.caption", lang, count=len(waiting), as_of=ctx.as_of))
show_section(unanswered, sel, ctx, built=waiting)
