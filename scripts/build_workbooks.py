"""Build `data/france.xlsx` from the reviewed CSV files in `data/france/`.

The CSV files (and `data/france/SOURCES.md`) are the source of truth, reviewed and edited
by hand; this script holds no fact. It reads them exactly as an uploaded workbook is read
(same validation), and writes the workbook the app loads and a coordinator downloads.
`tests/unit/test_shipped_data.py` fails when the two disagree. Run it from the repository
root after editing a CSV file, and commit both:

    PYTHONPATH=$PWD .venv/bin/python scripts/build_workbooks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitoring.config.settings import DATA_DIR  # noqa: E402
from monitoring.contract.dataset import Dataset  # noqa: E402  (after sys.path)
from monitoring.intake.loading import load_paths  # noqa: E402
from monitoring.present.workbook import pin_timestamps, write_workbook  # noqa: E402


def france_csv_files() -> list[Path]:
    return sorted((DATA_DIR / "france").glob("*.csv"))


def newest_date(dataset: Dataset) -> str:
    """The newest date of the timeline (ISO), used as the workbook's creation time.

    Not the plans' period ends, which lie in the future.
    """
    events = dataset.events
    newest = max(events[c].max() for c in ("date", "date_latest") if events[c].notna().any())
    return newest.date().isoformat()


def main() -> int:
    result = load_paths(france_csv_files())
    for issue in result.report:
        if issue.severity != "notice":
            print(f"{issue.severity}: {issue.message('en')}", file=sys.stderr)
    if result.dataset is None:
        return 1
    out = DATA_DIR / "france.xlsx"
    data = write_workbook(result.dataset, "fr")
    out.write_bytes(pin_timestamps(data, newest_date(result.dataset)))
    rows = ", ".join(f"{name} {len(table)}" for name, table in result.dataset.tables.items())
    print(f"wrote {out.relative_to(DATA_DIR.parent)} ({rows})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
