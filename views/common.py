"""What every page shares: the sidebar's choices, cached data, banners.

Caching lives here, in the UI layer, keyed on the dataset's content hash: a change of
filter or language recomputes figures from the cached dataset without reloading or
revalidating the workbook.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any

import streamlit as st

from monitoring.dataset import Dataset
from monitoring.i18n import t
from monitoring.loading import SHIPPED, load_shipped
from monitoring.metrics import plan_summaries
from monitoring.schema import LANGS, Lang

log = logging.getLogger("plan_monitoring.app")
DATASETS = ("france", "demo")


@dataclass(frozen=True)
class Context:
    """The sidebar's choices and the dataset they designate."""

    dataset_key: str
    ds: Dataset
    version: str  # content hash: the cache key of everything computed from `ds`
    lang: Lang
    as_of: dt.date


@st.cache_resource(show_spinner=False)
def _shipped(name: str, stamp: float) -> tuple[Dataset, str]:
    """A shipped dataset, loaded once per process and file version (public data only)."""
    ds = load_shipped(name)
    return ds, ds.content_hash()


@st.cache_data(show_spinner=False, max_entries=64)
def summaries(
    _ds: Dataset, version: str, as_of: dt.date, voice: str = "all"
) -> list[dict[str, Any]]:
    """Per-plan key figures, cached per dataset version, date and voice."""
    return plan_summaries(_ds, as_of, voice=voice)


def _from_query(key: str, allowed: tuple[str, ...], default: str) -> str:
    value = st.query_params.get(key, default)
    return value if value in allowed else default


def _initial_as_of() -> dt.date:
    try:
        return dt.date.fromisoformat(st.query_params.get("as_of", ""))
    except ValueError:
        return dt.date.today()


def sidebar() -> Context:
    """Render the shared sidebar and return the context every page reads."""
    state = st.session_state
    state.setdefault("lang", _from_query("lang", LANGS, "fr"))
    state.setdefault("dataset", _from_query("dataset", DATASETS, "france"))
    state.setdefault("as_of", _initial_as_of())
    lang: Lang = state["lang"]
    with st.sidebar:
        st.radio(
            "Langue / Language",
            LANGS,
            key="lang",
            horizontal=True,
            format_func={"fr": "Français", "en": "English"}.__getitem__,
        )
        lang = state["lang"]
        st.selectbox(
            t("app.dataset", lang),
            DATASETS,
            key="dataset",
            format_func=lambda k: t(f"app.dataset.{k}", lang),
        )
        st.date_input(
            t("app.as_of", lang),
            key="as_of",
            help=t("app.as_of_help", lang),
            format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
        )
    st.query_params.update(
        {"lang": lang, "dataset": state["dataset"], "as_of": state["as_of"].isoformat()}
    )
    ds, version = _load(state["dataset"], lang)
    return Context(state["dataset"], ds, version, lang, state["as_of"])


def _load(name: str, lang: Lang) -> tuple[Dataset, str]:
    try:
        return _shipped(name, SHIPPED[name].stat().st_mtime)
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("could not load dataset %s [%s]", name, reference)
        st.error(t("app.load_error", lang, ref=reference))
        st.stop()
        raise


def banner(ctx: Context) -> None:
    """Say plainly whether the figures are real (sourced) or fictional."""
    if ctx.dataset_key == "demo":
        st.warning(t("app.demo_banner", ctx.lang), icon="⚠️")
    else:
        st.info(t("app.france_banner", ctx.lang), icon="ℹ️")


def context() -> Context:
    """The context the entrypoint computed for this run."""
    ctx: Context = st.session_state["_context"]
    return ctx
