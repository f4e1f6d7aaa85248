"""The headline figures of a plan in words, for the Overview, the dossier and its tables.

`monitoring.analysis.metrics.plan_summaries` returns language-free values (read by
`monitoring.analysis.figures`); this module words them so that what is unknown never reads
as zero: a rate shows its base and is given only above the coverage threshold, a published
verdict is shown beside the measure-level figures, a delay counted up to the last evidence
reads "au moins", a deadline resting on the plan-end convention is said to, retention not
recorded reads "non renseignée", a plan not adopted at the as-of date shows no adoption.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from monitoring.analysis.figures import (
    Summary,
    adopted,
    retention_recorded,
    state,
    threshold,
    verdicts,
)
from monitoring.contract.schema import SHEETS_BY_ID, Lang
from monitoring.present import plan_text
from monitoring.present.timeline_text import events_for_display
from monitoring.text.i18n import (
    format_date,
    format_date_bounds,
    format_date_bounds_column,
    format_days,
    format_number,
    format_percent,
    t,
)


def completion_short(s: Summary, lang: Lang) -> str:
    """The value shown in a metric box: `12 %`, `trop peu évaluées`, `inconnu`, `—`."""
    current = state(s)
    if current == "rate":
        return format_percent(s["completion_rate"], lang)
    if current == "too_few_assessed":
        return t("truth.completion.too_few.short", lang)
    if current == "no_assessment":
        return t("truth.completion.unknown", lang)
    if current == "not_adopted":
        return t("truth.completion.not_adopted", lang)
    return "—"


def completion_text(s: Summary, lang: Lang) -> str:
    """The rate with its base, or why there is none (`plan_text`, as `summary` says it):
    `12 % (3 réalisées sur 25 mesures) · 20 mesures évaluées sur 25`,
    `trop peu de mesures évaluées (6 sur 45)`, `inconnu (aucune des 60 mesures…)`."""
    text = plan_text.completion_text(dict(s), lang)
    if state(s) == "rate":
        text = f"{text} · {plan_text.coverage_text(dict(s), lang)}"
    return text


def completion_line(s: Summary, lang: Lang) -> str:
    """`Taux de réalisation : …` with the threshold's rule."""
    rule = t("truth.completion.threshold", lang, threshold=format_percent(threshold(), lang))
    return f"{t('truth.completion.line', lang, text=completion_text(s, lang))}. {rule}"


def verdict_sentences(s: Summary, lang: Lang) -> list[str]:
    """One sentence per published verdict of the plan (`plan_text.verdict_sentence`):
    "CNCDH, 12/01/2023 : 3 réalisées, 28 partiellement, 14 non réalisées (45 mesures) —
    verdict par mesure connu pour 6"."""
    return [plan_text.verdict_sentence(v, lang) for v in verdicts(s)]


def unassessed_note(s: Summary, lang: Lang) -> str | None:
    """What "Échues, non évaluées" counts (what the dataset lacks), by deadline basis, and
    the published verdict covering those measures when there is one; None when none."""
    if not s.get("past_due_unassessed"):
        return None
    return plan_text.unassessed_text(dict(s), lang)


def overdue_line(s: Summary, lang: Lang) -> str | None:
    """Overdue measures by deadline basis (None when none is overdue)."""
    if not s.get("overdue"):
        return None
    return plan_text.overdue_text(dict(s), lang)


def median_delay_short(s: Summary, lang: Lang) -> str:
    """`au moins 240 jours`, or `non calculable`."""
    days = s.get("median_delay_days")
    if days is None:
        return t("truth.delay.none", lang)
    return t("truth.delay.median.short", lang, days=format_days(days, lang))


def median_delay_line(s: Summary, lang: Lang) -> str | None:
    """The median delay, "au moins" when overdue delays are in it, with its base and the
    overdue measures whose delay is not counted (None when there is nothing to say)."""
    if s.get("median_delay_days") is None and not s.get("overdue_delay_unknown"):
        return None
    return plan_text.median_delay_text(dict(s), lang)


def retained_short(s: Summary, lang: Lang) -> str:
    """`6 / 8` (retained fully or partly, out of those recorded), or `non renseignée`."""
    if not retention_recorded(s):
        return t("truth.retention.not_recorded", lang)
    counts = s["retention_counts"]
    taken = counts["retained"] + counts["partly_retained"]
    return f"{format_number(taken, lang)} / {format_number(sum(counts.values()), lang)}"


def retention_help(lang: Lang) -> str:
    """What to add when retention is not recorded."""
    sheet = SHEETS_BY_ID["retention"].name(lang)
    return t("truth.retention.not_recorded.help", lang, sheet=sheet)


def plan_lines(s: Summary, as_of: dt.date, lang: Lang) -> list[str]:
    """The plan's period and adoption, its adoption delay and the gap before it, at as-of."""
    start, end = format_date(s["period_start"], lang), format_date(s["period_end"], lang)
    lines: list[str] = []
    if adopted(s) and s.get("adopted_date"):
        when = format_date(s["adopted_date"], lang, long=True)
        lines.append(t("overview.period", lang, start=start, end=end, adopted=when))
    elif s.get("period_start"):
        lines.append(t("truth.plan.not_adopted", lang, start=start, end=end, as_of=as_of))
    else:  # its period is not shown before its adoption
        lines.append(t("figures.not_adopted", lang, as_of=as_of))
    overdue = s.get("adoption_overdue_days")
    if overdue is not None:
        expected = format_date_bounds(s.get("expected_date"), s.get("expected_latest"), lang)
        lines.append(
            t(
                "truth.plan.adoption_overdue",
                lang,
                as_of=as_of,
                days=format_days(overdue, lang),
                expected=expected,
            )
        )
    if s.get("adoption_delay_days") is not None:
        expected = format_date_bounds(s.get("expected_date"), s.get("expected_latest"), lang)
        delay = plan_text.adoption_delay_text(s, lang)
        lines.append(t("overview.adoption_delay", lang, delay=delay, expected=expected))
    gap = s.get("gap_before_days")
    if gap is not None and gap > 0:
        key = "truth.plan.gap_open" if s.get("gap_open") else "overview.gap_before_days"
        lines.append(t(key, lang, days=format_days(gap, lang), as_of=as_of))
    return lines


def status_help(voice: str, lang: Lang) -> str:
    """The status chart's caption, naming the voice the statuses are read from."""
    if voice == "all":
        return t("truth.status.help.all", lang)
    return t("truth.status.help.voice", lang, voice=t(f"voice.{voice}", lang))


def with_date_bounds(
    frame: pd.DataFrame, lang: Lang, column: str = "date", latest: str = "date_latest"
) -> pd.DataFrame:
    """`frame` with `column` written as text from its bounds ("14/05/2014", "mars 2014",
    "entre le 03/02/2014 et le 31/03/2014") and the `latest` column dropped.

    A date known only to the month or between two dates is never shown as one day.
    """
    if column not in frame.columns:
        return frame
    bounds = frame[latest] if latest in frame.columns else pd.Series(pd.NaT, index=frame.index)
    text = format_date_bounds_column(frame[column], bounds, lang)
    return frame.assign(**{column: text}).drop(columns=[latest], errors="ignore")


def events_table(events: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """`timeline_text.events_for_display` with each date written from its bounds, in `date`."""
    table = events_for_display(events, lang)
    if "when" in table.columns:  # already written from its bounds
        return table.assign(date=table["when"]).drop(columns="when")
    if "date_latest" in events.columns and "date_latest" not in table.columns:
        table = table.assign(date_latest=events["date_latest"].to_numpy())
    return with_date_bounds(table, lang)


def basis_label(basis: Any, lang: Lang) -> str:
    """What a deadline rests on, in words: revised, the measure's own, the plan-end
    convention; "—" when there is none."""
    if not isinstance(basis, str) or not basis:
        return "—"
    return t(f"truth.basis.{basis}", lang)
