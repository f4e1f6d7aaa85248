"""A plan summary's language-free readings: its completion state, how many of its measures
are assessed, its published verdicts, whether retention is recorded and whether it is
adopted. `monitoring.present.figures_text` words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from monitoring.analysis import metrics

Summary = Mapping[str, Any]


def threshold() -> float:
    """The coverage below which no completion rate is given (`metrics.COVERAGE_THRESHOLD`)."""
    value: float = getattr(metrics, "COVERAGE_THRESHOLD", 0.5)
    return value


def state(s: Summary) -> str:
    """The plan's completion state: rate, too_few_assessed, no_assessment, no_measures,
    not_adopted (derived from the counts for summaries that do not carry it)."""
    given = s.get("completion_state")
    if given:
        return str(given)
    if not s["measures"]:
        return "no_measures"
    known = assessed(s)
    if not known:
        return "no_assessment"
    return "rate" if known / s["measures"] >= threshold() else "too_few_assessed"


def assessed(s: Summary) -> int:
    """Measures of the plan with a known status (category other than unknown)."""
    given = s.get("assessed")
    if given is not None:
        return int(given)
    counts = s.get("status_counts") or {}
    return int(sum(counts.values()) - counts.get("unknown", 0))


def verdicts(s: Summary) -> list[dict[str, Any]]:
    """The plan's published verdicts (newest first), known at the as-of date."""
    return list(s.get("published_verdicts") or [])


def retention_recorded(s: Summary) -> bool:
    """Whether any retention is recorded for the plan."""
    given = s.get("retention_recorded")
    if given is not None:
        return bool(given)
    counts = s.get("retention_counts") or {}
    return sum(counts.values()) > 0


def adopted(s: Summary) -> bool:
    """Whether the plan is adopted at the as-of date of the summary."""
    if s.get("adopted") is not None:
        return bool(s["adopted"])
    return state(s) != "not_adopted"
