"""The status of one measure over time: one step line per voice, read without colour."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import StatusLabel
from monitoring.present.charts.base import NoChart
from monitoring.present.charts.measures import status_history

AS_OF = dt.date(2022, 6, 30)
SCALE = StatusScale()  # Réalisée (top) … Non évaluée (bottom)


def history(*rows: tuple[str, str, str], assessor: str | None = None) -> pd.DataFrame:
    """Assessments (date, voice, status) as `MeasureDetail.history` gives them."""
    return pd.DataFrame(
        {
            "as_of": pd.to_datetime([r[0] for r in rows]).astype("datetime64[s]"),
            "voice": [r[1] for r in rows],
            "assessor": [assessor] * len(rows),
            "status": [r[2] for r in rows],
        }
    )


@pytest.fixture
def three_voices() -> pd.DataFrame:
    return history(
        ("2020-01-01", "government", "Non démarrée"),
        ("2021-01-01", "government", "En cours"),
        ("2021-03-01", "civil_society", "Non réalisée"),
        ("2022-01-01", "independent", "Partiellement réalisée"),
    )


def test_one_line_per_voice_named_in_the_users_language(three_voices):
    fr = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="fr")
    assert [trace.name for trace in fr.data] == [
        "Gouvernement", "Société civile", "Évaluation indépendante",
    ]  # fmt: skip
    en = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="en")
    assert [trace.name for trace in en.data] == [
        "Government", "Civil society", "Independent evaluation",
    ]  # fmt: skip
    assert fr.layout.showlegend is True


def test_voices_differ_by_dash_and_marker_shape_not_only_colour(three_voices):
    fig = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="fr")
    assert len({trace.line.dash for trace in fig.data}) == 3
    assert len({trace.marker.symbol for trace in fig.data}) == 3
    assert all(trace.line.shape == "hv" for trace in fig.data)


def test_statuses_sit_at_their_place_in_the_scale_with_their_labels(three_voices):
    fig = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="en")
    assert list(fig.layout.yaxis.ticktext) == [
        "Done", "Partly done", "In progress", "Not done", "Not started", "Dropped",
        "Not assessed",
    ]  # fmt: skip
    assert list(fig.layout.yaxis.tickvals) == list(range(7))
    government = fig.data[0]
    # Not started (4) then In progress (2), drawn a little above the line (−0.12).
    assert [round(y, 2) for y in government.y] == [3.88, 1.88, 1.88]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1], "best status on top"


def test_each_line_keeps_its_last_status_until_the_as_of_date(three_voices):
    fig = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="fr")
    for trace in fig.data:
        assert pd.Timestamp(trace.x[-1]) == pd.Timestamp(AS_OF)
        assert trace.y[-1] == trace.y[-2]
        assert trace.marker.size[-1] == 0, "the as-of point is not an assessment"
        assert all(size > 0 for size in trace.marker.size[:-1])


def test_an_assessment_made_on_the_as_of_date_is_not_doubled():
    fig = status_history(
        history(("2022-06-30", "government", "Réalisée")), scale=SCALE, as_of=AS_OF, lang="fr"
    )
    assert len(fig.data[0].x) == 1


def test_a_dotted_vertical_line_marks_the_as_of_date(three_voices):
    fig = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="fr")
    (line,) = fig.layout.shapes
    assert pd.Timestamp(line.x0) == pd.Timestamp(line.x1) == pd.Timestamp(AS_OF)
    assert line.line.dash == "dot"
    assert any(a.text == "Situation au 30/06/2022" for a in fig.layout.annotations)


def test_dates_are_written_in_figures_only(three_voices):
    fig = status_history(three_voices, scale=SCALE, as_of=AS_OF, lang="fr")
    formats = [stop.value for stop in fig.layout.xaxis.tickformatstops]
    assert formats == ["%d/%m/%Y", "%m/%Y", "%Y"]
    assert "%b" not in fig.data[0].hovertemplate
    assert fig.data[0].customdata[0][2] == "01/01/2020"  # the date, written in French


def test_an_assessment_known_to_the_month_says_so_in_its_hover():
    frame = history(("2014-03-01", "government", "En cours"))
    frame["as_of_latest"] = pd.to_datetime(["2014-03-31"])
    fig = status_history(frame, scale=SCALE, as_of=AS_OF, lang="fr")
    assert fig.data[0].customdata[0][2] == "mars 2014"
    assert fig.data[0].customdata[-1][2] == "30/06/2022"  # held until the as-of date


def test_an_empty_history_gives_no_line_and_says_so():
    drawn = status_history(history(), scale=SCALE, as_of=AS_OF, lang="en")
    assert isinstance(drawn, NoChart)
    assert "no assessment of this measure" in drawn.text("en")
    assert "Suivi" in drawn.text("fr") or "feuille" in drawn.text("fr")


def test_user_text_is_escaped_in_labels():
    scale = StatusScale(
        (StatusLabel("<b>Fait</b>", "done", 1), StatusLabel("Pas fait", "not_done", 2)),
        custom=True,
    )
    fig = status_history(
        history(("2021-01-01", "government", "<b>Fait</b>"), assessor="<i>Cour</i>"),
        scale=scale,
        as_of=AS_OF,
        lang="fr",
    )
    assert list(fig.layout.yaxis.ticktext) == ["&lt;b&gt;Fait&lt;/b&gt;", "Pas fait"]
    assert fig.data[0].customdata[0][1] == "&lt;i&gt;Cour&lt;/i&gt;"
