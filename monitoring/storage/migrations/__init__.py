"""Alembic migrations of the version store (applied by `SqlStore` at start, in one transaction)."""
