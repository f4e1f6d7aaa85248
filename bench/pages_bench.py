"""Benchmark section "pages": the server-side script run of each page at N measures.

Each page is run by Streamlit's AppTest (in-process, the same script run a browser
triggers), on a synthetic dataset of N measures that is loaded once and cached like the
shipped ones; after a first run that fills the caches, the page is rerun several times and
the median is reported. Target: under 300 ms per page at 10,000 measures.

    .venv/bin/python bench/pages_bench.py --measures 10000 --reruns 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MS = 300.0


def time_pages(n_measures: int, reruns: int) -> dict[str, float]:
    """Median milliseconds of a cached rerun of each page at `n_measures`."""
    from streamlit.testing.v1 import AppTest

    import views.common as common
    from monitoring.devtools.synthetic import as_of_date, synthetic_dataset
    from monitoring.present.pages import PAGES

    warnings.filterwarnings("ignore")
    # The update and history pages read the version store: a throwaway one, not the user's.
    os.environ.setdefault("PLAN_MONITORING_STATE_DIR", tempfile.mkdtemp(prefix="bench-"))
    os.environ.setdefault("PLAN_MONITORING_NO_RENDERER", "1")
    ds = synthetic_dataset(n_measures)
    digest = ds.content_hash()
    # The seam the sidebar loads datasets through: serve the synthetic one instead.
    common.load_dataset = lambda name, lang: (None, ds, digest)
    medians: dict[str, float] = {}
    for declared in PAGES:
        page = declared.id
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.query_params["as_of"] = as_of_date().isoformat()
        at.run()
        at.switch_page(declared.script).run()  # fills the caches
        if at.exception:
            raise RuntimeError(f"page {page} failed: {at.exception[0].message}")
        timings = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            timings.append((time.perf_counter() - start) * 1000)
        medians[page] = statistics.median(timings)
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args()
    medians = time_pages(args.measures, args.reruns)
    print(f"## Pages: cached rerun at {args.measures:,} measures (median of {args.reruns})")
    print("| Page | Median (ms) | Under 300 ms |")
    print("|---|---:|:---:|")
    for page, ms in medians.items():
        print(f"| {page} | {ms:.0f} | {'yes' if ms < TARGET_MS else '**no**'} |")
    slowest = max(medians, key=medians.__getitem__)
    print(f"\nSlowest page: {slowest} ({medians[slowest]:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
