"""Charts and tables out of the app: images for a report, tables for Excel.

Every export says what it is: an image carries its title and a footer line (plan, as-of
date, dataset and version, source) in the user's language; a workbook opens with the same
lines above its header row. Images are rendered on the server by kaleido, which drives
Debian's Chromium; one warm renderer per process makes a PNG cost a fraction of a second.

User text never becomes a formula or a link: in XLSX, formula and URL conversion are off
and text starting with a trigger character (`= + - @`, tab, CR, LF, their full-width
forms) is written with Excel's quote prefix; in CSV such text gets a leading `'` (OWASP).
Numbers and dates stay numbers and dates.

Why one module: the renderers `export_formats` names and the stamp every one of them
writes (title, plan, as-of date, dataset, version, source) are kept together so that no
export can leave without its stamp.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import math
import os
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import xlsxwriter

from monitoring.contract.schema import Lang
from monitoring.present.charts.base import NoChart
from monitoring.present.workbook import FORMULA_TRIGGERS
from monitoring.text.i18n import t

# The formats, their media types and download labels: `monitoring.present.export_formats`.
ImageFormat = Literal["png", "svg", "pdf"]
# Text starting with one of these would be read as a formula by a spreadsheet. XLSX also
# quotes `{` (an array formula when typed in).
TRIGGERS: tuple[str, ...] = FORMULA_TRIGGERS
XLSX_TRIGGERS: tuple[str, ...] = (*FORMULA_TRIGGERS, "{")
# Set to 1 to keep the app from starting Chromium (AppTest and other headless runs).
NO_RENDERER_ENV = "PLAN_MONITORING_NO_RENDERER"
FOOTER_PX = 34  # the room the footer line takes under an image
FOOTER_LINE_PX = 16  # each further footer line
FOOTER_CHAR_PX = 6.6  # the mean width of a footer character (12 px Liberation Sans)
FOOTER_COLOUR = "#555555"
DEFAULT_HEIGHT = 500
MAX_STEM = 120
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
# Plotly trace types drawn on cartesian axes carry an `xaxis` property; others do not.
_CARTESIAN_PROBE = "xaxis"

warnings.filterwarnings("ignore", message="The kopts argument is ignored")


class ExportUnavailable(Exception):
    """Images cannot be rendered here (no Chromium): the message says what to install."""

    def __init__(self, lang: Lang = "fr") -> None:
        super().__init__(t("exports.no_chromium", lang))
        self.lang = lang


class NothingToDraw(ValueError):
    """A chart with nothing to draw has no image: the message is its sentence, and says so."""

    def __init__(self, chart: NoChart, lang: Lang = "fr") -> None:
        super().__init__(f"{chart.text(lang)} {t('nochart.no_image', lang)}")
        self.chart = chart
        self.lang = lang


@dataclass(frozen=True)
class Stamp:
    """What every exported image and table says about itself.

    Attributes:
        title: the chart's or the table's title (plain text, never markup).
        plan: the plan(s) shown (`"PN3 — Plan 2024-2027"`), or None when it does not apply.
        as_of: the date statuses and delays are computed at.
        dataset: the dataset's display name.
        version: the stored version's number, or None outside the version store.
        source: where the figures come from (plain text).
        lang: the language of every label.
    """

    title: str
    plan: str | None
    as_of: dt.date
    dataset: str
    version: str | None
    source: str
    lang: Lang

    def parts(self) -> list[str]:
        """The footer's pieces, in order: plan, as-of date, dataset and version, source."""
        lang = self.lang
        dataset = (
            t("exports.version", lang, dataset=self.dataset, version=self.version)
            if self.version
            else self.dataset
        )
        pieces = [self.plan or "", t("exports.as_of", lang, date=self.as_of), dataset]
        pieces.append(t("exports.source", lang, source=self.source))
        return [p for p in pieces if p.strip()]

    def footer(self) -> str:
        """One line: `plan · Situation au 01/02/2025 · dataset, version 3 · Source : …`."""
        return " · ".join(self.parts())


# --- Images -------------------------------------------------------------------------


_renderer_lock = threading.Lock()
_renderer_started = False


def chromium_available() -> bool:
    """Whether a Chromium kaleido can drive is installed (`BROWSER_PATH` is honoured)."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return os.path.isfile(override) and os.access(override, os.X_OK)
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:  # pragma: no cover - kaleido's own dependency
        return False
    try:
        path = Chromium.find_browser(skip_local=False)
    except Exception:  # a broken local download: look no further
        return False
    return path is not None and os.access(path, os.X_OK)


def renderer_wanted() -> bool:
    """False when `PLAN_MONITORING_NO_RENDERER=1` asks not to start Chromium (tests)."""
    return os.environ.get(NO_RENDERER_ENV, "").strip() not in {"1", "true", "yes"}


def start_renderer() -> None:
    """Start kaleido's warm sync server once per process (no-op without Chromium).

    The first image then takes about 2 s (Chromium starting) and every later one about
    0.2 s, instead of 2-3 s each. Safe to call from any thread, any number of times.
    """
    global _renderer_started
    with _renderer_lock:
        if _renderer_started or not chromium_available():
            return
        import kaleido  # type: ignore[import-untyped]

        kaleido.start_sync_server(silence_warnings=True)
        _renderer_started = True


def _is_cartesian(trace: Any) -> bool:
    return _CARTESIAN_PROBE in trace._valid_props


def _footer_legend(fig: go.Figure, height: int, room: int) -> None:
    """Make room at the bottom for the footer; keep a bottom legend clear of it."""
    legend = fig.layout.legend
    below_plot = legend.y is not None and legend.y < 0 and legend.yref in (None, "paper")
    at_bottom = legend.yref == "container" and legend.y is not None and legend.y < 0.5
    if below_plot:
        # A legend under the plot moves to the bottom of the image, just above the footer.
        fig.update_layout(legend={"yref": "container", "y": room / height, "yanchor": "bottom"})
    elif at_bottom:
        fig.update_layout(legend={"y": legend.y + room / height})


def footer_lines(parts: list[str], width: int) -> list[str]:
    """The footer's pieces joined by ` · ` into lines that fit `width` CSS pixels.

    Lines break between pieces; only a piece longer than a whole line (a long source) is
    itself cut, at word boundaries.
    """
    limit = max(40, int(width / FOOTER_CHAR_PX))
    lines: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} · {part}" if current else part
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for word in part.split():
            candidate = f"{current} {word}" if current else word
            if len(candidate) > limit and current:
                lines.append(current)
                current = word
            else:
                current = candidate
    if current:
        lines.append(current)
    return lines


def stamped_figure(
    fig: go.Figure, stamp: Stamp, *, height: int | None = None, width: int = 1400
) -> go.Figure:
    """A copy of `fig` titled with `stamp.title`, with the stamp's footer under it.

    The footer is the title of a second legend anchored to the bottom of the image (the
    only kind of text plotly keeps in the image's own coordinates while making room for
    it), with one invisible entry; it wraps to the image's width. A chart that hides its
    legend keeps its traces out of the legend one by one, so the footer still shows.
    Every text is escaped: `<script>` reads as written.

    Args:
        fig: the chart as the app shows it (not modified).
        stamp: what the image says about itself.
        height: the image's height in pixels (default: the figure's own, plus the footer).
        width: the image's width in CSS pixels (the footer wraps to it).

    Returns:
        The stamped copy, its layout height set.
    """
    out = go.Figure(fig)
    lines = footer_lines(stamp.parts(), width)
    room = FOOTER_PX + FOOTER_LINE_PX * (len(lines) - 1)
    total = height or int((fig.layout.height or DEFAULT_HEIGHT) + room)
    margin_b = fig.layout.margin.b if fig.layout.margin.b is not None else 80
    title: dict[str, Any] = {"text": _plain(stamp.title), "pad": {"l": 10}}
    if not (fig.layout.title and fig.layout.title.text):
        title |= {"x": 0, "xanchor": "left", "automargin": True}
    out.update_layout(title=title, height=total, margin={"b": margin_b + room})
    if fig.layout.showlegend is False:
        # The footer lives in a legend: show legends, but none of the chart's own entries.
        out.update_traces(showlegend=False)
        out.update_layout(showlegend=True)
    _footer_legend(out, total, room)
    font = {"size": 12, "color": FOOTER_COLOUR}
    out.update_layout(
        legend2={
            "title": {
                "text": "<br>".join(_plain(line) for line in lines),
                "font": font,
                "side": "left",
            },
            "orientation": "h",
            "xref": "container",
            "x": 0.005,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "bgcolor": "rgba(0,0,0,0)",
            "itemwidth": 30,
            "font": {"size": 2},
        }
    )
    cartesian = any(_is_cartesian(trace) for trace in fig.data)
    out.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"opacity": 0, "size": 1, "color": "rgba(0,0,0,0)"},
            name=" ",
            legend="legend2",
            showlegend=True,
            hoverinfo="skip",
        )
    )
    if fig.data and not cartesian:  # a Sankey alone: the probe trace must not draw axes
        hidden = {"visible": False}
        out.update_layout(xaxis=hidden, yaxis=hidden, plot_bgcolor="rgba(0,0,0,0)")
    return out


def _plain(text: str) -> str:
    """User or app text as plotly shows it literally (its labels accept some HTML)."""
    return html.escape(str(text), quote=False)


def figure_bytes(
    fig: go.Figure | NoChart,
    fmt: ImageFormat,
    stamp: Stamp,
    *,
    width: int = 1400,
    height: int | None = None,
    scale: float = 2,
) -> bytes:
    """The chart as an image file, stamped, rendered by kaleido (warm server when started).

    Args:
        fig: the chart as the app shows it (not modified).
        fmt: `png` (print quality: `width × scale` pixels wide), `svg` or `pdf`.
        stamp: the title and footer the image carries.
        width: the layout width in CSS pixels.
        height: the layout height (default: the figure's own plus the footer line).
        scale: the pixel ratio of PNG images (ignored by vector formats).

    Returns:
        The file's bytes.

    Raises:
        NothingToDraw: `fig` is a `NoChart`: there is no image (the message says why).
        ExportUnavailable: no Chromium is installed (the message says what to install).
    """
    if isinstance(fig, NoChart):
        raise NothingToDraw(fig, stamp.lang)
    if not chromium_available():
        raise ExportUnavailable(stamp.lang)
    start_renderer()
    spec, total = _stamped_spec(fig, stamp, width, height)
    return _render(spec, {"format": fmt, "width": width, "height": total, "scale": scale})


# kaleido's sync server takes its callers' tasks from one queue and hands the results back
# from another: two threads calling at once (two sessions of the app, a download beside
# an Overview drawn as images) could each receive the other's image. One at a time.
_render_lock = threading.Lock()


def _render(spec: dict[str, Any], opts: dict[str, Any]) -> bytes:
    import kaleido
    import plotly.io as pio

    with _render_lock:
        data: bytes = kaleido.calc_fig_sync(spec, opts=opts, topojson=pio.defaults.topojson)
    return data


SCREEN_WIDTH = 1100  # CSS pixels: about the main column of the app on a laptop screen


def screen_svg(fig: go.Figure, lang: Lang, width: int = SCREEN_WIDTH) -> bytes:
    """The chart as an SVG image for a page to show, not interactive: the figure as the app
    builds it, unstamped (the page around it says what and when); plotly gives its root a
    `viewBox`, so it scales to its column.

    A page that must open fast shows its charts this way (the Overview, by default): the
    browser then never loads the interactive charts' script (plotly.js, about 4.7 MB),
    whose compilation is most of the wait for a new session's first page.

    Raises:
        ExportUnavailable: no Chromium is installed.
    """
    if not chromium_available():
        raise ExportUnavailable(lang)
    start_renderer()
    height = int(fig.layout.height or DEFAULT_HEIGHT)
    return _render(fig.to_dict(), {"format": "svg", "width": width, "height": height})


_stamped_lock = threading.Lock()
_stamped_last: tuple[tuple[Any, ...], go.Figure, dict[str, Any], int] | None = None


def _stamped_spec(
    fig: go.Figure, stamp: Stamp, width: int, height: int | None
) -> tuple[dict[str, Any], int]:
    """The stamped figure as the renderer's JSON, and its height; the last one is kept.

    The dossier writes each chart as PNG then SVG: stamping a copy of a figure and
    serialising it validates every property, about as long as rendering it, so the
    second format reuses the first's. The figure itself is kept with the entry, so its
    `id` cannot be another figure's while the entry lives.
    """
    global _stamped_last
    key = (id(fig), stamp, width, height)
    with _stamped_lock:
        last = _stamped_last
    if last is not None and last[0] == key and last[1] is fig:
        return last[2], last[3]
    stamped = stamped_figure(fig, stamp, height=height, width=width)
    spec, total = stamped.to_dict(), int(stamped.layout.height)
    with _stamped_lock:
        _stamped_last = (key, fig, spec, total)
    return spec, total


# --- Tables ---------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """CSV text a spreadsheet will not run: a leading `'` when it starts with a trigger."""
    return f"'{text}" if text.startswith(TRIGGERS) else text


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.api.types.is_scalar(value) and pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _kind(value: object) -> str:
    """How a cell is written: missing, bool, int, float, datetime, date or text."""
    if _is_missing(value):
        return "missing"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "bool"
    if isinstance(value, pd.Timestamp | dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int | Decimal) or (
        hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"
    ):
        return "int"
    if isinstance(value, float) or (hasattr(value, "dtype") and value.dtype.kind == "f"):
        return "float"
    return "text"


def _rows(frame: pd.DataFrame) -> Iterable[tuple[Any, ...]]:
    return frame.itertuples(index=False, name=None)


def _as_datetime(value: Any) -> dt.datetime:
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    moment: dt.datetime = value
    return moment


def _has_time(value: Any) -> bool:
    moment = _as_datetime(value)
    return bool(moment.hour or moment.minute or moment.second)


def _csv_cell(value: object, lang: Lang) -> str:
    kind = _kind(value)
    if kind == "missing":
        return ""
    if kind == "bool":
        return t("exports.yes" if value else "exports.no", lang)
    if kind == "int":
        return str(int(value))  # type: ignore[call-overload]
    if kind == "float":
        number = float(value)  # type: ignore[arg-type]
        text = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
        return text.replace(".", ",") if lang == "fr" else text
    if kind == "datetime":
        moment = _as_datetime(value)
        if _has_time(moment):
            pattern = "%d/%m/%Y %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M"
            return moment.strftime(pattern)
        value = moment.date()
    if kind in ("date", "datetime"):
        day: dt.date = value  # type: ignore[assignment]
        return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()
    return neutralise(str(value))


def table_csv(frame: pd.DataFrame, stamp: Stamp) -> bytes:
    """The table as CSV Excel opens right away, in the user's language.

    UTF-8 with a BOM; every field quoted; `;` and a decimal comma with `dd/mm/yyyy` dates in
    French (what Excel expects in France), `,` and ISO dates in English. Text starting with
    a trigger character gets a leading `'`; numbers are never prefixed.

    Args:
        frame: the table, its column names being the headers to write.
        stamp: gives the language (the title and source are in the file name and the XLSX).

    Returns:
        The file's bytes.
    """
    lang = stamp.lang
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in _rows(frame):
        writer.writerow([_csv_cell(v, lang) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


class _Formats:
    """The cell formats of one workbook."""

    def __init__(self, book: Any, lang: Lang) -> None:
        day = "dd/mm/yyyy" if lang == "fr" else "yyyy-mm-dd"
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.title_quoted = book.add_format({"bold": True, "font_size": 14, "quote_prefix": True})
        self.note = book.add_format({"italic": True, "font_color": FOOTER_COLOUR})
        self.note_quoted = book.add_format(
            {"italic": True, "font_color": FOOTER_COLOUR, "quote_prefix": True}
        )
        header = {"bold": True, "bottom": 1, "bg_color": "#EEEEEE", "text_wrap": True}
        self.header = book.add_format(header)
        self.header_quoted = book.add_format(header | {"quote_prefix": True})
        self.text = book.add_format({"valign": "top"})
        self.text_quoted = book.add_format({"valign": "top", "quote_prefix": True})
        self.integer = book.add_format({"num_format": "0", "valign": "top"})
        self.decimal = book.add_format({"num_format": "#,##0.00", "valign": "top"})
        self.date = book.add_format({"num_format": day, "valign": "top"})
        self.datetime = book.add_format({"num_format": f"{day} hh:mm", "valign": "top"})


def _write_text(ws: Any, row: int, col: int, text: str, plain: Any, quoted: Any) -> None:
    ws.write_string(row, col, text, quoted if text.startswith(XLSX_TRIGGERS) else plain)


def _write_cell(ws: Any, row: int, col: int, value: object, f: _Formats, lang: Lang) -> int:
    """Write one cell by its type; return the width its text takes (in characters)."""
    kind = _kind(value)
    if kind == "missing":
        ws.write_blank(row, col, None, f.text)
        return 0
    if kind == "bool":
        ws.write_boolean(row, col, bool(value), f.text)
        return 5
    if kind in ("int", "float"):
        number = float(value)  # type: ignore[arg-type]
        integral = kind == "int" or number.is_integer()
        if math.isinf(number):
            _write_text(ws, row, col, str(value), f.text, f.text_quoted)
            return 4
        ws.write_number(row, col, number, f.integer if integral else f.decimal)
        return len(f"{number:,.2f}")
    if kind == "datetime":
        moment = _as_datetime(value)
        timed = _has_time(moment)
        ws.write_datetime(row, col, moment, f.datetime if timed else f.date)
        return 16 if timed else 10
    if kind == "date":
        ws.write_datetime(row, col, value, f.date)
        return 10
    text = str(value)
    _write_text(ws, row, col, text, f.text, f.text_quoted)
    return max((len(line) for line in text.splitlines()), default=0)


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name: no `[]:*?/\\'`, at most 31 characters."""
    base = SHEET_FORBIDDEN.sub(" ", unicodedata.normalize("NFC", name)).strip() or "Sheet"
    base = base[:31].strip() or "Sheet"
    candidate, n = base, 2
    while candidate.casefold() in taken or candidate.casefold() == "history":
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def _write_sheet(book: Any, name: str, frame: pd.DataFrame, stamp: Stamp, f: _Formats) -> None:
    ws = book.add_worksheet(name)
    lang = stamp.lang
    _write_text(ws, 0, 0, stamp.title, f.title, f.title_quoted)
    _write_text(ws, 1, 0, stamp.footer(), f.note, f.note_quoted)
    header_row = 3
    widths = [0] * len(frame.columns)
    for col, label in enumerate(frame.columns):
        _write_text(ws, header_row, col, str(label), f.header, f.header_quoted)
        widths[col] = len(str(label))
    for r, row in enumerate(_rows(frame), start=header_row + 1):
        for col, value in enumerate(row):
            widths[col] = max(widths[col], _write_cell(ws, r, col, value, f, lang))
    for col, width in enumerate(widths):
        ws.set_column(col, col, min(max(width + 2, 8), 60))
    ws.set_row(header_row, None, None)
    ws.freeze_panes(header_row + 1, 0)
    if len(frame.columns):
        ws.autofilter(header_row, 0, header_row + max(len(frame), 1), len(frame.columns) - 1)


def tables_xlsx(frames: Mapping[str, pd.DataFrame], stamp: Stamp) -> bytes:
    """One workbook with a sheet per table, each opening with the stamp's lines.

    Each sheet: the title (row 1), the stamp's line — plan, as-of date, dataset and
    version, source — (row 2), then a frozen header row of the frame's column names with
    an autofilter. Numbers stay numbers, dates dates (`dd/mm/yyyy` in French); text is
    always text, quote-prefixed when it starts with a trigger character; formula and URL
    conversion are off.

    Args:
        frames: sheet name → table (column names are the headers to write); names are
            made valid (31 characters, no `[]:*?/\\`) and unique.
        stamp: the title and stamp lines (each sheet gets the same ones).

    Returns:
        The workbook's bytes.
    """
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "remove_timezone": True,
    }
    book = xlsxwriter.Workbook(buffer, options)
    formats = _Formats(book, stamp.lang)
    taken: set[str] = set()
    for name, frame in frames.items():
        _write_sheet(book, _sheet_name(name, taken), frame, stamp, formats)
    if not frames:
        _write_sheet(
            book, _sheet_name(t("exports.sheet", stamp.lang), taken), pd.DataFrame(), stamp, formats
        )
    book.close()
    return buffer.getvalue()


def table_xlsx(frame: pd.DataFrame, stamp: Stamp, *, sheet: str | None = None) -> bytes:
    """The table as an Excel workbook of one sheet (see `tables_xlsx`).

    Args:
        frame: the table, its column names being the headers to write.
        stamp: the title and stamp lines.
        sheet: the sheet's name (default: « Tableau » / "Table").

    Returns:
        The workbook's bytes.
    """
    return tables_xlsx({sheet or t("exports.sheet", stamp.lang): frame}, stamp)


def table_ods(frame: pd.DataFrame, stamp: Stamp, *, sheet: str | None = None) -> bytes:
    """The table as an OpenDocument workbook (.ods) of one sheet: `table_xlsx`'s workbook,
    translated by `monitoring.present.ods` (same sheet, stamp lines, formats and filter)."""
    from monitoring.present.ods import from_xlsx

    return from_xlsx(table_xlsx(frame, stamp, sheet=sheet))


def labelled(
    frame: pd.DataFrame, labels: Mapping[str, str | None], order: Iterable[str] | None = None
) -> pd.DataFrame:
    """The table as shown: columns in `order`, hidden ones (label None) dropped, renamed.

    Args:
        frame: the table with its canonical column ids.
        labels: column id → its displayed label, or None for a hidden column; columns not
            named keep their id.
        order: the columns to keep, in order (default: all, in the frame's order).

    Returns:
        A new frame whose column names are the labels.
    """
    columns = [c for c in (order or frame.columns) if c in frame.columns]
    shown = [c for c in columns if not (c in labels and labels[c] is None)]
    out = frame.loc[:, shown].copy()
    out.columns = [str(labels.get(c) or c) for c in shown]
    return out


def safe_file_name(*parts: str, ext: str) -> str:
    """A download name any browser and file system accepts.

    Each part is folded to ASCII (`é` → `e`); any run of other characters (slashes, dots,
    quotes, line breaks, spaces) becomes `-`; parts are joined by `_`; the stem is at most
    120 characters and never empty.

    Args:
        parts: the name's pieces (dataset, page, chart, date); empty ones are skipped.
        ext: the extension, without its dot (`png`, `xlsx`).

    Returns:
        `stem.ext`, e.g. `france_overview_status-by-plan_2025-02-01.png`.
    """
    cleaned = []
    for part in parts:
        ascii_text = unicodedata.normalize("NFKD", str(part)).encode("ascii", "ignore").decode()
        piece = _UNSAFE.sub("-", ascii_text).strip("-")
        if piece:
            cleaned.append(piece)
    stem = "_".join(cleaned)[:MAX_STEM].strip("-_") or "export"
    suffix = _UNSAFE.sub("", unicodedata.normalize("NFKD", ext).encode("ascii", "ignore").decode())
    suffix = suffix[:10].lower()
    return f"{stem}.{suffix}" if suffix else stem


__all__ = [
    "NO_RENDERER_ENV",
    "ExportUnavailable",
    "NothingToDraw",
    "Stamp",
    "chromium_available",
    "figure_bytes",
    "labelled",
    "neutralise",
    "renderer_wanted",
    "safe_file_name",
    "screen_svg",
    "stamped_figure",
    "start_renderer",
    "table_csv",
    "table_ods",
    "table_xlsx",
    "tables_xlsx",
]
