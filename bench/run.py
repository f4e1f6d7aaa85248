"""Benchmark: how fast, and in how much memory, the project handles workbooks of growing size.

    .venv/bin/python bench/run.py                   # 1,000, 10,000 and 50,000 measures
    .venv/bin/python bench/run.py --sizes 1000,10000   # a quick run

Synthetic workbooks (`monitoring.devtools.synthetic`) are generated once into `.bench-cache/`
(git-ignored); the file name carries a hash of the code that writes them, so a change to
the generator, the writer or the contract regenerates them. Every timed run happens in a
fresh subprocess, so imports are not shared between runs and each run's peak memory is
its own (the child reports its `VmHWM`, not `ru_maxrss`, which Linux carries over from the
parent). Timings are medians.

The benchmark reports; it never fails (exit status 0): tests assert behaviour, not
timings, which vary with the machine. Sections are listed in `SECTIONS`; later sections
(pages, import, exports) are added there.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CACHE = ROOT / ".bench-cache"
DEFAULT_SIZES = (1_000, 10_000, 50_000)
RUNS = 3
# openpyxl takes tens of seconds on the largest file: beyond this size it runs once.
OPENPYXL_REPEAT_UP_TO = 10_000
CHILD_TIMEOUT_S = 1_800
# The code a cached workbook depends on: any change to it regenerates the cache.
GENERATOR_SOURCES = (
    "monitoring/devtools/synthetic.py",
    "monitoring/present/workbook.py",
    "monitoring/contract/schema.py",
)

# Targets (issue "make bench"): speed at 10,000 measures, memory at 50,000, linearity.
TARGET_SIZE = 10_000
TARGET_SECONDS = 1.5
TARGET_SPEEDUP = 4.0
MEMORY_SIZE = 50_000
MEMORY_LIMIT_MB = 500.0
LINEAR_SMALL, LINEAR_LARGE = 1_000, 50_000
# Time per measure at 50,000 may be at most this multiple of the one at 1,000.
LINEAR_TOLERANCE = 1.5


# --- Child side: one timed task in a fresh interpreter ----------------------------------


def _child(task: str, path: Path) -> None:
    """Run one task on one workbook and print {"seconds", "cpu_seconds", "peak_mb", "ok"}.

    CPU time is reported beside the wall-clock time the targets use: on a shared machine
    the two part ways, and the CPU time says whether the code or the machine changed.
    """
    import pandas as pd

    from monitoring.analysis.metrics import plan_summaries
    from monitoring.devtools.synthetic import as_of_date
    from monitoring.intake.loading import load_bytes

    data = path.read_bytes()  # disk speed is not what is measured
    ok = True
    cpu_start = time.process_time()
    start = time.perf_counter()
    if task == "project":
        result = load_bytes(path.name, data)
        ok = result.dataset is not None
        if result.dataset is not None:
            plan_summaries(result.dataset, as_of_date())
    elif task == "openpyxl":
        pd.read_excel(path, engine="openpyxl", sheet_name=None)
    else:
        raise SystemExit(f"unknown task {task!r}")
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak_kb = _peak_kb()
    print(
        json.dumps(
            {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak_kb / 1024, "ok": ok}
        )
    )


def _peak_kb() -> float:
    """This process's own peak resident memory, in kilobytes.

    Linux keeps `ru_maxrss` across `execve`: a child started by a parent holding 1 GB (the
    parent that has just generated the 50,000-measure workbook) would report the parent's
    peak. `VmHWM` belongs to the child's own address space, which `execve` starts afresh.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kilobytes on Linux


# --- Parent side ----------------------------------------------------------------------


@dataclass
class Measurement:
    """The median of several runs of one task on one file, or why it failed."""

    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_mb: float | None = None
    error: str | None = None


@dataclass
class Target:
    name: str
    met: bool | None  # None: not measured in this run
    detail: str


@dataclass
class SectionResult:
    lines: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    run: Callable[[argparse.Namespace], SectionResult]


def _run_child(task: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", task, str(path)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{task} child exited with {done.returncode}: {tail}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise RuntimeError(f"{task}: the workbook did not load (see monitoring.intake.loading)")
    return result


def measure(task: str, path: Path, runs: int) -> Measurement:
    """Run `task` on `path` in `runs` fresh subprocesses; return the medians."""
    try:
        results = [_run_child(task, path) for _ in range(runs)]
    except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
        return Measurement(error=str(error))
    return Measurement(
        seconds=statistics.median(r["seconds"] for r in results),
        cpu_seconds=statistics.median(r["cpu_seconds"] for r in results),
        peak_mb=statistics.median(r["peak_mb"] for r in results),
    )


def _generator_hash() -> str:
    digest = hashlib.sha256()
    for name in GENERATOR_SOURCES:
        source = ROOT / name
        digest.update(source.read_bytes() if source.exists() else b"")
    return digest.hexdigest()[:10]


def cached_workbook(n_measures: int, rebuild: bool = False) -> Path:
    """Return the cached synthetic workbook of `n_measures`, generating it if needed."""
    from monitoring.devtools.synthetic import synthetic_workbook

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"synthetic-{n_measures}-seed0-{_generator_hash()}.xlsx"
    if path.exists() and not rebuild:
        return path
    for stale in CACHE.glob(f"synthetic-{n_measures}-seed0-*.xlsx"):
        stale.unlink()
    start = time.perf_counter()
    data = synthetic_workbook(n_measures, seed=0)
    partial = path.with_suffix(".tmp")
    partial.write_bytes(data)
    partial.replace(path)  # never leave a half-written file under the final name
    seconds = time.perf_counter() - start
    print(f"  generated {path.name} ({_mb(len(data))}) in {seconds:.1f} s", file=sys.stderr)
    return path


def _mb(size: float) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "n/a" if value is None else pattern.format(value)


# --- Section: load + validate + summary, against a plain openpyxl read ------------------


def _load_section(args: argparse.Namespace) -> SectionResult:
    out = SectionResult()
    out.lines += [
        f"Project: `load_bytes` then `plan_summaries` (median of {args.runs} fresh runs). "
        f"openpyxl: `pandas.read_excel(engine='openpyxl', sheet_name=None)` (median of "
        f"{args.runs} up to {OPENPYXL_REPEAT_UP_TO:,} measures, once above).",
        "",
        "| Measures | File size | Project (s) | Project CPU (s) | openpyxl (s) "
        "| Ratio (openpyxl / project) | Project peak (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    project: dict[int, Measurement] = {}
    openpyxl: dict[int, Measurement] = {}
    errors: list[str] = []
    for n in args.sizes:
        print(f"- {n:,} measures", file=sys.stderr)
        path = cached_workbook(n, rebuild=args.rebuild)
        project[n] = measure("project", path, args.runs)
        openpyxl[n] = measure("openpyxl", path, args.runs if n <= OPENPYXL_REPEAT_UP_TO else 1)
        p, o = project[n], openpyxl[n]
        ratio = o.seconds / p.seconds if p.seconds and o.seconds else None
        out.lines.append(
            f"| {n:,} | {_mb(path.stat().st_size)} | {_fmt(p.seconds)} | {_fmt(p.cpu_seconds)} "
            f"| {_fmt(o.seconds)} "
            f"| {_fmt(ratio, '{:.1f}×')} | {_fmt(p.peak_mb, '{:.0f}')} |"
        )
        errors += [f"{n:,} measures: {m.error}" for m in (p, o) if m.error]
    if errors:
        out.lines += ["", *[f"- error: {e}" for e in errors]]
    out.targets = _load_targets(project, openpyxl)
    return out


def _load_targets(
    project: dict[int, Measurement], openpyxl: dict[int, Measurement]
) -> list[Target]:
    targets: list[Target] = []
    p, o = project.get(TARGET_SIZE), openpyxl.get(TARGET_SIZE)
    seconds = p.seconds if p else None
    targets.append(
        Target(
            f"{TARGET_SIZE:,} measures in under {TARGET_SECONDS} s",
            None if seconds is None else seconds < TARGET_SECONDS,
            f"{_fmt(seconds)} s",
        )
    )
    ratio = o.seconds / seconds if seconds and o and o.seconds else None
    targets.append(
        Target(
            f"{TARGET_SIZE:,} measures at least {TARGET_SPEEDUP:.0f}× faster than openpyxl",
            None if ratio is None else ratio >= TARGET_SPEEDUP,
            f"{_fmt(ratio, '{:.1f}×')}",
        )
    )
    big = project.get(MEMORY_SIZE)
    peak = big.peak_mb if big else None
    targets.append(
        Target(
            f"peak memory under {MEMORY_LIMIT_MB:.0f} MB at {MEMORY_SIZE:,} measures",
            None if peak is None else peak < MEMORY_LIMIT_MB,
            f"{_fmt(peak, '{:.0f}')} MB",
        )
    )
    small, large = project.get(LINEAR_SMALL), project.get(LINEAR_LARGE)
    growth = None
    if small and large and small.seconds and large.seconds:
        growth = (large.seconds / LINEAR_LARGE) / (small.seconds / LINEAR_SMALL)
    targets.append(
        Target(
            f"time grows about linearly (time per measure at {LINEAR_LARGE:,} ≤ "
            f"{LINEAR_TOLERANCE}× the one at {LINEAR_SMALL:,})",
            None if growth is None else growth <= LINEAR_TOLERANCE,
            f"{_fmt(growth)}×",
        )
    )
    return targets


SECTIONS: list[Section] = [
    Section("load", "Load, validate and summarise a workbook", _load_section),
]


# --- Report ---------------------------------------------------------------------------


def _environment() -> str:
    versions = []
    for package in ("pandas", "numpy", "openpyxl", "python-calamine", "xlsxwriter"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    cpus = os.cpu_count()
    return f"Python {platform.python_version()}, {platform.machine()}, {cpus} CPUs, " + ", ".join(
        versions
    )


def _print_targets(targets: Sequence[Target]) -> None:
    print("\nTargets:\n")
    for target in targets:
        mark = {True: "met", False: "NOT met", None: "not measured"}[target.met]
        print(f"- {target.name}: {target.detail}: **{mark}**")


def _parse_sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_parse_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated numbers of measures (default: 1000,10000,50000)",
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per timing (median)")
    parser.add_argument(
        "--sections",
        default=",".join(s.name for s in SECTIONS),
        help="comma-separated sections to run (default: all)",
    )
    parser.add_argument("--rebuild", action="store_true", help="regenerate cached workbooks")
    parser.add_argument("--child", nargs=2, metavar=("TASK", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)  # fmt: skip

    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return 0

    wanted = {name.strip() for name in args.sections.split(",")}
    print("# Benchmark\n")
    print(f"{_environment()}\n")
    for section in SECTIONS:
        if section.name not in wanted:
            continue
        print(f"## {section.title}\n")
        try:
            result = section.run(args)
        except Exception:  # a broken section is reported, and the others still run
            print(f"```\n{traceback.format_exc()}```")
            continue
        print("\n".join(result.lines))
        _print_targets(result.targets)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
