"""Properties of the derived figures that hold whatever the assessments and the as-of date."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.analysis import delays, metrics, timeline
from monitoring.analysis.measure_detail import measure_detail
from monitoring.cli import summary_document
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.contract.datebounds import bounds, month_bounds, precision
from monitoring.contract.schema import DEFAULT_SCALE, VOICES
from monitoring.present import measure_text, plan_text
from monitoring.present.charts.delays import measure_timeline
from monitoring.text.i18n import format_date, format_date_bounds

pytestmark = pytest.mark.scale

DAY0 = dt.date(2019, 1, 1)
LABELS = [s.label for s in DEFAULT_SCALE]
VOICE_CODES = [v.code for v in VOICES]
PLAN_IDS = ["P1", "P2", "EMPTY"]

days = st.integers(min_value=0, max_value=6 * 365).map(lambda n: DAY0 + dt.timedelta(days=n))


def worded_detail(ds, measure_id, as_of, voice, lang):
    """`measure_detail` as the detail view shows it in `lang` (None: no such measure)."""
    found = measure_detail(ds, measure_id, as_of, voice)
    return None if found is None else measure_text.worded(found, ds.scale, lang)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    n_measures = draw(st.integers(min_value=0, max_value=8))
    measures = [
        {
            "measure_id": f"M{i}",
            "plan_id": draw(st.sampled_from(PLAN_IDS[:2])),
            "number": i,
            "axis": "A",
            "title": f"M{i}",
            "due_date": draw(st.none() | days),
        }
        for i in range(n_measures)
    ]
    updates = []
    if n_measures:
        for _ in range(draw(st.integers(min_value=0, max_value=20))):
            updates.append(
                {
                    "measure_id": f"M{draw(st.integers(0, n_measures - 1))}",
                    "as_of": draw(days),
                    "status": draw(st.sampled_from(LABELS)),
                    "voice": draw(st.sampled_from(VOICE_CODES)),
                    "completed_on": draw(st.none() | days),
                    "revised_due_date": draw(st.none() | days),
                }
            )
    plans = [
        {"plan_id": p, "title": p, "period_start": f"20{14 + 5 * i}-01-01",
         "period_end": f"20{16 + 5 * i}-12-31"}
        for i, p in enumerate(PLAN_IDS)
    ]  # fmt: skip
    return dataset_from_records({"plans": plans, "measures": measures, "status_updates": updates})


def expected_status(ds: Dataset, measure_id: str, as_of: dt.date, voice: str) -> str:
    """The contract's definition, written the slow and obvious way."""
    best: tuple[object, int, str] | None = None
    for update in ds.status_updates.to_dict("records"):
        in_voice = voice == metrics.VOICE_ALL or update["voice"] == voice
        if update["measure_id"] == measure_id and in_voice and update["as_of"].date() <= as_of:
            key = (update["as_of"], update["_row"], update["status"])
            best = key if best is None or key[:2] > best[:2] else best
    return best[2] if best else "Non évaluée"


voices = st.sampled_from([metrics.VOICE_ALL, *VOICE_CODES])


@settings(max_examples=60, deadline=None)
@given(ds=datasets(), as_of=days, voice=voices)
def test_status_counts_always_sum_to_the_measure_count(ds, as_of, voice):
    summaries = metrics.plan_summaries(ds, as_of, voice)

    table = metrics.measure_table(ds, as_of, voice)

    assert [s["plan_id"] for s in summaries] == PLAN_IDS
    for summary in summaries:
        if summary["adopted"]:
            assert sum(summary["status_counts"].values()) == summary["measures"]
        else:  # a plan not adopted at the as-of date has no measures to count yet
            assert summary["measures"] is None and summary["status_counts"] is None
    adopted = sum(s["measures"] for s in summaries if s["adopted"])
    assert adopted == int(table["plan_adopted"].sum())


@settings(max_examples=60, deadline=None)
@given(ds=datasets(), as_of=days, voice=voices)
def test_overdue_measures_are_open_and_past_their_effective_due_date(ds, as_of, voice):
    table = metrics.measure_table(ds, as_of, voice)
    closed = table["category"].isin(["done", "dropped"])

    overdue = table[table["overdue"]]
    assert not overdue["category"].isin(["done", "dropped", "unknown"]).any()
    assert (overdue["effective_due"].dt.date < as_of).all()
    assert (overdue["delay_days"].dropna() >= 0).all()
    # Every open measure is exactly one of: overdue, past due but unassessed, not yet due.
    states = (
        table["overdue"].astype(int)
        + table["past_due_unassessed"].astype(int)
        + table["not_yet_due"].astype(int)
    )
    assert (states == (~closed).astype(int)).all()
    assert not table.loc[table["past_due_unassessed"], "category"].ne("unknown").any()
    assert (table.loc[table["category"] == "done", "delay_days"].dropna() >= 0).all()


@settings(max_examples=60, deadline=None)
@given(ds=datasets(), as_of=days, voice=voices)
def test_current_status_matches_the_contract_definition(ds, as_of, voice):
    status = metrics.current_status(ds, as_of, voice)

    assert len(status) == len(ds.measures)
    for measure_id, label in zip(status["measure_id"], status["status"], strict=True):
        assert label == expected_status(ds, measure_id, as_of, voice)


# --- The as-of date holds everywhere (issue 10) -------------------------------------------

ERA0 = dt.date(2012, 1, 1)
era_days = st.integers(min_value=0, max_value=14 * 365).map(lambda n: ERA0 + dt.timedelta(days=n))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@st.composite
def bounded(draw: st.DrawFn) -> tuple[dt.date, dt.date | None]:
    """A date known to the day (latest None), to its month, to its year, or between it and
    up to a year later."""
    earliest = draw(era_days)
    kind = draw(st.sampled_from(["day", "month", "year", "range"]))
    if kind == "month":
        return month_bounds(earliest.year, earliest.month)
    if kind == "year":
        return dt.date(earliest.year, 1, 1), dt.date(earliest.year, 12, 31)
    if kind == "range":
        return earliest, earliest + dt.timedelta(days=draw(st.integers(0, 366)))
    return earliest, None


@st.composite
def evidence_datasets(draw: st.DrawFn) -> Dataset:
    """Three plans with random adoption and expected dates (some imprecise), measures,
    assessments and events with date bounds, replies, retention and published verdicts."""
    plans = []
    for i, plan_id in enumerate(("P1", "P2", "P3")):
        start = dt.date(2014 + 4 * i, 1, 1)
        expected, expected_latest = draw(bounded())
        plans.append(
            {
                "plan_id": plan_id, "title": plan_id, "period_start": start,
                "period_end": dt.date(start.year + 2, 12, 31),
                "adopted_date": draw(st.none() | era_days),
                "expected_date": draw(st.none() | st.just(expected)),
                "expected_latest": expected_latest,
                "previous_plan_id": ("P1", "P2")[i - 1] if i else None,
            }
        )  # fmt: skip
    n_measures = draw(st.integers(min_value=0, max_value=6))
    measures = [
        {"measure_id": f"M{i}", "plan_id": draw(st.sampled_from(["P1", "P2", "P3"])),
         "number": i, "axis": "A", "title": f"M{i}", "due_date": draw(st.none() | era_days)}
        for i in range(n_measures)
    ]  # fmt: skip
    updates = []
    for _ in range(draw(st.integers(min_value=0, max_value=12)) if n_measures else 0):
        as_of, latest = draw(bounded())
        updates.append(
            {
                "measure_id": f"M{draw(st.integers(0, n_measures - 1))}",
                "as_of": as_of, "as_of_latest": latest,
                "status": draw(st.sampled_from(LABELS)),
                "voice": draw(st.sampled_from(VOICE_CODES)),
                "completed_on": draw(st.none() | era_days),
                "revised_due_date": draw(st.none() | era_days),
            }
        )  # fmt: skip
    events = []
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        date, latest = draw(bounded())
        answers = draw(st.none() | st.integers(0, i - 1)) if i else None
        events.append(
            {
                "event_id": f"E{i}", "date": date, "date_latest": latest,
                "kind": draw(st.sampled_from(["letter", "letter", "reply", "meeting"])),
                "title": f"E{i}", "recipient": draw(st.sampled_from(["PM", "Justice", None])),
                "reply_to": None if answers is None else f"E{answers}",
            }
        )  # fmt: skip
    verdicts = [
        {"plan_id": draw(st.sampled_from(["P1", "P2", "P3"])), "assessor": "CNCDH",
         "voice": draw(st.sampled_from(VOICE_CODES)), "published_on": draw(era_days),
         "measures_covered": 45, "count_done": draw(st.none() | st.integers(0, 45)),
         "source": "JORF"}
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    ]  # fmt: skip
    retention = [
        {"rec_id": "R1", "plan_id": plan_id, "level": "not_retained"}
        for plan_id in draw(st.lists(st.sampled_from(["P1", "P2", "P3"]), max_size=2))
    ]
    return dataset_from_records(
        {
            "plans": plans, "measures": measures, "status_updates": updates, "events": events,
            "published_verdicts": verdicts, "retention": retention,
            "recommendations": [{"rec_id": "R1", "author": "A", "theme": "T", "title": "R1"}],
        }
    )  # fmt: skip


@st.composite
def evidence_and_as_of(draw: st.DrawFn) -> tuple[Dataset, dt.date]:
    """A dataset and an as-of date: any day, or often one inside an imprecise date's bounds
    or next to a dated fact, where "known at the as-of date" is decided."""
    ds = draw(evidence_datasets())
    inside: list[dt.date] = []
    for table, column, latest in (
        (ds.events, "date", "date_latest"),
        (ds.status_updates, "as_of", "as_of_latest"),
        (ds.plans, "expected_date", "expected_latest"),
    ):
        for first, last in zip(table[column], table[latest], strict=True):
            if pd.notna(first):
                end = last if pd.notna(last) else first
                inside += [first.date(), end.date() - dt.timedelta(days=1), end.date()]
    for column in ("adopted_date",):
        inside += [d.date() for d in ds.plans[column].dropna()]
    inside += [d.date() for d in ds.tables["published_verdicts"]["published_on"].dropna()]
    if inside and draw(st.booleans()):
        return ds, draw(st.sampled_from(inside))
    return ds, draw(era_days)


def dates_in(frame: pd.DataFrame, columns: Sequence[str]) -> list[dt.date]:
    """Every date filled in those columns."""
    return [pd.Timestamp(v).date() for c in columns for v in frame[c].dropna()]


def json_dates(value: object, skip: frozenset[str] = frozenset()) -> list[dt.date]:
    """Every ISO date in a JSON-ready value, except under the keys `skip`."""
    if isinstance(value, dict):
        return [d for k, v in value.items() if k not in skip for d in json_dates(v, skip)]
    if isinstance(value, list):
        return [d for v in value for d in json_dates(v, skip)]
    if isinstance(value, str) and ISO_DATE.match(value):
        return [dt.date.fromisoformat(value)]
    return []


# A plan's stated period is a plan property, known once it is adopted (None before).
PLAN_PERIOD = frozenset({"period_start", "period_end"})


@settings(max_examples=20, deadline=None)
@given(case=evidence_and_as_of(), voice=voices)
def test_no_figure_of_a_page_or_of_the_summary_is_dated_after_the_as_of_date(case, voice):
    ds, as_of = case
    table = metrics.measure_table(ds, as_of, voice)
    plans = metrics.plan_timeline(ds, as_of)
    sent = metrics.letters(ds, as_of)
    events = timeline.timeline_events(ds, as_of)
    waiting = timeline.unanswered_letters(ds, as_of)
    revisions = delays.revised_due_dates(ds, as_of)
    verdicts = metrics.published_verdicts(ds, as_of, voice)
    document = json.loads(json.dumps(summary_document(ds, as_of, voice)))
    overdue = delays.measure_list(ds, as_of, voice, "overdue")
    # The Measures page's history of two assessed measures (a detail is slow to build).
    assessed = ds.status_updates["measure_id"].drop_duplicates()[:2]
    histories = [worded_detail(ds, m, as_of, voice, "fr") for m in assessed]

    shown = [
        *dates_in(table, ["assessed_on", "assessed_latest", "completed_on"]),
        *dates_in(plans, ["adopted_date", "expected_date", "expected_latest", "gap_start",
                          "gap_end"]),
        *dates_in(sent, ["date", "date_latest", "reply_date", "reply_date_latest"]),
        *dates_in(events, ["date", "date_latest", "reply_date", "reply_date_latest"]),
        *dates_in(waiting, ["date", "date_latest"]),
        *dates_in(revisions, ["announced_on"]),
        *dates_in(verdicts, ["published_on"]),
        *dates_in(overdue, ["assessed_on", "assessed_latest"]),
        *(d for h in histories if h for d in dates_in(h.history, ["as_of", "as_of_latest"])),
        *json_dates(document, PLAN_PERIOD),
    ]  # fmt: skip
    assert all(day <= as_of for day in shown)
    span = timeline.event_span(ds, as_of)
    assert span is None or span.last <= as_of
    for plan in document["plans"]:
        if not plan["adopted"]:  # not even its period
            assert (plan["adopted_date"], plan["period_start"], plan["period_end"]) == (
                None, None, None,
            )  # fmt: skip
    assert (waiting["waiting_days"] >= 0).all()
    assert (plans["gap_before_days"].where(plans["gap_open"]).dropna() >= 0).all()


@settings(max_examples=20, deadline=None)
@given(case=evidence_and_as_of(), voice=voices)
def test_counts_add_up_and_no_rate_is_given_below_the_coverage_threshold(case, voice):
    ds, as_of = case
    summaries = metrics.plan_summaries(ds, as_of, voice)
    rates = metrics.reply_rates(ds, as_of)

    for s in summaries:
        if not s["adopted"]:  # its measures did not exist yet: nothing is counted
            assert (s["measures"], s["status_counts"], s["assessed"]) == (None, None, None)
            continue
        counts = s["status_counts"]
        assert sum(counts.values()) == s["measures"]
        assert s["assessed"] + counts["unknown"] == s["measures"]
        if s["completion_rate"] is not None:
            assert s["completion_state"] == "rate"
            assert s["assessed"] / s["measures"] >= metrics.COVERAGE_THRESHOLD
        elif s["measures"] and s["adopted"]:
            assert s["coverage"] < metrics.COVERAGE_THRESHOLD
        if s["adopted"]:
            assert sum(s["overdue_by_basis"].values()) == s["overdue"]
            assert sum(s["past_due_unassessed_by_basis"].values()) == s["past_due_unassessed"]
        else:
            assert (s["completion_state"], s["overdue"], s["retention_counts"]) == (
                "not_adopted", None, None,
            )  # fmt: skip
        assert (s["retention_counts"] is None) == (not s["retention_recorded"])
    assert (rates["answered"] <= rates["letters"]).all()
    assert (rates["delays_known"] <= rates["answered"]).all()


@settings(max_examples=20, deadline=None)
@given(case=evidence_and_as_of(), voice=voices)
def test_delays_never_run_past_the_last_evidence_and_reply_ranges_are_ordered(case, voice):
    ds, as_of = case
    table = metrics.measure_table(ds, as_of, voice)
    sent = metrics.letters(ds, as_of)

    late = table[table["overdue"] & table["delay_days"].notna()]
    reach = (late["assessed_on"] - late["effective_due"]).dt.days
    assert (late["delay_days"] == reach).all()
    assert (late["delay_days"] >= 0).all()
    assert table.loc[table["delay_is_lower_bound"], "overdue"].all()
    ranged = sent[sent["reply_delay_min_days"].notna()]
    assert (ranged["reply_delay_min_days"] <= ranged["reply_delay_max_days"]).all()
    exact = sent[sent["reply_delay_days"].notna()]
    assert (exact["reply_delay_min_days"] == exact["reply_delay_days"]).all()


# --- No day is invented for an imprecise last assessment (issue 10, item 8) ---------------

FRENCH_DAY = re.compile(r"\d{2}/\d{2}/\d{4}")


def assert_named_as_known(text: str, earliest: object, latest: object) -> None:
    """`text` dates the last assessment as it is known: its day; its month or year with no
    day of it; or both bounds of a range. It names no other day."""
    first, last = bounds(earliest, latest)
    assert first is not None and last is not None
    kind = precision(earliest, latest)
    named = set(FRENCH_DAY.findall(text))
    assert format_date_bounds(earliest, latest, "fr") in text, text
    expected = {"day": {format_date(first)}, "range": {format_date(first), format_date(last)}}
    assert named == expected.get(str(kind), set()), text


@settings(max_examples=20, deadline=None)
@given(case=evidence_and_as_of(), voice=voices)
def test_every_text_dating_a_last_assessment_names_its_bounds_never_an_invented_day(case, voice):
    ds, as_of = case
    table = metrics.measure_table(ds, as_of, voice).set_index("measure_id")
    rows = delays.timeline_rows(ds, as_of, voice)
    listed = delays.measure_list(ds, as_of, voice, "overdue").set_index("measure_id")
    late = rows[rows["overdue"]]

    # The Delays list and the chart rows carry both bounds of the last assessment.
    for frame in (listed, late.set_index("measure_id")):
        for column in ("assessed_on", "assessed_latest"):
            expected = table.loc[frame.index, column]
            assert frame[column].equals(expected.rename(column)), column
    # The Delays chart: the overdue span's hover names the last assessment by its bounds.
    fig = measure_timeline(rows, delays.revised_due_dates(ds, as_of), as_of=as_of, lang="fr")
    span = next(d for d in fig.data if d.name == "Retard")
    spans = [text for text in span.hovertext if text][::2]  # two points per overdue measure
    assert len(spans) == len(late)
    for text, first, last in zip(spans, late["assessed_on"], late["assessed_latest"], strict=True):
        assert_named_as_known(text, first, last)
    # The measure's facts: its standing when overdue, and each voice's dated status.
    for measure_id in table.index[table["overdue"]]:
        detail = worded_detail(ds, measure_id, as_of, voice, "fr")
        assert detail is not None
        facts = dict(zip(detail.facts["field"], detail.facts["value"], strict=True))
        row = table.loc[measure_id]
        assert_named_as_known(facts["Situation"], row["assessed_on"], row["assessed_latest"])
        by_voice = metrics.current_status(ds, as_of, "government").set_index("measure_id")
        mine = by_voice.loc[measure_id]
        if pd.notna(mine["assessed_on"]):
            assert_named_as_known(
                facts["Statut actuel : gouvernement"], mine["assessed_on"], mine["assessed_latest"]
            )
    # The median delay of each plan, dated by the plan's last assessment.
    for summary in metrics.plan_summaries(ds, as_of, voice):
        if not summary["median_delay_is_lower_bound"]:
            continue
        mine = table[table["plan_id"] == summary["plan_id"]]
        first = mine["assessed_on"].max()
        last = mine["assessed_latest"].fillna(mine["assessed_on"]).max()
        text = plan_text.median_delay_text(summary, "fr")
        assert_named_as_known(text, first, last if last != first else None)


@settings(max_examples=80, deadline=None)
@given(ds=evidence_datasets(), extra=st.lists(era_days, max_size=3))
def test_batched_counts_at_several_dates_equal_the_per_date_figures(ds, extra):
    """`category_counts` and `letters_answered` (several dates at once, for the change
    review) give, at each date, what `current_status` and `letters` give for that date."""
    inside = [d.date() for t, c in ((ds.events, "date_latest"), (ds.status_updates, "as_of"))
              for d in t[c].dropna()]  # fmt: skip
    dates = sorted(set(inside[:4] + extra)) or [DAY0]
    counts, answered = metrics.category_counts(ds, dates), metrics.letters_answered(ds, dates)
    for day in dates:
        status = metrics.current_status(ds, day)
        expected = status.groupby(["plan_id", "category"]).size()
        assert counts[day] == {(str(p), str(c)): int(n) for (p, c), n in expected.items()}
        sent = metrics.letters(ds, day)
        per_plan = {
            (None if pd.isna(plan) else str(plan)): (int(g["answered"].sum()), len(g))
            for plan, g in sent.groupby(sent["plan_id"].astype(object), dropna=False)
        }
        assert answered[day] == per_plan
