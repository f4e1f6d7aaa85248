"""Reading while a version commits (63), backups while writers run (65), many uploads at
once (67): on real databases and across real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from monitoring.devtools.synthetic import synthetic_dataset, synthetic_workbook
from monitoring.storage import NewVersion, SaveRules, StoredFile
from monitoring.storage.backup import BackupNotSqlite, backup_store, check_store
from monitoring.storage.sql import SqlStore

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
TIMEOUT = 120


def worker(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0 and "Traceback" not in err, err
    return out


def version(seed: int, note: str = "") -> NewVersion:
    files = (StoredFile(f"v{seed}.xlsx", b"v%d" % seed),)
    return NewVersion("plan", synthetic_dataset(300, seed=seed), files, "A", note)


# --- 63: a reader sees the old version or the new one, never a mix ---------------------------


def test_a_reader_during_a_commit_sees_the_old_version_whole_then_the_new_one_whole(
    store_url, monkeypatch
):
    """The writer is stopped with every row of version 2 written but not committed."""
    store = SqlStore(store_url)
    old = version(1)
    assert store.save(old).created
    writer = SqlStore(store_url)
    rows_written, commit_now = threading.Event(), threading.Event()
    original = SqlStore._insert_rows

    def pause_before_commit(self, conn, version_id, encoded):  # type: ignore[no-untyped-def]
        original(self, conn, version_id, encoded)
        rows_written.set()
        assert commit_now.wait(TIMEOUT)

    monkeypatch.setattr(SqlStore, "_insert_rows", pause_before_commit)
    new = version(2)
    saving = threading.Thread(target=writer.save, args=(new,))
    saving.start()
    assert rows_written.wait(TIMEOUT)

    # Mid-write: version 2 is invisible; version 1 reads back whole.
    assert store.current("plan").number == 1
    assert [v.number for v in store.versions("plan")] == [1]
    assert store.read_dataset("plan", 1).content_hash() == old.content_hash

    commit_now.set()
    saving.join(TIMEOUT)
    current = store.current("plan")
    assert current.number == 2 and current.content_hash == new.content_hash
    assert store.read_dataset("plan", 2).content_hash() == new.content_hash
    writer.close()
    store.close()


def test_a_reader_racing_a_writer_process_only_ever_sees_whole_versions(store_url):
    SqlStore(store_url).close()  # migrated once, as the app does at start
    hashes = {synthetic_dataset(300, seed=s).content_hash() for s in (1, 2)}
    process = worker("alternate", store_url, "plan", "12")
    store = SqlStore(store_url)
    seen: set[int] = set()
    reads = 0
    while process.poll() is None or not seen:
        info = store.current("plan")
        if info is None:
            time.sleep(0.005)
            continue
        # As the dashboard does: one version id, then that version's tables.
        content = store.read_dataset("plan", info.number).content_hash()
        assert content == info.content_hash and content in hashes, info.number
        seen.add(info.number)
        reads += 1
    finish(process)
    assert reads >= 2 and len(seen) >= 2  # the reads did overlap the writes
    final = store.versions("plan")
    assert [v.number for v in final] == list(range(1, 13))
    store.close()


# --- 65: a backup taken while writers run is consistent and passes the check -----------------


def test_a_backup_taken_while_a_process_saves_versions_opens_and_passes_the_check(
    sqlite_url, tmp_path
):
    SqlStore(sqlite_url).close()
    process = worker("alternate", sqlite_url, "plan", "15")
    store = SqlStore(sqlite_url)
    backups = []
    while process.poll() is None or not backups:
        out = tmp_path / f"backup-{len(backups)}.sqlite"
        backup_store(store, out)
        backups.append(out)
        time.sleep(0.1)  # a few backups spread over the writes, not hundreds
    finish(process)
    assert len(backups) >= 2
    source = {v.number: v for v in store.versions("plan")}
    assert len(source) == 15
    for out in backups:
        copy = SqlStore(f"sqlite:///{out}", read_only=True)
        report = check_store(copy)
        assert report.ok, report.problems
        copied = copy.versions("plan")
        # A snapshot: versions 1..n with no gap, each identical to the source's.
        assert [v.number for v in copied] == list(range(1, len(copied) + 1))
        assert all(v == source[v.number] for v in copied)
        copy.close()
        # Opened as the app would (read-write, migrated): it works as a store.
        reopened = SqlStore(f"sqlite:///{out}")
        n = len(copied)
        assert reopened.save(version(5, "after restore"), SaveRules()).version.number == n + 1
        reopened.close()
    store.close()


def test_backing_up_a_postgresql_store_says_to_use_pg_dump_and_writes_nothing(
    postgres_url, tmp_path
):
    store = SqlStore(postgres_url)
    assert store.save(version(1)).created
    out = tmp_path / "backup.sqlite"
    with pytest.raises(BackupNotSqlite):
        backup_store(store, out)
    assert not out.exists()
    report = check_store(store)  # the read-back check works on PostgreSQL too
    assert report.ok and report.versions == 1
    store.close()

    env = {**os.environ, "PLAN_MONITORING_DATABASE_URL": postgres_url,
           "PLAN_MONITORING_STATE_DIR": str(tmp_path / "state")}  # fmt: skip
    command = [sys.executable, "-m", "monitoring.cli", "backup", str(out), "--lang", "en"]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=TIMEOUT)  # fmt: skip
    assert done.returncode == 2 and "pg_dump" in done.stderr and not out.exists()
    command = [sys.executable, "-m", "monitoring.cli", "check", "--lang", "en"]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=TIMEOUT)  # fmt: skip
    assert done.returncode == 0 and "Database sound" in done.stdout, done.stderr


# --- 67: ten uploads of a few MB at once --------------------------------------------------------


def test_ten_big_uploads_at_once_parse_two_at_a_time_all_finish_in_bounded_memory(
    sqlite_url, tmp_path
):
    workbook = tmp_path / "big.xlsx"
    workbook.write_bytes(synthetic_workbook(8_000, seed=3))  # about 2.5 MB, 8,000 measures
    # One malloc arena per thread would keep every thread's freed memory: the peak would
    # measure the allocator, not what the imports hold.
    env = {**os.environ, "MALLOC_ARENA_MAX": "2"}
    started = time.monotonic()
    out = finish(worker("imports", sqlite_url, str(workbook), "10", env=env))
    figures = json.loads(out.strip().splitlines()[-1])

    assert figures["file_mb"] > 2
    assert figures["statuses"] == ["identical"] * 9 + ["stored"]  # one content, one version
    assert figures["peak_in_flight"] == figures["slots"] == 2
    # Peak memory: at most one import per slot, plus one's worth of margin (measured:
    # about 2.3 times one import; without the slots, about 8 times).
    growth = figures["peak_mb"] - figures["base_mb"]
    assert growth <= (figures["slots"] + 1) * figures["one_mb"], figures
    assert time.monotonic() - started < 60
    store = SqlStore(sqlite_url)
    assert [v.number for v in store.versions("big")] == [1]
    store.close()
