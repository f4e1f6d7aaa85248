"""The `plan-monitoring` command line: validate, summarise, import, history, diff, export.

    plan-monitoring import FILE... [--dataset KEY] [--note TEXT] [--author NAME] [--partial]
                           [--rewrite-history] [--replace]
    plan-monitoring history [--dataset KEY] [--json]
    plan-monitoring diff V1 V2 [--dataset KEY] [--as-of DATE] [--json]
    plan-monitoring log MEASURE | --recommendation ID [--dataset KEY] [--json]
    plan-monitoring export [--dataset KEY] [--version N] OUT.xlsx
    plan-monitoring restore N [--dataset KEY] [--author NAME] [--note TEXT]
    plan-monitoring validate|summary [FILE...] [--dataset KEY]   (no FILE: the stored version)
    plan-monitoring template OUT.xlsx
    plan-monitoring report [FILE...] [--dataset KEY] [--version N] [--as-of DATE]
                           [--plan ID]... --out DIR   (ZIP + PDF; 4 without Chromium)
    plan-monitoring backup OUT.sqlite
    plan-monitoring check [FILE.sqlite]
    plan-monitoring users list [--json]
    plan-monitoring users set EMAIL ROLE        (viewer, editor or admin)
    plan-monitoring users remove EMAIL
    plan-monitoring users unbind EMAIL          (free it from its sign-in account)
    plan-monitoring audit [--limit N] [--kind K ...] [--json] [--csv OUT.csv]

Every command that reads or writes versions uses the same store as the dashboard
(`PLAN_MONITORING_DATABASE_URL`, else SQLite in `PLAN_MONITORING_STATE_DIR`), and stores
the shipped datasets first when the store is empty (`backup` and `check` store nothing).

`backup` copies the SQLite store with SQLite's online backup API: a consistent copy even
while the dashboard saves versions; on PostgreSQL it says to use `pg_dump` and fails.
`check` runs `PRAGMA integrity_check` and reads every version back (its content hash
and its files' sha256 must match the stored ones), on the store or on a backup FILE
(opened read-only).

`users` manages who may do what in shared mode (`PLAN_MONITORING_MODE=shared`), and
`users unbind` frees an address from the identity-provider account its first sign-in
bound it to (see `monitoring.access`); `audit`
prints the audit trail, newest first (`--csv`: a file Excel opens, user text unable to
become a formula). Both use the store without seeding it. The command line acts as the
server's own admin (`access.local_actor()`): whoever has a shell on the server already
holds the database. Every change is in the audit trail under `local:<user name>`.

Exit codes: 0 success (file valid, version stored, backup written, check passed, role
set), 1 file rejected or unusable (or no such version, or the check found problems, or a
role change refused: the last admin, a user without a role), 2 wrong command usage
(`backup` of a PostgreSQL store, an e-mail address that is not one), 3 identical to the
current version or the same role as now (nothing stored), 4 could not save (database busy
or failing; nothing changed), 5 `import` refused a version that rewrites stored history
(assessments or events changed or removed) or replaces most of the data (half or more
of a sheet's plans, measures, recommendations or events removed) without
`--rewrite-history` / `--replace` (nothing stored). Messages are in
French unless `--lang en`. No traceback ever reaches the user: unexpected errors are
logged (to `plan-monitoring.log` in the state folder when nothing else collects logs)
and reported plainly.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import json
import logging
import sys
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitoring import shipped
from monitoring.access import (
    AUDIT_KINDS,
    ROLES,
    Actor,
    AuditEvent,
    Forbidden,
    Role,
    audit_detail,
    audit_table,
    local_actor,
    role_name,
)
from monitoring.dataset import Dataset
from monitoring.i18n import format_number, t
from monitoring.loading import LoadResult, load_bytes, load_paths
from monitoring.report import Report
from monitoring.schema import LANGS, VOICES, Lang, normalise_label
from monitoring.settings import SettingError, Settings, private_file, private_folder
from monitoring.storage import (
    DATASET_KEY,
    InvalidUserId,
    LastAdmin,
    StorageError,
    Store,
    VersionInfo,
    VersionNotFound,
    check_user_id,
)
from monitoring.storage.backup import BackupNotSqlite

if TYPE_CHECKING:
    from monitoring.changelog import ChangeLog

log = logging.getLogger("plan_monitoring")

VOICE_CHOICES = ("all", *(v.code for v in VOICES))
DEFAULT_DATASET = shipped.DEFAULT_KEY
LOG_FILE_NAME = "plan-monitoring.log"

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_IDENTICAL, EXIT_NOT_SAVED = 0, 1, 2, 3, 4
EXIT_UNCONFIRMED = 5  # `import` of a rewrite of history or a replacement, not confirmed
# The flag that confirms each refusal of `import` (`ImportResult.missing`).
REFUSED_HINTS = {"rewrite": "cli.refused.rewrite_hint", "replace": "cli.refused.replace_hint"}
AUDIT_LIMIT = 100  # events `audit` shows by default


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


def _dataset_key(text: str) -> str:
    if not DATASET_KEY.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a dataset name: lowercase letters, digits, - and _"
        )
    return text


def _version_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a version number (1, 2, …)")
    return int(text)


def _role(text: str) -> Role:
    """Accept a role's code or its name in French or English (`éditeur`, `Admin`)."""
    key = normalise_label(text)
    for role in ROLES:
        names = {role, *(normalise_label(t(f"access.role.{role}", lang)) for lang in LANGS)}
        if key in names:
            return role
    raise argparse.ArgumentTypeError(f"unknown role {text!r}; use one of {', '.join(ROLES)}")


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of events (0: all)")
    return int(text)


def _actor() -> Actor:
    """Who the command line acts as: the server's own admin, named after the OS user."""
    return local_actor()


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "cli"


def _common(parser: argparse.ArgumentParser, *, dataset: bool = True) -> None:
    if dataset:
        parser.add_argument(
            "--dataset",
            type=_dataset_key,
            default=DEFAULT_DATASET,
            help=f"default: {DEFAULT_DATASET}",
        )
    parser.add_argument("--lang", choices=LANGS, default="fr")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-monitoring",
        description="Suivi d'un plan d'action national / monitoring a national action plan.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check a workbook (or CSV files) against the format")
    validate.add_argument("files", nargs="*", type=Path, help="default: the stored version")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    _common(validate)

    summary = sub.add_parser("summary", help="key figures per plan")
    summary.add_argument("files", nargs="*", type=Path, help="default: the stored version")
    summary.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    summary.add_argument("--voice", type=_voice, default="all", help=", ".join(VOICE_CHOICES))
    summary.add_argument("--json", action="store_true")
    _common(summary)

    template = sub.add_parser("template", help="write the blank workbook")
    template.add_argument("out", type=Path)
    _common(template, dataset=False)

    imp = sub.add_parser("import", help="store a workbook (or CSV files) as a new version")
    imp.add_argument("files", nargs="+", type=Path, help="workbook, or one CSV per sheet")
    imp.add_argument("--note", default="", help="what this update is")
    imp.add_argument("--author", default=None, help="default: your user name")
    imp.add_argument(
        "--partial", action="store_true", help="the file holds only new Suivi/Chronologie rows"
    )
    imp.add_argument(
        "--rewrite-history",
        action="store_true",
        help="store it even if it changes or removes assessments or events already stored",
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="store it even if it removes half or more of the plans, measures, "
        "recommendations or events",
    )
    imp.add_argument("--as-of", type=_date, default=None, help="for the change review")
    imp.add_argument("--json", action="store_true")
    _common(imp)

    history = sub.add_parser("history", help="every stored version")
    history.add_argument("--json", action="store_true")
    _common(history)

    diff = sub.add_parser("diff", help="the changes between two versions")
    diff.add_argument("old", type=_version_number)
    diff.add_argument("new", type=_version_number)
    diff.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    diff.add_argument("--json", action="store_true")
    _common(diff)

    log = sub.add_parser(
        "log", help="every change of a measure (or a recommendation) across the versions"
    )
    log.add_argument("measure", nargs="?", default=None, help="a measure id (PAN2-M12)")
    log.add_argument(
        "--recommendation", default=None, metavar="ID", help="a recommendation id instead"
    )
    log.add_argument("--json", action="store_true")
    _common(log)

    export = sub.add_parser("export", help="write a version as a workbook (the upload format)")
    export.add_argument("out", type=Path)
    export.add_argument("--version", type=_version_number, default=None, help="default: current")
    _common(export)

    restore = sub.add_parser("restore", help="store an older version again as the newest")
    restore.add_argument("number", type=_version_number)
    restore.add_argument("--author", default=None, help="default: your user name")
    restore.add_argument("--note", default="")
    _common(restore)

    report = sub.add_parser("report", help="the dossier: charts, tables (XLSX) and a PDF report")
    report.add_argument("files", nargs="*", type=Path, help="default: the stored version")
    report.add_argument("--version", type=_version_number, default=None, help="default: current")
    report.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    report.add_argument("--plan", action="extend", nargs="+", default=None, help="plan ids")
    report.add_argument("--voice", type=_voice, default="all", help=", ".join(VOICE_CHOICES))
    report.add_argument("--out", type=Path, required=True, help="the folder to write into")
    _common(report)

    backup = sub.add_parser("backup", help="copy the SQLite store, safely while in use")
    backup.add_argument("out", type=Path, help="the backup file (replaced if it exists)")
    _common(backup, dataset=False)

    check = sub.add_parser("check", help="integrity check; every version read back")
    check.add_argument(
        "file", nargs="?", type=Path, default=None, help="a SQLite backup (default: the store)"
    )
    _common(check, dataset=False)

    users = sub.add_parser("users", help="who may do what (shared mode): list, set, remove")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    users_list = users_sub.add_parser("list", help="every user and their role")
    users_list.add_argument("--json", action="store_true")
    _common(users_list, dataset=False)
    users_set = users_sub.add_parser("set", help="give a user (their e-mail address) a role")
    users_set.add_argument("email")
    users_set.add_argument("role", type=_role, help=", ".join(ROLES))
    _common(users_set, dataset=False)
    users_remove = users_sub.add_parser("remove", help="take a user's access away")
    users_remove.add_argument("email")
    _common(users_remove, dataset=False)
    users_unbind = users_sub.add_parser(
        "unbind", help="free an address from the sign-in account bound to it"
    )
    users_unbind.add_argument("email")
    _common(users_unbind, dataset=False)

    audit = sub.add_parser("audit", help="the audit trail, newest first")
    audit.add_argument(
        "--limit", type=_count, default=AUDIT_LIMIT, help=f"default {AUDIT_LIMIT}; 0: all"
    )
    audit.add_argument("--kind", action="extend", nargs="+", choices=AUDIT_KINDS, default=None)
    audit.add_argument("--json", action="store_true")
    audit.add_argument("--csv", type=Path, default=None, metavar="OUT.csv")
    _common(audit, dataset=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    lang: Lang = getattr(args, "lang", "fr")
    try:
        settings = Settings.from_env()
    except SettingError as exc:  # one line naming the variable and what it accepts
        print(exc.message(lang), file=sys.stderr)
        return EXIT_USAGE
    handler = {
        "validate": _validate,
        "summary": _summary,
        "template": _template,
        "import": _import,
        "history": _history,
        "diff": _diff,
        "log": _log,
        "export": _export,
        "restore": _restore,
        "report": _report,
        "backup": _backup,
        "check": _check,
        "users": _users,
        "audit": _audit,
    }[args.command]
    with _log_to_file(settings):
        try:
            return handler(args, settings)
        except Forbidden as exc:
            log.warning("refused: %s", exc)
            print(t(exc.key, lang, role=role_name(exc.actor.role, lang)), file=sys.stderr)
            return EXIT_REJECTED
        except StorageError as exc:
            log.warning("storage error: %s", exc)
            print(t(exc.key, lang, **exc.params), file=sys.stderr)
            if isinstance(exc, BackupNotSqlite | InvalidUserId):
                return EXIT_USAGE
            refused = isinstance(exc, VersionNotFound | LastAdmin)
            return EXIT_REJECTED if refused else EXIT_NOT_SAVED
        except Exception:  # never a traceback for the user; the log keeps the details
            reference = uuid.uuid4().hex[:8]
            log.exception("unexpected error [%s]", reference)
            print(t("cli.unexpected", lang, ref=reference), file=sys.stderr)
            return 1


class _LogFile(logging.FileHandler):
    """The command's log file; a record it cannot write (a full disk) is dropped quietly.

    `logging` would otherwise print "--- Logging error ---" and a traceback on stderr
    for every record.
    """

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the last flush could not be written either
            self.failed = True


@contextlib.contextmanager
def _log_to_file(settings: Settings) -> Iterator[None]:
    """Send log records to a file while the command runs, unless something collects them.

    Without a handler, Python prints warnings and their tracebacks on stderr: the user
    would see a traceback. The file is created readable by its owner only (0600, its
    folder 0700): it may name users and files.
    """
    root = logging.getLogger()
    if root.handlers:
        yield
        return
    try:
        path = settings.state_dir / LOG_FILE_NAME
        private_folder(settings.state_dir)
        private_file(path)
        handler: logging.Handler = _LogFile(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()


def _open(settings: Settings) -> Store:
    """The store the settings name, with the shipped datasets stored if it is empty."""
    from monitoring.importing import ensure_seeded
    from monitoring.storage import open_store

    store = open_store(settings)
    ensure_seeded(store, settings.data_dir)
    return store


@contextlib.contextmanager
def _store(settings: Settings, lang: Lang, *, seed: bool = True) -> Iterator[Store]:
    """The store, closed afterwards; `seed=False` for commands that store no version."""
    from monitoring.storage import open_store

    store = _open(settings) if seed else open_store(settings)
    if not store.writable:  # reading works: said once, in one line
        print(t("storage.read_only_notice", lang), file=sys.stderr)
    try:
        yield store
    finally:
        store.close()


def _load(files: Sequence[Path], settings: Settings, lang: Lang) -> LoadResult | None:
    """Read and validate files; each size is checked on disk before anything is read."""
    missing = [p for p in files if not p.is_file()]
    if missing:
        print(t("cli.no_such_file", lang, path=str(missing[0])), file=sys.stderr)
        return None
    return load_paths(list(files), settings.limits)


def _stored(settings: Settings, dataset_key: str, lang: Lang) -> tuple[VersionInfo, Dataset]:
    from monitoring.importing import current_dataset

    with _store(settings, lang) as store:
        found = current_dataset(store, dataset_key)
    if found is None:
        raise VersionNotFound(dataset_key, dataset=dataset_key, version=1)
    return found


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    if args.files:
        result = _load(args.files, settings, lang)
    else:
        # The stored version, written in the upload format and read back: what a
        # coordinator downloading it would get.
        from monitoring.workbook import write_workbook

        info, dataset = _stored(settings, args.dataset, args.lang)
        name = f"{args.dataset}-v{info.number}.xlsx"
        result = load_bytes(name, write_workbook(dataset, lang), settings.limits)
    if result is None:
        if args.json:
            print(json.dumps({"ok": False, "issues": []}))
        return EXIT_REJECTED
    if args.json:
        print(result.report.to_json(lang))
    else:
        _print_report(result.report, lang)
    return EXIT_OK if result.ok else EXIT_REJECTED


def _print_report(report: Report, lang: Lang) -> None:
    for issue in report:
        print(f"[{issue.severity}] {issue.code}: {issue.message(lang)}")
    errors = report.error_count
    print(t("cli.valid", lang) if report.ok else t("cli.invalid", lang, count=errors))


def _summary(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    if args.files:
        result = _load(args.files, settings, lang)
        if result is None:
            return EXIT_REJECTED
        if result.dataset is None:
            _print_report(result.report, lang)
            return EXIT_REJECTED
        dataset = result.dataset
    else:
        dataset = _stored(settings, args.dataset, args.lang)[1]
    as_of = args.as_of or dt.date.today()
    document = summary_document(dataset, as_of, args.voice)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_summary(dataset, document["plans"], as_of, lang)
    return EXIT_OK


def summary_document(ds: Dataset, as_of: dt.date, voice: str = "all") -> dict[str, Any]:
    """What `summary --json` prints: the as-of date, the voice, the coverage threshold
    and `metrics.plan_summaries` (JSON-ready)."""
    from monitoring.metrics import COVERAGE_THRESHOLD, plan_summaries

    return {
        "as_of": as_of.isoformat(),
        "voice": voice,
        "coverage_threshold": COVERAGE_THRESHOLD,
        "plans": plan_summaries(ds, as_of, voice=voice),
    }


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.importing import import_upload
    from monitoring.preflight import size_issue
    from monitoring.reading import Upload

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
    files = [Upload(p.name, p.read_bytes()) for p in args.files]
    with _store(settings, args.lang) as store:
        result = import_upload(
            store,
            args.dataset,
            files,
            actor=_actor(),
            author=args.author or _default_author(),
            note=args.note,
            partial=args.partial,
            limits=settings.limits,
            allow_rewrite=args.rewrite_history,
            allow_replace=args.replace,
        )
        changes = None
        if result.status == "stored" and result.previous and result.dataset is not None:
            from monitoring.changes import compare

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
            _print_report(result.report, lang)
        stream = sys.stdout if result.status in ("stored", "identical") else sys.stderr
        hints = [t(REFUSED_HINTS[c], lang) for c in result.missing]
        print(" ".join([result.message(lang), *hints]), file=stream)
        for line in changes.summary(lang) if changes is not None else []:
            print("  " + line)
    return {
        "stored": EXIT_OK,
        "rejected": EXIT_REJECTED,
        "identical": EXIT_IDENTICAL,
        "refused": EXIT_UNCONFIRMED,
        "failed": EXIT_NOT_SAVED,
    }[result.status]


def _history(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    with _store(settings, args.lang) as store:
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


def _diff(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.changes import compare

    lang: Lang = args.lang
    as_of = args.as_of or dt.date.today()
    with _store(settings, args.lang) as store:
        old = store.read_dataset(args.dataset, args.old)
        new = store.read_dataset(args.dataset, args.new)
    changes = compare(old, new, as_of)
    if args.json:
        out = {"dataset": args.dataset, "old": args.old, "new": args.new, **changes.as_dict()}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("cli.diff_title", lang, dataset=args.dataset, old=args.old, new=args.new, as_of=as_of))
    for line in changes.summary(lang):
        print(line)
    if not changes.is_empty:
        rows = changes.rows(lang)
        if len(rows):
            print()
        for row in rows.itertuples(index=False):
            change, plan, item, voice, title, date, before, after = row
            where = " · ".join(str(x) for x in (plan, item, voice) if x)
            move = f"{before} → {after}" if before or after else ""
            print(" | ".join(str(x) for x in (change, where, title, date, move) if x))
        _print_cells(changes.cell_rows(lang), lang)
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


def _log(args: argparse.Namespace, settings: Settings) -> int:
    """`log`: every change of one measure or recommendation, newest version first."""
    from monitoring.changelog import change_log

    lang: Lang = args.lang
    if (args.measure is None) == (args.recommendation is None):
        print(t("cli.log.which", lang), file=sys.stderr)
        return EXIT_USAGE
    with _store(settings, lang) as store:
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
    print(log.summary(lang))
    _print_log(log, lang)
    return EXIT_OK


def _print_log(log: ChangeLog, lang: Lang) -> None:
    """Each version that changed it, then each row it changed, then each field:
    `    Intitulé : avant → après` (a row added or removed: `    Intitulé : valeur`)."""
    seen: tuple[object, ...] = ()
    for entry, row in zip(log.entries.to_dict("records"), log.rows(lang).to_dict("records"),
                          strict=True):  # fmt: skip
        if seen[:1] != (entry["version"],):
            names = {"number": row["version"], "previous": entry["previous"],
                     "when": _utc(entry["created_at"]), "author": row["author"]}  # fmt: skip
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


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.importing import export_version

    with _store(settings, args.lang) as store:
        data = export_version(store, args.dataset, args.version, args.lang)
        number = args.version or store.current(args.dataset).number  # type: ignore[union-attr]
    args.out.write_bytes(data)
    print(t("cli.exported", args.lang, dataset=args.dataset, number=number, path=str(args.out)))
    return EXIT_OK


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.importing import restore_version

    lang: Lang = args.lang
    with _store(settings, args.lang) as store:
        result = restore_version(
            store,
            args.dataset,
            args.number,
            actor=_actor(),
            author=args.author or _default_author(),
            note=args.note,
            lang=lang,
        )
    stream = sys.stdout if result.status in ("stored", "identical") else sys.stderr
    print(result.message(lang), file=stream)
    return {"stored": EXIT_OK, "identical": EXIT_IDENTICAL}.get(result.status, EXIT_NOT_SAVED)


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.storage.backup import backup_store
    from monitoring.storage.sql import SqlStore, sqlite_path

    lang: Lang = args.lang
    if sqlite_path(settings.store_url) is None:  # said before connecting to anything
        raise BackupNotSqlite("PostgreSQL store: use pg_dump")
    # Not `_store`: a backup copies what is there and stores nothing (no seeding).
    store = SqlStore(settings.store_url, allow_network_fs=settings.allow_network_fs)
    try:
        done = backup_store(store, args.out)
    finally:
        store.close()
    size = format_number(done.size, lang)
    print(t("cli.backup_done", lang, path=str(done.path), size=size))
    return EXIT_OK


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.storage.backup import check_store
    from monitoring.storage.sql import SqlStore

    lang: Lang = args.lang
    if args.file is not None:
        if not args.file.is_file():  # SQLite would create an empty database there
            print(t("cli.no_such_file", lang, path=str(args.file)), file=sys.stderr)
            return EXIT_REJECTED
        url = f"sqlite:///{args.file}"
        store = SqlStore(url, read_only=True, allow_network_fs=settings.allow_network_fs)
    else:
        store = SqlStore(settings.store_url, allow_network_fs=settings.allow_network_fs)
        if not store.writable:
            print(t("storage.read_only_notice", lang), file=sys.stderr)
    try:
        report = check_store(store)
    finally:
        store.close()
    if report.ok:
        print(t("cli.check_ok", lang, datasets=report.datasets, versions=report.versions))
        return EXIT_OK
    print(t("cli.check_failed", lang, count=len(report.problems)), file=sys.stderr)
    for problem in report.problems:
        print("  " + t(problem.key, lang, **problem.params), file=sys.stderr)
    return EXIT_REJECTED


def _utc(moment: dt.datetime | None) -> str:
    """A stored time as `2026-05-01 14:03 UTC` (for a terminal: the same in every language)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if moment else None


def _users(args: argparse.Namespace, settings: Settings) -> int:
    """`users list|set|remove`: the `users` table, each change in the audit trail."""
    lang: Lang = args.lang
    if args.users_command == "list":
        return _users_list(args, settings)
    user_id = check_user_id(args.email)  # InvalidUserId: exit 2, before opening anything
    if args.users_command == "unbind":
        with _store(settings, lang, seed=False) as store:
            account = store.unbind_account(user_id, by=_actor())
        if account is None:
            print(t("cli.users.not_bound", lang, user=user_id), file=sys.stderr)
            return EXIT_IDENTICAL
        print(t("cli.users.unbound", lang, user=user_id, issuer=account[0], subject=account[1]))
        return EXIT_OK
    role: Role | None = args.role if args.users_command == "set" else None
    with _store(settings, args.lang, seed=False) as store:
        old = store.user_role(user_id)
        if old is None and role is None:
            print(t("cli.users.not_found", lang, user=user_id), file=sys.stderr)
            return EXIT_REJECTED
        if old == role:
            print(t("cli.users.unchanged", lang, user=user_id, role=role_name(role, lang)))
            return EXIT_IDENTICAL
        store.set_role(user_id, role, by=_actor())
    names = {"user": user_id, "old": role_name(old, lang), "role": role_name(role, lang)}
    print(t("cli.users.set" if role else "cli.users.removed", lang, **names))
    if settings.mode == "local":
        print(t("cli.users.local_mode", lang), file=sys.stderr)
    return EXIT_OK


def _users_list(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    with _store(settings, args.lang, seed=False) as store:
        users = store.users()
    if args.json:
        rows = [
            {"user_id": u.user_id, "role": u.role, "updated_at": _iso(u.updated_at),
             "updated_by": u.updated_by}
            for u in users
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("cli.users.title", lang, count=len(users)) if users else t("cli.users.none", lang))
    for u in users:
        print(t("cli.users.line", lang, user=u.user_id, role=role_name(u.role, lang),
                when=_utc(u.updated_at), by=u.updated_by))  # fmt: skip
    if settings.admins:
        print(t("cli.users.permanent", lang, admins=", ".join(sorted(settings.admins))))
    if settings.mode == "local":
        print(t("cli.users.local_mode", lang), file=sys.stderr)
    return EXIT_OK


def _audit(args: argparse.Namespace, settings: Settings) -> int:
    """`audit`: the trail, newest first, as text, JSON or a formula-safe CSV file."""
    lang: Lang = args.lang
    with _store(settings, args.lang, seed=False) as store:
        events = store.audit(limit=args.limit or None, kinds=args.kind)
    if args.csv is not None:
        from monitoring import exports

        stamp = exports.Stamp(
            title=t("audit.title", lang), plan=None, as_of=dt.date.today(), dataset="",
            version=None, source=t("audit.source", lang), lang=lang,
        )  # fmt: skip
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        args.csv.write_bytes(exports.table_csv(audit_table(events, lang), stamp))
    if args.json:
        print(json.dumps([_audit_dict(e) for e in events], ensure_ascii=False, indent=2))
    elif args.csv is not None:
        print(t("cli.audit.written", lang, path=str(args.csv), count=len(events)))
    else:
        print(
            t("cli.audit.title", lang, count=len(events)) if events else t("cli.audit.none", lang)
        )
        for e in events:
            where = " v".join(str(x) for x in (e.dataset_key, e.version) if x is not None)
            print("  ".join(x for x in (
                _utc(e.at), t(f"audit.kind.{e.kind}", lang),
                f"{e.actor} ({role_name(e.role, lang)})", where, audit_detail(e, lang),
            ) if x))  # fmt: skip
    return EXIT_OK


def _audit_dict(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": _iso(event.at), "kind": event.kind, "actor": event.actor, "role": event.role,
        "dataset": event.dataset_key, "version": event.version, "detail": event.detail,
    }  # fmt: skip


def _print_summary(ds: Dataset, plans: list[dict[str, Any]], as_of: dt.date, lang: Lang) -> None:
    from monitoring.plan_text import plan_lines

    print(t("cli.summary_title", lang, name=ds.name, as_of=as_of))
    for plan in plans:
        print()
        print(f"{plan['plan_id']} — {plan['title']}")
        for line in plan_lines(plan, as_of, lang):
            print("  " + line)


def _template(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.workbook import write_workbook

    args.out.write_bytes(write_workbook(None, args.lang))
    print(t("cli.template_written", args.lang, path=str(args.out)))
    return 0


def _report(args: argparse.Namespace, settings: Settings) -> int:
    """Write the dossier (ZIP) and its PDF report into `--out`; 4 without Chromium or font."""
    from monitoring import dossier
    from monitoring.exports import ExportUnavailable

    lang: Lang = args.lang
    key: str | None = None
    version: str | None = None
    if args.files:
        result = _load(args.files, settings, lang)
        if result is None:
            return EXIT_REJECTED
        if result.dataset is None:
            _print_report(result.report, lang)
            return EXIT_REJECTED
        dataset, label = result.dataset, ", ".join(p.name for p in args.files)
    else:
        key = args.dataset
        if args.version is None:
            stored, dataset = _stored(settings, key, args.lang)
            number = stored.number
        else:
            with _store(settings, args.lang) as store:
                dataset = store.read_dataset(key, args.version)
            number = args.version
        label, version = shipped.dataset_label(key, lang), str(number)
    plans = list(dict.fromkeys(args.plan or ()))
    known = dataset.plans["plan_id"].tolist()
    for plan in plans:
        if plan not in known:
            print(t("dossier.cli.unknown_plan", lang, plan=plan, plans=", ".join(known)),
                  file=sys.stderr)  # fmt: skip
            return EXIT_REJECTED
    as_of = args.as_of or dt.date.today()
    try:
        built = dossier.build(
            dataset, dataset_label=label, version=version, as_of=as_of, lang=lang,
            plans=plans or None, voice=args.voice, dataset_key=key,
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


if __name__ == "__main__":
    sys.exit(main())
