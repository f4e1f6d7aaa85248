"""A page for `test_markdown_browser.py`: hostile user text, as Markdown (`?show=raw`, the
control: Streamlit interprets it) or through `plain` (`?show=plain`: shown as written)."""

import streamlit as st

from monitoring.text.i18n import plain

# One construct per line of the test; each is rendered alone in its own element.
CASES = (
    "![x](https://tracker.example/p.png)",
    "[lien](https://evil.example) <https://evil.example/auto> https://evil.example/nu",
    ":red[rouge] :blue-background[fond] :red-badge[badge] :small[petit]",
    ":material/home: :material_home: :streamlit: :smile:",
    "$x^2$ et $$E=mc^2$$",
    "**gras** _italique_ ~~barré~~ `code` <b>html</b> &amp;",
    "a -> b <- c -- d >= e",
    "# titre",
    "1. liste",
    "> citation",
    "    indenté",
    "| a | b |",
)

raw = st.query_params.get("show") == "raw"
shown = (lambda text: text) if raw else plain
with st.container(key="cases"):
    for case in CASES:
        st.markdown(shown(case))
if not raw:  # the other elements that render Markdown
    with st.container(key="elements"):
        st.caption(plain(CASES[0]))
        st.subheader(plain(CASES[1]), anchor=False)
        st.info(plain(CASES[2]))
        st.metric(plain(CASES[3]), 1, help=plain(CASES[4]))
        with st.expander(plain(CASES[0])):
            st.write(plain(CASES[5]))
        st.button(plain(CASES[1]))
