"""User text never turns into Markdown: a workbook whose every free-text cell, a version's
note, author and file name, and a signed-in user's name and address carry an image, a link
and a Streamlit directive shows them as written on every page.

Elements that render Markdown (text, captions, alerts, headings, labels, tooltips) must
hold that text escaped (`monitoring.text.i18n.plain`); elements that show plain text (tables,
`st.text`, drop-down options) must hold it as written, never with backslashes.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.config.settings import Settings
from monitoring.intake.reading import Upload
from monitoring.present.pages import PAGES as DECLARED
from monitoring.services.importing import import_upload
from monitoring.storage import Store, open_store
from monitoring.storage.access import local_actor
from monitoring.text.i18n import plain
from tests.app.helpers import assert_page_ok

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO = ROOT / "data" / "demo.xlsx"
AS_OF = "2026-11-26"
IMAGE = "![x](https://tracker.example/p.png)"
LINK = "[lien](https://evil.example)"
COLOUR = ":red[rouge]"
HOSTILE = f"{IMAGE} {LINK} {COLOUR}"
# What must never reach a Markdown element as such: each would be an image loaded from
# another site, a link, or red text (a bare address would become a link too).
MARKERS = ("![x]", "https://tracker.example", "https://evil.example", ":red[")
# Every free-text column of the demo workbook (sheet: headers); identifiers, dates and
# statuses stay valid, so the workbook is accepted.
FREE_TEXT = {
    "Plans": ("Intitulé", "Source"),
    "Mesures": ("Axe", "Intitulé", "Pilote", "Source"),
    "Recommandations": ("Auteur", "Thème", "Intitulé", "Source"),
    "Prise en compte": ("Commentaire", "Source"),
    "Suivi": ("Évaluateur", "Source", "Commentaire"),
    "Chronologie": ("Intitulé", "De", "À", "Source"),
}
# The detail of this measure lists recommendations, evidence and a carried-over chain.
MEASURE = "C-M01"
# Every page but Update.
PAGES = tuple(page.id for page in DECLARED if page.id != "upload")
MARKDOWN_TYPES = {"markdown", "caption", "title", "header", "subheader", "info", "warning",
                  "success", "error", "toast"}  # fmt: skip


def hostile_demo(edited_title: bool = False) -> bytes:
    """The demo workbook with `HOSTILE` appended to every free-text cell."""
    wb = openpyxl.load_workbook(DEMO)
    for sheet, headers in FREE_TEXT.items():
        ws = wb[sheet]
        columns = [i for i, cell in enumerate(ws[1]) if cell.value in headers]
        assert len(columns) == len(headers), (sheet, [c.value for c in ws[1]])
        for row in ws.iter_rows(min_row=2):
            for i in columns:
                value = row[i].value
                if isinstance(value, str) and value.startswith("="):  # text, not a formula
                    row[i].value = f"{HOSTILE} {value}"
                elif value not in (None, ""):
                    row[i].value = f"{value} {HOSTILE}"
    if edited_title:  # a second version that changes something: History compares them
        ws = wb["Mesures"]
        ws.cell(row=2, column=5).value = f"Titre revu {HOSTILE}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def dataset(store: Store) -> str:
    """The hostile demo, twice (two versions), uploaded with hostile names and notes."""
    key = f"md-{uuid.uuid4().hex[:12]}"
    for number, data in enumerate((hostile_demo(), hostile_demo(edited_title=True))):
        result = import_upload(
            store, key, [Upload(f"{LINK} {number}.xlsx", data)], author=f"{COLOUR} {IMAGE}",
            note=f"Note {HOSTILE}", actor=local_actor("tests"),
        )  # fmt: skip
        assert result.status == "stored", result.message("en")
    return key


def open_page(page: str, dataset: str, lang: str = "fr", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": AS_OF, **params})
    at.switch_page(f"views/{page}.py")
    at.run()
    assert_page_ok(at)
    return at


def markdown_texts(at: AppTest) -> Iterator[str]:
    """Every string of the page Streamlit renders as Markdown."""
    for node in at._tree:
        if node.type in MARKDOWN_TYPES:
            yield str(node.value)
        for name in ("label", "help"):  # metrics, expanders, widgets, buttons, tooltips
            text = getattr(node, name, None)
            if isinstance(text, str):
                yield text
        if node.type == "radio":  # unlike drop-downs, a radio renders its options
            yield from (str(option) for option in node.options)


def plain_texts(at: AppTest) -> Iterator[str]:
    """Every string of the page shown as plain text: tables, `st.text`, drop-down options."""
    for node in at._tree:
        if node.type == "dataframe":
            frame = node.value if isinstance(node.value, pd.DataFrame) else pd.DataFrame()
            yield from (str(v) for v in frame.astype(str).to_numpy().ravel())
            yield from (str(c) for c in frame.columns)
        elif node.type == "text":
            yield str(node.value)
        elif node.type in {"selectbox", "multiselect"}:
            yield from (str(option) for option in node.options)


def leaks(at: AppTest) -> list[str]:
    return [text for text in markdown_texts(at) if any(m in text for m in MARKERS)]


def shown_escaped(at: AppTest) -> bool:
    return any(plain(LINK) in text for text in markdown_texts(at))


def shown_plain(at: AppTest) -> bool:
    return any(LINK in text for text in plain_texts(at))


def double_escaped(at: AppTest) -> list[str]:
    return [text for text in plain_texts(at) if plain(LINK) in text or "\\[" in text]


@pytest.mark.parametrize("page", PAGES)
def test_user_text_is_never_markdown_on_any_page(dataset: str, page: str) -> None:
    params = {"measure": MEASURE} if page == "measures" else {}
    at = open_page(page, dataset, **params)
    assert not leaks(at), f"user text rendered as Markdown on {page}: {leaks(at)}"
    # The hostile text did reach the page (else this test would prove nothing)…
    assert shown_escaped(at) or shown_plain(at), page
    # …and where it is shown as plain text, it is shown as written.
    assert not double_escaped(at), double_escaped(at)


def test_a_plan_title_reaches_the_overview_escaped(dataset: str) -> None:
    at = open_page("overview", dataset, lang="en")
    assert any(plain(HOSTILE) in s.value for s in at.subheader)
    assert not leaks(at)


def test_an_address_typed_on_the_admin_page_is_shown_escaped(dataset: str, store: Store) -> None:
    address = f"{IMAGE}@x.example"  # a valid address: nothing but "@" and spaces is refused
    at = open_page("admin", dataset)
    at.text_input(key="admin.email").input(f"{LINK} {COLOUR}")  # not an address
    next(b for b in at.button if b.label == "Enregistrer le rôle").click().run()
    assert [plain(f"{LINK} {COLOUR}") in e.value for e in at.error] == [True]
    at.text_input(key="admin.email").input(address)
    try:
        next(b for b in at.button if b.label == "Enregistrer le rôle").click().run()
        assert [plain(address) in s.value for s in at.success] == [True]
        assert not leaks(at), leaks(at)
        assert address in at.selectbox(key="admin.who").options  # a drop-down: as written
    finally:
        store.set_role(address, None, by=local_actor("tests"))


# --- Shared mode: names and addresses come from the identity provider ------------------

AUTH = {
    "redirect_uri": "https://suivi.example.org/oauth2callback",
    "cookie_secret": "x" * 48,
    "client_id": "plan-monitoring",
    "client_secret": "s",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}
ADMIN = "root_admin_@coalition.example"


@pytest.fixture
def shared(state_dir: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("PLAN_MONITORING_MODE", "shared")
    monkeypatch.setenv("PLAN_MONITORING_ADMINS", f"{ADMIN},{IMAGE}@x.example")
    monkeypatch.setenv("PLAN_MONITORING_UNKNOWN_USERS", "refuse")
    opened = open_store(Settings.from_env())
    yield opened
    opened.close()


def signed_in(email: str, name: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {
        "is_logged_in": True, "iss": "https://id.example.org", "sub": f"sub-{email}",
        "email": email, "email_verified": True, "name": name,
    }  # fmt: skip
    at.query_params.update({"dataset": "demo", "lang": "fr", "as_of": AS_OF})
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert_page_ok(at)
    return at


def test_a_signed_in_name_and_the_admins_list_are_shown_escaped(shared: Store) -> None:
    at = signed_in(ADMIN, f"Ann {HOSTILE}", "admin")
    assert [t.value for t in at.title] == ["Administration"]
    assert any(plain(f"Ann {HOSTILE}") in c.value for c in at.sidebar.caption)
    assert any(plain(f"{IMAGE}@x.example") in c.value for c in at.caption)
    assert not leaks(at), leaks(at)


def test_a_refused_address_is_shown_escaped(shared: Store) -> None:
    email = f"{LINK}-{uuid.uuid4().hex[:6]}@elsewhere.example"
    at = signed_in(email, "Quelqu'un")
    assert [t.value for t in at.title] == ["Accès non autorisé"]
    assert plain(email) in at.warning[0].value
    assert not leaks(at), leaks(at)
