"""Every chart and every table of the analysis pages, built without the app (the dossier).

Each entry names a chart or a table the pages show and builds it from a `Selection`:
the dataset narrowed to the plans covered, the as-of date, the voice and the language,
by calling the same pure functions the pages call (`monitoring.metrics`, `gaps`,
`delays`, `timeline`, `measure_detail`, `method` and `monitoring.charts.*`), so a figure
in the dossier is the figure on the page. An entry that does not apply to the data (no
retention recorded, no letter, no overdue measure) builds nothing and is left out, as the
page shows a sentence instead of an empty chart; the Overview's charts are always listed,
and one with nothing to draw is its `NoChart` sentence, which the dossier prints instead
of an image.

Left out on purpose: the Measures page's status history, which is one measure's (the
dossier is about plans), and the page's choices the dossier cannot ask for (the gaps
page's author filter and Sankey grouping take their defaults: every author, by author;
the timeline's period is every date known at the as-of date).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from monitoring import delays, gaps, method, timeline
from monitoring import figures_text as ft
from monitoring import measure_detail as md
from monitoring.charts import delays as delay_charts
from monitoring.charts import gaps as gap_charts
from monitoring.charts import overview as overview_charts
from monitoring.charts import timeline as timeline_charts
from monitoring.charts.base import Drawing, NoChart
from monitoring.dataset import Dataset
from monitoring.filters import Filters, apply_filters, plan_titles
from monitoring.i18n import format_date, format_percent, t
from monitoring.metrics import plan_summaries, plan_timeline
from monitoring.schema import CATEGORY_CODES, RETENTION_LEVELS, SHEETS_BY_ID, Lang

# The Delays page draws at most this many measures on a timeline (its MAX_ROWS).
TIMELINE_ROWS = 150
# The columns of the Delays page's lists, in its order.
_NAMED = ["plan_id", "number", "title"]
_ASSESSED = ["status", "lead", "assessed_by", "evidence"]
RETENTION_CODES: tuple[str, ...] = tuple(level.code for level in RETENTION_LEVELS)


@dataclass(frozen=True)
class Selection:
    """What the dossier covers: the data, the date, whose statuses, in which language.

    Attributes:
        ds: the whole dataset (the plans not covered are filtered out by `view`).
        as_of: the date statuses and delays are computed at.
        lang: the language of every label.
        voice: `"all"` or a voice code.
        plans: the plan ids covered; empty means every plan.
    """

    ds: Dataset
    as_of: dt.date
    lang: Lang = "fr"
    voice: str = "all"
    plans: tuple[str, ...] = ()
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def view(self) -> Dataset:
        """The dataset narrowed to the plans covered, as the sidebar's plan filter does."""
        return self.memo("view", lambda: apply_filters(self.ds, Filters(plans=self.plans)))

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """`build()` computed once per selection (several entries share a figure)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def summaries(self) -> list[dict[str, Any]]:
        """`metrics.plan_summaries` of the plans covered."""
        if self.view.plans.empty:  # nothing to summarise (and plan_timeline needs a plan)
            return []
        result: list[dict[str, Any]] = self.memo(
            "summaries", lambda: plan_summaries(self.view, self.as_of, voice=self.voice)
        )
        return result

    def plan_ids(self) -> list[str]:
        """The plans covered, in period order."""
        return [s["plan_id"] for s in self.summaries()]

    @property
    def known(self) -> Dataset:
        """The view with only the retention known at the as-of date (`gaps.known_at`): a
        plan not adopted yet has none. The Adoption gaps page's figures read it."""
        return self.memo("known", lambda: gaps.known_at(self.view, self.as_of))

    def documented(self) -> bool:
        """Whether any retention (prise en compte) is known for the plans covered."""
        return bool(self.memo("documented", lambda: gaps.is_documented(self.known)))


@dataclass(frozen=True)
class Chart:
    """One chart of the dossier, built.

    Attributes:
        name: its short name in file names (`status-by-plan`, `timeline-PAN-2024`).
        page: the page that shows it (`overview`), for the source line.
        title: its heading in the report, plain text (the figure's title, and the plan
            for a per-plan chart).
        image_title: the title the image carries (the figure's own, unescaped: a longer
            one could run into a legend drawn beside it).
        shows: what it shows, one or two sentences.
        source: where its figures come from (sheets and definitions).
        figure: the plotly figure, as the page builds it, or the `NoChart` sentence that
            replaces it when there is nothing to draw (no image is made).
        plans: the plans it covers.
    """

    name: str
    page: str
    title: str
    shows: str
    source: str
    figure: Drawing
    plans: tuple[str, ...]
    image_title: str

    @property
    def drawn(self) -> bool:
        """Whether there is an image (not a `NoChart` sentence)."""
        return not isinstance(self.figure, NoChart)


@dataclass(frozen=True)
class Table:
    """One table of the dossier: a sheet of the workbook.

    Attributes:
        name: its short name (`overdue`).
        page: the page that shows it.
        sheet: the sheet's name (at most 31 characters).
        frame: the table as shown, its columns named by their displayed labels.
    """

    name: str
    page: str
    sheet: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class ChartEntry:
    """A chart of the catalog: its name, its page, and how to build it (None: not here)."""

    name: str
    page: str
    build: Callable[[Selection], Drawing | None]


@dataclass(frozen=True)
class TableEntry:
    """A table of the catalog: its name, its page, and how to build it (None: not here)."""

    name: str
    page: str
    build: Callable[[Selection], pd.DataFrame | None]


# --- Charts ---------------------------------------------------------------------------


def _plan_periods(sel: Selection) -> Drawing:
    return overview_charts.plan_periods(plan_timeline(sel.view, sel.as_of), sel.as_of, sel.lang)


def _status_by_plan(sel: Selection) -> Drawing:
    return overview_charts.status_by_plan(sel.summaries(), sel.lang)


def _retention_by_plan(sel: Selection) -> Drawing:
    return overview_charts.retention_by_plan(sel.summaries(), sel.lang)


def _retention_by(by: gaps.Group) -> Callable[[Selection], Drawing | None]:
    def build(sel: Selection) -> Drawing | None:
        if not sel.documented():
            return None
        frame = gaps.retention_by_group(sel.known, (), by)
        return gap_charts.retention_by_group(frame, lang=sel.lang, by=by)

    return build


def _coverage(sel: Selection) -> Drawing | None:
    if not sel.documented():
        return None
    return gap_charts.theme_coverage(gaps.theme_coverage(sel.known, ()), lang=sel.lang)


def _sankey(sel: Selection) -> Drawing | None:
    if not sel.documented():
        return None
    links = gaps.sankey_links(sel.known, (), sel.as_of, sel.voice, "author")
    if links.empty:
        return None
    return gap_charts.recommendation_sankey(links, lang=sel.lang, by="author")


def _by_lead(sel: Selection) -> Drawing | None:
    leads = delays.delay_by_lead(sel.view, sel.as_of, sel.voice)
    return None if leads.empty else delay_charts.lead_delays(leads, lang=sel.lang)


def _events(sel: Selection) -> Drawing | None:
    events = timeline.timeline_events(sel.view, sel.as_of)
    if events.empty:
        return None
    plans = plan_timeline(sel.view, sel.as_of)
    return timeline_charts.event_timeline(events, plans, lang=sel.lang)


def _reply_rates(sel: Selection) -> Drawing | None:
    rates = timeline.reply_rates_between(sel.view, sel.as_of)
    return None if rates.empty else timeline_charts.reply_rate_bars(rates, lang=sel.lang)


def measure_timeline(sel: Selection, plan_id: str) -> Drawing | None:
    """The Delays page's timeline of one plan (its first `TIMELINE_ROWS` measures).

    Args:
        sel: the selection.
        plan_id: the plan drawn.

    Returns:
        The figure, or None when the plan has no measure.
    """
    rows = delays.timeline_rows(sel.view, sel.as_of, sel.voice, (plan_id,), sel.lang)
    if rows.empty:
        return None
    revisions = sel.memo("revisions", lambda: delays.revised_due_dates(sel.view, sel.as_of))
    return delay_charts.measure_timeline(
        rows.iloc[:TIMELINE_ROWS], revisions, as_of=sel.as_of, lang=sel.lang
    )


# In reading order: the Overview, Adoption gaps, Delays and Timeline pages' charts. The
# Delays page's timeline is one per plan, inserted after "status-by-plan" (see `charts`).
CHARTS: tuple[ChartEntry, ...] = (
    ChartEntry("plan-periods", "overview", _plan_periods),
    ChartEntry("status-by-plan", "overview", _status_by_plan),
    ChartEntry("retention-by-plan", "overview", _retention_by_plan),
    ChartEntry("retention-by-author", "gaps", _retention_by("author")),
    ChartEntry("retention-by-theme", "gaps", _retention_by("theme")),
    ChartEntry("coverage", "gaps", _coverage),
    ChartEntry("sankey-by-author", "gaps", _sankey),
    ChartEntry("by-lead", "delays", _by_lead),
    ChartEntry("events", "timeline", _events),
    ChartEntry("reply-rates", "timeline", _reply_rates),
)
TIMELINE_AFTER = "sankey-by-author"  # the per-plan timelines come after the gaps charts
TIMELINE_NAME = "timeline"


# The title of a chart that has nothing to draw (a `NoChart` carries no figure title).
NO_CHART_TITLES = {
    "plan-periods": "chart.plan_periods",
    "status-by-plan": "chart.status_by_plan",
    "retention-by-plan": "chart.retention_by_plan",
}


def _figure_title(fig: Drawing, fallback: str) -> str:
    if isinstance(fig, NoChart):
        return fallback
    text = fig.layout.title.text if fig.layout.title else None
    return html.unescape(str(text)) if text else fallback


def _chart(sel: Selection, name: str, page: str, fig: Drawing, plans: Sequence[str]) -> Chart:
    lang = sel.lang
    family = TIMELINE_NAME if name.startswith(f"{TIMELINE_NAME}-") else name
    voice = t(f"voice.{sel.voice}", lang)
    fallback = t(NO_CHART_TITLES.get(name, f"page.{page}"), lang)
    title = image_title = _figure_title(fig, fallback)
    if family == TIMELINE_NAME:
        titles = plan_titles(sel.ds)
        plan = plans[0]
        title = f"{title} — {plan}"
        shows = t("dossier.shows.timeline", lang, plan=f"{plan} — {titles.get(plan, '')}")
    else:
        shows = t(f"dossier.shows.{family}", lang)
    source = t(f"dossier.from.{family}", lang, as_of=sel.as_of, voice=voice)
    return Chart(name, page, title, shows, source, fig, tuple(plans), image_title)


def charts(sel: Selection, only: Sequence[str] | None = None) -> list[Chart]:
    """Build every chart of the catalog that applies to the selection, in reading order.

    Args:
        sel: the data, date, voice, language and plans covered.
        only: the chart names to build (default: all); a per-plan timeline is named
            `timeline-<plan id>`.

    Returns:
        The charts, each with its title, caption texts and figure.
    """
    built: list[Chart] = []
    if not sel.summaries():  # no plan: the pages say so instead of drawing
        return built
    wanted = None if only is None else set(only)
    for entry in CHARTS:
        if wanted is None or entry.name in wanted:
            fig = entry.build(sel)
            if fig is not None:
                built.append(_chart(sel, entry.name, entry.page, fig, sel.plan_ids()))
        if entry.name == TIMELINE_AFTER:
            adopted = [s["plan_id"] for s in sel.summaries() if s.get("adopted", True)]
            for plan_id in adopted:  # a plan not adopted at as-of has no measures in force
                name = f"{TIMELINE_NAME}-{plan_id}"
                if wanted is not None and name not in wanted:
                    continue
                fig = measure_timeline(sel, plan_id)
                if fig is not None:
                    built.append(_chart(sel, name, "delays", fig, [plan_id]))
    return built


def chart_names(sel: Selection) -> list[str]:
    """The names of the charts `charts(sel)` builds, in order (each built once to know)."""
    return [chart.name for chart in charts(sel)]


# --- Tables ---------------------------------------------------------------------------


def _labelled(frame: pd.DataFrame, labels: dict[str, str], order: Sequence[str]) -> pd.DataFrame:
    """The columns in `order`, renamed to their labels (the table as the page shows it)."""
    columns = [c for c in order if c in frame.columns]
    out = frame.loc[:, columns].copy()
    out.columns = [labels.get(c, c) for c in columns]
    return out


def key_figures(summaries: Sequence[dict[str, Any]], lang: Lang) -> pd.DataFrame:
    """The Overview page's figures per plan, as one table (a row per plan).

    Args:
        summaries: `metrics.plan_summaries(...)` output.
        lang: language of the headers.

    Returns:
        Columns (their labels in `lang`): plan, title, measures, one count per status
        category, completion rate (0–1), overdue, past due not assessed, median delay,
        one count per retention level, adoption delay and gap before (days).
    """
    rows = []
    for s in summaries:
        row: dict[str, Any] = {
            t("delays.col.plan_id", lang): s["plan_id"],
            t("delays.col.title", lang): s["title"],
            t("metric.measures", lang): s["measures"],
        }
        for code in CATEGORY_CODES:
            row[t(f"category.{code}", lang)] = s["status_counts"][code]
        row[t("metric.completion", lang)] = s["completion_rate"]
        row[t("truth.col.completion_text", lang)] = ft.completion_text(s, lang)
        row[t("truth.col.assessed", lang)] = ft.assessed(s)
        row[t("truth.verdict.title", lang)] = " ; ".join(ft.verdict_sentences(s, lang)) or None
        row[t("metric.overdue", lang)] = s["overdue"]
        row[t("truth.col.overdue_plan_end", lang)] = (s.get("overdue_by_basis") or {}).get(
            "plan_end"
        )
        row[t("metric.unassessed", lang)] = s["past_due_unassessed"]
        row[t("dossier.col.median_delay", lang)] = s["median_delay_days"]
        recorded = ft.retention_recorded(s)
        for code in RETENTION_CODES:
            counts = s.get("retention_counts") or {}
            row[t(f"retention.{code}", lang)] = counts.get(code) if recorded else None
        row[t("dossier.col.adoption_delay", lang)] = s["adoption_delay_days"]
        # An expected date known only as a period: the delay is a range (shortest above).
        row[t("dossier.col.adoption_delay_max", lang)] = s.get("adoption_delay_max_days")
        row[t("dossier.col.gap_before", lang)] = s["gap_before_days"]
        rows.append(row)
    return pd.DataFrame(rows)


def _key_figures(sel: Selection) -> pd.DataFrame | None:
    return key_figures(sel.summaries(), sel.lang) if sel.summaries() else None


def _measures(sel: Selection) -> pd.DataFrame | None:
    rows = md.measure_rows(sel.view, sel.as_of, sel.voice, sel.lang)
    if rows.empty:
        return None
    shown = rows[list(md.TABLE_COLUMNS)]
    specs = md.column_specs(shown, sel.lang)
    return _labelled(
        shown, {c: options["label"] for c, (_, options) in specs.items()}, list(shown.columns)
    )


def _delay_list(kind: delays.ListKind, columns: list[str]) -> Callable[[Selection], Any]:
    def build(sel: Selection) -> pd.DataFrame | None:
        frame = delays.measure_list(sel.view, sel.as_of, sel.voice, kind, sel.lang)
        if frame.empty:
            return None
        if "due_basis" in frame.columns:
            frame = frame.assign(
                due_basis=[ft.basis_label(b, sel.lang) for b in frame["due_basis"]]
            )
        return _labelled(frame, {c: t(f"delays.col.{c}", sel.lang) for c in columns}, columns)

    return build


def overdue_measures(sel: Selection) -> pd.DataFrame:
    """The overdue measures, most days late first (the Delays page's list, raw columns).

    Returns:
        `delays.measure_list(..., "overdue", ...)` for the selection.
    """
    if not sel.summaries():
        return pd.DataFrame()
    frame: pd.DataFrame = sel.memo(
        "overdue",
        lambda: delays.measure_list(sel.view, sel.as_of, sel.voice, "overdue", sel.lang),
    )
    return frame


def not_taken_up(sel: Selection) -> pd.DataFrame:
    """The recommendations a covered plan did not retain or dropped from its draft.

    Returns:
        `gaps.not_taken_up(...)` for the selection (every author).
    """
    frame: pd.DataFrame = sel.memo(
        "not_taken_up", lambda: gaps.not_taken_up(sel.known, (), sel.lang)
    )
    return frame


def _slips(sel: Selection) -> pd.DataFrame | None:
    frame = delays.slipped_measures(sel.view, sel.as_of, sel.voice, sel.lang)
    columns = [*_NAMED, "slip_days", "times_moved", "deadlines", "status", "lead"]
    if frame.empty:
        return None
    return _labelled(frame, {c: t(f"delays.col.{c}", sel.lang) for c in columns}, columns)


def _gaps_table(
    build: Callable[[Selection], pd.DataFrame], when_documented: bool
) -> Callable[[Selection], pd.DataFrame | None]:
    def table(sel: Selection) -> pd.DataFrame | None:
        if sel.documented() != when_documented:
            return None
        frame = build(sel)
        if frame.empty:
            return None
        frame = gaps.readable(frame, sel.lang)  # a month-dated recommendation reads "mars 2014"
        columns = [str(c) for c in frame.columns]
        return _labelled(frame, gaps.column_labels(columns, sel.lang), columns)

    return table


def _events_table(sel: Selection) -> pd.DataFrame | None:
    events = timeline.timeline_events(sel.view, sel.as_of)
    if events.empty:
        return None
    columns = {
        "date": "timeline.col.date", "kind": "timeline.col.kind", "title": "timeline.col.title",
        "sender": "timeline.col.sender", "recipient": "timeline.col.recipient",
        "note": "timeline.col.note", "plan_id": "timeline.col.plan",
        "source": "timeline.col.source", "link": "timeline.col.link",
    }  # fmt: skip
    frame = ft.events_table(events, sel.lang)
    return _labelled(frame, {c: t(k, sel.lang) for c, k in columns.items()}, list(columns))


def _rates_table(sel: Selection) -> pd.DataFrame | None:
    rates = timeline.reply_rates_between(sel.view, sel.as_of)
    if rates.empty:
        return None
    columns = {
        "recipient": "timeline.col.recipient", "letters": "timeline.col.letters",
        "answered": "timeline.col.answered", "reply_pct": "timeline.col.rate",
        "median_reply_delay_days": "timeline.col.median_delay",
    }  # fmt: skip
    frame = timeline.rates_for_display(rates, sel.lang)
    return _labelled(frame, {c: t(k, sel.lang) for c, k in columns.items()}, list(columns))


def _unanswered_table(sel: Selection) -> pd.DataFrame | None:
    waiting = timeline.unanswered_letters(sel.view, sel.as_of)
    if waiting.empty:
        return None
    columns = {
        "date": "timeline.col.date", "recipient": "timeline.col.recipient",
        "title": "timeline.col.title", "waiting_days": "timeline.col.waiting",
        "source": "timeline.col.source", "link": "timeline.col.link",
    }  # fmt: skip
    frame = ft.with_date_bounds(method.readable(waiting), sel.lang)
    return _labelled(frame, {c: t(k, sel.lang) for c, k in columns.items()}, list(columns))


def _scale_table(sel: Selection) -> pd.DataFrame:
    scale = sel.ds.scale
    columns = {
        "order": "method.col.order", "label": "method.col.label",
        "label_en": "method.col.label_en", "category": "method.col.category",
        "colour": "method.col.colour", "pattern": "method.col.pattern",
        "own_colour": "method.col.own_colour",
    }  # fmt: skip
    hidden = "label_en" if scale.custom else "own_colour"
    order = [c for c in columns if c != hidden]
    frame = method.scale_table(scale, sel.lang)
    return _labelled(frame, {c: t(k, sel.lang) for c, k in columns.items()}, order)


def _source_coverage(sel: Selection) -> pd.DataFrame:
    columns = {
        "sheet": "method.col.sheet", "rows": "method.col.rows",
        "with_source": "method.col.with_source", "without_source": "method.col.without_source",
        "references": "method.col.references",
    }  # fmt: skip
    frame = method.source_coverage(sel.ds, sel.lang)
    return _labelled(frame, {c: t(k, sel.lang) for c, k in columns.items()}, list(columns))


def sources(sel: Selection) -> pd.DataFrame:
    """The distinct sources the whole dataset cites (`method.source_table`), most cited first.

    Returns:
        reference, link, total, then one count column per sheet id.
    """
    frame: pd.DataFrame = sel.memo("sources", lambda: method.source_table(sel.ds))
    return frame


def _sources_table(sel: Selection) -> pd.DataFrame | None:
    frame = sources(sel)
    if frame.empty:
        return None
    lang = sel.lang
    labels = {
        "reference": t("method.col.reference", lang),
        "link": t("method.col.link", lang),
        "total": t("method.col.total", lang),
        **{s: SHEETS_BY_ID[s].name(lang) for s in SHEETS_BY_ID},
    }
    return _labelled(method.readable(frame), labels, list(frame.columns))


# In the order of the pages: Overview, Delays, Adoption gaps, Measures, Timeline, Method.
TABLES: tuple[TableEntry, ...] = (
    TableEntry("key-figures", "overview", _key_figures),
    TableEntry(
        "overdue",
        "delays",
        _delay_list("overdue", [*_NAMED, "days_late", "effective_due", "due_basis", *_ASSESSED]),
    ),
    TableEntry("slips", "delays", _slips),
    TableEntry(
        "unassessed",
        "delays",
        _delay_list("past_due_unassessed", [*_NAMED, "effective_due", "due_basis", *_ASSESSED]),
    ),
    TableEntry(
        "not-yet-due",
        "delays",
        _delay_list("not_yet_due", [*_NAMED, "effective_due", "days_left", "status", "lead"]),
    ),
    TableEntry("not-taken-up", "gaps", _gaps_table(not_taken_up, True)),
    TableEntry(
        "recommendation-counts",
        "gaps",
        _gaps_table(lambda sel: gaps.recommendation_counts(sel.known, ()), False),
    ),
    TableEntry(
        "recommendations",
        "gaps",
        _gaps_table(lambda sel: gaps.recommendation_list(sel.known, ()), False),
    ),
    TableEntry("measures", "measures", _measures),
    TableEntry("events", "timeline", _events_table),
    TableEntry("reply-rates", "timeline", _rates_table),
    TableEntry("unanswered", "timeline", _unanswered_table),
    TableEntry("status-scale", "method", _scale_table),
    TableEntry("source-coverage", "method", _source_coverage),
    TableEntry("sources", "method", _sources_table),
)


def tables(sel: Selection) -> list[Table]:
    """Build every table of the catalog that applies to the selection, in page order.

    Args:
        sel: the data, date, voice, language and plans covered.

    Returns:
        The tables, each with its sheet name and its columns under their labels.
    """
    built = []
    for entry in TABLES:
        if not sel.summaries() and entry.page != "method":  # no plan, no measure figures
            continue
        frame = entry.build(sel)
        if frame is not None:
            sheet = t(f"dossier.sheet.{entry.name}", sel.lang)
            built.append(Table(entry.name, entry.page, sheet, frame))
    return built


def plan_label(sel: Selection, plan_ids: Sequence[str] | None = None) -> str:
    """`PAN-2024 — title; …` for the plans given (default: the plans covered)."""
    titles = plan_titles(sel.ds)
    chosen = list(plan_ids) if plan_ids is not None else sel.plan_ids()
    return "; ".join(f"{p} — {titles[p]}" if p in titles else p for p in chosen)


def period(summary: dict[str, Any], lang: Lang) -> str:
    """A plan's period in words: `01/01/2024 – 31/12/2027`."""
    start, end = summary["period_start"], summary["period_end"]
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def retained_share(summary: dict[str, Any], lang: Lang) -> str:
    """Recommendations retained (fully or partly) out of those recorded: `6 / 8 (75 %)`;
    `non renseignée` when none is recorded (unknown, not zero)."""
    if not ft.retention_recorded(summary):
        return t("truth.retention.not_recorded", lang)
    counts = summary["retention_counts"]
    recorded = sum(counts.values())
    taken = counts["retained"] + counts["partly_retained"]
    return f"{taken} / {recorded} ({format_percent(taken / recorded, lang)})"
