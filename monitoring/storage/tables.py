"""The tables of the version store, as SQLAlchemy declares them (the schema the Alembic
revisions in `migrations/` create; the module docstring of `monitoring.storage.sql`
describes each table)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from monitoring.storage.access import ROLES
from monitoring.storage.dialects import dialect_named


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite has no time zones)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store UTC times only")
        value = value.astimezone(dt.UTC)
        return value if dialect_named(dialect.name).aware_datetimes else value.replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


METADATA = sa.MetaData()
DATASETS = sa.Table(
    "datasets",
    METADATA,
    sa.Column("key", sa.String(63), primary_key=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)
VERSIONS = sa.Table(
    "versions",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset_key", sa.String(63), sa.ForeignKey("datasets.key"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_size", sa.BigInteger, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("plans", sa.Integer, nullable=False),
    sa.Column("measures", sa.Integer, nullable=False),
    sa.Column("assessments", sa.Integer, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
    sa.Column("restored_from", sa.Integer, nullable=True),
    sa.Column("based_on", sa.Integer, nullable=True),
    sa.Column("idempotency_key", sa.String(200), nullable=True),
    sa.Column("dataset_name", sa.Text, nullable=False),
    sa.Column("scale", sa.Text, nullable=False),
    sa.Column("extras", sa.Text, nullable=False),
    sa.UniqueConstraint("dataset_key", "number", name="uq_versions_dataset_number"),
    sa.UniqueConstraint("dataset_key", "idempotency_key", name="uq_versions_dataset_idempotency"),
    sa.CheckConstraint("number >= 1", name="ck_versions_number_positive"),
    sa.CheckConstraint("kind IN ('upload', 'partial', 'restore', 'seed')", name="ck_versions_kind"),
)
VERSION_FILES = sa.Table(
    "version_files",
    METADATA,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)
VERSION_TABLES = sa.Table(
    "version_tables",
    METADATA,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("columns", sa.Text, nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
)
VERSION_ROWS = sa.Table(
    "version_rows",
    METADATA,
    sa.Column("version_id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["version_id", "table_name"],
        ["version_tables.version_id", "version_tables.table_name"],
        name="fk_version_rows_table",
    ),
)
USERS = sa.Table(
    "users",
    METADATA,
    sa.Column("user_id", sa.String(254), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.String(254), nullable=False),
    sa.CheckConstraint(
        "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="ck_users_role"
    ),
)
AUDIT = sa.Table(
    "audit",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(254), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("dataset_key", sa.String(63), nullable=True),
    sa.Column("version", sa.Integer, nullable=True),
    sa.Column("detail", sa.Text, nullable=False),
)
ACCOUNTS = sa.Table(
    "accounts",
    METADATA,
    sa.Column("issuer", sa.String(500), primary_key=True),
    sa.Column("subject", sa.String(255), primary_key=True),
    sa.Column("user_id", sa.String(254), nullable=False),
    sa.Column("bound_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("user_id", name="uq_accounts_user_id"),
)
# The columns of a version's `VersionInfo`.
INFO_COLUMNS = [c for c in VERSIONS.c if c.name not in ("scale", "extras", "dataset_name")]
