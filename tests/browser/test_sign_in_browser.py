"""Shared mode in a real browser: a real OpenID Connect sign-in, then roles.

An OpenID Connect provider (`oidc-provider-mock`: discovery, authorisation form, token and
userinfo endpoints, signed ID tokens) runs on 127.0.0.1; the app runs in shared mode with
an `[auth]` secrets file pointing at it. Each user signs in through the provider's form:

- nobody sees any data before signing in;
- a viewer has no Update page (a typed-in address says, in French, that the role gives no
  access, with no file input), no restore button, and no Administration page;
- an editor uploads a workbook and stores it as a new version;
- an admin sees the audit trail (the editor's upload, the sign-ins) and changes a role;
- an unknown account is refused, and the refusal is in the trail;
- an account whose `email_verified` claim is missing claims the permanent admin's address,
  and one whose claim is false claims the editor's: both are refused, and the trail lists
  both refusals with their reason and account (issuer, subject);
- each account is bound to its address at its first sign-in (`accounts`).

Screenshots go to `screenshots/sign-in-<step>.png`.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect

from monitoring.config.settings import Settings
from monitoring.intake.reading import Upload
from monitoring.services.importing import ensure_seeded, import_upload
from monitoring.storage import open_store
from monitoring.storage.access import AuditEvent, local_actor
from tests.browser.conftest import (
    ROOT,
    OidcProvider,
    _free_port,
    _wait_healthy,
    sign_in_with_provider,
)
from tests.browser.test_update_cycle_browser import modified_demo

TIMEOUT = 60_000
DEMO = ROOT / "data" / "demo.xlsx"
USERS = {
    "alice@coalition.example": ("Alice Lectrice", "viewer"),
    "bob@coalition.example": ("Bob Éditeur", "editor"),
    "carol@coalition.example": ("Carol Admin", None),  # admin by PLAN_MONITORING_ADMINS
    "dave@elsewhere.example": ("Dave Inconnu", None),  # not in the table: refused
}
# Accounts whose e-mail claim is not verified, each claiming someone else's address:
# subject → (claimed address, `email_verified`; None: the claim is missing).
BORROWERS: dict[str, tuple[str, bool | None]] = {
    "eve-no-claim": ("carol@coalition.example", None),  # the permanent admin's address
    "mallory-false": ("bob@coalition.example", False),  # the editor's
}


@dataclass(frozen=True)
class App:
    url: str
    state: Path  # the SQLite store's folder

    def audit(self) -> list[AuditEvent]:
        store = open_store(Settings(state_dir=self.state))
        try:
            return store.audit()
        finally:
            store.close()

    def account_of(self, email: str) -> tuple[str, str] | None:
        store = open_store(Settings(state_dir=self.state))
        try:
            return store.account_of(email)
        finally:
            store.close()


@pytest.fixture(scope="module")
def shared_app(
    oidc_provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[App]:
    """The app in shared mode, its roles set beforehand as an admin would on the CLI."""
    state = tmp_path_factory.mktemp("shared-state")
    store = open_store(Settings(state_dir=state))
    try:
        for email, (name, role) in USERS.items():
            oidc_provider.add_user(email, name)
            if role is not None:
                store.set_role(email, role, by=local_actor("setup"))
        for sub, (email, verified) in BORROWERS.items():
            oidc_provider.add_user(email, sub.title(), sub=sub, verified=verified)
        # The demo gets a second version, so the history offers a restore (to editors).
        ensure_seeded(store)
        second = modified_demo(state / "comite-octobre.xlsx")
        upload = Upload(second.name, second.read_bytes())
        import_upload(store, "demo", [upload], author="setup", note="v2", actor=local_actor())
    finally:
        store.close()
    port = _free_port()
    secrets_file = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    secrets_file.write_text(oidc_provider.auth_secrets(redirect_uri, secrets.token_hex(32)))
    env = {
        **os.environ,
        "PLAN_MONITORING_MODE": "shared",
        "PLAN_MONITORING_STATE_DIR": str(state),
        "PLAN_MONITORING_ADMINS": "carol@coalition.example",
        "PLAN_MONITORING_UNKNOWN_USERS": "refuse",
        "AUTHLIB_INSECURE_TRANSPORT": "1",
        # Whatever the worker inherited: no chart images here (sign-in is the subject), so
        # a first page never waits for kaleido's Chromium to start.
        "PLAN_MONITORING_NO_RENDERER": "1",
    }
    env.pop("PLAN_MONITORING_DATABASE_URL", None)
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--secrets.files", str(secrets_file),
    ]  # fmt: skip
    log = secrets_file.parent / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, time.monotonic() + 60)
        yield App(url, state)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def december(path: Path) -> Path:
    """Version 2 (the October committee) with one more letter: what the editor uploads."""
    book = openpyxl.load_workbook(modified_demo(path))
    book["Chronologie"].append(
        ["EV-32", dt.datetime(2026, 12, 2), "Lettre", "Relance au ministère", "Collectif",
         "Ministère A", None, "DEMO-C", None, "Comité de suivi"]
    )  # fmt: skip
    book.save(path)
    return path


def settle(page: Page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def sign_in(browser: Browser, app: App, email: str, path: str = "") -> Page:
    """A fresh browser session signed in as `email` through the provider's form, on `path`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    sign_in_with_provider(page, app.url, email)
    settle(page)
    # The identity cookie holds across the browser's tabs: open the page wanted, on the
    # demo, in a new tab (as a coordinator would follow a shared link).
    page.close()
    page = context.new_page()
    page.goto(f"{app.url}/{path}?dataset=demo&lang=fr&as_of=2026-11-26")
    settle(page)
    return page


def nav(page: Page) -> list[str]:
    # Each link reads "<icon name>\n\n<title>": keep the title.
    links = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
    return [text.split("\n")[-1].strip() for text in links]


def test_nobody_reads_data_before_signing_in_and_an_unknown_account_is_refused(
    shared_app: App, browser: Browser, screenshots: Path
) -> None:
    page = browser.new_page()
    page.goto(f"{shared_app.url}/?dataset=demo")
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    # Nothing of the data before signing in: no navigation, no dataset, no figure.
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    page.screenshot(path=screenshots / "sign-in-1-sign-in-page.png", full_page=True)
    page.goto(f"{shared_app.url}/upload")  # a typed-in address: the same sign-in page
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
    page.close()

    page = sign_in(browser, shared_app, "dave@elsewhere.example")
    expect(page.get_by_role("heading", name="Accès non autorisé")).to_be_visible()
    expect(page.get_by_text("dave@elsewhere.example")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    page.screenshot(path=screenshots / "sign-in-2-refused.png", full_page=True)
    page.context.close()
    assert ("refused", "dave@elsewhere.example") in {(e.kind, e.actor) for e in shared_app.audit()}


def test_a_viewer_reads_but_cannot_upload_restore_or_administer(
    shared_app: App, browser: Browser, screenshots: Path
) -> None:
    page = sign_in(browser, shared_app, "alice@coalition.example")
    heading = page.get_by_role("heading", name="Vue d'ensemble", exact=True)
    expect(heading).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Alice Lectrice (alice@coalition.example) · Lecteur")).to_be_visible()
    links = nav(page)
    assert "Vue d'ensemble" in links and "Historique" in links
    assert "Mettre à jour" not in links and "Administration" not in links
    page.screenshot(path=screenshots / "sign-in-3-viewer.png", full_page=True)

    # Typed-in addresses of the Update and Administration pages: not served to a viewer.
    for path in ("upload", "admin"):
        page.goto(f"{shared_app.url}/{path}?dataset=demo")
        settle(page)
        page.screenshot(path=screenshots / f"sign-in-3-viewer-typed-{path}.png", full_page=True)
        # Refused in French on the page itself: no English "Page not found" dialog.
        expect(
            page.get_by_text("Votre rôle (Lecteur) ne donne pas accès à cette page.")
        ).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
        expect(page.get_by_role("heading", name="Journal d'audit")).to_have_count(0)

    # The history reads, but restoring is for editors.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Historique").click()
    settle(page)
    expect(page.get_by_text("Restaurer une version est réservé aux éditeurs")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_role("button", name="Restaurer la version")).to_have_count(0)
    page.context.close()
    assert ("sign_in", "alice@coalition.example") in {(e.kind, e.actor) for e in shared_app.audit()}


def test_an_editor_uploads_and_an_admin_sees_it_in_the_audit_trail(
    shared_app: App, browser: Browser, screenshots: Path, tmp_path: Path
) -> None:
    page = sign_in(browser, shared_app, "bob@coalition.example", "upload")
    expect(page.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
    links = nav(page)
    assert "Mettre à jour" in links and "Administration" not in links
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        december(tmp_path / "suivi-decembre.xlsx")
    )
    settle(page)
    page.screenshot(path=screenshots / "sign-in-4-editor-review.png", full_page=True)
    page.get_by_label("Note : de quoi s'agit-il ?").fill("Comité de décembre")
    page.get_by_label("Votre nom").fill("Bob")
    page.get_by_role("button", name="Enregistrer cette version").click()
    expect(
        page.get_by_text("Enregistré : version 3 du jeu « Démonstration (données fictives) ».")
    ).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=screenshots / "sign-in-4-editor-stored.png", full_page=True)
    page.context.close()

    page = sign_in(browser, shared_app, "carol@coalition.example", "admin")
    expect(page.get_by_role("heading", name="Journal d'audit")).to_be_visible(timeout=TIMEOUT)
    trail = page.get_by_test_id("stDataFrame").last
    expect(trail).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=screenshots / "sign-in-5-admin.png", full_page=True)

    # The admin makes Alice an editor: said on the page, kept in the table and the trail.
    page.get_by_label("Adresse e-mail").fill("alice@coalition.example")
    page.get_by_test_id("stSelectbox").filter(has_text="Rôle").click()
    page.get_by_role("option", name="Éditeur").click()
    page.get_by_role("button", name="Enregistrer le rôle").click()
    expect(page.get_by_text("Rôle de alice@coalition.example : Éditeur.")).to_be_visible(
        timeout=TIMEOUT
    )
    page.context.close()

    events = shared_app.audit()
    kinds = {(e.kind, e.actor) for e in events}
    assert ("sign_in", "bob@coalition.example") in kinds
    assert ("sign_in", "carol@coalition.example") in kinds
    assert ("role", "carol@coalition.example") in kinds
    upload = next(e for e in events if e.kind == "upload" and e.actor != "local:root")
    assert (upload.actor, upload.role) == ("bob@coalition.example", "editor")
    assert (upload.dataset_key, upload.version) == ("demo", 3)
    role = next(e for e in events if e.kind == "role" and e.actor == "carol@coalition.example")
    assert "alice@coalition.example" in role.detail and role.role == "admin"


def test_an_unverified_e_mail_cannot_borrow_an_address_and_both_refusals_are_in_the_trail(
    shared_app: App, browser: Browser, screenshots: Path, oidc_provider: OidcProvider
) -> None:
    for sub, (email, _verified) in BORROWERS.items():
        page = sign_in(browser, shared_app, sub)
        expect(page.get_by_role("heading", name="Accès non autorisé")).to_be_visible()
        expect(page.get_by_text("n'a pas transmis d'adresse e-mail vérifiée")).to_be_visible()
        expect(page.get_by_text(email)).to_be_visible()  # the address claimed, not granted
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        page.screenshot(path=screenshots / f"sign-in-6-refused-{sub}.png", full_page=True)
        page.context.close()

    refusals = {
        e.detail.split(" · ")[0]: (e.actor, e.role, e.detail)
        for e in shared_app.audit()
        if e.kind == "refused"
    }
    issuer = oidc_provider.url
    assert refusals["email-unconfirmed"] == (
        "carol@coalition.example", "—", f"email-unconfirmed · iss={issuer} · sub=eve-no-claim"
    )  # fmt: skip
    assert refusals["email-unverified"] == (
        "bob@coalition.example", "—", f"email-unverified · iss={issuer} · sub=mallory-false"
    )  # fmt: skip
    # Neither account was bound, nor signed in; the addresses they claimed stay free for
    # (or bound to) their owners' own accounts.
    signed_in = {e.actor for e in shared_app.audit() if e.kind == "sign_in"}
    assert "eve-no-claim" not in signed_in and "mallory-false" not in signed_in
    for email in ("carol@coalition.example", "bob@coalition.example"):
        assert shared_app.account_of(email) in (None, (issuer, email))

    # The admin's page shows the trail (a canvas grid: the screenshot shows the refusals,
    # their reason in words; `audit_table`'s unit tests check the words).
    page = sign_in(browser, shared_app, "carol@coalition.example", "admin")
    expect(page.get_by_role("heading", name="Journal d'audit")).to_be_visible(timeout=TIMEOUT)
    assert shared_app.account_of("carol@coalition.example") == (issuer, "carol@coalition.example")
    settle(page)
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=screenshots / "sign-in-7-admin-sees-refusals.png", full_page=True)
    page.context.close()
