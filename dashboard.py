"""Entrypoint of the dashboard: page config, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run dashboard.py`). Pages are declared in
`monitoring/present/pages.py` and drawn by `views/<page id>.py`; they read the context computed
here and call `monitoring/` for every figure.
"""

import streamlit as st

from monitoring.config.settings import SettingError, Settings
from monitoring.present.pages import PAGES
from monitoring.text.i18n import t
from views import auth
from views.common import sidebar
from views.errors import current_lang, reporting_errors, run_page, stop_if_unsafe

st.set_page_config(
    page_title="Suivi du plan / Plan monitoring", page_icon=":material/checklist:", layout="wide"
)

try:
    settings = Settings.from_env()
except SettingError as exc:  # a mistyped setting must not fall back to anything
    st.error(exc.message(current_lang()), icon=":material/gpp_bad:")
    st.stop()
# Unsafe settings (XSRF off, no sign-in configured in shared mode…) stop here, said plainly.
stop_if_unsafe(settings, current_lang())
# Shared mode: nobody reads anything before signing in and getting a role.
with reporting_errors("sign-in"):  # e.g. the database is down: a reference, not a traceback
    actor = auth.gate(settings)
with reporting_errors("sidebar"):
    context = sidebar(actor)
st.session_state["_context"] = context
lang = context.lang
with st.sidebar:
    auth.signed_in_box(actor, settings, lang)

# The pages as `monitoring.present.pages` declares them, in the navigation's order. A page the role
# does not allow is left out (its address leads to the default page); the page and the core
# check the role again. Material icons ship with Streamlit's frontend; emoji would need a
# colour-emoji font on the server.
navigation = st.navigation(
    [
        st.Page(page.script, title=t(page.title_key, lang), icon=page.icon, url_path=page.id,
                default=page is PAGES[0])
        for page in PAGES
        if actor.can(page.action)
    ]
)  # fmt: skip
run_page(navigation)  # an unexpected error shows a reference number, details in the log
