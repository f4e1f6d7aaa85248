"""Charts shown as images on a page (`exports.screen_svg`), and one render at a time.

The Overview shows its charts as SVG images rendered on the server, so that a new
session's first page does not wait for the interactive charts' script (issue 14, item 8).
The image is the chart the app builds, in the page's language, scaling to its column.
kaleido's sync server answers its callers from one queue: without `exports._render_lock`,
threads rendering at once receive each other's images (measured: 11 of 18 wrong).
"""

from __future__ import annotations

import datetime as dt
import re
import threading

import plotly.graph_objects as go
import pytest

from monitoring.config.shipped import DEFAULT_KEY
from monitoring.intake.loading import load_shipped
from monitoring.present import exports
from monitoring.present.pages import OVERVIEW
from monitoring.present.sections import Selection
from monitoring.text.i18n import t

pytestmark = pytest.mark.chromium


def _texts(svg: bytes) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<text[^>]*>(.*?)</text>", svg.decode())]


def test_an_overview_chart_as_an_image_is_the_chart_in_french_and_scales() -> None:
    sel = Selection(load_shipped(DEFAULT_KEY), dt.date(2026, 11, 26), "fr")
    fig = OVERVIEW.section("status-by-plan").build(sel)
    assert isinstance(fig, go.Figure)
    svg = exports.screen_svg(fig, "fr")
    root = re.match(rb"<svg\b[^>]*>", svg)
    assert root is not None and b'viewBox="0 0 1100 ' in root.group(0)
    texts = _texts(svg)
    assert t("chart.status_by_plan", "fr") in texts  # its title, in French
    assert "Nombre de mesures" in texts and "Réalisée" in texts
    assert "60" in texts  # the 60 measures of PAN-2024, all "Non évaluée", labelled


def test_images_rendered_at_once_from_several_threads_are_each_their_own() -> None:
    exports.start_renderer()
    wrong: list[str] = []

    def render(name: str) -> None:
        fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={"title": {"text": name}})
        for _ in range(4):
            if name not in _texts(exports.screen_svg(fig, "fr")):
                wrong.append(name)

    threads = [threading.Thread(target=render, args=(f"Figure {i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong
