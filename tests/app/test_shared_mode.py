"""Shared mode in AppTest: the sign-in gate, roles in the navigation and on each page.

`AppTest.user` plays the identity Streamlit's OpenID Connect sign-in would give; the real
sign-in against a provider is in `tests/browser/test_sign_in_browser.py`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.config.settings import Settings
from monitoring.intake.reading import Upload
from monitoring.services.importing import ensure_seeded, import_upload
from monitoring.storage import Store, open_store
from monitoring.storage.access import local_actor
from monitoring.text.i18n import plain
from tests.app.helpers import assert_page_ok, table_with

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO = ROOT / "data" / "demo.xlsx"
AUTH = {
    "redirect_uri": "https://suivi.example.org/oauth2callback",
    "cookie_secret": "x" * 48,
    "client_id": "plan-monitoring",
    "client_secret": "s",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


@pytest.fixture
def store(state_dir: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("PLAN_MONITORING_MODE", "shared")
    monkeypatch.setenv("PLAN_MONITORING_ADMINS", "root@coalition.example")
    monkeypatch.setenv("PLAN_MONITORING_UNKNOWN_USERS", "refuse")
    opened = open_store(Settings.from_env())
    yield opened
    opened.close()


@pytest.fixture
def users(store: Store) -> dict[str, str]:
    """Fresh addresses for this test, one per role (the store is shared by the session)."""
    tag = uuid.uuid4().hex[:8]
    made = {role: f"{role}-{tag}@coalition.example" for role in ("viewer", "editor")}
    for role, email in made.items():
        store.set_role(email, role, by=local_actor("tests"))  # type: ignore[arg-type]
    return made


def run(page: str | None, user: dict | None, lang: str = "fr", dataset: str = "demo") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user if user is not None else {"is_logged_in": False}
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": "2026-11-26"})
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert_page_ok(at)
    return at


ISSUER = "https://id.example.org"


def signed_in(email: str, name: str = "Quelqu'un") -> dict:
    """The identity cookie of an account whose subject is its own address, verified."""
    return {
        "is_logged_in": True, "iss": ISSUER, "sub": f"sub-{email}", "email": email,
        "email_verified": True, "name": name,
    }  # fmt: skip


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def page_language_of(at: AppTest) -> str | None:
    """The language the page's script gives the browser (`views.widgets.page_language`)."""
    for element in at.get("html"):
        found = re.search(r'const lang = "(\w+)"', element.proto.body)
        if found:
            return found.group(1)
    return None


def test_a_visitor_who_is_not_signed_in_sees_only_the_sign_in_page(store: Store) -> None:
    for page in (None, "upload", "admin", "measures"):
        at = run(page, None)
        assert titles(at) == ["Connexion"]
        assert [b.label for b in at.button] == ["Se connecter"]
        assert not at.metric and not at.dataframe and not at.sidebar.selectbox
        assert page_language_of(at) == "fr"  # said to the browser: Streamlit says "en"


def test_the_sign_in_page_speaks_english_and_offers_each_named_provider(store: Store) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": AUTH["cookie_secret"],
        "microsoft": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
        "google": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
    }
    at.user = {"is_logged_in": False}
    at.query_params["lang"] = "en"
    at.run()
    assert titles(at) == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in with microsoft", "Sign in with google"]
    assert page_language_of(at) == "en"


def test_an_unknown_account_is_refused_and_the_refusal_is_recorded(store: Store) -> None:
    email = f"stranger-{uuid.uuid4().hex[:8]}@elsewhere.example"
    at = run(None, signed_in(email))
    assert titles(at) == ["Accès non autorisé"]
    assert plain(email) in at.warning[0].value  # shown as written (Markdown-escaped)
    assert not at.metric and not at.sidebar.selectbox
    assert [(e.kind, e.actor, e.role) for e in store.audit(limit=50) if e.actor == email] == [
        ("refused", email, "—")  # no role: the trail does not pretend they were a viewer
    ]


def test_an_unverified_address_is_refused(store: Store, users: dict[str, str]) -> None:
    at = run(None, {**signed_in(users["editor"]), "email_verified": False})
    assert titles(at) == ["Accès non autorisé"]


def test_unknown_accounts_may_be_viewers_by_setting(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAN_MONITORING_UNKNOWN_USERS", "viewer")
    at = run(None, signed_in(f"new-{uuid.uuid4().hex[:8]}@elsewhere.example"))
    assert titles(at) == ["Vue d'ensemble"]
    assert at.metric


def test_a_viewer_reads_but_the_update_page_refuses_them(users: dict[str, str]) -> None:
    at = run(None, signed_in(users["viewer"], "Alice"))
    assert titles(at) == ["Vue d'ensemble"]
    assert any("Lecteur" in c.value for c in at.sidebar.caption)
    # Even if the page is reached (a stale tab, a forged navigation), it stops at once.
    at = run("upload", signed_in(users["viewer"]))
    assert "Mettre à jour" not in titles(at) or not at.get("file_uploader")
    assert not at.get("file_uploader")


def test_an_editor_has_the_update_page_but_not_the_admin_page(users: dict[str, str]) -> None:
    at = run("upload", signed_in(users["editor"]))
    assert titles(at) == ["Mettre à jour"]
    assert at.get("file_uploader")
    at = run("admin", signed_in(users["editor"]))
    assert "Administration" not in titles(at)
    assert not [h for h in at.header if h.value == "Journal d'audit"]


def test_a_viewer_cannot_restore_from_the_history(store: Store, users: dict[str, str]) -> None:
    key = f"t-{uuid.uuid4().hex[:12]}"
    for name in ("demo.xlsx", "france.xlsx"):  # two versions: restoring one is possible
        upload = Upload(name, (ROOT / "data" / name).read_bytes())
        import_upload(store, key, [upload], author="t", note="n", actor=local_actor("tests"),
                      allow_rewrite=True, allow_replace=True)  # fmt: skip
    at = run("history", signed_in(users["viewer"]), dataset=key)
    assert titles(at) == ["Historique"]
    assert any("réservé aux éditeurs" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "history.start"]


def test_an_admin_changes_a_role_and_reads_the_audit_trail(
    store: Store, users: dict[str, str]
) -> None:
    data = DEMO.read_bytes()
    key = f"t-{uuid.uuid4().hex[:12]}"
    editor = local_actor("tests")
    import_upload(store, key, [Upload("demo.xlsx", data)], author="t", note="n", actor=editor)
    at = run("admin", signed_in("root@coalition.example", "Root"), dataset=key)
    assert titles(at) == ["Administration"]
    assert [h.value for h in at.header] == ["Utilisateurs et rôles", "Journal d'audit"]
    at.text_input(key="admin.email").input(users["viewer"])
    at.selectbox(key="admin.role").set_value("editor")
    at.button[0].click().run()  # the form's submit button
    assert_page_ok(at)
    assert store.user_role(users["viewer"]) == "editor"
    assert [s.value for s in at.success] == [f"Rôle de {plain(users['viewer'])} : Éditeur."]
    role_events = [e for e in store.audit(limit=20) if e.kind == "role"]
    assert role_events[0].actor == "root@coalition.example"
    assert users["viewer"] in role_events[0].detail
    # Stored in UTC, read in the coordinators' zone (Paris by default), named in the header.
    trail = table_with(at, "Date (Europe/Paris)")
    paris = {
        (stamp if stamp.tzinfo else stamp.tz_localize("UTC")).tz_convert("Europe/Paris")
        for stamp in (pd.Timestamp(e.at) for e in store.audit(limit=200))
    }
    assert set(trail["Date (Europe/Paris)"]) == {p.tz_localize(None) for p in paris}
    assert "Modifié le (Europe/Paris)" in table_with(at, "Modifié le (Europe/Paris)").columns


def test_the_local_mode_needs_no_sign_in_and_its_user_is_admin(
    state_dir: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLAN_MONITORING_MODE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = {"is_logged_in": False}
    at.query_params.update({"dataset": "demo", "lang": "fr"})
    at.switch_page("views/admin.py")
    at.run()
    assert_page_ok(at)
    assert titles(at) == ["Administration"]
    assert any("Mode local" in i.value for i in at.info)


def test_a_request_through_a_reverse_proxy_is_recognised() -> None:
    from views.auth import proxied

    assert proxied({"X-Forwarded-For": "203.0.113.7", "Host": "suivi.example.org"})
    assert proxied({"forwarded": "for=203.0.113.7"})
    assert proxied({"X-Real-IP": "203.0.113.7"})
    assert not proxied({"Host": "127.0.0.1:8501", "User-Agent": "Chromium"})


def test_a_download_is_recorded_in_the_audit_trail_before_it_is_built(store: Store) -> None:
    import datetime as dt

    from monitoring.analysis.filters import Filters
    from monitoring.storage.access import Actor
    from views import common

    ensure_seeded(store)
    reader = Actor(f"reader-{uuid.uuid4().hex[:8]}@coalition.example", "R", "viewer")
    ctx = common.Context(
        "demo", store.current("demo"), None, None, "v", "fr", dt.date(2026, 11, 26),  # type: ignore[arg-type]
        Filters((), (), (), "all"), reader,
    )  # fmt: skip
    built: list[str] = []
    data = common.audited(
        ctx, "demo_delays_overdue_2026-11-26.xlsx", lambda: built.append("x") or b"PK"
    )
    assert not [e for e in store.audit(limit=20) if e.actor == reader.user_id]  # not yet
    assert data() == b"PK" and built == ["x"]
    events = [e for e in store.audit(limit=20) if e.actor == reader.user_id]
    assert [(e.kind, e.role, e.dataset_key, e.detail) for e in events] == [
        ("export", "viewer", "demo", "demo_delays_overdue_2026-11-26.xlsx")
    ]
    assert events[0].version == store.current("demo").number  # type: ignore[union-attr]


def test_a_sign_in_older_than_the_session_limit_must_be_renewed(
    users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setenv("PLAN_MONITORING_SESSION_HOURS", "8")
    fresh = {**signed_in(users["editor"]), "iat": int(time.time()) - 3600}
    assert titles(run(None, fresh)) == ["Vue d'ensemble"]
    stale = {**signed_in(users["editor"]), "iat": int(time.time()) - 9 * 3600}
    at = run(None, stale)
    assert titles(at) == ["Connexion"]
    assert [i.value for i in at.info] == [
        "Votre session a expiré : reconnectez-vous pour continuer."
    ]
    assert not at.metric
    monkeypatch.delenv("PLAN_MONITORING_SESSION_HOURS")
    assert titles(run(None, stale)) == ["Vue d'ensemble"]  # no limit: the cookie's 30 days


def test_the_session_limit_needs_a_positive_number() -> None:
    from monitoring.config.settings import SettingError
    from views.auth import session_expired

    with pytest.raises(SettingError):
        Settings.from_env({"PLAN_MONITORING_SESSION_HOURS": "0"})
    assert Settings.from_env({"PLAN_MONITORING_SESSION_HOURS": "12"}).session_hours == 12
    assert session_expired(None, 8, 1e9)  # no `iat`: cannot be checked, so expired
    assert not session_expired(None, None, 1e9)
    assert not session_expired(1e9 - 100, 8, 1e9)


def test_editors_may_publish_from_the_report_page_viewers_may_not(users: dict[str, str]) -> None:
    publish = "Télécharger le site et les données (ZIP)"
    viewer = run("report", signed_in(users["viewer"]))
    editor = run("report", signed_in(users["editor"]))
    assert [h.value for h in viewer.header] == [] or "Publier" not in [
        h.value for h in viewer.header
    ]
    assert publish not in [b.proto.label for b in viewer.get("download_button")]
    assert publish in [b.proto.label for b in editor.get("download_button")]
