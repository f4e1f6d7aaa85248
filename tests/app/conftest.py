"""AppTest runs the dashboard in-process: give each test worker its own version store."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from monitoring.settings import Settings
from monitoring.storage import Store, open_store

# AppTest never needs kaleido's browser: pages fall back to their "no renderer" message.
os.environ.setdefault("PLAN_MONITORING_NO_RENDERER", "1")


@pytest.fixture(scope="session", autouse=True)
def state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # The store (SQLite) is seeded with the shipped datasets on the first run.
    folder = tmp_path_factory.mktemp("state")
    previous = os.environ.get("PLAN_MONITORING_STATE_DIR")
    os.environ["PLAN_MONITORING_STATE_DIR"] = str(folder)
    os.environ.pop("PLAN_MONITORING_DATABASE_URL", None)
    yield
    if previous is None:
        os.environ.pop("PLAN_MONITORING_STATE_DIR", None)
    else:
        os.environ["PLAN_MONITORING_STATE_DIR"] = previous


@pytest.fixture(scope="module")
def store(state_dir: None) -> Iterator[Store]:
    """The version store the app opens in these tests (the same database)."""
    opened = open_store(Settings.from_env())
    yield opened
    opened.close()
