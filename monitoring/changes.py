"""The change review: what differs between two versions of a dataset.

`compare(old, new, as_of)` is shown before an upload is confirmed and between any two
versions of the history. Everything is computed with vectorised merges over whole
tables (two 10,000-measure versions compare in a fraction of a second).

For a page: `Changes.rows(lang)` is every change as one table in the user's language
(status labels included, shown as each version's scale names them), `rows(lang,
section=…)` one group of it, and `Changes.sections(lang)` every non-empty group by its
stable name (`GROUPS`: the sections, statuses split by direction), so a page never has
to filter on translated text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from monitoring.dataset import Dataset, StatusScale
from monitoring.i18n import format_date, format_date_bounds, format_number, t
from monitoring.metrics import current_status, measure_table
from monitoring.schema import (
    CATEGORIES,
    EVENT_KINDS,
    RETENTION_LEVELS,
    SHEETS_BY_ID,
    VERDICT_COUNT_COLUMNS,
    VOICES,
    Lang,
)

# Better outcomes rank higher. `dropped` and `unknown` are not on this scale.
STATUS_RANK = {"done": 3, "partial": 2, "not_done": 1}
RETENTION_RANK = {c.code: i for i, c in enumerate(RETENTION_LEVELS)}  # 0 is the highest
SECTIONS = (
    "plans_added",
    "plans_removed",
    "measures_added",
    "measures_removed",
    "statuses",
    "deadlines",
    "retention",
    "events_added",
    "events_removed",
    "events_changed",
    "verdicts_added",
    "verdicts_removed",
    "verdicts_changed",
)
# A published verdict is one row per plan, assessor and publication date (`Sheet.key`).
VERDICT_KEY = list(SHEETS_BY_ID["published_verdicts"].key)
_VERDICT_FIGURES = ["measures_covered", *VERDICT_COUNT_COLUMNS.values()]


@dataclass(frozen=True)
class Changes:
    """Every difference between two versions, one table per kind of change.

    Columns of each table:
    - `plans_added`, `plans_removed`: plan_id, title;
    - `measures_added`, `measures_removed`: measure_id, plan_id, title;
    - `statuses`: measure_id, plan_id, title, voice, old_status, new_status,
      old_category, new_category, direction (see `compare`);
    - `deadlines`: measure_id, plan_id, title, old_due, new_due, shift_days;
    - `retention`: plan_id, rec_id, title, old_level, new_level (None when absent);
    - `events_added`, `events_removed`, `events_changed`: event_id, date, date_latest
      (the latest possible day of an imprecise date, NaT when known to the day), kind,
      title;
    - `verdicts_added`, `verdicts_removed`: plan_id, assessor, published_on, voice,
      measures_covered and the count columns (`VERDICT_COUNT_COLUMNS`, <NA> when not
      given); `verdicts_changed`: the same as they are now, and each figure as it was
      before under `old_<column>` (a verdict is matched by plan, assessor and date).
    """

    as_of: dt.date
    plans_added: pd.DataFrame
    plans_removed: pd.DataFrame
    measures_added: pd.DataFrame
    measures_removed: pd.DataFrame
    statuses: pd.DataFrame
    deadlines: pd.DataFrame
    retention: pd.DataFrame
    events_added: pd.DataFrame
    events_removed: pd.DataFrame
    events_changed: pd.DataFrame
    verdicts_added: pd.DataFrame
    verdicts_removed: pd.DataFrame
    verdicts_changed: pd.DataFrame
    # The scales of the two versions, to show their status labels in the user's language.
    old_scale: StatusScale = field(default_factory=StatusScale)
    new_scale: StatusScale = field(default_factory=StatusScale)

    def section(self, name: str) -> pd.DataFrame:
        """Return the table of one section (a name of `SECTIONS`)."""
        frame: pd.DataFrame = getattr(self, name)
        return frame

    @property
    def is_empty(self) -> bool:
        return all(self.section(name).empty for name in SECTIONS)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind; statuses also split by direction."""
        counts = {name: len(self.section(name)) for name in SECTIONS}
        for direction in DIRECTIONS:
            counts[f"statuses_{direction}"] = int((self.statuses["direction"] == direction).sum())
        return counts

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: as_of, counts, and each section as a list of records."""
        out: dict[str, Any] = {"as_of": self.as_of.isoformat(), "counts": self.counts()}
        for name in SECTIONS:
            out[name] = _records(self.section(name))
        return out

    def summary(self, lang: Lang = "fr") -> list[str]:
        """One line per kind of change that happened (`Mesures ajoutées : 3`)."""
        if self.is_empty:
            return [t("changes.none", lang)]
        counts = self.counts()
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
        return lines

    def rows(self, lang: Lang = "fr", section: str | None = None) -> pd.DataFrame:
        """Every change (or one group's) as rows of a table for a page, in `lang`.

        Args:
            lang: the language of the headers, labels, status labels and dates.
            section: None for every change; else a name of `GROUPS` (a section, or
                `statuses_<direction>` for one direction of status changes) or
                `statuses` (every direction).

        Returns:
            Columns (headers in `lang`): change, plan, item, voice, title, date (of an
            event), before, after; empty cells hold "".
        """
        groups = self._groups(lang)
        if section is None:
            parts = list(groups.values())
        elif section == "statuses":
            parts = [frame for name, frame in groups.items() if name.startswith("statuses_")]
        elif section in GROUPS:
            parts = [groups[section]] if section in groups else []
        else:
            raise ValueError(f"unknown section {section!r}; use one of {GROUPS}")
        return _table(parts, lang)

    def sections(self, lang: Lang = "fr") -> dict[str, pd.DataFrame]:
        """Every non-empty group of changes, in `GROUPS` order, as `rows` gives them.

        Args:
            lang: the language of the tables.

        Returns:
            Group name (`measures_added`, `statuses_up`, …) → its rows, with the columns
            of `rows`; `section_label(name, lang)` is a group's title.
        """
        return {name: _table([frame], lang) for name, frame in self._groups(lang).items()}

    def _groups(self, lang: Lang) -> dict[str, pd.DataFrame]:
        """The non-empty groups, in `GROUPS` order, with column ids (not yet translated)."""
        groups: dict[str, pd.DataFrame] = {}
        for name in SECTIONS:
            frame = self.section(name)
            if frame.empty:
                continue
            if name != "statuses":
                groups[name] = _ROWS[name](frame, lang)
                continue
            shown = _statuses_rows(frame, lang, self.old_scale, self.new_scale)
            for direction in DIRECTIONS:
                part = shown[frame["direction"].to_numpy() == direction]
                if len(part):
                    groups[f"statuses_{direction}"] = part
        return groups


def section_label(name: str, lang: Lang = "fr") -> str:
    """The title of a group of `GROUPS` in `lang` (`Statuts modifiés — en progrès`)."""
    if name.startswith("statuses_"):
        direction = t(f"changes.direction.{name.removeprefix('statuses_')}", lang)
        return t("changes.section.statuses", lang) + " — " + direction
    return t(f"changes.section.{name}", lang)


ROW_COLUMNS = ("change", "plan", "item", "voice", "title", "date", "before", "after")


def _table(parts: list[pd.DataFrame], lang: Lang) -> pd.DataFrame:
    """Stack groups of rows into the page's table: every column, "" when empty, in `lang`."""
    parts = [p for p in parts if len(p)]
    columns = list(ROW_COLUMNS)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    frame = frame.reindex(columns=columns)
    frame = frame.astype(object).where(frame.notna(), "")
    return frame.rename(columns={c: t(f"changes.column.{c}", lang) for c in columns})


DIRECTIONS = ("up", "down", "dropped", "reinstated", "assessed", "unassessed")
# The groups a page shows, in order: the sections, statuses split by direction.
GROUPS = tuple(
    name
    for section in SECTIONS
    for name in ([f"statuses_{d}" for d in DIRECTIONS] if section == "statuses" else [section])
)


def compare(old: Dataset, new: Dataset, as_of: dt.date) -> Changes:
    """Compare two versions of a dataset.

    Statuses are compared per measure (present in both versions) and per voice, using the
    current status at `as_of` of each voice (`metrics.current_status`). Only a change of
    *category* counts (a new label within the same category is not a change). Its
    direction, the first rule that applies:
    - `dropped`: the new category is `dropped` (whatever it was before);
    - `reinstated`: the old category was `dropped` (whatever it is now);
    - `assessed`: it was `unknown` (never assessed) and now has a status: neither up
      nor down, since nothing was known before;
    - `unassessed`: it had a status and is now `unknown` (its assessments were removed);
    - `up` / `down`: both on the scale done > partial > not_done.

    A deadline moved when a measure's effective due date (the latest revised due date
    known at `as_of`, else its due date, else its plan's end: `metrics.measure_table`)
    differs. Retention is compared per (plan, recommendation) at its highest level; a
    pair present in one version only shows None on the other side. Events are matched
    by id; `events_changed` holds the ones whose content differs.

    Args:
        old: the earlier version (e.g. the current one).
        new: the later version (e.g. the upload).
        as_of: the date statuses and deadlines are computed for.

    Returns:
        The changes, each kind in its own table.
    """
    added_plans, removed_plans = _added_removed(old.plans, new.plans, "plan_id", ["title"])
    added, removed = _added_removed(old.measures, new.measures, "measure_id", ["plan_id", "title"])
    events_added, events_removed = _added_removed(
        old.events, new.events, "event_id", ["date", "date_latest", "kind", "title"]
    )
    verdicts_added, verdicts_removed = _verdicts_added_removed(old, new)
    return Changes(
        as_of=as_of,
        plans_added=added_plans,
        plans_removed=removed_plans,
        measures_added=added,
        measures_removed=removed,
        statuses=_statuses(old, new, as_of),
        deadlines=_deadlines(old, new, as_of),
        retention=_retention(old, new),
        events_added=events_added,
        events_removed=events_removed,
        events_changed=_events_changed(old, new),
        verdicts_added=verdicts_added,
        verdicts_removed=verdicts_removed,
        verdicts_changed=_verdicts_changed(old, new),
        old_scale=old.scale,
        new_scale=new.scale,
    )


def _added_removed(
    old: pd.DataFrame, new: pd.DataFrame, key: str, columns: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    wanted = [key, *columns]
    added = new.loc[~new[key].isin(old[key]), wanted].reset_index(drop=True)
    removed = old.loc[~old[key].isin(new[key]), wanted].reset_index(drop=True)
    return added, removed


def _statuses(old: Dataset, new: Dataset, as_of: dt.date) -> pd.DataFrame:
    titles = new.measures[["measure_id", "title"]]
    parts = []
    for voice in VOICES:  # three merges, each over every measure at once
        before = current_status(old, as_of, voice.code)[["measure_id", "status", "category"]]
        after = current_status(new, as_of, voice.code)[
            ["measure_id", "plan_id", "status", "category"]
        ]
        both = after.merge(before, on="measure_id", suffixes=("_new", "_old"))
        both = both[both["category_new"] != both["category_old"]]
        parts.append(both.assign(voice=voice.code))
    merged = pd.concat(parts, ignore_index=True)
    o = merged["category_old"].to_numpy(dtype=object)
    n = merged["category_new"].to_numpy(dtype=object)
    rank_o = merged["category_old"].map(STATUS_RANK).to_numpy(dtype="float64")
    rank_n = merged["category_new"].map(STATUS_RANK).to_numpy(dtype="float64")
    direction = np.select(
        [n == "dropped", o == "dropped", o == "unknown", n == "unknown", rank_n > rank_o],
        ["dropped", "reinstated", "assessed", "unassessed", "up"],
        default="down",
    )
    frame = merged.assign(direction=direction).merge(titles, on="measure_id", how="left")
    frame = frame.rename(
        columns={
            "status_old": "old_status",
            "status_new": "new_status",
            "category_old": "old_category",
            "category_new": "new_category",
        }
    )
    columns = ["measure_id", "plan_id", "title", "voice", "old_status", "new_status"]
    columns += ["old_category", "new_category", "direction"]
    return frame[columns].reset_index(drop=True)


def _deadlines(old: Dataset, new: Dataset, as_of: dt.date) -> pd.DataFrame:
    before = measure_table(old, as_of)[["measure_id", "effective_due"]]
    after = measure_table(new, as_of)[["measure_id", "plan_id", "title", "effective_due"]]
    both = after.merge(before, on="measure_id", suffixes=("_new", "_old"))
    new_due = both["effective_due_new"].to_numpy()
    old_due = both["effective_due_old"].to_numpy()
    same = (new_due == old_due) | (np.isnat(new_due) & np.isnat(old_due))
    moved = both[~same]
    shift = (moved["effective_due_new"] - moved["effective_due_old"]).dt.days
    return pd.DataFrame(
        {
            "measure_id": moved["measure_id"],
            "plan_id": moved["plan_id"],
            "title": moved["title"],
            "old_due": moved["effective_due_old"],
            "new_due": moved["effective_due_new"],
            "shift_days": shift.astype("Int64"),
        }
    ).reset_index(drop=True)


def _highest(ds: Dataset) -> pd.DataFrame:
    retention = ds.retention.assign(_rank=ds.retention["level"].map(RETENTION_RANK))
    highest = retention.sort_values(["_rank", "_row"], kind="stable").drop_duplicates(
        ["plan_id", "rec_id"], keep="first"
    )
    return highest[["plan_id", "rec_id", "level"]]


def _retention(old: Dataset, new: Dataset) -> pd.DataFrame:
    both = _highest(new).merge(
        _highest(old), on=["plan_id", "rec_id"], how="outer", suffixes=("_new", "_old")
    )
    changed = both[both["level_new"].fillna("") != both["level_old"].fillna("")]
    titles = pd.concat([new.recommendations, old.recommendations])[["rec_id", "title"]]
    titles = titles.drop_duplicates("rec_id")
    frame = changed.merge(titles, on="rec_id", how="left")
    frame = frame.rename(columns={"level_old": "old_level", "level_new": "new_level"})
    frame = frame.sort_values(["plan_id", "rec_id"], kind="stable")
    return frame[["plan_id", "rec_id", "title", "old_level", "new_level"]].reset_index(drop=True)


def _events_changed(old: Dataset, new: Dataset) -> pd.DataFrame:
    columns = list(SHEETS_BY_ID["events"].column_ids)
    before = old.events.assign(_hash=pd.util.hash_pandas_object(old.events[columns], index=False))
    after = new.events.assign(_hash=pd.util.hash_pandas_object(new.events[columns], index=False))
    shown = ["event_id", "date", "date_latest", "kind", "title"]
    both = after[[*shown, "_hash"]].merge(
        before[["event_id", "_hash"]], on="event_id", suffixes=("", "_old")
    )
    return both.loc[both["_hash"] != both["_hash_old"], shown]


def _verdicts(ds: Dataset) -> pd.DataFrame:
    columns = [*VERDICT_KEY, "voice", *_VERDICT_FIGURES]
    return ds.tables["published_verdicts"][columns]


def _verdicts_added_removed(old: Dataset, new: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    before, after = _verdicts(old), _verdicts(new)
    keys = before[VERDICT_KEY].merge(after[VERDICT_KEY], how="outer", indicator=True)
    added = after.merge(keys[keys["_merge"] == "right_only"][VERDICT_KEY], on=VERDICT_KEY)
    removed = before.merge(keys[keys["_merge"] == "left_only"][VERDICT_KEY], on=VERDICT_KEY)
    return added.reset_index(drop=True), removed.reset_index(drop=True)


def _verdicts_changed(old: Dataset, new: Dataset) -> pd.DataFrame:
    """Verdicts in both versions (same plan, assessor, date) whose voice or figures differ."""
    before, after = _verdicts(old), _verdicts(new)
    both = after.merge(before, on=VERDICT_KEY, suffixes=("", "_before"))
    compared = ["voice", *_VERDICT_FIGURES]
    differs = np.zeros(len(both), dtype=bool)
    for name in compared:
        now, then = both[name], both[f"{name}_before"]
        differs |= ~((now == then).fillna(False) | (now.isna() & then.isna())).to_numpy(bool)
    changed = both[differs].rename(
        columns={f"{n}_before": f"old_{n}" for n in compared if n != "voice"}
    )
    return changed.drop(columns="voice_before").reset_index(drop=True)


# --- JSON and table rows ------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = frame.copy()
    for name in out.columns:
        if str(out[name].dtype).startswith("datetime64"):
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    records: list[dict[str, Any]] = out.astype(object).where(out.notna(), None).to_dict("records")  # type: ignore[assignment]
    return records


def _label(choices: Any, lang: Lang) -> Callable[[object], object]:
    labels = {c.code: c.label(lang) for c in choices}
    return lambda code: labels.get(str(code), code) if isinstance(code, str) else code


def _dates(values: pd.Series, lang: Lang) -> pd.Series:
    return values.map(lambda d: format_date(d if pd.notna(d) else None, lang))


def _section_rows(name: str, frame: pd.DataFrame, lang: Lang, **columns: Any) -> pd.DataFrame:
    data = {"change": t(f"changes.section.{name}", lang), **columns}
    return pd.DataFrame(data, index=frame.index)


def _plans_rows(name: str) -> Callable[[pd.DataFrame, Lang], pd.DataFrame]:
    def rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
        return _section_rows(name, frame, lang, plan=frame["plan_id"], title=frame["title"])

    return rows


def _measures_rows(name: str) -> Callable[[pd.DataFrame, Lang], pd.DataFrame]:
    def rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
        return _section_rows(
            name, frame, lang, plan=frame["plan_id"], item=frame["measure_id"], title=frame["title"]
        )

    return rows


def _date_bounds(first: pd.Series, last: pd.Series, lang: Lang) -> pd.Series:
    """Dates as known: `14/05/2014`, `mars 2014`, `entre le … et le …` (no day invented)."""
    pairs = zip(first.tolist(), last.tolist(), strict=True)
    shown = [format_date_bounds(None if pd.isna(a) else a, None if pd.isna(b) else b, lang)
             for a, b in pairs]  # fmt: skip
    return pd.Series(shown, index=first.index, dtype=object)


def _events_rows(name: str) -> Callable[[pd.DataFrame, Lang], pd.DataFrame]:
    def rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
        kind = frame["kind"].map(_label(EVENT_KINDS, lang))
        title = kind.astype(str) + " — " + frame["title"].astype(str)
        return _section_rows(
            name,
            frame,
            lang,
            item=frame["event_id"],
            title=title,
            date=_date_bounds(frame["date"], frame["date_latest"], lang),
        )

    return rows


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


def _verdicts_rows(name: str) -> Callable[[pd.DataFrame, Lang], pd.DataFrame]:
    def rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
        records = frame.to_dict("records")
        figures = pd.Series(
            [verdict_counts_text(r, lang) for r in records], index=frame.index, dtype=object
        )
        columns: dict[str, Any] = {"title": figures}
        if name == "verdicts_changed":
            before = [verdict_counts_text(r, lang, "old_") for r in records]
            columns |= {"before": pd.Series(before, index=frame.index, dtype=object)}
            columns |= {"after": figures}
        return _section_rows(
            name,
            frame,
            lang,
            plan=frame["plan_id"],
            item=frame["assessor"],
            voice=frame["voice"].map(_label(VOICES, lang)),
            date=_dates(frame["published_on"], lang),
            **columns,
        )

    return rows


def _status_labels(values: pd.Series, scale: StatusScale, lang: Lang) -> pd.Series:
    """Status labels as `lang` names them on `scale` (a label off the scale as written)."""
    shown = {v: scale.display(v, lang) for v in values.dropna().unique() if isinstance(v, str)}
    return values.map(lambda v: shown.get(v, v) if isinstance(v, str) else v)


def _statuses_rows(
    frame: pd.DataFrame, lang: Lang, old_scale: StatusScale, new_scale: StatusScale
) -> pd.DataFrame:
    direction = frame["direction"].map(lambda d: t(f"changes.direction.{d}", lang))
    return pd.DataFrame(
        {
            "change": t("changes.section.statuses", lang) + " — " + direction,
            "plan": frame["plan_id"],
            "item": frame["measure_id"],
            "voice": frame["voice"].map(_label(VOICES, lang)),
            "title": frame["title"],
            "before": _status_labels(frame["old_status"], old_scale, lang),
            "after": _status_labels(frame["new_status"], new_scale, lang),
        },
        index=frame.index,
    )


def _deadlines_rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return _section_rows(
        "deadlines",
        frame,
        lang,
        plan=frame["plan_id"],
        item=frame["measure_id"],
        title=frame["title"],
        before=_dates(frame["old_due"], lang),
        after=_dates(frame["new_due"], lang),
    )


def _retention_rows(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    level = _label(RETENTION_LEVELS, lang)
    return _section_rows(
        "retention",
        frame,
        lang,
        plan=frame["plan_id"],
        item=frame["rec_id"],
        title=frame["title"],
        before=frame["old_level"].map(level).astype(object).fillna("—"),
        after=frame["new_level"].map(level).astype(object).fillna("—"),
    )


_ROWS: dict[str, Callable[[pd.DataFrame, Lang], pd.DataFrame]] = {
    "plans_added": _plans_rows("plans_added"),
    "plans_removed": _plans_rows("plans_removed"),
    "measures_added": _measures_rows("measures_added"),
    "measures_removed": _measures_rows("measures_removed"),
    "deadlines": _deadlines_rows,
    "retention": _retention_rows,
    "events_added": _events_rows("events_added"),
    "events_removed": _events_rows("events_removed"),
    "events_changed": _events_rows("events_changed"),
    "verdicts_added": _verdicts_rows("verdicts_added"),
    "verdicts_removed": _verdicts_rows("verdicts_removed"),
    "verdicts_changed": _verdicts_rows("verdicts_changed"),
}
# Statuses have their own rows (`_statuses_rows`): they need the two versions' scales.
assert set(_ROWS) == set(SECTIONS) - {"statuses"}
assert {f.name for f in fields(Changes)} == {"as_of", "old_scale", "new_scale", *SECTIONS}
