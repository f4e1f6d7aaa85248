"""The store's keeping: `backup`, `check`, `users` and `audit`.

None stores the shipped datasets: `backup` and `check` open the store directly, `users`
and `audit` without seeding it. The command line acts as the server's own admin.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from monitoring.cli.common import (
    EXIT_IDENTICAL,
    EXIT_OK,
    EXIT_REJECTED,
    actor,
    iso,
    store_of,
    utc,
)
from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.storage import check_user_id
from monitoring.storage.access import audit_detail, audit_table, role_name
from monitoring.text.i18n import format_number, t

if TYPE_CHECKING:
    from monitoring.storage.access import AuditEvent, Role


def backup(args: argparse.Namespace, settings: Settings) -> int:
    from monitoring.storage.backup import BackupNotSqlite, backup_store
    from monitoring.storage.sql import SqlStore, sqlite_path

    lang: Lang = args.lang
    if sqlite_path(settings.store_url) is None:  # said before connecting to anything
        raise BackupNotSqlite("PostgreSQL store: use pg_dump")
    # Not `store_of`: a backup copies what is there and stores nothing (no seeding).
    store = SqlStore(settings.store_url, allow_network_fs=settings.allow_network_fs)
    try:
        done = backup_store(store, args.out)
    finally:
        store.close()
    size = format_number(done.size, lang)
    print(t("cli.backup_done", lang, path=str(done.path), size=size))
    return EXIT_OK


def check(args: argparse.Namespace, settings: Settings) -> int:
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


def users(args: argparse.Namespace, settings: Settings) -> int:
    """`users list|set|remove`: the `users` table, each change in the audit trail."""
    lang: Lang = args.lang
    if args.users_command == "list":
        return _users_list(args, settings)
    user_id = check_user_id(args.email)  # InvalidUserId: exit 2, before opening anything
    if args.users_command == "unbind":
        with store_of(settings, lang, seed=False) as store:
            account = store.unbind_account(user_id, by=actor())
        if account is None:
            print(t("cli.users.not_bound", lang, user=user_id), file=sys.stderr)
            return EXIT_IDENTICAL
        print(t("cli.users.unbound", lang, user=user_id, issuer=account[0], subject=account[1]))
        return EXIT_OK
    role: Role | None = args.role if args.users_command == "set" else None
    with store_of(settings, args.lang, seed=False) as store:
        old = store.user_role(user_id)
        if old is None and role is None:
            print(t("cli.users.not_found", lang, user=user_id), file=sys.stderr)
            return EXIT_REJECTED
        if old == role:
            print(t("cli.users.unchanged", lang, user=user_id, role=role_name(role, lang)))
            return EXIT_IDENTICAL
        store.set_role(user_id, role, by=actor())
    names = {"user": user_id, "old": role_name(old, lang), "role": role_name(role, lang)}
    print(t("cli.users.set" if role else "cli.users.removed", lang, **names))
    if settings.mode == "local":
        print(t("cli.users.local_mode", lang), file=sys.stderr)
    return EXIT_OK


def _users_list(args: argparse.Namespace, settings: Settings) -> int:
    lang: Lang = args.lang
    with store_of(settings, args.lang, seed=False) as store:
        users = store.users()
    if args.json:
        rows = [
            {"user_id": u.user_id, "role": u.role, "updated_at": iso(u.updated_at),
             "updated_by": u.updated_by}
            for u in users
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("cli.users.title", lang, count=len(users)) if users else t("cli.users.none", lang))
    for u in users:
        print(t("cli.users.line", lang, user=u.user_id, role=role_name(u.role, lang),
                when=utc(u.updated_at), by=u.updated_by))  # fmt: skip
    if settings.admins:
        print(t("cli.users.permanent", lang, admins=", ".join(sorted(settings.admins))))
    if settings.mode == "local":
        print(t("cli.users.local_mode", lang), file=sys.stderr)
    return EXIT_OK


def audit(args: argparse.Namespace, settings: Settings) -> int:
    """`audit`: the trail, newest first, as text, JSON or a formula-safe CSV file."""
    lang: Lang = args.lang
    with store_of(settings, args.lang, seed=False) as store:
        events = store.audit(limit=args.limit or None, kinds=args.kind)
    if args.csv is not None:
        from monitoring.present import exports

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
                utc(e.at), t(f"audit.kind.{e.kind}", lang),
                f"{e.actor} ({role_name(e.role, lang)})", where, audit_detail(e, lang),
            ) if x))  # fmt: skip
    return EXIT_OK


def _audit_dict(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": iso(event.at), "kind": event.kind, "actor": event.actor, "role": event.role,
        "dataset": event.dataset_key, "version": event.version, "detail": event.detail,
    }  # fmt: skip
