"""Measures charts: the status of one measure over time, one step line per voice."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import SHEETS_BY_ID, Lang
from monitoring.present.charts.base import NoChart, date_ticks, layout, safe
from monitoring.text.i18n import format_date_bounds, t

# Okabe–Ito colours not used by the status palette's greens and blues, plus a dash and a
# marker shape per voice, so the voices stay apart in black and white too.
VOICE_STYLE: dict[str, tuple[str, str, str]] = {
    "government": ("#000000", "solid", "circle"),
    "civil_society": ("#E69F00", "dash", "square"),
    "independent": ("#0072B2", "dot", "diamond"),
}
# Lines of voices that agree would hide each other: each voice is drawn slightly apart.
VOICE_OFFSET: dict[str, float] = {"government": -0.12, "civil_society": 0.0, "independent": 0.12}


def status_history(
    history: pd.DataFrame, *, scale: StatusScale, as_of: dt.date, lang: Lang = "fr"
) -> go.Figure | NoChart:
    """The status of one measure over time, as a step line per voice up to the as-of date.

    The y axis lists the scale's labels in scale order (the best outcome on top), so each
    status is read from its label, never from a colour; each line keeps its last status
    until the as-of date, marked by a dotted vertical line.

    Args:
        history: assessments of one measure, in date order (`MeasureDetail.history`):
            as_of, voice (code), assessor, status (scale label).
        scale: the dataset's status scale.
        as_of: the date the figures are computed for.
        lang: language of the labels.

    Returns:
        One scatter trace per voice that assessed the measure (legend order government,
        civil society, independent); a `NoChart` when no assessment can be drawn. An
        assessment known only within bounds sits at its earliest date, its hover giving
        the bounds ("mars 2014").
    """
    levels = scale.ordered()
    position = {item.label: i for i, item in enumerate(levels)}
    day = pd.Timestamp(as_of)
    fig = go.Figure()
    for voice, (colour, dash, symbol) in VOICE_STYLE.items():
        rows = history[(history["voice"] == voice) & history["status"].isin(position)]
        if rows.empty:
            continue
        x = list(pd.to_datetime(rows["as_of"]))
        y = [position[s] + VOICE_OFFSET[voice] for s in rows["status"]]
        labels = [safe(scale.display(s, lang)) for s in rows["status"]]
        who = [safe(a) if pd.notna(a) else "" for a in rows["assessor"]]
        latest = rows["as_of_latest"] if "as_of_latest" in rows.columns else [None] * len(x)
        when = [format_date_bounds(a, b, lang) for a, b in zip(rows["as_of"], latest, strict=True)]
        sizes = [10] * len(x)
        if x[-1] < day:  # the last status holds until the as-of date
            x, y, sizes = [*x, day], [*y, y[-1]], [*sizes, 0]
            labels, who = [*labels, labels[-1]], [*who, who[-1]]
            when = [*when, format_date_bounds(day, None, lang)]
        name = t(f"voice.{voice}", lang)
        fig.add_trace(
            go.Scatter(
                name=name,
                x=x,
                y=y,
                mode="lines+markers",
                line={"shape": "hv", "color": colour, "dash": dash, "width": 2.5},
                marker={"symbol": symbol, "size": sizes, "color": colour},
                customdata=list(zip(labels, who, when, strict=True)),
                hovertemplate=f"%{{customdata[2]}}<br>{safe(name)} : "
                "%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    if not fig.data:
        return NoChart("nochart.history", {"sheet": SHEETS_BY_ID["status_updates"].name(lang)})
    layout(fig, t("measures.chart.title", lang), height=140 + 38 * len(levels), lang=lang)
    fig.update_layout(showlegend=True)  # even with one voice: its name is how it is read
    fig.update_yaxes(
        tickvals=list(range(len(levels))),
        ticktext=[safe(item.display(lang)) for item in levels],
        range=[len(levels) - 0.5, -0.5],
        autorange=False,
        showgrid=True,
        gridcolor="#E5E5E5",
    )
    fig.update_xaxes(title_text=t("measures.chart.x", lang), tickformatstops=date_ticks(lang))
    fig.add_shape(
        type="line", x0=day, x1=day, y0=0, y1=1, yref="paper",
        line={"color": "#555555", "dash": "dot", "width": 1.5},
    )  # fmt: skip
    fig.add_annotation(
        x=day, y=1, yref="paper", yanchor="bottom", xanchor="right", showarrow=False,
        text=safe(t("measures.chart.as_of", lang, as_of=as_of)),
    )  # fmt: skip
    return fig
