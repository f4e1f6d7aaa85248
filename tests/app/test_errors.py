"""AppTest: a failing page shows a reference number, never its traceback; Streamlit's own
stop, rerun and page switch pass through; the start-up checks pass on the committed config.

Production's behaviour: the suite's test setting `PLAN_MONITORING_RAISE_ERRORS` is off
here (`test_failing_pages.py` tests it on).
"""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.config.hardening import EXAMPLE_COOKIE_SECRET
from monitoring.config.settings import RAISE_ERRORS_ENV

APP = str(Path(__file__).resolve().parent / "errors_app.py")
REFERENCE = re.compile(r"\b[0-9a-f]{8}\b")
AUTH = {
    "redirect_uri": "https://suivi.example.org/oauth2callback",
    "cookie_secret": secrets.token_hex(32),
    "client_id": "plan-monitoring",
    "client_secret": "s",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


@pytest.fixture(autouse=True)
def production_boundary(monkeypatch: pytest.MonkeyPatch, failures_allowed: None) -> None:
    """The boundary as deployed: the suite's re-raising setting off, failures expected."""
    monkeypatch.delenv(RAISE_ERRORS_ENV, raising=False)


def run(case: str, lang: str | None = None, auth: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if auth is not None:
        at.secrets["auth"] = auth
    at.query_params["case"] = case
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def shown_text(at: AppTest) -> str:
    """Every text the page shows, whatever the element."""
    return "\n".join(str(getattr(node, "value", "")) for node in at.main)


def test_a_failing_page_shows_only_a_reference_and_logs_the_redacted_traceback(caplog):
    with caplog.at_level(logging.ERROR, logger="plan_monitoring"):
        at = run("failing")

    assert not at.exception, [e.message for e in at.exception]
    assert [m.value for m in at.markdown] == ["before the failure"]
    [error] = at.error
    assert error.value.startswith("Une erreur inattendue s'est produite. Référence : ")
    reference = REFERENCE.search(error.value)
    assert reference, error.value
    text = shown_text(at)
    for leak in ("pw", "postgresql", "ValueError", "Traceback", "errors_app.py"):
        assert leak not in text
    [record] = [r for r in caplog.records if r.name == "plan_monitoring"]
    logged = record.getMessage()
    assert reference.group() in logged
    assert "Traceback" in logged and "ValueError" in logged and "errors_app.py" in logged
    assert "postgresql://u:***@h/db" in logged
    assert "u:pw@" not in logged


def test_the_reference_message_follows_the_language_of_the_url():
    at = run("failing", lang="en")

    [error] = at.error
    assert error.value.startswith("An unexpected error occurred. Reference: ")
    assert REFERENCE.search(error.value)


def test_every_failure_gets_its_own_reference():
    first, second = (REFERENCE.search(run("failing").error[0].value) for _ in range(2))

    assert first and second and first.group() != second.group()


def test_st_stop_in_a_page_is_not_reported_as_an_error():
    at = run("stopping")

    assert not at.exception and not at.error
    assert [m.value for m in at.markdown] == ["stopped here"]


def test_st_rerun_in_a_page_reruns_instead_of_failing():
    at = run("rerunning")

    assert not at.exception and not at.error
    assert at.session_state["runs"] == 2
    assert [m.value for m in at.markdown] == ["runs: 2"]


def test_st_switch_page_in_a_page_switches_instead_of_failing():
    at = run("switching")

    assert not at.exception and not at.error
    assert [m.value for m in at.markdown] == ["stopped here"]


def test_a_page_that_works_is_untouched():
    at = run("home")

    assert not at.exception and not at.error
    assert [m.value for m in at.markdown] == ["home"]


def test_the_start_up_checks_find_nothing_in_the_committed_configuration():
    """The environment every AppTest of the dashboard runs in: refusing here would stop them."""
    at = run("startup")

    assert not at.exception, [e.message for e in at.exception]
    assert [m.value for m in at.markdown] == ["no problem"]


def test_the_start_up_checks_read_the_secrets_streamlit_has():
    """Shared mode: no [auth] is refused, the example's cookie_secret too, a good one not;
    each answer follows the secrets of its own run (nothing stale from a previous one)."""
    assert [m.value for m in run("startup_shared").markdown] == ["hardening.auth_missing"]
    example = {**AUTH, "cookie_secret": EXAMPLE_COOKIE_SECRET}
    refused = run("startup_shared", auth=example)
    assert [m.value for m in refused.markdown] == ["hardening.cookie_secret_placeholder"]
    assert [m.value for m in run("startup_shared", auth=AUTH).markdown] == ["no problem"]


def test_an_unsafe_deployment_shows_what_to_fix_and_nothing_else():
    at = run("guarded")  # shared mode, no [auth] section

    assert not at.exception, [e.message for e in at.exception]
    [error] = at.error
    assert error.value.startswith("The app refuses to start")
    assert "[auth]" in error.value and "secrets.example.toml" in error.value
    assert "data" not in [m.value for m in at.markdown]
    assert [m.value for m in run("guarded", auth=AUTH).markdown] == ["data"]
