"""Entrypoint of the dashboard: page config, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in `views/`; they read
the context computed here and call `monitoring/` for every figure.
"""

import streamlit as st

from monitoring.i18n import t
from views.common import sidebar

st.set_page_config(page_title="Suivi du plan / Plan monitoring", page_icon="📋", layout="wide")

context = sidebar()
st.session_state["_context"] = context
lang = context.lang

navigation = st.navigation(
    [
        st.Page(
            "views/overview.py",
            title=t("page.overview", lang),
            icon="📊",
            url_path="overview",
            default=True,
        ),
    ]
)
navigation.run()
