"""The shipped datasets: the French workbook is built from the reviewed CSV files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from monitoring.config.shipped import BY_KEY
from monitoring.contract.schema import VERDICT_COUNT_COLUMNS
from monitoring.intake.loading import load_paths, load_shipped

FRANCE_CSV = sorted((Path(__file__).resolve().parents[2] / "data" / "france").glob("*.csv"))


@pytest.mark.subprocess
def test_french_workbook_holds_exactly_the_reviewed_csv_files():
    from_csv = load_paths(FRANCE_CSV)
    from_workbook = load_paths([BY_KEY["france"].path()])
    assert from_csv.dataset is not None and from_workbook.dataset is not None
    # The hash covers the optional sheet and the date bounds only when they hold data.
    assert len(from_csv.dataset.tables["published_verdicts"]) == 1
    assert from_csv.dataset.events["date_latest"].notna().any()
    # Stale when the CSV files were edited without `python scripts/build_workbooks.py`.
    assert from_workbook.dataset.content_hash() == from_csv.dataset.content_hash()


@pytest.mark.subprocess
@pytest.mark.parametrize("name", sorted(BY_KEY))
def test_shipped_dataset_loads_with_no_error_or_warning(name):
    result = load_paths([BY_KEY[name].path()])
    assert result.ok
    assert [i.code for i in result.report if i.severity != "notice"] == []


@pytest.mark.subprocess
def test_french_dataset_keeps_unknown_statuses_unknown():
    ds = load_shipped("france")
    assessed = set(ds.status_updates["measure_id"])
    assert len(ds.measures) == 23 + 45 + 60
    # Twelve sourced assessments; every other measure has none and reads "Non évaluée".
    assert len(ds.status_updates) == 12
    assert len(assessed) == 12
    assert set(ds.status_updates["as_of_latest"].dropna()) == set()  # all known to the day


@pytest.mark.subprocess
def test_french_workbook_carries_the_published_verdict_and_the_date_bounds():
    ds = load_shipped("france")
    (verdict,) = ds.tables["published_verdicts"].to_dict("records")
    assert (verdict["plan_id"], verdict["assessor"], verdict["voice"]) == (
        "PAN-2019",
        "CNCDH",
        "independent",
    )
    assert verdict["published_on"] == pd.Timestamp("2023-01-12")
    counts = [verdict[c] for c in VERDICT_COUNT_COLUMNS.values()]
    assert (verdict["measures_covered"], counts) == (45, [3, 28, 14, 0, 0])

    plans = ds.plans.set_index("plan_id")
    assert plans.loc["PAN-2024", "expected_date"] == pd.Timestamp("2023-10-18")
    assert pd.isna(plans.loc["PAN-2024", "expected_latest"])
    assert plans.loc["PAN-2014", "expected_latest"] == pd.Timestamp("2013-10-31")

    events = ds.events.set_index("event_id")
    ayrault = events[events["recipient"].fillna("").str.contains("Ayrault")]
    assert list(ayrault["date_latest"]) == [pd.Timestamp("2014-03-31")]
    # The workbook keeps the bounds: no event lies on a chosen 1 April 2014.
    assert not (events["date"] == pd.Timestamp("2014-04-01")).any()
    replies = events[events["reply_to"].notna()]
    assert set(replies["reply_to"]) <= set(events.index)
    assert len(replies) == 2
