"""The committee brief on the demonstration dataset: a second version is made by editing the
first (a status down, one up, a deadline moved into the past, a new disagreement, a new
letter, and an assessment dated after the as-of date), and the brief since the first
version must name each fact the data holds, no other, in French and English, in Word and PDF.

The expectations are read from the data by the plain definitions (the latest assessment of
a voice known at the as-of date; an unanswered letter), not from the brief's own output.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from docx import Document

from monitoring.analysis import brief
from monitoring.analysis.questions import QUESTION_RULES
from monitoring.cli import main
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.contract.datebounds import latest_of
from monitoring.devtools.demo import REFERENCE_DATE
from monitoring.intake.loading import load_shipped
from monitoring.present import brief_docs, brief_text
from monitoring.storage import NewVersion, StoredFile
from monitoring.storage.memory import MemoryStore
from monitoring.text.i18n import t
from tests.unit.test_dossier import flat, pdf_text

AS_OF = REFERENCE_DATE  # 2026-11-26: the demo's third plan is in force
UNTIL = AS_OF + dt.timedelta(days=60)
GOV, CS = "government", "civil_society"
RANK = {"done": 3, "partial": 2, "not_done": 1}


def latest(ds: Dataset, voice: str, as_of: dt.date = AS_OF) -> pd.DataFrame:
    """Each measure's latest assessment by `voice` known at `as_of` (measure_id → row)."""
    rows = ds.status_updates.assign(_latest=latest_of(ds.status_updates, "as_of", "as_of_latest"))
    rows = rows[(rows["voice"] == voice) & (rows["_latest"] <= pd.Timestamp(as_of))]
    rows = rows.sort_values(["as_of", "_latest", "_row"], kind="stable")
    return rows.drop_duplicates("measure_id", keep="last").set_index("measure_id")


def appended(ds: Dataset, table: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    extra = dataset_from_records({table: rows}).tables[table]
    start = int(ds.tables[table]["_row"].max()) + 1
    extra = extra.assign(_row=range(start, start + len(extra)))
    return pd.concat([ds.tables[table], extra], ignore_index=True)


class Edits:
    """The second version and the measures each edit is about."""

    def __init__(self, v1: Dataset) -> None:
        gov, cs = latest(v1, GOV), latest(v1, CS)
        c_plan = v1.measures[v1.measures["plan_id"] == "DEMO-C"]["measure_id"]
        partial = [m for m in c_plan if gov.get("category", {}).get(m) == "partial"]
        undone = [m for m in c_plan if gov.get("category", {}).get(m) == "not_done"]
        agreeing = [m for m in c_plan if m in cs.index and m in gov.index
                    and cs.at[m, "category"] == gov.at[m, "category"] == "partial"]  # fmt: skip
        due = v1.measures.set_index("measure_id")["due_date"]
        not_yet = [m for m in partial if pd.notna(due.get(m)) and due[m] > pd.Timestamp(AS_OF)]
        self.late = not_yet[0]  # its deadline moved to before the as-of date
        self.down = next(m for m in partial if m not in {self.late, *agreeing})
        self.up = undone[0]
        self.split = next(m for m in agreeing if m not in {self.late, self.down})
        taken = {self.late, self.down, self.up, self.split}
        self.future = next(m for m in c_plan if m not in taken)
        day = AS_OF - dt.timedelta(days=3)
        self.revised = AS_OF - dt.timedelta(days=30)
        self.assessed = AS_OF - dt.timedelta(days=2)
        updates = [
            {"measure_id": self.down, "as_of": day, "status": "Non démarrée", "voice": GOV},
            {"measure_id": self.up, "as_of": day, "status": "Réalisée", "voice": GOV,
             "completed_on": day},
            {"measure_id": self.late, "as_of": self.assessed, "status": "En cours", "voice": GOV,
             "revised_due_date": self.revised},
            {"measure_id": self.split, "as_of": day, "status": "Non réalisée", "voice": CS},
            # Dated after the as-of date: not known yet, so nothing of it may show.
            {"measure_id": self.future, "as_of": AS_OF + dt.timedelta(days=5),
             "status": "Abandonnée", "voice": GOV},
        ]  # fmt: skip
        self.letter, self.future_letter = "EV-BRIEF-1", "EV-BRIEF-2"
        events = [
            {"event_id": self.letter, "date": AS_OF - dt.timedelta(days=40), "kind": "letter",
             "title": "Lettre au ministère (fictive)", "recipient": "Ministère A (fictif)",
             "plan_id": "DEMO-C"},
            {"event_id": self.future_letter, "date": AS_OF + dt.timedelta(days=1),
             "kind": "letter", "title": "Lettre future (fictive)", "plan_id": "DEMO-C"},
        ]  # fmt: skip
        tables = {
            **v1.tables,
            "status_updates": appended(v1, "status_updates", updates),
            "events": appended(v1, "events", events),
        }
        self.v2 = Dataset(tables=tables, scale=v1.scale, extras=v1.extras, name=v1.name)


@pytest.fixture(scope="module")
def v1() -> Dataset:
    return load_shipped("demo")


@pytest.fixture(scope="module")
def edits(v1: Dataset) -> Edits:
    return Edits(v1)


@pytest.fixture(scope="module")
def built(v1: Dataset, edits: Edits) -> brief.Brief:
    """The brief since version 1, from a store holding the two versions (stored today,
    after the as-of date: version 1 is read at the as-of date)."""
    store = MemoryStore()
    for number, ds in enumerate((v1, edits.v2), start=1):
        files = (StoredFile(f"v{number}.xlsx", b"x"),)
        assert store.save(NewVersion("demo", ds, files, "test", f"v{number}")).created
    return brief.from_store(store, "demo", as_of=AS_OF, since_version=1, until=UNTIL)


def expected_status_changes(
    old: Dataset, new: Dataset, since: dt.date = AS_OF
) -> set[tuple[str, str, str]]:
    """(measure, voice, up/down) for each voice's latest category that moved on the scale,
    `old` read at `since`, `new` at the as-of date."""
    found = set()
    for voice in (GOV, CS, "independent"):
        before, after = latest(old, voice, since)["category"], latest(new, voice)["category"]
        for measure in before.index.intersection(after.index):
            a, b = RANK.get(before[measure]), RANK.get(after[measure])
            if a and b and a != b:
                found.add((measure, voice, "up" if b > a else "down"))
    return found


def expected_disagreements(ds: Dataset) -> set[str]:
    gov, cs = latest(ds, GOV)["category"], latest(ds, CS)["category"]
    both = gov.index.intersection(cs.index)
    return {m for m in both if "unknown" not in (gov[m], cs[m]) and gov[m] != cs[m]}


def expected_unanswered(ds: Dataset) -> set[str]:
    events = ds.events.assign(_latest=latest_of(ds.events, "date", "date_latest"))
    known = events[events["_latest"] <= pd.Timestamp(AS_OF)]
    answered = set(known["reply_to"].dropna())
    return set(known[(known["kind"] == "letter") & ~known["event_id"].isin(answered)]["event_id"])


def test_the_brief_names_each_status_change_up_and_down_the_data_holds(built, v1, edits):
    got = {(r.measure_id, r.voice, r.direction) for r in built.statuses.itertuples()
           if r.direction in ("up", "down")}  # fmt: skip
    expected = expected_status_changes(v1, edits.v2)
    assert got == expected
    assert {(edits.down, GOV, "down"), (edits.up, GOV, "up"), (edits.split, CS, "down")} <= got


def test_since_an_earlier_date_the_assessments_made_in_between_are_the_changes(v1):
    since = dt.date(2026, 1, 1)
    between = brief.build(v1, v1, brief.Period(since, AS_OF, UNTIL, 1, 1))
    got = {(r.measure_id, r.voice, r.direction) for r in between.statuses.itertuples()
           if r.direction in ("up", "down")}  # fmt: skip
    assert got == expected_status_changes(v1, v1, since)
    assert got  # the demo's third plan was assessed during 2026
    dates = pd.to_datetime(between.assessments["assessed_on"])
    assert dates.gt(pd.Timestamp(since)).all() and dates.le(pd.Timestamp(AS_OF)).all()


def test_nothing_dated_after_the_as_of_date_is_known(built, edits):
    assert edits.future not in set(built.statuses["measure_id"])
    assert edits.future not in set(built.assessments["measure_id"])
    assert edits.future_letter not in set(built.letters["event_id"])
    assert edits.future_letter not in set(built.events["event_id"])


def test_a_deadline_moved_into_the_past_is_newly_overdue_and_moved(built, v1, edits):
    newly = set(built.overdue.loc[built.overdue["newly"], "measure_id"])
    assert edits.late in newly
    # Version 1 holds the same overdue measures but this one: only it became overdue.
    assert newly == {edits.late}
    moved = built.deadlines.set_index("measure_id")
    assert moved.at[edits.late, "new_due"] == pd.Timestamp(edits.revised)


def test_every_disagreement_the_data_holds_is_named_and_the_new_ones_marked(built, v1, edits):
    assert set(built.disagreements["measure_id"]) == expected_disagreements(edits.v2)
    newly = set(built.disagreements.loc[built.disagreements["newly"], "measure_id"])
    assert newly == expected_disagreements(edits.v2) - expected_disagreements(v1)
    assert edits.split in newly


def test_every_unanswered_letter_known_is_listed_with_how_long_it_waits(built, edits):
    assert set(built.letters["event_id"]) == expected_unanswered(edits.v2)
    waiting = built.letters.set_index("event_id").at[edits.letter, "waiting_days"]
    assert waiting == 40


def test_questions_are_asked_only_about_facts_of_the_brief_each_once(built, edits):
    keys = [q.key for q in built.questions]
    assert len(keys) == len(set(keys))
    assert [q.rule for q in built.questions] == sorted(
        (q.rule for q in built.questions), key=QUESTION_RULES.index
    )
    by_rule: dict[str, set[str]] = {}
    for q in built.questions:
        by_rule.setdefault(q.rule, set()).add(q.measure_id or q.event_id or "")
    assert by_rule["overdue"] == set(built.overdue["measure_id"])
    assert by_rule["disagreement"] == expected_disagreements(edits.v2)
    assert by_rule["status_down"] == {edits.down, edits.split}
    assert by_rule["unanswered_letter"] == expected_unanswered(edits.v2)
    assert edits.late in by_rule["deadline_moved"]
    assert f"overdue:{edits.late}" in keys


def test_the_overdue_question_reads_its_days_late_and_last_assessment(built, edits):
    q = next(q for q in built.questions if q.key == f"overdue:{edits.late}")
    days = (edits.assessed - edits.revised).days  # the delay runs to the last assessment
    fr = brief_text.question_text(q, "fr")
    en = brief_text.question_text(q, "en")
    assert f"dépassée de {days} jours à la dernière évaluation du 24 novembre 2026" in fr
    assert fr.endswith("où en est-elle ?")
    assert f"passed by {days} days at the last assessment of 24 November 2026" in en
    assert f"({edits.late}," in fr
    assert "« En cours » selon Gouvernement" in fr  # who gave the status the question cites


def test_an_overdue_deadline_taken_from_the_plans_end_says_so(built, v1):
    plan_ends = built.overdue[built.overdue["due_basis"] == "plan_end"]
    assert len(plan_ends)  # the demo has measures without a deadline of their own
    due = v1.measures.set_index("measure_id")["due_date"]
    for measure in plan_ends["measure_id"]:
        assert pd.isna(due[measure])
        q = next(q for q in built.questions if q.key == f"overdue:{measure}")
        assert "(fin du plan, faute d'échéance propre)" in brief_text.question_text(q, "fr")
        assert "(the plan's end, no deadline of its own)" in brief_text.question_text(q, "en")
    dated = built.overdue[built.overdue["due_basis"] == "measure"]["measure_id"].iloc[0]
    q = next(q for q in built.questions if q.key == f"overdue:{dated}")
    assert "fin du plan" not in brief_text.question_text(q, "fr")


def test_a_delay_the_evidence_does_not_measure_is_not_given_a_number():
    ds = dataset_from_records(
        {
            "plans": [{"plan_id": "P", "title": "Plan", "period_start": dt.date(2020, 1, 1),
                       "period_end": dt.date(2030, 12, 31), "adopted_date": dt.date(2020, 1, 1)}],
            "measures": [{"measure_id": "M1", "plan_id": "P", "number": 1, "title": "Une mesure",
                          "due_date": dt.date(2025, 1, 1)}],
            # Assessed before its deadline, never since: late, by how much is not known.
            "status_updates": [{"measure_id": "M1", "as_of": dt.date(2024, 6, 1),
                                "status": "En cours", "voice": GOV}],
        }
    )  # fmt: skip
    late = brief.build(ds, ds, brief.Period(AS_OF, AS_OF, None, 1, 1))
    [q] = [q for q in late.questions if q.rule == "overdue"]
    assert q.fact("days_late") is None
    fr = brief_text.question_text(q, "fr")
    assert "dépassée," in fr and "jours" not in fr and "antérieure à l'échéance" in fr


def test_a_brief_with_nothing_to_report_says_so():
    ds = dataset_from_records(
        {
            "plans": [{"plan_id": "P", "title": "Plan", "period_start": dt.date(2020, 1, 1),
                       "period_end": dt.date(2030, 12, 31), "adopted_date": dt.date(2020, 1, 1)}],
            "measures": [{"measure_id": "M1", "plan_id": "P", "number": 1, "title": "Une mesure",
                          "due_date": dt.date(2029, 1, 1)}],
        }
    )  # fmt: skip
    empty = brief.build(ds, ds, brief.Period(AS_OF, AS_OF, None, 1, 1))
    assert empty.is_empty and not empty.questions
    for lang in ("fr", "en"):
        lines = brief_text.header_lines(empty, ["P — Plan"], lang)
        assert any(line.startswith(t("brief.nothing", lang, since="x", as_of="y")[:12])
                   for line in lines)  # fmt: skip


# --- The documents ------------------------------------------------------------------------


def docx_sections(data: bytes) -> dict[str, str]:
    """The Word document's text under each heading (paragraphs and table cells, in order)."""
    document = Document(io.BytesIO(data))
    sections: dict[str, str] = {"": ""}
    heading = ""
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table
            text = " | ".join(cell.text for row in block.rows for cell in row.cells)
        else:
            if block.style.name.startswith(("Heading", "Title")):
                heading = block.text
                sections.setdefault(heading, "")
                continue
            text = block.text
        sections[heading] += text + "\n"
    return sections


ABOUT = brief_docs.About("Démonstration", "demo", True, dt.datetime(2026, 12, 7, 9, 40))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_word_brief_names_each_fact_under_its_heading_and_is_stamped(built, edits, lang):
    data = brief_docs.brief_docx(built, edits.v2, ABOUT, lang)
    sections = docx_sections(data)
    down = sections[t("brief.section.statuses_down", lang)]
    assert edits.down in down and edits.split in down
    assert edits.up in sections[t("brief.section.statuses_up", lang)]
    assert edits.late in sections[t("brief.section.newly_overdue", lang)]
    disagreements = sections[t("brief.section.disagreements", lang)]
    assert all(m in disagreements for m in expected_disagreements(edits.v2))
    letters = sections[t("brief.section.letters", lang)]
    assert all(e_title in letters for e_title in ["Lettre au ministère (fictive)"])
    questions = sections[t("brief.section.questions", lang)].strip().split("\n")
    assert len(questions) == len(built.questions)
    assert questions[0].startswith("1. ")
    head = sections[t("brief.title", lang)]
    assert t("dossier.cover.version", lang, dataset="Démonstration", version=2) in head
    assert t("dossier.cover.fictional", lang) in head
    document = Document(io.BytesIO(data))
    assert "Démonstration" in document.sections[0].footer.paragraphs[0].text


@pytest.mark.pdf
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_brief_names_each_fact_and_its_questions(built, edits, lang):
    text = flat(pdf_text(brief_docs.brief_pdf(built, edits.v2, ABOUT, lang, compress=False)))
    for measure in {edits.down, edits.up, edits.split, edits.late,
                    *expected_disagreements(edits.v2)}:  # fmt: skip
        assert measure in text
    for part in ("statuses_down", "newly_overdue", "disagreements", "letters", "questions"):
        assert t(f"brief.section.{part}", lang) in text
    q = next(q for q in built.questions if q.key == f"overdue:{edits.late}")
    assert flat(brief_text.question_text(q, lang, edits.v2.scale)).replace("\u202f", "\u00a0")[
        :40
    ] in text.replace("\u202f", "\u00a0")
    assert t("dossier.cover.version", lang, dataset="Démonstration", version=2) in text


def test_french_numbers_in_the_brief_are_written_the_french_way(built):
    long_late = next(q for q in built.questions if (q.fact("days_late") or 0) >= 1000)
    text = brief_text.question_text(long_late, "fr")
    assert f"{long_late.fact('days_late'):,}".replace(",", "\u202f") + " jours" in text


@pytest.fixture
def state(tmp_path, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    yield


@pytest.mark.subprocess
def test_the_brief_command_writes_a_word_brief_and_refuses_another_extension(
    state, tmp_path, capsys
):
    out = tmp_path / "brief.docx"
    args = ["brief", "--dataset", "demo", "--since-version", "1", "--as-of", AS_OF.isoformat(),
            "--until", UNTIL.isoformat()]  # fmt: skip
    assert main([*args, "--out", str(out)]) == 0
    sections = docx_sections(out.read_bytes())
    overdue = sections[t("brief.section.still_overdue", "fr")]
    demo = load_shipped("demo")
    # One version only: nothing is new, every overdue measure is still overdue.
    assert t("brief.none", "fr") in sections[t("brief.section.newly_overdue", "fr")]
    from monitoring.analysis.delays import measure_list

    assert all(m in overdue for m in measure_list(demo, AS_OF, "all", "overdue")["measure_id"])
    assert main([*args, "--out", str(tmp_path / "brief.txt")]) == 2
    assert ".docx" in capsys.readouterr().err


def test_since_a_date_the_brief_compares_with_the_version_current_that_day(v1, edits):
    """Version 1 stored on 1 March, version 2 on 1 October (Paris time): a brief since
    1 June compares version 1, read on 1 June; since 2 October, version 2 (nothing differs
    but what happened in between); before any version, the first one."""
    paris = ZoneInfo("Europe/Paris")
    # The second version: 30 September at 23:30 UTC, 1 October at 01:30 in Paris.
    stored = [dt.datetime(2026, 3, 1, 9), dt.datetime(2026, 9, 30, 23, 30)]
    times = iter(moment.replace(tzinfo=dt.UTC) for moment in stored)
    store = MemoryStore(clock=lambda: next(times))
    for number, ds in enumerate((v1, edits.v2), start=1):
        files = (StoredFile(f"v{number}.xlsx", b"x"),)
        assert store.save(NewVersion("demo", ds, files, "test", f"v{number}")).created
    versions = store.versions("demo")
    assert brief.version_at(versions, dt.date(2026, 6, 1), paris).number == 1
    assert brief.version_at(versions, dt.date(2026, 10, 1), paris).number == 2
    assert brief.version_at(versions, dt.date(2026, 9, 30), dt.UTC).number == 2
    assert brief.version_at(versions, dt.date(2026, 9, 30), paris).number == 1
    assert brief.version_at(versions, dt.date(2025, 1, 1), paris).number == 1
    june = brief.from_store(store, "demo", as_of=AS_OF, since=dt.date(2026, 6, 1), zone=paris)
    assert (june.period.since_version, june.period.version) == (1, 2)
    assert june.period.since == dt.date(2026, 6, 1)
    assert (edits.down, GOV, "down") in {
        (r.measure_id, r.voice, r.direction) for r in june.statuses.itertuples()
    }
    since_v2 = brief.from_store(store, "demo", as_of=AS_OF, since_version=2, zone=paris)
    assert since_v2.period.since == dt.date(2026, 10, 1)  # the day it was stored, in Paris
