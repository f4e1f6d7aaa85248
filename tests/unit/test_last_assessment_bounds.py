"""A last assessment known only as a period is named as one in every text that dates it.

"dernière évaluation le 12/03/2014" for a day; "en mars 2014", "en 2014", "entre le … et
le …" otherwise, never the period's first day as if it were known (issue 10, item 8): in
the median delay (`plan_text`), the measure's facts (`measure_detail`) and the Delays
chart's hovers (`charts.delays`). A delay "at least N days" still counts to the earliest
day of the period, so it holds wherever in the period the assessment fell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from monitoring.analysis import delays, metrics
from monitoring.analysis.measure_detail import measure_detail
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import delay_tables, measure_text, plan_text
from monitoring.present.charts.delays import measure_timeline
from monitoring.text.i18n import format_date_phrase

AS_OF = dt.date(2015, 6, 30)
DUE = "2013-12-01"  # before every assessment below: the delay is counted, "at least"

# (earliest, latest, French phrase, English phrase, days from DUE to the earliest day,
#  a due date after the latest day: the deadline passed after the last assessment)
CASES = {
    "day": ("2014-03-12", None, "le 12/03/2014", "on 2014-03-12", 101, "2014-03-13"),
    "month": ("2014-03-01", "2014-03-31", "en mars 2014", "in March 2014", 90, "2014-04-01"),
    "year": ("2014-01-01", "2014-12-31", "en 2014", "in 2014", 31, "2015-01-01"),
    "range": (
        "2014-02-03", "2014-03-10", "entre le 03/02/2014 et le 10/03/2014",
        "between 2014-02-03 and 2014-03-10", 64, "2014-03-11",
    ),
}  # fmt: skip
KINDS = sorted(CASES)


def worded_detail(ds, measure_id, as_of, voice, lang):
    """`measure_detail` as the detail view shows it in `lang` (None: no such measure)."""
    found = measure_detail(ds, measure_id, as_of, voice)
    return None if found is None else measure_text.worded(found, ds.scale, lang)


def one_measure(kind: str, due: str = DUE) -> Dataset:
    """One measure due on `due`, assessed "En cours" once, on the dates of that case."""
    earliest, latest, *_ = CASES[kind]
    return dataset_from_records(
        {
            "plans": [{"plan_id": "P1", "title": "Plan 1", "period_start": "2013-01-01",
                       "period_end": "2016-12-31"}],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "number": 1, "axis": "Axe 1",
                          "title": "Former les juges", "due_date": due}],
            "status_updates": [{"measure_id": "M1", "as_of": earliest, "as_of_latest": latest,
                                "status": "En cours", "voice": "government"}],
        }
    )  # fmt: skip


def phrase(kind: str, lang: str) -> str:
    return CASES[kind][2 if lang == "fr" else 3]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_phrase_after_last_assessment_names_a_day_a_month_a_year_or_both_bounds(kind, lang):
    earliest, latest, *_ = CASES[kind]
    assert format_date_phrase(earliest, latest, lang) == phrase(kind, lang)


def test_an_exact_date_reads_as_before_and_a_missing_one_as_a_dash():
    assert format_date_phrase("2023-01-12", None, "fr") == "le 12/01/2023"
    assert format_date_phrase("2023-01-12", "2023-01-12", "en") == "on 2023-01-12"
    assert format_date_phrase(None, None, "fr") == "—"


# --- The median delay of a plan ---------------------------------------------------------


def median_summary(kind: str) -> dict[str, Any]:
    (summary,) = metrics.plan_summaries(one_measure(kind), AS_OF)
    return summary


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_plan_summary_gives_the_last_assessments_latest_bound_only_when_imprecise(kind):
    earliest, latest, *_ = CASES[kind]
    summary = median_summary(kind)
    assert (summary["last_assessed_on"], summary["last_assessed_latest"]) == (earliest, latest)


def test_the_plans_last_assessment_runs_from_the_latest_earliest_to_the_latest_latest_day():
    ds = one_measure("year")  # M1 assessed "2014"; M2 on 01/06/2014 exactly
    extra = dataset_from_records(
        {
            "measures": [{"measure_id": "M2", "plan_id": "P1", "number": 2, "axis": "Axe 1",
                          "title": "T", "due_date": DUE}],
            "status_updates": [{"measure_id": "M2", "as_of": "2014-06-01",
                                "status": "En cours", "voice": "government"}],
        }
    )  # fmt: skip
    tables = {
        **ds.tables,
        "measures": pd.concat([ds.measures, extra.measures], ignore_index=True),
        "status_updates": pd.concat([ds.status_updates, extra.status_updates], ignore_index=True),
    }
    (summary,) = metrics.plan_summaries(Dataset(tables=tables, scale=ds.scale), AS_OF)

    # The later of the two lies between 01/06/2014 (M2) and 31/12/2014 (M1 at the latest).
    assert (summary["last_assessed_on"], summary["last_assessed_latest"]) == (
        "2014-06-01", "2014-12-31",
    )  # fmt: skip
    assert plan_text.median_delay_text(summary, "fr").endswith(
        "dernière évaluation entre le 01/06/2014 et le 31/12/2014)"
    )


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_median_delay_names_the_last_assessment_by_its_bounds_in_french(kind):
    days = CASES[kind][4]
    assert plan_text.median_delay_text(median_summary(kind), "fr") == (
        f"Retard médian : au moins {days} jours (sur 1 mesure ; "
        f"dernière évaluation {phrase(kind, 'fr')})"
    )


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_median_delay_names_the_last_assessment_by_its_bounds_in_english(kind):
    days = CASES[kind][4]
    assert plan_text.median_delay_text(median_summary(kind), "en") == (
        f"Median delay: at least {days} days (over 1 measure; last assessment {phrase(kind, 'en')})"
    )


# --- The facts of a measure -------------------------------------------------------------


def facts(ds: Dataset, lang: str) -> dict[str, str]:
    detail = worded_detail(ds, "M1", AS_OF, "all", lang)
    assert detail is not None
    return dict(zip(detail.facts["field"], detail.facts["value"], strict=True))


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_days_overdue_count_to_the_earliest_day_and_name_the_whole_period(kind):
    days = CASES[kind][4]
    assert facts(one_measure(kind), "fr")["Situation"] == (
        f"En retard d'au moins {days} jours (dernière évaluation {phrase(kind, 'fr')})"
    )
    assert facts(one_measure(kind), "en")["Standing"] == (
        f"At least {days} days overdue (last assessment {phrase(kind, 'en')})"
    )


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_a_deadline_passed_after_an_imprecise_last_assessment_names_its_period(kind):
    ds = one_measure(kind, due=CASES[kind][5])
    assert facts(ds, "fr")["Situation"] == (
        f"En retard : échéance dépassée après la dernière évaluation, {phrase(kind, 'fr')}"
    )
    assert facts(ds, "en")["Standing"] == (
        f"Overdue: the due date passed after the last assessment, {phrase(kind, 'en')}"
    )


@pytest.mark.scale
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("kind", "fr", "en"),
    [
        ("day", "12/03/2014", "2014-03-12"),
        ("month", "mars 2014", "March 2014"),
        ("year", "2014", "2014"),
        ("range", "entre le 03/02/2014 et le 10/03/2014", "between 2014-02-03 and 2014-03-10"),
    ],
)
def test_each_voices_status_is_dated_by_its_bounds(kind, fr, en, lang):
    field = "Statut actuel : gouvernement" if lang == "fr" else "Current status: government"
    status = "En cours" if lang == "fr" else "In progress"
    assert facts(one_measure(kind), lang)[field] == f"{status} · {fr if lang == 'fr' else en}"


# --- The Delays chart's hovers ----------------------------------------------------------


def hovers(ds: Dataset, lang: str) -> tuple[str, str]:
    """The overdue span's hover, and the last line of the measure bar's hover."""
    rows = delay_tables.timeline_rows(ds, delays.timeline_rows(ds, AS_OF), lang)
    fig = measure_timeline(rows, delays.revised_due_dates(ds, AS_OF), as_of=AS_OF, lang=lang)
    late = next(d for d in fig.data if d.name == ("Retard" if lang == "fr" else "Delay"))
    bar = next(d for d in fig.data if d.type == "bar")
    return late.hovertext[0], bar.hovertext[0].split("<br>")[-1]


@pytest.mark.parametrize("kind", KINDS)
def test_the_timeline_rows_carry_the_latest_bound_of_the_last_assessment(kind):
    row = delays.timeline_rows(one_measure(kind), AS_OF).iloc[0]
    latest = CASES[kind][1]
    assert (
        row["assessed_latest"] is pd.NaT
        if latest is None
        else (row["assessed_latest"] == pd.Timestamp(latest))
    )


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_delay_hovers_name_the_last_assessment_by_its_bounds(kind):
    days = CASES[kind][4]
    fr = f"En retard d'au moins {days} jours ; dernière évaluation {phrase(kind, 'fr')}"
    en = f"At least {days} days late; last assessment {phrase(kind, 'en')}"
    assert hovers(one_measure(kind), "fr") == (fr, fr)
    assert hovers(one_measure(kind), "en") == (en, en)


@pytest.mark.scale
@pytest.mark.parametrize("kind", KINDS)
def test_the_hover_of_a_delay_not_counted_names_the_period_of_the_last_assessment(kind):
    ds = one_measure(kind, due=CASES[kind][5])
    fr = f"Échéance dépassée après la dernière évaluation, {phrase(kind, 'fr')} : retard non compté"
    en = f"Due date passed after the last assessment, {phrase(kind, 'en')}: delay not counted"
    assert hovers(ds, "fr") == (fr, fr)
    assert hovers(ds, "en") == (en, en)
