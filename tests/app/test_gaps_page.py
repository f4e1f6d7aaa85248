"""AppTest: the adoption-gaps page (« Écarts d'adoption ») on both datasets and languages.

Expected demo figures were counted by hand in the Retention sheet of `data/demo.xlsx`
(they add up to the demo's pinned per-plan retention counts), never read off the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import assert_page_ok

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"
NNBSP = "\u202f"
NOT_DOCUMENTED_FR = (
    "La prise en compte de ces recommandations n'est pas encore renseignée : ajoutez des "
    "lignes dans la feuille « Prise en compte »."
)


def run_page(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"as_of": AS_OF, **query}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/gaps.py").run()
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart(at: AppTest, title_start: str) -> dict:
    return next(s for s in specs(at) if s["layout"]["title"]["text"].startswith(title_start))


def panel_counts(spec: dict, axis: str) -> dict[str, dict[str, int]]:
    """{level name: {row label: count}} for the bars of one panel (`y`, `y2`, `y3`…)."""
    return {
        trace["name"]: dict(zip(trace["y"], trace["x"], strict=True))
        for trace in spec["data"]
        if trace["type"] == "bar" and trace.get("yaxis", "y") == axis
    }


def set_authors(at: AppTest, authors: list[str]) -> AppTest:
    at.multiselect(key="gaps_authors").set_value(authors).run()
    return at


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_gaps_page_runs_without_exception_for_each_dataset_and_language(dataset, lang):
    at = run_page(dataset=dataset, lang=lang)

    assert_page_ok(at)
    assert at.title[0].value == ("Écarts d'adoption" if lang == "fr" else "Adoption gaps")
    assert len(at.get("plotly_chart")) == (4 if dataset == "demo" else 0)
    assert at.multiselect(key="gaps_authors").options


def test_french_dataset_says_retention_is_not_recorded_and_still_lists_recommendations():
    at = run_page(dataset="france", lang="fr")

    assert NOT_DOCUMENTED_FR in [info.value for info in at.info]
    assert not at.get("plotly_chart")
    counts, listing = (frame.value for frame in at.dataframe)
    assert len(listing) == 20  # every recommendation of the French workbook
    assert counts.drop(columns="theme").to_numpy().sum() == 20
    assert listing["author"].iloc[0] in set(counts.columns)


def test_french_dataset_author_filter_narrows_the_list():
    at = set_authors(run_page(dataset="france", lang="en"), ["GRETA (Conseil de l'Europe)"])

    assert_page_ok(at)
    listing = at.dataframe[1].value
    assert set(listing["author"]) == {"GRETA (Conseil de l'Europe)"}
    assert len(listing) == 3
    assert any("not recorded yet" in info.value for info in at.info)


def test_demo_author_chart_shows_each_plans_retention_per_author():
    spec = chart(run_page(dataset="demo", lang="fr"), "Recommandations par auteur")
    demo_c = panel_counts(spec, "y3")

    assert [a["text"] for a in spec["layout"]["annotations"]][2].startswith("DEMO-C")
    assert demo_c["Retenue"] == {
        "Collectif de démonstration (fictif)": 4, "GRETA (fictif)": 3,
        "Parlement (fictif)": 1, "Rapporteur national (fictif)": 3,
    }  # fmt: skip
    assert demo_c["Non retenue"]["Collectif de démonstration (fictif)"] == 4
    assert demo_c["Retirée du projet"]["GRETA (fictif)"] == 1
    assert panel_counts(spec, "y")["Retenue"] == {"Collectif de démonstration (fictif)": 4}


def test_demo_coverage_puts_the_least_taken_up_theme_first_with_its_share():
    spec = chart(run_page(dataset="demo", lang="fr"), "Recommandations par thème, au meilleur")
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    ends = next(trace for trace in spec["data"] if trace["type"] == "scatter")

    # Mineurs victimes: COL-03 and PAR-02 partly, COL-09 retained, GRE-02 dropped, PAR-04 not.
    assert bars[0]["y"][0] == "Mineurs victimes (5)"
    assert ends["text"][0] == f" 60{NNBSP}% reprises (3/5)"
    # REC-PAR-05 has no retention row: "Protection et hébergement" shows one not recorded.
    protection = bars[0]["y"].index("Protection et hébergement (5)")
    assert bars[-1]["name"] == "Non renseignée" and bars[-1]["x"][protection] == 1


def test_demo_theme_nobody_took_up_in_the_first_plan_stands_out():
    spec = chart(run_page(dataset="demo", lang="en", plan="DEMO-A"), "Recommendations by theme, at")
    ends = next(trace for trace in spec["data"] if trace["type"] == "scatter")
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]

    # In DEMO-A, REC-COL-05 (the only documented "Identification" one) was dropped.
    assert bars[0]["y"][0] == "Identification des victimes (4)"
    assert ends["text"][0] == " <b>0%: none taken up (0/1)</b>"


def test_demo_sankey_ends_left_out_recommendations_and_reads_measure_statuses():
    at = run_page(dataset="demo", lang="fr")
    sankey = chart(at, "Auteur →")["data"][0]
    labels = sankey["node"]["label"]
    into = {}
    for target, value in zip(sankey["link"]["target"], sankey["link"]["value"], strict=True):
        into[labels[target]] = into.get(labels[target], 0) + value

    # Per plan, dropped: A 1 + B 2 + C 1; not retained: A 1 + B 2 + C 7.
    assert into["Retirée du projet"] == 4
    assert into["Non retenue"] == 10
    assert {"Mesures DEMO-A", "Mesures DEMO-B", "Mesures DEMO-C"} <= set(labels)
    assert {"Réalisée", "Partielle", "Non évaluée"} <= set(labels)


def test_sankey_can_group_recommendations_by_theme():
    at = run_page(dataset="demo", lang="en")
    at.radio(key="gaps_sankey_by").set_value("theme").run()

    sankey = chart(at, "Theme →")["data"][0]
    assert "Mineurs victimes" in sankey["node"]["label"]
    assert "Collectif de démonstration (fictif)" not in sankey["node"]["label"]


def test_demo_lists_every_recommendation_left_out_with_its_comment():
    at = run_page(dataset="demo", lang="fr")
    table = at.dataframe[0].value

    # Dropped from draft + not retained, per plan: A 1 + 1, B 2 + 2, C 1 + 7.
    assert len(table) == 14
    assert table["plan_id"].value_counts().to_dict() == {"DEMO-C": 8, "DEMO-B": 4, "DEMO-A": 2}
    assert set(table["level"]) == {"Retirée du projet", "Non retenue"}
    par04 = table[table["rec_id"] == "REC-PAR-04"].iloc[0]
    assert par04["comment"].startswith("=LIEN_HYPERTEXTE(")  # shown as text, never run


def test_author_filter_applies_to_every_chart_and_the_list():
    at = set_authors(run_page(dataset="demo", lang="fr"), ["GRETA (fictif)"])

    assert_page_ok(at)
    author_chart = chart(at, "Recommandations par auteur")
    groups = {y for trace in author_chart["data"] for y in trace.get("y", [])}
    assert groups == {"GRETA (fictif)"}
    sankey = chart(at, "Auteur →")["data"][0]
    # All of GRETA's recommendations went to DEMO-C: its measures are grouped by axis.
    assert not any(label.startswith("Mesures ") for label in sankey["node"]["label"])
    table = at.dataframe[0].value
    assert table["rec_id"].tolist() == ["REC-GRE-02"]


def test_plans_without_any_recorded_retention_are_named():
    at = set_authors(run_page(dataset="demo", lang="fr"), ["Parlement (fictif)"])

    assert any("la prise en compte des recommandations" in info.value for info in at.info)
    shown = at.text[0].value
    assert shown.startswith("DEMO-A — ") and "DEMO-B — " in shown and "DEMO-C" not in shown
