"""`main`: parse the arguments, import the command's module, run it, map failures to exit
codes; no traceback ever reaches the user.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn

from monitoring.cli.common import EXIT_NOT_SAVED, EXIT_REJECTED, EXIT_USAGE
from monitoring.cli.parser import parse
from monitoring.config.settings import SettingError, Settings, private_file, private_folder
from monitoring.contract.schema import Lang
from monitoring.storage import InvalidUserId, LastAdmin, StorageError, VersionNotFound
from monitoring.storage.access import Forbidden, role_name
from monitoring.text.i18n import t

log = logging.getLogger("plan_monitoring")

LOG_FILE_NAME = "plan-monitoring.log"
# The exit status of a command whose reader went away (`summary --json | head -1`): what
# a shell reports for a program ended by SIGPIPE (128 + 13), as `cat` or `grep` give.
EXIT_CLOSED_PIPE = 141

# Each command's module and function, imported only when that command runs: `validate`
# of a file must not wait for SQLAlchemy, nor `users` for pandas.
COMMANDS = {
    "validate": ("monitoring.cli.files", "validate"),
    "summary": ("monitoring.cli.files", "summary"),
    "template": ("monitoring.cli.publish", "template"),
    "import": ("monitoring.cli.versions", "import_files"),
    "history": ("monitoring.cli.versions", "history"),
    "diff": ("monitoring.cli.versions", "diff"),
    "log": ("monitoring.cli.versions", "item_log"),
    "export": ("monitoring.cli.versions", "export"),
    "restore": ("monitoring.cli.versions", "restore"),
    "report": ("monitoring.cli.publish", "report"),
    "brief": ("monitoring.cli.brief", "brief"),
    "publish": ("monitoring.cli.publish_site", "publish"),
    "calendar": ("monitoring.cli.reminders", "calendar"),
    "backup": ("monitoring.cli.admin", "backup"),
    "check": ("monitoring.cli.admin", "check"),
    "users": ("monitoring.cli.admin", "users"),
    "audit": ("monitoring.cli.admin", "audit"),
}

Handler = Callable[[argparse.Namespace, Settings], int]

# Commands that read one workbook (or the stored version) and print: they start no
# renderer and write nothing. While one runs, the young generation of the collector waits
# for this many allocations instead of Python's 700; `entry` ends its process at once.
QUICK = frozenset({"validate", "summary"})
QUICK_GC_THRESHOLD = 100_000
# numpy's BLAS (OpenBLAS) starts a thread per core when numpy is imported, and those
# threads spin a moment before they sleep: `import numpy` took 0.13 CPU seconds against
# 0.07 with one thread, on the cores the parse child reads with. No command multiplies
# matrices, so `entry` asks for one thread unless the environment says otherwise.
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}


def entry() -> NoReturn:
    """The `plan-monitoring` command and `python -m monitoring.cli`: `run`, then exit.

    A quick command (`QUICK`) on a 10,000-measure workbook leaves millions of objects
    alive until its end; the interpreter's teardown would free them one by one. Once its
    output is flushed, its process leaves at once (`os._exit`) and the system takes the
    memory back. With the collector's longer wait (`run`), `summary` of the 10,000-measure
    workbook of `bench/cli_bench.py` took 0.1 to 0.17 s less (medians of 11 runs side by
    side, about 2.4 s each). Any other command ends as usual.
    """
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)
    args = parse(None)
    code = run(args)
    if args.command not in QUICK:
        sys.exit(code)
    logging.shutdown()  # `run` flushed the output (a closed pipe shows there)
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    return run(parse(argv))


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; return the exit code.

    A quick command (`QUICK`) builds millions of objects, all alive until it ends and
    hardly a cycle among them: the collector's passes over them would be wasted, so its
    young generation waits longer (`QUICK_GC_THRESHOLD`) while the command runs.
    """
    previous = gc.get_threshold()
    if args.command in QUICK:
        gc.set_threshold(QUICK_GC_THRESHOLD, *previous[1:])
    try:
        return _run(args)
    finally:
        gc.set_threshold(*previous)


def _run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    try:
        settings = Settings.from_env()
    except SettingError as exc:  # one line naming the variable and what it accepts
        print(exc.message(lang), file=sys.stderr)
        return EXIT_USAGE
    module, name = COMMANDS[args.command]
    with _log_to_file(settings):
        try:
            handler: Handler = getattr(importlib.import_module(module), name)
            code = handler(args, settings)
            sys.stdout.flush()  # a closed pipe shows here, while it can still be caught
            return code
        except BrokenPipeError:
            return _closed_pipe()
        except Exception as exc:  # never a traceback for the user; the log keeps the details
            return _failure(exc, lang)


def _closed_pipe() -> int:
    """The reader of the output went away: stop quietly, as `cat` does (no message).

    What is left in the output buffer goes to /dev/null, else Python's own flush at exit
    would fail again and print "Exception ignored … BrokenPipeError".
    """
    log.info("output closed by its reader (a closed pipe): stopped")
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a captured stdout): nothing to flush
        pass
    return EXIT_CLOSED_PIPE


def _failure(exc: Exception, lang: Lang) -> int:
    """Say what went wrong in one line, log it, and return the exit code."""
    if isinstance(exc, Forbidden):
        log.warning("refused: %s", exc)
        print(t(exc.key, lang, role=role_name(exc.actor.role, lang)), file=sys.stderr)
        return EXIT_REJECTED
    if isinstance(exc, StorageError):
        log.warning("storage error: %s", exc)
        print(t(exc.key, lang, **exc.params), file=sys.stderr)
        if isinstance(exc, _usage_errors()):
            return EXIT_USAGE
        refused = isinstance(exc, VersionNotFound | LastAdmin)
        return EXIT_REJECTED if refused else EXIT_NOT_SAVED
    reference = uuid.uuid4().hex[:8]
    log.exception("unexpected error [%s]", reference)
    print(t("cli.unexpected", lang, ref=reference), file=sys.stderr)
    return 1


def _usage_errors() -> tuple[type[StorageError], ...]:
    """The storage errors that are a wrong use of the command (exit 2).

    `BackupNotSqlite` only if its module is loaded: importing it here would cost every
    command SQLAlchemy, and a command that did not load it cannot have raised it.
    """
    backup = sys.modules.get("monitoring.storage.backup")
    return (InvalidUserId, backup.BackupNotSqlite) if backup is not None else (InvalidUserId,)


class _LogFile(logging.FileHandler):
    """The command's log file; a record it cannot write (a full disk) is dropped quietly.

    `logging` would otherwise print "--- Logging error ---" and a traceback on stderr
    for every record.
    """

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the last flush could not be written either
            self.failed = True


@contextlib.contextmanager
def _log_to_file(settings: Settings) -> Iterator[None]:
    """Send log records to a file while the command runs, unless something collects them.

    Without a handler, Python prints warnings and their tracebacks on stderr: the user
    would see a traceback. The file is created readable by its owner only (0600, its
    folder 0700): it may name users and files.
    """
    root = logging.getLogger()
    if root.handlers:
        yield
        return
    try:
        path = settings.state_dir / LOG_FILE_NAME
        private_folder(settings.state_dir)
        private_file(path)
        handler: logging.Handler = _LogFile(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()
