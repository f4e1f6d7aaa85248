"""Real databases for the integration tests: a SQLite file, and PostgreSQL when named.

`PLAN_MONITORING_TEST_DATABASE_URL` names a PostgreSQL server (on this project's machines:
`postgresql+psycopg://postgres@127.0.0.1:5432/test`). Each test gets its own schema
(dropped afterwards), so tests can run in parallel workers. Without the variable the
PostgreSQL tests skip with the reason; with `CI` set they fail instead: in CI none may
be skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from monitoring.config.settings import normalise_database_url

PG_VARIABLE = "PLAN_MONITORING_TEST_DATABASE_URL"


def postgres_base_url() -> str:
    url = os.environ.get(PG_VARIABLE)
    if not url:
        reason = (
            f"{PG_VARIABLE} is not set: PostgreSQL tests need a server, e.g. "
            "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set: these tests may not be skipped)")
        pytest.skip(reason)
    return normalise_database_url(url)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema of this test only."""
    base = postgres_base_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'state' / 'plan-monitoring.sqlite'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty store, on each database."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))
