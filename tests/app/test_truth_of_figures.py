"""AppTest: the figures stay true when the evidence is partial (issue 10), on the real app.

The dashboard runs on the shipped French dataset, and on a copy of it stored under the
key `verdicts` that adds what the corrected French data carries (the CNCDH's published
totals for PAN-2019, events known only to the month or between two dates), so these
tests do not depend on the data branch. Every run also checks that no page failed: no
exception and no error box.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.intake.loading import load_shipped
from monitoring.storage import NewVersion, Store, StoredFile

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
KEY = "verdicts"
VERDICT_FR = (
    "CNCDH, 12/01/2023 : 3 réalisées, 28 partiellement, 14 non réalisées (45 mesures) — "
    "verdict par mesure connu pour 6"
)
VERDICT_EN = "CNCDH, 2023-01-12: 3 done, 28 partly, 14 not done (45 measures)"


def with_verdict_and_bounds() -> Dataset:
    """The French dataset, plus the CNCDH's 2023 totals and two imprecise event dates."""
    ds = load_shipped("france")
    extra = dataset_from_records(
        {
            "plans": [{"plan_id": "PAN-2019", "title": "x", "period_start": "2019-01-01",
                       "period_end": "2021-12-31"}],
            "published_verdicts": [
                {"plan_id": "PAN-2019", "assessor": "CNCDH", "voice": "independent",
                 "published_on": "2023-01-12", "measures_covered": 45, "count_done": 3,
                 "count_partial": 28, "count_not_done": 14,
                 "source": "CNCDH, rapport sur la traite, 2023"},
            ],
        }
    )  # fmt: skip
    events = ds.events.copy()
    month = events["event_id"] == "EV-004"  # a seminar known to the month: November 2012
    events.loc[month, "date"] = pd.Timestamp("2012-11-01")
    events.loc[month, "date_latest"] = pd.Timestamp("2012-11-30")
    ranged = events["event_id"] == "EV-012"  # moved to a range, for the test only
    events.loc[ranged, "date"] = pd.Timestamp("2014-02-03")
    events.loc[ranged, "date_latest"] = pd.Timestamp("2014-03-31")
    tables = {**ds.tables, "events": events,
              "published_verdicts": extra.tables["published_verdicts"]}  # fmt: skip
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=KEY)


@pytest.fixture(scope="module", autouse=True)
def verdicts_dataset(store: Store) -> None:
    if store.current(KEY) is None:
        ds = with_verdict_and_bounds()
        store.save(
            NewVersion(KEY, ds, (StoredFile("verdicts.xlsx", b"built in code"),), "tests", "")
        )


def run(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # no page failed behind an error box
    return at


def unescaped(text: str) -> str:
    """Markdown text as read: `plain()`'s backslashes and word joiners removed."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def texts(at: AppTest) -> list[str]:
    """Every caption, markdown, info and warning text of the page, as read."""
    found = [e.value for kind in ("caption", "markdown", "info", "warning") for e in at.get(kind)]
    return [unescaped(str(v)) for v in found]


def metrics(at: AppTest, label: str) -> list[str]:
    return [m.value for m in at.metric if m.label == label]


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


# --- The Overview ---------------------------------------------------------------------


def test_the_overview_shows_the_published_verdict_beside_the_measure_level_figures():
    at = run(dataset=KEY, as_of="2026-11-26")
    shown = " ".join(texts(at))
    assert VERDICT_FR in shown
    rates = metrics(at, "Taux de réalisation")
    assert rates == ["trop peu évaluées", "trop peu évaluées", "inconnu"]
    assert not any(rate.endswith("%") for rate in rates)  # never "0 %" for unknown
    assert "Taux de réalisation : trop peu de mesures évaluées (6 sur 45)" in shown
    assert "Taux de réalisation : trop peu de mesures évaluées (1 sur 23)" in shown
    assert "inconnu (aucune des 60 mesures n'est évaluée)" in shown
    # "Échues, non évaluées" counts what the dataset lacks, and says the verdict covers them.
    assert "Échues sans évaluation dans ce jeu de données (non comptées en retard) : 39" in shown
    assert "le verdict publié par CNCDH couvre 45 mesures" in shown


def test_the_overview_says_what_the_delays_and_deadlines_rest_on():
    shown = " ".join(texts(run(dataset="france", as_of="2026-11-26")))
    assert "Retard médian : au moins 377 jours (sur 6 mesures ; dernière évaluation le " in shown
    assert "Mesures en retard : 6 (selon l'échéance : fin du plan, par convention 6)" in shown
    assert "1\u202f801" not in shown and "1 801" not in shown  # no delay run to today


def test_unrecorded_retention_reads_not_recorded_and_its_chart_is_a_sentence():
    at = run(dataset="france", as_of="2026-11-26")
    assert metrics(at, "Recommandations retenues") == ["non renseignée"] * 3
    assert "Recommandations retenues : non renseignée" in texts(at)
    sentence = next(i.value for i in at.info if "Pas de graphique de prise en compte" in i.value)
    assert "Remplissez la feuille « Prise en compte »" in sentence
    titles = [spec["layout"]["title"]["text"] for spec in charts(at)]
    assert "Prise en compte des recommandations" not in titles  # no empty -1…1 chart
    assert len(titles) == 2


def test_the_english_overview_words_the_same_truths():
    at = run(dataset=KEY, as_of="2026-11-26", lang="en")
    shown = " ".join(texts(at))
    assert VERDICT_EN in shown and "verdict known for 6" in shown
    assert metrics(at, "Completion rate") == ["too few assessed", "too few assessed", "unknown"]
    assert "too few measures assessed (6 out of 45)" in shown
    assert metrics(at, "Recommendations retained") == ["not recorded"] * 3
    assert "Median delay: at least 377 days" in shown


def test_at_an_as_of_date_before_any_plan_nothing_later_is_shown_as_known():
    for lang, phrases, not_adopted in (
        ("fr", ("adopté le 14 mai 2014", "jours après", "jours sans plan"), "pas encore adopté"),
        ("en", ("adopted on 14 May 2014", "days after", "days with no plan"), "not adopted yet"),
    ):
        at = run(dataset="france", as_of="2010-01-01", lang=lang)
        shown = " ".join(texts(at))
        assert not any(phrase in shown for phrase in phrases), lang
        assert shown.lower().count(not_adopted) >= 3
        assert not at.metric  # no figure for a plan not adopted yet
        assert not charts(at)  # neither periods nor statuses: sentences instead


def test_an_as_of_date_between_plans_shows_the_gap_as_open():
    shown = " ".join(texts(run(dataset="france", as_of="2018-01-01")))
    assert "Au moins 366 jours sans plan en vigueur au 01/01/2018" in shown
    assert "18 octobre 2019" not in shown and "1\u202f021" not in shown


def test_the_status_caption_follows_the_voice_filter():
    at = run(dataset="france", as_of="2026-11-26", voice="civil_society")
    shown = " ".join(texts(at))
    assert "toutes voix confondues" not in shown
    assert "parmi les seules évaluations de la voix « Société civile »" in shown
    assert "Statuts lus dans les évaluations de : Société civile." in shown
    english = " ".join(texts(run(dataset="france", voice="civil_society", lang="en")))
    assert "all voices together" not in english and "“Civil society” voice only" in english


def test_the_caption_names_the_plans_chosen():
    shown = " ".join(texts(run(dataset="france", plan="PAN-2019")))
    assert "Plans retenus : PAN-2019." in shown


# --- Timeline, Method, other pages ----------------------------------------------------


def test_the_timeline_shows_imprecise_dates_as_known_and_draws_a_range():
    at = run("timeline", dataset=KEY, as_of="2026-11-26")
    dates = next(t.value for t in at.dataframe if "kind" in t.value.columns)["date"].tolist()
    assert "novembre 2012" in dates
    assert "entre le 03/02/2014 et le 31/03/2014" in dates
    assert "01/11/2012" not in dates  # no day invented
    spec = next(s for s in charts(at) if s["layout"]["title"]["text"].startswith("Chronologie"))
    ranges = next(t for t in spec["data"] if t.get("name") == "Date imprécise (intervalle)")
    assert ranges["mode"] == "lines"
    assert "Date imprécise : entre le 03/02/2014 et le 31/03/2014" in ranges["text"]


def test_the_method_page_states_its_rules_and_lists_the_verdicts():
    at = run("method", dataset=KEY, as_of="2026-11-26")
    shown = " ".join(texts(at))
    assert f"PAN-2019 — {VERDICT_FR}" in shown
    assert "au moins 50\u202f% des mesures du plan" in shown  # the coverage threshold
    assert "années entières" in shown and "dernière évaluation" in shown
    assert "Aucun jour n'est inventé" in shown
    assert "jamais deviné" not in shown


@pytest.mark.parametrize("page", ["overview", "delays", "gaps", "measures", "timeline", "method"])
@pytest.mark.parametrize("as_of", ["2010-01-01", "2018-01-01", "2026-11-26"])
def test_every_page_runs_at_any_as_of_date_on_partial_evidence(page, as_of):
    run(page, dataset=KEY, as_of=as_of)


def test_the_delays_page_says_how_many_deadlines_rest_on_the_plan_end():
    at = run("delays", dataset="france", as_of="2026-11-26")
    shown = " ".join(texts(at))
    assert "n'ont pas d'échéance sourcée ; la fin du plan leur sert d'échéance" in shown
    columns = [list(t.value.columns) for t in at.dataframe]
    assert any("due_basis" in c for c in columns)


def test_the_delays_page_before_any_adoption_lists_nothing_as_late_or_due():
    for lang, sentence in (
        ("fr", "Aucun plan de la sélection n'est encore adopté au 01/01/2010"),
        ("en", "No plan of the selection is adopted yet as of 2010-01-01"),
    ):
        at = run("delays", dataset="france", as_of="2010-01-01", lang=lang)
        assert any(sentence in text for text in texts(at)), lang
        assert not at.metric and not at.dataframe and not charts(at)
