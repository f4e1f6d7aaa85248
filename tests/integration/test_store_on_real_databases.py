"""The version store on real databases (SQLite and PostgreSQL), across real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.intake.loading import load_shipped
from monitoring.intake.reading import Upload
from monitoring.present.workbook import write_workbook
from monitoring.services.importing import ensure_seeded, import_upload, restore_version
from monitoring.storage import NewVersion, SchemaTooNew, StorageError, StoredFile
from monitoring.storage.access import local_actor
from monitoring.storage.sql import SqlStore, sqlite_integrity, table_counts

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
DEMO = ROOT / "data" / "demo.xlsx"
TIMEOUT = 60
ADMIN = local_actor("tests")


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> int:
    _, err = process.communicate(timeout=TIMEOUT)
    assert "Traceback" not in err, err
    return process.returncode


def seeded(url: str) -> SqlStore:
    store = SqlStore(url)
    first = NewVersion("demo", load_shipped("demo"), (StoredFile("demo.xlsx", DEMO.read_bytes()),),
                       "Awa", "v1")  # fmt: skip
    assert store.save(first).created
    return store


def test_a_rejected_upload_changes_no_table_and_version_1_reads_back_byte_for_byte(store_url):
    store = seeded(store_url)
    info = store.current("demo")
    before = table_counts(store.engine)
    broken = write_workbook(load_shipped("demo"), "fr").replace(b"DEMO", b"DEMO", 1)
    bad = import_upload(store, "demo", [Upload("x.xlsx", b"PK\x03\x04" + broken[4:200])],
                        actor=ADMIN, author="A", note="")  # fmt: skip
    assert bad.status == "rejected"
    assert table_counts(store.engine) == before
    (file,) = store.read_files("demo", 1)
    assert file.data == DEMO.read_bytes() and file.sha256 == info.file_sha256
    assert store.read_dataset("demo", 1).content_hash() == info.content_hash
    store.close()


def test_identical_idempotent_and_restored_imports_behave_the_same_on_each_database(
    store_url,
):
    store = seeded(store_url)
    same = import_upload(store, "demo", [Upload("demo.xlsx", DEMO.read_bytes())], author="A",
                         note="", actor=ADMIN)  # fmt: skip
    assert same.status == "identical" and same.version.number == 1

    other = write_workbook(synthetic_dataset(40, seed=2), "fr")
    replace = {"allow_rewrite": True, "allow_replace": True}  # another dataset: confirmed
    first = import_upload(store, "demo", [Upload("s.xlsx", other)], author="A", note="",
                          idempotency_key="k", actor=ADMIN, **replace)  # fmt: skip
    again = import_upload(store, "demo", [Upload("s.xlsx", other)], author="A", note="",
                          idempotency_key="k", actor=ADMIN, **replace)  # fmt: skip
    assert first.version.number == 2 and again.replayed and again.version.number == 2

    restored = restore_version(store, "demo", 1, author="B", actor=ADMIN)
    assert restored.version.number == 3 and restored.version.restored_from == 1
    assert store.read_dataset("demo", 3).content_hash() == store.version("demo", 1).content_hash
    assert [v.number for v in store.versions("demo")] == [1, 2, 3]
    store.close()


def test_two_processes_saving_in_a_loop_get_consecutive_versions_with_no_gap(store_url):
    SqlStore(store_url).close()  # migrated once, as the app does at start
    count = 4
    processes = [worker("save", store_url, "france", name, str(count)) for name in ("w1", "w2")]
    assert [finish(p) for p in processes] == [0, 0]

    store = SqlStore(store_url)
    versions = store.versions("france")
    store.close()
    assert [v.number for v in versions] == list(range(1, 2 * count + 1))
    for name in ("w1", "w2"):
        assert [v.note for v in versions if v.author == name] == [str(i) for i in range(count)]


def test_two_command_line_imports_at_once_both_succeed_as_consecutive_versions(store_url, tmp_path):
    files = []
    dataset = synthetic_dataset(40, seed=1)
    for seed in (1, 2):
        # Two edits of one dataset (a measure's title): whichever is stored second is an
        # ordinary update of the first, not a replacement needing its own confirmation.
        measures = dataset.measures.copy()
        measures.loc[0, "title"] = f"Intitulé {seed}"
        edited = replace(dataset, tables={**dataset.tables, "measures": measures})
        path = tmp_path / f"coalition-{seed}.xlsx"
        path.write_bytes(write_workbook(edited, "fr"))
        files.append(path)
    store = SqlStore(store_url)
    ensure_seeded(store)  # concurrent seeding has its own test; this one is about imports
    store.close()
    env = {
        **os.environ,
        "PLAN_MONITORING_DATABASE_URL": store_url,
        "PLAN_MONITORING_STATE_DIR": str(tmp_path / "state"),  # the log file goes there
    }
    command = [sys.executable, "-m", "monitoring.cli", "import", "--dataset", "coalition"]
    processes = [
        subprocess.Popen([*command, str(path), "--author", path.stem], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in files
    ]  # fmt: skip
    assert [finish(p) for p in processes] == [0, 0]

    store = SqlStore(store_url)
    versions = store.versions("coalition")
    assert [v.number for v in versions] == [1, 2]
    assert {v.author for v in versions} == {"coalition-1", "coalition-2"}
    assert [len(store.versions(k)) for k in ("france", "demo")] == [1, 1]
    store.close()


def test_two_processes_seeding_an_empty_store_at_once_store_each_dataset_once(store_url):
    SqlStore(store_url).close()
    assert [finish(p) for p in [worker("seed", store_url) for _ in range(2)]] == [0, 0]
    store = SqlStore(store_url)
    assert [[v.number for v in store.versions(k)] for k in ("france", "demo")] == [[1], [1]]
    store.close()


@pytest.mark.parametrize("how", ["sigkill", "os_exit"])
def test_a_process_killed_while_storing_a_version_leaves_no_trace_of_it(store_url, tmp_path, how):
    store = seeded(store_url)
    before = table_counts(store.engine)
    if how == "sigkill":
        marker = tmp_path / "marker"
        process = worker("hang", store_url, "demo", str(marker))
        deadline = time.monotonic() + TIMEOUT
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=TIMEOUT)
        assert process.returncode == -signal.SIGKILL
    else:
        process = worker("exit", store_url, "demo")
        process.communicate(timeout=TIMEOUT)
        assert process.returncode == 9

    if store_url.startswith("sqlite"):
        assert sqlite_integrity(store_url) == "ok"
    else:
        time.sleep(0.2)  # the server notices the closed connection and rolls back
    assert store.current("demo").number == 1
    assert table_counts(store.engine) == before
    again = NewVersion("demo", synthetic_dataset(30, 1), (StoredFile("n.xlsx", b"n"),), "A", "")
    assert store.save(again).version.number == 2
    store.close()


def test_an_io_error_at_commit_leaves_nothing_half_written(store_url, monkeypatch):
    store = seeded(store_url)
    before = table_counts(store.engine)

    def failing_commit(dbapi_connection):
        raise sa.exc.DBAPIError("COMMIT", None, OSError("disk I/O error"))

    monkeypatch.setattr(store.engine.dialect, "do_commit", failing_commit)
    new = NewVersion("demo", synthetic_dataset(30, 1), (StoredFile("n.xlsx", b"n"),), "A", "")
    with pytest.raises(StorageError):
        store.save(new)
    monkeypatch.undo()
    assert table_counts(store.engine) == before
    assert store.save(new).version.number == 2
    store.close()


def test_migrations_create_the_schema_and_refuse_an_unknown_newer_revision(store_url):
    SqlStore(store_url).close()
    store = SqlStore(store_url)  # a second start migrates nothing
    with store.engine.begin() as conn:
        assert (
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == "0003"
        )
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_newer'")
    store.close()
    with pytest.raises(SchemaTooNew):
        SqlStore(store_url)


def test_stored_rows_cannot_be_changed_or_deleted_on_either_database(store_url):
    store = seeded(store_url)
    for statement in ("UPDATE versions SET note = 'x'", "DELETE FROM version_rows"):
        with pytest.raises(sa.exc.DBAPIError), store.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert store.current("demo").note == "v1"
    store.close()
