"""Delays helpers: revisions, slips, the three lists, per lead, timeline rows, on tiny data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from monitoring.analysis import delays
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import delay_tables

AS_OF = dt.date(2020, 12, 1)


def plan(plan_id: str = "P1", start: str = "2019-01-01", end: str = "2021-12-31") -> dict:
    return {"plan_id": plan_id, "title": f"Plan {plan_id}", "period_start": start,
            "period_end": end}  # fmt: skip


def measure(measure_id: str, due: str | None, plan_id: str = "P1", number: int = 1,
            **extra: Any) -> dict:  # fmt: skip
    return {"measure_id": measure_id, "plan_id": plan_id, "number": number, "axis": "Axe 1",
            "title": f"Mesure {measure_id}", "due_date": due, "lead": "Justice",
            **extra}  # fmt: skip


def assessed(measure_id: str, as_of: str, status: str = "En cours", voice: str = "government",
             **extra: Any) -> dict:  # fmt: skip
    return {"measure_id": measure_id, "as_of": as_of, "status": status, "voice": voice, **extra}


def build(measures: list[dict], updates: list[dict] | None = None,
          plans: list[dict] | None = None) -> Dataset:  # fmt: skip
    return dataset_from_records(
        {"plans": plans or [plan()], "measures": measures, "status_updates": updates or []}
    )


def by_id(frame: pd.DataFrame, measure_id: str) -> pd.Series:
    return frame.set_index("measure_id").loc[measure_id]


# --- Revised due dates and slips ------------------------------------------------------


def test_every_revised_due_date_known_at_the_as_of_date_is_listed_not_only_the_latest():
    ds = build(
        [measure("M1", "2020-01-31")],
        [
            assessed("M1", "2020-07-01", revised_due_date="2020-12-31"),
            assessed("M1", "2020-01-10", revised_due_date="2020-06-30"),
            assessed("M1", "2020-08-01"),  # no new deadline: not a revision
            assessed("M1", "2021-02-01", revised_due_date="2021-06-30"),  # after the as-of date
        ],
    )

    revisions = delays.revised_due_dates(ds, AS_OF)

    assert revisions["revised_due_date"].tolist() == [pd.Timestamp("2020-06-30"),
                                                      pd.Timestamp("2020-12-31")]  # fmt: skip
    assert revisions["announced_on"].tolist() == [pd.Timestamp("2020-01-10"),
                                                  pd.Timestamp("2020-07-01")]  # fmt: skip
    assert len(delays.revised_due_dates(ds, dt.date(2021, 3, 1))) == 3


def test_a_revision_of_a_measure_outside_the_dataset_is_left_out():
    ds = build(
        [measure("M1", "2020-01-31")],
        [assessed("GHOST", "2020-01-10", revised_due_date="2020-06-30")],
    )

    assert delays.revised_due_dates(ds, AS_OF).empty


def test_slip_counts_days_and_each_move_of_the_deadline():
    ds = build(
        [measure("M1", "2020-01-31"), measure("M2", "2020-03-31", number=2)],
        [
            assessed("M1", "2020-01-10", revised_due_date="2020-06-30"),
            assessed("M1", "2020-07-01", revised_due_date="2020-12-31"),
            assessed("M2", "2020-02-01", revised_due_date="2020-04-30"),
        ],
    )

    slips = delays.slipped_measures(ds, AS_OF).set_index("number")

    assert slips.index.tolist() == [1, 2]  # largest slip first
    assert (slips.loc[1, "slip_days"], slips.loc[1, "times_moved"]) == (335, 2)
    assert (slips.loc[2, "slip_days"], slips.loc[2, "times_moved"]) == (30, 1)


def test_a_new_deadline_reported_by_two_voices_counts_as_one_move():
    ds = build(
        [measure("M1", "2020-01-31")],
        [
            assessed("M1", "2020-01-10", revised_due_date="2020-06-30"),
            assessed("M1", "2020-01-15", voice="civil_society", revised_due_date="2020-06-30"),
        ],
    )

    slip = delays.slipped_measures(ds, AS_OF).iloc[0]

    assert slip["times_moved"] == 1
    assert slip["deadlines"] == (pd.Timestamp("2020-01-31"), pd.Timestamp("2020-06-30"))


def test_a_deadline_moved_and_moved_back_still_shows_as_moved_with_no_slip():
    ds = build(
        [measure("M1", "2020-01-31")],
        [
            assessed("M1", "2020-01-10", revised_due_date="2020-06-30"),
            assessed("M1", "2020-02-10", revised_due_date="2020-01-31"),
        ],
    )

    slip = delays.slipped_measures(ds, AS_OF).iloc[0]

    assert (slip["slip_days"], slip["times_moved"]) == (0, 2)


def test_successive_deadlines_read_as_a_chain_in_each_language():
    ds = build(
        [measure("M1", "2019-12-31")],
        [
            assessed("M1", "2019-12-01", revised_due_date="2020-06-30"),
            assessed("M1", "2020-06-01", revised_due_date="2020-12-31"),
        ],
    )

    deadlines = delays.slipped_measures(ds, AS_OF)["deadlines"]
    fr = delay_tables.deadline_text(deadlines, "fr").iloc[0]
    en = delay_tables.deadline_text(deadlines, "en").iloc[0]

    assert fr == "31/12/2019 → 30/06/2020 → 31/12/2020"
    assert en == "2019-12-31 → 2020-06-30 → 2020-12-31"


def test_no_revision_means_no_slip():
    ds = build([measure("M1", "2020-01-31")], [assessed("M1", "2020-02-01")])

    assert delays.slipped_measures(ds, AS_OF).empty
    assert delays.delay_counts(ds, AS_OF)["slipped"] == 0


# --- Overdue, past due unassessed, not yet due ------------------------------------------


def test_overdue_measures_come_most_days_late_first_with_status_assessor_and_evidence():
    ds = build(
        [measure("M1", "2020-10-31"), measure("M2", "2020-06-30", number=2)],
        [
            assessed("M1", "2020-11-01", "Non réalisée", voice="independent", assessor="CNCDH",
                     evidence="https://example.org/avis"),
            assessed("M2", "2020-07-01", "Non démarrée", voice="civil_society"),
            assessed("M2", "2020-11-30", "Non démarrée", voice="civil_society"),
        ],
    )  # fmt: skip

    listed = delays.measure_list(ds, AS_OF, kind="overdue")
    overdue = delay_tables.readable(ds, listed, "fr")

    assert listed["status"].tolist() == ["Non démarrée", "Non réalisée"]  # as written
    assert listed["voice"].tolist() == ["civil_society", "independent"]  # codes
    assert overdue["measure_id"].tolist() == ["M2", "M1"]
    # Up to the last assessment: 30/06 → 30/11, 31/10 → 01/11; not to the as-of date.
    assert overdue["days_late"].tolist() == [153, 1]
    assert overdue["assessed_on"].tolist() == [
        pd.Timestamp("2020-11-30"),
        pd.Timestamp("2020-11-01"),
    ]
    assert overdue["due_basis"].tolist() == ["measure", "measure"]
    first, second = overdue.iloc[0], overdue.iloc[1]
    assert (first["status"], first["assessed_by"]) == ("Non démarrée", "Société civile")
    assert second["assessed_by"] == "CNCDH · Évaluation indépendante"
    assert second["evidence"] == "https://example.org/avis"
    assert delay_tables.readable(ds, listed, "en").iloc[0]["status"] == "Not started"


def test_measure_not_yet_due_is_never_late():
    ds = build([measure("M1", "2020-12-31")], [assessed("M1", "2020-01-01", "Non démarrée")])

    assert delays.measure_list(ds, AS_OF, kind="overdue").empty
    upcoming = delays.measure_list(ds, AS_OF, kind="not_yet_due")
    assert upcoming["measure_id"].tolist() == ["M1"]
    assert upcoming.iloc[0]["days_left"] == 30
    assert pd.isna(upcoming.iloc[0]["days_late"])


def test_past_due_measure_without_a_known_status_is_listed_apart_from_overdue():
    ds = build([measure("M1", "2020-01-31"), measure("M2", "2020-02-28", number=2)],
               [assessed("M2", "2020-03-01", "Non évaluée", assessor="MIPROF")])  # fmt: skip

    listed = delays.measure_list(ds, AS_OF, kind="past_due_unassessed")
    unassessed = delay_tables.readable(ds, listed, "en")
    counts = delays.delay_counts(ds, AS_OF)

    assert unassessed["measure_id"].tolist() == ["M1", "M2"]  # oldest due date first
    assert unassessed["status"].tolist() == ["Not assessed", "Not assessed"]
    assert unassessed["days_late"].isna().all()
    assert (counts["overdue"], counts["past_due_unassessed"]) == (0, 2)


def test_a_revised_deadline_still_ahead_makes_a_measure_not_yet_due():
    ds = build(
        [measure("M1", "2020-01-31")],
        [assessed("M1", "2020-01-10", "En cours", revised_due_date="2021-06-30")],
    )

    counts = delays.delay_counts(ds, AS_OF)

    assert (counts["overdue"], counts["not_yet_due"], counts["slipped"]) == (0, 1, 1)


def test_measure_list_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        delays.measure_list(build([measure("M1", None)]), AS_OF, kind="late")  # type: ignore[arg-type]


# --- Per lead -------------------------------------------------------------------------


def test_delay_by_lead_counts_overdue_measures_and_their_median_days_late():
    ds = build(
        [
            measure("M1", "2020-11-21"),  # 10 days late at its last assessment
            measure("M2", "2020-11-01", number=2),  # 30 days late at its last assessment
            measure("M3", "2020-01-31", number=3),  # done: not overdue
            measure("M4", "2020-06-30", number=4, lead="Intérieur"),  # dropped
            measure("M5", "2020-11-01", number=5),  # due after its last assessment: no delay
        ],
        [
            assessed("M1", "2020-12-01"),
            assessed("M2", "2020-12-01"),
            assessed("M5", "2020-10-01"),
            assessed("M3", "2020-03-01", "Réalisée", completed_on="2020-03-01"),
            assessed("M4", "2020-03-01", "Abandonnée"),
        ],
    )

    leads = delays.delay_by_lead(ds, AS_OF)

    assert leads["lead"].tolist() == ["Justice"]  # a lead with nothing overdue is left out
    justice = leads.iloc[0]
    assert (justice["overdue"], justice["median_days_late"]) == (3, 20.0)
    assert (justice["max_days_late"], justice["measures"]) == (30, 4)
    assert (justice["delays_known"], justice["on_plan_end"]) == (2, 0)


def test_measures_without_a_lead_are_grouped_as_lead_not_given():
    ds = build(
        [
            measure("M1", "2020-06-30", lead=None),
            measure("M2", "2020-06-30", number=2, lead=None),
            measure("M3", "2020-10-31", number=3),
        ],
        [assessed(m, "2020-01-01", "Non démarrée") for m in ("M1", "M2", "M3")],
    )

    leads = delays.delay_by_lead(ds, AS_OF)
    overdue = delay_tables.readable(ds, delays.measure_list(ds, AS_OF, kind="overdue"), "fr")

    assert pd.isna(leads.iloc[0]["lead"]) and leads.iloc[0]["overdue"] == 2
    assert leads.iloc[1]["lead"] == "Justice"
    assert by_id(overdue, "M1")["lead"] == "Pilote non renseigné"


# --- Timeline rows --------------------------------------------------------------------


def test_timeline_rows_group_measures_by_plan_then_axis_and_carry_the_plan_start():
    ds = build(
        [
            measure("B1", "2022-06-30", plan_id="P2"),
            measure("A1", "2020-06-30", axis="Prévenir"),
            measure("A2", "2020-06-30", number=2, axis="Protéger"),
            measure("A3", "2020-06-30", number=3, axis="Prévenir"),
        ],
        plans=[plan(), plan("P2", "2022-01-01", "2024-12-31")],
    )

    in_force = dt.date(2022, 2, 1)  # both plans started (no adoption date: their start counts)
    rows = delays.timeline_rows(ds, in_force)
    only_p2 = delays.timeline_rows(ds, in_force, plan_ids=("P2",))

    assert rows["measure_id"].tolist() == ["A1", "A3", "A2", "B1"]
    assert by_id(rows, "B1")["plan_start"] == pd.Timestamp("2022-01-01")
    assert only_p2["measure_id"].tolist() == ["B1"]


def test_timeline_rows_show_status_labels_in_the_chosen_language():
    ds = build([measure("M1", "2020-06-30")], [assessed("M1", "2020-01-01", "En cours")])

    assert (
        delay_tables.timeline_rows(ds, delays.timeline_rows(ds, AS_OF), "en").iloc[0]["status"]
        == "In progress"
    )
    assert (
        delay_tables.timeline_rows(ds, delays.timeline_rows(ds, AS_OF), "fr").iloc[0]["status"]
        == "En cours"
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(dt.date(2023, 6, 1), "P2"), (dt.date(2021, 6, 1), "P1"), (dt.date(2018, 6, 1), "P1")],
)
def test_the_most_recent_plan_is_the_last_one_started_by_the_as_of_date(as_of, expected):
    ds = build(
        [measure("M1", None)],
        plans=[plan("P2", "2022-01-01", "2024-12-31"), plan("P1", "2019-01-01", "2021-12-31")],
    )

    assert delays.latest_plan(ds, as_of) == expected


TWO_PLANS = [plan("P1", "2019-01-01", "2021-12-31"), plan("P2", "2022-01-01", "2024-12-31")]


def test_the_plan_opened_is_the_one_with_the_most_known_statuses_not_the_latest():
    ds = build(
        [measure("A1", None), measure("A2", None, number=2), measure("B1", None, "P2"),
         measure("B2", None, "P2", 2), measure("B3", None, "P2", 3)],
        [assessed("A1", "2020-01-01"), assessed("A2", "2020-02-01", "Réalisée"),
         assessed("B1", "2022-06-01", "Non évaluée")],  # assessed, but nothing known
        plans=TWO_PLANS,
    )  # fmt: skip

    later = dt.date(2023, 6, 1)
    assert delays.latest_plan(ds, later) == "P2"
    assert delays.known_statuses(ds, later) == {"P1": 2, "P2": 0}
    assert delays.most_known_plan(ds, later) == "P1"


def test_what_is_known_is_read_at_the_date_and_in_the_voice_chosen():
    ds = build(
        [measure("A1", None), measure("B1", None, "P2"), measure("B2", None, "P2", 2)],
        [assessed("A1", "2020-01-01", voice="civil_society"),
         assessed("B1", "2023-01-01"), assessed("B2", "2023-02-01")],
        plans=TWO_PLANS,
    )  # fmt: skip

    assert delays.most_known_plan(ds, dt.date(2023, 6, 1)) == "P2"  # 2 known against 1
    assert delays.most_known_plan(ds, dt.date(2022, 6, 1)) == "P1"  # P2's not known yet
    assert delays.most_known_plan(ds, dt.date(2023, 6, 1), "civil_society") == "P1"


def test_with_nothing_known_the_plan_opened_is_the_most_recent_started():
    ds = build([measure("A1", None), measure("B1", None, "P2")], plans=TWO_PLANS)

    assert delays.known_statuses(ds, AS_OF) == {"P1": 0, "P2": 0}
    assert delays.most_known_plan(ds, dt.date(2023, 6, 1)) == "P2"
    assert delays.most_known_plan(ds, dt.date(2020, 6, 1)) == "P1"  # P2 not started
    assert delays.most_known_plan(dataset_from_records({}), AS_OF) is None


def test_a_dataset_without_plans_has_no_most_recent_plan():
    assert delays.latest_plan(dataset_from_records({}), AS_OF) is None


def test_measures_without_any_plan_make_empty_delay_lists_not_an_error():
    ds = dataset_from_records(
        {"measures": [measure("M1", "2020-06-30"), measure("M2", None, number=2)],
         "status_updates": [assessed("M1", "2020-09-01")]}
    )  # fmt: skip

    assert delays.timeline_rows(ds, AS_OF).empty
    assert delays.measure_list(ds, AS_OF, kind="overdue").empty
    assert delays.delay_counts(ds, AS_OF)["measures"] == 0


# --- Links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["https://example.org/a", None, "http://example.org/b"], True),
        (["https://example.org/a", "[S53] https://example.org/b"], False),
        (["javascript:alert(1)"], False),
        ([None, None], False),
    ],
)
def test_evidence_shows_as_links_only_when_every_value_is_a_web_address(values, expected):
    assert delays.is_link_column(pd.Series(values, dtype="str")) is expected


# --- Deadline basis, evidence, imprecise dates --------------------------------------------


def test_delay_counts_say_how_many_rest_on_the_plan_end_convention_and_how_many_have_no_delay():
    ds = build(
        [
            measure("OWN", "2020-06-30"),
            measure("END", None, plan_id="P0", number=2),
            measure("BLANK", None, plan_id="P0", number=3),
        ],
        [assessed("OWN", "2020-07-31"), assessed("END", "2020-01-01")],
        plans=[plan(), plan("P0", "2016-01-01", "2019-12-31")],
    )

    counts = delays.delay_counts(ds, AS_OF)

    assert (counts["overdue"], counts["overdue_on_plan_end"]) == (2, 1)
    assert counts["past_due_unassessed_on_plan_end"] == 1  # BLANK
    assert counts["overdue_delay_unknown"] == 0
    listed = delays.measure_list(ds, AS_OF, kind="overdue").set_index("measure_id")
    assert listed["due_basis"].to_dict() == {"OWN": "measure", "END": "plan_end"}
    assert listed["days_late"].to_dict() == {"OWN": 31, "END": 1}


def test_an_overdue_measure_assessed_before_its_due_date_is_listed_last_without_days_late():
    ds = build(
        [measure("EARLY", "2020-06-30"), measure("LATE", "2020-06-30", number=2)],
        [assessed("EARLY", "2020-05-01"), assessed("LATE", "2020-07-10")],
    )

    listed = delays.measure_list(ds, AS_OF, kind="overdue")

    assert listed["measure_id"].tolist() == ["LATE", "EARLY"]
    assert pd.isna(listed.iloc[1]["days_late"])
    assert delays.delay_counts(ds, AS_OF)["overdue_delay_unknown"] == 1


def test_a_revision_announced_in_an_imprecise_assessment_counts_once_its_latest_day_has_passed():
    ds = build(
        [measure("M1", "2020-01-31")],
        [assessed("M1", "2020-11-01", revised_due_date="2021-06-30", as_of_latest="2020-12-31")],
    )

    assert delays.revised_due_dates(ds, AS_OF).empty
    later = delays.revised_due_dates(ds, dt.date(2020, 12, 31))
    assert later["announced_on"].tolist() == [pd.Timestamp("2020-11-01")]
    assert delays.delay_counts(ds, dt.date(2020, 12, 31))["slipped"] == 1


def test_timeline_rows_carry_what_the_chart_needs_to_stop_a_delay_at_the_last_evidence():
    ds = build([measure("M1", "2020-06-30")], [assessed("M1", "2020-07-31")])

    row = delays.timeline_rows(ds, AS_OF).iloc[0]

    assert (row["assessed_on"], row["delay_days"]) == (pd.Timestamp("2020-07-31"), 31)
    assert (row["due_basis"], bool(row["delay_is_lower_bound"])) == ("measure", True)


def test_measures_of_a_plan_adopted_after_the_as_of_date_are_neither_late_nor_due():
    later = plan("P2", "2021-01-01", "2022-12-31") | {"adopted_date": "2021-03-01"}
    ds = build(
        [measure("M1", "2020-06-30"), measure("M2", "2020-06-30", plan_id="P2")],
        [assessed(m, "2020-11-01", "Non réalisée") for m in ("M1", "M2")],
        plans=[plan(), later],
    )  # fmt: skip

    table = delays.measure_list(ds, AS_OF, kind="overdue")
    counts = delays.delay_counts(ds, AS_OF)

    assert table["measure_id"].tolist() == ["M1"]  # M2's plan is adopted on 01/03/2021
    assert (counts["measures"], counts["overdue"], counts["not_yet_due"]) == (1, 1, 0)
    assert delays.timeline_rows(ds, AS_OF)["measure_id"].tolist() == ["M1"]
    assert delays.delay_counts(ds, dt.date(2021, 3, 1))["overdue"] == 2
