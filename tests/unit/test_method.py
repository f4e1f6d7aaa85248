"""What the Method page lists: scale, definitions, sources and format, from the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from monitoring.analysis import method, metrics
from monitoring.config import shipped
from monitoring.contract.dataset import Dataset, StatusScale, dataset_from_records
from monitoring.contract.schema import DEFAULT_SCALE, StatusLabel
from monitoring.present import method_text
from monitoring.present.charts.base import CATEGORY_STYLE
from monitoring.text.i18n import CATALOG, t


def build(**tables: list[dict[str, Any]]) -> Dataset:
    return dataset_from_records(
        {
            "plans": [{"plan_id": "P1", "title": "Plan", "period_start": "2019-01-01",
                       "period_end": "2021-12-31", "source": "[S1] https://a.example/plan"}],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "axis": "A", "title": "M"}],
            **tables,
        }
    )  # fmt: skip


# --- Links and references -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("[S10] http://www.contrelatraite.org/index.php/node/352 (récit)", (
            "http://www.contrelatraite.org/index.php/node/352")),
        ("voir https://example.org/a.pdf.", "https://example.org/a.pdf"),
        ("(https://example.org/b)", "https://example.org/b"),
        ("Rapport papier, 2015", None),
        ("javascript:alert(1)", None),
        ("ftp://example.org/file", None),
    ],
)  # fmt: skip
def test_first_link_returns_only_an_http_or_https_address(text: str, link: str | None):
    assert method.first_link(text) == link


def test_references_split_on_semicolons_that_start_a_new_reference_only():
    text = "[S1] https://a.example/1 ; [S2] https://b.example/2 (note ; autre note) ; https://c.example"

    assert method.references(text) == [
        "[S1] https://a.example/1",
        "[S2] https://b.example/2 (note ; autre note)",
        "https://c.example",
    ]
    assert method.references("Bilan ; suite du bilan") == ["Bilan ; suite du bilan"]


def test_source_table_counts_rows_per_sheet_merging_wordings_of_one_address():
    ds = build(
        events=[
            {"event_id": "E1", "date": "2019-01-01", "kind": "letter", "title": "L",
             "source": "[S1] https://a.example/plan (selon le récit) ; [S2] https://b.example"},
            {"event_id": "E2", "date": "2019-02-01", "kind": "letter", "title": "L",
             "source": "[S1] https://a.example/plan ; [S1] https://a.example/plan (bis)"},
            {"event_id": "E3", "date": "2019-03-01", "kind": "meeting", "title": "R"},
        ],
        status_updates=[{"measure_id": "M1", "as_of": "2019-05-01", "status": "En cours",
                         "voice": "government", "evidence": "Compte rendu du comité"}],
    )  # fmt: skip

    table = method.source_table(ds).set_index("reference")

    assert table.index.tolist() == [
        "[S1] https://a.example/plan",  # 3 rows: the plan, E1, E2 (once, though cited twice)
        "Compte rendu du comité",
        "[S2] https://b.example",
    ]
    s1 = table.loc["[S1] https://a.example/plan"]
    assert (s1["plans"], s1["events"], s1["total"], s1["link"]) == (
        1, 2, 3, "https://a.example/plan",
    )  # fmt: skip
    assert table.loc["Compte rendu du comité", "status_updates"] == 1
    assert pd.isna(table.loc["Compte rendu du comité", "link"])


def test_source_coverage_counts_rows_with_and_without_a_source_per_sheet():
    ds = build(
        events=[
            {"event_id": "E1", "date": "2019-01-01", "kind": "letter", "title": "L",
             "source": "https://a.example/x ; https://b.example/y"},
            {"event_id": "E2", "date": "2019-02-01", "kind": "letter", "title": "L"},
        ],
    )  # fmt: skip

    raw = method.source_coverage(ds)
    assert raw["sheet"].tolist()[-2:] == ["events", "published_verdicts"]  # ids, no language
    coverage = method_text.source_coverage(raw, "fr").set_index("sheet")

    assert coverage.loc["Chronologie"].to_dict() == {
        "column": "source", "rows": 2, "with_source": 1, "without_source": 1, "references": 2,
    }  # fmt: skip
    assert coverage.loc["Mesures", "without_source"] == 1
    assert coverage.loc["Suivi", "column"] == "evidence"
    assert method_text.source_coverage(method.source_coverage(ds), "en")["sheet"].tolist()[-2:] == [
        "Events",
        "Published verdicts",
    ]


def test_a_dataset_citing_nothing_has_an_empty_source_table():
    ds = dataset_from_records(
        {"plans": [{"plan_id": "P1", "title": "P", "period_start": "2019-01-01",
                    "period_end": "2019-12-31"}]}
    )  # fmt: skip

    assert method.source_table(ds).empty


def test_readable_writes_missing_text_as_a_dash_and_missing_links_as_blank():
    frame = pd.DataFrame({"title": ["a", None], "link": [None, "https://x"], "n": [1, 2]})

    shown = method.readable(frame)

    assert shown.to_dict("list") == {"title": ["a", "—"], "link": ["", "https://x"], "n": [1, 2]}


# --- The status scale -----------------------------------------------------------------


def test_default_scale_lists_every_label_in_both_languages_with_its_category_colour_and_pattern():
    table = method_text.scale_table(StatusScale(), "fr")

    assert table["label"].tolist() == [s.label for s in DEFAULT_SCALE]
    assert table["label_en"].tolist() == [
        "Done", "Partly done", "In progress", "Not done", "Not started", "Dropped", "Not assessed",
    ]  # fmt: skip
    done = table.iloc[0]
    assert (done["category"], done["colour"], done["pattern"]) == (
        "Réalisée", "vert bleuté (#009E73)", "uni",
    )  # fmt: skip
    unknown = table.iloc[-1]
    assert unknown["hex"] == CATEGORY_STYLE["unknown"][0]
    assert unknown["pattern"] == "points"


def test_a_workbooks_own_scale_is_listed_in_its_order_with_its_own_colours():
    scale = StatusScale(
        (
            StatusLabel("Terminé", "done", 2, colour="#112233"),
            StatusLabel("Pas d'information", "unknown", 3),
            StatusLabel("Lancé", "partial", 1),
        ),
        custom=True,
    )

    table = method_text.scale_table(scale, "en")

    assert table["label"].tolist() == ["Lancé", "Terminé", "Pas d'information"]
    assert table["label_en"].tolist() == ["—", "—", "—"]
    assert table["own_colour"].tolist() == ["—", "#112233", "—"]
    assert table["category"].tolist() == ["Partial", "Done", "Not assessed"]


def test_swatches_paint_colour_cells_and_nothing_else():
    scale = StatusScale((StatusLabel("Terminé", "done", 1, colour="#112233"),), custom=True)
    styler = method_text.styled_scale(method_text.scale_table(scale, "fr"))

    html = " ".join(styler.to_html().split())

    assert "background-color: #009E73; color: #000000;" in html  # the category's colour
    assert "background-color: #112233; color: #FFFFFF;" in html  # the workbook's, white text
    assert html.count("background-color") == 2


# --- Definitions, sources, format --------------------------------------------------------


def test_every_figure_of_the_brief_has_a_definition_in_french_and_english():
    keys = [
        key for _, definitions in method_text.DEFINITIONS for pair in definitions for key in pair
    ]
    titles = {
        t(title, "en") for _, definitions in method_text.DEFINITIONS for title, _ in definitions
    }

    assert all(key in CATALOG for key in keys)
    assert {
        "Current status", "Effective due date", "Overdue", "Past due, not assessed",
        "Not yet due", "Delay (days)", "Slip (days)", "Completion rate", "Retention counts",
        "Adoption delay", "Gap between plans", "Reply delay", "“Assessed by” filter",
    } <= titles  # fmt: skip


def test_the_overdue_definition_says_what_the_metric_does_with_an_unassessed_measure():
    ds = build(measures=[{"measure_id": "M1", "plan_id": "P1", "axis": "A", "title": "M",
                          "due_date": "2019-06-30"}])  # fmt: skip
    row = metrics.measure_table(ds, dt.date(2020, 1, 1)).iloc[0]

    assert not row["overdue"] and row["past_due_unassessed"]
    assert "non évaluée n'est jamais comptée en retard" in t("method.def.overdue.text", "fr")
    assert "not assessed is never counted as overdue" in t("method.def.overdue.text", "en")


def test_the_voice_definition_names_the_current_choice():
    text = t("method.def.voice.text", "fr", voice="Société civile")

    assert text.endswith("Choix actuel : Société civile.")


def test_the_french_dataset_has_its_reviewed_note_on_sources_and_the_demo_none():
    note = shipped.sources_note("france")

    assert note is not None and note.startswith("# Jeu de données par défaut")
    assert "[S1]" in note
    assert shipped.sources_note("demo") is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_format_documentation_exists_in_each_language(lang: str):
    doc = method_text.format_doc(lang)

    assert doc.name == f"workbook-format.{lang}.md"
    assert doc.exists()


def test_the_method_states_the_rules_of_partial_evidence_in_both_languages():
    titles = {
        t(title, "fr") for _, definitions in method_text.DEFINITIONS for title, _ in definitions
    }
    assert {"Verdicts publiés", "Dates imprécises", "Date de situation", "Périodes des plans"} <= (
        titles
    )
    params = method_text.definition_params("all", "fr")
    completion = t("method.def.completion.text", "fr", **params)
    assert "au moins 50\u202f%" in completion and "inconnu" in completion
    assert "at least 50%" in t("method.def.completion.text", "en", **method_text.definition_params(
        "all", "en"))  # fmt: skip
    assert "convention" in t("method.def.effective_due.text", "fr")
    delay = t("method.def.delay.text", "fr")
    assert "dernière évaluation" in delay and "au moins" in delay
    assert "années entières" in t("method.def.plan_years.text", "fr")
    assert "Aucun jour n'est inventé" in t("method.def.imprecise.text", "fr")


def test_the_sources_note_states_the_conventions_instead_of_never_guessed():
    for lang in ("fr", "en"):
        for key in ("method.sources.france", "app.france_banner"):
            assert "deviné" not in t(key, lang) and "guessed" not in t(key, lang)
    assert "années entières" in t("method.sources.france", "fr")
