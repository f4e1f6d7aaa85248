"""`validate` and `summary`: a workbook (or CSV files) checked, or its key figures.

Given files, they read them in the parse child and validate them here: neither the store
(SQLAlchemy) nor the charts or the workbook writer are imported. Without files they read
the stored version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from monitoring.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    load,
    load_dataset,
    print_report,
    stored,
    workbook_out,
)
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.intake.reading import Upload
from monitoring.present.spreadsheets import WorkbookFormat
from monitoring.text.i18n import t

if TYPE_CHECKING:
    from monitoring.contract.dataset import Dataset


def validate(args: argparse.Namespace, settings: Settings) -> int:
    """Check the files (or the stored version); `--annotate OUT` also writes them with every
    problem marked on its cell, as the Update page's annotated workbook."""
    lang: Lang = args.lang
    fmt: WorkbookFormat | None = None
    if args.annotate is not None and (fmt := workbook_out(args.annotate, lang)) is None:
        return EXIT_USAGE
    if args.files:
        result = load(args.files, settings, lang, assemble=False)  # the report only
        uploads = lambda: [Upload(p.name, p.read_bytes()) for p in args.files]  # noqa: E731
    else:
        # The stored version, written in the upload format and read back: what a
        # coordinator downloading it would get.
        from monitoring.intake.loading import load_bytes
        from monitoring.present.workbook import write_workbook

        info, dataset = stored(settings, args.dataset, args.lang)
        name = f"{args.dataset}-v{info.number}.xlsx"
        data = write_workbook(dataset, lang)
        result = load_bytes(name, data, settings.limits)
        uploads = lambda: [Upload(name, data)]  # noqa: E731
    if result is None:
        if args.json:
            print(json.dumps({"ok": False, "issues": []}))
        return EXIT_REJECTED
    if args.json:
        print(result.report.to_json(lang))
    else:
        print_report(result.report, lang)
    if fmt is not None:
        from monitoring.services.annotate import annotated_upload

        marked = annotated_upload(uploads(), result.report, lang, settings.limits, fmt)
        args.annotate.write_bytes(marked)
        # On stderr with --json: stdout stays one JSON document.
        stream = sys.stderr if args.json else sys.stdout
        print(t("cli.annotated_written", lang, path=str(args.annotate)), file=stream)
    return EXIT_OK if result.ok else EXIT_REJECTED


def summary(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    if args.files:
        # The figures' module (~0.015 s) is imported while the child reads.
        loaded = load_dataset(args.files, settings, lang, meanwhile=[FIGURES])
        if loaded is None:
            return EXIT_REJECTED
        dataset = loaded
    else:
        dataset = stored(settings, args.dataset, args.lang)[1]
    as_of = args.as_of or dt.date.today()
    document = summary_document(dataset, as_of, args.voice)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_summary(dataset, document["plans"], as_of, lang)
    return EXIT_OK


FIGURES = "monitoring.analysis.metrics"


def summary_document(ds: Dataset, as_of: dt.date, voice: str = "all") -> dict[str, Any]:
    """What `summary --json` prints: the as-of date, the voice, the coverage threshold
    and `metrics.plan_summaries` (JSON-ready)."""
    from monitoring.analysis.metrics import COVERAGE_THRESHOLD, plan_summaries

    return {
        "as_of": as_of.isoformat(),
        "voice": voice,
        "coverage_threshold": COVERAGE_THRESHOLD,
        "plans": plan_summaries(ds, as_of, voice=voice),
    }


def _print_summary(ds: Dataset, plans: list[dict[str, Any]], as_of: dt.date, lang: Lang) -> None:
    from monitoring.present.plan_text import plan_lines

    print(t("cli.summary_title", lang, name=ds.name, as_of=as_of))
    for plan in plans:
        print()
        print(f"{plan['plan_id']} — {plan['title']}")
        for line in plan_lines(plan, as_of, lang):
            print("  " + line)
