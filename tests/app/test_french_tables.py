"""AppTest: every table of every page, in French, shows its numbers and dates the French way
(issue 14). The grid draws its cells on a canvas, so the text each cell shows is read where
Streamlit receives it: the Styler's display text when the page writes one, else the
column's format applied to the value, else the value as the grid writes it by default.

A number of four digits or more without a separator (years excepted), a decimal point or
an ISO date fails, with the page, the table's columns and the cell.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from monitoring.present.pages import PAGES
from tests.french_numbers import badly_written

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"


def printf(fmt: str, value: Any) -> str:
    """A column's format as the grid applies it: printf (`%d`, `%.1f`), or a date pattern."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return (
            fmt.replace("DD", f"{value.day:02d}")
            .replace("MM", f"{value.month:02d}")
            .replace("YYYY", f"{value.year}")
        )
    if fmt.startswith("%"):
        return fmt % value
    return str(value)


def shown_cells(element: Any) -> list[tuple[str, str]]:
    """(column, the text a cell shows) for the numbers and dates of a table."""
    frame: pd.DataFrame = element.value
    columns = json.loads(element.proto.columns or "{}")
    display = None
    if element.proto.arrow_data.HasField("styler"):
        display = dataframe_util.convert_arrow_bytes_to_pandas_df(
            element.proto.arrow_data.styler.display_values
        )
    shown = set(element.proto.column_order) or {str(c) for c in frame.columns}
    cells = []
    for position, column in enumerate(frame.columns):
        if str(column) not in shown:  # left out of the table's columns: never drawn
            continue
        series = frame[column]
        dated = pd.api.types.is_datetime64_any_dtype(series) or any(
            isinstance(v, dt.date) for v in series.dropna().head(5)
        )
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        if not (dated or numeric):
            continue
        config = columns.get(str(column), {})
        fmt = (config.get("type_config") or {}).get("format")
        for row, value in enumerate(series):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if fmt:
                text = printf(fmt, value)
            elif display is not None:
                text = str(display.iloc[row, position])
            else:
                text = value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)
            cells.append((str(column), text))
    return cells


def test_the_check_sees_what_it_guards() -> None:
    assert badly_written("2897") and badly_written("377.5") and badly_written("2021-12-31")
    assert not any(
        badly_written(t)
        for t in ("2\u202f897", "377,5", "31/12/2021", "2019", "https://x/2021-01-01")
    )
    assert printf("DD/MM/YYYY", pd.Timestamp("2021-12-31")) == "31/12/2021"


@pytest.mark.parametrize("dataset", ["france", "demo"])
def test_every_table_of_every_page_writes_numbers_and_dates_the_french_way(dataset: str) -> None:
    problems: dict[str, list[tuple[str, str]]] = {}
    tables = 0
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params.update({"dataset": dataset, "as_of": AS_OF, "lang": "fr"})
        at.run()
        at.switch_page(page.script).run()
        assert not at.exception, (page.id, at.exception[0].message)
        for element in at.dataframe:
            tables += 1
            bad = [cell for cell in shown_cells(element) if badly_written(cell[1])]
            if bad:
                problems.setdefault(page.id, []).extend(bad[:5])
    assert tables >= 8  # the walk read the pages' tables
    assert not problems, problems
