"""The committee brief as documents people edit and circulate: Word (DOCX) and PDF.

Both print the same `brief_text.parts` (so the same figures as the page), under the same
heading: the title, the dataset and its version, the period, the next meeting, and the
stamp every export carries (`exports.Stamp`: plans, as-of date, dataset and version,
source). The PDF is laid out with the dossier's machinery (`dossier_pdf`: Liberation Sans
embedded, the running footer with the page number); the Word document with python-docx,
in the default template's styles (Title, Heading 1 and 2, a grid per table), so that a
coordinator reworks it as an agenda in Word or LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from monitoring.analysis.brief import Brief
from monitoring.analysis.filters import plan_titles
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import Lang
from monitoring.present import brief_text, exports
from monitoring.present import dossier_pdf as pdf_report
from monitoring.present.questions_workbook import questions_workbook
from monitoring.present.sections import Selection
from monitoring.text.i18n import t

# Characters XML 1.0 cannot hold (python-docx refuses them): dropped from user text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Column widths (mm) in the PDF's tables: a measure's id, a source, a status or a date
# (every other column); the title gets the room left.
_NARROW, _SOURCE, _OTHER = 19.0, 34.0, 25.0


@dataclass(frozen=True)
class About:
    """What the documents say about the data (as the dossier's cover does).

    Attributes:
        dataset: the dataset's display name.
        dataset_key: its key (in the file names).
        fictional: the demonstration dataset: the documents say the data are fictional.
        generated: when the documents were produced (in the coordinators' zone).
    """

    dataset: str
    dataset_key: str
    fictional: bool
    generated: dt.datetime


def plan_names(brief: Brief, ds: Dataset) -> list[str]:
    """`DEMO-A — Plan A (fictif)` for each plan the brief covers."""
    titles = plan_titles(ds)
    return [f"{p} — {titles[p]}" if p in titles else p for p in brief.plans]


def stamp(brief: Brief, ds: Dataset, about: About, lang: Lang) -> exports.Stamp:
    """The stamp of every export: the plans, the as-of date, the dataset and its version,
    the source (the brief's page)."""
    version = brief.period.version
    return exports.Stamp(
        title=t("brief.title", lang),
        plan="; ".join(brief.plans) or t("exports.all_plans", lang),
        as_of=brief.period.as_of,
        dataset=about.dataset,
        version=None if version is None else str(version),
        source=t("exports.source_app", lang, page=t("page.brief", lang)),
        lang=lang,
    )


def heading_lines(brief: Brief, ds: Dataset, about: About, lang: Lang) -> list[str]:
    """The lines under the title, in order: the dataset and version, the fictional-data
    warning, the period, next meeting, scope and summary, the stamp, the production time."""
    version = brief.period.version
    if version is None:
        dataset = t("dossier.cover.no_version", lang, dataset=about.dataset)
    else:
        dataset = t("dossier.cover.version", lang, dataset=about.dataset, version=version)
    lines = [dataset]
    if about.fictional:
        lines.append(t("dossier.cover.fictional", lang))
    lines += brief_text.header_lines(brief, plan_names(brief, ds), lang)
    lines.append(stamp(brief, ds, about, lang).footer())
    lines.append(brief_text.generated_line(about.generated, lang))
    return lines


def file_name(brief: Brief, about: About, lang: Lang, ext: str) -> str:
    """`brief-comite_demo_2026-11-26.docx` / `committee-brief_demo_2026-11-26_en.pdf`."""
    day = brief.period.as_of.isoformat()
    return exports.safe_file_name(t("brief.file", lang), about.dataset_key, day, ext=ext)


def questions_stem(brief: Brief, about: About, lang: Lang) -> str:
    """The questions workbook's name without its extension: `questions-comite_demo_2026-11-26`."""
    day = brief.period.as_of.isoformat()
    return f"{t('brief.questions_file', lang)}_{about.dataset_key}_{day}"


def brief_questions(brief: Brief, ds: Dataset, about: About, lang: Lang) -> bytes:
    """The brief's questions as the workbook the committee's answers are typed into
    (`questions_workbook`), dated at the next meeting when the brief names it; uploaded
    back on the Update page, its answers become government assessments and the meeting an
    event of the timeline (`monitoring.services.answers`)."""
    return questions_workbook(
        brief.questions,
        lambda q: brief_text.question_text(q, lang, ds.scale),
        lang=lang,
        meeting_date=brief.period.until,
        stamp=stamp(brief, ds, about, lang),
        scale=ds.scale,
    )


# --- Word ---------------------------------------------------------------------------------


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def brief_docx(brief: Brief, ds: Dataset, about: About, lang: Lang) -> bytes:
    """The brief as a Word document (DOCX), every row of every section.

    Args:
        brief: the brief.
        ds: the current version (its plans' titles, its status scale).
        about: the dataset's name, whether it is fictional, when this is produced.
        lang: the language.

    Returns:
        The document's bytes.
    """
    from docx import Document  # only the brief's downloads need python-docx

    document = Document()
    document.core_properties.title = _xml(f"{t('brief.title', lang)} — {about.dataset}")
    document.core_properties.language = lang
    document.add_heading(_xml(t("brief.title", lang)), level=0)
    for line in heading_lines(brief, ds, about, lang):
        document.add_paragraph(_xml(line))
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = _xml(stamp(brief, ds, about, lang).footer())
    for part in brief_text.parts(brief, ds.scale, lang):
        document.add_heading(_xml(part.title), level=part.level)
        if part.name == "questions":
            for number, text in part.rows:
                document.add_paragraph(_xml(f"{number}. {text}"))
        elif part.header and part.rows:
            table = document.add_table(rows=1, cols=len(part.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, part.header, strict=True):
                cell.text = _xml(text)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in part.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = _xml(text)
        if not part.rows and part.empty:
            document.add_paragraph(_xml(part.empty))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def _widths(header: Sequence[str], room: float, lang: Lang) -> list[float]:
    """Each column's width: the title column takes what the others leave of `room`."""
    fixed = {t("brief.col.measure", lang): _NARROW, t("delays.col.evidence", lang): _SOURCE}
    title = t("delays.col.title", lang)
    widths = [0.0 if name == title else fixed.get(name, _OTHER) for name in header]
    return [w or max(room - sum(widths), 30.0) for w in widths]


def brief_pdf(
    brief: Brief, ds: Dataset, about: About, lang: Lang, *, compress: bool = True
) -> bytes:
    """The brief as a PDF (A4, Liberation Sans embedded): a long table prints its first
    `dossier_pdf.MAX_LIST_ROWS` rows and says how many the Word document adds.

    Args:
        brief: the brief.
        ds: the current version.
        about: the dataset's name, whether it is fictional, when this is produced.
        lang: the language.
        compress: compress the page streams (tests read the text uncompressed).

    Returns:
        The PDF's bytes.

    Raises:
        FontUnavailable: Liberation Sans is not installed.
    """
    version = brief.period.version
    info = pdf_report.ReportInfo(
        dataset=about.dataset, version=None if version is None else str(version),
        fictional=about.fictional, note="", generated=about.generated,
    )  # fmt: skip
    pdf = pdf_report._document(Selection(ds, brief.period.as_of, lang), info, compress)
    pdf.set_title(pdf.clean(f"{t('brief.title', lang)} — {about.dataset}"))
    pdf.add_page()
    pdf_report._paragraph(pdf, t("brief.title", lang), size=20, bold=True, gap=4)
    for line in heading_lines(brief, ds, about, lang):
        pdf_report._paragraph(pdf, line, size=pdf_report.SMALL_PT + 1, gap=1)
    limit = pdf_report.MAX_LIST_ROWS
    for part in brief_text.parts(brief, ds.scale, lang):
        pdf.ln(2)
        if part.level == 1:
            pdf.start_section(pdf.clean(part.title))
        pdf_report._subheading(pdf, part.title)
        if part.name == "questions":
            for number, text in part.rows:
                pdf_report._paragraph(pdf, f"{number}. {text}", size=pdf_report.SMALL_PT + 0.5,
                                      gap=1)  # fmt: skip
        elif part.header and part.rows:
            widths = _widths(part.header, pdf.epw, lang)
            pdf_report._table(pdf, part.header, part.rows[:limit], widths)
            if len(part.rows) > limit:
                more = t("brief.more", lang, count=len(part.rows) - limit)
                pdf_report._paragraph(pdf, more, size=pdf_report.SMALL_PT, colour=pdf_report.GREY)
        if not part.rows and part.empty:
            pdf_report._paragraph(pdf, part.empty, size=pdf_report.SMALL_PT + 0.5)
    return bytes(pdf.output())
