"""The derived figures: each contract definition on a small dataset built for it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

from monitoring.analysis import metrics
from monitoring.contract.dataset import DATE_DTYPE, Dataset, dataset_from_records, empty_table
from monitoring.contract.schema import SHEETS_BY_ID

AS_OF = dt.date(2020, 1, 1)
NA = pd.NA


def plan(plan_id: str = "P1", start: str = "2019-01-01", end: str = "2021-12-31", **extra: Any):
    return {"plan_id": plan_id, "title": f"Plan {plan_id}", "period_start": start,
            "period_end": end, **extra}  # fmt: skip


def measure(measure_id: str, plan_id: str = "P1", number: int = 1, **extra: Any):
    return {"measure_id": measure_id, "plan_id": plan_id, "number": number, "axis": "Axe 1",
            "title": f"Mesure {measure_id}", **extra}  # fmt: skip


def assessed(measure_id: str, as_of: str, status: str, voice: str = "government", **extra: Any):
    return {"measure_id": measure_id, "as_of": as_of, "status": status, "voice": voice, **extra}


def letter(event_id: str, date: str, recipient: str = "Premier ministre", **extra: Any):
    return {"event_id": event_id, "date": date, "kind": "letter", "title": f"Lettre {event_id}",
            "sender": "Collectif", "recipient": recipient, **extra}  # fmt: skip


def reply(event_id: str, date: str, reply_to: str, kind: str = "reply"):
    return {"event_id": event_id, "date": date, "kind": kind, "title": f"Réponse {event_id}",
            "reply_to": reply_to}  # fmt: skip


def build(
    measures: list[dict[str, Any]] | None = None,
    updates: list[dict[str, Any]] | None = None,
    plans: list[dict[str, Any]] | None = None,
    **tables: list[dict[str, Any]],
) -> Dataset:
    return dataset_from_records(
        {
            "plans": plans if plans is not None else [plan()],
            "measures": measures if measures is not None else [measure("M1")],
            "status_updates": updates or [],
            **tables,
        }
    )


def row(frame: pd.DataFrame, measure_id: str) -> pd.Series:
    return frame.set_index("measure_id").loc[measure_id]


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- Current status --------------------------------------------------------------------


def test_measure_without_assessment_is_unknown_not_not_done():
    ds = build([measure("M1"), measure("M2", number=2)], [assessed("M2", "2019-05-01", "Réalisée")])

    status = row(metrics.current_status(ds, AS_OF), "M1")
    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert (status["status"], status["category"]) == ("Non évaluée", "unknown")
    assert pd.isna(status["assessed_on"])
    assert summary["status_counts"] == {
        "done": 1, "partial": 0, "not_done": 0, "dropped": 0, "unknown": 1,
    }  # fmt: skip


def test_same_day_assessments_later_row_wins():
    ds = build(
        [measure("M1")],
        [
            assessed("M1", "2019-06-01", "Non démarrée", assessor="MIPROF"),
            assessed("M1", "2019-06-01", "En cours", assessor="Comité de suivi"),
        ],
    )

    status = row(metrics.current_status(ds, AS_OF), "M1")

    assert (status["status"], status["category"], status["assessor"]) == (
        "En cours", "partial", "Comité de suivi",
    )  # fmt: skip


def test_later_date_wins_over_later_row():
    ds = build(
        [measure("M1")],
        [assessed("M1", "2019-09-01", "Réalisée"), assessed("M1", "2019-03-01", "En cours")],
    )

    assert row(metrics.current_status(ds, AS_OF), "M1")["status"] == "Réalisée"


def test_assessment_after_as_of_date_is_ignored():
    ds = build(
        [measure("M1")],
        [
            assessed("M1", "2019-06-01", "En cours"),
            assessed("M1", "2020-01-02", "Réalisée", completed_on="2019-12-15"),
        ],
    )

    on_the_day = row(metrics.measure_table(ds, AS_OF), "M1")
    next_day = row(metrics.measure_table(ds, dt.date(2020, 1, 2)), "M1")

    assert (on_the_day["category"], on_the_day["assessed_on"]) == ("partial", ts("2019-06-01"))
    assert pd.isna(on_the_day["completed_on"])
    assert (next_day["category"], next_day["completed_on"]) == ("done", ts("2019-12-15"))


def test_voice_filter_uses_only_that_voices_assessments():
    ds = build(
        [measure("M1")],
        [
            assessed("M1", "2019-06-01", "Réalisée", "government", completed_on="2019-05-01"),
            assessed("M1", "2019-09-01", "Non réalisée", "civil_society", evidence="rapport.pdf"),
        ],
    )

    every_voice = row(metrics.current_status(ds, AS_OF), "M1")
    government = row(metrics.measure_table(ds, AS_OF, voice="government"), "M1")
    civil = row(metrics.measure_table(ds, AS_OF, voice="civil_society"), "M1")
    independent = row(metrics.current_status(ds, AS_OF, voice="independent"), "M1")

    assert (every_voice["category"], every_voice["voice"]) == ("not_done", "civil_society")
    assert (government["category"], government["completed_on"]) == ("done", ts("2019-05-01"))
    # The government's completion date is not the coalition's claim.
    assert (civil["category"], civil["evidence"]) == ("not_done", "rapport.pdf")
    assert pd.isna(civil["completed_on"])
    assert independent["category"] == "unknown"


def test_unknown_voice_is_rejected():
    with pytest.raises(ValueError, match="unknown voice"):
        metrics.current_status(build(), AS_OF, voice="Gouvernement")


def test_measures_come_in_plan_start_then_number_order():
    ds = build(
        [
            measure("B2", "LATER", number=2),
            measure("A3", "EARLIER", number=3),
            measure("B1", "LATER", number=1),
            measure("A-none", "EARLIER", number=None),
            measure("A1", "EARLIER", number=1),
        ],
        plans=[
            plan("LATER", "2019-01-01", "2021-12-31"),
            plan("EARLIER", "2014-01-01", "2016-12-31"),
        ],
    )

    order = metrics.current_status(ds, AS_OF)["measure_id"].tolist()

    assert order == ["A1", "A3", "A-none", "B1", "B2"]


# --- Due dates, overdue, delay, slip ----------------------------------------------------


def test_measure_not_yet_due_is_never_late():
    ds = build(
        [
            measure("FUTURE", due_date="2021-06-30"),
            measure("DUE_TODAY", number=2, due_date="2020-01-01"),
            measure("PLAN_END", number=3),  # no due date: the plan's end, 2021-12-31
        ],
        [assessed("FUTURE", "2019-06-01", "Non démarrée")],
    )

    table = metrics.measure_table(ds, AS_OF).set_index("measure_id")

    assert not table["overdue"].any()
    assert table["not_yet_due"].all()
    assert table["delay_days"].isna().all()
    assert table.loc["PLAN_END", "original_due"] == ts("2021-12-31")
    assert metrics.plan_summaries(ds, AS_OF)[0]["overdue"] == 0


def test_overdue_delay_counts_only_up_to_the_last_assessment_not_to_the_as_of_date():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [
            assessed("M1", "2019-03-01", "En cours", revised_due_date="2019-10-31"),
            assessed("M1", "2019-11-20", "En cours"),
        ],
    )

    late = row(metrics.measure_table(ds, AS_OF), "M1")

    assert (late["overdue"], late["not_yet_due"]) == (True, False)
    assert late["delay_days"] == 20  # 2019-10-31 → 2019-11-20, not → 2020-01-01
    assert late["delay_is_lower_bound"]
    assert late["slip_days"] == 123  # 2019-06-30 → 2019-10-31


def test_overdue_measure_whose_last_assessment_predates_its_due_date_has_no_delay():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [assessed("M1", "2019-03-01", "En cours", revised_due_date="2019-10-31")],
    )

    late = row(metrics.measure_table(ds, AS_OF), "M1")

    assert late["overdue"]
    assert pd.isna(late["delay_days"])
    assert not late["delay_is_lower_bound"]


def test_unassessed_measure_past_its_due_date_is_past_due_unassessed_not_overdue():
    # Nothing shows an unassessed measure is not done: it is counted apart, never as late.
    ds = build([measure("M1", due_date="2019-12-01")])

    late = row(metrics.measure_table(ds, AS_OF), "M1")

    assert (late["category"], late["overdue"], late["past_due_unassessed"]) == (
        "unknown",
        False,
        True,
    )
    assert pd.isna(late["delay_days"])


def test_done_and_dropped_measures_are_never_overdue():
    ds = build(
        [
            measure("DONE", due_date="2019-01-31"),
            measure("DROPPED", number=2, due_date="2019-01-31"),
        ],
        [
            assessed("DONE", "2019-06-01", "Réalisée"),
            assessed("DROPPED", "2019-06-01", "Abandonnée"),
        ],
    )

    table = metrics.measure_table(ds, AS_OF)

    assert not table["overdue"].any()
    assert not table["not_yet_due"].any()
    assert table["delay_days"].isna().all()  # done without a completion date: no delay


def test_only_revised_due_dates_known_at_as_of_date_count():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [
            assessed("M1", "2019-05-01", "En cours", revised_due_date="2020-06-30"),
            # A later assessment by another voice, without a revision, keeps the revision.
            assessed("M1", "2019-08-01", "En cours", "civil_society"),
            assessed("M1", "2020-03-01", "En cours", revised_due_date="2020-12-31"),
        ],
    )

    before = metrics.measure_table(ds, dt.date(2019, 4, 1), voice="civil_society")
    known_once = metrics.measure_table(ds, AS_OF, voice="civil_society")
    known_twice = metrics.measure_table(ds, dt.date(2020, 4, 1))

    assert row(before, "M1")[["effective_due", "slip_days"]].tolist() == [ts("2019-06-30"), 0]
    assert row(known_once, "M1")[["effective_due", "slip_days"]].tolist() == [
        ts("2020-06-30"), 366,
    ]  # fmt: skip
    assert row(known_twice, "M1")[["effective_due", "slip_days"]].tolist() == [
        ts("2020-12-31"), 550,
    ]  # fmt: skip


def test_latest_revision_wins_even_when_it_brings_the_deadline_forward():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [
            assessed("M1", "2019-02-01", "En cours", revised_due_date="2020-06-30"),
            assessed("M1", "2019-04-01", "En cours", revised_due_date="2019-05-31"),
        ],
    )

    moved = row(metrics.measure_table(ds, AS_OF), "M1")

    assert (moved["effective_due"], moved["slip_days"]) == (ts("2019-05-31"), -30)


def test_early_completion_gives_delay_zero():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [assessed("M1", "2019-07-01", "Réalisée", completed_on="2019-03-15")],
    )

    assert row(metrics.measure_table(ds, AS_OF), "M1")["delay_days"] == 0


def test_late_completion_delay_counts_from_original_due_date():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [
            assessed("M1", "2019-05-01", "En cours", revised_due_date="2019-12-31"),
            assessed("M1", "2019-11-01", "Réalisée", completed_on="2019-10-10"),
        ],
    )

    done = row(metrics.measure_table(ds, AS_OF), "M1")

    assert (done["delay_days"], done["slip_days"], done["overdue"]) == (102, 184, False)


def test_completion_date_falls_back_to_an_earlier_assessment():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [
            assessed("M1", "2019-08-01", "Réalisée", completed_on="2019-07-20"),
            assessed("M1", "2019-10-01", "Réalisée"),
        ],
    )

    done = row(metrics.measure_table(ds, AS_OF), "M1")

    assert (done["assessed_on"], done["completed_on"], done["delay_days"]) == (
        ts("2019-10-01"), ts("2019-07-20"), 20,
    )  # fmt: skip


def test_measure_table_keeps_dates_as_datetime64_and_days_as_int64():
    table = metrics.measure_table(build(), AS_OF)

    for column in ("assessed_on", "original_due", "effective_due", "completed_on"):
        assert table[column].dtype == DATE_DTYPE
    assert table["delay_days"].dtype == "Int64"
    assert table["slip_days"].dtype == "Int64"
    assert table["overdue"].dtype == bool


def test_measures_of_a_dataset_without_plans_keep_their_own_due_date_and_are_never_due():
    ds = build(
        [measure("M1", due_date="2019-06-30"), measure("M2", number=2)],
        [assessed("M1", "2019-09-01", "En cours")],
        plans=[],
    )

    table = metrics.measure_table(ds, AS_OF).set_index("measure_id")

    # No plan end to fall back on: M2's due date stays unknown (NaT), not a guess.
    assert table["original_due"].tolist() == [ts("2019-06-30"), pd.NaT]
    assert table["original_due"].dtype == DATE_DTYPE
    assert table.loc["M1", "due_basis"] == "measure" and pd.isna(table.loc["M2", "due_basis"])
    # A measure whose plan is missing is not adopted: neither overdue nor due.
    assert not table[["overdue", "past_due_unassessed", "not_yet_due"]].to_numpy().any()
    assert metrics.plan_summaries(ds, AS_OF) == []


# --- Plans ------------------------------------------------------------------------------


def test_completion_rate_is_done_measures_over_all_measures():
    ds = build(
        [measure(f"M{i}", number=i) for i in range(1, 5)],
        [
            assessed("M1", "2019-06-01", "Réalisée", completed_on="2019-05-01"),
            assessed("M2", "2019-06-01", "En cours"),
            assessed("M3", "2019-06-01", "Abandonnée"),
        ],
    )

    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert summary["measures"] == 4
    assert summary["completion_rate"] == 0.25


def test_plan_without_measures_has_completion_rate_none():
    ds = build([measure("M1")], plans=[plan("P1"), plan("EMPTY", "2019-06-01", "2022-12-31")])

    empty = metrics.plan_summaries(ds, AS_OF)[1]

    assert empty["plan_id"] == "EMPTY"
    assert (empty["measures"], empty["completion_rate"], empty["overdue"]) == (0, None, 0)
    assert (empty["completion_state"], empty["coverage"]) == ("no_measures", None)
    assert empty["median_delay_days"] is None
    assert set(empty["status_counts"].values()) == {0}


def test_plan_reproduces_the_published_evaluation_of_the_second_plan():
    # CNCDH evaluation of the 2019-2021 plan, 12 January 2023: 3 done, 28 partly, 14 not.
    statuses = ["Réalisée"] * 3 + ["Partiellement réalisée"] * 28 + ["Non réalisée"] * 14
    ds = build(
        [measure(f"PAN2-M{n:02d}", "PAN2", number=n) for n in range(1, 46)],
        [
            assessed(f"PAN2-M{n:02d}", "2023-01-12", status, "independent", assessor="CNCDH")
            for n, status in enumerate(statuses, start=1)
        ],
        plans=[plan("PAN2", "2019-10-18", "2021-12-31", adopted_date="2019-10-18")],
    )

    summary = metrics.plan_summaries(ds, dt.date(2023, 6, 30), voice="independent")[0]

    assert summary["measures"] == 45
    assert summary["status_counts"] == {
        "done": 3, "partial": 28, "not_done": 14, "dropped": 0, "unknown": 0,
    }  # fmt: skip
    assert summary["completion_rate"] == 3 / 45
    assert summary["overdue"] == 42


def test_median_delay_is_taken_over_measures_that_have_one():
    ds = build(
        [measure(f"M{i}", number=i, due_date="2019-06-30") for i in range(1, 5)],
        [
            assessed("M1", "2019-07-01", "Réalisée", completed_on="2019-06-01"),  # 0
            assessed("M2", "2019-07-01", "En cours", revised_due_date="2019-12-01"),
            assessed("M2", "2019-12-20", "En cours"),  # 19, up to this last assessment
            assessed("M3", "2019-07-01", "Réalisée"),  # no completion date: no delay
            assessed("M4", "2019-07-01", "En cours", revised_due_date="2020-06-30"),  # not due
        ],
    )

    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert summary["median_delay_days"] == 9.5
    assert summary["delays_counted"] == 2


def test_plan_summaries_are_json_ready_with_the_documented_keys():
    ds = build(plans=[plan(adopted_date="2019-03-01", expected_date="2019-01-01")])

    (summary,) = metrics.plan_summaries(ds, AS_OF)

    assert json.loads(json.dumps(summary)) == {
        "plan_id": "P1", "title": "Plan P1", "adopted": True, "adopted_date": "2019-03-01",
        "expected_date": "2019-01-01", "expected_latest": None, "measures": 1,
        "status_counts": {"done": 0, "partial": 0, "not_done": 0, "dropped": 0, "unknown": 1},
        "assessed": 0, "coverage": 0.0, "completion_state": "no_assessment",
        "completion_rate": None, "overdue": 0,
        "overdue_by_basis": {"revised": 0, "measure": 0, "plan_end": 0},
        "past_due_unassessed": 0,
        "past_due_unassessed_by_basis": {"revised": 0, "measure": 0, "plan_end": 0},
        "median_delay_days": None, "delays_counted": 0, "median_delay_is_lower_bound": False,
        "overdue_delay_unknown": 0,
        "last_assessed_on": None, "last_assessed_latest": None, "retention_recorded": False,
        "retention_counts": None, "published_verdicts": [],
        "adoption_delay_days": 59, "adoption_delay_max_days": None,
        "adoption_overdue_days": None, "gap_before_days": None,
        "gap_open": False, "period_start": "2019-01-01", "period_end": "2021-12-31",
    }  # fmt: skip


def test_adoption_delay_and_gap_between_plans():
    ds = build(
        [],
        plans=[
            plan(
                "PAN2",
                "2019-10-18",
                "2021-12-31",
                expected_date="2017-01-01",
                adopted_date="2019-10-18",
            ),
            plan(
                "PAN1",
                "2014-01-01",
                "2016-12-31",
                expected_date="2008-01-01",
                adopted_date="2014-05-14",
            ),
            plan("PAN3", "2024-01-01", "2027-12-31", adopted_date="2023-12-11"),
        ],
    )

    timeline = metrics.plan_timeline(ds).set_index("plan_id")
    summaries = {s["plan_id"]: s for s in metrics.plan_summaries(ds, AS_OF)}

    assert timeline.index.tolist() == ["PAN1", "PAN2", "PAN3"]
    assert timeline["adoption_delay_days"].tolist() == [2325, 1020, NA]
    assert timeline["gap_before_days"].tolist() == [NA, 1021, 710]
    assert timeline.loc["PAN2", ["gap_start", "gap_end"]].tolist() == [
        ts("2016-12-31"), ts("2019-10-18"),
    ]  # fmt: skip
    assert (summaries["PAN2"]["adoption_delay_days"], summaries["PAN2"]["gap_before_days"]) == (
        1020, 1021,
    )  # fmt: skip
    assert summaries["PAN3"]["adoption_delay_days"] is None


def test_previous_plan_column_when_filled_replaces_chronological_order():
    ds = build(
        [],
        plans=[
            plan("A1", "2014-01-01", "2016-12-31", adopted_date="2014-01-01"),
            plan("B1", "2015-01-01", "2017-12-31", adopted_date="2015-01-01"),
            plan(
                "A2", "2016-06-01", "2019-12-31", adopted_date="2016-06-01", previous_plan_id="A1"
            ),
        ],
    )

    timeline = metrics.plan_timeline(ds).set_index("plan_id")

    # B1 starts a series of its own: an empty cell means no previous plan.
    assert timeline["gap_before_days"].tolist() == [NA, NA, -213]
    assert pd.isna(timeline.loc["A2", "gap_start"])  # overlap: no period without a plan


def test_retention_counted_once_per_plan_at_highest_level():
    ds = build(
        [measure("M1"), measure("M2", number=2), measure("N1", "P2")],
        plans=[plan("P1"), plan("P2", "2024-01-01", "2027-12-31")],
        recommendations=[
            {"rec_id": r, "author": a, "theme": "Protection", "title": r}
            for r, a in [("R1", "Collectif"), ("R2", "Collectif"), ("R3", "GRETA")]
        ],
        retention=[
            {"rec_id": "R1", "plan_id": "P1", "level": "not_retained"},
            {"rec_id": "R1", "plan_id": "P1", "measure_id": "M1", "level": "partly_retained"},
            {"rec_id": "R1", "plan_id": "P1", "measure_id": "M2", "level": "retained"},
            {"rec_id": "R2", "plan_id": "P1", "level": "dropped_from_draft"},
            {"rec_id": "R2", "plan_id": "P1", "level": "not_retained"},
            {"rec_id": "R3", "plan_id": "P1", "level": "not_retained"},
            {"rec_id": "R1", "plan_id": "P2", "measure_id": "N1", "level": "partly_retained"},
        ],
    )

    counts = metrics.retention_counts(ds).set_index("plan_id")
    by_author = metrics.retention_by(ds, "author")
    p1 = by_author[by_author["plan_id"] == "P1"].set_index(["author", "level"])

    assert counts.loc["P1"].to_dict() == {
        "retained": 1, "partly_retained": 0, "dropped_from_draft": 1, "not_retained": 1,
    }  # fmt: skip
    assert counts.loc["P2"].to_dict() == {
        "retained": 0, "partly_retained": 1, "dropped_from_draft": 0, "not_retained": 0,
    }  # fmt: skip
    assert metrics.plan_summaries(ds, AS_OF)[0]["retention_counts"] == counts.loc["P1"].to_dict()
    assert len(by_author) == 3 * 4  # (P1, Collectif), (P1, GRETA), (P2, Collectif)
    assert p1.loc[("Collectif", "retained"), ["count", "share"]].tolist() == [1, 0.5]
    assert p1.loc[("Collectif", "dropped_from_draft"), ["count", "share"]].tolist() == [1, 0.5]
    assert p1.loc[("GRETA", "not_retained"), ["count", "share"]].tolist() == [1, 1.0]
    assert metrics.retention_by(ds, "theme")["count"].sum() == 4


def test_retention_not_recorded_for_a_plan_is_none_not_zeros():
    ds = build(
        [measure("M1"), measure("N1", "P2")],
        plans=[plan("P1"), plan("P2", "2019-06-01", "2022-12-31")],
        recommendations=[{"rec_id": "R1", "author": "Collectif", "theme": "T", "title": "R1"}],
        retention=[{"rec_id": "R1", "plan_id": "P1", "level": "not_retained"}],
    )

    recorded, missing = metrics.plan_summaries(ds, AS_OF)

    assert recorded["retention_recorded"] is True
    assert recorded["retention_counts"]["not_retained"] == 1
    assert (missing["retention_recorded"], missing["retention_counts"]) == (False, None)


# --- Coverage before rates ----------------------------------------------------------------


def test_completion_rate_is_withheld_below_half_the_measures_assessed():
    # Plan 2014-2016: one self-assessment out of 23 measures is no completion rate.
    ds = build(
        [measure(f"M{i}", number=i) for i in range(1, 24)],
        [assessed("M1", "2019-06-01", "Réalisée")],
    )

    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert (summary["assessed"], summary["measures"]) == (1, 23)
    assert summary["coverage"] == pytest.approx(1 / 23)
    assert (summary["completion_state"], summary["completion_rate"]) == ("too_few_assessed", None)
    assert metrics.COVERAGE_THRESHOLD == 0.5


def test_completion_rate_is_given_from_half_the_measures_assessed():
    ds = build(
        [measure(f"M{i}", number=i) for i in range(1, 5)],
        [assessed("M1", "2019-06-01", "Réalisée"), assessed("M2", "2019-06-01", "Non réalisée")],
    )

    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert (summary["assessed"], summary["coverage"]) == (2, 0.5)
    assert (summary["completion_state"], summary["completion_rate"]) == ("rate", 0.25)


def test_plan_with_no_assessment_has_an_unknown_completion_never_zero():
    ds = build([measure("M1"), measure("M2", number=2)])

    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert (summary["assessed"], summary["coverage"]) == (0, 0.0)
    assert (summary["completion_state"], summary["completion_rate"]) == ("no_assessment", None)


def test_coverage_counts_only_the_chosen_voices_assessments():
    ds = build(
        [measure("M1"), measure("M2", number=2)],
        [
            assessed("M1", "2019-06-01", "Réalisée", "government"),
            assessed("M2", "2019-06-01", "Réalisée", "government"),
            assessed("M1", "2019-07-01", "Non réalisée", "civil_society"),
        ],
    )

    civil = metrics.plan_summaries(ds, AS_OF, voice="civil_society")[0]

    assert (civil["assessed"], civil["completion_state"], civil["completion_rate"]) == (
        1, "rate", 0.0,
    )  # fmt: skip


# --- Deadline basis -------------------------------------------------------------------------


def test_due_basis_tells_revised_measure_and_plan_end_deadlines_apart():
    ds = build(
        [
            measure("REVISED", due_date="2019-03-31"),
            measure("OWN", number=2, due_date="2019-03-31"),
            measure("PLAN_END", "P0", number=3),
            measure("NO_PLAN", "MISSING", number=4),
        ],
        [
            assessed("REVISED", "2019-02-01", "En cours", revised_due_date="2019-04-30"),
            assessed("REVISED", "2019-12-01", "En cours"),
            assessed("OWN", "2019-12-01", "En cours"),
            assessed("PLAN_END", "2019-12-01", "En cours"),
        ],
        plans=[plan("P0", "2016-01-01", "2018-12-31"), plan("P1")],
    )

    table = metrics.measure_table(ds, AS_OF).set_index("measure_id")
    summaries = {s["plan_id"]: s for s in metrics.plan_summaries(ds, AS_OF)}

    assert table["due_basis"].tolist()[:3] == ["plan_end", "revised", "measure"]
    assert pd.isna(table.loc["NO_PLAN", "due_basis"])
    assert summaries["P1"]["overdue_by_basis"] == {"revised": 1, "measure": 1, "plan_end": 0}
    assert summaries["P0"]["overdue_by_basis"] == {"revised": 0, "measure": 0, "plan_end": 1}


def test_past_due_unassessed_measures_are_split_by_deadline_basis_too():
    ds = build([measure("OWN", due_date="2019-03-31"), measure("END", "P0", number=2)],
               plans=[plan("P0", "2016-01-01", "2018-12-31"), plan("P1")])  # fmt: skip

    summaries = {s["plan_id"]: s for s in metrics.plan_summaries(ds, AS_OF)}

    assert summaries["P1"]["past_due_unassessed_by_basis"]["measure"] == 1
    assert summaries["P0"]["past_due_unassessed_by_basis"]["plan_end"] == 1


def test_median_delay_is_a_lower_bound_with_the_last_assessment_and_the_unknown_ones():
    ds = build(
        [measure(f"M{i}", number=i, due_date="2019-03-31") for i in range(1, 4)],
        [
            assessed("M1", "2019-05-01", "En cours"),  # 31 days at least
            assessed("M2", "2019-04-10", "Non réalisée"),  # 10 days at least
            assessed("M3", "2019-02-01", "En cours"),  # due after its last assessment
        ],
    )

    summary = metrics.plan_summaries(ds, AS_OF)[0]

    assert summary["overdue"] == 3
    assert (summary["median_delay_days"], summary["delays_counted"]) == (20.5, 2)
    assert summary["overdue_delay_unknown"] == 1
    assert summary["last_assessed_on"] == "2019-05-01"


def test_completion_date_after_the_as_of_date_is_not_known_yet():
    ds = build(
        [measure("M1", due_date="2019-06-30")],
        [assessed("M1", "2019-07-01", "Réalisée", completed_on="2020-03-01")],
    )

    done = row(metrics.measure_table(ds, AS_OF), "M1")

    assert pd.isna(done["completed_on"])
    assert pd.isna(done["delay_days"])


# --- Imprecise assessment dates --------------------------------------------------------------


def test_assessment_known_only_between_two_dates_counts_from_its_latest_date():
    ds = build(
        [measure("M1")],
        [assessed("M1", "2019-03-01", "Réalisée", as_of_latest="2019-03-31")],
    )

    before = row(metrics.current_status(ds, dt.date(2019, 3, 15)), "M1")
    after = row(metrics.current_status(ds, dt.date(2019, 3, 31)), "M1")

    assert before["category"] == "unknown"
    assert (after["category"], after["assessed_on"], after["assessed_latest"]) == (
        "done", ts("2019-03-01"), ts("2019-03-31"),
    )  # fmt: skip


def test_assessments_are_ordered_by_date_then_latest_date_then_row():
    ds = build(
        [measure("M1")],
        [
            # Same earliest date: the one known to the day ends earlier, so it comes first.
            assessed("M1", "2019-03-01", "Réalisée", as_of_latest="2019-03-31"),
            assessed("M1", "2019-03-01", "En cours"),
        ],
    )

    current = row(metrics.current_status(ds, AS_OF), "M1")

    assert current["status"] == "Réalisée"
    assert pd.isna(row(metrics.current_status(build([measure("M1")], [assessed(
        "M1", "2019-03-01", "En cours")]), AS_OF), "M1")["assessed_latest"])  # fmt: skip


def test_overdue_delay_counts_to_the_earliest_date_of_an_imprecise_last_assessment():
    ds = build(
        [measure("M1", due_date="2019-03-31")],
        [assessed("M1", "2019-05-01", "En cours", as_of_latest="2019-05-31")],
    )

    assert row(metrics.measure_table(ds, AS_OF), "M1")["delay_days"] == 31


# --- Plans at the as-of date -----------------------------------------------------------------


def three_plans() -> Dataset:
    return build(
        [measure("M1", "PAN1"), measure("M3", "PAN3", number=1)],
        [assessed("M1", "2015-06-01", "Réalisée")],
        plans=[
            plan("PAN1", "2014-01-01", "2016-12-31", adopted_date="2014-05-14",
                 expected_date="2013-10-01", expected_latest="2013-10-31"),
            plan("PAN2", "2019-10-18", "2021-12-31", adopted_date="2019-10-18",
                 expected_date="2017-01-01"),
            plan("PAN3", "2024-01-01", "2027-12-31", adopted_date="2023-12-11",
                 expected_date="2023-10-18"),
        ],
        recommendations=[{"rec_id": "R1", "author": "Collectif", "theme": "T", "title": "R1"}],
        retention=[{"rec_id": "R1", "plan_id": "PAN3", "level": "retained"}],
        published_verdicts=[
            {"plan_id": "PAN3", "assessor": "CNCDH", "voice": "independent",
             "published_on": "2025-01-01", "measures_covered": 1, "count_done": 1,
             "source": "JO"},
        ],
    )  # fmt: skip


def test_plan_not_yet_adopted_at_the_as_of_date_has_no_adoption_and_no_figures():
    summaries = {
        s["plan_id"]: s for s in metrics.plan_summaries(three_plans(), dt.date(2010, 1, 1))
    }

    for summary in summaries.values():
        assert summary["adopted"] is False
        assert summary["adopted_date"] is None
        assert summary["completion_state"] == "not_adopted"
        assert (summary["completion_rate"], summary["overdue"]) == (None, None)
        assert (summary["adoption_delay_days"], summary["gap_before_days"]) == (None, None)
        assert summary["retention_counts"] is None
        assert summary["published_verdicts"] == []
        assert summary["expected_date"] is None  # expected after 2010: not shown
    assert summaries["PAN1"]["adoption_overdue_days"] is None


def test_adoption_is_overdue_once_the_latest_expected_date_has_passed():
    timeline = metrics.plan_timeline(three_plans(), dt.date(2013, 11, 10)).set_index("plan_id")
    not_yet = metrics.plan_timeline(three_plans(), dt.date(2013, 10, 20)).set_index("plan_id")

    assert timeline.loc["PAN1", "adoption_overdue_days"] == 10  # from 31/10/2013
    assert timeline.loc["PAN1", ["expected_date", "expected_latest"]].tolist() == [
        ts("2013-10-01"), ts("2013-10-31"),
    ]  # fmt: skip
    assert pd.isna(not_yet.loc["PAN1", "adoption_overdue_days"])
    assert pd.isna(not_yet.loc["PAN1", "expected_date"])


def test_adoption_delay_counts_from_the_latest_expected_date():
    timeline = metrics.plan_timeline(three_plans(), AS_OF).set_index("plan_id")

    assert timeline.loc["PAN1", "adoption_delay_days"] == 195  # 31/10/2013 → 14/05/2014
    assert timeline.loc["PAN1", "adopted"]


def test_gap_before_a_plan_not_adopted_yet_is_open_up_to_the_as_of_date():
    timeline = metrics.plan_timeline(three_plans(), dt.date(2018, 1, 1)).set_index("plan_id")
    summary = metrics.plan_summaries(three_plans(), dt.date(2018, 1, 1))[1]

    assert timeline.loc["PAN2", ["gap_open", "gap_before_days"]].tolist() == [True, 366]
    assert timeline.loc["PAN2", ["gap_start", "gap_end"]].tolist() == [
        ts("2016-12-31"), ts("2018-01-01"),
    ]  # fmt: skip
    assert (summary["gap_open"], summary["gap_before_days"]) == (True, 366)
    assert summary["adoption_overdue_days"] == 365  # expected 01/01/2017


def test_no_gap_is_known_while_the_previous_plan_runs():
    timeline = metrics.plan_timeline(three_plans(), dt.date(2015, 1, 1)).set_index("plan_id")

    assert timeline["gap_open"].tolist() == [False, False, False]
    assert timeline["gap_before_days"].isna().all()
    assert timeline["gap_end"].isna().all()


def test_gap_closes_at_the_adoption_once_the_plan_is_adopted():
    timeline = metrics.plan_timeline(three_plans(), dt.date(2020, 1, 1)).set_index("plan_id")

    assert timeline.loc["PAN2", ["gap_open", "gap_before_days"]].tolist() == [False, 1021]
    assert timeline.loc["PAN2", "gap_end"] == ts("2019-10-18")


def test_plan_timeline_without_an_as_of_date_takes_every_date_as_known():
    timeline = metrics.plan_timeline(three_plans()).set_index("plan_id")

    assert timeline["adopted"].all()
    assert timeline["gap_before_days"].tolist() == [NA, 1021, 710]
    assert not timeline["gap_open"].any()
    assert timeline["adoption_overdue_days"].isna().all()


# --- Published verdicts -----------------------------------------------------------------------


def verdict(plan_id: str, published_on: str, voice: str = "independent", **counts: Any):
    return {"plan_id": plan_id, "assessor": "CNCDH", "voice": voice,
            "published_on": published_on, "measures_covered": 45, "source": "JORF",
            **counts}  # fmt: skip


def test_published_verdict_is_given_beside_the_measure_level_figures():
    ds = build(
        [measure(f"M{i}", number=i) for i in range(1, 8)],
        [assessed(f"M{i}", "2023-01-12", "Réalisée", "independent") for i in range(1, 7)],
        published_verdicts=[
            verdict("P1", "2023-01-12", count_done=3, count_partial=28, count_not_done=14),
        ],
    )

    (summary,) = metrics.plan_summaries(ds, dt.date(2023, 6, 30))

    assert summary["published_verdicts"] == [
        {"assessor": "CNCDH", "voice": "independent", "published_on": "2023-01-12",
         "measures_covered": 45,
         "counts": {"done": 3, "partial": 28, "not_done": 14, "dropped": None, "unknown": None},
         "measures_known": 6, "source": "JORF", "comment": None},
    ]  # fmt: skip
    assert json.loads(json.dumps(summary["published_verdicts"])) == summary["published_verdicts"]


def test_published_verdicts_are_known_from_their_publication_newest_first():
    ds = build(
        published_verdicts=[
            verdict("P1", "2019-06-01", count_done=1),
            verdict("P1", "2019-11-01", count_done=2),
            verdict("P1", "2020-06-01", count_done=3),
        ],
    )

    shown = metrics.plan_summaries(ds, AS_OF)[0]["published_verdicts"]

    assert [v["published_on"] for v in shown] == ["2019-11-01", "2019-06-01"]


def test_published_verdicts_follow_the_voice_filter():
    ds = build(
        published_verdicts=[
            verdict("P1", "2019-06-01", count_done=1),
            verdict("P1", "2019-07-01", "civil_society", count_done=2),
        ],
    )

    every = metrics.plan_summaries(ds, AS_OF)[0]["published_verdicts"]
    civil = metrics.plan_summaries(ds, AS_OF, voice="civil_society")[0]["published_verdicts"]
    government = metrics.plan_summaries(ds, AS_OF, voice="government")[0]["published_verdicts"]

    assert [v["voice"] for v in every] == ["civil_society", "independent"]
    assert [v["voice"] for v in civil] == ["civil_society"]
    assert government == []


# --- Letters ----------------------------------------------------------------------------


def test_reply_delay_and_unanswered_letters():
    ds = build(
        events=[
            letter("L1", "2014-04-01", "Premier ministre"),
            reply("R1b", "2014-05-02", "L1", kind="meeting"),
            reply("R1", "2014-04-20", "L1"),
            letter("L2", "2014-04-10", "Ministre de la Justice"),
            letter("L3", "2014-05-01", "Premier ministre"),
            reply("R3", "2014-06-15", "L3"),  # after the as-of date: not yet received
            letter("L4", "2014-07-01", "Premier ministre"),  # after the as-of date
        ],
    )

    sent = metrics.letters(ds, dt.date(2014, 6, 1)).set_index("event_id")
    rates = metrics.reply_rates(ds, dt.date(2014, 6, 1)).set_index("recipient")

    assert sent.index.tolist() == ["L1", "L2", "L3"]
    assert sent.loc["L1", ["reply_id", "reply_delay_days", "answered"]].tolist() == [
        "R1", 19, True,
    ]  # fmt: skip
    assert sent["answered"].tolist() == [True, False, False]
    assert sent["reply_delay_days"].isna().tolist() == [False, True, True]
    assert rates.loc["Premier ministre"].to_dict() == {
        "letters": 2, "answered": 1, "reply_rate": 0.5, "median_reply_delay_days": 19.0,
        "delays_known": 1,
    }  # fmt: skip
    assert rates.loc["Ministre de la Justice", "reply_rate"] == 0.0
    assert pd.isna(rates.loc["Ministre de la Justice", "median_reply_delay_days"])


def test_reply_dated_after_as_of_date_does_not_count():
    ds = build(events=[letter("L1", "2014-04-01"), reply("R1", "2014-06-15", "L1")])

    before = metrics.letters(ds, dt.date(2014, 6, 14))
    after = metrics.letters(ds, dt.date(2014, 6, 15))

    assert before[["answered", "reply_id"]].iloc[0].tolist() == [False, np.nan]
    assert after[["answered", "reply_delay_days"]].iloc[0].tolist() == [True, 75]


def test_letter_and_reply_known_to_the_month_are_known_once_the_month_is_over():
    ds = build(
        events=[
            letter("L1", "2014-02-03", date_latest="2014-03-31"),
            {**reply("R1", "2014-04-01", "L1"), "date_latest": "2014-04-30"},
        ],
    )

    during = metrics.letters(ds, dt.date(2014, 3, 15))
    sent_only = metrics.letters(ds, dt.date(2014, 4, 15)).iloc[0]
    answered = metrics.letters(ds, dt.date(2014, 5, 1)).iloc[0]

    assert during.empty
    assert (sent_only["date_latest"], sent_only["answered"]) == (ts("2014-03-31"), False)
    assert answered["answered"]
    assert pd.isna(answered["reply_delay_days"])  # not exact
    # Range: reply's earliest − letter's latest, reply's latest − letter's earliest.
    assert (answered["reply_delay_min_days"], answered["reply_delay_max_days"]) == (1, 86)
    assert answered["reply_date_latest"] == ts("2014-04-30")


def test_reply_delay_is_unknown_when_the_bounds_overlap():
    ds = build(
        events=[
            letter("L1", "2014-02-03", date_latest="2014-03-31"),
            {**reply("R1", "2014-02-03", "L1"), "date_latest": "2014-03-31"},
        ],
    )

    sent = metrics.letters(ds, AS_OF).iloc[0]

    assert sent["answered"]
    assert sent[["reply_delay_days", "reply_delay_min_days", "reply_delay_max_days"]].isna().all()


def test_exact_reply_delay_gives_the_same_minimum_and_maximum():
    ds = build(events=[letter("L1", "2014-04-01"), reply("R1", "2014-04-20", "L1")])

    sent = metrics.letters(ds, AS_OF).iloc[0]

    assert sent[["reply_delay_days", "reply_delay_min_days", "reply_delay_max_days"]].tolist() == [
        19, 19, 19,
    ]  # fmt: skip
    assert pd.isna(sent["date_latest"])


def test_median_reply_delay_uses_exact_delays_only_and_says_how_many():
    ds = build(
        events=[
            letter("L1", "2014-04-01"),
            reply("R1", "2014-04-11", "L1"),
            letter("L2", "2014-04-01", date_latest="2014-04-30"),
            reply("R2", "2014-06-01", "L2"),
        ],
    )

    rates = metrics.reply_rates(ds, AS_OF).iloc[0]

    assert (rates["answered"], rates["delays_known"], rates["median_reply_delay_days"]) == (
        2, 1, 10.0,
    )  # fmt: skip


def test_first_reply_is_chosen_by_date_then_latest_date_then_row():
    ds = build(
        events=[
            letter("L1", "2014-04-01"),
            {**reply("R_MONTH", "2014-05-01", "L1"), "date_latest": "2014-05-31"},
            reply("R_DAY", "2014-05-01", "L1"),
        ],
    )

    assert metrics.letters(ds, AS_OF).iloc[0]["reply_id"] == "R_DAY"


def test_letters_without_recipient_are_grouped_together():
    ds = build(events=[letter("L1", "2014-04-01", None), letter("L2", "2014-04-02", "PM"),
                       letter("L3", "2014-04-03", None)])  # fmt: skip

    rates = metrics.reply_rates(ds, AS_OF)

    assert rates["letters"].tolist() == [2, 1]
    assert pd.isna(rates["recipient"].iloc[0])


# --- Divergence and lineage ---------------------------------------------------------------


def test_divergence_lists_measures_where_government_and_civil_society_disagree():
    ds = build(
        [measure(f"M{i}", number=i) for i in range(1, 6)],
        [
            assessed("M1", "2019-06-01", "Réalisée", "government"),
            assessed("M1", "2019-07-01", "Partiellement réalisée", "civil_society"),
            assessed("M2", "2019-06-01", "Réalisée", "government"),
            assessed("M2", "2019-07-01", "Réalisée", "civil_society"),
            assessed("M3", "2019-06-01", "Réalisée", "government"),  # civil society silent
            assessed("M4", "2019-06-01", "En cours", "government"),
            assessed("M4", "2019-06-02", "Non évaluée", "civil_society"),  # no claim
            assessed("M5", "2019-06-01", "En cours", "government"),
            assessed(
                "M5", "2019-06-01", "Partiellement réalisée", "civil_society"
            ),  # same category
            assessed("M1", "2020-02-01", "Réalisée", "civil_society"),  # after the as-of date
        ],
    )

    found = metrics.divergences(ds, AS_OF)

    assert found["measure_id"].tolist() == ["M1"]
    assert found.iloc[0][["government_category", "civil_society_category"]].tolist() == [
        "done", "partial",
    ]  # fmt: skip
    assert metrics.divergences(ds, dt.date(2020, 2, 1)).empty


def test_carried_over_chain_follows_lineage_and_stops_on_a_cycle():
    ds = build(
        [
            measure("PAN1-M7", "P1"),
            measure("PAN2-M10", "P1", number=2, carried_from="PAN1-M7"),
            measure("PAN3-M4", "P1", number=3, carried_from="PAN2-M10"),
            measure("X", "P1", number=4, carried_from="Y"),
            measure("Y", "P1", number=5, carried_from="X"),
        ]
    )

    assert metrics.carried_chain(ds, "PAN3-M4") == ["PAN3-M4", "PAN2-M10", "PAN1-M7"]
    assert metrics.carried_chain(ds, "PAN1-M7") == ["PAN1-M7"]
    assert metrics.carried_chain(ds, "X") == ["X", "Y"]
    assert metrics.carried_chain(ds, "nowhere") == []


# --- Scale ------------------------------------------------------------------------------


def synthetic_dataset(n_measures: int, n_updates: int, seed: int = 0) -> Dataset:
    """A large dataset built column-wise with numpy (dicts would dominate the run time)."""
    rng = np.random.default_rng(seed)

    def table(sheet_id: str, n: int, **columns: Any) -> pd.DataFrame:
        blank = empty_table(SHEETS_BY_ID[sheet_id]).reindex(pd.RangeIndex(n))
        return blank.assign(_row=np.arange(2, n + 2), **columns)

    def text(values: np.ndarray):
        return pd.array(values, dtype="str")

    plan_ids = np.array(["PAN1", "PAN2", "PAN3"])
    starts = np.array(["2014-01-01", "2019-01-01", "2024-01-01"], dtype="datetime64[D]")
    ids = np.char.add("M", np.arange(n_measures).astype(str))
    day0 = np.datetime64("2014-01-01", "D")
    labels = np.array(["Réalisée", "Partiellement réalisée", "Non réalisée", "Abandonnée"])
    categories = np.array(["done", "partial", "not_done", "dropped"])
    kind = rng.integers(0, 4, n_updates)
    no_date = np.datetime64("NaT", "D")
    tables = {
        sheet_id: empty_table(SHEETS_BY_ID[sheet_id])
        for sheet_id in ("recommendations", "retention", "events")
    }
    tables["plans"] = table(
        "plans", 3, plan_id=text(plan_ids), title=text(plan_ids),
        period_start=starts.astype(DATE_DTYPE), period_end=(starts + 1095).astype(DATE_DTYPE),
    )  # fmt: skip
    tables["measures"] = table(
        "measures", n_measures, measure_id=text(ids), title=text(ids),
        plan_id=text(plan_ids[rng.integers(0, 3, n_measures)]),
        number=pd.array(np.arange(n_measures), dtype="Int64"),
        due_date=np.where(rng.random(n_measures) < 0.5, no_date, day0 + 2000).astype(DATE_DTYPE),
    )  # fmt: skip
    tables["status_updates"] = table(
        "status_updates", n_updates,
        measure_id=text(ids[rng.integers(0, n_measures, n_updates)]),
        as_of=(day0 + rng.integers(0, 4000, n_updates)).astype(DATE_DTYPE),
        status=text(labels[kind]), category=text(categories[kind]),
        voice=text(np.array(["government", "civil_society"])[rng.integers(0, 2, n_updates)]),
        completed_on=np.where(kind == 0, day0 + rng.integers(0, 4000, n_updates), no_date)
        .astype(DATE_DTYPE),
        revised_due_date=np.where(rng.random(n_updates) < 0.1, day0 + 3000, no_date)
        .astype(DATE_DTYPE),
    )  # fmt: skip
    return Dataset(tables=tables)


@pytest.mark.scale
def test_measure_table_handles_fifty_thousand_measures():
    ds = synthetic_dataset(50_000, 250_000)

    table = metrics.measure_table(ds, dt.date(2022, 1, 1))
    summaries = metrics.plan_summaries(ds, dt.date(2022, 1, 1))

    assert len(table) == 50_000
    assert table["measure_id"].is_unique
    assert sum(s["measures"] or 0 for s in summaries) == int(table["plan_adopted"].sum())
