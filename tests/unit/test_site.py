"""The public static site of one version (`monitoring.present.site`): written for both
shipped datasets, loading nothing from another host, pinned to its version, and showing
every workbook text as text.

What counts as "from another host": any `src` attribute, any `<link href>`, any `url(...)`
in the stylesheet, and any `<a href>` except a cited source's web address in the Method
page's sources table (`<a class="cited">`, which the reader may follow; the page never
loads it). The HTML is read back with the standard library's parser, not with the code
that wrote it.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs

from monitoring.config import shipped
from monitoring.contract.dataset import Dataset
from monitoring.intake.loading import load_shipped
from monitoring.present.site import write_site
from monitoring.text.i18n import format_date, t
from tests.unit.test_hardening_charts import hostile

# Every page of a whole dataset, a page per measure: seconds, not milliseconds.
pytestmark = pytest.mark.scale

AS_OF = dt.date(2025, 6, 1)
VERSION = 7
SCRIPT = "<script>alert(1)</script>"


class Links(HTMLParser):
    """Every address a page names, as (tag, attribute, class, value), and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, str, str, str]] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href", "action", "data", "poster"):
            if found.get(name) is not None:
                self.addresses.append((tag, name, found.get("class") or "", found[name] or ""))
        if found.get("id"):
            self.ids.append(found["id"] or "")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def written(ds: Dataset, key: str, out: Path) -> list[Path]:
    labels = {lang: shipped.dataset_label(key, lang) for lang in ("fr", "en")}
    return write_site(ds, dataset_label=labels, dataset_key=key, version=VERSION,
                      content_hash=ds.content_hash(), as_of=AS_OF, out_dir=out)  # fmt: skip


@pytest.fixture(scope="module", params=["demo", "france"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    key = request.param
    ds = load_shipped(key)
    out = tmp_path_factory.mktemp(f"site-{key}")
    return key, ds, out, written(ds, key, out)


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_page_of_both_languages_is_written(site) -> None:
    _, _, out, files = site
    names = {p.relative_to(out).as_posix() for p in files}
    for lang in ("fr", "en"):
        pages = ("index", "gaps", "delays", "measures", "timeline", "method")
        assert {f"{lang}/{page}.html" for page in pages} <= names
    assert "index.html" in names
    assert all(p.exists() for p in files)
    assert set(html_pages(out)) == {p for p in files if p.suffix == ".html"}


def test_nothing_is_loaded_from_another_host(site) -> None:
    _, _, out, _ = site
    for path in html_pages(out):
        for tag, attribute, cls, value in parsed(path).addresses:
            if tag == "a" and attribute == "href" and "cited" in cls.split():
                continue  # a cited source: a link the reader may follow, never loaded
            assert not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.I), (path, tag, value)
            if attribute == "src" or tag == "link":
                assert (path.parent / value).resolve().is_file(), (path, value)
        text = path.read_text(encoding="utf-8")
        assert "cdn.plot.ly" not in text and "mathjax" not in text.lower()
    css = (out / "assets" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_plotly_is_written_once_and_every_chart_page_uses_it(site) -> None:
    _, _, out, _ = site
    js = list(out.rglob("*.js"))
    assert [p.relative_to(out).as_posix() for p in js] == ["assets/plotly.min.js"]
    assert js[0].read_text(encoding="utf-8") == get_plotlyjs()
    scripts = 0
    for path in html_pages(out):
        sources = [v for tag, a, _, v in parsed(path).addresses if tag == "script" and a == "src"]
        assert len(sources) <= 1
        text = path.read_text(encoding="utf-8")
        if "Plotly.newPlot" in text:
            assert len(sources) == 1 and (path.parent / sources[0]).resolve() == js[0].resolve()
            scripts += 1
        # No copy of plotly.js inside a page (it is about 4 MB; a page is far less).
        assert len(text) < len(js[0].read_bytes()) / 4, path
    assert scripts >= 2  # the Overview in both languages at least


def test_each_page_states_the_version_hash_date_and_fiction(site) -> None:
    key, ds, out, _ = site
    short = ds.content_hash()[:12]
    entry = shipped.find(key)
    assert entry is not None
    for path in html_pages(out):
        lang = "en" if path.relative_to(out).parts[0] == "en" else "fr"
        text = " ".join(parsed(path).text)
        assert short in text, path
        assert f"version {VERSION}" in text, path
        assert format_date(AS_OF, lang) in text, path
        assert shipped.dataset_label(key, lang) in text, path
        assert t(entry.banner_key, lang) in text, path  # fictional or sourced, said
    overview = " ".join(parsed(out / "en" / "index.html").text)
    assert ("fictional" in overview.lower()) == entry.fictional


def test_each_chart_has_its_anchor_and_a_citation(site) -> None:
    _, ds, out, _ = site
    for lang in ("fr", "en"):
        page = parsed(out / lang / "index.html")
        for name in ("plan-periods", "status-by-plan", "retention-by-plan"):
            assert name in page.ids
            cited = f"{lang}/index.html#{name}"
            assert any(cited in chunk and ds.content_hash()[:12] in chunk for chunk in page.text)


def test_each_drawn_chart_has_its_page_to_embed_and_the_code_to_do_it(site) -> None:
    _, ds, out, _ = site
    for lang in ("fr", "en"):
        overview = (out / lang / "index.html").read_text(encoding="utf-8")
        embedded = out / lang / "embed" / "status-by-plan.html"
        assert 'iframe src="embed/status-by-plan.html"' in overview.replace("&quot;", '"')
        page = parsed(embedded)
        text = " ".join(page.text)
        assert ds.content_hash()[:12] in text and f"version {VERSION}" in text
        back = [v for tag, a, _, v in page.addresses if tag == "a" and a == "href"]
        assert back == ["../index.html#status-by-plan"]
        assert (embedded.parent / back[0].split("#")[0]).resolve().is_file()
        assert "Plotly.newPlot" in embedded.read_text(encoding="utf-8")


def test_hostile_workbook_text_is_never_markup(tmp_path: Path) -> None:
    ds = hostile()
    ds.measures["title"] = [f"Mesure {n} {SCRIPT}" for n in range(len(ds.measures))]
    ds.plans.loc[0, "title"] = f"Plan {SCRIPT}"
    write_site(ds, dataset_label=f"Jeu {SCRIPT}", dataset_key="custom", version=1,
               content_hash="ab" * 32, as_of=dt.date(2020, 12, 1), out_dir=tmp_path)  # fmt: skip
    seen, charted = 0, 0
    for path in html_pages(tmp_path):
        raw = path.read_text(encoding="utf-8")
        assert SCRIPT not in raw, path
        assert '<a href="javascript' not in raw.lower() and "<b>gras" not in raw, path
        # In a chart's JSON, the builders' escaping: never markup plotly would draw.
        assert "\\u003cscript" not in raw and "\\u003ca href" not in raw.lower(), path
        links = parsed(path)
        charted += sum("&lt;script&gt;alert(1)" in s for s in links.scripts)
        # Read as text (HTML parsed), the workbook's markup is there as written.
        seen += sum(SCRIPT in chunk for chunk in links.text)
        # An anchor made from a plan id keeps only characters safe in an id and an address.
        assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in links.ids), (path, links.ids)
        assert not any("alert(1)" in s for s in links.scripts if "Plotly" not in s), path
    assert seen > 0 and charted > 0  # the titles were there to escape


def test_the_measures_page_lists_every_measure(site) -> None:
    _, ds, out, _ = site
    for lang in ("fr", "en"):
        cells = {chunk.strip() for chunk in parsed(out / lang / "measures.html").text}
        missing = set(ds.measures["measure_id"].astype(str)) - cells
        assert not missing, (lang, sorted(missing)[:5])


def test_the_changes_page_says_what_changed_since_the_previous_version(tmp_path: Path) -> None:
    before, now = load_shipped("demo"), load_shipped("demo")
    before.measures.loc[0, "title"] = "Un intitulé d'avant"  # one cell differs
    labels = {lang: shipped.dataset_label("demo", lang) for lang in ("fr", "en")}
    write_site(now, dataset_label=labels, dataset_key="demo", version=VERSION,
               content_hash=now.content_hash(), as_of=AS_OF, out_dir=tmp_path,
               previous=(VERSION - 1, before))  # fmt: skip
    text = " ".join(parsed(tmp_path / "fr" / "changes.html").text)
    assert f"depuis la version {VERSION - 1}" in text
    assert "Différences, cellule par cellule : 1" in text and "Un intitulé d'avant" in text

    first = tmp_path / "first"
    write_site(now, dataset_label=labels, dataset_key="demo", version=1,
               content_hash=now.content_hash(), as_of=AS_OF, out_dir=first)  # fmt: skip
    assert "rien à comparer" in " ".join(parsed(first / "fr" / "changes.html").text)


def test_each_measure_has_its_page_linked_from_the_measures_table(site) -> None:
    _, ds, out, _ = site
    for lang in ("fr", "en"):
        table = parsed(out / lang / "measures.html")
        links = {v for tag, a, _, v in table.addresses if tag == "a" and a == "href"}
        for measure_id in ds.measures["measure_id"]:
            address = f"measures/{measure_id}.html"
            assert address in links, (lang, measure_id)
            assert (out / lang / address).is_file()
    # An assessed measure's page draws its history and lists its assessments' sources.
    assessed = ds.status_updates["measure_id"].iloc[0]
    page = (out / "fr" / "measures" / f"{assessed}.html").read_text(encoding="utf-8")
    assert "Plotly.newPlot" in page and "../../assets/plotly.min.js" in page
    assert f"{assessed} — " in page


def test_the_method_page_holds_the_projects_note_on_a_sourced_datasets_sources(site) -> None:
    key, _, out, _ = site
    note = shipped.sources_note(key)
    for lang in ("fr", "en"):
        method = parsed(out / lang / "method.html")
        text = "".join(method.text)
        if note is None:  # the fictional dataset has no note: nothing pretends to be one
            assert t("method.sources.note", lang) not in text
            continue
        assert t("method.sources.note", lang) in text
        # The whole note, as the text it is (read back through the HTML parser).
        assert note.strip() in text
