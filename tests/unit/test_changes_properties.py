"""Property: whatever single cell of a valid workbook is edited, the review names it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.analysis.changes import cell_changes, cell_records, row_key_columns
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import DEFAULT_SCALE, SHEETS_BY_ID
from monitoring.intake.validation import validate
from tests.builders import a_verdict, valid_sheets, verdict_rows, workbook


def _valid() -> Dataset:
    """The builders' minimal valid workbook, every sheet used, with an extra column."""
    sheets = valid_sheets()
    sheets["Verdicts publiés"] = verdict_rows(a_verdict())
    sheets["Mesures"][0].append("Remarque")
    for number, row in enumerate(sheets["Mesures"][1:]):
        row.append(f"note {number}")
    ds, report = validate(workbook(sheets))
    assert ds is not None, report.errors
    return ds


BASE = _valid()
TABLES = [name for name, frame in BASE.tables.items() if len(frame)]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàç -'", min_size=1, max_size=12).map(
    lambda s: "x" + s.strip()
)


def _values(table: str, column: str) -> st.SearchStrategy[Any]:
    """A value valid for the column's type (any text for an extra column)."""
    if column not in SHEETS_BY_ID[table].column_ids:
        return WORDS
    spec = SHEETS_BY_ID[table].column(column)
    if spec.type == "date":
        days = st.integers(min_value=0, max_value=40 * 365)
        return days.map(lambda n: pd.Timestamp(dt.date(1995, 1, 1) + dt.timedelta(days=n)))
    if spec.type == "integer":
        return st.integers(min_value=0, max_value=10_000)
    if spec.type == "number":
        return st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2))
    if spec.type == "status":
        return st.sampled_from([s.label for s in DEFAULT_SCALE])
    if spec.choices:
        return st.sampled_from([c.code for c in spec.choices])
    return WORDS


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, int, str, Any]:
    table = draw(st.sampled_from(TABLES))
    frame = BASE.tables[table]
    row = draw(st.integers(min_value=0, max_value=len(frame) - 1))
    columns = [c for c in frame.columns if c not in ("_row", "category")]
    column = draw(st.sampled_from(columns))
    value = draw(_values(table, column))
    old = frame[column].iloc[row]
    if not pd.isna(old) and old == value:
        value = draw(_values(table, column).filter(lambda v: v != old))
    return table, row, column, value


def _row_key(frame: pd.DataFrame, row: int, key: tuple[str, ...]) -> str:
    values = [frame[k].iloc[row] for k in key]
    shown = [v.date().isoformat() if isinstance(v, pd.Timestamp) else str(v)
             for v in values if not pd.isna(v)]  # fmt: skip
    return " · ".join(shown)


@pytest.mark.scale
@settings(max_examples=50, deadline=None)
@given(edits())
def test_a_random_edit_of_a_random_cell_is_named_with_its_sheet_row_and_field(edit):
    table, row, column, value = edit
    frame = BASE.tables[table].copy()
    frame.loc[frame.index[row], column] = value
    new = Dataset(tables={**BASE.tables, table: frame}, scale=BASE.scale, extras=BASE.extras)
    named = cell_records(cell_changes(BASE, new))
    assert named, "a changed cell must never read as no change"
    key = row_key_columns(table)
    if column in key:  # the row's identifier itself: that row leaves, another comes
        assert {c["change"] for c in named if c["sheet"] == table} >= {"added", "removed"}
        assert _row_key(BASE.tables[table], row, key) in {c["row_key"] for c in named}
    else:
        assert [(c["sheet"], c["row_key"], c["change"], c["field"]) for c in named] == [
            (table, _row_key(BASE.tables[table], row, key), "changed", column)
        ]
