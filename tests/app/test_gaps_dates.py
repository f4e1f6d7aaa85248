"""AppTest: on the Adoption gaps page, a recommendation dated only by a month reads as that
month, never as its first day.

A small workbook built in code (`tests.builders`): recommendation R2, issued "mars 2014"
(stored as 01/03/2014 – 31/03/2014), is not retained by plan P2 (R1, issued 14/05/2014,
is retained). The list of recommendations left out says "mars 2014", not "01/03/2014".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.validation import validate
from monitoring.storage import NewVersion, Store, StoredFile
from tests.app.helpers import table_with
from tests.builders import set_cell, valid_sheets, workbook

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
KEY = "gaps-dates"
AS_OF = "2018-01-01"  # plan P2 adopted on 01/03/2017: its retention is known


@pytest.fixture(scope="module", autouse=True)
def dated_dataset(store: Store) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Recommandations", 2, "Date", dt.date(2014, 5, 14))  # R1, to the day
    set_cell(sheets, "Recommandations", 3, "Date", "mars 2014")  # R2, to the month
    ds, report = validate(workbook(sheets))
    assert ds is not None, report.errors
    if store.current(KEY) is None:
        files = (StoredFile("gaps-dates.xlsx", b"built in code"),)
        store.save(NewVersion(KEY, dataclasses.replace(ds, name=KEY), files, "tests", ""))


@pytest.mark.parametrize(
    ("lang", "month", "invented"),
    [("fr", "mars 2014", "01/03/2014"), ("en", "March 2014", "2014-03-01")],
)
def test_a_recommendation_left_out_is_dated_by_its_month_not_its_first_day(lang, month, invented):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(dataset=KEY, as_of=AS_OF, lang=lang)
    at.run()
    at.switch_page("views/gaps.py").run()

    left_out = table_with(at, "level").set_index("rec_id")
    assert left_out.loc["R2", "issued_on"] == month
    assert "issued_latest" not in left_out.columns
    assert not left_out["issued_on"].astype(str).str.contains(invented).any()
