"""A committee's answers brought back, in a real browser.

The app runs on its own fresh store holding a copy of the demo (the shared demo stays as
shipped for the other browser tests). A questions workbook with two answers filled in
(openpyxl) goes through the real file input of the Update page: the page recognises the
answers, the change review shows two new status rows and one event, and the confirm
stores one version holding exactly two new government assessments and one meeting
event. Screenshots go to `screenshots/answers-<n>-<step>.png`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from monitoring.config.settings import Settings
from monitoring.storage import open_store
from monitoring.text.i18n import t
from tests.answers_files import QUESTIONS_ASKED, TWO_ANSWERS, filled
from tests.browser.conftest import app_holding, expect_no_error_alert

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The dashboard on a fresh store holding a copy of the demo: (URL, state, dataset key)."""
    state = tmp_path_factory.mktemp("answers-state")
    with app_holding(state, DEMO.read_bytes(), "answers") as (url, key):
        yield url, state, key


def settle(page: Page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_two_answers_are_reviewed_then_stored_as_one_version(
    page: Page, demo_copy: tuple[str, Path, str], screenshots: Path, tmp_path: Path
) -> None:
    url, state, key = demo_copy
    answers = tmp_path / "reponses-comite.xlsx"
    answers.write_bytes(filled(TWO_ANSWERS))

    page.set_viewport_size({"width": 1400, "height": 3000})
    page.goto(f"{url}/upload?dataset={key}&lang=fr&as_of=2026-12-02")
    expect(page.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(answers)
    settle(page)

    # The review, before anything is stored: the answers recognised, two rows, one event.
    expect(page.get_by_text(t("upload.answers", "fr", count=len(TWO_ANSWERS)))).to_be_visible(
        timeout=TIMEOUT
    )
    expect(
        page.get_by_role("heading", name="Ce qui change par rapport à la version 1")
    ).to_be_visible(timeout=TIMEOUT)
    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text=re.compile(rf"^Suivi\s*{len(TWO_ANSWERS)}$"))).to_have_count(1)
    expect(metrics.filter(has_text=re.compile(r"^Chronologie\s*1$"))).to_have_count(1)
    expect(metrics.filter(has_text=re.compile(r"^Événements ajoutés\s*1$"))).to_have_count(1)
    cells = page.get_by_test_id("stExpander").filter(
        has_text=re.compile(
            rf"Toutes les différences, feuille par feuille \({len(TWO_ANSWERS) + 1}\)"
        )
    )
    expect(cells).to_have_count(1)
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "answers-1-review.png", full_page=True)
    store = open_store(Settings(state_dir=state))
    try:
        assert [v.number for v in store.versions(key)] == [1]
    finally:
        store.close()

    page.get_by_label("Note : de quoi s'agit-il ?").fill("Réponses du comité de décembre")
    page.get_by_label("Votre nom").fill("Coordinatrice")
    page.get_by_role("button", name="Enregistrer cette version").click()
    expect(page.get_by_text(re.compile(r"Enregistré : version 2 du jeu"))).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "answers-2-stored.png", full_page=True)

    store = open_store(Settings(state_dir=state))
    try:
        assert [v.number for v in store.versions(key)] == [1, 2]
        before, after = store.read_dataset(key, 1), store.read_dataset(key, 2)
    finally:
        store.close()
    added = after.status_updates.iloc[len(before.status_updates) :]
    answered = sorted(q.measure_id for q in QUESTIONS_ASKED if q.key in TWO_ANSWERS)
    assert sorted(added["measure_id"]) == answered
    assert set(added["voice"]) == {"government"}
    events = after.events[~after.events["event_id"].isin(before.events["event_id"])]
    assert events["kind"].tolist() == ["meeting"]
