"""Adoption-gap charts: retention per author or theme, theme coverage, and the Sankey
recommendation → measures → status.

Pure functions of the frames `monitoring.analysis.gaps` returns. Retention levels and status
categories keep the base palette; every bar segment carries its count, every bar ends
with its share taken up in words, and every Sankey node is named, so nothing is told by
colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitoring.analysis.gaps import LEVEL_CODES, TAKEN_UP, UNDOCUMENTED, Group
from monitoring.contract.schema import CATEGORY_CODES, SHEETS_BY_ID, Lang
from monitoring.present.charts.base import (
    CATEGORY_STYLE,
    FONT,
    RETENTION_STYLE,
    SEPARATORS,
    NoChart,
    category_label,
    count_axis,
    layout,
    retention_label,
    row_label,
    safe,
    stacked_bars,
    wrapped,
)
from monitoring.text.i18n import format_number, format_percent, t

UNDOCUMENTED_STYLE = ("#BBBBBB", ".")
GAP_COLOUR = "#D55E00"  # the "not retained" vermillion: a theme nobody took up
TEXT_COLOUR = "#333333"
GROUP_NODE = "#555555"
MIDDLE_NODE = "#8C8C8C"
BAR_PX = 34  # height of one bar, so that a chart grows with its rows
TITLE_CHARS = 90  # characters per line of a panel's title (a plan's id and title)


def _level_label(code: str, lang: Lang) -> str:
    return t("gaps.undocumented", lang) if code == UNDOCUMENTED else retention_label(code, lang)


def _taken_text(taken: int, documented: int, lang: Lang) -> tuple[str, str]:
    """The words at the end of a bar, and their colour: the share taken up, or the gap."""
    if not documented:
        return " " + t("gaps.chart.undocumented_label", lang), TEXT_COLOUR
    share = format_percent(taken / documented, lang)
    of = f"{format_number(taken, lang)}/{format_number(documented, lang)}"
    if not taken:
        return " <b>" + t("gaps.chart.none_taken", lang, share=share, of=of) + "</b>", GAP_COLOUR
    return " " + t("gaps.chart.taken_share", lang, share=share, of=of), TEXT_COLOUR


def _end_labels(
    names: Sequence[str], totals: Sequence[int], taken: Sequence[int], documented: Sequence[int],
    lang: Lang,
) -> go.Scatter:  # fmt: skip
    """A text-only trace writing the share taken up just after the end of each bar."""
    texts = [_taken_text(k, d, lang) for k, d in zip(taken, documented, strict=True)]
    return go.Scatter(
        x=list(totals),
        y=list(names),
        mode="text",
        text=[text for text, _ in texts],
        textposition="middle right",
        textfont={"color": [colour for _, colour in texts]},
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
    )


def retention_by_group(
    frame: pd.DataFrame, *, lang: Lang = "fr", by: Group = "author"
) -> go.Figure | NoChart:
    """Recommendations of each author (or theme) by retention level, one panel per plan.

    Args:
        frame: `monitoring.analysis.gaps.retention_by_group(...)` output.
        lang: language of the labels.
        by: what the rows are (`"author"` or `"theme"`), for the title.

    Returns:
        The figure, or a `NoChart` when no retention is recorded.
    """
    if frame.empty:
        return NoChart("nochart.retention", {"sheet": SHEETS_BY_ID["retention"].name(lang)})
    plans = list(dict.fromkeys(frame["plan_id"]))
    panels = [frame[frame["plan_id"] == plan_id] for plan_id in plans]
    sizes = [max(panel["group"].nunique(), 1) for panel in panels] or [1]
    titles = [
        wrapped(f"{p['plan_id'].iloc[0]} — {p['plan_title'].iloc[0]}", TITLE_CHARS) for p in panels
    ]
    height = 160 + BAR_PX * sum(sizes) + 60 * len(sizes)
    fig = make_subplots(
        rows=len(sizes),
        cols=1,
        shared_xaxes=True,
        row_heights=sizes,
        vertical_spacing=min(0.3, 60 / (height - 160)) if len(sizes) > 1 else 0.0,
        subplot_titles=titles or None,
    )
    widest = 1
    for i, panel in enumerate(panels):
        counts = panel.pivot_table(
            index="group", columns="level", values="count", aggfunc="sum", sort=False
        ).reindex(columns=list(LEVEL_CODES), fill_value=0)
        rows = [(str(name), dict(row.items())) for name, row in counts.iterrows()]
        for bar in stacked_bars(rows, LEVEL_CODES, RETENTION_STYLE, retention_label, lang):
            bar.update(legendgroup=bar.name, showlegend=i == 0)
            fig.add_trace(bar, row=i + 1, col=1)
        totals = counts.sum(axis=1).astype(int).tolist()
        taken = counts[list(TAKEN_UP)].sum(axis=1).astype(int).tolist()
        names = [row_label(name) for name, _ in rows]
        fig.add_trace(_end_labels(names, totals, taken, totals, lang), row=i + 1, col=1)
        widest = max([widest, *totals])
    fig.update_xaxes(range=[0, widest * 1.35], **count_axis(widest))
    fig.update_xaxes(title_text=t("chart.recommendations_axis", lang), row=len(sizes), col=1)
    title = t("gaps.chart.by_author" if by == "author" else "gaps.chart.by_theme", lang)
    return _finish(fig, title, height=height, lang=lang)


def theme_coverage(frame: pd.DataFrame, *, lang: Lang = "fr") -> go.Figure | NoChart:
    """How many recommendations each theme received and what share the plans took up.

    One stacked bar per theme (in the frame's order: least taken up first), by best
    retention level across the selected plans, with the recommendations no plan has a
    retention row for in grey; the share taken up ends each bar, in bold vermillion
    ("aucune reprise") for a theme nobody took up.

    Args:
        frame: `monitoring.analysis.gaps.theme_coverage(...)` output.
        lang: language of the labels.
    """
    if frame.empty:
        sheet = SHEETS_BY_ID["recommendations"].name(lang)
        return NoChart("nochart.coverage", {"sheet": sheet})
    codes = [*LEVEL_CODES, UNDOCUMENTED]
    style = {**RETENTION_STYLE, UNDOCUMENTED: UNDOCUMENTED_STYLE}
    rows = [
        (
            f"{row['theme']} ({format_number(row['recommendations'], lang)})",
            {code: int(row[code]) for code in codes},
        )
        for row in frame.to_dict("records")
    ]
    fig = go.Figure(stacked_bars(rows, codes, style, _level_label, lang))
    totals = frame["recommendations"].astype(int).tolist()
    fig.add_trace(
        _end_labels(
            [row_label(name) for name, _ in rows],
            totals,
            frame["taken_up"].astype(int).tolist(),
            frame["documented"].astype(int).tolist(),
            lang,
        )
    )
    widest = max([1, *totals])
    fig.update_xaxes(
        range=[0, widest * 1.45],
        **count_axis(widest),
        title_text=t("chart.recommendations_axis", lang),
    )
    height = 170 + BAR_PX * max(len(rows), 1)
    return _finish(fig, t("gaps.chart.coverage", lang), height=height, lang=lang)


def recommendation_sankey(
    links: pd.DataFrame, *, lang: Lang = "fr", by: Group = "author"
) -> go.Figure | NoChart:
    """Sankey: recommendations by author (or theme) → measures taking them up → status.

    Three columns: the recommendation groups; the measures taking them up, grouped by plan
    (or axis), with under them the end nodes of the recommendations not taken up
    ("Retirée du projet", "Non retenue"); the status categories of those measures. Link
    colours follow the level (into measures and end nodes) or the status category (into
    statuses); every node is named, and every link's hover names its level or status.

    Args:
        links: `monitoring.analysis.gaps.sankey_links(...)` output (its order is the nodes' order).
        lang: language of the labels.
        by: how recommendations are grouped, for the title.

    Returns:
        The figure, or a `NoChart` when there is no link to draw.
    """
    if links.empty:
        sheet = SHEETS_BY_ID["recommendations"].name(lang)
        return NoChart("nochart.sankey", {"sheet": sheet})
    nodes = _sankey_nodes(links)
    index = {node: i for i, node in enumerate(nodes)}
    x, y, tallest = _positions(nodes, links)
    colon = " : " if lang == "fr" else ": "
    codes = links["code"].tolist()
    sources = zip(links["source_kind"], links["source"], strict=True)
    targets = zip(links["target_kind"], links["target"], strict=True)
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [_node_label(kind, key, lang) for kind, key in nodes],
                "color": [_node_colour(kind, key) for kind, key in nodes],
                "x": x,
                "y": y,
                "pad": 12,
                "thickness": 18,
                "line": {"color": "white", "width": 0.5},
                "hovertemplate": "%{label}" + colon + "%{value}<extra></extra>",
            },
            link={
                "source": [index[node] for node in sources],
                "target": [index[node] for node in targets],
                "value": links["count"].astype(int).tolist(),
                "color": [_translucent(_code_colour(code)) for code in codes],
                "customdata": [_code_label(code, lang) for code in codes],
                "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata}"
                + colon
                + "%{value}<extra></extra>",
            },
            textfont={"family": FONT, "size": 13, "color": TEXT_COLOUR},
            valueformat=",d",  # counts, with the language's thousands separator
        )
    )
    title = t("gaps.sankey.title_author" if by == "author" else "gaps.sankey.title_theme", lang)
    fig.update_layout(
        separators=SEPARATORS[lang],
        title={"text": safe(title), "x": 0, "xanchor": "left"},
        height=max(420, 140 + 42 * tallest),
        margin={"l": 10, "r": 10, "t": 60, "b": 20},
        font={"family": FONT, "size": 13},
        paper_bgcolor="white",
    )
    return fig


_COLUMN = {"group": 0, "plan": 1, "axis": 1, "end": 1, "status": 2}
_COLUMN_X = (0.001, 0.5, 0.999)
_PAD = 0.04  # vertical gap between two nodes, as a share of the plot's height


def _sankey_nodes(links: pd.DataFrame) -> list[tuple[str, str]]:
    """Nodes (kind, key) by column, then in the order the links first name them."""
    named = [
        *zip(links["source_kind"], links["source"], strict=True),
        *zip(links["target_kind"], links["target"], strict=True),
    ]
    seen = list(dict.fromkeys(named))
    order = {code: i for i, code in enumerate([*CATEGORY_CODES, *LEVEL_CODES])}

    def key(node: tuple[str, str]) -> tuple[int, int, int]:
        kind, name = node
        ends_last = 1 if kind == "end" else 0
        fixed = order.get(name, 0) if kind in ("end", "status") else seen.index(node)
        return _COLUMN[kind], ends_last, fixed

    return sorted(seen, key=key)


def _positions(
    nodes: Sequence[tuple[str, str]], links: pd.DataFrame
) -> tuple[list[float], list[float], int]:
    """Node centres (x, y in 0–1), stacked in each column in order, sized by their flow.

    Returns:
        x, y, and the largest number of nodes in a column (for the figure's height).
    """
    out: dict[tuple[str, str], int] = {}
    into: dict[tuple[str, str], int] = {}
    sources = zip(links["source_kind"], links["source"], strict=True)
    targets = zip(links["target_kind"], links["target"], strict=True)
    for source, target, count in zip(sources, targets, links["count"], strict=True):
        out[source] = out.get(source, 0) + int(count)
        into[target] = into.get(target, 0) + int(count)
    value = {node: max(out.get(node, 0), into.get(node, 0), 1) for node in nodes}
    columns: list[list[tuple[str, str]]] = [[], [], []]
    for node in nodes:
        columns[_COLUMN[node[0]]].append(node)
    used = [c for c in columns if c]
    scale = min(
        ((0.96 - _PAD * (len(c) - 1)) / sum(value[n] for n in c) for c in used), default=1.0
    )
    x: list[float] = []
    y: list[float] = []
    centre: dict[tuple[str, str], float] = {}
    for column in columns:
        cursor = 0.02
        for node in column:
            centre[node] = cursor + value[node] * scale / 2
            cursor += value[node] * scale + _PAD
    for node in nodes:
        x.append(_COLUMN_X[_COLUMN[node[0]]])
        y.append(centre[node])
    return x, y, max((len(c) for c in columns), default=1)


def _node_label(kind: str, key: str, lang: Lang) -> str:
    if kind == "status":
        return category_label(key, lang)
    if kind == "end":
        return retention_label(key, lang)
    if kind == "plan":
        return t("gaps.sankey.plan_node", lang, plan=safe(key))
    return row_label(key)


def _node_colour(kind: str, key: str) -> str:
    if kind in ("status", "end"):
        return _code_colour(key)
    return GROUP_NODE if kind == "group" else MIDDLE_NODE


def _code_colour(code: str) -> str:
    style = CATEGORY_STYLE.get(code) or RETENTION_STYLE.get(code) or UNDOCUMENTED_STYLE
    return style[0]


def _code_label(code: str, lang: Lang) -> str:
    return category_label(code, lang) if code in CATEGORY_STYLE else retention_label(code, lang)


def _translucent(colour: str, alpha: float = 0.45) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _finish(fig: go.Figure, title: str, *, height: int, lang: Lang) -> go.Figure:
    """The base layout, with the legend kept clear of the first panel's title."""
    layout(fig, title, height=height, lang=lang)
    fig.update_layout(
        title={"yref": "container", "y": 1 - 12 / height, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 110, "b": 50},
        legend={"yref": "container", "y": 1 - 46 / height, "yanchor": "top"},
    )
    return fig
