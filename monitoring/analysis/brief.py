"""The committee brief: what changed since the last meeting, what is late or falls due
before the next one, where the voices disagree, which letters wait, and the questions.

Before each follow-up committee a coordinator assembles these by hand. Every fact here is
read through the functions the pages use, so the brief's figures are the pages' figures:
- what changed: the change review (`changes.compare`) between the version current at the
  last meeting, read at that date, and the current one, read at the as-of date (statuses
  up and down, deadlines moved, recommendations newly retained or dropped), plus the
  assessments and events known now that were not known then (new evidence);
- what is late: `delays.measure_list` (so "overdue" is `metrics.measure_table`'s), each
  overdue measure marked `newly` when it was not overdue at the last meeting; what falls
  due before the next meeting: its not-yet-due measures whose deadline comes by then;
- disagreements: `metrics.divergences` (government and civil society in different
  categories), marked `newly` likewise;
- letters awaiting a reply: `timeline.unanswered_letters` (how long each has waited).

The questions (`monitoring.analysis.questions.Question`) are asked by rule about those
rows and nothing else: a fact absent from the dataset asks nothing. Their `facts`, by rule
(dates as `datetime.date`, numbers as int, None when unknown):
- `overdue`: number, title, days_late (None: the deadline passed after the last
  assessment, the delay is not measured), due, assessed_on, assessed_latest, status and
  voice (of the last assessment), due_basis (`plan_end`: no deadline of its own, the
  plan's end by convention), newly (1 when it became overdue since the last meeting);
- `due_soon`: number, title, due, days_left, status, assessed_on, assessed_latest;
- `disagreement`: number, title, government_status, government_on, civil_society_status,
  civil_society_on;
- `status_down`: number, title, voice, old_status, new_status;
- `deadline_moved`: number, title, old_due, new_due, shift_days;
- `unanswered_letter`: title, recipient, sent, sent_latest, waiting_days.
Status labels are as the workbook writes them (`monitoring.present.brief_text` words them).

Nothing is invented and nothing dated after the as-of date is known: every function reads
the data at the as-of date (and the earlier version at the last meeting's date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from monitoring.analysis import delays, timeline
from monitoring.analysis.changes import compare
from monitoring.analysis.filters import Filters, apply_filters, filter_options
from monitoring.analysis.metrics import VOICE_ALL, divergences, known_events
from monitoring.analysis.questions import QUESTION_RULES, Question, QuestionRule, question_key
from monitoring.contract.dataset import Dataset
from monitoring.contract.datebounds import latest_of
from monitoring.contract.schema import RETENTION_WITH_MEASURE, VOICES
from monitoring.storage import Store, VersionInfo

# The brief's sections, in the order the documents and the page show them.
SECTIONS = (
    "statuses",
    "assessments",
    "events",
    "deadlines",
    "retention",
    "overdue",
    "due",
    "disagreements",
    "letters",
)
_VOICE_ORDER = {v.code: i for i, v in enumerate(VOICES)}


@dataclass(frozen=True)
class Period:
    """What the brief compares.

    Attributes:
        since: the last meeting's date: the earlier figures are read at it.
        as_of: the date the current figures are read at (nothing after it is known).
        until: the next meeting's date, or None (then nothing "falls due before it").
        since_version: the version compared with (the one current at `since`), or None
            when the brief reads one dataset at two dates (a file).
        version: the current version's number, or None (a file).
    """

    since: dt.date
    as_of: dt.date
    until: dt.date | None = None
    since_version: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class Brief:
    """The brief, in no language: one table per section, then the questions.

    Tables (language-free: ids, codes, status labels as written, dates):
    - `statuses`: measure_id, plan_id, number, title, voice, old_status, new_status,
      old_category, new_category, direction (`changes.DIRECTIONS`);
    - `assessments` (new evidence): measure_id, plan_id, number, title, assessed_on,
      assessed_latest, voice, assessor, status, evidence;
    - `events` (new in the timeline): event_id, date, date_latest, kind, title, sender,
      recipient, plan_id, source;
    - `deadlines`: measure_id, plan_id, number, title, old_due, new_due, shift_days;
    - `retention`: plan_id, rec_id, title, old_level, new_level, change (`retained`: now
      retained, fully or partly, and not before; `dropped`: retained before, not now;
      `changed`: another change of level);
    - `overdue`: `delays.measure_list` rows, plus newly (bool);
    - `due`: `delays.measure_list` not-yet-due rows due on or before `until`;
    - `disagreements`: `metrics.divergences` rows, plus newly (bool);
    - `letters`: `timeline.unanswered_letters` rows.
    """

    period: Period
    plans: tuple[str, ...]  # the plans covered, in period order
    voice: str
    statuses: pd.DataFrame
    assessments: pd.DataFrame
    events: pd.DataFrame
    deadlines: pd.DataFrame
    retention: pd.DataFrame
    overdue: pd.DataFrame
    due: pd.DataFrame
    disagreements: pd.DataFrame
    letters: pd.DataFrame
    unassessed: int  # measures past due and never assessed: not overdue (unknown), counted
    questions: tuple[Question, ...]

    def section(self, name: str) -> pd.DataFrame:
        """The table of one section (a name of `SECTIONS`)."""
        frame: pd.DataFrame = getattr(self, name)
        return frame

    @property
    def is_empty(self) -> bool:
        """Nothing to report: no change, nothing late or due, no disagreement, no letter."""
        return all(self.section(name).empty for name in SECTIONS) and not self.unassessed

    def counts(self) -> dict[str, int]:
        """How many rows each section holds, the newly overdue and the questions."""
        counts = {name: len(self.section(name)) for name in SECTIONS}
        counts["newly_overdue"] = int(self.overdue["newly"].sum()) if len(self.overdue) else 0
        counts["questions"] = len(self.questions)
        return counts


def _day(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _text_or_none(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _numbered(frame: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """The frame with each measure's number after its plan (NA when it has none)."""
    numbers = ds.measures.drop_duplicates("measure_id").set_index("measure_id")["number"]
    out = frame.copy()
    out.insert(list(frame.columns).index("plan_id") + 1, "number", frame["measure_id"].map(numbers))
    return out


def _within(frame: pd.DataFrame, plans: Sequence[str]) -> pd.DataFrame:
    return frame[frame["plan_id"].isin(plans).to_numpy(dtype=bool)].reset_index(drop=True)


def _known_updates(ds: Dataset, as_of: dt.date) -> pd.DataFrame:
    updates = ds.status_updates
    known = latest_of(updates, "as_of", "as_of_latest") <= pd.Timestamp(as_of).to_datetime64()
    return updates[known]


def new_assessments(old: Dataset, new: Dataset, since: dt.date, as_of: dt.date) -> pd.DataFrame:
    """The assessments known at `as_of` in `new` that were not known at `since` in `old`.

    An assessment is the same in both when its measure, date, voice and status are (an
    edited comment is no new evidence).

    Returns:
        The `Brief.assessments` columns, oldest first.
    """
    key = ["measure_id", "as_of", "voice", "status"]
    now, then = _known_updates(new, as_of), _known_updates(old, since)
    merged = now.merge(then[key].drop_duplicates(), on=key, how="left", indicator=True)
    fresh = merged[(merged["_merge"] == "left_only").to_numpy()]
    fresh = fresh[fresh["measure_id"].isin(new.measures["measure_id"]).to_numpy()]
    measures = new.measures.drop_duplicates("measure_id").set_index("measure_id")
    out = pd.DataFrame(
        {
            "measure_id": fresh["measure_id"],
            "plan_id": fresh["measure_id"].map(measures["plan_id"]),
            "number": fresh["measure_id"].map(measures["number"]),
            "title": fresh["measure_id"].map(measures["title"]),
            "assessed_on": fresh["as_of"],
            "assessed_latest": fresh["as_of_latest"],
            "voice": fresh["voice"],
            "assessor": fresh["assessor"],
            "status": fresh["status"],
            "evidence": fresh["evidence"],
        }
    )
    return out.sort_values(["assessed_on", "measure_id"], kind="stable").reset_index(drop=True)


def new_events(old: Dataset, new: Dataset, since: dt.date, as_of: dt.date) -> pd.DataFrame:
    """The events known at `as_of` in `new` (`metrics.known_events`) that were not known
    at `since` in `old` (by id): letters, replies, meetings, publications.

    Returns:
        The `Brief.events` columns, by date.
    """
    then = set(known_events(old, since)["event_id"])
    now = known_events(new, as_of)
    fresh = now[~now["event_id"].isin(then).to_numpy()]
    columns = ["event_id", "date", "date_latest", "kind", "title", "sender", "recipient",
               "plan_id", "source"]  # fmt: skip
    return fresh[columns].reset_index(drop=True)


def _retention(frame: pd.DataFrame) -> pd.DataFrame:
    retained_now = frame["new_level"].isin(RETENTION_WITH_MEASURE).to_numpy(dtype=bool)
    retained_then = frame["old_level"].isin(RETENTION_WITH_MEASURE).to_numpy(dtype=bool)
    change = pd.Series("changed", index=frame.index, dtype=object)
    change[retained_now & ~retained_then] = "retained"
    change[retained_then & ~retained_now] = "dropped"
    return frame.assign(change=change).reset_index(drop=True)


def _marked_new(now: pd.DataFrame, then: pd.DataFrame) -> pd.DataFrame:
    """`now` with `newly`: its measure is not among `then`'s."""
    return now.assign(newly=~now["measure_id"].isin(then["measure_id"]).to_numpy(dtype=bool))


def build(
    old: Dataset,
    new: Dataset,
    period: Period,
    *,
    plans: Sequence[str] = (),
    voice: str = VOICE_ALL,
) -> Brief:
    """The brief between the last meeting and now.

    Args:
        old: the version current at the last meeting (`version_at`); `new` itself when
            one dataset is read at two dates.
        new: the current version.
        period: the last meeting's date, the as-of date, the next meeting's date.
        plans: the plans covered (ids); every plan when empty.
        voice: `"all"` or a voice code: whose statuses are read (the overdue and due
            measures, the status changes and new assessments shown); disagreements always
            compare the government with civil society.

    Returns:
        The `Brief`, its questions numbered in `QUESTION_RULES` order.

    Raises:
        ValueError: a plan is not in the current version, `since` is after `as_of`, or
            `until` before it.
    """
    if period.since > period.as_of:
        raise ValueError(f"since {period.since} is after the as-of date {period.as_of}")
    if period.until is not None and period.until < period.as_of:
        raise ValueError(f"until {period.until} is before the as-of date {period.as_of}")
    known = set(new.plans["plan_id"])
    unknown = [p for p in plans if p not in known]
    if unknown:
        raise ValueError(f"unknown plan(s): {', '.join(unknown)}")
    chosen = tuple(plans)
    old_view = apply_filters(old, Filters(plans=chosen)) if chosen else old
    new_view = apply_filters(new, Filters(plans=chosen)) if chosen else new
    covered = tuple(filter_options(new_view)["plans"])
    since, as_of = period.since, period.as_of
    changes = compare(old_view, new_view, as_of, old_as_of=since)

    statuses = changes.statuses
    if voice != VOICE_ALL:
        statuses = statuses[(statuses["voice"] == voice).to_numpy(dtype=bool)]
    statuses = _numbered(statuses.reset_index(drop=True), new_view)
    assessments = new_assessments(old_view, new_view, since, as_of)
    if voice != VOICE_ALL:
        assessments = assessments[(assessments["voice"] == voice).to_numpy(dtype=bool)]

    overdue_then = delays.measure_list(old_view, since, voice, "overdue")
    overdue = _marked_new(delays.measure_list(new_view, as_of, voice, "overdue"), overdue_then)
    upcoming = delays.measure_list(new_view, as_of, voice, "not_yet_due")
    if period.until is None:
        due = upcoming.iloc[:0]
    else:
        limit = pd.Timestamp(period.until).to_datetime64()
        due = upcoming[(upcoming["effective_due"] <= limit).to_numpy(dtype=bool)]
    disagreements = _marked_new(divergences(new_view, as_of), divergences(old_view, since))
    counts = delays.delay_counts(new_view, as_of, voice)
    brief = Brief(
        period=period,
        plans=covered,
        voice=voice,
        statuses=statuses,
        assessments=assessments.reset_index(drop=True),
        events=new_events(old_view, new_view, since, as_of),
        deadlines=_numbered(changes.deadlines, new_view),
        retention=_retention(changes.retention),
        overdue=overdue.reset_index(drop=True),
        due=due.reset_index(drop=True),
        disagreements=disagreements,
        letters=timeline.unanswered_letters(new_view, as_of),
        unassessed=counts["past_due_unassessed"],
        questions=(),
    )
    return Brief(**{**{f.name: getattr(brief, f.name) for f in fields(Brief)},
                    "questions": questions(brief)})  # fmt: skip


# --- The questions, by rule -------------------------------------------------------------


def _overdue(row: Any) -> dict[str, object]:
    return {
        "days_late": _int(row.days_late),
        "due": _day(row.effective_due),
        "assessed_on": _day(row.assessed_on),
        "assessed_latest": _day(row.assessed_latest),
        "status": row.status,
        "voice": _text_or_none(row.voice),
        "due_basis": _text_or_none(row.due_basis),
        "newly": int(bool(row.newly)),
    }


def _due_soon(row: Any) -> dict[str, object]:
    return {
        "due": _day(row.effective_due),
        "days_left": _int(row.days_left),
        "status": row.status,
        "assessed_on": _day(row.assessed_on),
        "assessed_latest": _day(row.assessed_latest),
    }


def _disagreement(row: Any) -> dict[str, object]:
    return {
        "government_status": row.government_status,
        "government_on": _day(row.government_assessed_on),
        "civil_society_status": row.civil_society_status,
        "civil_society_on": _day(row.civil_society_assessed_on),
    }


def _status_down(row: Any) -> dict[str, object]:
    return {"voice": row.voice, "old_status": row.old_status, "new_status": row.new_status}


def _deadline_moved(row: Any) -> dict[str, object]:
    return {"old_due": _day(row.old_due), "new_due": _day(row.new_due),
            "shift_days": _int(row.shift_days)}  # fmt: skip


def _status_downs(brief: Brief) -> pd.DataFrame:
    """One row per measure whose status went down (the first voice, in `VOICES` order)."""
    down = brief.statuses[(brief.statuses["direction"] == "down").to_numpy(dtype=bool)]
    ranked = down.assign(_voice=down["voice"].map(_VOICE_ORDER))
    return ranked.sort_values("_voice", kind="stable").drop_duplicates("measure_id")


def _moved(brief: Brief) -> pd.DataFrame:
    return brief.deadlines[brief.deadlines["new_due"].notna().to_numpy(dtype=bool)]


# Rule → (its rows in the brief, their facts): each row asks one question.
_RULES: dict[QuestionRule, tuple[Callable[[Brief], pd.DataFrame], Callable[[Any], dict]]] = {
    "overdue": (lambda b: b.overdue, _overdue),
    "due_soon": (lambda b: b.due, _due_soon),
    "disagreement": (lambda b: b.disagreements, _disagreement),
    "status_down": (_status_downs, _status_down),
    "deadline_moved": (_moved, _deadline_moved),
    "unanswered_letter": (lambda b: b.letters, lambda row: {}),
}
assert tuple(_RULES) == QUESTION_RULES


def _letter(row: Any) -> Question:
    facts = {
        "title": row.title,
        "recipient": _text_or_none(row.recipient),
        "sent": _day(row.date),
        "sent_latest": _day(row.date_latest),
        "waiting_days": _int(row.waiting_days),
    }
    return Question(
        question_key("unanswered_letter", row.event_id), "unanswered_letter",
        plan_id=None, event_id=row.event_id, facts=tuple(facts.items()),
    )  # fmt: skip


def questions(brief: Brief) -> tuple[Question, ...]:
    """The questions the brief's facts ask, in `QUESTION_RULES` order, each once.

    Each row of a rule's section asks one question (`question_key(rule, measure or
    letter)`): a measure overdue and in disagreement is asked about twice, once by each
    rule. Their numbers are their positions (1, 2, …).
    """
    asked: list[Question] = []
    for rule, (rows_of, facts_of) in _RULES.items():
        for row in rows_of(brief).itertuples(index=False):
            if rule == "unanswered_letter":
                asked.append(_letter(row))
                continue
            measure, plan = str(row.measure_id), _text_or_none(row.plan_id)
            facts = {"number": _int(row.number), "title": row.title, **facts_of(row)}
            asked.append(
                Question(
                    question_key(rule, measure), rule, plan_id=plan, measure_id=measure,
                    facts=tuple(facts.items()),
                )
            )  # fmt: skip
    unique: dict[str, Question] = {}
    for question in asked:
        unique.setdefault(question.key, question)
    return tuple(unique.values())


# --- Which version was current at the last meeting ----------------------------------------


def version_at(
    versions: Sequence[VersionInfo], day: dt.date, zone: dt.tzinfo = dt.UTC
) -> VersionInfo:
    """The version current on `day`: the last one stored by the end of that day (in the
    coordinators' `zone`); the first one when none was stored by then (its data read at
    `day` is what it says was known then).

    Raises:
        ValueError: no version at all.
    """
    if not versions:
        raise ValueError("no stored version")
    ordered = sorted(versions, key=lambda v: v.number)
    stored = [v for v in ordered if v.created_at.astimezone(zone).date() <= day]
    return stored[-1] if stored else ordered[0]


def stored_on(version: VersionInfo, as_of: dt.date, zone: dt.tzinfo = dt.UTC) -> dt.date:
    """The date a version's figures are read at when the brief runs "since version N":
    the day it was stored, or the as-of date when that is earlier."""
    return min(version.created_at.astimezone(zone).date(), as_of)


def from_store(
    store: Store,
    dataset_key: str,
    *,
    as_of: dt.date,
    since: dt.date | None = None,
    since_version: int | None = None,
    until: dt.date | None = None,
    plans: Sequence[str] = (),
    voice: str = VOICE_ALL,
    zone: dt.tzinfo = dt.UTC,
    version: int | None = None,
) -> Brief:
    """The brief of a stored dataset since a date or a version (give one of them).

    Args:
        store: the version store.
        dataset_key: the dataset.
        as_of: the date the current figures are read at.
        since: the last meeting's date: compared with the version current then.
        since_version: or a version's number: compared with it, read on the day it was
            stored (`stored_on`).
        until: the next meeting's date.
        plans: the plans covered (every plan when empty).
        voice: `"all"` or a voice code.
        zone: the coordinators' time zone (which day a version was stored on).
        version: the version read as current (the one a page shows); the latest when None.

    Raises:
        ValueError: neither or both of `since` and `since_version`; see `build`.
        VersionNotFound: no such version.
    """
    if (since is None) == (since_version is None):
        raise ValueError("give since or since_version, not both")
    current = store.current(dataset_key) if version is None else store.version(dataset_key, version)
    if current is None:
        raise ValueError(f"no stored version of {dataset_key}")
    versions = [v for v in store.versions(dataset_key) if v.number <= current.number]
    if since_version is not None:
        earlier = store.version(dataset_key, since_version)
        since = stored_on(earlier, as_of, zone)
    else:
        assert since is not None
        earlier = version_at(versions, since, zone)
    new = store.read_dataset(dataset_key, current.number)
    old = (
        new if earlier.number == current.number else store.read_dataset(dataset_key, earlier.number)
    )
    period = Period(since, as_of, until, earlier.number, current.number)
    return build(old, new, period, plans=plans, voice=voice)
