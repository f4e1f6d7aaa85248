"""The change review's tables in the user's words.

The analysis gives each group of changes in no language (`Changes.groups`: codes,
dates, numbers, status labels as written); this module words them for a page and the
CLI: a group's title (`section_label`), its rows (`change_sections`) and every change as
one table (`change_rows`), with the headers, labels, status labels (as each version's
scale names them) and dates of `lang`; the review in a few lines (`summary_lines`); every
changed cell (`cell_rows`, `changed_cells`); and a measure's or recommendation's change
log (`change_log_rows`, `change_log_summary`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from monitoring.analysis.changelog import ROW_COLUMNS as LOG_ROW_COLUMNS
from monitoring.analysis.changelog import ChangeLog
from monitoring.analysis.changes import (
    CELL_COLUMNS,
    CELL_ROW_COLUMNS,
    DIRECTIONS,
    GROUPS,
    SECTIONS,
    Changes,
    column_of,
    key_dict,
    plain_value,
)
from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import (
    CATEGORIES,
    EVENT_KINDS,
    RETENTION_LEVELS,
    SHEETS_BY_ID,
    VERDICT_COUNT_COLUMNS,
    VOICES,
    Column,
    Lang,
)
from monitoring.text.i18n import format_date, format_date_bounds, format_moment, format_number, t

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


def _shown(value: object, column: Column | None, scale: StatusScale, lang: Lang) -> str:
    """A cell's value as the coordinator reads it: labels, French dates and numbers."""
    value = plain_value(value)
    if value is None:
        return t("changes.cell.empty", lang)
    if column is not None:
        if column.type == "date" and isinstance(value, dt.date | str):
            return format_date(value, lang)  # a key's date is ISO text
        if column.type == "status":
            return scale.display(str(value), lang)
        if column.choices:
            return _label(column.choices, lang)(value)
        if column.id == "category":  # of the status scale
            return _label(CATEGORIES, lang)(value)
        if column.type in ("integer", "number") and isinstance(value, int | float):
            decimals = 0 if float(value).is_integer() else 2
            return format_number(value, lang, decimals=decimals)
    return str(value)


# A key's values are shown without a version's scale (a key column is never a status).
_NO_SCALE = StatusScale()


# `_shown(value, column, scale)` in one language.
Show = Callable[[object, Column | None, StatusScale], str]


def _key_shown(
    sheet_id: object, key: dict[str, object] | None, lang: Lang, shown: Show | None = None
) -> str:
    """The row's identifier in the coordinator's words (`PAN1-M12 · 14/05/2018 · CNCDH`)."""
    if not key:
        return ""
    show = shown or (lambda value, column, scale: _shown(value, column, scale, lang))
    parts = [show(v, column_of(sheet_id, k), _NO_SCALE)
             for k, v in key.items() if k != "n" and v is not None]  # fmt: skip
    n = key.get("n", 1)
    return " · ".join(parts) + (f" #{n}" if isinstance(n, int) and n > 1 else "")


class _ShownOnce:
    """`_shown` for one table in one language, each distinct value written out once: the
    changed cells of a review share dates, labels and identifiers, and `_shown` is pure."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._seen: dict[tuple[object, ...], str] = {}

    def __call__(self, value: object, column: Column | None, scale: StatusScale) -> str:
        # The type is part of the key: 1 and 1.0 are equal but not shown alike. Columns
        # and scales live as long as the call: their identity names them.
        key = (type(value), value, id(column), id(scale))
        try:
            return self._seen[key]
        except KeyError:
            text = self._seen[key] = _shown(value, column, scale, self.lang)
            return text
        except TypeError:  # an unhashable value (never one the contract writes)
            return _shown(value, column, scale, self.lang)


def cell_rows(
    cells: pd.DataFrame,
    lang: Lang = "fr",
    old_scale: StatusScale | None = None,
    new_scale: StatusScale | None = None,
) -> pd.DataFrame:
    """The cell changes as a table in `lang`: sheet names and column headers of the
    contract (an extra column under its own header), choice labels, French dates.

    Returns:
        Columns (headers in `lang`): sheet, row, change, field, before, after; "" where
        a cell has nothing to show (a row added has no field).
    """
    old_scale, new_scale = old_scale or StatusScale(), new_scale or StatusScale()
    shown = _ShownOnce(lang)
    # Column by column (the changed cells only): a list each, no record per row.
    sheet_ids, names, codes = (cells[c].tolist() for c in ("sheet", "field", "change"))
    columns = [column_of(s, f) for s, f in zip(sheet_ids, names, strict=True)]
    changed = [code == "changed" for code in codes]
    sheets = {s: SHEETS_BY_ID.get(str(s)) for s in set(sheet_ids)}
    labels = {code: t(f"changes.cell.{code}", lang) for code in set(codes)}
    keys = zip(sheet_ids, cells["key"].tolist(), strict=True)
    olds = zip(cells["old"].tolist(), columns, changed, strict=True)
    news = zip(cells["new"].tolist(), columns, changed, strict=True)
    rows = {
        "sheet": [sheet.name(lang) if (sheet := sheets[s]) else "" for s in sheet_ids],
        "row": [_key_shown(s, key_dict(s, k), lang, shown) for s, k in keys],
        "change": [labels[code] for code in codes],
        "field": [c.header(lang) if c else (f or "") for c, f in zip(columns, names, strict=True)],
        "before": [shown(v, c, old_scale) if ch else "" for v, c, ch in olds],
        "after": [shown(v, c, new_scale) if ch else "" for v, c, ch in news],
    }
    # No change: no column to infer a type from (the same empty table as ever).
    frame = pd.DataFrame(rows if len(cells) else [], columns=list(CELL_ROW_COLUMNS))
    return frame.rename(columns={c: t(f"changes.cell_column.{c}", lang) for c in CELL_ROW_COLUMNS})


def changed_cells(changes: Changes, lang: Lang = "fr") -> pd.DataFrame:
    """Every cell change of a review in `lang` (`cell_rows`), status labels as each
    version's scale names them."""
    return cell_rows(changes.cells, lang, changes.old_scale, changes.new_scale)


def summary_lines(changes: Changes, lang: Lang = "fr") -> list[str]:
    """One line per kind of change that happened (`Mesures ajoutées : 3`)."""
    if changes.is_empty:
        return [t("changes.none", lang)]
    counts = changes.counts()
    lines = [
        t("changes.count", lang, label=t(f"changes.section.{name}", lang), count=counts[name])
        for name in SECTIONS
        if counts[name]
    ]
    if counts["statuses"]:
        parts = [
            t("changes.count", lang, label=t(f"changes.direction.{d}", lang), count=n)
            for d in DIRECTIONS
            if (n := counts[f"statuses_{d}"])
        ]
        lines.append("  " + " · ".join(parts))
    if not changes.cells.empty:
        lines.append(
            t("changes.count", lang, label=t("changes.cells", lang), count=len(changes.cells))
        )
    return lines


def change_log_summary(log: ChangeLog, lang: Lang = "fr") -> str:
    """One sentence: how many changes between which versions, or that there are none."""
    if not log.versions:
        return t("changelog.no_version", lang)
    first, last = log.versions[0], log.versions[-1]
    if len(log.versions) == 1:
        return t("changelog.only_one", lang, version=first)
    if log.is_empty:
        return t("changelog.none", lang, version=first, last=last)
    return t("changelog.count", lang, count=len(log.entries), first=first, last=last)


def change_log_rows(log: ChangeLog, lang: Lang = "fr", zone: dt.tzinfo = dt.UTC) -> pd.DataFrame:
    """A change log's entries in `lang`, newest first: `changelog.ROW_COLUMNS` (ids, not
    labels).

    `when` is the version's date and time in `zone` the way `lang` writes dates; the sheet,
    row, field and values read as `cell_rows` shows them (choice and status labels as that
    version's scale names them, dates the French way in French); the change says whether
    the row was added, removed or changed; a row added shows nothing before, a row
    removed nothing after.
    """
    if log.is_empty:
        return pd.DataFrame(columns=list(LOG_ROW_COLUMNS))
    parts = []
    for _, part in log.entries.groupby("version", sort=False):
        first = part.iloc[0]
        version, previous = int(first["version"]), int(first["previous"])
        change = part["change"].to_numpy()
        # Shown as a changed cell, so that `cell_rows` writes both values; the
        # change's own label is put back below.
        cells = part[list(CELL_COLUMNS)].assign(change="changed")
        shown = cell_rows(cells, lang, log.scales[previous], log.scales[version])
        shown.columns = list(CELL_ROW_COLUMNS)
        shown["change"] = [t(f"changes.cell.{c}", lang) for c in change]
        shown.loc[change == "added", "before"] = ""
        shown.loc[change == "removed", "after"] = ""
        nothing = part["field"].isna().to_numpy()  # a row with no field to show
        shown.loc[nothing, ["before", "after"]] = ""
        moment = first["created_at"]
        shown.insert(0, "version", version)
        shown.insert(1, "when", format_moment(moment, lang, zone))
        shown.insert(2, "author", first["author"])
        shown.insert(3, "note", first["note"])
        parts.append(shown)
    return pd.concat(parts, ignore_index=True)[list(LOG_ROW_COLUMNS)]
