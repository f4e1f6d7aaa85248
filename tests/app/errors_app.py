"""A tiny app for `tests/app/test_errors.py`: pages that fail, stop, rerun or switch page.

The URL's `case` names the page that runs (the default page of the navigation); each
page runs through `views.errors.run_page`, as the dashboard's pages do.
"""

import streamlit as st

from monitoring.config.settings import Settings
from views.errors import run_page, startup_checks, stop_if_unsafe

# The password below must never reach the browser nor the log.
SECRET_URL = "postgresql://u:pw@h/db"


def home() -> None:
    st.write("home")


def failing() -> None:
    st.write("before the failure")
    raise ValueError(f"secret {SECRET_URL}")


def stopping() -> None:
    st.write("stopped here")
    st.stop()
    st.write("never shown")


def rerunning() -> None:
    runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    if runs < 2:
        st.rerun()
    st.write(f"runs: {runs}")


def switching() -> None:
    st.switch_page(PAGES["stopping"])


def startup() -> None:
    st.write(",".join(p.key for p in startup_checks(Settings())) or "no problem")


def startup_shared() -> None:
    problems = startup_checks(Settings(mode="shared"))
    st.write(",".join(p.key for p in problems) or "no problem")


def guarded() -> None:
    stop_if_unsafe(Settings(mode="shared"), "en")
    st.write("data")


case = st.query_params.get("case", "home")
PAGES = {
    f.__name__: st.Page(f, default=f.__name__ == case)
    for f in (home, failing, stopping, rerunning, switching, startup, startup_shared, guarded)
}
run_page(st.navigation(list(PAGES.values())))
