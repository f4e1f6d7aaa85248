"""Retards / Delays: what is late and by how much, whose deadlines moved, per lead."""

import datetime as dt

import streamlit as st

from monitoring.analysis import delays
from monitoring.analysis.filters import filter_options, plan_titles
from monitoring.analysis.reminders import DEFAULT_REPLY_AFTER, reminders
from monitoring.present import calendar_ics
from monitoring.present.export_formats import mime
from monitoring.present.pages import DELAYS, TIMELINE_ROWS
from monitoring.text.i18n import format_date, format_number, plain, t
from views.common import audited, banner, compute, context, dataset_label, date_format
from views.sections import build, selection, show_section

SCROLL_AT = 1000  # a taller timeline scrolls in an 800 px box, so the sections below stay near

ctx = context(DELAYS.id)
lang, as_of, voice = ctx.lang, ctx.as_of, ctx.voice
st.title(t("page.delays", lang))
st.caption(t("delays.caption", lang, name=plain(dataset_label(ctx.dataset_key, lang)), as_of=as_of))
banner(ctx)


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
    # It opens on the plan it can say most about, not on one whose every row is unknown.
    known = compute(delays.most_known_plan, ctx, as_of, voice)
    choice = st.selectbox(
        t("delays.plan_choice", lang), options, index=options.index(known), key="delays_plan",
        format_func=lambda p: f"{p} — {titles[p]}", help=t("delays.plan_choice_help", lang),
    )  # fmt: skip
    plans = (choice,)
sel = selection(ctx, plans=plans)
timeline, overdue, slips, by_lead, unassessed, not_yet_due = DELAYS.sections
total = len(compute(delays.timeline_rows, ctx, as_of, voice, plans))
if total > TIMELINE_ROWS:
    st.caption(t("delays.timeline_cut", lang, shown=TIMELINE_ROWS, total=total))
figure = build(ctx, timeline, sel)
tall = figure is not None and figure.layout.height > SCROLL_AT
box = st.container(height=800 if tall else "content", border=False)
show_section(timeline, sel, ctx, key="delays_timeline", where=box, built=figure)

st.header(t("delays.overdue", lang))
if show_section(overdue, sel, ctx, key="delays_overdue") is None:
    st.success(t("delays.no_overdue", lang, as_of=as_of))
else:
    st.caption(t("delays.metric.overdue.help", lang))

st.header(t("delays.slips", lang))
if show_section(slips, sel, ctx, key="delays_slips") is None:
    st.info(t("delays.no_slips", lang))
else:
    st.caption(t("delays.slips_help", lang))

st.header(t("delays.by_lead", lang))
show_section(by_lead, sel, ctx, key="delays_by_lead")

st.header(t("delays.unassessed", lang))
st.caption(t("delays.metric.unassessed.help", lang))
waiting = build(ctx, unassessed, sel)
if waiting is None:
    st.info(t("delays.no_unassessed", lang))
else:
    with st.expander(t("delays.unassessed_list", lang, count=len(waiting))):
        show_section(unassessed, sel, ctx, key="delays_unassessed", built=waiting)

st.header(t("delays.not_yet_due", lang))
upcoming = build(ctx, not_yet_due, sel)
st.write(t("delays.not_yet_due_count", lang, count=0 if upcoming is None else len(upcoming)))
if upcoming is not None:
    with st.expander(t("delays.not_yet_due_list", lang)):
        show_section(
            not_yet_due, sel, ctx, name="not_yet_due", key="delays_not_yet_due", built=upcoming
        )

st.header(t("calendar.header", lang))
left, right = st.columns(2)
meeting = left.date_input(
    t("calendar.next_meeting", lang), value=None, min_value=as_of, key="delays_next_meeting",
    help=t("calendar.next_meeting.help", lang), format=date_format(lang),
)  # fmt: skip
reply_after = right.number_input(
    t("calendar.reply_after", lang), min_value=0, max_value=3650, value=DEFAULT_REPLY_AFTER,
    step=1, key="delays_reply_after",
)  # fmt: skip
found = compute(reminders, ctx, as_of, int(reply_after), meeting, voice)
counted = {"deadlines": len(found.deadlines), "letters": len(found.replies)}
said = (
    t("calendar.caption.meeting", lang, date=meeting, **counted)
    if meeting
    else (t("calendar.caption", lang, **counted))
)
st.caption(f"{said} {t('calendar.import_note', lang)}")


def _calendar() -> bytes:
    info = ctx.version_info
    return calendar_ics.calendar_ics(
        found, ctx.view, dataset_key=ctx.dataset_key, lang=lang, plans=ctx.filters.plans,
        dataset_label=dataset_label(ctx.dataset_key, lang), now=dt.datetime.now(ctx.time_zone),
        version=info.number if info else None, modified=info.created_at if info else None,
    )  # fmt: skip


ics_name = calendar_ics.file_name(ctx.dataset_key, as_of, lang)
st.download_button(
    t("calendar.download", lang), audited(ctx, ics_name, _calendar), file_name=ics_name,
    mime=mime("ics"), key="delays_calendar", help=t("calendar.download.help", lang),
    on_click="ignore", icon=":material/event:", type="primary",
)  # fmt: skip
