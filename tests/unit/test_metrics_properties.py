"""Properties of the derived figures that hold whatever the assessments and the as-of date."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring import metrics
from monitoring.dataset import Dataset, dataset_from_records
from monitoring.schema import DEFAULT_SCALE, VOICES

DAY0 = dt.date(2019, 1, 1)
LABELS = [s.label for s in DEFAULT_SCALE]
VOICE_CODES = [v.code for v in VOICES]
PLAN_IDS = ["P1", "P2", "EMPTY"]

days = st.integers(min_value=0, max_value=6 * 365).map(lambda n: DAY0 + dt.timedelta(days=n))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    n_measures = draw(st.integers(min_value=0, max_value=8))
    measures = [
        {
            "measure_id": f"M{i}",
            "plan_id": draw(st.sampled_from(PLAN_IDS[:2])),
            "number": i,
            "axis": "A",
            "title": f"M{i}",
            "due_date": draw(st.none() | days),
        }
        for i in range(n_measures)
    ]
    updates = []
    if n_measures:
        for _ in range(draw(st.integers(min_value=0, max_value=20))):
            updates.append(
                {
                    "measure_id": f"M{draw(st.integers(0, n_measures - 1))}",
                    "as_of": draw(days),
                    "status": draw(st.sampled_from(LABELS)),
                    "voice": draw(st.sampled_from(VOICE_CODES)),
                    "completed_on": draw(st.none() | days),
                    "revised_due_date": draw(st.none() | days),
                }
            )
    plans = [
        {"plan_id": p, "title": p, "period_start": f"20{14 + 5 * i}-01-01",
         "period_end": f"20{16 + 5 * i}-12-31"}
        for i, p in enumerate(PLAN_IDS)
    ]  # fmt: skip
    return dataset_from_records({"plans": plans, "measures": measures, "status_updates": updates})


def expected_status(ds: Dataset, measure_id: str, as_of: dt.date, voice: str) -> str:
    """The contract's definition, written the slow and obvious way."""
    best: tuple[object, int, str] | None = None
    for update in ds.status_updates.to_dict("records"):
        in_voice = voice == metrics.VOICE_ALL or update["voice"] == voice
        if update["measure_id"] == measure_id and in_voice and update["as_of"].date() <= as_of:
            key = (update["as_of"], update["_row"], update["status"])
            best = key if best is None or key[:2] > best[:2] else best
    return best[2] if best else "Non évaluée"


voices = st.sampled_from([metrics.VOICE_ALL, *VOICE_CODES])


@settings(max_examples=60, deadline=None)
@given(ds=datasets(), as_of=days, voice=voices)
def test_status_counts_always_sum_to_the_measure_count(ds, as_of, voice):
    summaries = metrics.plan_summaries(ds, as_of, voice)

    assert [s["plan_id"] for s in summaries] == PLAN_IDS
    for summary in summaries:
        assert sum(summary["status_counts"].values()) == summary["measures"]
    assert sum(s["measures"] for s in summaries) == len(ds.measures)


@settings(max_examples=60, deadline=None)
@given(ds=datasets(), as_of=days, voice=voices)
def test_overdue_measures_are_open_and_past_their_effective_due_date(ds, as_of, voice):
    table = metrics.measure_table(ds, as_of, voice)
    closed = table["category"].isin(["done", "dropped"])

    overdue = table[table["overdue"]]
    assert not overdue["category"].isin(["done", "dropped", "unknown"]).any()
    assert (overdue["effective_due"].dt.date < as_of).all()
    assert (overdue["delay_days"] > 0).all()
    # Every open measure is exactly one of: overdue, past due but unassessed, not yet due.
    states = (
        table["overdue"].astype(int)
        + table["past_due_unassessed"].astype(int)
        + table["not_yet_due"].astype(int)
    )
    assert (states == (~closed).astype(int)).all()
    assert not table.loc[table["past_due_unassessed"], "category"].ne("unknown").any()
    assert (table.loc[table["category"] == "done", "delay_days"].dropna() >= 0).all()


@settings(max_examples=60, deadline=None)
@given(ds=datasets(), as_of=days, voice=voices)
def test_current_status_matches_the_contract_definition(ds, as_of, voice):
    status = metrics.current_status(ds, as_of, voice)

    assert len(status) == len(ds.measures)
    for measure_id, label in zip(status["measure_id"], status["status"], strict=True):
        assert label == expected_status(ds, measure_id, as_of, voice)
