"""The browser check that a page did not fail (`expect_no_error_alert`) can fail.

`tests/app/errors_app.py` is served as deployed (a failing page shows the reference-only
error box) and under the test setting `PLAN_MONITORING_RAISE_ERRORS=1` (Streamlit's
exception box): on its failing page the check fails, on a working page it passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from monitoring.config.settings import RAISE_ERRORS_ENV
from tests.browser.conftest import (
    ROOT,
    _free_port,
    expect_no_error_alert,
    stop_app,
    wait_healthy,
)

TIMEOUT = 60_000
APP = ROOT / "tests" / "app" / "errors_app.py"


@pytest.fixture(scope="module", params=["reference box", "exception"])
def errors_app(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(URL, what a failure shows) of `errors_app.py`, with the setting off, then on."""
    port = _free_port()
    env = {**os.environ, RAISE_ERRORS_ENV: "1" if request.param == "exception" else ""}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url, request.param
    finally:
        stop_app(process)


def _drawn(page: Page, text: str) -> None:
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(text, exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_the_check_fails_on_a_failing_page(page: Page, errors_app: tuple[str, str]) -> None:
    url, shown = errors_app
    page.goto(f"{url}/?case=failing")
    _drawn(page, "before the failure")
    box = "stException" if shown == "exception" else "stAlertContentError"
    expect(page.get_by_test_id(box)).to_have_count(1, timeout=TIMEOUT)
    with pytest.raises(AssertionError):
        expect_no_error_alert(page, any_error=False)  # a failure, not just any error box


def test_the_check_passes_on_a_working_page(page: Page, errors_app: tuple[str, str]) -> None:
    url, _shown = errors_app
    page.goto(f"{url}/?case=home")
    _drawn(page, "home")
    expect_no_error_alert(page)
