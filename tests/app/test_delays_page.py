"""AppTest: the Delays page (« Retards ») on both datasets, in both languages.

Expected figures are computed here from the shipped workbooks, through the metrics'
definitions (`measure_table`) or straight from the raw sheets, never from the page.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.dataset import Dataset
from monitoring.loading import load_shipped
from monitoring.metrics import measure_table
from tests.app.helpers import assert_page_ok

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"
DAY = dt.date.fromisoformat(AS_OF)


def run_page(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/delays.py").run()
    return at


@cache
def shipped(name: str) -> Dataset:
    return load_shipped(name)


@cache
def table(name: str, as_of: dt.date = DAY) -> pd.DataFrame:
    return measure_table(shipped(name), as_of)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def shown_table(at: AppTest, shows: str, hides: str = "") -> pd.DataFrame:
    """The rows of the table whose visible columns include `shows` (and not `hides`)."""
    for table_element in at.dataframe:
        visible = list(table_element.proto.column_order)
        if shows in visible and hides not in visible:
            return table_element.value
    raise AssertionError(f"no table shows {shows!r}")


def timeline_spec(at: AppTest) -> dict:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(s for s in specs if s["layout"]["yaxis"].get("tickvals"))


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_delays_page_runs_for_each_dataset_and_language(dataset, lang):
    at = run_page(dataset=dataset, lang=lang, as_of=AS_OF)

    assert_page_ok(at)
    assert at.title[0].value == ("Retards" if lang == "fr" else "Delays")
    assert at.get("plotly_chart"), "the timeline is drawn"
    assert all(m.help for m in at.metric)


def test_demo_headline_figures_follow_the_definitions():
    at = run_page(dataset="demo", as_of=AS_OF)
    expected = table("demo")

    assert metric(at, "En retard") == str(int(expected["overdue"].sum()))
    assert metric(at, "Échues, non évaluées") == str(int(expected["past_due_unassessed"].sum()))
    assert metric(at, "Pas encore échues") == str(int(expected["not_yet_due"].sum()))
    assert metric(at, "Échéances repoussées") == str(int((expected["slip_days"] != 0).sum()))


def test_demo_overdue_table_lists_every_overdue_measure_most_days_late_first():
    at = run_page(dataset="demo", as_of=AS_OF)
    expected = table("demo")
    overdue = expected[expected["overdue"]]

    shown = shown_table(at, "days_late")

    assert sorted(shown["measure_id"]) == sorted(overdue["measure_id"])
    assert shown["days_late"].is_monotonic_decreasing
    # Delays run up to each measure's last assessment, not to the as-of date.
    assert shown["days_late"].iloc[0] == overdue["delay_days"].max()


def test_demo_slips_count_every_move_of_a_deadline_known_at_the_date():
    at = run_page(dataset="demo", as_of=AS_OF)
    updates = shipped("demo").status_updates
    known = updates[updates["revised_due_date"].notna() & (updates["as_of"] <= pd.Timestamp(DAY))]
    moves_per_measure = known.groupby("measure_id").size()
    # The demo never repeats a deadline already in force, so each revision is one move.
    slips = shown_table(at, "times_moved")

    assert len(slips) == len(moves_per_measure)
    assert int(slips["times_moved"].sum()) == len(known)
    assert slips["slip_days"].is_monotonic_decreasing


def test_timeline_defaults_to_the_most_recent_plan_with_every_revision_marked():
    at = run_page(dataset="demo", as_of=AS_OF)
    ds = shipped("demo")
    latest = ds.plans.sort_values("period_start")["plan_id"].iloc[-1]
    measures = set(ds.measures.loc[ds.measures["plan_id"] == latest, "measure_id"])
    updates = ds.status_updates
    revisions = updates[
        updates["measure_id"].isin(measures)
        & updates["revised_due_date"].notna()
        & (updates["as_of"] <= pd.Timestamp(DAY))
    ]

    spec = timeline_spec(at)
    rows = {v for v in spec["layout"]["yaxis"]["tickvals"] if v in set(ds.measures["measure_id"])}
    revised = next(d for d in spec["data"] if d.get("name") == "Échéance révisée")

    assert at.selectbox(key="delays_plan").value == latest
    assert rows == measures
    assert sum(1 for size in revised["marker"]["size"] if size) == len(revisions)
    assert spec["layout"]["annotations"][0]["text"] == "Situation au 26/11/2026"


def test_at_an_early_date_the_timeline_shows_the_plan_then_in_force_and_says_nothing_is_late():
    at = run_page(dataset="demo", lang="en", as_of="2019-06-01")
    ds = shipped("demo")
    started = ds.plans[ds.plans["period_start"] <= pd.Timestamp("2019-06-01")]

    assert at.selectbox(key="delays_plan").value == started["plan_id"].iloc[-1]
    assert_page_ok(at)


def test_choosing_another_plan_on_the_page_redraws_the_timeline():
    at = run_page(dataset="demo", as_of=AS_OF)
    ds = shipped("demo")
    first = ds.plans.sort_values("period_start")["plan_id"].iloc[0]

    at.selectbox(key="delays_plan").set_value(first).run()

    rows = set(timeline_spec(at)["layout"]["yaxis"]["tickvals"])
    assert_page_ok(at)
    assert set(ds.measures.loc[ds.measures["plan_id"] == first, "measure_id"]) <= rows


def test_plans_chosen_in_the_sidebar_replace_the_page_selector():
    at = run_page(dataset="demo", as_of=AS_OF, plan=["DEMO-A", "DEMO-B"])
    ds = shipped("demo")

    rows = set(timeline_spec(at)["layout"]["yaxis"]["tickvals"])

    assert_page_ok(at)
    assert not [s for s in at.selectbox if s.key == "delays_plan"]
    chosen = ds.measures["plan_id"].isin(["DEMO-A", "DEMO-B"])
    assert set(ds.measures.loc[chosen, "measure_id"]) <= rows
    assert not set(ds.measures.loc[~chosen, "measure_id"]) & rows


def test_demo_delay_by_lead_groups_measures_without_a_lead():
    at = run_page(dataset="demo", as_of=AS_OF)
    overdue = table("demo")[table("demo")["overdue"]]

    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    counts = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"], strict=True))

    assert counts["Pilote non renseigné"] == int(overdue["lead"].isna().sum())
    assert sum(counts.values()) == len(overdue)


def test_french_page_keeps_unassessed_measures_apart_from_late_ones():
    at = run_page(dataset="france", lang="fr", as_of=AS_OF)
    expected = table("france")

    unassessed = int(expected["past_due_unassessed"].sum())
    assert unassessed > int(expected["overdue"].sum()), "most French measures are unassessed"
    assert metric(at, "En retard") == str(int(expected["overdue"].sum()))
    assert metric(at, "Échues, non évaluées") == str(unassessed)
    assert any("rien ne montre qu'elles ne sont pas réalisées" in i.value for i in at.info)
    listed = shown_table(at, "assessed_by", hides="days_late")
    assert len(shown_table(at, "days_late")) == int(expected["overdue"].sum())
    assert len(listed) == unassessed
    assert set(listed["status"]) == {"Non évaluée"}
    assert len(shown_table(at, "days_left")) == int(expected["not_yet_due"].sum())


def test_french_page_says_no_deadline_moved_and_what_to_fill_in():
    at = run_page(dataset="france", lang="fr", as_of=AS_OF)

    assert any("Aucune échéance révisée" in i.value for i in at.info)


def test_no_overdue_measure_at_the_date_is_said_plainly_with_the_definition():
    at = run_page(dataset="demo", lang="en", as_of="2018-06-01")

    assert_page_ok(at)
    assert metric(at, "Overdue") == "0"
    message = next(s.value for s in at.success)
    assert message.startswith("No overdue measure on 2018-06-01.")
    assert "effective due date has passed" in message


@pytest.mark.parametrize(
    ("lang", "days_late", "date_format"),
    [
        ("fr", "Jours de retard (au moins)", "DD/MM/YYYY"),
        ("en", "Days late (at least)", "YYYY-MM-DD"),
    ],
)
def test_table_headers_and_dates_follow_the_page_language(lang, days_late, date_format):
    at = run_page(dataset="demo", lang=lang, as_of=AS_OF)
    overdue = next(d for d in at.dataframe if "days_late" in d.proto.column_order)

    config = json.loads(overdue.proto.columns)

    assert config["days_late"]["label"] == days_late
    assert config["effective_due"]["type_config"]["format"] == date_format
    # The demo's evidence mixes web addresses and references: shown as text, not links.
    assert config["evidence"]["type_config"]["type"] == "text"


def test_the_voice_chosen_in_the_sidebar_decides_which_measures_are_late():
    at = run_page(dataset="demo", as_of=AS_OF, voice="government")
    expected = measure_table(shipped("demo"), DAY, "government")

    assert_page_ok(at)
    assert metric(at, "En retard") == str(int(expected["overdue"].sum()))
    assert metric(at, "Échues, non évaluées") == str(int(expected["past_due_unassessed"].sum()))
