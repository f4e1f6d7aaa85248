"""AppTest: the change log in the Measures page's detail (« Historique des modifications »).

Each test works on its own copy of the demo dataset (a fresh dataset key in the worker's
store), updated twice with the import service: measure A-M01's title changes and a civil
society assessment is added (version 2), then that assessment is rewritten (version 3).
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
from streamlit.testing.v1 import AppTest

from monitoring.analysis import changelog
from monitoring.intake.reading import Upload
from monitoring.services.importing import import_upload
from monitoring.storage import Store
from monitoring.storage.access import local_actor
from tests.app.helpers import table_with

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO = ROOT / "data" / "demo.xlsx"
AS_OF = "2026-11-26"
ADMIN = local_actor("tests")
OLD_TITLE = "Délivrer un titre de séjour aux victimes qui coopèrent ou non"
NEW_TITLE = "Délivrer un titre de séjour à toutes les victimes"


def demo(title: str = OLD_TITLE, status: str | None = None) -> bytes:
    """The demo workbook, with A-M01's title and a civil society assessment of it."""
    wb = openpyxl.load_workbook(DEMO)
    row = next(r for r in wb["Mesures"].iter_rows(min_row=2) if r[0].value == "A-M01")
    assert row[4].value == OLD_TITLE
    row[4].value = title
    if status is not None:
        wb["Suivi"].append(
            ["A-M01", dt.datetime(2026, 1, 15), status, "Société civile", "Collectif (fictif)",
             None, None, None, "Rapport fictif", None]
        )  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def dataset(store: Store) -> str:
    key = f"t-{uuid.uuid4().hex[:12]}"
    for author, note, data in (
        ("Ann", "Jeu de départ", demo()),
        ("Bea", "Comité de janvier", demo(NEW_TITLE, "En cours")),
        ("Cid", "Relecture", demo(NEW_TITLE, "Réalisée")),
    ):
        # The third version rewrites a stored assessment: confirmed, as a coordinator would.
        done = import_upload(store, key, [Upload("demo.xlsx", data)], author=author, note=note,
                             actor=ADMIN, allow_rewrite=True)  # fmt: skip
        assert done.status == "stored", done.message("en")
    return key


def open_measure(dataset: str, measure_id: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": AS_OF})
    at.query_params["measure"] = measure_id
    at.switch_page("views/measures.py")
    return at.run()


def test_the_detail_lists_every_change_of_the_measure_newest_first_with_who_and_when(
    dataset: str, store: Store
) -> None:
    at = open_measure(dataset, "A-M01")
    assert "Historique des modifications" in [h.value for h in at.subheader]
    log = table_with(at, "before")
    stored = {v.number: v for v in store.versions(dataset)}
    got = [tuple(r) for r in log[["version", "author", "note", "sheet", "change", "field",
                                  "before", "after"]].itertuples(index=False)]  # fmt: skip
    assert got == [
        (3, "Cid", "Relecture", "Suivi", "Modifiée", "Statut", "En cours", "Réalisée"),
        (2, "Bea", "Comité de janvier", "Mesures", "Modifiée", "Intitulé", OLD_TITLE,
         NEW_TITLE),
        (2, "Bea", "Comité de janvier", "Suivi", "Ligne ajoutée", "Statut", "", "En cours"),
        (2, "Bea", "Comité de janvier", "Suivi", "Ligne ajoutée", "Évaluateur", "",
         "Collectif (fictif)"),
        (2, "Bea", "Comité de janvier", "Suivi", "Ligne ajoutée", "Source", "",
         "Rapport fictif"),
    ]  # fmt: skip
    assert log["row"].iloc[0] == "A-M01 · 15/01/2026 · Société civile"
    when = stored[3].created_at.astimezone(ZoneInfo("Europe/Paris"))  # the default zone
    assert log["when"].iloc[0] == f"{when:%d/%m/%Y %H:%M}"
    labels = {
        c.get("label", "") for e in at.dataframe for c in json.loads(e.proto.columns).values()
    }
    assert "Enregistrée le (Europe/Paris)" in labels and not any("UTC" in x for x in labels)
    assert any(
        c.value == "5 modifications entre la version 1 et la version 3, la plus récente en premier."
        for c in at.caption
    )
    # The log leaves the app as every table does: XLSX and CSV, built on click.
    for fmt in ("xlsx", "csv"):
        assert at.download_button(key=f"table.measures.A-M01-changes.{fmt}").proto.deferred_file_id


def test_the_change_log_reads_in_english(dataset: str) -> None:
    at = open_measure(dataset, "A-M01", "en")
    assert "Change log" in [h.value for h in at.subheader]
    first = table_with(at, "before").iloc[0]
    assert (first["sheet"], first["row"], first["change"], first["field"]) == (
        "Status updates", "A-M01 · 2026-01-15 · Civil society", "Changed", "Status"
    )  # fmt: skip
    assert (first["before"], first["after"]) == ("In progress", "Done")


def test_a_measure_that_never_changed_says_so_since_the_first_version(dataset: str) -> None:
    at = open_measure(dataset, "A-M02")
    assert "Historique des modifications" in [h.value for h in at.subheader]
    assert any(
        i.value == "Aucune modification depuis la version 1 (versions 1 à 3 comparées)."
        for i in at.info
    )
    assert not any("before" in d.value.columns for d in at.dataframe)


def test_opening_another_measure_compares_no_pair_of_versions_again(
    dataset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[int] = []
    compare = changelog.step_changes

    def counted(old, new):  # type: ignore[no-untyped-def]
        compared.append(1)
        return compare(old, new)

    monkeypatch.setattr(changelog, "step_changes", counted)
    at = open_measure(dataset, "A-M01")
    assert len(compared) == 2  # versions 1 → 2 and 2 → 3, this dataset being new
    at.selectbox(key="measures.pick").set_value("A-M02").run()
    assert any(i.value.startswith("Aucune modification depuis la version 1") for i in at.info)
    at.selectbox(key="measures.pick").set_value("A-M01").run()
    assert len(table_with(at, "before")) == 5
    assert len(compared) == 2
