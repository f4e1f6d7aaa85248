"""Écarts d'adoption / Adoption gaps: which recommendations the plans took up or dropped."""

from dataclasses import replace

import streamlit as st

from monitoring.analysis import gaps
from monitoring.contract.schema import SHEETS_BY_ID
from monitoring.present.pages import GAPS
from monitoring.present.sections import TableSection
from monitoring.text.i18n import t
from views.common import banner, change_log_section, compute, context
from views.sections import build, selection, show_section

# Only the retention known at the as-of date: a plan not adopted yet has none (known_at).
# The sections read it from their selection (`Selection.known`); the page's own figures
# (authors, plans without retention) from this narrowed context.
opened = context(GAPS.id)
ctx = replace(opened, view=gaps.known_at(opened.view, opened.as_of),
              cache_key=f"{opened.cache_key}|{opened.as_of}")  # fmt: skip
lang = ctx.lang
st.title(t("page.gaps", lang))
st.caption(t("gaps.caption", lang))
banner(ctx)
retention_sheet = SHEETS_BY_ID["retention"].name(lang)
by_author, by_theme, coverage, sankey, dropped, counts, listed = GAPS.sections


def table(section: TableSection, **options: object) -> object:
    """A table of recommendations: as high as its rows up to 20, then a scrolling box."""
    frame = build(ctx, section, sel)
    height = "content" if frame is None or len(frame) <= 20 else 640
    return show_section(section, sel, ctx, height=height, built=frame, **options)


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
sel = selection(opened, authors=chosen)

if not compute(gaps.is_documented, ctx, chosen):
    st.info(t("gaps.not_documented", lang, sheet=retention_sheet))
    for name, section in (("counts", counts), ("list", listed)):
        st.subheader(t(f"gaps.empty.{name}", lang))
        table(section, name=f"recommendations-{name}")
    recommendation_history()
    st.stop()

st.header(t("gaps.by_group", lang))
show_section(by_author, sel, ctx, key="by_author")
show_section(by_theme, sel, ctx, key="by_theme")
st.caption(t("gaps.by_group.help", lang))
missing = compute(gaps.plans_without_retention, ctx, chosen, ctx.as_of)
if missing:
    st.info(t("gaps.plans_missing", lang, sheet=retention_sheet))
    st.text("\n".join(missing))

st.header(t("gaps.coverage", lang))
show_section(coverage, sel, ctx)
st.caption(t("gaps.coverage.help", lang))

st.header(t("gaps.sankey", lang))
group = st.radio(
    t("gaps.sankey.group_by", lang),
    ("author", "theme"),
    format_func=lambda b: t(f"gaps.sankey.by.{b}", lang),
    horizontal=True,
    key="gaps_sankey_by",
)
show_section(sankey, sel.choosing(sankey_by=group), ctx, name=f"sankey-by-{group}", key="sankey")
voice = t(f"voice.{ctx.voice}", lang)
st.caption(t("gaps.sankey.help", lang, as_of=ctx.as_of, voice=voice))

st.header(t("gaps.dropped", lang))
if table(dropped) is not None:
    st.caption(t("gaps.dropped.help", lang, sheet=retention_sheet))
recommendation_history()
