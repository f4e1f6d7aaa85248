"""AppTest: the Overview shows its charts as images by default, interactive on demand.

A new session's first page is drawn without the interactive charts' script when its
charts are images rendered on the server (`exports.screen_svg`, issue 14, item 8). The
coordinator switches « Graphiques interactifs » on for hover and zoom; the choice is in
the URL. Without a renderer (no Chromium, or `PLAN_MONITORING_NO_RENDERER=1`, as the
other AppTest files run) the charts are interactive and there is no switch.
"""

from __future__ import annotations

import base64
import logging
import re
import threading

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.present import exports
from monitoring.text.i18n import t
from tests.app.helpers import DASHBOARD


def run(**query: str) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def images(at: AppTest) -> list[tuple[str, bytes]]:
    """(text alternative, SVG) of each chart shown as an image."""
    found = []
    for element in at.get("html"):
        tag = re.search(r'<img class="pm-chart" src="data:image/svg\+xml;base64,([^"]+)" '
                        r'alt="([^"]*)"', element.proto.body)  # fmt: skip
        if tag:
            found.append((tag.group(2), base64.b64decode(tag.group(1))))
    return found


@pytest.mark.chromium
@pytest.mark.parametrize(("dataset", "charts"), [("france", 2), ("demo", 3)])
def test_the_overview_opens_on_chart_images_and_switches_to_interactive(
    monkeypatch: pytest.MonkeyPatch, dataset: str, charts: int
) -> None:
    monkeypatch.delenv(exports.NO_RENDERER_ENV, raising=False)
    at = run(dataset=dataset, lang="fr", as_of="2026-11-26")
    shown = images(at)
    assert len(shown) == charts and not at.get("plotly_chart")
    titles = [alt for alt, _svg in shown]
    assert titles[:2] == [t("chart.plan_periods", "fr"), t("chart.status_by_plan", "fr")]
    assert all(svg.startswith(b"<svg") and b"Nombre de mesures" in shown[1][1] for _, svg in shown)
    switch = at.toggle(key="overview_interactive")
    assert switch.label == "Graphiques interactifs" and switch.value is False
    assert "charts" not in at.query_params
    downloads = [button.proto.label for button in at.get("download_button")]

    switch.set_value(True).run()
    assert len(at.get("plotly_chart")) == charts and not images(at)
    assert at.query_params["charts"] == "interactive"
    # The charts' downloads are the same either way.
    assert [button.proto.label for button in at.get("download_button")] == downloads
    assert sum("PNG" in label for label in downloads) == charts, downloads


@pytest.mark.chromium
def test_a_link_with_charts_interactive_opens_the_interactive_charts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(exports.NO_RENDERER_ENV, raising=False)
    at = run(dataset="france", lang="en", charts="interactive")
    assert len(at.get("plotly_chart")) == 2 and not images(at)
    assert at.toggle(key="overview_interactive").label == "Interactive charts"
    assert at.toggle(key="overview_interactive").value is True


def test_without_a_renderer_the_charts_are_interactive_and_there_is_no_switch() -> None:
    at = run(dataset="france", lang="fr")
    assert len(at.get("plotly_chart")) == 2 and not images(at)
    assert not [s for s in at.toggle if s.key == "overview_interactive"]


@pytest.mark.chromium
def test_the_choice_survives_a_visit_to_another_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The navigation drops `charts` from the address (seen in a browser): coming back,
    the charts are interactive still, and the address says so again."""
    monkeypatch.delenv(exports.NO_RENDERER_ENV, raising=False)
    at = run(dataset="france", lang="fr")
    at.toggle(key="overview_interactive").set_value(True).run()
    at.switch_page("views/delays.py").run()
    del at.query_params["charts"]  # as the browser's navigation leaves the address
    at.switch_page("views/overview.py").run()
    assert at.toggle(key="overview_interactive").value is True
    assert len(at.get("plotly_chart")) == 2 and at.query_params["charts"] == "interactive"


@pytest.mark.parametrize("images_here", [True, False])
def test_the_store_starts_the_chart_renderer_in_a_thread_of_its_own(
    monkeypatch: pytest.MonkeyPatch, images_here: bool
) -> None:
    """A server's first page waits for the seeded datasets and for Chromium at once, not
    in turn: opening the store starts the renderer beside it, where images are drawn."""
    from views import common

    started: list[str] = []
    done = threading.Event()

    def start_renderer() -> None:
        started.append(threading.current_thread().name)
        done.set()

    monkeypatch.setattr(common, "images_on_screen", lambda: images_here)
    monkeypatch.setattr(common.exports, "start_renderer", start_renderer)
    common.store.clear()
    try:
        common.store()
    finally:
        common.store.clear()  # the next test opens its own
    assert done.wait(10 if images_here else 0.5) is images_here
    assert started == (["renderer-start"] if images_here else [])


def test_a_renderer_that_fails_to_start_beside_the_store_is_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from views import common

    def start_renderer() -> None:
        raise RuntimeError("no Chromium today")

    monkeypatch.setattr(common.exports, "start_renderer", start_renderer)
    with caplog.at_level(logging.ERROR, logger="plan_monitoring.app"):
        common._start_renderer()  # in its thread, nothing would catch it
    assert "the chart renderer did not start beside the store" in caplog.text
    assert "no Chromium today" in caplog.text
