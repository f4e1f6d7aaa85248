"""What the browser sees when something fails: a reference number, never a traceback.

`run_page` runs the page st.navigation chose; an unexpected exception is logged on the
server (redacted traceback, under a short reference) and the user reads only "an
unexpected error occurred, reference 1a2b3c4d". Under `PLAN_MONITORING_RAISE_ERRORS=1`
(tests only, see `monitoring.config.settings.raise_errors`) the exception is logged and then
re-raised, so that AppTest records it in `at.exception` and the test fails.
`startup_checks` runs the deployment's safety checks (cached); the entrypoint refuses to
start while they find anything.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

# st.stop(), st.rerun() and st.switch_page() raise subclasses of this (StopException,
# RerunException): they are how Streamlit ends or restarts a run, never failures.
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from monitoring.config.hardening import (
    OPTIONS,
    Problem,
    check_config,
    check_xml_protection,
    format_problems,
    log_failure,
)
from monitoring.config.settings import Settings, raise_errors
from monitoring.contract.schema import LANGS, Lang
from monitoring.text.i18n import t

LOG = logging.getLogger("plan_monitoring")


def current_lang() -> Lang:
    """The language of the page: the URL's `lang` (as the sidebar keeps it), else French."""
    for value in (st.query_params.get("lang", "fr"), st.session_state.get("lang")):
        if value in LANGS:
            return "en" if value == "en" else "fr"
    return "fr"


@contextlib.contextmanager
def reporting_errors(where: str = "") -> Iterator[None]:
    """Run the block; on an unexpected exception show only a reference, then stop the run.

    The exception is always logged; with `PLAN_MONITORING_RAISE_ERRORS=1` (tests) it is
    then re-raised instead of shown as a reference.

    Args:
        where: what runs (a page's path), written in the log line.
    """
    try:
        yield
    except ScriptControlException:
        raise
    except Exception as error:
        reference = log_failure(error, LOG, where)
        if raise_errors():
            raise
        st.error(t("errors.internal", current_lang(), ref=reference), icon=":material/error:")
        st.stop()


def run_page(page: StreamlitPage) -> None:
    """`page.run()`, with failures shown as a reference number and logged in full."""
    with reporting_errors(page.url_path or "/"):
        page.run()


def secrets_as_dict() -> tuple[dict[str, Any], Problem | None]:
    """The secrets as a plain dict (`{}` when there are none) and whether they are unreadable.

    Returns:
        (the secrets, None), or ({}, a problem) when a secrets file exists but Streamlit
        cannot parse it.
    """
    try:
        return st.secrets.to_dict(), None
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no file, or an unreadable one
        files = st.get_option("secrets.files") or []
        present = any(Path(path).is_file() for path in files)
        return {}, Problem("hardening.secrets_unreadable") if present else None


def startup_checks(settings: Settings) -> list[Problem]:
    """Every unsafe setting of this deployment (logged once per configuration).

    Streamlit's options and the secrets are read on every run (cheap), and checked once
    for each different value: a fixed `secrets.toml` counts as soon as Streamlit reloads
    it; a fixed `config.toml` needs a restart, as any server option does.
    """
    secrets, unreadable = secrets_as_dict()
    options = {name: st.get_option(name) for name in OPTIONS}
    return _checked(settings, options, secrets, unreadable)


@st.cache_resource(show_spinner=False, max_entries=16)
def _checked(
    settings: Settings,
    options: dict[str, Any],
    secrets: dict[str, Any],
    unreadable: Problem | None,
) -> list[Problem]:
    problems = check_config(options.__getitem__, settings, secrets)
    for problem in (unreadable, check_xml_protection()):
        if problem is not None:
            problems.append(problem)
    for problem in problems:
        LOG.error("Unsafe configuration: %s", problem.message("en"))
    return problems


def stop_if_unsafe(settings: Settings, lang: Lang) -> None:
    """Show what is unsafe and stop the run, before any data is read, if anything is."""
    problems = startup_checks(settings)
    if problems:
        st.error(format_problems(problems, lang), icon=":material/gpp_bad:")
        st.stop()
