"""Tables ⇄ database rows: one JSON array per record, dtypes kept beside the table.

A version's tables are stored one record per database row, so they stay readable with
plain SQL (`SELECT data FROM version_rows WHERE …`), and each table keeps its column
names and pandas dtypes, so reading it back gives the very same frame:
`content_hash()` of a stored-then-read dataset equals the original's (a test checks it).

Values: text as JSON strings, missing as `null`, dates as ISO 8601 (`2024-05-14T00:00:00`),
whole numbers as JSON integers, numbers as JSON numbers (Python's shortest exact repr,
so floats come back bit for bit).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from monitoring.contract.dataset import (
    DATE_DTYPE,
    StatusScale,
    label_from_record,
    label_record,
    text_series,
)
from monitoring.contract.schema import StatusLabel

# The dtypes a Dataset's tables use (see monitoring.contract.dataset); anything else is a bug.
DTYPES = ("str", DATE_DTYPE, "Int64", "float64", "int64", "bool")

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _column_values(series: pd.Series) -> list[Any]:
    """A column as JSON-ready Python values, None for missing."""
    dtype = str(series.dtype)
    if dtype == DATE_DTYPE:
        values = series.to_numpy()
        text = np.datetime_as_string(values, unit="s").astype(object)
        text[np.isnat(values)] = None
        return list(text)
    if dtype in ("int64", "bool"):
        return series.tolist()
    if dtype not in DTYPES:
        raise TypeError(f"column {series.name!r} has dtype {dtype}, which is not stored")
    return series.astype(object).where(series.notna(), None).tolist()


def encode_table(frame: pd.DataFrame) -> tuple[list[list[str]], list[str]]:
    """Turn a table into its column list and one JSON array per record.

    Args:
        frame: a table of a `Dataset` (any index; the order of rows is kept).

    Returns:
        `[[column name, dtype], …]` and the records as JSON text, in row order.
    """
    columns = [[str(name), str(frame[name].dtype)] for name in frame.columns]
    values = [_column_values(frame[name]) for name in frame.columns]
    return columns, [_encode(list(record)) for record in zip(*values, strict=True)]


def _column(dtype: str, values: np.ndarray) -> Any:
    if dtype == DATE_DTYPE:
        return np.array(values, dtype=DATE_DTYPE)  # None → NaT
    if dtype == "str":
        return text_series(values)
    if dtype in DTYPES:
        return pd.Series(values, dtype=dtype)
    raise TypeError(f"stored dtype {dtype!r} is unknown")


def decode_table(columns: Sequence[Sequence[str]], records: Iterable[str]) -> pd.DataFrame:
    """Rebuild a table from `encode_table`'s output.

    Args:
        columns: `[[name, dtype], …]` as stored.
        records: the JSON arrays, in row order.

    Returns:
        The frame, with a fresh RangeIndex and the stored dtypes.
    """
    # One json.loads over the joined records is several times faster than one per record.
    rows = json.loads("[" + ",".join(records) + "]")
    # pandas transposes lists of records in C; each column is then an object array.
    raw = pd.DataFrame(rows, columns=range(len(columns)), dtype=object)
    data = {
        name: _column(dtype, raw[i].to_numpy(dtype=object))
        for i, (name, dtype) in enumerate(columns)
    }
    frame = pd.DataFrame(data)
    frame.index = pd.RangeIndex(len(rows))
    return frame


def encode_scale(scale: StatusScale) -> str:
    """The status scale as JSON text: every field of each label (`label_record`)."""
    items = [label_record(s) for s in scale.labels]
    return json.dumps({"custom": scale.custom, "labels": items}, ensure_ascii=False)


def decode_scale(text: str, label_type: type[StatusLabel] = StatusLabel) -> StatusScale:
    """Rebuild the status scale from `encode_scale`'s output (a field declared since the
    text was written takes its default)."""
    data = json.loads(text)
    labels = tuple(label_from_record(item, label_type) for item in data["labels"])
    return StatusScale(labels, custom=data["custom"])


def encode_extras(extras: Mapping[str, Sequence[str]]) -> str:
    """The extra columns per table as JSON text."""
    return json.dumps({k: list(v) for k, v in extras.items()}, ensure_ascii=False)


def decode_extras(text: str) -> dict[str, tuple[str, ...]]:
    """Rebuild the extra columns per table from `encode_extras`'s output."""
    return {k: tuple(v) for k, v in json.loads(text).items()}
