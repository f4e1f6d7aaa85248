"""Streamlit widgets whose built-in texts are English, shown in the user's language.

Streamlit 1.67 has no setting for the file uploader's own texts (the "Upload" button, the
"50MB per file • XLSX…" line, each file's size as "7.9KB"; streamlit/streamlit#13500 is
open): the cleanest way left is a style sheet that hides those texts (from screen
readers too) and writes ours in their place (CSS `content`, which screen readers read).
It relies on Streamlit's test ids (`stFileUploaderDropzone`…), which
`tests/browser/test_french_everywhere_browser.py` checks on the real page: a Streamlit
upgrade that renames them turns that test red. What CSS cannot reach stays English: the
screen-reader labels Streamlit writes in attributes ("Remove plan.xlsx", "Add files",
"Help for …").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import streamlit as st

from monitoring.config.settings import Limits
from monitoring.contract.schema import LANGS, Lang
from monitoring.text.i18n import t

MEBIBYTE = 1024 * 1024


def _css_text(text: str) -> str:
    """A CSS string literal for `text`: quotes, backslashes and line breaks escaped (JSON
    and CSS escape them alike), and `<` written as `\\3c ` so that no `</style>` can occur."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3c ")


def uploader_style(browse: str, line: str) -> str:
    """The style sheet that writes `browse` on the uploader's button and `line` in its
    instructions. Both are CSS string literals (`_css_text`): no text can end the
    declaration, the rule or the `<style>` element, whatever it holds."""
    zone = '[data-testid="stFileUploaderDropzone"]'
    instructions = f"{zone} [data-testid='stFileUploaderDropzoneInstructions']"
    button = f"{zone} button [data-testid='stMarkdownContainer']"
    # The English text is hidden (from screen readers too), ours is written after it.
    return (
        "<style>"
        f"{button} p, {instructions} span{{display:none}}"
        f"{button}::after{{content:{_css_text(browse)}}}"
        f"{instructions} > div::after{{content:{_css_text(line)};font-size:0.875rem}}"
        # Each file's size, "7.9KB": its name is shown, the size is not needed to choose.
        "[data-testid='stFileChipName']+div{display:none}"
        "</style>"
    )


def file_uploader(
    label: str, types: Sequence[str], lang: Lang, limits: Limits, **options: Any
) -> Any:
    """`st.file_uploader`, its button and limits line written in `lang`."""
    limit = round(limits.max_file_bytes / MEBIBYTE)
    line = t("widgets.uploader.limits", lang, limit=limit, types=", ".join(types).upper())
    st.html(uploader_style(t("widgets.uploader.button", lang), line))
    return st.file_uploader(label, type=list(types), **options)


def language_script(lang: str) -> str:
    """The script that says the page's language (`<html lang>`): a language code of
    `LANGS`, never any other text (ValueError)."""
    if lang not in LANGS:
        raise ValueError(f"not a language of the app: {lang!r}")
    return f"<script>document.documentElement.lang = {json.dumps(lang)};</script>"


def page_language(lang: Lang) -> None:
    """Tell the browser and screen readers the page's language. Streamlit serves every page
    as `<html lang="en">`: a screen reader would read the French with English sounds, and a
    browser offer to translate it from English (WCAG 3.1.1, language of page). Drawn in
    the sidebar, where its empty element takes no room from a page."""
    st.sidebar.html(language_script(lang), unsafe_allow_javascript=True)
