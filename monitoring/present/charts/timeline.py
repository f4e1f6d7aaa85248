"""Timeline charts: the advocacy events on a time axis, and reply rates per addressee.

Each kind of event has its lane, its colour and its own marker symbol (so kinds read in
black and white too); a letter still waiting for a reply has a hollow symbol and its
own legend entry; an arrow joins an event to its reply. The plans are the context:
shaded periods labelled with the plan id, a dashed line at each adoption, and the time
without a plan in force. Every user text goes through `safe()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from monitoring.analysis.timeline import LANE_ORDER
from monitoring.contract.schema import SHEETS_BY_ID, Lang
from monitoring.present.charts.base import FONT, NoChart, date_ticks, layout, safe, wrapped
from monitoring.present.timeline_text import reply_notes
from monitoring.text.i18n import (
    format_date,
    format_date_bounds,
    format_days,
    format_number,
    format_percent,
    t,
)

# Okabe–Ito colours (no yellow: too pale on white) and one distinct symbol per kind.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "letter": ("#0072B2", "triangle-right"),
    "reply": ("#009E73", "triangle-left"),
    "meeting": ("#E69F00", "circle"),
    "report": ("#D55E00", "diamond"),
    "publication": ("#CC79A7", "star"),
    "official_text": ("#000000", "square"),
    "other": ("#999999", "hexagon"),
}
LINK_COLOUR = "#555555"
PLAN_FILLS = ("#EEF3F8", "#F6F1E7")  # alternate, so touching plans stay distinct
GAP_FILL = "#FBE3D6"
SLOT_PX = 16  # vertical spacing of events too close in time to sit side by side
MAX_SLOTS = 7  # slots 0, +1, -1, +2, -2, +3, -3; further events reuse them
MIN_LANE_PX = 70
WRAP = 70  # characters per line of a hover label
NAME_CHARS = 40  # characters per line of an addressee's name on the axis (wrapped whole)


def _wrap(text: Any) -> str:
    """Escape user text and cut it into lines a hover box can hold."""
    if not isinstance(text, str) or not text:
        return "—"
    return wrapped(text, WRAP) or "—"


def _slots(dates: pd.Series, min_gap_days: float) -> list[int]:
    """Give each event of one lane a slot, so events close in time do not hide each other.

    Greedy: an event takes the first slot whose last event is at least `min_gap_days`
    earlier; when every slot is taken, the least recently used one.
    """
    last: list[pd.Timestamp | None] = [None] * MAX_SLOTS
    chosen = []
    for day in dates:
        free = [i for i, d in enumerate(last) if d is None or (day - d).days >= min_gap_days]
        slot = free[0] if free else min(range(MAX_SLOTS), key=lambda i: last[i] or day)
        last[slot] = day
        chosen.append(slot)
    return chosen


def _offset(slot: int) -> int:
    """Slot 0 sits on the lane's line, then alternately below and above it (in slots)."""
    rank = (slot + 1) // 2
    return rank * (1 if slot % 2 else -1)


def _positions(events: pd.DataFrame, lanes: Sequence[str]) -> tuple[pd.Series, list[float]]:
    """Return the y position of every event, in pixels from the top, and each lane's centre.

    A lane is as tall as its most crowded moment needs (events close in time are stacked
    around the lane's centre), and never less than `MIN_LANE_PX`.
    """
    span = (events["date"].max() - events["date"].min()).days
    min_gap = max(span / 70, 1)
    offsets = pd.Series(0, index=events.index)
    centres: list[float] = []
    top = 0.0
    for kind in lanes:
        rows = events[events["kind"] == kind]
        lane = pd.Series([_offset(s) for s in _slots(rows["date"], min_gap)], index=rows.index)
        offsets[rows.index] = lane
        spread = int(lane.abs().max()) if len(lane) else 0
        height = max(MIN_LANE_PX, SLOT_PX * (2 * spread + 2))
        centres.append(top + height / 2)
        top += height
    centre = events["kind"].map(dict(zip(lanes, centres, strict=True)))
    return centre + offsets * SLOT_PX, [*centres, top]


def _latest(events: pd.DataFrame) -> pd.Series:
    """Each event's latest possible date (NaT when known to the day)."""
    if "date_latest" in events.columns:
        return events["date_latest"]
    return pd.Series(pd.NaT, index=events.index, dtype="datetime64[s]")


def _when(day: Any, latest: Any, lang: Lang) -> str:
    """`14 mai 2014`, or `Date imprécise : mars 2014` / `… : entre le … et le …`."""
    if pd.isna(latest) or pd.Timestamp(latest) == pd.Timestamp(day):
        return format_date(day, lang, long=True)
    return t("truth.timeline.range", lang, when=format_date_bounds(day, latest, lang))


def _hover(events: pd.DataFrame, lang: Lang) -> np.ndarray:
    notes = reply_notes(events, lang)
    return np.array(
        [
            [
                _when(day, latest, lang),
                _wrap(title),
                _wrap(sender),
                _wrap(recipient),
                _wrap(note) if note else "",
            ]
            for day, latest, title, sender, recipient, note in zip(
                events["date"],
                _latest(events),
                events["title"],
                events["sender"],
                events["recipient"],
                notes,
                strict=True,
            )
        ],
        dtype=object,
    ).reshape(-1, 5)


def _event_trace(
    rows: pd.DataFrame, y: pd.Series, kind: str, name: str, hollow: bool, lang: Lang
) -> go.Scatter:
    colour, symbol = KIND_STYLE[kind]
    template = (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        + t("timeline.hover.from", lang)
        + " %{customdata[2]}<br>"
        + t("timeline.hover.to", lang)
        + " %{customdata[3]}<br><i>%{customdata[4]}</i><extra>"
        + safe(name)
        + "</extra>"
    )
    return go.Scatter(
        x=rows["date"],
        y=y[rows.index],
        mode="markers",
        name=name,
        marker={
            "symbol": f"{symbol}-open" if hollow else symbol,
            "size": 13,
            "color": colour,
            "line": {"color": colour if hollow else "white", "width": 2 if hollow else 1},
        },
        customdata=_hover(rows, lang),
        hovertemplate=template,
    )


def _ranges(events: pd.DataFrame, y: pd.Series, lang: Lang) -> go.Scatter | None:
    """One trace of horizontal segments: an event known only between two dates is drawn
    from its earliest to its latest date (its symbol sits on the earliest)."""
    latest = _latest(events)
    bounded = latest.notna() & (latest != events["date"])
    if not bounded.any():
        return None
    xs: list[Any] = []
    ys: list[Any] = []
    texts: list[str] = []
    for index in events.index[bounded]:
        first, last = events["date"][index], latest[index]
        when = _when(first, last, lang)
        xs += [first, last, None]
        ys += [y[index], y[index], None]
        texts += [when, when, ""]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=t("truth.timeline.range_legend", lang),
        line={"color": LINK_COLOUR, "width": 5},
        opacity=0.45,
        text=texts,
        hovertemplate="%{text}<extra></extra>",
    )


def _links(events: pd.DataFrame, y: pd.Series, lang: Lang) -> go.Scatter | None:
    """One trace of arrows, each from an event to the event that replies to it."""
    where = dict(zip(events["event_id"], zip(events["date"], y, strict=True), strict=True))
    xs: list[Any] = []
    ys: list[Any] = []
    sizes: list[int] = []
    for event_id, reply_to in zip(events["event_id"], events["reply_to"], strict=True):
        if isinstance(reply_to, str) and reply_to in where:
            (x0, y0), (x1, y1) = where[reply_to], where[event_id]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            sizes += [0, 12, 0]
    if not xs:
        return None
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        name=t("timeline.legend.link", lang),
        line={"color": LINK_COLOUR, "width": 1.5},
        marker={"symbol": "arrow", "angleref": "previous", "size": sizes, "color": LINK_COLOUR},
        hoverinfo="skip",
    )


def _plan_context(fig: go.Figure, plans: pd.DataFrame, lang: Lang) -> None:
    """Shade each plan's period, mark its adoption, and show the time without a plan."""
    label_font = {"size": 11, "color": "#333333"}
    for i, plan in enumerate(plans.to_dict("records")):
        plan_id = safe(plan["plan_id"])
        start, end, adopted = plan["period_start"], plan["period_end"], plan["adopted_date"]
        in_force = plan.get("adopted", True) is not False  # not adopted at as-of: no period
        if in_force and pd.notna(start) and pd.notna(end):
            fig.add_shape(
                type="rect", xref="x", yref="paper", x0=start, x1=end, y0=0, y1=1,
                fillcolor=PLAN_FILLS[i % 2], line={"width": 0}, layer="below",
            )  # fmt: skip
            fig.add_annotation(
                x=start, y=1, xref="x", yref="paper", xanchor="left", yanchor="bottom",
                showarrow=False, text=f"<b>{plan_id}</b>", font={**label_font, "size": 12},
            )  # fmt: skip
        if pd.notna(adopted):
            fig.add_shape(
                type="line", xref="x", yref="paper", x0=adopted, x1=adopted, y0=0, y1=1,
                line={"color": "#333333", "width": 1.5, "dash": "dash"},
            )  # fmt: skip
            fig.add_annotation(
                x=adopted, y=0, xref="x", yref="paper", xanchor="left", yanchor="bottom",
                showarrow=False, textangle=-90, font=label_font,
                text=safe(t("timeline.adopted", lang, plan=plan["plan_id"])),
            )  # fmt: skip
        if pd.notna(plan["gap_start"]):
            fig.add_shape(
                type="rect", xref="x", yref="paper", x0=plan["gap_start"], x1=plan["gap_end"],
                y0=0, y1=1, fillcolor=GAP_FILL, line={"width": 0}, layer="below",
            )  # fmt: skip
            fig.add_annotation(
                x=plan["gap_start"], y=1, xref="x", yref="paper", xanchor="left",
                yanchor="top", showarrow=False, text=t("timeline.no_plan", lang),
                font={"size": 11, "color": "#7A3B00"},
            )  # fmt: skip


def event_timeline(
    events: pd.DataFrame,
    plans: pd.DataFrame,
    *,
    lang: Lang,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> go.Figure | NoChart:
    """The events on a time axis, one lane per kind, with the plans as context.

    Args:
        events: `monitoring.analysis.timeline.timeline_events(...)` output (may be empty).
        plans: `monitoring.analysis.metrics.plan_timeline(...)` output.
        lang: language of the labels.
        start: first date of the axis (default: the first event).
        end: last date of the axis (default: the last event).

    Returns:
        The figure, or a `NoChart` when there is no event to draw.
    """
    if events.empty:
        return NoChart("nochart.events", {"sheet": SHEETS_BY_ID["events"].name(lang)})
    lanes = [k for k in LANE_ORDER if k in set(events["kind"])]
    y, centres = _positions(events, lanes) if len(events) else (pd.Series(), [MIN_LANE_PX])
    total = centres.pop()  # the last value is the bottom of the last lane
    traces: list[go.Scatter] = []
    for kind in lanes:
        rows = events[events["kind"] == kind]
        if kind != "letter":
            traces.append(
                _event_trace(rows, y, kind, t(f"timeline.kind.{kind}", lang), False, lang)
            )
            continue
        waiting = rows["answered"].eq(False).fillna(False).to_numpy(dtype=bool)
        for part, key, hollow in ((~waiting, "answered", False), (waiting, "unanswered", True)):
            if part.any():
                name = t(f"timeline.legend.{key}", lang)
                traces.append(_event_trace(rows[part], y, kind, name, hollow, lang))
    extra = [trace for trace in (_ranges(events, y, lang), _links(events, y, lang)) if trace]
    fig = go.Figure([*traces, *extra])
    layout(fig, t("timeline.chart.title", lang), height=int(200 + total), lang=lang)
    _plan_context(fig, plans, lang)
    first = pd.Timestamp(start) if start else events["date"].min()
    last = pd.Timestamp(end) if end else _latest(events).fillna(events["date"]).max()
    if pd.notna(first) and pd.notna(last):
        pad = pd.Timedelta(days=max((last - first).days * 0.02, 15))
        fig.update_xaxes(range=[first - pad, last + pad])
    fig.update_xaxes(type="date", tickformatstops=date_ticks(lang))
    fig.update_yaxes(
        tickvals=centres,
        ticktext=[t(f"timeline.kind.{k}", lang) for k in lanes],
        range=[total, 0],
        autorange=False,
        showgrid=True,
        zeroline=False,
    )
    fig.update_layout(
        hovermode="closest",
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        legend={"y": -0.06, "yanchor": "top"},
        margin={"t": 70, "b": 20},
    )
    return fig


def reply_rate_bars(rates: pd.DataFrame, *, lang: Lang) -> go.Figure | NoChart:
    """Reply rate per addressee, one bar each, with the letters behind it as text.

    Args:
        rates: `monitoring.analysis.timeline.reply_rates_between(...)` output.
        lang: language of the labels.

    Returns:
        The figure, or a `NoChart` when no letter was sent.
    """
    if rates.empty:
        return NoChart("nochart.reply_rates", {"sheet": SHEETS_BY_ID["events"].name(lang)})
    unnamed = t("timeline.unnamed_recipient", lang)
    names = [r if isinstance(r, str) else unnamed for r in rates["recipient"]]
    labels = [wrapped(n, NAME_CHARS) for n in names]
    texts = [
        t(
            "timeline.rate_text",
            lang,
            rate=format_percent(rate, lang),
            answered=_count(int(a), "timeline.answered.one", "timeline.answered.other", lang),
            letters=_count(int(n), "timeline.letters.one", "timeline.letters.other", lang),
        )
        for rate, a, n in zip(rates["reply_rate"], rates["answered"], rates["letters"], strict=True)
    ]
    delays = [
        t("timeline.median_delay", lang, days=format_days(d, lang)) if pd.notna(d) else ""
        for d in rates["median_reply_delay_days"]
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=rates["reply_rate"],
            orientation="h",
            name=t("timeline.rates.axis", lang),
            marker={"color": KIND_STYLE["reply"][0], "line": {"color": "#333333", "width": 1}},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=np.array([[_wrap(n), d] for n, d in zip(names, delays, strict=True)]),
            hovertemplate="%{customdata[0]}<br>%{text}<br>%{customdata[1]}<extra></extra>",
        )
    )
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    row = max(38, 16 * lines + 10)  # every bar as tall as the longest name needs
    layout(fig, t("timeline.rates.title", lang), height=150 + row * max(len(rates), 1), lang=lang)
    fig.update_xaxes(
        range=[0, 1.45],
        tickvals=[0, 0.25, 0.5, 0.75, 1],
        ticktext=[format_percent(v, lang) for v in (0, 0.25, 0.5, 0.75, 1)],
        title_text=t("timeline.rates.axis", lang),
    )
    fig.update_layout(showlegend=False)
    return fig


def _count(n: int, one: str, other: str, lang: Lang) -> str:
    """`1 lettre`, `2 lettres`, `0 réponse`: French takes the singular for 0 and 1."""
    singular = n <= 1 if lang == "fr" else n == 1
    return t(one if singular else other, lang, n=format_number(n, lang))
