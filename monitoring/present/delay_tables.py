"""The Delays page's lists and timeline in words: statuses as the scale names them, leads,
who assessed a measure, the deadlines a measure went through. `monitoring.analysis.delays`
returns them in no language (status as the workbook writes it, voice codes, dates).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import Lang
from monitoring.text.i18n import format_date, t


def deadline_text(deadlines: pd.Series, lang: Lang) -> pd.Series:
    """`slipped_measures`' deadlines written out: "31/12/2020 → 30/06/2021 → …"."""
    return deadlines.map(lambda dates: " → ".join(format_date(d, lang) for d in dates))


def status_labels(ds: Dataset, statuses: pd.Series, lang: Lang) -> pd.Series:
    """The statuses as the dataset's scale names them in `lang` (missing stays missing)."""
    labels = {s: ds.scale.display(s, lang) for s in statuses.dropna().unique()}
    return statuses.map(labels)


def lead_labels(leads: pd.Series, lang: Lang) -> pd.Series:
    """The leads, "Pilote non renseigné" where none is recorded."""
    return leads.astype("str").fillna(t("delays.no_lead", lang))


def assessed_by(frame: pd.DataFrame, lang: Lang) -> pd.Series:
    """Who assessed each measure, from its `assessor` and `voice`: "CNCDH · Évaluation
    indépendante", the voice alone, or missing when neither is known."""
    # Text columns (`str` dtype) whatever the rows: a column of missing values only would
    # otherwise come back as floats.
    voices = frame["voice"].map(lambda v: t(f"voice.{v}", lang), na_action="ignore")
    voices = voices.astype("str").fillna("")
    assessor = frame["assessor"].astype("str").fillna("")
    between = np.where((assessor != "") & (voices != ""), " · ", "")
    who = assessor + between + voices
    return who.where(who != "")


def readable(ds: Dataset, frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A list of `monitoring.analysis.delays` as people read it: status, lead and assessor
    in words (the presentation of `measure_list` and `slipped_measures` rows)."""
    return frame.assign(
        status=status_labels(ds, frame["status"], lang),
        lead=lead_labels(frame["lead"], lang),
        assessed_by=assessed_by(frame, lang),
    )


def timeline_rows(ds: Dataset, rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """`delays.timeline_rows` with each status as the dataset's scale names it in `lang`."""
    return rows.assign(status=status_labels(ds, rows["status"], lang))
