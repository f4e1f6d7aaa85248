"""Exports: stamped images (PNG, SVG, PDF) rendered by kaleido, XLSX and CSV tables that stay
data (never formulas or links), and download file names (bad inputs, cases 52-57)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import xml.etree.ElementTree as ET

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from monitoring.present import exports
from monitoring.present.charts.base import NoChart
from monitoring.present.exports import ExportUnavailable, Stamp

AS_OF = dt.date(2025, 2, 1)
HOSTILE = ["=1+1", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=1", "\n=1", "{=1+1}",
           '=HYPERLINK("http://x","y")', "＝1+1", "＋1", "－1", "＠A1", "https://evil.example",
           "plain text"]  # fmt: skip


def stamp(lang: str = "fr", title: str = "Statuts par plan") -> Stamp:
    return Stamp(
        title=title,
        plan="PN2 — Plan 2019-2021",
        as_of=AS_OF,
        dataset="France",
        version="3",
        source="tableau de bord",
        lang=lang,  # type: ignore[arg-type]
    )


def bars(title: str = "Statuts par plan") -> go.Figure:
    fig = go.Figure(
        go.Bar(x=[3, 1], y=["PN1", "PN2 <b>gras</b>"], orientation="h", name="Réalisée")
    )
    fig.update_layout(title={"text": title}, height=300)
    return fig


# Renders with Debian's Chromium: fails, never skips, without it (tests/conftest.py).
needs_chromium = pytest.mark.chromium


# --- The stamp -----------------------------------------------------------------------


def test_the_footer_says_plan_date_dataset_version_and_source_in_french() -> None:
    assert stamp("fr").footer() == (
        "PN2 — Plan 2019-2021 · Situation au 01/02/2025 · France, version 3 · "
        "Source\u00a0: tableau de bord"
    )


def test_the_footer_reads_in_english_with_an_iso_date() -> None:
    footer = stamp("en").footer()
    assert (
        footer
        == "PN2 — Plan 2019-2021 · As of 2025-02-01 · France, version 3 · Source: tableau de bord"
    )


def test_the_footer_leaves_out_a_missing_plan_and_version() -> None:
    bare = Stamp("T", None, AS_OF, "Demo", None, "app", "fr")
    assert bare.footer() == "Situation au 01/02/2025 · Demo · Source\u00a0: app"


def test_the_stamped_copy_has_the_title_and_footer_and_leaves_the_chart_alone() -> None:
    fig = bars()
    before = fig.to_json()
    out = exports.stamped_figure(fig, stamp(title="<script>alert(1)</script>"))
    assert fig.to_json() == before
    assert out.layout.title.text == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert out.layout.legend2.title.text == stamp().footer()
    assert out.layout.height == 300 + exports.FOOTER_PX
    probe = out.data[-1]
    assert probe.legend == "legend2" and probe.showlegend
    assert len(out.data) == len(fig.data) + 1


def test_a_legend_under_the_plot_moves_above_the_footer() -> None:
    fig = bars()
    fig.update_layout(legend={"y": -0.1, "yanchor": "top"})
    out = exports.stamped_figure(fig, stamp())
    assert out.layout.legend.yref == "container"
    assert out.layout.legend.y == pytest.approx(exports.FOOTER_PX / (300 + exports.FOOTER_PX))


def test_a_sankey_gets_no_axes_from_the_footer() -> None:
    fig = go.Figure(
        go.Sankey(node={"label": ["a", "b"]}, link={"source": [0], "target": [1], "value": [1]})
    )
    out = exports.stamped_figure(fig, stamp())
    assert out.layout.xaxis.visible is False and out.layout.yaxis.visible is False


# --- Images --------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_chromium
def test_a_png_is_print_quality_width_times_scale() -> None:
    data = exports.figure_bytes(bars(), "png", stamp(), width=700, scale=2)
    assert _png_size(data) == (1400, (300 + exports.FOOTER_PX) * 2)


@needs_chromium
def test_a_png_keeps_the_default_width_of_1400_at_scale_2() -> None:
    data = exports.figure_bytes(bars(), "png", stamp())
    assert _png_size(data)[0] == 2800


@needs_chromium
def test_a_pdf_is_a_pdf() -> None:
    data = exports.figure_bytes(bars(), "pdf", stamp())
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-1024:]


def _svg_texts(data: bytes) -> str:
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    return " ".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))


@needs_chromium
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_svg_parses_and_carries_its_title_and_footer(lang: str) -> None:
    title = "Statuts par plan" if lang == "fr" else "Statuses by plan"
    texts = _svg_texts(exports.figure_bytes(bars(title), "svg", stamp(lang, title)))
    assert title in texts
    expected = "Situation au 01/02/2025" if lang == "fr" else "As of 2025-02-01"
    assert expected in texts
    assert "France, version 3" in texts and "PN2 — Plan 2019-2021" in texts


@needs_chromium
def test_markup_in_labels_renders_literally_in_an_svg() -> None:
    texts = _svg_texts(
        exports.figure_bytes(bars(), "svg", stamp(title="<script>alert(1)</script> **gras**"))
    )
    assert "<script>alert(1)</script> **gras**" in texts


def test_without_chromium_an_image_export_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert not exports.chromium_available()
    for lang in ("fr", "en"):
        with pytest.raises(ExportUnavailable, match="apt-get install -y chromium"):
            exports.figure_bytes(bars(), "png", stamp(lang))
    assert "Chromium" in str(ExportUnavailable("en"))


# --- XLSX ----------------------------------------------------------------------------


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Mesure": HOSTILE,
            "Retard (jours)": [-5, *range(1, len(HOSTILE))],
            "Part": [0.25] * len(HOSTILE),
            "Échéance": pd.to_datetime(["2024-12-31"] * len(HOSTILE)),
            "Évaluée le": [dt.date(2024, 6, 1)] + [None] * (len(HOSTILE) - 1),
        }
    )


def ooxml_text(value: str) -> str:
    """Text as Excel reads it: `_x000D_` is the escape OOXML files use for a CR (openpyxl
    returns it as stored)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


def _sheet(data: bytes, name: str | None = None) -> openpyxl.worksheet.worksheet.Worksheet:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book[name] if name else book.worksheets[0]


def test_xlsx_opens_with_title_stamp_and_a_frozen_header() -> None:
    ws = _sheet(exports.table_xlsx(table(), stamp(title="Mesures en retard")))
    assert ws["A1"].value == "Mesures en retard"
    assert ws["A2"].value == stamp().footer()
    assert [c.value for c in ws[4]] == list(table().columns)
    assert ws.freeze_panes == "A5"


def test_xlsx_user_text_is_text_never_a_formula_or_a_link() -> None:
    ws = _sheet(exports.table_xlsx(table(), stamp()))
    for row, text in enumerate(HOSTILE, start=5):
        cell = ws.cell(row, 1)
        assert cell.data_type == "s", text
        assert ooxml_text(cell.value) == text
        assert cell.hyperlink is None
        assert cell.quotePrefix == text.startswith(exports.XLSX_TRIGGERS)
    assert not ws._hyperlinks
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_numbers_stay_numbers_and_dates_dates_in_french_format() -> None:
    ws = _sheet(exports.table_xlsx(table(), stamp("fr")))
    assert ws["B5"].value == -5 and ws["B5"].data_type == "n" and not ws["B5"].quotePrefix
    assert ws["C5"].value == 0.25 and ws["C5"].number_format == "#,##0.00"
    assert ws["D5"].value == dt.datetime(2024, 12, 31)
    assert ws["D5"].is_date and ws["D5"].number_format == "dd/mm/yyyy"
    assert ws["E5"].value == dt.datetime(2024, 6, 1) and ws["E5"].is_date
    assert ws["E6"].value is None


def test_xlsx_dates_are_iso_in_english() -> None:
    ws = _sheet(exports.table_xlsx(table(), stamp("en")))
    assert ws["D5"].number_format == "yyyy-mm-dd"


def test_xlsx_headers_and_a_title_starting_with_a_trigger_stay_text() -> None:
    frame = pd.DataFrame({"=SUM(A1)": ["x"]})
    ws = _sheet(exports.table_xlsx(frame, stamp(title="=cmd|' /C calc'!A0")))
    assert ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["A4"].value == "=SUM(A1)" and ws["A4"].quotePrefix


def test_one_workbook_holds_a_sheet_per_table_with_valid_unique_names() -> None:
    frames = {"Retards": table(), "Retards ": table(), "a/b:c*?[d]": table(), "x" * 40: table()}
    book = openpyxl.load_workbook(io.BytesIO(exports.tables_xlsx(frames, stamp())))
    names = book.sheetnames
    assert len(names) == 4 and len({n.casefold() for n in names}) == 4
    assert names[0] == "Retards" and names[1].startswith("Retards")
    assert all(len(n) <= 31 and not set("[]:*?/\\") & set(n) for n in names)


def test_an_empty_table_still_gives_a_workbook_with_its_header() -> None:
    ws = _sheet(exports.table_xlsx(pd.DataFrame({"Mesure": pd.Series([], dtype=str)}), stamp()))
    assert ws["A4"].value == "Mesure" and ws.max_row == 4


# --- CSV -----------------------------------------------------------------------------


def _csv(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_in_french_uses_semicolons_decimal_commas_and_french_dates() -> None:
    data = exports.table_csv(table(), stamp("fr"))
    rows = _csv(data, ";")
    assert rows[0] == list(table().columns)
    assert rows[1][1:] == ["-5", "0,25", "31/12/2024", "01/06/2024"]
    assert rows[2][4] == ""
    first_line = data.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith('"Mesure";"Retard (jours)"')  # every field quoted


def test_csv_in_english_uses_commas_and_iso_dates() -> None:
    rows = _csv(exports.table_csv(table(), stamp("en")), ",")
    assert rows[1][1:] == ["-5", "0.25", "2024-12-31", "2024-06-01"]


def test_csv_text_starting_with_a_trigger_is_prefixed_but_numbers_never_are() -> None:
    rows = _csv(exports.table_csv(table(), stamp("fr")), ";")
    for row, text in zip(rows[1:], HOSTILE, strict=True):
        expected = f"'{text}" if text.startswith(exports.TRIGGERS) else text
        assert row[0] == expected
        assert not row[0].startswith(exports.TRIGGERS)
    assert rows[1][1] == "-5"  # a real negative number


def test_csv_writes_booleans_as_words_in_each_language() -> None:
    frame = pd.DataFrame({"ok": [True, False]})
    assert _csv(exports.table_csv(frame, stamp("fr")), ";")[1:] == [["oui"], ["non"]]
    assert _csv(exports.table_csv(frame, stamp("en")), ",")[1:] == [["yes"], ["no"]]


# --- The table as shown, and file names -----------------------------------------------


def test_labelled_keeps_the_shown_columns_in_order_under_their_labels() -> None:
    frame = pd.DataFrame({"a": [1], "b": [2], "hidden": [3], "c": [4]})
    out = exports.labelled(frame, {"a": "A", "hidden": None, "c": "Cé"}, ["c", "a", "hidden"])
    assert list(out.columns) == ["Cé", "A"]
    assert out.iloc[0].tolist() == [4, 1]
    assert list(exports.labelled(frame, {}).columns) == ["a", "b", "hidden", "c"]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("france", "overview", "status-by-plan", "2025-02-01"),
         "france_overview_status-by-plan_2025-02-01.png"),
        (("a/b",), "a-b.png"),
        (("..",), "export.png"),
        (("../../etc/passwd",), "etc-passwd.png"),
        (("plan\r\nSet-Cookie: x=1",), "plan-Set-Cookie-x-1.png"),
        (('plan "quoted" \'name\'',), "plan-quoted-name.png"),
        (("Écarts d'adoption", "Échéance"), "Ecarts-d-adoption_Echeance.png"),
        (("", "  ", "x"), "x.png"),
    ],
)  # fmt: skip
def test_file_names_are_safe(parts: tuple[str, ...], expected: str) -> None:
    assert exports.safe_file_name(*parts, ext="png") == expected


def test_a_300_character_name_is_truncated() -> None:
    name = exports.safe_file_name("x" * 300, "2025-02-01", ext="xlsx")
    assert name.endswith(".xlsx") and len(name) <= exports.MAX_STEM + 5


def test_non_ascii_only_names_and_odd_extensions_stay_usable() -> None:
    assert exports.safe_file_name("人身売買", ext="csv") == "export.csv"
    assert exports.safe_file_name("a", ext="../x\r\n") == "a.x"


def test_a_long_footer_wraps_between_its_pieces_and_makes_room() -> None:
    long_source = "Rapport de la CNCDH sur la mise en œuvre du plan " * 6
    wide = exports.Stamp(
        title="t",
        plan="PAN-2019 — Plan 2019-2021",
        as_of=dt.date(2025, 2, 1),
        dataset="France",
        version=3,
        source=long_source,
        lang="fr",
    )
    lines = exports.footer_lines(wide.parts(), 700)
    assert len(lines) >= 3
    assert all(len(line) <= 700 / exports.FOOTER_CHAR_PX for line in lines)
    words = [w for w in " ".join(lines).split() if w != "·"]
    assert words == " ".join(wide.parts()).split()  # nothing lost, only line breaks added
    assert "Situation au 01/02/2025" in lines[0]
    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"height": 400})
    out = exports.stamped_figure(fig, wide, width=700)
    assert out.layout.legend2.title.text.count("<br>") == len(lines) - 1
    assert out.layout.height > exports.stamped_figure(fig, stamp(), width=700).layout.height


def test_a_chart_without_legend_keeps_its_traces_out_but_shows_the_footer() -> None:
    fig = go.Figure(go.Bar(x=["a"], y=[1], name="replies"), layout={"showlegend": False})
    out = exports.stamped_figure(fig, stamp())
    assert out.layout.showlegend is True
    assert out.data[0].showlegend is False
    assert out.data[-1].legend == "legend2" and out.data[-1].showlegend is True
    assert fig.layout.showlegend is False  # the app's figure is untouched


def test_a_chart_with_nothing_to_draw_gives_no_image_and_says_why() -> None:
    sentence = NoChart("nochart.retention", {"sheet": "Prise en compte"})
    stamp = Stamp("Prise en compte", None, dt.date(2025, 1, 1), "Jeu", None, "Vue", "fr")
    with pytest.raises(exports.NothingToDraw) as raised:
        exports.figure_bytes(sentence, "png", stamp)
    message = str(raised.value)
    assert message.startswith(sentence.text("fr"))
    assert "pas d'image à télécharger" in message
