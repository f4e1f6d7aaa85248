"""The timeline's domain helpers: events known at a date, letters over a period, notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from monitoring.analysis import timeline as tl
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import timeline_text

D = dt.date
AS_OF = D(2020, 1, 1)


def event(event_id: str, date: str, kind: str = "meeting", **extra: Any) -> dict[str, Any]:
    return {"event_id": event_id, "date": date, "kind": kind, "title": f"Événement {event_id}",
            **extra}  # fmt: skip


def letter(event_id: str, date: str, recipient: str | None = "Premier ministre", **extra: Any):
    return event(event_id, date, "letter", sender="Collectif", recipient=recipient, **extra)


def reply(event_id: str, date: str, reply_to: str, kind: str = "reply") -> dict[str, Any]:
    return event(event_id, date, kind, sender="Premier ministre", reply_to=reply_to)


def build(*events: dict[str, Any]) -> Dataset:
    return dataset_from_records(
        {
            "plans": [
                {
                    "plan_id": "P1",
                    "title": "Plan 1",
                    "period_start": "2019-01-01",
                    "period_end": "2021-12-31",
                }
            ],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "axis": "A", "title": "M"}],
            "events": list(events),
        }
    )


def test_events_dated_after_the_as_of_date_are_not_shown_and_their_reply_does_not_count():
    ds = build(letter("L1", "2019-03-01"), reply("R1", "2020-02-01", "L1"))

    events = tl.timeline_events(ds, AS_OF)

    assert events["event_id"].tolist() == ["L1"]
    assert pd.notna(events.loc[0, "answered"]) and not events.loc[0, "answered"]
    assert events.loc[0, "waiting_days"] == (AS_OF - D(2019, 3, 1)).days
    assert pd.isna(events.loc[0, "reply_delay_days"])


def test_an_answered_letter_carries_its_reply_date_and_delay_and_the_reply_its_title():
    ds = build(letter("L1", "2019-03-01"), reply("R1", "2019-03-21", "L1"))

    events = tl.timeline_events(ds, AS_OF).set_index("event_id")

    assert bool(events.loc["L1", "answered"])
    assert events.loc["L1", "reply_date"] == pd.Timestamp("2019-03-21")
    assert events.loc["L1", "reply_delay_days"] == 20
    assert pd.isna(events.loc["L1", "waiting_days"])
    assert pd.isna(events.loc["R1", "answered"])
    assert events.loc["R1", "answers_title"] == "Événement L1"


def test_kind_and_period_select_the_events_shown():
    ds = build(
        event("E1", "2018-05-01", "meeting"),
        event("E2", "2019-05-01", "meeting"),
        event("E3", "2019-06-01", "report"),
        letter("L1", "2019-07-01"),
    )

    meetings = tl.timeline_events(ds, AS_OF, kinds=("meeting", "letter"), start=D(2019, 1, 1))
    nothing = tl.timeline_events(ds, AS_OF, kinds=())

    assert meetings["event_id"].tolist() == ["E2", "L1"]
    assert nothing.empty


def test_the_period_bounds_are_inclusive():
    ds = build(event("E1", "2019-05-01"), event("E2", "2019-06-01"), event("E3", "2019-07-01"))

    shown = tl.timeline_events(ds, AS_OF, start=D(2019, 5, 1), end=D(2019, 6, 1))

    assert shown["event_id"].tolist() == ["E1", "E2"]


def test_event_span_gives_first_and_last_known_dates_and_kinds_in_lane_order():
    ds = build(
        event("E1", "2018-05-01", "official_text"),
        letter("L1", "2019-07-01"),
        event("E2", "2021-01-01", "report"),  # after the as-of date
    )

    span = tl.event_span(ds, AS_OF)

    assert span == tl.EventSpan(D(2018, 5, 1), D(2019, 7, 1), ("letter", "official_text"))


def test_event_span_is_none_when_no_event_is_known_at_the_as_of_date():
    assert tl.event_span(build(event("E1", "2021-01-01")), AS_OF) is None
    assert tl.event_span(build(), AS_OF) is None


def test_period_counts_letters_by_sending_date_and_keeps_a_reply_received_after_it():
    ds = build(
        letter("L0", "2018-01-10"),  # sent before the period: not counted
        letter("L1", "2019-11-20"),
        reply("R1", "2019-12-20", "L1"),  # after the period's end, before the as-of date
        letter("L2", "2019-11-25"),
    )

    rates = tl.reply_rates_between(ds, AS_OF, D(2019, 1, 1), D(2019, 11, 30))
    waiting = tl.unanswered_letters(ds, AS_OF, D(2019, 1, 1), D(2019, 11, 30))

    assert rates.to_dict("records") == [
        {"recipient": "Premier ministre", "letters": 2, "answered": 1, "reply_rate": 0.5,
         "median_reply_delay_days": 30.0, "delays_known": 1},
    ]  # fmt: skip
    assert waiting["event_id"].tolist() == ["L2"]


def test_without_a_period_every_letter_counts_as_in_metrics():
    ds = build(letter("L0", "2018-01-10"), letter("L1", "2019-11-20", "Justice"))

    rates = tl.reply_rates_between(ds, AS_OF)

    assert rates["letters"].sum() == 2


def test_unanswered_letters_come_oldest_first_with_days_waiting_source_and_link():
    ds = build(
        letter("L2", "2019-06-01", "Justice", source="[S2] https://example.org/b ; note"),
        letter("L1", "2019-02-01", "Intérieur", source="Compte rendu (papier)"),
        letter("L3", "2019-07-01", "Justice"),
        reply("R3", "2019-08-01", "L3"),
    )

    waiting = tl.unanswered_letters(ds, AS_OF)

    assert waiting["event_id"].tolist() == ["L1", "L2"]
    assert waiting["waiting_days"].tolist() == [(AS_OF - D(2019, 2, 1)).days, 214]
    assert waiting["recipient"].tolist() == ["Intérieur", "Justice"]
    assert waiting["link"].tolist() == [None, "https://example.org/b"]
    assert waiting["source"].iloc[0] == "Compte rendu (papier)"


def test_reply_notes_say_when_a_letter_was_answered_how_long_one_waits_and_what_a_reply_answers():
    ds = build(
        letter("L1", "2019-03-01"),
        reply("R1", "2019-03-21", "L1"),
        letter("L2", "2019-12-01"),
        event("E1", "2019-12-02"),
    )
    events = tl.timeline_events(ds, AS_OF)

    french = timeline_text.reply_notes(events, "fr")
    english = timeline_text.reply_notes(events, "en")

    assert french == [
        "Réponse le 21/03/2019, après 20 jours",
        "En réponse à : Événement L1",
        "Sans réponse, en attente depuis 31 jours",
        "",
    ]
    assert english[0] == "Answered on 2019-03-21, after 20 days"


def test_tables_for_display_write_blanks_as_dashes_and_kinds_in_words():
    ds = build(
        letter("L1", "2019-03-01", recipient=None), event("E1", "2019-04-01", "official_text")
    )

    table = timeline_text.events_for_display(tl.timeline_events(ds, AS_OF), "fr")

    assert table["kind"].tolist() == ["Lettre", "Texte officiel"]
    assert table["recipient"].tolist() == ["—", "—"]
    assert table["link"].tolist() == ["", ""]


def test_rates_for_display_names_letters_without_addressee_and_gives_percent():
    ds = build(letter("L1", "2019-03-01", None), letter("L2", "2019-03-02", None),
               reply("R1", "2019-03-12", "L1"), letter("L3", "2019-03-03", "Justice"))  # fmt: skip

    table = timeline_text.rates_for_display(tl.reply_rates_between(ds, AS_OF), "fr")

    assert table.to_dict("records") == [
        {"recipient": "(destinataire non renseigné)", "letters": 2, "answered": 1,
         "reply_pct": 50.0, "median_reply_delay_days": "11", "delays_known": 1},
        {"recipient": "Justice", "letters": 1, "answered": 0, "reply_pct": 0.0,
         "median_reply_delay_days": "—", "delays_known": 0},
    ]  # fmt: skip
    # The same table in no language: the page words it through its column specs.
    raw = tl.rates_table(tl.reply_rates_between(ds, AS_OF))
    assert pd.isna(raw["recipient"].iloc[0]) and raw["recipient"].iloc[1] == "Justice"
    assert raw["median_reply_delay_days"].iloc[0] == 11
    assert pd.isna(raw["median_reply_delay_days"].iloc[1])


# --- Imprecise dates ------------------------------------------------------------------------


def test_an_event_known_to_the_month_is_shown_once_the_month_is_over_with_both_bounds():
    ds = build(event("E1", "2019-11-01", date_latest="2019-11-30"), event("E2", "2019-11-10"))

    during = tl.timeline_events(ds, D(2019, 11, 20))
    after = tl.timeline_events(ds, D(2019, 11, 30))

    assert during["event_id"].tolist() == ["E2"]
    assert after["event_id"].tolist() == ["E1", "E2"]  # by earliest date
    assert after["date_latest"].tolist()[0] == pd.Timestamp("2019-11-30")
    assert pd.isna(after["date_latest"].tolist()[1])  # known to the day


def test_events_on_the_same_earliest_day_are_ordered_by_their_latest_day_then_row():
    ds = build(
        event("YEAR", "2019-01-01", date_latest="2019-12-31"),
        event("MONTH", "2019-01-01", date_latest="2019-01-31"),
        event("DAY", "2019-01-01"),
    )

    assert tl.timeline_events(ds, AS_OF)["event_id"].tolist() == ["DAY", "MONTH", "YEAR"]


def test_event_span_runs_to_the_latest_known_bound():
    ds = build(event("E1", "2019-02-03", date_latest="2019-03-31"))

    span = tl.event_span(ds, AS_OF)

    assert (span.first, span.last) == (D(2019, 2, 3), D(2019, 3, 31))
    assert tl.event_span(ds, D(2019, 3, 1)) is None


def test_reply_notes_give_a_range_or_an_unknown_delay_between_imprecise_dates():
    ds = build(
        letter("RANGE", "2014-02-03", date_latest="2014-03-31"),
        {**reply("R1", "2014-04-02", "RANGE"), "date_latest": "2014-05-13"},
        letter("OVERLAP", "2014-02-03", date_latest="2014-03-31"),
        {**reply("R2", "2014-02-03", "OVERLAP"), "date_latest": "2014-03-31"},
        letter("WAITING", "2019-11-01", date_latest="2019-11-30"),
    )

    events = tl.timeline_events(ds, AS_OF, kinds=["letter"])
    notes = dict(zip(events["event_id"], timeline_text.reply_notes(events, "fr"), strict=True))
    english = dict(zip(events["event_id"], timeline_text.reply_notes(events, "en"), strict=True))

    assert notes["RANGE"] == "Réponse : entre le 02/04/2014 et le 13/05/2014, après 2 à 99 jours"
    assert notes["OVERLAP"] == (
        "Réponse : entre le 03/02/2014 et le 31/03/2014 ; délai inconnu (les dates imprécises "
        "se chevauchent)"
    )
    assert notes["WAITING"] == "Sans réponse, en attente depuis au moins 32 jours"
    assert english["RANGE"] == "Answered: between 2014-04-02 and 2014-05-13, after 2 to 99 days"


def test_events_for_display_write_an_imprecise_date_as_a_month_or_a_range():
    ds = build(
        event("MONTH", "2014-03-01", date_latest="2014-03-31"),
        event("RANGE", "2014-02-03", date_latest="2014-03-31"),
        event("DAY", "2014-05-14"),
    )

    table = timeline_text.events_for_display(tl.timeline_events(ds, AS_OF), "fr")

    assert table["when"].tolist() == [
        "entre le 03/02/2014 et le 31/03/2014", "mars 2014", "14/05/2014",
    ]  # fmt: skip


def test_unanswered_letter_of_imprecise_date_waits_at_least_since_its_latest_day():
    ds = build(letter("L1", "2019-11-01", date_latest="2019-11-30"))

    waiting = tl.unanswered_letters(ds, AS_OF)

    assert waiting["waiting_days"].tolist() == [32]
    assert waiting["date_latest"].tolist() == [pd.Timestamp("2019-11-30")]


def test_reply_rates_between_say_how_many_exact_delays_the_median_is_over():
    ds = build(
        letter("L1", "2019-03-01"),
        reply("R1", "2019-03-11", "L1"),
        letter("L2", "2019-03-01", date_latest="2019-03-31"),
        reply("R2", "2019-05-01", "L2"),
    )

    rates = tl.reply_rates_between(ds, AS_OF).iloc[0]

    assert (rates["answered"], rates["delays_known"], rates["median_reply_delay_days"]) == (
        2, 1, 10.0,
    )  # fmt: skip
