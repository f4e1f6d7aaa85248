"""Écarts d'adoption / Adoption gaps: which recommendations the plans took up or dropped."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from monitoring import gaps
from monitoring.charts import gaps as charts
from monitoring.i18n import t
from monitoring.schema import SHEETS_BY_ID
from views.common import (
    banner,
    change_log_section,
    chart,
    compute,
    context,
    show_chart,
    show_table,
)

# Only the retention known at the as-of date: a plan not adopted yet has none (known_at).
ctx = context()
ctx = replace(ctx, view=gaps.known_at(ctx.view, ctx.as_of), version=f"{ctx.version}|{ctx.as_of}")
lang = ctx.lang
st.title(t("page.gaps", lang))
st.caption(t("gaps.caption", lang))
banner(ctx)
retention_sheet = SHEETS_BY_ID["retention"].name(lang)


def table(frame: pd.DataFrame, name: str, title: str) -> None:
    """User text as plain cells, dates from their bounds (never a day not known); sources
    as links only when every one is a web address."""
    frame = gaps.readable(frame, lang)
    links = gaps.link_columns(frame)
    config = {}
    for column, label in gaps.column_labels(frame.columns, lang).items():
        if column in links:
            config[column] = st.column_config.LinkColumn(label)
        else:
            config[column] = st.column_config.Column(label)
    height = "content" if len(frame) <= 20 else 640
    show_table(frame, ctx, name, column_config=config, hide_index=True, height=height, title=title)


def recommendation_history() -> None:
    """The change log of the recommendation the user picks, as a measure's on Measures."""
    choices = compute(gaps.recommendation_choices, ctx, chosen)
    rec_id = st.selectbox(
        t("gaps.history.pick", lang), list(choices), index=None, key="gaps.history",
        format_func=choices.__getitem__, placeholder=t("gaps.history.placeholder", lang),
    )  # fmt: skip
    if rec_id is not None:
        change_log_section(ctx, f"{rec_id}-changes", t("gaps.history.help", lang),
                           rec_id=rec_id, title=choices[rec_id])  # fmt: skip


options = compute(gaps.authors, ctx)
if not options:
    st.info(t("gaps.no_recommendations", lang, sheet=SHEETS_BY_ID["recommendations"].name(lang)))
    st.stop()
st.session_state["gaps_authors"] = [
    a for a in st.session_state.get("gaps_authors", []) if a in options
]
chosen = tuple(
    st.multiselect(
        t("gaps.author_filter", lang),
        options,
        key="gaps_authors",
        placeholder=t("filter.all", lang),
        help=t("gaps.author_filter_help", lang),
    )
)

if not compute(gaps.is_documented, ctx, chosen):
    st.info(t("gaps.not_documented", lang, sheet=retention_sheet))
    for name, fn in (("counts", gaps.recommendation_counts), ("list", gaps.recommendation_list)):
        st.subheader(title := t(f"gaps.empty.{name}", lang))
        table(compute(fn, ctx, chosen), f"recommendations-{name}", title)
    recommendation_history()
    st.stop()

st.header(t("gaps.by_group", lang))
for by in ("author", "theme"):
    frame = compute(gaps.retention_by_group, ctx, chosen, by)
    figure = chart(charts.retention_by_group, ctx, frame, lang=lang, by=by)
    show_chart(figure, ctx, f"retention-by-{by}", key=f"by_{by}")
st.caption(t("gaps.by_group.help", lang))
missing = compute(gaps.plans_without_retention, ctx, chosen, ctx.as_of)
if missing:
    st.info(t("gaps.plans_missing", lang, sheet=retention_sheet))
    st.text("\n".join(missing))

st.header(t("gaps.coverage", lang))
coverage = compute(gaps.theme_coverage, ctx, chosen)
show_chart(chart(charts.theme_coverage, ctx, coverage, lang=lang), ctx, "coverage", key="coverage")
st.caption(t("gaps.coverage.help", lang))

st.header(t("gaps.sankey", lang))
group = st.radio(
    t("gaps.sankey.group_by", lang),
    ("author", "theme"),
    format_func=lambda b: t(f"gaps.sankey.by.{b}", lang),
    horizontal=True,
    key="gaps_sankey_by",
)
links = compute(gaps.sankey_links, ctx, chosen, ctx.as_of, ctx.voice, group)
sankey = chart(charts.recommendation_sankey, ctx, links, lang=lang, by=group)
show_chart(sankey, ctx, f"sankey-by-{group}", key="sankey")
voice = t(f"voice.{ctx.voice}", lang)
st.caption(t("gaps.sankey.help", lang, as_of=ctx.as_of, voice=voice))

st.header(t("gaps.dropped", lang))
dropped = compute(gaps.not_taken_up, ctx, chosen, lang)
if dropped.empty:
    st.info(t("gaps.dropped.none", lang))
else:
    table(dropped, "not-taken-up", t("gaps.dropped", lang))
    st.caption(t("gaps.dropped.help", lang, sheet=retention_sheet))
recommendation_history()
