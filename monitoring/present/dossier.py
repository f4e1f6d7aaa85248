"""The dossier: one ZIP with every chart (PNG and SVG), every table (XLSX) and a PDF report.

    charts/01-plan-periods.png   charts/01-plan-periods.svg   …   (the pages' order; the
                                 formats `monitoring.present.export_formats` marks `in_dossier`)
    charts/03-retention-by-plan.txt   a chart with nothing to draw: its sentence, no image
    tables.xlsx                  one sheet per table of the pages
    rapport.pdf | report.pdf     cover, key figures, charts with captions, lists, method,
                                 sources

Built from the sections the pages draw (`monitoring.present.pages`), stamped like the app's own
downloads (`monitoring.present.exports`): each image says its title, the plans, the as-of date,
the dataset and its version, and where its figures come from.

A section that does not apply to the data (no retention recorded, no letter, no overdue
measure) builds nothing and is left out, as the page shows a sentence instead of an
empty chart; the Overview's charts are always listed, and one with nothing to draw is its
`NoChart` sentence, which the dossier prints instead of an image.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from monitoring.analysis import delays
from monitoring.analysis.filters import plan_titles
from monitoring.config import shipped
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import Lang
from monitoring.present import dossier_pdf as pdf_report
from monitoring.present import export_formats, exports
from monitoring.present.charts.base import Drawing, NoChart
from monitoring.present.exports import ExportUnavailable
from monitoring.present.pages import PAGES, WORKBOOK_FIRST
from monitoring.present.sections import Chart, ChartSection, Selection, Table, labelled
from monitoring.text.i18n import Localised, t

Progress = Callable[[int, int, str], None]
CHART_DIR = "charts"
TABLES_FILE = "tables.xlsx"
# Images 1000 CSS pixels wide: on an A4 page (or a Word page) their 13 px labels print at
# about 7 pt, where the app's 1400 px downloads would print at 5 pt; × 2.5 gives a PNG
# of 2500 pixels, about 360 dpi across the page.
WIDTH = 1000
SCALE = 2.5


@dataclass(frozen=True)
class Dossier:
    """A built dossier: the ZIP's bytes, and what it holds."""

    data: bytes
    files: tuple[str, ...]  # the ZIP's listing, in order
    pdf_name: str
    pdf_pages: int
    charts: int
    tables: int

    def pdf(self) -> bytes:
        """The PDF report, read back from the ZIP."""
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            return archive.read(self.pdf_name)


def pdf_name(lang: Lang) -> str:
    """`rapport.pdf` in French, `report.pdf` in English."""
    return t("dossier.pdf_name", lang)


def what_the_cover_vouches(dataset_key: str | None, lang: Lang) -> tuple[bool, str]:
    """Whether the cover says the data are fictional, and the note it carries otherwise:
    a shipped dataset's own banner on sourced data (`monitoring.config.shipped`); nothing for a
    coalition's own dataset or a file."""
    entry = shipped.find(dataset_key)
    if entry is None:
        return False, ""
    return entry.fictional, "" if entry.fictional else t(entry.banner_key, lang)


def file_names(key: str, as_of: dt.date, lang: Lang) -> tuple[str, str]:
    """The ZIP's and the PDF's names when saved: `dossier_france_2025-06-01_fr.zip`.

    Args:
        key: the dataset's key (or a file's stem).
        as_of: the as-of date, in the names.
        lang: in the ZIP's name (a French and an English dossier saved side by side keep
            apart); the PDF is « rapport » in French, "report" in English.

    Returns:
        (the ZIP's name, the PDF's name).
    """
    day = as_of.isoformat()
    stem = pdf_name(lang).rsplit(".", 1)[0]
    return (
        exports.safe_file_name("dossier", key, day, lang, ext="zip"),
        exports.safe_file_name(stem, key, day, ext="pdf"),
    )


def chart_stem(number: int, name: str) -> str:
    """`01-plan-periods`: the chart's number in the report, then its name (file-safe)."""
    stem = exports.safe_file_name(name, ext="")
    return f"{number:02d}-{stem.rstrip('.')}"


def _figure_title(fig: Drawing, fallback: str) -> str:
    if isinstance(fig, NoChart):
        return fallback
    text = fig.layout.title.text if fig.layout.title else None
    return html.unescape(str(text)) if text else fallback


def _chart(
    sel: Selection, section: ChartSection, name: str, page: str, fig: Drawing, plans: Sequence[str]
) -> Chart:
    lang = sel.lang
    voice = t(f"voice.{sel.voice}", lang)
    fallback = t(section.title or f"page.{page}", lang)
    title = image_title = _figure_title(fig, fallback)
    if section.per_plan:
        titles = plan_titles(sel.ds)
        plan = plans[0]
        title = f"{title} — {plan}"
        shows = t(f"dossier.shows.{section.name}", lang,
                  plan=f"{plan} — {titles.get(plan, '')}")  # fmt: skip
    else:
        shows = t(f"dossier.shows.{section.name}", lang)
    source = t(f"dossier.from.{section.name}", lang, as_of=sel.as_of, voice=voice)
    return Chart(name, page, title, shows, source, fig, tuple(plans), image_title)


def _nothing_known(sel: Selection, plan: str, measures: int) -> NoChart:
    """The sentence that stands for a plan's chart when none of its measures has a known
    status: a chart whose every row reads « Non évaluée » would fill pages and say nothing."""
    voice = Localised(*(t(f"voice.{sel.voice}", lang) for lang in ("fr", "en")))
    sheet = Localised(*(t("dossier.sheet.measures", lang) for lang in ("fr", "en")))
    title = plan_titles(sel.ds).get(plan, "")
    # One measure reads in the singular in both languages; 0 never comes here.
    key = "nochart.nothing_known.one" if measures == 1 else "nochart.nothing_known.many"
    return NoChart(key, {"count": measures, "plan": f"{plan} — {title}",
                   "as_of": sel.as_of, "voice": voice, "sheet": sheet})  # fmt: skip


def charts(sel: Selection, only: Sequence[str] | None = None) -> list[Chart]:
    """Build every chart of the pages that applies to the selection, in the pages' order.

    A per-plan chart of a plan of which nothing is known (no measure with a known status
    at the as-of date, `delays.known_statuses`) is one sentence saying so, not a chart of
    unknown rows.

    Args:
        sel: the data, date, voice, language and plans covered.
        only: the chart names to build (default: all); a per-plan chart is named
            `<name>-<plan id>` (`timeline-PAN-2024`).

    Returns:
        The charts, each with its title, caption texts and figure.
    """
    built: list[Chart] = []
    if not sel.summaries():  # no plan: the pages say so instead of drawing
        return built
    wanted = None if only is None else set(only)
    # A plan not adopted at the as-of date has no measures in force: no per-plan chart.
    adopted = [s["plan_id"] for s in sel.summaries() if s.get("adopted", True)]
    measures = {s["plan_id"]: int(s["measures"] or 0) for s in sel.summaries()}
    known = sel.memo(
        "known_statuses", lambda: delays.known_statuses(sel.view, sel.as_of, sel.voice)
    )
    for page in PAGES:
        for section in page.charts():
            targets = (
                [(f"{section.name}-{p}", [p]) for p in adopted]
                if section.per_plan
                else [(section.name, sel.plan_ids())]
            )
            for name, plans in targets:
                if wanted is not None and name not in wanted:
                    continue
                chosen = sel.choosing(plans=tuple(plans)) if section.per_plan else sel
                if section.per_plan and measures.get(plans[0]) and not known.get(plans[0]):
                    fig: Drawing | None = _nothing_known(sel, plans[0], measures[plans[0]])
                else:
                    fig = section.build(chosen)
                if fig is None or (isinstance(fig, NoChart) and not section.sentence_in_dossier):
                    continue
                built.append(_chart(sel, section, name, page.id, fig, plans))
    return built


def chart_names(sel: Selection) -> list[str]:
    """The names of the charts `charts(sel)` builds, in order (each built once to know)."""
    return [chart.name for chart in charts(sel)]


def tables(sel: Selection) -> list[Table]:
    """Build every table of the pages that applies to the selection, in the workbook's order.

    Args:
        sel: the data, date, voice, language and plans covered.

    Returns:
        The tables, each with its sheet name and its columns under their labels.
    """
    first = [p for p in PAGES if p.id in WORKBOOK_FIRST]
    ordered = sorted(first, key=lambda p: WORKBOOK_FIRST.index(p.id))
    ordered += [p for p in PAGES if p.id not in WORKBOOK_FIRST]
    built = []
    for page in ordered:
        if not sel.summaries() and page.id != "method":  # no plan, no measure figures
            continue
        for section in page.tables():
            frame = section.build(sel)
            if frame is not None:
                sheet = t(f"dossier.sheet.{section.name}", sel.lang)
                shown = labelled(frame, section.specs(frame, sel), sel)
                built.append(Table(section.name, page.id, sheet, shown))
    return built


def plan_label(sel: Selection, plan_ids: Sequence[str] | None = None) -> str:
    """`PAN-2024 — title; …` for the plans given (default: the plans covered)."""
    titles = plan_titles(sel.ds)
    chosen = list(plan_ids) if plan_ids is not None else sel.plan_ids()
    return "; ".join(f"{p} — {titles[p]}" if p in titles else p for p in chosen)


def _stamp(sel: Selection, title: str, plans: Sequence[str], source: str,
           dataset_label: str, version: str | None) -> exports.Stamp:  # fmt: skip
    # One plan: its id and title; several: their ids, so the image's footer line fits.
    plan = plan_label(sel, plans) if len(plans) == 1 else "; ".join(plans)
    return exports.Stamp(
        title=title,
        plan=plan or t("exports.all_plans", sel.lang),
        as_of=sel.as_of,
        dataset=dataset_label,
        version=version,
        source=source,
        lang=sel.lang,
    )


def _write(
    archive: zipfile.ZipFile, name: str, data: bytes, when: dt.datetime, *, compress: bool = True
) -> None:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    # PNG is compressed already: storing it saves the time of deflating it again.
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    archive.writestr(info, data)


def _draw(
    figure: Drawing, stamp: exports.Stamp, formats: Sequence[export_formats.ExportFormat]
) -> dict[str, bytes]:
    """The chart in each of the dossier's formats, by their renderers (`export_formats`)."""
    drawn = {}
    for fmt in formats:
        assert fmt.render is not None  # a chart format always has its renderer
        drawn[fmt.name] = fmt.render(figure, stamp, width=WIDTH, scale=SCALE)
    return drawn


def build(
    ds: Dataset,
    *,
    dataset_label: str,
    version: str | None,
    as_of: dt.date,
    lang: Lang,
    plans: Sequence[str] | None = None,
    voice: str = "all",
    progress: Progress | None = None,
    dataset_key: str | None = None,
    now: dt.datetime | None = None,
    compress_pdf: bool = True,
) -> Dossier:
    """Build the dossier and say what it holds (`.data` is the ZIP's bytes).

    Args:
        ds: the whole dataset.
        dataset_label: the dataset's display name (cover, stamps).
        version: the stored version's number, or None (a file given on the command line).
        as_of: the date statuses and delays are computed at.
        lang: the language of every text.
        plans: the plan ids covered (default: every plan).
        voice: `"all"` or a voice code: whose statuses are read.
        progress: called as `progress(step, total, label)` before each step.
        dataset_key: a shipped dataset's key (`monitoring.config.shipped`): the cover says its
            data are fictional, or carries its banner on sourced data.
        now: the generation time, on the cover and on the ZIP's files (default: now, the
            server's clock; callers give it in the coordinators' zone, `Settings.time_zone`).
        compress_pdf: compress the PDF's page streams (tests read them uncompressed).

    Returns:
        The dossier.

    Raises:
        ExportUnavailable: Chromium (for the images) or the PDF's font is missing; the
            message says what to install.
        ValueError: a plan id is not in the dataset.
    """
    needs_chromium = any(f.needs_chromium for f in export_formats.dossier_images())
    if needs_chromium and not exports.chromium_available():
        raise ExportUnavailable(lang)
    pdf_report.font_paths(lang)
    known = set(ds.plans["plan_id"])
    unknown = [p for p in plans or () if p not in known]
    if unknown:
        raise ValueError(f"unknown plan(s): {', '.join(unknown)}")
    sel = Selection(ds, as_of, lang, voice, tuple(plans or ()))
    tell = progress or (lambda step, total, label: None)
    now = now or dt.datetime.now()

    tell(0, 1, t("dossier.step.figures", lang))
    charts_ = charts(sel)
    total = len(charts_) + 4  # figures, each chart, workbook, PDF, ZIP
    tell(1, total, t("dossier.step.figures", lang))
    stamps = [
        _stamp(sel, chart.image_title, chart.plans,
               t("exports.source_app", lang, page=t(f"page.{chart.page}", lang)),
               dataset_label, version)
        for chart in charts_
    ]  # fmt: skip
    formats = export_formats.dossier_images()
    buffer = io.BytesIO()
    files: list[str] = []
    images: list[pdf_report.ChartImage] = []
    # The images are drawn by Chromium (kaleido) in a thread of their own while this one
    # builds the tables and their workbook: the renderer's waits and the tables' pandas
    # work overlap. Progress is told here, in this thread, as each image arrives.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-images") as pool:
        drawn = [
            None if isinstance(chart.figure, NoChart)
            else pool.submit(_draw, chart.figure, stamp, formats)
            for chart, stamp in zip(charts_, stamps, strict=True)
        ]  # fmt: skip
        tables_ = tables(sel)
        report = pdf_name(lang)
        source = t("dossier.tables_source", lang, pdf=report)
        tables_stamp = _stamp(sel, t("dossier.tables_title", lang), sel.plan_ids(), source,
                              dataset_label, version)  # fmt: skip
        frames = {table.sheet: table.frame for table in tables_}
        workbook = exports.tables_xlsx(frames, tables_stamp)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for number, (chart, stamp, future) in enumerate(
                zip(charts_, stamps, drawn, strict=True), start=1
            ):
                label = t("dossier.step.chart", lang, number=number, total=len(charts_),
                          title=chart.title)  # fmt: skip
                tell(1 + number, total, label)
                stem = chart_stem(number, chart.name)
                if future is None:  # nothing to draw: its sentence, no image
                    assert isinstance(chart.figure, NoChart)
                    name = f"{CHART_DIR}/{stem}.txt"
                    text = f"{chart.title}\n\n{chart.figure.text(lang)}\n\n{stamp.footer()}\n"
                    _write(archive, name, text.encode("utf-8"), now, compress=True)
                    files.append(name)
                    images.append(pdf_report.ChartImage(chart, None, stem))
                    continue
                rendered_images = future.result()
                for fmt in formats:  # PNG and SVG
                    name = f"{CHART_DIR}/{stem}.{fmt.extension}"
                    _write(archive, name, rendered_images[fmt.name], now, compress=fmt.compressible)
                    files.append(name)
                images.append(pdf_report.ChartImage(chart, rendered_images["png"], stem))

            tell(total - 2, total, t("dossier.step.tables", lang))
            _write(archive, TABLES_FILE, workbook, now, compress=False)  # XLSX is a ZIP already
            files.append(TABLES_FILE)

            tell(total - 1, total, t("dossier.step.pdf", lang))
            fictional, note = what_the_cover_vouches(dataset_key, lang)
            info = pdf_report.ReportInfo(
                dataset=dataset_label,
                version=version,
                fictional=fictional,
                note=note,
                generated=now,
            )
            rendered = pdf_report.report_pdf(sel, info, images, compress=compress_pdf)
            _write(archive, report, rendered.data, now, compress=not compress_pdf)
            files.append(report)
            tell(total, total, t("dossier.step.zip", lang))
    return Dossier(buffer.getvalue(), tuple(files), report, rendered.pages, len(charts_),
                   len(tables_))  # fmt: skip
