"""Settings, declared once: read from the environment with defaults, passed into the core.

Nothing in `monitoring/` reads the environment elsewhere; entrypoints (the dashboard, the
command line) call `Settings.from_env()` and hand the values down.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


@dataclass(frozen=True)
class Limits:
    """What an upload may weigh. Real action-plan workbooks are far below every limit."""

    max_file_bytes: int = 50 * 1024 * 1024  # one uploaded file
    max_members: int = 200  # entries in a zip container (.xlsx, .ods, .zip of CSV)
    max_member_bytes: int = 200 * 1024 * 1024  # one entry, uncompressed
    max_total_bytes: int = 400 * 1024 * 1024  # all entries, uncompressed
    max_ratio: int = 100  # compression ratio allowed once an entry exceeds `ratio_floor`
    ratio_floor: int = 1024 * 1024
    max_sheets: int = 50
    max_rows: int = 300_000  # data rows in one sheet
    max_columns: int = 100
    max_cell_chars: int = 32_767  # Excel's own limit


@dataclass(frozen=True)
class Settings:
    """Settings of one running app or command."""

    limits: Limits = field(default_factory=Limits)
    data_dir: Path = DATA_DIR

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        limits = Limits(
            max_file_bytes=int(env.get("PLAN_MONITORING_MAX_FILE_MB", "50")) * 1024 * 1024,
        )
        return cls(limits=limits, data_dir=Path(env.get("PLAN_MONITORING_DATA_DIR", DATA_DIR)))
