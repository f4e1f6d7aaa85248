"""No user text becomes HTML in a chart: plotly renders <a href>, <b>, <br> and <span> in
names, tick labels, hover texts and annotations, so every text from a workbook (plan and
measure titles, axes, leads, authors, themes, senders, recipients, assessors, ids) is
escaped where it goes into a figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from monitoring.analysis.measure_detail import measure_detail
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import dossier, measure_text
from monitoring.present.charts.base import NoChart
from monitoring.present.charts.measures import status_history
from monitoring.present.sections import Selection

pytestmark = pytest.mark.scale

AS_OF = dt.date(2020, 12, 1)
LINK = '<a href="javascript:alert(1)">x</a>'
BOLD = "<b>gras</b>"


def worded_detail(ds, measure_id, as_of, voice, lang):
    """`measure_detail` as the detail view shows it in `lang` (None: no such measure)."""
    found = measure_detail(ds, measure_id, as_of, voice)
    return None if found is None else measure_text.worded(found, ds.scale, lang)


def evil(label: str) -> str:
    """A workbook text carrying a link and bold markup (short, so no label cuts it)."""
    return f"{label} {LINK} {BOLD}"


P1, P2 = evil("P1"), evil("P2")
M1, M2, M3 = evil("M1"), evil("M2"), evil("M3")


def hostile() -> Dataset:
    """Two plans, overdue and done measures, retention, letters and replies: every chart
    of every page applies, and every text the workbook gives carries markup."""
    return dataset_from_records(
        {
            "plans": [
                {"plan_id": P1, "title": evil("Plan"), "period_start": "2016-01-01",
                 "period_end": "2018-12-31"},
                {"plan_id": P2, "title": evil("Plan"), "period_start": "2019-06-01",
                 "period_end": "2021-12-31", "expected_date": "2018-12-31",
                 "adopted_date": "2019-06-01", "previous_plan_id": P1},
            ],
            "measures": [
                {"measure_id": M1, "plan_id": P1, "number": 1, "axis": evil("Axe"),
                 "title": evil("Mesure"), "due_date": "2018-12-31", "lead": evil("Justice")},
                {"measure_id": M2, "plan_id": P2, "number": 1, "axis": evil("Axe"),
                 "title": evil("Mesure"), "due_date": "2020-06-30", "lead": evil("Intérieur")},
                {"measure_id": M3, "plan_id": P2, "number": 2, "axis": evil("Axe 2"),
                 "title": evil("Mesure"), "due_date": "2020-06-30"},
            ],
            "status_updates": [
                {"measure_id": M2, "as_of": "2020-03-01", "status": "En cours",
                 "voice": "government", "assessor": evil("MIPROF"),
                 "revised_due_date": "2020-09-30"},
                {"measure_id": M2, "as_of": "2020-11-01", "status": "Non réalisée",
                 "voice": "civil_society", "assessor": evil("Collectif")},
                {"measure_id": M3, "as_of": "2020-09-01", "status": "Réalisée",
                 "voice": "independent", "assessor": evil("GRETA"),
                 "completed_on": "2020-08-15"},
            ],
            "recommendations": [
                {"rec_id": "R1", "author": evil("Collectif"), "theme": evil("Victimes"),
                 "title": evil("Protéger")},
                {"rec_id": "R2", "author": evil("GRETA"), "theme": evil("Enfants"),
                 "title": evil("Former")},
            ],
            "retention": [
                {"plan_id": P2, "rec_id": "R1", "level": "retained", "measure_id": M2},
                {"plan_id": P2, "rec_id": "R2", "level": "not_retained",
                 "comment": evil("Écartée")},
            ],
            "events": [
                {"event_id": "E1", "date": "2020-02-01", "kind": "letter",
                 "title": evil("Lettre"), "sender": evil("Collectif"),
                 "recipient": evil("Ministre")},
                {"event_id": "E2", "date": "2020-03-01", "kind": "reply",
                 "title": evil("Réponse"), "sender": evil("Ministre"),
                 "recipient": evil("Collectif"), "reply_to": "E1", "plan_id": P2},
                {"event_id": "E3", "date": "2020-04-01", "kind": "letter",
                 "title": evil("Relance"), "sender": evil("Collectif"),
                 "recipient": evil("Premier ministre")},
            ],
        }
    )  # fmt: skip


def strings(value: Any) -> Iterator[str]:
    """Every string of a figure's JSON, wherever it sits (data, layout, annotations)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif isinstance(value, np.ndarray | pd.Series | pd.Index):
        yield from strings(list(np.asarray(value, dtype=object).ravel()))


def unescaped(fig: go.Figure) -> list[str]:
    """The texts of `fig` that carry the workbook's markup as markup."""
    return [
        s for s in strings(fig.to_plotly_json()) if "<a " in s.lower() or "<b>gras" in s.lower()
    ]


def escaped_count(fig: go.Figure) -> int:
    """How many texts of `fig` carry the workbook's markup escaped (shown as written)."""
    return sum("&lt;a href=" in s or "&lt;b&gt;gras" in s for s in strings(fig.to_plotly_json()))


def every_figure(lang: str) -> dict[str, go.Figure]:
    """Every chart of every page on the hostile dataset, by name (a chart with nothing to
    draw is a sentence, not a figure: it has no plotly text to check)."""
    ds = hostile()
    sel = Selection(ds, AS_OF, lang)
    figures = {
        chart.name: chart.figure
        for chart in dossier.charts(sel)
        if not isinstance(chart.figure, NoChart)
    }
    detail = worded_detail(ds, M2, AS_OF, "all", lang)
    assert detail is not None
    figures["status-history"] = status_history(
        detail.history, scale=ds.scale, as_of=AS_OF, lang=lang
    )
    return figures


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_of_every_page_is_built_from_the_hostile_dataset(lang):
    names = set(every_figure(lang))

    expected = {
        "plan-periods", "status-by-plan", "retention-by-plan", "retention-by-author",
        "retention-by-theme", "coverage", "sankey-by-author", "by-lead", "events",
        "reply-rates", "status-history",
    }  # fmt: skip
    assert expected <= names
    assert any(name.startswith("timeline-") for name in names)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_workbook_text_reaches_a_chart_as_markup(lang):
    for name, fig in every_figure(lang).items():
        assert unescaped(fig) == [], name


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_workbook_texts_reach_every_chart_escaped(lang):
    """The test above means something only if the texts do reach the figures."""
    for name, fig in every_figure(lang).items():
        assert escaped_count(fig) > 0, name


def test_the_scan_finds_markup_wherever_plotly_keeps_it():
    fig = go.Figure(go.Bar(y=["ok"], x=[1], customdata=np.array([[LINK]], dtype=object)))
    assert unescaped(fig) == [LINK]
    fig = go.Figure()
    fig.add_annotation(text=BOLD, x=0, y=0)
    assert unescaped(fig) == [BOLD]
    fig = go.Figure(go.Bar(y=[1], x=[1]))
    fig.update_yaxes(ticktext=[BOLD], tickvals=[1])
    assert unescaped(fig) == [BOLD]
