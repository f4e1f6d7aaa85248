"""The derived figures (status, delays, completion, retention, replies), for any as-of date.

Every function is a pure function of a `Dataset` (and, where time matters, an as-of
`datetime.date`). The definitions are the workbook contract's "Derived figures", the same
for pages, exports and the CLI; where the contract leaves a choice open, the decision is
written in the function's docstring, which the Method page shows.

Everything is vectorised: assessments are matched to measures through integer positions
and one sort, so 50,000 measures and 250,000 assessments take a fraction of a second.
Dates in returned frames stay `datetime64[s]`; day counts are whole days (`Int64`).
"""

from __future__ import annotations

from monitoring.analysis.metrics.adoption import plan_timeline
from monitoring.analysis.metrics.base import (
    CLOSED_CATEGORIES,
    COVERAGE_THRESHOLD,
    DUE_BASES,
    RETENTION_CODES,
    VOICE_ALL,
    VOICE_CODES,
    plan_dates,
)
from monitoring.analysis.metrics.letters import (
    known_events,
    letters,
    letters_answered,
    reply_rates,
)
from monitoring.analysis.metrics.plans import (
    completion,
    plan_summaries,
    published_verdicts,
    retention_by,
    retention_counts,
)
from monitoring.analysis.metrics.statuses import (
    carried_chain,
    category_counts,
    current_status,
    current_statuses,
    divergences,
    effective_due_dates,
    measure_table,
)

__all__ = [
    "CLOSED_CATEGORIES",
    "COVERAGE_THRESHOLD",
    "DUE_BASES",
    "RETENTION_CODES",
    "VOICE_ALL",
    "VOICE_CODES",
    "carried_chain",
    "category_counts",
    "completion",
    "current_status",
    "current_statuses",
    "divergences",
    "effective_due_dates",
    "known_events",
    "letters",
    "letters_answered",
    "measure_table",
    "plan_dates",
    "plan_summaries",
    "plan_timeline",
    "published_verdicts",
    "reply_rates",
    "retention_by",
    "retention_counts",
]
