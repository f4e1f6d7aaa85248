"""The sidebar's filters (plan, axis, lead, voice), applied to a dataset in one place.

Every page computes its figures from `apply_filters(ds, filters)`, so a filter means the
same thing everywhere; the voice is not a row filter but the voice figures are read in
(`monitoring.analysis.metrics` takes it as an argument).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitoring.contract.dataset import Dataset


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to; an empty tuple means "all"."""

    plans: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    voice: str = "all"

    @property
    def active(self) -> bool:
        return bool(self.plans or self.axes or self.leads or self.voice != "all")

    def key(self) -> str:
        """A stable text key, for caches."""
        return repr((self.plans, self.axes, self.leads, self.voice))


def _isin(series: pd.Series, values: tuple[str, ...]) -> pd.Series:
    return series.isin(values) if values else pd.Series(True, index=series.index)


def apply_filters(ds: Dataset, filters: Filters) -> Dataset:
    """Return the part of the dataset the filters select.

    Plans restrict every sheet that names a plan; axes and leads restrict measures, and
    through them status updates and the retention rows that name a measure (rows of a
    recommendation not retained name no measure and stay with their plan). Events with
    no plan (general advocacy) stay whatever the plan filter; recommendations all stay.

    Args:
        ds: the whole dataset.
        filters: the sidebar's choices.

    Returns:
        A dataset with the same scale, extras and name, and fewer rows.
    """
    if not (filters.plans or filters.axes or filters.leads):
        return ds
    plans = ds.plans[_isin(ds.plans["plan_id"], filters.plans)]
    m = ds.measures
    measures = m[
        _isin(m["plan_id"], filters.plans) & _isin(m["axis"], filters.axes)
        & _isin(m["lead"], filters.leads)
    ]  # fmt: skip
    kept = set(measures["measure_id"])
    r = ds.retention
    retention = r[
        _isin(r["plan_id"], filters.plans) & (r["measure_id"].isna() | r["measure_id"].isin(kept))
    ]
    e = ds.events
    events = e[e["plan_id"].isna() | _isin(e["plan_id"], filters.plans)]
    tables = {
        **ds.tables,
        "plans": plans,
        "measures": measures,
        "status_updates": ds.status_updates[ds.status_updates["measure_id"].isin(kept)],
        "retention": retention,
        "events": events,
    }
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=ds.name)


def filter_options(ds: Dataset, plans: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The values each filter offers: plans in period order, axes and leads of those plans.

    Returns:
        {"plans": [plan_id, ...], "axes": [axis, ...], "leads": [lead, ...]}
    """
    ordered = ds.plans.sort_values(["period_start", "_row"])["plan_id"].tolist()
    measures = ds.measures[_isin(ds.measures["plan_id"], plans)]
    return {
        "plans": ordered,
        "axes": sorted(measures["axis"].dropna().unique().tolist()),
        "leads": sorted(measures["lead"].dropna().unique().tolist()),
    }


def plan_titles(ds: Dataset) -> dict[str, str]:
    """Plan id → title, for labels."""
    return dict(zip(ds.plans["plan_id"], ds.plans["title"], strict=True))
