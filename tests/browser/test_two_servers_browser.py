"""Two app servers on one PostgreSQL database, as a shared deployment runs them.

Both servers started at once on a fresh, empty database (`shared_servers` in conftest):
each shipped dataset is stored once, whatever the race. Then a coordinator on server A
uploads the demo workbook with one status changed and confirms; a reader who had the
demo open on server B sees, at their next click (no page reload), the new version and
the figures computed from it, not the ones cached from the old version.

Expected figures are checked by hand against `data/demo.xlsx` at 26/11/2026: plan DEMO-C
has 28 measures, 3 done (11 %); C-M27 done makes 4 (14 %). DEMO-A stays at 7 of 24 (29 %).
Screenshots: `screenshots/two-servers-A.png`, `screenshots/two-servers-B.png`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import ROOT, SharedServers

DEMO = ROOT / "data" / "demo.xlsx"
QUERY = "dataset=demo&lang=fr&as_of=2026-11-26"
TIMEOUT = 60_000
GOVERNMENT = ("Gouvernement", "Coordination interministérielle (fictif)")
NOTE, AUTHOR = "Comité de novembre (serveur A)", "Coordinatrice A"


def one_status_changed(path: Path) -> Path:
    """The demo with one new assessment: C-M27 « Réalisée » on 25/11/2026 (was « En cours »)."""
    wb = openpyxl.load_workbook(DEMO)
    day = dt.datetime(2026, 11, 25)
    wb["Suivi"].append(["C-M27", day, "Réalisée", *GOVERNMENT, None, None, 100, "Bilan", None])
    wb.save(path)
    return path


def settle(page: Page) -> None:
    # Streamlit shows a status widget while the script runs; wait for it to go.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def go_to(page: Page, name: str) -> None:
    """Click a page in the sidebar navigation: a rerun in the same session, no reload."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=TIMEOUT)
    settle(page)


def completion(page: Page, plan: str) -> Locator:
    """The value of a plan's « Taux de réalisation » on the overview."""
    card = (
        page.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_role("heading", name=re.compile(f"^{plan} — ")))
        .last  # the innermost block holding the heading: the plan's bordered card
    )
    metric = card.get_by_test_id("stMetric").filter(has_text="Taux de réalisation")
    return metric.get_by_test_id("stMetricValue")


def current_version(page: Page) -> int:
    """The version the Update page offers as « Données actuelles (version N) »."""
    button = page.get_by_role("button", name=re.compile(r"^Données actuelles \(version \d+\)$"))
    expect(button).to_be_visible(timeout=TIMEOUT)
    return int(re.findall(r"\d+", button.inner_text())[-1])


def test_both_servers_started_at_once_store_each_shipped_dataset_once(
    shared_servers: SharedServers,
) -> None:
    store = shared_servers.store()
    try:
        for key in ("france", "demo"):
            seeds = [v.number for v in store.versions(key) if v.kind == "seed"]
            assert seeds == [1], f"{key}: seed versions {seeds}"
    finally:
        store.close()


def test_an_upload_on_server_a_shows_on_server_b_at_the_next_click(
    browser: Browser, shared_servers: SharedServers, screenshots: Path, tmp_path: Path
) -> None:
    url_a, url_b = shared_servers.urls
    reader = browser.new_context(viewport={"width": 1400, "height": 2000})
    coordinator = browser.new_context(viewport={"width": 1400, "height": 2400})
    try:
        # B: the demo's overview, then its Update page for the version it shows.
        b = reader.new_page()
        b.goto(f"{url_b}/?{QUERY}")
        expect(b.get_by_role("heading", name="Vue d'ensemble")).to_be_visible(timeout=TIMEOUT)
        expect(completion(b, "DEMO-C")).to_have_text(re.compile(r"^11\s%$"), timeout=TIMEOUT)
        expect(completion(b, "DEMO-A")).to_have_text(re.compile(r"^29\s%$"))
        b.evaluate("window.sameDocument = true")  # gone if the page is ever reloaded
        go_to(b, "Mettre à jour")
        base = current_version(b)

        # A: upload the demo with C-M27 done, review, confirm with a note and a name.
        a = coordinator.new_page()
        a.goto(f"{url_a}/upload?{QUERY}")
        expect(a.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
        settle(a)
        a.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            one_status_changed(tmp_path / "comite-novembre.xlsx")
        )
        review = f"Ce qui change par rapport à la version {base}"
        expect(a.get_by_role("heading", name=review)).to_be_visible(timeout=TIMEOUT)
        up = a.get_by_test_id("stMetric").filter(has_text="Statuts en progrès")
        expect(up).to_contain_text("1")
        a.get_by_label("Note : de quoi s'agit-il ?").fill(NOTE)
        a.get_by_label("Votre nom").fill(AUTHOR)
        a.get_by_role("button", name="Enregistrer cette version").click()
        stored = f"Enregistré : version {base + 1} du jeu « Démonstration (données fictives) »."
        expect(a.get_by_text(stored)).to_be_visible(timeout=TIMEOUT)
        settle(a)
        a.screenshot(path=screenshots / "two-servers-A.png", full_page=True)

        # B, next click: the new version and figures computed from it, in the same page.
        go_to(b, "Vue d'ensemble")
        expect(completion(b, "DEMO-C")).to_have_text(re.compile(r"^14\s%$"), timeout=TIMEOUT)
        expect(completion(b, "DEMO-A")).to_have_text(re.compile(r"^29\s%$"))
        b.screenshot(path=screenshots / "two-servers-B.png", full_page=True)
        go_to(b, "Mettre à jour")
        assert current_version(b) == base + 1
        assert b.evaluate("window.sameDocument") is True
    finally:
        coordinator.close()
        reader.close()

    store = shared_servers.store()
    try:
        current = store.current("demo")
        assert current is not None
        assert (current.number, current.note, current.author) == (base + 1, NOTE, AUTHOR)
    finally:
        store.close()
