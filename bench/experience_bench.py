"""Benchmark of what a person waits for (issue 14, item 8): the first page of a new browser
session, fully drawn, and the dossier of the default dataset.

    .venv/bin/python bench/experience_bench.py            # 5 sessions, 3 dossiers
    .venv/bin/python bench/experience_bench.py --sessions 3 --dossiers 1

First page: the app is started (`streamlit run dashboard.py`, a fresh version store seeded
with the shipped datasets) and opened once, as any earlier visitor would have; then each
new browser session (a new context: no cache, no cookie) opens `/`, and is timed from the
navigation's start until the page is fully drawn: its title shown, the script ended (no
status widget), its key figures shown, every chart drawn (each interactive chart holds its
SVG, each chart shown as an image is decoded). The Overview shows its charts as images by
default (`monitoring.present.exports.screen_svg`); the same page with its interactive
charts (`?charts=interactive`) is timed beside it. The very first session of the server
is reported apart: it also pays the server's first loading.

Dossier: in the same browser, the Report page's "build" button is clicked and timed until
its download button shows (what a coordinator waits for); then, for comparison,
`monitoring.present.dossier.build` on the default dataset (France) in this process, the
image renderer already started (as the app starts it when a page with charts is shown).

Publishing: `plan-monitoring publish --out DIR` of the default dataset, the whole process
(a fresh version store, seeded with the shipped datasets, then the site and the package).

Targets: `FIRST_PAGE_TARGET_S` for a new session, `DOSSIER_TARGET_S` for the dossier,
`PUBLISH_TARGET_S` for publishing. The
script reports; it never fails on a target. Wall-clock figures: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST_PAGE_TARGET_S = 2.0
DOSSIER_TARGET_S = 8.0
PUBLISH_TARGET_S = 15.0  # issue 15: the site and the data package of the French dataset
CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")

DRAWN_REPORT = """() => document.querySelector('h1')
  && !document.querySelector('[data-testid=stStatusWidget]')"""
# Fully drawn: the title, the script ended, the key figures shown, and every chart drawn,
# interactive (its plotly SVG) or as an image (decoded). At least one chart: a page
# caught before its charts arrived is not drawn.
DRAWN = """() => document.querySelector('h1')
  && !document.querySelector('[data-testid=stStatusWidget]')
  && document.querySelectorAll('[data-testid=stMetric]').length > 0
  && document.querySelectorAll('[data-testid=stPlotlyChart], img.pm-chart').length > 0
  && [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
     .every((chart) => chart.querySelector('.main-svg'))
  && [...document.querySelectorAll('img.pm-chart')]
     .every((image) => image.complete && image.naturalWidth > 0)"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def browser_timings(
    sessions: int, dossiers: int
) -> tuple[float, list[float], list[float], list[float], list[float]]:
    """Seconds to a fully drawn first page (the server's first session, then each new one;
    each new one with the interactive charts; a returning browser's), and from the Report
    page's button to its download, in a browser."""
    from playwright.sync_api import sync_playwright

    from monitoring.text.i18n import t

    port = _free_port()
    with tempfile.TemporaryDirectory() as state:
        env = {**os.environ, "PLAN_MONITORING_STATE_DIR": state, "PYTHONPATH": str(ROOT)}
        env.pop("PLAN_MONITORING_DATABASE_URL", None)
        command = [
            sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless",
            "true", "--server.port", str(port), "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the app did not start") from None
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                timings = []
                interactive = []
                for run in range(sessions + 1):
                    # The default page, then (not the server's first session) the same page
                    # with its interactive charts, in turns.
                    for address, into in (("/", timings), ("/?charts=interactive", interactive)):
                        if into is interactive and not run:
                            continue
                        context = browser.new_context(viewport={"width": 1400, "height": 1000})
                        page = context.new_page()
                        start = time.perf_counter()
                        page.goto(f"http://127.0.0.1:{port}{address}")
                        page.wait_for_function(DRAWN, timeout=120_000, polling=25)
                        into.append(time.perf_counter() - start)
                        context.close()
                # A returning coordinator: a new session (a new tab) of a browser that has
                # been here before, its cache holding the app's scripts.
                returning = []
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                for run in range(sessions + 1):
                    page = context.new_page()
                    start = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/")
                    page.wait_for_function(DRAWN, timeout=120_000, polling=25)
                    if run:  # the first visit fills the cache
                        returning.append(time.perf_counter() - start)
                    page.close()
                context.close()
                built = []
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                for _ in range(dossiers):
                    page.goto(f"http://127.0.0.1:{port}/report?lang=fr")
                    page.wait_for_function(DRAWN_REPORT, timeout=120_000, polling=25)
                    start = time.perf_counter()
                    page.get_by_role("button", name=t("report.build", "fr")).click()
                    ready = page.get_by_role("button", name=t("report.download", "fr"))
                    ready.wait_for(timeout=300_000)
                    built.append(time.perf_counter() - start)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return timings[0], timings[1:], interactive, returning, built


def dossier_timings(runs: int) -> list[float]:
    """Seconds to build the default dataset's dossier, the renderer already started."""
    from monitoring.config.shipped import DEFAULT_KEY, dataset_label
    from monitoring.intake.loading import load_shipped
    from monitoring.present import dossier, exports

    ds = load_shipped(DEFAULT_KEY)
    exports.start_renderer()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        dossier.build(
            ds, dataset_label=dataset_label(DEFAULT_KEY, "fr"), version="1",
            as_of=dt.date.today(), lang="fr", dataset_key=DEFAULT_KEY,
        )  # fmt: skip
        timings.append(time.perf_counter() - start)
    return timings


def publish_timings(runs: int) -> list[float]:
    """Seconds for `plan-monitoring publish` of the default dataset, the whole process."""
    timings = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as state, tempfile.TemporaryDirectory() as out:
            env = {**os.environ, "PLAN_MONITORING_STATE_DIR": state, "PYTHONPATH": str(ROOT)}
            env.pop("PLAN_MONITORING_DATABASE_URL", None)
            command = [sys.executable, "-m", "monitoring.cli", "publish", "--out", out]
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
            timings.append(time.perf_counter() - start)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--dossiers", type=int, default=3)
    args = parser.parse_args()
    first, warm, interactive, returning, clicked = browser_timings(args.sessions, args.dossiers)
    built = dossier_timings(args.dossiers)
    published = publish_timings(args.dossiers)
    page, click = statistics.median(warm), statistics.median(clicked)
    pack = statistics.median(built)
    print("## What a person waits for (default dataset, wall clock)\n")
    print("| What | Median (s) | All runs (s) | Target (s) | |")
    print("|---|---:|---|---:|---|")
    rows = (
        ("First page of a new browser session, fully drawn", page, warm, FIRST_PAGE_TARGET_S),
        (
            "The same page with its interactive charts (`?charts=interactive`)",
            statistics.median(interactive),
            interactive,
            FIRST_PAGE_TARGET_S,
        ),
        (
            "The first page, a browser that has been here before (its cache)",
            statistics.median(returning),
            returning,
            FIRST_PAGE_TARGET_S,
        ),
        (
            "The dossier, from the Report page's button to its download",
            click,
            clicked,
            DOSSIER_TARGET_S,
        ),
        ("The dossier built in one process, renderer started", pack, built, DOSSIER_TARGET_S),
        (
            "`publish`: the static site and the data package (a fresh store)",
            statistics.median(published),
            published,
            PUBLISH_TARGET_S,
        ),
    )
    for name, median, runs, target in rows:
        verdict = "met" if median < target else "**NOT met**"
        shown = ", ".join(f"{r:.2f}" for r in runs)
        print(f"| {name} | {median:.2f} | {shown} | < {target:g} | {verdict} |")
    print(f"\nThe server's very first session (it also loads the datasets): {first:.2f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
