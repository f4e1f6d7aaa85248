"""What the Method page lists: the status scale in use, the definitions, the sources.

The definitions themselves are text (`monitoring/text/locales/method.py`), written from the
docstrings of `monitoring.analysis.metrics`, where each decision is made; this module only says
in which order they are read. The sources are counted from the data: every reference
cited in a `source` or `evidence` cell, and how many rows of each sheet cite it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from monitoring.config.settings import ROOT
from monitoring.contract.dataset import TABLE_IDS, Dataset, StatusScale
from monitoring.contract.palette import CATEGORY_STYLE
from monitoring.contract.schema import HEX_COLOUR, SHEETS_BY_ID, Lang
from monitoring.text.i18n import format_percent, t

if TYPE_CHECKING:  # the Styler module needs jinja2: imported only when a table is styled
    from pandas.io.formats.style import Styler

# (group title key, ((definition title key, definition text key), ...)), in reading order.
DEFINITIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "method.group.status",
        (
            ("method.def.current_status", "method.def.current_status.text"),
            ("method.def.voice", "method.def.voice.text"),
            ("method.def.completion", "method.def.completion.text"),
            ("method.def.verdicts", "method.def.verdicts.text"),
        ),
    ),
    (
        "method.group.dates",
        (
            ("method.def.effective_due", "method.def.effective_due.text"),
            ("method.def.overdue", "method.def.overdue.text"),
            ("method.def.unassessed", "method.def.unassessed.text"),
            ("method.def.not_yet_due", "method.def.not_yet_due.text"),
            ("method.def.delay", "method.def.delay.text"),
            ("method.def.slip", "method.def.slip.text"),
        ),
    ),
    (
        "method.group.plans",
        (
            ("method.def.retention", "method.def.retention.text"),
            ("method.def.adoption_delay", "method.def.adoption_delay.text"),
            ("method.def.gap", "method.def.gap.text"),
        ),
    ),
    (
        "method.group.letters",
        (
            ("method.def.reply_delay", "method.def.reply_delay.text"),
            ("method.def.reply_rate", "method.def.reply_rate.text"),
        ),
    ),
    (
        "method.group.conventions",
        (
            ("method.def.imprecise", "method.def.imprecise.text"),
            ("method.def.as_of", "method.def.as_of.text"),
            ("method.def.plan_years", "method.def.plan_years.text"),
        ),
    ),
)


def definition_params(voice: str, lang: Lang) -> dict[str, str]:
    """The values the definitions' texts name: the voice chosen, the coverage threshold."""
    from monitoring.analysis.figures_text import threshold  # figures_text imports metrics

    return {
        "voice": t(f"voice.{voice}", lang),
        "threshold": format_percent(threshold(), lang),
    }


# Names of the palette's colours and fill patterns, so a colour is never shown alone.
COLOUR_NAMES = {
    "#009E73": "method.colour.green",
    "#56B4E9": "method.colour.sky_blue",
    "#D55E00": "method.colour.vermillion",
    "#CC79A7": "method.colour.purple",
    "#BBBBBB": "method.colour.grey",
}
PATTERN_NAMES = {
    "": "method.pattern.solid",
    "/": "method.pattern.diagonal",
    "x": "method.pattern.cross",
    "-": "method.pattern.horizontal",
    ".": "method.pattern.dots",
}

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


def source_coverage(ds: Dataset, lang: Lang) -> pd.DataFrame:
    """Return, per sheet, how many rows cite a source and how many references they cite.

    Args:
        ds: the dataset.
        lang: the language of the sheet names.

    Returns:
        One row per sheet with a source or evidence column, in the contract's order:
        sheet (its name in `lang`), column (`source` or `evidence`), rows, with_source,
        without_source, references (distinct references cited).
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
                "sheet": SHEETS_BY_ID[table_id].name(lang),
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


def scale_table(scale: StatusScale, lang: Lang) -> pd.DataFrame:
    """Return the status scale in use, one row per label, in the scale's order.

    The charts colour a status by its category (one palette everywhere, with a fill
    pattern too); a colour the workbook gives a label is listed, but not used.

    Args:
        scale: `Dataset.scale`.
        lang: the language of the names.

    Returns:
        order, label (as in the workbook), label_en (the default scale's English label,
        "—" for a workbook's own), category (its name), colour (name and code of the
        category's colour in the charts), pattern (name of its fill pattern), hex (that
        colour's code), own_colour (the workbook's colour for the label, or "—").
    """
    rows = []
    for item in scale.ordered():
        colour, pattern = CATEGORY_STYLE.get(item.category, CATEGORY_STYLE["unknown"])
        rows.append(
            {
                "order": item.order,
                "label": item.label,
                "label_en": None if scale.custom else item.en,
                "category": t(f"category.{item.category}", lang),
                "colour": f"{t(COLOUR_NAMES[colour], lang)} ({colour})",
                "pattern": t(PATTERN_NAMES[pattern], lang),
                "hex": colour,
                "own_colour": item.colour,
            }
        )
    return readable(pd.DataFrame(rows))


def _text_on(hex_colour: str) -> str:
    """Black or white, whichever reads better on the colour (WCAG relative luminance)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def styled_scale(table: pd.DataFrame) -> Styler:
    """Return the scale table with each colour cell painted in its colour (a swatch).

    The colour's name stays written in the cell, so the swatch is never the only cue.
    Colours come from the palette or from a validated `#RRGGBB` cell, nothing else.
    """

    def paint(frame: pd.DataFrame) -> pd.DataFrame:
        css = pd.DataFrame("", index=frame.index, columns=frame.columns)
        for column, codes in (("colour", frame["hex"]), ("own_colour", frame["own_colour"])):
            css[column] = [
                f"background-color: {c}; color: {_text_on(c)}"
                if isinstance(c, str) and HEX_COLOUR.match(c)
                else ""
                for c in codes
            ]
        return css

    return table.style.apply(paint, axis=None)


def format_doc(lang: Lang) -> Path:
    """Return the path of the workbook format documentation in a language."""
    return ROOT / "docs" / f"workbook-format.{lang}.md"
