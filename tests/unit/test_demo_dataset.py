"""The demonstration dataset: rebuilt identically from its seed, fictional throughout, and
showing every situation the product handles.

Feature checks run on the shipped seed and on two others: the generator deals stories so
that every situation occurs whatever the seed, and a change that breaks this fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from monitoring.analysis import metrics
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import DEFAULT_SCALE, EVENT_KINDS, RETENTION_LEVELS, VOICES
from monitoring.devtools.demo import (
    DEMO_NAME,
    DEMO_SEED,
    FORMULA_LIKE_TEXTS,
    REFERENCE_DATE,
    build_demo_dataset,
)
from monitoring.intake.loading import load_paths

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo.xlsx"
FICTIONAL = re.compile(r"ficti(?:f|ve|on)", re.IGNORECASE)

# The demo's headline figures at the reference date (metrics.plan_summaries). Pages,
# exports and CLI tests assert these too: a change here is a change of the demo.
KEY_FIGURES = {
    "DEMO-A": {
        "measures": 24,
        "status_counts": {"done": 7, "partial": 6, "not_done": 8, "dropped": 1, "unknown": 2},
        "completion_rate": 7 / 24,
        "overdue": 14,
        "past_due_unassessed": 2,
        "retention_counts": {
            "retained": 4, "partly_retained": 2, "dropped_from_draft": 1, "not_retained": 1
        },
        "adoption_delay_days": 165,
        "gap_before_days": None,
    },
    "DEMO-B": {
        "measures": 26,
        "status_counts": {"done": 9, "partial": 7, "not_done": 6, "dropped": 1, "unknown": 3},
        "completion_rate": 9 / 26,
        "overdue": 13,
        "past_due_unassessed": 3,
        "retention_counts": {
            "retained": 6, "partly_retained": 7, "dropped_from_draft": 2, "not_retained": 2
        },
        "adoption_delay_days": 160,
        "gap_before_days": 161,
    },
    "DEMO-C": {
        "measures": 28,
        "status_counts": {"done": 3, "partial": 18, "not_done": 3, "dropped": 1, "unknown": 3},
        "completion_rate": 3 / 28,
        "overdue": 9,
        "past_due_unassessed": 1,
        "retention_counts": {
            "retained": 11, "partly_retained": 8, "dropped_from_draft": 1, "not_retained": 7
        },
        "adoption_delay_days": 416,
        "gap_before_days": 417,
    },
}  # fmt: skip


@pytest.fixture(scope="module", params=[DEMO_SEED, 1, 99], ids=lambda s: f"seed-{s}")
def demo(request: pytest.FixtureRequest) -> Dataset:
    return build_demo_dataset(request.param)


@pytest.fixture(scope="module")
def table(demo: Dataset) -> pd.DataFrame:
    return metrics.measure_table(demo, REFERENCE_DATE)


# --- The shipped file -----------------------------------------------------------------


def test_the_same_seed_always_builds_the_same_dataset() -> None:
    first, second = build_demo_dataset(DEMO_SEED), build_demo_dataset(DEMO_SEED)
    assert first.content_hash() == second.content_hash()
    assert first.name == DEMO_NAME


def test_another_seed_builds_another_dataset() -> None:
    assert build_demo_dataset(1).content_hash() != build_demo_dataset(2).content_hash()


@pytest.mark.subprocess
def test_committed_demo_workbook_loads_with_nothing_worse_than_notices() -> None:
    result = load_paths([DEMO_FILE])
    assert result.ok, [issue.message("en") for issue in result.report.issues]
    worse = [i.message("en") for i in result.report.issues if i.severity != "notice"]
    assert worse == []


@pytest.mark.subprocess
def test_committed_demo_workbook_is_what_the_generator_builds() -> None:
    loaded = load_paths([DEMO_FILE]).dataset
    assert loaded is not None
    assert loaded.content_hash() == build_demo_dataset(DEMO_SEED).content_hash(), (
        "data/demo.xlsx is stale: run `.venv/bin/python scripts/build_demo.py` and commit it"
    )


def test_demo_key_figures_at_the_reference_date() -> None:
    summaries = metrics.plan_summaries(build_demo_dataset(DEMO_SEED), REFERENCE_DATE)
    figures = {s["plan_id"]: {k: s[k] for k in KEY_FIGURES[s["plan_id"]]} for s in summaries}
    assert figures == KEY_FIGURES


# --- Vocabularies ---------------------------------------------------------------------


def test_every_status_label_of_the_default_scale_is_used(demo: Dataset) -> None:
    assert {s.label for s in DEFAULT_SCALE} <= set(demo.status_updates["status"])


def test_every_voice_retention_level_and_event_kind_appears(demo: Dataset) -> None:
    assert set(demo.status_updates["voice"]) == {v.code for v in VOICES}
    assert set(demo.retention["level"]) == {level.code for level in RETENTION_LEVELS}
    assert set(demo.events["kind"]) == {kind.code for kind in EVENT_KINDS}


def test_every_assessment_gives_its_evidence(demo: Dataset) -> None:
    assert demo.status_updates["evidence"].notna().all()


def test_nothing_is_dated_after_the_reference_date(demo: Dataset) -> None:
    day = pd.Timestamp(REFERENCE_DATE)
    assert (demo.status_updates["as_of"] <= day).all()
    assert (demo.events["date"] <= day).all()


# --- Plans ----------------------------------------------------------------------------


def test_three_plans_each_carrying_over_the_one_before(demo: Dataset) -> None:
    timeline = metrics.plan_timeline(demo)
    assert timeline["plan_id"].tolist() == ["DEMO-A", "DEMO-B", "DEMO-C"]
    assert timeline["previous_plan_id"].tolist()[1:] == ["DEMO-A", "DEMO-B"]
    assert (timeline["adoption_delay_days"] > 0).all()  # every plan adopted late
    assert (timeline["gap_before_days"].iloc[1:] > 0).all()  # no plan in force between


def test_the_last_plan_is_in_force_at_the_reference_date(demo: Dataset) -> None:
    last = demo.plans.sort_values("period_start").iloc[-1]
    assert last["adopted_date"] <= pd.Timestamp(REFERENCE_DATE) <= last["period_end"]


def test_measures_are_spread_over_axes_leads_budgets_and_due_dates(demo: Dataset) -> None:
    measures = demo.measures
    for _, plan in measures.groupby("plan_id"):
        assert 20 <= len(plan) <= 30
        assert 3 <= plan["axis"].nunique() <= 4
    assert measures["lead"].nunique() >= 3
    assert measures["budget_eur"].notna().any() and measures["budget_eur"].isna().any()
    assert measures["due_date"].notna().any() and measures["due_date"].isna().any()


def test_a_measure_is_carried_over_through_three_plans(demo: Dataset) -> None:
    chains = [metrics.carried_chain(demo, m) for m in demo.measures["measure_id"]]
    assert max(len(chain) for chain in chains) == 3


# --- Status history -------------------------------------------------------------------


def test_measures_done_early_and_done_late(table: pd.DataFrame) -> None:
    done = table[table["category"] == "done"]
    assert (done["completed_on"] < done["original_due"]).any()
    assert (done["completed_on"] > done["original_due"]).any()


def test_deadlines_slipped_once_and_twice(demo: Dataset, table: pd.DataFrame) -> None:
    assert (table["slip_days"] > 0).any()
    revisions = demo.status_updates.groupby("measure_id")["revised_due_date"].count()
    assert (revisions == 1).any() and (revisions >= 2).any()


def test_overdue_and_not_yet_due_measures_in_the_current_plan(table: pd.DataFrame) -> None:
    current = table[table["plan_id"] == "DEMO-C"]
    assert current["overdue"].any()
    assert current["not_yet_due"].any()
    slipped_overdue = current["overdue"] & (current["slip_days"] > 0)
    slipped_not_due = current["not_yet_due"] & (current["slip_days"] > 0)
    assert slipped_overdue.any() and slipped_not_due.any()


def test_some_measures_were_never_assessed(demo: Dataset, table: pd.DataFrame) -> None:
    never = ~table["measure_id"].isin(demo.status_updates["measure_id"])
    assert never.any()
    assert (table.loc[never, "status"] == "Non évaluée").all()


def test_government_and_civil_society_disagree_on_several_measures(demo: Dataset) -> None:
    assert len(metrics.divergences(demo, REFERENCE_DATE)) >= 5


def test_progress_and_comments_with_accents_are_given(demo: Dataset) -> None:
    updates = demo.status_updates
    assert updates["progress_pct"].between(0, 100).any()
    comments = updates["comment"].dropna()
    assert comments.str.contains("[éèàçœ]").any()


def test_formula_looking_text_is_present_for_exports_to_neutralise(demo: Dataset) -> None:
    texts = set(demo.status_updates["comment"].dropna()) | set(demo.retention["comment"].dropna())
    assert set(FORMULA_LIKE_TEXTS) <= texts
    assert {text[0] for text in FORMULA_LIKE_TEXTS} == {"=", "+"}


# --- Recommendations ------------------------------------------------------------------


def test_recommendations_from_several_authors_and_themes(demo: Dataset) -> None:
    recs = demo.recommendations
    assert recs["author"].nunique() >= 4
    assert recs["theme"].nunique() >= 4
    assert set(recs["priority"].dropna()) == {"high", "medium", "low"}


def test_a_recommendation_retained_in_two_measures(demo: Dataset) -> None:
    carried = demo.retention.dropna(subset=["measure_id"])
    assert (carried.groupby(["rec_id", "plan_id"]).size() >= 2).any()


def test_a_recommendation_retained_by_one_plan_and_not_by_another(demo: Dataset) -> None:
    levels = demo.retention.groupby("rec_id")["level"].agg(set)
    assert any({"retained", "not_retained"} <= found for found in levels)


# --- Timeline -------------------------------------------------------------------------


def test_letters_with_and_without_replies(demo: Dataset) -> None:
    letters = metrics.letters(demo, REFERENCE_DATE)
    assert letters["answered"].any() and (~letters["answered"]).any()


def test_events_are_linked_to_plans_and_measures(demo: Dataset) -> None:
    events = demo.events
    assert events["plan_id"].notna().any()
    related = events["measure_ids"].dropna()
    assert related.str.contains(", ").any()
    known = set(demo.measures["measure_id"])
    assert all(m in known for text in related for m in text.split(", "))


# --- Fiction --------------------------------------------------------------------------


def test_every_plan_title_says_it_is_fictional(demo: Dataset) -> None:
    assert demo.plans["title"].str.contains("fictif").all()


@pytest.mark.parametrize(
    ("table_id", "column"),
    [
        ("plans", "source"),
        ("measures", "lead"),
        ("measures", "source"),
        ("recommendations", "author"),
        ("recommendations", "source"),
        ("retention", "source"),
        ("status_updates", "assessor"),
        ("status_updates", "evidence"),
        ("events", "title"),
        ("events", "sender"),
        ("events", "recipient"),
        ("events", "source"),
    ],
)
def test_every_name_of_an_organisation_or_source_says_it_is_fictional(
    demo: Dataset, table_id: str, column: str
) -> None:
    values = demo.tables[table_id][column].dropna()
    # Evidence may be an example.org address: a reserved domain, fictional by definition.
    values = values[~values.str.startswith("https://example.org/")]
    not_fictional = sorted(set(values[~values.str.contains(FICTIONAL)]))
    assert not_fictional == []
