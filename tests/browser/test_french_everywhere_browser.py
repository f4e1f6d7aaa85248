"""French everywhere the user reads (issue 14): every page walked in French, in a real
browser, on both datasets.

Each page fails on:
- any English text from a list of Streamlit's own strings (the uploader, the
  page-not-found dialog, widgets) and of the app's own English texts (every English
  catalogue text that differs from its French one, cut at its placeholders);
- any number written without the French separators on a chart axis or in the page's text:
  four or more digits in a row that are not a year, a decimal point, an ISO date.

What a person sees is read: the page's text (`innerText`: what is hidden is left out, as
are the names of Material icons, which the icon font draws as pictures), the charts' tick
labels, and the text and ticks of the charts drawn as images (the Overview's: their SVG
read back from the image). The tables' cells are drawn on a canvas, and the grid's
accessible copy holds the raw values ("2021-12-31" where the grid draws "31/12/2021"), so
the text each cell shows is checked where Streamlit receives it, in
`tests/app/test_table_numbers.py` and `tests/app/test_french_tables.py`.

The names of controls Streamlit and plotly write in attributes (`aria-label`, `title`,
`data-title`, `placeholder`: what a screen reader reads, plotly's tool tips) are read too,
against Streamlit's English names ("Help for …", "Collapse sidebar", "Zoom in").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from monitoring.present.pages import PAGES
from monitoring.text.i18n import CATALOG, t
from tests.browser.conftest import expect_no_error_alert
from tests.french_numbers import badly_written

TIMEOUT = 60_000
AS_OF = "2026-11-26"

# Streamlit's own English, as its frontend writes it.
STREAMLIT_ENGLISH = (
    "Drag and drop",
    "per file",
    "Browse files",
    "Upload",
    "Page not found",
    "Running the app's main page",
    "Choose an option",
    "No results",
    "Select all",
    "Clear all",
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Show/hide columns",
    "Press Enter",
)
# Streamlit's and plotly's English names of controls, as their frontends write them in
# attributes: whole names, and the words they put around a widget's label.
STREAMLIT_NAMES = {
    "App pages", "Sidebar", "Collapse sidebar", "Expand sidebar", "Main menu", "Close",
    "Link to heading", "Help", "Open", "Choose an option", "Clear selection", "Clear value",
    "Clear all", "Choose date", "Decrement", "Increment", "file upload", "Add files",
    "Search", "Show/hide columns", "Download as CSV", "Fullscreen", "Download plot as a PNG",
    "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes", "Reset view",
}  # fmt: skip
STREAMLIT_NAME_STARTS = ("Help for ", "day, ", "month, ", "year, ", "Remove ")
STREAMLIT_NAME_ENDS = (" — start", " — end")
NAMES = """() => [...document.querySelectorAll('[aria-label], [title], [data-title], '
  + '[placeholder]')].flatMap((e) => ['aria-label', 'title', 'data-title', 'placeholder']
  .map((a) => e.getAttribute(a)).filter(Boolean))"""
MIN_FRAGMENT = 14  # shorter English fragments ("Plan", "Total") may be French too


def app_english() -> set[str]:
    """The app's English texts that never occur in French: every English catalogue text
    that differs from its French one, cut at its placeholders and line breaks."""
    french = "\n".join(CATALOG.values())
    fragments: set[str] = set()
    for key, fr in CATALOG.items():
        en = t(key, "en")
        if fr == en:
            continue
        for part in re.split(r"\{[^}]*\}|\n|\*\*", en):
            part = part.strip(" .,:;()«»\"'—-")
            if len(part) >= MIN_FRAGMENT and part not in french:
                fragments.add(part)
    return fragments


ENGLISH = sorted({*STREAMLIT_ENGLISH, *app_english()}, key=len, reverse=True)

VISIBLE_TEXT = """() => {
  const root = document.querySelector('[data-testid=stApp]').cloneNode(true);
  root.querySelectorAll('[data-testid=stIconMaterial], [data-testid=stDataFrame], '
    + '.js-plotly-plot, style, script').forEach((e) => e.remove());
  document.body.appendChild(root);
  root.style.position = 'absolute'; root.style.left = '-100000px';
  const text = root.innerText;
  root.remove();
  return text;
}"""
AXIS_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot .xtick text, '
  + '.js-plotly-plot .ytick text')].map((e) => e.textContent)"""
# The charts drawn as images (the Overview's, `exports.screen_svg`): each SVG read back from
# its data URI, its tick labels and its whole text.
IMAGE_CHARTS = """() => [...document.querySelectorAll('img.pm-chart')].map((image) => {
  const bytes = Uint8Array.from(atob(image.src.split(',')[1]), (c) => c.charCodeAt(0));
  const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
  return {ticks: [...svg.querySelectorAll('.xtick text, .ytick text')].map((e) => e.textContent),
          text: [...svg.querySelectorAll('text')].map((e) => e.textContent).join('\\n')};
})"""


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def english_names(names: list[str]) -> list[str]:
    """The names of controls written in Streamlit's English, or holding the app's English."""
    return sorted(
        {
            name
            for name in names
            if name in STREAMLIT_NAMES
            or name.startswith(STREAMLIT_NAME_STARTS)
            or name.endswith(STREAMLIT_NAME_ENDS)
            or english_in(name)
        }
    )


def badly_written_numbers(texts: list[str]) -> list[str]:
    return [text for text in texts if badly_written(text)]


def test_the_checks_see_what_they_guard() -> None:
    """The lists and patterns themselves: each catches what it is for, and no French."""
    assert english_in("Drag and drop files here") and english_in("Page not found")
    assert not english_in("Glissez-déposez ici • 50 Mo par fichier")
    assert len(ENGLISH) > 200  # the app's English is in the list, not only Streamlit's
    english = ["Help for Situation au", "day, Prochain comité", "Période — start", "Zoom in",
               "Collapse sidebar"]  # fmt: skip
    assert english_names([*english, "Aide : Situation au", "jour, Prochain comité",
                          "Période — début", "Zoom avant", "Zoom"]) == sorted(english)  # fmt: skip
    assert badly_written_numbers(["2897", "0.25", "2021-12-31", "12000 mesures"]) == [
        "2897", "0.25", "2021-12-31", "12000 mesures"
    ]  # fmt: skip
    assert not badly_written_numbers(
        ["2\u202f897", "0,25", "31/12/2021", "2019", "PAN-2024", "https://example.org/2021-10-18"]
    )


DRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .every((c) => c.querySelector('.main-svg'))"""


def _settle(page: Page) -> None:
    """Wait for the page's script to run and end, then for its charts and tables."""
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(300)  # the status widget appears once the script runs
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    page.wait_for_function(DRAWN, timeout=TIMEOUT)
    page.wait_for_timeout(1000)  # the tables' grids draw their cells


@pytest.mark.parametrize("dataset", ["france", "demo"])
def test_every_page_in_french_has_no_english_and_french_numbers(
    page: Page, app_url: str, screenshots: Path, dataset: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 2200})
    problems: dict[str, list[str]] = {}
    seen = {"ticks": 0, "names": 0, "images": 0}
    # The Overview's charts are images by default: its axes are read interactive too.
    paths = [page_.id for page_ in PAGES] + ["overview?charts=interactive"]
    paths += ["measures?measure=A-M07" if dataset == "demo" else ""]
    for path in filter(None, paths):
        query = f"{'&' if '?' in path else '?'}dataset={dataset}&lang=fr&as_of={AS_OF}"
        page.goto(f"{app_url}/{path}{query}")
        _settle(page)
        expect_no_error_alert(page)
        expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found"
        ticks, text = page.evaluate(AXIS_TICKS), page.evaluate(VISIBLE_TEXT)
        for image in page.evaluate(IMAGE_CHARTS):
            ticks += image["ticks"]
            text += "\n" + image["text"]
            seen["images"] += 1
        seen["ticks"] += len(ticks)
        found = english_in(text)
        found += [f"axis: {n!r}" for n in badly_written_numbers(ticks)]
        found += [f"text: {n!r}" for n in badly_written_numbers(text.splitlines())]
        names = page.evaluate(NAMES)
        seen["names"] += len(names)
        found += [f"name: {n!r}" for n in english_names(names)]
        if found:
            problems[path] = found
            page.screenshot(path=screenshots / f"french-{dataset}-{path.split('?')[0]}.png")
    # The checks read something, the Overview's chart images included.
    assert seen["ticks"] > 50 and seen["names"] > 100 and seen["images"] >= 2, seen
    assert not problems, problems


def test_the_uploader_speaks_french(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/upload?dataset=france&lang=fr")
    _settle(page)
    zone = page.get_by_test_id("stFileUploaderDropzone")
    expect(zone).to_be_visible(timeout=TIMEOUT)
    # The French text is drawn by the style sheet (`views/widgets.py`): read it as drawn.
    drawn = zone.evaluate(
        """(zone) => [...zone.querySelectorAll('*')].map(
            (e) => getComputedStyle(e, '::after').content).filter((c) => c && c !== 'none')
            .join(' ')"""
    )
    assert "Choisir" in drawn and "50 Mo par fichier" in drawn, drawn
    assert not english_in(zone.inner_text()), zone.inner_text()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": "application/octet-stream", "buffer": b"x" * 8}]
    )
    _settle(page)
    chip = page.get_by_test_id("stFileChip")
    expect(chip).to_be_visible(timeout=TIMEOUT)
    assert "KB" not in chip.inner_text() and "plan.xlsx" in chip.inner_text()


def test_the_default_page_answers_at_its_own_address(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/{PAGES[0].id}?dataset=france&lang=fr")
    _settle(page)
    expect(page.get_by_role("heading", name="Vue d'ensemble", exact=True)).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
