"""AppTest: the change log of a recommendation picked on the Adoption gaps page.

A copy of the demo dataset (a fresh dataset key in the worker's store) is updated once
with the import service: recommendation REC-COL-01's title changes, and so does the
comment on its retention by plan DEMO-A (version 2). Below the page's tables, "Voir
l'historique d'une recommandation" opens the same « Historique des modifications » as a
measure's on the Measures page.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

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
REC = "REC-COL-01"
OLD_TITLE = "Financer l'accompagnement social sur la durée"
NEW_TITLE = "Financer l'accompagnement social pendant toute la procédure"
OLD_COMMENT = "Aucune mesure correspondante."
NEW_COMMENT = "Écartée sans explication."


def demo(changed: bool) -> bytes:
    """The demo workbook; when `changed`, REC-COL-01's title and retention comment differ."""
    wb = openpyxl.load_workbook(DEMO)
    if changed:
        rec = next(r for r in wb["Recommandations"].iter_rows(min_row=2) if r[0].value == REC)
        assert rec[3].value == OLD_TITLE
        rec[3].value = NEW_TITLE
        kept = next(r for r in wb["Prise en compte"].iter_rows(min_row=2) if r[0].value == REC)
        assert kept[4].value == OLD_COMMENT
        kept[4].value = NEW_COMMENT
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def dataset(store: Store) -> str:
    key = f"t-{uuid.uuid4().hex[:12]}"
    for author, note, changed in (("Ann", "Jeu de départ", False), ("Bea", "Relecture", True)):
        done = import_upload(store, key, [Upload("demo.xlsx", demo(changed))], author=author,
                             note=note, actor=ADMIN)  # fmt: skip
        assert done.status == "stored", done.message("en")
    return key


def open_gaps(dataset: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": AS_OF})
    at.switch_page("views/gaps.py")
    return at.run()


def test_picking_a_recommendation_shows_each_of_its_changes_with_who_and_when(
    dataset: str,
) -> None:
    at = open_gaps(dataset)
    picker = at.selectbox(key="gaps.history")
    assert picker.label == "Voir l'historique d'une recommandation"
    assert "Historique des modifications" not in [h.value for h in at.subheader]

    picker.set_value(REC).run()

    assert "Historique des modifications" in [h.value for h in at.subheader]
    log = table_with(at, "before")
    got = [tuple(r) for r in log[["version", "author", "note", "sheet", "change", "field",
                                  "before", "after"]].itertuples(index=False)]  # fmt: skip
    assert got == [
        (2, "Bea", "Relecture", "Recommandations", "Modifiée", "Intitulé", OLD_TITLE, NEW_TITLE),
        (2, "Bea", "Relecture", "Prise en compte", "Modifiée", "Commentaire", OLD_COMMENT,
         NEW_COMMENT),
    ]  # fmt: skip
    assert any(
        c.value == "2 modifications entre la version 1 et la version 2, la plus récente en premier."
        for c in at.caption
    )
    for fmt in ("xlsx", "csv"):
        assert at.download_button(key=f"table.gaps.{REC}-changes.{fmt}").proto.deferred_file_id


def test_a_recommendation_that_never_changed_says_so_since_the_first_version(
    dataset: str,
) -> None:
    at = open_gaps(dataset)
    at.selectbox(key="gaps.history").set_value("REC-COL-02").run()

    assert any(
        i.value == "Aucune modification depuis la version 1 (versions 1 à 2 comparées)."
        for i in at.info
    )
    assert not any("before" in d.value.columns for d in at.dataframe)


def test_a_recommendations_change_log_reads_in_english(dataset: str) -> None:
    at = open_gaps(dataset, "en")
    picker = at.selectbox(key="gaps.history")
    assert picker.label == "See the change log of a recommendation"

    picker.set_value(REC).run()

    assert "Change log" in [h.value for h in at.subheader]
    first = table_with(at, "before").iloc[0]
    assert (first["sheet"], first["change"], first["field"]) == (
        "Recommendations", "Changed", "Title"
    )  # fmt: skip
