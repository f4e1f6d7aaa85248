"""The `plan-monitoring` command line: validate, summarise, import, history, diff, export.

    plan-monitoring import FILE... [--dataset KEY] [--note TEXT] [--author NAME] [--partial]
                           [--rewrite-history] [--replace]
    plan-monitoring history [--dataset KEY] [--json]
    plan-monitoring diff V1 V2 [--dataset KEY] [--as-of DATE] [--json]
    plan-monitoring log MEASURE | --recommendation ID [--dataset KEY] [--json]
    plan-monitoring export [--dataset KEY] [--version N] OUT.xlsx|OUT.ods
    plan-monitoring restore N [--dataset KEY] [--author NAME] [--note TEXT]
    plan-monitoring validate|summary [FILE...] [--dataset KEY]   (no FILE: the stored version)
    plan-monitoring validate FILE... --annotate OUT.xlsx|OUT.ods  (every problem marked)
    plan-monitoring template OUT.xlsx|OUT.ods
    plan-monitoring report [FILE...] [--dataset KEY] [--version N] [--as-of DATE]
                           [--plan ID]... --out DIR   (ZIP + PDF; 4 without Chromium)
    plan-monitoring brief --since DATE | --since-version N [--until DATE] [--as-of DATE]
                           [--plan ID]... [--voice V] --out FILE.docx|FILE.pdf
                           (the committee brief)
    plan-monitoring publish [FILE...] [--dataset KEY] [--version N] --out DIR
                           (the open data package, in DIR/data/)
    plan-monitoring backup OUT.sqlite
    plan-monitoring check [FILE.sqlite]
    plan-monitoring users list [--json]
    plan-monitoring users set EMAIL ROLE        (viewer, editor or admin)
    plan-monitoring users remove EMAIL
    plan-monitoring users unbind EMAIL          (free it from its sign-in account)
    plan-monitoring audit [--limit N] [--kind K ...] [--json] [--csv OUT.csv]

`--lang`, `--dataset` and `--json` go before or after the command (`plan-monitoring
--lang en summary`); `--version` prints the package's version; every `--help` ends with an
example. A workbook is written as .xlsx or .ods (OpenDocument, LibreOffice's format) by its
name's extension; any other name is refused in one line (exit 2), nothing written.

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
bound it to (see `monitoring.storage.access`); `audit`
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
`--rewrite-history` / `--replace` (nothing stored), 141 the output's reader went away
(`summary --json | head -1`: stopped quietly, as a shell reports `cat` ended by SIGPIPE).
Messages are in French unless `--lang en`. No traceback ever reaches the user: unexpected errors are
logged (to `plan-monitoring.log` in the state folder when nothing else collects logs)
and reported plainly.

The package: `parser` declares the arguments and imports nothing heavy; `run.main` picks
the command's module (`COMMANDS`) and imports it only then, so that each command loads
its own path and no other (`validate` or `summary` of a file: no SQLAlchemy, no store, no
plotly, no openpyxl; `python -X importtime -m monitoring.cli ...` shows it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from monitoring.cli.parser import build_parser
from monitoring.cli.run import LOG_FILE_NAME, main

if TYPE_CHECKING:
    from monitoring.cli.files import summary_document


def __getattr__(name: str) -> Any:
    """`summary_document`, imported from its command's module on first use (PEP 562)."""
    if name == "summary_document":
        from monitoring.cli.files import summary_document

        return summary_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["LOG_FILE_NAME", "build_parser", "main", "summary_document"]
