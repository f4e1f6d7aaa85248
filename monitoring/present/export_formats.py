"""The export formats, declared once, as Datasette declares its output renderers.

Each format says its name, extension, media type, what it renders (a chart, a table, or
a file built elsewhere), the function that renders it, and whether it needs Chromium.
The pages' download buttons (`views/common.show_chart`, `show_table`) offer every chart
and table format in the order declared here, under the labels declared here; the dossier
(`monitoring.present.dossier`) writes the chart formats marked `in_dossier`; every other
download reads its media type here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import plotly.graph_objects as go

from monitoring.present import exports
from monitoring.present.charts.base import NoChart

Kind = Literal["chart", "table", "file"]
# chart: `render(figure, stamp, *, width=1400, scale=None) -> bytes`
# table: `render(frame, stamp) -> bytes` (the frame's column names are its headers)
# file:  no renderer; the bytes are built elsewhere (the dossier, a workbook, the docs)
Render = Callable[..., bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One format a chart, a table or a file leaves the app in.

    Attributes:
        name: the format's id (`png`).
        extension: the file name's extension, without its dot.
        mime: the media type the download is served with.
        kind: `chart`, `table` or `file` (see `Kind`).
        render: the function that renders it; None for a `file`.
        needs_chromium: rendering starts Debian's Chromium (through kaleido).
        label_key: the catalogue key of its download button's label (None: no button).
        help_key: the catalogue key of that button's help.
        in_dossier: a chart format the dossier writes for every chart.
        compressible: worth deflating in a ZIP (PNG, XLSX and ODS are compressed already).
    """

    name: str
    extension: str
    mime: str
    kind: Kind
    render: Render | None = None
    needs_chromium: bool = False
    label_key: str | None = None
    help_key: str | None = None
    in_dossier: bool = False
    compressible: bool = True


def _image(fmt: exports.ImageFormat, *, raster: bool) -> Render:
    """A chart renderer: `scale` (the pixel ratio) applies to raster images only."""

    def render(
        fig: go.Figure | NoChart, stamp: exports.Stamp, *, width: int = 1400,
        scale: float | None = None,
    ) -> bytes:  # fmt: skip
        size: dict[str, Any] = {"width": width}
        if raster and scale is not None:
            size["scale"] = scale
        return exports.figure_bytes(fig, fmt, stamp, **size)

    return render


# In the order the download buttons show them. Literal keys, so a search finds them.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "png", "png", "image/png", "chart", _image("png", raster=True), needs_chromium=True,
        label_key="exports.png", help_key="exports.help.png", in_dossier=True,
        compressible=False,
    ),
    ExportFormat(
        "svg", "svg", "image/svg+xml", "chart", _image("svg", raster=False),
        needs_chromium=True, label_key="exports.svg", help_key="exports.help.svg",
        in_dossier=True,
    ),
    ExportFormat(
        "pdf", "pdf", "application/pdf", "chart", _image("pdf", raster=False),
        needs_chromium=True, label_key="exports.pdf", help_key="exports.help.pdf",
    ),
    ExportFormat(
        "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "table", exports.table_xlsx, label_key="exports.xlsx",
        help_key="exports.help.xlsx", compressible=False,
    ),
    ExportFormat(
        "ods", "ods", "application/vnd.oasis.opendocument.spreadsheet", "table",
        exports.table_ods, label_key="exports.ods", help_key="exports.help.ods",
        compressible=False,
    ),
    ExportFormat(
        "csv", "csv", "text/csv", "table", exports.table_csv, label_key="exports.csv",
        help_key="exports.help.csv",
    ),
    ExportFormat("zip", "zip", "application/zip", "file", compressible=False),
    ExportFormat("md", "md", "text/markdown", "file"),
    ExportFormat("ics", "ics", "text/calendar", "file"),
    ExportFormat(  # the committee brief, to rework in Word or LibreOffice
        "docx", "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "file",
        compressible=False,
    ),
)  # fmt: skip
BY_NAME: dict[str, ExportFormat] = {f.name: f for f in FORMATS}


def of_kind(kind: Kind) -> tuple[ExportFormat, ...]:
    """The formats of one kind, in their declared order."""
    return tuple(f for f in FORMATS if f.kind == kind)


def dossier_images() -> tuple[ExportFormat, ...]:
    """The chart formats the dossier writes for each chart, in their declared order."""
    return tuple(f for f in of_kind("chart") if f.in_dossier)


def mime(name: str) -> str:
    """The media type of a format (`xlsx` → the Office Open XML spreadsheet type)."""
    return BY_NAME[name].mime
