"""The commands on stored versions: `import`, `history`, `diff`, `log`, `export`, `restore`.

Each uses the store (`PLAN_MONITORING_DATABASE_URL`, else SQLite), seeded with the
shipped datasets when empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from monitoring.cli.common import (
    EXIT_IDENTICAL,
    EXIT_NOT_SAVED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_UNCONFIRMED,
    EXIT_USAGE,
    actor,
    default_author,
    print_report,
    store_of,
    utc,
    workbook_out,
)
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import format_number, t

if TYPE_CHECKING:
    from monitoring.analysis.changelog import ChangeLog
    from monitoring.storage import Store

# The flag that confirms each refusal of `import` (`ImportResult.missing`).
REFUSED_HINTS = {"rewrite": "cli.refused.rewrite_hint", "replace": "cli.refused.replace_hint"}


def import_files(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.intake import isolation
    from monitoring.intake.preflight import size_issue
    from monitoring.intake.reading import Upload

    lang: Lang = args.lang
    missing = [p for p in args.files if not p.is_file()]
    if missing:
        print(t("cli.no_such_file", lang, path=str(missing[0])), file=sys.stderr)
        return EXIT_REJECTED
    oversized = [
        issue
        for p in args.files
        if (issue := size_issue(p.stat().st_size, settings.limits, p.name)) is not None
    ]
    if oversized:  # refused before the file is read into memory
        for issue in oversized:
            print(f"[{issue.severity}] {issue.code}: {issue.message(lang)}", file=sys.stderr)
        return EXIT_REJECTED
    # The parse child's fork server starts now, with the reader alone, and gets ready
    # while this process imports pandas and the store.
    isolation.warm_up(isolation.READER_PRELOAD)
    from monitoring.services.importing import import_upload

    files = [Upload(p.name, p.read_bytes()) for p in args.files]
    with store_of(settings, args.lang) as store:
        result = import_upload(
            store,
            args.dataset,
            files,
            actor=actor(),
            author=args.author or default_author(),
            note=args.note,
            partial=args.partial,
            limits=settings.limits,
            allow_rewrite=args.rewrite_history,
            allow_replace=args.replace,
        )
        changes = None
        if result.status == "stored" and result.previous and result.dataset is not None:
            from monitoring.analysis.changes import compare

            previous = store.read_dataset(args.dataset, result.previous.number)
            changes = compare(previous, result.dataset, args.as_of or dt.date.today())
    if args.json:
        out: dict[str, Any] = {
            "status": result.status,
            "message": result.message(lang),
            "version": result.version.as_dict() if result.version else None,
            "report": result.report.as_dict(lang),
            "changes": changes.as_dict() if changes is not None else None,
            "to_confirm": list(result.missing),  # refused: rewrite and/or replace
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        if result.status == "rejected" or len(result.report):
            print_report(result.report, lang)
        stream = sys.stdout if result.status in ("stored", "identical") else sys.stderr
        hints = [t(REFUSED_HINTS[c], lang) for c in result.missing]
        print(" ".join([result.message(lang), *hints]), file=stream)
        from monitoring.present.change_tables import summary_lines

        for line in summary_lines(changes, lang) if changes is not None else []:
            print("  " + line)
    return {
        "stored": EXIT_OK,
        "rejected": EXIT_REJECTED,
        "identical": EXIT_IDENTICAL,
        "refused": EXIT_UNCONFIRMED,
        "failed": EXIT_NOT_SAVED,
    }[result.status]


def history(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    with store_of(settings, args.lang) as store:
        versions = store.versions(args.dataset)
    if args.json:
        print(json.dumps([v.as_dict() for v in versions], ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("cli.history_title", lang, dataset=args.dataset, count=len(versions)))
    for v in versions:
        when = v.created_at.strftime("%Y-%m-%d %H:%M UTC")
        print(
            t(
                "cli.history_line",
                lang,
                number=v.number,
                when=when,
                author=v.author,
                kind=t(f"cli.kind.{v.kind}", lang),
                file=v.file_name,
                size=format_number(v.file_size, lang),
                measures=v.counts.measures,
                assessments=v.counts.assessments,
                events=v.counts.events,
            )
        )
        if v.note:
            print("      " + v.note)
    return EXIT_OK


def diff(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.analysis.changes import compare
    from monitoring.present.change_tables import change_rows, changed_cells, summary_lines

    lang: Lang = args.lang
    as_of = args.as_of or dt.date.today()
    with store_of(settings, args.lang) as store:
        old = store.read_dataset(args.dataset, args.old)
        new = store.read_dataset(args.dataset, args.new)
    changes = compare(old, new, as_of)
    if args.json:
        out = {"dataset": args.dataset, "old": args.old, "new": args.new, **changes.as_dict()}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("cli.diff_title", lang, dataset=args.dataset, old=args.old, new=args.new, as_of=as_of))
    for line in summary_lines(changes, lang):
        print(line)
    if not changes.is_empty:
        rows = change_rows(changes, lang)
        if len(rows):
            print()
        for row in rows.itertuples(index=False):
            change, plan, item, voice, title, date, before, after = row
            where = " · ".join(str(x) for x in (plan, item, voice) if x)
            move = f"{before} → {after}" if before or after else ""
            print(" | ".join(str(x) for x in (change, where, title, date, move) if x))
        _print_cells(changed_cells(changes, lang), lang)
    return EXIT_OK


def _print_cells(rows: Any, lang: Lang) -> None:
    """Every cell change, grouped by sheet, then by row: `  Intitulé : avant → après`."""
    print()
    print(t("changes.cells_title", lang))
    sheet_seen, row_seen = None, None
    for sheet, row, change, name, before, after in rows.itertuples(index=False):
        if sheet != sheet_seen:
            print(f"{sheet}")
            sheet_seen, row_seen = sheet, None
        if before or after:
            if row != row_seen:
                print(f"  {row}")
                row_seen = row
            print("    " + t("changes.cell_line", lang, field=name, before=before, after=after))
        else:
            print("  " + " · ".join(str(x) for x in (change, row, name) if x))
            row_seen = None


def item_log(args: argparse.Namespace, settings: Settings) -> int:
    """`log`: every change of one measure or recommendation, newest version first."""
    from monitoring.analysis.changelog import change_log

    lang: Lang = args.lang
    if (args.measure is None) == (args.recommendation is None):
        print(t("cli.log.which", lang), file=sys.stderr)
        return EXIT_USAGE
    with store_of(settings, lang) as store:
        log = change_log(store, args.dataset, measure_id=args.measure, rec_id=args.recommendation)
        if log.is_empty and not _in_current(store, args.dataset, log.subject, log.item_id):
            names = {"dataset": args.dataset, "item": log.item_id}
            print(t(f"cli.log.unknown.{log.subject}", lang, **names), file=sys.stderr)
            return EXIT_REJECTED
    if args.json:
        out = {"dataset": args.dataset, log.subject: log.item_id,
               "versions": list(log.versions), "changes": log.records()}  # fmt: skip
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t(f"cli.log.title.{log.subject}", lang, dataset=args.dataset, item=log.item_id))
    from monitoring.present.change_tables import change_log_summary

    print(change_log_summary(log, lang))
    _print_log(log, lang)
    return EXIT_OK


def _print_log(log: ChangeLog, lang: Lang) -> None:
    """Each version that changed it, then each row it changed, then each field:
    `    Intitulé : avant → après` (a row added or removed: `    Intitulé : valeur`)."""
    from monitoring.present.change_tables import change_log_rows

    seen: tuple[object, ...] = ()
    rows = change_log_rows(log, lang).to_dict("records")
    for entry, row in zip(log.entries.to_dict("records"), rows, strict=True):
        if seen[:1] != (entry["version"],):
            names = {"number": row["version"], "previous": entry["previous"],
                     "when": utc(entry["created_at"]), "author": row["author"]}  # fmt: skip
            note = f" · {row['note']}" if row["note"] else ""
            print()
            print(t("cli.log.version", lang, **names) + note)
            seen = ()
        place = (entry["version"], row["sheet"], row["row"], entry["change"])
        if place != seen:
            whole_row = f" — {row['change']}" if entry["change"] != "changed" else ""
            print(f"  {row['sheet']} · {row['row']}{whole_row}")
            seen = place
        if entry["field"] is None:
            continue
        if entry["change"] == "changed":
            line = t("changes.cell_line", lang, field=row["field"], before=row["before"],
                     after=row["after"])  # fmt: skip
        else:
            value = row["after"] if entry["change"] == "added" else row["before"]
            line = t("cli.log.value_line", lang, field=row["field"], value=value)
        print("    " + line)


def _in_current(store: Store, dataset_key: str, subject: str, item_id: str) -> bool:
    """Whether the current version holds this measure or recommendation."""
    current = store.current(dataset_key)
    if current is None:
        return False
    dataset = store.read_dataset(dataset_key, current.number)
    table, column = (
        (dataset.measures, "measure_id") if subject == "measure" else
        (dataset.recommendations, "rec_id")
    )  # fmt: skip
    return bool(table[column].eq(item_id).any())


def export(args: argparse.Namespace, settings: Settings) -> int:
    fmt = workbook_out(args.out, args.lang)
    if fmt is None:
        return EXIT_USAGE
    from monitoring.services.importing import export_version

    with store_of(settings, args.lang) as store:
        data = export_version(store, args.dataset, args.version, args.lang, fmt)
        number = args.version or store.current(args.dataset).number  # type: ignore[union-attr]
    args.out.write_bytes(data)
    print(t("cli.exported", args.lang, dataset=args.dataset, number=number, path=str(args.out)))
    return EXIT_OK


def restore(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.services.importing import restore_version

    lang: Lang = args.lang
    with store_of(settings, args.lang) as store:
        result = restore_version(
            store,
            args.dataset,
            args.number,
            actor=actor(),
            author=args.author or default_author(),
            note=args.note,
            lang=lang,
        )
    stream = sys.stdout if result.status in ("stored", "identical") else sys.stderr
    print(result.message(lang), file=stream)
    return {"stored": EXIT_OK, "identical": EXIT_IDENTICAL}.get(result.status, EXIT_NOT_SAVED)
