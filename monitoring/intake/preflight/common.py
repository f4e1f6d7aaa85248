"""What the pre-flight checks share: the refusal they raise, what they learn, and the
bounded reading of a zip member."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from monitoring.config.settings import Limits
from monitoring.intake.problems import Issue
from monitoring.text.i18n import FileSize

if TYPE_CHECKING:
    from monitoring.intake.preflight.deferred import DeferredScans

CHUNK = 1 << 20  # bytes read from a zip member at a time


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


def stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, file: str
) -> Iterator[bytes]:
    """Yield a member's bytes chunk by chunk, never more than the limits allow.

    zipfile checks the CRC at the end but keeps inflating past the declared size, so
    the counter also holds the member to its declared size: a zip whose headers
    under-declare sizes (to slip past the size checks) is damaged, not large.
    """
    budget = min(limits.max_member_bytes, limits.max_total_bytes)
    seen = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                seen += len(chunk)
                if seen > info.file_size:
                    raise damaged(file)
                if seen > budget:
                    raise Rejected(too_big_inside(file, budget))
                yield chunk
        if seen != info.file_size:
            raise damaged(file)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise damaged(file) from exc
    except RuntimeError as exc:  # zipfile's "File is encrypted, password required"
        raise Rejected(Issue("encrypted-file", "encrypted", file=file)) from exc
    except NotImplementedError as exc:  # an unknown compression method
        raise damaged(file) from exc
