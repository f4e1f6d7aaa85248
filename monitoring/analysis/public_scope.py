"""What a publication makes public: which voices, which sheets, and what stays private.

A coalition publishes its verdict, not its back office. By default a published version
(`monitoring.services.publishing`) holds every voice and every sheet of the contract, and
leaves out:
- the columns a coalition added beyond the contract (kept and shown in the app): that is
  where internal notes, contacts and follow-up remarks live;
- e-mail addresses written in any text cell, which are masked (`EMAIL_MASK`).
The audit trail and the users never reach a publication: they are not part of a dataset.

A scope narrows this further (a setting of the deployment, `Settings.publication`, or
the options of `plan-monitoring publish`): the public voices (the other voices' status
assessments and published verdicts are left out) and the public sheets among those that
can be withheld (`WITHHOLDABLE`; plans and measures are the publication's spine, and the
status assessments are narrowed by voice). A withheld sheet is published empty and said
to be withheld, never as "nothing recorded": every page and the data package name what a
publication leaves out (`Withheld`). The scope itself is declared in
`monitoring.contract.publication`.

This module speaks no language: it returns codes; the site and the package word them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from monitoring.contract.dataset import Dataset, empty_table
from monitoring.contract.publication import VOICE_CODES, Scope
from monitoring.contract.schema import SHEETS_BY_ID

# Sheets whose rows carry a voice: a voice left out takes its rows with it.
_VOICED = ("status_updates", "published_verdicts")
EMAIL_MASK = "[adresse masquée]"
# An e-mail address inside a text: local part, @, a dotted domain.
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Withheld:
    """What a publication left out, in codes (the site and the package word them).

    Attributes:
        voices: voice codes whose assessments and verdicts were left out.
        sheets: sheet ids published empty because withheld.
        extra_columns: (sheet id, column name) of the columns added beyond the contract.
        emails: how many e-mail addresses were masked.
    """

    voices: tuple[str, ...] = ()
    sheets: tuple[str, ...] = ()
    extra_columns: tuple[tuple[str, str], ...] = ()
    emails: int = 0

    def __bool__(self) -> bool:
        return bool(self.voices or self.sheets or self.extra_columns or self.emails)


def public_dataset(ds: Dataset, scope: Scope) -> tuple[Dataset, Withheld]:
    """The part of `ds` that `scope` makes public, and what it left out.

    The result is a dataset like any other: the site is computed from it, the data package
    holds it, and its content hash is the one a publication states (equal to the stored
    version's when nothing was left out).
    """
    tables = dict(ds.tables)
    withheld_sheets = scope.withheld_sheets()
    for sheet_id in withheld_sheets:
        tables[sheet_id] = empty_table(SHEETS_BY_ID[sheet_id])
    left_out = tuple(v for v in VOICE_CODES if v not in scope.voices)
    if left_out:
        for sheet_id in _VOICED:
            frame = tables[sheet_id]
            if not frame.empty:
                tables[sheet_id] = frame[frame["voice"].isin(scope.voices)].reset_index(drop=True)
    extras: dict[str, tuple[str, ...]] = dict(ds.extras)
    dropped: list[tuple[str, str]] = []
    if not scope.extra_columns:
        for sheet_id, frame in tables.items():
            contract = set(SHEETS_BY_ID[sheet_id].column_ids) | {"_row", "category"}
            added = [str(c) for c in frame.columns if c not in contract]
            if added:
                tables[sheet_id] = frame.drop(columns=added)
                dropped += [(sheet_id, name) for name in added]
        extras = {}
    masked = 0
    if not scope.emails:
        for sheet_id, frame in tables.items():
            tables[sheet_id], count = _masked(frame)
            masked += count
    public = Dataset(tables=tables, scale=ds.scale, extras=extras, name=ds.name)
    return public, Withheld(left_out, withheld_sheets, tuple(dropped), masked)


def _masked(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """`frame` with every e-mail address in its text columns masked, and how many were."""
    count = 0
    out = frame
    for name in frame.columns:
        column = frame[name]
        if column.dtype != object and not pd.api.types.is_string_dtype(column):
            continue
        values = column.tolist()
        found = sum(len(_EMAIL.findall(v)) for v in values if isinstance(v, str))
        if not found:
            continue
        if out is frame:
            out = frame.copy()
        masked = [_EMAIL.sub(EMAIL_MASK, v) if isinstance(v, str) else v for v in values]
        out[name] = pd.Series(masked, index=column.index, dtype=column.dtype)
        count += found
    return out, count
