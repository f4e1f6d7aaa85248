"""The default dataset (data/france/) states only sourced facts about France's three plans.

These tests read the CSVs with the csv module alone (not the project's loader), so they
check the files a coordinator reviews on GitHub, exactly as committed.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from monitoring import schema

DATA = Path(__file__).resolve().parents[2] / "data" / "france"
UNKNOWN_TITLE = "Intitulé non trouvé dans les sources disponibles"
UNKNOWN_AXIS = "Axe non trouvé dans les sources disponibles"
SHIPPED = (
    schema.PLANS,
    schema.MEASURES,
    schema.RECOMMENDATIONS,
    schema.RETENTION,
    schema.STATUS_UPDATES,
    schema.EVENTS,
)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Measures whose title some source gives (plan-facts §6); every other one is unknown.
TITLED = {
    "PAN-2014": {1, 2, 3, 4, 5, 6, 7, 12, 15, 16, 17, 18, 19, 23},
    "PAN-2019": {1, 2, 3, 4, 5, 6, 7, 16, 19, 25, 26},
    "PAN-2024": set(),
}

# The only status assessments a source gives: (measure, as of, status, voice, assessor).
SOURCED_STATUSES = {
    ("PAN1-M12", "2015-11-19", "Réalisée", "Gouvernement", "MIPROF"),
    *((f"PAN1-M{n}", "2015-11-19", "Non évaluée", "Gouvernement", "MIPROF") for n in range(15, 20)),
    ("PAN2-M01", "2023-01-12", "Partiellement réalisée", "Évaluation indépendante", "CNCDH"),
    ("PAN2-M02", "2023-01-12", "Non réalisée", "Évaluation indépendante", "CNCDH"),
    ("PAN2-M03", "2023-01-12", "Partiellement réalisée", "Évaluation indépendante", "CNCDH"),
    ("PAN2-M04", "2023-01-12", "Non réalisée", "Évaluation indépendante", "CNCDH"),
    ("PAN2-M05", "2023-01-12", "Partiellement réalisée", "Évaluation indépendante", "CNCDH"),
    ("PAN2-M06", "2023-01-12", "Partiellement réalisée", "Évaluation indépendante", "CNCDH"),
}


def read_sheet(sheet: schema.Sheet) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header row and the rows (keyed by column id) of one shipped CSV."""
    with (DATA / f"{sheet.fr}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(sheet.column_ids, values, strict=True)) for values in reader]
    return header, rows


def rows(sheet: schema.Sheet) -> list[dict[str, str]]:
    return read_sheet(sheet)[1]


def measures_of(plan_id: str) -> list[dict[str, str]]:
    return [m for m in rows(schema.MEASURES) if m["plan_id"] == plan_id]


def measure_ids() -> set[str]:
    return {m["measure_id"] for m in rows(schema.MEASURES)}


# --- Format ----------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", SHIPPED, ids=lambda s: s.fr)
def test_headers_are_the_french_headers_of_the_contract_in_order(sheet: schema.Sheet) -> None:
    header, _ = read_sheet(sheet)
    assert header == [c.fr for c in sheet.columns]


@pytest.mark.parametrize("sheet", SHIPPED, ids=lambda s: s.fr)
def test_every_date_cell_is_an_iso_date(sheet: schema.Sheet) -> None:
    date_columns = [c.id for c in sheet.columns if c.type == "date"]
    for row in rows(sheet):
        for column in date_columns:
            value = row[column]
            if value:
                assert ISO_DATE.match(value), (row, column)
                date.fromisoformat(value)


@pytest.mark.parametrize("sheet", SHIPPED, ids=lambda s: s.fr)
def test_every_required_cell_is_filled(sheet: schema.Sheet) -> None:
    required = [c.id for c in sheet.columns if c.required]
    for row in rows(sheet):
        assert all(row[c].strip() for c in required), row


@pytest.mark.parametrize("sheet", SHIPPED, ids=lambda s: s.fr)
def test_every_row_names_its_source(sheet: schema.Sheet) -> None:
    column = "evidence" if sheet is schema.STATUS_UPDATES else "source"
    for row in rows(sheet):
        assert re.search(r"\[S\d+\] \S", row[column]), row


@pytest.mark.parametrize(
    ("sheet", "key"),
    [
        (schema.PLANS, "plan_id"),
        (schema.MEASURES, "measure_id"),
        (schema.RECOMMENDATIONS, "rec_id"),
        (schema.EVENTS, "event_id"),
    ],
    ids=lambda x: getattr(x, "fr", x),
)
def test_identifiers_are_unique(sheet: schema.Sheet, key: str) -> None:
    ids = [row[key] for row in rows(sheet)]
    assert ids
    assert len(ids) == len(set(ids))


def test_choice_values_are_french_labels_of_the_vocabularies() -> None:
    kinds = {c.fr for c in schema.EVENT_KINDS}
    voices = {c.fr for c in schema.VOICES}
    statuses = {s.label for s in schema.DEFAULT_SCALE}
    assert {e["kind"] for e in rows(schema.EVENTS)} <= kinds
    assert {s["voice"] for s in rows(schema.STATUS_UPDATES)} <= voices
    assert {s["status"] for s in rows(schema.STATUS_UPDATES)} <= statuses


def test_every_cited_source_is_listed_in_sources_md() -> None:
    listed = set(re.findall(r"^- \[(S\d+)\] ", (DATA / "SOURCES.md").read_text("utf-8"), re.M))
    cited: set[str] = set()
    for sheet in SHIPPED:
        for row in rows(sheet):
            for value in row.values():
                cited.update(re.findall(r"\[(S\d+)\]", value))
    assert cited
    assert cited <= listed


# --- Plans -----------------------------------------------------------------------------


def test_the_three_plans_have_their_sourced_dates() -> None:
    plans = {p["plan_id"]: p for p in rows(schema.PLANS)}
    got = {
        k: (p["period_start"], p["period_end"], p["adopted_date"], p["expected_date"])
        for k, p in plans.items()
    }
    assert got == {
        "PAN-2014": ("2014-01-01", "2016-12-31", "2014-05-14", "2013-10-01"),
        "PAN-2019": ("2019-01-01", "2021-12-31", "2019-10-18", ""),
        "PAN-2024": ("2024-01-01", "2027-12-31", "2023-12-11", ""),
    }


def test_plans_are_chained_to_their_predecessor() -> None:
    previous = {p["plan_id"]: p["previous_plan_id"] for p in rows(schema.PLANS)}
    assert previous == {"PAN-2014": "", "PAN-2019": "PAN-2014", "PAN-2024": "PAN-2019"}


# --- Measures --------------------------------------------------------------------------


def test_first_plan_has_23_measures() -> None:
    assert len(measures_of("PAN-2014")) == 23


def test_second_plan_has_45_measures() -> None:
    assert len(measures_of("PAN-2019")) == 45


def test_third_plan_has_60_measures() -> None:
    assert len(measures_of("PAN-2024")) == 60


def test_third_plan_measure_count_is_flagged_as_single_source() -> None:
    for m in measures_of("PAN-2024"):
        assert "[S61]" in m["source"]
        assert "source unique" in m["source"]


@pytest.mark.parametrize(
    ("plan_id", "prefix"), [("PAN-2014", "PAN1"), ("PAN-2019", "PAN2"), ("PAN-2024", "PAN3")]
)
def test_measure_ids_and_numbers_run_from_one_without_gaps(plan_id: str, prefix: str) -> None:
    measures = measures_of(plan_id)
    assert [int(m["number"]) for m in measures] == list(range(1, len(measures) + 1))
    assert [m["measure_id"] for m in measures] == [
        f"{prefix}-M{n:02d}" for n in range(1, len(measures) + 1)
    ]


def test_every_measure_belongs_to_a_declared_plan() -> None:
    plan_ids = {p["plan_id"] for p in rows(schema.PLANS)}
    assert {m["plan_id"] for m in rows(schema.MEASURES)} <= plan_ids


@pytest.mark.parametrize("plan_id", sorted(TITLED))
def test_untitled_measures_carry_exactly_the_unknown_text(plan_id: str) -> None:
    for m in measures_of(plan_id):
        if int(m["number"]) in TITLED[plan_id]:
            assert m["title"] != UNKNOWN_TITLE, m
        else:
            assert m["title"] == UNKNOWN_TITLE, m


def test_first_plan_measure_7_stays_visibly_truncated() -> None:
    title = next(m["title"] for m in rows(schema.MEASURES) if m["measure_id"] == "PAN1-M07")
    assert title.startswith("Augmenter et adapter les solutions d[…]")
    assert "non trouvée" in title
    assert "hébergement" not in title


def test_only_confirmed_axes_are_shipped() -> None:
    plan1_axis = "I – Identifier et accompagner les victimes"
    plan2_axis = (
        "1 – Informer et communiquer pour mieux prévenir le phénomène de la traite des êtres "
        "humains"
    )
    for m in rows(schema.MEASURES):
        number = int(m["number"])
        if m["plan_id"] == "PAN-2014" and number <= 7:
            assert m["axis"] == plan1_axis, m
        elif m["plan_id"] == "PAN-2019" and number <= 7:
            assert m["axis"] == plan2_axis, m
        else:
            assert m["axis"] == UNKNOWN_AXIS, m


def test_only_the_sourced_leads_are_shipped() -> None:
    leads = {m["measure_id"]: m["lead"] for m in rows(schema.MEASURES) if m["lead"]}
    assert set(leads) == {"PAN1-M12", *(f"PAN1-M{n}" for n in range(15, 20))}
    assert "Justice" in leads["PAN1-M12"]
    assert all("Affaires étrangères" in leads[f"PAN1-M{n}"] for n in range(15, 20))


def test_no_due_date_budget_or_carry_over_is_invented() -> None:
    for m in rows(schema.MEASURES):
        assert (m["due_date"], m["budget_eur"], m["carried_from"]) == ("", "", ""), m


# --- Status assessments ----------------------------------------------------------------


def test_status_rows_are_exactly_the_sourced_assessments() -> None:
    got = [
        (s["measure_id"], s["as_of"], s["status"], s["voice"], s["assessor"])
        for s in rows(schema.STATUS_UPDATES)
    ]
    assert len(got) == len(set(got))
    assert set(got) == SOURCED_STATUSES


def test_second_plan_first_six_measures_have_the_cncdh_2023_statuses() -> None:
    cncdh = {
        s["measure_id"]: s["status"]
        for s in rows(schema.STATUS_UPDATES)
        if s["assessor"] == "CNCDH" and s["as_of"] == "2023-01-12"
    }
    assert cncdh == {
        "PAN2-M01": "Partiellement réalisée",
        "PAN2-M02": "Non réalisée",
        "PAN2-M03": "Partiellement réalisée",
        "PAN2-M04": "Non réalisée",
        "PAN2-M05": "Partiellement réalisée",
        "PAN2-M06": "Partiellement réalisée",
    }


def test_not_done_appears_only_where_the_cncdh_said_so() -> None:
    not_done = {
        s["measure_id"] for s in rows(schema.STATUS_UPDATES) if s["status"] == "Non réalisée"
    }
    assert not_done == {"PAN2-M02", "PAN2-M04"}


def test_first_plan_measure_12_is_a_government_self_assessment() -> None:
    (row,) = [s for s in rows(schema.STATUS_UPDATES) if s["measure_id"] == "PAN1-M12"]
    assert row["completed_on"] == "2015-01-22"
    assert "[S4]" in row["evidence"]
    assert "Auto-évaluation" in row["comment"]
    assert "pas une évaluation indépendante" in row["comment"]


def test_status_rows_name_existing_measures() -> None:
    assert {s["measure_id"] for s in rows(schema.STATUS_UPDATES)} <= measure_ids()


# --- Recommendations and retention -----------------------------------------------------


def test_recommendations_have_no_invented_priority() -> None:
    recs = rows(schema.RECOMMENDATIONS)
    assert recs
    assert all(r["priority"] == "" for r in recs)


def test_key_sourced_recommendations_are_present() -> None:
    ids = {r["rec_id"] for r in rows(schema.RECOMMENDATIONS)}
    assert {
        "GRETA-2013-01",
        "CNCDH-2017-01",
        "SENAT-2016-01",
        "CNCDH-2019-01",
        "GRETA-2022-01",
        "COLL-2016-01",
        "COLL-2019-01",
        "COLL-2023-01",
    } <= ids


def test_retention_sheet_is_empty_because_no_source_states_any_retention() -> None:
    header, retention = read_sheet(schema.RETENTION)
    assert header
    assert retention == []


# --- Events ----------------------------------------------------------------------------


def test_events_are_numbered_in_date_order() -> None:
    events = rows(schema.EVENTS)
    assert [e["event_id"] for e in events] == [f"EV-{i:03d}" for i in range(1, len(events) + 1)]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)


def test_event_references_resolve() -> None:
    events = rows(schema.EVENTS)
    event_ids = {e["event_id"] for e in events}
    plan_ids = {p["plan_id"] for p in rows(schema.PLANS)}
    known_measures = measure_ids()
    for e in events:
        if e["reply_to"]:
            assert e["reply_to"] in event_ids and e["reply_to"] != e["event_id"], e
        if e["plan_id"]:
            assert e["plan_id"] in plan_ids, e
        if e["measure_ids"]:
            assert {m.strip() for m in e["measure_ids"].split(",")} <= known_measures, e


def test_prime_minister_ayrault_reply_answers_the_collectif_letter_to_him() -> None:
    events = {e["event_id"]: e for e in rows(schema.EVENTS)}
    (reply,) = [e for e in events.values() if e["kind"] == "Réponse"]
    letter = events[reply["reply_to"]]
    assert "Ayrault" in reply["sender"]
    assert letter["kind"] == "Lettre"
    assert "Ayrault" in letter["recipient"]
    assert letter["sender"] == "Collectif Ensemble contre la traite"
    assert letter["date"] <= reply["date"]


def test_circular_of_22_january_2015_is_tied_to_measure_12() -> None:
    (circular,) = [e for e in rows(schema.EVENTS) if e["date"] == "2015-01-22"]
    assert circular["kind"] == "Texte officiel"
    assert circular["measure_ids"] == "PAN1-M12"


def test_july_2013_meeting_is_shown_as_the_collectif_account_only() -> None:
    (meeting,) = [e for e in rows(schema.EVENTS) if e["date"] == "2013-07-25"]
    assert "récit du Collectif" in meeting["title"]
    assert meeting["source"].startswith("[S10] ")


def test_imprecise_event_dates_are_first_days_and_say_so_in_the_title() -> None:
    # No sourced event falls on a real first of the month: day 01 always means "month or
    # year only", and the title must then say the precise date is unknown.
    events = rows(schema.EVENTS)
    assert any("date précise inconnue" in e["title"] for e in events)
    for e in events:
        assert ("date précise inconnue" in e["title"]) == e["date"].endswith("-01"), e


def test_plans_presentation_events_match_the_plans_sheet() -> None:
    adopted = {p["plan_id"]: p["adopted_date"] for p in rows(schema.PLANS)}
    for plan_id, day in adopted.items():
        presented = [
            e
            for e in rows(schema.EVENTS)
            if e["plan_id"] == plan_id and e["kind"] == "Texte officiel" and e["date"] == day
        ]
        assert len(presented) == 1, plan_id
