"""The synthetic datasets of the benchmark: their shape, and that their workbooks load.

`make bench` times the loading of these workbooks; these tests make sure it times the
normal path (a valid workbook of the documented shape), not error reporting.
"""

from __future__ import annotations

import pandas as pd
import pytest

from monitoring.devtools.synthetic import (
    MEASURES_PER_EVENT,
    RETENTION_ROWS_PER_RECOMMENDATION,
    STATUS_ROWS_PER_MEASURE,
    VERDICTS_PER_PLAN,
    synthetic_dataset,
    synthetic_workbook,
)
from monitoring.intake.loading import load_bytes


def expected_rows(n: int) -> dict[str, int]:
    return {
        "plans": 3,
        "measures": n,
        "recommendations": n,
        "retention": n * RETENTION_ROWS_PER_RECOMMENDATION,
        "status_updates": n * STATUS_ROWS_PER_MEASURE,
        "events": max(10, n // MEASURES_PER_EVENT),
        "published_verdicts": 3 * VERDICTS_PER_PLAN,
    }


@pytest.mark.parametrize("n", [3, 25, 240])
def test_synthetic_dataset_has_the_documented_number_of_rows_per_table(n: int) -> None:
    dataset = synthetic_dataset(n)
    assert {name: len(table) for name, table in dataset.tables.items()} == expected_rows(n)


def test_synthetic_dataset_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    assert synthetic_dataset(30).content_hash() == synthetic_dataset(30).content_hash()
    assert synthetic_dataset(30).content_hash() != synthetic_dataset(30, seed=1).content_hash()


def test_fewer_measures_than_plans_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        synthetic_dataset(2)


@pytest.mark.subprocess
@pytest.mark.parametrize("n", [3, 60])
def test_synthetic_workbook_loads_without_an_issue_and_keeps_every_row(n: int) -> None:
    result = load_bytes("synthetique.xlsx", synthetic_workbook(n))
    assert result.report.ok, [i.message("en") for i in result.report.errors[:5]]
    assert result.dataset is not None
    assert {name: len(t) for name, t in result.dataset.tables.items()} == expected_rows(n)


def test_synthetic_dataset_holds_month_precision_dates_and_consistent_verdicts() -> None:
    dataset = synthetic_dataset(240)
    for table, column, latest in (("events", "date", "date_latest"),
                                  ("status_updates", "as_of", "as_of_latest")):  # fmt: skip
        frame = dataset.tables[table]
        bounded = frame[frame[latest].notna()]
        assert 0 < len(bounded) < len(frame)
        assert (bounded[column].dt.day == 1).all()
        assert (bounded[latest] == bounded[column] + pd.offsets.MonthEnd(0)).all()
    verdicts = dataset.tables["published_verdicts"]
    counts = verdicts[["count_done", "count_partial", "count_not_done"]].sum(axis=1)
    sizes = dataset.measures.groupby("plan_id").size()
    assert (counts == verdicts["measures_covered"]).all()
    assert verdicts["measures_covered"].tolist() == sizes[verdicts["plan_id"]].tolist()
