"""AppTest: the dashboard runs every page, on both datasets and in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.text.i18n import plain
from tests.app.helpers import assert_page_ok

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def run_app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_runs_without_exception_for_each_dataset_and_language(dataset, lang):
    at = run_app(dataset=dataset, lang=lang, as_of="2026-11-26")
    assert_page_ok(at)
    assert at.title[0].value == ("Vue d'ensemble" if lang == "fr" else "Overview")
    specs = plotly_specs(at)
    # The French dataset records no retention: its chart is a sentence, not an empty chart.
    assert len(specs) == (2 if dataset == "france" else 3)
    assert all(spec["data"] for spec in specs)


def test_overview_opens_in_french_on_the_french_dataset_by_default():
    at = run_app()
    assert_page_ok(at)
    assert at.title[0].value == "Vue d'ensemble"
    assert at.session_state["dataset"] == "france"
    subheaders = [s.value for s in at.subheader]
    assert any(s.startswith(plain("PAN-2014")) for s in subheaders)  # user text, escaped
    assert any(s.startswith(plain("PAN-2019")) for s in subheaders)
    assert any(s.startswith(plain("PAN-2024")) for s in subheaders)


def test_french_dataset_shows_measure_counts_from_the_sources():
    at = run_app(dataset="france", as_of="2026-11-26")
    measures = [m.value for m in at.metric if m.label == "Mesures"]
    assert measures == ["23", "45", "60"]


def test_demo_dataset_says_it_is_fictional_in_both_languages():
    fr = run_app(dataset="demo", lang="fr")
    assert any("fictives" in w.value for w in fr.warning)
    en = run_app(dataset="demo", lang="en")
    assert any("Fictional" in w.value for w in en.warning)


def test_switching_language_in_the_sidebar_translates_the_page():
    at = run_app()
    at.radio(key="lang").set_value("en").run()
    assert_page_ok(at)
    assert at.title[0].value == "Overview"
    labels = {m.label for m in at.metric}
    assert {"Measures", "Completion rate", "Overdue"} <= labels


def test_every_figure_has_its_definition_one_click_away():
    at = run_app(dataset="demo")
    assert at.metric, "the overview shows figures"
    assert all(m.help for m in at.metric)


def test_french_figures_use_french_number_formatting():
    at = run_app(dataset="demo", as_of="2026-11-26")  # the French plans are too little assessed
    rates = [m.value for m in at.metric if m.label == "Taux de réalisation"]
    assert rates and all(r.endswith("\u202f%") for r in rates)


def test_switching_language_keeps_the_dataset_date_and_filters():
    at = run_app(dataset="demo", as_of="2025-06-30", plan="DEMO-B", voice="civil_society")
    at.radio(key="lang").set_value("en").run()
    assert_page_ok(at)
    assert at.query_params["dataset"] == ["demo"] or at.query_params["dataset"] == "demo"
    assert at.session_state["dataset"] == "demo"
    assert at.session_state["as_of"].isoformat() == "2025-06-30"
    assert at.session_state["plans"] == ["DEMO-B"]
    assert at.session_state["voice"] == "civil_society"
    assert [s.value.split(" — ")[0] for s in at.subheader] == [plain("DEMO-B")]


def test_a_store_that_cannot_be_written_is_said_in_the_sidebar_and_pages_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from monitoring.storage.sql import SqlStore

    at = run_app(dataset="demo", lang="en", as_of="2026-11-26")
    assert not [w for w in at.sidebar.warning if "Read-only" in w.value]
    monkeypatch.setattr(SqlStore, "writable", False)  # as a full disk leaves it
    at = run_app(dataset="demo", lang="en", as_of="2026-11-26")
    assert_page_ok(at)
    assert [w.value for w in at.sidebar.warning if "Read-only" in w.value] == [
        "Read-only: the store cannot be written (disk full or read-only file); reading "
        "works, nothing can be saved."
    ]
    assert at.title[0].value == "Overview" and at.metric


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PLAN_MONITORING_MAX_FILE_MB", "abc", "un nombre entier de mégaoctets de 1 à 2\u202f048"),
        ("PLAN_MONITORING_SESSION_HOURS", "nan", "un nombre d'heures supérieur à 0"),
        ("PLAN_MONITORING_MAX_FILE_MB", "-5", "un nombre entier de mégaoctets"),
    ],
)
def test_an_invalid_setting_stops_the_app_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    at = run_app(dataset="demo", lang="fr")
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith(f"Réglage invalide {name}={value!r} : attendu ")
    assert expected in error.value and "\n" not in error.value
    assert not at.metric and not at.title  # nothing read, nothing shown
