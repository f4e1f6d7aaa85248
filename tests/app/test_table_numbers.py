"""AppTest: the pages' tables write their numbers the language's way (`2 481` with a narrow
no-break space in French, `2,481` in English), while the grid keeps the numbers themselves
(it sorts on them; the downloads write them).

The days waited are counted here from the shipped Events sheet's dates, and the expected
text is written by hand, never by the app's formatter.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"
DAY = dt.date.fromisoformat(AS_OF)
OLDEST_LETTER = dt.date(2020, 2, 10)  # demo: Ministère B's letter, still unanswered


def run_timeline(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": "demo", "as_of": AS_OF, "lang": lang})
    at.run()
    at.switch_page("views/timeline.py").run()
    return at


def waiting_table(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The unanswered-letters table: its numbers, the text the grid shows, its columns."""
    for element in at.dataframe:
        if "waiting_days" in element.value.columns:
            proto = element.proto
            assert proto.arrow_data.HasField("styler"), "the numbers are not written out"
            shown = dataframe_util.convert_arrow_bytes_to_pandas_df(
                proto.arrow_data.styler.display_values
            )
            return element.value, shown, json.loads(proto.columns)
    raise AssertionError("no table has a column 'waiting_days'")


@pytest.mark.parametrize(("lang", "separator"), [("fr", "\u202f"), ("en", ",")], ids=["fr", "en"])
def test_days_waited_read_with_the_thousands_separator_and_sort_as_numbers(lang, separator):
    at = run_timeline(lang)

    numbers, shown, columns = waiting_table(at)

    days = (DAY - OLDEST_LETTER).days
    assert days >= 1000  # so a separator is due
    thousands, units = divmod(days, 1000)
    expected = f"{thousands}{separator}{units:03d}"
    assert numbers["waiting_days"].iloc[0] == days  # the grid sorts on the number
    assert shown["waiting_days"].iloc[0] == expected
    assert all(str(v).isdigit() or separator in str(v) for v in shown["waiting_days"])
    # No printf format on the column: it would take precedence over the text written.
    assert "format" not in columns["waiting_days"]["type_config"]


def test_the_measures_table_writes_its_whole_numbers_and_keeps_them_for_sorting():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": "france", "lang": "fr"})
    at.run()
    at.switch_page("views/measures.py").run()

    table = next(d for d in at.dataframe if "days_late" in d.value.columns)
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(
        table.proto.arrow_data.styler.display_values
    )
    columns = json.loads(table.proto.columns)

    late = table.value["days_late"]
    known = late.notna()
    assert known.any()
    for number, text in zip(late[known], shown["days_late"][known], strict=True):
        thousands, units = divmod(int(number), 1000)
        assert text == (f"{thousands}\u202f{units:03d}" if thousands else str(units))
    assert (shown["days_late"][~known] == "—").all()  # unknown, never 0
    assert "format" not in columns["days_late"]["type_config"]
