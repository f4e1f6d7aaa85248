"""The headline figures of a plan in words: what `metrics.plan_summaries` says, as sentences.

One wording for the `summary` command, the Overview, the Method page and the dossier, so
that a figure resting on partial evidence reads the same everywhere: a rate with its base
("1 mesure évaluée sur 23"), "trop peu de mesures évaluées" or "inconnu" instead of a
percentage, a published verdict beside the measure-level figures, overdue counts split by
deadline basis, delays "au moins", retention "non renseignée", and a plan not adopted at
the as-of date said so. Every function takes one summary dict (or one of its published
verdicts) and a language, and returns text; none reads a dataset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from monitoring.analysis.metrics import DUE_BASES
from monitoring.contract.schema import CATEGORY_CODES, Lang
from monitoring.text.i18n import (
    format_date,
    format_date_bounds,
    format_date_phrase,
    format_days,
    format_percent,
    plural_key,
    t,
)


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def verdict_sentence(verdict: dict[str, Any], lang: Lang) -> str:
    """A published verdict in one sentence.

    "CNCDH, 12/01/2023 : 3 réalisées, 28 partiellement, 14 non réalisées (45 mesures) —
    verdict par mesure connu pour 6". Categories the verdict does not give, or gives as 0,
    are left out (the measures covered say what the counts add up to).

    Args:
        verdict: one item of a summary's `published_verdicts`.
        lang: the language.
    """
    counts = [
        t(f"figures.verdict.{code}", lang, count=verdict["counts"][code])
        for code in CATEGORY_CODES
        if verdict["counts"].get(code)
    ]
    return t(
        "figures.verdict",
        lang,
        assessor=verdict["assessor"] or t("figures.verdict.no_assessor", lang),
        date=format_date(verdict["published_on"], lang),
        counts=", ".join(counts) or t("figures.verdict.no_counts", lang),
        covered=verdict["measures_covered"],
        known=verdict["measures_known"],
    )


def coverage_text(summary: dict[str, Any], lang: Lang) -> str:
    """The base of every rate: "1 mesure évaluée sur 23" (the voice's known statuses)."""
    key = plural_key("figures.coverage.one", "figures.coverage.many", summary["assessed"], lang)
    return t(key, lang, assessed=summary["assessed"], measures=summary["measures"])


def completion_text(summary: dict[str, Any], lang: Lang) -> str:
    """The completion rate, or why there is none.

    "25 % (1 réalisée sur 4 mesures)"; "trop peu de mesures évaluées (1 sur 23)";
    "inconnu (aucune mesure évaluée)"; "aucune mesure"; "pas encore adopté".
    """
    state = summary["completion_state"]
    if state == "rate":
        return t(
            "figures.completion.rate",
            lang,
            rate=format_percent(summary["completion_rate"], lang),
            done=summary["status_counts"]["done"],
            measures=summary["measures"],
        )
    return t(
        f"figures.completion.{state}",
        lang,
        assessed=summary["assessed"],
        measures=summary["measures"],
    )


def _basis_split(by_basis: dict[str, int], lang: Lang) -> str:
    """ " (selon l'échéance : fin du plan, par convention 6)": the non-zero bases only."""
    parts = [t(f"figures.basis.{b}", lang, count=by_basis[b]) for b in DUE_BASES if by_basis[b]]
    return t("figures.by_basis", lang, split=" · ".join(parts)) if parts else ""


def overdue_text(summary: dict[str, Any], lang: Lang) -> str:
    """Overdue measures with their deadline basis (the plan's end is only a convention)."""
    return t("figures.overdue", lang, count=summary["overdue"]) + _basis_split(
        summary["overdue_by_basis"], lang
    )


def unassessed_text(summary: dict[str, Any], lang: Lang) -> str:
    """Past due, not assessed: what the dataset lacks, with the published totals if any."""
    text = t("figures.unassessed", lang, count=summary["past_due_unassessed"])
    text += _basis_split(summary["past_due_unassessed_by_basis"], lang)
    verdicts = summary["published_verdicts"]
    if summary["past_due_unassessed"] and verdicts:
        latest = verdicts[0]
        text += t(
            "figures.unassessed.published",
            lang,
            assessor=latest["assessor"] or t("figures.verdict.no_assessor", lang),
            covered=latest["measures_covered"],
        )
    return text


def median_delay_text(summary: dict[str, Any], lang: Lang) -> str:
    """The median delay with its base; "au moins" when overdue delays are in it.

    An overdue measure's delay runs only up to its last assessment (`metrics.measure_table`),
    so a median over such delays is a lower bound, dated by the plan's last assessment:
    "le 12/01/2023", or "en mars 2014" / "entre le … et le …" when it is known only as a
    period (never its first day as if known).
    """
    median = summary["median_delay_days"]
    count = summary["delays_counted"]
    if median is None:
        text = t("figures.median_delay.unknown", lang)
    else:
        base = t(
            plural_key(
                "figures.median_delay.base.one", "figures.median_delay.base.many", count, lang
            ),
            lang,
            count=count,
        )
        days = format_days(median, lang)
        if summary["median_delay_is_lower_bound"]:
            text = t(
                "figures.median_delay.at_least",
                lang,
                days=days,
                base=base,
                when=format_date_phrase(
                    summary["last_assessed_on"], summary.get("last_assessed_latest"), lang
                ),
            )
        else:
            text = t("figures.median_delay.exact", lang, days=days, base=base)
    if summary["overdue_delay_unknown"]:
        text += t("figures.median_delay.after", lang, count=summary["overdue_delay_unknown"])
    return text


def retention_text(summary: dict[str, Any], lang: Lang) -> str:
    """Retention counts, or "non renseignée" when nothing is recorded for the plan."""
    if not summary["retention_recorded"]:
        return t("figures.retention.not_recorded", lang)
    return t("cli.retention", lang, **summary["retention_counts"])


def adoption_delay_text(summary: Mapping[str, Any], lang: Lang) -> str:
    """ "195 jours", or "entre 195 et 225 jours" when the expected date is a period."""
    shortest, longest = summary["adoption_delay_days"], summary.get("adoption_delay_max_days")
    if longest is None or longest == shortest:
        return format_days(shortest, lang)
    return t("figures.days.between", lang, shortest=shortest, longest=format_days(longest, lang))


def adoption_lines(summary: dict[str, Any], as_of: dt.date, lang: Lang) -> list[str]:
    """Adoption, its delay (or how overdue it is), and the period without a plan before it."""
    lines = []
    if summary["adopted"]:
        if summary["adopted_date"]:
            lines.append(t("cli.adopted", lang, date=_date(summary["adopted_date"])))
        if summary["adoption_delay_days"] is not None:
            lines.append(t("cli.adoption_delay", lang, delay=adoption_delay_text(summary, lang)))
    else:
        lines.append(t("figures.not_adopted", lang, as_of=as_of))
        if summary["adoption_overdue_days"] is not None:
            expected = format_date_bounds(
                summary["expected_date"], summary["expected_latest"], lang
            )
            lines.append(
                t(
                    "figures.adoption_overdue",
                    lang,
                    expected=expected,
                    days=format_days(summary["adoption_overdue_days"], lang),
                )
            )
    if summary["gap_before_days"] is not None:
        if summary["gap_open"]:
            days = format_days(summary["gap_before_days"], lang)
            lines.append(t("figures.gap_open", lang, days=days, as_of=as_of))
        else:
            days = format_days(summary["gap_before_days"], lang)
            lines.append(t("cli.gap_before_days", lang, days=days))
    return lines


def plan_lines(summary: dict[str, Any], as_of: dt.date, lang: Lang) -> list[str]:
    """Every line the `summary` command prints for one plan (its heading apart)."""
    lines = adoption_lines(summary, as_of, lang)
    lines += [verdict_sentence(v, lang) for v in summary["published_verdicts"]]
    if not summary["adopted"]:
        return lines
    lines += [
        t("cli.measures", lang, count=summary["measures"]),
        t("cli.status_counts", lang, **summary["status_counts"]),
    ]
    if summary["measures"]:
        lines.append(t("figures.assessed", lang, coverage=coverage_text(summary, lang)))
    lines += [
        t("cli.completion", lang, rate=completion_text(summary, lang)),
        overdue_text(summary, lang),
        unassessed_text(summary, lang),
        median_delay_text(summary, lang),
        retention_text(summary, lang),
    ]
    return lines
