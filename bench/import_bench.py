"""Benchmark of the update cycle: storing a version, and the change review between two.

    .venv/bin/python bench/import_bench.py                  # SQLite (temporary file)
    PLAN_MONITORING_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/import_bench.py              # SQLite and PostgreSQL

`import_timings(url, n)` and `review_timings(n)` are the functions `bench/run.py` can
call. They report; they never assert (targets at 10,000 measures: store < 3 s; the change
review of two versions that differ in 1 % of their cells < 1 s, beside the time to read
one version from its workbook, measured in the same run). PostgreSQL runs in a throw-away
schema, dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitoring.analysis.changes import Changes, cell_changes, compare  # noqa: E402
from monitoring.analysis.review_flags import flag_changes  # noqa: E402
from monitoring.contract.dataset import Dataset  # noqa: E402
from monitoring.devtools.synthetic import (  # noqa: E402
    as_of_date,
    edited_dataset,
    synthetic_dataset,
    synthetic_workbook,
)
from monitoring.intake.loading import load_bytes  # noqa: E402
from monitoring.intake.reading import Upload  # noqa: E402
from monitoring.present.change_tables import change_sections, changed_cells  # noqa: E402
from monitoring.present.workbook import write_workbook  # noqa: E402
from monitoring.services.importing import import_upload  # noqa: E402
from monitoring.storage import NewVersion, StoredFile  # noqa: E402
from monitoring.storage.access import local_actor  # noqa: E402
from monitoring.storage.sql import SqlStore  # noqa: E402

TARGET_STORE_S = 3.0
TARGET_REVIEW_S = 1.0
EDITED_SHARE = 0.01  # the review target's versions differ in 1 % of their cells
BENCH = local_actor("bench")  # the bench imports as the local admin, as the CLI does


def _median(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _medians(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `runs` calls: on a shared machine the two part
    ways, and the CPU time says whether the code or the machine changed."""
    wall, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return statistics.median(wall), statistics.median(cpu)


@contextmanager
def _database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite"
        return
    import sqlalchemy as sa

    base = os.environ["PLAN_MONITORING_TEST_DATABASE_URL"]
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def update_review(old: Dataset, new: Dataset, as_of: dt.date) -> Changes:
    """The change review as the Update page computes it before confirming.

    The cell review once, the flags computed from it (history rewritten, with the
    figures it changes at past dates; replacement: `review_flags.flag_changes`, as
    `importing.prepare_import` does), `compare` reusing those cells, then everything
    `views.review.show_changes` renders in French: the counts, the tables of each section
    and every cell change in the coordinator's words.
    """
    cells = cell_changes(old, new)
    flag_changes(old, new, cells, previous_date=as_of)
    changes = compare(old, new, as_of, cells=cells)
    if not changes.is_empty:
        changes.counts()
        change_sections(changes, "fr")
        changed_cells(changes, "fr")
    return changes


def review_timings(n_measures: int = 10_000, runs: int = 3, seed: int = 1) -> dict[str, float]:
    """Time the change review of two versions that differ in `EDITED_SHARE` of their cells.

    Returns:
        Seconds (medians of `runs`): `read` (read and validate one version from its .xlsx
        workbook, the baseline), `review` (`update_review` of the version and its edited
        copy), each also as CPU time (`read_cpu`, `review_cpu`); and `cells_edited`,
        `cell_changes` (how many cells were edited, and how many the review names).
    """
    base = synthetic_dataset(n_measures, seed=seed)
    edited, count = edited_dataset(base, EDITED_SHARE, seed=seed)
    workbook = write_workbook(base, lang="fr")
    as_of = as_of_date()
    assert load_bytes("bench.xlsx", workbook).dataset is not None
    changes = update_review(base, edited, as_of)
    read, read_cpu = _medians(lambda: load_bytes("bench.xlsx", workbook), runs)
    review, review_cpu = _medians(lambda: update_review(base, edited, as_of), runs)
    return {
        "read": read,
        "read_cpu": read_cpu,
        "review": review,
        "review_cpu": review_cpu,
        "cells_edited": count,
        "cell_changes": len(changes.cells),
    }


def import_timings(url: str, n_measures: int = 10_000, runs: int = 3) -> dict[str, float]:
    """Time the update cycle on the store at `url` with `n_measures`-measure versions.

    Returns:
        Seconds (medians of `runs`): `store` (save a parsed version: encode, one write
        transaction, commit), `read` (read a version back), `review` (change review between
        two versions), `import_upload` (the whole service on the .xlsx bytes: read,
        validate, store).
    """
    first, second = synthetic_dataset(n_measures, seed=1), synthetic_dataset(n_measures, seed=2)
    workbook = synthetic_workbook(n_measures, seed=3)
    store = SqlStore(url)
    counter = iter(range(1_000_000))

    def save() -> None:
        dataset = first if next(counter) % 2 else second  # never identical to the current
        new = NewVersion("bench", dataset, (StoredFile("bench.xlsx", workbook),), "bench", "")
        assert store.save(new).created

    try:
        timings = {"store": _median(save, runs)}
        number = store.current("bench").number  # type: ignore[union-attr]
        timings["read"] = _median(lambda: store.read_dataset("bench", number), runs)
        timings["compare_unrelated"] = _median(lambda: compare(first, second, as_of_date()), runs)

        def full_import() -> None:
            key = f"bench-{next(counter)}"
            result = import_upload(
                store, key, [Upload("b.xlsx", workbook)], actor=BENCH, author="b", note=""
            )
            assert result.status == "stored", result.message("en")

        timings["import_upload"] = _median(full_import, runs)
    finally:
        store.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--review-only", action="store_true", help="time the change review only (no store)"
    )
    args = parser.parse_args()
    kinds = ["sqlite"]
    if os.environ.get("PLAN_MONITORING_TEST_DATABASE_URL"):
        kinds.append("postgresql")
    review = review_timings(args.measures, args.runs)
    met = "met" if review["review"] < TARGET_REVIEW_S else "NOT met"
    print(
        f"change review of two {args.measures:,}-measure versions, "
        f"{EDITED_SHARE:.0%} of cells edited ({review['cells_edited']:,.0f} cells, "
        f"{review['cell_changes']:,.0f} named): {review['review']:.2f} s, CPU "
        f"{review['review_cpu']:.2f} s (target < {TARGET_REVIEW_S:.0f} s: **{met}**); reading "
        f"one version from its workbook: {review['read']:.2f} s, CPU {review['read_cpu']:.2f} s "
        f"(review / read: {review['review'] / review['read']:.2f})"
    )
    report: dict[str, Any] = {"review": review}
    for kind in [] if args.review_only else kinds:
        with _database(kind) as url:
            report[kind] = import_timings(url, args.measures, args.runs)
        t = report[kind]
        print(
            f"{kind:>10}: store {t['store']:.2f} s (target < {TARGET_STORE_S:.0f} s), "
            f"compare of two unrelated versions {t['compare_unrelated']:.2f} s, "
            f"read {t['read']:.2f} s, whole import of the .xlsx {t['import_upload']:.2f} s"
        )
    print(json.dumps({"measures": args.measures, **report}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
