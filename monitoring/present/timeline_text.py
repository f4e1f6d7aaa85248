"""The advocacy timeline in words: event kinds, what a letter says about its reply, the
reply rates ready for a table. `monitoring.analysis.timeline` computes them in no
language (codes, dates, numbers); this module writes them in the reader's language.
"""

from __future__ import annotations

import pandas as pd

from monitoring.analysis.method import readable
from monitoring.analysis.timeline import rates_table
from monitoring.contract.schema import Lang
from monitoring.text.i18n import (
    format_date_bounds,
    format_date_bounds_column,
    format_days,
    format_number,
    t,
)


def recipient_names(recipients: pd.Series, lang: Lang) -> pd.Series:
    """The recipients, a label in `lang` for letters that name none."""
    return recipients.fillna(t("timeline.unnamed_recipient", lang))


def delay_texts(days: pd.Series, lang: Lang) -> pd.Series:
    """Numbers of days written the way `lang` writes numbers, "—" when unknown."""
    return pd.Series([format_number(d, lang) for d in days], index=days.index, dtype=object)


def rates_for_display(rates: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return the reply rates ready for a table (`timeline.rates_table`) in `lang`.

    Args:
        rates: `reply_rates_between` output.
        lang: the language of the texts.

    Returns:
        recipient (a label for letters without one), letters, answered, reply_pct
        (0–100), median_reply_delay_days (text written the way `lang` writes numbers,
        "—" when no exact delay is known), delays_known (exact delays the median is over).
    """
    table = rates_table(rates)
    return table.assign(
        recipient=recipient_names(table["recipient"], lang),
        median_reply_delay_days=delay_texts(table["median_reply_delay_days"], lang),
    )


def _letter_note(row: pd.Series, lang: Lang) -> str:
    """What a letter of `timeline_events` says about its reply (or its wait)."""
    if not row["answered"]:
        bounded = pd.notna(row["date_latest"])
        key = "timeline.note.waiting_at_least" if bounded else "timeline.note.waiting"
        return t(key, lang, days=format_days(int(row["waiting_days"]), lang))
    if pd.notna(row["reply_delay_days"]):
        return t(
            "timeline.note.answered", lang, date=row["reply_date"].date(),
            days=format_days(int(row["reply_delay_days"]), lang),
        )  # fmt: skip
    when = format_date_bounds(row["reply_date"], row["reply_date_latest"], lang)
    if pd.notna(row["reply_delay_min_days"]):
        high = format_days(int(row["reply_delay_max_days"]), lang)
        low = int(row["reply_delay_min_days"])
        return t("timeline.note.answered_range", lang, when=when, low=low, high=high)
    return t("timeline.note.answered_unknown_delay", lang, when=when)


def reply_notes(events: pd.DataFrame, lang: Lang) -> list[str]:
    """Return, per event of `timeline_events`, what it says about replies ("" if nothing).

    A letter: when it was answered and after how many days (a range of days, or an
    unknown delay, when a date is imprecise), or how long it has waited (at least, when
    its date is imprecise); an event that replies to another: the title of the event it
    answers.
    """
    notes = []
    for _, row in events.iterrows():  # the events of one timeline: a few hundred at most
        if pd.isna(row["answered"]):
            answers = row["answers_title"]
            notes.append(
                t("timeline.note.answers", lang, title=answers) if pd.notna(answers) else ""
            )
        else:
            notes.append(_letter_note(row, lang))
    return notes


def events_for_display(events: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return the events of `timeline_events` ready for a table, kinds in words.

    Returns:
        date, when (the date as text: "14/05/2014", "mars 2014", "entre le … et le …"),
        kind (label), title, sender, recipient, note (`reply_notes`), plan_id, source,
        link; empty texts read "—", empty links are blank (`method.readable`).
    """
    table = pd.DataFrame(
        {
            "date": events["date"],
            "when": format_date_bounds_column(events["date"], events["date_latest"], lang),
            "kind": [t(f"timeline.kind.{code}", lang) for code in events["kind"]],
            "title": events["title"],
            "sender": events["sender"],
            "recipient": events["recipient"],
            "note": reply_notes(events, lang),
            "plan_id": events["plan_id"],
            "source": events["source"],
            "link": events["link"],
        }
    )
    return readable(table)
