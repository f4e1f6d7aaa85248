"""The validated, typed dataset that every figure, chart and export is computed from.

One `pandas.DataFrame` per sheet, with the contract's canonical column ids, plus:
- `_row`: the spreadsheet row each record came from (for messages and traceability);
- extra columns the coordinator added, under their own header text (kept and shown);
- in `status_updates`, `category`: the status category derived from the scale.

Column dtypes: text and choice columns are strings (choices hold their code, e.g.
`civil_society`), dates are `datetime64[s]` (NaT when empty), integers `Int64`, numbers
`float64`, `measure_ids` a comma-separated string of ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from monitoring.contract.schema import (
    DEFAULT_SCALE,
    SHEETS,
    STATUS_SCALE,
    Lang,
    Sheet,
    StatusLabel,
    normalise_label,
)

TABLE_IDS: tuple[str, ...] = tuple(s.id for s in SHEETS if s.id != "status_scale")
DATE_DTYPE = "datetime64[s]"
# What contract version 1.1 added: the date bounds' companion columns and the published
# verdicts sheet. Left empty, they leave a dataset's content hash as it was, so a version
# stored before them is still recognised as identical to the same file uploaded again.
ADDED_COLUMNS: frozenset[tuple[str, str]] = frozenset(
    (s.id, c.latest) for s in SHEETS for c in s.columns if c.latest
)
ADDED_TABLES: frozenset[str] = frozenset({"published_verdicts"})


@dataclass(frozen=True)
class StatusScale:
    """The status labels in use (the default scale or the workbook's own)."""

    labels: tuple[StatusLabel, ...] = DEFAULT_SCALE
    custom: bool = False

    def __post_init__(self) -> None:
        lookup: dict[str, StatusLabel] = {}
        for item in self.labels:
            for key in (item.label, item.en or "", *item.aliases):
                if key:
                    lookup.setdefault(normalise_label(key), item)
        object.__setattr__(self, "_lookup", lookup)

    def find(self, text: str) -> StatusLabel | None:
        """Return the label `text` designates (case, accents, spaces and language ignored)."""
        lookup: dict[str, StatusLabel] = self._lookup  # type: ignore[attr-defined]
        return lookup.get(normalise_label(text))

    def category(self, label: str) -> str:
        found = self.find(label)
        return found.category if found else "unknown"

    def ordered(self) -> list[StatusLabel]:
        return sorted(self.labels, key=lambda s: s.order)

    def display(self, label: str, lang: Lang) -> str:
        found = self.find(label)
        return found.display(lang) if found else label


# --- The status scale's record form, derived from its declaration -----------------------
# `schema.StatusLabel` declares a label's fields; those whose id is a column of the
# workbook's status-scale sheet (`schema.STATUS_SCALE`) are its workbook form, the others
# (`en`, `aliases`) come with the default scale's labels. Storage, the content hash, the
# exported workbook and the comparison of two versions all read these functions, so a new
# field is declared in `schema.py` and nowhere else.

# The workbook fields the content hash held before any other existed, by position. A field
# added since is hashed by name, and only when it differs from its default: versions
# stored before it keep their hash (as `ADDED_COLUMNS` does for the tables).
_HASHED_FROM_THE_START = ("label", "category", "order", "colour")


def scale_fields(label_type: type[StatusLabel] = StatusLabel) -> tuple[str, ...]:
    """The label's fields the workbook's status-scale sheet holds, in the sheet's order."""
    names = {f.name for f in fields(label_type)}
    return tuple(c.id for c in STATUS_SCALE.columns if c.id in names)


def label_record(item: StatusLabel) -> dict[str, Any]:
    """Every field of a label, by name, ready for JSON (tuples as lists)."""
    record: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        record[f.name] = list(value) if isinstance(value, tuple) else value
    return record


def label_from_record(
    record: Mapping[str, Any], label_type: type[StatusLabel] = StatusLabel
) -> StatusLabel:
    """The label `label_record` gave; a field the record lacks (written before the field
    was declared) takes its default, and a name that is no field is ignored."""
    values: dict[str, Any] = {}
    for f in fields(label_type):
        if f.name in record:
            value = record[f.name]
            values[f.name] = tuple(value) if isinstance(value, list) else value
    return label_type(**values)


def label_hash_input(item: StatusLabel) -> tuple[Any, ...]:
    """What the content hash reads of a label: its workbook fields (`scale_fields`)."""
    by_name = {f.name: f for f in fields(item)}
    first = tuple(getattr(item, name) for name in _HASHED_FROM_THE_START)
    later = tuple(
        (name, getattr(item, name))
        for name in scale_fields(type(item))
        if name not in _HASHED_FROM_THE_START and getattr(item, name) != _default(by_name[name])
    )
    return first + later


def _default(f: Any) -> Any:
    if f.default is not MISSING:
        return f.default
    return f.default_factory() if f.default_factory is not MISSING else MISSING


def scale_frame(labels: Iterable[StatusLabel], lang: Lang | None = None) -> pd.DataFrame:
    """The scale as the status-scale sheet holds it: one column per workbook field
    (`scale_fields`), typed as the sheet declares.

    Args:
        labels: the scale's labels, in the order the rows are wanted.
        lang: show each label in this language (its `display`); None: as stored.
    """
    items = list(labels)
    names = scale_fields(type(items[0])) if items else scale_fields()
    columns = {c.id: c for c in STATUS_SCALE.columns}
    data = {}
    for name in names:
        if name == "label" and lang is not None:
            values = [s.display(lang) for s in items]
        else:
            values = [getattr(s, name) for s in items]
        data[name] = pd.array(values, dtype=column_dtype(columns[name].type))  # type: ignore[call-overload]
    return pd.DataFrame(data)


def empty_table(sheet: Sheet) -> pd.DataFrame:
    """Return an empty frame with the sheet's canonical columns and dtypes."""
    return pd.DataFrame(
        {c.id: pd.Series(dtype=column_dtype(c.type)) for c in sheet.columns}
        | {"_row": pd.Series(dtype="int64")}
    )


# pandas' "str" dtype (pandas 3: text held by pyarrow, missing values as NaN). Named, not
# taken from an array: pyarrow's first array reserves about 1 GB of address space, which
# the fork server's children would inherit against their memory limit (`isolation`).
TEXT_DTYPE = pd.api.types.pandas_dtype("str")
_ARROW_TEXT = isinstance(TEXT_DTYPE, pd.StringDtype) and TEXT_DTYPE.storage == "pyarrow"


def text_series(values: Sequence[object] | np.ndarray) -> pd.Series:
    """A column of text (dtype "str") from Python strings and None.

    pyarrow takes the strings as they are, where `pd.Series(values, dtype="str")` first
    checks and copies each one: five times faster (50,000 strings in 2 ms against 10),
    which on the 10,000-measure workbook of `bench/cli_bench.py` is 0.03 s of every
    validation. Any other value goes pandas' way: a number is written as text, NaN is missing.
    """
    if not _ARROW_TEXT:
        return pd.Series(values, dtype="str")
    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return pd.Series(values, dtype="str")
    return pd.Series(pd.arrays.ArrowStringArray(array, dtype=TEXT_DTYPE))  # type: ignore[call-arg]


def column_dtype(column_type: str) -> str:
    return {
        "date": DATE_DTYPE,
        "integer": "Int64",
        "number": "float64",
    }.get(column_type, "str")


_EPOCH = dt.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # NaT as an int64


def dates(values: Iterable[object]) -> np.ndarray:
    """Turn `datetime.date` values (None for missing) into a `datetime64[s]` array."""
    values = list(values)
    if set(map(type, values)) <= {dt.date, type(None)}:
        # numpy converts date objects one by one, slowly (90 ms per 100,000); columns
        # repeat a few hundred dates, so each distinct date becomes a day number once.
        days = {v: _NAT if v is None else v.toordinal() - _EPOCH for v in set(values)}  # type: ignore[attr-defined]
        counts = np.fromiter(map(days.__getitem__, values), dtype=np.int64, count=len(values))
        return counts.view("datetime64[D]").astype(DATE_DTYPE)
    return np.array(values, dtype="datetime64[D]").astype(DATE_DTYPE)


@dataclass(frozen=True)
class Dataset:
    """A whole validated workbook: plans, measures, recommendations, retention, statuses, events."""

    tables: Mapping[str, pd.DataFrame]
    scale: StatusScale = field(default_factory=StatusScale)
    extras: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    name: str = ""

    @property
    def plans(self) -> pd.DataFrame:
        return self.tables["plans"]

    @property
    def measures(self) -> pd.DataFrame:
        return self.tables["measures"]

    @property
    def recommendations(self) -> pd.DataFrame:
        return self.tables["recommendations"]

    @property
    def retention(self) -> pd.DataFrame:
        return self.tables["retention"]

    @property
    def status_updates(self) -> pd.DataFrame:
        return self.tables["status_updates"]

    @property
    def events(self) -> pd.DataFrame:
        return self.tables["events"]

    def __post_init__(self) -> None:
        # A dataset read from an older stored version, or built in code, may lack a sheet
        # or a column the contract declares since: add them, empty, so every consumer can
        # rely on the declared shape.
        from monitoring.contract.schema import SHEETS_BY_ID

        tables = dict(self.tables)
        changed = False
        for table_id in TABLE_IDS:
            sheet = SHEETS_BY_ID[table_id]
            frame = tables.get(table_id)
            if frame is None:
                tables[table_id] = empty_table(sheet)
                changed = True
                continue
            missing = [c for c in sheet.columns if c.id not in frame.columns]
            if missing:
                frame = frame.copy()
                for col in missing:
                    frame[col.id] = pd.Series(
                        pd.NA if col.type not in ("date", "number") else None,
                        index=frame.index,
                        dtype=column_dtype(col.type),
                    )
                tables[table_id] = frame
                changed = True
        if changed:
            object.__setattr__(self, "tables", tables)

    def content_hash(self) -> str:
        """A hash of the data (not of the file): equal for the same content in any format."""
        digest = hashlib.sha256()
        for table_id in TABLE_IDS:
            frame = self.tables[table_id].drop(columns=["_row"], errors="ignore")
            if table_id in ADDED_TABLES and frame.empty:
                continue
            empty_added = [
                c for c in frame.columns if (table_id, c) in ADDED_COLUMNS and frame[c].isna().all()
            ]
            frame = frame.drop(columns=empty_added)
            digest.update(table_id.encode())
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
            digest.update("\x1f".join(map(str, frame.columns)).encode())
        for item in self.scale.labels:
            digest.update(repr(label_hash_input(item)).encode())
        return digest.hexdigest()


def table_from_columns(
    sheet: Sheet, columns: Mapping[str, list[object]], rows: list[int] | None = None
) -> pd.DataFrame:
    """Build a typed table from canonical columns of Python values (None when empty).

    Dates are `datetime.date` values (or ISO strings), choices their codes. Columns the
    sheet declares but `columns` lacks are filled with empty values; any other key of
    `columns` is kept as an extra column of text. This is the one place that fixes the
    dtypes of a table, used by validation and by tests that build data in code.
    """
    length = len(next(iter(columns.values()))) if columns else 0
    data: dict[str, object] = {}
    for col in sheet.columns:
        values = columns.get(col.id, [None] * length)
        if col.type == "date":
            has_text = str in set(map(type, values))
            data[col.id] = dates(map(_as_date, values) if has_text else values)
        elif col.type == "integer":
            data[col.id] = pd.Series(values, dtype="Int64")
        elif col.type == "number":
            data[col.id] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        else:
            data[col.id] = text_series(values)
    for name, values in columns.items():
        if name not in data:
            data[name] = text_series(values)
    data["_row"] = np.array(rows if rows is not None else range(2, length + 2), dtype="int64")
    return pd.DataFrame(data)


def _as_date(value: object) -> object:
    if isinstance(value, str):
        return np.datetime64(value, "D")
    return value


def dataset_from_records(
    records: Mapping[str, list[dict[str, object]]],
    scale: StatusScale | None = None,
    name: str = "",
) -> Dataset:
    """Build a dataset from rows given as dicts of canonical ids (tests, generators).

    Statuses are given as scale labels; their category is derived here as in validation.
    """
    from monitoring.contract.schema import SHEETS_BY_ID

    scale = scale or StatusScale()
    tables: dict[str, pd.DataFrame] = {}
    for table_id in TABLE_IDS:
        sheet = SHEETS_BY_ID[table_id]
        rows = records.get(table_id, [])
        names = list(dict.fromkeys(k for row in rows for k in row)) or list(sheet.column_ids)
        columns = {n: [row.get(n) for row in rows] for n in names}
        tables[table_id] = table_from_columns(sheet, columns) if rows else empty_table(sheet)
    tables["status_updates"] = with_categories(tables["status_updates"], scale)
    return Dataset(tables=tables, scale=scale, name=name)


def with_categories(status_updates: pd.DataFrame, scale: StatusScale) -> pd.DataFrame:
    """Return the status updates with a `category` column derived from the scale."""
    frame = status_updates.copy()
    mapping = {label: scale.category(label) for label in frame["status"].dropna().unique()}
    frame["category"] = frame["status"].map(mapping).astype(object).fillna("unknown").astype("str")
    return frame
