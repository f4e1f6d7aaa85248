"""What several commands share: exit codes, the store, reading files, printing a report.

Nothing heavy at the top: the store (SQLAlchemy) and the readers (pandas) are imported by
the helper that needs them, when a command calls it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import importlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.present.spreadsheets import WORKBOOK_FORMATS, WorkbookFormat, format_of
from monitoring.text.i18n import t

if TYPE_CHECKING:
    from monitoring.contract.dataset import Dataset
    from monitoring.intake.loading import LoadResult
    from monitoring.intake.problems import Report
    from monitoring.storage import Store, VersionInfo
    from monitoring.storage.access import Actor

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_IDENTICAL, EXIT_NOT_SAVED = 0, 1, 2, 3, 4
EXIT_UNCONFIRMED = 5  # `import` of a rewrite of history or a replacement, not confirmed


def actor() -> Actor:
    """Who the command line acts as: the server's own admin, named after the OS user."""
    from monitoring.storage.access import local_actor

    return local_actor()


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "cli"


def _open(settings: Settings) -> Store:
    """The store the settings name, with the shipped datasets stored if it is empty."""
    from monitoring.services.importing import ensure_seeded
    from monitoring.storage import open_store

    store = open_store(settings)
    ensure_seeded(store, settings.data_dir)
    return store


@contextlib.contextmanager
def store_of(settings: Settings, lang: Lang, *, seed: bool = True) -> Iterator[Store]:
    """The store, closed afterwards; `seed=False` for commands that store no version."""
    from monitoring.storage import open_store

    store = _open(settings) if seed else open_store(settings)
    if not store.writable:  # reading works: said once, in one line
        print(t("storage.read_only_notice", lang), file=sys.stderr)
    try:
        yield store
    finally:
        store.close()


def load(
    files: Sequence[Path],
    settings: Settings,
    lang: Lang,
    meanwhile: Sequence[str] = (),
    *,
    assemble: bool = True,
) -> LoadResult | None:
    """Read and validate files; each size is checked on disk before anything is read.

    `meanwhile`: modules the command needs next, imported while the child reads;
    `assemble`: False when the command needs the report only (no dataset is built).
    """
    missing = [p for p in files if not p.is_file()]
    if missing:
        print(t("cli.no_such_file", lang, path=str(missing[0])), file=sys.stderr)
        return None
    from monitoring.intake.loading import start_load_paths

    # This process has no thread yet: it forks the parse child itself, which starts
    # reading at once, and imports pandas and the validator while the child reads.
    # The child sends each sheet as soon as it is read; they are validated meanwhile.
    pending = start_load_paths(list(files), settings.limits, direct=True, stream=True)
    for module in meanwhile:
        importlib.import_module(module)
    return pending.result(assemble=assemble)


def load_dataset(
    files: Sequence[Path], settings: Settings, lang: Lang, meanwhile: Sequence[str] = ()
) -> Dataset | None:
    """`load`, for a command that needs the dataset: None (the report printed) when the
    files are missing or invalid."""
    result = load(files, settings, lang, meanwhile)
    if result is None:
        return None
    if result.dataset is None:
        print_report(result.report, lang)
    return result.dataset


def stored(settings: Settings, dataset_key: str, lang: Lang) -> tuple[VersionInfo, Dataset]:
    """The current version of `dataset_key` and its dataset (`VersionNotFound` if none)."""
    from monitoring.services.importing import current_dataset
    from monitoring.storage import VersionNotFound

    with store_of(settings, lang) as store:
        found = current_dataset(store, dataset_key)
    if found is None:
        raise VersionNotFound(dataset_key, dataset=dataset_key, version=1)
    return found


def chosen_plans(dataset: Dataset, asked: Sequence[str] | None, lang: Lang) -> list[str] | None:
    """The `--plan` options without repeats, or None (after one line on stderr naming the
    plans the dataset holds) when one of them is not a plan of `dataset`."""
    plans = list(dict.fromkeys(asked or ()))
    known = dataset.plans["plan_id"].tolist()
    for plan in plans:
        if plan not in known:
            print(t("dossier.cli.unknown_plan", lang, plan=plan, plans=", ".join(known)),
                  file=sys.stderr)  # fmt: skip
            return None
    return plans


def workbook_out(path: Path, lang: Lang) -> WorkbookFormat | None:
    """The format an output workbook's name asks for (`xlsx`, `ods`); None, said in one
    line on stderr, when the command cannot write it: nothing is written in another format.
    """
    fmt = format_of(path)
    if fmt is None:
        names = [f".{name}" for name in WORKBOOK_FORMATS]
        formats = t("cli.formats_or", lang).join((", ".join(names[:-1]), names[-1]))
        print(t("cli.unwritable_extension", lang, path=str(path), formats=formats), file=sys.stderr)
    return fmt


def print_report(report: Report, lang: Lang) -> None:
    for issue in report:
        print(f"[{issue.severity}] {issue.code}: {issue.message(lang)}")
    errors = report.error_count
    print(t("cli.valid", lang) if report.ok else t("cli.invalid", lang, count=errors))


def utc(moment: dt.datetime | None) -> str:
    """A stored time as `2026-05-01 14:03 UTC` (for a terminal: the same in every language)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if moment else None
