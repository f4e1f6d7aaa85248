"""AppTest runs the dashboard in-process: give each test worker its own version store, and
fail any test whose page fails.

A page's unexpected exception propagates (`PLAN_MONITORING_RAISE_ERRORS=1`) instead of
the reference-only error box, and every `AppTest` run is checked (`assert_page_ok`): an
exception or the reference box fails the test at the run that produced it. A test about
failures themselves asks for the `failures_allowed` fixture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.config.settings import RAISE_ERRORS_ENV, Settings
from monitoring.storage import Store, open_store
from tests.app.helpers import assert_page_ok

# AppTest never needs kaleido's browser: pages fall back to their "no renderer" message.
os.environ.setdefault("PLAN_MONITORING_NO_RENDERER", "1")


@pytest.fixture(autouse=True)
def raise_page_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing page raises (AppTest records it in `at.exception`), instead of showing a
    reference; set per test, so that nothing else run in this process inherits it."""
    monkeypatch.setenv(RAISE_ERRORS_ENV, "1")


@pytest.fixture
def failures_allowed() -> None:
    """Ask for this in a test whose pages are meant to fail: their runs are not checked."""


@pytest.fixture(autouse=True)
def pages_must_not_fail(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check every AppTest run of the test (first run, widget, page switch) for a failure."""
    if "failures_allowed" in request.fixturenames:
        return
    run = AppTest._run

    def checked_run(self: AppTest, *args: object, **kwargs: object) -> AppTest:
        return assert_page_ok(run(self, *args, **kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(AppTest, "_run", checked_run)


@pytest.fixture(scope="session", autouse=True)
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # The store (SQLite) is seeded with the shipped datasets on the first run.
    folder = tmp_path_factory.mktemp("state")
    previous = os.environ.get("PLAN_MONITORING_STATE_DIR")
    os.environ["PLAN_MONITORING_STATE_DIR"] = str(folder)
    os.environ.pop("PLAN_MONITORING_DATABASE_URL", None)
    yield
    if previous is None:
        os.environ.pop("PLAN_MONITORING_STATE_DIR", None)
    else:
        os.environ["PLAN_MONITORING_STATE_DIR"] = previous


@pytest.fixture(scope="module")
def store(state_dir: None) -> Iterator[Store]:
    """The version store the app opens in these tests (the same database)."""
    opened = open_store(Settings.from_env())
    yield opened
    opened.close()
