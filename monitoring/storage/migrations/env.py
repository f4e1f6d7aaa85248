"""Alembic environment: runs the revisions on the connection `SqlStore` hands over.

`SqlStore` opens a write transaction (SQLite `BEGIN IMMEDIATE`, PostgreSQL with an
advisory lock) and passes its connection in `config.attributes["connection"]`, so every
revision runs inside that one transaction: a migration that fails halfway leaves the
schema as it was. Run by hand (`alembic -c …`), it opens the database the settings name.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from monitoring.config.settings import Settings
from monitoring.storage.tables import METADATA


def _run(connection: object) -> None:
    context.configure(connection=connection, target_metadata=METADATA)  # type: ignore[arg-type]
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")

given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    engine = create_engine(Settings.from_env().store_url)
    with engine.begin() as connection:
        _run(connection)
    engine.dispose()
