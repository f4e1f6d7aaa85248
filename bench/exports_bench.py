"""Benchmark section "exports": a warm PNG export, and the dossier of each shipped dataset.

Images are rendered by kaleido driving Debian's Chromium, kept warm as the app keeps it
(`monitoring.present.exports.start_renderer`): the renderer's start (about 2-3 s, once per
process) is reported apart and not counted in the timings. The PNG is the Overview's
"status by plan" chart of the French dataset, exported as a download button does
(stamped, 1400 px × 2); the dossier is `monitoring.present.dossier.build` (every chart as PNG and
SVG, the workbook, the PDF report, the ZIP). Targets (issue "Reports"): PNG under 0.5 s,
the French dossier under 15 s. First, without Chromium: the workbook export of a synthetic
dataset (`--measures`) as .xlsx (`write_workbook`) and the .ods step after it
(`ods.from_xlsx`: read the .xlsx back, translate; each part timed), in the
same run; target: the .ods step within `ODS_TARGET_RATIO` times the .xlsx writing.

    .venv/bin/python bench/exports_bench.py               # PNG median of 5, each dossier once
    .venv/bin/python bench/exports_bench.py --dossier-runs 3
    .venv/bin/python bench/exports_bench.py --measures 2000 --workbook-runs 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PNG_TARGET_S = 0.5
DOSSIER_TARGET_S = 15.0
AS_OF = dt.date(2025, 6, 1)
ODS_TARGET_RATIO = 2.0  # the .ods step / the .xlsx writing


def _median(run: Callable[[], object], times: int) -> float:
    timings = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def workbook_timings(n_measures: int, runs: int) -> None:
    """Print the .xlsx export of a synthetic dataset and the .ods step after it."""
    from monitoring.devtools.synthetic import synthetic_dataset
    from monitoring.present import ods
    from monitoring.present.workbook import write_workbook

    dataset = synthetic_dataset(n_measures)
    written: list[bytes] = []
    xlsx = _median(lambda: written.append(write_workbook(dataset, "fr")), runs)
    read = _median(lambda: ods.read_xlsx(written[-1]), runs)
    book = ods.read_xlsx(written[-1])
    translate = _median(lambda: ods.from_book(book), runs)
    ods_step, ratio = read + translate, (read + translate) / xlsx
    met = "yes" if ratio <= ODS_TARGET_RATIO else "**no**"
    print(f"## Workbook export, {n_measures:,} synthetic measures (median of {runs})")
    print("| What | Seconds | Target | Met |")
    print("|---|---:|---:|:---:|")
    print(f"| .xlsx (`write_workbook`) | {xlsx:.2f} | — | — |")
    print(
        f"| .ods step (`ods.from_xlsx`) | {ods_step:.2f} "
        f"| ≤ {ODS_TARGET_RATIO:g} × .xlsx ({ratio:.1f} ×) | {met} |"
    )
    print(f"| … the .xlsx read back (`ods.read_xlsx`) | {read:.2f} | — | — |")
    print(f"| … the translation (`ods.from_book`) | {translate:.2f} | — | — |")
    print(f"| .ods in all (.xlsx, then the .ods step) | {xlsx + ods_step:.2f} | — | — |")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--png-runs", type=int, default=5)
    parser.add_argument("--dossier-runs", type=int, default=1)
    parser.add_argument("--measures", type=int, default=10_000, help="of the workbook export")
    parser.add_argument("--workbook-runs", type=int, default=3)
    args = parser.parse_args()
    workbook_timings(args.measures, args.workbook_runs)

    from monitoring.config import shipped
    from monitoring.intake.loading import load_shipped
    from monitoring.present import dossier, exports
    from monitoring.present.sections import Selection

    if not exports.chromium_available():
        print("## Exports\n\nSkipped: Debian's Chromium is not installed (`make browser-deps`).")
        return 0
    start = time.perf_counter()
    exports.start_renderer()
    france = load_shipped("france")
    (chart,) = dossier.charts(Selection(france, AS_OF, "fr"), only=["status-by-plan"])
    stamp = exports.Stamp(chart.image_title, None, AS_OF, "France", "1", "bench", "fr")
    exports.figure_bytes(chart.figure, "png", stamp)  # the first image starts Chromium
    cold = time.perf_counter() - start
    png = _median(lambda: exports.figure_bytes(chart.figure, "png", stamp), args.png_runs)

    rows = [(f"PNG export, warm (median of {args.png_runs})", png, PNG_TARGET_S)]
    pages = {}
    for key in (d.key for d in shipped.DATASETS):
        ds = load_shipped(key)
        built: list[dossier.Dossier] = []

        def build(ds=ds, key=key, built=built) -> None:
            built.append(
                dossier.build(
                    ds, dataset_label=shipped.dataset_label(key, "fr"), version="1", as_of=AS_OF,
                    lang="fr", dataset_key=key,
                )
            )  # fmt: skip

        seconds = _median(build, args.dossier_runs)
        pages[key] = (built[-1].charts, built[-1].tables, built[-1].pdf_pages, len(built[-1].data))
        target = DOSSIER_TARGET_S if key == "france" else None
        rows.append((f"Dossier « {key} » (median of {args.dossier_runs})", seconds, target))

    print(f"## Exports (renderer start and first image: {cold:.1f} s, not counted)")
    print("| What | Seconds | Target | Met |")
    print("|---|---:|---:|:---:|")
    for what, seconds, target in rows:
        met = "—" if target is None else ("yes" if seconds < target else "**no**")
        limit = "—" if target is None else f"< {target:g} s"
        print(f"| {what} | {seconds:.2f} | {limit} | {met} |")
    print()
    for key, (charts, tables, pdf_pages, size) in pages.items():
        print(
            f"- {key}: {charts} charts (PNG + SVG), {tables} sheets, PDF of {pdf_pages} pages, "
            f"ZIP {size / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
