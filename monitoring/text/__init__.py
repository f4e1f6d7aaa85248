"""Texts: the French source, a gettext catalogue per other language, and formatting (Babel)."""
