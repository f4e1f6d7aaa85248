"""AppTest: the Timeline page (« Chronologie ») on both datasets, in both languages.

Expected figures come from the shipped workbooks' Events sheet read here directly (which
letter went to whom, which event replies to which), never from the page's own output.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.loading import load_shipped
from tests.app.helpers import assert_page_ok, table_with

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"
DAY = dt.date.fromisoformat(AS_OF)


def run_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/timeline.py").run()
    return at


@cache
def events(name: str) -> pd.DataFrame:
    return load_shipped(name).events


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array: list | dict) -> list:
    """A plotly data array, whether written as a list or as a typed array (base64)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return array


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_timeline_runs_without_exception_for_each_dataset_and_language(dataset, lang):
    at = run_page(dataset=dataset, lang=lang, as_of=AS_OF)

    assert_page_ok(at)
    assert at.title[0].value == ("Chronologie" if lang == "fr" else "Timeline")
    charts = specs(at)
    assert len(charts) == 2  # the timeline and the reply rates
    assert all(chart["data"] for chart in charts)


def test_demo_timeline_draws_every_event_known_at_the_date_with_its_plans():
    at = run_page(dataset="demo", as_of=AS_OF)
    raw = events("demo")
    timeline = specs(at)[0]

    markers = [trace for trace in timeline["data"] if trace["mode"] == "markers"]
    assert sum(len(trace["x"]) for trace in markers) == len(raw)  # all 30, all before 26/11
    labels = {a["text"] for a in timeline["layout"]["annotations"]}
    assert {"<b>DEMO-A</b>", "<b>DEMO-B</b>", "<b>DEMO-C</b>", "DEMO-C adopté"} <= labels


def test_demo_letters_without_reply_are_the_hollow_ones_and_each_reply_has_its_arrow():
    at = run_page(dataset="demo", as_of=AS_OF)
    traces = {trace["name"]: trace for trace in specs(at)[0]["data"]}
    raw = events("demo")
    answered = set(raw["reply_to"].dropna())
    sent = raw[raw["kind"] == "letter"]

    waiting = traces["Lettre sans réponse"]
    assert waiting["marker"]["symbol"] == "triangle-right-open"
    assert len(waiting["x"]) == (~sent["event_id"].isin(answered)).sum() == 3
    # one arrow (three points: letter, reply, gap) per event that answers another
    assert len(traces["Lettre → réponse"]["x"]) == 3 * raw["reply_to"].notna().sum()


def test_demo_reply_rates_per_addressee_match_the_events_sheet():
    at = run_page(dataset="demo", as_of=AS_OF)
    raw = events("demo")
    sent = raw[raw["kind"] == "letter"]
    answered = sent["event_id"].isin(set(raw["reply_to"].dropna()))
    expected = sent.assign(answered=answered).groupby("recipient")["answered"].agg(["size", "sum"])

    table = table_with(at, "reply_pct").set_index("recipient")
    bars = specs(at)[1]["data"][0]

    assert table["letters"].to_dict() == expected["size"].to_dict()
    assert table["answered"].to_dict() == expected["sum"].to_dict()
    # Ministère A: letters of 04/09/2017, 01/12/2020, 15/01/2024, 18/10/2024; replies
    # 77, 76 and 63 days later; the one of 15/01/2024 is still waiting.
    assert table.loc["Ministère A (fictif)", ["letters", "answered", "reply_pct"]].tolist() == [
        4, 3, 75.0,
    ]  # fmt: skip
    assert table.loc["Ministère A (fictif)", "median_reply_delay_days"] == "76"
    assert values(bars["x"])[0] == 0.75
    assert bars["text"][0] == "75\u202f% · 3 réponses / 4 lettres"


def test_demo_unanswered_letters_are_listed_oldest_first_with_days_waiting():
    at = run_page(dataset="demo", as_of=AS_OF)

    waiting = table_with(at, "waiting_days")

    assert waiting["recipient"].tolist() == [
        "Ministère B (fictif)", "Ministère A (fictif)", "Ministère D (fictif)",
    ]  # fmt: skip
    assert waiting["waiting_days"].tolist() == [
        (DAY - dt.date(2020, 2, 10)).days,
        (DAY - dt.date(2024, 1, 15)).days,
        (DAY - dt.date(2026, 6, 15)).days,
    ]
    assert any(c.value.startswith("3 lettres de la période") for c in at.caption)


def test_narrowing_the_period_counts_only_the_letters_sent_within_it():
    at = run_page(dataset="demo", as_of=AS_OF)
    at.slider[0].set_value((dt.date(2024, 1, 1), dt.date(2026, 11, 20))).run()

    table = table_with(at, "reply_pct").set_index("recipient")

    assert_page_ok(at)
    # since 2024: Ministère A twice (one answered), D once (waiting), E once (answered)
    assert table["letters"].to_dict() == {
        "Ministère A (fictif)": 2, "Ministère D (fictif)": 1, "Ministère E (fictif)": 1,
    }  # fmt: skip
    assert table["answered"].sum() == 2


def test_the_kind_filter_narrows_the_timeline_and_says_so_when_nothing_is_left():
    at = run_page(dataset="demo", lang="en", as_of=AS_OF)
    at.get("button_group")[0].set_value(["meeting"]).run()

    names = {trace["name"] for trace in specs(at)[0]["data"]}
    assert names == {"Meeting"}

    at.get("button_group")[0].set_value([]).run()
    assert_page_ok(at)
    assert any("No event of these kinds" in info.value for info in at.info)
    assert len(specs(at)) == 1  # the reply rates stay


def test_before_the_first_event_the_page_says_there_is_nothing_yet():
    at = run_page(dataset="demo", lang="en", as_of="2015-01-01")

    assert_page_ok(at)
    assert any("No event dated on or before" in info.value for info in at.info)
    assert not at.get("plotly_chart")


def test_without_any_letter_in_the_period_the_page_says_how_to_add_one():
    at = run_page(dataset="demo", as_of="2017-08-01")  # only the coalition's publication

    assert_page_ok(at)
    assert any("Aucune lettre envoyée dans la période" in info.value for info in at.info)


def test_french_dataset_shows_the_one_recorded_reply_and_every_other_letter_waiting():
    at = run_page(dataset="france", as_of=AS_OF)
    raw = events("france")
    letters = raw[raw["kind"] == "letter"]
    replied = set(raw["reply_to"].dropna())

    rates = table_with(at, "reply_pct").set_index("recipient")
    waiting = table_with(at, "waiting_days")

    assert rates["letters"].sum() == len(letters)
    assert rates.loc["Jean-Marc Ayrault, Premier ministre", "answered"] == 1
    assert len(waiting) == (~letters["event_id"].isin(replied)).sum()
    assert "(destinataire non renseigné)" in rates.index  # the letter of 9 April 2018
    assert "—" in waiting["recipient"].tolist()  # never the word "None"


def test_french_events_table_lists_every_event_with_kinds_in_words():
    at = run_page(dataset="france", as_of=AS_OF)

    table = table_with(at, "note")

    assert len(table) == len(events("france"))
    assert set(table["kind"]) == {
        "Lettre", "Réponse", "Réunion", "Rapport", "Publication", "Texte officiel", "Autre",
    }  # fmt: skip
