"""Benchmark of the change log of a measure (`monitoring.analysis.changelog`) on large versions.

    .venv/bin/python bench/changelog_bench.py                  # 10,000 measures
    .venv/bin/python bench/changelog_bench.py --measures 1000 --runs 5

Three versions in memory: the second edits 1 % of the measures' titles and 1 % of the
assessments' comments, the third does it again. Reported (medians): `cold` (the first
opening of a measure's log: the versions read, each pair compared once), `pair` (the cell
review of one pair alone, `changes.cell_changes`, which `cold` runs twice), `warm` (per
measure, once the pairs are kept as the Measures page keeps them: the log picked and
written in French), and `replacement` (one pair in which every row of every sheet
differs: two unrelated synthetic versions). It reports; it never asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitoring.analysis.changelog import change_log, entity_log, reading_steps, step_changes  # noqa: E402
from monitoring.analysis.changes import cell_changes  # noqa: E402
from monitoring.contract.dataset import Dataset  # noqa: E402
from monitoring.devtools.synthetic import synthetic_dataset  # noqa: E402
from monitoring.present.change_tables import change_log_rows  # noqa: E402
from monitoring.storage import NewVersion, StoredFile  # noqa: E402
from monitoring.storage.memory import MemoryStore  # noqa: E402


def _median(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _edited(ds: Dataset, seed: int, share: float = 0.01) -> Dataset:
    """`ds` with `share` of its measure titles and assessment comments rewritten."""
    rng = np.random.default_rng(seed)
    measures, updates = ds.measures.copy(), ds.status_updates.copy()
    rows = rng.choice(len(measures), int(len(measures) * share), replace=False)
    measures.loc[measures.index[rows], "title"] = measures["title"].iloc[rows] + " (modifié)"
    rows = rng.choice(len(updates), int(len(measures) * share), replace=False)
    updates.loc[updates.index[rows], "comment"] = "revu"
    tables = {**ds.tables, "measures": measures, "status_updates": updates}
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=ds.name)


def changelog_timings(n_measures: int = 10_000, runs: int = 3) -> dict[str, float]:
    """Seconds (medians of `runs`): `cold`, `pair`, `warm` (per measure), `replacement`."""
    first = synthetic_dataset(n_measures, seed=1)
    second = _edited(first, 2)
    versions = (first, second, _edited(second, 3))
    store = MemoryStore()
    for i, ds in enumerate(versions):
        store.save(NewVersion("bench", ds, (StoredFile("b.xlsx", bytes([i])),), "bench", ""))
    shown = versions[-1].measures["measure_id"].iloc[0]
    timings = {"cold": _median(lambda: change_log(store, "bench", measure_id=shown), runs)}
    timings["pair"] = _median(lambda: cell_changes(first, second), runs)
    infos = store.versions("bench")
    walk = reading_steps(store, "bench")
    steps = [walk(a, b) for a, b in pairwise(infos)]
    ids = versions[-1].measures["measure_id"].iloc[:200].tolist()
    start = time.perf_counter()
    for measure_id in ids:
        change_log_rows(entity_log(infos, steps, measure_id=measure_id), "fr")
    timings["warm"] = (time.perf_counter() - start) / len(ids)
    other = synthetic_dataset(n_measures, seed=2)
    timings["replacement"] = _median(lambda: step_changes(first, other), 1)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    t = changelog_timings(args.measures, args.runs)
    print(
        f"change log, {args.measures} measures, 3 versions: first opening {t['cold']:.2f} s "
        f"(one pair's cell review {t['pair']:.2f} s), each other measure "
        f"{t['warm'] * 1000:.1f} ms; a pair where every row differs {t['replacement']:.2f} s"
    )
    print(json.dumps({"measures": args.measures, **t}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
