"""Loading: bytes or paths → validated `Dataset` and `Report`, in one call.

This is the one entry the dashboard, the command line and the benchmark use; it chains
the pre-flight and readers (`monitoring.intake.reading`, run in a limited child process by
`monitoring.intake.isolation`) with validation (`monitoring.intake.validation`). It never
raises for a bad file: everything wrong is in the report.

Reading and validating are two steps (`start_load_paths`, then `PendingLoad.result`), and
this module imports the validator, with pandas, only when the second step needs it: the
command line starts the parse child first and imports them while the child reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitoring.config.settings import DATA_DIR, Limits
from monitoring.config.shipped import BY_KEY
from monitoring.intake.child_read import PendingRead, start_read
from monitoring.intake.preflight import size_issue
from monitoring.intake.problems import Report
from monitoring.intake.raw import RawSheet, RawWorkbook
from monitoring.intake.reading import ReadResult, Upload, display_name

if TYPE_CHECKING:
    from monitoring.contract.dataset import Dataset


@dataclass
class LoadResult:
    """The outcome of loading one upload: a dataset when valid, and the full report."""

    dataset: Dataset | None
    report: Report
    assembled: bool = True  # False: checked only, no dataset built (`validated`)

    @property
    def ok(self) -> bool:
        return self.report.ok and (self.dataset is not None or not self.assembled)


@dataclass
class PendingLoad:
    """Files being read in the parse child (`start_load_paths`); `result()` validates them."""

    read: PendingRead | None  # None when the files were refused before any was read
    refused: Report

    def result(self, *, assemble: bool = True) -> LoadResult:
        """The files validated; `assemble` as for `validated`.

        A streamed read (`start_load_paths(stream=True)`) is validated sheet by sheet as
        the child reads (`_validated_as_read`).
        """
        if self.read is None:
            return LoadResult(None, self.refused, assembled=assemble)
        import monitoring.intake.validation  # noqa: F401  (imported while the child reads)

        arrivals = self.read.arrivals()
        first = next(arrivals, None)
        if first is None:  # not streamed, or not a lone workbook: it all comes at the end
            return validated(self.read.result(), assemble=assemble)
        return _validated_as_read(self.read, first[1], arrivals, assemble)


def validated(read: ReadResult, *, assemble: bool = True) -> LoadResult:
    """Validate what the parse child read: the dataset when valid, and every issue found
    while reading, then while validating. Without `assemble`, the same report and no
    dataset (a check alone)."""
    from monitoring.intake.validation import validate  # pandas: see the module doc

    if read.workbook is None or not _read_report(read).ok:
        return _combined(read, None, None, assemble)
    return _combined(read, *validate(read.workbook, assemble=assemble), assemble)


def _read_report(read: ReadResult) -> Report:
    report = Report()
    report.extend(read.issues)
    return report


def _combined(
    read: ReadResult, dataset: Dataset | None, validation: Report | None, assemble: bool
) -> LoadResult:
    """The issues found while reading, then (when the reading let the workbook through)
    those found while validating; the dataset when there is no error."""
    report = _read_report(read)
    if read.workbook is None or not report.ok or validation is None:
        return LoadResult(None, report, assembled=assemble)
    report.extend(validation.issues)
    if validation.truncated:
        report.truncated = True
    return LoadResult(dataset if report.ok else None, report, assembled=assemble)


class _ReadStopped(Exception):
    """The child ended before sending a sheet validation asked for: its answer says why."""


class _Arrivals:
    """The sheets of a streamed read, handed to validation as it asks for them: each
    placeholder of the outline is replaced by its sheet once the child has sent it."""

    def __init__(self, outline: RawWorkbook, parts: Iterator[tuple[Any, ...]]) -> None:
        self.index = {id(sheet): k for k, sheet in enumerate(outline.sheets)}
        self.parts = parts
        self.sheets: dict[int, RawSheet] = {}

    def __call__(self, placeholder: RawSheet) -> RawSheet:
        index = self.index[id(placeholder)]
        while index not in self.sheets:
            part = next(self.parts, None)
            if part is None:
                raise _ReadStopped
            if part[0] == "sheet":
                self.sheets[part[1]] = part[2]
        return self.sheets[index]


def _validated_as_read(
    read: PendingRead, outline: RawWorkbook, parts: Iterator[tuple[Any, ...]], assemble: bool
) -> LoadResult:
    """Validate a workbook's sheets as the child sends them, in the contract's order: on
    the 10,000-measure workbook of `bench/cli_bench.py`, the small sheets are checked
    while the child reads the largest. The result is `validated`'s: the child's answer
    (its issues, and whether it let the workbook through) decides as it would have."""
    from monitoring.intake.validation import validate

    try:
        dataset, validation = validate(outline, assemble=assemble, arrive=_Arrivals(outline, parts))
    except _ReadStopped:  # a sheet never came: the answer says why, or holds it
        return validated(read.result(), assemble=assemble)
    answer = read.result()
    if answer.workbook is not None:
        # The sheets validated are the ones read: the report names the workbook's own.
        assert [s.name for s in answer.workbook.sheets] == [s.name for s in outline.sheets]
    return _combined(answer, dataset, validation, assemble)


def load_upload(files: Sequence[Upload], limits: Limits | None = None) -> LoadResult:
    """Read and validate an upload (one workbook, or several CSV files).

    Args:
        files: the uploaded files, as named by the user.
        limits: size limits; the defaults of `Limits` when omitted.

    Returns:
        The dataset (None when the upload was refused) and every issue found while
        reading, then while validating.
    """
    return validated(start_read(files, limits or Limits()).result())  # in a limited child


def load_bytes(name: str, data: bytes, limits: Limits | None = None) -> LoadResult:
    """Read and validate one file given as bytes."""
    return load_upload([Upload(name, data)], limits)


def start_load_paths(
    paths: Sequence[Path],
    limits: Limits | None = None,
    *,
    direct: bool = False,
    stream: bool = False,
) -> PendingLoad:
    """Start reading files on disk (a workbook, or one CSV file per sheet) in the parse
    child; `direct` and `stream` as for `monitoring.intake.child_read.start_read`.

    Each file's size on disk is checked against the limit before any is read: a file
    over it is refused without being loaded into memory.
    """
    limits = limits or Limits()
    report = Report()
    for path in paths:
        issue = size_issue(Path(path).stat().st_size, limits, display_name(Path(path).name))
        if issue is not None:
            report.add(issue)
    if not report.ok:
        return PendingLoad(None, report)
    files = [Upload(Path(p).name, Path(p).read_bytes()) for p in paths]
    return PendingLoad(start_read(files, limits, direct=direct, stream=stream), report)


def load_paths(paths: Sequence[Path], limits: Limits | None = None) -> LoadResult:
    """Read and validate files on disk (`start_load_paths`, then its result)."""
    return start_load_paths(paths, limits).result()


def load_shipped(name: str, data_dir: Path = DATA_DIR) -> Dataset:
    """Load a shipped dataset (`monitoring.config.shipped`: "france" or "demo") from `data_dir`
    (`Settings.data_dir`; the repository's `data/` by default).

    The shipped files are checked by the test suite, so a failure here is a bug, not a
    user error: it raises `ValueError` with the first problems.
    """
    result = load_paths([BY_KEY[name].path(data_dir)])
    if result.dataset is None:
        problems = "; ".join(i.message("en") for i in result.report.errors[:5])
        raise ValueError(f"shipped dataset {name!r} is invalid: {problems}")
    return result.dataset
