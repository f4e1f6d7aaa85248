"""The advocacy timeline: which events to draw, letters and their replies, over a period.

Everything here is computed from `monitoring.analysis.metrics.letters` and `reply_rates`, so a
letter is answered, and a reply delay counted, exactly as everywhere else: the first
event whose `reply_to` names the letter, known at the as-of date. An event is known once
its latest possible date (`date_latest`, else `date`) is on or before the as-of date: one
dated "March 2014" is not known on 10 March 2014. Events not known yet are never shown.
Events are ordered by earliest date, then latest date, then sheet row.

The period chosen on the page (`start`, `end`, both optional and inclusive) selects the
events drawn and the letters counted by the (earliest) date they were SENT; a reply
received after `end` (but by the as-of date) still counts, so a period does not make a
letter look unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitoring.analysis.method import first_link
from monitoring.analysis.metrics import known_events, letters, reply_rates
from monitoring.contract.dataset import DATE_DTYPE, Dataset

_DATES = np.dtype(DATE_DTYPE)  # pandas-stubs types `astype` on dtype objects, not strings

# Lanes of the timeline, top to bottom: letters next to replies, so links stay short.
LANE_ORDER: tuple[str, ...] = (
    "letter",
    "reply",
    "meeting",
    "report",
    "publication",
    "official_text",
    "other",
)


@dataclass(frozen=True)
class EventSpan:
    """What the timeline can show at an as-of date: its first and last dates, its kinds."""

    first: dt.date
    last: dt.date
    kinds: tuple[str, ...]  # kind codes present, in lane order


def _known(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return the events known at the as-of date, by date, latest date, then sheet row."""
    return known_events(ds, as_of)


def _in_period(dates: pd.Series, start: dt.date | None, end: dt.date | None) -> pd.Series:
    """True for dates within [start, end]; a missing bound does not restrict."""
    keep = pd.Series(True, index=dates.index)
    if start is not None:
        keep &= dates >= pd.Timestamp(start)
    if end is not None:
        keep &= dates <= pd.Timestamp(end)
    return keep


def _lookup(values: pd.Series, keys: pd.Series) -> pd.Series:
    """Return `values[key]` for each key (missing where absent), indexed like `keys`.

    `values` has a unique index (event ids are unique). Unlike `Series.map`, this keeps
    the values' dtype, even when `values` is empty.
    """
    return values.reindex(keys.to_numpy()).set_axis(keys.index)


def _links(sources: pd.Series) -> pd.Series:
    """The first http(s) URL of each source text, None where there is none."""
    found = [first_link(s) if isinstance(s, str) else None for s in sources]
    return pd.Series(found, index=sources.index, dtype=object)


def event_span(ds: Dataset, as_of: dt.date) -> EventSpan | None:
    """Return the dates and kinds of the events known at the as-of date.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        The span of the known events (first: the earliest date, last: the latest possible
        date), or None when no event is known at as_of.
    """
    known = _known(ds, as_of)
    if known.empty:
        return None
    present = set(known["kind"].dropna())
    return EventSpan(
        first=known["date"].min().date(),
        last=known["_latest"].max().date(),
        kinds=tuple(k for k in LANE_ORDER if k in present),
    )


def timeline_events(
    ds: Dataset,
    as_of: dt.date,
    kinds: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Return the events to draw, each with what it says about letters and replies.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for; later events are left out.
        kinds: kind codes to keep (None keeps every kind).
        start: first date shown (None: no limit).
        end: last date shown (None: no limit).

    Returns:
        One row per event, by date, latest date, then sheet row: event_id, date (earliest
        possible day), date_latest (latest possible day, NaT when known to the day), kind,
        title, sender, recipient, reply_to, plan_id, source, link (first http(s) URL of
        the source, or None), answered (for a letter: whether a reply is known at as_of;
        else NA), reply_date, reply_date_latest, reply_delay_days (Int64, exact delays
        only), reply_delay_min_days, reply_delay_max_days (Int64, the range when a date
        is imprecise; NA when the bounds overlap), waiting_days (Int64, letters
        unanswered: as_of − the letter's latest possible day, so at least that),
        answers_title (for an event that replies to another: that event's title).
    """
    known = _known(ds, as_of)
    shown = known[_in_period(known["date"], start, end)]
    if kinds is not None:
        shown = shown[shown["kind"].isin(list(kinds))]
    sent = letters(ds, as_of).set_index("event_id")
    titles = ds.events.set_index("event_id")["title"]
    ids = shown["event_id"]
    # Every letter shown is known at as_of, so it is in `sent`; other kinds map to NA.
    answered = _lookup(sent["answered"], ids).astype("boolean")
    unanswered = answered.eq(False).fillna(False).astype(bool)
    waiting = (pd.Timestamp(as_of) - shown["_latest"]).dt.days.astype("Int64")
    latest = shown["_latest"].where(shown["_latest"] != shown["date"])
    frame = pd.DataFrame(
        {
            "event_id": ids,
            "date": shown["date"],
            "date_latest": latest.astype(_DATES),
            "kind": shown["kind"],
            "title": shown["title"],
            "sender": shown["sender"],
            "recipient": shown["recipient"],
            "reply_to": shown["reply_to"],
            "plan_id": shown["plan_id"],
            "source": shown["source"],
            "link": _links(shown["source"]),
            "answered": answered,
            "reply_date": _lookup(sent["reply_date"], ids),
            "reply_date_latest": _lookup(sent["reply_date_latest"], ids),
            "reply_delay_days": _lookup(sent["reply_delay_days"], ids),
            "reply_delay_min_days": _lookup(sent["reply_delay_min_days"], ids),
            "reply_delay_max_days": _lookup(sent["reply_delay_max_days"], ids),
            "waiting_days": waiting.where(unanswered),
            "answers_title": _lookup(titles, shown["reply_to"]),
        }
    )
    return frame.reset_index(drop=True)


def _letters_sent_in(ds: Dataset, start: dt.date | None, end: dt.date | None) -> Dataset:
    """The dataset with only the letters sent within the period (other events all kept)."""
    events = ds.events
    is_letter = (events["kind"] == "letter").to_numpy(dtype=bool, na_value=False)
    keep = ~is_letter | _in_period(events["date"], start, end).to_numpy()
    tables = {**ds.tables, "events": events[keep]}
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=ds.name)


def reply_rates_between(
    ds: Dataset, as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> pd.DataFrame:
    """Return `metrics.reply_rates` for the letters sent within the period.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        start: first sending date counted (None: no limit).
        end: last sending date counted (None: no limit).

    Returns:
        As `metrics.reply_rates`: recipient, letters, answered, reply_rate,
        median_reply_delay_days; one row per recipient, most letters first.
    """
    return reply_rates(_letters_sent_in(ds, start, end), as_of)


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Return the reply rates as a table shows them, in no language.

    Args:
        rates: `reply_rates_between` output.

    Returns:
        recipient (missing for letters that name none), letters, answered, reply_pct
        (0–100), median_reply_delay_days (missing when no exact delay is known),
        delays_known (exact delays the median is over).
    """
    return pd.DataFrame(
        {
            "recipient": rates["recipient"],
            "letters": rates["letters"],
            "answered": rates["answered"],
            "reply_pct": rates["reply_rate"] * 100,
            "median_reply_delay_days": rates["median_reply_delay_days"],
            "delays_known": rates["delays_known"],
        }
    )


def unanswered_letters(
    ds: Dataset, as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> pd.DataFrame:
    """Return the letters sent within the period that have no reply at the as-of date.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.
        start: first sending date counted (None: no limit).
        end: last sending date counted (None: no limit).

    Returns:
        One row per unanswered letter, oldest (longest waiting) first: event_id, date,
        date_latest (NaT when known to the day), recipient, title, waiting_days (as_of −
        the letter's latest possible day, Int64: at least that), source, link.
    """
    sent = letters(_letters_sent_in(ds, start, end), as_of)
    waiting = sent[~sent["answered"]]
    source = _lookup(ds.events.set_index("event_id")["source"], waiting["event_id"])
    latest = waiting["date_latest"].fillna(waiting["date"])
    return pd.DataFrame(
        {
            "event_id": waiting["event_id"],
            "date": waiting["date"],
            "date_latest": waiting["date_latest"],
            "recipient": waiting["recipient"],
            "title": waiting["title"],
            "waiting_days": (pd.Timestamp(as_of) - latest).dt.days.astype("Int64"),
            "source": source,
            "link": _links(source),
        }
    ).reset_index(drop=True)
