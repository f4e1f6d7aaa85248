"""Overview charts, tested on the figures they return."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from monitoring.analysis.metrics import plan_summaries, plan_timeline
from monitoring.contract.dataset import dataset_from_records
from monitoring.present.charts.base import CATEGORY_STYLE, NoChart
from monitoring.present.charts.overview import plan_periods, retention_by_plan, status_by_plan

AS_OF = dt.date(2026, 11, 26)


def _dataset():
    plans = [
        {"plan_id": "P1", "title": "Plan <script>alert(1)</script>", "period_start": "2014-01-01",
         "period_end": "2016-12-31", "expected_date": "2013-10-01", "adopted_date": "2014-05-14"},
        {"plan_id": "P2", "title": "Second", "period_start": "2019-01-01",
         "period_end": "2021-12-31", "adopted_date": "2019-10-18", "previous_plan_id": "P1"},
    ]  # fmt: skip
    measures = [
        {"measure_id": f"M{i}", "plan_id": "P1", "number": i, "axis": "A", "title": f"m{i}"}
        for i in range(1, 5)
    ]
    updates = [
        {"measure_id": "M1", "as_of": "2015-01-01", "status": "Réalisée", "voice": "government"},
        {"measure_id": "M2", "as_of": "2015-01-01", "status": "En cours", "voice": "government"},
    ]
    return dataset_from_records({"plans": plans, "measures": measures, "status_updates": updates})


def test_status_chart_has_one_labelled_patterned_trace_per_category():
    summaries = plan_summaries(_dataset(), AS_OF)
    fig = status_by_plan(summaries, "fr")
    assert [trace.name for trace in fig.data] == [
        "Réalisée", "Partielle", "Non réalisée", "Abandonnée", "Non évaluée"
    ]  # fmt: skip
    done, partial, _, _, unknown = fig.data
    assert list(done.x) == [1, 0] and list(done.text) == ["1", ""]
    assert list(partial.x) == [1, 0]
    assert list(unknown.x) == [2, 0]
    patterns = {trace.marker.pattern.shape for trace in fig.data}
    assert len(patterns) == len(CATEGORY_STYLE)  # never colour alone
    assert fig.layout.title.text == "Mesures par statut"


def test_chart_labels_escape_user_text():
    fig = status_by_plan(plan_summaries(_dataset(), AS_OF), "en")
    label = fig.data[0].y[0]
    assert "<script>" not in label and "&lt;script&gt;" in label
    assert fig.layout.title.text == "Measures by status"


def _summary(plan_id: str, counts: dict[str, int], recorded: bool | None = None) -> dict:
    summary = {"plan_id": plan_id, "title": plan_id, "measures": 0, "retention_counts": counts}
    if recorded is not None:
        summary["retention_recorded"] = recorded
    return summary


RECORDED = {"retained": 2, "partly_retained": 1, "dropped_from_draft": 0, "not_retained": 3}
NONE = {"retained": 0, "partly_retained": 0, "dropped_from_draft": 0, "not_retained": 0}


def test_retention_chart_draws_only_the_plans_whose_retention_is_recorded():
    fig = retention_by_plan([_summary("P1", RECORDED), _summary("P2", NONE, False)], "en")
    assert [trace.name for trace in fig.data] == [
        "Retained", "Partly retained", "Dropped from draft", "Not retained"
    ]  # fmt: skip
    assert [list(trace.x) for trace in fig.data] == [[2], [1], [0], [3]]
    assert list(fig.data[0].y) == ["P1 — P1"]  # P2 records nothing: unknown, not zero


def test_retention_chart_with_nothing_recorded_is_a_sentence_saying_what_to_fill():
    summaries = plan_summaries(_dataset(), AS_OF)  # no retention sheet rows at all
    drawn = retention_by_plan(summaries, "fr")
    assert isinstance(drawn, NoChart)
    assert "Prise en compte" in drawn.text("fr") and "aucune prise en compte" in drawn.text("fr")
    assert "Retention" in drawn.text("en") or "recommendation" in drawn.text("en")
    flagged = retention_by_plan([_summary("P1", NONE, False)], "en")
    assert isinstance(flagged, NoChart)


def test_status_chart_with_no_measure_anywhere_is_a_sentence():
    drawn = status_by_plan([{**_summary("P1", NONE), "status_counts": {}}], "fr")
    assert isinstance(drawn, NoChart) and "Mesures" in drawn.text("fr")


def test_plan_periods_without_plans_is_a_sentence():
    empty = plan_timeline(_dataset()).iloc[0:0]
    assert isinstance(plan_periods(empty, AS_OF, "en"), NoChart)


def test_plan_periods_show_nothing_dated_after_the_as_of_date():
    fig = plan_periods(plan_timeline(_dataset()), dt.date(2018, 1, 1), "fr")
    first, second = fig.data[2].x  # the adoptions
    assert pd.isna(second)  # P2 adopted 18/10/2019: not known in 2018
    assert pd.Timestamp(first) == pd.Timestamp("2014-05-14")
    gaps = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(gaps) == 1 and pd.Timestamp(gaps[0].x1) == pd.Timestamp("2018-01-01")
    texts = [a.text for a in fig.layout.annotations]
    assert "au moins 366 jours sans plan" in texts  # from 31/12/2016, still open
    assert not any("1\u202f021" in str(text) for text in texts)


def test_plan_periods_shade_the_gap_between_plans_and_mark_the_as_of_date():
    fig = plan_periods(plan_timeline(_dataset()), AS_OF, "fr")
    gaps = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(gaps) == 1  # P1 ends 2016-12-31, P2 adopted 2019-10-18
    texts = [a.text for a in fig.layout.annotations]
    assert "1\u202f021 jours sans plan" in texts
    assert "26/11/2026" in texts
    assert [trace.name for trace in fig.data] == ["Période du plan", "Attendu le", "Adopté le"]


def test_before_any_adoption_the_overview_charts_are_sentences():
    early = dt.date(2010, 1, 1)
    assert isinstance(plan_periods(plan_timeline(_dataset(), early), early, "fr"), NoChart)
    drawn = status_by_plan(plan_summaries(_dataset(), early), "fr")
    assert isinstance(drawn, NoChart) and "aucun plan n'est encore adopté" in drawn.text("fr")


def test_a_plan_not_adopted_at_the_as_of_date_has_no_period_bar_but_its_open_gap():
    day = dt.date(2018, 1, 1)
    fig = plan_periods(plan_timeline(_dataset(), day), day, "en")
    period = fig.data[0]
    assert list(period.y) == ["P1", "P2"]
    assert pd.isna(list(period.base)[1])  # P2 not adopted yet: no period in force drawn
    texts = [a.text for a in fig.layout.annotations]
    assert "at least 366 days with no plan" in texts
    status = status_by_plan(plan_summaries(_dataset(), day), "en")
    assert list(status.data[0].y) == ["P1 — Plan &lt;script&gt;alert(1)&lt;/script&gt;"]
