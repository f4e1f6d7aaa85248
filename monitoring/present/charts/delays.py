"""Delays charts: the measures on a timeline (Gantt), and overdue measures per lead."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitoring.contract.datebounds import falls_within
from monitoring.contract.schema import CATEGORY_CODES, SHEETS_BY_ID, Lang
from monitoring.present.charts.base import (
    CATEGORY_STYLE,
    NoChart,
    category_label,
    count_axis,
    layout,
    safe,
    wrapped,
)
from monitoring.text.i18n import format_date, format_date_phrase, format_days, format_number, t

ROW_HEIGHT = 24  # pixels per row: the chart grows with the measures shown
LINE_PX = 16  # pixels per line of a row label written on several lines
TITLE_CHARS = 60  # characters per line of a row label (wrapped whole, never cut)
LEAD_CHARS = 40  # characters per line of a lead's name
_HEADER = "\u2063group\u2063"  # prefix of the header rows' keys: no measure id starts so
_SPACE = "\u2063space\u2063"  # prefix of the empty rows around a label of several lines
_REVISED = "#E69F00"  # Okabe–Ito orange: revised deadlines
_LATE = "#333333"  # the overdue span, dark and dotted, distinct from every category


def _ms(later: pd.Series, earlier: pd.Series) -> list[float]:
    """Bar lengths on a date axis: plotly measures them in milliseconds."""
    return ((later - earlier).dt.total_seconds() * 1000).tolist()


def _key(measure_id: Any) -> str:
    """A measure's row on the y axis: its id, escaped like every text from the workbook."""
    return safe(measure_id)


def _iso(values: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in values]


def _row_label(number: Any, title: Any) -> str:
    """`7. Renforcer la coordination…` whole, on as many lines as it needs."""
    return wrapped(title if pd.isna(number) else f"{number}. {title}", TITLE_CHARS)


def _rows_with_headers(rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return the y keys and tick labels: a bold header row before each plan/axis group."""
    several_plans = len(rows["plan_id"].unique()) > 1
    keys: list[str] = []
    labels: list[str] = []
    previous: tuple[Any, Any] | None = None
    for measure_id, plan_id, axis, number, title in rows[
        ["measure_id", "plan_id", "axis", "number", "title"]
    ].itertuples(index=False, name=None):
        group = (plan_id, axis)
        if group != previous:
            name = f"{plan_id} · {axis}" if several_plans else str(axis)
            keys.append(f"{_HEADER}{len(keys)}")
            labels.append(f"<b>{wrapped(name, TITLE_CHARS)}</b>")
            previous = group
        keys.append(_key(measure_id))
        labels.append(_row_label(number, title))
    return keys, labels


def _spaced(keys: list[str], labels: list[str]) -> list[str]:
    """The y axis's rows: each key, with empty rows above and below a label of several
    lines, as many as its height needs (a category axis spaces its rows evenly).

    A label is centred on its row: one of `n` lines reaches `n * LINE_PX / 2` above and
    below its row's centre, which has `ROW_HEIGHT / 2` of its own.
    """
    rows: list[str] = []
    for key, label in zip(keys, labels, strict=True):
        reach = (label.count("<br>") + 1) * LINE_PX / 2 - ROW_HEIGHT / 2
        pad = [f"{_SPACE}{len(rows)}.{i}" for i in range(math.ceil(max(reach, 0) / ROW_HEIGHT))]
        rows += [*pad, key, *(f"{p}+" for p in pad)]
    return rows


def _late_text(days: Any, due: Any, assessed_on: Any, assessed_latest: Any, lang: Lang) -> str:
    """`En retard d'au moins N jours ; dernière évaluation le …` (or "en mars 2014" for an
    assessment known only as a period: N counts to its earliest day, so it holds wherever
    in the period the assessment fell), or why no delay is counted: the due date passed
    after the last assessment, or fell inside its period (then "after" is not certain)."""
    when = format_date_phrase(assessed_on, assessed_latest, lang)
    if pd.isna(days):
        within = falls_within(due, assessed_on, assessed_latest)
        key = "truth.hover.late_within" if within else "truth.hover.late_unknown"
        return t(key, lang, when=when)
    return t("truth.hover.late", lang, days=format_days(int(days), lang), when=when)


def _hover(row: pd.Series, lang: Lang) -> str:
    """The hover text of one measure: full title, status, dates, delay."""
    title = wrapped(row["title"], 70)
    number = "" if pd.isna(row["number"]) else f"{row['number']}. "
    lines = [
        f"<b>{number}{title}</b>",
        t("delays.hover.status", lang, status=safe(row["status"])),
        t("delays.hover.original_due", lang, date=format_date(row["original_due"], lang)),
    ]
    moved = row["effective_due"] != row["original_due"]
    if moved and not pd.isna(row["effective_due"]):
        lines.append(
            t("delays.hover.effective_due", lang, date=format_date(row["effective_due"], lang))
        )
    if not pd.isna(row["completed_on"]):
        lines.append(
            t("delays.hover.completed_on", lang, date=format_date(row["completed_on"], lang))
        )
    if row.get("due_basis") == "plan_end":
        lines.append(t("truth.hover.plan_end", lang))
    if row["overdue"]:
        first, last = row.get("assessed_on"), row.get("assessed_latest")
        lines.append(_late_text(row["delay_days"], row["effective_due"], first, last, lang))
    elif row["past_due_unassessed"]:
        lines.append(t("delays.hover.unassessed", lang))
    return "<br>".join(lines)


def _status_bars(rows: pd.DataFrame, lang: Lang) -> list[go.Bar]:
    """One bar trace per status category: plan start → original due date."""
    drawable = rows[rows["plan_start"].notna() & rows["original_due"].notna()]
    bars = []
    for code in CATEGORY_CODES:
        part = drawable[(drawable["category"] == code).to_numpy(dtype=bool)]
        if part.empty:
            continue
        colour, pattern = CATEGORY_STYLE[code]
        bars.append(
            go.Bar(
                name=category_label(code, lang),
                y=[_key(m) for m in part["measure_id"]],
                base=_iso(part["plan_start"]),
                x=_ms(part["original_due"], part["plan_start"]),
                orientation="h",
                marker={
                    "color": colour,
                    "pattern": {
                        "shape": pattern,
                        "fgcolor": "#333333",
                        "bgcolor": colour,
                        "size": 6,
                    },
                    "line": {"color": "#555555", "width": 0.5},
                },
                width=0.6,
                hovertext=[_hover(row, lang) for _, row in part.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return bars


def _announced_latest(revisions: pd.DataFrame) -> pd.Series:
    """The latest possible date of each revision's announcement (NaT when known to the day,
    or for revisions built without the column), so a period is named as one."""
    missing = pd.Series(pd.NaT, index=revisions.index)
    latest: pd.Series = revisions.get("announced_latest", missing)
    return latest


def _revision_trace(rows: pd.DataFrame, revisions: pd.DataFrame, lang: Lang) -> go.Scatter:
    """A dashed path from each moved deadline's original date through every revision."""
    shown = revisions[revisions["measure_id"].isin(rows["measure_id"])]
    original = rows.set_index("measure_id")["original_due"]
    x: list[str | None] = []
    y: list[str | None] = []
    sizes: list[int] = []
    texts: list[str] = []
    for measure_id, group in shown.groupby("measure_id", sort=False):
        start = original[measure_id]
        x += [*_iso(pd.Series([start])), *_iso(group["revised_due_date"]), None]
        y += [_key(measure_id)] * (len(group) + 1) + [None]
        sizes += [0, *[11] * len(group), 0]
        texts += [
            t("delays.hover.original_due", lang, date=format_date(start, lang)),
            *[
                t(
                    "delays.hover.revised",
                    lang,
                    date=format_date(due, lang),
                    announced=format_date_phrase(on, last, lang),
                )
                for due, on, last in zip(
                    group["revised_due_date"],
                    group["announced_on"],
                    _announced_latest(group),
                    strict=True,
                )
            ],
            "",
        ]
    return go.Scatter(
        name=t("delays.chart.revised", lang),
        x=x,
        y=y,
        mode="lines+markers",
        line={"color": _REVISED, "width": 1.5, "dash": "dash"},
        marker={"symbol": "diamond", "size": sizes, "color": _REVISED, "line": {"width": 1}},
        hovertext=texts,
        hovertemplate="%{hovertext}<extra></extra>",
        connectgaps=False,
        visible=True if x else "legendonly",
    )


def _late_trace(rows: pd.DataFrame, as_of: dt.date, lang: Lang) -> go.Scatter:
    """A dotted span from each overdue measure's effective due date to the as-of date."""
    late = rows[rows["overdue"].to_numpy(dtype=bool)]
    x: list[str | None] = []
    y: list[str | None] = []
    texts: list[str] = []
    missing = [None] * len(late)
    first = late["assessed_on"] if "assessed_on" in late.columns else missing
    last = late["assessed_latest"] if "assessed_latest" in late.columns else missing
    for measure_id, due, days, assessed, latest in zip(
        late["measure_id"], late["effective_due"], late["delay_days"], first, last, strict=True
    ):
        x += [*_iso(pd.Series([due])), as_of.isoformat(), None]
        y += [_key(measure_id), _key(measure_id), None]
        text = _late_text(days, due, assessed, latest, lang)
        texts += [text, text, ""]
    return go.Scatter(
        name=t("delays.chart.late", lang),
        x=x,
        y=y,
        mode="lines",
        line={"color": _LATE, "width": 3, "dash": "dot"},
        hovertext=texts,
        hovertemplate="%{hovertext}<extra></extra>",
        visible=True if x else "legendonly",
    )


def _completion_trace(rows: pd.DataFrame, lang: Lang) -> go.Scatter:
    done = rows[rows["completed_on"].notna()]
    return go.Scatter(
        name=t("delays.chart.completed", lang),
        x=_iso(done["completed_on"]),
        y=[_key(m) for m in done["measure_id"]],
        mode="markers",
        marker={
            "symbol": "star",
            "size": 14,
            "color": "#000000",
            "line": {"color": "white", "width": 1},
        },
        hovertext=[
            t("delays.hover.completed_on", lang, date=format_date(d, lang))
            for d in done["completed_on"]
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        visible=True if len(done) else "legendonly",
    )


def measure_timeline(
    rows: pd.DataFrame, revisions: pd.DataFrame, *, as_of: dt.date, lang: Lang = "fr"
) -> go.Figure:
    """The measures over the plan period: one row each, grouped by plan and axis.

    Each bar runs from the plan's start to the measure's original due date, in its status
    category's colour and pattern (named in the legend, and in the hover); diamonds on a
    dashed path mark every revised due date known at the as-of date; a dotted span runs
    from an overdue measure's effective due date to the as-of date; a star marks a
    completion date; a vertical line marks the as-of date.

    Args:
        rows: `monitoring.analysis.delays.timeline_rows(...)` output.
        revisions: `monitoring.analysis.delays.revised_due_dates(...)` output.
        as_of: the date the figures are computed for.
        lang: language of the labels.
    """
    keys, labels = _rows_with_headers(rows)
    categories = _spaced(keys, labels)
    headers = [k for k in categories if k.startswith((_HEADER, _SPACE))]
    starts = rows["plan_start"].dropna()
    anchor = _iso(starts)[:1] or [as_of.isoformat()]
    fig = go.Figure(
        [
            # Invisible points: they give each header and empty row its place on the y axis.
            go.Scatter(
                x=anchor * len(headers),
                y=headers,
                mode="markers",
                marker={"opacity": 0},
                hoverinfo="skip",
                showlegend=False,
            ),
            *_status_bars(rows, lang),
            _revision_trace(rows, revisions, lang),
            _late_trace(rows, as_of, lang),
            _completion_trace(rows, lang),
        ]
    )
    fig.add_shape(
        type="line",
        x0=as_of.isoformat(),
        x1=as_of.isoformat(),
        xref="x",
        y0=0,
        y1=1,
        yref="paper",
        line={"color": "#000000", "width": 2},
    )
    fig.add_annotation(
        x=as_of.isoformat(),
        y=1,
        xref="x",
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text=t("delays.chart.as_of", lang, date=format_date(as_of, lang)),
        font={"size": 12},
        bgcolor="white",
        yshift=24,
    )
    # Every row as tall as the longest label needs (a category axis spaces rows evenly).
    height = 170 + ROW_HEIGHT * len(categories)
    layout(fig, t("delays.chart.timeline", lang), height=height, lang=lang)
    fig.update_layout(
        barmode="overlay",
        margin={"t": 120, "b": 30},
        legend={"yref": "container", "y": 1, "yanchor": "top"},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 8}},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=categories,
        tickmode="array",
        tickvals=keys,
        ticktext=labels,
        range=[len(categories) - 0.5, -0.5],
        autorange=False,
        showgrid=False,
    )
    fig.update_xaxes(type="date", side="top", dtick="M12", tickformat="%Y", ticklabelmode="period")
    return fig


def _at_least(days: float | int | None, lang: Lang) -> str:
    """`au moins 240 jours` (delays stop at the last assessment), or `non calculable`."""
    if days is None or pd.isna(days):
        return t("truth.delay.none", lang)
    return t("truth.delay.median.short", lang, days=format_days(days, lang))


def lead_delays(leads: pd.DataFrame, *, lang: Lang = "fr") -> go.Figure | NoChart:
    """Overdue measures per lead, and their median days late (two bar panels, one row each).

    Args:
        leads: `monitoring.analysis.delays.delay_by_lead(...)` output (NA lead = no lead given).
        lang: language of the labels.

    Returns:
        The figure, or a `NoChart` when no measure is overdue.
    """
    if leads.empty:
        return NoChart("nochart.leads", {"sheet": SHEETS_BY_ID["measures"].name(lang)})
    names = [
        t("delays.no_lead", lang) if pd.isna(lead) else wrapped(lead, LEAD_CHARS)
        for lead in leads["lead"]
    ]
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=(t("delays.chart.overdue_count", lang), t("delays.chart.median", lang)),
    )
    counts = leads["overdue"].tolist()
    medians = leads["median_days_late"].tolist()
    hover = [
        t(
            "delays.hover.lead",
            lang,
            lead=name,
            overdue=format_number(count, lang),
            median=_at_least(median, lang),
            longest=_at_least(None if pd.isna(longest) else int(longest), lang),
        )
        for name, count, median, longest in zip(
            names, counts, medians, leads["max_days_late"], strict=True
        )
    ]
    bar = {
        "y": names,
        "orientation": "h",
        "hovertext": hover,
        "showlegend": False,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "textposition": "outside",
        "cliponaxis": False,
    }
    fig.add_trace(
        go.Bar(
            x=counts,
            text=[format_number(c, lang) for c in counts],
            marker={"color": "#0072B2"},
            name=t("delays.chart.overdue_count", lang),
            **bar,
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=medians,
            text=[format_number(m, lang) for m in medians],
            marker={"color": "#E69F00"},
            name=t("delays.chart.median", lang),
            **bar,
        ),
        row=1,
        col=2,
    )
    layout(fig, t("delays.chart.by_lead", lang), height=150 + 44 * len(names), lang=lang)
    # Room on the right for the numbers written past the end of the longest bar.
    fig.update_xaxes(
        title_text=t("delays.chart.measures_axis", lang),
        range=[0, max(counts) * 1.15],
        **count_axis(max(counts)),
        row=1,
        col=1,
    )
    widest = max((m for m in medians if pd.notna(m)), default=1)
    fig.update_xaxes(
        title_text=t("delays.chart.days_axis", lang),
        range=[0, widest * 1.2],
        **count_axis(widest),
        row=1,
        col=2,
    )
    return fig
