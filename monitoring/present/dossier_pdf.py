"""The dossier's PDF report: cover, key figures, charts with captions, lists, method, sources.

Written with fpdf2 on A4 portrait in Liberation Sans (Debian's `fonts-liberation`, which
comes with the `chromium` package the image exports already need), embedded as TrueType
so every French character prints. All the text is the app's own (`t()`) or the user's
data written as plain text: fpdf2 interprets markup only when asked, and this module
never asks (no `markdown=True`, no `write_html`), so `**x**` or `<b>` in a title prints
as typed.

Why one module: one document laid out top to bottom; the cover, each section and the
page furniture share the layout helpers and the fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from monitoring.analysis import figures, method
from monitoring.contract.schema import CATEGORY_CODES, RETENTION_LEVELS, Lang
from monitoring.present import delay_tables, method_text
from monitoring.present import figures_text as ft
from monitoring.present import pages as pages_
from monitoring.present.charts.base import NoChart
from monitoring.present.exports import ExportUnavailable
from monitoring.present.sections import Chart, Selection
from monitoring.text.i18n import format_date, format_number, format_percent, t

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
FONT_FILES = {"": "LiberationSans-Regular.ttf", "B": "LiberationSans-Bold.ttf"}
FAMILY = "LiberationSans"
MARGIN = 18.0  # mm, every side
BODY_PT = 10
SMALL_PT = 8.5
GREY = (85, 85, 85)
RULE = (200, 200, 200)
HEADING_FILL = (238, 238, 238)
WARNING_FILL = (255, 236, 204)
# A long list prints this many rows; the workbook holds them all.
MAX_LIST_ROWS = 150
# Plans side by side in the key figures table; more plans continue in another table.
PLANS_PER_TABLE = 4
MAX_SOURCES = 200
# The report's last page is never near-empty: a list ending the report that would spill a
# few lines onto a new page is set closer to end on the page it started on, and when it
# cannot, at least this much of it (mm, a quarter of the page) moves to the new page.
LAST_PAGE_MIN = 60.0
LIST_GAP, TIGHT_GAP = 1.0, 0.2  # mm between a list's items, and as close as they may go
# Characters the font lacks but has an equivalent for (French formats use U+202F).
_SPACES = {"\u202f": "\u00a0", "\u2009": " ", "\u200a": " ", "\u2007": " ", "\u200b": ""}


class FontUnavailable(ExportUnavailable):
    """The PDF's font is not installed: the message says what to install."""

    def __init__(self, lang: Lang, path: Path) -> None:
        Exception.__init__(self, t("dossier.no_font", lang, path=str(path)))
        self.lang = lang


@dataclass(frozen=True)
class ReportInfo:
    """What the cover says about the data.

    Attributes:
        dataset: the dataset's display name.
        version: the stored version's number, or None (a file given on the command line).
        fictional: the demonstration dataset: the cover says the data are fictional.
        note: a sentence about the data under the title (real and sourced…), or "".
        generated: when the report was produced.
    """

    dataset: str
    version: str | None
    fictional: bool
    note: str
    generated: dt.datetime


@dataclass(frozen=True)
class ChartImage:
    """A chart of the dossier with its rendered PNG and its file stem in the ZIP."""

    chart: Chart
    png: bytes | None  # None: the chart had nothing to draw (its `NoChart` sentence instead)
    stem: str


@dataclass(frozen=True)
class RenderedPdf:
    """The PDF's bytes and its number of pages."""

    data: bytes
    pages: int


def font_paths(lang: Lang = "fr") -> dict[str, Path]:
    """The regular and bold font files, checked.

    Raises:
        FontUnavailable: a file is missing (the message says what to install).
    """
    paths = {style: FONT_DIR / name for style, name in FONT_FILES.items()}
    for path in paths.values():
        if not path.is_file():
            raise FontUnavailable(lang, path)
    return paths


@cache
def _glyphs(path: Path) -> frozenset[int]:
    """The code points the font draws."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fpdf2 depends on it

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


class _Report(FPDF):
    """An A4 page with the running footer: dataset, date, page number."""

    def __init__(self, footer_text: str, page_text: str, glyphs: frozenset[int]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.page_text = page_text
        self.glyphs = glyphs

    def clean(self, value: object) -> str:
        """Text the font can print: plain, with missing glyphs replaced, never markup."""
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return "—"
        text = unicodedata.normalize("NFC", str(value))
        out = []
        for char in text:
            char = _SPACES.get(char, char)
            if char in "\n\t":
                out.append(" " if char == "\t" else char)
            elif not char or unicodedata.category(char) in ("Cc", "Cf", "Cs"):
                continue
            else:
                out.append(char if ord(char) in self.glyphs else "?")
        return "".join(out)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*GREY)
        width = self.epw / 2
        self.cell(width, 5, self.clean(self.footer_text), align="L")
        self.cell(width, 5, self.page_text.replace("{page}", str(self.page_no())), align="R")
        self.set_text_color(0, 0, 0)


def period(summary: dict[str, Any], lang: Lang) -> str:
    """A plan's period in words: `01/01/2024 – 31/12/2027`."""
    start, end = summary["period_start"], summary["period_end"]
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def retained_share(summary: dict[str, Any], lang: Lang) -> str:
    """Recommendations retained (fully or partly) out of those recorded: `6 / 8 (75 %)`;
    `non renseignée` when none is recorded (unknown, not zero)."""
    if not figures.retention_recorded(summary):
        return t("truth.retention.not_recorded", lang)
    counts = summary["retention_counts"]
    recorded = sum(counts.values())
    taken = counts["retained"] + counts["partly_retained"]
    return f"{taken} / {recorded} ({format_percent(taken / recorded, lang)})"


def _document(sel: Selection, info: ReportInfo, compress: bool) -> _Report:
    paths = font_paths(sel.lang)
    lang = sel.lang
    footer = t("dossier.footer", lang, dataset=info.dataset, as_of=sel.as_of)
    # {nb} is fpdf2's alias for the number of pages, replaced when the file is written.
    pages = t("dossier.page", lang, page="{page}", pages="{nb}")
    pdf = _Report(footer, pages, _glyphs(paths[""]))
    pdf.compress = compress
    for style, path in paths.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_title(pdf.clean(f"{t('dossier.kicker', lang)} — {info.dataset}"))
    pdf.set_creator("plan-monitoring")
    pdf.set_lang(lang)
    pdf.set_font(FAMILY, "", BODY_PT)
    return pdf


# --- Building blocks ------------------------------------------------------------------


def _paragraph(pdf: _Report, text: str, *, size: float = BODY_PT, bold: bool = False,
               colour: tuple[int, int, int] = (0, 0, 0), gap: float = 1.5) -> None:  # fmt: skip
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, pdf.clean(text), align="L", new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)  # fmt: skip
    pdf.set_text_color(0, 0, 0)
    pdf.ln(gap)


def _section(pdf: _Report, title: str) -> None:
    """A section starts on a new page, with a bookmark in the PDF's outline."""
    pdf.add_page()
    pdf.start_section(pdf.clean(title))
    pdf.set_font(FAMILY, "B", 17)
    pdf.cell(0, 10, pdf.clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
    pdf.ln(4)


def _subheading(pdf: _Report, title: str, *, room: float = 30) -> None:
    """A heading kept with what follows: a new page when less than `room` mm is left."""
    if pdf.get_y() + room > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(FAMILY, "B", 12)
    pdf.multi_cell(0, 6, pdf.clean(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _line_height(pdf: _Report, text: str, size: float) -> float:
    """The height `_paragraph(pdf, text, size=size, gap=0)` takes, measured, not written."""
    pdf.set_font(FAMILY, "", size)
    measured = pdf.multi_cell(0, size * 0.5, pdf.clean(text), align="L", dry_run=True,
                              output="HEIGHT")  # fmt: skip
    assert isinstance(measured, float | int)  # output="HEIGHT" gives the height alone
    return float(measured)


def _closing_list(pdf: _Report, items: Sequence[str], *, size: float = SMALL_PT) -> None:
    """The list that ends the report, laid out so that its last page is never near-empty.

    Measured first: when it fits in the room left, it is written as is. When the part that
    would spill onto a new page is shorter than `LAST_PAGE_MIN`, the items are set closer
    (`TIGHT_GAP`) if that makes them fit; otherwise the page breaks earlier, so that the new
    page holds at least `LAST_PAGE_MIN` of the list (as a word processor's widow control).
    """
    heights = [_line_height(pdf, item, size) for item in items]
    room = pdf.page_break_trigger - pdf.get_y()
    spills = sum(heights) + LIST_GAP * len(items) > room
    gap = TIGHT_GAP if spills and sum(heights) + TIGHT_GAP * len(items) <= room else LIST_GAP
    # Where the page breaks as the list is written: the first item of each new page.
    breaks, used, page_room = [], 0.0, room
    for i, height in enumerate(heights):
        if used + height > page_room and i:
            breaks.append(i)
            used, page_room = 0.0, pdf.eph
        used += height + gap
    if breaks and used < LAST_PAGE_MIN:  # a near-empty last page: start it earlier
        start, tail = breaks[-1], used
        while start > (breaks[-2] if len(breaks) > 1 else 0) + 1 and tail < LAST_PAGE_MIN:
            start -= 1
            tail += heights[start] + gap
        breaks[-1] = start
    for i, item in enumerate(items):
        if i in breaks:
            pdf.add_page()
        _paragraph(pdf, item, size=size, gap=gap)


def _table(pdf: _Report, header: Sequence[str], rows: Sequence[Sequence[object]],
           widths: Sequence[float], *, size: float = SMALL_PT,
           align: Sequence[str] | None = None) -> None:  # fmt: skip
    """A table with a grey heading row, repeated on every page it spans; cells are text."""
    pdf.set_font(FAMILY, "", size)
    headings = FontFace(family=FAMILY, emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(
        col_widths=tuple(widths),
        width=min(sum(widths), pdf.epw),
        align="LEFT",
        line_height=size * 0.5,
        headings_style=headings,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_mode="NONE",
        markdown=False,
        padding=(0.8, 1),
    ) as table:
        heading = table.row()
        for i, text in enumerate(header):
            heading.cell(pdf.clean(text), align=(align[i] if align else "LEFT"))
        for values in rows:
            row = table.row()
            for i, value in enumerate(values):
                row.cell(pdf.clean(value), align=(align[i] if align else "LEFT"))
    pdf.ln(3)


def _number(value: Any, lang: Lang) -> str:
    return "—" if value is None or pd.isna(value) else format_number(int(value), lang)


def _delay_range(s: dict[str, Any], lang: Lang) -> str:
    """The adoption delay, "195–225" when the expected date is known only as a period."""
    shortest, longest = s["adoption_delay_days"], s.get("adoption_delay_max_days")
    if longest is None or longest == shortest:
        return _number(shortest, lang)
    return f"{_number(shortest, lang)}–{_number(longest, lang)}"


# --- The sections ---------------------------------------------------------------------


SECTIONS = (
    "dossier.section.key_figures",
    "dossier.section.charts",
    "dossier.section.overdue",
    "dossier.section.not_taken_up",
    "dossier.section.method",
    "dossier.section.sources",
)


def _cover(pdf: _Report, sel: Selection, info: ReportInfo) -> None:
    lang = sel.lang
    pdf.add_page()
    pdf.ln(25)
    _paragraph(pdf, t("dossier.kicker", lang), size=12, colour=GREY, gap=4)
    _paragraph(pdf, info.dataset, size=24, bold=True, gap=6)
    if info.fictional:
        pdf.set_fill_color(*WARNING_FILL)
        pdf.set_font(FAMILY, "B", 11)
        pdf.multi_cell(0, 6, pdf.clean(t("dossier.cover.fictional", lang)), align="L",
                       fill=True, padding=3, new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(4)
    elif info.note:
        _paragraph(pdf, info.note, size=10, colour=GREY, gap=4)
    as_of = format_date(sel.as_of, lang, long=True)
    _paragraph(pdf, t("dossier.cover.as_of", lang, date=as_of), size=16, bold=True, gap=6)
    _paragraph(pdf, t("dossier.cover.plans", lang), size=11, bold=True, gap=1)
    for summary in sel.summaries():
        line = f"{summary['plan_id']} — {summary['title']} ({period(summary, lang)})"
        _paragraph(pdf, f"•  {line}", size=10.5, gap=1)
    pdf.ln(4)
    voice = t(f"voice.{sel.voice}", lang)
    _paragraph(pdf, t("dossier.cover.voice", lang, voice=voice), gap=1)
    if info.version:
        text = t("dossier.cover.version", lang, dataset=info.dataset, version=info.version)
    else:
        text = t("dossier.cover.no_version", lang, dataset=info.dataset)
    _paragraph(pdf, text, gap=1)
    generated = f"{format_date(info.generated, lang, long=True)} {info.generated:%H:%M}"
    _paragraph(pdf, t("dossier.cover.generated", lang, date=generated), gap=8)
    _paragraph(pdf, t("dossier.contents", lang), size=11, bold=True, gap=1)
    for number, key in enumerate(SECTIONS, start=1):
        _paragraph(pdf, f"{number}.  {t(key, lang)}", gap=0.5)


def _key_rows(chunk: Sequence[dict[str, Any]], lang: Lang) -> list[list[str]]:
    """Rows of the key figures table: one indicator each, one column per plan."""

    def row(label: str, values: list[str]) -> list[str]:
        return [label, *values]

    rows = [row(t("metric.measures", lang), [_number(s["measures"], lang) for s in chunk])]
    for code in CATEGORY_CODES:
        counts = [_number(s["status_counts"][code], lang) for s in chunk]
        rows.append(row(f"   {t(f'category.{code}', lang)}", counts))
    assessed = [_number(figures.assessed(s), lang) for s in chunk]
    rows.append(row(t("truth.col.assessed", lang), assessed))
    rates = [ft.completion_short(s, lang) for s in chunk]
    rows.append(row(t("metric.completion", lang), rates))
    rows.append(row(t("metric.overdue", lang), [_number(s["overdue"], lang) for s in chunk]))
    plan_end = [_number((s.get("overdue_by_basis") or {}).get("plan_end"), lang) for s in chunk]
    rows.append(row(f"   {t('truth.col.overdue_plan_end', lang)}", plan_end))
    unassessed = [_number(s["past_due_unassessed"], lang) for s in chunk]
    rows.append(row(t("metric.unassessed", lang), unassessed))
    median = [ft.median_delay_short(s, lang) for s in chunk]
    rows.append(row(t("dossier.key.median_delay", lang), median))
    shares = [retained_share(s, lang) for s in chunk]
    rows.append(row(t("dossier.key.retained_share", lang), shares))
    for level in RETENTION_LEVELS:
        counts = [
            _number(s["retention_counts"][level.code], lang)
            if figures.retention_recorded(s)
            else "—"
            for s in chunk
        ]
        rows.append(row(f"   {t(f'retention.{level.code}', lang)}", counts))
    delays = [_delay_range(s, lang) for s in chunk]
    rows.append(row(t("dossier.key.adoption_delay", lang), delays))
    gap = [_number(s["gap_before_days"], lang) for s in chunk]
    rows.append(row(t("dossier.key.gap_before", lang), gap))
    return rows


def _plan_truths(pdf: _Report, s: dict[str, Any], lang: Lang) -> None:
    """Beside the measure-level figures: published verdicts, the rate's base, the deadline
    basis, delays as lower bounds, what the dataset lacks, retention not recorded."""
    for sentence in ft.verdict_sentences(s, lang):
        _paragraph(pdf, f"{t('truth.verdict.title', lang)} — {sentence}", size=SMALL_PT,
                   bold=True, gap=0.3)  # fmt: skip
    lines = [
        ft.completion_line(s, lang),
        ft.overdue_line(s, lang),
        ft.median_delay_line(s, lang),
        ft.unassessed_note(s, lang),
        None if figures.retention_recorded(s) else t("truth.retention.line", lang),
    ]
    for line in lines:
        if line:
            _paragraph(pdf, line, size=SMALL_PT, gap=0.3)
    pdf.ln(1.5)


def _key_figures(pdf: _Report, sel: Selection) -> None:
    lang = sel.lang
    _section(pdf, t("dossier.section.key_figures", lang))
    summaries = sel.summaries()
    for s in summaries:
        _paragraph(pdf, f"{s['plan_id']} — {s['title']}", size=10, bold=True, gap=0.5)
        for line in ft.plan_lines(s, sel.as_of, lang):
            _paragraph(pdf, line, size=SMALL_PT, colour=GREY, gap=0.3)
        if not s["measures"]:
            _paragraph(pdf, t("dossier.key.no_measures", lang), size=SMALL_PT, colour=GREY)
            continue
        _plan_truths(pdf, s, lang)
    pdf.ln(2)
    label_width = 62.0
    for start in range(0, len(summaries), PLANS_PER_TABLE):
        chunk = summaries[start : start + PLANS_PER_TABLE]
        width = (pdf.epw - label_width) / max(len(chunk), 1)
        header = [t("dossier.col.field", lang), *(s["plan_id"] for s in chunk)]
        _table(pdf, header, _key_rows(chunk, lang), [label_width, *[width] * len(chunk)],
               size=9, align=["LEFT", *["RIGHT"] * len(chunk)])  # fmt: skip
    _paragraph(pdf, t("dossier.key.caption", lang, as_of=sel.as_of), size=SMALL_PT, colour=GREY)


def _no_chart(pdf: _Report, image: ChartImage, number: int, lang: Lang) -> None:
    """A chart with nothing to draw: its title, then the sentence saying what to add."""
    chart = image.chart
    assert isinstance(chart.figure, NoChart)
    if pdf.get_y() + 40 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.start_section(pdf.clean(f"{number}. {chart.title}"), level=1)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(0, 5.5, pdf.clean(f"{number}. {chart.title}"), align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(1)
    _paragraph(pdf, chart.figure.text(lang), gap=0.5)
    _paragraph(pdf, t("dossier.chart.source", lang, text=chart.source), size=SMALL_PT,
               colour=GREY, gap=0.5)  # fmt: skip
    _paragraph(pdf, t("truth.dossier.no_image", lang, stem=image.stem), size=7.5,
               colour=GREY, gap=6)  # fmt: skip


def _chart(pdf: _Report, image: ChartImage, number: int, lang: Lang) -> None:
    chart = image.chart
    if image.png is None:
        _no_chart(pdf, image, number, lang)
        return
    from PIL import Image

    with Image.open(io.BytesIO(image.png)) as opened:
        px_width, px_height = opened.size
    caption_room = 26.0
    heading_room = 9.0
    width = pdf.epw
    height = width * px_height / px_width
    tallest = pdf.eph - caption_room - heading_room
    if height > tallest:  # a tall timeline: shrink to fit one page
        width, height = width * tallest / height, tallest
    if pdf.get_y() + heading_room + height + caption_room > pdf.page_break_trigger:
        pdf.add_page()
    pdf.start_section(pdf.clean(f"{number}. {chart.title}"), level=1)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(0, 5.5, pdf.clean(f"{number}. {chart.title}"), align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(1)
    pdf.image(io.BytesIO(image.png), x=MARGIN + (pdf.epw - width) / 2, w=width, h=height,
              alt_text=pdf.clean(chart.title))  # fmt: skip
    pdf.ln(1.5)
    _paragraph(pdf, t("dossier.chart.shows", lang, text=chart.shows), size=SMALL_PT, gap=0.5)
    _paragraph(pdf, t("dossier.chart.source", lang, text=chart.source), size=SMALL_PT,
               colour=GREY, gap=0.5)  # fmt: skip
    _paragraph(pdf, t("dossier.chart.files", lang, stem=image.stem), size=7.5, colour=GREY,
               gap=6)  # fmt: skip


def _charts(pdf: _Report, images: Sequence[ChartImage], lang: Lang) -> None:
    _section(pdf, t("dossier.section.charts", lang))
    if not images:
        _paragraph(pdf, t("dossier.no_charts", lang))
    for number, image in enumerate(images, start=1):
        _chart(pdf, image, number, lang)


def _more(pdf: _Report, frame: pd.DataFrame, sheet: str, lang: Lang) -> None:
    if len(frame) > MAX_LIST_ROWS:
        text = t("dossier.more_rows", lang, count=len(frame) - MAX_LIST_ROWS, sheet=sheet)
        _paragraph(pdf, text, size=SMALL_PT, colour=GREY)


def _overdue(pdf: _Report, sel: Selection) -> None:
    lang = sel.lang
    _section(pdf, t("dossier.section.overdue", lang))
    frame = pages_.overdue_measures(sel)
    frame = frame if frame.empty else delay_tables.readable(sel.view, frame, lang)
    unassessed = sum(s["past_due_unassessed"] for s in sel.summaries())
    if frame.empty:
        _paragraph(pdf, t("dossier.overdue.none", lang, as_of=sel.as_of, unassessed=unassessed))
        return
    sheet = t("dossier.sheet.unassessed", lang)
    _paragraph(pdf, t("dossier.overdue.caption", lang, count=len(frame), as_of=sel.as_of,
                      unassessed=unassessed, sheet=sheet))  # fmt: skip
    columns = ["plan_id", "number", "title", "lead", "days_late", "status", "assessed_by"]
    header = [t(f"delays.col.{c}", lang) for c in columns]
    rows = [
        [r.plan_id, _number(r.number, lang), r.title, r.lead, _number(r.days_late, lang),
         r.status, r.assessed_by]
        for r in frame.head(MAX_LIST_ROWS).itertuples(index=False)
    ]  # fmt: skip
    widths = [19, 9, 52, 28, 14, 25, 27]
    _table(pdf, header, rows, widths, align=["LEFT", "RIGHT", "LEFT", "LEFT", "RIGHT", "LEFT",
                                             "LEFT"])  # fmt: skip
    _more(pdf, frame, t("dossier.sheet.overdue", lang), lang)


def _not_taken_up(pdf: _Report, sel: Selection) -> None:
    lang = sel.lang
    _section(pdf, t("dossier.section.not_taken_up", lang))
    if not sel.documented():
        _paragraph(pdf, t("dossier.not_taken_up.undocumented", lang))
        return
    frame = pages_.not_taken_up(sel)
    if frame.empty:
        _paragraph(pdf, t("dossier.not_taken_up.none", lang))
        return
    _paragraph(pdf, t("dossier.not_taken_up.caption", lang, count=len(frame)))
    header = [
        t("delays.col.plan_id", lang), t("dossier.col.retention", lang),
        t("dossier.col.author", lang), t("delays.col.title", lang),
        t("dossier.col.comment", lang),
    ]  # fmt: skip
    rows = [
        [r.plan_id, t(f"retention.{r.level}", lang), r.author, f"{r.rec_id} — {r.title}", r.comment]
        for r in frame.head(MAX_LIST_ROWS).itertuples(index=False)
    ]
    _table(pdf, header, rows, [20, 24, 30, 58, 42])
    _more(pdf, frame, t("dossier.sheet.not-taken-up", lang), lang)


def _method(pdf: _Report, sel: Selection) -> None:
    lang = sel.lang
    _section(pdf, t("dossier.section.method", lang))
    _paragraph(pdf, t("dossier.method.intro", lang, as_of=sel.as_of))
    _subheading(pdf, t("method.scale", lang))
    scale = method_text.scale_table(sel.ds.scale, lang)
    header = [t(f"method.col.{c}", lang) for c in ("label", "category", "colour", "pattern")]
    rows = scale[["label", "category", "colour", "pattern"]].to_numpy().tolist()
    _table(pdf, header, rows, [50, 38, 50, 36])
    params = method_text.definition_params(sel.voice, lang)
    for group, definitions in method_text.DEFINITIONS:
        _subheading(pdf, t(group, lang))
        for title, text in definitions:
            pdf.set_font(FAMILY, "B", 9.5)
            pdf.write(4.8, pdf.clean(f"{t(title, lang)}. "))
            pdf.set_font(FAMILY, "", 9.5)
            pdf.write(4.8, pdf.clean(t(text, lang, **params)))
            pdf.ln(7)


def _sources(pdf: _Report, sel: Selection) -> None:
    lang = sel.lang
    _section(pdf, t("dossier.section.sources", lang))
    coverage = method_text.source_coverage(method.source_coverage(sel.ds), lang)
    columns = ["sheet", "rows", "with_source", "without_source", "references"]
    header = [t(f"method.col.{c}", lang) for c in columns]
    rows = [
        [r.sheet, *(_number(getattr(r, c), lang) for c in columns[1:])]
        for r in coverage.itertuples(index=False)
    ]
    _table(pdf, header, rows, [46, 24, 32, 32, 40], align=["LEFT", *["RIGHT"] * 4])
    cited = pages_.sources(sel)
    if cited.empty:
        _paragraph(pdf, t("method.sources.none", lang))
        return
    _paragraph(pdf, t("dossier.sources.count", lang, count=len(cited)))
    shown = cited.head(MAX_SOURCES)
    items = [
        f"{number}. {reference} ({t('dossier.sources.rows', lang, count=int(total))})"
        for number, (reference, total) in enumerate(
            zip(shown["reference"], shown["total"], strict=True), start=1
        )
    ]
    if len(cited) > MAX_SOURCES:
        items.append(t("dossier.more_rows", lang, count=len(cited) - MAX_SOURCES,
                       sheet=t("dossier.sheet.sources", lang)))  # fmt: skip
    _closing_list(pdf, items)


def report_pdf(
    sel: Selection,
    info: ReportInfo,
    images: Sequence[ChartImage],
    *,
    compress: bool = True,
) -> RenderedPdf:
    """Write the PDF report of a selection.

    Args:
        sel: the data, date, voice, language and plans covered.
        info: what the cover says about the data.
        images: the charts, in order, with their PNG (from the dossier's images).
        compress: compress the page streams (tests read the text uncompressed).

    Returns:
        The PDF's bytes and its page count.

    Raises:
        FontUnavailable: Liberation Sans is not installed.
    """
    pdf = _document(sel, info, compress)
    _cover(pdf, sel, info)
    _key_figures(pdf, sel)
    _charts(pdf, images, sel.lang)
    _overdue(pdf, sel)
    _not_taken_up(pdf, sel)
    _method(pdf, sel)
    _sources(pdf, sel)
    pages = pdf.page_no()
    return RenderedPdf(bytes(pdf.output()), pages)
