"""AppTest: a last assessment known only as a month is named as a month, not by a day.

A small workbook built in code (`tests.builders`): measure M4, due 15/02/2014, assessed
"mars 2014" (stored as 01/03/2014 – 31/03/2014). The Delays chart's hover and the
measure's facts say "dernière évaluation en mars 2014", never "le 01/03/2014"; the delay
"at least 14 days" counts to 1 March, the earliest the assessment can have been made.
The Measures page's table (and its download) gives the date as "mars 2014" too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.validation import validate
from monitoring.storage import NewVersion, Store, StoredFile
from tests.builders import add_row, valid_sheets, workbook

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
KEY = "imprecise"
AS_OF = "2015-01-01"  # plan P1 (2014-2016) in force, M4 overdue


@pytest.fixture(scope="module", autouse=True)
def imprecise_dataset(store: Store) -> None:
    sheets = valid_sheets()
    add_row(sheets, "Mesures", measure_id="M4", plan_id="P1", number=3, axis="Axe 1",
            title="Former les juges", due_date=dt.date(2014, 2, 15))  # fmt: skip
    add_row(sheets, "Suivi", measure_id="M4", as_of="mars 2014", status="En cours",
            voice="Gouvernement")  # fmt: skip
    ds, report = validate(workbook(sheets))
    assert ds is not None, report.errors
    if store.current(KEY) is None:
        files = (StoredFile("imprecise.xlsx", b"built in code"),)
        store.save(NewVersion(KEY, dataclasses.replace(ds, name=KEY), files, "tests", ""))


def run(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(dataset=KEY, as_of=AS_OF, lang=lang)
    at.run()
    at.switch_page(f"views/{page}.py").run()
    return at


@pytest.mark.parametrize(
    ("lang", "said", "invented"),
    [
        ("fr", "En retard d'au moins 14 jours ; dernière évaluation en mars 2014",
         "01/03/2014"),
        ("en", "At least 14 days late; last assessment in March 2014", "2014-03-01"),
    ],
)  # fmt: skip
def test_the_delays_chart_names_the_month_of_the_last_assessment(lang, said, invented):
    at = run("delays", lang)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    timeline = next(s for s in specs if s["layout"]["yaxis"].get("tickvals"))
    hovers = [str(h) for trace in timeline["data"] for h in trace.get("hovertext") or [] if h]

    late = [h for h in hovers if said in h]
    assert len(late) == 3  # the measure's bar, and both ends of its overdue span
    assert not any(invented in h for h in hovers)


def test_the_measure_facts_name_the_month_of_the_last_assessment():
    at = run("measures", "fr")
    at.selectbox(key="measures.pick").set_value("M4").run()
    facts = at.dataframe[1].value.set_index("field")["value"]

    assert facts["Situation"] == "En retard d'au moins 14 jours (dernière évaluation en mars 2014)"
    assert facts["Statut actuel : gouvernement"] == "En cours · mars 2014"
    assert "01/03/2014" not in " ".join(facts.astype(str))


@pytest.mark.parametrize(
    ("lang", "month", "invented"),
    [("fr", "mars 2014", "01/03/2014"), ("en", "March 2014", "2014-03-01")],
)
def test_the_measures_table_gives_the_month_of_the_last_assessment(lang, month, invented):
    at = run("measures", lang)
    table = at.dataframe[0].value.set_index("measure_id")

    assert table.loc["M4", "assessed_on"] == month
    assert not table["assessed_on"].astype(str).str.contains(invented).any()
    assert at.dataframe[0].value["assessed_on"].map(type).eq(str).all()
