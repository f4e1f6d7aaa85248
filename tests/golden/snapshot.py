"""The figures the restructuring must not change, written once from the code before it.

    python -m tests.golden.snapshot          write tests/golden/*.json from this tree
    (tests/unit/test_behaviour_unchanged.py compares this tree with the files)

For both shipped datasets, in French and English, at one fixed as-of date: what
`summary --json` prints, and every table of the dossier (sheet name, columns, rows,
as text). Regenerate only on purpose, when a figure is meant to change, and say why in
the commit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

HERE = Path(__file__).parent
AS_OF = dt.date(2025, 6, 1)
CASES = [(key, lang) for key in ("france", "demo") for lang in ("fr", "en")]


def _cell(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if isinstance(value, (int, float, bool, str)):
        return value
    return str(value)


def tables(key: str, lang: str) -> list[dict[str, Any]]:
    """Every dossier table of a shipped dataset: sheet, columns, rows."""
    from monitoring.intake.loading import load_shipped
    from monitoring.present import dossier
    from monitoring.present.sections import Selection

    sel = Selection(load_shipped(key), AS_OF, lang, "all", ())  # type: ignore[arg-type]
    out = []
    for table in dossier.tables(sel):
        frame = table.frame
        out.append(
            {
                "sheet": table.sheet,
                "columns": [str(c) for c in frame.columns],
                "rows": [[_cell(v) for v in row] for row in frame.itertuples(index=False)],
            }
        )
    return out


def summary(key: str) -> dict[str, Any]:
    """What `summary --json` prints for a shipped dataset at the fixed date."""
    from monitoring.cli import summary_document
    from monitoring.intake.loading import load_shipped

    return json.loads(json.dumps(summary_document(load_shipped(key), AS_OF), default=str))


def snapshot(key: str, lang: str) -> dict[str, Any]:
    return {"as_of": AS_OF.isoformat(), "summary": summary(key), "tables": tables(key, lang)}


def path(key: str, lang: str) -> Path:
    return HERE / f"{key}-{lang}.json"


def main() -> int:
    for key, lang in CASES:
        text = json.dumps(snapshot(key, lang), ensure_ascii=False, indent=1, sort_keys=True)
        path(key, lang).write_text(text + "\n", encoding="utf-8")
        print(path(key, lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
