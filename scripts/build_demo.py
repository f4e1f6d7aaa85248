"""Rebuild `data/demo.xlsx`, the fictional demonstration workbook, from its fixed seed.

The workbook is generated, never edited by hand: change `monitoring/devtools/demo.py`, then run
this from the repository root and commit both. A test fails when the committed file no
longer matches what the generator gives.

    .venv/bin/python scripts/build_demo.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitoring.devtools.demo import (  # noqa: E402  (after sys.path)
    DEMO_SEED,
    REFERENCE_DATE,
    build_demo_dataset,
)
from monitoring.present.workbook import pin_timestamps, write_workbook  # noqa: E402

OUTPUT = ROOT / "data" / "demo.xlsx"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help="default: %(default)s")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default: data/demo.xlsx")
    args = parser.parse_args(argv)

    dataset = build_demo_dataset(args.seed)
    data = pin_timestamps(write_workbook(dataset, lang="fr"), REFERENCE_DATE.isoformat())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"{args.output}: {len(data):,} bytes, content hash {dataset.content_hash()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
