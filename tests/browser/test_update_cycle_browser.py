"""A coordinator's whole update cycle in a real browser, on the demo dataset.

Upload a modified demo workbook through the real file input, read the change review,
write a note, confirm; find the new version in the history; restore the previous one
(so the demo reads as shipped again for the other browser tests); download the current
data and check it is a workbook that uploads back as identical. Screenshots of each step
go to `screenshots/update-cycle-<n>-<step>.png`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect

from tests.browser.conftest import expect_no_error_alert

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
TIMEOUT = 60_000
GOVERNMENT = ("Gouvernement", "Coordination interministérielle (fictif)")


def modified_demo(path: Path) -> Path:
    """The demo after a committee: C-M27 done (up), a measure and an event added."""
    wb = openpyxl.load_workbook(DEMO)
    day = dt.datetime(2026, 11, 25)
    wb["Suivi"].append(["C-M27", day, "Réalisée", *GOVERNMENT, None, None, 100, "Bilan", None])
    wb["Mesures"].append(
        ["C-M99", "DEMO-C", 99, "Prévenir et sensibiliser", "Mesure ajoutée", "Ministère E",
         dt.datetime(2027, 12, 31), None, None, "Comité de suivi"]
    )  # fmt: skip
    wb["Chronologie"].append(
        ["EV-31", day, "Lettre", "Lettre au ministère", "Collectif", "Ministère A", None,
         "DEMO-C", None, "Comité de suivi"]
    )  # fmt: skip
    wb.save(path)
    return path


def settle(page: Page) -> None:
    # Streamlit shows a status widget while the script runs; wait for it to go.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def drop(page: Page, path: Path) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    settle(page)


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=folder / f"update-cycle-{name}.png", full_page=True)


def test_a_coordinator_uploads_reviews_confirms_restores_and_downloads(
    page: Page, app_url: str, screenshots: Path, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.goto(f"{app_url}/upload?dataset=demo&lang=fr&as_of=2026-11-26")
    expect(page.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect_no_error_alert(page)
    shot(page, screenshots, "1-upload-page")

    # Upload through the real file input: the change review appears.
    drop(page, modified_demo(tmp_path / "suivi-novembre.xlsx"))
    review = page.get_by_role("heading", name=re.compile("Ce qui change par rapport à la version"))
    expect(review).to_be_visible(timeout=TIMEOUT)
    settle(page)  # the review is drawn top down: wait for the whole of it
    base = int(re.findall(r"\d+", review.inner_text())[-1])
    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Statuts en progrès")).to_contain_text("1")
    expect(metrics.filter(has_text="Mesures ajoutées")).to_contain_text("1")
    expect(metrics.filter(has_text="Événements ajoutés")).to_contain_text("1")
    expect_no_error_alert(page)
    shot(page, screenshots, "2-change-review")

    # A note, a name, an explicit confirm: a new version.
    page.get_by_label("Note : de quoi s'agit-il ?").fill("Comité de novembre (navigateur)")
    page.get_by_label("Votre nom").fill("Coordinatrice")
    page.get_by_role("button", name="Enregistrer cette version").click()
    stored = base + 1
    expect(
        page.get_by_text(
            f"Enregistré : version {stored} du jeu « Démonstration (données fictives) »."
        )
    ).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect_no_error_alert(page)
    shot(page, screenshots, "3-stored")

    # A corrected file dropped next replaces the stored one in the uploader's list (no
    # "mixed files" refusal), and the name typed for the stored version is pre-filled.
    wb = openpyxl.load_workbook(tmp_path / "suivi-novembre.xlsx")
    wb["Mesures"].append(
        ["C-M98", "DEMO-C", 98, "Prévenir et sensibiliser", "Encore une", "Ministère E",
         dt.datetime(2027, 12, 31), None, None, "Comité de suivi"]
    )  # fmt: skip
    wb.save(tmp_path / "suivi-decembre.xlsx")
    drop(page, tmp_path / "suivi-decembre.xlsx")
    expect(page.get_by_text("seul le dernier est vérifié")).to_be_visible(timeout=TIMEOUT)
    expect(
        page.get_by_role("heading", name=f"Ce qui change par rapport à la version {stored}")
    ).to_be_visible()
    expect(page.get_by_label("Votre nom")).to_have_value("Coordinatrice")
    expect_no_error_alert(page)
    shot(page, screenshots, "3b-next-file-replaces")

    # The history lists it; its original file is the one uploaded.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Historique").click()
    expect(page.get_by_role("heading", name="Historique", exact=True)).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    expect_no_error_alert(page)
    expect(page.get_by_text("Fichier(s) d'origine : suivi-novembre.xlsx")).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Mesures ajoutées")).to_contain_text("1")
    shot(page, screenshots, "4-history")

    # Restore the previous version: a confirm step, then a new version equal to it.
    page.get_by_role("button", name=f"Restaurer la version {base}…").click()
    settle(page)
    expect(page.get_by_text(f"copiée en une nouvelle version {stored + 1}")).to_be_visible()
    shot(page, screenshots, "5-restore-confirm")
    page.get_by_role("button", name="Confirmer la restauration").click()
    restored = f"Restauré : la version {stored + 1} est une copie de la version {base}."
    expect(page.get_by_text(restored)).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect_no_error_alert(page)
    shot(page, screenshots, "6-restored")

    # Download the current data: a workbook in the upload format, identical on re-upload.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Mettre à jour").click()
    expect(page.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role(
            "button", name=f"Données actuelles (version {stored + 1})", exact=True
        ).click()
    assert download.value.suggested_filename == f"demo-version-{stored + 1}.xlsx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    book = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()))
    assert {"Plans", "Mesures", "Suivi", "Chronologie"} <= set(book.sheetnames)
    assert book["Mesures"].max_row == openpyxl.load_workbook(DEMO)["Mesures"].max_row
    drop(page, saved)
    expect(
        page.get_by_text(f"identique à la version {stored + 1} : il n'y a rien à enregistrer")
    ).to_be_visible(timeout=TIMEOUT)
    shot(page, screenshots, "7-round-trip-identical")
