"""AppTest: a page that fails fails its test, in the test setting and in production's.

A failure is injected after a page's last line (`StreamlitPage.run` runs the page, then
raises, also when the page ended with `st.stop()`). Under `PLAN_MONITORING_RAISE_ERRORS=1`
(the suite's setting) the run records an exception, and the check of every run
(`assert_page_ok`) and the page matrix's `visit` fail; with the setting off (production)
the page shows the reference-only error box, and they fail too.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner_utils.exceptions import StopException
from streamlit.testing.v1 import AppTest

from monitoring.config.settings import RAISE_ERRORS_ENV
from tests.app.helpers import assert_page_ok, page_failures
from tests.app.test_every_page import PAGES, visit

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
ERRORS_APP = str(Path(__file__).resolve().parent / "errors_app.py")


class InjectedFailure(RuntimeError):
    """The failure these tests put at the end of a page."""


@pytest.fixture
def inject(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to make every page raise `InjectedFailure` once its last line has run."""
    run = StreamlitPage.run

    def failing_run(self: StreamlitPage) -> None:
        with contextlib.suppress(StopException):  # a page may end with st.stop()
            run(self)
        raise InjectedFailure(f"injected at the end of {self.url_path or 'overview'}")

    def start() -> None:
        monkeypatch.setattr(StreamlitPage, "run", failing_run)

    return start


def dashboard(lang: str = "fr") -> AppTest:
    """The dashboard on the demo dataset, after a first (good) run of its default page."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params.update({"dataset": "demo", "lang": lang})
    return at.run()


def injected_failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The pages whose injected failure the error boundary logged, in order."""
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "plan_monitoring")
    return re.findall(r"InjectedFailure: injected at the end of (\w+)", logged)


def test_every_run_of_a_failing_page_fails_the_test(
    inject: Callable[[], None], caplog: pytest.LogCaptureFixture
) -> None:
    # No `failures_allowed` here: the suite's check of every run is what must fail.
    at = dashboard()
    inject()
    for name, _key in PAGES:
        if name != "overview":
            at.switch_page(f"views/{name}.py")
        with (
            caplog.at_level(logging.ERROR, logger="plan_monitoring"),
            pytest.raises(AssertionError, match=r"the page failed:\nexception"),
        ):
            at.run()
    assert injected_failures(caplog) == [name for name, _key in PAGES]


def test_the_page_matrix_reports_each_failing_page(
    inject: Callable[[], None], failures_allowed: None
) -> None:
    at = dashboard(lang="en")
    inject()
    for name, key in PAGES:
        [problem] = visit(at, name, key, "en")
        assert problem.startswith(f"{name}: exception")
        assert len(at.exception) == 1
        with pytest.raises(AssertionError, match="the page failed"):
            assert_page_ok(at)


def test_with_the_setting_off_the_error_box_is_shown_and_caught(
    inject: Callable[[], None], failures_allowed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(RAISE_ERRORS_ENV)
    at = dashboard()
    inject()
    for name, key in PAGES[:3]:
        problems = visit(at, name, key, "fr")
        assert not at.exception  # production: the user sees only a reference
        [box] = at.error
        assert box.value.startswith("Une erreur inattendue s'est produite. Référence : ")
        assert problems == [f"{name}: error box: {box.value}"]
        with pytest.raises(AssertionError, match="error box: Une erreur inattendue"):
            assert_page_ok(at)


def test_a_page_that_works_passes_the_check_with_the_setting_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(RAISE_ERRORS_ENV)
    at = dashboard()
    assert page_failures(at) == []
    assert at.title[0].value == "Vue d'ensemble"


def test_under_the_setting_the_failure_is_still_logged_with_its_reference(
    caplog: pytest.LogCaptureFixture, failures_allowed: None
) -> None:
    at = AppTest.from_file(ERRORS_APP, default_timeout=30)
    at.query_params["case"] = "failing"
    with caplog.at_level(logging.ERROR, logger="plan_monitoring"):
        at.run()

    assert len(at.exception) == 1
    assert not at.error  # no reference box: the exception itself is the failure
    [record] = [r for r in caplog.records if r.name == "plan_monitoring"]
    assert "ValueError" in record.getMessage() and "u:pw@" not in record.getMessage()
