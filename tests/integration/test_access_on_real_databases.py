"""Roles and the audit trail on real databases (SQLite and PostgreSQL): the upgrade of a
0001 database, the last-admin guard under concurrent changes, events atomic with versions."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import sqlalchemy as sa

from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.intake.reading import Upload
from monitoring.present.workbook import write_workbook
from monitoring.services.importing import import_upload, restore_version
from monitoring.storage import LastAdmin, NewVersion, StorageError, StoredFile
from monitoring.storage.access import Actor, AuditEvent, local_actor
from monitoring.storage.sql import SqlStore, database_revisions, migrate, table_counts

ROOT_ADMIN = local_actor("root")
EDITOR = Actor("lea@coalition.example", "Lea", "editor")


def _version(seed: int, audit: AuditEvent | None = None) -> NewVersion:
    files = (StoredFile(f"v{seed}.xlsx", b"%d" % seed),)
    return NewVersion("demo", synthetic_dataset(20, seed=seed), files, "Awa", "", audit=audit)


def test_a_database_of_the_previous_release_is_upgraded_keeping_every_version(store_url):
    old = SqlStore(store_url, migrate_schema=False)
    migrate(old.engine, "0001")
    assert database_revisions(old.engine) == {"0001"}
    assert old.save(_version(1)).created and old.save(_version(2)).created
    hashes = [v.content_hash for v in old.versions("demo")]
    old.close()

    store = SqlStore(store_url)
    assert database_revisions(store.engine) == {"0003"}
    assert [v.content_hash for v in store.versions("demo")] == hashes
    assert store.read_dataset("demo", 2).content_hash() == hashes[1]
    assert store.users() == [] and store.audit() == []
    store.set_role("alice@coalition.example", "admin", by=ROOT_ADMIN)
    assert store.save(_version(3, AuditEvent.by(ROOT_ADMIN, "upload", detail="v3.xlsx"))).created
    assert [(e.kind, e.version) for e in store.audit()] == [("upload", 3), ("role", None)]
    store.close()


def test_roles_and_their_events_behave_the_same_on_each_database(store_url):
    store = SqlStore(store_url)
    store.set_role("Alice@Coalition.example", "admin", by=ROOT_ADMIN)
    store.set_role("bob@coalition.example", "viewer", by=ROOT_ADMIN)
    store.set_role("bob@coalition.example", "editor", by=ROOT_ADMIN)
    with pytest.raises(LastAdmin):
        store.set_role("alice@coalition.example", "viewer", by=ROOT_ADMIN)

    assert [(u.user_id, u.role) for u in store.users()] == [
        ("alice@coalition.example", "admin"), ("bob@coalition.example", "editor")
    ]  # fmt: skip
    assert store.users()[1].updated_at.utcoffset() == dt.timedelta(0)
    assert [e.detail for e in store.audit()] == [
        "bob@coalition.example: viewer → editor",
        "bob@coalition.example: — → viewer",
        "alice@coalition.example: — → admin",
    ]
    assert [e.detail for e in store.audit(limit=1, kinds=["role"])] == [
        "bob@coalition.example: viewer → editor"
    ]
    store.close()


def test_two_admins_demoting_each_other_at_once_leave_one_admin(store_url):
    store = SqlStore(store_url)
    names = ("alice@coalition.example", "bob@coalition.example")
    for name in names:
        store.set_role(name, "admin", by=ROOT_ADMIN)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(user: str, by: str) -> None:
        start.wait()
        try:
            store.set_role(user, "viewer", by=Actor(by, by, "admin"))
            outcomes.append("done")
        except LastAdmin:
            outcomes.append("refused")

    threads = [threading.Thread(target=demote, args=pair) for pair in (names, names[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert [u.role for u in store.users()].count("admin") == 1
    assert len(store.audit()) == 3  # two additions and the one demotion
    store.close()


def test_an_io_error_at_commit_leaves_neither_version_nor_event(store_url, monkeypatch):
    store = SqlStore(store_url)
    assert store.save(_version(1)).created
    before = table_counts(store.engine)

    def failing_commit(dbapi_connection):
        raise sa.exc.DBAPIError("COMMIT", None, OSError("disk I/O error"))

    monkeypatch.setattr(store.engine.dialect, "do_commit", failing_commit)
    with pytest.raises(StorageError):
        store.save(_version(2, AuditEvent.by(EDITOR, "upload", detail="v2.xlsx")))
    with pytest.raises(StorageError):
        store.set_role("alice@coalition.example", "admin", by=ROOT_ADMIN)
    monkeypatch.undo()
    assert table_counts(store.engine) == before and before["audit"] == 0
    store.close()


def test_imports_and_restores_are_recorded_with_their_versions(store_url):
    store = SqlStore(store_url)
    for seed in (1, 2):
        data = write_workbook(synthetic_dataset(30, seed=seed), "fr")
        # Seed 2 is another dataset over seed 1's: a replacement, confirmed.
        result = import_upload(store, "demo", [Upload(f"plan-{seed}.xlsx", data)], actor=EDITOR,
                               author="Lea", note="", allow_rewrite=True,
                               allow_replace=True)  # fmt: skip
        assert result.status == "stored"
    assert restore_version(store, "demo", 1, actor=EDITOR, author="Lea").status == "stored"
    assert [(e.kind, e.actor, e.version, e.detail) for e in store.audit()] == [
        ("restore", EDITOR.user_id, 3, "version 1"),
        ("upload", EDITOR.user_id, 2, "plan-2.xlsx"),
        ("upload", EDITOR.user_id, 1, "plan-1.xlsx"),
    ]
    assert store.audit()[0].at == store.version("demo", 3).created_at
    store.close()


def test_the_audit_trail_is_append_only_and_roles_are_checked_on_each_database(store_url):
    store = SqlStore(store_url)
    store.record(AuditEvent(kind="sign_in", actor="alice@coalition.example", role="viewer"))
    for statement in (
        "UPDATE audit SET actor = 'nobody'",
        "DELETE FROM audit",
        "INSERT INTO users (user_id, role, updated_at, updated_by) "
        "VALUES ('eve@x.org', 'superuser', CURRENT_TIMESTAMP, 'eve')",
    ):
        with pytest.raises(sa.exc.DBAPIError), store.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert [e.actor for e in store.audit()] == ["alice@coalition.example"]
    assert store.users() == []
    store.close()


def test_one_address_is_bound_to_one_account_even_when_two_first_sign_ins_race(store_url):
    """Two accounts claim the same address at once: exactly one is bound (SQLite and PostgreSQL)."""
    SqlStore(store_url).close()
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def sign_in(subject: str) -> None:
        store = SqlStore(store_url)
        try:
            barrier.wait()
            results.append(store.bind_account("https://id.example.org", subject, "ann@x.org"))
        finally:
            store.close()

    threads = [threading.Thread(target=sign_in, args=(f"s-{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    store = SqlStore(store_url)
    owner = store.account_of("ann@x.org")
    assert owner is not None and store.account_user(*owner) == "ann@x.org"
    assert table_counts(store.engine)["accounts"] == 1
    store.close()
