"""What the pre-flight checks share: the refusal they raise, and what they learn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from monitoring.intake.problems import Issue
from monitoring.text.i18n import FileSize

if TYPE_CHECKING:
    from monitoring.intake.preflight.archive import DeferredScans


class Rejected(Exception):
    """The upload cannot be read; `issue` says why, in the user's terms."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.key)
        self.issue = issue


@dataclass
class SheetFindings:
    """What the byte scan of one worksheet found (0-based row, col positions)."""

    formula_no_value: set[tuple[int, int]] = field(default_factory=set)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Container:
    """What pre-flight learnt about a zip upload.

    `kind` is "xlsx", "ods" or "csv"; `sheets` maps an xlsx sheet name to its findings;
    `csv_members` holds (member name, bytes) for a zip of CSV files; `deferred` the
    worksheet scans left for the reader (`inspect_zip(defer_sheets=True)`).
    """

    kind: str
    date1904: bool = False
    sheets: dict[str, SheetFindings] = field(default_factory=dict)
    csv_members: list[tuple[str, bytes]] = field(default_factory=list)
    deferred: DeferredScans | None = None


def damaged(file: str) -> Rejected:
    return Rejected(Issue("format-error", "damaged", file=file))


def too_big_inside(file: str, limit: int) -> Issue:
    return Issue("size-limit", "unpacked_too_big", file=file, params={"limit": FileSize(limit)})
