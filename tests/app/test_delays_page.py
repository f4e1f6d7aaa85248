"""AppTest: the Delays page (« Retards »).

The page runs on both shipped datasets in both languages; its figures are checked on a
small workbook built here (`tests.builders`), whose expected values are worked out by hand
from the rows below and written as numbers, never computed by the code under test.

On 30/06/2020 (`AS_OF`), plan P1 (2018-2019) and plan P2 (2020-2022) are both in force
(gov.: government, civ.: civil society; "→" a revised due date given in an assessment):

| measure, plan, lead  | due        | assessments                       | on 30/06/2020          |
|----------------------|------------|-----------------------------------|------------------------|
| M1, P1, Intérieur    | 31/03/2019 | 30/06/2019 En cours, gov.         | overdue, 91 days       |
| M2, P1, —            | 30/06/2019 | 30/09/2019 Non démarrée, civ.     | overdue, 92 days       |
| M3, P1, Justice      | 31/01/2019 | none                              | past due, unassessed   |
| M4, P1, Justice      | 31/03/2019 | 01/05/2019 Réalisée, gov.;        | overdue, 123 days      |
|                      |            | 01/08/2019 En cours, civ.         |                        |
| M5, P1, Intérieur    | 31/01/2019 | 01/02/2019 → 31/12/2019, gov.;    | not yet due, 184 days  |
|                      |            | 15/01/2020 → 31/12/2020, gov.     | left; moved twice, 700 |
| M6, P2, Santé        | 30/06/2021 | 01/03/2020 → 31/12/2021, civ.     | not yet due, 549 days  |
|                      |            |                                   | left; moved once, 184  |
| M7, P2, Santé        | 31/03/2020 | none                              | past due, unassessed   |
| M8, P1, —            | 28/02/2019 | 31/03/2019 Non démarrée, civ.     | overdue, 31 days       |

A delay runs from the effective due date to the last assessment, never to the as-of date.
Government's voice alone: M1 is overdue; M2 and M8 (civil society only) are unassessed;
M4 is done.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.validation import validate
from monitoring.storage import NewVersion, Store, StoredFile
from tests.app.helpers import assert_page_ok
from tests.builders import add_row, valid_sheets, workbook

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
KEY = "delays-small"
AS_OF = "2020-06-30"
D = dt.date
GOV, CIVIL = "Gouvernement", "Société civile"
P1_MEASURES = {"M1", "M2", "M3", "M4", "M5", "M8"}
P2_MEASURES = {"M6", "M7"}


@pytest.fixture(scope="module", autouse=True)
def small_dataset(store: Store) -> None:
    sheets = valid_sheets()
    for rows in sheets.values():
        del rows[1:]
    add_row(sheets, "Plans", plan_id="P1", title="Plan 2018-2019", period_start=D(2018, 1, 1),
            period_end=D(2019, 12, 31))  # fmt: skip
    add_row(sheets, "Plans", plan_id="P2", title="Plan 2020-2022", period_start=D(2020, 1, 1),
            period_end=D(2022, 12, 31), previous_plan_id="P1")  # fmt: skip
    measures = [
        ("M1", "P1", 1, "Intérieur", D(2019, 3, 31)),
        ("M2", "P1", 2, "", D(2019, 6, 30)),
        ("M3", "P1", 3, "Justice", D(2019, 1, 31)),
        ("M4", "P1", 4, "Justice", D(2019, 3, 31)),
        ("M5", "P1", 5, "Intérieur", D(2019, 1, 31)),
        ("M8", "P1", 6, "", D(2019, 2, 28)),
        ("M6", "P2", 1, "Santé", D(2021, 6, 30)),
        ("M7", "P2", 2, "Santé", D(2020, 3, 31)),
    ]
    for measure_id, plan_id, number, lead, due in measures:
        add_row(sheets, "Mesures", measure_id=measure_id, plan_id=plan_id, number=number,
                axis="Axe 1", title=f"Mesure {measure_id}", lead=lead, due_date=due)  # fmt: skip
    updates: list[dict] = [
        dict(measure_id="M1", as_of=D(2019, 6, 30), status="En cours", voice=GOV,
             evidence="https://www.interieur.gouv.fr/rapport"),
        dict(measure_id="M2", as_of=D(2019, 9, 30), status="Non démarrée", voice=CIVIL,
             evidence="Rapport annuel 2019, p. 12"),
        dict(measure_id="M4", as_of=D(2019, 5, 1), status="Réalisée", voice=GOV,
             completed_on=D(2019, 4, 15)),
        dict(measure_id="M4", as_of=D(2019, 8, 1), status="En cours", voice=CIVIL),
        dict(measure_id="M5", as_of=D(2019, 2, 1), status="En cours", voice=GOV,
             revised_due_date=D(2019, 12, 31)),
        dict(measure_id="M5", as_of=D(2020, 1, 15), status="En cours", voice=GOV,
             revised_due_date=D(2020, 12, 31)),
        dict(measure_id="M6", as_of=D(2020, 3, 1), status="En cours", voice=CIVIL,
             revised_due_date=D(2021, 12, 31)),
        dict(measure_id="M8", as_of=D(2019, 3, 31), status="Non démarrée", voice=CIVIL),
    ]  # fmt: skip
    for update in updates:
        add_row(sheets, "Suivi", **update)
    ds, report = validate(workbook(sheets))
    assert ds is not None, report.errors
    if store.current(KEY) is None:
        files = (StoredFile("delays-small.xlsx", b"built in code"),)
        store.save(NewVersion(KEY, dataclasses.replace(ds, name=KEY), files, "tests", ""))


def run_page(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/delays.py").run()
    return at


def run_small(**query: str | list[str]) -> AppTest:
    return run_page(**{"dataset": KEY, "as_of": AS_OF, **query})


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


def timeline_measures(at: AppTest) -> set[str]:
    """The measures drawn on the timeline (its rows: tick values that are measure ids)."""
    ticks = timeline_spec(at)["layout"]["yaxis"]["tickvals"]
    return {v for v in ticks if v in P1_MEASURES | P2_MEASURES}


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_delays_page_runs_for_each_dataset_and_language(dataset, lang):
    at = run_page(dataset=dataset, lang=lang, as_of="2026-11-26")

    assert_page_ok(at)
    assert at.title[0].value == ("Retards" if lang == "fr" else "Delays")
    assert at.get("plotly_chart"), "the timeline is drawn"
    assert all(m.help for m in at.metric)


def test_headline_figures_count_overdue_unassessed_not_yet_due_and_moved_measures():
    at = run_small()

    assert metric(at, "En retard") == "4"  # M1, M2, M4, M8
    assert metric(at, "Échues, non évaluées") == "2"  # M3, M7
    assert metric(at, "Pas encore échues") == "2"  # M5, M6
    assert metric(at, "Échéances repoussées") == "2"  # M5, M6


def test_overdue_table_lists_every_overdue_measure_most_days_late_first():
    at = run_small()

    shown = shown_table(at, "days_late")

    # Days up to each measure's last assessment, not up to the as-of date.
    assert list(shown["title"]) == ["Mesure M4", "Mesure M2", "Mesure M1", "Mesure M8"]
    assert list(shown["days_late"]) == [123, 92, 91, 31]


def test_unassessed_measures_are_kept_apart_from_late_ones():
    at = run_small(lang="fr")

    assert any("rien ne montre qu'elles ne sont pas réalisées" in i.value for i in at.info)
    listed = shown_table(at, "due_basis", hides="days_late")
    assert list(listed["title"]) == ["Mesure M3", "Mesure M7"]  # oldest due date first
    assert set(listed["status"]) == {"Non évaluée"}


def test_measures_not_yet_due_show_the_days_left_to_their_revised_deadline():
    at = run_small()

    upcoming = shown_table(at, "days_left")

    assert list(upcoming["title"]) == ["Mesure M5", "Mesure M6"]  # soonest due first
    assert list(upcoming["days_left"]) == [184, 549]


def test_slips_count_every_move_of_a_deadline_known_at_the_date():
    at = run_small()

    slips = shown_table(at, "times_moved")

    assert list(slips["title"]) == ["Mesure M5", "Mesure M6"]  # largest slip first
    assert list(slips["times_moved"]) == [2, 1]
    assert list(slips["slip_days"]) == [700, 184]
    assert list(slips["deadlines"]) == [
        "31/01/2019 → 31/12/2019 → 31/12/2020",
        "30/06/2021 → 31/12/2021",
    ]


def test_before_any_revision_the_page_says_no_deadline_moved():
    at = run_small(as_of="2019-01-15")

    assert metric(at, "Échéances repoussées") == "0"
    assert any("Aucune échéance révisée" in i.value for i in at.info)


def test_the_timeline_opens_on_the_plan_with_the_most_known_statuses():
    # At 30/06/2020, five of P1's six measures have a status (M1, M2, M4, M5, M8) and one
    # of P2's two (M6): the page opens on P1, not on the more recent P2.
    at = run_small()

    assert at.selectbox(key="delays_plan").value == "P1"
    assert timeline_measures(at) == P1_MEASURES


def test_the_timeline_marks_every_revision_of_the_plan_chosen():
    at = run_small()
    at.selectbox(key="delays_plan").set_value("P2").run()

    spec = timeline_spec(at)
    revised = next(d for d in spec["data"] if d.get("name") == "Échéance révisée")

    assert timeline_measures(at) == P2_MEASURES
    assert sum(1 for size in revised["marker"]["size"] if size) == 1  # M6's one revision
    assert spec["layout"]["annotations"][0]["text"] == "Situation au 30/06/2020"


def test_at_an_early_date_the_timeline_shows_the_plan_then_in_force_and_nothing_is_late():
    at = run_small(lang="en", as_of="2018-06-01")

    assert at.selectbox(key="delays_plan").value == "P1"  # P2 starts in 2020
    assert metric(at, "Overdue") == "0"
    message = next(s.value for s in at.success)
    assert message.startswith("No overdue measure on 2018-06-01.")
    assert "effective due date has passed" in message


def test_choosing_another_plan_on_the_page_redraws_the_timeline():
    at = run_small()

    at.selectbox(key="delays_plan").set_value("P2").run()

    assert_page_ok(at)
    assert timeline_measures(at) == P2_MEASURES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_on_the_french_dataset_the_page_opens_on_a_plan_with_known_statuses(lang: str) -> None:
    # PAN-2024, the most recent plan, has no status known yet: its 60 rows would all read
    # "Intitulé non trouvé" / unknown. PAN-2019 has six measures assessed, PAN-2014 one.
    at = run_page(dataset="france", lang=lang, as_of="2026-11-26")

    assert_page_ok(at)
    assert at.selectbox(key="delays_plan").value == "PAN-2019"


def test_plans_chosen_in_the_sidebar_replace_the_page_selector():
    at = run_small(plan=["P1"])

    assert_page_ok(at)
    assert not [s for s in at.selectbox if s.key == "delays_plan"]
    assert timeline_measures(at) == P1_MEASURES


def test_delay_by_lead_groups_measures_without_a_lead():
    at = run_small()

    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    counts = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"], strict=True))

    assert counts == {"Pilote non renseigné": 2, "Intérieur": 1, "Justice": 1}


@pytest.mark.parametrize(
    ("lang", "days_late", "date_format"),
    [
        ("fr", "Jours de retard (au moins)", "DD/MM/YYYY"),
        ("en", "Days late (at least)", "YYYY-MM-DD"),
    ],
)
def test_table_headers_and_dates_follow_the_page_language(lang, days_late, date_format):
    at = run_small(lang=lang)
    overdue = next(d for d in at.dataframe if "days_late" in d.proto.column_order)

    config = json.loads(overdue.proto.columns)

    assert config["days_late"]["label"] == days_late
    assert config["effective_due"]["type_config"]["format"] == date_format
    # The evidence mixes a web address (M1) and a reference (M2): shown as text, not links.
    assert config["evidence"]["type_config"]["type"] == "text"


def test_the_voice_chosen_in_the_sidebar_decides_which_measures_are_late():
    at = run_small(voice="government")

    assert_page_ok(at)
    assert metric(at, "En retard") == "1"  # M1; M4 is done in the government's voice
    assert metric(at, "Échues, non évaluées") == "4"  # M2, M8 (civil society only), M3, M7


def test_the_wide_delay_tables_draw_what_matters_and_keep_the_rest_in_their_files() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": "demo", "as_of": "2026-11-26", "lang": "fr"})
    at.run()
    at.switch_page("views/delays.py").run()
    tables = [d for d in at.dataframe if "lead" in d.value.columns]
    assert tables
    for table in tables:
        drawn = list(table.proto.column_order)
        assert "title" in drawn and "lead" not in drawn and "assessed_by" not in drawn
    captions = [c.value for c in at.caption if c.value.startswith("Aussi dans les fichiers")]
    assert captions and all("Pilote" in c for c in captions)
