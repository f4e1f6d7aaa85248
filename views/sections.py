"""How a view shows the sections of its page declaration (`monitoring.present.pages`): each built
from the page's `Selection`, cached, then drawn with `show_chart` or `show_table` and labelled
through its column specs (id → label in the language, kind → the column's display)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from monitoring.analysis import delays
from monitoring.contract.schema import Lang
from monitoring.present import exports
from monitoring.present.charts.base import NoChart
from monitoring.present.sections import (
    ChartSection,
    Column,
    Section,
    Selection,
    TableSection,
    number_formats,
    present,
)
from monitoring.text.i18n import t
from views.common import Context, show_chart, show_table

log = logging.getLogger(__name__)

DATE_FORMATS: dict[Lang, str] = {"fr": "DD/MM/YYYY", "en": "YYYY-MM-DD"}


def selection(ctx: Context, **choices: Any) -> Selection:
    """What the page's sections are built from: the sidebar's data and choices, and the
    page's own (`choices`, e.g. the Adoption gaps page's `authors`)."""
    return Selection(ctx.ds, ctx.as_of, ctx.lang, ctx.voice, ctx.filters.plans,
                     filtered=ctx.view, choices=choices)  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=256)
def _built(
    page: str, kind: str, name: str, cache_key: str, as_of: dt.date, lang: Lang | None, voice: str,
    choices: str, _section: Section, _sel: Selection,
) -> Any:  # fmt: skip
    return _section.build(_sel)


@st.cache_data(show_spinner=False, max_entries=64)
def _image(
    page: str, name: str, cache_key: str, as_of: dt.date, lang: Lang, voice: str, choices: str,
    _fig: Any,
) -> bytes:  # fmt: skip
    """The chart as an SVG image (`exports.screen_svg`), cached as its figure is (`build`);
    a failure is not cached."""
    return exports.screen_svg(_fig, lang)


def build(ctx: Context, section: Section, sel: Selection) -> Any:
    """`section.build(sel)`, cached per page, section, data, filters, date, voice and page
    choices, and language unless the section is language-free (a table whose words come
    from its column specs): a rerun that changes none of them costs a lookup."""
    choices = repr(sorted(sel.choices.items()))
    localised = not isinstance(section, TableSection) or section.localised
    return _built(ctx.page, type(section).__name__, section.name, ctx.cache_key, sel.as_of,
                  sel.lang if localised else None, sel.voice, choices, section, sel)  # fmt: skip


def _column(kind: str, label: str, lang: Lang, sized: dict[str, Any]) -> Any:
    """The Streamlit column of a column spec's kind (`sections.Kind`)."""
    config = st.column_config
    if kind == "auto":
        return config.Column(label, **sized)
    if kind in ("number", "integer"):  # written by `number_formats` in the language's way
        return config.NumberColumn(label, format=None, **sized)
    if kind == "date":
        return config.DateColumn(label, format=DATE_FORMATS[lang], **sized)
    if kind == "url":
        return config.LinkColumn(label, **sized)
    if kind == "link":  # the site's name, not the whole address
        return config.LinkColumn(label, display_text=r"https?://(?:www\.)?([^/]+)", **sized)
    if kind == "progress":
        percent = "%.0f\u202f%%" if lang == "fr" else "%.0f%%"
        return config.ProgressColumn(label, format=percent, min_value=0, max_value=100, **sized)
    return config.TextColumn(label, **sized)


@st.cache_data(show_spinner=False, max_entries=256)
def _presented(
    page: str, name: str, cache_key: str, as_of: dt.date, lang: Lang, voice: str, choices: str,
    _frame: pd.DataFrame, _specs: Sequence[Column], _sel: Selection,
) -> pd.DataFrame:  # fmt: skip
    return present(_frame, _specs, _sel)


def _present(
    ctx: Context, section: TableSection, frame: pd.DataFrame, specs: Sequence[Column],
    sel: Selection,
) -> pd.DataFrame:  # fmt: skip
    """`present(frame, specs, sel)`, cached per language: the words of a language-free
    table are written once per language, its figures computed once for all."""
    if not any(c.values for c in specs):
        return frame
    choices = repr(sorted(sel.choices.items()))
    return _presented(ctx.page, section.name, ctx.cache_key, sel.as_of, sel.lang, sel.voice,
                      choices, frame, specs, sel)  # fmt: skip


def column_config(columns: Sequence[Column], frame: pd.DataFrame, sel: Selection) -> dict:
    """The `st.dataframe` column configuration of a table's column specs: each column's
    label in the page's language and its kind's display (None: not shown)."""
    config: dict[str, Any] = {}
    for column in columns:
        if not column.shown(sel):
            config[column.id] = None
            continue
        kind = column.kind
        if kind == "source" and column.id in frame.columns:
            kind = "url" if delays.is_link_column(frame[column.id]) else "text"
        sized = {"width": column.width} if column.width is not None else {}
        config[column.id] = _column(kind, column.text(sel.lang), sel.lang, sized)
    return config


def _numbers(table: pd.DataFrame | Styler, formats: dict[str, Any]) -> pd.DataFrame | Styler:
    """The table with its number columns written in the language's way (`2 897`): a
    Styler's text is what the grid shows, its numbers what it sorts and downloads."""
    if not formats:
        return table
    styler = table if isinstance(table, Styler) else table.style
    return styler.format(formats)


def show_section(
    section: Section,
    sel: Selection,
    ctx: Context,
    *,
    name: str | None = None,
    key: str | None = None,
    where: Any = None,
    styled: Callable[[pd.DataFrame], Any] | None = None,
    built: Any = None,
    as_image: bool = False,
    **options: Any,
) -> Any:
    """Build a section of the page's declaration and show it with its downloads.

    A chart is followed by its caption; a table is shown with its column specs. A section
    that does not apply (its builder gives None) shows its `empty` sentence, if any.

    Args:
        section: the section (`pages.page(ctx.page).section(...)`).
        sel: what it is built from (`selection(ctx, **choices)`).
        ctx: the page's context.
        name: its short name in file names (default: the section's).
        key: its widget key (default: derived from its name).
        where: the container to draw a chart in (default: the page).
        styled: how the app styles a table's frame (the status scale's colours).
        built: what `build` gave for this section, when the view read it first (a
            cached figure is copied at each read: a large one is read once).
        as_image: show a chart as an image rendered on the server (`exports.screen_svg`)
            rather than interactive; only when images can be rendered here
            (`images_on_screen`, asked once by the view). The downloads are the same.
        options: passed to `st.dataframe` (height, …).

    Returns:
        The figure or frame built (None when the section does not apply).
    """
    built = build(ctx, section, sel) if built is None else built
    if built is None:
        if section.empty:
            st.info(t(section.empty, sel.lang))
        return None
    if isinstance(section, ChartSection):
        plans = sel.choice("plans", None) if section.per_plan else None
        image = None
        if as_image and not isinstance(built, NoChart):
            choices = repr(sorted(sel.choices.items()))
            try:
                image = _image(ctx.page, section.name, ctx.cache_key, sel.as_of, sel.lang,
                               sel.voice, choices, built)  # fmt: skip
            except Exception:  # the renderer failed: the chart is still shown, interactive
                log.exception("chart image %s/%s not rendered", ctx.page, section.name)
        show_chart(built, ctx, name or section.name, key=key or section.name, plans=plans,
                   where=where, image=image)  # fmt: skip
        if section.caption is not None:
            st.caption(section.caption(sel))
        return built
    assert isinstance(section, TableSection)
    specs = section.specs(built, sel)
    title = t(section.title, sel.lang) if section.title else None
    shown = _present(ctx, section, built, specs, sel)
    order = [c for c in specs if c.shown(sel) and c.id in shown.columns]
    drawn = [c.id for c in order if not c.in_files_only]
    show_table(
        _numbers(styled(shown) if styled else shown, number_formats(shown, specs, sel)),
        ctx, name or section.name,
        column_config=column_config(specs, shown, sel),
        column_order=[c.id for c in order],
        on_screen=drawn if len(drawn) < len(order) else None,
        key=key, title=title, hide_index=True, **options,
    )  # fmt: skip
    return built
