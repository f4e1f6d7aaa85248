"""Roles and the audit trail in the store, on the in-memory fake and on a real SQLite file:
role changes with their audit event, the last-admin guard, events saved with versions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.storage import (
    InvalidUserId,
    LastAdmin,
    NewVersion,
    StorageError,
    Store,
    StoredFile,
    check_user_id,
)
from monitoring.storage.access import Actor, AuditEvent, Forbidden, local_actor
from monitoring.storage.memory import MemoryStore
from monitoring.storage.sql import SqlStore, database_revisions, migrate, table_counts
from monitoring.text.i18n import t

ROOT_ADMIN = local_actor("root")
ALICE = Actor("alice@x.org", "Alice", "admin")
BOB_EDITOR = Actor("bob@x.org", "Bob", "editor")


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    if request.param == "memory":
        yield MemoryStore()
        return
    sql = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield sql
    sql.close()


def new_version(seed: int = 1, audit: AuditEvent | None = None, **kw) -> NewVersion:
    files = (StoredFile("plan.xlsx", b"%d" % seed),)
    return NewVersion("france", synthetic_dataset(20, seed=seed), files, "Awa", "", audit=audit,
                      **kw)  # fmt: skip


def details(store: Store) -> list[str]:
    return [e.detail for e in store.audit()]


# --- Roles ----------------------------------------------------------------------------------


def test_a_role_set_by_an_admin_is_kept_under_the_lowercase_address_with_who_and_when(store):
    before = dt.datetime.now(dt.UTC)
    store.set_role("  Alice@X.org ", "editor", by=ROOT_ADMIN)

    (row,) = store.users()
    assert (row.user_id, row.role, row.updated_by) == ("alice@x.org", "editor", "local:root")
    assert before - dt.timedelta(seconds=5) <= row.updated_at <= dt.datetime.now(dt.UTC)
    assert row.updated_at.utcoffset() == dt.timedelta(0)
    assert store.user_role("ALICE@x.org") == "editor"
    assert store.user_role("nobody@x.org") is None


def test_each_role_change_writes_one_role_event_saying_before_and_after(store):
    store.set_role("bob@x.org", "viewer", by=ROOT_ADMIN)
    store.set_role("bob@x.org", "editor", by=ROOT_ADMIN)
    store.set_role("bob@x.org", None, by=ROOT_ADMIN)

    assert store.users() == [] and store.user_role("bob@x.org") is None
    events = store.audit()
    assert [(e.kind, e.actor, e.role) for e in events] == [("role", "local:root", "admin")] * 3
    assert [e.detail for e in events] == [  # newest first
        "bob@x.org: editor → —",
        "bob@x.org: viewer → editor",
        "bob@x.org: — → viewer",
    ]
    assert all(e.dataset_key is None and e.version is None for e in events)
    assert events[0].at >= events[1].at >= events[2].at


def test_setting_the_same_role_or_removing_an_absent_user_changes_and_records_nothing(store):
    store.set_role("bob@x.org", "viewer", by=ROOT_ADMIN)
    stamp = store.users()[0].updated_at
    store.set_role("BOB@x.org", "viewer", by=ALICE)
    store.set_role("carol@x.org", None, by=ROOT_ADMIN)
    assert [(u.user_id, u.updated_at, u.updated_by) for u in store.users()] == [
        ("bob@x.org", stamp, "local:root")
    ]
    assert len(store.audit()) == 1


def test_users_are_listed_sorted_by_address(store):
    for user in ("zoe@x.org", "ana@x.org", "marc@x.org"):
        store.set_role(user, "viewer", by=ROOT_ADMIN)
    assert [u.user_id for u in store.users()] == ["ana@x.org", "marc@x.org", "zoe@x.org"]


@pytest.mark.parametrize("change", [None, "editor", "viewer"])
def test_the_last_admin_of_the_table_can_be_neither_removed_nor_demoted(store, change):
    store.set_role("alice@x.org", "admin", by=ROOT_ADMIN)
    store.set_role("bob@x.org", "editor", by=ROOT_ADMIN)
    before_users, before_audit = store.users(), store.audit()

    with pytest.raises(LastAdmin) as raised:
        store.set_role("alice@x.org", change, by=ALICE)

    assert isinstance(raised.value, StorageError) and raised.value.params == {"user": "alice@x.org"}
    assert store.users() == before_users and store.audit() == before_audit
    french = t(raised.value.key, "fr", **raised.value.params)
    assert (
        "alice@x.org est le dernier administrateur" in french and "Rien n'a été modifié" in french
    )
    assert "Make someone else an admin first" in t(raised.value.key, "en", **raised.value.params)


def test_with_a_second_admin_the_first_may_step_down(store):
    store.set_role("alice@x.org", "admin", by=ROOT_ADMIN)
    store.set_role("bob@x.org", "admin", by=ALICE)
    store.set_role("alice@x.org", "viewer", by=ALICE)
    assert [(u.user_id, u.role) for u in store.users()] == [("alice@x.org", "viewer"),
                                                            ("bob@x.org", "admin")]  # fmt: skip
    with pytest.raises(LastAdmin):
        store.set_role("bob@x.org", None, by=ROOT_ADMIN)


@pytest.mark.parametrize("actor", [BOB_EDITOR, Actor("v@x.org", "V", "viewer")])
def test_only_an_admin_may_change_roles_and_a_refusal_changes_nothing(store, actor):
    store.set_role("carol@x.org", "viewer", by=ROOT_ADMIN)
    with pytest.raises(Forbidden) as raised:
        store.set_role("carol@x.org", "admin", by=actor)
    with pytest.raises(Forbidden):
        store.set_role(actor.user_id, "admin", by=actor)  # not even themselves
    assert raised.value.action == "manage_users"
    assert [(u.user_id, u.role) for u in store.users()] == [("carol@x.org", "viewer")]
    assert len(store.audit()) == 1


@pytest.mark.parametrize(
    "address",
    ["alice", "alice@x", "a b@x.org", "a@@x.org", "@x.org", "a@.org", "", "a\x00b@x.org",
     "x" * 250 + "@x.org"],
)  # fmt: skip
def test_a_role_for_something_that_is_not_an_e_mail_address_is_refused(store, address):
    with pytest.raises(InvalidUserId) as raised:
        store.set_role(address, "viewer", by=ROOT_ADMIN)
    assert store.users() == [] and store.audit() == []
    assert "n'est pas une adresse e-mail" in t(raised.value.key, "fr", **raised.value.params)
    assert "\x00" not in raised.value.params["user"]


def test_a_254_character_address_is_accepted():
    address = "a" * 240 + "@coalition.fr"
    assert len(address) == 253 and check_user_id(address.upper()) == address


# --- The audit trail ------------------------------------------------------------------------


def test_recorded_events_come_back_newest_first_filtered_and_limited(store):
    for i, kind in enumerate(["sign_in", "export", "sign_in", "refused"]):
        store.record(AuditEvent(kind=kind, actor="x@x.org", role="viewer", detail=str(i)))
    assert details(store) == ["3", "2", "1", "0"]
    assert [e.detail for e in store.audit(limit=2)] == ["3", "2"]
    assert [e.detail for e in store.audit(kinds=["sign_in"])] == ["2", "0"]
    assert [e.detail for e in store.audit(limit=1, kinds=("sign_in", "export"))] == ["2"]
    assert store.audit(kinds=[]) == []
    assert all(e.at is not None and e.at.utcoffset() == dt.timedelta(0) for e in store.audit())


def test_an_events_own_time_is_kept_and_its_text_loses_control_characters(store):
    when = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    store.record(AuditEvent(kind="export", actor="a@x.org\x00", role="viewer",
                            dataset_key="france", version=3, detail="a\nb\x1b[31m\x00c",
                            at=when))  # fmt: skip
    (event,) = store.audit()
    assert (event.at, event.actor, event.detail) == (when, "a@x.org", "a b[31mc")
    assert (event.dataset_key, event.version) == ("france", 3)


def test_an_event_of_an_unknown_kind_or_role_is_a_programming_error(store):
    with pytest.raises(ValueError):
        store.record(AuditEvent(kind="deleted", actor="a", role="viewer"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.record(AuditEvent(kind="export", actor="a", role="root"))
    assert store.audit() == []


def test_a_saved_version_records_its_event_with_the_version_number_and_time(store):
    store.save(new_version(1))
    event = AuditEvent.by(BOB_EDITOR, "upload", detail="plan.xlsx")
    info = store.save(new_version(2, audit=event)).version

    (recorded,) = store.audit()
    assert (recorded.kind, recorded.actor, recorded.role) == ("upload", "bob@x.org", "editor")
    assert (recorded.dataset_key, recorded.version) == ("france", 2) == (info.dataset_key,
                                                                         info.number)  # fmt: skip
    assert (recorded.detail, recorded.at) == ("plan.xlsx", info.created_at)


@pytest.mark.scale
def test_a_save_that_stores_nothing_records_nothing(store):
    event = AuditEvent.by(BOB_EDITOR, "upload", detail="plan.xlsx")
    store.save(new_version(1, audit=event, idempotency_key="k"))
    assert store.save(new_version(1, audit=event)).reason == "identical"
    assert store.save(new_version(2, audit=event, idempotency_key="k")).reason == "replayed"
    assert len(store.audit()) == 1


def test_a_save_failing_at_commit_leaves_neither_the_version_nor_its_event_in_memory():
    store = MemoryStore()
    store.fail_next_save = True
    with pytest.raises(StorageError):
        store.save(new_version(1, audit=AuditEvent.by(BOB_EDITOR, "upload", detail="p.xlsx")))
    assert store.versions("france") == [] and store.audit() == []


# --- SQLite specifics -------------------------------------------------------------------


@pytest.mark.scale
def test_a_save_failing_at_commit_leaves_neither_the_version_nor_its_event_in_sqlite(
    tmp_path, monkeypatch
):
    store = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    store.save(new_version(1))
    before = table_counts(store.engine)

    def disk_error(dbapi_connection):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.engine.dialect, "do_commit", disk_error)
    with pytest.raises(StorageError):
        store.save(new_version(2, audit=AuditEvent.by(BOB_EDITOR, "upload", detail="p.xlsx")))
    with pytest.raises(StorageError):
        store.set_role("carol@x.org", "admin", by=ROOT_ADMIN)
    monkeypatch.undo()

    assert table_counts(store.engine) == before
    assert before["audit"] == 0 and store.users() == []
    store.set_role("carol@x.org", "admin", by=ROOT_ADMIN)  # the store keeps working
    assert [e.kind for e in store.audit()] == ["role"]
    store.close()


def test_the_audit_trail_cannot_be_rewritten_and_roles_are_checked_even_in_plain_sql(tmp_path):
    store = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    store.set_role("carol@x.org", "viewer", by=ROOT_ADMIN)
    for statement in (
        "UPDATE audit SET detail = 'nothing happened'",
        "DELETE FROM audit",
        "UPDATE users SET role = 'root'",
        "INSERT INTO users VALUES ('eve@x.org', 'superuser', '2026-01-01', 'eve')",
    ):
        with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert details(store) == ["carol@x.org: — → viewer"]
    assert store.user_role("carol@x.org") == "viewer"
    store.close()


def test_an_existing_0001_database_is_upgraded_keeping_every_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    old = SqlStore(url, migrate_schema=False)
    migrate(old.engine, "0001")  # as the previous release left it
    assert database_revisions(old.engine) == {"0001"}
    old.save(new_version(1))
    old.save(new_version(2))
    old.close()

    store = SqlStore(url)
    assert database_revisions(store.engine) == {"0003"}
    assert [v.number for v in store.versions("france")] == [1, 2]
    expected = synthetic_dataset(20, seed=2).content_hash()
    assert store.read_dataset("france", 2).content_hash() == expected
    assert store.users() == [] and store.audit() == []
    store.set_role("alice@x.org", "admin", by=ROOT_ADMIN)
    assert store.user_role("alice@x.org") == "admin"
    store.close()


def test_a_version_carrying_an_event_of_an_unknown_kind_is_refused_before_any_save():
    with pytest.raises(ValueError):
        new_version(1, audit=AuditEvent(kind="deleted", actor="a", role="admin"))  # type: ignore[arg-type]


# --- Accounts bound to addresses -------------------------------------------------------------

ISS = "https://id.example.org"


def test_the_first_bind_of_an_address_wins_and_no_other_account_can_take_it(store):
    assert store.account_user(ISS, "s-1") is None and store.account_of("ann@x.org") is None
    assert store.bind_account(ISS, "s-1", "Ann@X.org")
    assert store.bind_account(ISS, "s-1", "ann@x.org")  # again: already so
    assert store.account_user(ISS, "s-1") == "ann@x.org"
    assert store.account_of("ANN@x.org") == (ISS, "s-1")
    # Another account (another subject, or the same subject at another issuer) claiming
    # the address is not bound; nor is a bound account moved to another address.
    assert not store.bind_account(ISS, "s-2", "ann@x.org")
    assert not store.bind_account("https://other.example", "s-1", "ann@x.org")
    assert not store.bind_account(ISS, "s-1", "bob@x.org")
    assert store.account_user(ISS, "s-2") is None
    assert store.account_of("bob@x.org") is None


def test_unbinding_frees_the_address_with_a_role_event_and_needs_an_admin(store):
    store.bind_account(ISS, "s-1", "ann@x.org")
    with pytest.raises(Forbidden):
        store.unbind_account("ann@x.org", by=BOB_EDITOR)
    assert store.account_of("ann@x.org") == (ISS, "s-1")
    assert store.unbind_account("ann@x.org", by=ROOT_ADMIN) == (ISS, "s-1")
    assert store.unbind_account("ann@x.org", by=ROOT_ADMIN) is None  # nothing left
    assert [(e.kind, e.actor, e.detail) for e in store.audit()] == [
        ("role", "local:root", f"ann@x.org: account unbound · iss={ISS} · sub=s-1")
    ]
    assert store.bind_account(ISS, "s-2", "ann@x.org")  # a new account may take it


def test_a_0002_database_is_upgraded_keeping_users_and_the_trail(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    old = SqlStore(url, migrate_schema=False)
    migrate(old.engine, "0002")
    old.set_role("ann@x.org", "editor", by=ROOT_ADMIN)
    old.close()
    store = SqlStore(url)
    assert database_revisions(store.engine) == {"0003"}
    assert store.user_role("ann@x.org") == "editor" and len(store.audit()) == 1
    assert store.bind_account(ISS, "s-1", "ann@x.org")
    assert table_counts(store.engine)["accounts"] == 1
    store.close()
