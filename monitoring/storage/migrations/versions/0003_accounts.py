"""Accounts bound to e-mail addresses: the `accounts` table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

A signed-in account is its identity provider's issuer and subject (`iss`, `sub`); its
first accepted sign-in binds it to its verified e-mail address (the user id roles are
granted to). `UNIQUE(user_id)`: an address belongs to one account, so another account
claiming the same address is refused. Removing a user (`users remove`) deletes its row,
freeing the address. An existing database keeps everything; the table starts empty (each
user's next sign-in binds their account).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("issuer", sa.String(500), primary_key=True),
        sa.Column("subject", sa.String(255), primary_key=True),
        sa.Column("user_id", sa.String(254), nullable=False),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", name="uq_accounts_user_id"),
    )


def downgrade() -> None:
    op.drop_table("accounts")
