"""Build `data/france.xlsx` from the reviewed CSV files in `data/france/`.

The CSV files are the source of truth (reviewable as text); the workbook is what the app
loads and what a coordinator downloads. `tests/unit/test_shipped_data.py` fails when the
two disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from monitoring.loading import load_paths
from monitoring.settings import DATA_DIR
from monitoring.workbook import write_workbook


def france_csv_files() -> list[Path]:
    return sorted((DATA_DIR / "france").glob("*.csv"))


def main() -> int:
    result = load_paths(france_csv_files())
    if result.dataset is None:
        for issue in result.report.errors:
            print(issue.message("en"), file=sys.stderr)
        return 1
    out = DATA_DIR / "france.xlsx"
    out.write_bytes(write_workbook(result.dataset, "fr"))
    print(f"wrote {out.relative_to(DATA_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
