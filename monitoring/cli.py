"""The `plan-monitoring` command line: validate, summarise, write the blank template.

Exit codes: 0 success (file valid), 1 file rejected or unusable, 2 wrong command usage.
No traceback ever reaches the user: unexpected errors are logged and reported plainly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from monitoring.dataset import Dataset
from monitoring.i18n import format_date, format_number, format_percent, t
from monitoring.loading import SHIPPED, LoadResult, load_paths
from monitoring.report import Report
from monitoring.schema import LANGS, VOICES, Lang, normalise_label

log = logging.getLogger("plan_monitoring")

VOICE_CHOICES = ("all", *(v.code for v in VOICES))


def _voice(text: str) -> str:
    """Accept `all`, a voice code, or its French or English label."""
    key = normalise_label(text)
    if key in ("all", "toutes", "tous"):
        return "all"
    for voice in VOICES:
        if key in voice.match_keys():
            return voice.code
    raise argparse.ArgumentTypeError(f"unknown voice {text!r}; use one of {VOICE_CHOICES}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-monitoring",
        description="Suivi d'un plan d'action national / monitoring a national action plan.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check a workbook (or CSV files) against the format")
    validate.add_argument("files", nargs="*", type=Path, help="workbook, or one CSV per sheet")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument("--lang", choices=LANGS, default="fr")

    summary = sub.add_parser("summary", help="key figures per plan")
    summary.add_argument("files", nargs="*", type=Path, help="workbook, or one CSV per sheet")
    summary.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    summary.add_argument("--voice", type=_voice, default="all", help=", ".join(VOICE_CHOICES))
    summary.add_argument("--json", action="store_true")
    summary.add_argument("--lang", choices=LANGS, default="fr")

    template = sub.add_parser("template", help="write the blank workbook")
    template.add_argument("out", type=Path)
    template.add_argument("--lang", choices=LANGS, default="fr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        handler = {"validate": _validate, "summary": _summary, "template": _template}
        return handler[args.command](args)
    except Exception:  # never a traceback for the user; the log keeps the details
        reference = uuid.uuid4().hex[:8]
        log.exception("unexpected error [%s]", reference)
        print(t("cli.unexpected", getattr(args, "lang", "fr"), ref=reference), file=sys.stderr)
        return 1


def _load(files: Sequence[Path], lang: Lang) -> LoadResult | None:
    missing = [p for p in files if not p.is_file()]
    if missing:
        print(t("cli.no_such_file", lang, path=str(missing[0])), file=sys.stderr)
        return None
    return load_paths(list(files) or [SHIPPED["france"]])


def _validate(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    result = _load(args.files, lang)
    if result is None:
        if args.json:
            print(json.dumps({"ok": False, "issues": []}))
        return 1
    if args.json:
        print(result.report.to_json(lang))
    else:
        _print_report(result.report, lang)
    return 0 if result.ok else 1


def _print_report(report: Report, lang: Lang) -> None:
    for issue in report:
        print(f"[{issue.severity}] {issue.code}: {issue.message(lang)}")
    errors = report.error_count
    print(t("cli.valid", lang) if report.ok else t("cli.invalid", lang, count=errors))


def _summary(args: argparse.Namespace) -> int:
    from monitoring.metrics import plan_summaries

    lang: Lang = args.lang
    result = _load(args.files, lang)
    if result is None:
        return 1
    if result.dataset is None:
        _print_report(result.report, lang)
        return 1
    as_of = args.as_of or dt.date.today()
    plans = plan_summaries(result.dataset, as_of, voice=args.voice)
    if args.json:
        print(
            json.dumps({"as_of": as_of.isoformat(), "plans": plans}, ensure_ascii=False, indent=2)
        )
    else:
        _print_summary(result.dataset, plans, as_of, lang)
    return 0


def _print_summary(ds: Dataset, plans: list[dict[str, Any]], as_of: dt.date, lang: Lang) -> None:
    print(t("cli.summary_title", lang, name=ds.name, as_of=as_of))
    for plan in plans:
        counts = plan["status_counts"]
        print()
        print(f"{plan['plan_id']} — {plan['title']}")
        adopted = dt.date.fromisoformat(plan["adopted_date"]) if plan["adopted_date"] else None
        print("  " + t("cli.adopted", lang, date=format_date(adopted, lang)))
        print("  " + t("cli.measures", lang, count=plan["measures"]))
        print("  " + t("cli.status_counts", lang, **counts))
        print("  " + t("cli.completion", lang, rate=format_percent(plan["completion_rate"], lang)))
        print("  " + t("cli.overdue", lang, count=plan["overdue"]))
        print("  " + t("cli.unassessed", lang, count=plan["past_due_unassessed"]))
        delay = plan["median_delay_days"]
        print("  " + t("cli.median_delay", lang, days=format_number(delay, lang)))
        print("  " + t("cli.retention", lang, **plan["retention_counts"]))
        for key in ("adoption_delay_days", "gap_before_days"):
            if plan[key] is not None:
                print("  " + t(f"cli.{key}", lang, days=plan[key]))


def _template(args: argparse.Namespace) -> int:
    from monitoring.workbook import write_workbook

    args.out.write_bytes(write_workbook(None, args.lang))
    print(t("cli.template_written", args.lang, path=str(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
