"""Benchmark of the parse isolation (issue 12): start cost, and the server's memory per upload.

    .venv/bin/python bench/hostile_bench.py            # every case (a few minutes)
    .venv/bin/python bench/hostile_bench.py --quick    # without the 50,000-measure workbook

Two tables. First, what starting a parse child costs, `forkserver` (the choice of
`monitoring.intake.isolation`) against `spawn`. Second, for uploads of at most the size limit,
hostile and legal, how much the *server* process grows while one is loaded
(`monitoring.intake.loading.load_upload`: read in the limited child, then validated in the
server): each case runs in a fresh process, and the growth is its peak RSS after the load
minus its peak RSS before (both `VmHWM`). The child's own memory is bounded by
`Limits.parse_memory_bytes`, printed with the table. Budget: the server grows by at most
`BUDGET_MB` for any upload; the script reports each case against it and never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitoring.config.settings import Limits  # noqa: E402
from tests import hostile  # noqa: E402

BUDGET_MB = 1024  # the server's growth allowed for one upload (README, issue 12)
MB = 1024 * 1024

_DRIVER = """
import json, sys, time
from pathlib import Path
from monitoring.intake.loading import load_upload
from monitoring.intake.reading import Upload
import monitoring.intake.isolation as isolation
isolation.warm_up()  # the app starts it with the store; not part of an upload's cost
def peak_kb():
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a process started by a
    # big parent would report the parent's peak; VmHWM belongs to this program's memory.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
files = [Upload(Path(p).name, Path(p).read_bytes()) for p in sys.argv[1:]]
before = peak_kb()
start = time.perf_counter()
result = load_upload(files)
seconds = time.perf_counter() - start
after = peak_kb()
keys = sorted({i.key for i in result.report.errors})
print(json.dumps({"seconds": seconds, "growth_mb": (after - before) / 1024,
                  "before_mb": before / 1024, "after_mb": after / 1024,
                  "ok": result.ok, "keys": keys}))
"""


def _cases(folder: Path, quick: bool) -> list[tuple[str, list[Path]]]:
    """The uploads measured: name → files written in `folder`."""

    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    cases = [
        ("issue 12: `id` and `r:id` (XFD1048576)", [write("ids.xlsx", hostile.two_ids_workbook())]),
        ("cell reference across the old 9 MiB seam", [write("seam.xlsx", hostile.seam_workbook())]),
        (
            "legal-looking cell at CV300001 (1 GB range)",
            [write("far.xlsx", hostile.raw_workbook({"M": hostile.far_cell_sheet("CV300001")}))],
        ),
        (
            ".ods, 1,000,000 rows repeated, single quotes",
            [write("rep.ods", hostile.ods_repeated(1_000_000, 100, quote="'"))],
        ),
        (
            "zip of two CSV files, 2 x 24 MB unpacked",
            [
                write(
                    "two.zip",
                    hostile.make_zip(
                        [
                            ("a.csv", hostile.csv_text(24 * MB)),
                            ("b.csv", hostile.csv_text(24 * MB, 4)),
                        ]
                    ),
                )
            ],
        ),
        (
            "three CSV files of 16 MB, 100 one-letter columns",
            [write(f"{n}.csv", _wide_csv(16 * MB, "x")) for n in "abc"],
        ),
        (
            "one CSV file of 6.5 million distinct cells (read, then refused by validation)",
            [write("cells.csv", _wide_csv(6_500_000, "distinct"))],
        ),
    ]
    if not quick:
        from monitoring.devtools.synthetic import synthetic_workbook

        cases.append(
            ("legal: 50,000 measures (accepted)", [write("s50k.xlsx", synthetic_workbook(50_000))])
        )
    return cases


def _wide_csv(size_or_cells: int, kind: str) -> bytes:
    """100-column CSV text: `x` cells up to `size` bytes, or that many distinct cells."""
    header = ",".join(f"C{j}" for j in range(100)).encode()
    if kind == "x":
        row = b",".join([b"x"] * 100)
        return header + b"\n" + b"\n".join([row] * (size_or_cells // (len(row) + 1))) + b"\n"
    rows = size_or_cells // 100
    lines = (",".join(f"{i:x}{j}" for j in range(100)) for i in range(rows))
    return header + b"\n" + "\n".join(lines).encode() + b"\n"


def _measure(files: list[Path]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _DRIVER, *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _import_reader() -> None:
    """What a spawned child must do before parsing: import the readers."""
    import monitoring.intake.reading  # noqa: F401


def _start_costs(runs: int = 10) -> dict[str, float]:
    """Seconds to start a child and get an answer: forkserver (first, then median), spawn."""
    import multiprocessing

    from monitoring.intake.isolation import run_limited

    limits = Limits()
    started = time.perf_counter()
    run_limited(len, b"", limits=limits)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run_limited(len, b"", limits=limits)
        times.append(time.perf_counter() - started)
    spawn = multiprocessing.get_context("spawn")
    spawned = []
    for _ in range(3):
        started = time.perf_counter()
        with spawn.Pool(1) as pool:
            pool.apply(_import_reader)
        spawned.append(time.perf_counter() - started)
    return {
        "forkserver_first": first,
        "forkserver": statistics.median(times),
        "spawn": statistics.median(spawned),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-measure workbook")
    args = parser.parse_args(argv)
    costs = _start_costs()
    print("## Parse child start (monitoring.intake.isolation)\n")
    print(
        f"forkserver: {costs['forkserver_first']:.2f} s for the first child (the fork server "
        f"starts), then {costs['forkserver'] * 1000:.0f} ms per child (median of 10); "
        f"spawn: {costs['spawn']:.2f} s per child (median of 3).\n"
    )
    limits = Limits()
    print(
        f"## Server growth per upload (limit {limits.max_file_bytes // MB} MB per upload; "
        f"child address space {limits.parse_memory_bytes // MB} MB; budget {BUDGET_MB} MB)\n"
    )
    print("| Upload | Size | Outcome | Seconds | Server peak before → after (MB) | Growth (MB) |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for name, files in _cases(Path(folder), args.quick):
            size = sum(f.stat().st_size for f in files)
            found = _measure(files)
            growth = float(found["growth_mb"])  # type: ignore[arg-type]
            worst = max(worst, growth)
            outcome = "accepted" if found["ok"] else "refused: " + ", ".join(found["keys"])  # type: ignore[arg-type]
            print(
                f"| {name} | {size / MB:.2f} MB | {outcome} | {found['seconds']:.1f} | "
                f"{found['before_mb']:.0f} → {found['after_mb']:.0f} | {growth:.0f}"
                f"{'' if growth <= BUDGET_MB else ' (over budget)'} |"
            )
    print(f"\nWorst server growth: {worst:.0f} MB (budget {BUDGET_MB} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
