"""Adoption-gap charts, tested on the figures they return (frames built by hand)."""

from __future__ import annotations

import math

import pandas as pd

from monitoring.present.charts.base import CATEGORY_STYLE, RETENTION_STYLE, NoChart
from monitoring.present.charts.gaps import (
    GAP_COLOUR,
    recommendation_sankey,
    retention_by_group,
    theme_coverage,
)

NNBSP = "\u202f"
LEVELS = ["retained", "partly_retained", "dropped_from_draft", "not_retained"]


def by_group_frame() -> pd.DataFrame:
    """Two plans: P1 with two authors (one of them hostile text), P2 with one."""
    counts = {
        ("P1", "Plan un", "Collectif"): [2, 1, 0, 1],
        ("P1", "Plan un", "<b>GRETA</b>"): [0, 0, 1, 1],
        ("P2", "Plan deux", "Collectif"): [1, 0, 0, 0],
    }
    rows = []
    for (plan_id, title, group), values in counts.items():
        total = sum(values)
        for level, count in zip(LEVELS, values, strict=True):
            rows.append((plan_id, title, group, level, count, count / total))
    return pd.DataFrame(rows, columns=["plan_id", "plan_title", "group", "level", "count", "share"])


def coverage_frame() -> pd.DataFrame:
    rows = [
        # theme, retained, partly, dropped, not retained, undocumented
        ("Travail", 0, 0, 1, 2, 0),
        ("Mineurs", 1, 1, 0, 2, 1),
        ("Données", 0, 0, 0, 0, 3),
    ]
    frame = pd.DataFrame(rows, columns=["theme", *LEVELS, "undocumented"])
    frame.insert(1, "recommendations", frame[[*LEVELS, "undocumented"]].sum(axis=1))
    frame["documented"] = frame["recommendations"] - frame["undocumented"]
    frame["taken_up"] = frame["retained"] + frame["partly_retained"]
    frame["share"] = frame["taken_up"] / frame["documented"].where(frame["documented"] > 0)
    return frame


def sankey_frame() -> pd.DataFrame:
    rows = [
        ("group", "Collectif", "plan", "P1", "retained", 2),
        ("group", "Collectif", "plan", "P1", "partly_retained", 1),
        ("group", "<i>GRETA</i>", "plan", "P2", "retained", 1),
        ("group", "Collectif", "end", "not_retained", "not_retained", 3),
        ("group", "<i>GRETA</i>", "end", "dropped_from_draft", "dropped_from_draft", 1),
        ("plan", "P1", "status", "done", "done", 2),
        ("plan", "P1", "status", "unknown", "unknown", 1),
        ("plan", "P2", "status", "partial", "partial", 1),
    ]
    columns = ["source_kind", "source", "target_kind", "target", "code", "count"]
    return pd.DataFrame(rows, columns=columns)


def bars(fig):
    return [trace for trace in fig.data if trace.type == "bar"]


def end_labels(fig):
    return [trace for trace in fig.data if trace.type == "scatter"]


# --- Retention per author or theme ----------------------------------------------------


def test_retention_chart_has_one_panel_per_plan_named_after_it():
    fig = retention_by_group(by_group_frame(), lang="fr", by="author")

    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["P1 — Plan un", "P2 — Plan deux"]
    assert fig.layout.title.text == "Recommandations par auteur et niveau de prise en compte"
    assert len(bars(fig)) == 8  # four levels in each of the two panels
    assert {trace.yaxis for trace in fig.data} == {"y", "y2"}


def test_retention_chart_names_each_level_once_in_the_legend_with_its_pattern():
    fig = retention_by_group(by_group_frame(), lang="fr")

    shown = [trace.name for trace in bars(fig) if trace.showlegend]
    assert shown == ["Retenue", "Partiellement retenue", "Retirée du projet", "Non retenue"]
    for trace in bars(fig)[:4]:
        code = LEVELS[bars(fig).index(trace)]
        assert trace.marker.color == RETENTION_STYLE[code][0]
        assert trace.marker.pattern.shape == RETENTION_STYLE[code][1]
        assert trace.marker.pattern.fillmode == "overlay"


def test_retention_chart_writes_counts_in_segments_and_shares_in_hover_and_at_bar_ends():
    fig = retention_by_group(by_group_frame(), lang="fr")
    retained_p1 = bars(fig)[0]

    assert list(retained_p1.y) == ["Collectif", "&lt;b&gt;GRETA&lt;/b&gt;"]
    assert list(retained_p1.x) == [2, 0]
    assert list(retained_p1.text) == ["2", ""]
    assert list(retained_p1.customdata) == [f"50{NNBSP}%", f"0{NNBSP}%"]
    p1_ends = end_labels(fig)[0]
    assert list(p1_ends.x) == [4, 2]
    assert p1_ends.text[0] == f" 75{NNBSP}% reprises (3/4)"


def test_an_author_none_of_whose_recommendations_was_taken_up_stands_out():
    fig = retention_by_group(by_group_frame(), lang="en")
    p1_ends = end_labels(fig)[0]

    assert p1_ends.text[1] == " <b>0%: none taken up (0/2)</b>"
    assert p1_ends.textfont.color[1] == GAP_COLOUR
    assert p1_ends.textfont.color[0] != GAP_COLOUR


def test_retention_chart_by_theme_is_titled_by_theme_in_english():
    fig = retention_by_group(by_group_frame(), lang="en", by="theme")

    assert fig.layout.title.text == "Recommendations by theme and retention level"
    assert fig.layout.xaxis2.title.text == "Number of recommendations"


# --- Coverage of themes ---------------------------------------------------------------


def test_coverage_chart_keeps_the_themes_in_the_order_given_with_their_counts():
    fig = theme_coverage(coverage_frame(), lang="fr")

    assert list(bars(fig)[0].y) == ["Travail (3)", "Mineurs (5)", "Données (3)"]
    assert [trace.name for trace in bars(fig)] == [
        "Retenue", "Partiellement retenue", "Retirée du projet", "Non retenue", "Non renseignée"
    ]  # fmt: skip
    undocumented = bars(fig)[-1]
    assert list(undocumented.x) == [0, 1, 3]
    assert undocumented.marker.pattern.shape == "."


def test_coverage_chart_flags_a_theme_nobody_took_up_and_not_an_undocumented_one():
    fig = theme_coverage(coverage_frame(), lang="fr")
    ends = end_labels(fig)[0]

    assert ends.text[0] == f" <b>0{NNBSP}% : aucune reprise (0/3)</b>"
    assert ends.textfont.color[0] == GAP_COLOUR
    assert ends.text[1] == f" 50{NNBSP}% reprises (2/4)"
    assert ends.text[2] == " non renseignée"
    assert ends.textfont.color[2] != GAP_COLOUR


def test_coverage_chart_leaves_room_for_the_labels_after_the_longest_bar():
    fig = theme_coverage(coverage_frame(), lang="en")

    low, high = fig.layout.xaxis.range
    assert low == 0 and high > 5
    assert fig.layout.title.text.startswith("Recommendations by theme")


# --- Sankey ---------------------------------------------------------------------------


def test_sankey_names_every_node_in_the_users_language_and_escapes_user_text():
    sankey = recommendation_sankey(sankey_frame(), lang="fr").data[0]

    assert list(sankey.node.label) == [
        "Collectif", "&lt;i&gt;GRETA&lt;/i&gt;",  # groups
        "Mesures P1", "Mesures P2", "Retirée du projet", "Non retenue",  # measures, ends
        "Réalisée", "Partielle", "Non évaluée",  # statuses, in category order
    ]  # fmt: skip
    english = recommendation_sankey(sankey_frame(), lang="en").data[0]
    assert list(english.node.label)[2:] == [
        "P1 measures", "P2 measures", "Dropped from draft", "Not retained",
        "Done", "Partial", "Not assessed",
    ]  # fmt: skip


def test_sankey_puts_the_left_out_recommendations_on_their_own_end_nodes():
    sankey = recommendation_sankey(sankey_frame(), lang="fr").data[0]
    labels = list(sankey.node.label)
    outgoing = {labels[s] for s in sankey.link.source}

    assert "Non retenue" not in outgoing and "Retirée du projet" not in outgoing
    into_not_retained = [
        v for t, v in zip(sankey.link.target, sankey.link.value, strict=True)
        if labels[t] == "Non retenue"
    ]  # fmt: skip
    assert into_not_retained == [3]


def test_sankey_places_groups_measures_and_statuses_in_three_columns():
    sankey = recommendation_sankey(sankey_frame(), lang="fr").data[0]
    x = list(sankey.node.x)
    y = list(sankey.node.y)

    assert x[:2] == [0.001, 0.001] and set(x[2:6]) == {0.5} and set(x[6:]) == {0.999}
    assert y[2] < y[3] < y[4] < y[5]  # measures above the end nodes, in order
    assert all(0 < value < 1 for value in y)


def test_sankey_colours_follow_the_palette_and_hover_names_the_level():
    sankey = recommendation_sankey(sankey_frame(), lang="fr").data[0]
    colours = dict(zip(sankey.node.label, sankey.node.color, strict=True))

    assert colours["Réalisée"] == CATEGORY_STYLE["done"][0]
    assert colours["Non retenue"] == RETENTION_STYLE["not_retained"][0]
    assert list(sankey.link.customdata)[:2] == ["Retenue", "Partiellement retenue"]
    assert list(sankey.link.value) == [2, 1, 1, 3, 1, 2, 1, 1]
    assert sankey.link.color[0].startswith("rgba(0, 158, 115,")


def test_sankey_grows_with_the_number_of_nodes_in_its_longest_column():
    many = pd.DataFrame(
        [("group", f"Thème {i}", "end", "not_retained", "not_retained", 1) for i in range(30)],
        columns=["source_kind", "source", "target_kind", "target", "code", "count"],
    )
    small = recommendation_sankey(sankey_frame(), lang="fr")
    large = recommendation_sankey(many, lang="fr", by="theme")

    assert large.layout.height > small.layout.height
    assert large.layout.title.text.startswith("Thème →")
    assert not any(math.isnan(v) for v in large.data[0].node.y)


def test_charts_of_empty_frames_are_sentences_not_empty_figures():
    links = sankey_frame().iloc[0:0]
    coverage = coverage_frame().iloc[0:0]
    by_group = by_group_frame().iloc[0:0]

    for drawn in (
        recommendation_sankey(links, lang="fr"),
        theme_coverage(coverage, lang="fr"),
        retention_by_group(by_group, lang="fr"),
    ):
        assert isinstance(drawn, NoChart)
        assert "feuille" in drawn.text("fr") and "sheet" in drawn.text("en")
