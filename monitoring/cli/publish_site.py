"""`publish`: a version made public in a folder: its static site (both languages, charts
drawn by a local copy of plotly.js) and its open data package in `data/`.

    plan-monitoring publish --out DIR [--dataset KEY] [--version N] [--as-of DATE]
        [--public-voices V,…] [--public-sheets S,…] [--with-extra-columns] [--with-emails]
        [FILE...]

Without files it publishes a stored version (the current one unless `--version`); given
files (a workbook, or one CSV per sheet) it publishes what they hold, unstored. What is
made public is the deployment's setting (`Settings.publication`) changed by the options.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from monitoring.cli.common import EXIT_OK, EXIT_REJECTED, load_dataset, store_of
from monitoring.config.settings import Settings
from monitoring.contract.publication import Scope
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t

if TYPE_CHECKING:
    from monitoring.contract.dataset import Dataset
    from monitoring.present.datapackage import Release


def publish(args: argparse.Namespace, settings: Settings) -> int:
    """Write the site of a version (or of files) into `--out`, its data package into
    `--out/data/`."""
    from monitoring.services.publishing import DATA_FOLDER, publish_folder

    lang: Lang = args.lang
    found = (_from_files if args.files else _from_store)(args, settings, lang)
    if found is None:
        return EXIT_REJECTED
    dataset, release, workbook, previous = found
    as_of = args.as_of or dt.date.today()
    written = publish_folder(
        args.out, dataset, release, workbook,
        key=args.dataset, as_of=as_of, previous=previous, scope=_scope(args, settings),
    )  # fmt: skip
    print(t("cli.publish.site_written", lang, path=str(args.out), pages=len(written.site)))
    folder = args.out / DATA_FOLDER
    print(t("cli.publish.package_written", lang, path=str(folder), files=len(written.package)))
    return EXIT_OK


def _scope(args: argparse.Namespace, settings: Settings) -> Scope:
    """The deployment's publication scope, with what the options change in it."""
    scope = settings.publication
    changed = {
        "voices": args.public_voices,
        "sheets": args.public_sheets,
        "extra_columns": args.with_extra_columns,
        "emails": args.with_emails,
    }
    return replace(scope, **{name: value for name, value in changed.items() if value is not None})


def _from_store(
    args: argparse.Namespace, settings: Settings, lang: Lang
) -> tuple[Dataset, Release, bytes, tuple[int, Dataset] | None] | None:
    from monitoring.services.publishing import previous_version, stored_release

    key: str = args.dataset
    with store_of(settings, lang) as store:
        info = store.version(key, args.version) if args.version else store.current(key)
        if info is None:
            print(t("cli.publish.no_version", lang, dataset=key), file=sys.stderr)
            return None
        return (*stored_release(store, key, info), previous_version(store, key, info))


def _from_files(
    args: argparse.Namespace, settings: Settings, lang: Lang
) -> tuple[Dataset, Release, bytes, tuple[int, Dataset] | None] | None:
    from monitoring.present.datapackage import Release
    from monitoring.present.workbook import write_workbook

    dataset = load_dataset(args.files, settings, lang)
    if dataset is None:
        return None
    first: Path = args.files[0]
    if len(args.files) == 1 and first.suffix.lower() == ".xlsx":
        name, workbook = first.name, first.read_bytes()
    else:
        name, workbook = f"{args.dataset}.xlsx", write_workbook(dataset, "fr")
    release = Release(
        name=args.dataset,
        title=", ".join(p.name for p in args.files),
        version=None,
        content_hash=dataset.content_hash(),
        created=dt.datetime.now(settings.time_zone),
        workbook_name=name,
    )
    return dataset, release, workbook, None  # files: no earlier version to compare with
