"""The SQLite store: connection settings, migrations, immutability, failures at commit."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from monitoring.loading import load_shipped
from monitoring.settings import Settings
from monitoring.storage import NewVersion, SchemaTooNew, StorageError, StoredFile, open_store
from monitoring.storage.sql import METADATA, SqlStore, sqlite_integrity, table_counts
from monitoring.synthetic import synthetic_dataset


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'state' / 'plan-monitoring.sqlite'}"


def _save(store: SqlStore, seed: int = 1) -> None:
    new = NewVersion(
        "france", synthetic_dataset(20, seed=seed), (StoredFile("a.xlsx", b"a"),), "A", ""
    )
    assert store.save(new).created


def test_the_default_store_is_a_sqlite_file_in_the_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    store = open_store(Settings.from_env())
    store.close()
    assert (tmp_path / "state" / "plan-monitoring.sqlite").is_file()


def test_a_postgresql_url_without_driver_is_read_as_psycopg_3(monkeypatch):
    monkeypatch.setenv("PLAN_MONITORING_DATABASE_URL", "postgresql://u@h:5432/db")
    assert Settings.from_env().store_url == "postgresql+psycopg://u@h:5432/db"


def test_every_connection_uses_wal_full_sync_a_busy_timeout_and_foreign_keys(url):
    store = SqlStore(url)
    with store.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    store.close()
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 10_000,
                      "foreign_keys": 1}  # fmt: skip


def test_migrations_on_an_empty_database_create_exactly_the_tables_the_code_uses(url):
    store = SqlStore(url)
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), METADATA)
        revision = MigrationContext.configure(conn).get_current_revision()
    store.close()
    assert differences == []
    assert revision == "0001"


def test_opening_an_already_migrated_database_again_changes_nothing(url):
    SqlStore(url).close()
    store = SqlStore(url)
    _save(store)
    store.close()
    assert SqlStore(url).current("france").number == 1


def test_a_database_stamped_with_an_unknown_newer_revision_is_refused(url):
    SqlStore(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    engine.dispose()
    with pytest.raises(SchemaTooNew):
        SqlStore(url)


def test_a_migration_failing_halfway_leaves_the_database_without_any_table(url, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("simulated failure in the middle of the migration")

    # Tables are created first, then triggers with op.execute: fail on the first trigger.
    monkeypatch.setattr("alembic.op.execute", fail)
    with pytest.raises(RuntimeError):
        SqlStore(url)
    engine = sa.create_engine(url)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()


def test_stored_versions_cannot_be_updated_or_deleted_even_in_plain_sql(url):
    store = SqlStore(url)
    _save(store)
    for statement in (
        "UPDATE versions SET note = 'rewritten'",
        "DELETE FROM version_rows",
        "DELETE FROM version_files",
        "UPDATE version_tables SET row_count = 0",
    ):
        with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert store.read_dataset("france", 1).content_hash() == synthetic_dataset(20, 1).content_hash()
    store.close()


def test_an_io_error_at_commit_stores_nothing_and_the_store_keeps_working(url, monkeypatch):
    store = SqlStore(url)
    _save(store, seed=1)
    before = table_counts(store.engine)

    def disk_error(dbapi_connection):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.engine.dialect, "do_commit", disk_error)
    new = NewVersion("france", load_shipped("france"), (StoredFile("b.xlsx", b"b"),), "A", "")
    with pytest.raises(StorageError) as raised:
        store.save(new)
    assert raised.value.key == "storage.failed"
    monkeypatch.undo()

    assert table_counts(store.engine) == before
    assert store.current("france").number == 1
    assert sqlite_integrity(url) == "ok"
    assert store.save(new).version.number == 2
    store.close()


def test_a_writer_waits_for_another_writer_instead_of_failing(url):
    """BEGIN IMMEDIATE + busy_timeout: the second writer queues, then succeeds."""
    store = SqlStore(url)
    _save(store, seed=1)
    engine = sa.create_engine(url)
    raw = engine.raw_connection()
    raw.driver_connection.isolation_level = None
    raw.driver_connection.execute("BEGIN IMMEDIATE")  # another writer holds the lock…
    import threading

    release = threading.Timer(0.3, lambda: raw.driver_connection.execute("COMMIT"))
    release.start()
    _save(store, seed=2)  # …and this save waits for it rather than failing
    release.join()
    raw.close()
    engine.dispose()
    assert [v.number for v in store.versions("france")] == [1, 2]
    store.close()
