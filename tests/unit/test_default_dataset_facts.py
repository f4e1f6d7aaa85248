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

from monitoring.contract import schema

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
    schema.PUBLISHED_VERDICTS,
)
# Each sheet's imprecise dates: (earliest column, latest column).
BOUNDED = {
    schema.PLANS: ("expected_date", "expected_latest"),
    schema.STATUS_UPDATES: ("as_of", "as_of_latest"),
    schema.EVENTS: ("date", "date_latest"),
}
COLLECTIF = "Collectif Ensemble contre la traite"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Measures whose title some source gives (data/france/SOURCES.md); every other one is unknown.
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
    assert {v["voice"] for v in rows(schema.PUBLISHED_VERDICTS)} <= voices
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
        k: (
            p["period_start"],
            p["period_end"],
            p["adopted_date"],
            p["expected_date"],
            p["expected_latest"],
        )
        for k, p in plans.items()
    }
    assert got == {
        # « d'ici octobre 2013 » [S11]: the whole month, no chosen day.
        "PAN-2014": ("2014-01-01", "2016-12-31", "2014-05-14", "2013-10-01", "2013-10-31"),
        "PAN-2019": ("2019-01-01", "2021-12-31", "2019-10-18", "", ""),
        # Announced for 18 October 2023, the European anti-trafficking day (§10).
        "PAN-2024": ("2024-01-01", "2027-12-31", "2023-12-11", "2023-10-18", ""),
    }


def test_expected_dates_carry_their_sources() -> None:
    plans = {p["plan_id"]: p for p in rows(schema.PLANS)}
    assert "[S11]" in plans["PAN-2014"]["source"]
    assert "d'ici octobre 2013" in plans["PAN-2014"]["source"]
    assert "par convention (premier jour" not in plans["PAN-2014"]["source"]
    third = plans["PAN-2024"]["source"]
    assert "[S69]" in third and "[S70]" in third
    assert "18 octobre 2023" in third and "12 octobre 2023" in third


def test_third_plan_postponement_and_preparatory_meetings_are_events() -> None:
    third = [e for e in rows(schema.EVENTS) if e["plan_id"] == "PAN-2024"]
    (postponed,) = [e for e in third if e["date"] == "2023-10-12"]
    assert postponed["date_latest"] == ""
    assert "reporte" in postponed["title"] and "Couillard" in postponed["sender"]
    (mid_may,) = [e for e in third if "mi-mai" in e["title"]]
    # "Mid-May" names no day range: the month's bounds, not an invented 11-20 May.
    assert (mid_may["date"], mid_may["date_latest"]) == ("2023-05-01", "2023-05-31")
    (june,) = [e for e in third if e["date"].startswith("2023-06")]
    assert (june["date"], june["date_latest"]) == ("2023-06-01", "2023-06-30")
    assert all("[S70]" in e["source"] for e in (postponed, mid_may, june))


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
    # Ordered as the app orders them: by earliest date, then latest.
    events = rows(schema.EVENTS)
    assert [e["event_id"] for e in events] == [f"EV-{i:03d}" for i in range(1, len(events) + 1)]
    keys = [(e["date"], e["date_latest"] or e["date"]) for e in events]
    assert keys == sorted(keys)


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
    assert letter["sender"] == COLLECTIF
    # Both within Mr Ayrault's time in office: after 3 Feb 2014, by 31 Mar 2014.
    for e in (letter, reply):
        assert (e["date"], e["date_latest"]) == ("2014-02-03", "2014-03-31"), e


def test_the_reply_links_are_those_the_collectif_page_states() -> None:
    events = {e["event_id"]: e for e in rows(schema.EVENTS)}
    links = {
        (events[e["reply_to"]]["recipient"], e["kind"], e["date"])
        for e in events.values()
        if e["reply_to"]
    }
    assert links == {
        # The 25 July 2013 meeting answers the 2013 letter to the Minister (§9).
        ("Najat Vallaud-Belkacem, ministre des Droits des femmes", "Réunion", "2013-07-25"),
        ("Jean-Marc Ayrault, Premier ministre", "Réponse", "2014-02-03"),
    }
    for e in events.values():
        if e["reply_to"]:
            asked = events[e["reply_to"]]
            assert (asked["date_latest"] or asked["date"]) <= (e["date_latest"] or e["date"])


def test_circular_of_22_january_2015_is_tied_to_measure_12() -> None:
    (circular,) = [e for e in rows(schema.EVENTS) if e["date"] == "2015-01-22"]
    assert circular["kind"] == "Texte officiel"
    assert circular["measure_ids"] == "PAN1-M12"


def test_july_2013_meeting_answers_the_2013_letter_to_the_minister() -> None:
    events = {e["event_id"]: e for e in rows(schema.EVENTS)}
    (meeting,) = [e for e in events.values() if e["date"] == "2013-07-25" and not e["date_latest"]]
    assert meeting["kind"] == "Réunion"
    assert meeting["source"].startswith("[S10] ")
    assert "récit du Collectif" in meeting["source"]
    letter = events[meeting["reply_to"]]
    assert (letter["date"], letter["date_latest"]) == ("2013-01-28", "2013-07-24")
    assert letter["sender"] == COLLECTIF and "Vallaud-Belkacem" in letter["recipient"]


# Each dated event of the Collectif's page (data/france/SOURCES.md), as bounds.
# (kind, words of the title or addressee, earliest, latest; "" = known to the day)
SECTION_9 = [
    ("Autre", "repoussée depuis 2008", "2008-01-01", "2008-12-31"),
    ("Texte officiel", "décide de créer la MIPROF", "2012-11-30", ""),
    ("Réunion", "pauvreté des enfants", "2012-11-01", "2012-11-30"),
    ("Texte officiel", "Décret n° 2013-7", "2013-01-03", ""),
    ("Rapport", "Premier rapport du GRETA", "2013-01-28", ""),
    ("Lettre", "recommandations retravaillées", "2013-01-28", "2013-07-24"),
    ("Réunion", "lors d'une de ses réunions", "2013-07-25", ""),
    ("Lettre", "Eric Panloup", "2013-07-25", "2013-12-31"),
    ("Lettre", "Elisabeth Moiron-Braud", "2013-07-25", "2013-12-31"),
    ("Réunion", "Réunion informelle", "2013-07-25", "2014-01-29"),
    ("Publication", "projet de texte du plan", "2014-01-30", ""),
    ("Réunion", "examinent le projet de plan", "2014-02-03", ""),
    ("Lettre", "dans l'attente de la mise en œuvre", "2014-02-03", "2014-03-31"),
    ("Lettre", "Premier ministre Jean-Marc Ayrault", "2014-02-03", "2014-03-31"),
    ("Réponse", "Réponse du Premier ministre Jean-Marc Ayrault", "2014-02-03", "2014-03-31"),
    ("Lettre", "Manuel Valls", "2014-04-02", "2014-05-13"),
    ("Lettre", "Christiane Taubira", "2014-04-02", "2014-05-13"),
    (
        "Lettre",
        "Lettre du Collectif au ministre de l'Intérieur Bernard",
        "2014-04-02",
        "2014-05-13",
    ),
    ("Lettre", "Benoît Hamon", "2014-04-02", "2014-05-13"),
    ("Lettre", "Affaires sociales", "2014-04-02", "2014-05-13"),
    ("Lettre", "Lettre de relance", "2014-04-02", "2014-05-13"),
    ("Texte officiel", "Présentation du plan d'action national 2014-2016", "2014-05-14", ""),
    ("Lettre", "François Hollande", "2014-05-14", "2014-05-31"),
    ("Texte officiel", "Décret du 11 août 2016", "2016-08-11", ""),
    ("Texte officiel", "Arrêté portant nomination au comité", "2016-10-17", ""),
]


@pytest.mark.parametrize(("kind", "words", "earliest", "latest"), SECTION_9, ids=lambda x: x)
def test_collectif_page_events_have_the_bounds_of_section_9(
    kind: str, words: str, earliest: str, latest: str
) -> None:
    found = [
        e
        for e in rows(schema.EVENTS)
        if e["kind"] == kind and words in f"{e['title']} | {e['recipient']}"
    ]
    assert len(found) == 1, found
    assert (found[0]["date"], found[0]["date_latest"]) == (earliest, latest)


def test_collectif_reaction_of_may_2014_keeps_the_day_its_article_gives() -> None:
    # §9 bounds the reaction to May 2014 (14-31); the article [S9] is dated 28 May 2014.
    (reaction,) = [e for e in rows(schema.EVENTS) if e["title"].startswith("Réaction du Coll")]
    assert (reaction["date"], reaction["date_latest"]) == ("2014-05-28", "")
    assert reaction["source"].startswith("[S9] ")


def test_november_2012_seminar_is_marked_as_an_inference() -> None:
    (seminar,) = [e for e in rows(schema.EVENTS) if "pauvreté des enfants" in e["title"]]
    assert "déduction" in seminar["title"] and "déduits" in seminar["source"]
    # The page names no organiser: none is given.
    assert seminar["sender"] == ""


def test_no_letter_predates_its_addressee_in_office_or_outlives_it() -> None:
    for e in rows(schema.EVENTS):
        latest = e["date_latest"] or e["date"]
        if "Ayrault" in e["recipient"] or "Ayrault" in e["sender"]:
            assert latest <= "2014-03-31", e  # his government ended on 31 March 2014
        if "Manuel Valls" in e["recipient"]:
            assert e["date"] >= "2014-04-02", e  # Valls government formed 2 April 2014
        if "secrétaire générale de la MIPROF" in e["recipient"]:
            assert e["date"] >= "2013-04-08", e  # appointed by the arrêté of 8 April 2013


@pytest.mark.parametrize("sheet", list(BOUNDED), ids=lambda s: s.fr)
def test_a_latest_bound_is_empty_or_strictly_after_its_date(sheet: schema.Sheet) -> None:
    earliest, latest = BOUNDED[sheet]
    for row in rows(sheet):
        if row[latest]:
            assert row[earliest] and row[latest] > row[earliest], row


@pytest.mark.parametrize(
    "sheet", [schema.EVENTS, schema.STATUS_UPDATES, schema.PLANS], ids=lambda s: s.fr
)
def test_no_date_is_a_day_chosen_inside_a_period(sheet: schema.Sheet) -> None:
    # No sourced event, assessment or expected date of this dataset falls on the first of
    # a month: a "-01" day without a latest bound would be a period written as a chosen day
    # (as the "2014-04-01" letters and "2013-10-01 par convention" once were).
    earliest, latest = BOUNDED[sheet]
    for row in rows(sheet):
        if row[earliest] and not row[latest]:
            assert not row[earliest].endswith("-01"), row
        assert "par convention" not in row.get("title", ""), row
        assert "date précise inconnue" not in row.get("title", ""), row


def test_month_and_year_bounds_cover_whole_periods() -> None:
    # A bound pair starting on the 1st is a whole month or a whole year, never a guess.
    for e in rows(schema.EVENTS):
        if e["date_latest"] and e["date"].endswith("-01"):
            first, last = date.fromisoformat(e["date"]), date.fromisoformat(e["date_latest"])
            whole_year = first.month == 1 and (last.month, last.day) == (12, 31)
            next_day = date.fromordinal(last.toordinal() + 1)
            whole_month = last.month == first.month and next_day.day == 1
            assert last.year == first.year and (whole_year or whole_month), e


# --- Published verdicts ------------------------------------------------------------------


def test_cncdh_2023_totals_are_the_one_published_verdict() -> None:
    (verdict,) = rows(schema.PUBLISHED_VERDICTS)
    counts = {
        category: verdict[column] for category, column in schema.VERDICT_COUNT_COLUMNS.items()
    }
    assert (verdict["plan_id"], verdict["assessor"], verdict["voice"]) == (
        "PAN-2019",
        "CNCDH",
        "Évaluation indépendante",
    )
    assert verdict["published_on"] == "2023-01-12"
    assert verdict["measures_covered"] == "45"
    assert counts == {
        "done": "3",
        "partial": "28",
        "not_done": "14",
        "dropped": "0",
        "unknown": "0",
    }
    assert sum(int(n) for n in counts.values()) == int(verdict["measures_covered"])
    assert "JORFTEXT000047011945" in verdict["source"]
    assert "[S66]" in verdict["source"] and "[S52]" in verdict["source"]
    assert "44 mesures" in verdict["comment"]


def test_the_verdict_covers_no_more_than_the_plan_measures() -> None:
    for verdict in rows(schema.PUBLISHED_VERDICTS):
        assert int(verdict["measures_covered"]) <= len(measures_of(verdict["plan_id"]))


def test_sources_md_states_the_contradictions_and_remaining_conventions() -> None:
    text = (DATA / "SOURCES.md").read_text("utf-8")
    assert "44 mesures" in text
    assert "25 juillet 2013" in text and "§5" in text and "§9" in text
    assert "10 décembre 2023" in text
    assert "années entières" in text  # plan periods: the convention that remains
    assert "build_france_csv" not in text


def test_plans_presentation_events_match_the_plans_sheet() -> None:
    adopted = {p["plan_id"]: p["adopted_date"] for p in rows(schema.PLANS)}
    for plan_id, day in adopted.items():
        presented = [
            e
            for e in rows(schema.EVENTS)
            if e["plan_id"] == plan_id and e["kind"] == "Texte officiel" and e["date"] == day
        ]
        assert len(presented) == 1, plan_id


def test_sources_md_gives_the_row_count_of_every_csv_file() -> None:
    # SOURCES.md is maintained by hand beside the CSV files: its table must follow them.
    text = (DATA / "SOURCES.md").read_text("utf-8")
    stated = {
        name: int(count)
        for name, count in re.findall(r"^\| `([^`]+\.csv)` \| (\d+) \|", text, re.M)
    }
    assert stated == {f"{sheet.fr}.csv": len(rows(sheet)) for sheet in SHIPPED}
