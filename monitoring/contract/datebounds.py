"""Dates known only as a period: a month, a year, or between two dates.

A bounded date column of the contract (`Column.latest` names its companion) holds the
earliest possible day; the companion holds the latest, and is empty when the date is
known to the day. "mars 2014" is stored as (2014-03-01, 2014-03-31), "2014" as
(2014-01-01, 2014-12-31): no day is ever invented, and the pair round-trips through any
export. This module reads period texts, tells a pair's precision, and gives the latest
bound of a column for the as-of rule ("known at a date" = its latest bound has passed).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

import numpy as np
import pandas as pd

from monitoring.contract.schema import normalise_label

Precision = Literal["day", "month", "year", "range"]

_NAMES_FR = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip
_NAMES_EN = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Accent- and case-free month names (French, English, and common abbreviations) → 1..12.
_MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(_NAMES_FR, 1)},
    **{name: i for i, name in enumerate(_NAMES_EN, 1)},
    **{name[:3]: i for i, name in enumerate(_NAMES_EN, 1)},
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_NAME_YEAR = re.compile(r"^([a-z]+)\.? (?:de )?(\d{4})$")
_MONTH_NUMBER_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_FIRST_YEAR, _LAST_YEAR = 1900, 2100


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """Return the (earliest, latest) days a month or year text designates, else None.

    Accepted: "2014"; "mars 2014", "March 2014", "oct. 2013", "mars de 2014" (French or
    English names, any case or accents); "03/2014", "3.2014", "2014-03". A full date is
    not a period: it returns None (the ordinary date parser reads it).
    """
    key = normalise_label(text)
    if match := _YEAR.match(key):
        only = int(match.group(1))
        if _FIRST_YEAR <= only <= _LAST_YEAR:
            return dt.date(only, 1, 1), dt.date(only, 12, 31)
        return None
    month: int | None = None
    year: int | None = None
    if match := _MONTH_NAME_YEAR.match(key):
        month, year = _MONTHS.get(match.group(1)), int(match.group(2))
    elif match := _MONTH_NUMBER_YEAR.match(key):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := _YEAR_MONTH.match(key):
        year, month = int(match.group(1)), int(match.group(2))
    if month is None or year is None or not 1 <= month <= 12:
        return None
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    return month_bounds(year, month)


def _as_date(value: object) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    raise TypeError(f"not a date: {value!r}")


def precision(earliest: object, latest: object) -> Precision | None:
    """How precisely a (earliest, latest) pair is known; None when earliest is missing.

    "day" when latest is empty or equal; "month" for the first and last day of one
    month; "year" for 1 January and 31 December of one year; else "range".
    """
    first, last = _as_date(earliest), _as_date(latest)
    if first is None:
        return None
    if last is None or last == first:
        return "day"
    if first.day == 1 and last == month_bounds(first.year, first.month)[1]:
        return "month"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and (
        first.year == last.year
    ):
        return "year"
    return "range"


def bounds(earliest: object, latest: object) -> tuple[dt.date | None, dt.date | None]:
    """Return (earliest, latest) as dates; latest = earliest when known to the day."""
    first, last = _as_date(earliest), _as_date(latest)
    return first, (last if last is not None else first)


def falls_within(day: object, earliest: object, latest: object) -> bool:
    """Whether `day` lies inside the period of a date known only between two bounds.

    False when the date is known to the day (no `latest`), or when a value is missing:
    only a real period leaves it open whether `day` came before or after the date.
    """
    moment, (first, last) = _as_date(day), bounds(earliest, latest)
    if moment is None or first is None or last is None or last == first:
        return False
    return first <= moment <= last


def latest_of(frame: pd.DataFrame, column: str, latest_column: str) -> np.ndarray:
    """The latest possible day of each row (`datetime64[s]`): the companion, else the date.

    A frame without the companion column (an older dataset) gives the date itself.
    """
    dates = frame[column].to_numpy(dtype="datetime64[s]")
    if latest_column not in frame.columns:
        return dates
    latest = frame[latest_column].to_numpy(dtype="datetime64[s]")
    return np.where(np.isnat(latest), dates, latest)
