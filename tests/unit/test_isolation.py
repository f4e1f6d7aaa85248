"""Issue 12: uploads are parsed in a limited child process, and the checks read what the
parser reads.

Every hostile file here goes through the limited child (`read_isolated`, `run_limited`):
if a check regressed, the reader would exhaust the child, never this test process. The
classes of files are listed in docs/hostile-files.md.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from unittest.mock import patch

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.config.settings import Limits
from monitoring.intake import preflight
from monitoring.intake.child_read import read_isolated
from monitoring.intake.isolation import ChildFailed, run_limited
from monitoring.intake.loading import load_bytes
from monitoring.intake.preflight import worksheets
from monitoring.intake.problems import Issue
from monitoring.intake.reading import ReadResult, Upload
from monitoring.services.annotate import Once, annotated_upload
from tests import hostile

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]
# A bound only a hang would cross (tests assert behaviour; `make bench` measures time).
HANG_GUARD_S = 30
MB = 1024 * 1024


def read(name: str, data: bytes, limits: Limits = Limits()) -> ReadResult:  # noqa: B008
    return read_isolated([Upload(name, data)], limits)


def refused(result: ReadResult, key: str, *, file: str = "plan.xlsx") -> Issue:
    """The one issue of a refused upload, with its key, naming the file in both languages."""
    assert result.workbook is None, "a refused upload must not yield sheets"
    assert [i.key for i in result.issues] == [key], [i.message("en") for i in result.issues]
    issue = result.issues[0]
    assert issue.severity == "error" and issue.file == file
    for lang in ("fr", "en"):
        assert f'"{file}"' in issue.message(lang) or f"« {file} »" in issue.message(lang)
        assert "Traceback" not in issue.message(lang)
    return issue


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- The child process and its limits --------------------------------------------------


def test_a_runaway_allocation_stops_the_child_only() -> None:
    limits = Limits(parse_memory_bytes=1024 * MB)
    assert run_limited(hostile.hog_memory, 16, limits=limits) == 16 * MB  # room to work
    before = peak_rss_mb()
    with pytest.raises(ChildFailed) as failed:
        run_limited(hostile.hog_memory, 4096, limits=limits)
    assert failed.value.kind == "memory"
    assert peak_rss_mb() - before < 100  # the 4 GB were never asked of this process


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="VmSize read in /proc")
def test_a_child_starts_with_most_of_its_address_space_free() -> None:
    """The fork server's imports are what every child starts with, against its address
    space limit. pyarrow's first array would reserve about 1 GB of it (a text dtype once
    taken from an empty Series at import did): hostile files would then meet the limit
    at half their size, and a thread could no longer start."""
    limits = Limits()
    used = run_limited(hostile.address_space_mb, limits=limits)
    assert used < limits.parse_memory_bytes / MB / 2, used


def test_a_native_abort_stops_the_child_only() -> None:
    with pytest.raises(ChildFailed) as failed:
        run_limited(hostile.abort_now, limits=Limits())
    assert failed.value.kind == "memory"  # an abort under RLIMIT_AS is a failed allocation


def test_a_child_past_the_wall_time_is_killed() -> None:
    start = time.monotonic()
    with pytest.raises(ChildFailed) as failed:
        run_limited(hostile.sleep_for, 60, limits=Limits(parse_wall_seconds=1))
    assert failed.value.kind == "time"
    assert time.monotonic() - start < HANG_GUARD_S


def test_a_child_past_the_cpu_time_is_stopped_by_the_kernel() -> None:
    limits = Limits(parse_cpu_seconds=1, parse_wall_seconds=120)
    start = time.monotonic()
    with pytest.raises(ChildFailed) as failed:
        run_limited(hostile.spin_cpu, 60, limits=limits)
    assert failed.value.kind == "time"
    assert time.monotonic() - start < HANG_GUARD_S


DIRECT_FORK = """
import os, sys, threading
from monitoring.config.settings import Limits
from monitoring.intake.isolation import ChildFailed, start_limited
from tests import hostile
me = os.getpid()
limits = Limits(parse_memory_bytes=1024 * 1024 * 1024)
# A single thread: the child is forked from this process itself.
direct = start_limited(os.getppid, limits=limits, direct=True).result() == me
try:
    start_limited(hostile.hog_memory, 4096, limits=limits, direct=True).result()
    limited = False
except ChildFailed as failed:
    limited = failed.kind == "memory"
# A second thread alive: the fork server's child, never a fork of this process.
stop = threading.Event()
threading.Thread(target=stop.wait).start()
served = start_limited(os.getppid, limits=limits, direct=True).result() != me
stop.set()
print(direct, limited, served)
"""


def test_a_single_threaded_process_forks_its_child_itself_under_the_same_limits() -> None:
    """The command line forks the parse child directly (no fork server to wait for); a
    process with threads never does, and the direct child has the same limits."""
    done = subprocess.run(
        [sys.executable, "-c", DIRECT_FORK],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split() == ["True", "True", "True"], done.stderr[-2000:]


def test_an_unexpected_error_in_the_child_gives_a_reference_not_its_text() -> None:
    with pytest.raises(ChildFailed) as failed:
        run_limited(hostile.raise_error, "internal detail /srv/secret", limits=Limits())
    assert failed.value.kind == "crash"
    assert failed.value.reference and len(failed.value.reference) == 8
    assert "/srv/secret" not in str(failed.value)


@pytest.mark.parametrize(
    ("limits", "key", "fr", "en"),
    [
        (Limits(parse_wall_seconds=0.001), "parse_time", "dépassé le temps", "took longer"),
        (Limits(parse_memory_bytes=512 * MB), "parse_memory", "plus de mémoire", "more memory"),
    ],
)
def test_a_failed_child_is_a_rejection_naming_the_file_in_both_languages(
    limits: Limits, key: str, fr: str, en: str
) -> None:
    # A cell at the last row and column allowed: calamine allocates the whole range
    # (30 million cells, about 1 GB), more than 512 MB; the child's limit is total
    # address space, about 0.4 GB of which the fork server's imports already take.
    data = hostile.raw_workbook({"Mesures": hostile.far_cell_sheet("CV300001")})
    issue = refused(read("plan.xlsx", data, limits), key)
    assert issue.code == "size-limit"
    assert fr in issue.message("fr") and en in issue.message("en")


def test_a_legal_workbook_read_in_the_child_comes_back_whole() -> None:
    result = read("plan.xlsx", hostile.simple_workbook())
    assert result.issues == []
    assert result.workbook is not None
    assert result.workbook.sheets[0].rows == [
        ["Mesure", "Intitulé"],
        ["M1", "Former"],
        ["M2", "Loger"],
    ]


# --- The workbook of issue 12: `id` and `r:id` naming different parts -------------------


@pytest.mark.parametrize("order", [("id", "r:id"), ("r:id", "id")])
def test_a_sheet_declared_with_two_ids_is_checked_in_the_part_the_reader_opens(
    order: tuple[str, str],
) -> None:
    data = hostile.two_ids_workbook(order=order)
    assert len(data) < 20_000  # a small file, as in the issue (12.6 KB)
    before = peak_rss_mb()
    issue = refused(read("plan.xlsx", data), "columns_beyond")
    assert issue.code == "size-limit" and issue.sheet == "Mesures"
    assert "XFD" in issue.message("en") and "XFD" in issue.message("fr")
    assert peak_rss_mb() - before < 100


def test_the_reader_alone_on_that_workbook_dies_in_the_child_not_here() -> None:
    # Without the pre-flight, calamine asks for 512 GiB and aborts: only the child goes.
    before = peak_rss_mb()
    with pytest.raises(ChildFailed) as failed:
        run_limited(hostile.calamine_only, hostile.two_ids_workbook(), limits=Limits())
    assert failed.value.kind == "memory"
    assert peak_rss_mb() - before < 100
    assert read("plan.xlsx", hostile.simple_workbook()).issues == []  # the next one reads


@pytest.mark.parametrize("command", ["validate", "import"])
def test_the_command_line_refuses_that_workbook_and_exits_cleanly(
    command: str, tmp_path: Path
) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(hostile.two_ids_workbook())
    argv = [sys.executable, "-m", "monitoring.cli", command, str(path), "--lang", "en"]
    if command == "import":
        argv += ["--dataset", "demo", "--note", "issue 12"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLAN_MONITORING_STATE_DIR": str(tmp_path)}
    env.pop("PLAN_MONITORING_DATABASE_URL", None)
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)  # not 134
    assert "plan.xlsx" in done.stdout and "XFD" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_load_bytes_refuses_that_workbook_through_the_child() -> None:
    result = load_bytes("plan.xlsx", hostile.two_ids_workbook())
    assert result.dataset is None
    assert [i.key for i in result.report.errors] == ["columns_beyond"]


# --- A scan that cannot be split around a cell reference -------------------------------


@pytest.mark.parametrize("ref", ["XFD16384", "A1048576"])
def test_a_cell_reference_across_the_old_block_seam_is_found(ref: str) -> None:
    data = hostile.seam_workbook(ref)
    key = "columns_beyond" if ref.startswith("XFD") else "rows_beyond"
    refused(read("plan.xlsx", data), key)


@pytest.mark.parametrize(
    "cell",
    [
        # calamine takes the last `r` of a tag
        '<c r="A3" r="XFD1048576"><v>1</v></c>',
        '<c r="A3" r = "XFD1048576"><v>1</v></c>',
        # a `/>` inside an attribute value does not end the tag for calamine
        '<c r="XFD1048576" x="/>"><v>1</v></c>',
        '<c r="XFD1048576" x=\'"/>\'><v>1</v></c>',
        # `<` and `</row>` inside an attribute value (calamine accepts both)
        '<c x="</row>" r="XFD1048576"><v>1</v></c>',
        '<c r="A3" x="a<b" r="XFD1048576"><v>1</v></c>',
        # no space before the second `r`
        '<c r="A3" x="1"r="XFD1048576"><v>1</v></c>',
    ],
)
def test_a_cell_beyond_the_limits_hidden_in_its_tag_is_found(cell: str) -> None:
    refused(read("plan.xlsx", hostile.cell_trick_workbook(cell)), "columns_beyond")


def test_styled_empty_cells_far_away_stay_accepted() -> None:
    cells = '<c r="XFD1048576" s="1"/><c r="B3" t="inlineStr"><is><t>x</t></is></c>'
    result = read("plan.xlsx", hostile.cell_trick_workbook(cells))
    assert result.issues == [] and result.workbook is not None


@given(st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_scan_blocks_never_split_a_tag(sizes: list[int]) -> None:
    # The splitter alone (bytes in, bytes out: no parser runs here), on any chunking:
    # rows longer than the carry are cut too, and never inside a tag.
    tags = [b'<c r="A3" x="row>" t="inlineStr">', b'<c r="B3" x="a>b" t="inlineStr">']
    body = hostile.sheet_xml(
        [["Mesure", "Intitulé"], ["M1", "x" * 200]],
        extra=f'<row r="3">{tags[0].decode()}<is><t>a</t></is></c>'
        f"{tags[1].decode()}<is><t>b</t></is></c></row>",
    )
    chunks, at = [], 0
    for size in sizes:
        chunks.append(body[at : at + size])
        at += size
    chunks.append(body[at:])
    with patch.object(worksheets, "MAX_CARRY", 256):
        blocks = [b for _, b in worksheets.row_blocks(iter(chunks), "plan.xlsx") if b]
    assert b"".join(blocks) == body
    for block in blocks[1:]:
        assert block.startswith(b"<")  # every block starts a tag: none was cut in two
    for tag in [*tags, b'<c r="A2" t="inlineStr">']:
        assert any(tag in block for block in blocks)


def test_a_tag_longer_than_the_carry_is_refused_as_malformed() -> None:
    chunks = [b"<row>", b'<c r="A1" x="', b"y" * 100, b"y" * 100, b'"/></row>']
    with patch.object(worksheets, "MAX_CARRY", 64), pytest.raises(preflight.Rejected) as refusal:
        list(worksheets.row_blocks(iter(chunks), "plan.xlsx"))
    assert refusal.value.issue.key == "xml_malformed"


# --- Sheet parts found as calamine finds them --------------------------------------------


def test_a_relationship_naming_its_part_in_other_letter_case_is_followed() -> None:
    refused(read("plan.xlsx", hostile.other_case_target_workbook()), "columns_beyond")


def test_two_members_whose_names_differ_only_by_case_are_refused() -> None:
    data = hostile.rewrite(
        hostile.simple_workbook(), add={"XL/Worksheets/Sheet1.xml": hostile.far_cell_sheet()}
    )
    refused(read("plan.xlsx", data), "duplicate_member")


# --- .ods repeat attributes in any quoting ----------------------------------------------


@pytest.mark.parametrize(("quote", "space"), [("'", ""), ("'", " "), ('"', " "), ('"', "\n")])
@pytest.mark.parametrize(("rows", "columns"), [(1_000_000, 10), (10, 16_384)])
def test_ods_repeated_cells_are_counted_whatever_the_quoting(
    quote: str, space: str, rows: int, columns: int
) -> None:
    data = hostile.ods_repeated(rows, columns, quote=quote, space=space)
    assert len(data) < 5_000
    refused(read("plan.ods", data), "ods_too_big", file="plan.ods")


def test_ods_repeated_within_the_limits_is_read_expanded() -> None:
    result = read("plan.ods", hostile.ods_repeated(3, 2, quote="'", space=" "))
    assert result.issues == [] and result.workbook is not None
    assert result.workbook.sheets[0].rows[1:] == [[1, 1]] * 3


# --- One budget for all the files of one upload -------------------------------------------


def test_csv_files_in_a_zip_count_unpacked_against_the_size_limit() -> None:
    limits = Limits(max_file_bytes=MB)
    one = hostile.csv_text(700_000)
    archive = hostile.make_zip([("Mesures.csv", one), ("Suivi.csv", one)])
    assert len(archive) < MB  # the zip itself is under the limit
    issue = refused(read("plan.zip", archive, limits), "unpacked_too_big", file="plan.zip")
    assert "1 MB" in issue.message("en")
    accepted = read("plan.zip", hostile.make_zip([("Mesures.csv", one)]), limits)
    assert accepted.workbook is not None


def test_several_files_of_one_upload_share_one_size_limit() -> None:
    limits = Limits(max_file_bytes=MB)
    files = [Upload(f"{name}.csv", hostile.csv_text(400_000)) for name in ("a", "b", "c")]
    result = read_isolated(files, limits)
    assert result.workbook is None
    issue = next(i for i in result.issues if i.key == "upload_too_big")
    assert issue.file == "c.csv" and issue.code == "size-limit"
    assert "1 MB" in issue.message("en") and "1\u202fMo" in issue.message("fr")
    assert read_isolated(files[:2], limits).workbook is not None


# --- Macros found by content, not by name -------------------------------------------------


@pytest.mark.parametrize("how", ["upper", "content-type", "relationship"])
def test_a_vba_project_is_refused_whatever_its_name(how: str) -> None:
    issue = refused(read("plan.xlsx", hostile.macro_workbook(how)), "macro")
    assert issue.code == "macro-file"


# --- Re-reads of an upload: the annotated workbook ---------------------------------------


def test_the_annotated_workbook_of_that_workbook_is_built_in_the_child() -> None:
    files = [Upload("plan.xlsx", hostile.two_ids_workbook())]
    report = load_bytes("plan.xlsx", files[0].data).report
    before = peak_rss_mb()
    data = annotated_upload(files, report, "en")
    assert peak_rss_mb() - before < 100
    book = openpyxl.load_workbook(io.BytesIO(data))  # our own output, not the upload
    assert book.sheetnames == ["Erreurs"] or book.sheetnames[0] == "Errors"
    texts = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert any("XFD" in text for text in texts)


def test_a_download_is_built_once_however_many_clicks() -> None:
    calls: list[int] = []
    once = Once(lambda: bytes([len(calls.append(1) or calls)]))
    assert [once(), once(), once()] == [b"\x01"] * 3
    assert once.builds == 1 and len(calls) == 1


def test_an_upload_over_the_cell_limit_is_refused_before_it_reaches_the_server() -> None:
    issue = refused(
        read("plan.xlsx", hostile.simple_workbook(), Limits(max_cells=5)), "too_many_cells"
    )
    assert issue.code == "size-limit" and issue.params == {"count": 6, "limit": 5}
    assert read("plan.xlsx", hostile.simple_workbook(), Limits(max_cells=6)).workbook is not None
