"""Overview charts: measures by status and recommendations by retention, per plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from monitoring.contract.schema import CATEGORY_CODES, RETENTION_LEVELS, SHEETS_BY_ID, Lang
from monitoring.present.charts.base import (
    CATEGORY_STYLE,
    RETENTION_STYLE,
    NoChart,
    category_label,
    colon,
    count_axis,
    date_ticks,
    layout,
    pattern_style,
    retention_label,
    safe,
    stacked_bars,
)
from monitoring.text.i18n import format_date, format_date_bounds, format_days, t


def _sheet(table: str, lang: Lang) -> str:
    return SHEETS_BY_ID[table].name(lang)


def status_by_plan(summaries: Sequence[dict[str, Any]], lang: Lang = "fr") -> go.Figure | NoChart:
    """Measures of each plan by status category (stacked bars, one per plan).

    Args:
        summaries: `monitoring.analysis.metrics.plan_summaries(...)` output.
        lang: language of the labels.

    Returns:
        The figure (plans not adopted at the as-of date left out: their statuses are not
        known yet), or a `NoChart` when no plan shown is adopted or has a measure.
    """
    if summaries and not any(s.get("adopted", True) for s in summaries):
        return NoChart("nochart.plans_not_adopted")
    summaries = [s for s in summaries if s.get("adopted", True)]
    rows = [(f"{s['plan_id']} — {s['title']}", s["status_counts"]) for s in summaries]
    if not any(s["measures"] for s in summaries):
        return NoChart("nochart.status", {"sheet": _sheet("measures", lang)})
    fig = go.Figure(stacked_bars(rows, CATEGORY_CODES, CATEGORY_STYLE, category_label, lang))
    widest = max(sum(counts.values()) for _, counts in rows)
    fig.update_xaxes(title_text=t("chart.measures_axis", lang), **count_axis(widest))
    return layout(fig, t("chart.status_by_plan", lang), height=160 + 60 * len(rows), lang=lang)


def _recorded(summary: dict[str, Any]) -> bool:
    if summary.get("retention_recorded") is not None:
        return bool(summary["retention_recorded"])
    counts = summary.get("retention_counts") or {}
    return sum(counts.values()) > 0


def retention_by_plan(
    summaries: Sequence[dict[str, Any]], lang: Lang = "fr"
) -> go.Figure | NoChart:
    """Recommendations addressed to each plan by retention level (stacked bars).

    Only the plans whose retention is recorded are drawn: a plan with none recorded is
    unknown, not zero. Returns a `NoChart` when no plan shown has any.
    """
    rows = [
        (f"{s['plan_id']} — {s['title']}", s["retention_counts"]) for s in summaries if _recorded(s)
    ]
    if not rows:
        return NoChart("nochart.retention", {"sheet": _sheet("retention", lang)})
    codes = [c.code for c in RETENTION_LEVELS]
    fig = go.Figure(stacked_bars(rows, codes, RETENTION_STYLE, retention_label, lang))
    widest = max(sum(counts.values()) for _, counts in rows)
    fig.update_xaxes(title_text=t("chart.recommendations_axis", lang), **count_axis(widest))
    return layout(fig, t("chart.retention_by_plan", lang), height=160 + 60 * len(rows), lang=lang)


def _known_at(timeline: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The timeline with nothing dated after the as-of date: later adoptions and expected
    dates blanked, a gap still open at as-of ending at as-of."""
    day = pd.Timestamp(as_of)
    frame = timeline.copy()
    expected = frame["expected_date"]
    if "expected_latest" in frame.columns:
        expected = frame["expected_latest"].fillna(expected)
    frame["expected_date"] = frame["expected_date"].where(expected <= day)
    frame["adopted_date"] = frame["adopted_date"].where(frame["adopted_date"] <= day)
    starts = frame["gap_start"].where(frame["gap_start"] <= day)
    ends = frame["gap_end"]
    still_open = ends.isna() | (ends > day)
    if "gap_open" in frame.columns:
        still_open |= frame["gap_open"].fillna(False).astype(bool)
    frame["gap_open"] = still_open & starts.notna()
    frame["gap_end"] = ends.where(~still_open, day).where(starts.notna())
    frame["gap_start"] = starts
    # A plan not adopted at as-of has no period in force yet: only its expected date (when
    # passed) and the open gap before it are drawn; a plan with nothing known is left out.
    adopted = frame["adopted"] if "adopted" in frame.columns else frame["adopted_date"].notna()
    adopted = adopted.fillna(False).astype(bool)
    frame["period_end"] = frame["period_end"].where(adopted)
    frame["period_start"] = frame["period_start"].where(adopted)
    shown = adopted | frame["expected_date"].notna() | frame["gap_start"].notna()
    return frame[shown.to_numpy()].reset_index(drop=True)


def plan_periods(timeline: pd.DataFrame, as_of: dt.date, lang: Lang = "fr") -> go.Figure | NoChart:
    """The plans on one time axis: period, expected and adoption dates, gaps with no plan.

    Nothing dated after the as-of date is drawn: an adoption or an expected date after it
    is left out, and a gap still open at as-of ends there ("au moins").

    Args:
        timeline: `monitoring.analysis.metrics.plan_timeline(...)` output.
        as_of: drawn as a vertical line.
        lang: language of the labels.

    Returns:
        The figure, or a `NoChart` when there is no plan.
    """
    if timeline.empty:
        return NoChart("nochart.plans", {"sheet": _sheet("plans", lang)})
    timeline = _known_at(timeline, as_of)
    if timeline.empty:
        return NoChart("nochart.plans_not_adopted")
    names = [safe(f"{p}") for p in timeline["plan_id"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name=t("chart.plan_period", lang),
            y=names,
            base=timeline["period_start"],
            x=(timeline["period_end"] - timeline["period_start"]).dt.total_seconds() * 1000,
            orientation="h",
            marker={"color": "#56B4E9", "pattern": pattern_style("/")},
            customdata=[
                [format_date(s, lang), format_date(e, lang)]
                for s, e in zip(timeline["period_start"], timeline["period_end"], strict=True)
            ],
            hovertemplate="%{y}"
            + colon(lang)
            + "%{customdata[0]} – %{customdata[1]}<extra></extra>",
        )
    )
    for column, symbol, key in (
        ("expected_date", "diamond-open", "chart.expected"),
        ("adopted_date", "triangle-down", "chart.adopted"),
    ):
        dates = timeline[column]
        latest = timeline.get("expected_latest") if column == "expected_date" else None
        bounds = latest if latest is not None else [None] * len(dates)
        fig.add_trace(
            go.Scatter(
                name=t(key, lang),
                y=names,
                x=dates,
                mode="markers",
                marker={"symbol": symbol, "size": 14, "color": "#000000", "line": {"width": 2}},
                text=[format_date_bounds(d, b, lang) for d, b in zip(dates, bounds, strict=True)],
                hovertemplate="%{y}" + colon(lang) + t(key, lang) + " %{text}<extra></extra>",
            )
        )
    for _, row in timeline[timeline["gap_start"].notna()].iterrows():  # a handful of plans
        days = (row["gap_end"] - row["gap_start"]).days
        key = "chart.gap_open" if row["gap_open"] else "chart.gap"
        fig.add_vrect(
            x0=row["gap_start"], x1=row["gap_end"], fillcolor="#D55E00", opacity=0.15,
            line_width=0, annotation_text=t(key, lang, days=format_days(days, lang)),
            annotation_position="top left", annotation_font_size=11,
        )  # fmt: skip
    fig.add_vline(x=pd.Timestamp(as_of), line_dash="dash", line_color="#000000")
    fig.add_annotation(
        x=pd.Timestamp(as_of), y=1.0, yref="paper", text=format_date(as_of, lang),
        showarrow=False, yanchor="bottom", font={"size": 11},
    )  # fmt: skip
    fig.update_xaxes(type="date", tickformatstops=date_ticks(lang))
    fig = layout(fig, t("chart.plan_periods", lang), height=200 + 50 * len(names), lang=lang)
    fig.update_layout(barmode="overlay")
    return fig
