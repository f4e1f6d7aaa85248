"""What every page shares: the sidebar's choices, cached data, banners.

Caching lives here, in the UI layer, keyed on the dataset's content hash: a change of
filter or language recomputes figures from the cached dataset without reloading or
revalidating the workbook. Every choice of the sidebar is kept in the URL's query
parameters, so a view can be shared as a link.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from monitoring.dataset import Dataset
from monitoring.filters import Filters, apply_filters, filter_options, plan_titles
from monitoring.i18n import t
from monitoring.importing import ensure_seeded
from monitoring.metrics import plan_summaries
from monitoring.schema import LANGS, VOICES, Lang
from monitoring.settings import Settings
from monitoring.storage import Store, VersionInfo, open_store

log = logging.getLogger("plan_monitoring.app")
T = TypeVar("T")
SHIPPED_KEYS = ("france", "demo")
VOICE_OPTIONS = ("all", *(v.code for v in VOICES))
LIST_PARAMS = {"plan": "plans", "axis": "axes", "lead": "leads"}


@dataclass(frozen=True)
class Context:
    """The sidebar's choices and the data they designate."""

    dataset_key: str
    version_info: VersionInfo | None  # the stored version shown (None outside the store)
    ds: Dataset  # the whole dataset
    view: Dataset  # the part the filters select: what pages compute from
    version: str  # content hash + filters: the cache key of everything computed
    lang: Lang
    as_of: dt.date
    filters: Filters

    @property
    def voice(self) -> str:
        return self.filters.voice


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The version store of this process (SQLite by default), seeded when empty."""
    opened = open_store(Settings.from_env())
    ensure_seeded(opened)
    return opened


@st.cache_resource(show_spinner=False, max_entries=16)
def _version(key: str, number: int, content_hash: str) -> Dataset:
    """A stored version's data: immutable, so cached for as long as the process lives."""
    return store().read_dataset(key, number)


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
    result: T = _compute(name, fn, ctx.view, ctx.version, *args)
    return result


def compute_whole(fn: Callable[..., T], ctx: Context, *args: Any) -> T:
    """`fn(ctx.ds, *args)`: like `compute`, on the whole dataset whatever the filters."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    digest = ctx.version.split(":", 1)[0]
    result: T = _compute(name, fn, ctx.ds, digest, *args)
    return result


@st.cache_data(show_spinner=False, max_entries=128)
def _chart(name: str, _fn: Callable[..., Any], version: str, *args: Any, **kwargs: Any) -> Any:
    return _fn(*args, **kwargs)


def chart(fn: Callable[..., T], ctx: Context, *args: Any, **kwargs: Any) -> T:
    """`fn(*args, **kwargs)` for a chart function, cached per dataset version and arguments.

    Building a large figure costs more than computing its data; a rerun that changes
    nothing it depends on reuses the figure.
    """
    name = f"{fn.__module__}.{fn.__qualname__}"
    result: T = _chart(name, fn, ctx.version, *args, **kwargs)
    return result


def _initial_state() -> None:
    state, query = st.session_state, st.query_params
    if "lang" not in state:
        state["lang"] = query.get("lang") if query.get("lang") in LANGS else "fr"
        dataset = query.get("dataset")
        state["dataset"] = dataset if dataset in dataset_keys() else "france"
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


def sidebar() -> Context:
    """Render the shared sidebar and return the context every page reads."""
    _initial_state()
    state = st.session_state
    with st.sidebar:
        st.radio(
            "Langue / Language",
            LANGS,
            key="lang",
            horizontal=True,
            format_func={"fr": "Français", "en": "English"}.__getitem__,
        )
        lang: Lang = state["lang"]
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
            format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
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
    version = f"{digest}:{filters.key()}"
    view = _filtered(ds, digest, filters)
    return Context(state["dataset"], info, ds, view, version, lang, state["as_of"], filters)


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
    return [k for k in SHIPPED_KEYS if k in keys] + [k for k in keys if k not in SHIPPED_KEYS]


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


def dataset_label(key: str, lang: Lang) -> str:
    """The name shown for a dataset: the shipped ones are named, others show their key."""
    return t(f"app.dataset.{key}", lang) if key in SHIPPED_KEYS else key


def banner(ctx: Context) -> None:
    """Say plainly whether the figures are real (sourced) or fictional, and what is filtered.

    Only the shipped datasets are vouched for: the French one is sourced, the demo one is
    fictional. A coalition's own dataset carries its own sources (see the Method page).
    """
    if ctx.dataset_key == "demo":
        st.warning(t("app.demo_banner", ctx.lang), icon=":material/warning:")
    elif ctx.dataset_key == "france":
        st.info(t("app.france_banner", ctx.lang), icon=":material/info:")
    if ctx.filters.active:
        st.caption(t("filter.active", ctx.lang))


def context() -> Context:
    """The context the entrypoint computed for this run."""
    ctx: Context = st.session_state["_context"]
    return ctx
