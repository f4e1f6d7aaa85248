"""The export formats are declared once (`monitoring.present.export_formats`): each has what its
consumers need, and the dossier writes what the declaration marks for it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from PIL import Image

from monitoring.intake.loading import load_shipped
from monitoring.present import dossier, export_formats, exports
from monitoring.present.export_formats import ExportFormat
from monitoring.text.i18n import CATALOG

AS_OF = dt.date(2025, 6, 1)


@pytest.mark.parametrize("fmt", export_formats.FORMATS, ids=lambda f: f.name)
def test_every_format_has_a_distinct_name_extension_and_media_type(fmt: ExportFormat) -> None:
    assert export_formats.BY_NAME[fmt.name] is fmt
    assert fmt.extension.isalnum() and "/" in fmt.mime
    assert export_formats.mime(fmt.name) == fmt.mime


@pytest.mark.parametrize(
    "fmt", export_formats.of_kind("chart") + export_formats.of_kind("table"), ids=lambda f: f.name
)
def test_every_chart_and_table_format_has_a_renderer_and_a_labelled_button(
    fmt: ExportFormat,
) -> None:
    assert callable(fmt.render)
    assert fmt.label_key in CATALOG and fmt.help_key in CATALOG


def test_the_pages_offer_png_svg_pdf_for_charts_and_xlsx_csv_for_tables() -> None:
    assert [f.name for f in export_formats.of_kind("chart")] == ["png", "svg", "pdf"]
    assert [f.name for f in export_formats.of_kind("table")] == ["xlsx", "ods", "csv"]
    assert [f.name for f in export_formats.dossier_images()] == ["png", "svg"]


def test_a_table_format_renders_the_frame_with_its_stamp() -> None:
    stamp = exports.Stamp("Titre", None, AS_OF, "Démo", "1", "test", "fr")
    frame = load_shipped("demo").plans[["plan_id"]]
    rendered = export_formats.BY_NAME["csv"].render(frame, stamp)  # type: ignore[misc]
    assert rendered == exports.table_csv(frame, stamp)


def _tiny_png(fig: object, stamp: object, **size: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.pdf
def test_the_dossier_writes_every_chart_format_the_declaration_marks_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Renderers that need no Chromium, and one more format marked for the dossier.
    png = ExportFormat("png", "png", "image/png", "chart", _tiny_png, in_dossier=True,
                       compressible=False)  # fmt: skip
    extra = ExportFormat("extra", "xtr", "application/x-extra", "chart",
                         lambda fig, stamp, **size: b"extra image", in_dossier=True)  # fmt: skip
    monkeypatch.setattr(export_formats, "FORMATS", (png, extra))
    monkeypatch.setattr(exports, "chromium_available", lambda: False)

    built = dossier.build(load_shipped("demo"), dataset_label="Démo", version="1",
                          as_of=AS_OF, lang="fr", dataset_key="demo")  # fmt: skip

    images = [name for name in built.files if name.startswith(dossier.CHART_DIR)]
    drawn = [name.rsplit(".", 1)[0] for name in images if name.endswith(".png")]
    assert drawn and sorted(n for n in images if n.endswith(".xtr")) == [f"{d}.xtr" for d in drawn]
    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        assert archive.read(f"{drawn[0]}.xtr") == b"extra image"
        assert archive.getinfo(f"{drawn[0]}.png").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo(f"{drawn[0]}.xtr").compress_type == zipfile.ZIP_DEFLATED
