"""AppTest: the Method page (« Méthode ») on both datasets, in both languages.

Expected counts are read here from the shipped workbooks' sheets directly, never from
the page's own output.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import CONTRACT_VERSION, DEFAULT_SCALE, SHEETS
from monitoring.intake.loading import load_shipped
from tests.app.helpers import assert_page_ok, table_with

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"


def run_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/method.py").run()
    return at


@cache
def shipped(name: str) -> Dataset:
    return load_shipped(name)


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_method_runs_without_exception_for_each_dataset_and_language(dataset, lang):
    at = run_page(dataset=dataset, lang=lang, as_of=AS_OF)

    assert_page_ok(at)
    assert at.title[0].value == ("Méthode" if lang == "fr" else "Method")
    assert len(at.dataframe) == 3 + len(SHEETS)  # scale, coverage, references, each sheet


def test_the_default_scale_is_listed_with_english_labels_categories_and_colour_names():
    at = run_page(dataset="demo", lang="en")

    scale = table_with(at, "pattern")

    assert scale["label"].tolist() == [s.label for s in DEFAULT_SCALE]
    assert scale["label_en"].tolist() == [s.en for s in DEFAULT_SCALE]
    assert scale.loc[0, ["category", "colour", "pattern"]].tolist() == [
        "Done", "bluish green (#009E73)", "solid",
    ]  # fmt: skip
    assert any("Default scale" in m.value or "default scale" in m.value for m in at.markdown)


def test_every_definition_is_written_including_that_unassessed_is_never_overdue():
    fr = run_page(dataset="france", as_of=AS_OF)
    en = run_page(dataset="france", lang="en", as_of=AS_OF)

    french = " ".join(m.value for m in fr.markdown)
    english = " ".join(m.value for m in en.markdown)

    assert "non évaluée n'est jamais comptée en retard" in french
    assert "not assessed is never counted as overdue" in english
    for title in ("Effective due date", "Slip (days)", "Gap between plans", "Reply delay"):
        assert f"**{title}.**" in english
    assert [s.value for s in en.subheader] == [
        "Status of measures", "Due dates and delays", "Plans and recommendations", "Letters",
        "Imprecise dates and conventions",
    ]  # fmt: skip


def test_the_voice_explanation_names_the_voice_chosen_in_the_sidebar():
    at = run_page(dataset="demo", voice="civil_society")

    assert any("Choix actuel : Société civile." in m.value for m in at.markdown)


def test_demo_sources_say_the_data_are_fictional_and_count_the_rows_citing_each_reference():
    at = run_page(dataset="demo", as_of=AS_OF)
    ds = shipped("demo")
    note = "Données fictives de démonstration"
    citing = {
        sheet: int((ds.tables[sheet]["source"] == note).sum())
        for sheet in ("plans", "measures", "recommendations", "retention", "events")
    }

    references = table_with(at, "reference").set_index("reference")
    coverage = table_with(at, "with_source").set_index("sheet")

    assert any("entièrement fictif" in w.value for w in at.warning)
    assert references.loc[note, list(citing)].to_dict() == citing
    assert references.loc[note, "total"] == sum(citing.values())
    assert references.loc[note, "link"] == ""  # no address: no link, and never "None"
    assert coverage.loc["Suivi", "rows"] == len(ds.status_updates)
    assert coverage["without_source"].sum() == 0
    # No note on sources for a fictional dataset: the only expanders are the format's.
    assert not [e for e in at.expander if "source" in e.label.lower()]


def test_french_sources_point_to_the_reviewed_note_and_state_that_unknowns_stay_unknown():
    at = run_page(dataset="france", as_of=AS_OF)
    ds = shipped("france")

    references = table_with(at, "reference")
    coverage = table_with(at, "with_source").set_index("sheet")

    assert any("data/france/SOURCES.md" in i.value and "inconnu" in i.value for i in at.info)
    assert at.expander[0].label.startswith("La note sur les sources")
    assert any(m.value.startswith("# Jeu de données par défaut") for m in at.markdown)
    assert coverage.loc["Chronologie", "with_source"] == ds.events["source"].notna().sum()
    # the coalition's own account, [S10], is cited by events only
    s10 = references.set_index("link").loc["http://www.contrelatraite.org/index.php/node/352"]
    assert s10["total"] == s10["events"] > 0
    assert references["link"].str.match(r"^(https?://|$)").all()


def test_the_format_version_and_its_documentation_are_given():
    at = run_page(dataset="demo", lang="en")

    assert any(f"version {CONTRACT_VERSION} of the format" in m.value for m in at.markdown)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the format description (Markdown)" in labels
    assert "Blank template" in labels


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_format_is_explained_in_the_app_not_pointed_at(lang: str) -> None:
    at = run_page(dataset="demo", lang=lang)
    said = " ".join(m.value for m in at.markdown)

    # No file path to open, no command to type: the help is on the page.
    assert "docs/workbook-format" not in said and "plan-monitoring template" not in said
    expanders = [e.label for e in at.expander]
    assert ("Feuille « Suivi » — obligatoire" if lang == "fr"
            else "“Status updates” sheet — required") in expanders  # fmt: skip
    assert ("Feuille « Verdicts publiés » — facultative" if lang == "fr"
            else "“Published verdicts” sheet — optional") in expanders  # fmt: skip
    assert ("Règles générales" if lang == "fr" else "General rules") in expanders


def test_each_sheet_lists_its_columns_types_and_allowed_values() -> None:
    at = run_page(dataset="demo", lang="fr")
    measures = table_with(at, "rule")  # the first sheet's table with a rule: Plans
    assert measures["fr"].tolist()[:4] == ["Plan", "Intitulé", "Début", "Fin"]
    updates = next(
        d.value for d in at.dataframe if "rule" in d.value and "Statut" in d.value["fr"].tolist()
        and "Au plus tard le" in d.value["fr"].tolist()
    )  # fmt: skip
    status = updates.set_index("fr").loc["Statut"]
    assert status["required"] == "oui"
    assert "Réalisée" in status["values"] and "Non démarrée" in status["values"]
    voice = updates.set_index("fr").loc["Évalué par"]
    assert "Gouvernement" in voice["values"] and "Société civile" in voice["values"]
