"""The committee's round trip end to end (issue 16): the brief's questions written by the
`brief` command as a workbook, two answers typed in as a secretary would, and the file
uploaded back with `import`: one new version, two government assessments dated at the
meeting, one meeting event; the questions left blank stay unanswered."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from monitoring.analysis import brief as brief_
from monitoring.cli import main
from monitoring.config.settings import Settings
from monitoring.present.questions_workbook import QUESTIONS
from monitoring.storage import open_store
from tests.answers_files import column_of, filled

AS_OF = "2026-11-26"
SINCE = "2026-01-01"
MEETING = dt.date(2027, 1, 15)

pytestmark = pytest.mark.subprocess  # the commands, with their own store on disk


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    return tmp_path


def test_the_briefs_questions_go_to_the_meeting_and_their_answers_come_back(
    state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = state / "questions.xlsx"
    code = main(["brief", "--dataset", "demo", "--since", SINCE, "--as-of", AS_OF,
                 "--until", MEETING.isoformat(), "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    settings = Settings.from_env()
    store = open_store(settings)
    before = store.current("demo")
    assert before is not None
    asked = brief_.from_store(
        store, "demo", as_of=dt.date.fromisoformat(AS_OF), since=dt.date.fromisoformat(SINCE),
        since_version=None, until=MEETING, plans=[], voice="all", zone=settings.time_zone,
    ).questions  # fmt: skip
    old = store.read_dataset("demo", before.number)

    # The workbook asks the brief's questions, in its order.
    sheet = openpyxl.load_workbook(out)[QUESTIONS.fr]
    keys = [sheet.cell(r, column_of(sheet, "key")).value for r in range(2, sheet.max_row + 1)]
    assert keys == [q.key for q in asked]
    answerable = [q for q in asked if q.answerable]
    first, second = answerable[0], answerable[1]
    answers = {
        first.key: {"status": "Réalisée", "evidence": "Compte rendu du comité"},
        second.key: {"status": "En cours", "comment": "Circulaire annoncée"},
    }
    back = state / "reponses.xlsx"
    back.write_bytes(filled(answers, data=out.read_bytes()))
    capsys.readouterr()

    stored = main(["import", str(back), "--dataset", "demo", "--json", "--as-of", "2027-01-16"])

    result = json.loads(capsys.readouterr().out)
    assert stored == 0 and result["status"] == "stored", result
    after = store.current("demo")
    assert after is not None and after.number == before.number + 1
    new = store.read_dataset("demo", after.number)
    added = new.status_updates.iloc[len(old.status_updates) :]
    assert len(added) == 2
    assert sorted(added["measure_id"]) == sorted([first.measure_id, second.measure_id])
    assert set(added["voice"]) == {"government"}
    assert {d.date() for d in added["as_of"]} == {MEETING}
    events = new.events[~new.events["event_id"].isin(old.events["event_id"])]
    assert len(events) == 1 and events["kind"].iloc[0] == "meeting"
    assert events["date"].iloc[0].date() == MEETING


def test_the_questions_also_go_as_libreoffice_and_come_back_from_it(
    state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same round trip for a coalition working in LibreOffice: `brief --out F.ods`
    writes an OpenDocument file holding the same questions, and answers saved as .ods
    (here: the filled workbook translated by the project's own .ods writer) come back."""
    from python_calamine import CalamineWorkbook

    from monitoring.present.spreadsheets import workbook_in

    args = ["brief", "--dataset", "demo", "--since", SINCE, "--as-of", AS_OF,
            "--until", MEETING.isoformat()]  # fmt: skip
    assert main([*args, "--out", str(state / "q.xlsx")]) == 0
    assert main([*args, "--out", str(state / "q.ods")]) == 0
    ods = (state / "q.ods").read_bytes()
    assert (
        ods[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.spreadsheet" in ods[:100]
    )
    sheet = openpyxl.load_workbook(state / "q.xlsx")[QUESTIONS.fr]
    key_column = column_of(sheet, "key")
    keys = [sheet.cell(r, key_column).value for r in range(2, sheet.max_row + 1)]
    rows = CalamineWorkbook.from_path(str(state / "q.ods")).get_sheet_by_name(QUESTIONS.fr)
    assert [row[key_column - 1] for row in rows.to_python()[1:]] == keys
    answerable = [k for k in keys if not k.startswith("unanswered_letter")]
    answers = {answerable[0]: {"status": "Réalisée"}, answerable[1]: {"status": "En cours"}}
    back = state / "reponses.ods"
    back.write_bytes(workbook_in(filled(answers, data=(state / "q.xlsx").read_bytes()), "ods"))
    capsys.readouterr()

    stored = main(["import", str(back), "--dataset", "demo", "--json", "--as-of", "2027-01-16"])

    result = json.loads(capsys.readouterr().out)
    assert stored == 0 and result["status"] == "stored", result
    assert result["changes"]["counts"]["events_added"] == 1
    store = open_store(Settings.from_env())
    current = store.current("demo")
    assert current is not None
    new = store.read_dataset("demo", current.number)
    old = store.read_dataset("demo", current.number - 1)
    added = new.status_updates.iloc[len(old.status_updates) :]
    assert sorted(added["measure_id"]) == sorted(k.split(":", 1)[1] for k in answerable[:2])
    assert set(added["voice"]) == {"government"}
