"""The timeline charts, inspected on the figures they return."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from monitoring.analysis import timeline as tl
from monitoring.analysis.metrics import plan_timeline
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present.charts.base import NoChart
from monitoring.present.charts.timeline import KIND_STYLE, event_timeline, reply_rate_bars

D = dt.date
AS_OF = D(2021, 1, 1)


def event(event_id: str, date: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"event_id": event_id, "date": date, "kind": kind, "title": f"Titre {event_id}",
            **extra}  # fmt: skip


def build(*events: dict[str, Any]) -> Dataset:
    return dataset_from_records(
        {
            "plans": [
                {
                    "plan_id": "P1",
                    "title": "Plan 1",
                    "period_start": "2016-01-01",
                    "period_end": "2017-12-31",
                    "adopted_date": "2016-03-01",
                },
                {
                    "plan_id": "P2",
                    "title": "Plan 2",
                    "period_start": "2019-01-01",
                    "period_end": "2021-12-31",
                    "adopted_date": "2019-06-01",
                    "previous_plan_id": "P1",
                },
            ],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "axis": "A", "title": "M"}],
            "events": list(events),
        }
    )


SAMPLE = build(
    event("L1", "2018-01-10", "letter", sender="Collectif", recipient="Premier ministre"),
    event("R1", "2018-03-01", "reply", sender="Premier ministre", reply_to="L1"),
    event("L2", "2019-02-01", "letter", sender="Collectif", recipient="Justice"),
    event("M1", "2019-04-01", "meeting"),
    event("O1", "2020-05-01", "official_text"),
)


def figure(ds: Dataset = SAMPLE, lang: str = "fr", **kwargs: Any):
    events = tl.timeline_events(ds, AS_OF, **kwargs)
    return event_timeline(events, plan_timeline(ds), lang=lang)


def traces(fig) -> dict[str, Any]:
    return {trace.name: trace for trace in fig.data}


def test_each_kind_has_its_own_lane_legend_name_and_marker_symbol():
    fig = figure()
    by_name = traces(fig)

    assert list(fig.layout.yaxis.ticktext) == ["Lettre", "Réponse", "Réunion", "Texte officiel"]
    assert by_name["Réunion"].marker.symbol == KIND_STYLE["meeting"][1]
    assert by_name["Texte officiel"].marker.symbol == KIND_STYLE["official_text"][1]
    symbols = [s for _, s in KIND_STYLE.values()]
    assert len(set(symbols)) == len(symbols), "a symbol per kind, so kinds are not colour alone"


def test_a_letter_without_reply_is_hollow_and_named_in_the_legend():
    by_name = traces(figure())

    assert by_name["Lettre (réponse reçue)"].marker.symbol == "triangle-right"
    assert by_name["Lettre sans réponse"].marker.symbol == "triangle-right-open"
    assert list(by_name["Lettre sans réponse"].x) == [pd.Timestamp("2019-02-01")]


def test_an_arrow_joins_a_letter_to_its_reply():
    link = traces(figure())["Lettre → réponse"]

    assert list(link.x) == [pd.Timestamp("2018-01-10"), pd.Timestamp("2018-03-01"), None]
    assert link.marker.symbol == "arrow" and list(link.marker.size) == [0, 12, 0]


def test_no_arrow_when_the_reply_is_filtered_out():
    names = traces(figure(kinds=("letter", "meeting"))).keys()

    assert "Lettre → réponse" not in names
    assert "Réponse" not in names


def test_plans_are_shaded_and_labelled_with_their_id_and_adoption():
    fig = figure()
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    texts = [a.text for a in fig.layout.annotations]

    assert {(r.x0, r.x1) for r in rects} == {
        (pd.Timestamp("2016-01-01"), pd.Timestamp("2017-12-31")),
        (pd.Timestamp("2019-01-01"), pd.Timestamp("2021-12-31")),
        # the time without a plan: the end of P1 to the adoption of P2
        (pd.Timestamp("2017-12-31"), pd.Timestamp("2019-06-01")),
    }
    assert [line.x0 for line in lines] == [pd.Timestamp("2016-03-01"), pd.Timestamp("2019-06-01")]
    assert {"<b>P1</b>", "<b>P2</b>", "P1 adopté", "P2 adopté", "sans plan"} <= set(texts)


def test_hover_shows_date_title_sender_and_recipient_with_user_text_escaped():
    ds = build(
        event("L1", "2018-01-10", "letter", title="<b>Lettre</b> & suite", sender="Collectif",
              recipient="<script>x</script>"),
    )  # fmt: skip
    trace = figure(ds).data[0]
    date, title, sender, recipient, note = trace.customdata[0]

    assert (date, sender) == ("10 janvier 2018", "Collectif")
    assert title == "&lt;b&gt;Lettre&lt;/b&gt; &amp; suite"
    assert recipient == "&lt;script&gt;x&lt;/script&gt;"
    assert note.startswith("Sans réponse, en attente depuis ")
    assert "De :" in trace.hovertemplate and "À :" in trace.hovertemplate


def test_events_close_in_time_in_one_lane_do_not_sit_on_each_other():
    ds = build(*(event(f"E{i}", "2019-04-01", "meeting") for i in range(4)))

    meeting = figure(ds).data[0]

    assert len(set(meeting.y)) == 4


def test_axis_covers_the_chosen_period_and_labels_are_in_english_when_asked():
    events = tl.timeline_events(SAMPLE, AS_OF)

    fig = event_timeline(events, plan_timeline(SAMPLE), lang="en", start=D(2017, 1, 1),
                         end=D(2020, 12, 31))  # fmt: skip

    low, high = fig.layout.xaxis.range
    assert pd.Timestamp(low) < pd.Timestamp("2017-01-01") < pd.Timestamp("2020-12-31")
    assert pd.Timestamp(high) > pd.Timestamp("2020-12-31")
    assert "Letter without a reply" in traces(fig)
    assert fig.layout.title.text == "Advocacy timeline"


def rates() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "recipient": ["Premier ministre", None],
            "letters": [4, 1],
            "answered": [3, 0],
            "reply_rate": [0.75, 0.0],
            "median_reply_delay_days": [76.0, float("nan")],
        }
    )


def test_reply_rate_bars_show_the_rate_with_the_letters_behind_it_as_text():
    bar = reply_rate_bars(rates(), lang="fr").data[0]

    assert list(bar.x) == [0.75, 0.0]
    assert list(bar.y) == ["Premier ministre", "(destinataire non renseigné)"]
    assert list(bar.text) == [
        "75\u202f% · 3 réponses / 4 lettres",
        "0\u202f% · 0 réponse / 1 lettre",
    ]
    assert bar.customdata[0][1] == "Délai médian de réponse : 76 jours"


def test_reply_rate_axis_is_written_in_percent_the_way_each_language_does():
    french = reply_rate_bars(rates(), lang="fr").layout.xaxis
    english = reply_rate_bars(rates(), lang="en").layout.xaxis

    assert list(french.ticktext)[-1] == "100\u202f%"
    assert list(english.ticktext)[-1] == "100%"
    assert english.title.text == "Reply rate"


def test_long_addressee_names_are_wrapped_whole_on_the_axis_and_in_the_hover():
    long = "Eric Panloup, coordinateur national de la lutte contre la traite des êtres humains"
    frame = rates().assign(recipient=[long, "<i>x</i>"])

    bar = reply_rate_bars(frame, lang="fr").data[0]

    lines = bar.y[0].split("<br>")
    assert " ".join(lines) == long and len(lines) > 1
    assert bar.y[1] == "&lt;i&gt;x&lt;/i&gt;"
    assert bar.customdata[0][0].replace("<br>", " ") == long


def test_reply_counts_agree_in_number_in_each_language():
    frame = pd.DataFrame(
        {
            "recipient": ["A", "B", "C"],
            "letters": [2, 1, 12],
            "answered": [0, 1, 2],
            "reply_rate": [0.0, 1.0, 2 / 12],
            "median_reply_delay_days": [float("nan"), 3.0, 10.0],
        }
    )
    french = list(reply_rate_bars(frame, lang="fr").data[0].text)
    english = list(reply_rate_bars(frame, lang="en").data[0].text)
    assert [text.split(" · ")[1] for text in french] == [
        "0 réponse / 2 lettres",
        "1 réponse / 1 lettre",
        "2 réponses / 12 lettres",
    ]
    assert [text.split(" · ")[1] for text in english] == [
        "0 answered / 2 letters",
        "1 answered / 1 letter",
        "2 answered / 12 letters",
    ]


def bounded_events() -> pd.DataFrame:
    """The sample's events, the meeting known to the month, the text only between two dates."""
    events = tl.timeline_events(SAMPLE, AS_OF)
    latest = pd.Series(pd.NaT, index=events.index, dtype="datetime64[s]")
    latest[events["event_id"] == "M1"] = pd.Timestamp("2019-04-30")
    moved = events["event_id"] == "O1"
    events.loc[moved, "date"] = pd.Timestamp("2020-02-03")
    latest[moved] = pd.Timestamp("2020-03-31")
    return events.assign(date_latest=latest)


def test_an_event_known_only_between_two_dates_is_drawn_as_a_range():
    fig = event_timeline(bounded_events(), plan_timeline(SAMPLE), lang="fr")
    ranges = traces(fig)["Date imprécise (intervalle)"]
    assert ranges.mode == "lines"
    xs = [pd.Timestamp(x) if x is not None else None for x in ranges.x]
    assert xs == [
        pd.Timestamp("2019-04-01"), pd.Timestamp("2019-04-30"), None,
        pd.Timestamp("2020-02-03"), pd.Timestamp("2020-03-31"), None,
    ]  # fmt: skip
    assert ranges.y[0] == ranges.y[1] and ranges.y[3] == ranges.y[4]  # horizontal segments
    assert ranges.text[0] == "Date imprécise : avril 2019"
    assert ranges.text[3] == "Date imprécise : entre le 03/02/2020 et le 31/03/2020"


def test_the_hover_of_a_bounded_event_gives_its_bounds_never_an_invented_day():
    fig = event_timeline(bounded_events(), plan_timeline(SAMPLE), lang="en")
    official = traces(fig)["Official text"]
    assert official.customdata[0][0] == "Imprecise date: between 2020-02-03 and 2020-03-31"
    letters = traces(fig)["Letter (answered)"].customdata[0][0]
    assert "2018" in letters and "Imprecise" not in letters  # known to the day


def test_events_known_to_the_day_draw_no_range():
    assert "Date imprécise (intervalle)" not in traces(figure())


def test_nothing_to_draw_is_a_sentence_saying_what_to_add():
    events = tl.timeline_events(SAMPLE, AS_OF).iloc[0:0]
    drawn = event_timeline(events, plan_timeline(SAMPLE), lang="fr")
    assert isinstance(drawn, NoChart) and "« Chronologie »" in drawn.text("fr")
    no_rates = reply_rate_bars(rates().iloc[0:0], lang="en")
    assert isinstance(no_rates, NoChart) and "letter" in no_rates.text("en")


def test_a_plan_not_adopted_at_the_as_of_date_is_not_shaded_and_its_gap_is_open():
    day = D(2018, 6, 1)
    events = tl.timeline_events(SAMPLE, day)
    fig = event_timeline(events, plan_timeline(SAMPLE, day), lang="fr")
    rects = {(r.x0, r.x1) for r in fig.layout.shapes if r.type == "rect"}
    assert rects == {
        (pd.Timestamp("2016-01-01"), pd.Timestamp("2017-12-31")),
        (pd.Timestamp("2017-12-31"), pd.Timestamp("2018-06-01")),  # open up to the as-of date
    }
    texts = [a.text for a in fig.layout.annotations]
    assert "P2 adopté" not in texts and "<b>P2</b>" not in texts
