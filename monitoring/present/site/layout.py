"""The site's HTML: the page shell, the pin every page carries, a chart, a table.

Every text goes through `esc` (`html.escape`, quotes included) before it is written: the
workbook's texts (plan and measure titles, sources) and the catalogue's alike. The only
markup written as is comes from plotly (`Figure.to_html`, whose labels the chart
builders escape: `monitoring.present.charts.base.safe`) and from this module.

Nothing here names another host: the stylesheet and plotly's JavaScript are files of the
site (`assets/`), linked relatively. The one exception is a cited source's web address
in the Method page's sources table, written as an ordinary link (`<a class="cited">`),
which the reader follows or not; the page never loads it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from monitoring.contract.schema import Lang
from monitoring.present.charts.base import NoChart
from monitoring.present.sections import Chart, Column, number_text
from monitoring.text.i18n import format_date, language_name, t

ASSETS = "assets"
PLOTLY_JS = "plotly.min.js"
STYLESHEET = "site.css"
WEB = ("http://", "https://")

CSS = """\
body { font-family: "Liberation Sans", Arial, sans-serif; color: #1a1a1a; margin: 0;
       line-height: 1.45; }
header, main, footer { max-width: 70rem; margin: 0 auto; padding: 0 1rem; }
a { color: #0b57a4; }
a:focus, summary:focus { outline: 3px solid #d55e00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .3rem; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1.2rem; flex-wrap: wrap; }
.pin { background: #f1f3f5; border-left: 4px solid #0b57a4; padding: .5rem .8rem; }
.banner { border-left: 4px solid #d55e00; background: #fff4e5; padding: .5rem .8rem; }
.plan { border: 1px solid #ccc; border-radius: 6px; padding: .3rem 1rem; margin: 1rem 0; }
.figures { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: 0; }
.figures div { min-width: 9rem; }
.figures dt { font-size: .9rem; color: #444; }
.figures dd { margin: 0; font-size: 1.5rem; }
.note { color: #444; font-size: .92rem; }
figure { margin: 1.5rem 0; }
.nochart { border: 1px dashed #888; padding: .8rem; }
.cite { font-size: .85rem; color: #444; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left;
         vertical-align: top; }
td.number { text-align: right; }
td { overflow-wrap: anywhere; }
.wide { overflow-x: auto; }
@media print {
  nav, .skip { display: none; }
  a { color: inherit; }
  figure, .plan { break-inside: avoid; }
}
pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: .5rem; }
pre.note { word-break: normal; font-family: inherit; }
body.embedded main { max-width: none; }
"""


def anchor(name: str) -> str:
    """A chart's anchor: its name (`status-by-plan`, `timeline-PAN-2024`) when it is made
    of letters, digits, `-` and `_`; else (a plan id from the workbook with other
    characters) those kept, then 8 hex digits of the name, so two names stay apart."""
    kept = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")
    if kept == name:
        return name
    return f"{kept or 'chart'}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def esc(text: object) -> str:
    """`text` as HTML text: `<`, `>`, `&` and both quotes escaped."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Pin:
    """What every page states: the dataset, its version, its content, its date."""

    dataset: str
    version: int | None  # None: files published without being stored
    content_hash: str
    as_of: dt.date
    # What the publication left out, worded (`writer.extract_text`); None: nothing.
    extract: str | None = None

    @property
    def version_text(self) -> str:
        """The version's number, or "—" for files not stored (the hash still pins them)."""
        return str(self.version) if self.version is not None else "—"

    @property
    def short_hash(self) -> str:
        """The content hash's first 12 characters (as `git` shortens a commit)."""
        return self.content_hash[:12]

    def text(self, lang: Lang) -> str:
        pinned = t("site.pin", lang, dataset=self.dataset, version=self.version_text,
                   hash=self.short_hash, as_of=self.as_of)  # fmt: skip
        return f"{pinned} · {self.extract}" if self.extract else pinned


@dataclass(frozen=True)
class NavItem:
    """A link of the navigation: its file (relative to the language's folder), its text."""

    href: str
    text: str
    current: bool


def page(
    *,
    lang: Lang,
    title: str,
    pin: Pin,
    banner: str | None,
    nav: Sequence[NavItem],
    body: str,
    depth: int,
    other_lang: tuple[Lang, str] | None = None,
    plotly: bool = False,
) -> str:
    """A whole HTML page.

    Args:
        lang: the page's language (`<html lang>`).
        title: its title (plain text).
        pin: the dataset, version, hash and date stated at its top and bottom.
        banner: the dataset's banner (fictional or sourced), if any (plain text).
        nav: the navigation's links.
        body: the page's content (HTML, already escaped).
        depth: how many folders below the site's root it is (the assets' relative path).
        other_lang: the same page in the other language (its code and relative address).
        plotly: whether to load plotly's JavaScript (a page with charts).
    """
    up = "../" * depth
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} — {esc(pin.dataset)}</title>",
        f'<link rel="stylesheet" href="{up}{ASSETS}/{STYLESHEET}">',
    ]
    if plotly:
        head.append(f'<script src="{up}{ASSETS}/{PLOTLY_JS}"></script>')
    links = "".join(
        f'<li><a href="{esc(item.href)}"'
        + (' aria-current="page"' if item.current else "")
        + f">{esc(item.text)}</a></li>"
        for item in nav
    )
    if other_lang is not None:
        code, href = other_lang
        links += (
            f'<li><a href="{esc(href)}" hreflang="{code}" lang="{code}">'
            f"{esc(language_name(code))}</a></li>"
        )
    warning = f'<p class="banner" role="note">{esc(banner)}</p>' if banner else ""
    pinned = f'<p class="pin">{esc(pin.text(lang))}</p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + f'<a class="skip" href="#main">{esc(t("site.skip", lang))}</a>\n'
        + "<header>"
        + (
            f'<nav aria-label="{esc(t("site.nav", lang))}"><ul>{links}</ul></nav>\n'
            if links
            else ""
        )
        + f"{pinned}{warning}</header>\n"
        + f'<main id="main">\n<h1>{esc(title)}</h1>\n{body}\n</main>\n'
        + f"<footer>{pinned}</footer>\n</body>\n</html>\n"
    )


def plot(figure: go.Figure, div_id: str | None = None) -> str:
    """A plotly figure as a `<div>` drawn by the site's own copy of plotly.js (loaded once
    by the page), without MathJax, and offering nothing that would send the data elsewhere
    (plotly's defaults too)."""
    drawn: str = figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True, "showSendToCloud": False},
    )
    return drawn


def chart(
    item: Chart, *, caption: str | None, pin: Pin, address: str, lang: Lang, level: int = 2
) -> str:
    """A chart as a `<figure id="<its name>">`: the plotly figure (or its `NoChart`
    sentence), what it shows, its caption, its source and the line to cite it by.

    Args:
        item: the chart, as the dossier builds it (`monitoring.present.dossier.charts`).
        caption: the page's caption under it (plain text), if any.
        pin: the dataset and version it is cited with.
        address: the page's address relative to the site's root (`fr/index.html`),
            completed by the chart's anchor in the citation.
        lang: the language of its texts.
        level: its title's heading level (the outline: 2 under the page's title, 3 under
            a plan's heading).
    """
    if isinstance(item.figure, NoChart):
        drawn = f'<p class="nochart">{esc(item.figure.text(lang))}</p>'
    else:
        drawn = plot(item.figure, f"plot-{anchor(item.name)}")
    cite = t("site.cite", lang, dataset=pin.dataset, version=pin.version_text, hash=pin.short_hash,
             as_of=pin.as_of, title=item.title, url=f"{address}#{anchor(item.name)}")  # fmt: skip
    parts = [f"<p>{esc(t('dossier.chart.shows', lang, text=item.shows))}</p>"]
    if caption:
        parts.append(f'<p class="note">{esc(caption)}</p>')
    parts.append(f'<p class="note">{esc(t("dossier.chart.source", lang, text=item.source))}</p>')
    parts.append(
        f'<p class="cite"><a href="#{anchor(item.name)}">{esc(t("site.cite.label", lang))}</a>'
        f" — {esc(cite)}</p>"
    )
    if not isinstance(item.figure, NoChart):
        parts.append(embed_snippet(item, lang))
    return (
        f'<figure id="{anchor(item.name)}">\n<h{level}>{esc(item.title)}</h{level}>\n{drawn}\n'
        f"<figcaption>{''.join(parts)}</figcaption>\n</figure>"
    )


def _cell(value: object, column: Column, lang: Lang) -> str:
    if column.kind in ("integer", "number") or (
        isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)
    ):  # a number in a text column too (a measure's number, its days late)
        kind = column.kind if column.kind in ("integer", "number") else "number"
        return f'<td class="number">{esc(number_text(kind, lang)(value))}</td>'
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return "<td>—</td>"
    if isinstance(value, bool | np.bool_):
        return f"<td>{esc(t('exports.yes' if value else 'exports.no', lang))}</td>"
    if column.kind == "date" or isinstance(value, dt.date):  # a Timestamp is a date too
        return f"<td>{esc(format_date(value, lang))}</td>"  # type: ignore[arg-type]
    text = str(value)
    if column.kind in ("link", "url", "source") and text.startswith(WEB) and " " not in text:
        # A cited source: a plain link, never loaded by the page.
        link = f'<a class="cited" rel="external noopener noreferrer" href="{esc(text)}">'
        return f"<td>{link}{esc(text)}</a></td>"
    return f"<td>{esc(text)}</td>"


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    lang: Lang,
    caption: str | None,
    links: Mapping[str, Callable[[object], str]] | None = None,
) -> str:
    """A table's frame as HTML: the columns given, under their labels, cells escaped;
    `links` makes a column's cells links (column id → the address of a cell's value)."""
    links = links or {}
    head = "".join(f'<th scope="col">{esc(c.text(lang))}</th>' for c in columns)

    def cell(row: pd.Series, column: Column) -> str:
        if column.id in links and isinstance(row[column.id], str):
            href = esc(links[column.id](row[column.id]))
            return f'<td><a href="{href}">{esc(row[column.id])}</a></td>'
        return _cell(row[column.id], column, lang)

    rows = "".join(
        "<tr>" + "".join(cell(row, c) for c in columns) + "</tr>" for _, row in frame.iterrows()
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="wide"><table>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def facts(frame: pd.DataFrame) -> str:
    """(field, value) rows as a description list (a measure's facts)."""
    items = "".join(f"<dt>{esc(f)}</dt><dd>{esc(v)}</dd>" for f, v in frame.itertuples(index=False))
    return f"<dl>{items}</dl>"


def plain_table(frame: pd.DataFrame) -> str:
    """A frame whose headers and cells are already words (the change review's), escaped."""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<div class="wide"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


EMBEDS = "embed"  # each chart's standalone page, for an iframe: <lang>/embed/<anchor>.html


def embed_address(item: Chart) -> str:
    """The chart's standalone page, relative to its language's folder."""
    return f"{EMBEDS}/{anchor(item.name)}.html"


def embed_snippet(item: Chart, lang: Lang) -> str:
    """The iframe code a coalition pastes into its own site, shown under the chart."""
    height = int(getattr(item.figure.layout, "height", None) or 450) + 90
    code = (
        f'<iframe src="{embed_address(item)}" title="{esc(item.title)}" '
        f'width="100%" height="{height}" style="border:0" loading="lazy"></iframe>'
    )
    return (
        f'<details class="embed"><summary>{esc(t("site.embed.label", lang))}</summary>'
        f'<p class="note">{esc(t("site.embed.help", lang))}</p>'
        f"<pre><code>{esc(code)}</code></pre></details>"
    )


def embed_page(item: Chart, *, pin: Pin, banner: str | None, lang: Lang, back: str) -> str:
    """A chart alone, for an iframe: its title, the chart, the line that says which
    version it shows, linking back to the chart on its page (`back`, relative), and the
    dataset's banner (a fictional dataset says so wherever it is shown)."""
    drawn = plot(item.figure, f"plot-{anchor(item.name)}")
    up = "../../"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(item.title)} — {esc(pin.dataset)}</title>\n"
        f'<link rel="stylesheet" href="{up}{ASSETS}/{STYLESHEET}">\n'
        f'<script src="{up}{ASSETS}/{PLOTLY_JS}"></script>\n</head>\n'
        f'<body class="embedded">\n<main id="main">\n<h1>{esc(item.title)}</h1>\n{drawn}\n'
        f'<p class="pin">{esc(pin.text(lang))} · <a href="{esc(back)}" target="_top">'
        f"{esc(t('site.embed.back', lang))}</a></p>\n"
        + (f'<p class="banner" role="note">{esc(banner)}</p>\n' if banner else "")
        + "</main>\n</body>\n</html>\n"
    )
