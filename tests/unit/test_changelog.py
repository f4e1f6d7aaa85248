"""The change log of a measure or a recommendation, across the stored versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from monitoring.analysis.changelog import (
    ROW_COLUMNS,
    Step,
    between,
    change_log,
    reading_steps,
    step_changes,
)
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present.change_tables import change_log_rows, change_log_summary
from monitoring.storage import NewVersion, Store, StoredFile, VersionInfo
from monitoring.storage.memory import MemoryStore
from monitoring.storage.sql import SqlStore

PLAN = {"plan_id": "P1", "title": "Plan 1", "period_start": "2024-01-01",
        "period_end": "2026-12-31"}  # fmt: skip
TIMES = [dt.datetime(2026, 3, day, 14, 5, tzinfo=dt.UTC) for day in (1, 2, 3, 4)]


def assessment(label: str, on: str = "2025-01-10", revised: str | None = None) -> dict[str, object]:
    return {"measure_id": "M1", "as_of": on, "status": label, "voice": "civil_society",
            "revised_due_date": revised}  # fmt: skip


def build(
    title: str = "Former les agents",
    updates: tuple[dict[str, object], ...] = (),
    rec_title: str = "Former tous les agents",
    retention: str = "retained",
    events: tuple[dict[str, object], ...] = (),
    measures: tuple[str, ...] = ("M1", "M2"),
) -> Dataset:
    rows = {"M1": title, "M2": "Ouvrir des places", "M3": "Une mesure de plus"}
    return dataset_from_records(
        {
            "plans": [PLAN],
            "measures": [
                {
                    "measure_id": m,
                    "plan_id": "P1",
                    "number": i + 1,
                    "title": rows[m],
                    "lead": "Ministère A",
                    "due_date": "2025-06-30",
                }
                for i, m in enumerate(measures)
            ],
            "recommendations": [
                {"rec_id": "R1", "author": "GRETA", "title": rec_title},
                {"rec_id": "R2", "author": "CNCDH", "title": "Autre recommandation"},
            ],
            "retention": [
                {"rec_id": "R1", "plan_id": "P1", "measure_id": "M1", "level": retention},
                {"rec_id": "R2", "plan_id": "P1", "measure_id": "M2", "level": "retained"},
            ],
            "status_updates": list(updates),
            "events": list(events),
        }
    )


# The three versions of the brief: the title changes and an assessment is added (v2),
# then the assessment is rewritten and the recommendation's text changes (v3).
VERSIONS = (
    ("Ann", "Jeu de départ", build()),
    (
        "Bea",
        "Comité de mars",
        build(title="Former les agents publics", updates=(assessment("En cours"),)),
    ),
    (
        "Cid",
        "Relecture",
        build(
            title="Former les agents publics",
            updates=(assessment("Réalisée"),),
            rec_title="Former tous les agents publics",
        ),
    ),
)


def save_all(store: Store, versions=VERSIONS, key: str = "t") -> Store:
    for author, note, dataset in versions:
        files = (StoredFile(f"{note}.xlsx", note.encode()),)
        outcome = store.save(NewVersion(key, dataset, files, author, note))
        assert outcome.created
    return store


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    times = iter(TIMES)
    if request.param == "memory":
        yield save_all(MemoryStore(clock=lambda: next(times)))
        return
    sql = SqlStore(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield save_all(sql)
    sql.close()


def test_a_measures_log_names_each_change_with_its_version_author_and_date_newest_first(store):
    log = change_log(store, "t", measure_id="M1")
    records = log.records()
    got = [(r["version"], r["author"], r["note"], r["sheet"], r["change"], r["field"],
            r["old"], r["new"]) for r in records]  # fmt: skip
    assert got == [
        (3, "Cid", "Relecture", "status_updates", "changed", "status", "En cours", "Réalisée"),
        (2, "Bea", "Comité de mars", "measures", "changed", "title", "Former les agents",
         "Former les agents publics"),
        (2, "Bea", "Comité de mars", "status_updates", "added", "status", None, "En cours"),
    ]  # fmt: skip
    stored = {v.number: v for v in store.versions("t")}
    for record in records:
        when = stored[record["version"]].created_at
        assert record["created_at"] == when.isoformat().replace("+00:00", "Z")
        assert record["previous"] == record["version"] - 1
    assert records[0]["key"] == {"measure_id": "M1", "as_of": "2025-01-10",
                                 "voice": "civil_society", "n": 1}  # fmt: skip


def test_a_measures_log_leaves_out_the_other_measures_and_the_recommendations_text(store):
    log = change_log(store, "t", measure_id="M2")
    assert log.is_empty
    assert change_log_summary(log, "fr") == (
        "Aucune modification depuis la version 1 (versions 1 à 3 comparées)."
    )
    assert change_log_summary(log, "en") == "No change since version 1 (versions 1 to 3 compared)."


def test_a_recommendations_log_names_its_text_change_and_nothing_of_the_measures(store):
    records = change_log(store, "t", rec_id="R1").records()
    assert [(r["version"], r["author"], r["sheet"], r["field"], r["old"], r["new"])
            for r in records] == [
        (3, "Cid", "recommendations", "title", "Former tous les agents",
         "Former tous les agents publics"),
    ]  # fmt: skip


@pytest.mark.scale
def test_the_log_reads_in_the_coordinators_words_in_french_and_in_english(store):
    log = change_log(store, "t", measure_id="M1")
    fr = change_log_rows(log, "fr")
    assert list(fr.columns) == list(ROW_COLUMNS)
    first = fr.iloc[0].to_dict()
    stored = store.version("t", 3).created_at  # the SQL store keeps its own time
    assert first == {
        "version": 3, "when": f"{stored:%d/%m/%Y %H:%M}", "author": "Cid", "note": "Relecture",
        "sheet": "Suivi", "row": "M1 · 10/01/2025 · Société civile", "change": "Modifiée",
        "field": "Statut", "before": "En cours", "after": "Réalisée",
    }  # fmt: skip
    added = fr.iloc[2].to_dict()
    assert (added["change"], added["field"], added["before"], added["after"]) == (
        "Ligne ajoutée", "Statut", "", "En cours"
    )  # fmt: skip
    assert change_log_summary(log, "fr") == (
        "3 modifications entre la version 1 et la version 3, la plus récente en premier."
    )
    en = change_log_rows(log, "en").iloc[0].to_dict()
    assert (en["when"], en["sheet"], en["row"], en["change"], en["field"], en["after"]) == (
        f"{stored:%Y-%m-%d %H:%M}", "Status updates", "M1 · 2025-01-10 · Civil society", "Changed",
        "Status", "Done",
    )  # fmt: skip


def test_the_log_writes_its_times_in_the_zone_it_is_given(store):
    log = change_log(store, "t", measure_id="M1")
    stored = store.version("t", 3).created_at
    for zone in ("Europe/Paris", "Pacific/Auckland"):
        local = stored.astimezone(ZoneInfo(zone))
        assert (
            change_log_rows(log, "fr", ZoneInfo(zone)).iloc[0]["when"] == f"{local:%d/%m/%Y %H:%M}"
        )


def test_a_dataset_with_one_version_gives_an_empty_log_that_says_so():
    store = save_all(MemoryStore(), VERSIONS[:1])
    log = change_log(store, "t", measure_id="M1")
    assert log.is_empty and change_log_rows(log, "fr").empty and log.records() == []
    assert change_log_summary(log, "fr") == (
        "Aucune modification depuis la version 1 : c'est la seule version enregistrée."
    )


def test_a_row_added_then_removed_shows_its_values_field_by_field():
    versions = (
        ("Ann", "un", build()),
        ("Bea", "deux", build(measures=("M1", "M2", "M3"))),
        ("Cid", "trois", build(measures=("M1", "M2"))),
    )
    records = change_log(save_all(MemoryStore(), versions), "t", measure_id="M3").records()
    removed = [(r["field"], r["old"], r["new"]) for r in records if r["version"] == 3]
    added = [(r["field"], r["old"], r["new"]) for r in records if r["version"] == 2]
    assert {r["change"] for r in records if r["version"] == 3} == {"removed"}
    assert ("title", "Une mesure de plus", None) in removed
    assert ("title", None, "Une mesure de plus") in added
    assert ("lead", None, "Ministère A") in added
    assert ("due_date", None, dt.date(2025, 6, 30).isoformat()) in added
    assert all(field != "measure_id" for field, _, _ in added)  # the key names the row


def test_a_deadline_revision_a_retention_change_and_an_event_naming_the_measure_are_its_changes():
    letter = {"event_id": "E1", "date": "2025-02-01", "kind": "letter", "title": "Lettre",
              "measure_ids": "M2, M1"}  # fmt: skip
    versions = (
        ("Ann", "un", build(updates=(assessment("En cours"),))),
        (
            "Bea",
            "deux",
            build(
                updates=(assessment("En cours", revised="2026-06-30"),),
                retention="partly_retained",
                events=(letter,),
            ),
        ),
        (
            "Cid",
            "trois",
            build(
                updates=(assessment("En cours", revised="2026-06-30"),),
                retention="partly_retained",
                events=({**letter, "measure_ids": "M2"},),
            ),
        ),
    )
    store = save_all(MemoryStore(), versions)
    m1 = change_log(store, "t", measure_id="M1").records()
    assert [(r["version"], r["sheet"], r["field"], r["old"], r["new"]) for r in m1
            if r["change"] == "changed"] == [
        (3, "events", "measure_ids", "M2, M1", "M2"),
        (2, "retention", "level", "retained", "partly_retained"),
        (2, "status_updates", "revised_due_date", None, "2026-06-30"),
    ]  # fmt: skip
    assert {(r["version"], r["sheet"], r["change"]) for r in m1 if r["change"] != "changed"} == {
        (2, "events", "added")
    }
    # The retention row is the recommendation's change too; the event is not.
    r1 = change_log(store, "t", rec_id="R1").records()
    assert [(r["sheet"], r["field"], r["new"]) for r in r1] == [
        ("retention", "level", "partly_retained")
    ]
    fr = change_log_rows(change_log(store, "t", measure_id="M1"), "fr")
    revised = fr[fr["field"] == "Nouvelle échéance"].iloc[0]
    assert (revised["before"], revised["after"]) == ("(vide)", "30/06/2026")
    level = fr[fr["sheet"] == "Prise en compte"].iloc[0]
    assert (level["before"], level["after"]) == ("Retenue", "Partiellement retenue")


def test_each_pair_of_versions_is_compared_once_and_each_version_read_once(monkeypatch):
    store = save_all(MemoryStore())
    reads: list[int] = []
    read = store.read_dataset
    monkeypatch.setattr(store, "read_dataset", lambda k, n: reads.append(n) or read(k, n))
    change_log(store, "t", measure_id="M1")
    assert sorted(reads) == [1, 2, 3]

    # A page keeps each pair's step: other measures and recommendations reuse them all.
    computed: dict[tuple[int, int], Step] = {}
    walk = reading_steps(store, "t")

    def step_of(before: VersionInfo, after: VersionInfo) -> Step:
        pair = (before.number, after.number)
        if pair not in computed:
            computed[pair] = walk(before, after)
        return computed[pair]

    reads.clear()
    for item in ({"measure_id": "M1"}, {"measure_id": "M2"}, {"rec_id": "R1"}):
        change_log(store, "t", step_of=step_of, **item)
    assert sorted(computed) == [(1, 2), (2, 3)]
    assert sorted(reads) == [1, 2, 3]


def test_versions_with_the_same_content_are_not_read_or_compared():
    store = save_all(MemoryStore())
    one, _, three = store.versions("t")
    same = VersionInfo(**{**one.__dict__, "number": 4})  # a restore of version 1

    def refuse(version: VersionInfo) -> Dataset:
        raise AssertionError("read")

    assert between(one, same, refuse).changes.empty
    assert not between(one, three, lambda v: store.read_dataset("t", v.number)).changes.empty


def test_a_change_to_a_plan_or_the_scale_concerns_no_measure():
    old = build()
    new = Dataset(tables={**old.tables, "plans": old.plans.assign(title="Plan un")})
    assert old.content_hash() != new.content_hash()
    assert step_changes(old, new).empty


def test_asking_for_both_or_neither_a_measure_and_a_recommendation_is_a_programming_error():
    store = save_all(MemoryStore(), VERSIONS[:1])
    with pytest.raises(ValueError):
        change_log(store, "t")
    with pytest.raises(ValueError):
        change_log(store, "t", measure_id="M1", rec_id="R1")
