"""The change review's tables in the user's words.

The analysis gives each group of changes in no language (`Changes.groups`: codes,
dates, numbers, status labels as written); this module words them for a page and the
CLI: a group's title (`section_label`), its rows (`change_sections`) and every change as
one table (`change_rows`), with the headers, labels, status labels (as each version's
scale names them) and dates of `lang`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from monitoring.analysis.changes import GROUPS, Changes
from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import (
    CATEGORIES,
    EVENT_KINDS,
    RETENTION_LEVELS,
    VERDICT_COUNT_COLUMNS,
    VOICES,
    Lang,
)
from monitoring.text.i18n import format_date, format_date_bounds, format_number, t

ROW_COLUMNS = ("change", "plan", "item", "voice", "title", "date", "before", "after")


def section_label(name: str, lang: Lang = "fr") -> str:
    """The title of a group of `GROUPS` in `lang` (`Statuts modifiés — en progrès`)."""
    if name.startswith("statuses_"):
        direction = t(f"changes.direction.{name.removeprefix('statuses_')}", lang)
        return t("changes.section.statuses", lang) + " — " + direction
    return t(f"changes.section.{name}", lang)


def change_rows(changes: Changes, lang: Lang = "fr", section: str | None = None) -> pd.DataFrame:
    """Every change (or one group's) as rows of a table for a page, in `lang`.

    Args:
        changes: the review (`analysis.changes.compare`).
        lang: the language of the headers, labels, status labels and dates.
        section: None for every change; else a name of `GROUPS` (a section, or
            `statuses_<direction>` for one direction of status changes) or
            `statuses` (every direction).

    Returns:
        Columns (headers in `lang`): change, plan, item, voice, title, date (of an
        event), before, after; empty cells hold "".
    """
    groups = changes.groups()
    if section is None:
        names = list(groups)
    elif section == "statuses":
        names = [name for name in groups if name.startswith("statuses_")]
    elif section in GROUPS:
        names = [section] if section in groups else []
    else:
        raise ValueError(f"unknown section {section!r}; use one of {GROUPS}")
    return _table([worded(name, groups[name], lang, changes) for name in names], lang)


def change_sections(changes: Changes, lang: Lang = "fr") -> dict[str, pd.DataFrame]:
    """Every non-empty group of changes, in `GROUPS` order, as `change_rows` gives them.

    Returns:
        Group name (`measures_added`, `statuses_up`, …) → its rows, with the columns
        of `change_rows`; `section_label(name, lang)` is a group's title.
    """
    return {
        name: _table([worded(name, frame, lang, changes)], lang)
        for name, frame in changes.groups().items()
    }


def worded(name: str, group: pd.DataFrame, lang: Lang, changes: Changes) -> pd.DataFrame:
    """One group of `Changes.groups` in `lang`, columns of `ROW_COLUMNS` (ids, not labels).

    The statuses' labels are shown as each version's scale names them (`changes.old_scale`
    before, `changes.new_scale` after).
    """
    columns: dict[str, Any] = {"change": section_label(name, lang)}
    if name.startswith("statuses_"):
        columns |= _statuses(group, lang, changes.old_scale, changes.new_scale)
    elif name.startswith("events_"):
        kind = group["kind"].map(_label(EVENT_KINDS, lang))
        columns |= {
            "item": group["item"],
            "title": kind.astype(str) + " — " + group["title"].astype(str),
            "date": _date_bounds(group["date"], group["date_latest"], lang),
        }
    elif name.startswith("verdicts_"):
        columns |= _verdicts(name, group, lang)
    else:
        columns |= {c: group[c] for c in ("plan", "item", "title") if c in group}
        if name == "deadlines":
            columns |= {"before": _dates(group["before"], lang)}
            columns |= {"after": _dates(group["after"], lang)}
        elif name == "retention":
            level = _label(RETENTION_LEVELS, lang)
            columns |= {"before": group["before"].map(level).astype(object).fillna("—")}
            columns |= {"after": group["after"].map(level).astype(object).fillna("—")}
    return pd.DataFrame(columns, index=group.index)


def verdict_counts_text(row: Any, lang: Lang, prefix: str = "") -> str:
    """A verdict's figures in one line: `réalisée 3 · partielle 28 · non réalisée 14 (45
    mesures)`; a count not given is left out (unknown, not zero)."""
    parts = []
    for category in CATEGORIES:
        count = row[prefix + VERDICT_COUNT_COLUMNS[category.code]]
        if pd.notna(count):
            parts.append(f"{category.label(lang)} {format_number(int(count), lang)}")
    covered = row[prefix + "measures_covered"]
    total = t(
        "changes.verdict_covered",
        lang,
        count=format_number(int(covered), lang) if pd.notna(covered) else "—",
    )
    return " · ".join(parts) + f" ({total})"


def _verdicts(name: str, group: pd.DataFrame, lang: Lang) -> dict[str, Any]:
    records = group.to_dict("records")
    figures = pd.Series(
        [verdict_counts_text(r, lang) for r in records], index=group.index, dtype=object
    )
    columns: dict[str, Any] = {
        "plan": group["plan"],
        "item": group["item"],
        "voice": group["voice"].map(_label(VOICES, lang)),
        "date": _dates(group["date"], lang),
        "title": figures,
    }
    if name == "verdicts_changed":
        before = [verdict_counts_text(r, lang, "old_") for r in records]
        columns |= {"before": pd.Series(before, index=group.index, dtype=object)}
        columns |= {"after": figures}
    return columns


def _statuses(
    group: pd.DataFrame, lang: Lang, old_scale: StatusScale, new_scale: StatusScale
) -> dict[str, Any]:
    return {
        "plan": group["plan"],
        "item": group["item"],
        "voice": group["voice"].map(_label(VOICES, lang)),
        "title": group["title"],
        "before": _status_labels(group["before"], old_scale, lang),
        "after": _status_labels(group["after"], new_scale, lang),
    }


def _status_labels(values: pd.Series, scale: StatusScale, lang: Lang) -> pd.Series:
    """Status labels as `lang` names them on `scale` (a label off the scale as written)."""
    shown = {v: scale.display(v, lang) for v in values.dropna().unique() if isinstance(v, str)}
    return values.map(lambda v: shown.get(v, v) if isinstance(v, str) else v)


def _label(choices: Any, lang: Lang) -> Any:
    labels = {c.code: c.label(lang) for c in choices}
    return lambda code: labels.get(str(code), code) if isinstance(code, str) else code


def _dates(values: pd.Series, lang: Lang) -> pd.Series:
    return values.map(lambda d: format_date(d if pd.notna(d) else None, lang))


def _date_bounds(first: pd.Series, last: pd.Series, lang: Lang) -> pd.Series:
    """Dates as known: `14/05/2014`, `mars 2014`, `entre le … et le …` (no day invented)."""
    pairs = zip(first.tolist(), last.tolist(), strict=True)
    shown = [format_date_bounds(None if pd.isna(a) else a, None if pd.isna(b) else b, lang)
             for a, b in pairs]  # fmt: skip
    return pd.Series(shown, index=first.index, dtype=object)


def _table(parts: list[pd.DataFrame], lang: Lang) -> pd.DataFrame:
    """Stack groups of rows into the page's table: every column, "" when empty, in `lang`."""
    parts = [p for p in parts if len(p)]
    columns = list(ROW_COLUMNS)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    frame = frame.reindex(columns=columns)
    frame = frame.astype(object).where(frame.notna(), "")
    return frame.rename(columns={c: t(f"changes.column.{c}", lang) for c in ROW_COLUMNS})
