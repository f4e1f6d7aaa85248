"""A workbook validated as the child reads it (issue 13, item 8): the command line's read.

The parse child sends the outline of a lone workbook, then each sheet as soon as it is
read (`child_read.start_read(stream=True)`); `loading` validates them in the contract's
order while the next are read. These tests hold what that promises: the same result as
a whole read, sheets validated before the last one has come, and every way the child
can end (a refusal, a death, the wall time) still told as a whole read tells it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from monitoring.config.settings import Limits
from monitoring.devtools.synthetic import synthetic_workbook
from monitoring.intake import loading
from monitoring.intake.child_read import start_read
from monitoring.intake.isolation import start_limited
from monitoring.intake.loading import LoadResult, PendingLoad, load_paths, start_load_paths
from monitoring.intake.problems import Report
from monitoring.intake.raw import RawSheet, RawWorkbook
from monitoring.intake.reading import ReadResult, Upload, read_upload
from monitoring.intake.validation import engine
from tests import hostile

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def _same(streamed: LoadResult, whole: LoadResult) -> None:
    assert streamed.ok == whole.ok
    assert streamed.report.issues == whole.report.issues
    assert streamed.report.truncated == whole.report.truncated
    if whole.dataset is None:
        assert streamed.dataset is None
        return
    assert streamed.dataset is not None
    assert streamed.dataset.extras == whole.dataset.extras
    for name, table in whole.dataset.tables.items():
        pd.testing.assert_frame_equal(streamed.dataset.tables[name], table)


def _workbooks(tmp_path: Path) -> dict[str, Path]:
    """Valid, invalid, hidden, refused and not-a-workbook uploads, as files on disk."""
    rows = [["Mesure", "Intitulé"]] + [[f"M{i}", f"Former les agents {i}"] for i in range(40)]
    made = {
        "synthetic.xlsx": synthetic_workbook(200, seed=3),
        "missing-sheets.xlsx": hostile.raw_workbook({"Mesures": hostile.sheet_xml(rows)}),
        "hidden.xlsx": hostile.raw_workbook(
            {"Mesures": hostile.sheet_xml(rows), "Suivi": hostile.sheet_xml(rows[:3])},
            states={"Suivi": "hidden"},
        ),
        "refused-last.xlsx": hostile.raw_workbook(
            {"Mesures": hostile.sheet_xml(rows), "Dernière": hostile.far_cell_sheet()}
        ),
        "plan.csv": b"a,b\n1,2\n",
    }
    paths = {"france.xlsx": ROOT / "data" / "france.xlsx", "demo.xlsx": ROOT / "data" / "demo.xlsx"}
    for name, data in made.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize("assemble", [True, False])
def test_a_streamed_load_gives_what_a_whole_read_gives(tmp_path: Path, assemble: bool) -> None:
    for name, path in _workbooks(tmp_path).items():
        streamed = start_load_paths([path], stream=True).result(assemble=assemble)
        whole = start_load_paths([path]).result(assemble=assemble)
        try:
            _same(streamed, whole)
        except AssertionError as failed:
            raise AssertionError(f"{name}: {failed}") from failed
    assert load_paths([ROOT / "data" / "france.xlsx"]).ok  # the comparison saw a dataset


class _Recorded:
    """Gives `read_upload`'s outline and sheets one by one, as the child would send them,
    noting each in `events`; the reading itself happened before (in this process)."""

    def __init__(self, data: bytes, events: list[tuple[str, str]]) -> None:
        self.parts: list[tuple[Any, ...]] = []
        self.events = events
        self.answer = read_upload([Upload("plan.xlsx", data)], Limits(), self)
        order = sorted(self.parts[1:], key=lambda part: part[1] != self.largest)
        self.parts[1:] = order[1:] + order[:1]  # the largest sheet comes last

    def outline(self, workbook: RawWorkbook) -> None:
        self.parts.append(("outline", workbook))

    def sheet(self, index: int, sheet: RawSheet) -> None:
        self.parts.append(("sheet", index, sheet))

    @property
    def largest(self) -> int:
        outline = self.parts[0][1]
        return [s.name for s in outline.sheets].index("Suivi")

    def arrivals(self) -> Iterator[tuple[Any, ...]]:
        for part in self.parts:
            if part[0] == "sheet":
                self.events.append(("sent", part[2].name))
            yield part

    def result(self) -> ReadResult:
        return self.answer


def test_sheets_are_validated_before_the_last_one_has_come(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[tuple[str, str]] = []
    checked = engine.Validator.read_sheet

    def read_sheet(self, sheet, raw):  # type: ignore[no-untyped-def]
        events.append(("validated", raw.name))
        return checked(self, sheet, raw)

    monkeypatch.setattr(engine.Validator, "read_sheet", read_sheet)
    read = _Recorded(synthetic_workbook(100, seed=1), events)
    streamed = PendingLoad(read, Report()).result()  # type: ignore[arg-type]
    assert events.index(("validated", "Mesures")) < events.index(("sent", "Suivi"))
    events.clear()
    _same(streamed, loading.validated(read.answer))


def test_a_refusal_after_some_sheets_came_is_the_whole_answer() -> None:
    """The child refuses the last sheet once others were sent and validated: the user
    gets the refusal alone, as from a whole read, never the other sheets' problems."""
    rows = [["Mesure", "Intitulé"], ["M1", "Former"]]
    data = hostile.raw_workbook(
        {"Mesures": hostile.sheet_xml(rows), "Dernière": hostile.far_cell_sheet()}
    )
    for stream in (True, False):
        pending = PendingLoad(start_read([Upload("plan.xlsx", data)], stream=stream), Report())
        result = pending.result()
        assert result.dataset is None
        assert [i.key for i in result.report.issues] == ["columns_beyond"]


@pytest.mark.parametrize(
    ("limits", "key"),
    [
        (Limits(parse_wall_seconds=0.001), "parse_time"),
        (Limits(parse_memory_bytes=512 * MB), "parse_memory"),
    ],
)
def test_a_child_that_dies_or_runs_late_while_streaming_is_told_as_ever(
    limits: Limits, key: str
) -> None:
    # A cell at the last row and column allowed: calamine allocates ~1 GB (see
    # test_isolation), once the outline has been sent.
    data = hostile.raw_workbook({"Mesures": hostile.far_cell_sheet("CV300001")})
    pending = PendingLoad(start_read([Upload("plan.xlsx", data)], limits, stream=True), Report())
    result = pending.result()
    assert result.dataset is None
    assert [i.key for i in result.report.issues] == [key]


def test_a_streamed_task_sends_its_parts_in_order_then_its_answer() -> None:
    pending = start_limited(hostile.send_parts, 3, limits=Limits(), stream=True)
    assert list(pending.parts()) == [0, 1, 2]
    assert pending.result() == "answer"
    # Parts nobody took are dropped: the answer still comes.
    assert start_limited(hostile.send_parts, 3, limits=Limits(), stream=True).result() == "answer"


def test_no_more_cells_are_sent_than_a_whole_read_would_hand_back() -> None:
    """Past `Limits.max_cells`, the child keeps the sheets: its answer refuses the upload,
    and this process never held more than the limit (as with a whole read)."""
    rows = [["Mesure", "Intitulé"]] + [[f"M{i}", "Former"] for i in range(99)]
    sheets = {name: hostile.sheet_xml(rows) for name in ("Mesures", "Suivi", "Chronologie")}
    limits = Limits(max_cells=450)  # 200 cells a sheet: two fit, not three
    read = start_read([Upload("plan.xlsx", hostile.raw_workbook(sheets))], limits, stream=True)
    came = [part[2] for part in read.arrivals() if part[0] == "sheet"]
    assert sum((s.height + 1) * len(s.header) for s in came) <= limits.max_cells
    assert len(came) == 2
    result = read.result()
    assert result.workbook is None
    assert [i.key for i in result.issues] == ["too_many_cells"]


def test_a_sheet_that_never_came_is_validated_from_the_answer() -> None:
    """A sheet the child kept (it holds it in its answer) is not taken as missing: the
    whole answer is validated, as a whole read would be."""
    read = _Recorded(synthetic_workbook(60, seed=2), [])
    read.parts = [part for part in read.parts if part[0] != "sheet" or part[2].name != "Mesures"]
    streamed = PendingLoad(read, Report()).result()  # type: ignore[arg-type]
    assert streamed.ok and streamed.dataset is not None
    _same(streamed, loading.validated(read.answer))


def _retention_to_unknown_recs(raw: RawWorkbook, count: int) -> None:
    """The first `count` rows of the retention sheet name recommendations that do not exist."""
    sheet = next(s for s in raw.sheets if s.name == "Prise en compte")
    column = sheet.columns[[str(h) for h in sheet.header].index("Recommandation")]
    for i in range(min(count, len(column))):
        column[i] = f"R-INCONNUE-{i}"


@pytest.mark.parametrize("unknown", [0, 3, 400])
def test_the_first_plan_rules_run_before_the_assessments_come(
    unknown: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules on plans, measures, recommendations and retention run while the
    assessments are still on their way, and the report is the one a whole validation
    gives: with no problem, a few, and more than the report keeps (400 unknown
    recommendations: the cut falls where it did)."""
    from monitoring.intake.validation import plan, validate

    raw = read_upload([Upload("plan.xlsx", synthetic_workbook(250, seed=5))], Limits()).workbook
    assert raw is not None
    _retention_to_unknown_recs(raw, unknown)
    whole = validate(raw)
    started: list[str] = []
    first_rules = plan.first_plan_rules

    def recorded(tables):  # type: ignore[no-untyped-def]
        started.append("first rules")
        yield from first_rules(tables)

    def arrive(sheet: RawSheet) -> RawSheet:
        started.append(sheet.name)
        return sheet

    monkeypatch.setattr(plan, "first_plan_rules", recorded)
    streamed = validate(raw, arrive=arrive)
    assert started.index("first rules") < started.index("Suivi"), started
    assert streamed[1].issues == whole[1].issues
    assert streamed[1].truncated == whole[1].truncated == (unknown > 200)
    assert [i.key for i in whole[1].issues].count("unknown_rec") == min(unknown, 200)
    if whole[0] is not None:
        assert streamed[0] is not None
        for name, table in whole[0].tables.items():
            pd.testing.assert_frame_equal(streamed[0].tables[name], table)
