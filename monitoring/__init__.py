"""Plan monitoring: the domain core of the dashboard (never imports streamlit)."""

__version__ = "0.1.0"
