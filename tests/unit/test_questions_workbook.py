"""The questions workbook: one row per question, answer columns only where an answer can
be stored, the meeting's sheet, the read-me and the stamp."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import LANGS, README_SHEET, StatusLabel
from monitoring.present.questions_workbook import (
    MEETING,
    QUESTIONS,
    default_title,
    questions_workbook,
)
from monitoring.text.i18n import format_date
from tests.answers_files import (
    MEETING_DAY,
    QUESTIONS_ASKED,
    column_of,
    row_of,
    stamp,
    wording,
    written,
)


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def validated_cells(ws, kind: str) -> set[str]:
    """The cells a data validation of `kind` (list, date) covers."""
    cells: set[str] = set()
    for rule in ws.data_validations.dataValidation:
        if rule.type == kind:
            for bounds in rule.sqref.ranges:
                cells.update(f"{get_column_letter(col)}{row}" for row, col in bounds.cells)
    return cells


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_is_a_row_with_its_key_plan_measure_and_wording(lang) -> None:
    ws = book(written(lang))[QUESTIONS.name(lang)]
    headers = [c.value for c in ws[1]]
    assert headers == [c.header(lang) for c in QUESTIONS.columns]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(QUESTIONS_ASKED)
    at = {c.id: i for i, c in enumerate(QUESTIONS.columns)}
    for number, (row, question) in enumerate(zip(rows, QUESTIONS_ASKED, strict=True), start=1):
        assert row[at["number"]] == number
        assert row[at["key"]] == question.key
        assert row[at["plan_id"]] == question.plan_id
        assert row[at["measure_id"]] == question.measure_id
        assert row[at["question"]] == wording(question)


def test_only_questions_about_a_measure_get_a_status_list_and_a_date() -> None:
    ws = book(written())[QUESTIONS.name("fr")]
    status, day = column_of(ws, "status"), column_of(ws, "as_of")
    answerable = [q for q in QUESTIONS_ASKED if q.answerable]
    other = [q for q in QUESTIONS_ASKED if not q.answerable]
    assert answerable and other
    lists, dates = validated_cells(ws, "list"), validated_cells(ws, "date")
    for question in answerable:
        row = row_of(ws, question.key)
        assert ws.cell(row, status).coordinate in lists
        assert ws.cell(row, day).coordinate in dates
        assert ws.cell(row, day).value.date() == MEETING_DAY  # the meeting's day by default
        assert ws.cell(row, status).protection.locked is False
    for question in other:
        row = row_of(ws, question.key)
        assert ws.cell(row, status).coordinate not in lists
        assert ws.cell(row, day).value is None
        assert ws.cell(row, status).protection.locked is True
        stored_as = ws.cell(row, column_of(ws, "stored_as")).value
        assert stored_as.startswith("Non enregistrée")


@pytest.mark.parametrize("lang", LANGS)
def test_the_status_list_offers_the_scale_labels_in_the_language(lang) -> None:
    custom = StatusScale(
        (StatusLabel("Tenue", "done", 1), StatusLabel("Pas tenue", "not_done", 2)), custom=True
    )
    for scale in (StatusScale(), custom):
        data = questions_workbook(QUESTIONS_ASKED, wording, lang=lang, meeting_date=None,
                                  stamp=stamp(lang), scale=scale)  # fmt: skip
        wb = book(data)
        ws = wb[QUESTIONS.name(lang)]
        (rule,) = {r.formula1 for r in ws.data_validations.dataValidation if r.type == "list"}
        sheet, cells = rule.lstrip("=").split("!")
        listed = [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]
        assert listed == [label.display(lang) for label in scale.ordered()]


def test_without_a_meeting_date_the_dates_are_left_to_fill_and_the_title_is_undated() -> None:
    wb = book(written(meeting_date=None))
    ws = wb[QUESTIONS.name("fr")]
    day = column_of(ws, "as_of")
    assert all(ws.cell(r, day).value is None for r in range(2, ws.max_row + 1))
    meeting = wb[MEETING.name("fr")]
    assert meeting["B1"].value is None
    assert meeting["B2"].value == default_title(None, "fr")


@pytest.mark.parametrize("lang", LANGS)
def test_the_meeting_sheet_holds_its_date_title_assessor_and_the_stamp(lang) -> None:
    ws = book(written(lang))[MEETING.name(lang)]
    fields = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert fields[MEETING.column("date").header(lang)].date() == MEETING_DAY
    title = fields[MEETING.column("title").header(lang)]
    assert format_date(MEETING_DAY, lang, long=True) in title
    assert fields[MEETING.column("assessor").header(lang)]
    shown = [str(v) for v in fields.values()]
    assert stamp(lang).dataset in shown and stamp(lang).version in shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_read_me_opens_with_the_stamp_and_says_how_to_fill_it_in(lang) -> None:
    ws = book(written(lang))[README_SHEET[lang]]
    first = [ws.cell(r, 1).value for r in range(1, 12)]
    assert first[0] == stamp(lang).title
    assert first[1] == stamp(lang).footer()
    assert "Démonstration, version 1" in first[1]
    assert format_date(stamp(lang).as_of, lang) in first[1]
    assert any(QUESTIONS.name(lang) in (line or "") for line in first)


def test_the_file_carries_its_dataset_version_and_as_of_date_as_properties() -> None:
    custom = zipfile.ZipFile(io.BytesIO(written())).read("docProps/custom.xml").decode()
    for value in ("Démonstration", ">1<", stamp().as_of.isoformat()):
        assert value in custom


def test_the_questions_and_meeting_sheets_are_protected_but_their_answer_cells() -> None:
    wb = book(written())
    assert wb[QUESTIONS.name("fr")].protection.sheet
    assert wb[MEETING.name("fr")].protection.sheet
    ws = wb[QUESTIONS.name("fr")]
    row = row_of(ws, QUESTIONS_ASKED[0].key)
    for column_id in ("number", "key", "plan_id", "measure_id", "question"):
        assert ws.cell(row, column_of(ws, column_id)).protection.locked is True
    for column_id in ("status", "as_of", "evidence", "comment"):
        assert ws.cell(row, column_of(ws, column_id)).protection.locked is False


def test_a_wording_that_starts_like_a_formula_stays_text() -> None:
    data = questions_workbook(
        QUESTIONS_ASKED, lambda q: "=1+1", lang="fr", meeting_date=dt.date(2026, 1, 1),
        stamp=stamp(), scale=StatusScale(),
    )  # fmt: skip
    ws = book(data)[QUESTIONS.name("fr")]
    cell = ws.cell(2, column_of(ws, "question"))
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_no_question_writes_the_header_row_alone() -> None:
    data = questions_workbook((), wording, lang="en", meeting_date=None, stamp=stamp("en"),
                              scale=StatusScale())  # fmt: skip
    ws = book(data)[QUESTIONS.name("en")]
    assert ws.max_row == 1
