"""Letters, their replies and reply rates, at an as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from monitoring.analysis.metrics.base import _date_array, _day, _days_between, _exact_or_nat, _int64
from monitoring.contract.dataset import Dataset
from monitoring.contract.datebounds import latest_of

# --- Letters and replies --------------------------------------------------------------


def known_events(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return the events known at the as-of date, in date order, with their latest bound.

    An event is known once its LATEST possible date is on or before the as-of date (a
    letter of "March 2014" is not known on 10 March 2014). Order: earliest date, then
    latest date, then sheet row.

    Returns:
        The Events rows known, index reset, plus `_latest` (the latest possible date,
        filled with the date when known to the day).
    """
    events = ds.events
    latest = latest_of(events, "date", "date_latest")
    known = events[latest <= _day(as_of)].assign(_latest=latest[latest <= _day(as_of)])
    return known.sort_values(["date", "_latest", "_row"], kind="stable").reset_index(drop=True)


def _reply_delays(
    sent: np.ndarray, sent_last: np.ndarray, reply: np.ndarray, reply_last: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(exact, min, max) days from letters [a1, a2] to replies [r1, r2] (NaN: unknown).

    Both known to the day: exact, min = max = exact. Else, when the reply's earliest day
    is on or after the letter's latest: the range (r1 − a2, r2 − a1). Else (the bounds
    overlap): unknown. No day is invented.
    """
    exact = (sent == sent_last) & (reply == reply_last)
    days = _days_between(reply, sent)
    ordered = reply >= sent_last  # NaT compares False
    low = np.where(exact, days, np.where(ordered, _days_between(reply, sent_last), np.nan))
    high = np.where(exact, days, np.where(ordered, _days_between(reply_last, sent), np.nan))
    return np.where(exact, days, np.nan), low, high


def letters(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return every letter known at the as-of date, with its reply if any.

    Known, for a letter and for its reply: its latest possible date is on or before the
    as-of date (`known_events`). The reply to a letter is the first known event (by date,
    then latest date, then sheet row), of any kind, whose `reply_to` names it: a reply
    received later does not count yet. A letter without one is unanswered.

    Reply delay between a letter known between [a1, a2] and its reply [r1, r2]: exact days
    when both are known to the day (`reply_delay_days`, min = max = it); when the reply's
    earliest day is on or after the letter's latest, a range (r1 − a2, r2 − a1) in
    `reply_delay_min_days` / `reply_delay_max_days`, `reply_delay_days` empty; when the
    bounds overlap, all three are empty (unknown). No day is invented.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per letter, by date, latest date, then sheet row: event_id, date,
        date_latest (NaT when known to the day), title, sender, recipient, plan_id,
        reply_id, reply_date (NaT if none), reply_date_latest, reply_delay_days (Int64,
        exact only), reply_delay_min_days, reply_delay_max_days (Int64), answered (bool).
    """
    known = known_events(ds, as_of)
    sent = known[(known["kind"] == "letter").to_numpy(dtype=bool, na_value=False)]
    replies = (
        known[known["reply_to"].notna()]
        .drop_duplicates("reply_to", keep="first")
        .rename(columns={"event_id": "reply_id", "date": "reply_date", "_latest": "_reply_latest"})
    )[["reply_to", "reply_id", "reply_date", "_reply_latest"]]
    out = sent.merge(
        replies, left_on="event_id", right_on="reply_to", how="left", validate="one_to_one"
    ).reset_index(drop=True)
    date, date_last = _date_array(out["date"]), _date_array(out["_latest"])
    reply_date, reply_last = _date_array(out["reply_date"]), _date_array(out["_reply_latest"])
    exact, low, high = _reply_delays(date, date_last, reply_date, reply_last)
    return pd.DataFrame(
        {
            "event_id": out["event_id"],
            "date": date,
            "date_latest": _exact_or_nat(date, date_last),
            "title": out["title"],
            "sender": out["sender"],
            "recipient": out["recipient"],
            "plan_id": out["plan_id"],
            "reply_id": out["reply_id"],
            "reply_date": reply_date,
            "reply_date_latest": _exact_or_nat(reply_date, reply_last),
            "reply_delay_days": _int64(exact),
            "reply_delay_min_days": _int64(low),
            "reply_delay_max_days": _int64(high),
            "answered": ~np.isnat(reply_date),
        }
    )


def reply_rates(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    """Return, per recipient, how many letters were sent and how many were answered.

    Letters and replies as in `letters` (only those known at the as-of date). The median
    reply delay is taken over the EXACT delays only (both dates known to the day);
    `delays_known` says over how many. Decision: letters without a recipient form their
    own row (recipient empty).

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        One row per recipient, most letters first, then by name: recipient, letters (int),
        answered (int), reply_rate (float 0–1), median_reply_delay_days (float, NaN when
        no exact delay is known), delays_known (int: exact delays the median is over).
    """
    sent = letters(ds, as_of)
    grouped = sent.groupby("recipient", dropna=False, sort=False)
    out = (
        pd.DataFrame(
            {
                "letters": grouped.size(),
                "answered": grouped["answered"].sum().astype("int64"),
                "median_reply_delay_days": grouped["reply_delay_days"].median().astype("float64"),
                "delays_known": grouped["reply_delay_days"].count().astype("int64"),
            }
        )
        .rename_axis("recipient")
        .reset_index()
    )
    out.insert(3, "reply_rate", out["answered"] / out["letters"])
    return out.sort_values(
        ["letters", "recipient"], ascending=[False, True], kind="stable", na_position="last"
    ).reset_index(drop=True)


def letters_answered(
    ds: Dataset, dates: Sequence[dt.date]
) -> dict[dt.date, dict[str | None, tuple[int, int]]]:
    """The letters known at several as-of dates and how many of them are answered, per
    plan (None: letters that name no plan).

    The same counts as `letters(ds, day)` grouped by plan: a letter is known when its
    latest possible date is on or before the day, and answered when an event naming it
    in `reply_to` is known then (the earliest latest-possible date of its replies).

    Returns:
        {day: {plan_id or None: (answered, letters)}}, only plans with a letter known.
    """
    events = ds.events
    latest = latest_of(events, "date", "date_latest")
    is_letter = (events["kind"] == "letter").to_numpy(dtype=bool, na_value=False)
    replies = events["reply_to"].notna().to_numpy(dtype=bool)
    first_reply = (
        pd.Series(latest[replies], index=events["reply_to"][replies].astype(str).to_numpy())
        .groupby(level=0)
        .min()
    )
    ids = events["event_id"][is_letter].astype(str).to_numpy()
    reply_latest = first_reply.reindex(ids).to_numpy(dtype="datetime64[s]")
    sent_latest = latest[is_letter]
    plans = events["plan_id"][is_letter].astype(object).to_numpy()
    out: dict[dt.date, dict[str | None, tuple[int, int]]] = {}
    for day in dates:
        known = sent_latest <= _day(day)
        answered = (reply_latest <= _day(day))[known]
        per_plan: dict[str | None, list[int]] = {}
        for plan, yes in zip(plans[known], answered, strict=True):
            key = None if pd.isna(plan) else str(plan)
            tally = per_plan.setdefault(key, [0, 0])
            tally[0] += int(yes)
            tally[1] += 1
        out[day] = {plan: (a, n) for plan, (a, n) in per_plan.items()}
    return out
