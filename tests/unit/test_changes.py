"""The change review between two versions: what moved, which way, in both languages."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from monitoring.analysis.changes import GROUP_COLUMNS, GROUPS, SECTIONS, compare
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.contract.schema import (
    CATEGORIES,
    EVENT_KINDS,
    RETENTION_LEVELS,
    VERDICT_COUNT_COLUMNS,
    VOICES,
)
from monitoring.devtools.synthetic import as_of_date, synthetic_dataset
from monitoring.present.change_tables import (
    ROW_COLUMNS,
    change_rows,
    change_sections,
    changed_cells,
    section_label,
    summary_lines,
)

AS_OF = dt.date(2025, 6, 1)
PLAN = {"plan_id": "P1", "title": "Plan 1", "period_start": "2024-01-01",
        "period_end": "2026-12-31"}  # fmt: skip


def measures(*ids: str) -> list[dict[str, object]]:
    return [
        {"measure_id": m, "plan_id": "P1", "number": i + 1, "title": f"Mesure {m}",
         "due_date": "2025-01-31"}
        for i, m in enumerate(ids)
    ]  # fmt: skip


def status(measure: str, label: str, voice: str = "civil_society", on: str = "2025-01-10",
           revised: str | None = None) -> dict[str, object]:  # fmt: skip
    return {"measure_id": measure, "as_of": on, "status": label, "voice": voice,
            "revised_due_date": revised}  # fmt: skip


def build(ms=("M1", "M2"), updates=(), events=(), retention=(), verdicts=()) -> Dataset:
    return dataset_from_records(
        {
            "plans": [PLAN],
            "measures": measures(*ms),
            "recommendations": [{"rec_id": "R1", "author": "GRETA", "title": "Reco 1"}],
            "retention": list(retention),
            "status_updates": list(updates),
            "events": list(events),
            "published_verdicts": list(verdicts),
        }
    )


def test_two_equal_versions_have_no_changes():
    ds = build(updates=[status("M1", "En cours")])
    changes = compare(ds, ds, AS_OF)
    assert changes.is_empty
    assert summary_lines(changes, "fr") == ["Aucun changement."]
    assert change_rows(changes, "en").empty


def test_measures_added_and_removed_are_listed_by_id():
    changes = compare(build(ms=("M1", "M2")), build(ms=("M2", "M3")), AS_OF)
    assert changes.measures_added["measure_id"].tolist() == ["M3"]
    assert changes.measures_removed["measure_id"].tolist() == ["M1"]
    assert not changes.is_empty


@pytest.mark.scale
@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        ("Non réalisée", "Partiellement réalisée", "up"),
        ("En cours", "Réalisée", "up"),
        ("Réalisée", "Non démarrée", "down"),
        ("Réalisée", "Abandonnée", "dropped"),
        ("Abandonnée", "Non réalisée", "reinstated"),
        (None, "Non réalisée", "assessed"),
        ("Réalisée", "Non évaluée", "unassessed"),
    ],
)
def test_a_status_change_has_a_direction_on_the_scale_done_partial_not_done(
    before, after, direction
):
    old = build(updates=[status("M1", before)] if before else [])
    new = build(updates=[*old.status_updates.to_dict("records")[:0],
                         *([status("M1", before)] if before else []),
                         status("M1", after, on="2025-03-01")])  # fmt: skip
    (row,) = compare(old, new, AS_OF).statuses.to_dict("records")
    assert (row["measure_id"], row["voice"], row["direction"]) == ("M1", "civil_society", direction)


def test_a_new_label_in_the_same_category_is_not_a_status_change():
    old = build(updates=[status("M1", "En cours")])
    new = build(updates=[status("M1", "Partiellement réalisée")])
    assert compare(old, new, AS_OF).statuses.empty


def test_statuses_are_compared_per_voice():
    old = build(updates=[status("M1", "En cours", "government")])
    new = build(
        updates=[
            status("M1", "Réalisée", "government"),
            status("M1", "Non réalisée", "independent"),
        ]
    )
    rows = compare(old, new, AS_OF).statuses.set_index("voice")["direction"].to_dict()
    assert rows == {"government": "up", "independent": "assessed"}


def test_a_revised_due_date_moves_the_deadline_by_so_many_days():
    old = build(updates=[status("M1", "En cours")])
    new = build(updates=[status("M1", "En cours", revised="2025-03-02")])
    (row,) = compare(old, new, AS_OF).deadlines.to_dict("records")
    assert row["measure_id"] == "M1" and row["shift_days"] == 30


def test_retention_changes_are_listed_per_plan_and_recommendation():
    def kept(level):
        return {"rec_id": "R1", "plan_id": "P1", "measure_id": "M1", "level": level}

    changes = compare(
        build(retention=[kept("partly_retained")]), build(retention=[kept("retained")]), AS_OF
    )
    (row,) = changes.retention.to_dict("records")
    assert (row["plan_id"], row["rec_id"], row["old_level"], row["new_level"]) == (
        "P1", "R1", "partly_retained", "retained"
    )  # fmt: skip
    gone = compare(build(retention=[kept("retained")]), build(), AS_OF).retention
    assert gone.iloc[0]["new_level"] is None or gone["new_level"].isna().all()


def test_events_added_removed_and_changed_are_matched_by_id():
    def event(eid, title):
        return {"event_id": eid, "date": "2025-02-01", "kind": "letter", "title": title}

    old = build(events=[event("E1", "Lettre"), event("E2", "Réunion")])
    new = build(events=[event("E2", "Réunion reportée"), event("E3", "Réponse")])
    changes = compare(old, new, AS_OF)
    assert changes.events_added["event_id"].tolist() == ["E3"]
    assert changes.events_removed["event_id"].tolist() == ["E1"]
    assert changes.events_changed["event_id"].tolist() == ["E2"]


def test_the_review_is_json_ready_and_its_rows_read_in_french_and_english():
    old = build(updates=[status("M1", "En cours")])
    new = build(ms=("M1", "M2", "M3"), updates=[status("M1", "Réalisée")])
    changes = compare(old, new, AS_OF)

    data = json.loads(json.dumps(changes.as_dict()))
    assert data["counts"]["measures_added"] == 1 and data["counts"]["statuses_up"] == 1
    assert set(SECTIONS) <= set(data)

    fr, en = change_rows(changes, "fr"), change_rows(changes, "en")
    assert list(fr.columns) == ["Changement", "Plan", "Identifiant", "Évalué par", "Intitulé",
                                "Date", "Avant", "Après"]  # fmt: skip
    assert "Mesures ajoutées" in fr["Changement"].tolist()
    assert "Statuses changed — up" in en["Change"].tolist()
    assert "Société civile" in fr["Évalué par"].tolist()
    assert any("Measures added: 1" in line for line in summary_lines(changes, "en"))


def test_status_labels_in_the_rows_are_in_the_users_language():
    old = build(updates=[status("M1", "En cours")])
    new = build(updates=[status("M1", "Réalisée")])
    changes = compare(old, new, AS_OF)
    (en,) = change_rows(changes, "en").to_dict("records")
    (fr,) = change_rows(changes, "fr").to_dict("records")
    assert (en["Before"], en["After"]) == ("In progress", "Done")
    assert (fr["Avant"], fr["Après"]) == ("En cours", "Réalisée")
    # The JSON keeps the labels as written in the workbook.
    assert changes.as_dict()["statuses"][0]["new_status"] == "Réalisée"


def test_a_status_label_off_the_scale_is_shown_as_written():
    old = build(updates=[status("M1", "Réalisée")])
    new = build(updates=[status("M1", "Étiquette inconnue")])
    (row,) = change_rows(compare(old, new, AS_OF), "en").to_dict("records")
    assert (row["Before"], row["After"]) == ("Done", "Étiquette inconnue")


def test_an_events_date_is_in_the_date_column_not_in_after():
    event = {"event_id": "E1", "date": "2025-02-01", "kind": "letter", "title": "Lettre"}
    (row,) = change_rows(compare(build(), build(events=[event]), AS_OF), "en").to_dict("records")
    assert row["Date"] == "2025-02-01"
    assert row["After"] == "" and row["Before"] == ""
    assert row["Change"] == "Events added"


def test_sections_give_each_group_by_its_stable_name_whatever_the_language():
    old = build(ms=("M1", "M2"), updates=[status("M1", "En cours"), status("M2", "Réalisée")])
    new = build(ms=("M1", "M2", "M3"),
                updates=[status("M1", "Réalisée"), status("M2", "Non réalisée")])  # fmt: skip
    changes = compare(old, new, AS_OF)
    for lang in ("fr", "en"):
        sections = change_sections(changes, lang)
        assert list(sections) == ["measures_added", "statuses_up", "statuses_down"]
        assert list(sections) == [g for g in GROUPS if g in sections]  # in GROUPS order
        items = {name: frame.iloc[:, 2].tolist() for name, frame in sections.items()}
        assert items == {"measures_added": ["M3"], "statuses_up": ["M1"],
                         "statuses_down": ["M2"]}  # fmt: skip
        for name, frame in sections.items():
            assert frame.equals(change_rows(changes, lang, section=name))
            assert set(frame.iloc[:, 0]) == {section_label(name, lang)}
        both = change_rows(changes, lang, section="statuses")
        assert sorted(both.iloc[:, 2]) == ["M1", "M2"]
        assert len(change_rows(changes, lang)) == sum(len(f) for f in sections.values())
    assert section_label("statuses_up", "en") == "Statuses changed — up"
    assert change_rows(changes, "en", section="deadlines").empty
    with pytest.raises(ValueError, match="unknown section"):
        change_rows(changes, "en", section="Mesures ajoutées")


@pytest.mark.scale
def test_two_versions_of_ten_thousand_measures_are_compared_whole():
    """Speed is measured by `bench/import_bench.py`, not asserted here."""
    old, new = synthetic_dataset(10_000, seed=1), synthetic_dataset(10_000, seed=2)
    counts = compare(old, new, as_of_date()).counts()
    assert counts["statuses"] > 1_000 and counts["deadlines"] > 1_000


@pytest.mark.subprocess
def test_two_unrelated_versions_compare_without_error_in_both_languages() -> None:
    # Restoring the French data over the demo's (or the reverse) compares datasets that
    # share no id: every mapped column is empty, which must not break the review.
    import warnings

    from monitoring.intake.loading import load_shipped

    demo, france = load_shipped("demo"), load_shipped("france")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        changes = compare(demo, france, dt.date(2026, 11, 26))
        for lang in ("fr", "en"):
            sections = change_sections(changes, lang)
            assert sections and all(len(rows) for rows in sections.values())
    counts = changes.counts()
    assert counts["measures_added"] == len(france.measures)
    assert counts["measures_removed"] == len(demo.measures)


def verdict(assessor: str = "CNCDH", on: str = "2025-01-12", **counts: int) -> dict[str, object]:
    return {"plan_id": "P1", "assessor": assessor, "voice": "independent", "published_on": on,
            "measures_covered": 2, "source": "https://example.org", **counts}  # fmt: skip


def test_published_verdicts_added_and_removed_are_matched_by_plan_assessor_and_date():
    old = build(verdicts=[verdict(count_done=1), verdict("Collectif", count_not_done=2)])
    new = build(verdicts=[verdict(count_done=1), verdict("Collectif", "2025-03-01", count_done=2)])
    changes = compare(old, new, AS_OF)
    assert changes.verdicts_added[["assessor", "published_on"]].astype(str).values.tolist() == [
        ["Collectif", "2025-03-01"]
    ]
    assert changes.verdicts_removed["assessor"].tolist() == ["Collectif"]
    assert changes.verdicts_changed.empty
    assert changes.counts()["verdicts_added"] == 1 and not changes.is_empty
    assert "verdicts_added" in change_sections(changes, "fr")


def test_a_verdict_whose_counts_changed_shows_its_figures_before_and_after_in_both_languages():
    old = build(verdicts=[verdict(count_done=1)])
    new = build(verdicts=[verdict(count_done=1, count_partial=1)])
    changes = compare(old, new, AS_OF)
    assert changes.verdicts_changed["old_count_partial"].isna().all()
    (fr,) = change_rows(changes, "fr", section="verdicts_changed").to_dict("records")
    assert fr["Changement"] == "Verdicts publiés modifiés"
    assert (fr["Plan"], fr["Identifiant"], fr["Date"]) == ("P1", "CNCDH", "12/01/2025")
    assert fr["Évalué par"] == "Évaluation indépendante"
    assert fr["Avant"] == "réalisée 1 (2 mesures couvertes)"
    assert fr["Après"] == "réalisée 1 · partielle 1 (2 mesures couvertes)"
    (en,) = change_rows(changes, "en", section="verdicts_changed").to_dict("records")
    assert en["After"] == "done 1 · partial 1 (2 measures covered)"
    data = json.loads(json.dumps(changes.as_dict()))
    assert data["verdicts_changed"][0]["count_partial"] == 1
    assert data["verdicts_changed"][0]["old_count_partial"] is None


def test_an_added_verdict_reads_its_figures_in_the_title_column():
    changes = compare(build(), build(verdicts=[verdict(count_not_done=2)]), AS_OF)
    (row,) = change_rows(changes, "en").to_dict("records")
    assert row["Change"] == "Published verdicts added"
    assert row["Title"] == "not done 2 (2 measures covered)"
    assert row["Date"] == "2025-01-12"


def test_an_event_known_to_the_month_shows_the_month_not_an_invented_day():
    event = {"event_id": "E1", "date": "2025-02-01", "date_latest": "2025-02-28",
             "kind": "letter", "title": "Lettre"}  # fmt: skip
    (row,) = change_rows(compare(build(), build(events=[event]), AS_OF), "fr").to_dict("records")
    assert row["Date"] == "février 2025"


def test_an_event_whose_latest_date_changed_is_an_event_changed():
    event = {"event_id": "E1", "date": "2025-02-01", "kind": "letter", "title": "Lettre"}
    later = event | {"date_latest": "2025-03-31"}
    changes = compare(build(events=[event]), build(events=[later]), AS_OF)
    assert changes.events_changed["event_id"].tolist() == ["E1"]
    (row,) = change_rows(changes, "en").to_dict("records")
    assert row["Date"] == "between 2025-02-01 and 2025-03-31"


def test_the_groups_speak_no_language_and_only_their_wording_differs_between_fr_and_en():
    event = {"event_id": "E1", "date": "2025-02-01", "kind": "letter", "title": "Courrier"}
    kept = {"rec_id": "R1", "plan_id": "P1", "measure_id": "M1", "level": "partly_retained"}
    old = build(updates=[status("M1", "En cours"), status("M2", "Réalisée")], events=[event],
                retention=[kept], verdicts=[verdict(count_done=1)])  # fmt: skip
    new = build(ms=("M1", "M2", "M3"), events=[event | {"date_latest": "2025-03-31"}],
                updates=[status("M1", "Réalisée"),
                         status("M2", "Non réalisée", revised="2025-09-01")],
                retention=[kept | {"level": "retained"}],
                verdicts=[verdict(count_done=1, count_partial=1)])  # fmt: skip
    changes = compare(old, new, AS_OF)
    groups = changes.groups()
    assert list(groups) == ["measures_added", "statuses_up", "statuses_down", "deadlines",
                            "retention", "events_changed", "verdicts_changed"]  # fmt: skip
    choices = (*VOICES, *EVENT_KINDS, *RETENTION_LEVELS, *CATEGORIES)
    words = {c.label(lang) for c in choices for lang in ("fr", "en")} - {c.code for c in choices}
    words |= {section_label(name, lang) for name in GROUPS for lang in ("fr", "en")}
    figures = ["measures_covered", *VERDICT_COUNT_COLUMNS.values()]  # a verdict's own
    for name, frame in groups.items():
        assert set(frame.columns) <= {*GROUP_COLUMNS, *figures, *(f"old_{f}" for f in figures)}
        assert not (set(frame.astype(object).to_numpy().ravel().tolist()) & words), name
    assert groups["verdicts_changed"]["voice"].tolist() == ["independent"]
    assert groups["events_changed"]["kind"].tolist() == ["letter"]
    assert groups["retention"][["before", "after"]].values.tolist() == [
        ["partly_retained", "retained"]
    ]
    up, down = groups["statuses_up"], groups["statuses_down"]  # labels as written
    assert (up["before"].tolist(), down["after"].tolist()) == (["En cours"], ["Non réalisée"])
    assert isinstance(groups["deadlines"]["after"].iloc[0], dt.date | pd.Timestamp)
    fr, en = change_sections(changes, "fr"), change_sections(changes, "en")
    assert list(fr) == list(en) == list(groups)
    for name in groups:  # the same cells; only the words (labels, dates) differ
        assert fr[name].shape == en[name].shape == (len(groups[name]), len(ROW_COLUMNS))
        for ids in ("plan", "item"):  # identifiers are never translated
            column = ROW_COLUMNS.index(ids)
            assert fr[name].iloc[:, column].tolist() == en[name].iloc[:, column].tolist()
    assert fr["retention"].iloc[0, -1] == "Retenue" and en["retention"].iloc[0, -1] == "Retained"
    assert fr["events_changed"].iloc[0, 4] == "Lettre — Courrier"
    assert en["events_changed"].iloc[0, 4] == "Letter — Courrier"


# --- Every cell named (issue 11) --------------------------------------------------------------

from monitoring.analysis.changes import cell_changes, cell_records  # noqa: E402
from monitoring.contract.dataset import StatusScale  # noqa: E402
from monitoring.contract.schema import DEFAULT_SCALE, SHEETS_BY_ID  # noqa: E402


def full() -> Dataset:
    """A dataset using every sheet, with an extra column (`Remarque`) kept as written."""
    rows = measures("M1", "M2")
    for row, note in zip(rows, ("à suivre", "ok"), strict=True):
        row |= {"lead": "Ministère A", "axis": "Axe 1", "budget_eur": 1000.0, "Remarque": note}
    return dataset_from_records(
        {
            "plans": [PLAN],
            "measures": rows,
            "recommendations": [{"rec_id": "R1", "author": "GRETA", "title": "Reco 1"}],
            "retention": [
                {"rec_id": "R1", "plan_id": "P1", "measure_id": "M1", "level": "retained"}
            ],
            "status_updates": [
                status("M1", "En cours", on="2018-03-01") | {"evidence": "Rapport 2018"},
                status("M1", "Réalisée", on="2025-01-10"),
            ],
            "events": [
                {"event_id": "E1", "date": "2024-05-14", "kind": "publication", "title": "Rapport"}
            ],
            "published_verdicts": [
                {
                    "plan_id": "P1",
                    "assessor": "CNCDH",
                    "voice": "independent",
                    "published_on": "2025-02-01",
                    "measures_covered": 2,
                    "count_done": 1,
                }
            ],
        }
    )


def edited(ds: Dataset, table: str, row: int, column: str, value: object) -> Dataset:
    frame = ds.tables[table].copy()
    frame.loc[frame.index[row], column] = value
    return Dataset(tables={**ds.tables, table: frame}, scale=ds.scale, extras=ds.extras)


def named(old: Dataset, new: Dataset) -> set[tuple[object, ...]]:
    """What the review names: (sheet, row, change, field, old, new), as `diff --json`."""
    return {(c["sheet"], c["row_key"], c["change"], c["field"], c["old"], c["new"])
            for c in cell_records(compare(old, new, AS_OF).cells)}  # fmt: skip


@pytest.mark.scale
@pytest.mark.parametrize(
    ("table", "row", "column", "value", "expected"),
    [
        ("measures", 0, "title", "Nouvel intitulé", ("measures", "M1", "Mesure M1")),
        ("measures", 1, "lead", "Ministère B", ("measures", "M2", "Ministère A")),
        ("measures", 0, "axis", "Axe 2", ("measures", "M1", "Axe 1")),
        ("measures", 0, "budget_eur", 2500.0, ("measures", "M1", 1000.0)),
        ("recommendations", 0, "title", "Reco corrigée", ("recommendations", "R1", "Reco 1")),
        ("recommendations", 0, "author", "CNCDH", ("recommendations", "R1", "GRETA")),
        ("retention", 0, "level", "partly_retained", ("retention", "R1 · P1 · M1", "retained")),
        (
            "status_updates",
            0,
            "status",
            "Réalisée",
            ("status_updates", "M1 · 2018-03-01 · civil_society", "En cours"),
        ),
        (
            "status_updates",
            0,
            "evidence",
            "Rapport corrigé",
            ("status_updates", "M1 · 2018-03-01 · civil_society", "Rapport 2018"),
        ),
        ("events", 0, "date", pd.Timestamp("2024-06-01"), ("events", "E1", "2024-05-14")),
        (
            "published_verdicts",
            0,
            "count_done",
            2,
            ("published_verdicts", "P1 · CNCDH · 2025-02-01", 1),
        ),
        ("measures", 1, "Remarque", "à revoir", ("measures", "M2", "ok")),
    ],
    ids=[
        "a measure's new title is named with the old one",
        "a measure's new lead is named with the old one",
        "a measure's new axis is named with the old one",
        "a measure's new budget is named with the old one",
        "a recommendation's new text is named with the old one",
        "a recommendation's new author is named with the old one",
        "a retention level's change is named by recommendation, plan and measure",
        "a past assessment's rewritten status is named by measure, date and voice",
        "a past assessment's rewritten evidence is named by measure, date and voice",
        "an event's new date is named with the old one",
        "a published verdict's new count is named by plan, assessor and date",
        "an extra column's new value is named under its own header",
    ],
)
def test_the_review_names_each_kind_of_edit(table, row, column, value, expected):
    old = full()
    new = edited(old, table, row, column, value)
    sheet, row_key, before = expected
    after = value.date().isoformat() if isinstance(value, pd.Timestamp) else value
    assert named(old, new) == {(sheet, row_key, "changed", column, before, after)}


def test_a_row_added_and_a_row_removed_are_named_by_their_identifier():
    old = full()
    frame = old.measures.copy()
    frame.loc[frame.index[1], "measure_id"] = "M3"  # M2 removed, M3 added
    new = Dataset(tables={**old.tables, "measures": frame}, scale=old.scale)
    assert named(old, new) == {
        ("measures", "M2", "removed", None, None, None),
        ("measures", "M3", "added", None, None, None),
    }


def test_the_second_assessment_of_the_same_day_and_voice_is_told_apart():
    old = build(updates=[status("M1", "En cours"), status("M1", "En cours")])
    new = edited(old, "status_updates", 1, "comment", "doublon")
    assert named(old, new) == {
        ("status_updates", "M1 · 2025-01-10 · civil_society #2", "changed", "comment", None,
         "doublon")
    }  # fmt: skip


def test_no_change_is_said_only_for_identical_contents():
    ds = full()
    same = Dataset(tables={k: v.copy() for k, v in ds.tables.items()}, scale=ds.scale)
    assert summary_lines(compare(ds, same, AS_OF), "fr") == ["Aucun changement."]
    assert compare(ds, same, AS_OF).cells.empty
    rescaled = Dataset(tables=ds.tables, scale=StatusScale(DEFAULT_SCALE[::-1][:3], custom=True))
    changes = compare(ds, rescaled, AS_OF)
    assert ds.content_hash() != rescaled.content_hash()
    assert not changes.is_empty and "Aucun changement." not in summary_lines(changes, "fr")
    assert set(changes.cells["sheet"]) == {"status_scale"}


def test_rows_in_another_order_are_still_a_named_difference():
    ds = full()
    frame = ds.measures.iloc[::-1].reset_index(drop=True)
    new = Dataset(tables={**ds.tables, "measures": frame}, scale=ds.scale)
    assert ds.content_hash() != new.content_hash()
    assert [c["change"] for c in cell_records(cell_changes(ds, new))] == ["other"]


def test_the_cell_table_speaks_the_coordinators_words():
    old = full()
    new = edited(edited(old, "events", 0, "date", pd.Timestamp("2024-06-01")),
                 "retention", 0, "level", "partly_retained")  # fmt: skip
    rows = changed_cells(compare(old, new, AS_OF), "fr")
    assert list(rows.columns) == ["Feuille", "Ligne", "Changement", "Colonne", "Avant", "Après"]
    shown = rows.to_dict("records")
    assert {"Feuille": "Prise en compte", "Ligne": "R1 · P1 · M1", "Changement": "Modifiée",
            "Colonne": "Prise en compte", "Avant": "Retenue",
            "Après": "Partiellement retenue"} in shown  # fmt: skip
    assert {"Feuille": "Chronologie", "Ligne": "E1", "Changement": "Modifiée",
            "Colonne": "Date", "Avant": "14/05/2024", "Après": "01/06/2024"} in shown  # fmt: skip
    english = changed_cells(compare(old, new, AS_OF), "en").to_dict("records")
    assert {r["Sheet"] for r in english} == {
        SHEETS_BY_ID["retention"].en, SHEETS_BY_ID["events"].en
    }  # fmt: skip
    assert {r["Before"] for r in english} == {"Retained", "2024-05-14"}
