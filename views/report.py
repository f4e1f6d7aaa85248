"""Rapport / Report: the dossier (every chart, every table and a PDF report) in one ZIP."""

import datetime as dt
import logging
import uuid

import streamlit as st

from monitoring.analysis.filters import plan_titles
from monitoring.analysis.public_scope import Withheld, public_dataset
from monitoring.config.settings import Settings
from monitoring.contract.dataset import Dataset
from monitoring.contract.publication import Scope
from monitoring.contract.schema import LANGS, SHEETS_BY_ID
from monitoring.present import dossier
from monitoring.present.export_formats import mime
from monitoring.present.exports import ExportUnavailable
from monitoring.present.site.writer import extract_text
from monitoring.text.i18n import language_name, t
from views.common import audited, banner, context, dataset_label, images_possible, store

BUILT = "report.built"  # (what it was built from, the dossier): one per session
log = logging.getLogger("plan_monitoring.app")


@st.cache_data(show_spinner=False, max_entries=16)
def _left_out(version: str, scope: Scope, _ds: Dataset) -> Withheld:
    """What publishing the version `version` (`Context.cache_key`) under `scope` leaves
    out: computed once, not at each rerun (masking reads every text cell)."""
    return public_dataset(_ds, scope)[1]


ctx = context("report")
lang = ctx.lang
st.title(t("page.report", lang))
st.caption(t("report.caption", lang, as_of=ctx.as_of))
banner(ctx)
if not images_possible():
    st.warning(t("exports.no_chromium", lang), icon=":material/warning:")
    st.stop()

titles = plan_titles(ctx.ds)
plans = st.multiselect(
    t("report.plans", lang), list(titles), default=[p for p in ctx.filters.plans if p in titles],
    format_func=lambda p: f"{p} — {titles[p]}", placeholder=t("filter.all", lang),
    help=t("report.plans_help", lang), key="report.plans",
)  # fmt: skip
language = st.radio(
    t("report.language", lang), LANGS, index=LANGS.index(lang), horizontal=True,
    format_func=language_name, key="report.lang",
)  # fmt: skip
st.caption(t("report.voice_note", lang, voice=t(f"voice.{ctx.voice}", lang)))
with st.expander(t("report.contents", lang)):
    st.text(t("report.contents.text", lang, pdf=dossier.pdf_name(language)))

choice = (ctx.cache_key, ctx.as_of, tuple(plans), language, ctx.voice)
if st.button(t("report.build", lang), type="primary", help=t("report.build_help", lang)):
    with st.status(t("report.building", lang), expanded=True) as status:
        bar = st.progress(0.0)
        version = ctx.version_info.number if ctx.version_info is not None else None
        try:
            built = dossier.build(
                ctx.ds, dataset_label=dataset_label(ctx.dataset_key, language),
                version=None if version is None else str(version), as_of=ctx.as_of,
                lang=language, plans=plans or None, voice=ctx.voice,
                dataset_key=ctx.dataset_key, now=dt.datetime.now(ctx.time_zone),
                progress=lambda step, total, label: bar.progress(step / total, text=label),
            )  # fmt: skip
        except ExportUnavailable as exc:
            status.update(state="error")
            st.error(str(exc))
            st.stop()
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("dossier failed [%s]", reference)
            status.update(state="error")
            st.error(t("report.failed", lang, ref=reference))
            st.stop()
        status.update(label=t("report.done", lang), state="complete", expanded=False)
    st.session_state[BUILT] = (choice, built)

kept = st.session_state.get(BUILT)
if kept is not None and kept[0] == choice:
    built = kept[1]
    st.success(
        t("report.built", lang, charts=built.charts, tables=built.tables, pages=built.pdf_pages),
        icon=":material/check_circle:",
    )
    zip_name = dossier.file_names(ctx.dataset_key, ctx.as_of, language)[0]
    st.download_button(
        t("report.download", lang), audited(ctx, zip_name, lambda: built.data), file_name=zip_name,
        mime=mime("zip"), on_click="ignore", icon=":material/download:",
        type="primary", key="report.download",
    )  # fmt: skip
    with st.expander(t("report.files", lang, count=len(built.files))):
        st.text("\n".join(built.files))

# Publishing (editors): the version's static site and open data package, as one ZIP to put
# online (`monitoring.services.publishing`, as `plan-monitoring publish` writes it).
info = ctx.version_info
if ctx.actor.can("upload") and info is not None:
    st.header(t("report.publish", lang))
    st.caption(t("report.publish_help", lang, version=info.number))
    # What the instance makes public (`Settings.publication`), said before the download.
    scope = Settings.from_env().publication
    withheld = _left_out(ctx.cache_key, scope, ctx.ds)
    if withheld:
        said = t("report.publish.extract", lang, extract=extract_text(withheld, lang))
        if withheld.extra_columns:  # named here, for the editor only (not on the site)
            columns = ", ".join(f"{SHEETS_BY_ID[sheet].name(lang)} › {name}"
                                for sheet, name in withheld.extra_columns)  # fmt: skip
            said += " " + t("site.extract.columns.list", lang, columns=columns)
        st.info(said, icon=":material/visibility_off:")
    else:
        st.caption(t("report.publish.whole", lang))
    name = f"{ctx.dataset_key}-v{info.number}-{t('report.publish.file', lang)}.zip"

    def _published() -> bytes:
        from monitoring.services.publishing import previous_version, publish_zip, stored_release

        db = store()
        dataset, release, workbook = stored_release(db, ctx.dataset_key, info)
        previous = previous_version(db, ctx.dataset_key, info)
        return publish_zip(dataset, release, workbook, key=ctx.dataset_key, as_of=ctx.as_of,
                           previous=previous, scope=scope)  # fmt: skip

    st.download_button(
        t("report.publish.download", lang), audited(ctx, name, _published), file_name=name,
        mime=mime("zip"), on_click="ignore", icon=":material/public:", key="report.publish",
    )  # fmt: skip
