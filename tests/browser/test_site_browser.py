"""The public static site in a real browser: served by a plain static server (Python's
`http.server` on 127.0.0.1), every page of both languages opens, its plotly charts are
drawn, no script fails, and no request goes to any other host; axe-core (from the npm
registry, installed by `.ci/node-deps`) finds no accessibility violation, and the
keyboard reaches the content first."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from monitoring.config import shipped
from monitoring.intake.loading import load_shipped
from monitoring.present.site import write_site

AS_OF = dt.date(2025, 6, 1)
HOST = "127.0.0.1"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The rules axe-core runs: WCAG 2.1 levels A and AA, and its best practices (headings in
# order, landmarks, one main…).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact,
    where: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module", params=["france", "demo"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[str]]]:
    """The site of a shipped dataset, served; its address and its pages (relative)."""
    key = request.param
    ds = load_shipped(key)
    out = tmp_path_factory.mktemp(f"site-{key}")
    files = write_site(
        ds, dataset_label={lang: shipped.dataset_label(key, lang) for lang in ("fr", "en")},
        dataset_key=key, version=2, content_hash=ds.content_hash(), as_of=AS_OF, out_dir=out,
    )  # fmt: skip
    pages = [p.relative_to(out).as_posix() for p in files if p.suffix == ".html"]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", HOST, "--directory", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{HOST}:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("the static server did not start")
            time.sleep(0.1)
    try:
        yield url, pages
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_page_draws_its_charts_and_loads_nothing_from_elsewhere(
    page: Page, served: tuple[str, list[str]]
) -> None:
    url, pages = served
    requested: list[str] = []
    errors: list[str] = []

    def note(request: Request) -> None:
        requested.append(request.url)

    page.on("request", note)
    page.on("pageerror", lambda error: errors.append(str(error)))
    assert {"fr/index.html", "en/index.html", "fr/method.html", "en/method.html"} <= set(pages)
    drawn = 0
    for address in pages:
        response = page.goto(url + address)
        assert response is not None and response.ok, address
        plots = page.locator(".plotly-graph-div")
        count = plots.count()
        if count:
            # Each chart drawn by plotly.js (its SVG), from the site's own copy.
            expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
            expect(page.locator(".js-plotly-plot")).to_have_count(count)
            for index in range(count):
                expect(plots.nth(index).locator(".main-svg").first).to_be_attached()
            drawn += count
        expect(page.locator("main h1")).to_be_visible()
    assert drawn >= 6, "the Overview's charts in both languages at least"
    assert not errors, errors
    elsewhere = sorted({u for u in requested if urllib.parse.urlsplit(u).hostname != HOST})
    assert not elsewhere, elsewhere
    assert any(u.endswith("/assets/plotly.min.js") for u in requested)
    # The language switch leads to the same page in the other language.
    page.goto(url + "fr/method.html")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(url + "en/method.html")


def _sampled(pages: list[str]) -> list[str]:
    """Every page but the many of one kind: of those (a page per measure, a chart to
    embed), the first three of each language: they share one layout."""
    many = ("/measures/", "/embed/")
    kept = [p for p in pages if not any(kind in p for kind in many)]
    for kind in many:
        for lang in ("fr/", "en/"):
            kept += [p for p in pages if kind in p and p.startswith(lang)][:3]
    return kept


def test_axe_core_finds_no_accessibility_violation(
    page: Page, served: tuple[str, list[str]]
) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `make system-deps` (.ci/node-deps)"
    url, pages = served
    checked = _sampled(pages)
    assert any("/measures/" in p for p in checked) and any("/embed/" in p for p in checked)
    found = {}
    for address in checked:
        page.goto(url + address)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN, AXE_TAGS)
        if violations:
            found[address] = violations
    assert not found, found


def test_the_keyboard_reaches_the_content_first_and_the_print_leaves_the_navigation(
    page: Page, served: tuple[str, list[str]]
) -> None:
    url, _ = served
    page.goto(url + "fr/delays.html")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Aller au contenu")
    expect(skip).to_be_visible()  # shown when focused, for sighted keyboard users
    page.keyboard.press("Enter")
    expect(page).to_have_url(url + "fr/delays.html#main")
    page.emulate_media(media="print")
    expect(page.locator("header nav")).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
