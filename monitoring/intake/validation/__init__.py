"""Validation: raw sheets → a typed `Dataset` and a `Report` of every problem at once.

Frictionless-style: each check is a function taking what it needs and yielding problems
with their stable codes, run in order by a small engine.

- `structure`: the workbook's sheets, each header row, merged ranges, formulas without
  values, error cells, blank rows;
- `convert` and `cells`: every cell by the type its column declares (a column at a time,
  each distinct value converted once and the column mapped through the results in C, so
  that a 10,000-measure workbook validates in a fraction of a second), bounds, required
  and unique cells, keys of several columns, bounded dates;
- `plan`: the rules across sheets (references, periods, retention, verdicts);
- `engine`: the order they run in, the report, and the dataset assembled at the end.
"""

from __future__ import annotations

from monitoring.contract.dataset import Dataset
from monitoring.intake.problems import Report
from monitoring.intake.raw import RawWorkbook, gc_paused
from monitoring.intake.validation.convert import BLANK_CHARS, EXCEL_MAX_SERIAL, MAX_YEAR, MIN_YEAR
from monitoring.intake.validation.engine import Arrive, Validator

__all__ = ["BLANK_CHARS", "EXCEL_MAX_SERIAL", "MAX_YEAR", "MIN_YEAR", "validate"]


def validate(
    raw: RawWorkbook, *, assemble: bool = True, arrive: Arrive | None = None
) -> tuple[Dataset | None, Report]:
    """Validate a whole upload.

    Args:
        raw: the sheets as read by `monitoring.intake.reading`.
        assemble: build the typed dataset when there is no error; False for a check
            alone (the same report, without the tables: ~0.09 s less on the
            10,000-measure workbook of `bench/cli_bench.py`).
        arrive: when `raw`'s sheets are placeholders of sheets still being read, gives
            each once it has arrived (it waits for it); validation asks for them in the
            contract's order.

    Returns:
        The typed dataset (None when any error was found, or not `assemble`) and the
        report of every problem (errors, warnings and notices), in the order of the
        workbook.
    """
    with gc_paused():  # millions of cells in, lists and tuples out: see `gc_paused`
        return Validator(raw, arrive).run(assemble=assemble)
