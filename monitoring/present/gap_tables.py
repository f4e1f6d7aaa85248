"""The Gaps page's tables in words: issue dates written from their bounds, headers from the
contract. `monitoring.analysis.gaps` returns them in no language.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from monitoring.contract.schema import SHEETS_BY_ID, Lang
from monitoring.present.figures_text import with_date_bounds
from monitoring.text.i18n import t


def readable(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return a table of `monitoring.analysis.gaps` as people read it: the issue date in words.

    A recommendation dated only by a month, a year or two dates is never shown as one
    day: "14/05/2014", "mars 2014", "2014", "entre le 03/02/2014 et le 31/03/2014"
    (`figures_text.with_date_bounds`); the `issued_latest` bound is then dropped.

    Args:
        frame: a gaps table (`not_taken_up`, `recommendation_list`); one
            without an issue date is returned as is.
        lang: language of the dates.

    Returns:
        The table, `issued_on` as text.
    """
    return with_date_bounds(frame, lang, "issued_on", "issued_latest")


def column_labels(columns: Sequence[str], lang: Lang) -> dict[str, str]:
    """Return the header to show for each column of the gaps tables.

    Headers of the workbook's own columns come from the contract (the Recommendations,
    then the Retention sheet); the others from the catalogue. A column `gaps` does
    not know (an author's name, in `recommendation_counts`) keeps its name.

    Args:
        columns: the table's columns.
        lang: language of the headers.

    Returns:
        Column → header.
    """
    own = {
        "rec_source": t("gaps.col.rec_source", lang),
        "source": t("gaps.col.retention_source", lang),
    }
    labels: dict[str, str] = {}
    for column in columns:
        if column in own:
            labels[column] = own[column]
            continue
        for sheet_id in ("recommendations", "retention"):
            sheet = SHEETS_BY_ID[sheet_id]
            if column in sheet.column_ids:
                labels[column] = sheet.column(column).header(lang)
                break
        else:
            labels[column] = column
    return labels
