"""What every page shares: the sidebar's choices, cached data, banners, and the way charts
and tables are shown with their downloads (`show_chart`, `show_table`; `views.sections`
shows the sections of a page declaration with them).

Caching lives here, in the UI layer, keyed on the dataset's content hash: a change of
filter or language recomputes figures from the cached dataset without reloading or
revalidating the workbook. Every choice of the sidebar is kept in the URL's query
parameters, so a view can be shared as a link.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitoring.analysis import changelog
from monitoring.analysis.filters import Filters, apply_filters, filter_options, plan_titles
from monitoring.analysis.metrics import plan_summaries
from monitoring.config import shipped
from monitoring.config.settings import Settings
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import LANGS, VOICES, Lang
from monitoring.intake.isolation import warm_up
from monitoring.present import export_formats, exports, measure_text
from monitoring.present.charts.base import NoChart
from monitoring.present.sections import number_text
from monitoring.present.spreadsheets import WORKBOOK_FORMATS, WorkbookFormat
from monitoring.services.annotate import safe_file_name
from monitoring.services.importing import ensure_seeded
from monitoring.storage import Store, VersionInfo, open_store
from monitoring.storage.access import Actor, AuditEvent, local_actor
from monitoring.text.i18n import language_name, plain, t, zone_name

log = logging.getLogger("plan_monitoring.app")
T = TypeVar("T")
VOICE_OPTIONS = ("all", *(v.code for v in VOICES))
LIST_PARAMS = {"plan": "plans", "axis": "axes", "lead": "leads"}


@dataclass(frozen=True)
class Context:
    """The sidebar's choices and the data they designate."""

    dataset_key: str
    version_info: VersionInfo | None  # the stored version shown (None outside the store)
    ds: Dataset  # the whole dataset
    view: Dataset  # the part the filters select: what pages compute from
    cache_key: str  # content hash + filters: the cache key of everything computed
    lang: Lang
    as_of: dt.date
    filters: Filters
    actor: Actor = field(default_factory=local_actor)  # who is acting (see views.auth)
    page: str = "dashboard"  # the page being run (`context(page)`): names its downloads
    time_zone: dt.tzinfo = dt.UTC  # where stored times are shown (`Settings.time_zone`)

    @property
    def voice(self) -> str:
        return self.filters.voice


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The version store of this process (SQLite by default), seeded when empty.

    Also starts the fork server of the parse children (`monitoring.intake.isolation`) once, so
    that the first upload does not wait for it, and the chart renderer (Chromium) in a
    thread, so that the first page's chart images wait for neither in turn.
    """
    if images_on_screen():
        threading.Thread(target=_start_renderer, name="renderer-start", daemon=True).start()
    warm_up()
    settings = Settings.from_env()
    opened = open_store(settings)
    ensure_seeded(opened, settings.data_dir)
    return opened


def _start_renderer() -> None:
    """Start Chromium for the chart images; a failure is logged, and the first image asked
    for tries again (`images_possible`), where the page shows the chart interactive."""
    try:
        exports.start_renderer()
    except Exception:
        log.exception("the chart renderer did not start beside the store")


@st.cache_resource(show_spinner=False, max_entries=16)
def _version(key: str, number: int, content_hash: str) -> Dataset:
    """A stored version's data: immutable, so cached for as long as the process lives."""
    return store().read_dataset(key, number)


@st.cache_resource(show_spinner=False, max_entries=256)
def _log_step(key: str, before: VersionInfo, after: VersionInfo) -> changelog.Step:
    """What changed between two consecutive versions: immutable, so computed once per pair
    for every measure and recommendation (keyed on both versions, content hashes included)."""
    return changelog.between(before, after, lambda v: _version(key, v.number, v.content_hash))


def change_log(
    ctx: Context, *, measure_id: str | None = None, rec_id: str | None = None
) -> changelog.ChangeLog:
    """The change log of one measure or recommendation of the dataset shown, across its
    stored versions; each pair of versions is compared once per process (`_log_step`)."""
    key = ctx.dataset_key
    return changelog.change_log(
        store(), key, measure_id=measure_id, rec_id=rec_id,
        step_of=lambda before, after: _log_step(key, before, after),
    )  # fmt: skip


_KINDS = {  # `measure_text.column_specs` kind → Streamlit column
    "link": st.column_config.LinkColumn,
    "percent": st.column_config.NumberColumn,
    "date": st.column_config.DateColumn,
    "flag": st.column_config.CheckboxColumn,
    "number": st.column_config.NumberColumn,
    "text": st.column_config.TextColumn,
}


# Streamlit cuts a key figure's label wider than its box with "…", and a box given
# width="content" is as wide as its value: the box is sized here to the longer of the two.
# Widths of an average character of Streamlit's font (Source Sans): 0.875rem labels,
# 2.25rem values, plus the help icon.
LABEL_CHAR_PX = 8
VALUE_CHAR_PX = 21
HELP_ICON_PX = 28


def metric_width(label: str, value: str) -> int:
    """A key figure's width in pixels: its label and its value read whole."""
    return max(LABEL_CHAR_PX * len(label) + HELP_ICON_PX, VALUE_CHAR_PX * len(value)) + 8


def typed_table(frame: pd.DataFrame, ctx: Context, name: str, **options: Any) -> None:
    """`show_table` with the Measures page's labels and typed columns
    (`measure_text.column_specs`); "—" in an empty cell; as high as its rows."""
    specs = measure_text.column_specs(frame, ctx.lang, zone=zone_name(ctx.time_zone))
    # Whole numbers are written the language's way (`2 897`) by a Styler, which the grid
    # shows while sorting on the numbers; a column format would take precedence over it.
    counts = [c for c, (kind, _) in specs.items() if kind == "number"]
    config = {
        c: _KINDS[k](**{n: v for n, v in o.items() if not (c in counts and n == "format")})
        for c, (k, o) in specs.items()
    }
    options = {"hide_index": True, "placeholder": "—", "height": "content", **options}
    table = frame.style.format(dict.fromkeys(counts, number_text("integer", ctx.lang)))
    show_table(table if counts else frame, ctx, name, column_config=config, **options)


def change_log_section(
    ctx: Context,
    name: str,
    help_text: str,
    *,
    measure_id: str | None = None,
    rec_id: str | None = None,
    title: str | None = None,
) -> None:
    """The « Historique des modifications » of one measure or recommendation: a sentence
    (how many changes between which versions, or none since the first), then the table
    of changes, newest first, with its downloads (`measure_text.change_log_section`).

    Args:
        ctx: the page's context.
        name: the table's short name in file names (`A-M01-changes`).
        help_text: the subheader's help: what the log covers for this kind of item.
        measure_id: the measure (give it, or `rec_id`).
        rec_id: the recommendation.
        title: the title written in the downloaded workbook.
    """
    lang = ctx.lang
    st.subheader(t("measures.changes", lang), help=help_text)
    log_ = change_log(ctx, measure_id=measure_id, rec_id=rec_id)
    changes, sentence = measure_text.change_log_section(log_, lang, ctx.time_zone)
    if changes.empty:
        st.info(sentence)
        return
    st.caption(sentence)
    typed_table(changes, ctx, name, title=title)


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered(_ds: Dataset, version: str, filters: Filters) -> Dataset:
    return apply_filters(_ds, filters)


@st.cache_data(show_spinner=False, max_entries=64)
def summaries(_ds: Dataset, version: str, as_of: dt.date, voice: str) -> list[dict[str, Any]]:
    """Per-plan key figures, cached per dataset version, filters, date and voice."""
    return plan_summaries(_ds, as_of, voice=voice)


@st.cache_data(show_spinner=False, max_entries=256)
def _compute(name: str, _fn: Callable[..., Any], _ds: Dataset, version: str, *args: Any) -> Any:
    return _fn(_ds, *args)


def compute(fn: Callable[..., T], ctx: Context, *args: Any) -> T:
    """`fn(ctx.view, *args)`, cached per function, dataset version, filters and arguments.

    Use it for every figure a page shows (`compute(metrics.measure_table, ctx, ctx.as_of,
    ctx.voice)`): a rerun with the same choices costs a dictionary lookup.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"
    result: T = _compute(name, fn, ctx.view, ctx.cache_key, *args)
    return result


@st.cache_data(show_spinner=False, max_entries=128)
def _chart(name: str, _fn: Callable[..., Any], version: str, *args: Any, **kwargs: Any) -> Any:
    return _fn(*args, **kwargs)


def chart(fn: Callable[..., T], ctx: Context, *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` for a chart function, cached per dataset version and arguments.

    Building a large figure costs more than computing its data; a rerun that changes
    nothing it depends on reuses the figure. The same holds for a table written for
    display from computed data (dates in words, notes): pass its function here too.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"
    result: T = _chart(name, fn, ctx.cache_key, *args, **kwargs)
    return result


def _initial_state() -> None:
    state, query = st.session_state, st.query_params
    if "lang" not in state:
        state["lang"] = query.get("lang") if query.get("lang") in LANGS else "fr"
        dataset = query.get("dataset")
        state["dataset"] = dataset if dataset in dataset_keys() else shipped.DEFAULT_KEY
        try:
            state["as_of"] = dt.date.fromisoformat(query.get("as_of", ""))
        except ValueError:
            state["as_of"] = dt.date.today()
        voice = query.get("voice")
        state["voice"] = voice if voice in VOICE_OPTIONS else "all"
        for param, key in LIST_PARAMS.items():
            state[key] = query.get_all(param)


def _bound(name: str, lang: Lang, keep: Callable[[Any], Any] | None = None) -> str:
    """The key of the widget that shows `state[name]` in `lang`.

    Streamlit tells widgets apart by their label and displayed options too, so a keyed
    widget whose label is translated becomes a new widget that starts from its default:
    switching language would reset the dataset, the date and the filters. Each language
    gets its own widget key, seeded from the language-free value `state[name]`, which
    `_store_bound` copies back after the widgets ran. `keep` drops stale choices.
    """
    state = st.session_state
    key = f"_{name}_{lang}"
    if state.get("_widgets_lang") != lang or key not in state:
        state[key] = state[name]
    if keep is not None:
        state[key] = keep(state[key])
    return key


def _store_bound(lang: Lang, *names: str) -> None:
    state = st.session_state
    for name in names:
        state[name] = state[f"_{name}_{lang}"]
    state["_widgets_lang"] = lang


def sidebar(actor: Actor | None = None) -> Context:
    """Render the shared sidebar and return the context every page reads.

    Args:
        actor: who passed the sign-in gate (`views.auth.gate`); the local user by default.
    """
    actor = actor or local_actor()
    _initial_state()
    state = st.session_state
    with st.sidebar:
        st.radio(
            "Langue / Language",
            LANGS,
            key="lang",
            horizontal=True,
            format_func=language_name,
        )
        lang: Lang = state["lang"]
        if not store().writable:  # a full disk or read-only store: reading still works
            st.warning(t("storage.read_only_notice", lang), icon=":material/lock:")
        keys = dataset_keys()
        st.selectbox(
            t("app.dataset", lang),
            keys,
            key=_bound("dataset", lang, lambda k: k if k in keys else keys[0]),
            format_func=lambda k: dataset_label(k, lang),
        )
        info, ds, digest = load_dataset(state[f"_dataset_{lang}"], lang)
        st.date_input(
            t("app.as_of", lang),
            key=_bound("as_of", lang),
            help=t("app.as_of_help", lang),
            format=date_format(lang),
        )
        _filter_widgets(ds, lang)
    _store_bound(lang, "dataset", "as_of", "plans", "axes", "leads", "voice")
    filters = Filters(
        tuple(state["plans"]), tuple(state["axes"]), tuple(state["leads"]), state["voice"]
    )
    owned = {"lang", "dataset", "as_of", "voice", *LIST_PARAMS}
    # A page's own parameters (the Measures page's `measure`) stay in the URL.
    kept = {k: st.query_params.get_all(k) for k in st.query_params if k not in owned}
    st.query_params.from_dict(
        {
            **kept,
            "lang": lang,
            "dataset": state["dataset"],
            "as_of": state["as_of"].isoformat(),
            "voice": filters.voice,
            "plan": list(filters.plans),
            "axis": list(filters.axes),
            "lead": list(filters.leads),
        }
    )
    cache_key = f"{digest}:{filters.key()}"
    view = _filtered(ds, digest, filters)
    return Context(
        state["dataset"], info, ds, view, cache_key, lang, state["as_of"], filters, actor,
        time_zone=Settings.from_env().time_zone,
    )  # fmt: skip


def _filter_widgets(ds: Dataset, lang: Lang) -> None:
    state = st.session_state
    titles = plan_titles(ds)
    options = filter_options(ds)
    # Choices the dataset does not have (another dataset, or a stale link) are dropped.
    plans_key = _bound("plans", lang, lambda chosen: [p for p in chosen if p in titles])
    st.multiselect(
        t("filter.plan", lang),
        options["plans"],
        key=plans_key,
        format_func=lambda p: f"{p} — {titles[p]}",
        placeholder=t("filter.all", lang),
    )
    narrowed = filter_options(ds, tuple(state[plans_key]))
    for key, label in (("axes", "filter.axis"), ("leads", "filter.lead")):
        allowed = set(narrowed[key])
        st.multiselect(
            t(label, lang),
            narrowed[key],
            key=_bound(
                key, lang, lambda chosen, allowed=allowed: [v for v in chosen if v in allowed]
            ),
            placeholder=t("filter.all", lang),
        )
    st.selectbox(
        t("filter.voice", lang),
        VOICE_OPTIONS,
        key=_bound("voice", lang),
        format_func=lambda v: t(f"voice.{v}", lang),
        help=t("filter.voice_help", lang),
    )


def dataset_keys() -> list[str]:
    """The datasets offered: the shipped ones first, then any a coalition created."""
    keys = store().dataset_keys()
    return shipped.ordered(keys)


def load_dataset(name: str, lang: Lang) -> tuple[VersionInfo | None, Dataset, str]:
    """The current version of a dataset, with its content hash (the cache key).

    One small query per run finds the current version, so an upload made in another
    session or on another server shows at the next interaction; the data itself is read
    once per version.
    """
    try:
        info = store().current(name)
        if info is None:
            raise LookupError(name)
        return info, _version(name, info.number, info.content_hash), info.content_hash
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("could not load dataset %s [%s]", name, reference)
        st.error(t("app.load_error", lang, ref=reference))
        st.stop()
        raise


def date_format(lang: Lang) -> str:
    """How a date input writes its date: the French way in French, ISO otherwise."""
    return "DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"


def dataset_label(key: str, lang: Lang) -> str:
    """The name shown for a dataset: the shipped ones are named, others show their key."""
    return shipped.dataset_label(key, lang)


def banner(ctx: Context) -> None:
    """Say plainly whether the figures are real (sourced) or fictional, and what is filtered.

    Only the shipped datasets are vouched for (`monitoring.config.shipped`): sourced, or
    fictional. A coalition's own dataset carries its own sources (see the Method page).
    """
    vouched = shipped.find(ctx.dataset_key)
    if vouched is not None and vouched.fictional:
        st.warning(t(vouched.banner_key, ctx.lang), icon=":material/warning:")
    elif vouched is not None:
        st.info(t(vouched.banner_key, ctx.lang), icon=":material/info:")
    if ctx.filters.active:
        st.caption(t("filter.active", ctx.lang))
        filter_caption(ctx)


def filter_caption(ctx: Context) -> None:
    """Say which plans, axes, leads and voice the figures below are read for (when chosen)."""
    lang, chosen = ctx.lang, ctx.filters
    lines = []
    if chosen.plans:
        lines.append(t("truth.filters.plans", lang, plans=", ".join(chosen.plans)))
    if chosen.axes:
        lines.append(t("truth.filters.axes", lang, axes=", ".join(chosen.axes)))
    if chosen.leads:
        lines.append(t("truth.filters.leads", lang, leads=", ".join(chosen.leads)))
    if chosen.voice != "all":
        lines.append(t("truth.filters.voice", lang, voice=t(f"voice.{chosen.voice}", lang)))
    if lines:
        st.caption(plain(" ".join(lines)))


def context(page: str | None = None) -> Context:
    """The context the entrypoint computed for this run, for the page being run.

    Args:
        page: the page's id (`overview`), given once by its view; its downloads are named
            and stamped after it. Without it (a helper the view calls, `views.review`), the
            context the view opened.
    """
    ctx: Context = st.session_state["_context"]
    if page is not None:
        ctx = replace(ctx, page=page)
        st.session_state["_context"] = ctx
    return ctx


def link_wins(params: Sequence[str], in_url: object, written: str) -> bool:
    """Whether a page's own URL parameters (`params`: the Measures search, the Overview's
    chart switch) must set its widgets: the URL names one of them and says something else
    than what the page last wrote there (`st.session_state[written]`), as an opened link
    does. The navigation drops a page's own parameters: a URL without them leaves the
    session's last choice, which the widgets keep from page to page (`persist_state`)."""
    named = any(param in st.query_params for param in params)
    return named and st.session_state.get(written) != in_url


# --- Charts and tables, with their downloads ------------------------------------------

DOWNLOAD_ICON = ":material/download:"


@st.cache_resource(show_spinner=False)
def images_possible() -> bool:
    """Whether charts can be exported here; starts the warm renderer once per process.

    Chromium is not started when `PLAN_MONITORING_NO_RENDERER=1` (AppTest sets it): the
    first image is then rendered by a renderer started on that click.
    """
    possible = exports.chromium_available()
    if possible and exports.renderer_wanted():
        exports.start_renderer()
    return possible


def stamp(ctx: Context, title: str, page: str, plans: Sequence[str] | None = None) -> exports.Stamp:
    """What an export says about itself: title, plan(s), date, dataset and version, source."""
    lang = ctx.lang
    chosen = list(plans if plans is not None else ctx.filters.plans)
    titles = plan_titles(ctx.ds)
    plan = "; ".join(f"{p} — {titles[p]}" if p in titles else p for p in chosen)
    version = str(ctx.version_info.number) if ctx.version_info is not None else None
    return exports.Stamp(
        title=title,
        plan=plan or t("exports.all_plans", lang),
        as_of=ctx.as_of,
        dataset=dataset_label(ctx.dataset_key, lang),
        version=version,
        source=t("exports.source_app", lang, page=t(f"page.{page}", lang)),
        lang=lang,
    )


def audited(ctx: Context, file_name: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download's data, built on click and recorded in the audit trail as an export.

    The record is written before the file is built: a download that was served is always
    in the trail (a failed record fails the download rather than go unrecorded).
    """

    def data() -> bytes:
        version = ctx.version_info.number if ctx.version_info is not None else None
        event = AuditEvent.by(
            ctx.actor, "export", dataset_key=ctx.dataset_key, version=version, detail=file_name
        )
        store().record(event)
        return build()

    return data


def _download(
    where: Any,
    ctx: Context,
    file_name: str,
    fmt: export_formats.ExportFormat,
    key: str,
    build: Callable[[], bytes],
) -> None:
    """One small download button of a chart or table, built on click, audited."""
    where.download_button(
        t(fmt.label_key or fmt.name, ctx.lang),
        data=audited(ctx, file_name, build),
        file_name=file_name,
        mime=fmt.mime,
        key=key,
        help=t(fmt.help_key, ctx.lang) if fmt.help_key else None,
        on_click="ignore",
        icon=DOWNLOAD_ICON,
        type="tertiary",
    )


def workbook_downloads(
    where: Any,
    label: str,
    stem: str,
    build: Callable[[WorkbookFormat], bytes],
    *,
    key: str,
    ctx: Context | None = None,
    ods_label: str | None = None,
    **options: Any,
) -> None:
    """One workbook offered as .xlsx and .ods side by side, each built on click.

    Args:
        where: the container (`st`, a column).
        label: the Excel button's label; the .ods one says its format after it, unless
            `ods_label` is given.
        stem: the file name without its extension (made safe here).
        build: the workbook's bytes in a format (`monitoring.present.spreadsheets`).
        key: the Excel button's key; the .ods one's is `key.ods`.
        ctx: the page's context, to record each download in the audit trail.
        options: passed to both buttons (`help`, `type`).
    """
    row = where.container(horizontal=True, gap="small")
    lang = ctx.lang if ctx is not None else context().lang
    for fmt in WORKBOOK_FORMATS:
        name = safe_file_name(stem, fmt)
        data = lambda fmt=fmt: build(fmt)  # noqa: E731 - built on click only
        shown = label if fmt == "xlsx" else ods_label or t("exports.in_ods", lang, label=label)
        row.download_button(
            shown, data=audited(ctx, name, data) if ctx is not None else data, file_name=name,
            mime=export_formats.mime(fmt), key=key if fmt == "xlsx" else f"{key}.{fmt}",
            on_click="ignore", icon=DOWNLOAD_ICON, **options,
        )  # fmt: skip


def _file_name(ctx: Context, page: str, name: str, ext: str) -> str:
    return exports.safe_file_name(ctx.dataset_key, page, name, ctx.as_of.isoformat(), ext=ext)


def show_chart(
    fig: go.Figure | NoChart,
    ctx: Context,
    name: str,
    *,
    key: str,
    plans: Sequence[str] | None = None,
    where: Any = None,
    image: bytes | None = None,
) -> None:
    """`st.plotly_chart` (or the chart as an image), then a row of downloads rendered on
    click, one per chart format (`monitoring.present.export_formats`: PNG, SVG, PDF).

    Args:
        fig: the chart; its title becomes the image's title.
        ctx: the page's context (language, date, dataset, version, filters).
        name: the chart's short name in file names (`status-by-plan`).
        key: the chart's widget key; the buttons' keys derive from it.
        plans: the plans the chart shows when not the sidebar's (a page's own choice).
        where: the container to draw the chart in (default: the page).
        image: the chart as an SVG image (`exports.screen_svg`), shown instead of the
            interactive chart; its text alternative is the chart's title.
    """
    page, lang = ctx.page, ctx.lang
    if isinstance(fig, NoChart):  # nothing to draw: the sentence, and no image to download
        (where or st).info(fig.text(lang), icon=":material/info:")
        st.caption(t("nochart.no_image", lang))
        return
    title = html.unescape(str(fig.layout.title.text or "")) or t(f"page.{page}", lang)
    if image is not None:
        (where or st).html(chart_image_tag(image, title, t("chart.image_hint", lang)))
    else:
        (where or st).plotly_chart(fig, key=key)
    formats = export_formats.of_kind("chart")
    if any(f.needs_chromium for f in formats) and not images_possible():
        st.caption(t("exports.no_chromium", lang))
        formats = tuple(f for f in formats if not f.needs_chromium)
    if not formats:
        return
    marks = stamp(ctx, title, page, plans)
    row = st.container(horizontal=True, gap="small")
    for fmt in formats:
        build = lambda render=fmt.render: render(fig, marks)  # noqa: E731
        file_name = _file_name(ctx, page, name, fmt.extension)
        _download(row, ctx, file_name, fmt, f"{key}.{fmt.name}", build)


def images_on_screen() -> bool:
    """Whether a page may show its charts as images (`exports.screen_svg`): Chromium is
    installed and may be started (`PLAN_MONITORING_NO_RENDERER` is not set)."""
    return exports.chromium_available() and exports.renderer_wanted()


def chart_image_tag(svg: bytes, alt: str, hint: str) -> str:
    """An `<img>` holding the SVG (st.html's sanitiser drops inline `<svg>`), as wide as
    its column; `alt` is read by screen readers, `hint` shown on hover."""
    data = base64.b64encode(svg).decode("ascii")
    return (
        f'<img class="pm-chart" src="data:image/svg+xml;base64,{data}" '
        f'alt="{html.escape(alt)}" title="{html.escape(hint)}" style="width:100%;height:auto">'
    )


def _labels(frame: pd.DataFrame, config: Mapping[str, Any] | None) -> dict[str, str | None]:
    """Each column's displayed label (None when hidden), read from a `column_config`."""
    labels: dict[str, str | None] = {}
    for column, spec in (config or {}).items():
        if spec is None:
            labels[column] = None
        elif isinstance(spec, str):
            labels[column] = spec
        elif isinstance(spec, Mapping) and spec.get("label"):
            labels[column] = str(spec["label"])
    return labels


def show_table(
    frame: Any,
    ctx: Context,
    name: str,
    *,
    column_config: Mapping[str, Any] | None = None,
    key: str | None = None,
    title: str | None = None,
    column_order: Sequence[str] | None = None,
    on_screen: Sequence[str] | None = None,
    **options: Any,
) -> Any:
    """`st.dataframe`, then downloads of the table as shown, built on click, one per table
    format (`monitoring.present.export_formats`: XLSX, ODS, CSV).

    The files hold the columns shown, in order, under their displayed labels; user text
    is neutralised (`monitoring.present.exports`). Returns what `st.dataframe` returns.
    A wide table draws only its `on_screen` columns (the page stays readable, nothing
    scrolls out of sight), and a caption says the files hold them all.

    Args:
        frame: the table (a DataFrame, a Styler, or rows `pd.DataFrame` accepts).
        ctx: the page's context.
        name: the table's short name in file names (`overdue`).
        column_config: as for `st.dataframe`; its labels head the exported columns.
        key: the table's widget key (default: derived from `name`).
        title: the title written in the workbook (default: the page's title).
        column_order: as for `st.dataframe`: the columns, in order, of the table and its files.
        on_screen: the columns drawn, in order (default: all of `column_order`).
        options: passed to `st.dataframe`.
    """
    page, lang = ctx.page, ctx.lang
    key = key or f"table.{page}.{name}"
    drawn = on_screen if on_screen is not None else column_order
    shown = st.dataframe(frame, column_config=column_config, column_order=drawn, key=key, **options)
    data = getattr(frame, "data", frame) if not isinstance(frame, pd.DataFrame) else frame
    table = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    if options.get("hide_index") is False:
        table = table.reset_index()
    labels = _labels(table, column_config)
    marks = stamp(ctx, title or t(f"page.{page}", lang), page)
    if on_screen is not None:
        every = column_order or [str(c) for c in table.columns]
        left_out = [labels.get(c) or c for c in every if c not in on_screen]
        st.caption(t("tables.more_in_files", lang, columns=", ".join(left_out)))
    row = st.container(horizontal=True, gap="small")
    for fmt in export_formats.of_kind("table"):
        make = lambda render=fmt.render: render(  # noqa: E731
            exports.labelled(table, labels, column_order), marks
        )
        file_name = _file_name(ctx, page, name, fmt.extension)
        _download(row, ctx, file_name, fmt, f"{key}.{fmt.name}", make)
    return shown
