"""The version store: datasets, their immutable versions, original files and table rows.

Revision ID: 0001
Revises:
Create Date: 2026-05-01

Triggers refuse any UPDATE or DELETE of a stored version, its files and its rows, so
"nothing is ever changed or deleted" holds even against a hand-typed SQL statement.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

IMMUTABLE = ("versions", "version_files", "version_tables", "version_rows")


def upgrade() -> None:
    op.create_table(
        "datasets",
        sa.Column("key", sa.String(63), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset_key", sa.String(63), sa.ForeignKey("datasets.key"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
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
        sa.UniqueConstraint(
            "dataset_key", "idempotency_key", name="uq_versions_dataset_idempotency"
        ),
        sa.CheckConstraint("number >= 1", name="ck_versions_number_positive"),
        sa.CheckConstraint(
            "kind IN ('upload', 'partial', 'restore', 'seed')", name="ck_versions_kind"
        ),
    )
    op.create_table(
        "version_files",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "version_tables",
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("columns", sa.Text, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "version_rows",
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
    _immutable()


def _immutable() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION plan_monitoring_immutable() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'stored versions are immutable (%)', TG_TABLE_NAME; END $$"
        )
        for table in IMMUTABLE:
            op.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION plan_monitoring_immutable()"
            )
        return
    for table in IMMUTABLE:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'stored versions are immutable'); END"
            )


def downgrade() -> None:
    raise NotImplementedError("the version store is never downgraded: data would be lost")
