"""`template` (the blank workbook) and `report` (the dossier: charts, tables and PDF)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from monitoring.cli.common import (
    EXIT_NOT_SAVED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    chosen_plans,
    load_dataset,
    store_of,
    stored,
    workbook_out,
)
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t


def template(args: argparse.Namespace, settings: Settings) -> int:
    fmt = workbook_out(args.out, args.lang)
    if fmt is None:
        return EXIT_USAGE
    from monitoring.present.spreadsheets import workbook_in
    from monitoring.present.workbook import write_workbook

    args.out.write_bytes(workbook_in(write_workbook(None, args.lang), fmt))
    print(t("cli.template_written", args.lang, path=str(args.out)))
    return 0


def report(args: argparse.Namespace, settings: Settings) -> int:
    """Write the dossier (ZIP) and its PDF report into `--out`; 4 without Chromium or font."""
    from monitoring.config import shipped
    from monitoring.present import dossier
    from monitoring.present.exports import ExportUnavailable

    lang: Lang = args.lang
    key: str | None = None
    version: str | None = None
    if args.files:
        loaded = load_dataset(args.files, settings, lang)
        if loaded is None:
            return EXIT_REJECTED
        dataset, label = loaded, ", ".join(p.name for p in args.files)
    else:
        key = args.dataset
        if args.version is None:
            info, dataset = stored(settings, key, args.lang)
            number = info.number
        else:
            with store_of(settings, args.lang) as store:
                dataset = store.read_dataset(key, args.version)
            number = args.version
        label, version = shipped.dataset_label(key, lang), str(number)
    plans = chosen_plans(dataset, args.plan, lang)
    if plans is None:
        return EXIT_REJECTED
    as_of = args.as_of or dt.date.today()
    try:
        built = dossier.build(
            dataset, dataset_label=label, version=version, as_of=as_of, lang=lang,
            plans=plans or None, voice=args.voice, dataset_key=key,
            now=dt.datetime.now(settings.time_zone),
        )  # fmt: skip
    except ExportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_SAVED
    name = key or args.files[0].stem  # a file given: named after it
    zip_path, pdf_path = (args.out / n for n in dossier.file_names(name, as_of, lang))
    args.out.mkdir(parents=True, exist_ok=True)
    zip_path.write_bytes(built.data)
    pdf_path.write_bytes(built.pdf())
    print(t("dossier.cli.written", lang, path=str(zip_path)))
    print(t("dossier.cli.pdf_written", lang, path=str(pdf_path), pages=built.pdf_pages))
    return EXIT_OK
