"""Adoption gaps (monitoring.analysis.gaps): each rule on a small dataset built for it.

The dataset: two plans; P1 has measures M1 (axis "Axe A") and M2 (axis "Axe B"), P2 has
M3. Recommendations and how each plan took them into account:

    R1 Collectif, Hébergement   P1: retained in M1, partly in M2    P2: not retained
    R2 Collectif, Mineurs       P1: dropped from draft, and a "not retained" row
    R3 GRETA,     Mineurs       P1: partly in M1 (+ a "not retained" row)  P2: retained in M3
    R4 GRETA,     Données       no row anywhere
    R5 Parlement, Travail       P2: not retained
    R6 Sénat,     Données       no row anywhere
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from monitoring.analysis import gaps, metrics
from monitoring.analysis.filters import Filters, apply_filters
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.present import gap_tables

AS_OF = dt.date(2024, 1, 1)


def rec(rec_id: str, author: str, theme: str, issued_on: str = "2018-06-01", **extra):
    return {"rec_id": rec_id, "author": author, "theme": theme, "title": f"Titre {rec_id}",
            "issued_on": issued_on, **extra}  # fmt: skip


def kept(rec_id: str, plan_id: str, level: str, measure_id: str | None = None, **extra):
    return {"rec_id": rec_id, "plan_id": plan_id, "measure_id": measure_id, "level": level,
            **extra}  # fmt: skip


def build(
    retention: list[dict] | None = None, recommendations: list[dict] | None = None
) -> Dataset:
    plans = [
        {"plan_id": "P2", "title": "Plan deux", "period_start": "2022-01-01",
         "period_end": "2024-12-31"},
        {"plan_id": "P1", "title": "Plan un", "period_start": "2019-01-01",
         "period_end": "2021-12-31"},
    ]  # fmt: skip
    measures = [
        {"measure_id": "M1", "plan_id": "P1", "number": 1, "axis": "Axe A", "title": "m1"},
        {"measure_id": "M2", "plan_id": "P1", "number": 2, "axis": "Axe B", "title": "m2"},
        {"measure_id": "M3", "plan_id": "P2", "number": 1, "axis": "Axe C", "title": "m3"},
    ]
    recommendations = recommendations or [
        rec("R1", "Collectif", "Hébergement", source="https://example.org/r1"),
        rec("R2", "Collectif", "Mineurs", "2018-01-01"),
        rec("R3", "GRETA", "Mineurs"),
        rec("R4", "GRETA", "Données"),
        rec("R5", "Parlement", "Travail"),
        rec("R6", "Sénat", "Données"),
    ]
    if retention is None:
        retention = [
            kept("R1", "P1", "retained", "M1"),
            kept("R1", "P1", "partly_retained", "M2"),
            kept("R1", "P2", "not_retained", comment="Absente", source="Lettre du 3 mai"),
            kept("R2", "P1", "not_retained", comment="Pas reprise"),
            kept("R2", "P1", "dropped_from_draft", comment="Retirée après consultation"),
            kept("R3", "P1", "partly_retained", "M1"),
            kept("R3", "P1", "not_retained"),
            kept("R3", "P2", "retained", "M3"),
            kept("R5", "P2", "not_retained"),
        ]
    updates = [
        {"measure_id": "M1", "as_of": "2020-01-01", "status": "Réalisée", "voice": "government"},
        {"measure_id": "M3", "as_of": "2023-01-01", "status": "Non démarrée",
         "voice": "government"},
        {"measure_id": "M3", "as_of": "2023-02-01", "status": "En cours",
         "voice": "civil_society"},
    ]  # fmt: skip
    return dataset_from_records(
        {
            "plans": plans,
            "measures": measures,
            "recommendations": recommendations,
            "retention": retention,
            "status_updates": updates,
        }
    )


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build()


def links_as_tuples(links: pd.DataFrame) -> list[tuple]:
    return list(links.itertuples(index=False, name=None))


# --- Authors and the author filter ----------------------------------------------------


def test_authors_come_most_prolific_first_then_by_name(ds):
    assert gaps.authors(ds) == ["Collectif", "GRETA", "Parlement", "Sénat"]


def test_restricting_to_authors_keeps_their_recommendations_and_retention_rows_only(ds):
    greta = gaps.restrict_authors(ds, ("GRETA",))

    assert greta.recommendations["rec_id"].tolist() == ["R3", "R4"]
    assert set(greta.retention["rec_id"]) == {"R3"}
    assert greta.measures is ds.measures and greta.plans is ds.plans


def test_no_author_chosen_means_every_author(ds):
    assert gaps.restrict_authors(ds, ()) is ds


def test_retention_is_documented_only_if_a_chosen_author_has_a_retention_row(ds):
    assert gaps.is_documented(ds)
    assert gaps.is_documented(ds, ("Parlement",))
    assert not gaps.is_documented(ds, ("Sénat",))
    assert not gaps.is_documented(build(retention=[]))


def test_plans_without_any_retention_row_are_named_in_period_order(ds):
    assert gaps.plans_without_retention(ds) == []
    assert gaps.plans_without_retention(ds, ("Parlement",)) == ["P1 — Plan un"]
    assert gaps.plans_without_retention(ds, ("Sénat",)) == ["P1 — Plan un", "P2 — Plan deux"]


# --- Retention per author or theme ----------------------------------------------------


def test_retention_by_author_counts_each_recommendation_once_per_plan_at_its_best_level(ds):
    frame = gaps.retention_by_group(ds, (), "author")
    counts = frame.set_index(["plan_id", "group", "level"])["count"]

    # R1 retained (its partly row does not count again), R2 dropped (beats its "not retained").
    assert counts["P1", "Collectif"].to_dict() == {
        "retained": 1, "partly_retained": 0, "dropped_from_draft": 1, "not_retained": 0
    }  # fmt: skip
    assert counts["P1", "GRETA"].to_dict()["partly_retained"] == 1
    assert counts["P1", "GRETA"].sum() == 1
    assert frame["plan_id"].drop_duplicates().tolist() == ["P1", "P2"]
    titles = frame.set_index("plan_id")["plan_title"].to_dict()
    assert titles == {"P1": "Plan un", "P2": "Plan deux"}


def test_retention_by_theme_follows_the_author_filter(ds):
    frame = gaps.retention_by_group(ds, ("GRETA",), "theme")

    assert set(frame["group"]) == {"Mineurs"}
    shares = frame[frame["count"] > 0].set_index(["plan_id", "level"])["share"]
    assert shares.to_dict() == {("P1", "partly_retained"): 1.0, ("P2", "retained"): 1.0}


# --- Coverage of themes ---------------------------------------------------------------


def test_theme_coverage_counts_each_recommendation_once_at_its_best_level_over_the_plans(ds):
    coverage = gaps.theme_coverage(ds).set_index("theme")

    # R1 is retained by P1 and not retained by P2: it counts once, as retained.
    hebergement = coverage.loc["Hébergement", ["recommendations", "retained", "not_retained"]]
    assert hebergement.tolist() == [1, 1, 0]
    # R3 is partly retained by P1 and retained by P2: it counts as retained.
    assert coverage.loc["Mineurs", ["dropped_from_draft", "retained", "taken_up"]].tolist() == [
        1, 1, 1
    ]  # fmt: skip
    assert coverage.loc["Mineurs", "share"] == 0.5


def test_a_theme_nobody_took_up_comes_first_and_an_undocumented_one_last(ds):
    coverage = gaps.theme_coverage(ds)

    assert coverage["theme"].tolist() == ["Travail", "Mineurs", "Hébergement", "Données"]
    travail, donnees = coverage.iloc[0], coverage.iloc[-1]
    assert (travail["taken_up"], travail["documented"], travail["share"]) == (0, 1, 0.0)
    assert (donnees["recommendations"], donnees["undocumented"], donnees["documented"]) == (2, 2, 0)
    assert math.isnan(donnees["share"])


def test_an_undocumented_recommendation_does_not_lower_the_share_taken_up():
    ds = build([kept("R3", "P1", "retained", "M1")])  # R2 (Mineurs) has no row
    mineurs = gaps.theme_coverage(ds).set_index("theme").loc["Mineurs"]

    assert (mineurs["taken_up"], mineurs["documented"], mineurs["undocumented"]) == (1, 1, 1)
    assert mineurs["share"] == 1.0


def test_theme_coverage_only_reads_the_plans_the_sidebar_selected(ds):
    p2 = apply_filters(ds, Filters(plans=("P2",)))
    coverage = gaps.theme_coverage(p2).set_index("theme")

    # For P2 alone, R1 was not retained and R2 has no row.
    assert coverage.loc["Hébergement", ["not_retained", "taken_up"]].tolist() == [1, 0]
    assert coverage.loc["Mineurs", ["retained", "undocumented"]].tolist() == [1, 1]


# --- Sankey ---------------------------------------------------------------------------


def test_sankey_links_recommendations_to_plans_to_statuses_and_stops_the_dropped_ones(ds):
    links = gaps.sankey_links(ds, (), AS_OF, "all", "author")

    assert links_as_tuples(links) == [
        # Collectif: R1 in M1 (retained) and M2 (partly).
        ("group", "Collectif", "plan", "P1", "retained", 1),
        ("group", "Collectif", "plan", "P1", "partly_retained", 1),
        # GRETA: R3 partly in M1 (its "not retained" row in P1 is outranked), retained in M3.
        ("group", "GRETA", "plan", "P1", "partly_retained", 1),
        ("group", "GRETA", "plan", "P2", "retained", 1),
        # Collectif: R2 dropped from P1's draft, R1 not retained by P2; Parlement: R5.
        ("group", "Collectif", "end", "dropped_from_draft", "dropped_from_draft", 1),
        ("group", "Collectif", "end", "not_retained", "not_retained", 1),
        ("group", "Parlement", "end", "not_retained", "not_retained", 1),
        # M1 carries two recommendations; M2 was never assessed; M3's latest is "En cours".
        ("plan", "P1", "status", "done", "done", 2),
        ("plan", "P1", "status", "unknown", "unknown", 1),
        ("plan", "P2", "status", "partial", "partial", 1),
    ]


def test_sankey_reads_the_status_of_the_chosen_voice_at_the_chosen_date(ds):
    def p2_status(as_of: dt.date, voice: str) -> list[str]:
        links = gaps.sankey_links(ds, (), as_of, voice, "author")
        return links[links["source"] == "P2"]["target"].tolist()

    assert p2_status(AS_OF, "government") == ["not_done"]
    assert p2_status(AS_OF, "civil_society") == ["partial"]
    assert p2_status(dt.date(2022, 6, 1), "all") == ["unknown"]


def test_sankey_groups_measures_by_axis_when_they_all_belong_to_one_plan(ds):
    p1 = apply_filters(ds, Filters(plans=("P1",)))
    links = gaps.sankey_links(p1, (), AS_OF, "all", "theme")
    middle = links[links["target_kind"] == "axis"]

    assert links_as_tuples(middle) == [
        ("group", "Hébergement", "axis", "Axe A", "retained", 1),
        ("group", "Hébergement", "axis", "Axe B", "partly_retained", 1),
        ("group", "Mineurs", "axis", "Axe A", "partly_retained", 1),
    ]
    assert set(links["source_kind"]) == {"group", "axis"}


def test_sankey_flows_follow_the_author_filter(ds):
    links = gaps.sankey_links(ds, ("Parlement",), AS_OF, "all", "author")

    assert links_as_tuples(links) == [
        ("group", "Parlement", "end", "not_retained", "not_retained", 1)
    ]


def test_sankey_of_a_dataset_without_retention_has_no_link():
    assert gaps.sankey_links(build([]), (), AS_OF, "all", "author").empty


# --- Lists ----------------------------------------------------------------------------


def test_not_taken_up_lists_each_recommendation_and_plan_left_out_with_its_comment(ds):
    table = gaps.not_taken_up(ds, ())

    assert table[["plan_id", "rec_id", "level"]].values.tolist() == [
        ["P1", "R2", "dropped_from_draft"],
        ["P2", "R1", "not_retained"],
        ["P2", "R5", "not_retained"],
    ]
    first = table.iloc[0]
    assert first["comment"] == "Retirée après consultation"  # the row at the best level
    assert (first["author"], first["theme"], first["title"]) == ("Collectif", "Mineurs", "Titre R2")
    assert first["issued_on"] == pd.Timestamp("2018-01-01")
    assert table.iloc[1]["source"] == "Lettre du 3 mai"
    assert table.iloc[1]["rec_source"] == "https://example.org/r1"


def test_a_recommendation_partly_retained_by_a_plan_is_not_listed_as_left_out_by_it(ds):
    table = gaps.not_taken_up(ds, ())

    assert ("P1", "R3") not in set(zip(table["plan_id"], table["rec_id"], strict=True))
    assert set(table["level"]) == {"dropped_from_draft", "not_retained"}


def test_recommendation_list_is_by_author_then_theme_then_date(ds):
    listing = gaps.recommendation_list(ds)

    assert listing["rec_id"].tolist() == ["R1", "R2", "R4", "R3", "R5", "R6"]


def test_recommendation_list_carries_both_bounds_of_the_issue_date(ds):
    listing = gaps.recommendation_list(ds)

    assert listing.columns.tolist() == [
        "author", "theme", "rec_id", "title", "issued_on", "issued_latest", "rec_source"
    ]  # fmt: skip


# An issue date known to the day, the month, the year, or only between two dates.
DATED = [
    rec("R1", "Collectif", "Hébergement", "2014-05-14"),
    rec("R2", "Collectif", "Mineurs", "2014-03-01", issued_latest="2014-03-31"),
    rec("R3", "GRETA", "Mineurs", "2014-01-01", issued_latest="2014-12-31"),
    rec("R5", "Parlement", "Travail", "2014-02-03", issued_latest="2014-03-31"),
]
WRITTEN = {
    "fr": {"R1": "14/05/2014", "R2": "mars 2014", "R3": "2014",
           "R5": "entre le 03/02/2014 et le 31/03/2014"},
    "en": {"R1": "2014-05-14", "R2": "March 2014", "R3": "2014",
           "R5": "between 2014-02-03 and 2014-03-31"},
}  # fmt: skip


def dated() -> Dataset:
    """The module's plans and retention, the recommendations dated as in `DATED`."""
    return build(recommendations=DATED)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_list_of_recommendations_writes_each_issue_date_from_its_bounds(lang):
    shown = gap_tables.readable(gaps.recommendation_list(dated()), lang)

    assert dict(zip(shown["rec_id"], shown["issued_on"], strict=True)) == WRITTEN[lang]
    assert "issued_latest" not in shown.columns


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_recommendations_left_out_write_each_issue_date_from_its_bounds(lang):
    shown = gap_tables.readable(gaps.not_taken_up(dated(), ()), lang)

    by_rec = dict(zip(shown["rec_id"], shown["issued_on"], strict=True))
    assert by_rec == {r: WRITTEN[lang][r] for r in ("R1", "R2", "R5")}  # R3 was taken up
    assert "issued_latest" not in shown.columns


def test_a_table_without_an_issue_date_is_left_as_it_is(ds):
    counts = gaps.recommendation_counts(ds)

    assert gap_tables.readable(counts, "fr").equals(counts)


def test_recommendations_to_pick_from_follow_the_list_and_the_author_filter(ds):
    assert list(gaps.recommendation_choices(ds)) == ["R1", "R2", "R4", "R3", "R5", "R6"]
    assert gaps.recommendation_choices(ds, ("GRETA",)) == {
        "R4": "R4 — Titre R4 (GRETA)", "R3": "R3 — Titre R3 (GRETA)"
    }  # fmt: skip


def test_recommendation_counts_cross_themes_and_authors(ds):
    counts = gaps.recommendation_counts(ds, ("GRETA", "Sénat"))

    assert counts.columns.tolist() == ["theme", "GRETA", "Sénat"]
    assert counts.values.tolist() == [["Données", 1, 1], ["Mineurs", 1, 0]]


# --- Table helpers --------------------------------------------------------------------


def test_column_labels_come_from_the_contract_in_each_language():
    columns = ["plan_id", "level", "author", "issued_on", "source", "rec_source", "GRETA"]

    fr = gap_tables.column_labels(columns, "fr")
    en = gap_tables.column_labels(columns, "en")

    assert [fr[c] for c in columns] == [
        "Plan", "Prise en compte", "Auteur", "Date", "Source de la prise en compte",
        "Source de la recommandation", "GRETA",
    ]  # fmt: skip
    assert [en[c] for c in columns[:4]] == ["Plan ID", "Retention", "Author", "Issued on"]


def test_sources_become_links_only_when_every_value_is_a_web_address():
    frame = pd.DataFrame(
        {
            "source": ["https://a.org", None, "http://b.org"],
            "rec_source": ["https://a.org", "[S9] http://b.org", None],
            "comment": ["https://a.org", None, None],
        }
    )
    assert gaps.link_columns(frame) == ["source"]
    assert gaps.link_columns(frame.iloc[1:2]) == []


def test_retention_by_group_matches_the_metrics_definition(ds):
    ours = gaps.retention_by_group(ds, (), "theme")
    reference = metrics.retention_by(ds, "theme")

    assert ours["count"].tolist() == reference["count"].tolist()
    assert ours["group"].tolist() == reference["theme"].tolist()


# --- The as-of date --------------------------------------------------------------------------


def test_retention_of_a_plan_not_adopted_at_the_as_of_date_is_not_known_yet(ds):
    # P2 starts on 01/01/2022 (no adoption date): on 01/06/2021 it is not adopted yet.
    before = gaps.known_at(ds, dt.date(2021, 6, 1))
    after = gaps.known_at(ds, AS_OF)

    assert set(before.retention["plan_id"]) == {"P1"}
    assert after.retention.equals(ds.retention)
    assert metrics.retention_counts(before).set_index("plan_id").loc["P2"].sum() == 0
    p2 = metrics.plan_summaries(ds, dt.date(2021, 6, 1))[1]
    assert (p2["plan_id"], p2["retention_recorded"], p2["retention_counts"]) == ("P2", False, None)


def test_a_plan_not_adopted_yet_is_not_listed_as_missing_its_retention(ds):
    assert gaps.plans_without_retention(ds, ("Parlement",), dt.date(2021, 6, 1)) == ["P1 — Plan un"]
    assert gaps.plans_without_retention(ds, ("Sénat",), dt.date(2021, 6, 1)) == ["P1 — Plan un"]
    assert gaps.plans_without_retention(ds, ("Sénat",), dt.date(2018, 6, 1)) == []


def test_sankey_at_an_as_of_date_leaves_out_the_plans_not_adopted_yet(ds):
    links = gaps.sankey_links(ds, as_of=dt.date(2021, 6, 1))

    assert "P2" not in set(links["target"]) | set(links["source"])
    assert "P2" in set(gaps.sankey_links(ds, as_of=AS_OF)["target"])
