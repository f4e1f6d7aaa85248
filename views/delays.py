"""Retards / Delays: what is late and by how much, whose deadlines moved, per lead."""

import pandas as pd
import streamlit as st

from monitoring import delays
from monitoring.charts.delays import lead_delays, measure_timeline
from monitoring.figures_text import basis_label
from monitoring.filters import filter_options, plan_titles
from monitoring.i18n import format_date, format_number, plain, t
from views.common import banner, chart, compute, context, dataset_label, show_chart, show_table

MAX_ROWS = 150  # measures drawn on the timeline; the filters narrow a larger plan
SCROLL_AT = 1000  # a taller timeline scrolls in an 800 px box, so the sections below stay near
NAMED = ["plan_id", "number", "title"]
ASSESSED = ["status", "lead", "assessed_by", "evidence"]

ctx = context()
lang, as_of, voice = ctx.lang, ctx.as_of, ctx.voice
st.title(t("page.delays", lang))
st.caption(t("delays.caption", lang, name=plain(dataset_label(ctx.dataset_key, lang)), as_of=as_of))
banner(ctx)


def _table(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    """A list of measures with its downloads; `name` is its section (`delays.<name>`)."""
    dates = "DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"
    label = {c: t(f"delays.col.{c}", lang) for c in columns}
    if "due_basis" in columns:
        frame = frame.assign(due_basis=frame["due_basis"].map(lambda b: basis_label(b, lang)))
    config = {c: st.column_config.TextColumn(text) for c, text in label.items()}
    config["title"] = st.column_config.TextColumn(label["title"], width=300)
    if "effective_due" in columns:
        config["effective_due"] = st.column_config.DateColumn(label["effective_due"], format=dates)
    for c in {"days_late", "days_left", "slip_days", "times_moved", "number"} & set(columns):
        config[c] = st.column_config.NumberColumn(label[c], format="%d")
    if "evidence" in columns and delays.is_link_column(frame["evidence"]):
        config["evidence"] = st.column_config.LinkColumn(label["evidence"])
    show_table(frame, ctx, name, column_order=columns, column_config=config, hide_index=True,
               key=f"delays_{name}", title=t(f"delays.{name}", lang))  # fmt: skip


counts = compute(delays.delay_counts, ctx, as_of, voice)
if not counts["measures"]:
    if ctx.view.measures.empty:
        st.info(t("delays.no_measures", lang))
    else:  # measures exist, but no plan of theirs is adopted at the as-of date
        st.info(t("truth.delays.no_plan_adopted", lang, as_of=format_date(as_of, lang)))
    st.stop()
metrics = (
    ("overdue", "delays.metric.overdue", "delays.metric.overdue.help"),
    ("past_due_unassessed", "delays.metric.unassessed", "delays.metric.unassessed.help"),
    ("not_yet_due", "delays.metric.not_yet_due", "delays.metric.not_yet_due.help"),
    ("slipped", "delays.metric.slipped", "delays.metric.slipped.help"),
)
for column, (name, label, help_key) in zip(st.columns(4), metrics, strict=True):
    column.metric(t(label, lang), format_number(counts[name], lang), help=t(help_key, lang))
st.caption(
    t("truth.delays.basis", lang, overdue=counts["overdue"], plan_end=counts["overdue_on_plan_end"],
      unassessed=counts["past_due_unassessed"],
      unassessed_plan_end=counts["past_due_unassessed_on_plan_end"])
)  # fmt: skip
if counts["overdue_delay_unknown"]:
    st.caption(t("truth.delay.not_counted", lang, count=counts["overdue_delay_unknown"]))
if counts["past_due_unassessed"]:
    st.info(
        t("delays.unassessed_note", lang, count=counts["past_due_unassessed"]),
        icon=":material/info:",
    )

st.header(t("delays.timeline", lang))
plans = ctx.filters.plans
if not plans:
    options, titles = compute(filter_options, ctx)["plans"], plan_titles(ctx.view)
    latest = options.index(compute(delays.latest_plan, ctx, as_of))
    choice = st.selectbox(
        t("delays.plan_choice", lang), options, index=latest, key="delays_plan",
        format_func=lambda p: f"{p} — {titles[p]}", help=t("delays.plan_choice_help", lang),
    )  # fmt: skip
    plans = (choice,)
rows = compute(delays.timeline_rows, ctx, as_of, voice, plans, lang)
if rows.empty:
    st.info(t("delays.no_plan_measures", lang))
else:
    if len(rows) > MAX_ROWS:
        st.caption(t("delays.timeline_cut", lang, shown=MAX_ROWS, total=len(rows)))
    revisions = compute(delays.revised_due_dates, ctx, as_of)
    fig = chart(measure_timeline, ctx, rows.iloc[:MAX_ROWS], revisions, as_of=as_of, lang=lang)
    box = st.container(height=800 if fig.layout.height > SCROLL_AT else "content", border=False)
    show_chart(fig, ctx, "timeline", key="delays_timeline", plans=plans, where=box)
    st.caption(t("delays.timeline_help", lang))

st.header(t("delays.overdue", lang))
overdue = compute(delays.measure_list, ctx, as_of, voice, "overdue", lang)
if overdue.empty:
    st.success(t("delays.no_overdue", lang, as_of=as_of))
else:
    _table(overdue, [*NAMED, "days_late", "effective_due", "due_basis", *ASSESSED], "overdue")
    st.caption(t("delays.metric.overdue.help", lang))

st.header(t("delays.slips", lang))
slips = compute(delays.slipped_measures, ctx, as_of, voice, lang)
if slips.empty:
    st.info(t("delays.no_slips", lang))
else:
    moved = ["slip_days", "times_moved", "deadlines", "status", "lead"]
    _table(slips, [*NAMED, *moved], "slips")
    st.caption(t("delays.slips_help", lang))

st.header(t("delays.by_lead", lang))
leads = compute(delays.delay_by_lead, ctx, as_of, voice)
if leads.empty:
    st.info(t("delays.by_lead_empty", lang))
else:
    show_chart(chart(lead_delays, ctx, leads, lang=lang), ctx, "by-lead", key="delays_by_lead")

st.header(t("delays.unassessed", lang))
st.caption(t("delays.metric.unassessed.help", lang))
unassessed = compute(delays.measure_list, ctx, as_of, voice, "past_due_unassessed", lang)
if unassessed.empty:
    st.info(t("delays.no_unassessed", lang))
else:
    with st.expander(t("delays.unassessed_list", lang, count=len(unassessed))):
        _table(unassessed, [*NAMED, "effective_due", "due_basis", *ASSESSED], "unassessed")

st.header(t("delays.not_yet_due", lang))
upcoming = compute(delays.measure_list, ctx, as_of, voice, "not_yet_due", lang)
st.write(t("delays.not_yet_due_count", lang, count=len(upcoming)))
if not upcoming.empty:
    with st.expander(t("delays.not_yet_due_list", lang)):
        _table(upcoming, [*NAMED, "effective_due", "days_left", "status", "lead"], "not_yet_due")
