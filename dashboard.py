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

# (file in views/, title key, icon, url path): the order of the navigation.
PAGES = [
    ("overview", "page.overview", "📊", "overview"),
    ("gaps", "page.gaps", "🧩", "gaps"),
    ("delays", "page.delays", "⏱️", "delays"),
    ("measures", "page.measures", "📋", "measures"),
    ("timeline", "page.timeline", "✉️", "timeline"),
    ("method", "page.method", "📐", "method"),
]
navigation = st.navigation(
    [
        st.Page(f"views/{name}.py", title=t(key, lang), icon=icon, url_path=path,
                default=name == "overview")
        for name, key, icon, path in PAGES
    ]
)  # fmt: skip
navigation.run()
