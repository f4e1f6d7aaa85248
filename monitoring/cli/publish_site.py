"""`publish`: a version made public in a folder: its static site (both languages, charts
drawn by a local copy of plotly.js) and its open data package in `data/`.

    plan-monitoring publish --out DIR [--dataset KEY] [--version N] [--as-of DATE] [FILE...]

Without files it publishes a stored version (the current one unless `--version`); given
files (a workbook, or one CSV per sheet) it publishes what they hold, unstored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from monitoring.cli.common import EXIT_OK, EXIT_REJECTED, load_dataset, store_of
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t

if TYPE_CHECKING:
    from monitoring.contract.dataset import Dataset
    from monitoring.present.datapackage import Release

DATA_FOLDER = "data"  # the data package, under --out
# The files of a stored version that are its whole workbook, byte for byte (a partial
# update holds only new rows; a restore is published from its data).
_WHOLE_WORKBOOK_KINDS = ("upload", "seed")


def publish(args: argparse.Namespace, settings: Settings) -> int:
    """Write the site of a version (or of files) into `--out`, its data package into
    `--out/data/`."""
    from monitoring.config.shipped import dataset_label
    from monitoring.contract.schema import LANGS
    from monitoring.present.datapackage import write_package
    from monitoring.present.site import write_site

    lang: Lang = args.lang
    found = (_from_files if args.files else _from_store)(args, settings, lang)
    if found is None:
        return EXIT_REJECTED
    dataset, release, workbook = found
    folder: Path = args.out / DATA_FOLDER
    written = write_package(folder, dataset, release, workbook)
    pages = write_site(
        dataset,
        dataset_label={code: dataset_label(args.dataset, code) for code in LANGS},
        dataset_key=args.dataset,
        version=release.version,
        content_hash=release.content_hash,
        as_of=args.as_of or dt.date.today(),
        out_dir=args.out,
    )
    print(t("cli.publish.site_written", lang, path=str(args.out), pages=len(pages)))
    print(t("cli.publish.package_written", lang, path=str(folder), files=len(written)))
    return EXIT_OK


def _from_store(
    args: argparse.Namespace, settings: Settings, lang: Lang
) -> tuple[Dataset, Release, bytes] | None:
    from monitoring.config import shipped
    from monitoring.present.datapackage import Release
    from monitoring.present.workbook import write_workbook

    key: str = args.dataset
    with store_of(settings, lang) as store:
        info = store.version(key, args.version) if args.version else store.current(key)
        if info is None:
            print(t("cli.publish.no_version", lang, dataset=key), file=sys.stderr)
            return None
        dataset = store.read_dataset(key, info.number)
        files = store.read_files(key, info.number)
    whole = (
        info.kind in _WHOLE_WORKBOOK_KINDS
        and len(files) == 1
        and files[0].name.lower().endswith(".xlsx")
    )
    if whole:
        name, workbook = Path(files[0].name).name, files[0].data
    else:  # CSV files, a partial update or a restore: the version's data as a workbook
        name, workbook = f"{key}-v{info.number}.xlsx", write_workbook(dataset, "fr")
    release = Release(
        name=key,
        title=shipped.dataset_label(key, "fr"),
        version=info.number,
        content_hash=info.content_hash,
        created=info.created_at,
        workbook_name=name,
    )
    return dataset, release, workbook


def _from_files(
    args: argparse.Namespace, settings: Settings, lang: Lang
) -> tuple[Dataset, Release, bytes] | None:
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
    return dataset, release, workbook
