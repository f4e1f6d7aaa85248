"""Chronologie / Timeline: what we wrote to whom, whether they answered, and when."""

import streamlit as st

from monitoring import timeline as tl
from monitoring.charts.timeline import event_timeline, reply_rate_bars
from monitoring.figures_text import events_table, with_date_bounds
from monitoring.i18n import t
from monitoring.method import readable
from monitoring.metrics import plan_timeline
from views.common import banner, chart, compute, context, show_chart, show_table

ctx = context()
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


def link_columns(**labels: str) -> dict:
    """Column labels for a table of events: dates in the page's language, links clickable."""
    config: dict = {k: st.column_config.TextColumn(t(v, lang)) for k, v in labels.items()}
    config["date"] = st.column_config.TextColumn(t("timeline.col.date", lang))
    config["link"] = st.column_config.LinkColumn(
        t("timeline.col.link", lang), display_text=r"https?://(?:www\.)?([^/]+)", width="medium"
    )
    return config


events = compute(tl.timeline_events, ctx, ctx.as_of, tuple(kinds), start, end)
if events.empty:
    st.info(t("timeline.no_match", lang))
else:
    plans = compute(plan_timeline, ctx, ctx.as_of)
    figure = chart(event_timeline, ctx, events, plans, lang=lang, start=start, end=end)
    show_chart(figure, ctx, "events", key="event_timeline")
    st.caption(t("timeline.chart.caption", lang))
    with st.expander(t("timeline.table", lang)):
        show_table(
            chart(events_table, ctx, events, lang), ctx, "events", hide_index=True,
            title=t("timeline.table", lang),
            column_config=link_columns(
                kind="timeline.col.kind", title="timeline.col.title",
                sender="timeline.col.sender", recipient="timeline.col.recipient",
                note="timeline.col.note", plan_id="timeline.col.plan",
                source="timeline.col.source",
            ),
        )  # fmt: skip

st.header(t("timeline.replies", lang))
st.caption(t("timeline.replies.caption", lang, as_of=ctx.as_of))
rates = compute(tl.reply_rates_between, ctx, ctx.as_of, start, end)
if rates.empty:
    st.info(t("timeline.no_letters", lang))
    st.stop()
show_chart(chart(reply_rate_bars, ctx, rates, lang=lang), ctx, "reply-rates", key="reply_rates")
percent = "%.0f\u202f%%" if lang == "fr" else "%.0f%%"
show_table(
    tl.rates_for_display(rates, lang), ctx, "reply-rates", hide_index=True,
    title=t("timeline.replies", lang),
    column_config={
        "recipient": st.column_config.TextColumn(t("timeline.col.recipient", lang)),
        "letters": st.column_config.NumberColumn(t("timeline.col.letters", lang)),
        "answered": st.column_config.NumberColumn(t("timeline.col.answered", lang)),
        "reply_pct": st.column_config.ProgressColumn(
            t("timeline.col.rate", lang), format=percent, min_value=0, max_value=100
        ),
        "median_reply_delay_days": st.column_config.TextColumn(
            t("timeline.col.median_delay", lang)
        ),
        "delays_known": st.column_config.NumberColumn(t("timeline.col.delays_known", lang)),
    },
)  # fmt: skip

st.subheader(t("timeline.unanswered", lang))
waiting = compute(tl.unanswered_letters, ctx, ctx.as_of, start, end)
if waiting.empty:
    st.success(t("timeline.all_answered", lang))
    st.stop()
st.caption(t("timeline.unanswered.caption", lang, count=len(waiting), as_of=ctx.as_of))
columns = link_columns(
    recipient="timeline.col.recipient", title="timeline.col.title", source="timeline.col.source"
)
columns["event_id"] = None
columns["waiting_days"] = st.column_config.NumberColumn(t("timeline.col.waiting", lang))
show_table(with_date_bounds(readable(waiting), lang), ctx, "unanswered", hide_index=True,
           column_config=columns,
           title=t("timeline.unanswered", lang))  # fmt: skip
