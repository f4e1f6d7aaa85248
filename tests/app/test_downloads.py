"""AppTest: every page offers its charts as PNG, SVG and PDF and its tables as XLSX, ODS
and CSV.

The image buttons' data is built on click (a callable: AppTest does not run it, the unit
tests of `monitoring.present.exports` and the browser test do). Under AppTest, Chromium is not
started: `PLAN_MONITORING_NO_RENDERER=1` (set here for this test process; the shared
`tests/app/conftest.py` is the better place for it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.loading import load_shipped
from monitoring.present import exports
from tests.app.helpers import assert_page_ok

os.environ.setdefault(exports.NO_RENDERER_ENV, "1")

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
AS_OF = "2026-11-26"
IMAGES = ("png", "svg", "pdf")
TABLES = ("xlsx", "ods", "csv")


def run_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"dataset": "demo", "lang": "fr", "as_of": AS_OF, **query}.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"views/{page}.py").run()
    assert_page_ok(at)
    return at


def buttons(at: AppTest) -> dict[str, object]:
    return {b.key: b for b in at.get("download_button") if b.key}


def charts(*keys: str) -> set[str]:
    return {f"{key}.{fmt}" for key in keys for fmt in IMAGES}


def tables(*keys: str) -> set[str]:
    return {f"{key}.{fmt}" for key in keys for fmt in TABLES}


EXPECTED = {
    "overview": charts("plan_periods", "status_by_plan", "retention_by_plan"),
    "gaps": charts("by_author", "by_theme", "coverage", "sankey")
    | tables("table.gaps.not-taken-up"),
    "delays": charts("delays_timeline", "delays_by_lead")
    | tables("delays_overdue", "delays_slips", "delays_unassessed", "delays_not_yet_due"),
    "timeline": charts("event_timeline", "reply_rates")
    | tables("table.timeline.events", "table.timeline.reply-rates"),
    "method": tables("table.method.status-scale", "table.method.source-coverage"),
    "history": tables("table.history.versions"),
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_every_chart_and_table_of_the_page_has_its_download_buttons(page: str) -> None:
    found = buttons(run_page(page))
    missing = EXPECTED[page] - found.keys()
    assert not missing, sorted(found)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_the_buttons_read_in_english_too(page: str) -> None:
    found = buttons(run_page(page, lang="en"))
    labels = {b.proto.label for k, b in found.items() if k in EXPECTED[page]}  # type: ignore[attr-defined]
    assert labels <= {"PNG", "SVG", "PDF", "Excel", "LibreOffice", "CSV"}
    helps = {b.proto.help for k, b in found.items() if k.endswith(".png")}  # type: ignore[attr-defined]
    assert all("High-resolution" in h for h in helps)


def test_downloads_are_built_on_click_only_and_do_not_rerun_the_page() -> None:
    found = buttons(run_page("overview"))
    for key in EXPECTED["overview"]:
        proto = found[key].proto  # type: ignore[attr-defined]
        assert proto.deferred_file_id and not proto.url
        assert proto.ignore_rerun


def test_the_measures_table_and_a_measure_detail_have_their_downloads() -> None:
    measure = str(load_shipped("demo").measures["measure_id"].iloc[0])
    found = buttons(run_page("measures", measure=measure))
    keys = set(found)
    assert any(k.startswith("measures.table.") and k.endswith(".xlsx") for k in keys), keys
    assert tables(f"table.measures.{measure}-facts") <= keys


def test_without_chromium_the_page_says_what_to_install_instead_of_image_buttons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from views import common

    monkeypatch.setattr(exports, "chromium_available", lambda: False)
    common.images_possible.clear()
    try:
        at = run_page("delays")
    finally:
        common.images_possible.clear()
    found = buttons(at)
    assert not any(k.endswith((".png", ".svg", ".pdf")) for k in found)
    assert tables("delays_overdue") <= found.keys()  # tables need no browser
    notes = [c.value for c in at.caption if "apt-get install -y chromium" in c.value]
    assert len(notes) == 2  # one per chart: the timeline and the delays by lead


@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pages_with_downloads_run_on_both_datasets_and_languages(dataset: str, lang: str) -> None:
    for page in ("overview", "delays", "timeline"):
        found = buttons(run_page(page, dataset=dataset, lang=lang))
        assert any(k.endswith(".png") for k in found), page


def test_a_format_added_to_the_registry_gets_its_button_on_every_chart_and_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from monitoring.present import export_formats
    from monitoring.present.export_formats import ExportFormat

    added = (
        ExportFormat("json", "json", "application/json", "table",
                     lambda frame, stamp: frame.to_json().encode(), label_key="exports.csv"),
        ExportFormat("webp", "webp", "image/webp", "chart",
                     lambda fig, stamp, **size: b"", label_key="exports.png"),
    )  # fmt: skip
    monkeypatch.setattr(export_formats, "FORMATS", export_formats.FORMATS + added)

    found = buttons(run_page("timeline"))

    assert {"table.timeline.events.json", "reply_rates.webp"} <= found.keys()
