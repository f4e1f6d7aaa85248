"""Benchmark of the command line, whole process against whole process (issue 13, item 8).

    .venv/bin/python bench/cli_bench.py                  # 10,000 measures, 5 runs
    .venv/bin/python bench/cli_bench.py --runs 3 --measures 1000

Each run starts a fresh interpreter, as a user typing the command does, and is timed from
outside (wall clock, and the CPU time of the process and all its descendants):
`plan-monitoring validate FILE` and `plan-monitoring summary FILE` on the synthetic
workbook (`monitoring.devtools.synthetic`, cached by `bench/run.py` in `.bench-cache/`), beside
two plain reads of the same file, `python -c "pandas.read_excel(FILE, sheet_name=None,
engine=...)"` with openpyxl and with calamine, and `import monitoring.cli` alone, with the
modules' bytecode cached as on a user's machine after its first run. The
tasks take turns within each run, so that a busy moment of a shared machine falls on all
of them; the figures are medians. A second table says where the time of `summary` goes:
its steps in one process (`PHASES`): the command forks the parse child itself, imports
pandas and the validator while the child reads, and validates each sheet as the child
sends it.

Targets, for each of `validate` and `summary`: at least `TARGET_SPEEDUP` times faster
than the openpyxl read, and at most `TARGET_CALAMINE_RATIO` times the calamine read. The
script reports; it never fails on a target.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TARGET_SPEEDUP = 5.0  # openpyxl read / command
TARGET_CALAMINE_RATIO = 1.3  # command / calamine read
OPENPYXL_RUNS = 3  # ~8 s each on a two-core machine: fewer runs (at most this many)
CHILD_TIMEOUT_S = 600
PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>

READ = "import pandas; pandas.read_excel({path!r}, sheet_name=None, engine={engine!r})"
# name → the interpreter's arguments after `python`; {path} is the workbook.
TASKS = {
    "python -c pass": ["-c", "pass"],
    "import monitoring.cli": ["-c", "import monitoring.cli"],
    "validate": ["-m", "monitoring.cli", "validate", "{path}"],
    "summary": ["-m", "monitoring.cli", "summary", "{path}"],
    "read_excel calamine": ["-c", READ.replace("{engine!r}", "'calamine'")],
    "read_excel openpyxl": ["-c", READ.replace("{engine!r}", "'openpyxl'")],
}
COMMANDS = ("validate", "summary")

# The steps of `summary FILE`, timed one by one in a fresh process: wall and CPU seconds
# of this process (the parse child's CPU is not in its column; its wall time is).
PHASES = """
import datetime as dt, importlib, json, os, sys, time
from pathlib import Path
out = {}
def phase(name, fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    out[name] = [time.perf_counter() - wall, time.process_time() - cpu]
    return value
path = Path(sys.argv[1])
phase("import monitoring.cli (the parser)", lambda: importlib.import_module("monitoring.cli"))
loading = phase("import the reader (numpy, calamine)",
                lambda: importlib.import_module("monitoring.intake.loading"))
from monitoring.intake.reading import Upload, read_upload
from monitoring.config.settings import Limits
files = [Upload(path.name, path.read_bytes())]
pending = phase("fork the parse child (this process, single-threaded)",
                lambda: loading.start_load_paths([path], Limits(), direct=True, stream=True))
phase("import pandas, the validator and the figures (while the child reads)",
      lambda: [importlib.import_module(m)
               for m in ("monitoring.intake.validation", "monitoring.analysis.metrics")])
loaded = phase("validate each sheet as the child sends it, until its answer", pending.result)
files_module = importlib.import_module("monitoring.cli.files")
phase("summary figures", lambda: files_module.summary_document(loaded.dataset, dt.date.today()))
phase("(beside) the same read in this process", lambda: read_upload(files))
import pandas
def read_excel():
    return pandas.read_excel(path, sheet_name=None, engine="calamine")
phase("(beside) pandas.read_excel calamine", read_excel)
print(json.dumps(out))
"""


def _workbook(n_measures: int) -> Path:
    """The cached synthetic workbook `bench/run.py` uses (generated once)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    path: Path = module.cached_workbook(n_measures)
    return path


def _adopt_orphans() -> None:
    """Become the child subreaper (Linux): the parse child's fork server, which outlives
    the command by a moment, is then reaped here and its CPU time (and its children's)
    counted with the command's."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the fork server's CPU goes uncounted
        pass


def _reap() -> None:
    """Wait for every descendant left over (the fork server ends when its command has)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _time(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one process; CPU: it and all its descendants (the
    fork server and the parse child included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        argv, env=env, cwd=ROOT, capture_output=True, timeout=CHILD_TIMEOUT_S, check=False
    )
    wall = time.perf_counter() - started
    _reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = (done.stderr.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{argv[1:4]} exited with {done.returncode}: {tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cli_timings(n_measures: int = 10_000, runs: int = 5) -> dict[str, dict[str, float]]:
    """Time every task of `TASKS` on the `n_measures` workbook.

    Returns:
        Per task: `seconds` and `cpu_seconds` (medians), `runs`.
    """
    path = _workbook(n_measures)
    _adopt_orphans()
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in TASKS}
    with tempfile.TemporaryDirectory() as state:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PLAN_MONITORING_STATE_DIR": state}
        env.pop("PLAN_MONITORING_DATABASE_URL", None)  # FILE given: no store is opened
        env.pop("PYTHONUNBUFFERED", None)  # output buffered, as in a user's shell
        # Bytecode written and used, as on a user's machine from its first run on (a
        # sandbox may say otherwise: each process would compile the project's modules,
        # ~0.1 s of `summary`); the untimed first run writes it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in COMMANDS:
            _time([sys.executable, *(a.format(path=str(path)) for a in TASKS[name])], env)
        # The openpyxl read's few runs spread over the whole sequence, not its start: a
        # busy moment of the machine then falls on the yardstick as on the commands.
        openpyxl_every = max(1, -(-runs // OPENPYXL_RUNS))
        for run in range(runs):
            for name, args in TASKS.items():
                if name.endswith("openpyxl") and run % openpyxl_every:
                    continue
                argv = [sys.executable, *(a.format(path=str(path)) for a in args)]
                samples[name].append(_time(argv, env))
    return {
        name: {
            "seconds": statistics.median(wall for wall, _ in runs_of),
            "cpu_seconds": statistics.median(cpu for _, cpu in runs_of),
            "runs": len(runs_of),
        }
        for name, runs_of in samples.items()
    }


def phase_timings(n_measures: int = 10_000, runs: int = 3) -> dict[str, list[float]]:
    """The steps of `summary` (`PHASES`): per step, median wall and CPU seconds."""
    path = _workbook(n_measures)
    samples: list[dict[str, list[float]]] = []
    with tempfile.TemporaryDirectory() as state:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PLAN_MONITORING_STATE_DIR": state}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as in `cli_timings`
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-c", PHASES, str(path)], env=env, cwd=ROOT,
                capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=True,
            )  # fmt: skip
            samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        name: [statistics.median(s[name][i] for s in samples) for i in (0, 1)]
        for name in samples[0]
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    timings = cli_timings(args.measures, args.runs)
    print(f"## The command line on a {args.measures:,}-measure workbook (whole processes)\n")
    print("| Process | Wall (s) | CPU (s) | Runs |")
    print("|---|---:|---:|---:|")
    for name, t in timings.items():
        print(f"| `{name}` | {t['seconds']:.2f} | {t['cpu_seconds']:.2f} | {t['runs']} |")
    openpyxl = timings["read_excel openpyxl"]["seconds"]
    calamine = timings["read_excel calamine"]["seconds"]
    print()
    for command in COMMANDS:
        seconds = timings[command]["seconds"]
        speedup, ratio = openpyxl / seconds, seconds / calamine
        fast = "met" if speedup >= TARGET_SPEEDUP else "NOT met"
        near = "met" if ratio <= TARGET_CALAMINE_RATIO else "NOT met"
        print(
            f"- `{command}`: {speedup:.1f}x faster than the openpyxl read (target >= "
            f"{TARGET_SPEEDUP:.0f}x: **{fast}**); {ratio:.2f}x the calamine read (target <= "
            f"{TARGET_CALAMINE_RATIO}x: **{near}**)"
        )
    phases = phase_timings(args.measures, min(args.runs, 3))
    print("\n## Where the time of `summary` goes, step by step in one process\n")
    print("| Step | Wall (s) | CPU of the process (s) |")
    print("|---|---:|---:|")
    for name, (wall, cpu) in phases.items():
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    print(json.dumps({"measures": args.measures, "timings": timings, "phases": phases}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
