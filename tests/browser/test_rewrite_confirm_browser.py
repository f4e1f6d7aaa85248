"""A history rewrite in a real browser: shown apart, stored only once its box is ticked.

The app runs on its own fresh store holding a copy of the demo (so the shared demo stays
as shipped for the other browser tests). Upload an edited workbook (a measure's title, a
past assessment's status and evidence) through the real file input, see the cell review
and the rewrite warning, confirm without ticking (refused, nothing stored), tick, confirm
(stored). Screenshots go to `screenshots/rewrite-<n>-<step>.png`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from monitoring.config.settings import Settings
from monitoring.storage import open_store
from tests.browser.conftest import app_holding, expect_no_error_alert

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The dashboard on a fresh store holding a copy of the demo: (URL, state, dataset key)."""
    state = tmp_path_factory.mktemp("rewrite-state")
    with app_holding(state, DEMO.read_bytes(), "rw") as (url, key):
        yield url, state, key


def versions(state: Path, key: str) -> list[int]:
    store = open_store(Settings(state_dir=state))
    try:
        return [v.number for v in store.versions(key)]
    finally:
        store.close()


def settle(page: Page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_a_rewrite_of_history_is_stored_only_once_its_box_is_ticked(
    page: Page, demo_copy: tuple[str, Path, str], screenshots: Path, tmp_path: Path
) -> None:
    url, state, key = demo_copy
    wb = openpyxl.load_workbook(DEMO)
    wb["Mesures"]["E2"] = "Nouvel intitulé"
    wb["Suivi"]["C2"] = "Réalisée"  # A-M01's assessment of 14/12/2018, already stored
    wb["Suivi"]["I2"] = "Rapport corrigé"
    edited = tmp_path / "reecriture.xlsx"
    wb.save(edited)

    page.set_viewport_size({"width": 1400, "height": 3000})
    page.goto(f"{url}/upload?dataset={key}&lang=fr&as_of=2026-11-26")
    expect(page.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(edited)
    settle(page)
    expect(
        page.get_by_role("heading", name="Ce qui change par rapport à la version 1")
    ).to_be_visible(timeout=TIMEOUT)
    # The cell review, with its headline per sheet, and the rewrite apart.
    cells = page.get_by_test_id("stExpander").filter(
        has_text=re.compile(r"Toutes les différences, feuille par feuille \(3\)")
    )
    expect(cells).to_have_count(1)
    expect(cells.get_by_test_id("stDataFrame")).to_be_visible()
    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text=re.compile(r"^Mesures\s*1$"))).to_have_count(1)
    expect(metrics.filter(has_text=re.compile(r"^Suivi\s*2$"))).to_have_count(1)
    warning = page.get_by_text("Cette version réécrit l'historique (1 ligne déjà enregistrée)")
    expect(warning).to_be_visible()
    expect(page.get_by_text("Chiffres qui changent à des dates passées")).to_be_visible()
    expect_no_error_alert(page)
    page.screenshot(path=screenshots / "rewrite-1-review.png", full_page=True)

    # Confirm without ticking: refused, nothing stored.
    page.get_by_label("Note : de quoi s'agit-il ?").fill("Correction d'une évaluation de 2018")
    page.get_by_label("Votre nom").fill("Coordinatrice")
    page.get_by_role("button", name="Enregistrer cette version").click()
    refused = "Cochez d'abord la confirmation demandée ci-dessus : rien n'a été enregistré."
    expect(page.get_by_text(refused)).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect_no_error_alert(page, any_error=False)
    assert versions(state, key) == [1]
    page.screenshot(path=screenshots / "rewrite-2-refused.png", full_page=True)

    # Tick the box, confirm: stored.
    box = page.get_by_test_id("stCheckbox").filter(
        has_text="Je confirme la réécriture de l'historique"
    )
    box.click()
    expect(box.locator("input")).to_be_checked()
    page.get_by_role("button", name="Enregistrer cette version").click()
    expect(page.get_by_text(f"Enregistré : version 2 du jeu « {key} ».")).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    expect_no_error_alert(page)
    assert versions(state, key) == [1, 2]
    page.screenshot(path=screenshots / "rewrite-3-stored.png", full_page=True)
