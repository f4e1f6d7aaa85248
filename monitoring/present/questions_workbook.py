"""The questions workbook: a brief's questions carried to the committee, and back.

One row per question (`monitoring.analysis.questions.Question`), the columns that say
what it asks protected from edits, then one column for each part of an answer: a status
on the dataset's scale (a drop-down list, only for a question about a measure), its date
(the meeting's by default), the evidence and a comment. A `Réunion` / `Meeting` sheet
holds the meeting's date and title and the name the answers are recorded under; a read-me
says how to fill it in. Uploaded back through the update cycle, it is recognised by its
`Questions` sheet and key column (`monitoring.services.answers`), which reads it with the
declarations below: each filled answer becomes a government assessment, the meeting a
timeline event.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any

import xlsxwriter

from monitoring.analysis.questions import Question
from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import (
    CATEGORIES,
    README_SHEET,
    Column,
    Lang,
    Sheet,
    column_letter,
)
from monitoring.present.exports import Stamp
from monitoring.present.workbook import (
    DATE_FORMATS,
    XLSX_OPTIONS,
    CellFormats,
    ReadmeWriter,
    cell_formats,
    is_trigger,
)
from monitoring.text.i18n import format_date, t


def _c(id: str, fr: str, en: str, type: str, dfr: str, den: str, **kw: Any) -> Column:
    return Column(id, fr, en, type, dfr, den, **kw)  # type: ignore[arg-type]


# The columns of the Questions sheet. An answer's columns share their ids with the
# `Suivi` columns they fill (`status`, `as_of`, `evidence`, `comment`, `measure_id`).
QUESTIONS = Sheet(
    "questions",
    "Questions",
    "Questions",
    (
        _c("number", "N°", "No.", "integer", "Numéro de la question.", "The question's number."),
        _c(
            "key",
            "Clé",
            "Key",
            "text",
            "Identifiant de la question (ne pas modifier) : il relie la réponse à sa question.",
            "The question's identifier (do not edit): it ties the answer to its question.",
            required=True,
            aliases=("cle de la question", "question key"),
        ),
        _c("plan_id", "Plan", "Plan", "text", "Plan concerné.", "The plan concerned."),
        _c(
            "measure_id",
            "Mesure",
            "Measure",
            "text",
            "Mesure concernée ; vide quand la question ne porte pas sur une mesure.",
            "The measure concerned; empty when the question is not about a measure.",
            aliases=("measure id",),
        ),
        _c("question", "Question", "Question", "text", "La question posée.", "The question."),
        _c(
            "status",
            "Statut",
            "Status",
            "status",
            "La réponse : un statut de l'échelle du jeu de données (liste déroulante).",
            "The answer: a status of the dataset's scale (drop-down list).",
        ),
        _c(
            "as_of",
            "Date",
            "Date",
            "date",
            "Date de la réponse ; par défaut, celle de la réunion.",
            "Date of the answer; the meeting's by default.",
        ),
        _c(
            "evidence",
            "Source",
            "Evidence",
            "text",
            "Ce qui fonde la réponse : compte rendu, courrier, adresse…",
            "What backs the answer: minutes, a letter, an address…",
            aliases=("preuve", "justificatif"),
        ),
        _c("comment", "Commentaire", "Comment", "text", "Commentaire libre.", "Free comment."),
        _c(
            "stored_as",
            "Enregistrement",
            "Stored as",
            "text",
            "Ce que devient la réponse une fois le classeur déposé.",
            "What the answer becomes once the workbook is uploaded.",
        ),
    ),
    "Les questions posées au comité, une par ligne, et leurs réponses.",
    "The questions put to the committee, one a row, and their answers.",
)
# The columns a committee fills in; a row with none of them filled is unanswered (its
# date alone, written in advance, is no answer).
ANSWER_COLUMNS = ("status", "as_of", "evidence", "comment")
ANSWER_CONTENT = ("status", "evidence", "comment")

# The meeting's sheet: a label in column A, its value in column B, one field a row.
MEETING = Sheet(
    "meeting",
    "Réunion",
    "Meeting",
    (
        _c(
            "date",
            "Date de la réunion",
            "Meeting date",
            "date",
            "Le jour de la réunion : la date de son événement dans la Chronologie, et celle "
            "des réponses qui n'en ont pas.",
            "The day of the meeting: the date of its timeline event, and of the answers "
            "that have none.",
            required=True,
        ),
        _c(
            "title",
            "Intitulé",
            "Title",
            "text",
            "L'intitulé de la réunion dans la Chronologie.",
            "The meeting's title in the timeline.",
            required=True,
        ),
        _c(
            "assessor",
            "Réponses enregistrées au nom de",
            "Answers recorded as",
            "text",
            "L'évaluateur des réponses (voix du gouvernement) dans Suivi.",
            "The assessor of the answers (the government's voice) in the status updates.",
            aliases=("evaluateur", "assessor"),
        ),
    ),
    "La réunion dont les réponses sont rapportées.",
    "The meeting whose answers are brought back.",
)
MEETING_VALUE_COLUMN = 1  # column B
_LOCKED_FILL = "#EDEDED"
_ANSWER_FILL = "#FFF2CC"
_WIDTHS = {"number": 5, "key": 22, "plan_id": 10, "measure_id": 10, "question": 70,
           "status": 22, "as_of": 12, "evidence": 30, "comment": 40, "stored_as": 30}  # fmt: skip


def questions_workbook(
    questions: Sequence[Question],
    wording: Callable[[Question], str],
    *,
    lang: Lang,
    meeting_date: dt.date | None,
    stamp: Stamp,
    scale: StatusScale,
    meeting_title: str | None = None,
) -> bytes:
    """Write a brief's questions as a workbook with a column for each answer.

    Args:
        questions: the questions, in the brief's order (numbered from 1).
        wording: a question's text in `lang`.
        lang: the language of sheet names, headers, status labels and help.
        meeting_date: the meeting the answers will be dated at (the answers' date by
            default); None leaves it to be filled in.
        stamp: dataset, version and as-of date the questions were asked from (its title
            heads the read-me).
        scale: the dataset's status scale (the drop-down lists offer its labels).
        meeting_title: the meeting's title in the timeline; by default « Comité de suivi
            du … » / "Follow-up committee of …".

    Returns:
        The .xlsx bytes: `Lisez-moi`/`Read me`, `Questions`, `Réunion`/`Meeting`; every
        sheet protected (without a password) but the cells to fill in.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    book.set_custom_property("dataset", stamp.dataset)
    book.set_custom_property("version", stamp.version or "")
    book.set_custom_property("as_of", stamp.as_of.isoformat())
    formats = cell_formats(book, lang)
    extra = _Formats(book, lang)
    scale_range = _write_readme(book, formats, lang, stamp, scale)
    _write_questions(book, formats, extra, questions, wording, lang, meeting_date, scale_range)
    _write_meeting(book, formats, extra, lang, stamp, meeting_date, meeting_title)
    book.close()
    return buffer.getvalue()


class _Formats:
    """The formats of this workbook beyond the template's: locked grey, open to fill."""

    def __init__(self, book: Any, lang: Lang) -> None:
        grey = {"bg_color": _LOCKED_FILL, "valign": "top"}
        open_ = {"bg_color": _ANSWER_FILL, "locked": False, "valign": "top"}
        self.locked = book.add_format(grey | {"num_format": "@", "text_wrap": True})
        self.locked_quoted = book.add_format(grey | {"num_format": "@", "quote_prefix": True})
        self.locked_number = book.add_format(grey)
        self.open_text = book.add_format(open_ | {"num_format": "@", "text_wrap": True})
        self.open_date = book.add_format(open_ | {"num_format": DATE_FORMATS[lang]})
        self.date = book.add_format({"num_format": DATE_FORMATS[lang]})


def default_title(meeting_date: dt.date | None, lang: Lang) -> str:
    """The meeting's title when none is given: « Comité de suivi du 7 décembre 2026 »."""
    if meeting_date is None:
        return t("answers.meeting_title_undated", lang)
    return t("answers.meeting_title", lang, date=format_date(meeting_date, lang, long=True))


def _text(ws: Any, row: int, col: int, text: str, fmt: Any, quoted: Any) -> None:
    """User text as text, never a formula (a quote prefix when it starts like one)."""
    if text:
        ws.write_string(row, col, text, quoted if is_trigger(text) else fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _write_questions(
    book: Any,
    formats: CellFormats,
    extra: _Formats,
    questions: Sequence[Question],
    wording: Callable[[Question], str],
    lang: Lang,
    meeting_date: dt.date | None,
    scale_range: str,
) -> None:
    ws = book.add_worksheet(QUESTIONS.name(lang))
    at = {c.id: i for i, c in enumerate(QUESTIONS.columns)}
    for index, column in enumerate(QUESTIONS.columns):
        header = formats.header_required if column.id in ANSWER_COLUMNS else formats.header
        ws.write_string(0, index, column.header(lang), header)
        ws.write_comment(0, index, column.description(lang), {"x_scale": 2.5})
        ws.set_column(index, index, _WIDTHS[column.id])
    for row, question in enumerate(questions, start=1):
        ws.write_number(row, at["number"], row, extra.locked_number)
        shown = {
            "key": question.key,
            "plan_id": question.plan_id or "",
            "measure_id": question.measure_id or "",
            "question": wording(question),
        }
        for column_id, text in shown.items():
            _text(ws, row, at[column_id], text, extra.locked, extra.locked_quoted)
        if question.answerable:
            _answer_cells(ws, row, at, extra, lang, meeting_date, scale_range)
            stored = t("answers.stored_as.assessment", lang)
        else:
            for column_id in ANSWER_COLUMNS:
                ws.write_blank(row, at[column_id], None, extra.locked)
            stored = t("answers.stored_as.not_stored", lang)
        ws.write_string(row, at["stored_as"], stored, extra.locked)
    ws.freeze_panes(1, at["status"])
    last = max(len(questions), 1)
    ws.autofilter(0, 0, last, len(QUESTIONS.columns) - 1)
    ws.protect("", {"autofilter": True, "format_columns": True, "format_rows": True})


def _answer_cells(
    ws: Any,
    row: int,
    at: dict[str, int],
    extra: _Formats,
    lang: Lang,
    meeting_date: dt.date | None,
    scale_range: str,
) -> None:
    """The answer cells of a question about a measure: open, with their lists and checks."""
    status, day = at["status"], at["as_of"]
    ws.write_blank(row, status, None, extra.open_text)
    ws.data_validation(
        row,
        status,
        row,
        status,
        {
            "validate": "list",
            "source": scale_range,
            # A warning, not a refusal: the reader also takes the other language, aliases
            # and variants in case or accents, as for the workbook's own status columns.
            "error_type": "warning",
            "error_title": t("workbook.validation.title", lang),
            "error_message": t("workbook.validation.message", lang),
        },
    )
    if meeting_date is not None:
        ws.write_datetime(row, day, dt.datetime.combine(meeting_date, dt.time()), extra.open_date)
    else:
        ws.write_blank(row, day, None, extra.open_date)
    ws.data_validation(
        row,
        day,
        row,
        day,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1900, 3, 1),
            "maximum": dt.date(2200, 12, 31),
            "error_type": "warning",
            "error_title": t("answers.date_check_title", lang),
            "error_message": t("answers.date_check", lang),
        },
    )
    for column_id in ("evidence", "comment"):
        ws.write_blank(row, at[column_id], None, extra.open_text)


def _write_meeting(
    book: Any,
    formats: CellFormats,
    extra: _Formats,
    lang: Lang,
    stamp: Stamp,
    meeting_date: dt.date | None,
    meeting_title: str | None,
) -> None:
    ws = book.add_worksheet(MEETING.name(lang))
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 60)
    values: dict[str, str] = {
        "title": meeting_title or default_title(meeting_date, lang),
        "assessor": t("answers.assessor", lang),
    }
    for row, field in enumerate(MEETING.columns):
        ws.write_string(row, 0, field.header(lang), formats.bold)
        ws.write_comment(row, 0, field.description(lang), {"x_scale": 2.5})
        if field.id == "date":
            if meeting_date is not None:
                moment = dt.datetime.combine(meeting_date, dt.time())
                ws.write_datetime(row, MEETING_VALUE_COLUMN, moment, extra.open_date)
            else:
                ws.write_blank(row, MEETING_VALUE_COLUMN, None, extra.open_date)
        else:
            text = values[field.id]
            _text(ws, row, MEETING_VALUE_COLUMN, text, extra.open_text, extra.open_text)
    # The stamp, below the fields: what the questions were asked from.
    row = len(MEETING.columns) + 1
    stamped = [
        (t("answers.stamp.dataset", lang), stamp.dataset),
        (t("answers.stamp.version", lang), stamp.version or "—"),
    ]
    for label, value in stamped:
        ws.write_string(row, 0, label, formats.bold)
        _text(ws, row, 1, value, formats.text, formats.text_quoted)
        row += 1
    ws.write_string(row, 0, t("answers.stamp.as_of", lang), formats.bold)
    ws.write_datetime(row, 1, dt.datetime.combine(stamp.as_of, dt.time()), extra.date)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _write_readme(
    book: Any, formats: CellFormats, lang: Lang, stamp: Stamp, scale: StatusScale
) -> str:
    """The read-me: the stamp, how to fill the workbook in, the scale; returns the range
    of the scale's labels (the status drop-down lists point at it)."""
    ws = book.add_worksheet(README_SHEET[lang])
    ws.set_column(0, 0, 100)
    ws.set_column(1, 1, 20)
    write = ReadmeWriter(ws, formats)
    write.row([stamp.title], formats.title)
    write.row([stamp.footer()])
    write.skip()
    write.row([t("answers.readme.how", lang)], formats.bold)
    for step in ("rows", "answer", "unanswered", "not_measure", "meeting", "upload"):
        text = t(f"answers.readme.{step}", lang, questions=QUESTIONS.name(lang),
                 meeting=MEETING.name(lang))  # fmt: skip
        write.row([f"• {text}"], formats.wrap)
    write.skip()
    write.row([t("answers.readme.scale", lang), t("answers.readme.category", lang)], formats.bold)
    first = write.next_row
    categories = {c.code: c.label(lang) for c in CATEGORIES}
    for label in scale.ordered():
        write.row([label.display(lang), categories.get(label.category, label.category)])
    last = max(write.next_row - 1, first)
    ws.protect("", {"format_columns": True, "format_rows": True})
    name = README_SHEET[lang].replace("'", "''")
    letter = column_letter(0)
    return f"='{name}'!${letter}${first + 1}:${letter}${last + 1}"
