"""Who may do what, and the audit trail: the `users` and `audit` tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-06-01

`users` holds one role per e-mail address (`viewer`, `editor` or `admin`, checked by the
database too). `audit` is append-only: triggers refuse UPDATE and DELETE, as for the
versions, so the trail cannot be rewritten even by a hand-typed SQL statement. An
existing database keeps every version; both tables start empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Written out rather than imported: a revision must not change when the code does.
ROLES = ("viewer", "editor", "admin")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("user_id", sa.String(254), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(254), nullable=False),
        sa.CheckConstraint(
            "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="ck_users_role"
        ),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("dataset_key", sa.String(63), nullable=True),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    if op.get_context().dialect.name == "postgresql":
        # `plan_monitoring_immutable()` comes from 0001; it names the table in its error.
        op.execute(
            "CREATE TRIGGER audit_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON audit "
            "FOR EACH STATEMENT EXECUTE FUNCTION plan_monitoring_immutable()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_no_{action.lower()} BEFORE {action} ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )


def downgrade() -> None:
    raise NotImplementedError("the audit trail is never downgraded: it would be lost")
