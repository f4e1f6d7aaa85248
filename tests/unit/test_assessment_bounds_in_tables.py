"""Every table and text that dates an assessment gives its bounds, never an invented day.

Issue 10, item 8: the Measures page's table (`measure_detail.measure_rows`), its
downloads and the dossier's table (`dossier.tables`), the evidence of one measure, and a
revised deadline's announcement write an assessment known only as a month, a year or a
range as such ("mars 2014"), as the events' dates already are. An overdue measure whose
due date falls inside its last assessment's period is not said to have passed "after"
it. A count of days agrees with its number: "1 jour", "1 day".
"""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from monitoring.analysis import delays
from monitoring.analysis.measure_detail import (
    TABLE_COLUMNS,
    measure_detail,
    measure_rows,
)
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.contract.datebounds import falls_within
from monitoring.present import delay_tables, dossier, exports, measure_text
from monitoring.present.charts.delays import measure_timeline
from monitoring.present.measure_text import column_specs, readable_rows
from monitoring.present.sections import Selection
from monitoring.text.i18n import format_days, t

AS_OF = dt.date(2015, 6, 30)


def worded_detail(ds, measure_id, as_of, voice, lang):
    """`measure_detail` as the detail view shows it in `lang` (None: no such measure)."""
    found = measure_detail(ds, measure_id, as_of, voice)
    return None if found is None else measure_text.worded(found, ds.scale, lang)


def shown_rows(ds, lang):
    """The Measures page's rows in `lang`: `measure_rows` put into words."""
    return readable_rows(ds, measure_rows(ds, AS_OF, "all"), lang)


# (earliest, latest, French, English): how the assessment's date reads in a table.
CASES = {
    "day": ("2014-03-12", None, "12/03/2014", "2014-03-12"),
    "month": ("2014-03-01", "2014-03-31", "mars 2014", "March 2014"),
    "year": ("2014-01-01", "2014-12-31", "2014", "2014"),
    "range": (
        "2014-02-03", "2014-03-10", "entre le 03/02/2014 et le 10/03/2014",
        "between 2014-02-03 and 2014-03-10",
    ),
}  # fmt: skip
KINDS = sorted(CASES)


def one_measure(kind: str, due: str = "2013-12-01", revised: str | None = None) -> Dataset:
    """M1 of plan P1, due on `due`, assessed "En cours" once on the dates of `kind`."""
    earliest, latest, *_ = CASES[kind]
    return dataset_from_records(
        {
            "plans": [{"plan_id": "P1", "title": "Plan 1", "period_start": "2013-01-01",
                       "period_end": "2016-12-31", "adopted_date": "2013-01-01"}],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "number": 1, "axis": "Axe 1",
                          "title": "Former les juges", "due_date": due}],
            "status_updates": [{"measure_id": "M1", "as_of": earliest, "as_of_latest": latest,
                                "status": "En cours", "voice": "government",
                                "revised_due_date": revised}],
        }
    )  # fmt: skip


def shown(kind: str, lang: str) -> str:
    return CASES[kind][2 if lang == "fr" else 3]


# --- The Measures table, its downloads and the dossier ----------------------------------


@pytest.mark.scale
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_measures_table_gives_the_last_assessment_by_its_bounds(kind, lang):
    rows = shown_rows(one_measure(kind), lang)

    assert rows["assessed_on"].tolist() == [shown(kind, lang)]
    assert column_specs(rows[list(TABLE_COLUMNS)], lang)["assessed_on"][0] == "text"


def test_a_measure_never_assessed_has_no_assessment_date_in_the_table():
    ds = one_measure("day")
    ds = Dataset(tables={**ds.tables, "status_updates": ds.status_updates.iloc[:0]}, scale=ds.scale)
    assert shown_rows(ds, "fr")["assessed_on"].tolist() == ["—"]


@pytest.mark.parametrize("kind", ["month", "range"])
def test_the_measures_table_downloaded_as_csv_keeps_the_period(kind):
    rows = shown_rows(one_measure(kind), "fr")[list(TABLE_COLUMNS)]
    labels = {c: o["label"] for c, (_, o) in column_specs(rows, "fr").items()}
    stamp = exports.Stamp("Mesures", None, AS_OF, "Test", None, "app", "fr")
    text = exports.table_csv(exports.labelled(rows, labels), stamp).decode("utf-8-sig")

    assert f'"{shown(kind, "fr")}"' in text
    assert "01/03/2014" not in text and '03/02/2014"' not in text


def test_the_dossier_measures_table_and_its_workbook_name_the_month():
    sel = Selection(one_measure("month"), AS_OF, "fr")
    (table,) = [tab for tab in dossier.tables(sel) if tab.name == "measures"]
    column = t("measures.col.assessed_on", "fr")

    assert table.frame[column].tolist() == ["mars 2014"]
    stamp = exports.Stamp("Tableaux", None, AS_OF, "Test", None, "app", "fr")
    data = exports.tables_xlsx({table.sheet: table.frame}, stamp)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert "mars 2014" in cells
    assert not any(c.startswith("2014-03-01") or c == "01/03/2014" for c in cells)


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_evidence_table_dates_each_assessment_by_its_bounds(kind):
    detail = worded_detail(one_measure(kind), "M1", AS_OF, "all", "fr")
    assert detail is not None

    assert detail.evidence["as_of"].tolist() == [shown(kind, "fr")]
    assert "as_of_latest" not in detail.evidence.columns


# --- A revised deadline announced by an imprecise assessment ----------------------------


@pytest.mark.scale
@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", "(annoncée en mars 2014)"), ("en", "(announced in March 2014)")],
)
def test_a_revision_announced_in_a_month_is_said_to_be_announced_in_that_month(lang, said):
    ds = one_measure("month", revised="2015-12-31")
    revisions = delays.revised_due_dates(ds, AS_OF)
    assert revisions["announced_latest"].tolist() == [pd.Timestamp("2014-03-31")]

    rows = delay_tables.timeline_rows(ds, delays.timeline_rows(ds, AS_OF), lang)
    fig = json.loads(measure_timeline(rows, revisions, as_of=AS_OF, lang=lang).to_json())
    hovers = [str(h) for trace in fig["data"] for h in trace.get("hovertext") or [] if h]
    revised = [h for h in hovers if "révisée" in h or "Revised" in h]
    assert revised and all(said in h for h in revised)


def test_a_revision_announced_on_a_day_keeps_its_day():
    ds = one_measure("day", revised="2015-12-31")
    revisions = delays.revised_due_dates(ds, AS_OF)
    assert revisions["announced_latest"].isna().all()
    rows = delays.timeline_rows(ds, AS_OF)
    fig = json.loads(measure_timeline(rows, revisions, as_of=AS_OF, lang="fr").to_json())
    hovers = [str(h) for trace in fig["data"] for h in trace.get("hovertext") or [] if h]
    assert any("(annoncée le 12/03/2014)" in h for h in hovers)


# --- A due date inside the last assessment's period -------------------------------------


def test_a_day_falls_within_a_period_but_not_within_a_date_known_to_the_day():
    assert falls_within("2014-03-15", "2014-03-01", "2014-03-31")
    assert falls_within("2014-03-31", "2014-03-01", "2014-03-31")
    assert not falls_within("2014-04-01", "2014-03-01", "2014-03-31")
    assert not falls_within("2014-03-12", "2014-03-12", None)
    assert not falls_within(None, "2014-03-01", "2014-03-31")


def deadline_fact(ds: Dataset, lang: str) -> str:
    detail = worded_detail(ds, "M1", AS_OF, "all", lang)
    assert detail is not None
    key = t("measures.fact.deadline", lang)
    return str(detail.facts.set_index("field")["value"][key])


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "En retard : échéance pendant la période de la dernière évaluation, en mars "
               "2014, qui ne dit pas si elle était déjà dépassée ; retard non compté"),
        ("en", "Overdue: the due date falls within the period of the last assessment, in "
               "March 2014, which does not tell whether it had already passed; delay not "
               "counted"),
    ],
)  # fmt: skip
def test_a_due_date_inside_the_assessments_month_is_not_said_to_pass_after_it(lang, said):
    assert deadline_fact(one_measure("month", due="2014-03-15"), lang) == said


def test_a_due_date_after_the_assessments_month_still_passed_after_it():
    assert deadline_fact(one_measure("month", due="2014-04-15"), "fr") == (
        "En retard : échéance dépassée après la dernière évaluation, en mars 2014"
    )


@pytest.mark.parametrize(
    ("due", "said"),
    [
        ("2014-03-15", "Échéance pendant la période de la dernière évaluation, en mars 2014"),
        ("2014-04-15", "Échéance dépassée après la dernière évaluation, en mars 2014"),
    ],
)
def test_the_delays_hover_says_within_or_after_as_the_due_date_falls(due, said):
    ds = one_measure("month", due=due)
    rows = delays.timeline_rows(ds, AS_OF)
    fig = json.loads(measure_timeline(rows, delays.revised_due_dates(ds, AS_OF), as_of=AS_OF,
                                      lang="fr").to_json())  # fmt: skip
    hovers = [str(h) for trace in fig["data"] for h in trace.get("hovertext") or [] if h]
    late = [h for h in hovers if "retard non compté" in h]
    assert len(late) == 3  # the bar and both ends of the overdue span
    assert all(said in h for h in late)


# --- One day, one jour ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "fr", "en"),
    [(0, "0 jour", "0 days"), (1, "1 jour", "1 day"), (2, "2 jours", "2 days"),
     (1801, "1\u202f801 jours", "1,801 days")],
)  # fmt: skip
def test_a_count_of_days_agrees_with_its_number(count, fr, en):
    assert (format_days(count, "fr"), format_days(count, "en")) == (fr, en)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", "En retard d'au moins 1 jour (dernière évaluation le 02/12/2013)"),
     ("en", "At least 1 day overdue (last assessment on 2013-12-02)")],
)  # fmt: skip
def test_a_measure_one_day_late_is_one_day_late(lang, said):
    ds = dataset_from_records(
        {
            "plans": [{"plan_id": "P1", "title": "Plan 1", "period_start": "2013-01-01",
                       "period_end": "2016-12-31", "adopted_date": "2013-01-01"}],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "number": 1, "axis": "Axe 1",
                          "title": "T", "due_date": "2013-12-01"}],
            "status_updates": [{"measure_id": "M1", "as_of": "2013-12-02",
                                "status": "En cours", "voice": "government"}],
        }
    )  # fmt: skip
    assert deadline_fact(ds, lang) == said
    rows = delay_tables.timeline_rows(ds, delays.timeline_rows(ds, AS_OF), lang)
    fig = json.loads(measure_timeline(rows, delays.revised_due_dates(ds, AS_OF), as_of=AS_OF,
                                      lang=lang).to_json())  # fmt: skip
    hovers = " ".join(str(h) for tr in fig["data"] for h in tr.get("hovertext") or [] if h)
    assert ("au moins 1 jour ;" if lang == "fr" else "At least 1 day late") in hovers
    assert "jour(s)" not in hovers and "day(s)" not in hovers


def test_every_template_counting_days_takes_its_unit_from_the_count():
    from monitoring.text.catalogues import translations
    from monitoring.text.i18n import CATALOG

    english = translations("en")
    for key, fr in CATALOG.items():
        en = english[key]
        if key in ("figures.days.one", "figures.days.many"):
            continue
        assert "{days} jour" not in fr and "jour(s)" not in fr, key
        assert "{days} day" not in en and "day(s)" not in en, key
