"""AppTest: the Measures page (« Mesures ») on both datasets, in both languages.

Expected values come from the shipped workbooks' sheets, or are written by hand from a
small workbook built here (`SMALL`), never computed by the code under test. On 30/06/2020,
plan P1 (2018-2019):

| measure | due        | assessments (date, status, voice)                  | on 30/06/2020      |
|---------|------------|----------------------------------------------------|--------------------|
| M1      | 30/06/2019 | 01/05/2019 Réalisée, government                    | done               |
| M2      | 31/03/2019 | 30/06/2019 En cours, government                    | overdue, 91 days   |
| M3      | 30/09/2019 | 01/10/2019 Réalisée, government;                   | overdue, 32 days;  |
|         |            | 01/11/2019 Non réalisée, civil society             | the voices diverge |
| M4      | 31/12/2019 | none                                               | never assessed     |
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.contract.dataset import Dataset
from monitoring.intake.loading import load_shipped
from monitoring.intake.validation import validate
from monitoring.storage import NewVersion, Store, StoredFile
from tests.app.helpers import assert_page_ok
from tests.builders import add_row, valid_sheets, workbook

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"
DAY = dt.date.fromisoformat(AS_OF)
PICK = "measures.pick"
NOT_FOUND = "Intitulé non trouvé dans les sources disponibles"
SMALL, SMALL_AS_OF = "measures-small", "2020-06-30"
D = dt.date


@pytest.fixture(scope="module")
def small(store: Store) -> str:
    """The key of the small workbook of the module's text, stored once."""
    sheets = valid_sheets()
    for rows in sheets.values():
        del rows[1:]
    add_row(sheets, "Plans", plan_id="P1", title="Plan 2018-2019", period_start=D(2018, 1, 1),
            period_end=D(2019, 12, 31))  # fmt: skip
    for number, due in enumerate([D(2019, 6, 30), D(2019, 3, 31), D(2019, 9, 30),
                                  D(2019, 12, 31)], start=1):  # fmt: skip
        add_row(sheets, "Mesures", measure_id=f"M{number}", plan_id="P1", number=number,
                axis="Axe 1", title=f"Mesure {number}", due_date=due)  # fmt: skip
    for measure_id, day, status, voice in [
        ("M1", D(2019, 5, 1), "Réalisée", "Gouvernement"),
        ("M2", D(2019, 6, 30), "En cours", "Gouvernement"),
        ("M3", D(2019, 10, 1), "Réalisée", "Gouvernement"),
        ("M3", D(2019, 11, 1), "Non réalisée", "Société civile"),
    ]:
        add_row(sheets, "Suivi", measure_id=measure_id, as_of=day, status=status, voice=voice)
    ds, report = validate(workbook(sheets))
    assert ds is not None, report.errors
    if store.current(SMALL) is None:
        files = (StoredFile("measures-small.xlsx", b"built in code"),)
        store.save(NewVersion(SMALL, dataclasses.replace(ds, name=SMALL), files, "tests", ""))
    return SMALL


def run_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/measures.py").run()
    assert_page_ok(at)
    return at


def open_measure(measure_id: str, dataset: str = "demo", lang: str = "fr") -> AppTest:
    at = run_page(dataset=dataset, lang=lang, as_of=AS_OF)
    at.selectbox(key=PICK).set_value(measure_id).run()
    assert_page_ok(at)
    return at


@cache
def shipped(name: str) -> Dataset:
    return load_shipped(name)


def known_updates(measure_id: str) -> pd.DataFrame:
    updates = shipped("demo").status_updates
    mine = updates[updates["measure_id"] == measure_id]
    return mine[mine["as_of"] <= pd.Timestamp(DAY)]


def table(at: AppTest) -> pd.DataFrame:
    """The measures table: the first table of the page."""
    return at.dataframe[0].value


def plain(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_measures_page_runs_without_exception_for_each_dataset_and_language(dataset, lang):
    at = run_page(dataset=dataset, lang=lang, as_of=AS_OF)
    assert at.title[0].value == ("Mesures" if lang == "fr" else "Measures")
    assert len(table(at)) == len(shipped(dataset).measures)
    first = shipped(dataset).measures.sort_values(["plan_id", "number"])["measure_id"].iloc[0]
    at.selectbox(key=PICK).set_value(first).run()
    assert_page_ok(at)
    assert at.text[0].value.startswith(first)


def test_the_table_lists_every_measure_with_its_current_status_label(small):
    at = run_page(dataset=small, lang="en", as_of=SMALL_AS_OF)
    shown = table(at).set_index("measure_id")
    assert sorted(shown.index) == ["M1", "M2", "M3", "M4"]
    assert shown.loc["M1", "status"] == "Done"
    assert shown.loc[["M2", "M3"], "days_late"].tolist() == [91, 32]
    assert shown.loc[["M1", "M4"], "days_late"].isna().all()


def test_the_divergence_column_flags_the_measures_where_the_voices_disagree(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF)
    shown = table(at).set_index("measure_id")
    assert list(shown.index[shown["diverges"]]) == ["M3"]


def test_search_ignores_accents_and_case():
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF)
    at.text_input(key="measures.search").set_value("HEBERGEMENT").run()
    measures = shipped("demo").measures
    text = (measures["measure_id"] + " " + measures["title"] + " " + measures["axis"]).map(plain)
    text = text + " " + measures["lead"].fillna("").map(plain)
    expected = set(measures.loc[text.str.contains("hebergement"), "measure_id"])
    assert expected, "the demo has shelter measures"
    assert set(table(at)["measure_id"]) == expected


def test_the_status_category_filter_keeps_that_category_only(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF)
    at.multiselect(key="measures.categories").set_value(["done"]).run()
    assert list(table(at)["measure_id"]) == ["M1"]
    assert any(c.value.startswith("1 mesure affichée") for c in at.caption)


def test_the_search_and_the_categories_go_into_the_page_address(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF)
    assert "search" not in at.query_params and not at.query_params.get("category")
    at.text_input(key="measures.search").set_value("Mesure").run()
    at.multiselect(key="measures.categories").set_value(["done", "not_done"]).run()
    assert at.query_params["search"] == "Mesure"
    assert at.query_params["category"] == ["done", "not_done"]


def test_a_shared_link_opens_the_same_search_and_categories(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF, search="M1", category="done")
    assert at.text_input(key="measures.search").value == "M1"
    assert at.multiselect(key="measures.categories").value == ["done"]
    assert list(table(at)["measure_id"]) == ["M1"]
    at.run()  # a rerun keeps them
    assert list(table(at)["measure_id"]) == ["M1"]


def test_the_search_survives_a_visit_to_another_page(small):
    """The navigation drops a page's own parameters from the address (seen in a browser):
    coming back, the search and categories are the session's, and back in the address."""
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF)
    at.text_input(key="measures.search").set_value("M1").run()
    at.multiselect(key="measures.categories").set_value(["done"]).run()
    at.switch_page("views/delays.py").run()
    for name in ("search", "category"):
        del at.query_params[name]  # as the browser's navigation leaves the address
    at.switch_page("views/measures.py").run()
    assert at.text_input(key="measures.search").value == "M1"
    assert at.multiselect(key="measures.categories").value == ["done"]
    assert at.query_params["search"] == "M1" and list(table(at)["measure_id"]) == ["M1"]


def test_a_search_matching_nothing_says_what_to_do():
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF)
    at.text_input(key="measures.search").set_value("zzz introuvable").run()
    assert not at.dataframe
    assert any("Aucune mesure ne correspond" in i.value for i in at.info)


def test_no_detail_until_a_measure_is_chosen():
    at = run_page(dataset="demo", lang="en", as_of=AS_OF)
    assert any(i.value.startswith("Tick a row of the table") for i in at.info)
    assert not at.get("plotly_chart")


def test_choosing_a_measure_names_it_in_the_page_address():
    at = open_measure("A-M02")
    assert at.query_params["measure"] == "A-M02"
    assert at.text[0].value.startswith("A-M02 — ")


def test_a_link_naming_a_measure_opens_its_detail():
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF, measure="A-M02")
    assert at.selectbox(key=PICK).value == "A-M02"
    assert at.text[0].value.startswith("A-M02 — ")


def test_a_link_naming_an_unknown_measure_says_so():
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF, measure="NO-SUCH")
    assert any("n'est pas dans la sélection" in i.value for i in at.info)
    assert not at.text


def test_the_history_chart_has_one_line_per_voice_that_assessed_the_measure():
    updates = shipped("demo").status_updates
    voices = updates[updates["as_of"] <= pd.Timestamp(DAY)].groupby("measure_id")["voice"]
    measure_id = voices.nunique().idxmax()  # a measure every voice assessed
    at = open_measure(measure_id, lang="en")
    (spec,) = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    names = [trace["name"] for trace in spec["data"]]
    assert names == ["Government", "Civil society", "Independent evaluation"]
    assert len({trace["line"]["dash"] for trace in spec["data"]}) == 3
    evidence = at.dataframe[2].value  # table, facts, evidence
    assert len(evidence) == len(known_updates(measure_id))


def test_a_divergence_is_stated_in_words(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF)
    at.selectbox(key=PICK).set_value("M3").run()
    (warning,) = [w.value for w in at.warning if w.value.startswith("Divergence")]
    assert "« Réalisée »" in warning  # the government
    assert "« Non réalisée »" in warning  # civil society


def test_a_measure_without_divergence_shows_no_divergence_warning(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF)
    at.selectbox(key=PICK).set_value("M1").run()
    assert not [w for w in at.warning if w.value.startswith("Divergence")]


def test_a_measure_never_assessed_says_so_instead_of_an_empty_chart():
    demo = shipped("demo")
    never = sorted(set(demo.measures["measure_id"]) - set(demo.status_updates["measure_id"]))
    assert never, "the demo has measures never assessed"
    at = open_measure(never[0])
    assert any(
        i.value == "Aucune évaluation pour cette mesure : son statut est « Non évaluée »."
        for i in at.info
    )
    assert not at.get("plotly_chart")


def test_the_recommendations_a_measure_carries_are_listed():
    retention = shipped("demo").retention.dropna(subset=["measure_id"])
    measure_id = retention["measure_id"].value_counts().idxmax()
    expected = retention.loc[retention["measure_id"] == measure_id, "rec_id"].tolist()
    at = open_measure(measure_id)
    recs = next(d.value for d in at.dataframe if "rec_id" in d.value.columns)
    assert recs["rec_id"].tolist() == expected


def test_the_lineage_shows_the_chain_before_the_measure_and_the_measures_after_it():
    measures = shipped("demo").measures.set_index("measure_id")
    parent = measures["carried_from"].dropna()
    middle = next(m for m in parent.index if m in parent.values)  # carried, and carried on
    before = [parent[middle]]
    while before[-1] in parent.index:
        before.append(parent[before[-1]])
    after = parent.index[parent == middle].tolist()
    after += parent.index[parent.isin(after)].tolist()
    at = open_measure(middle)
    lineage = next(d.value for d in at.dataframe if "relation" in d.value.columns)
    assert lineage["measure_id"].tolist() == [*reversed(before), middle, *after]
    assert lineage["plan_id"].tolist() == measures.loc[lineage["measure_id"], "plan_id"].tolist()


def test_french_titles_not_found_in_the_sources_are_shown_as_written():
    france = shipped("france").measures
    unnamed = france.loc[france["title"] == NOT_FOUND, "measure_id"].tolist()
    assert unnamed, "the French dataset has measures without a known title"
    at = run_page(dataset="france", lang="fr", as_of=AS_OF)
    shown = table(at).set_index("measure_id")
    assert (shown.loc[unnamed, "title"] == NOT_FOUND).all()
    at.selectbox(key=PICK).set_value(unnamed[0]).run()
    assert at.text[0].value == f"{unnamed[0]} — {NOT_FOUND}"


def test_the_table_reads_statuses_from_the_voice_chosen_in_the_sidebar(small):
    at = run_page(dataset=small, lang="fr", as_of=SMALL_AS_OF, voice="civil_society")
    shown = table(at).set_index("measure_id")
    # Civil society assessed M3 only: its "Non réalisée", not the government's "Réalisée".
    assert shown.loc["M3", "assessed_by"].split(" · ")[0] == "Société civile"
    assert shown.loc["M3", "status"] == "Non réalisée"
    assert shown.loc[["M1", "M2", "M4"], "assessed_by"].isna().all()


def test_the_lineage_crosses_plans_even_when_the_sidebar_keeps_one_plan():
    measures = shipped("demo").measures.set_index("measure_id")
    parent = measures["carried_from"].dropna()
    last = next(m for m, p in parent.items() if p in parent.index)  # a chain of three plans
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF, plan=measures.loc[last, "plan_id"])
    assert set(table(at)["measure_id"]) == set(
        measures.index[measures["plan_id"] == measures.loc[last, "plan_id"]]
    )
    at.selectbox(key=PICK).set_value(last).run()
    lineage = next(d.value for d in at.dataframe if "relation" in d.value.columns)
    assert lineage["measure_id"].tolist() == [parent[parent[last]], parent[last], last]


def test_the_wide_table_draws_what_matters_and_names_the_rest_which_its_files_hold() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": "demo", "as_of": AS_OF, "lang": "fr"})
    at.run()
    at.switch_page("views/measures.py").run()
    table = next(d for d in at.dataframe if "lead" in d.value.columns)

    drawn = list(table.proto.column_order)
    assert drawn == ["measure_id", "title", "status", "assessed_on", "effective_due", "days_late"]
    assert {"lead", "axis", "diverges", "plan_id"} <= set(table.value.columns)  # in the files
    caption = next(c.value for c in at.caption if c.value.startswith("Aussi dans les fichiers"))
    for label in ("Plan", "Axe", "Pilote", "Évaluée par"):
        assert label in caption
