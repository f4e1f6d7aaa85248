"""The answers brought back: a filled questions workbook uploaded through the import
service stores one new version with a government assessment per answer and the meeting
as an event; bad answers are reported at their cell and store nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from monitoring.cli import main
from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import column_letter
from monitoring.intake.reading import Upload
from monitoring.present.questions_workbook import MEETING, QUESTIONS
from monitoring.services.answers import is_answers_workbook
from monitoring.services.importing import PreparedImport, import_upload, prepare_import
from monitoring.storage import Store
from monitoring.storage.access import Actor
from monitoring.storage.memory import MemoryStore
from monitoring.storage.sql import SqlStore, table_counts
from monitoring.text.i18n import t
from tests.answers_files import (
    MEETING_DAY,
    QUESTIONS_ASKED,
    TWO_ANSWERS,
    column_of,
    filled,
    row_of,
    written,
)

pytestmark = pytest.mark.subprocess  # the upload is parsed in a child process

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
EDITOR = Actor("lea@coalition.example", "Lea", "editor")
SCALE = StatusScale()


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    """A store holding the demo as version 1."""
    opened: Store = (
        MemoryStore() if request.param == "memory"
        else SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    )  # fmt: skip
    result = upload(opened, DEMO.read_bytes(), "demo.xlsx")
    assert result.status == "stored"
    yield opened
    if isinstance(opened, SqlStore):
        opened.close()


def upload(store: Store, data: bytes, name: str = "reponses.xlsx", **kw):
    return import_upload(store, "demo", [Upload(name, data)], actor=EDITOR, author="Awa",
                         note="comité de décembre", **kw)  # fmt: skip


def government_rows(store: Store, number: int) -> pd.DataFrame:
    updates = store.read_dataset("demo", number).status_updates
    return updates[updates["voice"] == "government"]


def cell(lang: str, column_id: str, key: str) -> tuple[str, int, str]:
    """Where a question's answer cell is in the written workbook: sheet, row, letter."""
    ws = openpyxl.load_workbook(io.BytesIO(written(lang)))[QUESTIONS.name(lang)]
    return (
        QUESTIONS.name(lang),
        row_of(ws, key, lang),
        column_letter(column_of(ws, column_id, lang) - 1),
    )


# --- Two answers, one version --------------------------------------------------------------


@pytest.mark.parametrize("partial", [False, True])
def test_two_answers_store_one_version_with_two_government_assessments_and_one_meeting(
    store: Store, partial: bool
) -> None:
    before = store.read_dataset("demo", 1)
    result = upload(store, filled(TWO_ANSWERS), partial=partial)
    assert result.status == "stored", [i.message("en") for i in result.report]
    assert [v.number for v in store.versions("demo")] == [1, 2]
    after = store.read_dataset("demo", 2)

    added = after.status_updates.iloc[len(before.status_updates) :]
    assert len(added) == 2
    assert set(added["voice"]) == {"government"}
    assert set(added["assessor"]) == {t("answers.assessor", "fr")}
    by_measure = added.set_index("measure_id")
    for key, typed in TWO_ANSWERS.items():
        measure = next(q.measure_id for q in QUESTIONS_ASKED if q.key == key)
        row = by_measure.loc[measure]
        assert row["status"] == SCALE.find(str(typed["status"])).label
        day = typed.get("as_of", dt.datetime.combine(MEETING_DAY, dt.time()))
        assert row["as_of"].date() == day.date()
        assert (row["evidence"] if pd.notna(row["evidence"]) else None) == typed.get("evidence")
        assert (row["comment"] if pd.notna(row["comment"]) else None) == typed.get("comment")
    pd.testing.assert_frame_equal(  # the assessments stored before are untouched
        after.status_updates.iloc[: len(before.status_updates)].drop(columns="_row"),
        before.status_updates.drop(columns="_row"),
    )

    new_events = after.events[~after.events["event_id"].isin(before.events["event_id"])]
    assert len(new_events) == 1 and len(after.events) == len(before.events) + 1
    (event,) = new_events.to_dict("records")
    assert event["kind"] == "meeting"
    assert event["date"].date() == MEETING_DAY
    assert event["title"] == openpyxl.load_workbook(io.BytesIO(written()))[MEETING.fr]["B2"].value
    assert event["plan_id"] == "DEMO-C"
    answered = {q.measure_id for q in QUESTIONS_ASKED if q.key in TWO_ANSWERS}
    assert set(event["measure_ids"].split(", ")) == answered
    assert store.versions("demo")[1].kind == "partial"


def test_unanswered_questions_stay_unanswered(store: Store) -> None:
    upload(store, filled(TWO_ANSWERS))
    unanswered = {q.measure_id for q in QUESTIONS_ASKED if q.answerable} - {
        q.measure_id for q in QUESTIONS_ASKED if q.key in TWO_ANSWERS
    }
    assert unanswered
    before, after = government_rows(store, 1), government_rows(store, 2)
    for measure in unanswered:
        assert (after["measure_id"] == measure).sum() == (before["measure_id"] == measure).sum()


def test_an_english_workbook_with_english_status_labels_stores_the_scale_labels(store) -> None:
    answers = {"overdue:C-M27": {"status": "Not started", "comment": "Postponed"}}
    result = upload(store, filled(answers, lang="en"))
    assert result.status == "stored"
    added = government_rows(store, 2).iloc[-1]
    assert added["status"] == SCALE.find("Not started").label
    assert added["assessor"] == t("answers.assessor", "en")


def test_the_same_answers_uploaded_again_are_identical_and_store_nothing(store) -> None:
    data = filled(TWO_ANSWERS)
    assert upload(store, data).status == "stored"
    again = upload(store, data)
    assert again.status == "identical"
    assert len(store.versions("demo")) == 2


def test_the_meeting_sheet_sets_the_title_assessor_and_default_date(store) -> None:
    answers = {"due_soon:C-M26": {"status": "En cours", "as_of": None}}
    meeting = {"date": "15/12/2026", "title": "Comité à un an", "assessor": "MIPROF"}
    assert upload(store, filled(answers, meeting=meeting)).status == "stored"
    after = store.read_dataset("demo", 2)
    added = after.status_updates.iloc[-1]
    assert (added["assessor"], added["as_of"].date()) == ("MIPROF", dt.date(2026, 12, 15))
    event = after.events.iloc[-1]
    assert (event["title"], event["date"].date()) == ("Comité à un an", dt.date(2026, 12, 15))


def test_the_change_review_of_the_prepared_answers_holds_the_two_rows_and_the_event(store):
    from monitoring.analysis.changes import compare

    prepared = prepare_import(store, "demo", [Upload("r.xlsx", filled(TWO_ANSWERS))])
    assert isinstance(prepared, PreparedImport), prepared
    assert prepared.answers == 2
    changes = compare(prepared.previous, prepared.dataset, MEETING_DAY)
    added = changes.cells[(changes.cells["sheet"] == "status_updates")]
    assert added["key"].nunique() == 2
    assert len(changes.events_added) == 1
    assert changes.events_added.iloc[0]["kind"] == "meeting"


def test_a_data_workbook_is_not_taken_for_an_answers_one() -> None:
    from monitoring.intake.reading import read_upload

    read = read_upload([Upload("demo.xlsx", DEMO.read_bytes())])
    assert read.workbook is not None and not is_answers_workbook(read.workbook)
    read = read_upload([Upload("r.xlsx", written())])
    assert read.workbook is not None and is_answers_workbook(read.workbook)


# --- Bad answers: a clear message at the cell, nothing stored --------------------------------


def rejected(store: Store, data: bytes, lang: str = "fr") -> list:
    counts = table_counts(store.engine) if isinstance(store, SqlStore) else None
    result = upload(store, data)
    assert result.status == "rejected"
    assert [v.number for v in store.versions("demo")] == [1]
    if counts is not None:  # not a row written anywhere
        assert table_counts(store.engine) == counts
    return result.report.errors


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_status_off_the_scale_is_rejected_at_its_cell_in_the_users_language(store, lang):
    key = "overdue:C-M27"
    errors = rejected(store, filled({key: {"status": "Peut-être"}}, lang=lang))
    (error,) = errors
    assert (error.sheet, error.row, error.column) == cell(lang, "status", key)
    assert error.header == QUESTIONS.column("status").header(lang)
    message = error.message(lang)
    sheet, row, letter = cell(lang, "status", key)
    assert t("place.sheet", lang, name=sheet).casefold() in message.casefold()
    assert t("place.row", lang, row=row) in message
    assert letter in message and "Peut-être" in message
    assert SCALE.ordered()[0].display(lang) in message  # the statuses one may choose


def test_a_date_that_is_not_one_is_rejected_at_its_cell(store):
    key = "disagreement:C-M28"
    (error,) = rejected(store, filled({key: {"status": "En cours", "as_of": "bientôt"}}))
    assert (error.sheet, error.row, error.column) == cell("fr", "as_of", key)
    assert error.value == "bientôt"


def test_a_bad_meeting_date_is_reported_once_at_its_cell(store):
    answers = {k: {**v, "as_of": None} for k, v in TWO_ANSWERS.items()}
    errors = rejected(store, filled(answers, meeting={"date": "un jour"}))
    assert [(e.sheet, e.row, e.column) for e in errors] == [(MEETING.fr, 1, "B")]


def test_an_edited_key_naming_no_question_is_rejected(store):
    data = filled({"overdue:C-M27": {"status": "Réalisée", "key": "retard:C-M27"}})
    (error,) = rejected(store, data)
    assert (error.code, error.key, error.value) == (
        "constraint-error", "answer_unknown_question", "retard:C-M27"
    )  # fmt: skip
    assert (error.sheet, error.row, error.column) == cell("fr", "key", "overdue:C-M27")


def test_a_key_naming_a_measure_the_dataset_does_not_hold_is_rejected(store):
    data = filled({"overdue:C-M27": {"status": "Réalisée", "key": "overdue:C-M404",
                                     "measure_id": "C-M404"}})  # fmt: skip
    errors = rejected(store, data)
    assert ("foreign-key", "answer_unknown_subject") in {(e.code, e.key) for e in errors}
    assert all(e.sheet == QUESTIONS.fr for e in errors)
    assert "C-M404" in errors[0].message("en")


def test_a_row_whose_measure_is_not_its_questions_is_rejected(store):
    data = filled({"overdue:C-M27": {"status": "Réalisée", "measure_id": "C-M28"}})
    (error,) = rejected(store, data)
    assert error.key == "answer_other_measure"
    assert (error.sheet, error.row, error.column) == cell("fr", "measure_id", "overdue:C-M27")


def test_two_answers_to_one_question_are_rejected_at_the_second(store):
    data = filled({
        "overdue:C-M27": {"status": "Réalisée"},
        "disagreement:C-M28": {"status": "En cours", "key": "overdue:C-M27",
                               "measure_id": "C-M27"},
    })  # fmt: skip
    (error,) = rejected(store, data)
    assert error.code == "unique-error"
    first = cell("fr", "key", "overdue:C-M27")[1]
    assert (error.row, error.params["first"]) == (cell("fr", "key", "disagreement:C-M28")[1], first)


def test_an_answer_to_a_question_about_no_measure_is_rejected_not_dropped(store):
    key = next(q.key for q in QUESTIONS_ASKED if not q.answerable)
    (error,) = rejected(store, filled({key: {"comment": "Réponse promise"}}))
    assert error.key == "answer_not_about_measure"
    assert (error.sheet, error.row, error.column) == cell("fr", "comment", key)


def test_an_answer_with_a_comment_but_no_status_is_rejected_at_the_status(store):
    key = "overdue:C-M27"
    (error,) = rejected(store, filled({key: {"comment": "Pas de réponse claire"}}))
    assert error.key == "required"
    assert (error.sheet, error.row, error.column) == cell("fr", "status", key)


def test_a_workbook_with_no_answer_is_rejected_as_holding_nothing(store):
    (error,) = rejected(store, written())
    assert (error.code, error.sheet) == ("no-data", QUESTIONS.fr)


def test_a_workbook_without_its_meeting_sheet_is_rejected(store):
    wb = openpyxl.load_workbook(io.BytesIO(filled(TWO_ANSWERS)))
    del wb[MEETING.fr]
    out = io.BytesIO()
    wb.save(out)
    (error,) = rejected(store, out.getvalue())
    assert error.code == "missing-sheet" and MEETING.en in error.message("en")


def test_answers_for_a_dataset_without_a_version_are_rejected() -> None:
    store = MemoryStore()
    result = upload(store, filled(TWO_ANSWERS))
    assert result.status == "rejected" and store.versions("demo") == []


# --- The command line goes through the same service ---------------------------------------


def test_the_import_command_stores_the_answers(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    path = tmp_path / "reponses.xlsx"
    path.write_bytes(filled(TWO_ANSWERS))
    code = main(["import", str(path), "--dataset", "demo", "--json", "--as-of", "2026-12-02"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["status"] == "stored"
    assert result["changes"]["counts"]["events_added"] == 1


def test_the_annotated_copy_of_a_rejected_answers_file_marks_the_cells_typed_in() -> None:
    from monitoring.config.settings import Limits
    from monitoring.services import annotate

    store = MemoryStore()
    assert upload(store, DEMO.read_bytes(), "demo.xlsx").status == "stored"
    key = "overdue:C-M27"
    files = [Upload("r.xlsx", filled({key: {"status": "Peut-être"}}, meeting={"date": "un jour"}))]
    result = import_upload(store, "demo", files, actor=EDITOR, author="Awa", note="n")
    wb = openpyxl.load_workbook(io.BytesIO(annotate.annotated_upload(files, result.report, "fr",
                                                                      Limits())))  # fmt: skip
    sheet, row, letter = cell("fr", "status", key)
    assert "Peut-être" in wb[sheet][f"{letter}{row}"].comment.text
    assert "un jour" in wb[MEETING.fr]["B1"].comment.text
