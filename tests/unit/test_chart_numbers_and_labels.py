"""Charts ready to paste into a report: numbers written the language's way, count axes with
whole ticks, and every label whole in the figure that goes to kaleido (PNG, SVG, PDF).

The figures checked are the stamped copies `exports.figure_bytes` renders, built for every
chart of every page (`dossier.charts`) on both shipped datasets; the texts read are the
figure's own (tick texts, bar names, annotations, Sankey nodes), not a picture."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from monitoring.contract.dataset import Dataset
from monitoring.intake.loading import load_shipped
from monitoring.present import dossier, exports
from monitoring.present.charts import delays as delay_charts
from monitoring.present.charts import overview as overview_charts
from monitoring.present.charts.base import count_axis
from monitoring.present.sections import Selection

AS_OF = dt.date(2025, 6, 1)
NNBSP = "\u202f"
CASES = [(key, lang) for key in ("france", "demo") for lang in ("fr", "en")]


def stamped(chart: dossier.Chart, lang: str) -> go.Figure:
    """The figure `exports.figure_bytes` hands to kaleido for this chart."""
    stamp = exports.Stamp(chart.title, None, AS_OF, "Jeu", None, "source", lang)  # type: ignore[arg-type]
    return exports.stamped_figure(chart.figure, stamp)


_CHARTS: dict[tuple[str, str], list[tuple[str, go.Figure]]] = {}
_DATA: dict[str, Dataset] = {}


def dataset(key: str) -> Dataset:
    if key not in _DATA:
        _DATA[key] = load_shipped(key)
    return _DATA[key]


def exported(key: str, lang: str) -> list[tuple[str, go.Figure]]:
    """Every chart of every page, as exported (a chart with nothing to draw has no image)."""
    if (key, lang) not in _CHARTS:
        charts = dossier.charts(Selection(dataset(key), AS_OF, lang))  # type: ignore[arg-type]
        _CHARTS[key, lang] = [
            (c.name, stamped(c, lang)) for c in charts if isinstance(c.figure, go.Figure)
        ]
    return _CHARTS[key, lang]


def plain(text: Any) -> str:
    """A plotly label as read: lines joined by a space, entities and tags undone."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(text).replace("<br>", " ")))


def texts(fig: go.Figure) -> Iterator[str]:
    """Every text the figure writes on the image: axis ticks and categories, bar and
    marker texts, annotations (subplot titles too), Sankey node labels."""
    layout = fig.layout.to_plotly_json()
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name):
            yield from map(str, axis.get("ticktext") or ())
    for note in layout.get("annotations") or ():
        yield str(note.get("text") or "")
    for trace in fig.data:
        if trace.type == "sankey":
            yield from map(str, trace.node.label or ())
            continue
        for dimension in ("y", "x"):
            values = getattr(trace, dimension, None)
            if values is not None:
                yield from (v for v in values if isinstance(v, str))
        text = getattr(trace, "text", None)
        if isinstance(text, tuple | list):
            yield from (v for v in text if isinstance(v, str))


def axes(fig: go.Figure) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, axis in fig.layout.to_plotly_json().items():
        if re.fullmatch(r"[xy]axis\d*", name):
            yield name, axis


def numeric_axes(fig: go.Figure) -> Iterator[tuple[str, dict[str, Any]]]:
    """The axes plotly would number by itself: linear, ticks not listed by the chart, and
    carrying numbers (a bar's length, not a category or a date)."""
    for name, axis in axes(fig):
        if axis.get("type") in ("date", "category") or axis.get("tickvals") is not None:
            continue
        suffix = name[5:]
        ref = name[0] + (suffix if suffix != "1" else "")
        dimension = name[0]
        for trace in fig.data:
            if trace.type not in ("bar", "scatter"):
                continue
            if (getattr(trace, f"{dimension}axis", None) or dimension) != ref:
                continue
            values = getattr(trace, dimension)
            if values is not None and any(
                isinstance(v, int | float) and not isinstance(v, bool) for v in values
            ):
                yield name, axis
                break


@pytest.mark.slow
@pytest.mark.scale
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_every_exported_chart_writes_its_labels_whole(key: str, lang: str) -> None:
    charts = exported(key, lang)
    assert charts
    quoted = cut_in_the_source(dataset(key))
    for name, fig in charts:
        cut = [text for text in texts(fig) if "…" in without(plain(text), quoted)]
        assert not cut, (name, cut[:3])


def cut_in_the_source(ds: Dataset) -> list[str]:
    """The workbook's own texts holding an ellipsis (a title the source gives cut)."""
    found: set[str] = set()
    for frame in ds.tables.values():
        if isinstance(frame, pd.DataFrame):
            for column in frame.select_dtypes(include=["object", "string"]):
                for value in frame[column].dropna():
                    if isinstance(value, str) and "…" in value:
                        found.add(" ".join(value.split()))
    return sorted(found, key=len, reverse=True)


def without(text: str, quoted: list[str]) -> str:
    for source in quoted:
        text = text.replace(source, "")
    return text


@pytest.mark.slow
@pytest.mark.scale
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_every_exported_timeline_names_each_measure_by_its_whole_title(key: str, lang: str) -> None:
    measures = dataset(key).measures.set_index("measure_id")
    timelines = [(n, f) for n, f in exported(key, lang) if n.startswith("timeline-")]
    assert timelines
    for name, fig in timelines:
        labels = {plain(label) for label in fig.layout.yaxis.ticktext}
        shown = [m for m in fig.layout.yaxis.tickvals if m in measures.index]
        assert shown, name
        for measure_id in shown:
            number, title = measures.loc[measure_id, ["number", "title"]]
            whole = " ".join(str(title).split())
            expected = whole if pd.isna(number) else f"{number}. {whole}"
            assert expected in labels, (name, expected)


@pytest.mark.slow
@pytest.mark.scale
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_every_exported_chart_numbers_its_count_axes_in_whole_steps(key: str, lang: str) -> None:
    separators = {"fr": "," + NNBSP, "en": ".,"}[lang]
    counted = 0
    for name, fig in exported(key, lang):
        assert fig.layout.separators == separators, name
        for axis_name, axis in numeric_axes(fig):
            counted += 1
            assert axis.get("tick0") == 0, (name, axis_name)
            assert isinstance(axis.get("dtick"), int) and axis["dtick"] >= 1, (name, axis_name)
            assert axis.get("tickformat") == ",d", (name, axis_name)
    assert counted >= 3  # status, retention, leads… at least: the rule is not vacuous


def test_a_count_axis_steps_by_whole_numbers_from_zero() -> None:
    # (longest bar, expected step): 1, 2, 5 times a power of ten, at most 8 steps.
    for widest, step in [(0, 1), (1, 1), (3, 1), (8, 1), (9, 2), (16, 2), (17, 5), (40, 5),
                         (41, 10), (2897, 500), (4001, 1000)]:  # fmt: skip
        axis = count_axis(widest)
        assert (axis["tick0"], axis["dtick"], axis["tickformat"]) == (0, step, ",d"), widest
        ticks = [axis["tick0"] + i * axis["dtick"] for i in range(int(widest // step) + 1)]
        assert all(float(v).is_integer() for v in ticks) and len(ticks) <= 9


def summary(plan: str, title: str, counts: dict[str, int]) -> dict[str, Any]:
    return {"plan_id": plan, "title": title, "measures": sum(counts.values()),
            "status_counts": counts, "adopted": True}  # fmt: skip


def test_a_french_status_chart_writes_counts_with_a_narrow_space_and_whole_ticks() -> None:
    rows = [summary("P1", "Plan", {"done": 1200, "partial": 1697}), summary("P2", "B", {"done": 1})]

    french = overview_charts.status_by_plan(rows, "fr")
    english = overview_charts.status_by_plan(rows, "en")

    assert isinstance(french, go.Figure) and isinstance(english, go.Figure)
    assert french.layout.separators == ",\u202f" and english.layout.separators == ".,"
    bars = {trace.name: trace for trace in french.data}
    assert "1\u202f200" in bars["Réalisée"].text and "1\u202f697" in bars["Partielle"].text
    assert "1,697" in {trace.name: trace for trace in english.data}["Partial"].text
    assert (french.layout.xaxis.tick0, french.layout.xaxis.dtick) == (0, 500)
    assert french.layout.xaxis.tickformat == ",d"


def test_one_measure_gives_whole_ticks_not_tenths() -> None:
    fig = overview_charts.status_by_plan([summary("P1", "Plan", {"done": 1})], "fr")

    assert isinstance(fig, go.Figure)
    assert (fig.layout.xaxis.tick0, fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat) == (
        0, 1, ",d",
    )  # fmt: skip


def test_a_long_lead_name_is_written_whole_on_the_lead_chart() -> None:
    lead = "Délégation interministérielle à l'hébergement et à l'accès au logement (DIHAL)"
    leads = pd.DataFrame({"lead": [lead], "overdue": [1200], "median_days_late": [1801.5],
                          "max_days_late": [2897]})  # fmt: skip

    fig = delay_charts.lead_delays(leads, lang="fr")

    assert isinstance(fig, go.Figure)
    assert plain(fig.data[0].y[0]) == lead
    assert fig.data[0].text[0] == "1\u202f200"
    assert "1\u202f200" in fig.data[0].hovertext[0]
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis2.dtick) == (200, 500)


@pytest.mark.slow
@pytest.mark.scale
@pytest.mark.parametrize(("key", "lang"), CASES)
def test_every_exported_date_axis_writes_dates_in_figures(key: str, lang: str) -> None:
    # Without a format plotly writes "Jan 2015", "Mar 3": English month names.
    dated = 0
    for name, fig in exported(key, lang):
        for axis_name, axis in axes(fig):
            if axis.get("type") != "date":
                continue
            dated += 1
            formats = [axis.get("tickformat")] + [
                stop["value"] for stop in axis.get("tickformatstops") or ()
            ]
            written = [f for f in formats if f]
            assert written, (name, axis_name)
            assert not any(re.search(r"%[aAbBcx]", f) for f in written), (name, axis_name)
    assert dated >= 3
