"""The dashboard's pages, declared once: each page's id, icon, role and sections.

`PAGES` is read by the entrypoint's navigation (`dashboard.py`), by each view
(`views/<id>.py` draws its sections), by the dossier (`monitoring.present.dossier` prints every
chart and table of the analysis pages), by the AppTest and browser walks and by the page
bench. Each section calls the same pure functions as ever (`monitoring.analysis.metrics`, `gaps`,
`delays`, `timeline`, `measure_detail`, `method`, `monitoring.present.charts.*`), so a figure in
the dossier is the figure on the page.

Left out of the sections on purpose: the Measures page's detail of one measure (the
dossier is about plans), the Overview's metric boxes (the dossier's key-figures table
holds their figures) and the page's own widgets (the gaps page's author filter and
Sankey grouping, the timeline's period and kinds, the delays page's plan choice): they
reach the sections as `Selection.choices`, and the dossier takes their defaults (every
author, by author, every date known at the as-of date).

Why one module: every page is declared here, in the navigation's order, so
that the pages and their sections read top to bottom in one place (about 80 lines a page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from monitoring.analysis import delays, figures, gaps, method, timeline
from monitoring.analysis import measure_detail as md
from monitoring.analysis.metrics import plan_timeline
from monitoring.contract.schema import CATEGORY_CODES, RETENTION_LEVELS, SHEETS_BY_ID, Lang
from monitoring.present import delay_tables, gap_tables, measure_text, method_text, timeline_text
from monitoring.present import figures_text as ft
from monitoring.present.charts import delays as delay_charts
from monitoring.present.charts import gaps as gap_charts
from monitoring.present.charts import overview as overview_charts
from monitoring.present.charts import timeline as timeline_charts
from monitoring.present.charts.base import Drawing
from monitoring.present.sections import (
    ChartSection,
    Column,
    Page,
    Section,
    Selection,
    TableSection,
)
from monitoring.text.i18n import t

# The Delays page draws at most this many measures on a timeline.
TIMELINE_ROWS = 150
RETENTION_CODES: tuple[str, ...] = tuple(level.code for level in RETENTION_LEVELS)


# --- Overview ------------------------------------------------------------------------


def _plan_periods(sel: Selection) -> Drawing:
    timeline_ = sel.memo("plan_timeline", lambda: plan_timeline(sel.view, sel.as_of))
    return overview_charts.plan_periods(timeline_, sel.as_of, sel.lang)


def _status_by_plan(sel: Selection) -> Drawing:
    return overview_charts.status_by_plan(sel.summaries(), sel.lang)


def _retention_by_plan(sel: Selection) -> Drawing:
    return overview_charts.retention_by_plan(sel.summaries(), sel.lang)


def key_figures(summaries: list[dict[str, Any]], lang: Lang) -> pd.DataFrame:
    """The Overview page's figures per plan, as one table (a row per plan, column ids).

    Args:
        summaries: `metrics.plan_summaries(...)` output.
        lang: language of the sentences (completion, verdicts).

    Returns:
        Columns `KEY_FIGURES` (labelled by it): plan, title, measures, one count per
        status category, completion rate (0–1) and its sentence, overdue, past due not
        assessed, median delay, one count per retention level (None when none is
        recorded), adoption delay and gap before (days).
    """
    rows = []
    for s in summaries:
        recorded = figures.retention_recorded(s)
        counts = s.get("retention_counts") or {}
        rows.append(
            {
                "plan_id": s["plan_id"],
                "title": s["title"],
                "measures": s["measures"],
                **{f"category.{c}": s["status_counts"][c] for c in CATEGORY_CODES},
                "completion_rate": s["completion_rate"],
                "completion_text": ft.completion_text(s, lang),
                "assessed": figures.assessed(s),
                "verdicts": " ; ".join(ft.verdict_sentences(s, lang)) or None,
                "overdue": s["overdue"],
                "overdue_plan_end": (s.get("overdue_by_basis") or {}).get("plan_end"),
                "past_due_unassessed": s["past_due_unassessed"],
                "median_delay_days": s["median_delay_days"],
                **{f"retention.{c}": counts.get(c) if recorded else None for c in RETENTION_CODES},
                "adoption_delay_days": s["adoption_delay_days"],
                # An expected date known only as a period: the delay is a range.
                "adoption_delay_max_days": s.get("adoption_delay_max_days"),
                "gap_before_days": s["gap_before_days"],
            }
        )
    return pd.DataFrame(rows, columns=[c.id for c in KEY_FIGURES])


KEY_FIGURES: tuple[Column, ...] = (
    Column("plan_id", "delays.col.plan_id"),
    Column("title", "delays.col.title"),
    Column("measures", "metric.measures", "integer"),
    *(Column(f"category.{c}", f"category.{c}", "integer") for c in CATEGORY_CODES),
    Column("completion_rate", "metric.completion", "number"),
    Column("completion_text", "truth.col.completion_text"),
    Column("assessed", "truth.col.assessed"),
    Column("verdicts", "truth.verdict.title"),
    Column("overdue", "metric.overdue", "integer"),
    Column("overdue_plan_end", "truth.col.overdue_plan_end", "integer"),
    Column("past_due_unassessed", "metric.unassessed", "integer"),
    Column("median_delay_days", "dossier.col.median_delay", "number"),
    *(Column(f"retention.{c}", f"retention.{c}", "integer") for c in RETENTION_CODES),
    Column("adoption_delay_days", "dossier.col.adoption_delay", "integer"),
    Column("adoption_delay_max_days", "dossier.col.adoption_delay_max", "integer"),
    Column("gap_before_days", "dossier.col.gap_before", "integer"),
)


def _key_figures(sel: Selection) -> pd.DataFrame | None:
    return key_figures(sel.summaries(), sel.lang) if sel.summaries() else None


OVERVIEW = Page(
    "overview",
    ":material/dashboard:",
    sections=(
        ChartSection(
            "plan-periods",
            _plan_periods,
            caption=lambda sel: t("overview.periods_help", sel.lang),
            title="chart.plan_periods",
        ),
        ChartSection(
            "status-by-plan",
            _status_by_plan,
            caption=lambda sel: ft.status_help(sel.voice, sel.lang),
            title="chart.status_by_plan",
        ),
        ChartSection(
            "retention-by-plan",
            _retention_by_plan,
            caption=lambda sel: t("metric.retained.help", sel.lang),
            title="chart.retention_by_plan",
        ),
        TableSection("key-figures", _key_figures, KEY_FIGURES),
    ),
)


# --- Adoption gaps ---------------------------------------------------------------------


def _authors(sel: Selection) -> tuple[str, ...]:
    return tuple(sel.choice("authors", ()))


def _retention_by(by: gaps.Group) -> Callable[[Selection], Drawing | None]:
    def build(sel: Selection) -> Drawing | None:
        if not sel.documented():
            return None
        frame = gaps.retention_by_group(sel.known, _authors(sel), by)
        return gap_charts.retention_by_group(frame, lang=sel.lang, by=by)

    return build


def _coverage(sel: Selection) -> Drawing | None:
    if not sel.documented():
        return None
    return gap_charts.theme_coverage(gaps.theme_coverage(sel.known, _authors(sel)), lang=sel.lang)


def _sankey(sel: Selection) -> Drawing | None:
    if not sel.documented():
        return None
    by = sel.choice("sankey_by", "author")
    links = gaps.sankey_links(sel.known, _authors(sel), sel.as_of, sel.voice, by)
    return gap_charts.recommendation_sankey(links, lang=sel.lang, by=by)


def not_taken_up(sel: Selection) -> pd.DataFrame:
    """The recommendations a covered plan did not retain or dropped from its draft.

    Returns:
        `gaps.not_taken_up(...)` for the selection (the authors chosen, or every one):
        language-free, its `level` a code.
    """
    frame: pd.DataFrame = sel.memo(
        "not_taken_up", lambda: gaps.not_taken_up(sel.known, _authors(sel))
    )
    return frame


def retention_labels(frame: pd.DataFrame, sel: Selection) -> pd.Series:
    """A retention level code → its label (« Non retenue »)."""
    return frame["level"].map(lambda code: t(f"retention.{code}", sel.lang))


def _gaps_table(
    build: Callable[[Selection], pd.DataFrame], when_documented: bool
) -> Callable[[Selection], pd.DataFrame | None]:
    def table(sel: Selection) -> pd.DataFrame | None:
        if sel.documented() != when_documented:
            return None
        frame = build(sel)
        if frame.empty:
            return None
        return gap_tables.readable(frame, sel.lang)  # a month-dated recommendation: "mars 2014"

    return table


def _gaps_label(column: str) -> Callable[[Lang], str]:
    return lambda lang: gap_tables.column_labels([column], lang)[column]


def _gaps_columns(frame: pd.DataFrame, sel: Selection) -> tuple[Column, ...]:
    """A gaps table's columns follow its frame (an author per column in the counts)."""
    links = gaps.link_columns(frame)
    return tuple(
        Column(c, _gaps_label(c), "url" if c in links else "auto",
               values=retention_labels if c == "level" else None)
        for c in map(str, frame.columns)
    )  # fmt: skip


GAPS = Page(
    "gaps",
    ":material/compare_arrows:",
    sections=(
        ChartSection("retention-by-author", _retention_by("author")),
        ChartSection("retention-by-theme", _retention_by("theme")),
        ChartSection("coverage", _coverage),
        ChartSection("sankey-by-author", _sankey, sentence_in_dossier=False),
        TableSection(
            "not-taken-up", _gaps_table(not_taken_up, True), _gaps_columns,
            title="gaps.dropped", empty="gaps.dropped.none",
        ),
        TableSection(
            "recommendation-counts",
            _gaps_table(lambda sel: gaps.recommendation_counts(sel.known, _authors(sel)), False),
            _gaps_columns, title="gaps.empty.counts",
        ),
        TableSection(
            "recommendations",
            _gaps_table(lambda sel: gaps.recommendation_list(sel.known, _authors(sel)), False),
            _gaps_columns, title="gaps.empty.list",
        ),
    ),
)  # fmt: skip


# --- Delays ----------------------------------------------------------------------------


def measure_timeline(sel: Selection) -> Drawing | None:
    """The Delays page's timeline of the plans chosen (its first `TIMELINE_ROWS` measures).

    Args:
        sel: the selection; `choices["plans"]` the plans drawn.

    Returns:
        The figure, or None when the plans have no measure.
    """
    plans = tuple(sel.choice("plans", ()))
    rows = sel.memo(
        f"timeline_rows:{plans}",
        lambda: delay_tables.timeline_rows(
            sel.view, delays.timeline_rows(sel.view, sel.as_of, sel.voice, plans), sel.lang
        ),
    )
    if rows.empty:
        return None
    revisions = sel.memo("revisions", lambda: delays.revised_due_dates(sel.view, sel.as_of))
    return delay_charts.measure_timeline(
        rows.iloc[:TIMELINE_ROWS], revisions, as_of=sel.as_of, lang=sel.lang
    )


def _by_lead(sel: Selection) -> Drawing | None:
    leads = delays.delay_by_lead(sel.view, sel.as_of, sel.voice)
    return None if leads.empty else delay_charts.lead_delays(leads, lang=sel.lang)


def overdue_measures(sel: Selection) -> pd.DataFrame:
    """The overdue measures, most days late first (the Delays page's list, raw columns).

    Returns:
        `delays.measure_list(..., "overdue", ...)` for the selection.
    """
    if not sel.summaries():
        return pd.DataFrame()
    frame: pd.DataFrame = sel.memo(
        "overdue", lambda: delays.measure_list(sel.view, sel.as_of, sel.voice, "overdue")
    )
    return frame


def _delay_list(kind: delays.ListKind) -> Callable[[Selection], pd.DataFrame | None]:
    def build(sel: Selection) -> pd.DataFrame | None:
        if kind == "overdue":
            frame = overdue_measures(sel)
        else:
            frame = delays.measure_list(sel.view, sel.as_of, sel.voice, kind)
        return None if frame.empty else frame

    return build


def _slips(sel: Selection) -> pd.DataFrame | None:
    frame = delays.slipped_measures(sel.view, sel.as_of, sel.voice)
    return None if frame.empty else frame


# How the Delays lists' language-free cells read (`delay_tables.readable`, `deadline_text`).
_DELAY_VALUES: dict[str, Callable[[pd.DataFrame, Selection], pd.Series]] = {
    "status": lambda f, sel: delay_tables.status_labels(sel.view, f["status"], sel.lang),
    "lead": lambda f, sel: delay_tables.lead_labels(f["lead"], sel.lang),
    "assessed_by": lambda f, sel: delay_tables.assessed_by(f, sel.lang),
    "due_basis": lambda f, sel: f["due_basis"].map(lambda b: ft.basis_label(b, sel.lang)),
    "deadlines": lambda f, sel: delay_tables.deadline_text(f["deadlines"], sel.lang),
}


def _delay_columns(*ids: str) -> tuple[Column, ...]:
    kinds: dict[str, Any] = {
        "effective_due": "date", "evidence": "source", "days_late": "integer",
        "days_left": "integer", "slip_days": "integer", "times_moved": "integer",
        "number": "integer",
    }  # fmt: skip
    return tuple(
        Column(c, f"delays.col.{c}", kinds.get(c, "text"), width=300 if c == "title" else None,
               values=_DELAY_VALUES.get(c), in_files_only=c in _DELAY_FILES_ONLY)
        for c in ids
    )  # fmt: skip


# Too wide for a screen with the rest: who leads, who assessed and the sources are in the
# tables' files, the dossier and each measure's detail.
_DELAY_FILES_ONLY = frozenset({"lead", "assessed_by", "evidence"})


_NAMED = ("plan_id", "number", "title")
_ASSESSED = ("status", "lead", "assessed_by", "evidence")

DELAYS = Page(
    "delays",
    ":material/schedule:",
    sections=(
        ChartSection(
            "timeline", measure_timeline, per_plan=True, empty="delays.no_plan_measures",
            title="delays.chart.timeline",
            caption=lambda sel: t("delays.timeline_help", sel.lang),
        ),
        TableSection(
            "overdue", _delay_list("overdue"),
            _delay_columns(*_NAMED, "days_late", "effective_due", "due_basis", *_ASSESSED),
            title="delays.overdue", localised=False,
        ),
        TableSection(
            "slips", _slips,
            _delay_columns(*_NAMED, "slip_days", "times_moved", "deadlines", "status", "lead"),
            title="delays.slips", localised=False,
        ),
        ChartSection("by-lead", _by_lead, empty="delays.by_lead_empty"),
        TableSection(
            "unassessed", _delay_list("past_due_unassessed"),
            _delay_columns(*_NAMED, "effective_due", "due_basis", *_ASSESSED),
            title="delays.unassessed", localised=False,
        ),
        TableSection(
            "not-yet-due", _delay_list("not_yet_due"),
            _delay_columns(*_NAMED, "effective_due", "days_left", "status", "lead"),
            title="delays.not_yet_due", localised=False,
        ),
    ),
)  # fmt: skip


# --- Measures --------------------------------------------------------------------------


def _measures(sel: Selection) -> pd.DataFrame | None:
    rows = md.measure_rows(sel.view, sel.as_of, sel.voice)
    return None if rows.empty else rows


def _measure_words(column: str) -> Callable[[pd.DataFrame, Selection], pd.Series]:
    def values(frame: pd.DataFrame, sel: Selection) -> pd.Series:
        written: pd.DataFrame = sel.memo(  # the four columns are written in one pass
            f"measure_rows_readable:{sel.lang}",
            lambda: measure_text.readable_rows(sel.view, frame, sel.lang),
        )
        return written[column]

    return values


# The Measures page's table: `measure_rows` put into words by `readable_rows`.
# The table's 14 columns do not fit a screen: what each measure has become is drawn; the
# rest (plan, number, axis, lead, who assessed, deadline, carried from, divergence) is in
# its files and in the measure's detail; a measure's id names its plan.
_MEASURES_ON_SCREEN = frozenset(
    {"measure_id", "title", "status", "assessed_on", "effective_due", "days_late"}
)
MEASURE_COLUMNS: tuple[Column, ...] = tuple(
    Column(c, f"measures.col.{c}", values=_measure_words(c) if c in md.WORDED else None,
           in_files_only=c not in _MEASURES_ON_SCREEN)
    for c in md.TABLE_COLUMNS
)  # fmt: skip


MEASURES = Page(
    "measures",
    ":material/checklist:",
    sections=(TableSection("measures", _measures, MEASURE_COLUMNS, localised=False),),
)


# --- Timeline --------------------------------------------------------------------------


def _period(sel: Selection) -> tuple[Any, Any]:
    return sel.choice("start", None), sel.choice("end", None)


def _events_frame(sel: Selection) -> pd.DataFrame:
    kinds = sel.choice("kinds", None)
    kinds = None if kinds is None else tuple(kinds)
    frame: pd.DataFrame = sel.memo(
        "events", lambda: timeline.timeline_events(sel.view, sel.as_of, kinds, *_period(sel))
    )
    return frame


def _events(sel: Selection) -> Drawing | None:
    events = _events_frame(sel)
    if events.empty:
        return None
    plans = sel.memo("plan_timeline", lambda: plan_timeline(sel.view, sel.as_of))
    start, end = _period(sel)
    return timeline_charts.event_timeline(events, plans, lang=sel.lang, start=start, end=end)


def _rates(sel: Selection) -> pd.DataFrame:
    frame: pd.DataFrame = sel.memo(
        "rates", lambda: timeline.reply_rates_between(sel.view, sel.as_of, *_period(sel))
    )
    return frame


def _reply_rates(sel: Selection) -> Drawing | None:
    rates = _rates(sel)
    return None if rates.empty else timeline_charts.reply_rate_bars(rates, lang=sel.lang)


def _events_table(sel: Selection) -> pd.DataFrame | None:
    events = _events_frame(sel)
    return None if events.empty else ft.events_table(events, sel.lang)


def _rates_table(sel: Selection) -> pd.DataFrame | None:
    rates = _rates(sel)
    return None if rates.empty else timeline.rates_table(rates)


def _unanswered_table(sel: Selection) -> pd.DataFrame | None:
    waiting = timeline.unanswered_letters(sel.view, sel.as_of, *_period(sel))
    if waiting.empty:
        return None
    return ft.with_date_bounds(method.readable(waiting), sel.lang)


TIMELINE = Page(
    "timeline",
    ":material/mail:",
    sections=(
        ChartSection("events", _events, empty="timeline.no_match",
                     caption=lambda sel: t("timeline.chart.caption", sel.lang)),
        TableSection("events", _events_table, (
            Column("date", "timeline.col.date"), Column("kind", "timeline.col.kind"),
            Column("title", "timeline.col.title"), Column("sender", "timeline.col.sender"),
            Column("recipient", "timeline.col.recipient"), Column("note", "timeline.col.note"),
            Column("plan_id", "timeline.col.plan"), Column("source", "timeline.col.source"),
            Column("link", "timeline.col.link", "link", width="medium"),
        ), title="timeline.table"),
        ChartSection("reply-rates", _reply_rates, empty="timeline.no_letters"),
        TableSection("reply-rates", _rates_table, (
            Column("recipient", "timeline.col.recipient",
                   values=lambda f, sel: timeline_text.recipient_names(f["recipient"], sel.lang)),
            Column("letters", "timeline.col.letters", "number"),
            Column("answered", "timeline.col.answered", "number"),
            Column("reply_pct", "timeline.col.rate", "progress"),
            Column("median_reply_delay_days", "timeline.col.median_delay",
                   values=lambda f, sel: timeline_text.delay_texts(
                       f["median_reply_delay_days"], sel.lang)),
            Column("delays_known", "timeline.col.delays_known", "number", app_only=True),
        ), title="timeline.replies", localised=False),
        TableSection("unanswered", _unanswered_table, (
            Column("event_id", None, hidden=True),
            Column("date", "timeline.col.date"), Column("recipient", "timeline.col.recipient"),
            Column("title", "timeline.col.title"),
            Column("waiting_days", "timeline.col.waiting", "number"),
            Column("source", "timeline.col.source"),
            Column("link", "timeline.col.link", "link", width="medium"),
        ), title="timeline.unanswered", empty="timeline.all_answered"),
    ),
)  # fmt: skip


# --- Method ----------------------------------------------------------------------------


def sources(sel: Selection) -> pd.DataFrame:
    """The distinct sources the whole dataset cites (`method.source_table`), most cited first.

    Returns:
        reference, link, total, then one count column per sheet id.
    """
    frame: pd.DataFrame = sel.memo("sources", lambda: method.source_table(sel.ds))
    return frame


def _sources_table(sel: Selection) -> pd.DataFrame | None:
    frame = sources(sel)
    return None if frame.empty else method.readable(frame)


def _sources_columns(frame: pd.DataFrame, sel: Selection) -> tuple[Column, ...]:
    own = {
        "reference": Column("reference", "method.col.reference", width="large"),
        "link": Column("link", "method.col.link", "link", width="medium"),
        "total": Column("total", "method.col.total", "number"),
    }
    return tuple(
        own.get(c) or Column(c, SHEETS_BY_ID[c].name, "number") for c in map(str, frame.columns)
    )


def _custom(sel: Selection) -> bool:
    return sel.ds.scale.custom


METHOD = Page(
    "method",
    ":material/menu_book:",
    sections=(
        TableSection(
            "status-scale", lambda sel: method_text.scale_table(sel.ds.scale, sel.lang), (
                Column("order", "method.col.order", "number"),
                Column("label", "method.col.label"),
                Column("label_en", "method.col.label_en", when=lambda sel: not _custom(sel)),
                Column("category", "method.col.category"),
                Column("colour", "method.col.colour"),
                Column("pattern", "method.col.pattern"),
                Column("hex", None, hidden=True),
                Column("own_colour", "method.col.own_colour", when=_custom),
            ), title="method.scale",
        ),
        TableSection(
            "source-coverage", lambda sel: method.source_coverage(sel.ds), (
                Column("sheet", "method.col.sheet",
                       values=lambda f, sel: method_text.sheet_names(f["sheet"], sel.lang)),
                Column("column", None, hidden=True),
                Column("rows", "method.col.rows", "number"),
                Column("with_source", "method.col.with_source", "number"),
                Column("without_source", "method.col.without_source", "number"),
                Column("references", "method.col.references", "number"),
            ), title="method.sources", localised=False,
        ),
        TableSection("sources", _sources_table, _sources_columns, title="method.sources",
                     empty="method.sources.none"),
    ),
)  # fmt: skip


# --- Every page, in the navigation's order -------------------------------------------

PAGES: tuple[Page, ...] = (
    OVERVIEW,
    GAPS,
    DELAYS,
    MEASURES,
    TIMELINE,
    Page("upload", ":material/upload_file:", action="upload"),
    Page("history", ":material/history:"),
    Page("report", ":material/picture_as_pdf:", action="export"),
    # The committee brief: its own since and until dates, its documents (Word, PDF); no
    # section for the dossier, which is about the plans at one date, not between two.
    Page("brief", ":material/groups:", action="export"),
    METHOD,
    Page("admin", ":material/admin_panel_settings:", action="manage_users"),
)
BY_ID: dict[str, Page] = {p.id: p for p in PAGES}
# The dossier's workbook lists the Delays tables before the Adoption gaps ones (the order
# its readers know); the other pages' tables follow the navigation.
WORKBOOK_FIRST = ("overview", "delays")


def page(page_id: str) -> Page:
    """The declaration of the page `page_id` (KeyError when there is none)."""
    return BY_ID[page_id]


def sections() -> list[tuple[Page, Section]]:
    """Every section of every page, in the navigation's order."""
    return [(p, s) for p in PAGES for s in p.sections]
