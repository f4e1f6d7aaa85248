"""The Method page in words: the definitions' order and values, the status scale named
colour by colour, the sheet names of the source coverage, the format documentation in
the reader's language. `monitoring.analysis.method` counts the sources in no language.

The definitions themselves are text (`monitoring/text/locales/method.py`), written from the
docstrings of `monitoring.analysis.metrics`, where each decision is made; this module only
says in which order they are read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from monitoring.analysis.figures import threshold
from monitoring.analysis.method import readable
from monitoring.config.settings import ROOT
from monitoring.contract.dataset import StatusScale
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


def sheet_names(sheets: pd.Series, lang: Lang) -> pd.Series:
    """Sheet ids (`method.source_coverage`'s `sheet`) as the workbook names them in `lang`."""
    return sheets.map(lambda sheet: SHEETS_BY_ID[sheet].name(lang))


def source_coverage(coverage: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """`method.source_coverage` with each sheet under its name in `lang`."""
    return coverage.assign(sheet=sheet_names(coverage["sheet"], lang))
