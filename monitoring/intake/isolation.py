"""Untrusted uploads are parsed in a child process with hard limits, never in the server.

A parser given a hostile file can do what no Python `try` catches: python-calamine
aborts the whole process when it cannot allocate a sheet (a cell at XFD1048576 asks for
512 GiB), and a runaway allocation takes the server's memory with it. So every read of
an upload (`monitoring.intake.child_read`, used by `monitoring.intake.loading` and
`monitoring.services.importing`) and every re-read (the annotated workbook,
`monitoring.services.annotate.annotated_upload`) runs in a
fresh child process, under three limits set in the child before it touches a byte:

- address space (`RLIMIT_AS`, `Limits.parse_memory_bytes`): an allocation beyond it
  fails in the child (a `MemoryError`, or a native abort), never in the server;
- CPU time (`RLIMIT_CPU`, `Limits.parse_cpu_seconds`): the kernel stops the child;
- wall time (`Limits.parse_wall_seconds`): the parent stops waiting and kills it.

One child reads all the files of one upload, so its limits are a total budget for the
upload (several CSV files, a zip of them), as is the size limit (`reading`).

Why a fresh child per parse, forked by a fork server: measured on a two-core machine
(`python bench/hostile_bench.py --quick`, its first table), a child forked by the
`forkserver` context starts in about 20 ms once the server runs (about 0.8 s for the
server itself, once per process: `warm_up` starts it early), while `spawn` pays the
interpreter and imports on every parse (about 0.35 s). Plain `fork` would copy the
Streamlit server's threads and locks into the child. A fresh child per parse also gives
its memory back to the system when it ends, which a pool of long-lived workers would
not, and one hostile file can never leave a worker in a bad state for the next upload.
The fork server is started from a clean interpreter that imports only the readers
(`PRELOAD`).

If the child fails (killed at a limit, aborted, or any exception), the caller gets a
`ChildFailed` saying which (`kind`: "memory", "time" or "crash"); `child_read` turns it
into a rejection naming the file, in the user's language.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import forkserver, popen_forkserver, process, spawn, util
from multiprocessing.context import reduction, set_spawning_popen  # type: ignore[attr-defined]
from typing import Any, Generic, Literal, TypeVar

from monitoring.config.settings import Limits

log = logging.getLogger(__name__)

T = TypeVar("T")
FailureKind = Literal["memory", "time", "crash"]
START_METHOD = "forkserver"
# What the fork server imports once, so that each child starts with them loaded.
PRELOAD = [
    "monitoring.intake.child_read",
    "monitoring.services.annotate",
    "monitoring.intake.validation",
]
# Enough for `child_read`. A process that parses one upload and exits (the command
# line) starts its server with this alone: ready in ~0.35 s instead of ~0.85 s, since
# `monitoring.services.annotate` brings pandas, openpyxl and xlsxwriter, which that child
# never uses.
READER_PRELOAD = ["monitoring.intake.child_read"]
# Seconds a child that has sent its answer gets to exit before it is killed.
EXIT_GRACE_SECONDS = 5.0

_context_lock = threading.Lock()
_context: Any = None


class ChildFailed(Exception):
    """The child process did not return a result: killed at a limit, aborted, or failed.

    `kind` is "memory" (address space exhausted), "time" (CPU or wall time) or "crash"
    (a native abort or an unexpected exception; `reference` is then in the server log).
    """

    def __init__(self, kind: FailureKind, reference: str | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.reference = reference


def _get_context(preload: Sequence[str] = PRELOAD) -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context(START_METHOD)
            context.set_forkserver_preload(list(preload))
            _context = context
        return _context


class _Popen(popen_forkserver.Popen):
    """A fork-server child that does not run the parent's `__main__` again.

    multiprocessing prepares every child as if spawned: it imports the parent's main
    module again (`init_main_from_path`), which under Streamlit is its command-line
    script and under a test runner may start processes of its own. The task is a
    module-level function the child imports by name, so the main module is not needed:
    this is `popen_forkserver.Popen._launch` (CPython 3.11) without that step.
    """

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        _parent_w = os.dup(w)
        close = util.close_fds  # type: ignore[attr-defined]
        self.finalizer = util.Finalize(self, close, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(process.BaseProcess):
    _start_method = START_METHOD

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _Popen(process_obj)


def warm_up(preload: Sequence[str] = PRELOAD) -> None:
    """Start the fork server now, so that the first upload does not wait for it (~1 s).

    `preload`: the modules the server imports once for all its children (`PRELOAD`, or
    `READER_PRELOAD` for a process that only reads uploads); ignored when this
    process has already chosen them.
    """
    from multiprocessing import forkserver

    _get_context(preload)
    forkserver.ensure_running()


def _limit(kind: int, soft: int, hard: int) -> None:
    """Lower a resource limit of this process (never above the limit it already has)."""
    _current, ceiling = resource.getrlimit(kind)
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(kind, (soft, hard))


class _Parts:
    """Sends parts of the answer to the parent as the task makes them, from any thread
    (`start_limited(stream=True)`); the answer itself follows them."""

    def __init__(self, conn: multiprocessing.connection.Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()  # one message at a time on the pipe

    def __call__(self, part: Any) -> None:
        with self.lock:
            self.conn.send(("part", part))


def _child(
    conn: multiprocessing.connection.Connection,
    task: Callable[..., Any],
    args: tuple[Any, ...],
    memory: int,
    cpu: int,
    stream: bool = False,
) -> None:
    """The child's whole life: set the limits, run the task, send its result, exit."""
    _limit(resource.RLIMIT_AS, memory, memory)
    # SIGXCPU at the soft limit; the hard one (SIGKILL) only if that signal is ignored.
    _limit(resource.RLIMIT_CPU, cpu, cpu + 2)
    try:
        result = task(*args, _Parts(conn)) if stream else task(*args)
        answer: tuple[str, Any] = ("ok", result)
    except MemoryError:
        answer = ("memory", None)
    except BaseException as exc:  # a pyo3 PanicException derives from BaseException
        from monitoring.config.hardening import log_failure

        answer = ("crash", log_failure(exc, log, "parse child"))
    try:
        conn.send(answer)
    except MemoryError:  # the result could not be pickled within the limit
        conn.send(("memory", None))
    conn.close()


class Pending(Generic[T]):
    """A task started in its limited child (`start_limited`); `result()` waits for it.

    Starting the child and waiting for it are two steps so that the caller can work
    meanwhile: the command line imports pandas and the validator while the child reads.
    With `stream`, the task's parts come first (`parts()`), gathered by a thread of this
    process as the child sends them, so that the child never waits for this one.
    """

    def __init__(
        self,
        task: Callable[..., T],
        args: tuple[Any, ...],
        limits: Limits,
        *,
        direct: bool,
        stream: bool = False,
    ) -> None:
        self.limits = limits
        self._deadline = time.monotonic() + limits.parse_wall_seconds
        self._messages: queue.SimpleQueue[tuple[Any, Any]] | None = None
        self._end: tuple[Any, Any] | None = None
        context = _direct_context() if direct else None
        if context is None:
            context = _get_context()
            process_class: Any = _Process
        else:
            process_class = context.Process
        self._receiver, self._sender = context.Pipe(duplex=False)
        self._process = process_class(
            target=_child,
            args=(
                self._sender,
                task,
                args,
                limits.parse_memory_bytes,
                limits.parse_cpu_seconds,
                stream,
            ),
            daemon=True,
        )
        try:
            self._process.start()
        except (OSError, EOFError) as exc:  # no fork server, no process: nothing was read
            log.error("parse child could not start: %s", exc)
            self._close()
            raise ChildFailed("crash") from exc
        self._sender.close()
        if stream:
            self._messages = queue.SimpleQueue()
            threading.Thread(target=self._gather, daemon=True).start()

    def parts(self) -> Iterator[Any]:
        """The parts the task sent (`stream`), in order, until its answer comes."""
        if self._messages is None:
            return
        while self._end is None:
            kind, value = self._messages.get()
            if kind == "part":
                yield value
            else:
                self._end = (kind, value)

    def result(self) -> T:
        """Wait for the child and return its result (any part not taken is dropped).

        Raises:
            ChildFailed: the child exceeded a limit, aborted or raised.
        """
        process = self._process
        try:
            if self._messages is not None:
                for _ in self.parts():
                    pass
                answer = None if self._end == ("died", None) else self._end
            else:
                answer = self._receive()
            if answer is not None and answer[0] == "time":
                log.warning(
                    "parse child still running after %s s: killed", self.limits.parse_wall_seconds
                )
                raise ChildFailed("time")
            process.join(EXIT_GRACE_SECONDS)
        finally:
            self._close()
        if answer is None:
            raise ChildFailed(_kind_of_death(process.exitcode))
        status, value = answer
        if status == "ok":
            return value
        if status == "memory":
            raise ChildFailed("memory")
        raise ChildFailed("crash", value)

    def _receive(self) -> tuple[Any, Any] | None:
        """The child's next message; ("time", None) past the wall time, None when the
        child died without one."""
        left = self._deadline - time.monotonic()
        if left <= 0 or not self._receiver.poll(left):
            return ("time", None)
        try:
            message: tuple[Any, Any] = self._receiver.recv()
        except (EOFError, OSError):  # the child died before answering
            return None
        return message

    def _gather(self) -> None:
        """Move the child's messages into `_messages` as they come, up to its answer."""
        assert self._messages is not None
        while True:
            try:
                message = self._receive()
            except (OSError, ValueError):  # closed by `_close`: nobody waits any more
                message = None
            except Exception:  # a message that does not unpickle: the child is not trusted
                log.exception("parse child sent a message that could not be read")
                message = None
            self._messages.put(message if message is not None else ("died", None))
            if message is None or message[0] != "part":
                return

    def _close(self) -> None:
        self._sender.close()
        self._receiver.close()
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _direct_context() -> Any:
    """The plain `fork` context when this process may fork itself safely, else None.

    A process with a single thread (the command line, before it starts any) can fork:
    the child starts at once with what this process has imported, instead of waiting for
    the fork server (~0.2 s, an interpreter of its own). A process with threads (the
    Streamlit server) must not: the child would inherit their locks half-held.
    """
    if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def start_limited(
    task: Callable[..., T], *args: Any, limits: Limits, direct: bool = False, stream: bool = False
) -> Pending[T]:
    """Start `task(*args)` in a fresh child process under `limits`.

    Args:
        task: a module-level function (the child imports it by name); its arguments and
            result must pickle.
        args: the task's arguments.
        limits: `parse_memory_bytes`, `parse_cpu_seconds` and `parse_wall_seconds` bound
            the child.
        direct: fork this process itself when it has a single thread (`_direct_context`),
            rather than asking the fork server.
        stream: the task is given one more argument, a function that sends a part of
            its answer to this process at once (`Pending.parts`); parts must pickle.

    Raises:
        ChildFailed: the child could not start.
    """
    return Pending(task, args, limits, direct=direct, stream=stream)


def run_limited(task: Callable[..., T], *args: Any, limits: Limits) -> T:
    """Run `task(*args)` in a fresh child process under `limits` and return its result.

    Raises:
        ChildFailed: the child exceeded a limit, aborted or raised.
    """
    return start_limited(task, *args, limits=limits).result()


def _kind_of_death(exitcode: int | None) -> FailureKind:
    """What a child's exit code says: CPU limit → time, a native abort → memory or crash."""
    log.warning("parse child ended without an answer (exit code %s)", exitcode)
    if exitcode == -signal.SIGXCPU:
        return "time"
    if exitcode in (-signal.SIGKILL, -signal.SIGABRT):
        # The kernel's OOM killer sends SIGKILL; a native allocation failure under
        # RLIMIT_AS aborts (Rust's `handle_alloc_error`, C++'s std::bad_alloc).
        return "memory"
    return "crash"


__all__ = [
    "ChildFailed",
    "Pending",
    "run_limited",
    "start_limited",
    "warm_up",
]
