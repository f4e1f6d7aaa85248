"""A published version as an open data package (Frictionless Data Package).

The folder holds `datapackage.json`, one UTF-8 CSV per sheet of the contract and the
original workbook. Everything is derived from the contract declaration
(`monitoring.contract.schema`): the resources are its sheets, each CSV named after the
sheet's French name (the name the CSV reader gives the sheet), its header row the French
column headers, and each resource's Table Schema its columns' types and rules.

The CSV files are the upload format's own CSV: uploading them gives back the same data,
with the same content hash. So each cell is the text the workbook shows
(`workbook.shown_text`: a choice's French label, a status as the scale displays it),
dates in ISO form (a date known only as a period keeps its two bounds, as the workbook's
two columns hold them: no day is chosen), numbers as Python writes them. User text is
written exactly as it is, a leading `=` included: a CSV meant for software, read back
as data, must not change a value; the spreadsheet exports (`monitoring.present.exports`)
are the files made for opening in Excel, and they neutralise formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from monitoring.analysis.public_scope import Withheld
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import (
    CONTRACT_VERSION,
    SHEETS,
    SHEETS_BY_ID,
    VOICES,
    Column,
    Lang,
    Sheet,
)
from monitoring.present.workbook import extra_columns, sheet_frame, shown_text, status_displayer
from monitoring.text.i18n import t

PACKAGE_FILE = "datapackage.json"
# The upload format's sheet names and headers are read in either language; the package
# is written in French, the contract's source language.
LANG: Lang = "fr"

# Frictionless Table Schema field type of each contract column type.
FIELD_TYPES: dict[str, str] = {
    "text": "string",
    "choice": "string",
    "status": "string",
    "id_list": "string",
    "date": "date",
    "integer": "integer",
    "number": "number",
}


@dataclass(frozen=True)
class Release:
    """What the package says about the version it publishes.

    Attributes:
        name: the package's name (the dataset key: lowercase letters, digits, `-`, `_`).
        title: its title (the dataset's display name).
        version: the stored version's number; None for files not stored.
        content_hash: `Dataset.content_hash()` of that version.
        created: when the version was stored (timezone-aware).
        workbook_name: the file name the original workbook is written under.
    """

    name: str
    title: str
    version: int | None
    content_hash: str
    created: dt.datetime
    workbook_name: str


def csv_name(sheet: Sheet) -> str:
    """The CSV file of a sheet: its French name, as the CSV reader names the sheet."""
    return f"{sheet.name(LANG)}.csv"


def table_schema(sheet: Sheet, dataset: Dataset | None = None) -> dict[str, Any]:
    """The Frictionless Table Schema of a sheet, from its column declarations.

    Args:
        sheet: the contract's sheet.
        dataset: gives the status labels in use (the enum of a status column) and the
            user's extra columns (free text); None: the default scale, no extras.
    """
    fields = [_field(column, dataset) for column in sheet.columns]
    if dataset is not None:
        frame = sheet_frame(dataset, sheet, LANG)
        fields += [
            {"name": name, "type": "string"} for name in extra_columns(dataset, sheet, frame)
        ]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    key = sheet.key or tuple(c.id for c in sheet.columns if c.unique and c.required)
    if key:
        schema["primaryKey"] = [sheet.column(c).header(LANG) for c in key]
    foreign = [_foreign_key(sheet, c) for c in sheet.columns if c.ref and c.type != "id_list"]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _field(column: Column, dataset: Dataset | None) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.header(LANG),
        "title": column.en,
        "description": column.description(LANG),
        "type": FIELD_TYPES[column.type],
    }
    if column.type == "date":
        field["format"] = "default"  # ISO 8601, YYYY-MM-DD
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.choices:
        constraints["enum"] = [c.label(LANG) for c in column.choices]
    elif column.type == "status":
        scale = dataset.scale if dataset is not None else None
        if scale is not None:
            constraints["enum"] = [s.display(LANG) for s in scale.ordered()]
    if column.min_value is not None:
        constraints["minimum"] = _bound(column.min_value, column)
    if column.max_value is not None:
        constraints["maximum"] = _bound(column.max_value, column)
    if constraints:
        field["constraints"] = constraints
    return field


def _bound(value: float, column: Column) -> float | int:
    return int(value) if column.type == "integer" else value


def _foreign_key(sheet: Sheet, column: Column) -> dict[str, Any]:
    assert column.ref is not None
    target = SHEETS_BY_ID[column.ref.sheet]
    # A reference within the sheet (a measure carried from another) names no resource.
    resource = "" if target is sheet else target.id
    return {
        "fields": [column.header(LANG)],
        "reference": {
            "resource": resource,
            "fields": [target.column(column.ref.column).header(LANG)],
        },
    }


def sheet_csv(dataset: Dataset, sheet: Sheet) -> bytes:
    """One sheet as the upload format's CSV: UTF-8, comma, the French headers first, then
    the user's extra columns, every cell as the workbook shows it (see the module)."""
    frame = sheet_frame(dataset, sheet, LANG)
    display = status_displayer(dataset.scale, LANG)
    columns: list[list[str]] = []
    headers: list[str] = []
    for column in sheet.columns:
        headers.append(column.header(LANG))
        columns.append(_cells(column, frame, display))
    for name in extra_columns(dataset, sheet, frame):
        headers.append(name)
        columns.append([_text(v) for v in frame[name].tolist()])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue().encode("utf-8")


def _cells(column: Column, frame: pd.DataFrame, display: Any) -> list[str]:
    if column.id not in frame.columns:
        return [""] * len(frame)
    values = frame[column.id]
    if column.type == "date":
        days = values.to_numpy(dtype="datetime64[s]").astype("datetime64[D]")
        return ["" if np.isnat(day) else str(day) for day in days]
    if column.type in ("integer", "number"):
        return [_number(v) for v in values.tolist()]
    return [_text(v) for v in shown_text(column, values, LANG, display)]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _number(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def descriptor(
    dataset: Dataset, release: Release, withheld: Withheld | None = None
) -> dict[str, Any]:
    """The `datapackage.json` of a version (a Frictionless Data Package descriptor).

    When the publication left something out (`withheld`), the descriptor says what under
    `withheld` and in its description, and each withheld sheet's resource says it is
    empty because it was not published, not because nothing was recorded.
    """
    version = {} if release.version is None else {"version": str(release.version)}
    withheld = withheld or Withheld()
    left_out = _withheld(withheld)
    return {
        "profile": "tabular-data-package",
        "name": release.name,
        "title": release.title,
        **version,
        "created": release.created.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        # The version's content hash, as `plan-monitoring history` shows it: the same data
        # uploaded again (these CSV files, or the workbook) is recognised as identical.
        "content_hash": release.content_hash,
        "contract_version": CONTRACT_VERSION,
        "sources": [{"title": release.title, "path": release.workbook_name}],
        **left_out,
        "resources": [
            {
                "name": sheet.id,
                "title": sheet.name(LANG),
                "description": (
                    t("package.withheld.sheet", LANG, text=sheet.description(LANG))
                    if sheet.id in withheld.sheets
                    else sheet.description(LANG)
                ),
                "path": csv_name(sheet),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(sheet, dataset),
            }
            for sheet in SHEETS
        ],
    }


def _withheld(withheld: Withheld) -> dict[str, Any]:
    """The descriptor's account of what a publication left out (nothing when nothing)."""
    if not withheld:
        return {}
    voices = [v.label(LANG) for v in VOICES if v.code in withheld.voices]
    return {
        "description": t("package.withheld", LANG),
        "withheld": {
            "voices": voices,
            "sheets": [SHEETS_BY_ID[s].name(LANG) for s in withheld.sheets],
            # How many, not their names: a column's header may itself be private.
            "extra_columns": len(withheld.extra_columns),
            "emails_masked": withheld.emails,
        },
    }


def write_package(
    folder: Path,
    dataset: Dataset,
    release: Release,
    workbook: bytes,
    *,
    withheld: Withheld | None = None,
) -> Sequence[Path]:
    """Write the data package of a version into `folder` (created if needed).

    Args:
        folder: where to write; files of the same names are replaced.
        dataset: the version's data.
        release: its name, title, number, content hash and date.
        workbook: the original workbook's bytes, written as `release.workbook_name`.
        withheld: what the publication left out, stated in the descriptor.

    Returns:
        The files written: `datapackage.json` first, then the CSV files and the workbook.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / PACKAGE_FILE]
    text = json.dumps(descriptor(dataset, release, withheld), ensure_ascii=False, indent=2)
    written[0].write_text(text + "\n", encoding="utf-8")
    for sheet in SHEETS:
        path = folder / csv_name(sheet)
        path.write_bytes(sheet_csv(dataset, sheet))
        written.append(path)
    original = folder / release.workbook_name
    original.write_bytes(workbook)
    written.append(original)
    return written
