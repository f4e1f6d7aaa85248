"""A plan's headline figures in words (`monitoring.present.figures_text`): unknown is never zero,
a rate shows its base, nothing after the as-of date is shown as known."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from monitoring.analysis.metrics import plan_summaries
from monitoring.contract.dataset import dataset_from_records
from monitoring.present import figures_text as ft

PLANS = [
    {"plan_id": "P1", "title": "Un", "period_start": "2014-01-01", "period_end": "2016-12-31",
     "expected_date": "2013-10-01", "adopted_date": "2014-05-14"},
    {"plan_id": "P2", "title": "Deux", "period_start": "2024-01-01", "period_end": "2027-12-31",
     "expected_date": "2023-10-01", "expected_latest": "2023-10-31",
     "adopted_date": "2023-12-11"},
]  # fmt: skip
MEASURES = [
    {"measure_id": f"M{i}", "plan_id": "P1", "number": i, "axis": "A", "title": f"m{i}"}
    for i in range(1, 5)
]


def summaries(as_of: dt.date, updates: list[dict] | None = None) -> list[dict]:
    ds = dataset_from_records(
        {"plans": PLANS, "measures": MEASURES, "status_updates": updates or []}
    )
    return plan_summaries(ds, as_of)


def update(measure: str, status: str) -> dict:
    return {"measure_id": measure, "as_of": "2015-06-01", "status": status, "voice": "government"}


def test_a_rate_is_given_with_its_base_only_above_the_coverage_threshold():
    few = summaries(dt.date(2016, 1, 1), [update("M1", "Réalisée")])[0]
    assert ft.completion_short(few, "fr") == "trop peu évaluées"
    assert "trop peu de mesures évaluées (1 sur 4)" in ft.completion_line(few, "fr")
    enough = summaries(dt.date(2016, 1, 1), [update("M1", "Réalisée"), update("M2", "En cours")])
    assert ft.completion_short(enough[0], "fr") == "25\u202f%"
    assert "2 mesures évaluées sur 4" in ft.completion_text(enough[0], "fr")
    none = summaries(dt.date(2016, 1, 1))[0]
    assert ft.completion_short(none, "en") == "unknown"


def test_retention_not_recorded_reads_not_recorded_never_zero():
    plan = summaries(dt.date(2016, 1, 1))[0]
    assert ft.retained_short(plan, "fr") == "non renseignée"
    assert "« Prise en compte »" in ft.retention_help("fr")


def test_before_its_adoption_a_plan_has_no_adoption_date_nor_delay():
    lines = ft.plan_lines(summaries(dt.date(2014, 1, 1))[0], dt.date(2014, 1, 1), "fr")
    text = " ".join(lines)
    assert "14 mai 2014" not in text and "Adopté " not in text  # no adoption, no delay
    assert "pas encore adopté au 01/01/2014" in text.lower()
    assert "92 jours après la date à laquelle il était attendu" in text  # since 01/10/2013


def test_an_awaited_plan_says_since_when_with_its_expected_date_as_known():
    day = dt.date(2023, 11, 30)
    text = " ".join(ft.plan_lines(summaries(day)[1], day, "fr"))
    assert "Adoption attendue : octobre 2023" in text  # known to the month, no day invented
    assert "30 jours après" in text  # from the latest bound, 31/10/2023
    assert "Au moins 2\u202f525 jours sans plan en vigueur au 30/11/2023" in text


def test_the_status_caption_names_the_voice_chosen():
    assert "toutes voix confondues" in ft.status_help("all", "fr")
    civil = ft.status_help("civil_society", "en")
    assert "all voices" not in civil and "“Civil society” voice only" in civil


def test_imprecise_dates_are_written_from_their_bounds():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2014-03-01", "2014-02-03", "2014-05-14"]),
            "date_latest": pd.to_datetime(["2014-03-31", "2014-03-31", None]),
        }
    )
    shown = ft.with_date_bounds(frame, "fr")
    assert shown["date"].tolist() == [
        "mars 2014", "entre le 03/02/2014 et le 31/03/2014", "14/05/2014",
    ]  # fmt: skip
    assert "date_latest" not in shown.columns
    assert ft.basis_label("plan_end", "fr") == "fin du plan (convention, non sourcée)"
    assert ft.basis_label(None, "fr") == "—"
