"""What every chart shares: one palette, one layout, safe labels.

One palette for every chart, safe for colour-blind readers (Okabe–Ito), and status is
never shown by colour alone: every bar segment carries its count as text, the legend
names each category, and each category has its own fill pattern. Chart functions are
pure: data in, `plotly.graph_objects.Figure` out; tests inspect `fig.data` and
`fig.layout`. A chart with nothing to draw is not drawn empty: its builder returns a
`NoChart`, the sentence saying what is missing and what to add, which the page, the
downloads and the dossier show instead of an image.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

# Re-exported: the charts read the palette here, beside the layout they share.
from monitoring.contract.palette import CATEGORY_STYLE as CATEGORY_STYLE
from monitoring.contract.palette import RETENTION_STYLE as RETENTION_STYLE
from monitoring.contract.schema import Lang
from monitoring.text.i18n import format_number, format_percent, t

FONT = "Liberation Sans, Arial, sans-serif"
# plotly's `layout.separators`: the decimal mark, then the thousands separator. French
# writes `2 897,5` with a narrow no-break space, as `format_number` and the PDF do.
SEPARATORS: dict[Lang, str] = {"fr": ",\u202f", "en": ".,"}
COUNT_STEPS = (1, 2, 5)  # a count axis steps by 1, 2, 5, 10, 20, 50…
COUNT_TICKS = 8  # at most this many steps from 0 to the longest bar


@dataclass(frozen=True)
class NoChart:
    """A chart with nothing to draw: the sentence shown instead (what is missing, what to add).

    Attributes:
        key: the message key (`monitoring/text/locales/truth.py`, `nochart.*`).
        params: the message's placeholders.
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """The sentence in `lang`."""
        return t(self.key, lang, **self.params)


Drawing = go.Figure | NoChart


def safe(text: object) -> str:
    """Escape user text for plotly labels, which otherwise accept a subset of HTML."""
    return html.escape(str(text), quote=False)


def category_label(code: str, lang: Lang) -> str:
    return t(f"category.{code}", lang)


def retention_label(code: str, lang: Lang) -> str:
    return t(f"retention.{code}", lang)


def pattern_style(shape: str) -> dict[str, Any]:
    """A hatch drawn over the colour (not instead of it), light enough to read text on."""
    return {"shape": shape, "fgcolor": "#333333", "fillmode": "overlay", "fgopacity": 0.35}


def colon(lang: Lang) -> str:
    """The separator before a value: French puts a (no-break) space before the colon."""
    return "\u00a0: " if lang == "fr" else ": "


LABEL_CHARS = 45  # characters per line of a bar's label on the axis (wrapped, never cut)


def row_label(name: object) -> str:
    """A bar's name on the axis: escaped, wrapped at `LABEL_CHARS`."""
    return wrapped(name, LABEL_CHARS)


def wrapped(text: object, width: int) -> str:
    """Escape user text and break it into lines of at most `width` characters, at spaces
    only: a label is shown whole, never cut (a word longer than a line stays whole)."""
    lines = textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(safe(line) for line in lines)


def count_axis(widest: float) -> dict[str, Any]:
    """The tick settings of an axis that counts (measures, recommendations, days).

    Whole ticks from 0, never `0.2 0.4`: a step of 1, 2 or 5 times a power of ten, the
    smallest leaving at most `COUNT_TICKS` steps up to `widest`; written with the
    language's thousands separator (`,d` reads `layout.separators`).
    """
    scale = 1
    widest = widest if math.isfinite(widest) and widest > 0 else 1
    while widest / (COUNT_STEPS[-1] * scale) > COUNT_TICKS:
        scale *= 10
    step = next(base * scale for base in COUNT_STEPS if widest / (base * scale) <= COUNT_TICKS)
    return {"tick0": 0, "dtick": step, "tickformat": ",d", "rangemode": "tozero"}


_DATE_FORMAT = {"fr": "%d/%m/%Y", "en": "%Y-%m-%d"}
_MONTH_FORMAT = {"fr": "%m/%Y", "en": "%Y-%m"}
_MONTH_MS = 28 * 86_400_000


def date_ticks(lang: Lang) -> list[dict[str, object]]:
    """A date axis's `tickformatstops`, in figures only (plotly would write month names in
    English): day, month or year as the ticks are apart."""
    return [
        {"dtickrange": [None, _MONTH_MS], "value": _DATE_FORMAT[lang]},
        {"dtickrange": [_MONTH_MS, "M12"], "value": _MONTH_FORMAT[lang]},
        {"dtickrange": ["M12", None], "value": "%Y"},
    ]


def layout(fig: go.Figure, title: str, *, height: int, lang: Lang) -> go.Figure:
    fig.update_layout(
        separators=SEPARATORS[lang],
        title={"text": safe(title), "x": 0, "xanchor": "left"},
        barmode="stack",
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        font={"family": FONT, "size": 13},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#E5E5E5", zeroline=False)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def stacked_bars(
    rows: Sequence[tuple[str, dict[str, int]]],
    codes: Sequence[str],
    style: dict[str, tuple[str, str]],
    label: Any,
    lang: Lang,
) -> list[go.Bar]:
    """One horizontal bar per row, stacked by code, each segment labelled with its count."""
    names = [row_label(name) for name, _ in rows]
    totals = [sum(counts.values()) for _, counts in rows]
    bars = []
    for code in codes:
        colour, pattern = style[code]
        values = [counts.get(code, 0) for _, counts in rows]
        shares = [
            format_percent(v / n if n else None, lang) for v, n in zip(values, totals, strict=True)
        ]
        bars.append(
            go.Bar(
                name=label(code, lang),
                y=names,
                x=values,
                orientation="h",
                marker={
                    "color": colour,
                    "pattern": pattern_style(pattern),
                    "line": {"color": "white", "width": 1},
                },
                text=[format_number(v, lang) if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                customdata=shares,
                hovertemplate="%{y}<br>"
                + label(code, lang)
                + colon(lang)
                + "%{text} (%{customdata})<extra></extra>",
            )
        )
    return bars
