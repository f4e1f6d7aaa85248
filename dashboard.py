"""Entrypoint of the dashboard: page config, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run dashboard.py`). Pages are declared in
`monitoring/present/pages.py` and drawn by `views/<page id>.py`; they read the context computed
here and call `monitoring/` for every figure.
"""

from functools import partial

import streamlit as st

from monitoring.config.settings import SettingError, Settings
from monitoring.present.pages import PAGES
from monitoring.text.i18n import t
from views import auth
from views.common import sidebar
from views.errors import current_lang, reporting_errors, run_page, stop_if_unsafe
from views.widgets import page_language

HOME = "home"  # the url_path Streamlit reserves for the default page (served at "/")

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
page_language(lang)

# The pages as `monitoring.present.pages` declares them, in the navigation's order. Material
# icons ship with Streamlit's frontend; emoji would need a colour-emoji font on the server.
# Every page id stays an address, so that Streamlit never shows its English "Page not
# found" for one: the default page (served at "/") also answers at its id (Streamlit
# reserves a default page's own `url_path`: `HOME` takes that place) by going to "/" with
# the same query, where the navigation marks it; a page the role does not allow answers,
# out of the navigation, with the refusal in the user's language (the page and the core
# check the role again).
allowed = [page for page in PAGES if actor.can(page.action)]
default = allowed[0]
shown = [
    st.Page(page.script, title=t(page.title_key, lang), icon=page.icon,
            url_path=HOME if page is default else page.id, default=page is default)
    for page in allowed
]  # fmt: skip


def _home() -> None:
    """The default page asked at its id (`/overview?…`): the same page at "/", same query."""
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    st.switch_page(shown[0], query_params=query)


navigation = st.navigation(
    shown
    + [
        st.Page(_home, title=t(default.title_key, lang), icon=default.icon,
                url_path=default.id, visibility="hidden")
    ]
    + [
        st.Page(partial(auth.require, actor, page.action, lang), title=t(page.title_key, lang),
                icon=page.icon, url_path=page.id, visibility="hidden")
        for page in PAGES
        if not actor.can(page.action)
    ]
)  # fmt: skip
run_page(navigation)  # an unexpected error shows a reference number, details in the log
