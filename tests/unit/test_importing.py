"""The import service: bytes → a stored version, a rejection, or "identical to version N"."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from monitoring.contract.schema import SHEETS_BY_ID
from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.intake.reading import Upload
from monitoring.present.workbook import write_workbook
from monitoring.services import importing
from monitoring.services.importing import (
    SEED_AUTHOR,
    commit_import,
    ensure_seeded,
    export_version,
    import_upload,
    prepare_import,
    restore_version,
)
from monitoring.storage import Store, StoreBusy
from monitoring.storage.access import Actor, Forbidden
from monitoring.storage.memory import MemoryStore
from monitoring.storage.sql import SqlStore, table_counts
from monitoring.text.i18n import t

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
EDITOR = Actor("lea@coalition.example", "Lea", "editor")
ALICE = Actor("alice@coalition.example", "Alice", "admin")


@cache
def demo_bytes() -> bytes:
    return DEMO.read_bytes()


@cache
def edited_demo(**cells: object) -> bytes:
    """The demo workbook with cells changed: `Suivi__Statut__2="…"` sets the cell of row 2
    under the header « Statut » of sheet Suivi (by header: columns move as the contract
    grows)."""
    wb = openpyxl.load_workbook(io.BytesIO(demo_bytes()))
    for address, value in cells.items():
        sheet, header, row = address.split("__")
        headers = [c.value for c in wb[sheet][1]]
        wb[sheet].cell(int(row), headers.index(header) + 1).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet_rows(sheet: str) -> list[list[object]]:
    wb = openpyxl.load_workbook(io.BytesIO(demo_bytes()))
    return [[c.value for c in row] for row in wb[sheet].iter_rows()]


def partial_workbook(**sheets: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    if request.param == "memory":
        yield MemoryStore()
        return
    sql = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield sql
    sql.close()


@pytest.fixture
def sqlite_store(tmp_path) -> Iterator[SqlStore]:
    sql = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield sql
    sql.close()


def upload(store: Store, data: bytes, name: str = "demo.xlsx", **kw):
    kw.setdefault("actor", EDITOR)
    kw.setdefault("author", "Awa")
    kw.setdefault("note", "comité de mai")
    return import_upload(store, "demo", [Upload(name, data)], **kw)


# --- Whole workbooks -----------------------------------------------------------------------


def test_a_valid_workbook_is_stored_as_version_1_with_its_bytes_note_and_author(store):
    result = upload(store, demo_bytes())
    assert result.status == "stored" and result.report.ok
    info = result.version
    assert (info.number, info.kind, info.author, info.note) == (1, "upload", "Awa", "comité de mai")
    assert store.read_files("demo", 1)[0].data == demo_bytes()
    assert "version 1" in result.message("fr") and "version 1" in result.message("en")


def test_the_stored_message_names_a_shipped_dataset_by_its_name_not_its_key(store):
    result = upload(store, demo_bytes())
    assert result.message("fr") == (
        "Enregistré : version 1 du jeu « Démonstration (données fictives) »."
    )
    assert "« demo »" not in result.message("fr")
    other = import_upload(store, "t-coalition", [Upload("demo.xlsx", demo_bytes())],
                          actor=EDITOR, author="Awa", note="copie")  # fmt: skip
    assert other.message("fr") == "Enregistré : version 1 du jeu « t-coalition »."


def test_the_file_name_is_stored_sanitised_for_display(store):
    result = upload(store, demo_bytes(), name="C:\\Users\\x\\..\\plan\u202egpj.xlsx")
    assert result.version.file_name == "plangpj.xlsx"


def test_author_and_note_lose_control_characters_and_nul(store):
    result = upload(store, demo_bytes(), author="Awa\x00\x1b[31m", note="ligne 1\nligne 2\x00")
    assert result.version.author == "Awa[31m"
    assert result.version.note == "ligne 1\nligne 2"


def test_a_rejected_upload_changes_no_table_and_the_previous_version_reads_back_byte_for_byte(
    sqlite_store,
):
    first = upload(sqlite_store, demo_bytes()).version
    before = table_counts(sqlite_store.engine)
    dataset_hash = sqlite_store.read_dataset("demo", 1).content_hash()

    result = upload(sqlite_store, edited_demo(Suivi__Statut__2="Terminé à moitié"))

    assert result.status == "rejected"
    assert any(i.sheet == "Suivi" and i.row == 2 for i in result.report.errors)
    assert table_counts(sqlite_store.engine) == before
    assert sqlite_store.current("demo") == first
    (stored,) = sqlite_store.read_files("demo", 1)
    assert stored.data == demo_bytes() and stored.sha256 == first.file_sha256
    assert sqlite_store.read_dataset("demo", 1).content_hash() == dataset_hash == first.content_hash


def test_an_error_on_the_last_row_of_a_large_file_writes_nothing(sqlite_store):
    dataset = synthetic_dataset(2_000, seed=3)
    updates = dataset.status_updates
    updates.loc[updates.index[-1], "measure_id"] = "NO-SUCH-MEASURE"
    data = write_workbook(dataset, "fr")
    before = table_counts(sqlite_store.engine)

    result = upload(sqlite_store, data, name="big.xlsx")

    assert result.status == "rejected"
    (error,) = result.report.errors
    assert (error.sheet, error.row) == ("Suivi", len(updates) + 1)
    assert table_counts(sqlite_store.engine) == before


def test_a_file_with_the_same_content_as_the_current_version_stores_nothing(store):
    upload(store, demo_bytes())
    result = upload(store, demo_bytes(), name="same-again.xlsx")
    assert result.status == "identical" and result.version.number == 1
    assert result.message("en") == "Identical to version 1: nothing was stored."
    assert len(store.versions("demo")) == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_exported_version_uploaded_back_unchanged_is_identical(store, lang):
    upload(store, demo_bytes())
    exported = export_version(store, "demo", lang=lang)
    result = upload(store, exported, name="export.xlsx")
    assert result.status == "identical" and result.version.number == 1


def test_a_rerun_with_the_same_idempotency_key_stores_one_version(store):
    first = upload(store, demo_bytes(), idempotency_key="sha+nonce")
    again = upload(
        store, edited_demo(Mesures__Intitulé__2="Autre intitulé"), idempotency_key="sha+nonce"
    )
    assert first.status == again.status == "stored"
    assert again.replayed and again.version == first.version
    assert len(store.versions("demo")) == 1
    assert "rien n'a été ajouté" in again.message("fr")


def test_a_save_that_fails_reports_failed_and_stores_nothing():
    store = MemoryStore()
    upload(store, demo_bytes())
    store.fail_next_save = True
    result = upload(store, edited_demo(Mesures__Intitulé__2="Autre intitulé"))
    assert result.status == "failed"
    assert "nothing was changed" in result.message("en")
    assert len(store.versions("demo")) == 1


# --- Confirmations: history rewritten, a replacement ----------------------------------------


def test_an_upload_rewriting_a_stored_assessment_is_refused_and_stores_nothing(store):
    upload(store, demo_bytes())
    rewritten = edited_demo(Suivi__Statut__2="Réalisée")
    result = upload(store, rewritten)
    assert result.status == "refused" and result.missing == ("rewrite",)
    assert result.version is None and result.previous.number == 1
    assert [v.number for v in store.versions("demo")] == [1]
    assert "A-M01 · 14/12/2018 · Gouvernement" in result.message("fr")
    stored = upload(store, rewritten, allow_rewrite=True)
    assert stored.status == "stored" and stored.version.number == 2


def test_an_upload_removing_most_recommendations_is_refused_unless_replacing(store):
    upload(store, demo_bytes())
    wb = openpyxl.load_workbook(io.BytesIO(demo_bytes()))
    wb["Recommandations"].delete_rows(2, 14)  # 14 of 28: half
    wb["Prise en compte"].delete_rows(2, wb["Prise en compte"].max_row)  # nothing refers to them
    out = io.BytesIO()
    wb.save(out)
    refused = upload(store, out.getvalue())
    assert refused.status == "refused" and refused.missing == ("replace",)
    assert "Recommandations : 14 retirée(s) sur 28" in refused.message("fr")
    assert upload(store, out.getvalue(), allow_rewrite=True).status == "refused"
    assert [v.number for v in store.versions("demo")] == [1]
    assert upload(store, out.getvalue(), allow_replace=True).status == "stored"


def test_a_commit_checks_the_flags_again_against_a_version_stored_since_it_was_prepared(store):
    upload(store, demo_bytes())
    files = [Upload("titre.xlsx", edited_demo(Mesures__Intitulé__2="Titre corrigé"))]
    prepared = prepare_import(store, "demo", files)
    assert prepared.flags is not None and prepared.flags.needed() == ()
    header, first, *_ = sheet_rows("Suivi")
    newer = list(first)
    newer[header.index("Date")] = dt.datetime(2026, 2, 1)
    workbook = partial_workbook(Suivi=[header, newer])
    assert upload(store, workbook, partial=True).status == "stored"  # version 2
    # Stored now, the prepared workbook would remove version 2's new assessment.
    result = commit_import(store, prepared, actor=EDITOR, author="Awa", note="titre")
    assert result.status == "refused" and result.missing == ("rewrite",)
    assert [v.number for v in store.versions("demo")] == [1, 2]
    again = commit_import(store, prepared, actor=EDITOR, author="Awa", note="t", allow_rewrite=True)
    assert again.status == "stored" and again.version.number == 3


# --- Partial updates -----------------------------------------------------------------------


def test_a_partial_update_appends_new_status_rows_and_skips_identical_ones(store):
    upload(store, demo_bytes())
    header, first, *_ = sheet_rows("Suivi")
    newer = list(first)
    newer[header.index("Date")] = dt.datetime(2026, 1, 15)
    newer[header.index("Statut")] = "Réalisée"
    data = partial_workbook(Suivi=[header, first, newer])

    result = upload(store, data, name="suivi-janvier.xlsx", partial=True)

    assert result.status == "stored", [i.message("en") for i in result.report]
    assert result.version.kind == "partial" and result.version.based_on == 1
    before, after = store.read_dataset("demo", 1), store.read_dataset("demo", 2)
    assert len(after.status_updates) == len(before.status_updates) + 1
    added = after.status_updates.iloc[-1]
    assert (added["measure_id"], added["status"], added["category"]) == (
        first[0],
        "Réalisée",
        "done",
    )
    assert after.measures.equals(before.measures)
    assert store.read_files("demo", 2)[0].data == data


def test_a_partial_update_holding_only_existing_rows_is_identical(store):
    upload(store, demo_bytes())
    header, first, second, *_ = sheet_rows("Suivi")
    result = upload(store, partial_workbook(Suivi=[header, first, second]), partial=True)
    assert result.status == "identical" and result.version.number == 1


def test_a_partial_event_with_an_existing_id_replaces_it_in_place_and_new_ones_are_appended(
    store,
):
    upload(store, demo_bytes())
    header, first, *_ = sheet_rows("Chronologie")
    changed = list(first)
    changed[header.index("Intitulé")] = "Intitulé corrigé"
    fresh = list(first)
    fresh[0] = "EV-NEW-1"
    fresh[header.index("Intitulé")] = "Nouvel événement"

    workbook = partial_workbook(Chronologie=[header, changed, fresh])
    # Changing a stored event rewrites history: refused unless confirmed.
    assert upload(store, workbook, partial=True).status == "refused"
    result = upload(store, workbook, partial=True, allow_rewrite=True)

    assert result.status == "stored", [i.message("en") for i in result.report]
    before, after = store.read_dataset("demo", 1).events, store.read_dataset("demo", 2).events
    assert len(after) == len(before) + 1
    assert after.iloc[0]["event_id"] == first[0]
    assert after.iloc[0]["title"] == "Intitulé corrigé"
    assert after.iloc[-1]["event_id"] == "EV-NEW-1"
    assert after.iloc[1:-1]["event_id"].tolist() == before.iloc[1:]["event_id"].tolist()


def test_a_partial_row_naming_an_unknown_measure_is_rejected_at_its_own_row(store):
    upload(store, demo_bytes())
    header, first, *_ = sheet_rows("Suivi")
    wrong = list(first)
    wrong[0] = "NO-SUCH-MEASURE"
    result = upload(store, partial_workbook(Suivi=[header, first, wrong]), partial=True)
    assert result.status == "rejected"
    (error,) = result.report.errors
    assert (error.code, error.sheet, error.row, error.column) == ("foreign-key", "Suivi", 3, "A")
    assert len(store.versions("demo")) == 1


def test_a_partial_update_may_not_replace_other_sheets(store):
    upload(store, demo_bytes())
    data = partial_workbook(Suivi=sheet_rows("Suivi")[:2], Mesures=sheet_rows("Mesures")[:2])
    result = upload(store, data, partial=True)
    assert result.status == "rejected"
    assert "whole workbook" in result.report.errors[0].message("en")


def verdict_sheet(*rows: dict[str, object]) -> list[list[object]]:
    """A `Verdicts publiés` sheet (French headers) on the demo's first plan."""
    sheet = SHEETS_BY_ID["published_verdicts"]
    plan = sheet_rows("Plans")[1][0]
    base = {"plan_id": plan, "assessor": "Rapporteur (fictif)", "voice": "Évaluation indépendante",
            "published_on": dt.datetime(2024, 1, 12), "measures_covered": 2, "count_done": 1,
            "source": "https://example.org/verdict"}  # fmt: skip
    return [[c.fr for c in sheet.columns]] + [
        [(base | row).get(c.id) for c in sheet.columns] for row in rows
    ]


def test_a_partial_update_may_add_a_published_verdict(store):
    upload(store, demo_bytes())

    result = upload(
        store, partial_workbook(**{"Verdicts publiés": verdict_sheet({})}), partial=True
    )

    assert result.status == "stored", [i.message("en") for i in result.report]
    before, after = store.read_dataset("demo", 1), store.read_dataset("demo", 2)
    verdicts = after.tables["published_verdicts"]
    assert len(verdicts) == len(before.tables["published_verdicts"]) + 1
    assert verdicts.iloc[-1]["assessor"] == "Rapporteur (fictif)"
    assert after.status_updates.equals(before.status_updates)


def test_a_partial_verdict_of_the_same_plan_assessor_and_date_replaces_the_existing_one(store):
    upload(store, demo_bytes())
    upload(store, partial_workbook(**{"Verdicts publiés": verdict_sheet({})}), partial=True)
    other = {"assessor": "Collectif (fictif)", "voice": "Société civile"}
    corrected = verdict_sheet({"count_done": 2}, other)

    result = upload(store, partial_workbook(**{"Verdicts publiés": corrected}), partial=True)

    assert result.status == "stored", [i.message("en") for i in result.report]
    first, second = store.read_dataset("demo", 2), store.read_dataset("demo", 3)
    verdicts = second.tables["published_verdicts"]
    assert len(verdicts) == len(first.tables["published_verdicts"]) + 1
    replaced = verdicts[verdicts["assessor"] == "Rapporteur (fictif)"]
    assert replaced["count_done"].tolist() == [2]
    assert verdicts.iloc[-1]["assessor"] == "Collectif (fictif)"


def test_a_partial_verdict_covering_more_measures_than_its_plan_has_is_rejected(store):
    upload(store, demo_bytes())
    rows = verdict_sheet({"measures_covered": 10_000})

    result = upload(store, partial_workbook(**{"Verdicts publiés": rows}), partial=True)

    assert result.status == "rejected"
    (error,) = result.report.errors
    assert (error.sheet, error.row, error.key) == (
        "Verdicts publiés",
        2,
        "verdict_covered_over_plan",
    )
    assert len(store.versions("demo")) == 1


def test_a_partial_update_of_a_dataset_without_any_version_is_rejected(store):
    result = upload(store, partial_workbook(Suivi=sheet_rows("Suivi")[:2]), partial=True)
    assert result.status == "rejected"
    assert "no version yet" in result.report.errors[0].message("en")


def test_a_partial_update_is_appended_to_a_version_stored_after_it_was_prepared(store):
    upload(store, demo_bytes())
    header, first, *_ = sheet_rows("Suivi")
    newer = list(first)
    newer[header.index("Date")] = dt.datetime(2026, 2, 1)
    files = [Upload("p.xlsx", partial_workbook(Suivi=[header, newer]))]
    prepared = prepare_import(store, "demo", files, partial=True)
    upload(store, edited_demo(Mesures__Intitulé__2="Titre changé entre-temps"))  # version 2

    result = commit_import(store, prepared, actor=EDITOR, author="Awa", note="partiel")

    assert result.status == "stored" and result.version.number == 3
    assert result.version.based_on == 2
    latest = store.read_dataset("demo", 3)
    assert latest.measures.iloc[0]["title"] == "Titre changé entre-temps"
    assert len(latest.status_updates) == len(store.read_dataset("demo", 2).status_updates) + 1


# --- Restore and seeding ----------------------------------------------------------------------


def test_restore_stores_a_new_version_equal_to_the_older_one_and_says_so(store):
    first = upload(store, demo_bytes()).version
    upload(store, edited_demo(Mesures__Intitulé__2="Autre intitulé"))

    result = restore_version(
        store, "demo", 1, actor=EDITOR, author="Lea", note="erreur de saisie", lang="en"
    )

    assert result.status == "stored"
    info = result.version
    assert (info.number, info.kind, info.restored_from) == (3, "restore", 1)
    assert info.note == "Restore of version 1. erreur de saisie"
    assert info.content_hash == first.content_hash
    assert store.read_files("demo", 3) == store.read_files("demo", 1)
    assert [v.number for v in store.versions("demo")] == [1, 2, 3]


def test_restoring_the_current_version_is_identical_and_stores_nothing(store):
    upload(store, demo_bytes())
    result = restore_version(store, "demo", 1, actor=EDITOR, author="Lea")
    assert result.status == "identical" and len(store.versions("demo")) == 1


def test_an_empty_store_is_seeded_with_the_shipped_datasets_once(store):
    stored = ensure_seeded(store)
    assert [(v.dataset_key, v.number, v.kind, v.author) for v in stored] == [
        ("france", 1, "seed", SEED_AUTHOR),
        ("demo", 1, "seed", SEED_AUTHOR),
    ]
    assert "data/france.xlsx" in stored[0].note
    assert ensure_seeded(store) == []
    assert store.read_files("demo", 1)[0].data == demo_bytes()


# --- Who may write, and the audit trail --------------------------------------------------------

VIEWER = Actor("vera@coalition.example", "Vera", "viewer")


class Untouchable:
    """A store that fails the test at any use: a refused write must not even read."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the store was used ({name}) before the role was checked")


def test_a_viewers_import_is_refused_before_anything_is_read_or_stored():
    with pytest.raises(Forbidden) as raised:
        import_upload(Untouchable(), "demo", [Upload("demo.xlsx", demo_bytes())],  # type: ignore[arg-type]
                      actor=VIEWER, author="Vera", note="")  # fmt: skip
    assert (raised.value.action, raised.value.params["role"]) == ("upload", "viewer")
    french = t(raised.value.key, "fr", role=t("access.role.viewer", "fr"))
    assert french == "Votre rôle (Lecteur) ne permet pas cette action ; rien n'a été modifié."
    assert "Your role (Viewer) does not allow" in t(raised.value.key, "en", role="Viewer")


def test_a_viewers_restore_is_refused_before_anything_is_read_or_stored():
    with pytest.raises(Forbidden) as raised:
        restore_version(Untouchable(), "demo", 1, actor=VIEWER, author="Vera")  # type: ignore[arg-type]
    assert raised.value.action == "restore"


def test_a_viewer_cannot_confirm_an_import_prepared_for_them(store):
    upload(store, demo_bytes())
    files = [Upload("demo.xlsx", edited_demo(Mesures__Intitulé__2="Autre intitulé"))]
    prepared = prepare_import(store, "demo", files)  # checking a file is reading: allowed
    with pytest.raises(Forbidden):
        commit_import(store, prepared, actor=VIEWER, author="Vera", note="")
    assert len(store.versions("demo")) == 1
    assert [e.actor for e in store.audit()] == [EDITOR.user_id]


def test_an_upload_and_a_restore_are_recorded_with_their_version_in_the_audit_trail(store):
    upload(store, demo_bytes(), name="plan de mai.xlsx")
    upload(store, edited_demo(Mesures__Intitulé__2="Autre intitulé"))
    restored = restore_version(store, "demo", 1, actor=ALICE, author="Alice")

    events = store.audit()
    assert [(e.kind, e.actor, e.role, e.dataset_key, e.version, e.detail) for e in events] == [
        ("restore", "alice@coalition.example", "admin", "demo", 3, "version 1"),
        ("upload", "lea@coalition.example", "editor", "demo", 2, "demo.xlsx"),
        ("upload", "lea@coalition.example", "editor", "demo", 1, "plan de mai.xlsx"),
    ]
    assert events[0].at == restored.version.created_at


def test_a_partial_update_is_recorded_with_its_file_names(store):
    upload(store, demo_bytes())
    header, first, *_ = sheet_rows("Suivi")
    newer = list(first)
    newer[header.index("Date")] = dt.datetime(2026, 3, 1)
    result = upload(store, partial_workbook(Suivi=[header, newer]), name="suivi.xlsx",
                    partial=True)  # fmt: skip
    assert result.status == "stored"
    assert (store.audit()[0].detail, store.audit()[0].version) == ("suivi.xlsx", 2)


def test_imports_that_store_nothing_record_nothing(store):
    upload(store, demo_bytes(), idempotency_key="k")
    assert upload(store, demo_bytes()).status == "identical"
    assert upload(store, b"not a workbook", name="x.xlsx").status == "rejected"
    assert upload(store, demo_bytes(), idempotency_key="k").replayed
    assert restore_version(store, "demo", 1, actor=EDITOR, author="Lea").status == "identical"
    assert len(store.audit()) == 1


def test_a_failed_save_leaves_no_audit_event():
    store = MemoryStore()
    store.fail_next_save = True
    assert upload(store, demo_bytes()).status == "failed"
    assert store.audit() == []


def test_seeding_is_the_apps_own_doing_and_is_not_in_the_audit_trail(store):
    assert len(ensure_seeded(store)) == 2
    assert store.audit() == []


# --- Many uploads at once, a busy store ----------------------------------------------------


def test_ten_imports_at_once_never_parse_more_than_the_slots_allow_and_all_finish(
    sqlite_store, monkeypatch
):
    """The heavy version (MB-sized workbooks, peak memory) is in tests/integration."""
    lock, in_flight, peak = threading.Lock(), [0], [0]
    real_read, real_validate = importing.read_isolated, importing.validate

    def counted(function):
        def run(*args, **kwargs):
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
            try:
                time.sleep(0.02)  # long enough for the threads to overlap
                return function(*args, **kwargs)
            finally:
                with lock:
                    in_flight[0] -= 1

        return run

    monkeypatch.setattr(importing, "read_isolated", counted(real_read))
    monkeypatch.setattr(importing, "validate", counted(real_validate))
    start = threading.Barrier(10)

    def one(i: int) -> str:
        start.wait()
        data = edited_demo(Mesures__Intitulé__2=f"Intitulé {i}")
        return upload(sqlite_store, data, idempotency_key=f"k{i}").status

    with ThreadPoolExecutor(10) as pool:
        statuses = list(pool.map(one, range(10)))
    assert statuses == ["stored"] * 10
    assert peak[0] == importing.PARSE_SLOT_COUNT
    assert [v.number for v in sqlite_store.versions("demo")] == list(range(1, 11))


def test_an_import_overtaken_by_nine_others_is_still_stored(sqlite_store, monkeypatch):
    """Each time it saves, another import was stored first (ten people at once, the last
    one overtaken by all nine): it is checked again against the newer version and stored
    (`importing.REBASE_ATTEMPTS`), not told "failed"."""
    upload(sqlite_store, demo_bytes())
    real_save, overtaken = sqlite_store.save, [0]

    def save(new, rules=None):
        if new.note == "la mienne" and overtaken[0] < 9:
            overtaken[0] += 1
            other = edited_demo(Mesures__Intitulé__3=f"Autre intitulé {overtaken[0]}")
            assert upload(sqlite_store, other, note="une autre").status == "stored"
        return real_save(new, rules)

    monkeypatch.setattr(sqlite_store, "save", save)
    result = upload(sqlite_store, edited_demo(Mesures__Intitulé__2="Le mien"), note="la mienne")
    assert result.status == "stored" and overtaken[0] == 9
    assert [v.number for v in sqlite_store.versions("demo")] == list(range(1, 12))


def test_an_upload_finding_every_parse_slot_taken_is_told_to_try_again(store, monkeypatch):
    monkeypatch.setattr(importing, "PARSE_WAIT_SECONDS", 0.05)
    taken = [importing.PARSE_SLOTS.acquire(timeout=1) for _ in range(importing.PARSE_SLOT_COUNT)]
    try:
        result = upload(store, demo_bytes())
    finally:
        for _ in taken:
            importing.PARSE_SLOTS.release()
    assert result.status == "failed" and isinstance(result.error, importing.ParseBusy)
    assert result.message("en") == (
        "The server is already reading several files: nothing was stored. Try again in a moment."
    )
    assert "réessayez" in result.message("fr").lower()
    assert store.versions("demo") == []
    assert upload(store, demo_bytes()).status == "stored"  # the slots are free again


def test_a_save_finding_the_database_locked_says_busy_never_database_is_locked(
    sqlite_store, monkeypatch, tmp_path
):
    upload(sqlite_store, demo_bytes())
    monkeypatch.setattr("monitoring.storage.dialects.SQLITE_BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr("monitoring.storage.sql.SAVE_ATTEMPTS", 2)
    sqlite_store.engine.dispose()  # new connections take the shorter busy timeout
    before = table_counts(sqlite_store.engine)
    holder = sqlite3.connect(tmp_path / "store.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = upload(sqlite_store, edited_demo(Mesures__Intitulé__2="Autre intitulé"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.status == "failed" and isinstance(result.error, StoreBusy)
    for lang in ("fr", "en"):
        assert "locked" not in result.message(lang).lower()
    assert result.message("en").startswith("The database is busy with another save")
    assert table_counts(sqlite_store.engine) == before
