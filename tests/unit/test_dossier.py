"""The dossier: the ZIP's listing, the PDF report, the workbook, the images, the CLI.

Images need Debian's Chromium (kaleido drives it); without it these tests skip with the
reason, except in CI (`CI=true`), where none may be skipped. The PDF alone needs only the
Liberation fonts, so its tests build it without images.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree

from monitoring.cli import main
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.intake.loading import load_shipped
from monitoring.present import dossier, exports, pages
from monitoring.present import dossier_pdf as pdf_report
from monitoring.present.charts.base import NoChart
from monitoring.present.sections import Selection
from monitoring.text.i18n import t

pytestmark = pytest.mark.pdf

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2025, 6, 1)
NOW = dt.datetime(2025, 6, 2, 9, 30)
# The demo's charts with nothing to draw on AS_OF: no status of DEMO-C is known yet, so its
# timeline is a sentence (a .txt file), not pages of unknown rows.
NOTHING_KNOWN = {"timeline-DEMO-C"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --- Reading a PDF back without a PDF library -------------------------------------------

_OBJECT = re.compile(rb"(\d+) 0 obj\n(.*?)\nendobj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(raw: bytes) -> bytes:
    """The bytes of a PDF literal string's body (backslash escapes undone)."""
    out, i = bytearray(), 0
    while i < len(raw):
        char = raw[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        nxt = raw[i + 1 : i + 2]
        if nxt.isdigit():
            digits = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4]).group(0)  # type: ignore[union-attr]
            out.append(int(digits, 8))
            i += 1 + len(digits)
        else:
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def pdf_text(data: bytes, part: bytes | None = None) -> str:
    """The text an uncompressed fpdf2 PDF shows, decoded through each font's ToUnicode map
    (of `part` only when given: one page's content stream)."""
    objects = {int(n): body for n, body in _OBJECT.findall(data)}
    fonts: dict[bytes, dict[int, str]] = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(number)])
        cmap = objects[int(to_unicode.group(1))] if to_unicode else b""  # type: ignore[union-attr]
        fonts[name] = {
            int(code, 16): chr(int(char, 16))
            for code, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4,})>", cmap)
        }
    # Each BT … ET block is one line of text; its strings are joined as they are drawn.
    lines, font = [], fonts.get(b"F1", {})
    for block in re.findall(rb"\bBT\b(.*?)\bET\b", data if part is None else part, re.S):
        line = ""
        for token in re.finditer(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", block, re.S):
            if token.group(1):
                font = fonts[token.group(1)]
                continue
            raw = _literal(token.group(2))
            codes = struct.unpack(f">{len(raw) // 2}H", raw)
            line += "".join(font.get(code, "?") for code in codes)
        lines.append(line)
    return "\n".join(line for line in lines if line)


def flat(text: str) -> str:
    """The text with its line breaks and runs of spaces made single spaces (wrapped cells)."""
    return re.sub(r"[ \n]+", " ", text)


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def page_lines(data: bytes) -> list[list[str]]:
    """The lines of text of each page, in order (the running footer included)."""
    objects = {int(n): body for n, body in _OBJECT.findall(data)}
    kids = re.search(rb"/Kids \[([^\]]*)\]", data).group(1)  # type: ignore[union-attr]
    pages = []
    for page in re.findall(rb"(\d+) 0 R", kids):
        contents = re.search(rb"/Contents (\d+) 0 R", objects[int(page)]).group(1)  # type: ignore[union-attr]
        pages.append(pdf_text(data, objects[int(contents)]).split("\n"))
    return pages


# --- The PDF report alone -------------------------------------------------------------


def report(ds: Dataset, lang: str = "fr", **info: object) -> pdf_report.RenderedPdf:
    sel = Selection(ds, AS_OF, lang)  # type: ignore[arg-type]
    about = pdf_report.ReportInfo(**{"dataset": "Jeu", "version": "3", "fictional": False,
                                     "note": "", "generated": NOW, **info})  # type: ignore[arg-type]  # fmt: skip
    return pdf_report.report_pdf(sel, about, [], compress=False)


@pytest.mark.subprocess
def test_the_french_report_has_its_cover_sections_and_page_numbers():
    rendered = report(load_shipped("france"), dataset="France — plans")

    text = flat(pdf_text(rendered.data))
    assert rendered.data.startswith(b"%PDF")
    assert rendered.pages == page_count(rendered.data) >= 7  # cover and six sections
    assert "Situation au 1er juin 2025" in text
    assert "PAN-2024" in text
    for key in pdf_report.SECTIONS:
        assert t(key, "fr") in text
    assert f"Page 2 / {rendered.pages}" in text
    assert "Document produit le 2 juin 2025 09:30" in text
    assert "France — plans, version 3" in text
    # French percentages: the narrow no-break space, which the font lacks, prints as a
    # no-break space (same glyph as a space), never as a missing-glyph box or "?".
    assert "50 %" in text and "50?%" not in text  # the coverage threshold, in the method


@pytest.mark.subprocess
@pytest.mark.parametrize("key", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_last_page_of_the_report_is_never_near_empty(key: str, lang: str) -> None:
    """Before, the demo's last page held its 38th source alone, France's five lines."""
    rendered = report(load_shipped(key), lang, dataset="Jeu")
    pages_ = page_lines(rendered.data)
    assert len(pages_) == rendered.pages
    footer = 2  # the dataset and date, the page number
    last = pages_[-1]
    assert last[-1] == t("dossier.page", lang, page=rendered.pages, pages=rendered.pages)
    assert len(last) - footer >= 10, last
    # Nothing was lost on the way: every source cited is listed, the last one included.
    cited = pages.sources(Selection(load_shipped(key), AS_OF, lang))  # type: ignore[arg-type]
    assert str(cited["reference"].iloc[-1]) in flat(" ".join(last))


@pytest.mark.subprocess
def test_the_report_never_turns_missing_evidence_into_zero():
    text = flat(pdf_text(report(load_shipped("france"), dataset="France").data))
    # PAN-2014: one government self-assessment out of 23 measures is no rate.
    assert "Taux de réalisation : trop peu de mesures évaluées (1 sur 23)" in text
    assert "4 %" not in text
    assert "Recommandations retenues : non renseignée" in text
    assert "au moins" in text and "fin du plan" in text  # delays as lower bounds, convention
    # The Overview's retention chart has nothing to draw: its sentence, no image.


@pytest.mark.subprocess
def test_a_chart_with_nothing_to_draw_is_its_sentence_in_the_report():
    sel = Selection(load_shipped("france"), AS_OF, "fr")
    chart = dossier.charts(sel, only=["retention-by-plan"])[0]
    about = pdf_report.ReportInfo(dataset="Jeu", version="3", fictional=False, note="",
                                  generated=NOW)  # fmt: skip
    image = pdf_report.ChartImage(chart, None, "03-retention-by-plan")
    rendered = pdf_report.report_pdf(sel, about, [image], compress=False)
    text = flat(pdf_text(rendered.data))
    assert isinstance(chart.figure, NoChart)
    assert flat(chart.figure.text("fr")) in text
    assert "Pas d'image : rien à dessiner (fichier charts/03-retention-by-plan.txt)." in text


@pytest.mark.subprocess
def test_a_plan_with_nothing_known_is_a_sentence_in_the_report_not_pages_of_unknown_rows():
    # PAN-2024's 60 measures have no status yet: its timeline would be 60 rows "unknown".
    sel = Selection(load_shipped("france"), AS_OF, "fr")
    charts = {c.name: c for c in dossier.charts(sel)}
    assert not charts["timeline-PAN-2024"].drawn
    assert charts["timeline-PAN-2019"].drawn  # six of its measures are assessed
    about = pdf_report.ReportInfo(dataset="Jeu", version="3", fictional=False, note="",
                                  generated=NOW)  # fmt: skip
    image = pdf_report.ChartImage(charts["timeline-PAN-2024"], None, "06-timeline-PAN-2024")
    rendered = pdf_report.report_pdf(sel, about, [image], compress=False)
    text = flat(pdf_text(rendered.data))
    assert "aucune de ses 60 mesures n'a de statut renseigné" in text
    assert "chaque mesure figure dans le classeur (feuille « Mesures »)" in text


@pytest.mark.subprocess
def test_the_english_report_speaks_english():
    rendered = report(load_shipped("demo"), "en", dataset="Demo")

    text = flat(pdf_text(rendered.data))
    assert "As of 1 June 2025" in text
    assert "Key figures" in text and "Overdue measures" in text
    assert "Situation au" not in text
    assert f"Page 2 of {rendered.pages}" in text


@pytest.mark.subprocess
def test_the_demonstration_cover_says_the_data_are_fictional():
    text = pdf_text(report(load_shipped("demo"), fictional=True).data)

    assert "DONNÉES FICTIVES" in text


def test_the_french_and_english_dossiers_saved_side_by_side_keep_apart():
    fr = dossier.file_names("france", AS_OF, "fr")
    en = dossier.file_names("france", AS_OF, "en")
    assert fr == ("dossier_france_2025-06-01_fr.zip", "rapport_france_2025-06-01.pdf")
    assert en == ("dossier_france_2025-06-01_en.zip", "report_france_2025-06-01.pdf")


def test_the_english_dossier_says_report_pack_never_folder():
    from monitoring.text.i18n import CATALOG

    english = {k: t(k, "en") for k in CATALOG if k.startswith(("dossier.", "report."))}
    assert len(english) > 50
    assert [k for k, text in english.items() if "folder" in text.lower()] == []
    assert t("dossier.kicker", "en") == "National action plan monitoring — report pack"


def test_user_text_is_printed_as_typed_never_as_markup():
    hostile = "**gras** <b>balise</b> =SOMME(A1) [lien](http://x.example)"
    ds = dataset_from_records(
        {
            "plans": [{"plan_id": "P1", "title": "Plan", "period_start": "2019-01-01",
                       "period_end": "2020-12-31"}],
            "measures": [{"measure_id": "M1", "plan_id": "P1", "number": 1, "title": hostile,
                          "due_date": "2020-01-31", "lead": "<i>Justice</i>"}],
            "status_updates": [{"measure_id": "M1", "as_of": "2020-06-01",
                                "status": "Non réalisée", "voice": "government"}],
        }
    )  # fmt: skip

    text = flat(pdf_text(report(ds).data))

    # The overdue list prints the title and lead literally.
    assert hostile in text
    assert "<i>Justice</i>" in text


@pytest.mark.subprocess
def test_the_overdue_list_names_each_late_measure_with_its_days_late():
    text = flat(pdf_text(report(load_shipped("demo")).data))

    overdue = pages.overdue_measures(Selection(load_shipped("demo"), AS_OF))
    first = overdue.iloc[0]
    assert first["title"] in text
    assert f"{len(overdue)} mesures en retard au 01/06/2025" in text


@pytest.mark.subprocess
def test_a_missing_font_is_reported_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_report, "FONT_DIR", tmp_path)

    with pytest.raises(exports.ExportUnavailable, match="fonts-liberation"):
        report(load_shipped("demo"))
    with pytest.raises(exports.ExportUnavailable, match="Install it with"):
        report(load_shipped("demo"), "en")


@pytest.mark.subprocess
def test_without_chromium_no_dossier_is_attempted(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")

    with pytest.raises(exports.ExportUnavailable, match="apt-get install -y chromium"):
        dossier.build(load_shipped("demo"), dataset_label="Démo", version="1",
                      as_of=AS_OF, lang="fr")  # fmt: skip


@pytest.mark.subprocess
def test_a_chart_with_nothing_to_draw_is_a_text_file_in_the_zip_not_an_image(monkeypatch):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    png = buffer.getvalue()
    monkeypatch.setattr(exports, "chromium_available", lambda: True)
    monkeypatch.setattr(
        exports, "figure_bytes", lambda fig, fmt, stamp, **_: png if fmt == "png" else b"<svg/>"
    )
    built = dossier.build(load_shipped("france"), dataset_label="France", version="1",
                          as_of=AS_OF, lang="fr", plans=["PAN-2019"], now=NOW)  # fmt: skip
    names = zipfile.ZipFile(io.BytesIO(built.data)).namelist()
    assert "charts/03-retention-by-plan.txt" in names
    assert not any(n.startswith("charts/03-retention-by-plan.") and n.endswith(("png", "svg"))
                   for n in names)  # fmt: skip
    text = zipfile.ZipFile(io.BytesIO(built.data)).read("charts/03-retention-by-plan.txt")
    assert "Remplissez la feuille « Prise en compte »" in text.decode("utf-8")


# --- The whole dossier (images need Chromium) -----------------------------------------


@pytest.fixture(scope="module")
def demo() -> tuple[dossier.Dossier, Selection, list[tuple[int, int, str]]]:
    ds = load_shipped("demo")
    steps: list[tuple[int, int, str]] = []
    built = dossier.build(
        ds, dataset_label="Démonstration (données fictives)", version="2", as_of=AS_OF,
        lang="fr", dataset_key="demo", now=NOW, compress_pdf=False,
        progress=lambda step, total, label: steps.append((step, total, label)),
    )  # fmt: skip
    return built, Selection(ds, AS_OF, "fr"), steps


@pytest.mark.chromium
def test_the_zip_holds_every_chart_of_the_pages_as_png_and_svg_the_workbook_and_the_pdf(demo):
    built, sel, _ = demo

    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        listing = archive.namelist()
    expected = [
        f"charts/{number:02d}-{name}.{ext}"
        for number, name in enumerate(dossier.chart_names(sel), start=1)
        for ext in (("txt",) if name in NOTHING_KNOWN else ("png", "svg"))
    ]
    assert listing == [*expected, "tables.xlsx", "rapport.pdf"]
    assert list(built.files) == listing
    assert "charts/08-timeline-DEMO-A.png" in listing


def images(built: dossier.Dossier, ext: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(f".{ext}")}


@pytest.mark.chromium
def test_every_image_is_a_valid_print_sized_png_or_svg(demo):
    built, _, _ = demo

    for name, data in images(built, "png").items():
        assert data.startswith(PNG_MAGIC), name
        width = struct.unpack(">I", data[16:20])[0]
        assert width == dossier.WIDTH * dossier.SCALE, name
    for name, data in images(built, "svg").items():
        assert ElementTree.fromstring(data).tag.endswith("svg"), name


def stamped(data: bytes) -> bool:
    """Whether an SVG carries the stamp's footer: the as-of date and the dataset's version."""
    text = data.decode()
    return "Situation au 01/06/2025" in text and "version 2" in text


@pytest.mark.chromium
def test_every_image_carries_the_stamp_even_when_its_chart_hides_its_legend(demo):
    built, sel, _ = demo
    drawn = [c for c in dossier.charts(sel) if not isinstance(c.figure, NoChart)]
    hidden = {c.name for c in drawn if c.figure.layout.showlegend is False}
    assert hidden, "the demo has a chart without a legend (reply rates)"

    svgs = images(built, "svg")
    assert svgs
    for name, data in svgs.items():
        assert stamped(data), name


@pytest.mark.chromium
def test_the_workbook_has_one_sheet_per_table_and_no_formula_or_link(demo):
    built, sel, _ = demo

    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        book = openpyxl.load_workbook(io.BytesIO(archive.read("tables.xlsx")))
    assert book.sheetnames == [table.sheet for table in dossier.tables(sel)]
    for sheet in book.worksheets:
        assert not sheet._hyperlinks, sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                assert cell.hyperlink is None


@pytest.mark.chromium
def test_the_pdf_shows_the_cover_the_charts_and_counts_its_pages(demo):
    built, sel, _ = demo

    data = built.pdf()
    text = flat(pdf_text(data))
    assert data.startswith(b"%PDF")
    assert built.pdf_pages == page_count(data)
    assert built.pdf_pages >= 2 + len(dossier.chart_names(sel)) // 2
    assert "Situation au 1er juin 2025" in text
    assert "DEMO-B" in text and "DONNÉES FICTIVES" in text
    # Every chart but DEMO-C's timeline (nothing known of that plan on 1 June 2025: a
    # sentence, no image) is an image of the PDF.
    assert data.count(b"/Subtype /Image") >= len(dossier.chart_names(sel)) - len(NOTHING_KNOWN)
    assert "Fichiers : charts/01-plan-periods.png et .svg" in text


@pytest.mark.chromium
def test_progress_is_reported_step_by_step_up_to_the_end(demo):
    built, _, steps = demo

    numbers = [step for step, _, _ in steps]
    assert numbers == sorted(numbers)
    assert steps[-1][0] == steps[-1][1] == built.charts + 4
    assert any(label.startswith("Image 1/") for _, _, label in steps)


# --- The command line -----------------------------------------------------------------


@pytest.fixture
def state(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(folder))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    return folder


@pytest.mark.chromium
@pytest.mark.subprocess
def test_the_report_command_writes_the_french_zip_and_its_pdf(state, tmp_path, capsys):
    out = tmp_path / "out"

    code = main(["report", "--as-of", "2025-06-01", "--out", str(out)])

    printed = capsys.readouterr().out
    zip_path = out / "dossier_france_2025-06-01_fr.zip"
    pdf_path = out / "rapport_france_2025-06-01.pdf"
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [zip_path.name, pdf_path.name]
    with zipfile.ZipFile(zip_path) as archive:
        listing = archive.namelist()
        assert archive.read("rapport.pdf") == pdf_path.read_bytes()
    assert "charts/01-plan-periods.png" in listing and "tables.xlsx" in listing
    assert str(zip_path) in printed and "pages)" in printed


@pytest.mark.chromium
@pytest.mark.subprocess
def test_the_report_command_reads_a_file_for_the_plans_asked_in_english(tmp_path, state, capsys):
    out = tmp_path / "out"

    code = main(["report", str(ROOT / "data" / "demo.xlsx"), "--plan", "DEMO-B", "--lang",
                 "en", "--as-of", "2025-06-01", "--out", str(out)])  # fmt: skip

    assert code == 0, capsys.readouterr().err
    with zipfile.ZipFile(out / "dossier_demo_2025-06-01_en.zip") as archive:
        listing = archive.namelist()
    assert "report.pdf" in listing
    timelines = [n for n in listing if "timeline" in n]
    assert len(timelines) == 2 and all(n.endswith(("-timeline-DEMO-B.png", "-timeline-DEMO-B.svg"))
                                       for n in timelines)  # fmt: skip
    assert (out / "report_demo_2025-06-01.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.subprocess
def test_the_report_command_rejects_a_broken_file_with_exit_1(tmp_path, state, capsys):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")

    code = main(["report", str(broken), "--out", str(tmp_path / "out")])

    assert code == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.subprocess
def test_the_report_command_rejects_an_unknown_plan_with_exit_1(tmp_path, state, capsys):
    code = main(["report", "--plan", "PAN-1999", "--out", str(tmp_path / "out")])

    assert code == 1
    assert "PAN-1999" in capsys.readouterr().err


@pytest.mark.subprocess
def test_the_report_command_says_what_to_install_without_chromium(
    tmp_path, state, capsys, monkeypatch
):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")

    code = main(["report", "--lang", "en", "--out", str(tmp_path / "out")])

    assert code == 4
    assert "apt-get install -y chromium" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.chromium
def test_a_dataset_without_plans_gives_the_method_tables_and_a_report_saying_so():
    empty = dataset_from_records({})

    built = dossier.build(empty, dataset_label="Vide", version=None, as_of=AS_OF, lang="en",
                          compress_pdf=False)  # fmt: skip

    assert built.files == ("tables.xlsx", "report.pdf")
    assert built.charts == 0
    text = flat(pdf_text(built.pdf()))
    assert t("dossier.no_charts", "en") in text
    assert "No overdue measure as of 2025-06-01" in text


def test_the_report_shows_a_published_verdict_beside_the_measure_level_figures():
    measures = [
        {"measure_id": f"M{i}", "plan_id": "P2", "number": i, "axis": "A", "title": f"m{i}"}
        for i in range(1, 46)
    ]
    ds = dataset_from_records(
        {
            "plans": [{"plan_id": "P2", "title": "Plan 2", "period_start": "2019-01-01",
                       "period_end": "2021-12-31", "adopted_date": "2019-10-18"}],
            "measures": measures,
            "status_updates": [
                {"measure_id": f"M{i}", "as_of": "2023-01-12", "status": "En cours",
                 "voice": "independent"} for i in range(1, 7)
            ],
            "published_verdicts": [
                {"plan_id": "P2", "assessor": "CNCDH", "voice": "independent",
                 "published_on": "2023-01-12", "measures_covered": 45, "count_done": 3,
                 "count_partial": 28, "count_not_done": 14, "source": "CNCDH 2023"},
            ],
        }
    )  # fmt: skip
    text = flat(pdf_text(report(ds).data))
    assert (
        "Verdict publié — CNCDH, 12/01/2023 : 3 réalisées, 28 partiellement, 14 non réalisées "
        "(45 mesures) — verdict par mesure connu pour 6"
    ) in text
    assert "trop peu de mesures évaluées (6 sur 45)" in text
    assert "le verdict publié par CNCDH couvre 45 mesures" in text
