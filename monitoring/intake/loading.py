"""Loading: bytes or paths → validated `Dataset` and `Report`, in one call.

This is the one entry the dashboard, the command line and the benchmark use; it chains
the pre-flight and readers (`monitoring.intake.reading`, run in a limited child process by
`monitoring.intake.isolation`) with validation (`monitoring.intake.validation`). It never
raises for a bad file: everything wrong is in the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from monitoring.config.settings import DATA_DIR, Limits
from monitoring.config.shipped import BY_KEY
from monitoring.contract.dataset import Dataset
from monitoring.intake.isolation import read_isolated
from monitoring.intake.preflight import size_issue
from monitoring.intake.problems import Report
from monitoring.intake.reading import Upload, display_name
from monitoring.intake.validation import validate


@dataclass
class LoadResult:
    """The outcome of loading one upload: a dataset when valid, and the full report."""

    dataset: Dataset | None
    report: Report

    @property
    def ok(self) -> bool:
        return self.dataset is not None and self.report.ok


def load_upload(files: Sequence[Upload], limits: Limits | None = None) -> LoadResult:
    """Read and validate an upload (one workbook, or several CSV files).

    Args:
        files: the uploaded files, as named by the user.
        limits: size limits; the defaults of `Limits` when omitted.

    Returns:
        The dataset (None when the upload was refused) and every issue found while
        reading, then while validating.
    """
    read = read_isolated(files, limits or Limits())  # in a limited child process
    report = Report()
    report.extend(read.issues)
    if read.workbook is None or not report.ok:
        return LoadResult(None, report)
    dataset, validation = validate(read.workbook)
    report.extend(validation.issues)
    if validation.truncated:
        report.truncated = True
    return LoadResult(dataset if report.ok else None, report)


def load_bytes(name: str, data: bytes, limits: Limits | None = None) -> LoadResult:
    """Read and validate one file given as bytes."""
    return load_upload([Upload(name, data)], limits)


def load_paths(paths: Sequence[Path], limits: Limits | None = None) -> LoadResult:
    """Read and validate files on disk (a workbook, or one CSV file per sheet).

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
        return LoadResult(None, report)
    return load_upload([Upload(Path(p).name, Path(p).read_bytes()) for p in paths], limits)


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
