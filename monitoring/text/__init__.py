"""Translations (French first, English complete) and French/English formatting."""
