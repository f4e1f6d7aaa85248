"""The schema's migrations: the Alembic revisions in `migrations/`, applied at start in
one transaction; a database stamped with a revision this release does not know is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from monitoring.storage import SchemaTooNew
from monitoring.storage.dialects import WRITE, dialect_named

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# An arbitrary constant: the advisory lock that serialises migrations across processes.
MIGRATION_LOCK_ID = 0x504C414E  # "PLAN"


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def known_revisions() -> tuple[set[str], set[str]]:
    """Return every revision this release ships, and its head(s)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {r.revision for r in script.walk_revisions()}, set(script.get_heads())


def database_revisions(engine: Engine) -> set[str]:
    """Return the revisions the database is stamped with (empty for a new database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to this release's head, in one transaction.

    Args:
        engine: the database's engine.
        revision: `head`, or an older revision (tests build a database of an older
            release with it, then check the upgrade keeps its versions).

    Raises `SchemaTooNew` when the database carries a revision this release does not know
    (a newer release migrated it): running on it could corrupt data.
    """
    from alembic import command
    from alembic.util.exc import CommandError

    known, heads = known_revisions()
    current = database_revisions(engine)
    if current - known:
        raise SchemaTooNew(f"unknown schema revision {sorted(current - known)}")
    if current == (heads if revision == "head" else {revision}):
        return
    with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        dialect_named(conn.dialect.name).lock(conn, MIGRATION_LOCK_ID)
        config = _alembic_config()
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, revision)
        except CommandError as exc:  # another process stamped an unknown revision meanwhile
            raise SchemaTooNew(str(exc)) from exc
