"""The page declarations as the dossier reads them: which charts and tables apply, and what
they say, on tiny data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.intake.loading import load_shipped
from monitoring.present import dossier, pages
from monitoring.present.charts.base import NoChart
from monitoring.present.sections import Selection, labelled
from monitoring.text.i18n import t

AS_OF = dt.date(2020, 12, 1)


def plan(plan_id: str, start: str, end: str, **extra: Any) -> dict:
    return {"plan_id": plan_id, "title": f"Plan {plan_id}", "period_start": start,
            "period_end": end, **extra}  # fmt: skip


def measure(measure_id: str, plan_id: str, number: int, due: str, lead: str = "Justice") -> dict:
    return {"measure_id": measure_id, "plan_id": plan_id, "number": number, "axis": "Axe 1",
            "title": f"Mesure {measure_id}", "due_date": due, "lead": lead}  # fmt: skip


def assessed(measure_id: str, as_of: str, status: str) -> dict:
    return {"measure_id": measure_id, "as_of": as_of, "status": status, "voice": "government",
            "assessor": "MIPROF"}  # fmt: skip


def tiny(*, retention: bool = False, letters: bool = False) -> Dataset:
    """Two plans; P2 has one measure overdue (due 2020-06-30, not done), one done."""
    records: dict[str, list[dict[str, Any]]] = {
        "plans": [
            plan("P1", "2016-01-01", "2018-12-31"),
            plan(
                "P2",
                "2019-01-01",
                "2021-12-31",
                expected_date="2018-12-31",
                adopted_date="2019-03-01",
            ),
        ],
        "measures": [
            measure("M1", "P1", 1, "2018-12-31"),
            measure("M2", "P2", 1, "2020-06-30", lead="Intérieur"),
            measure("M3", "P2", 2, "2020-06-30"),
        ],
        "status_updates": [
            assessed("M2", "2020-09-01", "Non réalisée"),
            assessed("M3", "2020-09-01", "Réalisée"),
        ],
    }
    if retention:
        records["recommendations"] = [
            {"rec_id": "R1", "author": "Collectif", "theme": "Victimes", "title": "Protéger"},
            {"rec_id": "R2", "author": "GRETA", "theme": "Enfants", "title": "=HYPERLINK()"},
        ]
        records["retention"] = [
            {"plan_id": "P2", "rec_id": "R1", "level": "retained", "measure_id": "M2"},
            {"plan_id": "P2", "rec_id": "R2", "level": "not_retained", "comment": "Écartée"},
        ]
    if letters:
        records["events"] = [
            {"event_id": "E1", "date": "2020-02-01", "kind": "letter", "title": "Lettre",
             "sender": "Collectif", "recipient": "Ministre"},
        ]  # fmt: skip
    return dataset_from_records(records)


def names(sel: Selection) -> list[str]:
    return dossier.chart_names(sel)


@pytest.mark.scale
def test_without_retention_or_letters_the_dossier_has_the_plan_delay_charts_only():
    sel = Selection(tiny(), AS_OF)

    assert names(sel) == [
        "plan-periods", "status-by-plan", "retention-by-plan", "timeline-P1", "timeline-P2",
        "by-lead",
    ]  # fmt: skip
    retention = dossier.charts(sel, only=["retention-by-plan"])[0]
    assert not retention.drawn  # the Overview's sentence, not an empty chart
    assert isinstance(retention.figure, NoChart)
    assert "Prise en compte" in retention.figure.text("fr")
    assert retention.title == "Prise en compte des recommandations"


def test_a_plan_of_which_nothing_is_known_is_one_sentence_in_the_dossier_not_a_chart():
    # P1's one measure has no assessment; P2's two are assessed.
    sel = Selection(tiny(), AS_OF)
    p1, p2 = dossier.charts(sel, only=["timeline-P1", "timeline-P2"])

    assert isinstance(p1.figure, NoChart) and not p1.drawn
    assert p1.figure.text("fr").startswith(
        "Rien n'est encore connu du plan P1 — Plan P1 au 01/12/2020 (Toutes les voix) : sa "
        "mesure n'a pas de statut renseigné."
    )
    assert "none of its" not in p1.figure.text("en") and "its measure has no" in p1.figure.text(
        "en"
    )
    assert p1.title == "Mesures, échéances et retards — P1"
    assert p2.drawn and not isinstance(p2.figure, NoChart)


def test_what_is_known_is_read_in_the_voice_of_the_dossier():
    # P2's statuses come from the government: read in civil society's voice, nothing is known.
    sel = Selection(tiny(), AS_OF, voice="civil_society")
    (p2,) = dossier.charts(sel, only=["timeline-P2"])

    assert isinstance(p2.figure, NoChart)
    assert "aucune de ses 2 mesures" in p2.figure.text("fr")
    assert "(Société civile)" in p2.figure.text("fr")


@pytest.mark.scale
def test_retention_recorded_brings_the_adoption_gap_charts_and_letters_the_timeline_ones():
    sel = Selection(tiny(retention=True, letters=True), AS_OF)

    assert names(sel) == [
        "plan-periods", "status-by-plan", "retention-by-plan", "retention-by-author",
        "retention-by-theme", "coverage", "sankey-by-author", "timeline-P1", "timeline-P2",
        "by-lead", "events", "reply-rates",
    ]  # fmt: skip


def test_choosing_plans_narrows_every_chart_to_them():
    sel = Selection(tiny(), AS_OF, plans=("P2",))

    built = dossier.charts(sel)

    assert [c.name for c in built] == [
        "plan-periods", "status-by-plan", "retention-by-plan", "timeline-P2", "by-lead",
    ]  # fmt: skip
    status = built[1].figure
    assert [bar.y[0] for bar in status.data] == ["P2 — Plan P2"] * len(status.data)
    assert all(c.plans == ("P2",) for c in built)


@pytest.mark.scale
def test_no_lead_is_late_before_the_due_date_so_the_by_lead_chart_is_left_out():
    sel = Selection(tiny(), dt.date(2020, 6, 1))

    assert "by-lead" not in names(sel)


@pytest.mark.scale
def test_each_chart_says_what_it_shows_and_where_its_figures_come_from_in_both_languages():
    for lang in ("fr", "en"):
        sel = Selection(tiny(retention=True, letters=True), AS_OF, lang)
        for chart in dossier.charts(sel):
            assert chart.title and chart.image_title and chart.shows and chart.source
            assert chart.image_title in chart.title
    timeline = dossier.charts(Selection(tiny(), AS_OF, "fr"), only=["timeline-P2"])[0]
    assert timeline.title.endswith("— P2")
    assert "P2 — Plan P2" in timeline.shows
    assert "01/12/2020" in timeline.source


def test_only_builds_the_charts_named():
    sel = Selection(tiny(), AS_OF)

    assert [c.name for c in dossier.charts(sel, only=["by-lead", "timeline-P1"])] == [
        "timeline-P1",
        "by-lead",
    ]


def test_key_figures_count_each_plan_as_the_overview_does():
    sel = Selection(tiny(), AS_OF, "en")

    frame = labelled(pages.key_figures(sel.summaries(), "en"), pages.KEY_FIGURES, sel)

    p2 = frame.set_index("Plan").loc["P2"]
    # M2 not done and past due (overdue), M3 done: 1 of 2 done.
    assert p2["Measures"] == 2
    assert p2[t("category.done", "en")] == 1
    assert p2[t("category.not_done", "en")] == 1
    assert p2["Completion rate"] == pytest.approx(0.5)
    assert p2["Overdue"] == 1
    assert p2["Adoption delay (days)"] == 60  # 2018-12-31 → 2019-03-01
    assert p2["Gap before (days)"] == 60  # P1 ended 2018-12-31, P2 adopted 2019-03-01


@pytest.mark.scale
def test_tables_follow_the_pages_and_their_sheet_names_fit_excel():
    for lang in ("fr", "en"):
        sel = Selection(tiny(retention=True, letters=True), AS_OF, lang)
        built = dossier.tables(sel)
        assert [table.name for table in built] == [
            "key-figures", "overdue", "unassessed", "not-taken-up", "measures", "events",
            "reply-rates", "unanswered", "status-scale", "source-coverage",
        ]  # fmt: skip
        sheets = [table.sheet for table in built]
        assert len(set(sheets)) == len(sheets)
        assert all(len(sheet) <= 31 for sheet in sheets)


def test_table_columns_carry_the_labels_the_pages_show_not_the_ids():
    sel = Selection(tiny(), AS_OF, "fr")

    overdue = next(table for table in dossier.tables(sel) if table.name == "overdue").frame

    assert list(overdue.columns) == [
        "Plan", "N°", "Intitulé", "Jours de retard (au moins)", "Échéance effective",
        "Échéance fixée par", "Statut", "Pilote", "Évalué par", "Source",
    ]  # fmt: skip
    assert overdue.iloc[0]["Intitulé"] == "Mesure M2"
    # Due 2020-06-30, last assessed 2020-09-01: counted up to the evidence, not to as-of.
    assert overdue.iloc[0]["Jours de retard (au moins)"] == 63
    assert overdue.iloc[0]["Échéance fixée par"] == "échéance de la mesure (sourcée)"


def test_without_retention_the_recommendations_are_listed_as_the_gaps_page_does():
    ds = tiny(retention=True)
    no_retention = Dataset(
        tables={**ds.tables, "retention": ds.retention.iloc[0:0]}, scale=ds.scale
    )

    built = [t.name for t in dossier.tables(Selection(no_retention, AS_OF))]

    assert "not-taken-up" not in built
    assert {"recommendation-counts", "recommendations"} <= set(built)


def test_not_taken_up_lists_the_recommendation_a_plan_did_not_retain():
    sel = Selection(tiny(retention=True), AS_OF, "fr")

    frame = pages.not_taken_up(sel)

    assert frame["rec_id"].tolist() == ["R2"]
    assert frame["level"].tolist() == ["not_retained"]  # a code: the specs put it in words
    table = next(table for table in dossier.tables(sel) if table.name == "not-taken-up")
    assert table.frame["Prise en compte"].tolist() == ["Non retenue"]


@pytest.mark.parametrize(
    ("lang", "header", "written"), [("fr", "Date", "mars 2014"), ("en", "Issued on", "March 2014")]
)
@pytest.mark.scale
def test_the_dossier_names_a_recommendation_dated_by_a_month_by_its_month(lang, header, written):
    ds = tiny(retention=True)
    recs = ds.recommendations.assign(
        issued_on=pd.to_datetime(["2013-06-01", "2014-03-01"]),
        issued_latest=pd.to_datetime([None, "2014-03-31"]),
    )
    ds = Dataset(tables={**ds.tables, "recommendations": recs}, scale=ds.scale)
    built = dossier.tables(Selection(ds, AS_OF, lang))

    left_out = next(table for table in built if table.name == "not-taken-up").frame
    assert left_out[header].tolist() == [written]  # R2, not its first day
    assert not {"Au plus tard le", "Latest date", "issued_latest"} & set(left_out.columns)


@pytest.mark.subprocess
@pytest.mark.parametrize("key", ["france", "demo"])
def test_every_shipped_dataset_builds_its_charts_and_tables(key: str):
    sel = Selection(load_shipped(key), dt.date(2025, 6, 1), "fr")

    charts, tables = dossier.charts(sel), dossier.tables(sel)

    assert {"plan-periods", "status-by-plan", "events"} <= {c.name for c in charts}
    plans = sel.plan_ids()
    assert [c.name for c in charts if c.name.startswith("timeline-")] == [
        f"timeline-{p}" for p in plans
    ]
    assert {"key-figures", "measures", "sources"} <= {table.name for table in tables}
    documented = key == "demo"  # the French workbook records no retention yet
    assert ("sankey-by-author" in {c.name for c in charts}) is documented


@pytest.mark.scale
def test_before_any_adoption_the_dossier_draws_nothing_dated_later():
    sel = Selection(tiny(retention=True, letters=True), dt.date(2000, 1, 1))
    built = dossier.charts(sel)
    assert [c.name for c in built] == ["plan-periods", "status-by-plan", "retention-by-plan"]
    assert not any(c.drawn for c in built)  # three sentences, no image
    # Retention is recorded, but for plans not adopted yet: not known at that date.
    assert "retention-by-author" not in names(sel)
