"""The restructuring keeps every figure: `summary --json` and the dossier's tables, on both
shipped datasets in both languages, equal the snapshot written before it
(`tests/golden/`, regenerated only on purpose with `python -m tests.golden.snapshot`)."""

from __future__ import annotations

import json

import pytest

from tests.golden import snapshot


@pytest.mark.subprocess
@pytest.mark.parametrize(("key", "lang"), snapshot.CASES)
def test_figures_and_tables_match_the_snapshot(key: str, lang: str) -> None:
    expected = json.loads(snapshot.path(key, lang).read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(snapshot.snapshot(key, lang), ensure_ascii=False))
    assert actual["summary"] == expected["summary"]
    assert [t["sheet"] for t in actual["tables"]] == [t["sheet"] for t in expected["tables"]]
    for got, want in zip(actual["tables"], expected["tables"], strict=True):
        assert got["columns"] == want["columns"], got["sheet"]
        assert got["rows"] == want["rows"], got["sheet"]
