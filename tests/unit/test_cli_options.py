"""Options where people type them: global options before or after the command,
`--version`, an example in every `--help`, and a closed pipe ending the command quietly."""

from __future__ import annotations

import argparse
import gc
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from monitoring import __version__
from monitoring.cli import main
from monitoring.cli.parser import DEFAULT_DATASET, build_parser, parse
from tests.unit.test_cli import state  # noqa: F401 - each test: its own empty store

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command's parser with its path (`("users", "set")`), sub-commands included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _commands(sub, (*path, name))
                yield (*path, name), sub


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--lang", "en"], ["summary", "--json"]),
        (["--lang", "en", "--dataset", "demo", "--json"], ["history"]),
        (["--json"], ["users", "list"]),
        (["--dataset", "demo"], ["export", "x.ods"]),
    ],
)
def test_global_options_before_the_command_mean_the_same_as_after(before, after) -> None:
    command = after[:2] if after[0] == "users" else after[:1]
    assert parse([*before, *after]) == parse([*command, *before, *after[len(command) :]])


def test_an_option_after_the_command_wins_over_the_same_before() -> None:
    assert parse(["--lang", "en", "history", "--lang", "fr"]).lang == "fr"


def test_the_defaults_hold_when_no_option_is_given() -> None:
    args = parse(["history"])
    assert (args.lang, args.dataset, args.json) == ("fr", DEFAULT_DATASET, False)


@pytest.mark.parametrize("argv", [["--dataset", "demo", "template", "x.ods"], ["--json", "export",
                                  "x.xlsx"]])  # fmt: skip
def test_a_global_option_the_command_does_not_take_is_a_usage_error(argv, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        parse(argv)
    assert stop.value.code == 2
    assert argv[0] in capsys.readouterr().err


def test_the_global_options_reach_the_command(capsys) -> None:
    code = main(["--lang", "en", "--dataset", "demo", "--json", "history"])
    versions = json.loads(capsys.readouterr().out)
    assert code == 0 and versions[0]["version"] == 1


def test_version_prints_the_package_version(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"plan-monitoring {__version__}"


@pytest.mark.parametrize(
    ("path", "parser"),
    [pytest.param(path, parser, id=" ".join(path)) for path, parser in _commands(build_parser())],
)
def test_every_command_s_help_ends_with_an_example_of_itself(path, parser) -> None:
    help_text = parser.format_help()
    epilog = help_text[help_text.index("exemple / example:") :]
    examples = [line.strip() for line in epilog.splitlines()[1:] if line.strip()]
    assert examples
    for example in examples:
        words = shlex.split(example)
        assert words[0] == "plan-monitoring"
        args = parse(words[1:])  # the example parses, and runs this very command
        ran = (args.command, getattr(args, "users_command", None))
        assert ran[: len(path)] == path


def _cli() -> list[str]:
    return [sys.executable, "-m", "monitoring.cli"]


def _env() -> dict[str, str]:
    """This test's environment (its own store, set by `state`), the project importable."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_summary_piped_into_head_prints_one_line_and_no_error() -> None:
    done = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + " ".join(_cli()) + " --lang en summary --json"
         " | head -1"],
        capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.stdout.splitlines() == ["{"]
    assert done.stderr == ""
    assert done.returncode in (0, 141)  # 141 when the command wrote after head was gone


def test_a_reader_gone_before_the_output_ends_the_command_quietly() -> None:
    # The pipe is closed before the command writes: every write fails (EPIPE).
    process = subprocess.Popen(
        [*_cli(), "--lang", "en", "summary", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141  # as a shell reports `cat` ended by SIGPIPE
    assert err == ""
    process.stderr.close()


def test_a_quick_command_leaves_at_once_with_its_whole_output_and_its_code(tmp_path) -> None:
    """`validate` and `summary` skip the interpreter's teardown (`run.entry`): what they
    printed into a pipe (block-buffered) is all there, and the exit code is theirs."""
    env = _env()
    env.pop("PYTHONUNBUFFERED", None)  # the output buffered, as on a user's machine
    done = subprocess.run(
        [*_cli(), "--lang", "en", "summary", "--json", "--dataset", "demo"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""
    assert len(done.stdout) > 1000 and json.loads(done.stdout)["plans"]
    bad = tmp_path / "plan.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    done = subprocess.run(
        [*_cli(), "--lang", "en", "validate", str(bad)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "rejected" in done.stdout.splitlines()[-1]


def test_a_quick_command_lets_the_collector_wait_and_puts_it_back(monkeypatch) -> None:
    from monitoring.cli import files, run

    seen = []
    monkeypatch.setattr(
        files, "summary", lambda args, settings: seen.append(gc.get_threshold()) or 0
    )
    monkeypatch.setattr(
        files, "validate", lambda args, settings: seen.append(gc.get_threshold()) or 0
    )
    before = gc.get_threshold()
    assert main(["summary"]) == 0 and main(["history"]) in (0, 1)
    assert seen == [(run.QUICK_GC_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


BLAS_PROBE = """
import os, sys
from monitoring.cli import run

def parse(argv):
    before = "numpy" in sys.modules
    import numpy  # noqa: F401
    print(before, os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")))
    raise SystemExit(0)

run.parse = parse
run.entry()
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads counted in /proc")
@pytest.mark.parametrize(("given", "expected"), [(None, "1"), ("2", "2")])
def test_the_command_line_starts_numpy_with_one_blas_thread(given, expected) -> None:
    """numpy's BLAS would start a thread per core at import, spinning on the cores the
    parse child reads with: `entry` asks for one before numpy is imported, unless the
    environment chose a number."""
    env = _env()
    env.pop("OPENBLAS_NUM_THREADS", None)
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    done = subprocess.run(
        [sys.executable, "-c", BLAS_PROBE],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    numpy_before, chosen, threads = done.stdout.split()
    assert numpy_before == "False" and chosen == expected
    if given is None:
        assert threads == "1"  # the main thread alone
