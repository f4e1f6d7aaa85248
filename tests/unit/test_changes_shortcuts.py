"""The change review's shortcuts never hide a change.

`compare` computes statuses and deadlines only for the measures whose inputs differ
(`changes._touched_measures`), retention only for such recommendations, and pairs the
rows of a sheet without a join when both versions list them alike. Each test here changes
one input those shortcuts read, and nothing else, so a shortcut that overlooked it would
report no change; the last ones check the shortcuts against the whole computation on
random edits and reorderings.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from monitoring.analysis.changes import _deadlines, _retention, _statuses, compare
from monitoring.contract.dataset import Dataset, StatusScale, dataset_from_records
from monitoring.contract.schema import DEFAULT_SCALE, StatusLabel
from monitoring.devtools.synthetic import as_of_date, edited_dataset, synthetic_dataset

AS_OF = dt.date(2025, 6, 1)
PLAN = {"plan_id": "P1", "title": "Plan 1", "period_start": "2024-01-01",
        "period_end": "2026-12-31"}  # fmt: skip


def build(updates=(), due: str | None = "2025-01-31", end="2026-12-31", scale=None) -> Dataset:
    measures = [{"measure_id": m, "plan_id": "P1", "number": i + 1, "title": f"Mesure {m}",
                 "due_date": due} for i, m in enumerate(("M1", "M2"))]  # fmt: skip
    return dataset_from_records(
        {"plans": [{**PLAN, "period_end": end}], "measures": measures,
         "status_updates": list(updates)},
        scale=scale,
    )  # fmt: skip


def assessment(label: str, voice: str = "civil_society", **more: object) -> dict[str, object]:
    return {"measure_id": "M1", "as_of": "2025-01-10", "status": label, "voice": voice, **more}


def with_table(ds: Dataset, table: str, frame: pd.DataFrame) -> Dataset:
    return Dataset({**ds.tables, table: frame}, ds.scale, ds.extras, ds.name)


def test_an_assessment_known_later_only_by_its_latest_date_changes_the_status() -> None:
    # Only `as_of_latest` differs: "January 2025" (known from the 31st) becomes "between
    # January and August 2025", not known yet on 1 June.
    old = build([assessment("Réalisée", as_of_latest="2025-01-31")])
    new = build([assessment("Réalisée", as_of_latest="2025-08-31")])
    changes = compare(old, new, AS_OF)
    assert changes.statuses[["measure_id", "direction"]].values.tolist() == [["M1", "unassessed"]]


def test_two_assessments_swapped_in_the_sheet_move_the_deadline() -> None:
    # Same day, two voices, each a revised due date: the later row wins. Only the row
    # numbers are swapped, every written cell stays where it was.
    updates = [assessment("En cours", "government", revised_due_date="2026-01-31"),
               assessment("En cours", "civil_society", revised_due_date="2026-06-30")]  # fmt: skip
    old = build(updates)
    rows = old.status_updates.copy()
    rows["_row"] = rows["_row"].to_numpy()[::-1]
    new = with_table(old, "status_updates", rows)
    changes = compare(old, new, AS_OF)
    assert changes.deadlines[["measure_id", "shift_days"]].values.tolist() == [["M1", -150]]


def test_a_plan_that_ends_later_moves_the_deadlines_of_measures_without_one() -> None:
    old, new = build(due=None), build(due=None, end="2027-06-30")
    changes = compare(old, new, AS_OF)
    assert changes.deadlines["measure_id"].tolist() == ["M1", "M2"]


def test_a_label_counted_in_another_category_changes_the_status() -> None:
    # Same labels in every cell: only the scale says "En cours" is now done.
    moved = tuple(
        StatusLabel(s.label, "done", s.order, s.colour, s.en, s.aliases)
        if s.label == "En cours" else s
        for s in DEFAULT_SCALE
    )  # fmt: skip
    old = build([assessment("En cours")])
    new = build([assessment("En cours")], scale=StatusScale(moved, custom=True))
    changes = compare(old, new, AS_OF)
    assert changes.statuses[["measure_id", "old_category", "new_category"]].values.tolist() == [
        ["M1", "partial", "done"]
    ]


def test_a_measure_moved_to_another_plan_moves_its_deadline() -> None:
    second = {**PLAN, "plan_id": "P2", "period_end": "2028-12-31"}
    old = build(due=None)
    plans = pd.concat([old.plans, dataset_from_records({"plans": [second]}).plans])
    old = with_table(old, "plans", plans.assign(_row=[2, 3]).reset_index(drop=True))
    measures = old.measures.copy()
    measures.loc[0, "plan_id"] = "P2"
    changes = compare(old, with_table(old, "measures", measures), AS_OF)
    assert changes.deadlines[["measure_id", "new_due"]].values.tolist() == [
        ["M1", pd.Timestamp("2028-12-31")]
    ]


def test_a_recommendation_taken_up_further_in_a_plan_shows_its_retention() -> None:
    old = synthetic_dataset(30, seed=5)
    rows = old.retention.copy()
    rows.loc[0, "level"] = "not_retained" if rows.loc[0, "level"] != "not_retained" else "retained"
    changes = compare(old, with_table(old, "retention", rows), as_of_date())
    assert changes.retention["rec_id"].tolist() == [rows.loc[0, "rec_id"]]


def _shuffled(ds: Dataset, seed: int) -> Dataset:
    """Rows of three sheets in another order (their row numbers follow), a few dropped."""
    rng = np.random.default_rng(seed)
    tables = dict(ds.tables)
    for table in ("measures", "status_updates", "retention"):
        frame = tables[table].iloc[rng.permutation(len(tables[table]))]
        frame = frame[rng.random(len(frame)) > 0.03]
        tables[table] = frame.assign(_row=np.arange(2, len(frame) + 2))
    return Dataset(tables, ds.scale, ds.extras, ds.name)


@pytest.mark.scale
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("kind", ["edited", "reordered"])
def test_statuses_and_deadlines_of_the_touched_measures_equal_the_whole_computation(
    seed: int, kind: str
) -> None:
    old = synthetic_dataset(150, seed=seed)
    new = edited_dataset(old, 0.05, seed)[0] if kind == "edited" else _shuffled(old, seed)
    for as_of in (as_of_date(), dt.date(2020, 6, 1)):
        changes = compare(old, new, as_of)
        assert not changes.statuses.empty or not changes.deadlines.empty
        pd.testing.assert_frame_equal(changes.statuses, _statuses(old, new, as_of))
        pd.testing.assert_frame_equal(changes.deadlines, _deadlines(old, new, as_of))
    pd.testing.assert_frame_equal(changes.retention, _retention(old, new))


@pytest.mark.scale
def test_every_edited_cell_is_named_whether_rows_are_paired_in_place_or_joined() -> None:
    old = synthetic_dataset(150, seed=4)
    new, count = edited_dataset(old, 0.02, seed=4)
    in_place = compare(old, new, as_of_date()).cells
    assert len(in_place) == count and set(in_place["change"]) == {"changed"}
    # The same edits with the measures in reverse order in the sheet: joined on their ids.
    reversed_rows = new.measures.assign(_row=new.measures["_row"].to_numpy()[::-1])
    joined = compare(old, with_table(new, "measures", reversed_rows), as_of_date()).cells

    def by_row(cells: pd.DataFrame) -> pd.DataFrame:
        return cells.sort_values(["sheet", "row_key", "field"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(by_row(joined), by_row(in_place))
    assert joined["row_key"].tolist() != in_place["row_key"].tolist()  # in the new order
