"""Overview charts: measures by status and recommendations by retention, per plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from monitoring.charts.base import (
    CATEGORY_STYLE,
    RETENTION_STYLE,
    category_label,
    colon,
    layout,
    pattern_style,
    retention_label,
    safe,
    stacked_bars,
)
from monitoring.i18n import format_date, t
from monitoring.schema import CATEGORY_CODES, RETENTION_LEVELS, Lang


def status_by_plan(summaries: Sequence[dict[str, Any]], lang: Lang = "fr") -> go.Figure:
    """Measures of each plan by status category (stacked bars, one per plan).

    Args:
        summaries: `monitoring.metrics.plan_summaries(...)` output.
        lang: language of the labels.
    """
    rows = [(f"{s['plan_id']} — {s['title']}", s["status_counts"]) for s in summaries]
    fig = go.Figure(stacked_bars(rows, CATEGORY_CODES, CATEGORY_STYLE, category_label, lang))
    fig.update_xaxes(title_text=t("chart.measures_axis", lang))
    return layout(fig, t("chart.status_by_plan", lang), height=160 + 60 * len(rows))


def retention_by_plan(summaries: Sequence[dict[str, Any]], lang: Lang = "fr") -> go.Figure:
    """Recommendations addressed to each plan by retention level (stacked bars)."""
    rows = [(f"{s['plan_id']} — {s['title']}", s["retention_counts"]) for s in summaries]
    codes = [c.code for c in RETENTION_LEVELS]
    fig = go.Figure(stacked_bars(rows, codes, RETENTION_STYLE, retention_label, lang))
    fig.update_xaxes(title_text=t("chart.recommendations_axis", lang))
    return layout(fig, t("chart.retention_by_plan", lang), height=160 + 60 * len(rows))


def plan_periods(timeline: pd.DataFrame, as_of: dt.date, lang: Lang = "fr") -> go.Figure:
    """The plans on one time axis: period, expected and adoption dates, gaps with no plan.

    Args:
        timeline: `monitoring.metrics.plan_timeline(...)` output.
        as_of: drawn as a vertical line.
        lang: language of the labels.
    """
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
        fig.add_trace(
            go.Scatter(
                name=t(key, lang),
                y=names,
                x=dates,
                mode="markers",
                marker={"symbol": symbol, "size": 14, "color": "#000000", "line": {"width": 2}},
                text=[format_date(d, lang) for d in dates],
                hovertemplate="%{y}" + colon(lang) + t(key, lang) + " %{text}<extra></extra>",
            )
        )
    for _, row in timeline[timeline["gap_start"].notna()].iterrows():  # a handful of plans
        fig.add_vrect(
            x0=row["gap_start"], x1=row["gap_end"], fillcolor="#D55E00", opacity=0.15,
            line_width=0, annotation_text=t("chart.gap", lang, days=int(row["gap_before_days"])),
            annotation_position="top left", annotation_font_size=11,
        )  # fmt: skip
    fig.add_vline(x=pd.Timestamp(as_of), line_dash="dash", line_color="#000000")
    fig.add_annotation(
        x=pd.Timestamp(as_of), y=1.0, yref="paper", text=format_date(as_of, lang),
        showarrow=False, yanchor="bottom", font={"size": 11},
    )  # fmt: skip
    fig.update_xaxes(type="date")
    fig = layout(fig, t("chart.plan_periods", lang), height=200 + 50 * len(names))
    fig.update_layout(barmode="overlay")
    return fig
