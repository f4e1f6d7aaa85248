"""The version store's contract, run on the in-memory fake and on a real SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd
import pytest

from monitoring.contract.dataset import TABLE_IDS, Dataset
from monitoring.devtools.synthetic import synthetic_dataset
from monitoring.intake.loading import load_shipped
from monitoring.storage import (
    InvalidDatasetKey,
    NewVersion,
    SaveRules,
    Store,
    StoredFile,
    VersionNotFound,
)
from monitoring.storage.memory import MemoryStore
from monitoring.storage.sql import SqlStore


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    if request.param == "memory":
        yield MemoryStore()
        return
    sql = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield sql
    sql.close()


def version(dataset: Dataset, key: str = "france", name: str = "plan.xlsx", **kw) -> NewVersion:
    return NewVersion(key, dataset, (StoredFile(name, name.encode() * 3),), "Awa", "note", **kw)


@pytest.mark.subprocess
def test_a_stored_dataset_reads_back_with_the_same_tables_dtypes_and_content_hash(store):
    original = load_shipped("france")
    store.save(version(original))

    back = store.read_dataset("france", 1)

    assert back.content_hash() == original.content_hash()
    for table in TABLE_IDS:
        pd.testing.assert_frame_equal(back.tables[table], original.tables[table])
    assert back.scale == original.scale
    assert dict(back.extras) == dict(original.extras)
    assert back.name == original.name


@pytest.mark.scale
def test_a_larger_synthetic_dataset_with_every_dtype_round_trips_exactly(store):
    original = synthetic_dataset(300, seed=4)
    store.save(version(original))
    assert store.read_dataset("france", 1).content_hash() == original.content_hash()


@pytest.mark.subprocess
def test_original_files_read_back_byte_for_byte_with_their_sha256(store):
    files = (StoredFile("Suivi.csv", b"a;b\n1;2\n"), StoredFile("Mesures.csv", b"\x00\xff"))
    new = NewVersion("france", load_shipped("france"), files, "Awa", "csv")
    info = store.save(new).version

    assert store.read_files("france", 1) == list(files)
    assert info.file_name == "Suivi.csv + Mesures.csv"
    assert info.file_size == sum(f.size for f in files)
    assert len(info.file_sha256) == 64


@pytest.mark.scale
def test_versions_are_numbered_from_one_in_each_dataset_and_current_is_the_highest(store):
    for seed in range(3):
        store.save(version(synthetic_dataset(20, seed=seed)))
    store.save(version(synthetic_dataset(20, seed=9), key="demo"))

    assert [v.number for v in store.versions("france")] == [1, 2, 3]
    assert store.current("france").number == 3
    assert store.current("demo").number == 1
    assert store.current("nothing-here") is None
    assert store.dataset_keys() == ["demo", "france"]


@pytest.mark.subprocess
def test_a_version_records_who_when_in_utc_the_note_and_the_counts(store):
    dataset = load_shipped("france")
    before = dt.datetime.now(dt.UTC)
    info = store.save(version(dataset)).version

    assert info.author == "Awa" and info.note == "note" and info.kind == "upload"
    assert info.created_at.tzinfo is not None
    assert info.created_at.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=5) <= info.created_at <= dt.datetime.now(dt.UTC)
    assert (info.counts.plans, info.counts.measures) == (3, 128)
    assert info.counts.assessments == len(dataset.status_updates)
    assert info.counts.events == len(dataset.events)
    assert store.version("france", 1) == info
    assert info.as_dict()["created_at"].endswith("Z")


@pytest.mark.subprocess
def test_content_identical_to_the_current_version_stores_nothing(store):
    dataset = load_shipped("france")
    store.save(version(dataset))
    outcome = store.save(version(dataset, name="other-name.xlsx"))
    assert outcome.reason == "identical" and not outcome.created
    assert outcome.version.number == 1
    assert len(store.versions("france")) == 1


def test_the_same_idempotency_key_returns_the_first_version_instead_of_a_second(store):
    first = store.save(version(synthetic_dataset(20, seed=1), idempotency_key="k1"))
    again = store.save(version(synthetic_dataset(20, seed=2), idempotency_key="k1"))
    assert first.created and again.reason == "replayed"
    assert again.version == first.version
    assert store.find_replay("france", "k1") == first.version
    assert len(store.versions("france")) == 1


def test_seeding_rule_stores_only_into_an_empty_dataset(store):
    rules = SaveRules(only_if_empty=True)
    assert store.save(version(synthetic_dataset(20, seed=1)), rules).created
    outcome = store.save(version(synthetic_dataset(20, seed=2)), rules)
    assert outcome.reason == "exists" and outcome.version.number == 1


def test_a_save_expecting_an_older_current_version_is_stale_and_stores_nothing(store):
    store.save(version(synthetic_dataset(20, seed=1)))
    store.save(version(synthetic_dataset(20, seed=2)))
    outcome = store.save(version(synthetic_dataset(20, seed=3)), SaveRules(expected_current=1))
    assert outcome.reason == "stale" and outcome.version.number == 2
    assert len(store.versions("france")) == 2


@pytest.mark.subprocess
def test_an_unknown_version_raises_version_not_found(store):
    with pytest.raises(VersionNotFound):
        store.read_dataset("france", 1)
    store.save(version(load_shipped("france")))
    with pytest.raises(VersionNotFound):
        store.version("france", 2)
    with pytest.raises(VersionNotFound):
        store.read_files("france", 7)


@pytest.mark.subprocess
@pytest.mark.parametrize("key", ["", "France", "../etc", "a b", "x" * 64, "é"])
def test_a_dataset_key_that_is_not_plain_lowercase_is_refused(key):
    with pytest.raises(InvalidDatasetKey):
        version(load_shipped("france"), key=key)


@pytest.mark.scale
def test_changing_a_frame_after_saving_does_not_change_the_stored_version(store):
    dataset = synthetic_dataset(20, seed=1)
    expected = dataset.content_hash()
    store.save(version(dataset))
    dataset.tables["measures"].loc[0, "title"] = "changed in memory"
    back = store.read_dataset("france", 1)
    back.tables["measures"].loc[0, "title"] = "changed again"
    assert store.read_dataset("france", 1).content_hash() == expected
