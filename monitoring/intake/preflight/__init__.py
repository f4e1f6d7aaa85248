"""Pre-flight checks on uploaded bytes, before any spreadsheet parser sees them.

The real type comes from the magic bytes, never the name (`filetype`). Zip containers
(.xlsx, .ods, a .zip of CSV files) are inspected in memory with the standard `zipfile`
(`archive`): member count, names, declared sizes and compression ratio first, then every
member is stream-read with a byte counter (which also verifies its CRC). Every XML part
up to `EXPAT_BYTES` goes through expat with DTDs refused, its nesting depth bounded;
larger ones (big worksheets) get a byte search for DTDs (`xmlparts`). While a worksheet
streams past, array operations over its bytes find formulas saved without a value,
error cells, and any cell placed beyond the configured limits (`worksheets`). A lone
workbook's worksheet scans are left to the reader, which runs them beside its reading of
the sheets they clear (`deferred`).

Every refusal is raised as `Rejected` carrying an `Issue`; the reader turns it into a
report entry. Nothing here writes to disk.
"""

from __future__ import annotations

from monitoring.intake.preflight.archive import inspect_zip
from monitoring.intake.preflight.common import Container, Rejected, SheetFindings
from monitoring.intake.preflight.filetype import check_size, size_issue, sniff

# The limits below are read by the modules that define them: change them there.
from monitoring.intake.preflight.worksheets import MAX_CARRY
from monitoring.intake.preflight.xmlparts import EXPAT_BYTES, MAX_DEPTH

__all__ = [
    "EXPAT_BYTES",
    "MAX_CARRY",
    "MAX_DEPTH",
    "Container",
    "Rejected",
    "SheetFindings",
    "check_size",
    "inspect_zip",
    "size_issue",
    "sniff",
]
