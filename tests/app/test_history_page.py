"""AppTest: the History page (« Historique »): list, compare, restore, download.

Each test that stores works on its own copy of the demo dataset (a fresh dataset key in
the worker's store). Versions are added with the import service directly; the page only
has to show them, compare them and restore them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from monitoring.intake.reading import Upload
from monitoring.services.importing import import_upload
from monitoring.storage import Store
from monitoring.storage.access import local_actor
from tests.app.helpers import assert_page_ok

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO = ROOT / "data" / "demo.xlsx"
AS_OF = "2026-11-26"
ADMIN = local_actor("tests")


def demo_with_two_new_measures() -> bytes:
    """The demo plus measures C-M98 and C-M99 and event EV-31: nothing else changes."""
    wb = openpyxl.load_workbook(DEMO)
    for number in (98, 99):
        wb["Mesures"].append(
            [f"C-M{number}", "DEMO-C", number, "Prévenir et sensibiliser", f"Mesure {number}",
             "Ministère E", dt.datetime(2027, 12, 31), None, None, "Comité"]
        )  # fmt: skip
    wb["Chronologie"].append(
        ["EV-31", dt.datetime(2026, 11, 25), "Lettre", "Lettre", "Collectif", "Ministère A",
         None, "DEMO-C", None, "Comité"]
    )  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def dataset(store: Store) -> str:
    """A fresh copy of the demo (version 1) and an update adding two measures (version 2)."""
    key = f"t-{uuid.uuid4().hex[:12]}"
    first = import_upload(store, key, [Upload("demo.xlsx", DEMO.read_bytes())], author="Ann",
                          note="Jeu de départ", actor=ADMIN)  # fmt: skip
    second = import_upload(store, key, [Upload("comité.xlsx", demo_with_two_new_measures())],
                           author="Bea", note="Comité de novembre", actor=ADMIN)  # fmt: skip
    assert (first.status, second.status) == ("stored", "stored")
    return key


def open_page(dataset: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": AS_OF})
    at.switch_page("views/history.py")
    at.run()
    assert_page_ok(at)
    return at


@pytest.mark.parametrize("dataset_key", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_history_page_runs_for_each_dataset_and_language(dataset_key: str, lang: str) -> None:
    at = open_page(dataset_key, lang)
    assert at.title[0].value == ("Historique" if lang == "fr" else "History")
    assert len(at.dataframe[0].value) >= 1


def test_every_version_is_listed_newest_first_with_who_and_why(dataset: str) -> None:
    table = open_page(dataset).dataframe[0].value
    assert table["version"].tolist() == [2, 1]
    assert table["author"].tolist() == ["Bea", "Ann"]
    assert table["note"].tolist() == ["Comité de novembre", "Jeu de départ"]
    assert table["file"].tolist() == ["comité.xlsx", "demo.xlsx"]
    assert table["kind"].tolist() == ["Classeur complet", "Classeur complet"]
    # The demo holds 78 measures and 30 events; version 2 adds two measures and an event.
    assert table["measures"].tolist() == [80, 78]
    assert table["events"].tolist() == [31, 30]
    today = dt.datetime.now(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y")
    assert all(when.startswith(today) for when in table["when"])


@pytest.mark.parametrize("zone", [None, "America/Montreal", "Asia/Tokyo"])
def test_version_times_are_shown_in_the_coordinators_time_zone(
    store: Store, dataset: str, zone: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Times are stored in UTC; the table shows them in the zone set (Paris by default),
    and its header names the zone: never a bare "Date (UTC)"."""
    if zone is not None:
        monkeypatch.setenv("PLAN_MONITORING_TIME_ZONE", zone)
    shown = zone or "Europe/Paris"
    table = open_page(dataset).dataframe[0]
    stored = [v.created_at for v in store.versions(dataset)[::-1]]
    local = [(m if m.tzinfo else m.replace(tzinfo=dt.UTC)).astimezone(ZoneInfo(shown))
             for m in stored]  # fmt: skip
    assert table.value["when"].tolist() == [f"{m:%d/%m/%Y %H:%M}" for m in local]
    assert json.loads(table.proto.columns)["when"]["label"] == f"Date ({shown})"


def test_comparing_two_versions_shows_the_same_change_review_as_an_upload(dataset: str) -> None:
    at = open_page(dataset)
    counts = {m.label: m.value for m in at.metric}
    assert counts["Mesures ajoutées"] == "2"
    assert counts["Événements ajoutés"] == "1"
    assert counts["Statuts en progrès"] == "0"
    # The other way round, the same measures are removed.
    at.selectbox(key="history.old").set_value(2)
    at.selectbox(key="history.new").set_value(1).run()
    counts = {m.label: m.value for m in at.metric}
    assert (counts["Mesures ajoutées"], counts["Mesures retirées"]) == ("0", "2")


def test_restoring_asks_to_confirm_then_stores_a_new_version_equal_to_the_old_one(
    store: Store, dataset: str
) -> None:
    at = open_page(dataset)
    assert at.selectbox(key="history.restore").value == 1
    at.button(key="history.start").click().run()
    assert len(store.versions(dataset)) == 2  # nothing yet: the restore waits for a confirm
    assert any("nouvelle version 3" in w.value for w in at.warning)
    at.text_input(key="history.author").input("Cléa")
    at.button(key="history.confirm").click().run()
    assert_page_ok(at)
    assert [s.value for s in at.success] == [
        "Restauré : la version 3 est une copie de la version 1."
    ]
    versions = store.versions(dataset)
    assert [v.number for v in versions] == [1, 2, 3]
    assert (versions[2].kind, versions[2].restored_from, versions[2].author) == (
        "restore",
        1,
        "Cléa",
    )
    assert versions[2].content_hash == versions[0].content_hash
    at.run()  # a rerun stores nothing more
    assert len(store.versions(dataset)) == 3
    assert at.dataframe[0].value["kind"].tolist()[0] == "Restauration de la version 1"


def test_cancelling_a_restore_stores_nothing(store: Store, dataset: str) -> None:
    at = open_page(dataset)
    at.button(key="history.start").click().run()
    at.button(key="history.cancel").click().run()
    assert not at.warning or not any("nouvelle version" in w.value for w in at.warning)
    assert len(store.versions(dataset)) == 2


def test_the_author_given_on_upload_is_remembered_for_a_restore(dataset: str) -> None:
    at = open_page(dataset)
    at.session_state["author"] = "Ann"
    at.button(key="history.start").click().run()
    assert at.text_input(key="history.author").value == "Ann"


def test_any_version_and_its_original_file_can_be_downloaded(dataset: str) -> None:
    at = open_page(dataset)
    at.selectbox(key="history.pick").set_value(1).run()
    buttons = {b.key: b.label for b in at.download_button}
    assert buttons["history.workbook"] == "Classeur au format de dépôt"
    assert buttons["history.workbook.ods"] == "Classeur au format de dépôt — LibreOffice (.ods)"
    assert buttons["history.original.0"] == "Fichier d'origine n° 1"
    assert "Fichier(s) d'origine : demo.xlsx" in [t.value for t in at.text]


def test_the_versions_counts_are_written_as_numbers_the_language_writes_them() -> None:
    # The shipped France dataset: its seeded version's counts (under a thousand: no
    # separator due; the grid shows the written text and sorts on the number).
    table = open_page("france").dataframe[0]
    assert table.proto.arrow_data.HasField("styler")
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(
        table.proto.arrow_data.styler.display_values
    )
    for column in ("measures", "assessments", "events"):
        numbers = table.value[column].tolist()
        assert all(isinstance(n, int) for n in numbers), column
        assert shown[column].tolist() == [str(n) for n in numbers], column
