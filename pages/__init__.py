"""The dashboard's pages: thin files that read widgets, call `monitoring`, and render."""
