"""Cell conversion, a column at a time: each distinct value read once, the column mapped
through the results in C, the bad cells returned as (row index, message key, params).

The converters are the cell checks of the contract's column types (text, date, bounded
date, number, choice, status); `cells.py` turns what they return into problems.

Why one module: every converter is built on the same few pieces (`Col`, the kinds of a
column's cells, the mapping of distinct cells through their results, `_Invalid`), and
each is a short function over them; split by type, each part would import them all back.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from monitoring.contract.dataset import StatusScale
from monitoring.contract.datebounds import parse_period
from monitoring.contract.schema import Column, normalise_label
from monitoring.intake.raw import Cell
from monitoring.text.i18n import Localised

# Stripped from both ends of every text cell; a cell left empty counts as empty.
BLANK_CHARS = " \t\r\n\u00a0\u2007\u202f\u2009\u200a\u3000\u200b\u200c\u200d\u2060\ufeff"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_FR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Thousands separators (any space, the Swiss apostrophe) go; the minus sign becomes ASCII.
_NUMBER_CHARS = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, "\u2009": None,
                               "'": None, "\u2212": "-"})  # fmt: skip
_BAD = "\x00bad"  # the mapped value of a cell that matches nothing
_UNSEEN: Any = object()  # a cache miss
_EXCEL_1900 = dt.date(1899, 12, 30)
_EXCEL_1904 = dt.date(1904, 1, 1)
MIN_YEAR, MAX_YEAR = 1900, 2200


@dataclass
class Col:
    """One converted column: values (None when empty), and which rows are empty."""

    values: list[object]
    empty: np.ndarray


# --- Cell conversion, column at a time -------------------------------------------------
# Each converter returns the column's values (None when empty) and the bad cells as
# (row index, message key, params).

Bad = list[tuple[int, str, dict[str, Any]]]


def cell_text(value: Cell) -> str:
    """The text of a cell, stripped; "" for an empty cell (NaN too: some readers' empty)."""
    if type(value) is str:
        return value.strip(BLANK_CHARS)
    if value is None or value == "":
        return ""
    if type(value) is float:
        if value != value:
            return ""
        if value.is_integer():  # `7.0` in an id column is the number the user typed: `7`
            return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _is_empty(value: Cell) -> bool:
    """True for the cells that count as empty in a typed column (None and NaN included)."""
    return value is None or value == "" or (type(value) is float and value != value)


def _kinds(values: Iterable[Cell]) -> set[type]:
    return set(map(type, values))


# Cells that can be converted once per distinct value, looked up by equality: `bool`
# is left out, as `True == 1` would mix two cells that read differently.
_BY_VALUE = frozenset({str, float, int, type(None), dt.date, dt.datetime})


def _texts(values: Sequence[Cell]) -> list[str]:
    if _kinds(values) == {str}:  # the usual column: strip in C, no call per cell
        return list(map(str.strip, values, repeat(BLANK_CHARS, len(values))))  # type: ignore[arg-type]
    return [v.strip(BLANK_CHARS) if type(v) is str else cell_text(v) for v in values]


def _text_values(texts: list[str]) -> tuple[list[object], np.ndarray]:
    """The values of a text column (None for "") and which are empty."""
    if "" not in texts:
        return texts, np.zeros(len(texts), dtype=bool)  # type: ignore[return-value]
    empty = np.fromiter(map(operator.not_, texts), dtype=bool, count=len(texts))
    return [s or None for s in texts], empty


def convert_text(values: Sequence[Cell]) -> Col:
    return Col(*_text_values(_texts(values)))


def _convert_text_checked(values: Sequence[Cell], col: Column) -> tuple[Col, Bad]:
    few = _few_texts(values, col)
    if few is not None:
        return few
    texts = _texts(values)
    bad: Bad = []
    # One regex pass over the whole column; cells are looked at only when it finds one.
    if _CONTROL.search("\n".join(texts)):
        for i, s in enumerate(texts):
            match = _CONTROL.search(s)
            if match:
                bad.append((i, "control_char", {"char": f"U+{ord(match.group()):04X}"}))
    if max(map(len, texts), default=0) > col.max_length:
        for i, s in enumerate(texts):
            if len(s) > col.max_length:
                bad.append((i, "too_long", {"length": len(s), "limit": col.max_length}))
    return Col(*_text_values(texts)), bad


def _few_texts(values: Sequence[Cell], col: Column) -> tuple[Col, Bad] | None:
    """`_convert_text_checked` of a text column repeating a few values (voices, assessors,
    comments), each distinct cell stripped and checked once; None for any other column,
    or when some cell is bad (the cell by cell path then reports each one)."""
    distinct = set(values)
    # Text equals only text: with the distinct cells all text, every cell is.
    if 4 * len(distinct) > len(values) or _kinds(distinct) != {str}:
        return None
    stripped: dict[object, str] = {v: str(v).strip(BLANK_CHARS) for v in distinct}
    if _CONTROL.search("\n".join(stripped.values())) or (
        max(map(len, stripped.values()), default=0) > col.max_length
    ):
        return None
    if "" not in stripped.values():
        texts = list(map(stripped.__getitem__, values))
        return Col(texts, np.zeros(len(values), dtype=bool)), []  # type: ignore[arg-type]
    value = {v: s or None for v, s in stripped.items()}
    is_empty = {v: not s for v, s in stripped.items()}
    empty = np.fromiter(map(is_empty.__getitem__, values), dtype=bool, count=len(values))
    return Col(list(map(value.__getitem__, values)), empty), []


def _serial_date(number: float, date1904: bool) -> dt.date | None:
    if date1904:
        return _EXCEL_1904 + dt.timedelta(days=int(number))
    if int(number) == 60:  # Excel's fictitious 29 February 1900
        return None
    if number < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=int(number))
    return _EXCEL_1900 + dt.timedelta(days=int(number))


def _parse_date_text(text: str) -> dt.date | None:
    m = _ISO_DATE.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _FR_DATE.match(text)
        if not m:
            return None
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# Excel's date numbers: 1 is 01/01/1900 and 2958465 is 31/12/9999 (its last day).
EXCEL_MAX_SERIAL = 2_958_465


def _serial_or_key(number: float, date1904: bool) -> dt.date | str:
    if not math.isfinite(number) or not 0 < number < EXCEL_MAX_SERIAL + 1:
        return "date_serial"  # 0, negative, beyond 31/12/9999, infinite or NaN
    if number.is_integer() and MIN_YEAR <= number <= MAX_YEAR:
        # A year typed alone (2024) would read as a day of 1905: never what was meant.
        return "date_year_only"
    result = _serial_date(number, date1904)
    return "date_serial_60" if result is None else result


def _date_or_key(value: Cell, date1904: bool) -> dt.date | str | None:
    """The date a non-empty cell holds, or the message key saying why it is not one."""
    kind = type(value)
    result: dt.date | str | None
    if kind is str:
        text = value.strip(BLANK_CHARS)  # type: ignore[attr-defined]
        result = (_parse_date_text(text) or "date_format") if text else None
    elif kind is float or kind is int:
        result = _serial_or_key(float(value), date1904)  # type: ignore[arg-type]
    elif isinstance(value, dt.datetime):  # pandas' Timestamp too
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, dt.time):
        # What a reader gives for a date cell holding 0, a negative number or a fraction
        # of a day: not a date, and "00:00:00 is not a date" would not say why.
        result = "date_time_only"
    else:  # booleans, durations
        result = "date_format"
    if isinstance(result, dt.date) and not MIN_YEAR <= result.year <= MAX_YEAR:
        return "date_range"
    return result


def _convert_dates(values: Sequence[Cell], date1904: bool) -> tuple[Col, Bad]:
    if _kinds(values) <= _BY_VALUE:
        # Columns repeat the same few dates: each distinct value is read once, and the
        # column is mapped through the results in C.
        read = {v: _invalid(None if v is None else _date_or_key(v, date1904)) for v in set(values)}
        return _mapped(values, read, _date_params)
    out: list[object] = []
    bad: Bad = []
    empty = np.zeros(len(values), dtype=bool)
    # Columns repeat the same few texts and serial numbers: each is read once.
    cache: dict[object, dt.date | str | None] = {}
    for i, v in enumerate(values):
        kind = type(v)
        if kind is str or kind is float or kind is int:
            result = cache.get(v, _UNSEEN)
            if result is _UNSEEN:
                result = cache[v] = _date_or_key(v, date1904)
        elif v is None:
            result = None
        else:
            result = _date_or_key(v, date1904)
        if isinstance(result, str):
            # Years as text: a number param would be written `1 900` in French.
            params = {"min": str(MIN_YEAR), "max": str(MAX_YEAR)} if result == "date_range" else {}
            bad.append((i, result, params))
            result = None  # a bad date is not empty: the row is kept and the error stands
        elif result is None:
            empty[i] = True
        out.append(result)
    return Col(out, empty), bad


def _bounded_date_or_key(value: Cell, date1904: bool) -> object:
    """What a cell of a bounded date column holds: a day, a period (first, last), None
    when empty, or the message key saying why it is neither.

    A period is a month or a year as text ("mars 2014", "2014", "03/2014", "2014-03"), or
    a year typed as a number (2014: a spreadsheet stores what was typed as a number).
    Other numbers keep their meaning of Excel date serials.
    """
    kind = type(value)
    if kind is str:
        text = value.strip(BLANK_CHARS)  # type: ignore[attr-defined]
        if not text:
            return None
        day = _parse_date_text(text)
        if day is None:
            return parse_period(text) or "date_format_bounded"
        return "date_range" if not MIN_YEAR <= day.year <= MAX_YEAR else day
    if (kind is float or kind is int) and not _is_empty(value):
        number = float(value)  # type: ignore[arg-type]
        if number.is_integer() and MIN_YEAR <= number <= MAX_YEAR:
            return parse_period(str(int(number))) or "date_year_only"
    result = _date_or_key(value, date1904)
    return "date_format_bounded" if result == "date_format" else result


def _convert_bounded_dates(
    values: Sequence[Cell], date1904: bool
) -> tuple[Col, Bad, list[dt.date | None]]:
    """Convert a bounded date column: the first day of each cell, and of each period its
    last day (None for a day or an empty cell)."""
    if _kinds(values) <= _BY_VALUE:
        # Each distinct cell read once, the column mapped through the results in C.
        read = {v: _bounded_date_or_key(v, date1904) for v in set(values)}
        first = {v: r[0] if type(r) is tuple else None if type(r) is str else r
                 for v, r in read.items()}  # fmt: skip
        out = list(map(first.__getitem__, values))
        is_empty = {v: r is None for v, r in read.items()}
        empty = np.fromiter(map(is_empty.__getitem__, values), dtype=bool, count=len(values))
        ends: list[dt.date | None] = [None] * len(values)
        bad: Bad = []
        if any(type(r) is tuple or type(r) is str for r in read.values()):
            for i, v in enumerate(values):
                r = read[v]
                if type(r) is tuple:
                    ends[i] = r[1]
                elif type(r) is str:
                    bad.append((i, r, _date_params(r)))
        return Col(out, empty), bad, ends
    out = []
    ends = []
    bad = []
    empty = np.zeros(len(values), dtype=bool)
    # Keyed by type too: `True == 1` must not share a result with the number 1.
    cache: dict[tuple[type, object], object] = {}
    for i, v in enumerate(values):
        key = (type(v), v)
        result = cache.get(key, _UNSEEN)
        if result is _UNSEEN:
            result = cache[key] = _bounded_date_or_key(v, date1904)
        end = None
        if isinstance(result, tuple):
            result, end = result
        elif isinstance(result, str):
            bad.append((i, result, _date_params(result)))
            result = None  # a bad date is not empty: the row is kept and the error stands
        elif result is None:
            empty[i] = True
        out.append(result)
        ends.append(end)
    return Col(out, empty), bad, ends


def _date_params(key: str) -> dict[str, Any]:
    # Years as text: a number param would be written `1 900` in French.
    return {"min": str(MIN_YEAR), "max": str(MAX_YEAR)} if key == "date_range" else {}


@dataclass(frozen=True)
class _Invalid:
    """What a bad cell converts to: the key of the message saying why."""

    key: str


def _invalid(result: object) -> object:
    """A converter's result, its message key (a str) wrapped as `_Invalid`."""
    return _Invalid(result) if type(result) is str else result


def _mapped(
    values: Sequence[Cell], read: dict[object, object], params: Callable[[str], dict[str, Any]]
) -> tuple[Col, Bad]:
    """Map a column through `read`: distinct cell → value, None when empty, `_Invalid`
    when bad (the cell gives None, is not empty, and is reported)."""
    bad_keys = any(type(r) is _Invalid for r in read.values())
    value = {v: None if type(r) is _Invalid else r for v, r in read.items()} if bad_keys else read
    out = list(map(value.__getitem__, values))
    if None in value.values():
        is_empty = {v: r is None for v, r in read.items()}
        empty = np.fromiter(map(is_empty.__getitem__, values), dtype=bool, count=len(values))
    else:
        empty = np.zeros(len(values), dtype=bool)
    bad: Bad = []
    if bad_keys:
        for i, v in enumerate(values):
            result = read[v]
            if type(result) is _Invalid:
                bad.append((i, result.key, params(result.key)))
    return Col(out, empty), bad


def _number_or_key(v: Cell, key: str, integer: bool, percent: bool) -> object:
    """The number in one cell (None when empty), or `key` when it holds none."""
    kind = type(v)
    number: float | None
    if kind is float or kind is int:
        number = float(v)  # type: ignore[arg-type]
    elif kind is str and v.strip(BLANK_CHARS):  # type: ignore[attr-defined]
        number = _parse_number(v, percent)  # type: ignore[arg-type]
    elif kind is str or _is_empty(v):
        return None
    else:  # booleans, dates
        number = None
    if number is not None and not math.isfinite(number):  # NaN, infinity: never an amount
        return "number_not_finite"
    if number is None or (integer and not number.is_integer()):
        return key
    return int(number) if integer else number


def _no_params(_key: str) -> dict[str, Any]:
    return {}


def _convert_numbers(values: Sequence[Cell], *, integer: bool, percent: bool) -> tuple[Col, Bad]:
    if _kinds(values) <= _BY_VALUE:
        key = "integer" if integer else "number"
        read = {v: _invalid(_number_or_key(v, key, integer, percent)) for v in set(values)}
        return _mapped(values, read, _no_params)
    out: list[object] = []
    bad: Bad = []
    empty = np.zeros(len(values), dtype=bool)
    key = "integer" if integer else "number"
    cache: dict[str, float | None] = {}
    for i, v in enumerate(values):
        kind = type(v)
        number: float | None
        if kind is float or kind is int:
            number = float(v)  # type: ignore[arg-type]
        elif kind is str and v.strip(BLANK_CHARS):  # type: ignore[attr-defined]
            if v not in cache:
                cache[v] = _parse_number(v, percent)  # type: ignore[index, arg-type]
            number = cache[v]  # type: ignore[index]
        elif kind is str or _is_empty(v):
            out.append(None)
            empty[i] = True
            continue
        else:  # booleans, dates
            number = None
        if number is not None and not math.isfinite(number):  # NaN, infinity: refused
            bad.append((i, "number_not_finite", {}))
            out.append(None)
            continue
        if number is None or (integer and not number.is_integer()):
            bad.append((i, key, {}))
            out.append(None)
            continue
        out.append(int(number) if integer else number)
    return Col(out, empty), bad


def _parse_number(text: str, percent: bool) -> float | None:
    """Read `1500`, `1 500` (any space), `1500,50` or `1500.50`, and `50 %` for percentages.

    One decimal mark only: `1.500,50` is refused rather than guessed. NaN and infinity
    come back as such (the caller refuses them with their own message).
    """
    text = text.translate(_NUMBER_CHARS)
    if percent and text.endswith("%"):
        text = text[:-1]
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if "_" in text:  # float() reads `1_000`; a spreadsheet user never means it
        return None
    try:
        return float(text)  # `NaN`, `inf`, `Infinity`, `1e999` too: the caller refuses them
    except ValueError:
        return None


def _choice_lookup(col: Column) -> dict[str, str]:
    return {key: choice.code for choice in col.choices for key in choice.match_keys()}


def _convert_mapped(
    values: Sequence[Cell],
    find: Callable[[str], str | None],
    key: str,
    allowed: Localised,
) -> tuple[Col, Bad]:
    """Map each cell to its canonical value; the texts that match nothing are bad."""
    if _kinds(values) == {str}:
        read: dict[object, object] = {}
        for text in set(values):
            stripped = cell_text(text)
            found = find(stripped) if stripped else None
            read[text] = _Invalid(key) if stripped and found is None else found
        return _mapped(values, read, lambda _key: {"allowed": allowed})
    out: list[object] = []
    bad: Bad = []
    empty = np.zeros(len(values), dtype=bool)
    # Keyed by text, not by cell: `True` and `1` are equal keys of a dict.
    cache: dict[str, str | None] = {"": None}
    for i, v in enumerate(values):
        text = v if type(v) is str else cell_text(v)
        if text not in cache:
            stripped = cell_text(text)
            cache[text] = find(stripped) if stripped else None
            if stripped and cache[text] is None:
                cache[text] = _BAD
        found = cache[text]
        if found is _BAD:
            bad.append((i, key, {"allowed": allowed}))
            found = None
        elif found is None:
            empty[i] = True
        out.append(found)
    return Col(out, empty), bad


def _convert_choice(values: Sequence[Cell], col: Column) -> tuple[Col, Bad]:
    lookup = _choice_lookup(col)
    allowed = Localised(", ".join(c.fr for c in col.choices), ", ".join(c.en for c in col.choices))
    return _convert_mapped(
        values, lambda text: lookup.get(normalise_label(text)), "choice", allowed
    )


def _convert_status(values: Sequence[Cell], scale: StatusScale) -> tuple[Col, Bad]:
    def find(text: str) -> str | None:
        found = scale.find(text)
        return found.label if found else None

    ordered = scale.ordered()
    allowed = Localised(
        ", ".join(s.display("fr") for s in ordered), ", ".join(s.display("en") for s in ordered)
    )
    return _convert_mapped(values, find, "status", allowed)


def convert_column(
    col: Column, values: Sequence[Cell], *, date1904: bool, scale: StatusScale
) -> tuple[Col, Bad, list[dt.date | None] | None]:
    """Convert one column by its declared type.

    Returns the converted column, its bad cells, and for a bounded date column
    (`Column.latest`) the last day of each period typed in it (None otherwise).
    """
    if col.type == "date" and col.latest is not None:
        return _convert_bounded_dates(values, date1904)
    if col.type == "date":
        return (*_convert_dates(values, date1904), None)
    if col.type in ("integer", "number"):
        integer, percent = col.type == "integer", col.id == "progress_pct"
        return (*_convert_numbers(values, integer=integer, percent=percent), None)
    if col.type == "choice":
        return (*_convert_choice(values, col), None)
    if col.type == "status":
        return (*_convert_status(values, scale), None)
    return (*_convert_text_checked(values, col), None)
