"""Delays charts, tested on the figures they return (`fig.data`, `fig.layout`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from monitoring.analysis import delays
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import delay_tables
from monitoring.present.charts.base import CATEGORY_STYLE, NoChart
from monitoring.present.charts.delays import (
    LINE_PX,
    ROW_HEIGHT,
    TITLE_CHARS,
    lead_delays,
    measure_timeline,
)

AS_OF = dt.date(2020, 12, 1)
DAY_MS = 86_400_000


def build(measures: list[dict[str, Any]], updates: list[dict[str, Any]]) -> Dataset:
    return dataset_from_records(
        {
            "plans": [{"plan_id": "P1", "title": "Plan 1", "period_start": "2020-01-01",
                       "period_end": "2021-12-31"}],
            "measures": [{"plan_id": "P1", "axis": "Axe 1", "lead": "Justice", **m}
                         for m in measures],
            "status_updates": updates,
        }
    )  # fmt: skip


def sample() -> Dataset:
    """M1 overdue after two moves; M2 done late; M3 never assessed, past due."""
    return build(
        [
            {"measure_id": "M1", "number": 1, "title": "Former <b>les</b> juges",
             "due_date": "2020-03-31"},
            {"measure_id": "M2", "number": 2, "title": "Publier le guide",
             "due_date": "2020-06-30"},
            {"measure_id": "M3", "number": 3, "title": "Évaluer", "due_date": "2020-09-30",
             "axis": "Axe 2"},
        ],
        [
            {"measure_id": "M1", "as_of": "2020-03-01", "status": "En cours",
             "voice": "government", "revised_due_date": "2020-06-30"},
            {"measure_id": "M1", "as_of": "2020-06-01", "status": "Non réalisée",
             "voice": "government", "revised_due_date": "2020-10-31"},
            {"measure_id": "M2", "as_of": "2020-08-01", "status": "Réalisée",
             "voice": "civil_society", "completed_on": "2020-07-31"},
        ],
    )  # fmt: skip


def timeline(ds: Dataset | None = None, lang: str = "fr"):
    ds = ds or sample()
    rows = delay_tables.timeline_rows(ds, delays.timeline_rows(ds, AS_OF), lang)
    return measure_timeline(rows, delays.revised_due_dates(ds, AS_OF), as_of=AS_OF, lang=lang)


def trace(fig, name: str):
    return next(d for d in fig.data if d.name == name)


def test_each_status_has_its_own_named_bar_trace_with_colour_and_pattern():
    fig = timeline()

    bars = {d.name: d for d in fig.data if d.type == "bar"}

    assert set(bars) == {"Réalisée", "Non réalisée", "Non évaluée"}
    assert bars["Non réalisée"].marker.color == CATEGORY_STYLE["not_done"][0]
    assert bars["Non réalisée"].marker.pattern.shape == CATEGORY_STYLE["not_done"][1]
    assert bars["Non évaluée"].marker.pattern.shape == CATEGORY_STYLE["unknown"][1]
    assert list(bars["Non réalisée"].y) == ["M1"]


def test_a_bar_runs_from_the_plan_start_to_the_original_due_date():
    bar = trace(timeline(), "Réalisée")

    assert list(bar.base) == ["2020-01-01"]
    assert list(bar.x) == [181 * DAY_MS]  # 1 January → 30 June 2020 (a leap year)


def test_every_known_revised_due_date_gets_a_diamond_on_the_measure_row():
    revised = trace(timeline(), "Échéance révisée")

    points = [
        (x, y, size)
        for x, y, size in zip(revised.x, revised.y, revised.marker.size, strict=True)
        if x is not None
    ]

    assert revised.marker.symbol == "diamond"
    assert points == [("2020-03-31", "M1", 0), ("2020-06-30", "M1", 11), ("2020-10-31", "M1", 11)]


def test_an_overdue_measure_gets_a_span_from_its_effective_due_date_to_the_as_of_date():
    late = trace(timeline(), "Retard")

    assert [x for x in late.x if x] == ["2020-10-31", "2020-12-01"]
    assert set(y for y in late.y if y) == {"M1"}
    # Due 31/10/2020, last assessed 01/06/2020: no evidence after the due date, no delay.
    assert late.hovertext[0] == (
        "Échéance dépassée après la dernière évaluation, le 01/06/2020 : retard non compté"
    )


def test_a_delay_runs_only_up_to_the_last_assessment_and_says_at_least():
    ds = build(
        [{"measure_id": "M1", "number": 1, "title": "T", "due_date": "2020-03-31"}],
        [{"measure_id": "M1", "as_of": "2020-05-30", "status": "En cours",
          "voice": "government"}],
    )  # fmt: skip
    late = trace(timeline(ds), "Retard")
    assert late.hovertext[0] == "En retard d'au moins 60 jours ; dernière évaluation le 30/05/2020"


def test_a_deadline_on_the_plan_end_convention_says_so_in_the_hover():
    ds = build(
        [{"measure_id": "M1", "number": 1, "title": "T"}],  # no due date: the plan's end
        [{"measure_id": "M1", "as_of": "2020-05-30", "status": "En cours",
          "voice": "government"}],
    )  # fmt: skip
    bars = [d for d in timeline(ds).data if d.type == "bar"]
    hover = " ".join(str(h) for bar in bars for h in (bar.hovertext or ()))
    assert "Échéance : fin du plan (convention, aucune échéance sourcée)" in hover


def test_a_completion_date_gets_a_star():
    done = trace(timeline(), "Réalisée le")

    assert (list(done.x), list(done.y), done.marker.symbol) == (["2020-07-31"], ["M2"], "star")


def test_the_as_of_date_is_a_labelled_vertical_line():
    fig = timeline()

    line = fig.layout.shapes[0]
    assert (line.x0, line.x1, line.yref) == ("2020-12-01", "2020-12-01", "paper")
    assert fig.layout.annotations[0].text == "Situation au 01/12/2020"
    assert timeline(lang="en").layout.annotations[0].text == "As of 2020-12-01"


def test_rows_are_grouped_under_an_axis_header_and_labelled_number_and_escaped_title():
    fig = timeline()

    labels = list(fig.layout.yaxis.ticktext)
    keys = list(fig.layout.yaxis.tickvals)

    assert labels == [
        "<b>Axe 1</b>",
        "1. Former &lt;b&gt;les&lt;/b&gt; juges",
        "2. Publier le guide",
        "<b>Axe 2</b>",
        "3. Évaluer",
    ]
    assert keys[1:3] == ["M1", "M2"] and keys[4] == "M3"
    assert list(fig.layout.yaxis.categoryarray) == keys


def test_a_long_title_is_wrapped_whole_on_the_row_and_in_the_hover():
    title = "Renforcer " + "la coordination interministérielle " * 4
    ds = build([{"measure_id": "M1", "number": 7, "title": title, "due_date": "2020-06-30"}], [])

    fig = timeline(ds)

    label = fig.layout.yaxis.ticktext[1]
    lines = label.split("<br>")
    assert " ".join(lines) == "7. " + title.strip()  # every word, none cut
    assert len(lines) > 1 and all(len(line) <= TITLE_CHARS for line in lines)
    # The rows kept empty around it give its lines room: none runs into the next row.
    rows = list(fig.layout.yaxis.categoryarray)
    slot = len(rows) - len(fig.layout.yaxis.tickvals) + 1
    assert slot * ROW_HEIGHT >= LINE_PX * len(lines) and rows.index("M1") == 1 + slot // 2
    assert fig.layout.height >= 170 + ROW_HEIGHT * len(rows)
    hover = trace(fig, "Non évaluée").hovertext[0]
    assert "Échue, non évaluée" in hover
    assert hover.replace("<br>", " ").count("coordination") == 4


def test_the_timeline_grows_with_the_number_of_rows():
    small = timeline()
    many = build(
        [{"measure_id": f"M{i}", "number": i, "title": f"Mesure {i}"} for i in range(40)], []
    )

    assert timeline(many).layout.height > small.layout.height + 30 * 20


def test_several_plans_name_the_plan_in_each_group_header():
    ds = dataset_from_records(
        {
            "plans": [{"plan_id": p, "title": p, "period_start": start, "period_end": end}
                      for p, start, end in [("P1", "2020-01-01", "2021-12-31"),
                                            ("P2", "2022-01-01", "2023-12-31")]],
            "measures": [{"measure_id": m, "plan_id": p, "number": 1, "axis": "Axe 1",
                          "title": "Une"} for m, p in [("Q1", "P2"), ("M1", "P1")]],
        }
    )  # fmt: skip

    in_force = dt.date(2022, 2, 1)  # both plans started by then (no adoption date given)
    rows = delays.timeline_rows(ds, in_force)
    figure = measure_timeline(rows, delays.revised_due_dates(ds, in_force), as_of=in_force)
    labels = list(figure.layout.yaxis.ticktext)

    assert labels == ["<b>P1 · Axe 1</b>", "1. Une", "<b>P2 · Axe 1</b>", "1. Une"]


def test_timeline_legend_and_title_are_in_english_on_the_english_page():
    fig = timeline(lang="en")

    names = {d.name for d in fig.data if d.showlegend is not False}

    assert {"Done", "Not done", "Not assessed", "Revised due date", "Delay"} <= names
    assert fig.layout.title.text == "Measures, due dates and delays"


def leads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead": ["Ministère <i>A</i>", pd.NA],
            "overdue": [3, 2],
            "median_days_late": [1791.0, 20.5],
            "max_days_late": pd.array([2000, 30], dtype="Int64"),
            "measures": [5, 2],
        }
    )


def test_lead_chart_shows_overdue_counts_and_median_days_late_per_lead():
    fig = lead_delays(leads(), lang="fr")

    counts, medians = fig.data

    assert list(counts.y) == ["Ministère &lt;i&gt;A&lt;/i&gt;", "Pilote non renseigné"]
    assert list(counts.x) == [3, 2]
    assert list(medians.x) == [1791.0, 20.5]
    assert list(medians.text) == ["1\u202f791", "20"]
    assert medians.xaxis == "x2" and counts.xaxis == "x"


def test_lead_chart_speaks_english_on_the_english_page():
    fig = lead_delays(leads(), lang="en")

    assert fig.data[0].y[1] == "Lead not given"
    assert fig.layout.title.text == "Overdue measures by lead"
    assert fig.data[1].text[0] == "1,791"


def test_lead_chart_says_its_medians_are_lower_bounds():
    fig = lead_delays(leads(), lang="fr")
    assert fig.data[1].name == "Retard médian, au moins (jours)"


def test_no_overdue_measure_is_a_sentence_not_an_empty_chart():
    drawn = lead_delays(leads().iloc[0:0], lang="en")
    assert isinstance(drawn, NoChart)
    assert "no measure with a lead is overdue" in drawn.text("en")


def test_a_lead_whose_overdue_delays_are_not_counted_reads_unknown_not_an_error():
    unknown = leads().assign(
        median_days_late=[float("nan"), 20.5],
        max_days_late=pd.array([pd.NA, 30], dtype="Int64"),
    )
    fig = lead_delays(unknown, lang="fr")
    assert (
        "retard médian : non calculable<br>le plus long : non calculable"
        in (fig.data[0].hovertext[0])
    )
    assert fig.data[1].text[0] == "—"
