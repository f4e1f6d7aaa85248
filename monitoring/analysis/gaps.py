"""Adoption gaps: which recommendations the plans took up, which they dropped, where they went.

Every function takes the (sidebar-filtered) dataset and the authors chosen on the page (an
empty tuple means every author), so that the page's author filter means the same thing
for every chart and table, and `views.common.compute` can cache each result.

Counting rules (the Method page shows these docstrings):
- per plan, a recommendation counts once, at its highest level (retained > partly retained
  > dropped from draft > not retained), as in `metrics.retention_counts`;
- across the selected plans (theme coverage), a recommendation counts once, at the highest
  level any of those plans gave it; one that no selected plan has a retention row for is
  "not documented", which is not a gap: nobody has sourced it yet;
- at an as-of date (`known_at`), only plans adopted by then have a known retention: a plan
  not adopted yet took nothing up, nor left anything out, as far as anyone could know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from monitoring.analysis import metrics
from monitoring.analysis.filters import plan_titles
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import CATEGORY_CODES, RETENTION_LEVELS

Group = Literal["author", "theme"]
LEVEL_CODES: tuple[str, ...] = tuple(level.code for level in RETENTION_LEVELS)
TAKEN_UP: tuple[str, ...] = ("retained", "partly_retained")
NOT_TAKEN_UP: tuple[str, ...] = ("dropped_from_draft", "not_retained")
UNDOCUMENTED = "undocumented"
_RANK = {code: i for i, code in enumerate(LEVEL_CODES)}
_CATEGORY_RANK = {code: i for i, code in enumerate(CATEGORY_CODES)}
_ISSUED = ["issued_on", "issued_latest"]  # a recommendation's date, as its two bounds


def authors(ds: Dataset) -> list[str]:
    """Return the authors of recommendations, most recommendations first, then by name.

    Args:
        ds: the dataset.

    Returns:
        Author names, each once.
    """
    counts = ds.recommendations["author"].dropna().value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return [str(name) for name, _ in ranked]


def restrict_authors(ds: Dataset, chosen: Sequence[str] = ()) -> Dataset:
    """Return the dataset with only the recommendations of the chosen authors.

    Retention rows follow their recommendation; plans, measures, status updates and events
    are left as they are.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author (the dataset is returned as is).

    Returns:
        A dataset with the same scale, extras and name.
    """
    if not chosen:
        return ds
    recs = ds.recommendations[ds.recommendations["author"].isin(list(chosen))]
    retention = ds.retention[ds.retention["rec_id"].isin(recs["rec_id"])]
    tables = {**ds.tables, "recommendations": recs, "retention": retention}
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=ds.name)


def known_at(ds: Dataset, as_of: dt.date) -> Dataset:
    """Return the dataset with the retention rows of the plans adopted at the as-of date only.

    A plan is adopted at the as-of date as in `metrics.plan_timeline` (its adoption date,
    else the start of its period, on or before it); what a plan not adopted yet retains
    is not known then, so its rows are left out and it reads "not documented", never as
    recommendations dropped. Apply it before the other functions of this module.

    Args:
        ds: the dataset.
        as_of: the date the figures are computed for.

    Returns:
        A dataset with the same scale, extras and name.
    """
    timeline = metrics.plan_timeline(ds, as_of)
    adopted = timeline.loc[timeline["adopted"].to_numpy(dtype=bool), "plan_id"]
    retention = ds.retention[ds.retention["plan_id"].isin(list(adopted))]
    if len(retention) == len(ds.retention):
        return ds
    tables = {**ds.tables, "retention": retention}
    return Dataset(tables=tables, scale=ds.scale, extras=ds.extras, name=ds.name)


def _plan_rank(ds: Dataset) -> dict[str, int]:
    """Plan id → its position in period_start order (sheet row breaks ties)."""
    ordered = ds.plans.sort_values(["period_start", "_row"], kind="stable")["plan_id"]
    return {plan_id: i for i, plan_id in enumerate(ordered)}


def _ranked_retention(ds: Dataset) -> pd.DataFrame:
    """Return the retention rows with a known level, best level first, then sheet row."""
    rows = ds.retention.assign(_rank=ds.retention["level"].map(_RANK))
    rows = rows[rows["_rank"].notna()]
    return rows.sort_values(["_rank", "_row"], kind="stable")


def is_documented(ds: Dataset, chosen: Sequence[str] = ()) -> bool:
    """Tell whether any recommendation of the chosen authors has a retention row.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.

    Returns:
        True when the Retention sheet has at least one row for them in the selection.
    """
    return not restrict_authors(ds, chosen).retention.empty


def plans_without_retention(
    ds: Dataset, chosen: Sequence[str] = (), as_of: dt.date | None = None
) -> list[str]:
    """Return the plans (in period order) for which no recommendation's retention is recorded.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.
        as_of: when given, only the plans adopted at that date are listed (`known_at`):
            a plan not adopted yet is not missing its retention, it has none yet.

    Returns:
        "plan_id — title" labels.
    """
    documented = set(restrict_authors(ds, chosen).retention["plan_id"])
    ordered = ds.plans.sort_values(["period_start", "_row"], kind="stable")
    if as_of is not None:
        timeline = metrics.plan_timeline(ds, as_of)
        adopted = set(timeline.loc[timeline["adopted"].to_numpy(dtype=bool), "plan_id"])
        ordered = ordered[ordered["plan_id"].isin(adopted)]
    return [
        f"{plan_id} — {title}"
        for plan_id, title in zip(ordered["plan_id"], ordered["title"], strict=True)
        if plan_id not in documented
    ]


def retention_by_group(
    ds: Dataset, chosen: Sequence[str] = (), by: Group = "author"
) -> pd.DataFrame:
    """Return retention counts and shares per plan and author (or theme).

    Counts as in `metrics.retention_by`, on the chosen authors' recommendations.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.
        by: `"author"` or `"theme"`.

    Returns:
        Rows plan_id, plan_title, group, level, count (int), share (float 0–1), ordered by
        plan (period_start), then group, then level from retained to not retained.
    """
    frame = metrics.retention_by(restrict_authors(ds, chosen), by).rename(columns={by: "group"})
    frame.insert(1, "plan_title", frame["plan_id"].map(plan_titles(ds)))
    return frame


def theme_coverage(ds: Dataset, chosen: Sequence[str] = ()) -> pd.DataFrame:
    """Return, per theme, how many recommendations the selected plans took up.

    Each recommendation counts once, at the highest level any selected plan gave it; with
    no retention row in those plans it is `undocumented`. The share taken up is
    (retained + partly retained) / documented recommendations, so an undocumented
    recommendation never reads as a gap.

    Args:
        ds: the dataset (its plans are the selected ones).
        chosen: author names; empty means every author.

    Returns:
        One row per theme: theme, recommendations, retained, partly_retained,
        dropped_from_draft, not_retained, undocumented, documented, taken_up (ints), share
        (float 0–1, NaN when none is documented). Themes with documented recommendations
        come first, least taken up first (a theme nobody took up at the top), then more
        recommendations first, then by name; undocumented themes last.
    """
    ds = restrict_authors(ds, chosen)
    best = _ranked_retention(ds).drop_duplicates("rec_id").set_index("rec_id")["level"]
    recs = ds.recommendations.assign(
        level=ds.recommendations["rec_id"].map(best).astype(object).fillna(UNDOCUMENTED)
    )
    codes = [*LEVEL_CODES, UNDOCUMENTED]
    grid = pd.crosstab(recs["theme"], recs["level"]).reindex(columns=codes, fill_value=0)
    grid = grid.astype("int64").rename_axis(index="theme", columns=None).reset_index()
    grid.insert(1, "recommendations", grid[codes].sum(axis=1))
    grid["documented"] = grid["recommendations"] - grid[UNDOCUMENTED]
    grid["taken_up"] = grid[list(TAKEN_UP)].sum(axis=1)
    grid["share"] = (grid["taken_up"] / grid["documented"].where(grid["documented"] > 0)).astype(
        "float64"
    )
    ordered = grid.assign(_none=grid["documented"] == 0).sort_values(
        ["_none", "share", "recommendations", "theme"],
        ascending=[True, True, False, True],
        kind="stable",
    )
    return ordered.drop(columns="_none").reset_index(drop=True)


def sankey_links(
    ds: Dataset,
    chosen: Sequence[str] = (),
    as_of: dt.date | None = None,
    voice: str = metrics.VOICE_ALL,
    by: Group = "author",
) -> pd.DataFrame:
    """Return the flows recommendation group → measures taking them up → measure status.

    Units: a recommendation taken up (retained or partly) counts once per measure carrying
    it, at the best level it has for that measure; one that a plan did not take up counts
    once for that plan, at its best level (dropped from draft > not retained), and ends
    there. The measures are grouped by plan, or by axis when they all belong to one plan.
    A measure's status is its current category at the as-of date for the voice, as in
    `metrics.current_status` (never assessed: `unknown`). With an as-of date, the
    retention of plans not adopted by then is left out (`known_at`).

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.
        as_of: the date statuses are read at (default: today).
        voice: `"all"` or a voice code.
        by: group recommendations by `"author"` or `"theme"`.

    Returns:
        One row per link: source_kind ("group", "plan" or "axis"), source, target_kind
        ("plan", "axis", "end" or "status"), target, code (the retention level, or the
        status category for links into a status), count (int). The source and target of
        an "end" are the retention level; of a "status", the category code.
    """
    ds = restrict_authors(ds, chosen)
    if as_of is not None:
        ds = known_at(ds, as_of)
    rows = _ranked_retention(ds).merge(
        ds.recommendations[["rec_id", by]], on="rec_id", how="inner", validate="many_to_one"
    )
    rows = rows.rename(columns={by: "group"})
    taken = rows[rows["level"].isin(TAKEN_UP) & rows["measure_id"].notna()]
    taken = taken.drop_duplicates(["rec_id", "measure_id"])
    pairs = rows.set_index(["rec_id", "plan_id"]).index
    taken_pairs = taken.set_index(["rec_id", "plan_id"]).index
    dropped = rows[~pairs.isin(taken_pairs) & rows["level"].isin(NOT_TAKEN_UP).to_numpy()]
    dropped = dropped.drop_duplicates(["rec_id", "plan_id"])

    measures = ds.measures.set_index("measure_id")
    middle_kind = "axis" if len(set(taken["plan_id"])) == 1 else "plan"
    if middle_kind == "axis":
        middle = taken["measure_id"].map(measures["axis"]).astype(object).fillna("—")
        middle_rank = {name: i for i, name in enumerate(sorted(set(middle)))}
    else:
        middle = taken["plan_id"]
        middle_rank = _plan_rank(ds)
    status = metrics.current_status(ds, as_of or dt.date.today(), voice)
    category = taken["measure_id"].map(status.set_index("measure_id")["category"])
    sizes = pd.concat([taken["group"], dropped["group"]]).value_counts()
    group_rank = {g: i for i, g in enumerate(sorted(sizes.index, key=lambda g: (-sizes[g], g)))}
    taken = taken.assign(
        middle=middle,
        category=category.fillna("unknown"),
        _group=taken["group"].map(group_rank),
        _middle=middle.map(middle_rank),
    )
    taken = taken.assign(_category=taken["category"].map(_CATEGORY_RANK))
    dropped = dropped.assign(_group=dropped["group"].map(group_rank))

    def _count(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        """Count rows per `keys`, ordered by the rank columns that come with them."""
        return frame.groupby(keys, sort=True).size().rename("count").reset_index()

    into_middle = _count(taken, ["_group", "_middle", "_rank", "group", "middle", "level"])
    into_middle = into_middle.rename(
        columns={"group": "source", "middle": "target", "level": "code"}
    )
    into_end = _count(dropped, ["_group", "_rank", "group", "level"])
    into_end = into_end.rename(columns={"group": "source", "level": "code"})
    into_end = into_end.assign(target=into_end["code"])
    into_status = _count(taken, ["_middle", "_category", "middle", "category"])
    into_status = into_status.rename(columns={"middle": "source", "category": "target"})
    into_status = into_status.assign(code=into_status["target"])
    links = pd.concat(
        [
            into_middle.assign(source_kind="group", target_kind=middle_kind),
            into_end.assign(source_kind="group", target_kind="end"),
            into_status.assign(source_kind=middle_kind, target_kind="status"),
        ],
        ignore_index=True,
    )
    columns = ["source_kind", "source", "target_kind", "target", "code", "count"]
    return links.reindex(columns=columns).astype({"count": "int64"})


def not_taken_up(ds: Dataset, chosen: Sequence[str] = ()) -> pd.DataFrame:
    """Return the recommendations a selected plan did not retain or dropped from its draft.

    One row per (recommendation, plan) whose best level for that plan is dropped from
    draft or not retained; the comment and source are those of the retention row at that
    level (the first in the sheet).

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.

    Returns:
        Rows plan_id, level (its code: `dropped_from_draft` or `not_retained`), author,
        theme, rec_id, title, issued_on and issued_latest (the bounds of its date:
        `readable` writes them), comment, source (of the retention row), rec_source, in
        plan order, then dropped from draft before not retained, then author and sheet
        row of the recommendation.
    """
    ds = restrict_authors(ds, chosen)
    best = _ranked_retention(ds).drop_duplicates(["rec_id", "plan_id"])
    best = best[best["level"].isin(NOT_TAKEN_UP)]
    plan_rank = _plan_rank(ds)
    recs = ds.recommendations.rename(columns={"source": "rec_source", "_row": "_rec_row"})
    out = best.merge(
        recs[["rec_id", "author", "theme", "title", *_ISSUED, "rec_source", "_rec_row"]],
        on="rec_id",
        how="inner",
        validate="many_to_one",
    )
    out = out.assign(_plan=out["plan_id"].map(plan_rank)).sort_values(
        ["_plan", "_rank", "author", "_rec_row"], kind="stable"
    )
    columns = ["plan_id", "level", "author", "theme", "rec_id", "title", *_ISSUED, "comment",
               "source", "rec_source"]  # fmt: skip
    return out[columns].reset_index(drop=True)


def recommendation_list(ds: Dataset, chosen: Sequence[str] = ()) -> pd.DataFrame:
    """Return the chosen authors' recommendations, by author (most prolific first), theme, date.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.

    Returns:
        Rows author, theme, rec_id, title, issued_on and issued_latest (the bounds of its
        date, earliest first in the order: `readable` writes them), rec_source.
    """
    ds = restrict_authors(ds, chosen)
    recs = ds.recommendations
    rank = {name: i for i, name in enumerate(authors(ds))}
    ordered = recs.assign(_author=recs["author"].map(rank)).sort_values(
        ["_author", "theme", "issued_on", "_row"], kind="stable"
    )
    columns = ["author", "theme", "rec_id", "title", *_ISSUED, "source"]
    return ordered[columns].rename(columns={"source": "rec_source"}).reset_index(drop=True)


def recommendation_choices(ds: Dataset, chosen: Sequence[str] = ()) -> dict[str, str]:
    """Return the chosen authors' recommendations to pick one from, in `recommendation_list`
    order.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.

    Returns:
        rec_id → "rec_id — title (author)", each recommendation once.
    """
    listing = recommendation_list(ds, chosen).drop_duplicates("rec_id")
    return {
        str(rec_id): f"{rec_id} — {title} ({author})"
        for rec_id, title, author in zip(
            listing["rec_id"], listing["title"], listing["author"], strict=True
        )
    }


def recommendation_counts(ds: Dataset, chosen: Sequence[str] = ()) -> pd.DataFrame:
    """Return how many recommendations each author made on each theme.

    Args:
        ds: the dataset.
        chosen: author names; empty means every author.

    Returns:
        One row per theme (most recommendations first, then by name), the theme as a
        column, then one int column per author (most prolific first).
    """
    ds = restrict_authors(ds, chosen)
    recs = ds.recommendations
    grid = pd.crosstab(recs["theme"], recs["author"]).reindex(columns=authors(ds), fill_value=0)
    grid = grid.astype("int64")
    order = (
        grid.sum(axis=1)
        .rename("_total")
        .reset_index()
        .sort_values(["_total", "theme"], ascending=[False, True], kind="stable")
    )
    return grid.loc[order["theme"]].rename_axis(index="theme", columns=None).reset_index()


def link_columns(
    frame: pd.DataFrame, candidates: Sequence[str] = ("source", "rec_source")
) -> list[str]:
    """Return the source columns whose every filled value is a web address (shown as links).

    Args:
        frame: a table of this module.
        candidates: the columns that may hold addresses.

    Returns:
        Column names, among `candidates`, with at least one value, all starting with http.
    """
    found = []
    for column in candidates:
        if column in frame.columns:
            values = frame[column].dropna().astype(str)
            if len(values) and values.str.match(r"https?://").all():
                found.append(column)
    return found
