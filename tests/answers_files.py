"""A questions workbook written for the demo dataset and filled in as a committee would:
what the unit, AppTest and browser tests of the answers brought back share.

The questions are built by hand (the brief that asks them is another module's): three
about demo measures of plan DEMO-C and one about a letter (no measure, no status).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import openpyxl

from monitoring.analysis.questions import Question
from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import Lang
from monitoring.present.exports import Stamp
from monitoring.present.questions_workbook import MEETING, QUESTIONS, questions_workbook

MEETING_DAY = dt.date(2026, 12, 1)
QUESTIONS_ASKED = (
    Question("overdue:C-M27", "overdue", "DEMO-C", "C-M27", facts=(("days_late", 12),)),
    Question("disagreement:C-M28", "disagreement", "DEMO-C", "C-M28"),
    Question("due_soon:C-M26", "due_soon", "DEMO-C", "C-M26"),
    Question("unanswered_letter:EV-29", "unanswered_letter", "DEMO-C", event_id="EV-29"),
)


def wording(question: Question) -> str:
    return f"Où en est {question.measure_id or question.event_id} ({question.rule}) ?"


def stamp(lang: Lang = "fr") -> Stamp:
    return Stamp("Questions au comité", "DEMO-C", dt.date(2026, 11, 26), "Démonstration", "1",
                 "Collectif", lang)  # fmt: skip


def written(lang: Lang = "fr", meeting_date: dt.date | None = MEETING_DAY) -> bytes:
    return questions_workbook(
        QUESTIONS_ASKED, wording, lang=lang, meeting_date=meeting_date, stamp=stamp(lang),
        scale=StatusScale(),
    )  # fmt: skip


def column_of(ws: Any, column_id: str, lang: Lang = "fr") -> int:
    """The 1-based index of a Questions column, found by its header (never hard-coded)."""
    headers = [c.value for c in ws[1]]
    return headers.index(QUESTIONS.column(column_id).header(lang)) + 1


def row_of(ws: Any, key: str, lang: Lang = "fr") -> int:
    keys = column_of(ws, "key", lang)
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, keys).value == key:
            return row
    raise KeyError(key)


def filled(
    answers: Mapping[str, Mapping[str, object]],
    *,
    lang: Lang = "fr",
    meeting: Mapping[str, object] | None = None,
    data: bytes | None = None,
) -> bytes:
    """The questions workbook with answers typed in, as openpyxl saves it.

    Args:
        answers: question key → column id (`status`, `as_of`, `evidence`, `comment`,
            or any other column of the sheet) → the value typed in.
        meeting: field id of the meeting sheet (`date`, `title`, `assessor`) → its value.
        data: the workbook to fill (the demo's, written in `lang`, by default).
    """
    wb = openpyxl.load_workbook(io.BytesIO(data or written(lang)))
    ws = wb[QUESTIONS.name(lang)]
    for key, values in answers.items():
        row = row_of(ws, key, lang)
        for column_id, value in values.items():
            ws.cell(row, column_of(ws, column_id, lang)).value = value
    sheet = wb[MEETING.name(lang)]
    for field_id, value in (meeting or {}).items():
        label = MEETING.column(field_id).header(lang)
        (row,) = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label]
        sheet.cell(row, 2).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


TWO_ANSWERS: dict[str, dict[str, object]] = {
    "overdue:C-M27": {"status": "Réalisée", "evidence": "Compte rendu du comité"},
    "disagreement:C-M28": {
        "status": "Non démarrée",
        "as_of": dt.datetime(2026, 11, 30),
        "comment": "Reportée à 2027",
    },
}
