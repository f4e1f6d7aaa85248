"""Page being built (issue 3): replaced by its owner in this session."""

import streamlit as st

from views.common import context

st.title(context().lang)
