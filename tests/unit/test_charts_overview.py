"""Overview charts, tested on the figures they return."""

from __future__ import annotations

import datetime as dt

from monitoring.charts.base import CATEGORY_STYLE
from monitoring.charts.overview import plan_periods, retention_by_plan, status_by_plan
from monitoring.dataset import dataset_from_records
from monitoring.metrics import plan_summaries, plan_timeline

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


def test_retention_chart_counts_recommendations_per_level():
    summaries = plan_summaries(_dataset(), AS_OF)
    fig = retention_by_plan(summaries, "en")
    assert [trace.name for trace in fig.data] == [
        "Retained", "Partly retained", "Dropped from draft", "Not retained"
    ]  # fmt: skip
    assert all(list(trace.x) == [0, 0] for trace in fig.data)


def test_plan_periods_shade_the_gap_between_plans_and_mark_the_as_of_date():
    fig = plan_periods(plan_timeline(_dataset()), AS_OF, "fr")
    gaps = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(gaps) == 1  # P1 ends 2016-12-31, P2 adopted 2019-10-18
    texts = [a.text for a in fig.layout.annotations]
    assert "1\u202f021 jours sans plan" in texts
    assert "26/11/2026" in texts
    assert [trace.name for trace in fig.data] == ["Période du plan", "Attendu le", "Adopté le"]
