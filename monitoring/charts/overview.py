"""Overview charts: measures by status and recommendations by retention, per plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from monitoring.charts.base import (
    CATEGORY_STYLE,
    RETENTION_STYLE,
    category_label,
    layout,
    retention_label,
    stacked_bars,
)
from monitoring.i18n import t
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
