"""Streamlit widgets whose built-in texts are English, shown in the user's language.

Streamlit 1.67 has no setting for the file uploader's own texts (the "Upload" button, the
"50MB per file • XLSX…" line, each file's size as "7.9KB"; streamlit/streamlit#13500 is
open): the cleanest way left is a style sheet that hides those texts (from screen
readers too) and writes ours in their place (CSS `content`, which screen readers read).
It relies on Streamlit's test ids (`stFileUploaderDropzone`…), which
`tests/browser/test_french_everywhere_browser.py` checks on the real page: a Streamlit
upgrade that renames them turns that test red.

What CSS cannot reach, the names of controls Streamlit (and plotly's toolbar) writes in
attributes for screen readers and tool tips ("Help for Situation au", "Remove plan.xlsx",
"Collapse sidebar", "Zoom in"), and the page's own language (`<html lang="en">`), are set
by one small script (`st.html` with `unsafe_allow_javascript`, Streamlit's supported way
to run a script in the page): `page_language`. Its texts are in the catalogues
(`streamlit.*`); the same browser test reads every name on every page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
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


# Streamlit's (and plotly's toolbar's) own English names of controls, which it writes in
# attributes (`aria-label`, `title`, plotly's `data-title`, `placeholder`): read by screen
# readers and shown as tool tips. Each with the key of its text in the catalogues.
STREAMLIT_NAMES = {
    "App pages": "streamlit.app_pages",
    "Sidebar": "streamlit.sidebar",
    "Collapse sidebar": "streamlit.collapse_sidebar",
    "Expand sidebar": "streamlit.expand_sidebar",
    "Main menu": "streamlit.main_menu",
    "Link to heading": "streamlit.link_to_heading",
    "Close": "streamlit.close",
    "Help": "streamlit.help",
    "Open": "streamlit.open",
    "Choose an option": "streamlit.choose_option",
    "Clear selection": "streamlit.clear_selection",
    "Clear value": "streamlit.clear_value",
    "Clear all": "streamlit.clear_all",
    "Choose date": "streamlit.choose_date",
    "Decrement": "streamlit.decrement",
    "Increment": "streamlit.increment",
    "file upload": "streamlit.file_upload",
    "Add files": "streamlit.add_files",
    "Search": "streamlit.search",
    "Show/hide columns": "streamlit.show_hide_columns",
    "Download as CSV": "streamlit.download_csv",
    "Fullscreen": "streamlit.fullscreen",
    "Download plot as a PNG": "streamlit.download_png",
    "Pan": "streamlit.pan",
    "Zoom in": "streamlit.zoom_in",
    "Zoom out": "streamlit.zoom_out",
    "Autoscale": "streamlit.autoscale",
    "Reset axes": "streamlit.reset_axes",
    "Reset view": "streamlit.reset_view",
}
# Names made of a widget's label and Streamlit's words around it (`{label}`).
STREAMLIT_FORMS = {
    "Help for {label}": "streamlit.help_for",
    "day, {label}": "streamlit.day_of",
    "month, {label}": "streamlit.month_of",
    "year, {label}": "streamlit.year_of",
    "{label} — start": "streamlit.range_start",
    "{label} — end": "streamlit.range_end",
    "Remove {label}": "streamlit.remove",
}
# The attributes those names are written in.
NAMED_BY = ("aria-label", "title", "data-title", "placeholder")
_LABEL = "{label}"


@cache  # the same at every run in a language: read from the catalogues once per process
def streamlit_names(lang: str) -> tuple[dict[str, str], tuple[tuple[str, str, str], ...]]:
    """What the script of `language_script` rewrites for `lang`: each name as Streamlit
    (or another language of the app) writes it, with the name in `lang`; and each form
    around a label as (before the label, after it, the form in `lang`). Names already in
    `lang` are left out, so that English pages keep Streamlit's own English."""
    names: dict[str, str] = {}
    for english, key in STREAMLIT_NAMES.items():
        said = t(key, lang)
        for other in {english, *(t(key, o) for o in LANGS)}:
            if other != said:
                names[other] = said
    forms: list[tuple[str, str, str]] = []
    for english, key in STREAMLIT_FORMS.items():
        said = t(key, lang, label=_LABEL)
        for other in sorted({english, *(t(key, o, label=_LABEL) for o in LANGS)}):
            if other != said:
                before, _, after = other.partition(_LABEL)
                forms.append((before, after, said))
    return names, tuple(forms)


def _script_value(value: object) -> str:
    """A JavaScript literal of `value` (JSON), with `<` written `\u003c` so that no
    `</script>` can occur in it."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


# Sets the page's language, then keeps Streamlit's names of controls in it: each one found
# on the page, then each one Streamlit writes later (a MutationObserver on those
# attributes; it rewrites a name only when the name is not yet in the language, so its own
# writes end there). A new run's script replaces the previous observer.
_LANGUAGE_SCRIPT = """<script>(() => {
const lang = %(lang)s, names = %(names)s, forms = %(forms)s, attrs = %(attrs)s;
document.documentElement.lang = lang;
const say = (name) => {
  if (Object.hasOwn(names, name)) return names[name];
  for (const [before, after, form] of forms) {
    if (name.length > before.length + after.length && name.startsWith(before)
        && name.endsWith(after)) {
      const label = name.slice(before.length, name.length - after.length);
      return form.replace("{label}", () => label);  // a function: no "$&" patterns
    }
  }
  return name;
};
const fix = (element) => {
  for (const attr of attrs) {
    const name = element.getAttribute(attr);
    if (name) { const said = say(name); if (said !== name) element.setAttribute(attr, said); }
  }
};
const within = (root) => {
  fix(root);
  root.querySelectorAll(attrs.map((attr) => `[${attr}]`).join(",")).forEach(fix);
};
if (window.pmNames) window.pmNames.disconnect();
window.pmNames = new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "attributes") fix(record.target);
    else record.addedNodes.forEach((node) => { if (node.nodeType === 1) within(node); });
  }
});
window.pmNames.observe(document.body,
  {subtree: true, childList: true, attributes: true, attributeFilter: attrs});
within(document.body);
})();</script>"""


def language_script(lang: str) -> str:
    """The script that says the page's language (`<html lang>`) and writes Streamlit's
    names of controls in it (`streamlit_names`). Only a language code of `LANGS` is taken
    (ValueError for any other text); every text in the script is a JSON literal."""
    if lang not in LANGS:
        raise ValueError(f"not a language of the app: {lang!r}")
    names, forms = streamlit_names(lang)
    return _LANGUAGE_SCRIPT % {
        "lang": _script_value(lang),
        "names": _script_value(names),
        "forms": _script_value(forms),
        "attrs": _script_value(NAMED_BY),
    }


def page_language(lang: Lang, where: Any = None) -> None:
    """Tell the browser and screen readers the page's language, and say Streamlit's names
    of controls in it. Streamlit serves every page as `<html lang="en">` (a screen reader
    would read the French with English sounds, WCAG 3.1.1) and names its controls in
    English ("Help for Situation au", "Collapse sidebar", plotly's "Zoom in"), in
    attributes no style sheet can change. Drawn in the sidebar, where its empty element
    takes no room from a page, unless `where` says otherwise (the sign-in page has no
    sidebar)."""
    (where or st.sidebar).html(language_script(lang), unsafe_allow_javascript=True)
