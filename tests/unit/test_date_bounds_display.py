"""Dates known to the day, month, year or between two dates, written for a whole column."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.contract.datebounds import month_bounds
from monitoring.text.i18n import format_date_bounds, format_date_bounds_column

DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def bounds(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    first = draw(DAYS)
    kind = draw(st.sampled_from(["day", "same", "month", "year", "range", "missing"]))
    if kind == "missing":
        return None, None
    if kind == "month":
        return month_bounds(first.year, first.month)
    if kind == "year":
        return dt.date(first.year, 1, 1), dt.date(first.year, 12, 31)
    if kind == "range":
        return first, first + dt.timedelta(days=draw(st.integers(1, 800)))
    return first, (first if kind == "same" else None)


@pytest.mark.scale
@settings(max_examples=60, deadline=None)
@given(pairs=st.lists(bounds(), min_size=1, max_size=30), lang=st.sampled_from(["fr", "en"]))
def test_a_column_is_written_as_each_of_its_dates_would_be(pairs, lang):
    earliest = pd.Series(pd.to_datetime([a for a, _ in pairs]))
    latest = pd.Series(pd.to_datetime([b for _, b in pairs]))

    expected = [format_date_bounds(a, b, lang) for a, b in pairs]

    assert format_date_bounds_column(earliest, latest, lang) == expected


def test_a_month_a_year_and_a_range_read_as_such_in_french():
    earliest = pd.Series(pd.to_datetime(["2014-03-01", "2008-01-01", "2014-02-03"]))
    latest = pd.Series(pd.to_datetime(["2014-03-31", "2008-12-31", "2014-03-31"]))

    assert format_date_bounds_column(earliest, latest, "fr") == [
        "mars 2014",
        "2008",
        "entre le 03/02/2014 et le 31/03/2014",
    ]
