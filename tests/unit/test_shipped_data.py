"""The shipped datasets: the French workbook is built from the reviewed CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitoring.loading import SHIPPED, load_paths, load_shipped

FRANCE_CSV = sorted((Path(__file__).resolve().parents[2] / "data" / "france").glob("*.csv"))


def test_french_workbook_holds_exactly_the_reviewed_csv_files():
    from_csv = load_paths(FRANCE_CSV)
    from_workbook = load_paths([SHIPPED["france"]])
    assert from_csv.dataset is not None and from_workbook.dataset is not None
    # Stale when the CSV files were edited without `python scripts/build_workbooks.py`.
    assert from_workbook.dataset.content_hash() == from_csv.dataset.content_hash()


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_dataset_loads_with_no_error_or_warning(name):
    result = load_paths([SHIPPED[name]])
    assert result.ok
    assert [i.code for i in result.report if i.severity != "notice"] == []


def test_french_dataset_keeps_unknown_statuses_unknown():
    ds = load_shipped("france")
    assessed = set(ds.status_updates["measure_id"])
    assert len(ds.measures) == 23 + 45 + 60
    # Twelve sourced assessments; every other measure has none and reads "Non évaluée".
    assert len(ds.status_updates) == 12
    assert len(assessed) == 12
