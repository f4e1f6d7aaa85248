"""AppTest: the Report page (« Rapport ») on both datasets, in both languages, and one build.

The dossier is built under AppTest only where Debian's Chromium is installed (its images
need it); elsewhere the page must say what to install instead of offering the button.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.loading import load_shipped
from monitoring.present import dossier, exports
from monitoring.present.sections import Selection
from tests.app.helpers import assert_page_ok

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2025-06-01"
BUILD = {"fr": "Préparer le dossier", "en": "Prepare the report pack"}
PUBLISH = {
    "fr": "Télécharger le site et les données (ZIP)",
    "en": "Download the site and the data (ZIP)",
}


def run_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/report.py").run()
    return at


@pytest.fixture
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rendering the page must not start Chromium; only a click on the button may.
    monkeypatch.setenv(exports.NO_RENDERER_ENV, "1")


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_runs_without_exception_for_each_dataset_and_language(dataset, lang, no_renderer):
    at = run_page(dataset=dataset, lang=lang, as_of=AS_OF)

    assert_page_ok(at)
    assert at.title[0].value == ("Rapport" if lang == "fr" else "Report")
    if not exports.chromium_available():
        assert any("chromium" in w.value for w in at.warning)
        return
    plans = load_shipped(dataset).plans["plan_id"].tolist()
    assert at.multiselect(key="report.plans").options == [
        f"{p} — {t}" for p, t in zip(plans, load_shipped(dataset).plans["title"], strict=True)
    ]
    assert at.radio(key="report.lang").value == lang
    assert [b.label for b in at.button] == [BUILD[lang]]
    # Before the build: nothing of the dossier to download; editors may publish.
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [PUBLISH[lang]]


@pytest.mark.chromium  # fails, never skips, without Chromium (tests/conftest.py)
def test_the_report_page_offers_the_sidebar_plan_filter_as_its_default(no_renderer):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["dataset"] = "demo"
    at.query_params["plan"] = "DEMO-B"
    at.run()
    at.switch_page("views/report.py").run()

    assert at.multiselect(key="report.plans").value == ["DEMO-B"]


@pytest.mark.chromium  # fails, never skips, without Chromium (tests/conftest.py)
def test_the_button_builds_the_dossier_and_offers_its_zip(monkeypatch):
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF)
    at.multiselect(key="report.plans").set_value(["DEMO-B"]).run()
    at.radio(key="report.lang").set_value("en").run()

    next(b for b in at.button if b.label == BUILD["fr"]).click().run()

    assert_page_ok(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Télécharger le dossier (ZIP)", PUBLISH["fr"]]
    built = at.session_state["report.built"][1]
    sel = Selection(load_shipped("demo"), dt.date(2025, 6, 1), "en", plans=("DEMO-B",))
    expected = [
        f"charts/{n:02d}-{name}.{ext}"
        for n, name in enumerate(dossier.chart_names(sel), start=1)
        for ext in ("png", "svg")
    ]
    with zipfile.ZipFile(BytesIO(built.data)) as archive:
        assert archive.namelist() == [*expected, "tables.xlsx", "report.pdf"]
    assert f"{built.charts} graphiques, {built.tables} tableaux" in at.success[-1].value


@pytest.mark.chromium  # the page stops before its sections without Chromium
@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "Toutes les voix et toutes les feuilles du modèle seront publiées"),
        (
            {
                "PLAN_MONITORING_PUBLIC_VOICES": "civil_society",
                "PLAN_MONITORING_PUBLIC_SHEETS": "recommendations,retention",
            },
            "la publication sera un extrait public : sans les évaluations Gouvernement, "
            "Évaluation indépendante ; sans Chronologie, Verdicts publiés",
        ),
    ],
)
def test_editors_are_told_what_the_instance_makes_public_before_publishing(
    env, said, monkeypatch, no_renderer
):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF)

    assert_page_ok(at)
    shown = [c.value for c in at.caption] + [i.value for i in at.info]
    assert any(said in text for text in shown), shown
