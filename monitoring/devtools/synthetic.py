"""Synthetic datasets and workbooks of any size, for the benchmark and load tests.

Shape (the benchmark's): `n` measures spread over three plans, five status rows per
measure, as many recommendations as measures, two retention rows per recommendation, one
event per ten measures, and one published verdict per plan. Some dates are imprecise, so
the bounded-date paths are exercised at scale: about a tenth of the assessments and a
fifth of the events are known to the month only (the first day in the date column, the
last in its companion). Every value is valid under the contract, so loading the
workbook measures the normal path, not error reporting.

Columns are drawn as whole numpy arrays from one seeded generator: 50,000 measures mean
about 450,000 rows, which a per-row Python loop would take longer to build than the
project takes to load. Everything is fictional; names say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from monitoring.analysis.changes import row_key_columns
from monitoring.contract.dataset import Dataset, StatusScale, table_from_columns, with_categories
from monitoring.contract.schema import (
    DEFAULT_SCALE,
    EVENT_KINDS,
    PRIORITIES,
    RETENTION_LEVELS,
    RETENTION_WITH_MEASURE,
    VOICES,
    Column,
    sheet,
)

STATUS_ROWS_PER_MEASURE = 5
RETENTION_ROWS_PER_RECOMMENDATION = 2
MEASURES_PER_EVENT = 10
VERDICTS_PER_PLAN = 1
LATEST_DATE = np.datetime64("2026-11-26", "D")  # no assessment or event after it

# (plan id, start, end): three plans, each carrying over measures of the one before.
_PLANS = (
    ("SYN-1", "2018-01-01", "2020-12-31"),
    ("SYN-2", "2021-01-01", "2023-12-31"),
    ("SYN-3", "2025-01-01", "2027-12-31"),
)
_AXES = np.array([f"Axe {i} (synthétique)" for i in range(1, 5)], dtype=object)
_LEADS = np.array([f"Ministère {c} (fictif)" for c in "ABCDEFGH"], dtype=object)
_AUTHORS = np.array(
    ["Collectif (fictif)", "Rapporteur national (fictif)", "GRETA (fictif)", "Parlement (fictif)"],
    dtype=object,
)
_THEMES = np.array([f"Thème {i} (synthétique)" for i in range(1, 7)], dtype=object)
_VERBS = np.array(
    ["Former", "Financer", "Créer", "Évaluer", "Renforcer", "Publier", "Coordonner", "Protéger"],
    dtype=object,
)
_OBJECTS = np.array(
    [
        " les professionnels au repérage des victimes",
        " un dispositif d'hébergement sécurisé",
        " la coopération entre services d'enquête",
        " l'accès des victimes à leurs droits",
        " une campagne de sensibilisation nationale",
        " les statistiques annuelles consolidées",
    ],
    dtype=object,
)
_COMMENTS = np.array(
    [
        "Mise en œuvre engagée dans la moitié des régions.",
        "Crédits non délégués à la date de l'évaluation.",
        "Le comité de suivi n'a pas été réuni cette année.",
        "Réalisation constatée par les associations membres.",
    ],
    dtype=object,
)
_ASSESSORS = {
    "government": "Coordination (fictif)",
    "civil_society": "Collectif (fictif)",
    "independent": "Rapporteur national (fictif)",
}
# Status labels weighted roughly as in real follow-ups: mostly in progress, few dropped.
_STATUS_WEIGHTS = {
    "Réalisée": 0.2,
    "Partiellement réalisée": 0.15,
    "En cours": 0.3,
    "Non réalisée": 0.1,
    "Non démarrée": 0.15,
    "Abandonnée": 0.03,
    "Non évaluée": 0.07,
}


def _ids(prefix: str, count: int) -> np.ndarray:
    width = max(6, len(str(count)))
    numbers = np.char.zfill(np.arange(1, count + 1).astype(str), width)
    return np.char.add(prefix, numbers).astype(object)


def _days(start: np.ndarray | np.datetime64, offsets: np.ndarray) -> np.ndarray:
    return (start + offsets.astype("timedelta64[D]")).astype("datetime64[D]")


def _where(keep: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return `values` where `keep` holds, empty elsewhere (NaT, NaN or None by dtype)."""
    if values.dtype.kind == "M":
        return np.where(keep, values, np.datetime64("NaT"))
    if values.dtype.kind == "f":
        return np.where(keep, values, np.nan)
    out = np.full(len(values), None, dtype=object)
    out[keep] = values[keep]
    return out


def _month_bounds(
    rng: np.random.Generator, dates: np.ndarray, share: float
) -> tuple[np.ndarray, np.ndarray]:
    """Turn a `share` of the dates into their month: (first day, last day), else (date, NaT).

    A month whose last day would pass `LATEST_DATE` stays known to the day.
    """
    first = dates.astype("datetime64[M]").astype("datetime64[D]")
    last = (dates.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    month = (rng.random(len(dates)) < share) & (last <= LATEST_DATE)
    return np.where(month, first, dates), np.where(month, last, np.datetime64("NaT"))


def _sometimes(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    """Keep each value with probability `share`; the others become empty."""
    return _where(rng.random(len(values)) < share, values)


def _table(sheet_id: str, columns: Mapping[str, np.ndarray]) -> pd.DataFrame:
    # `table_from_columns` fixes the dtypes exactly as validation does; it takes Python
    # values, and `tolist()` gives them (dates as datetime.date, missing as None).
    return table_from_columns(sheet(sheet_id), {k: v.tolist() for k, v in columns.items()})


def _plans() -> dict[str, np.ndarray]:
    return {
        "plan_id": np.array([p[0] for p in _PLANS], dtype=object),
        "title": np.array([f"Plan synthétique {p[0]} (fictif)" for p in _PLANS], dtype=object),
        "period_start": np.array([p[1] for p in _PLANS], dtype="datetime64[D]"),
        "period_end": np.array([p[2] for p in _PLANS], dtype="datetime64[D]"),
        "expected_date": np.array([p[1] for p in _PLANS], dtype="datetime64[D]"),
        "adopted_date": _days(
            np.array([p[1] for p in _PLANS], dtype="datetime64[D]"), np.array([45, 160, 50])
        ),
        "previous_plan_id": np.array([None, _PLANS[0][0], _PLANS[1][0]], dtype=object),
        "source": np.array(["Données synthétiques (fictives)"] * len(_PLANS), dtype=object),
    }


def _measures(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    plan = np.arange(n) * len(_PLANS) // n  # contiguous blocks, one per plan
    starts = np.array([p[1] for p in _PLANS], dtype="datetime64[D]")[plan]
    first_of_plan = np.searchsorted(plan, plan)  # index of the plan's first measure
    ids = _ids("SYN-M", n)
    # A tenth of the measures of plans 2 and 3 carry over a measure of the plan before.
    previous_size = np.bincount(plan, minlength=len(_PLANS))[np.maximum(plan - 1, 0)]
    previous_first = np.searchsorted(plan, np.maximum(plan - 1, 0))
    source = previous_first + (rng.random(n) * np.maximum(previous_size, 1)).astype(int)
    carried = (plan > 0) & (rng.random(n) < 0.1)
    title = np.char.add(
        _VERBS[rng.integers(0, len(_VERBS), n)].astype(str),
        _OBJECTS[rng.integers(0, len(_OBJECTS), n)].astype(str),
    ).astype(object)
    return {
        "measure_id": ids,
        "plan_id": np.array([p[0] for p in _PLANS], dtype=object)[plan],
        "number": np.arange(n) - first_of_plan + 1,
        "axis": _AXES[rng.integers(0, len(_AXES), n)],
        "title": title,
        "lead": _sometimes(rng, _LEADS[rng.integers(0, len(_LEADS), n)], 0.9),
        "due_date": _sometimes(rng, _days(starts, rng.integers(180, 1095, n)), 0.7),
        "budget_eur": _sometimes(rng, 10_000.0 * rng.integers(1, 300, n), 0.5),
        "carried_from": _where(carried, ids[source]),
        "source": np.full(n, "Données synthétiques (fictives)", dtype=object),
    }


def _status_updates(
    rng: np.random.Generator, measures: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    n = len(measures["measure_id"]) * STATUS_ROWS_PER_MEASURE
    measure = np.repeat(np.arange(len(measures["measure_id"])), STATUS_ROWS_PER_MEASURE)
    plan_start = np.array([p[1] for p in _PLANS], dtype="datetime64[D]")
    plan_index = np.searchsorted(
        np.array([p[0] for p in _PLANS], dtype=object), measures["plan_id"][measure]
    )
    # Five assessments spread over the plan's period and the year after, in date order.
    shape = (len(measures["measure_id"]), STATUS_ROWS_PER_MEASURE)
    offsets = np.sort(rng.integers(30, 4 * 365, shape), axis=1).ravel()
    as_of = np.minimum(_days(plan_start[plan_index], offsets), LATEST_DATE)
    as_of, as_of_latest = _month_bounds(rng, as_of, 0.1)
    labels = np.array(list(_STATUS_WEIGHTS), dtype=object)
    weights = np.array(list(_STATUS_WEIGHTS.values()))
    status = labels[rng.choice(len(labels), n, p=weights / weights.sum())]
    voices = np.array([v.code for v in VOICES], dtype=object)
    voice = voices[rng.choice(len(voices), n, p=[0.5, 0.35, 0.15])]
    done = status == "Réalisée"
    revised = _sometimes(rng, _days(as_of, rng.integers(90, 540, n)), 0.1)
    return {
        "measure_id": measures["measure_id"][measure],
        "as_of": as_of,
        "as_of_latest": as_of_latest,
        "status": status,
        "voice": voice,
        "assessor": np.vectorize(_ASSESSORS.__getitem__, otypes=[object])(voice),
        "completed_on": np.where(done, _days(as_of, -rng.integers(0, 60, n)), np.datetime64("NaT")),
        "revised_due_date": np.where(voice == "government", revised, np.datetime64("NaT")),
        "progress_pct": np.where(done, 100.0, _sometimes(rng, 5.0 * rng.integers(0, 20, n), 0.7)),
        "evidence": np.char.add(
            "https://example.org/synthetique/", _ids("E", n).astype(str)
        ).astype(object),
        "comment": _sometimes(rng, _COMMENTS[rng.integers(0, len(_COMMENTS), n)], 0.4),
    }


def _recommendations(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    priorities = np.array([p.code for p in PRIORITIES], dtype=object)
    return {
        "rec_id": _ids("SYN-R", n),
        "author": _AUTHORS[rng.integers(0, len(_AUTHORS), n)],
        "theme": _THEMES[rng.integers(0, len(_THEMES), n)],
        "title": np.char.add(
            "Recommandation synthétique : ",
            _OBJECTS[rng.integers(0, len(_OBJECTS), n)].astype(str),
        ).astype(object),
        "issued_on": _days(np.datetime64("2016-01-01", "D"), rng.integers(0, 3000, n)),
        "priority": _sometimes(rng, priorities[rng.integers(0, len(priorities), n)], 0.8),
        "source": np.full(n, "Données synthétiques (fictives)", dtype=object),
    }


def _retention(
    rng: np.random.Generator, recs: dict[str, np.ndarray], measures: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    n_recs, n_measures = len(recs["rec_id"]), len(measures["measure_id"])
    rec = np.repeat(np.arange(n_recs), RETENTION_ROWS_PER_RECOMMENDATION)
    # The two rows of a recommendation name two different plans: never a duplicate row.
    first_plan = rng.integers(0, len(_PLANS), n_recs)
    plan = (np.repeat(first_plan, 2) + np.tile([0, 1], n_recs)) % len(_PLANS)
    plan_ids = np.array([p[0] for p in _PLANS], dtype=object)
    bounds = np.searchsorted(
        np.arange(n_measures) * len(_PLANS) // n_measures, np.arange(len(_PLANS) + 1)
    )
    size = np.maximum(bounds[plan + 1] - bounds[plan], 1)
    measure = np.minimum(bounds[plan] + (rng.random(len(rec)) * size).astype(int), n_measures - 1)
    levels = np.array([r.code for r in RETENTION_LEVELS], dtype=object)
    level = levels[rng.choice(len(levels), len(rec), p=[0.35, 0.3, 0.1, 0.25])]
    with_measure = np.isin(level, list(RETENTION_WITH_MEASURE))
    return {
        "rec_id": recs["rec_id"][rec],
        "plan_id": plan_ids[plan],
        "measure_id": _where(with_measure, measures["measure_id"][measure]),
        "level": level,
        "comment": _sometimes(rng, _COMMENTS[rng.integers(0, len(_COMMENTS), len(rec))], 0.2),
        "source": np.full(len(rec), "Données synthétiques (fictives)", dtype=object),
    }


def _events(rng: np.random.Generator, measures: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    n_measures = len(measures["measure_id"])
    n = max(10, n_measures // MEASURES_PER_EVENT)
    kinds = np.array([k.code for k in EVENT_KINDS], dtype=object)
    kind = kinds[rng.integers(0, len(kinds), n)]
    kind[0] = "letter"  # the first event cannot answer anything
    ids = _ids("SYN-E", n)
    date = np.sort(_days(np.datetime64("2017-01-01", "D"), rng.integers(0, 3500, n)))
    date, date_latest = _month_bounds(rng, date, 0.2)
    # A reply answers the event just before it (an earlier date, or the same one).
    reply_to = _where(kind == "reply", np.roll(ids, 1))
    related = rng.integers(0, n_measures, (n, 2))
    pairs = np.char.add(
        np.char.add(measures["measure_id"][related[:, 0]].astype(str), ", "),
        measures["measure_id"][related[:, 1]].astype(str),
    ).astype(object)
    return {
        "event_id": ids,
        "date": date,
        "date_latest": date_latest,
        "kind": kind,
        "title": np.char.add("Événement synthétique ", ids.astype(str)).astype(object),
        "sender": _sometimes(rng, _AUTHORS[rng.integers(0, len(_AUTHORS), n)], 0.8),
        "recipient": _sometimes(rng, _LEADS[rng.integers(0, len(_LEADS), n)], 0.8),
        "reply_to": reply_to,
        "plan_id": _sometimes(
            rng,
            np.array([p[0] for p in _PLANS], dtype=object)[rng.integers(0, len(_PLANS), n)],
            0.7,
        ),
        "measure_ids": _sometimes(rng, pairs, 0.3),
        "source": np.full(n, "Données synthétiques (fictives)", dtype=object),
    }


def _published_verdicts(
    rng: np.random.Generator, measures: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """One independent verdict per plan, covering all its measures, counts adding up."""
    plan_ids = np.array([p[0] for p in _PLANS], dtype=object)
    sizes = np.array([np.count_nonzero(measures["plan_id"] == p) for p in plan_ids])
    shares = rng.dirichlet(np.ones(3), len(plan_ids))
    done = np.floor(sizes * shares[:, 0]).astype(int)
    partial = np.floor(sizes * shares[:, 1]).astype(int)
    starts = np.array([p[1] for p in _PLANS], dtype="datetime64[D]")
    return {
        "plan_id": plan_ids,
        "assessor": np.full(len(plan_ids), _ASSESSORS["independent"], dtype=object),
        "voice": np.full(len(plan_ids), "independent", dtype=object),
        "published_on": np.minimum(_days(starts, np.full(len(plan_ids), 700)), LATEST_DATE),
        "measures_covered": sizes,
        "count_done": done,
        "count_partial": partial,
        "count_not_done": sizes - done - partial,
        "source": np.full(len(plan_ids), "Données synthétiques (fictives)", dtype=object),
    }


def synthetic_dataset(n_measures: int, seed: int = 0) -> Dataset:
    """Build a valid, fictional dataset of `n_measures` measures.

    Args:
        n_measures: how many measures (at least 3: one plan each needs one).
        seed: seeds the numpy generator; the same arguments give the same dataset.

    Returns:
        A `Dataset` with 3 plans, `n_measures` measures, 5 status rows per measure,
        `n_measures` recommendations with 2 retention rows each, `n_measures // 10`
        events (at least 10) and one published verdict per plan.
    """
    if n_measures < len(_PLANS):
        raise ValueError(f"synthetic_dataset needs at least {len(_PLANS)} measures")
    rng = np.random.default_rng(seed)
    measures = _measures(rng, n_measures)
    recs = _recommendations(rng, n_measures)
    tables = {
        "plans": _table("plans", _plans()),
        "measures": _table("measures", measures),
        "recommendations": _table("recommendations", recs),
        "retention": _table("retention", _retention(rng, recs, measures)),
        "status_updates": _table("status_updates", _status_updates(rng, measures)),
        "events": _table("events", _events(rng, measures)),
        "published_verdicts": _table("published_verdicts", _published_verdicts(rng, measures)),
    }
    scale = StatusScale(DEFAULT_SCALE)
    tables["status_updates"] = with_categories(tables["status_updates"], scale)
    return Dataset(
        tables=tables,
        scale=scale,
        name=f"Jeu synthétique de {n_measures} mesures (fictif)",
    )


def synthetic_workbook(n_measures: int, seed: int = 0) -> bytes:
    """Write `synthetic_dataset(n_measures, seed)` as an .xlsx workbook in the contract format."""
    from monitoring.present.workbook import write_workbook  # only this function needs the writer

    return write_workbook(synthetic_dataset(n_measures, seed), lang="fr")


def as_of_date() -> dt.date:
    """The as-of date the benchmark computes figures for (after every synthetic date)."""
    return dt.date.fromisoformat(str(LATEST_DATE))


def edited_dataset(dataset: Dataset, share: float, seed: int = 0) -> tuple[Dataset, int]:
    """A copy of `dataset` with `share` of its written cells edited, drawn at random.

    Every sheet's cells outside its row identifier (`changes.row_key_columns`) may be
    drawn, so each edit is one cell change of a kept row: a text gains a suffix, a choice
    or status takes the next value of its list, a date moves back a week, a number up by
    one; an empty cell gets a value. Status categories follow the edited labels. The copy
    is meant for the change review, not for validation: an edited date may leave its
    bounds.

    Args:
        dataset: the version to edit (not modified).
        share: the fraction of editable cells to edit (0.01 for 1 %).
        seed: seeds the draw; the same arguments give the same copy.

    Returns:
        The edited copy and how many cells were edited.
    """
    rng = np.random.default_rng(seed)
    tables, edited = dict(dataset.tables), 0
    for sheet_id, frame in dataset.tables.items():
        key = set(row_key_columns(sheet_id))
        columns = [c for c in sheet(sheet_id).columns if c.id not in key]
        cells = len(frame) * len(columns)
        count = round(cells * share)
        if not count:
            continue
        picked = rng.choice(cells, size=count, replace=False)
        frame = frame.copy()
        for index, column in enumerate(columns):
            rows = picked[picked % len(columns) == index] // len(columns)
            if len(rows):
                values = frame[column.id].copy()
                values.iloc[rows] = _edit(values.iloc[rows], column, dataset.scale)
                frame[column.id] = values
        tables[sheet_id] = frame
        edited += count
    tables["status_updates"] = with_categories(tables["status_updates"], dataset.scale)
    return Dataset(tables, dataset.scale, dataset.extras, dataset.name), edited


def _edit(values: pd.Series, column: Column, scale: StatusScale) -> pd.Series:
    """Each value changed into another of its column's type (a value when empty)."""
    empty = values.isna()
    if column.type == "date":
        return values.where(empty, values - pd.Timedelta(days=7)).fillna(pd.Timestamp("2020-01-01"))
    if column.type in ("integer", "number"):
        return (values + 1).fillna(1)
    codes = [s.label for s in scale.labels] if column.type == "status" else None
    codes = codes or [c.code for c in column.choices]
    if codes:  # the next code on the list, so never the same one
        following = {code: codes[(i + 1) % len(codes)] for i, code in enumerate(codes)}
        return values.map(following).fillna(codes[0]).astype(values.dtype)
    return (values + " (modifié)").fillna("Ajout (fictif)").astype(values.dtype)
