"""The import service: uploaded bytes → a new stored version, or a report of why not.

`import_upload(store, key, files, …)` is the one call the upload page, the command line
and the tests use. It reads and validates the whole upload first, and opens a write
transaction only for a valid upload that differs from the current version, so a
rejected or failed import changes nothing stored. In two steps (the page shows the
change review before the user confirms): `prepare_import` then `commit_import`.

Three ways to update:
- a whole workbook: the new version is the file;
- a partial update (`partial=True`): a file holding only `Suivi` rows (and optionally
  `Chronologie` rows). They are checked against the current version (the measures,
  plans and events they name must exist there) and appended to a copy of it: an event
  whose id exists replaces it in place; a status row identical to an existing one is
  not added twice. If another version is stored meanwhile, the rows are appended again
  to that newer version, so no update is ever lost;
- a committee's answers: a questions workbook filled in (recognised by its `Questions`
  sheet and key column, whatever `partial` says), read by `monitoring.services.answers`
  as a partial update (one government assessment per answer, the meeting as an event).

A version that changes or removes assessments or events already stored (history
rewritten), or removes a large share of the plans, measures, recommendations or events
(a replacement), is stored only when the caller says so (`allow_rewrite`,
`allow_replace`: see `monitoring.analysis.review_flags`); otherwise the import is `refused` and
nothing is stored. The flags are computed when the import is prepared, and again at the
save if another version was stored meanwhile, so no caller can skip them.

The upload itself is parsed in a child process with hard memory, CPU and wall-time
limits (`monitoring.intake.isolation`), so no file can take the server down. Reading and
validating a large workbook still takes memory and a core: at most
`PARSE_SLOT_COUNT` uploads are parsed at once in a process (`parse_slot`); the others
wait their turn, and after `PARSE_WAIT_SECONDS` give up with `ParseBusy` ("busy, try
again"), so ten coordinators uploading at once cannot exhaust the server's memory.

Also here: restoring an older version (`restore_version`), exporting one as a workbook
(`export_version`) and storing the shipped datasets in an empty store (`ensure_seeded`).

Who may write: `import_upload`, `commit_import` and `restore_version` take the `Actor`
doing it and check their role (`upload`, `restore`) before anything is read or stored, so
a hidden button is never the only guard: a viewer gets `Forbidden` and nothing happens.
The version they store carries its audit event (`upload` with the file names, `restore`
with `version N`), written in the same transaction. Seeding is the app's own doing: no
actor, no audit event.

Why one module: the import's two steps (prepare, then commit), seeding and partial
uploads share the rules of what may be stored (identical content, rewrites, replacements,
a busy store); reading that flow in one place is the point of the service.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from monitoring.analysis.changes import cell_changes
from monitoring.analysis.review_flags import Confirmation, ReviewFlags, flag_changes
from monitoring.config import shipped
from monitoring.config.settings import DATA_DIR, Limits
from monitoring.contract.dataset import Dataset, scale_frame, with_categories
from monitoring.contract.schema import (
    SHEETS_BY_ID,
    Lang,
    Sheet,
    is_readme_sheet,
    match_sheet,
    normalise_label,
)
from monitoring.intake.child_read import read_isolated
from monitoring.intake.problems import Issue, Report
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook
from monitoring.intake.reading import Upload, display_name
from monitoring.intake.validation import BLANK_CHARS, validate
from monitoring.present.flag_text import refusal_text
from monitoring.present.spreadsheets import WorkbookFormat
from monitoring.services import answers
from monitoring.storage import (
    NewVersion,
    SaveRules,
    StorageError,
    Store,
    StoreBusy,
    StoredFile,
    VersionInfo,
    VersionKind,
    check_dataset_key,
    files_label,
)
from monitoring.storage.access import Actor, AuditEvent
from monitoring.text.i18n import t

log = logging.getLogger(__name__)

ImportStatus = Literal["stored", "rejected", "identical", "refused", "failed"]

SEED_AUTHOR = "plan-monitoring"
SEED_NOTE = (
    "Jeu de données livré avec l'application ({file}) / dataset shipped with the app ({file})"
)
AUTHOR_MAX_CHARS = 200
NOTE_MAX_CHARS = 2_000
# An import that finds a newer version stored since it was prepared is checked again
# against it (a partial update appended to it) and saved again, this many times at most.
# Each time, another import was stored first: ten people importing at once are all
# stored within ten attempts (at three, one of ten was told "failed" on a busy machine).
REBASE_ATTEMPTS = 10
# Parsing a large workbook takes memory and a core: a few at a time, the rest wait.
# Two: a 50 MB workbook peaks at a few hundred MB while read, and the app's machines
# have two cores.
PARSE_SLOT_COUNT = 2
PARSE_SLOTS = threading.BoundedSemaphore(PARSE_SLOT_COUNT)
# How long an upload waits for a slot before the user is told to try again: longer than
# a few large files take to parse, shorter than a user would wait without feedback.
PARSE_WAIT_SECONDS = 120.0
# The only sheets a partial update may hold.
PARTIAL_SHEETS = ("status_updates", "events", "published_verdicts")


@dataclass
class ImportResult:
    """What an import (or a restore) did.

    - `stored`: `version` is the new version (`replayed`: a retry with the same
      idempotency key, which stored nothing more than the first attempt);
    - `rejected`: the file is not valid; `report` says why, sheet by sheet; nothing stored;
    - `identical`: the content equals the current version `version`; nothing stored;
    - `refused`: the version rewrites stored history or replaces most of the data
      (`flags`, `monitoring.analysis.review_flags`) and the caller did not confirm it (`missing`
      names what is to confirm); nothing stored;
    - `failed`: the database refused the save (`error`); nothing stored.
    `report` also holds the warnings of an accepted file; `dataset` is the version's data.
    """

    status: ImportStatus
    report: Report = field(default_factory=Report)
    version: VersionInfo | None = None
    previous: VersionInfo | None = None
    dataset: Dataset | None = None
    replayed: bool = False
    error: StorageError | None = None
    flags: ReviewFlags | None = None
    missing: tuple[Confirmation, ...] = ()

    def message(self, lang: Lang = "fr") -> str:
        """One sentence for the user, in `lang`."""
        if self.status == "stored":
            assert self.version is not None
            key = "importing.replayed" if self.replayed else "importing.stored"
            # The dataset's name (« France — plans … »), not its key (« france »).
            name = shipped.dataset_label(self.version.dataset_key, lang)
            return t(key, lang, number=self.version.number, dataset=name)
        if self.status == "identical":
            assert self.version is not None
            return t("importing.identical", lang, number=self.version.number)
        if self.status == "rejected":
            return t("importing.rejected", lang, count=self.report.error_count)
        if self.status == "refused":
            assert self.flags is not None
            return refusal_text(self.flags, self.missing, lang)
        key = self.error.key if self.error is not None else "storage.failed"
        params = self.error.params if self.error is not None else {}
        return t(key, lang, **params)


@dataclass(frozen=True)
class PreparedImport:
    """A valid upload ready to store, and the version it was checked against."""

    dataset_key: str
    dataset: Dataset  # the complete new version (for a partial update: merged)
    files: tuple[StoredFile, ...]
    report: Report
    base: VersionInfo | None  # the current version when prepared
    partial: bool
    additions: Dataset | None = None  # a partial update's own rows, to re-append if stale
    # Against `base` (None without one): what needs its own confirmation to be stored.
    flags: ReviewFlags | None = None
    previous: Dataset | None = None  # the data of `base`, to review the changes against
    # `changes.cell_changes(previous, dataset)` when flagged: the review reuses it.
    cells: pd.DataFrame | None = None
    # A questions workbook's answers (`monitoring.services.answers`): how many, else 0.
    answers: int = 0

    @cached_property  # hashing a large dataset takes a while: once per prepared import
    def identical(self) -> bool:
        return self.base is not None and self.base.content_hash == self.dataset.content_hash()


class ParseBusy(StoreBusy):
    """Every parse slot stayed taken for `PARSE_WAIT_SECONDS`: nothing was read or stored."""

    key = "importing.busy"


@contextmanager
def parse_slot(timeout: float | None = None) -> Iterator[None]:
    """Hold one of the `PARSE_SLOT_COUNT` parse slots while the block runs.

    Args:
        timeout: seconds to wait for a slot; `PARSE_WAIT_SECONDS` when omitted.

    Raises `ParseBusy` when no slot freed up in time.
    """
    wait = PARSE_WAIT_SECONDS if timeout is None else timeout
    if not PARSE_SLOTS.acquire(timeout=wait):
        log.warning("no parse slot free after %.0f s: upload refused as busy", wait)
        raise ParseBusy(f"no parse slot free after {wait} s")
    try:
        yield
    finally:
        PARSE_SLOTS.release()


def clean_text(text: str, limit: int) -> str:
    """Return user text safe to store: no control characters but line breaks, trimmed.

    PostgreSQL refuses NUL in text, and other controls only hide things from readers.
    """
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return kept.strip()[:limit]


def _stored_files(files: Sequence[Upload]) -> tuple[StoredFile, ...]:
    return tuple(StoredFile(display_name(f.name), f.data) for f in files)


# --- Preparing: read, validate, merge; no write ------------------------------------------


def prepare_import(
    store: Store,
    dataset_key: str,
    files: Sequence[Upload],
    *,
    partial: bool = False,
    limits: Limits | None = None,
) -> PreparedImport | Report:
    """Read and validate an upload against the current version, without writing.

    Args:
        store: the version store (only read).
        dataset_key: the dataset the upload is for.
        files: one workbook, or CSV files (one per sheet).
        partial: the upload holds only new `Suivi` (and `Chronologie`) rows.
        limits: size limits; the defaults when omitted.

    Returns:
        The prepared import, or the report of a rejected upload. Raises `ParseBusy` when
        too many uploads are being read (see `parse_slot`), `StorageError` when the
        store cannot be read.
    """
    check_dataset_key(dataset_key)
    # The slot covers reading *and* validating: both hold the whole workbook in memory.
    with parse_slot():
        return _prepare(store, dataset_key, files, partial, limits or Limits())


def _prepare(
    store: Store, dataset_key: str, files: Sequence[Upload], partial: bool, limits: Limits
) -> PreparedImport | Report:
    """`prepare_import` once a parse slot is held."""
    read = read_isolated(files, limits)  # in a limited child process
    report = Report()
    report.extend(read.issues)
    if read.workbook is None or not report.ok:
        return report
    base = store.current(dataset_key)
    stored_files = _stored_files(files)
    if answers.is_answers_workbook(read.workbook):  # whatever the mode: it can only add
        return _prepare_answers(store, dataset_key, read.workbook, stored_files, report, base)
    if not partial:
        dataset, validation = validate(read.workbook)
        report.extend(validation.issues)
        report.truncated = report.truncated or validation.truncated
        if dataset is None or not report.ok:
            return report
        prepared = PreparedImport(dataset_key, dataset, stored_files, report, base, partial=False)
        return _flagged(store, prepared)
    if base is None:
        report.add(
            Issue("format-error", "partial_without_version", params={"dataset": dataset_key})
        )
        return report
    current = store.read_dataset(dataset_key, base.number)
    additions = _validate_partial(read.workbook, current, report)
    if additions is None:
        return report
    merged = append_partial(current, additions)
    prepared = PreparedImport(
        dataset_key, merged, stored_files, report, base, partial=True, additions=additions
    )
    return _flagged(store, prepared, current)


def _prepare_answers(
    store: Store,
    dataset_key: str,
    raw: RawWorkbook,
    stored_files: tuple[StoredFile, ...],
    report: Report,
    base: VersionInfo | None,
) -> PreparedImport | Report:
    """A questions workbook's answers (`monitoring.services.answers`) as a partial update
    of the current version: read, validated and appended as one, with every message
    placed in the workbook's own cells."""
    if base is None:
        report.add(
            Issue("format-error", "answers_without_version", params={"dataset": dataset_key})
        )
        return report
    current = store.read_dataset(dataset_key, base.number)
    upload, issues = answers.read_answers(raw, current)
    report.extend(issues)
    if upload is None or not report.ok:
        return report
    inner = Report()
    additions = _validate_partial(upload.workbook, current, inner)
    report.extend(upload.placed(inner.issues))
    report.truncated = report.truncated or inner.truncated
    if additions is None or not report.ok:
        return report
    merged = append_partial(current, additions)
    prepared = PreparedImport(
        dataset_key,
        merged,
        stored_files,
        report,
        base,
        partial=True,
        additions=additions,
        answers=upload.count,
    )
    return _flagged(store, prepared, current)


def _flagged(
    store: Store, prepared: PreparedImport, previous: Dataset | None = None
) -> PreparedImport:
    """The import with its flags against its base (`review_flags.flag_changes`); the
    base's data is read unless given. Nothing to flag without a base or for an identical
    content."""
    base = prepared.base
    if base is None or prepared.identical:
        return replace(prepared, flags=None, previous=previous)
    if previous is None:
        previous = store.read_dataset(prepared.dataset_key, base.number)
    cells = cell_changes(previous, prepared.dataset)
    flags = flag_changes(previous, prepared.dataset, cells, previous_date=base.created_at.date())
    return replace(prepared, flags=flags, previous=previous, cells=cells)


def _validate_partial(raw: RawWorkbook, current: Dataset, report: Report) -> Dataset | None:
    """Validate a partial upload's rows against the current version.

    The partial sheets are validated inside a workbook completed from the current version
    (its plans, measures and scale; its events after the partial's own), so references
    are checked by the same validation as a whole upload, and row numbers in messages are
    the partial file's own.

    Returns:
        A dataset holding only the partial's status rows and events, or None (rejected).
    """
    found: dict[str, RawSheet] = {}
    for sheet in raw.sheets:
        if is_readme_sheet(sheet.name) or sheet.hidden:
            continue
        matched = match_sheet(sheet.name)
        if matched is None:
            continue  # validation notices it as an extra sheet
        if matched.id not in PARTIAL_SHEETS:
            report.add(Issue("format-error", "partial_sheet_not_allowed", sheet=sheet.name))
        else:
            found.setdefault(matched.id, sheet)
    if not found:
        report.add(Issue("missing-sheet", "partial_without_rows"))
    if not report.ok:
        return None
    completed = _completed_workbook(raw, found, current)
    dataset, validation = validate(completed)
    report.extend(validation.issues)
    report.truncated = report.truncated or validation.truncated
    if dataset is None or not report.ok:
        return None
    events = found.get("events")
    if events is not None:
        # Rows after the partial's own are the current events, only there for references.
        boundary = events.first_row + len(events.rows)
        own = dataset.events[dataset.events["_row"] < boundary].reset_index(drop=True)
    else:
        own = dataset.events.iloc[:0]
    updates = (
        dataset.status_updates if "status_updates" in found else dataset.status_updates.iloc[:0]
    )
    verdicts = dataset.tables["published_verdicts"]
    if "published_verdicts" not in found:
        verdicts = verdicts.iloc[:0]
    return Dataset(
        tables={
            **dataset.tables,
            "status_updates": updates,
            "events": own,
            "published_verdicts": verdicts,
        },
        scale=current.scale,
        extras={k: dataset.extras.get(k, ()) for k in PARTIAL_SHEETS},
        name=raw.file_name,
    )


def _cells(series: pd.Series) -> list[Cell]:
    """A typed column as the cells a reader would give: "" for empty, dates as dates."""
    if str(series.dtype).startswith("datetime64"):
        values = series.to_numpy().astype("datetime64[D]").astype(object)
    else:
        values = series.astype(object).to_numpy()
    return ["" if pd.isna(v) else v for v in values]


def _raw_from_table(sheet: Sheet, frame: pd.DataFrame, name: str | None = None) -> RawSheet:
    """A table of a stored version as a raw sheet with the template's French headers."""
    header: list[Cell] = [c.fr for c in sheet.columns]
    columns = [_cells(frame[c.id]) for c in sheet.columns]
    rows: list[list[Cell]] = [header, *(list(r) for r in zip(*columns, strict=True))]
    return RawSheet(name or sheet.fr, rows)


def _scale_sheet(current: Dataset) -> RawSheet:
    return _raw_from_table(SHEETS_BY_ID["status_scale"], scale_frame(current.scale.labels))


def _header_ids(sheet: Sheet, header: Sequence[Cell]) -> list[str | None]:
    """The canonical column id of each header cell (None for a column not in the format)."""
    keys = {c.id: c.header_keys() for c in sheet.columns}
    found: list[str | None] = []
    for cell in header:
        text = normalise_label(str(cell)) if cell not in (None, "") else ""
        found.append(next((cid for cid, k in keys.items() if text and text in k), None))
    return found


def _cell_text(cell: Cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip(BLANK_CHARS)


def _events_with_current(partial: RawSheet, current: pd.DataFrame) -> RawSheet:
    """The partial's events, then the current events it does not replace (same columns)."""
    if not partial.rows:
        return partial
    header = partial.rows[0]
    ids = _header_ids(SHEETS_BY_ID["events"], header)
    if "event_id" not in ids:
        return partial  # validation reports the missing column
    at = ids.index("event_id")
    replaced = {_cell_text(r[at]) for r in partial.rows[1:] if at < len(r)}
    kept = current[~current["event_id"].isin(replaced)]
    columns = [_cells(kept[cid]) if cid is not None else [""] * len(kept) for cid in ids]
    appended = [list(r) for r in zip(*columns, strict=True)]
    return RawSheet(partial.name, [*partial.rows, *appended], first_row=partial.first_row)


def _completed_workbook(
    raw: RawWorkbook, found: Mapping[str, RawSheet], current: Dataset
) -> RawWorkbook:
    """The partial sheets, completed from the current version into a whole workbook."""
    s = SHEETS_BY_ID
    sheets = [
        _raw_from_table(s["plans"], current.plans),
        _raw_from_table(s["measures"], current.measures),
        # Nothing in a partial update refers to these: their headers are enough.
        _raw_from_table(s["recommendations"], current.recommendations.iloc[:0]),
        _raw_from_table(s["retention"], current.retention.iloc[:0]),
        found.get("status_updates")
        or _raw_from_table(s["status_updates"], current.status_updates.iloc[:0]),
        _events_with_current(found["events"], current.events)
        if "events" in found
        else _raw_from_table(s["events"], current.events.iloc[:0]),
        # A verdict of the partial replaces the current one of the same key when appended
        # (`append_partial`): only the partial's own rows are validated together.
        found.get("published_verdicts")
        or _raw_from_table(s["published_verdicts"], current.tables["published_verdicts"].iloc[:0]),
    ]
    if current.scale.custom:
        sheets.append(_scale_sheet(current))
    return RawWorkbook(raw.file_name, raw.kind, sheets, raw.date1904)


def _ordered(frame: pd.DataFrame, sheet: Sheet, extras: Sequence[str]) -> pd.DataFrame:
    """Columns in the order validation gives them: the format's, extras, `_row`, category."""
    tail = [c for c in ("_row", "category") if c in frame.columns]
    return frame[[*sheet.column_ids, *extras, *tail]]


def _concat(
    first: pd.DataFrame, second: pd.DataFrame, sheet: Sheet, extras: Sequence[str]
) -> pd.DataFrame:
    """Stack two tables of one sheet, keeping each column's dtype (extras stay text)."""
    dtypes = {**second.dtypes.to_dict(), **first.dtypes.to_dict()}
    frames = [f for f in (first, second) if len(f)] or [first]
    stacked = pd.concat(frames, ignore_index=True, sort=False)
    for name, dtype in dtypes.items():
        if name not in stacked.columns:
            stacked[name] = pd.Series([None] * len(stacked), dtype=dtype)
        elif stacked[name].dtype != dtype:
            stacked[name] = stacked[name].astype(dtype)
    return _ordered(stacked, sheet, extras)


def append_partial(current: Dataset, additions: Dataset) -> Dataset:
    """Append a partial update's rows to a copy of a version, keys upserted.

    Status rows identical to an existing one (every column of the format) are not added
    again; an event whose id exists replaces that event where it stands; other events
    are appended; likewise a published verdict of the same plan, assessor and date
    replaces the existing one, others are appended. Other tables are the version's own.

    Args:
        current: the version the update is appended to.
        additions: the partial's status rows and events (from `_validate_partial`).

    Returns:
        The new version's dataset.
    """
    s = SHEETS_BY_ID
    extras = {
        table: tuple(
            dict.fromkeys([*current.extras.get(table, ()), *additions.extras.get(table, ())])
        )
        for table in PARTIAL_SHEETS
    }
    old, new = current.status_updates, additions.status_updates
    columns = list(s["status_updates"].column_ids)
    # Hashing rows compares every column at once, vectorised; 64-bit hashes make an
    # accidental match between two different rows practically impossible.
    old_hash = pd.util.hash_pandas_object(old[columns], index=False)
    new_hash = pd.util.hash_pandas_object(new[columns], index=False)
    fresh = new[~new_hash.isin(old_hash).to_numpy() & ~new_hash.duplicated().to_numpy()]
    fresh = with_categories(fresh.drop(columns="category"), current.scale)
    updates = _concat(old, fresh, s["status_updates"], extras["status_updates"])

    old_events, new_events = current.events, additions.events
    position = pd.Series(np.arange(len(old_events)), index=old_events["event_id"].to_numpy())
    placed = new_events["event_id"].map(position).to_numpy(dtype="float64", copy=True)
    appended = np.isnan(placed)
    placed[appended] = len(old_events) + np.arange(appended.sum())
    kept = old_events[~old_events["event_id"].isin(new_events["event_id"])]
    events = _concat(
        kept.assign(_at=position.loc[kept["event_id"]].to_numpy(dtype="float64")),
        new_events.assign(_at=placed),
        s["events"],
        [*extras["events"], "_at"],
    )
    events = events.sort_values("_at", kind="stable").drop(columns="_at").reset_index(drop=True)
    verdicts = _upsert_verdicts(
        current.tables["published_verdicts"],
        additions.tables["published_verdicts"],
        extras["published_verdicts"],
    )
    return Dataset(
        tables={
            **current.tables,
            "status_updates": updates,
            "events": events,
            "published_verdicts": verdicts,
        },
        scale=current.scale,
        extras={**current.extras, **extras},
        name=current.name,
    )


def _upsert_verdicts(old: pd.DataFrame, new: pd.DataFrame, extras: Sequence[str]) -> pd.DataFrame:
    """The current verdicts, each replaced in place by the partial's of the same key
    (plan, assessor, date), then the partial's other verdicts."""
    if new.empty:
        return old
    sheet = SHEETS_BY_ID["published_verdicts"]

    def keys(frame: pd.DataFrame) -> list[tuple[str, ...]]:
        return list(zip(*(frame[k].astype(str) for k in sheet.key), strict=True))

    position = {k: float(i) for i, k in enumerate(keys(old))}
    new_keys = keys(new)
    replaced = set(new_keys)
    kept = np.array([k not in replaced for k in keys(old)], dtype=bool)
    placed = [position.get(k, len(old) + n) for n, k in enumerate(new_keys)]
    stacked = _concat(
        old[kept].assign(_at=np.flatnonzero(kept).astype("float64")),
        new.assign(_at=np.array(placed, dtype="float64")),
        sheet,
        [*extras, "_at"],
    )
    return stacked.sort_values("_at", kind="stable").drop(columns="_at").reset_index(drop=True)


# --- Committing: one short write transaction ---------------------------------------------


def commit_import(
    store: Store,
    prepared: PreparedImport,
    *,
    actor: Actor,
    author: str,
    note: str,
    idempotency_key: str | None = None,
    allow_rewrite: bool = False,
    allow_replace: bool = False,
) -> ImportResult:
    """Store a prepared import as the next version (see `import_upload`).

    A version that rewrites stored history or replaces most of the data (its `flags`
    against the version current when it is saved) is stored only with `allow_rewrite` /
    `allow_replace`; otherwise the result is `refused` and nothing is stored. If another
    version was stored since the import was prepared, the flags are computed again
    against that one (and a partial update appended to it) before saving.

    Raises `Forbidden` before anything is read or stored when `actor` may not upload.
    """
    actor.require("upload")
    author, note = clean_text(author, AUTHOR_MAX_CHARS), clean_text(note, NOTE_MAX_CHARS)
    event = AuditEvent.by(
        actor, "upload", dataset_key=prepared.dataset_key, detail=files_label(prepared.files)
    )
    for _attempt in range(REBASE_ATTEMPTS):
        flags = prepared.flags
        missing: tuple[Confirmation, ...] = ()
        if flags is not None:
            missing = flags.missing(allow_rewrite=allow_rewrite, allow_replace=allow_replace)
        if missing:
            return ImportResult(
                "refused", prepared.report, previous=prepared.base, flags=flags, missing=missing
            )
        kind: VersionKind = "partial" if prepared.partial else "upload"
        base_number = prepared.base.number if prepared.base else None
        new = NewVersion(
            dataset_key=prepared.dataset_key,
            dataset=prepared.dataset,
            files=prepared.files,
            author=author,
            note=note,
            kind=kind,
            based_on=base_number if prepared.partial else None,
            idempotency_key=idempotency_key,
            audit=event,
        )
        # A partial update must be appended to the version it was merged with, and either
        # must be saved on the version its flags were computed against.
        rules = SaveRules(expected_current=base_number)
        try:
            outcome = store.save(new, rules)
            if outcome.reason == "stale":
                prepared = _rebase(store, prepared, outcome.version)
                if not prepared.identical:
                    continue
                # The version stored meanwhile holds this very content (ten people
                # importing one file): say so without encoding it again to save nothing.
                key = idempotency_key
                replay = store.find_replay(prepared.dataset_key, key) if key else None
                if replay is not None:
                    return ImportResult("stored", prepared.report, replay, replayed=True)
                return ImportResult("identical", prepared.report, prepared.base, prepared.base)
        except StorageError as exc:
            return ImportResult(
                "failed",
                prepared.report,
                previous=prepared.base,
                dataset=prepared.dataset,
                error=exc,
            )
        if outcome.reason == "identical":
            return ImportResult("identical", prepared.report, outcome.version, prepared.base)
        return ImportResult(
            "stored",
            prepared.report,
            outcome.version,
            prepared.base,
            dataset=prepared.dataset,
            replayed=outcome.reason == "replayed",
        )
    busy = StoreBusy("the current version kept changing")
    return ImportResult("failed", prepared.report, previous=prepared.base, error=busy)


def _rebase(store: Store, prepared: PreparedImport, current: VersionInfo | None) -> PreparedImport:
    """The import checked again against the version stored since it was prepared: a
    partial update appended again to it; its flags against it."""
    if not prepared.partial or current is None:
        return _flagged(store, replace(prepared, base=current))
    assert prepared.additions is not None
    base = store.read_dataset(prepared.dataset_key, current.number)
    merged = append_partial(base, prepared.additions)
    rebased = replace(prepared, dataset=merged, base=current)
    return _flagged(store, rebased, base)


def import_upload(
    store: Store,
    dataset_key: str,
    files: Sequence[Upload],
    *,
    actor: Actor,
    author: str,
    note: str,
    partial: bool = False,
    idempotency_key: str | None = None,
    limits: Limits | None = None,
    allow_rewrite: bool = False,
    allow_replace: bool = False,
) -> ImportResult:
    """Import an upload as the next version of a dataset, or say why not.

    Reading and validation finish before any write; the write is one transaction. The
    whole import holds a parse slot (`parse_slot`): it waits while others are read, and
    fails with `ParseBusy` ("busy, try again") if none frees up in time.

    Args:
        store: the version store.
        dataset_key: which dataset (`france`, `demo`, …).
        files: one workbook (.xlsx, .ods, .csv) or one CSV file per sheet, as uploaded.
        actor: who is acting; their role must allow `upload` (else `Forbidden` is raised
            before anything is read). The audit trail records them with the version.
        author: who uploads (shown in the history).
        note: what this update is.
        partial: the files hold only new `Suivi` (and `Chronologie`) rows.
        idempotency_key: the same key for retries of one user action (a rerun, a double
            click): the first stores a version, the others return it.
        limits: size limits; the defaults when omitted.
        allow_rewrite: store it even if it changes or removes stored assessments or
            events (`review_flags`); else such an upload is `refused`.
        allow_replace: store it even if it removes a large share of plans, measures,
            recommendations or events (`review_flags.is_drastic`); else `refused`.

    Returns:
        `stored` with the new version, `rejected` with the report, `identical` with the
        current version, `refused` with the flags it needs confirmed, or `failed` with
        the storage error (the database or the parse slots busy: `error.key` names the
        "try again" message).
    """
    actor.require("upload")
    check_dataset_key(dataset_key)
    try:
        if idempotency_key is not None:
            replay = store.find_replay(dataset_key, idempotency_key)
            if replay is not None:  # a rerun: answer as the first attempt did
                return ImportResult("stored", version=replay, replayed=True)
        # One slot for the whole import: storing encodes the tables again (as much memory
        # as parsing), so ten imports at once hold at most `PARSE_SLOT_COUNT` datasets.
        with parse_slot():
            prepared = _prepare(store, dataset_key, files, partial, limits or Limits())
            if isinstance(prepared, Report):
                return ImportResult("rejected", prepared, previous=store.current(dataset_key))
            if prepared.identical:  # nothing to store: no write transaction at all
                return ImportResult("identical", prepared.report, prepared.base, prepared.base)
            return commit_import(
                store,
                prepared,
                actor=actor,
                author=author,
                note=note,
                idempotency_key=idempotency_key,
                allow_rewrite=allow_rewrite,
                allow_replace=allow_replace,
            )
    except StorageError as exc:  # busy or failing: nothing was stored, say so plainly
        log.warning("import of %s not done: %s", dataset_key, exc)
        return ImportResult("failed", error=exc)


# --- Restore, export, seed -----------------------------------------------------------------


def restore_version(
    store: Store,
    dataset_key: str,
    number: int,
    *,
    actor: Actor,
    author: str,
    note: str = "",
    lang: Lang = "fr",
    idempotency_key: str | None = None,
) -> ImportResult:
    """Store a new version equal to version `number` (its data and its original files).

    Args:
        store: the version store.
        dataset_key: the dataset.
        number: the version to restore (`VersionNotFound` if there is none).
        actor: who is acting; their role must allow `restore` (else `Forbidden` is raised
            before anything is read). The audit trail records them with the version.
        author: who restores.
        note: an optional note, added after the one saying which version was restored.
        lang: the language of that note.
        idempotency_key: as for `import_upload`.

    Returns:
        `stored` with the new version, or `identical` when `number` equals the current one.
    """
    actor.require("restore")
    dataset = store.read_dataset(dataset_key, number)
    files = tuple(store.read_files(dataset_key, number))
    said = t("importing.restore_note", lang, number=number)
    text = clean_text(f"{said} {note}" if note.strip() else said, NOTE_MAX_CHARS)
    new = NewVersion(
        dataset_key=dataset_key,
        dataset=dataset,
        files=files,
        author=clean_text(author, AUTHOR_MAX_CHARS),
        note=text,
        kind="restore",
        restored_from=number,
        idempotency_key=idempotency_key,
        audit=AuditEvent.by(actor, "restore", dataset_key=dataset_key, detail=f"version {number}"),
    )
    previous = store.current(dataset_key)
    try:
        outcome = store.save(new)
    except StorageError as exc:
        return ImportResult("failed", previous=previous, error=exc)
    if outcome.reason == "identical":
        return ImportResult("identical", version=outcome.version, previous=previous)
    return ImportResult(
        "stored",
        version=outcome.version,
        previous=previous,
        dataset=dataset,
        replayed=outcome.reason == "replayed",
    )


def export_version(
    store: Store,
    dataset_key: str,
    number: int | None = None,
    lang: Lang = "fr",
    fmt: WorkbookFormat = "xlsx",
) -> bytes:
    """Return a version (the current one by default) as a workbook in the upload format,
    an .xlsx or (`fmt="ods"`) an .ods.

    Uploading it back unchanged is recognised as identical to that version.
    """
    from monitoring.present.spreadsheets import workbook_in
    from monitoring.present.workbook import write_workbook

    if number is None:
        current = store.current(dataset_key)
        if current is None:
            from monitoring.storage import VersionNotFound

            raise VersionNotFound(dataset_key, dataset=dataset_key, version=0)
        number = current.number
    return workbook_in(write_workbook(store.read_dataset(dataset_key, number), lang), fmt)


def ensure_seeded(store: Store, data_dir: Path = DATA_DIR) -> list[VersionInfo]:
    """Store each shipped dataset (`monitoring.config.shipped`) as version 1 of its key when that
    key has no version.

    Safe to call from several processes at once: the check is repeated inside the write
    transaction, so exactly one of them stores each dataset.

    Args:
        store: the version store.
        data_dir: where the shipped workbooks are (`Settings.data_dir`).

    Returns:
        The versions this call stored (empty when every dataset already had one).
    """
    stored: list[VersionInfo] = []
    for entry in shipped.DATASETS:
        key, path = entry.key, entry.path(data_dir)
        if store.current(key) is not None:
            continue
        upload = Upload(path.name, path.read_bytes())
        prepared = prepare_import(store, key, [upload])
        if isinstance(prepared, Report):
            problems = "; ".join(i.message("en") for i in prepared.errors[:5])
            raise ValueError(f"shipped dataset {key!r} is invalid: {problems}")
        new = NewVersion(
            dataset_key=key,
            dataset=prepared.dataset,
            files=prepared.files,
            author=SEED_AUTHOR,
            note=SEED_NOTE.format(file=entry.seed_name(data_dir)),
            kind="seed",
        )
        outcome = store.save(new, SaveRules(only_if_empty=True))
        if outcome.created and outcome.version is not None:
            stored.append(outcome.version)
    return stored


def current_dataset(store: Store, dataset_key: str) -> tuple[VersionInfo, Dataset] | None:
    """Return the current version of a dataset and its data, None when it has none."""
    info = store.current(dataset_key)
    if info is None:
        return None
    return info, store.read_dataset(dataset_key, info.number)


__all__ = [
    "ImportResult",
    "ParseBusy",
    "PreparedImport",
    "append_partial",
    "commit_import",
    "current_dataset",
    "ensure_seeded",
    "export_version",
    "import_upload",
    "parse_slot",
    "prepare_import",
    "restore_version",
]
