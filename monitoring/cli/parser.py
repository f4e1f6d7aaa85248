"""The command line's arguments: every command and option, and nothing heavy imported.

Each command's module is imported by `monitoring.cli.run` only once the arguments name
it: parsing reads the schema's voices and languages, the roles and audit kinds, and the
dataset-key pattern, all plain Python (no pandas, no SQLAlchemy).

The global options (`--lang`, `--dataset`, `--json`) are accepted before the command as
well as after it, where the command takes them (`parse` merges the two places); every
command's `--help` ends with an example (`EXAMPLES`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from monitoring import __version__
from monitoring.config import shipped
from monitoring.contract.publication import (
    VOICE_CODES,
    WITHHOLDABLE,
    ScopeError,
    parse_sheets,
    parse_voices,
)
from monitoring.contract.schema import LANGS, VOICES, normalise_label
from monitoring.storage import DATASET_KEY
from monitoring.storage.access import AUDIT_KINDS, ROLES, Role
from monitoring.text.i18n import t

VOICE_CHOICES = ("all", *(v.code for v in VOICES))
DEFAULT_DATASET = shipped.DEFAULT_KEY
AUDIT_LIMIT = 100  # events `audit` shows by default
REPLY_AFTER_DAYS = 60  # `analysis.reminders.DEFAULT_REPLY_AFTER`, without importing pandas
GLOBAL_OPTIONS = ("lang", "dataset", "json")  # accepted before the command too

# Each command's example, shown at the end of its `--help` (the path: "users set", …).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": ("validate donnees.xlsx --annotate donnees-annotees.ods", "validate --json"),
    "summary": ("--lang en summary --as-of 2026-06-30 --json",),
    "template": ("template modele.ods", "template --lang en template.xlsx"),
    "import": ("import donnees.ods --note 'Mise à jour de juin'",),
    "history": ("history --json",),
    "diff": ("diff 1 2 --as-of 2026-06-30",),
    "log": ("log PAN2-M12", "log --recommendation R-12 --json"),
    "export": ("export donnees.ods", "export --version 2 donnees-v2.xlsx"),
    "restore": ("restore 2 --note 'Retour à la version de mai'",),
    "report": ("report --as-of 2026-06-30 --out dossier",),
    "publish": ("publish --out site", "publish --out site --public-voices civil_society"),
    "brief": (
        "brief --since 2026-06-01 --until 2027-01-15 --out comite.docx",
        "brief --since-version 3 --out questions.xlsx",
    ),
    "calendar": ("calendar --out rappels.ics --next-meeting 2027-01-15 --reply-after 45",),
    "backup": ("backup sauvegarde.sqlite",),
    "check": ("check sauvegarde.sqlite",),
    "users": ("users list --json",),
    "users list": ("users list --json",),
    "users set": ("users set marie@example.org editor",),
    "users remove": ("users remove marie@example.org",),
    "users unbind": ("users unbind marie@example.org",),
    "audit": ("audit --limit 20 --kind export", "audit --csv journal.csv"),
}


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


def _public(parse: Callable[[list[str]], frozenset[str]]) -> Callable[[str], frozenset[str]]:
    """An option's reader of comma-separated voices or sheets (`parse_voices`, `parse_sheets`)."""

    def read(text: str) -> frozenset[str]:
        try:
            return parse(text.split(","))
        except ScopeError as exc:
            raise argparse.ArgumentTypeError(f"unknown {exc.kind} {exc.value!r}") from exc

    return read


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0, 1, 2, …)")
    return int(text)


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


def _common(parser: argparse.ArgumentParser, *, dataset: bool = True) -> None:
    # Defaults are SUPPRESS here: `parse` fills them in, after the global ones (before
    # the command) had their say.
    if dataset:
        parser.add_argument(
            "--dataset",
            type=_dataset_key,
            default=argparse.SUPPRESS,
            help=f"default: {DEFAULT_DATASET}",
        )
    parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help="default: fr")


def _epilog(command: str) -> str:
    lines = "\n".join(f"  plan-monitoring {example}" for example in EXAMPLES[command])
    return f"exemple / example:\n{lines}"


class _Commands:
    """`add_parser` with the command's example as its help's epilog."""

    def __init__(self, sub: Any, prefix: str = "") -> None:
        self.sub, self.prefix = sub, prefix

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self.sub.add_parser(
            name,
            epilog=_epilog(self.prefix + name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kwargs,
        )
        return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments, the global options merged: after the command wins over before it.

    A global option before a command that does not take it (`--dataset` before
    `template`) is a usage error, as it would be after the command.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    takes = set(vars(args)) | _takes(parser, args)
    for name in GLOBAL_OPTIONS:
        before = getattr(args, f"global_{name}")
        delattr(args, f"global_{name}")
        if before in (None, False):
            continue
        if name not in takes:
            parser.error(f"--{name}: not an option of {_command_path(args)}")
        if name == "json":
            args.json = True
        elif not hasattr(args, name):
            setattr(args, name, before)
    if "lang" not in vars(args):
        args.lang = "fr"
    if "dataset" in takes and "dataset" not in vars(args):
        args.dataset = DEFAULT_DATASET
    return args


def _command_path(args: argparse.Namespace) -> str:
    sub = getattr(args, "users_command", None)
    return f"{args.command} {sub}" if sub else args.command


def _takes(parser: argparse.ArgumentParser, args: argparse.Namespace) -> set[str]:
    """The options the chosen command declares (their `dest`), defaults suppressed or not."""
    found: set[str] = set()
    for name in _command_path(args).split():
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[name]
        found = {a.dest for a in parser._actions}
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-monitoring",
        description="Suivi d'un plan d'action national / monitoring a national action plan.",
        epilog="exemple / example:\n  plan-monitoring --lang en summary --json\n"
        "  plan-monitoring COMMANDE --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"plan-monitoring {__version__}")
    parser.add_argument(
        "--lang", choices=LANGS, default=None, dest="global_lang",
        help="langue des messages / language of messages (default: fr)",
    )  # fmt: skip
    parser.add_argument(
        "--dataset", type=_dataset_key, default=None, dest="global_dataset", metavar="DATASET",
        help=f"for the commands that take it (default: {DEFAULT_DATASET})",
    )  # fmt: skip
    parser.add_argument(
        "--json", action="store_true", dest="global_json",
        help="for the commands that print JSON",
    )  # fmt: skip
    sub = _Commands(parser.add_subparsers(dest="command", required=True))

    validate = sub.add_parser("validate", help="check a workbook (or CSV files) against the format")
    validate.add_argument("files", nargs="*", type=Path, help="default: the stored version")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument(
        "--annotate", type=Path, default=None, metavar="OUT.xlsx|OUT.ods",
        help="write the file with every problem marked on its cell (as the Update page does)",
    )  # fmt: skip
    _common(validate)

    summary = sub.add_parser("summary", help="key figures per plan")
    summary.add_argument("files", nargs="*", type=Path, help="default: the stored version")
    summary.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    summary.add_argument("--voice", type=_voice, default="all", help=", ".join(VOICE_CHOICES))
    summary.add_argument("--json", action="store_true")
    _common(summary)

    template = sub.add_parser("template", help="write the blank workbook")
    template.add_argument("out", type=Path, help="OUT.xlsx or OUT.ods")
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
    export.add_argument("out", type=Path, help="OUT.xlsx or OUT.ods")
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

    brief = sub.add_parser(
        "brief",
        help="the committee brief since a date or a version: Word (.docx), PDF, or its "
        "questions as a workbook to fill in (.xlsx or .ods)",
    )
    since = brief.add_mutually_exclusive_group(required=True)
    since.add_argument("--since", type=_date, help="the last meeting's date (YYYY-MM-DD)")
    since.add_argument("--since-version", type=_version_number, help="or a version's number")
    brief.add_argument("--until", type=_date, default=None, help="the next meeting's date")
    brief.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    brief.add_argument("--plan", action="extend", nargs="+", default=None, help="plan ids")
    brief.add_argument("--voice", type=_voice, default="all", help=", ".join(VOICE_CHOICES))
    brief.add_argument(
        "--out",
        type=Path,
        required=True,
        help="FILE.docx, FILE.pdf, or FILE.xlsx or FILE.ods (the questions)",
    )
    _common(brief)

    publish = sub.add_parser(
        "publish",
        help="make a version public: a static site and its open data package (datapackage.json)",
    )
    publish.add_argument("files", nargs="*", type=Path, help="default: the stored version")
    publish.add_argument("--version", type=_version_number, default=None, help="default: current")
    publish.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    publish.add_argument("--out", type=Path, required=True, help="the folder to write into")
    publish.add_argument(
        "--public-voices", type=_public(parse_voices), default=None, metavar="VOICES",
        help="comma-separated voices made public (default: PLAN_MONITORING_PUBLIC_VOICES, "
        "else all): " + ", ".join(VOICE_CODES),
    )  # fmt: skip
    publish.add_argument(
        "--public-sheets", type=_public(parse_sheets), default=None, metavar="SHEETS",
        help="comma-separated sheets made public among those that can be withheld, or none "
        "(default: PLAN_MONITORING_PUBLIC_SHEETS, else all): " + ", ".join(WITHHOLDABLE),
    )  # fmt: skip
    publish.add_argument(
        "--with-extra-columns", action="store_true", default=None,
        help="also publish the columns added beyond the contract (internal notes)",
    )  # fmt: skip
    publish.add_argument(
        "--with-emails", action="store_true", default=None,
        help="publish e-mail addresses written in cells (masked by default)",
    )  # fmt: skip
    _common(publish)

    calendar = sub.add_parser(
        "calendar",
        help="the reminders calendar (.ics): deadlines, letters awaiting a reply, next committee",
    )
    calendar.add_argument("--out", type=Path, required=True, help="the .ics file to write")
    calendar.add_argument("--next-meeting", type=_date, default=None, help="YYYY-MM-DD")
    calendar.add_argument(
        "--reply-after", type=_days, default=None, help=f"days (default: {REPLY_AFTER_DAYS})"
    )
    calendar.add_argument("--plan", action="extend", nargs="+", default=None, help="plan ids")
    calendar.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    _common(calendar)

    backup = sub.add_parser("backup", help="copy the SQLite store, safely while in use")
    backup.add_argument("out", type=Path, help="the backup file (replaced if it exists)")
    _common(backup, dataset=False)

    check = sub.add_parser("check", help="integrity check; every version read back")
    check.add_argument(
        "file", nargs="?", type=Path, default=None, help="a SQLite backup (default: the store)"
    )
    _common(check, dataset=False)

    users = sub.add_parser("users", help="who may do what (shared mode): list, set, remove")
    users_sub = _Commands(users.add_subparsers(dest="users_command", required=True), "users ")
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
