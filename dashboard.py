"""Entrypoint of the dashboard: page config, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in `views/`; they read
the context computed here and call `monitoring/` for every figure.
"""

import streamlit as st

from monitoring.i18n import t
from views.common import sidebar

st.set_page_config(
    page_title="Suivi du plan / Plan monitoring", page_icon=":material/checklist:", layout="wide"
)

context = sidebar()
st.session_state["_context"] = context
lang = context.lang

# (file in views/, title key, icon, url path): the order of the navigation. Material icons
# ship with Streamlit's frontend; emoji would need a colour-emoji font on the server.
PAGES = [
    ("overview", "page.overview", ":material/dashboard:", "overview"),
    ("gaps", "page.gaps", ":material/compare_arrows:", "gaps"),
    ("delays", "page.delays", ":material/schedule:", "delays"),
    ("measures", "page.measures", ":material/checklist:", "measures"),
    ("timeline", "page.timeline", ":material/mail:", "timeline"),
    ("upload", "page.upload", ":material/upload_file:", "upload"),
    ("history", "page.history", ":material/history:", "history"),
    ("report", "page.report", ":material/picture_as_pdf:", "report"),
    ("method", "page.method", ":material/menu_book:", "method"),
]
navigation = st.navigation(
    [
        st.Page(f"views/{name}.py", title=t(key, lang), icon=icon, url_path=path,
                default=name == "overview")
        for name, key, icon, path in PAGES
    ]
)  # fmt: skip
navigation.run()
