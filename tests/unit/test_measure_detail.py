"""The Measures page's tables: search, the list of measures, the detail of one measure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from monitoring.analysis.measure_detail import (
    TABLE_COLUMNS,
    later_measures,
    measure_detail,
    measure_rows,
    search,
    search_keys,
)
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import measure_text
from monitoring.present.measure_text import column_specs, readable_rows

AS_OF = dt.date(2022, 6, 30)


def worded_detail(ds, measure_id, as_of, voice, lang):
    """`measure_detail` as the detail view shows it in `lang` (None: no such measure)."""
    found = measure_detail(ds, measure_id, as_of, voice)
    return None if found is None else measure_text.worded(found, ds.scale, lang)


def shown_rows(ds, lang):
    """The Measures page's rows in `lang`: `measure_rows` put into words."""
    return readable_rows(ds, measure_rows(ds, AS_OF, "all"), lang)


def plan(plan_id: str, start: str, end: str) -> dict[str, Any]:
    return {"plan_id": plan_id, "title": f"Plan {plan_id}", "period_start": start,
            "period_end": end}  # fmt: skip


def measure(measure_id: str, plan_id: str = "P2", **extra: Any) -> dict[str, Any]:
    return {"measure_id": measure_id, "plan_id": plan_id, "number": 1, "axis": "Protéger",
            "title": f"Mesure {measure_id}", **extra}  # fmt: skip


def assessed(measure_id: str, as_of: str, status: str, voice: str, **extra: Any):
    return {"measure_id": measure_id, "as_of": as_of, "status": status, "voice": voice, **extra}


PLANS = [plan("P1", "2017-01-01", "2019-12-31"), plan("P2", "2020-01-01", "2022-12-31")]


def build(measures: list[dict[str, Any]], updates: list[dict[str, Any]] = (), **tables) -> Dataset:
    return dataset_from_records(
        {
            "plans": PLANS,
            "measures": measures,
            "status_updates": list(updates),
            **tables,
        }
    )


@pytest.fixture
def searchable() -> tuple[pd.DataFrame, pd.Series]:
    ds = build(
        [
            measure("M1", title="Créer des places d'hébergement", lead="Ministère de l'Intérieur"),
            measure("M2", title="Former les juges", axis="Poursuivre", lead="Justice"),
            measure("M3", title="Hébergement des mineurs", axis="Mineurs"),
        ],
        [assessed("M1", "2021-01-01", "Réalisée", "government")],
    )
    return shown_rows(ds, "fr"), search_keys(ds)


def found(searchable, query: str, categories: tuple[str, ...] = ()) -> list[str]:
    return search(*searchable, query, categories)["measure_id"].tolist()


def test_search_ignores_case_and_accents(searchable):
    assert found(searchable, "HEBERGEMENT") == ["M1", "M3"]
    assert found(searchable, "  hébergement ") == ["M1", "M3"]


def test_search_needs_every_word_in_any_searched_column(searchable):
    assert found(searchable, "hebergement interieur") == ["M1"]
    assert found(searchable, "poursuivre juges") == ["M2"]
    assert found(searchable, "m3") == ["M3"]


def test_an_empty_search_keeps_every_measure(searchable):
    assert found(searchable, "") == ["M1", "M2", "M3"]


def test_search_filters_by_status_category(searchable):
    assert found(searchable, "", ["done"]) == ["M1"]
    assert found(searchable, "", ["unknown"]) == ["M2", "M3"]
    assert found(searchable, "juges", ["done"]) == []


def test_measure_rows_have_the_table_columns_then_the_category(searchable):
    assert list(searchable[0].columns) == [*TABLE_COLUMNS, "category"]


def test_search_keys_are_the_normalised_id_title_axis_and_lead(searchable):
    assert (
        searchable[1]["M1"] == "m1 creer des places d'hebergement proteger ministere de l'interieur"
    )


def test_status_is_shown_in_the_users_language():
    ds = build(
        [measure("M1")], [assessed("M1", "2021-01-01", "Partiellement réalisée", "government")]
    )
    assert shown_rows(ds, "en")["status"].tolist() == ["Partly done"]
    assert shown_rows(ds, "fr")["status"].tolist() == ["Partiellement réalisée"]


def test_measure_rows_speak_no_language_until_the_page_writes_them():
    ds = build(
        [measure("M1"), measure("M2")],
        [
            assessed("M1", "2021-01-01", "Partiellement réalisée", "government", assessor="MIPROF"),
            assessed("M2", "2021-01-01", "Réalisée", "government"),
        ],
    )
    rows = measure_rows(ds, AS_OF, "all")

    assert rows["status"].iloc[0] == "Partiellement réalisée"  # as the workbook writes it
    assert (rows["voice"].iloc[0], rows["assessor"].iloc[0]) == ("government", "MIPROF")
    assert rows["assessed_on"].iloc[0] == pd.Timestamp("2021-01-01")  # a date, not a text
    assert "assessed_by" not in rows.columns
    assert rows["deadline"].iloc[0] in {"overdue", "unassessed", "ahead"}  # a state
    assert rows["deadline"].iloc[1] is None  # done: no deadline state, "—" on the page
    assert readable_rows(ds, rows, "fr")["deadline"].iloc[1] == "—"
    assert readable_rows(ds, rows, "en")["assessed_by"].iloc[0] == "Government · MIPROF"


def test_assessed_by_names_the_voice_and_the_assessor():
    ds = build(
        [measure("M1"), measure("M2"), measure("M3")],
        [
            assessed("M1", "2021-01-01", "En cours", "government", assessor="MIPROF"),
            assessed("M2", "2021-01-01", "En cours", "civil_society"),
        ],
    )
    rows = shown_rows(ds, "fr")
    assert rows["assessed_by"].tolist()[:2] == ["Gouvernement · MIPROF", "Société civile"]
    assert pd.isna(rows["assessed_by"].iloc[2])


def test_days_late_are_given_for_overdue_measures_only():
    ds = build(
        [
            measure("LATE", due_date="2022-06-20"),
            measure("DONE_LATE", due_date="2021-01-01"),
            measure("AHEAD", due_date="2022-07-01"),
            measure("UNKNOWN", due_date="2021-01-01"),
        ],
        [
            assessed("LATE", "2022-06-30", "En cours", "government"),
            assessed(
                "DONE_LATE", "2022-01-01", "Réalisée", "government", completed_on="2021-01-31"
            ),
            assessed("AHEAD", "2021-01-01", "Non démarrée", "government"),
        ],
    )
    rows = shown_rows(ds, "fr").set_index("measure_id")
    assert rows.loc["LATE", "days_late"] == 10  # up to its last assessment, 30/06/2022
    assert rows["days_late"].drop("LATE").isna().all()
    assert rows["deadline"].to_dict() == {
        "LATE": "En retard",
        "DONE_LATE": "—",
        "AHEAD": "Pas encore échue",
        "UNKNOWN": "Échue, non évaluée",
    }


def test_the_divergence_flag_compares_government_and_civil_society_categories():
    ds = build(
        [measure("SPLIT"), measure("AGREE"), measure("ALONE")],
        [
            assessed("SPLIT", "2021-01-01", "Réalisée", "government"),
            assessed("SPLIT", "2021-02-01", "En cours", "civil_society"),
            assessed("AGREE", "2021-01-01", "En cours", "government"),
            assessed("AGREE", "2021-02-01", "Partiellement réalisée", "civil_society"),
            assessed("ALONE", "2021-01-01", "Réalisée", "government"),
        ],
    )
    rows = shown_rows(ds, "fr").set_index("measure_id")
    assert rows["diverges"].to_dict() == {"SPLIT": True, "AGREE": False, "ALONE": False}
    assert worded_detail(ds, "SPLIT", AS_OF, "all", "fr").divergence == ("done", "partial")
    assert worded_detail(ds, "AGREE", AS_OF, "all", "fr").divergence is None


def test_an_unknown_measure_has_no_detail():
    assert worded_detail(build([measure("M1")]), "NOPE", AS_OF, "all", "fr") is None


def test_a_measure_never_assessed_has_an_empty_history():
    detail = worded_detail(build([measure("M1")]), "M1", AS_OF, "all", "fr")
    assert detail.history.empty and detail.evidence.empty
    assert detail.assessments_total == 0


def test_history_keeps_the_assessments_known_at_the_as_of_date_in_date_order():
    ds = build(
        [measure("M1")],
        [
            assessed("M1", "2021-06-01", "En cours", "civil_society", comment="second"),
            assessed("M1", "2021-01-01", "Non démarrée", "government", comment="first"),
            assessed("M1", "2023-01-01", "Réalisée", "government", comment="later"),
        ],
    )
    detail = worded_detail(ds, "M1", AS_OF, "all", "fr")
    assert detail.history["comment"].tolist() == ["first", "second"]
    assert detail.history["voice"].tolist() == ["government", "civil_society"]
    assert detail.assessments_total == 3


def test_evidence_keeps_web_links_apart_from_text_references():
    ds = build(
        [measure("M1")],
        [
            assessed("M1", "2021-01-01", "En cours", "government", evidence="Bilan 2021, p. 4"),
            assessed(
                "M1", "2021-02-01", "En cours", "civil_society", evidence="https://example.org/note"
            ),
        ],
    )
    evidence = worded_detail(ds, "M1", AS_OF, "all", "en").evidence
    assert evidence["evidence"].tolist()[0] == "Bilan 2021, p. 4"
    assert pd.isna(evidence["evidence"].iloc[1])
    assert pd.isna(evidence["evidence_link"].iloc[0])
    assert evidence["evidence_link"].tolist()[1] == "https://example.org/note"
    assert evidence["voice"].tolist() == ["Government", "Civil society"]


def _fact(detail, field: str) -> str:
    facts = detail.facts.set_index("field")["value"]
    return facts[field]


def test_facts_give_each_voices_own_current_status():
    ds = build(
        [measure("M1")],
        [
            assessed("M1", "2021-01-01", "Réalisée", "government", assessor="MIPROF"),
            assessed("M1", "2021-03-01", "En cours", "civil_society", assessor="Collectif"),
        ],
    )
    detail = worded_detail(ds, "M1", AS_OF, "all", "fr")
    assert _fact(detail, "Statut actuel : gouvernement") == "Réalisée · 01/01/2021 · MIPROF"
    assert _fact(detail, "Statut actuel : société civile") == "En cours · 01/03/2021 · Collectif"
    assert _fact(detail, "Statut actuel : évaluation indépendante").startswith("Non évaluée")


def test_facts_say_when_the_due_date_is_the_plans_end_and_when_it_moved():
    ds = build(
        [measure("M1")],
        [assessed("M1", "2021-01-01", "En cours", "government", revised_due_date="2023-01-10")],
    )
    detail = worded_detail(ds, "M1", AS_OF, "all", "en")
    assert _fact(detail, "Original due date") == "2022-12-31 (end of the plan)"
    assert _fact(detail, "Effective due date") == "2023-01-10 (moved by 10 days)"
    assert _fact(detail, "Standing") == "Not yet due"


def test_facts_give_the_days_overdue_up_to_the_last_assessment_as_a_lower_bound():
    ds = build(
        [measure("M1", due_date="2022-06-01")],
        [
            assessed("M1", "2021-01-01", "En cours", "government"),
            assessed("M1", "2022-06-21", "En cours", "government"),
        ],
    )
    assert _fact(worded_detail(ds, "M1", AS_OF, "all", "en"), "Standing") == (
        "At least 20 days overdue (last assessment on 2022-06-21)"
    )


def test_facts_say_when_the_due_date_passed_after_the_last_assessment():
    ds = build(
        [measure("M1", due_date="2022-06-01")],
        [assessed("M1", "2021-01-01", "En cours", "government")],
    )
    assert _fact(worded_detail(ds, "M1", AS_OF, "all", "fr"), "Situation") == (
        "En retard : échéance dépassée après la dernière évaluation, le 01/01/2021"
    )


def test_history_holds_an_imprecise_assessment_only_once_its_latest_date_has_passed():
    ds = build(
        [measure("M1", due_date="2022-06-01")],
        [
            assessed("M1", "2022-06-01", "En cours", "government", as_of_latest="2022-06-30"),
            assessed("M1", "2022-06-10", "Non démarrée", "civil_society"),
        ],
    )
    before = worded_detail(ds, "M1", dt.date(2022, 6, 20), "all", "fr")
    after = worded_detail(ds, "M1", dt.date(2022, 6, 30), "all", "fr")
    assert before.history["status"].tolist() == ["Non démarrée"]
    # Ordered by earliest date: the June assessment comes first, the 10 June one wins.
    assert after.history["status"].tolist() == ["En cours", "Non démarrée"]
    assert after.history["as_of_latest"].tolist()[0] == pd.Timestamp("2022-06-30")
    assert after.evidence["as_of"].tolist() == ["juin 2022", "10/06/2022"]


def test_recommendations_are_those_the_retention_sheet_links_to_the_measure():
    ds = build(
        [measure("M1"), measure("M2")],
        recommendations=[
            {"rec_id": "R1", "author": "Collectif", "theme": "T", "title": "Héberger"},
            {"rec_id": "R2", "author": "GRETA", "theme": "T", "title": "Former"},
        ],
        retention=[
            {"rec_id": "R1", "plan_id": "P2", "measure_id": "M1", "level": "partly_retained"},
            {"rec_id": "R2", "plan_id": "P2", "measure_id": "M2", "level": "retained"},
            {"rec_id": "R2", "plan_id": "P2", "measure_id": "M1", "level": "retained"},
        ],
    )
    recs = worded_detail(ds, "M1", AS_OF, "all", "fr").recommendations
    assert recs["rec_id"].tolist() == ["R1", "R2"]
    assert recs["author"].tolist() == ["Collectif", "GRETA"]
    assert recs["title"].tolist() == ["Héberger", "Former"]
    assert recs["level"].tolist() == ["Partiellement retenue", "Retenue"]


@pytest.fixture
def chain() -> Dataset:
    """A0 (P1) ← B0 (P2) ← C0 (P3), and B1 (P3) also carries over B0."""
    return dataset_from_records(
        {
            "plans": [
                plan("P1", "2014-01-01", "2016-12-31"),
                plan("P2", "2017-01-01", "2019-12-31"),
                plan("P3", "2020-01-01", "2022-12-31"),
            ],
            "measures": [
                measure("A0", "P1"),
                measure("B0", "P2", carried_from="A0"),
                measure("C0", "P3", carried_from="B0"),
                measure("B1", "P3", carried_from="B0"),
            ],
            "status_updates": [assessed("A0", "2016-01-01", "Non réalisée", "independent")],
        }
    )


def test_lineage_lists_the_earlier_chain_oldest_first_then_the_later_measures(chain):
    detail = worded_detail(chain, "C0", AS_OF, "all", "fr")
    assert detail.lineage["measure_id"].tolist() == ["A0", "B0", "C0"]
    assert detail.lineage["plan_id"].tolist() == ["P1", "P2", "P3"]
    assert detail.lineage["relation"].tolist() == [
        "Reprise par cette mesure", "Reprise par cette mesure", "Cette mesure",
    ]  # fmt: skip
    assert detail.lineage["status"].tolist() == ["Non réalisée", "Non évaluée", "Non évaluée"]
    assert (detail.carried_before, detail.carried_after) == (2, 0)


def test_lineage_of_the_first_measure_lists_every_measure_that_carries_it_over(chain):
    detail = worded_detail(chain, "A0", AS_OF, "all", "en")
    assert detail.lineage["measure_id"].tolist() == ["A0", "B0", "C0", "B1"]
    assert detail.lineage["relation"].tolist()[:2] == ["This measure", "Carries it over"]
    assert (detail.carried_before, detail.carried_after) == (0, 3)
    assert "0" in detail.lineage_note and "3" in detail.lineage_note


def test_a_measure_never_carried_over_has_no_lineage():
    detail = worded_detail(build([measure("M1")]), "M1", AS_OF, "all", "fr")
    assert detail.lineage.empty
    assert (detail.carried_before, detail.carried_after) == (0, 0)


def test_lineage_names_a_carried_from_missing_from_the_workbook():
    ds = build([measure("M1", carried_from="OLD-7")])
    lineage = worded_detail(ds, "M1", AS_OF, "all", "en").lineage
    assert lineage["measure_id"].tolist() == ["OLD-7", "M1"]
    assert lineage["title"].tolist()[0] == "Measure missing from the workbook"


def test_later_measures_stop_on_a_cycle_in_the_data():
    ds = build([measure("X", carried_from="Y"), measure("Y", carried_from="X")])
    assert later_measures(ds, "X") == ["Y"]


def test_a_title_not_found_in_the_sources_is_shown_as_written():
    title = "Intitulé non trouvé dans les sources disponibles"
    ds = build([measure("M1", title=title)])
    assert shown_rows(ds, "fr")["title"].tolist() == [title]
    assert worded_detail(ds, "M1", AS_OF, "all", "fr").heading == f"M1 — {title}"


def test_column_specs_type_dates_flags_numbers_percentages_and_links():
    ds = build(
        [measure("M1")],
        [
            assessed(
                "M1",
                "2021-01-01",
                "En cours",
                "government",
                evidence="https://x.org",
                progress_pct=40,
            )
        ],
    )
    table = column_specs(shown_rows(ds, "fr")[list(TABLE_COLUMNS)], "fr")
    assert table["effective_due"] == (
        "date",
        {"label": "Échéance effective", "format": "DD/MM/YYYY"},
    )
    assert table["diverges"][0] == "flag" and "help" in table["diverges"][1]
    assert table["days_late"][0] == "number" and table["title"][0] == "text"
    evidence = column_specs(worded_detail(ds, "M1", AS_OF, "all", "en").evidence, "en")
    assert evidence["evidence_link"] == ("link", {"label": "Link", "display_text": "open"})
    assert evidence["progress_pct"] == ("percent", {"label": "Progress", "format": "%d%%"})


def test_the_detail_is_computed_in_no_language_and_worded_apart(chain):
    """`measure_detail` gives codes and statuses as written; only `worded` writes words."""
    ds = build(
        [measure("M1", carried_from="OLD-7")],
        [assessed("M1", "2022-01-10", "En cours", "government", assessor="MIPROF")],
        recommendations=[{"rec_id": "R1", "author": "GRETA", "theme": "T", "title": "Former"}],
        retention=[{"rec_id": "R1", "plan_id": "P2", "measure_id": "M1", "level": "retained"}],
    )
    detail = measure_detail(ds, "M1", AS_OF, "all")
    assert detail.lineage["relation"].tolist() == ["before", "self"]
    assert detail.lineage["status"].tolist()[1] == "En cours"  # as the workbook writes it
    assert pd.isna(detail.lineage["title"].tolist()[0])  # missing, not a sentence
    assert detail.recommendations["level"].tolist() == ["retained"]
    assert detail.voices["government"]["assessor"] == "MIPROF"
    assert detail.voices["civil_society"] is None
    assert detail.facts["due_from_plan_end"] is True  # it gives no due date: the plan's end
    chained = measure_detail(chain, "A0", AS_OF, "all")
    assert chained.lineage["relation"].tolist() == ["self", "after", "after", "after"]
    # The same detail reads in each language.
    english = measure_text.worded(detail, ds.scale, "en")
    assert english.lineage["relation"].tolist() == ["Carried over by this measure", "This measure"]
    assert english.recommendations["level"].tolist() == ["Retained"]
