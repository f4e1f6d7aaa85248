"""AppTest: a committee's answers brought back on the Update page (« Mettre à jour »).

A questions workbook for the demo, two answers filled in with openpyxl, is dropped on the
page: the page says it recognised the answers, the change review shows the two new
government assessments and the meeting event, and confirming stores one version holding
exactly them. A bad answer shows its place and stores nothing.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.contract.schema import column_letter
from monitoring.intake.reading import Upload
from monitoring.present.questions_workbook import MEETING, QUESTIONS
from monitoring.services.importing import import_upload
from monitoring.storage import Store
from monitoring.storage.access import local_actor
from monitoring.text.i18n import format_number, t
from tests.answers_files import QUESTIONS_ASKED, TWO_ANSWERS, filled, row_of, written

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO = ROOT / "data" / "demo.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWERED = [q.measure_id for q in QUESTIONS_ASKED if q.key in TWO_ANSWERS]


@pytest.fixture
def dataset(store: Store) -> str:
    """A fresh copy of the demo dataset, version 1, for this test alone."""
    key = f"t-{uuid.uuid4().hex[:12]}"
    upload = Upload("demo.xlsx", DEMO.read_bytes())
    result = import_upload(store, key, [upload], actor=local_actor(), author="tests", note="copie")
    assert result.status == "stored"
    return key


def update_page(dataset: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": "2026-12-02"})
    at.switch_page("views/upload.py")
    return at.run()


def drop(at: AppTest, data: bytes) -> AppTest:
    return at.file_uploader(key="upload.files").upload("reponses.xlsx", data, XLSX).run()


def meeting_title(lang: str = "fr") -> str:
    wb = openpyxl.load_workbook(io.BytesIO(written(lang)))
    return str(wb[MEETING.name(lang)]["B2"].value)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_review_shows_the_two_assessments_and_the_meeting_before_anything_is_stored(
    store: Store, dataset: str, lang: str
) -> None:
    at = drop(update_page(dataset, lang), filled(TWO_ANSWERS, lang=lang))
    assert [i.value for i in at.info] == [t("upload.answers", lang, count=len(TWO_ANSWERS))]
    assert [s.value for s in at.subheader] == [t("upload.review", lang, number=1)]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("changes.section.events_added", lang)] == format_number(1, lang)
    cells = next(e for e in at.expander if e.label.startswith(t("changes.cells_title", lang)))
    table = cells.dataframe[0].value
    sheet, row = table.columns[0], table.columns[1]
    added = table[table[sheet] == ("Suivi" if lang == "fr" else "Status updates")]
    assert len(added) == len(TWO_ANSWERS)
    assert sorted(r.split(" · ")[0] for r in added[row]) == sorted(ANSWERED)
    assert all(t("voice.government", lang) in r for r in added[row])
    events = next(
        e for e in at.expander if e.label.startswith(t("changes.section.events_added", lang))
    )
    shown = events.dataframe[0].value
    assert len(shown) == 1 and any(meeting_title(lang) in str(v) for v in shown.iloc[0])
    assert [v.number for v in store.versions(dataset)] == [1]  # nothing stored yet


def test_confirming_stores_one_version_with_exactly_the_answers_and_the_meeting(
    store: Store, dataset: str
) -> None:
    at = drop(update_page(dataset), filled(TWO_ANSWERS))
    at.text_area(key="upload.note").input("Comité de décembre")
    at.text_input(key="upload.author").input("Coordinatrice")
    at.button(key="upload.confirm").click().run()
    assert [s.value for s in at.success] == [t("importing.stored", "fr", number=2, dataset=dataset)]
    assert [v.number for v in store.versions(dataset)] == [1, 2]
    before, after = store.read_dataset(dataset, 1), store.read_dataset(dataset, 2)
    added = after.status_updates.iloc[len(before.status_updates) :]
    assert sorted(added["measure_id"]) == sorted(ANSWERED)
    assert set(added["voice"]) == {"government"}
    events = after.events[~after.events["event_id"].isin(before.events["event_id"])]
    assert events[["kind", "title"]].values.tolist() == [["meeting", meeting_title()]]
    at.run()  # a rerun stores nothing more
    assert len(store.versions(dataset)) == 2


def test_a_bad_answer_shows_its_place_and_stores_nothing(store: Store, dataset: str) -> None:
    key = "overdue:C-M27"
    at = drop(update_page(dataset), filled({key: {"status": "Peut-être"}}))
    assert [e.value for e in at.error] == [t("review.rejected", "fr", count=1)]
    ws = openpyxl.load_workbook(io.BytesIO(written()))[QUESTIONS.fr]
    per_sheet = at.dataframe[0].value
    assert per_sheet.values.tolist() == [[QUESTIONS.fr, 1]]
    (issue,) = at.dataframe[1].value[["row", "column", "value"]].values.tolist()
    status = [c.value for c in ws[1]].index(QUESTIONS.column("status").fr)
    assert issue == [row_of(ws, key), column_letter(status), "Peut-être"]
    assert [v.number for v in store.versions(dataset)] == [1]
