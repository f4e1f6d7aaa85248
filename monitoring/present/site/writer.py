"""Write the static site of one dataset version (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd
from plotly.offline import get_plotlyjs

from monitoring.analysis.changes import compare
from monitoring.analysis.figures import adopted, retention_recorded, verdicts
from monitoring.analysis.measure_detail import MeasureDetail, measure_detail
from monitoring.analysis.public_scope import Withheld
from monitoring.analysis.reminders import reminders
from monitoring.config import shipped
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import SHEETS_BY_ID, VOICES, Lang
from monitoring.present import dossier, measure_text, method_text
from monitoring.present import figures_text as ft
from monitoring.present.calendar_ics import SITE_FILE, site_calendar
from monitoring.present.change_tables import (
    change_sections,
    changed_cells,
    section_label,
    summary_lines,
)
from monitoring.present.charts.base import NoChart
from monitoring.present.charts.measures import status_history
from monitoring.present.pages import MEASURES, METHOD, OVERVIEW, PAGES
from monitoring.present.sections import (
    Chart,
    ChartSection,
    Page,
    Selection,
    TableSection,
    present,
)
from monitoring.present.site import layout
from monitoring.present.site.layout import NavItem, Pin, esc
from monitoring.text.i18n import format_date, format_number, language_name, t

# The site's pages, in the navigation's order: (page id, file in each language's folder).
# The analysis pages between the Overview and the Method show their charts; the Measures
# page its table (every measure, its status, deadline and delay).
FILES: tuple[tuple[str, str], ...] = (
    ("overview", "index.html"),
    ("gaps", "gaps.html"),
    ("delays", "delays.html"),
    ("measures", "measures.html"),
    ("timeline", "timeline.html"),
    ("method", "method.html"),
    ("changes", "changes.html"),
)
CHART_PAGES = ("overview", "gaps", "delays", "timeline")
PAGE_BY_ID: dict[str, Page] = {p.id: p for p in PAGES}
# The page a withheld sheet takes away (an empty sheet would read as "nothing recorded").
PAGE_OF_SHEET = {"retention": "gaps", "events": "timeline"}


def write_site(
    ds: Dataset,
    *,
    dataset_label: str | Mapping[str, str],
    dataset_key: str,
    version: int | None,
    content_hash: str,
    as_of: dt.date,
    out_dir: Path,
    langs: Sequence[Lang] = ("fr", "en"),
    previous: tuple[int, Dataset] | None = None,
    withheld: Withheld | None = None,
) -> list[Path]:
    """Write the static site of one dataset version into `out_dir`.

    Args:
        ds: the version's dataset.
        dataset_label: its name, one for every language or one per language.
        dataset_key: its key (a shipped dataset's banner and note on sources follow it).
        version: the version's number, stated on every page and in every citation (None:
            files published without being stored; the content hash pins them).
        content_hash: the version's content hash (`Dataset.content_hash()`), stated
            shortened.
        as_of: the date statuses and delays are computed at.
        out_dir: the folder written (created when missing; files of the same names are
            replaced, others left alone).
        langs: the languages written, each in its own folder.
        previous: the version published before (its number and dataset): a page says
            what changed since, as the app's change review does; None: the page says
            there is no earlier version to compare with.
        withheld: what the publication left out of the version (`ds` is then its public
            part): every page says so after its pin, the Method page lists it, and the
            pages a withheld sheet would leave empty are not written.

    Returns:
        The files written: `index.html` (the choice of language), `assets/…` and each
        language's pages.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    assets = out_dir / layout.ASSETS
    assets.mkdir(exist_ok=True)
    written = [assets / layout.PLOTLY_JS, assets / layout.STYLESHEET]
    written[0].write_text(get_plotlyjs(), encoding="utf-8")
    written[1].write_text(layout.CSS, encoding="utf-8")
    withheld = withheld or Withheld()
    files = tuple((p, f) for p, f in FILES if p not in _pages_withheld(withheld))
    pins = {
        lang: Pin(_label(dataset_label, lang), version, content_hash, as_of,
                  extract_text(withheld, lang))
        for lang in langs
    }  # fmt: skip
    vouched = shipped.find(dataset_key)
    # Each measure's detail is computed once, in no language, for the pages of every one.
    details = {
        measure_id: found
        for measure_id in ds.measures["measure_id"]
        if (found := measure_detail(ds, measure_id, as_of, "all")) is not None
    }
    dated = reminders(ds, as_of)  # the calendar's dated facts, worded in each language
    for lang in langs:
        banner = t(vouched.banner_key, lang) if vouched is not None else None
        folder = out_dir / lang
        folder.mkdir(exist_ok=True)
        other = next((code for code in langs if code != lang), None)
        sel = Selection(ds, as_of, lang)
        built = dossier.charts(sel)
        for page_id, file_name in files:
            if page_id == "overview":
                body = _overview(sel, built, pins[lang], f"{lang}/{file_name}")
            elif page_id == "method":
                body = _method(sel, dataset_key, withheld)
            elif page_id == "measures":
                body = _measures(sel)
            elif page_id == "changes":
                body = _changes(ds, previous, as_of, lang)
            else:
                body = _charts_page(PAGE_BY_ID[page_id], sel, built, pins[lang],
                                    f"{lang}/{file_name}")  # fmt: skip
            if page_id == "delays":  # the reminders calendar, written beside the page
                body += f'\n<p><a href="{SITE_FILE}">{esc(t("calendar.site_link", lang))}</a></p>'
            nav = [NavItem(name, t(f"page.{pid}", lang), pid == page_id) for pid, name in files]
            text = layout.page(
                lang=lang, title=t(f"page.{page_id}", lang), pin=pins[lang], banner=banner,
                nav=nav, body=body, depth=1, plotly=page_id in CHART_PAGES,
                other_lang=(other, f"../{other}/{file_name}") if other else None,
            )  # fmt: skip
            path = folder / file_name
            path.write_text(text, encoding="utf-8")
            written.append(path)
        (folder / SITE_FILE).write_bytes(site_calendar(
            ds, dataset_key=dataset_key, dataset_label=pins[lang].dataset, version=version,
            as_of=as_of, lang=lang, found=dated,
        ))  # fmt: skip
        written.append(folder / SITE_FILE)
        written += _embeds(built, folder, pins[lang], banner, lang, dict(files))
        written += _measure_pages(sel, details, folder, pins[lang], banner, other, files)
    index = out_dir / "index.html"
    index.write_text(_language_choice(langs, pins, dataset_key), encoding="utf-8")
    return [index, *written]


def _changes(ds: Dataset, previous: tuple[int, Dataset] | None, as_of: dt.date, lang: Lang) -> str:
    """What changed since the version published before: the change review's summary and
    its tables (`analysis.changes.compare`, worded by `present.change_tables`)."""
    if previous is None:
        return f"<p>{esc(t('site.changes.none', lang))}</p>"
    number, before = previous
    changes = compare(before, ds, as_of)
    parts = [f"<p>{esc(t('site.changes.since', lang, version=number))}</p>"]
    parts += [f"<p>{esc(line.strip())}</p>" for line in summary_lines(changes, lang)]
    for name, frame in change_sections(changes, lang).items():
        parts.append(f"<h2>{esc(section_label(name, lang))}</h2>")
        parts.append(layout.plain_table(frame))
    if not changes.cells.empty:
        parts.append(f"<h2>{esc(t('changes.cells', lang))}</h2>")
        parts.append(layout.plain_table(changed_cells(changes, lang)))
    return "\n".join(parts)


def _pages_withheld(withheld: Withheld) -> set[str]:
    return {PAGE_OF_SHEET[s] for s in withheld.sheets if s in PAGE_OF_SHEET}


def extract_text(withheld: Withheld, lang: Lang) -> str | None:
    """What a publication left out, in one line after each page's pin; None for nothing."""
    if not withheld:
        return None
    items = []
    if withheld.voices:
        labels = [v.label(lang) for v in VOICES if v.code in withheld.voices]
        items.append(t("site.extract.voices", lang, voices=", ".join(labels)))
    if withheld.sheets:
        names = ", ".join(SHEETS_BY_ID[s].name(lang) for s in withheld.sheets)
        items.append(t("site.extract.sheets", lang, sheets=names))
    if withheld.extra_columns:
        items.append(t("site.extract.columns", lang, count=len(withheld.extra_columns)))
    if withheld.emails:
        items.append(t("site.extract.emails", lang, count=withheld.emails))
    return t("site.extract", lang, items=" ; ".join(items) if lang == "fr" else "; ".join(items))


def _embeds(
    built: Sequence[Chart],
    folder: Path,
    pin: Pin,
    banner: str | None,
    lang: Lang,
    files: Mapping[str, str],
) -> list[Path]:
    """Each drawn chart of the site's pages alone, for an iframe (`layout.embed_page`)."""
    (folder / layout.EMBEDS).mkdir(exist_ok=True)
    written = []
    for item in built:
        if isinstance(item.figure, NoChart) or item.page not in files:
            continue
        back = f"../{files[item.page]}#{layout.anchor(item.name)}"
        path = folder / layout.embed_address(item)
        page = layout.embed_page(item, pin=pin, banner=banner, lang=lang, back=back)
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written


def _label(label: str | Mapping[str, str], lang: Lang) -> str:
    return label if isinstance(label, str) else label[lang]


def _language_choice(langs: Sequence[Lang], pins: Mapping[Lang, Pin], key: str) -> str:
    """The site's front page: each language's link with its pin and the dataset's banner
    in that language (fictional data said in every language)."""
    vouched = shipped.find(key)
    items = []
    for lang in langs:
        banner = f"<br>{esc(t(vouched.banner_key, lang))}" if vouched is not None else ""
        items.append(
            f'<li lang="{lang}"><a href="{lang}/index.html" hreflang="{lang}">'
            f"{esc(language_name(lang))}</a> — {esc(pins[lang].text(lang))}{banner}</li>"
        )
    first = langs[0]
    return layout.page(
        lang=first, title=t("site.choose_language", first), pin=pins[first], banner=None,
        nav=[], body=f"<ul>{''.join(items)}</ul>", depth=0,
    )  # fmt: skip


def _section_of(page: Page, item: Chart) -> ChartSection | None:
    for section in page.charts():
        if item.name == section.name or (section.per_plan and item.name.startswith(section.name)):
            return section
    return None


def _figures(
    sel: Selection, built: Sequence[Chart], page: Page, pin: Pin, address: str, level: int = 2
) -> str:
    """A page's charts, each with its caption; a section that built nothing says `empty`.
    `level`: their headings' (2 on a page of charts, 3 under a plan's heading)."""
    parts = []
    for section in page.charts():
        mine = [c for c in built if c.page == page.id and _section_of(page, c) is section]
        if not mine and section.empty:
            parts.append(f"<p>{esc(t(section.empty, sel.lang))}</p>")
        for item in mine:
            chosen = sel.choosing(plans=item.plans) if section.per_plan else sel
            caption = section.caption(chosen) if section.caption is not None else None
            drawn = layout.chart(
                item, caption=caption, pin=pin, address=address, lang=sel.lang, level=level
            )
            parts.append(drawn)
    return "\n".join(parts)


def _charts_page(page: Page, sel: Selection, built: Sequence[Chart], pin: Pin, address: str) -> str:
    """An analysis page's charts; what the app says instead when none applies."""
    if not sel.summaries():
        return f"<p>{esc(t('overview.no_plans', sel.lang))}</p>"
    if page.id == "gaps" and not sel.documented():  # as `views/gaps.py` says it
        sheet = SHEETS_BY_ID["retention"].name(sel.lang)
        return f"<p>{esc(t('gaps.not_documented', sel.lang, sheet=sheet))}</p>"
    return _figures(sel, built, page, pin, address)


def _measures(sel: Selection) -> str:
    """Every measure of the plans, as the Measures page's table lists them, each id a link
    to the measure's own page."""
    if not sel.summaries():
        return f"<p>{esc(t('overview.no_plans', sel.lang))}</p>"
    links = {"measure_id": lambda value: measure_address(str(value))}
    return _table(MEASURES.section("measures"), sel, links)  # type: ignore[arg-type]


MEASURE_FOLDER = "measures"  # a page per measure: <lang>/measures/<anchor>.html


def measure_address(measure_id: str) -> str:
    """A measure's page, relative to its language's folder."""
    return f"{MEASURE_FOLDER}/{layout.anchor(measure_id)}.html"


def _measure_pages(
    sel: Selection,
    details: Mapping[str, MeasureDetail],
    folder: Path,
    pin: Pin,
    banner: str | None,
    other: Lang | None,
    files: Sequence[tuple[str, str]],
) -> list[Path]:
    """A page per measure: its facts, the history of its statuses (the chart and the
    assessments with their sources), its recommendations and its lineage, as the app's
    measure detail shows them (`measure_detail`, worded by `measure_text`)."""
    lang, ds = sel.lang, sel.ds
    (folder / MEASURE_FOLDER).mkdir(exist_ok=True)
    written = []
    for measure_id, found in details.items():
        detail = measure_text.worded(found, ds.scale, lang)
        body = [layout.facts(detail.facts), f"<h2>{esc(t('measures.history', lang))}</h2>"]
        if detail.history.empty:
            empty = "measures.none_yet" if detail.assessments_total else "measures.no_assessment"
            body.append(f"<p>{esc(t(empty, lang, as_of=sel.as_of))}</p>")
        else:
            figure = status_history(detail.history, scale=ds.scale, as_of=sel.as_of, lang=lang)
            if not isinstance(figure, NoChart):
                body.append(layout.plot(figure))
            body.append(f"<h3>{esc(t('measures.evidence', lang))}</h3>")
            body.append(layout.plain_table(_labelled(detail.evidence, lang)))
        for title, frame in (("measures.recommendations", detail.recommendations),
                             ("measures.lineage", detail.lineage)):  # fmt: skip
            if not frame.empty:
                body.append(f"<h2>{esc(t(title, lang))}</h2>")
                body.append(layout.plain_table(_labelled(frame, lang)))
        name = f"{layout.anchor(measure_id)}.html"
        nav = [NavItem(f"../{file}", t(f"page.{pid}", lang), pid == "measures")
               for pid, file in files]  # fmt: skip
        text = layout.page(
            lang=lang, title=detail.heading, pin=pin, banner=banner, nav=nav,
            body="\n".join(body), depth=2, plotly=True,
            other_lang=(other, f"../../{other}/{MEASURE_FOLDER}/{name}") if other else None,
        )  # fmt: skip
        path = folder / MEASURE_FOLDER / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _labelled(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A detail frame under the Measures page's column labels, unknown cells as "—"."""
    specs = measure_text.column_specs(frame, lang)
    shown = frame.astype(object).where(frame.notna(), "—")
    for column in shown.columns:  # dates the language's way
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            shown[column] = [format_date(v, lang) if v != "—" else v for v in shown[column]]
    return shown.rename(columns={c: options["label"] for c, (_, options) in specs.items()})


def _plan(plan: dict, sel: Selection) -> str:
    """A plan's key figures, as the Overview page shows them (`views/overview.py`)."""
    lang = sel.lang
    out = [f"<h2>{esc(plan['plan_id'])} — {esc(plan['title'])}</h2>"]
    out += [f'<p class="note">{esc(line)}</p>' for line in ft.plan_lines(plan, sel.as_of, lang)]
    if not adopted(plan):
        return "".join(out)
    if not plan["measures"]:
        return "".join([*out, f"<p>{esc(t('overview.no_measures', lang))}</p>"])
    figures = (
        ("metric.measures", format_number(plan["measures"], lang)),
        ("metric.completion", ft.completion_short(plan, lang)),
        ("metric.overdue", format_number(plan["overdue"], lang)),
        ("metric.unassessed", format_number(plan["past_due_unassessed"], lang)),
        ("metric.retained", ft.retained_short(plan, lang)),
    )
    out.append(
        '<dl class="figures">'
        + "".join(f"<div><dt>{esc(t(k, lang))}</dt><dd>{esc(v)}</dd></div>" for k, v in figures)
        + "</dl>"
    )
    title = esc(t("truth.verdict.title", lang))
    out += [f"<p><strong>{title}</strong> — {esc(s)}</p>" for s in ft.verdict_sentences(plan, lang)]
    lines = [
        ft.completion_line(plan, lang),
        ft.overdue_line(plan, lang),
        ft.median_delay_line(plan, lang),
        ft.unassessed_note(plan, lang),
    ]
    if not retention_recorded(plan):
        lines.append(t("truth.retention.line", lang))
    out += [f'<p class="note">{esc(line)}</p>' for line in lines if line]
    return "".join(out)


def _overview(sel: Selection, built: Sequence[Chart], pin: Pin, address: str) -> str:
    plans = sel.summaries()
    if not plans:
        return f"<p>{esc(t('overview.no_plans', sel.lang))}</p>"
    parts = [f'<section class="plan">{_plan(plan, sel)}</section>' for plan in plans]
    parts.append(f"<h2>{esc(t('overview.charts', sel.lang))}</h2>")
    parts.append(_figures(sel, built, OVERVIEW, pin, address, level=3))
    return "\n".join(parts)


def _table(
    section: TableSection,
    sel: Selection,
    links: Mapping[str, Callable[[object], str]] | None = None,
) -> str:
    frame = section.build(sel)
    if frame is None:
        return f"<p>{esc(t(section.empty, sel.lang))}</p>" if section.empty else ""
    specs = [c for c in section.specs(frame, sel) if c.shown(sel) and not c.app_only]
    shown = present(frame, specs, sel)
    specs = [c for c in specs if c.id in shown.columns]
    return layout.table(shown, specs, sel.lang, None, links)


def _method(sel: Selection, dataset_key: str, withheld: Withheld) -> str:
    """The Method page: what the publication leaves out, the scale, the definitions, the
    published verdicts and the sources."""
    lang = sel.lang
    custom = sel.ds.scale.custom
    out = [
        f"<p>{esc(t('method.caption', lang))}</p>",
        f"<h2>{esc(t('site.extract.title', lang))}</h2>",
    ]
    if withheld:
        out.append(f"<p>{esc(t('site.extract.intro', lang))}</p>")
        out.append(f"<p><strong>{esc(extract_text(withheld, lang))}</strong></p>")
    else:
        out.append(f"<p>{esc(t('site.extract.none', lang))}</p>")
    out += [
        f"<h2>{esc(t('method.scale', lang))}</h2>",
        f"<p>{esc(t('method.scale.custom' if custom else 'method.scale.default', lang))}</p>",
        _table(METHOD.section("status-scale"), sel),  # type: ignore[arg-type]
        f'<p class="note">{esc(t("method.scale.colours", lang))}</p>',
        f"<h2>{esc(t('method.definitions', lang))}</h2>",
        f'<p class="note">{esc(t("site.definitions.caption", lang, as_of=sel.as_of))}</p>',
    ]
    params = method_text.definition_params(sel.voice, lang)
    for group, definitions in method_text.DEFINITIONS:
        out.append(f"<h3>{esc(t(group, lang))}</h3>")
        out += [
            f"<p><strong>{esc(t(title, lang))}.</strong> {esc(t(text, lang, **params))}</p>"
            for title, text in definitions
        ]
    out.append(f"<h2>{esc(t('method.def.verdicts', lang))}</h2>")
    published = [
        (plan["plan_id"], sentence, verdict.get("source"))
        for plan in sel.summaries()
        for sentence, verdict in zip(ft.verdict_sentences(plan, lang), verdicts(plan), strict=True)
    ]
    if not published:
        sheet = SHEETS_BY_ID["published_verdicts"].name(lang)
        out.append(
            f"<p>{esc(t('truth.method.no_verdicts', lang, sheet=sheet, as_of=sel.as_of))}</p>"
        )
    for plan_id, sentence, source in published:
        out.append(f"<p>{esc(plan_id)} — {esc(sentence)}</p>")
        if source:
            out.append(
                f'<p class="note">{esc(t("truth.method.verdict_source", lang, source=source))}</p>'
            )
    out.append(f"<h2>{esc(t('method.sources', lang))}</h2>")
    vouched = shipped.find(dataset_key)
    if vouched is not None:
        out.append(f"<p>{esc(t(vouched.sources_key, lang))}</p>")
        note = shipped.sources_note(dataset_key)
        if note is not None:  # the project's reviewed note, shown as the text it is
            out.append(
                f"<details><summary>{esc(t('method.sources.note', lang))}</summary>"
                f'<pre class="note">{esc(note)}</pre></details>'
            )
    out.append(f'<p class="note">{esc(t("method.sources.coverage", lang))}</p>')
    out.append(_table(METHOD.section("source-coverage"), sel))  # type: ignore[arg-type]
    out.append(f'<p class="note">{esc(t("method.sources.references", lang))}</p>')
    out.append(_table(METHOD.section("sources"), sel))  # type: ignore[arg-type]
    return "\n".join(out)
