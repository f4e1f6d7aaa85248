"""The synthetic datasets of the benchmark: their shape, and that their workbooks load.

`make bench` times the loading of these workbooks; these tests make sure it times the
normal path (a valid workbook of the documented shape), not error reporting.
"""

from __future__ import annotations

import pytest

from monitoring.loading import load_bytes
from monitoring.synthetic import (
    MEASURES_PER_EVENT,
    RETENTION_ROWS_PER_RECOMMENDATION,
    STATUS_ROWS_PER_MEASURE,
    VERDICTS_PER_PLAN,
    synthetic_dataset,
    synthetic_workbook,
)


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


@pytest.mark.parametrize("n", [3, 60])
def test_synthetic_workbook_loads_without_an_issue_and_keeps_every_row(n: int) -> None:
    result = load_bytes("synthetique.xlsx", synthetic_workbook(n))
    assert result.report.ok, [i.message("en") for i in result.report.errors[:5]]
    assert result.dataset is not None
    assert {name: len(t) for name, t in result.dataset.tables.items()} == expected_rows(n)
