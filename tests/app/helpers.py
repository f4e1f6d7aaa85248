"""What several AppTest files use: finding a table on a page."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table of the page that has `column`; fails the test if none has."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table has a column {column!r}")
