"""The dashboard's pages: thin files that read widgets, call `monitoring`, and render.

Not named `pages/`: Streamlit treats a `pages/` folder beside the entrypoint as a legacy
multi-page app and then reruns a page without the entrypoint, losing the shared sidebar.
"""
