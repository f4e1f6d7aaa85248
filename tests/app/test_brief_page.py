"""AppTest: the Committee brief page (« Préparer le comité ») on the demonstration dataset.

Expected facts come from the data (each voice's latest assessment, the letters and their
replies; the overdue measures of the Delays page), never from the page's own output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.analysis.delays import measure_list
from monitoring.intake.loading import load_shipped
from monitoring.text.i18n import t
from tests.app.helpers import table_with
from tests.unit.test_brief import AS_OF, expected_disagreements, expected_unanswered

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
SECTIONS = ("changes", "late", "disagreements", "letters", "questions")


def run_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/brief.py").run()
    return at


def table(at: AppTest, column: str) -> str:
    """The table with that column heading, as text (every cell)."""
    return " | ".join(table_with(at, column).astype(str).to_numpy().ravel())


def headings(at: AppTest) -> list[tuple[str, ...]]:
    return [tuple(f.value.columns) for f in at.dataframe]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_brief_page_shows_each_fact_of_the_data_and_asks_about_it(lang):
    at = run_page(dataset="demo", lang=lang, as_of=AS_OF.isoformat())
    demo = load_shipped("demo")
    assert at.title[0].value == t("page.brief", lang)
    assert [h.value for h in at.header] == [t(f"brief.section.{s}", lang) for s in SECTIONS]
    disagreements = table(at, t("voice.civil_society", lang))
    assert all(m in disagreements for m in expected_disagreements(demo))
    letters = table(at, t("brief.col.waiting", lang))
    titles = demo.events.set_index("event_id")["title"]
    assert all(titles[e] in letters for e in expected_unanswered(demo))
    questions = next(m.value for m in at.markdown if m.value.startswith("1. "))
    overdue = measure_list(demo, AS_OF, "all", "overdue")["measure_id"]
    for measure in [*overdue, *expected_disagreements(demo)]:
        assert measure.replace("-", "\\-") in questions
    labels = [b.label for b in at.get("download_button")]
    assert t("brief.download.docx", lang) in labels and t("brief.download.pdf", lang) in labels
    # The questions to take to the meeting, whose answers come back through the Update page.
    assert t("brief.download.xlsx", lang) in labels and t("brief.download.ods", lang) in labels


def test_the_last_meeting_date_chooses_what_changed_since():
    at = run_page(dataset="demo", lang="fr", as_of=AS_OF.isoformat())
    changed = t("brief.col.after", "fr")  # the status changes' and deadlines' tables
    evidence = t("delays.col.evidence", "fr")  # the new assessments' table
    at.date_input(key="brief.since").set_value(AS_OF).run()
    # Read on the as-of date itself, one version: nothing changed since.
    assert not [h for h in headings(at) if changed in h or evidence in h]
    nothing = t("brief.none", "fr")
    assert sum(c.value == nothing for c in at.caption) >= 7
    at.date_input(key="brief.since").set_value(dt.date(2026, 1, 1)).run()
    assert [h for h in headings(at) if changed in h]
    assert [h for h in headings(at) if evidence in h]


def test_a_last_meeting_after_the_as_of_date_is_refused_in_words():
    at = run_page(dataset="demo", lang="en", as_of=AS_OF.isoformat())
    at.date_input(key="brief.since").set_value(AS_OF + dt.timedelta(days=1)).run()
    assert [e.value for e in at.error] == [t("brief.bad_dates", "en", as_of=AS_OF)]
    assert not at.get("download_button")
