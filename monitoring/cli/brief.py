"""`brief`: the committee brief of a stored dataset, as a Word document or a PDF, or its
questions as the workbook the meeting's answers are typed into (`.xlsx`)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from monitoring.cli.common import EXIT_NOT_SAVED, EXIT_OK, EXIT_USAGE, store_of
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t

FORMATS = (".docx", ".pdf", ".xlsx", ".ods")  # the brief in Word or PDF; its questions


def brief(args: argparse.Namespace, settings: Settings) -> int:
    """Write the brief since `--since` or `--since-version` into `--out` (its extension
    chooses Word, PDF or the questions workbook); 2 for a wrong use (dates, plan,
    extension), 4 without the font."""
    from monitoring.analysis import brief as brief_
    from monitoring.config import shipped
    from monitoring.present import brief_docs
    from monitoring.present.exports import ExportUnavailable
    from monitoring.present.spreadsheets import workbook_in

    lang: Lang = args.lang
    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        print(t("brief.cli.format", lang, path=str(args.out)), file=sys.stderr)
        return EXIT_USAGE
    key, zone = args.dataset, settings.time_zone
    as_of = args.as_of or dt.datetime.now(zone).date()
    with store_of(settings, lang) as store:
        try:
            built = brief_.from_store(
                store, key, as_of=as_of, since=args.since, since_version=args.since_version,
                until=args.until, plans=list(dict.fromkeys(args.plan or ())), voice=args.voice,
                zone=zone,
            )  # fmt: skip
        except ValueError as exc:
            print(t("brief.cli.bad", lang, reason=str(exc)), file=sys.stderr)
            return EXIT_USAGE
        assert built.period.version is not None  # a stored version: its number is known
        ds = store.read_dataset(key, built.period.version)
    entry = shipped.find(key)
    about = brief_docs.About(
        dataset=shipped.dataset_label(key, lang), dataset_key=key,
        fictional=entry is not None and entry.fictional, generated=dt.datetime.now(zone),
    )  # fmt: skip
    try:
        if suffix == ".docx":
            data = brief_docs.brief_docx(built, ds, about, lang)
        elif suffix in (".xlsx", ".ods"):
            data = workbook_in(brief_docs.brief_questions(built, ds, about, lang), suffix[1:])
        else:
            data = brief_docs.brief_pdf(built, ds, about, lang)
    except ExportUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOT_SAVED
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(t("brief.cli.written", lang, path=str(args.out)))
    return EXIT_OK
