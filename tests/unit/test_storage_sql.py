"""The SQLite store: connection settings, migrations, immutability, failures at commit,
network filesystems refused, online backups and checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from monitoring.config.settings import Settings
from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.intake.loading import load_shipped
from monitoring.storage import (
    NetworkFilesystem,
    NewVersion,
    SchemaTooNew,
    StorageError,
    StoredFile,
    open_store,
)
from monitoring.storage.backup import BackupFailed, backup_store, check_store
from monitoring.storage.sql import (
    METADATA,
    SqlStore,
    check_local_filesystem,
    filesystem_type,
    is_network_filesystem,
    sqlite_integrity,
    sqlite_path,
    table_counts,
)
from monitoring.text.i18n import t


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
    assert revision == "0003"


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


@pytest.mark.subprocess
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


# --- Case 65: a SQLite file on a network filesystem is refused at start -------------------


def fake_mounts(root: Path) -> str:
    """A `/proc/mounts` text: a local root, an NFS share, a local disk mounted inside it,
    and an SMB share whose mount point holds a space (written `\\040` by the kernel)."""
    return "\n".join(
        [
            "overlay / overlay rw,relatime 0 0",
            f"nas:/export {root}/share nfs4 rw,relatime,vers=4.2 0 0",
            f"/dev/sdb1 {root}/share/local ext4 rw 0 0",
            f"//srv/docs {root}/my\\040docs cifs rw 0 0",
            "garbage",
            "",
        ]
    )


@pytest.mark.parametrize(
    ("where", "fstype"),
    [
        ("share/state", "nfs4"),
        ("share", "nfs4"),
        ("share/local/state", "ext4"),  # the longest mount point wins
        ("sharex/state", "overlay"),  # a mount point is a whole path component
        ("my docs/state", "cifs"),
        ("elsewhere", "overlay"),
    ],
)
def test_the_filesystem_of_a_folder_is_the_one_of_its_longest_mount_point(tmp_path, where, fstype):
    root = tmp_path.resolve()
    assert filesystem_type(root / where, fake_mounts(root)) == fstype


@pytest.mark.parametrize(
    ("fstype", "network"),
    [("nfs", True), ("nfs4", True), ("cifs", True), ("smb3", True), ("smbfs", True),
     ("fuse.sshfs", True), ("9p", True), ("afs", True), ("ceph", True), ("glusterfs", True),
     ("davfs", True), ("ext4", False), ("xfs", False), ("overlay", False), ("tmpfs", False),
     ("btrfs", False), (None, False)],
)  # fmt: skip
def test_network_filesystems_are_recognised(fstype, network):
    assert is_network_filesystem(fstype) is network


def test_a_sqlite_file_on_nfs_is_refused_with_a_translated_message(tmp_path):
    root = tmp_path.resolve()
    url = f"sqlite:///{root / 'share' / 'state' / 'plan-monitoring.sqlite'}"
    with pytest.raises(NetworkFilesystem) as raised:
        check_local_filesystem(url, mounts_text=fake_mounts(root))
    error = raised.value
    assert isinstance(error, StorageError) and error.key == "storage.network_filesystem"
    assert error.params["fstype"] == "nfs4"
    english, french = t(error.key, "en", **error.params), t(error.key, "fr", **error.params)
    assert "network filesystem (nfs4)" in english and "PLAN_MONITORING_ALLOW_NETWORK_FS" in english
    assert "système de fichiers réseau (nfs4)" in french
    assert str(root) not in english  # no server path in a message a browser may show


def test_the_setting_lets_it_open_with_a_warning_in_the_log(tmp_path, caplog):
    root = tmp_path.resolve()
    url = f"sqlite:///{root / 'share' / 'state' / 'plan-monitoring.sqlite'}"
    found = check_local_filesystem(url, allow_network_fs=True, mounts_text=fake_mounts(root))
    assert found == "nfs4"
    assert "unsupported" in caplog.text


def test_local_and_postgresql_stores_pass_the_check(tmp_path):
    root = tmp_path.resolve()
    local = f"sqlite:///{root / 'share' / 'local' / 'plan-monitoring.sqlite'}"
    assert check_local_filesystem(local, mounts_text=fake_mounts(root)) == "ext4"
    assert check_local_filesystem("postgresql+psycopg://u@h/db", mounts_text="") is None
    assert check_local_filesystem("sqlite://", mounts_text=fake_mounts(root)) is None


def test_open_store_refuses_before_creating_anything_unless_the_setting_allows_it(
    tmp_path, monkeypatch
):
    root = tmp_path.resolve()
    mounts = tmp_path / "mounts"
    mounts.write_text(fake_mounts(root), encoding="utf-8")
    monkeypatch.setattr("monitoring.storage.filesystem.MOUNTS_FILE", mounts)
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(root / "share" / "state"))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    monkeypatch.delenv("PLAN_MONITORING_ALLOW_NETWORK_FS", raising=False)
    with pytest.raises(NetworkFilesystem):
        open_store(Settings.from_env())
    assert not (root / "share").exists()

    monkeypatch.setenv("PLAN_MONITORING_ALLOW_NETWORK_FS", "1")
    assert Settings.from_env().allow_network_fs
    open_store(Settings.from_env()).close()
    assert (root / "share" / "state" / "plan-monitoring.sqlite").is_file()


def test_this_machines_test_folder_is_not_on_a_network_filesystem(tmp_path):
    if not Path("/proc/mounts").is_file():
        pytest.skip("no /proc/mounts on this system: the check lets every store open")
    assert not is_network_filesystem(filesystem_type(tmp_path))


# --- Case 65: online backup and check ------------------------------------------------------


def test_a_backup_is_one_sound_file_that_opens_as_a_store_and_passes_the_check(url, tmp_path):
    store = SqlStore(url)
    _save(store, seed=1)
    _save(store, seed=2)
    out = tmp_path / "backup.sqlite"
    done = backup_store(store, out)
    assert (done.path, done.integrity) == (out, "ok") and done.size == out.stat().st_size
    assert not list(tmp_path.glob(".backup.sqlite.*"))  # no temporary file left behind
    assert not Path(f"{out}-wal").exists()  # self-contained: rollback journal, not WAL

    copy = SqlStore(f"sqlite:///{out}", read_only=True)
    report = check_store(copy)
    assert report.ok and (report.datasets, report.versions) == (1, 2)
    assert copy.read_dataset("france", 2).content_hash() == store.version("france", 2).content_hash
    copy.close()
    assert check_store(store).ok
    store.close()


def test_the_backup_refuses_to_overwrite_the_database_itself(url):
    store = SqlStore(url)
    with pytest.raises(BackupFailed):
        backup_store(store, sqlite_path(url))
    assert check_store(store).ok
    store.close()


def _tamper(path: Path, statement: str) -> None:
    """Change stored data behind the store's back (its triggers dropped first)."""
    conn = sqlite3.connect(path)
    triggers = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    for name in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(statement)
    conn.commit()
    conn.close()


def test_the_check_finds_data_or_files_that_no_longer_match_their_hash(url, tmp_path):
    store = SqlStore(url)
    _save(store, seed=1)
    _save(store, seed=2)
    out = tmp_path / "backup.sqlite"
    backup_store(store, out)
    store.close()
    _tamper(out, "UPDATE version_rows SET data = replace(data, 'M', 'X') "
                 "WHERE version_id = 2 AND table_name = 'measures'")  # fmt: skip
    _tamper(out, "UPDATE version_files SET content = x'00' WHERE version_id = 1")
    copy = SqlStore(f"sqlite:///{out}", read_only=True)
    report = check_store(copy)
    copy.close()
    assert [(p.key, p.params) for p in report.problems] == [
        ("check.file_sha256", {"dataset": "france", "version": 1}),
        ("check.content_hash", {"dataset": "france", "version": 2}),
    ]


def test_the_check_reports_a_damaged_file_rather_than_failing(tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    store = SqlStore(f"sqlite:///{damaged}", read_only=True)
    report = check_store(store)
    store.close()
    assert [p.key for p in report.problems] == ["check.integrity"]
