"""Plan rules, across rows and sheets: references between sheets, plan periods, carried
measures, retention, the measure lists of events and published verdicts.

Each rule is a function of the validated tables (by sheet id) yielding its problems; a
sheet or column that is absent leaves its rules silent (its absence is reported once,
by the structure checks). `first_plan_rules`, then `last_plan_rules`, run them in the
order of the report.
"""

from __future__ import annotations

import numpy as np

from monitoring.contract.schema import (
    RETENTION_WITH_MEASURE,
    SHEETS_BY_ID,
    VERDICT_COUNT_COLUMNS,
    Column,
)
from monitoring.intake.validation.convert import BLANK_CHARS
from monitoring.intake.validation.model import Problems, Table, cell_problem
from monitoring.text.i18n import Localised

Tables = dict[str, Table]


# The sheets `first_plan_rules` reads: once they are checked, the engine may run those
# rules while the later sheets are still being read.
FIRST_RULES_SHEETS = frozenset({"plans", "measures", "recommendations", "retention"})


def first_plan_rules(tables: Tables) -> Problems:
    """The rules that read only the sheets of `FIRST_RULES_SHEETS`, in the report's order."""
    plans = keys(tables, "plans", "plan_id")
    measures = keys(tables, "measures", "measure_id")
    recs = keys(tables, "recommendations", "rec_id")
    measure_plan = pairs(tables, "measures", "measure_id", "plan_id")
    plan_start = pairs(tables, "plans", "plan_id", "period_start")
    yield from period_order(tables)
    yield from references(tables, "plans", "previous_plan_id", plans, "unknown_plan", "plan_id")
    yield from references(tables, "measures", "plan_id", plans, "unknown_plan")
    yield from references(
        tables, "measures", "carried_from", measures, "unknown_measure", "measure_id"
    )
    yield from carried_from_earlier(tables, measure_plan, plan_start)
    yield from references(tables, "retention", "rec_id", recs, "unknown_rec")
    yield from references(tables, "retention", "plan_id", plans, "unknown_plan")
    yield from references(tables, "retention", "measure_id", measures, "unknown_measure")
    yield from retention_rules(tables, measure_plan)


def last_plan_rules(tables: Tables) -> Problems:
    """The rules after `first_plan_rules`, in the report's order."""
    plans = keys(tables, "plans", "plan_id")
    measures = keys(tables, "measures", "measure_id")
    events = keys(tables, "events", "event_id")
    yield from references(tables, "status_updates", "measure_id", measures, "unknown_measure")
    yield from references(tables, "events", "reply_to", events, "unknown_event", "event_id")
    yield from references(tables, "events", "plan_id", plans, "unknown_plan")
    yield from measure_lists(tables, measures)
    yield from references(tables, "published_verdicts", "plan_id", plans, "unknown_plan")
    yield from verdict_rules(tables)


def keys(tables: Tables, table_id: str, column_id: str) -> set[object] | None:
    """The values of a key column in the rows kept (None when they cannot be known)."""
    table = tables.get(table_id)
    values = table.values(column_id) if table else None
    if values is None or table is None:
        return None
    if table.sheet.must_have_rows and not table.keep.any():
        return None  # already `no-data`: one issue, not one per reference to it
    return {v for v, keep in zip(values, table.keep, strict=True) if keep and v is not None}


def pairs(tables: Tables, table_id: str, key: str, value: str) -> dict[object, object]:
    """The value of a column for each key of a sheet."""
    table = tables.get(table_id)
    if table is None:
        return {}
    keys, values = table.values(key), table.values(value)
    if keys is None or values is None:
        return {}
    return {k: v for k, v in zip(keys, values, strict=True) if k is not None}


def references(
    tables: Tables,
    table_id: str,
    column_id: str,
    targets: set[object] | None,
    key: str,
    self_key: str | None = None,
) -> Problems:
    """A reference to a row that is not there, or (with `self_key`) to its own row."""
    table = tables.get(table_id)
    values = table.values(column_id) if table else None
    if table is None or values is None or targets is None:
        return
    col = table.sheet.column(column_id)
    j = table.index(column_id)
    own = table.values(self_key) if self_key else None
    for i, v in enumerate(values):
        if v is None or not table.keep[i]:
            continue
        if own is not None and own[i] == v:
            yield cell_problem(table, col, j, i, "self_reference", v, code="foreign-key")
        elif v not in targets:
            yield cell_problem(table, col, j, i, key, v, code="foreign-key")


def period_order(tables: Tables) -> Problems:
    """A plan ends after it starts."""
    table = tables.get("plans")
    if table is None:
        return
    starts, ends = table.values("period_start"), table.values("period_end")
    if starts is None or ends is None:
        return
    col = table.sheet.column("period_end")
    j = table.index("period_end")
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start is not None and end is not None and end < start:  # type: ignore[operator]
            yield cell_problem(
                table,
                col,
                j,
                i,
                "period_order",
                table.cells["period_end"][i],
                code="constraint-error",
                start=start,
                end=end,
            )


def carried_from_earlier(
    tables: Tables, measure_plan: dict[object, object], plan_start: dict[object, object]
) -> Problems:
    """A measure is carried from a measure of an earlier plan."""
    table = tables.get("measures")
    if table is None:
        return
    carried, plans = table.values("carried_from"), table.values("plan_id")
    own_ids = table.values("measure_id")
    if carried is None or plans is None:
        return
    col = table.sheet.column("carried_from")
    j = table.index("carried_from")
    for i, source in enumerate(carried):
        if source is None or source not in measure_plan or not table.keep[i]:
            continue
        if own_ids is not None and own_ids[i] == source:
            continue  # already reported as a reference to itself
        source_plan, own_plan = measure_plan[source], plans[i]
        own_start, source_start = plan_start.get(own_plan), plan_start.get(source_plan)
        if source_plan == own_plan or (
            own_start is not None and source_start is not None and source_start >= own_start  # type: ignore[operator]
        ):
            yield cell_problem(
                table,
                col,
                j,
                i,
                "carried_not_earlier",
                source,
                code="foreign-key",
                plan=str(source_plan),
            )


def retention_rules(tables: Tables, measure_plan: dict[object, object]) -> Problems:
    """Levels that need a measure have one, others none; the measure is of that plan;
    a recommendation is retained once per plan and measure."""
    table = tables.get("retention")
    levels = table.values("level") if table else None
    if table is None or levels is None:
        return
    blank: list[object] = [None] * len(levels)
    measures = table.values("measure_id") or blank
    plans = table.values("plan_id") or blank
    recs = table.values("rec_id") or blank
    seen: dict[tuple[object, object, object], int] = {}
    for i, level in enumerate(levels):
        if not table.keep[i] or level is None:
            continue
        measure, plan, rec = measures[i], plans[i], recs[i]
        yield from _retention_level(table, i, str(level), measure)
        actual = measure_plan.get(measure) if measure is not None else None
        if actual is not None and plan is not None and actual != plan:
            col, j = _retention_cell(table, "measure_id")
            yield cell_problem(
                table,
                col,
                j,
                i,
                "measure_other_plan",
                measure,
                code="foreign-key",
                actual=str(actual),
                expected=str(plan),
            )
        if rec is None or plan is None:
            continue
        first = seen.setdefault((rec, plan, measure), i)
        if first != i:
            col, j = _retention_cell(table, "rec_id")
            yield cell_problem(
                table,
                col,
                j,
                i,
                "duplicate_retention",
                rec,
                code="unique-error",
                rec=str(rec),
                first=table.row_numbers[first],
            )


def _retention_level(table: Table, i: int, level: str, measure: object) -> Problems:
    needs_measure = level in RETENTION_WITH_MEASURE
    if needs_measure == (measure is not None):
        return
    choice = table.sheet.column("level").choice(level)
    label = Localised(choice.fr.lower(), choice.en.lower())
    col, j = _retention_cell(table, "measure_id")
    yield cell_problem(
        table,
        col,
        j,
        i,
        "retained_needs_measure" if needs_measure else "not_retained_has_measure",
        measure if measure is not None else "",
        code="constraint-error",
        level=label,
    )


def _retention_cell(table: Table, column_id: str) -> tuple[Column, int]:
    """The column an issue of a retention row points at (the level when it is absent)."""
    if column_id not in table.where:
        column_id = "level"
    return table.sheet.column(column_id), table.index(column_id)


def measure_lists(tables: Tables, measures: set[object] | None) -> Problems:
    """Each measure named in an event's list of measures exists."""
    table = tables.get("events")
    values = table.values("measure_ids") if table else None
    if table is None or values is None or measures is None:
        return
    col = table.sheet.column("measure_ids")
    j = table.index("measure_ids")
    for i, text in enumerate(values):
        if text is None or not table.keep[i]:
            continue
        for item in str(text).split(","):
            item = item.strip(BLANK_CHARS)
            if item and item not in measures:
                yield cell_problem(table, col, j, i, "unknown_measure", item, code="foreign-key")


def verdict_rules(tables: Tables) -> Problems:
    """The rules of a published verdict: at least one count, the counts within the
    measures covered, and those within the plan's measures in the Measures sheet."""
    table = tables.get("published_verdicts")
    if table is None or table.values("measures_covered") is None:
        return
    sizes = plan_sizes(tables)
    plans = keys(tables, "plans", "plan_id") or set()
    for i in np.flatnonzero(table.keep).tolist():
        counts = [
            table.values(c)[i]  # type: ignore[index]
            for c in VERDICT_COUNT_COLUMNS.values()
            if c in table.columns
        ]
        given = [int(c) for c in counts if c is not None]  # type: ignore[arg-type]
        if not given:
            yield from _verdict_without_counts(table, i)
        else:
            yield from _verdict_counts_within_covered(table, i, sum(given))
        if sizes is not None:
            yield from _verdict_covered_within_plan(table, i, sizes, plans)


def plan_sizes(tables: Tables) -> dict[object, int] | None:
    """How many measures each plan has in the Measures sheet (None without it)."""
    table = tables.get("measures")
    plans = table.values("plan_id") if table else None
    if table is None or plans is None:
        return None
    sizes: dict[object, int] = {}
    for plan, keep in zip(plans, table.keep, strict=True):
        if keep and plan is not None:
            sizes[plan] = sizes.get(plan, 0) + 1
    return sizes


def _verdict_without_counts(table: Table, i: int) -> Problems:
    present = [c for c in VERDICT_COUNT_COLUMNS.values() if c in table.where]
    at = present[0] if present else "measures_covered"
    columns = [table.sheet.column(c) for c in VERDICT_COUNT_COLUMNS.values()]
    yield cell_problem(
        table,
        table.sheet.column(at),
        table.index(at),
        i,
        "verdict_without_counts",
        "",
        code="constraint-error",
        columns=Localised(
            ", ".join(f"« {c.fr} »" for c in columns), ", ".join(f'"{c.en}"' for c in columns)
        ),
    )


def _verdict_counts_within_covered(table: Table, i: int, total: int) -> Problems:
    covered = table.values("measures_covered")[i]  # type: ignore[index]
    if covered is None or total <= covered:  # type: ignore[operator]
        return
    yield cell_problem(
        table,
        table.sheet.column("measures_covered"),
        table.index("measures_covered"),
        i,
        "verdict_counts_over_covered",
        table.cells["measures_covered"][i],
        code="constraint-error",
        total=total,
        covered=covered,
    )


def _verdict_covered_within_plan(
    table: Table, i: int, sizes: dict[object, int], plans: set[object]
) -> Problems:
    covered = table.values("measures_covered")[i]  # type: ignore[index]
    plan = table.values("plan_id")[i] if "plan_id" in table.columns else None  # type: ignore[index]
    if covered is None or plan is None or plan not in plans:
        return  # an unknown plan is reported once, as such
    measures = sizes.get(plan, 0)
    if covered <= measures:  # type: ignore[operator]
        return
    yield cell_problem(
        table,
        table.sheet.column("measures_covered"),
        table.index("measures_covered"),
        i,
        "verdict_covered_over_plan",
        table.cells["measures_covered"][i],
        code="constraint-error",
        plan=str(plan),
        measures=measures,
        measures_sheet=Localised(SHEETS_BY_ID["measures"].fr, SHEETS_BY_ID["measures"].en),
    )
