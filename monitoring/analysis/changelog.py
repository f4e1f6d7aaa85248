"""The change log of one measure or recommendation: every change made to it, version by version.

Each stored version is compared with the one before it, once per pair (`between`:
`changes.cell_changes`, with a row added or removed spelled out field by field, and every
change tagged with the measures and recommendations it concerns). `entity_log` then picks
one measure's or one recommendation's entries from those steps, newest first, each with
its version's number, time, author and note; `change_tables.change_log_rows` reads them
in the coordinator's words. `change_log(store, dataset, measure_id=…)` does it all.

What concerns a measure: its row of Mesures; its rows of Suivi (assessments, revised due
dates); the rows of Prise en compte naming it (its links to recommendations); the events
of Chronologie naming it among their measures, before or after the change. What concerns
a recommendation: its row of Recommandations and its rows of Prise en compte.

Nothing is cached here (caching lives in the UI layer): a page caches `between` per pair of
versions, keyed on their content hashes, and gives it to `change_log` as `step_of`, so
that opening another measure compares nothing again; without it each version is read
once and each pair compared once.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from monitoring.analysis.changes import (
    CELL_COLUMNS,
    CELL_ROW_COLUMNS,
    cell_changes,
    cell_records,
    empty_cells,
    row_key_columns,
    rows_named,
)
from monitoring.contract.dataset import Dataset, StatusScale
from monitoring.storage import Store, VersionInfo

Subject = Literal["measure", "recommendation"]

# The sheets whose rows concern a measure or a recommendation, and where each names them:
# the position of `measure_id` / `rec_id` in the row's identifier (`changes.row_key_columns`).
_MEASURE_IN_KEY = {
    s: row_key_columns(s).index("measure_id") for s in ("measures", "retention", "status_updates")
}
_REC_IN_KEY = {s: row_key_columns(s).index("rec_id") for s in ("recommendations", "retention")}
_SHEETS = (*_MEASURE_IN_KEY, *_REC_IN_KEY, "events")
_ROW_CHANGES = ("added", "removed", "changed")  # not a whole column, nor the rows' order

# One change of a step, for one measure or recommendation it concerns (a change
# concerning several shows once for each): the columns of `changes.cell_changes`, with a
# row added or removed spelled out as one change per non-empty field (`old` None for an
# added row, `new` None for a removed one; `field` None for a row with no such field),
# then `measure_id` and `rec_id` (None when it concerns none).
STEP_COLUMNS = (*CELL_COLUMNS, "measure_id", "rec_id")
# A change log's entries: the version that made the change and the one before it, when,
# who, why, then the change (`CELL_COLUMNS`).
LOG_COLUMNS = ("version", "previous", "created_at", "author", "note", *CELL_COLUMNS)
# `change_tables.change_log_rows`: when the version was stored, who, why, then the change
# as `change_tables.cell_rows` shows it.
ROW_COLUMNS = ("version", "when", "author", "note", *CELL_ROW_COLUMNS)


@dataclass(frozen=True)
class Step:
    """What changed from one stored version to the next."""

    before: VersionInfo
    after: VersionInfo
    changes: pd.DataFrame  # `STEP_COLUMNS`, in `cell_changes` order
    old_scale: StatusScale  # the status scales of the two versions, to show labels
    new_scale: StatusScale


StepOf = Callable[[VersionInfo, VersionInfo], Step]


def _ids(*texts: object) -> list[str]:
    """The ids of `id_list` cells (`M1, M2`), in order, each once."""
    parts = (p.strip() for text in texts if isinstance(text, str) for p in text.split(","))
    return list(dict.fromkeys(p for p in parts if p))


def _spelled_out(rows: pd.DataFrame, held: pd.DataFrame, key: Sequence[str]) -> pd.DataFrame:
    """Rows added (or removed) as one change per non-empty field, the field's value as `new`
    (or `old`); a row with no such field stays one change with no field. The key columns
    name the row: they are not repeated as fields."""
    fields = [c for c in held.columns if c != "key" and c not in key]
    where = dict(zip(rows["key"], rows["_i"], strict=True))
    held = held.assign(_i=[where[k] for k in held["key"]])
    long = held.melt(id_vars="_i", value_vars=fields, var_name="field", value_name="value")
    long["_f"] = np.repeat(np.arange(1, len(fields) + 1), len(held))  # the column's order
    long = long[long["value"].notna()]
    named = rows.drop(columns=["field", "old", "new", "_f"]).set_index("_i")
    spelled = long.join(named, on="_i")
    added = rows["change"].iloc[0] == "added"
    spelled["old"] = None if added else spelled["value"]
    spelled["new"] = spelled["value"] if added else None
    bare = rows[~rows["_i"].isin(spelled["_i"])]  # nothing but its key
    return pd.concat([spelled.drop(columns="value"), bare], ignore_index=True)


def _owners(sheet: str, keys: list[Any], held: Sequence[pd.DataFrame]) -> tuple[list[Any], ...]:
    """For each change, the measure and the recommendation it concerns (None: none); for
    an event, the list of the measures it names, before or after the change."""
    none = [None] * len(keys)
    if sheet == "events":
        named: dict[Any, list[object]] = {}
        for frame in held:
            for k, text in zip(frame["key"], frame["measure_ids"], strict=True):
                named.setdefault(k, []).append(text)
        measures: list[Any] = [_ids(*named.get(k, [])) or [None] for k in keys]
    elif sheet in _MEASURE_IN_KEY:
        measures = [k[_MEASURE_IN_KEY[sheet]] or None for k in keys]
    else:
        measures = none
    recs = [k[_REC_IN_KEY[sheet]] or None for k in keys] if sheet in _REC_IN_KEY else none
    return measures, recs


def _sheet_changes(sheet: str, cells: pd.DataFrame, old: Dataset, new: Dataset) -> pd.DataFrame:
    """The changes of one sheet (`cell_changes` rows), spelled out and tagged (`STEP_COLUMNS`)."""
    key, events = row_key_columns(sheet), sheet == "events"
    cells = cells.reset_index(drop=True).assign(_i=np.arange(len(cells)), _f=0)
    change = cells["change"]
    # What the rows held: a removed row in the old version, an added one in the new; an
    # event in both, for the measures it names before and after.
    held_old = rows_named(sheet, old.tables[sheet], cells["key"][change.eq("removed") | events])
    held_new = rows_named(sheet, new.tables[sheet], cells["key"][change.eq("added") | events])
    parts = [cells[change.eq("changed")]]
    for kind, held in (("added", held_new), ("removed", held_old)):
        rows = cells[change.eq(kind)]
        if len(rows):
            parts.append(_spelled_out(rows, held[held["key"].isin(rows["key"])], key))
    found = pd.concat(parts, ignore_index=True).sort_values(["_i", "_f"], kind="stable")
    measures, recs = _owners(sheet, found["key"].tolist(), (held_old, held_new))
    found = found.assign(measure_id=measures, rec_id=recs)
    return (found.explode("measure_id") if events else found)[list(STEP_COLUMNS)]


def step_changes(old: Dataset, new: Dataset) -> pd.DataFrame:
    """Every change from one version to the next that concerns a measure or a recommendation.

    Args:
        old: the earlier version.
        new: the next one.

    Returns:
        The `STEP_COLUMNS`: one row per change and per measure or recommendation it
        concerns, in `cell_changes` order (sheet, row, column). Empty for identical
        contents, and for changes that concern neither (a plan, the status scale).
    """
    cells = cell_changes(old, new)
    cells = cells[cells["sheet"].isin(_SHEETS) & cells["change"].isin(_ROW_CHANGES)]
    parts = [
        _sheet_changes(str(sheet), part, old, new)
        for sheet, part in cells.groupby("sheet", sort=False)
    ]
    if not parts:
        return _empty_step()
    found = pd.concat(parts, ignore_index=True).astype(object)
    return found.where(found.notna(), None)


def _empty_step() -> pd.DataFrame:
    return empty_cells().assign(measure_id=None, rec_id=None)[list(STEP_COLUMNS)].astype(object)


def between(
    before: VersionInfo, after: VersionInfo, read: Callable[[VersionInfo], Dataset]
) -> Step:
    """The changes from version `before` to version `after`.

    Args:
        before: the earlier version.
        after: the next one.
        read: gives a version's data (a page passes its cached reader); not called when
            the two contents are the same (same content hash): nothing changed.

    Returns:
        The `Step`.
    """
    if before.content_hash == after.content_hash:
        return Step(before, after, _empty_step(), StatusScale(), StatusScale())
    old, new = read(before), read(after)
    return Step(before, after, step_changes(old, new), old.scale, new.scale)


def reading_steps(store: Store, dataset_key: str) -> StepOf:
    """A `StepOf` that reads versions from the store; walked in order, each is read once."""
    held: dict[int, Dataset] = {}

    def read(version: VersionInfo) -> Dataset:
        number = version.number
        if number not in held:
            for stale in [n for n in held if n < number - 1]:  # only the previous is reused
                del held[stale]
            held[number] = store.read_dataset(dataset_key, number)
        return held[number]

    return lambda before, after: between(before, after, read)


@dataclass(frozen=True)
class ChangeLog:
    """The changes of one measure or recommendation across the stored versions."""

    subject: Subject
    item_id: str
    versions: tuple[int, ...]  # every stored version's number, oldest first
    entries: pd.DataFrame  # `LOG_COLUMNS`, newest version first, then `cell_changes` order
    scales: Mapping[int, StatusScale]  # the status scale of each version an entry names

    @property
    def is_empty(self) -> bool:
        return self.entries.empty

    def records(self) -> list[dict[str, Any]]:
        """The entries as JSON-ready dicts: version, previous, created_at (ISO, `Z`), author,
        note, then the change as `changes.cell_records` gives it (sheet, row_key, key as
        {column: value}, change, field, old, new)."""
        cells = cell_records(self.entries[list(CELL_COLUMNS)])
        return [
            {
                "version": int(row["version"]),
                "previous": int(row["previous"]),
                "created_at": _iso(row["created_at"]),
                "author": row["author"],
                "note": row["note"],
                **cell,
            }
            for row, cell in zip(self.entries.to_dict("records"), cells, strict=True)
        ]


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def entity_log(
    versions: Sequence[VersionInfo],
    steps: Iterable[Step],
    *,
    measure_id: str | None = None,
    rec_id: str | None = None,
) -> ChangeLog:
    """The changes of one measure or one recommendation, picked from the steps.

    Args:
        versions: every stored version of the dataset, oldest first.
        steps: the consecutive pairs of those versions (`Step`), in any order.
        measure_id: the measure (give it, or `rec_id`).
        rec_id: the recommendation.

    Returns:
        Its `ChangeLog`, newest version first.
    """
    subject: Subject
    if measure_id is not None and rec_id is None:
        subject, column, item = "measure", "measure_id", measure_id
    elif rec_id is not None and measure_id is None:
        subject, column, item = "recommendation", "rec_id", rec_id
    else:
        raise ValueError("give a measure_id or a rec_id, not both")
    parts, scales = [], {}
    for one in sorted(steps, key=lambda s: s.after.number, reverse=True):
        mine = one.changes[one.changes[column].eq(item).to_numpy(dtype=bool)]
        if mine.empty:
            continue
        scales[one.before.number], scales[one.after.number] = one.old_scale, one.new_scale
        info = one.after
        parts.append(
            mine[list(CELL_COLUMNS)].assign(
                version=info.number,
                previous=one.before.number,
                created_at=info.created_at,
                author=info.author,
                note=info.note,
            )
        )
    entries = (
        pd.concat(parts, ignore_index=True)[list(LOG_COLUMNS)]
        if parts
        else pd.DataFrame({c: pd.Series(dtype=object) for c in LOG_COLUMNS})
    )
    return ChangeLog(subject, item, tuple(v.number for v in versions), entries, scales)


def change_log(
    store: Store,
    dataset_key: str,
    *,
    measure_id: str | None = None,
    rec_id: str | None = None,
    step_of: StepOf | None = None,
) -> ChangeLog:
    """Every change of one measure or recommendation across a dataset's stored versions.

    Args:
        store: the version store.
        dataset_key: the dataset (`france`).
        measure_id: the measure (give it, or `rec_id`).
        rec_id: the recommendation.
        step_of: how to get the changes of a pair of consecutive versions (a page gives a
            cached one); by default `reading_steps`.

    Returns:
        Its `ChangeLog`, newest version first; empty (`summary`: "Aucune modification
        depuis la version 1") when nothing concerning it changed.
    """
    versions = store.versions(dataset_key)
    step_of = step_of or reading_steps(store, dataset_key)
    steps = [step_of(a, b) for a, b in itertools.pairwise(versions)]
    return entity_log(versions, steps, measure_id=measure_id, rec_id=rec_id)
