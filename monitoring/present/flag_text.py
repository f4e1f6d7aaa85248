"""A new version's review flags in the user's words: the rows rewritten, the figures they
change, the rows a replacement removes, and why an import was refused.
`monitoring.analysis.review_flags` computes the flags in no language.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from monitoring.analysis.review_flags import Confirmation, ReviewFlags
from monitoring.contract.schema import SHEETS_BY_ID, Lang
from monitoring.present.change_tables import cell_rows
from monitoring.present.figures_text import completion_short
from monitoring.text.i18n import format_date, format_number, t


def rewritten_rows(flags: ReviewFlags, lang: Lang = "fr") -> list[str]:
    """Each rewritten row once, in the coordinator's words (`Suivi A-M01 · 14/12/2018
    · Gouvernement`), in sheet and row order."""
    shown = cell_rows(flags.rewrites, lang)
    sheet, row = (t(f"changes.cell_column.{c}", lang) for c in ("sheet", "row"))
    return list(dict.fromkeys(shown[sheet] + " " + shown[row]))


def _figure_text(figure: str, value: Any, lang: Lang) -> str:
    if value is None:
        return "—"
    if figure == "completion":
        state, rate = value
        return completion_short({"completion_state": state, "completion_rate": rate}, lang)
    part, whole = value
    part_text, whole_text = format_number(part, lang), format_number(whole, lang)
    return t("flags.part_of", lang, part=part_text, whole=whole_text)


def shift_rows(flags: ReviewFlags, lang: Lang = "fr") -> pd.DataFrame:
    """The figures a rewrite changes, as a table in `lang` (headers translated).

    Returns:
        Columns: date, plan, figure, before, after (all text).
    """
    rows = [
        {
            "date": format_date(day, lang),
            "plan": t("flags.no_plan", lang) if plan is None or pd.isna(plan) else str(plan),
            "figure": t(f"flags.figure.{figure}", lang),
            "before": _figure_text(figure, before, lang),
            "after": _figure_text(figure, after, lang),
        }
        for day, plan, figure, before, after in flags.shifts.itertuples(index=False)
    ]
    columns = ("date", "plan", "figure", "before", "after")
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.rename(columns={c: t(f"flags.column.{c}", lang) for c in columns})


def rewrite_rows(flags: ReviewFlags, lang: Lang = "fr") -> pd.DataFrame:
    """The rewritten cells as the cell review shows them (`change_tables.cell_rows`)."""
    return cell_rows(flags.rewrites, lang)


def unchanged_dates(flags: ReviewFlags, lang: Lang = "fr") -> str:
    """The dates compared, in `lang`, joined (`14/05/2018, 07/12/2026`)."""
    return ", ".join(format_date(d, lang) for d in flags.dates)


def removal_lines(flags: ReviewFlags, lang: Lang = "fr") -> list[str]:
    """One line per sheet that lost rows: `Mesures : 128 retirées sur 128`."""
    return [
        t(
            "flags.removed_line",
            lang,
            sheet=SHEETS_BY_ID[r.sheet].name(lang),
            removed=format_number(r.removed, lang),
            before=format_number(r.before, lang),
        )
        for r in flags.removals
    ]


def removal_rows(flags: ReviewFlags, lang: Lang = "fr") -> pd.DataFrame:
    """Every row removed from those sheets: sheet, identifier, title (headers in `lang`)."""
    rows = [
        (SHEETS_BY_ID[r.sheet].name(lang), ident, title)
        for r in flags.removals
        for ident, title in zip(r.rows, r.titles, strict=True)
    ]
    columns = [t(f"flags.column.{c}", lang) for c in ("sheet", "row", "title")]
    return pd.DataFrame(rows, columns=columns)


def _names(rows: list[str], limit: int, lang: Lang) -> str:
    shown = ", ".join(rows[:limit])
    more = len(rows) - limit
    return shown + (t("flags.and_more", lang, count=more) if more > 0 else "")


def refusal_text(flags: ReviewFlags, missing: tuple[Confirmation, ...], lang: Lang = "fr") -> str:
    """Why an import was not stored, in one paragraph naming the rows (at most `LIMIT`
    per kind)."""
    parts = []
    if "rewrite" in missing:
        rows = rewritten_rows(flags, lang)
        parts.append(
            t("flags.refused.rewrite", lang, count=len(rows), rows=_names(rows, LIMIT, lang))
        )
    if "replace" in missing:
        parts.append(t("flags.refused.replace", lang, lines="; ".join(removal_lines(flags, lang))))
    return " ".join([t("flags.refused", lang), *parts])


LIMIT = 10  # rows named in a refusal message before "and N more"
