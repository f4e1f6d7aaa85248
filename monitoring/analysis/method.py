"""What the Method page counts: the sources cited in the data, in no language.

The sources are counted from the data: every reference cited in a `source` or `evidence`
cell, and how many rows of each sheet cite it. `monitoring.present.method_text` words the
page (its definitions, the status scale, the sheet names).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from monitoring.contract.dataset import TABLE_IDS, Dataset
from monitoring.contract.schema import SHEETS_BY_ID

# Cells may cite several references: "[S9] http://… ; [S10] http://… (note ; note)".
# A ";" separates two references only when a bracketed tag or a URL follows it.
_SPLIT = re.compile(r"\s*;\s*(?=\[|https?://)")
_URL = re.compile(r"https?://[^\s<>\"']+")
_SOURCE_COLUMNS = ("source", "evidence")


def first_link(text: str) -> str | None:
    """Return the first http(s) URL in a source text (trailing punctuation dropped), or None.

    Only http and https addresses are returned, so a link column never opens anything else.
    """
    found = _URL.search(text)
    return found.group(0).rstrip(".,;:)]") if found else None


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a table whose empty text cells read "—" and empty links are blank.

    Tables otherwise show a missing value as the English word "None".
    """
    out = frame.copy()
    for column in out.columns:
        if column == "link":
            out[column] = out[column].astype(object).where(out[column].notna(), "")
        elif pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].astype(object).where(out[column].notna(), "—")
    return out


def references(text: str) -> list[str]:
    """Split a source cell into the references it cites (one when there is no separator)."""
    return [part.strip() for part in _SPLIT.split(text.strip()) if part.strip()]


def _source_column(table_id: str) -> str | None:
    columns = SHEETS_BY_ID[table_id].column_ids
    return next((c for c in _SOURCE_COLUMNS if c in columns), None)


def source_coverage(ds: Dataset) -> pd.DataFrame:
    """Return, per sheet, how many rows cite a source and how many references they cite.

    Args:
        ds: the dataset.

    Returns:
        One row per sheet with a source or evidence column, in the contract's order:
        sheet (its id; `method_text.sheet_names` names it), column (`source` or
        `evidence`), rows, with_source, without_source, references (distinct references
        cited).
    """
    rows: list[dict[str, Any]] = []
    for table_id in TABLE_IDS:
        column = _source_column(table_id)
        if column is None:
            continue
        values = ds.tables[table_id][column].dropna()
        values = values[values.str.strip() != ""]
        cited = {_key(ref) for value in values.unique() for ref in references(value)}
        total = len(ds.tables[table_id])
        rows.append(
            {
                "sheet": table_id,
                "column": column,
                "rows": total,
                "with_source": len(values),
                "without_source": total - len(values),
                "references": len(cited),
            }
        )
    return pd.DataFrame(rows)


def _key(reference: str) -> str:
    """The identity of a reference: its URL when it has one, else its text."""
    return first_link(reference) or reference


def source_table(ds: Dataset) -> pd.DataFrame:
    """Return every reference the dataset cites and how many rows of each sheet cite it.

    References are the parts of a source (or evidence) cell separated by " ; " (see
    `references`). Two references with the same URL are the same source, whatever note
    follows the URL; the shortest wording is shown. A row citing a source twice counts
    once.

    Args:
        ds: the dataset.

    Returns:
        One row per reference, most cited first (then by text): reference, link (its
        http(s) URL; missing when it has none), total (rows citing it, all sheets), then
        one count column per sheet id with a source column (0 when none).
    """
    sheets = [s for s in TABLE_IDS if _source_column(s) is not None]
    counts: dict[str, dict[str, int]] = {}
    wording: dict[str, str] = {}
    for table_id in sheets:
        column = _source_column(table_id)
        per_value = ds.tables[table_id][column].dropna().value_counts()
        for value, n in per_value.items():  # distinct cell texts: few, whatever the rows
            for key in dict.fromkeys(_key(r) for r in references(str(value))):
                counts.setdefault(key, dict.fromkeys(sheets, 0))[table_id] += int(n)
            for ref in references(str(value)):
                shortest = wording.get(_key(ref))
                if shortest is None or (len(ref), ref) < (len(shortest), shortest):
                    wording[_key(ref)] = ref
    frame = pd.DataFrame(
        [{"reference": wording[k], "link": first_link(k), **c} for k, c in counts.items()],
        columns=["reference", "link", *sheets],
    )
    frame.insert(2, "total", frame[sheets].sum(axis=1).astype("int64"))
    return frame.sort_values(
        ["total", "reference"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
