"""The test tiers: what a test costs is declared by a marker, and checked.

`tests/unit` holds the fast tier: tests of the core that run in the test's own process,
in milliseconds. A unit test that needs more says so with a marker (registered in
pyproject.toml):

- `chromium`: renders chart images with kaleido, which drives Debian's Chromium;
- `pdf`: writes the PDF dossier, with the system's Liberation Sans fonts;
- `subprocess`: starts a process: a command (`python -m monitoring.cli`, git), or the
  child that parses an upload (`monitoring.intake.isolation`, through a fork server);
- `scale`: seconds, not milliseconds: a large workbook (thousands of measures), a
  property test over many generated cases, or every chart or table of a whole dataset.

Each of these also gets `slow`: `pytest tests/unit -m "not slow"` (`make fast`) is the fast
tier; `make test` runs every tier. The markers are kept true: a unit test without
`chromium` that renders an image, without `pdf` that loads a PDF font, or without
`subprocess` (or `chromium`) that starts a command fails, saying which marker it needs.
The upload's child is not checked: once the fork server runs, and behind the test files'
cached loads of the shipped datasets, whether a test starts one depends on which tests ran
before it in the same worker.

A test marked `chromium` or `pdf` fails, never skips, when Chromium or the fonts are
missing, saying what to install (`make test` installs them as root: `.ci/system-deps`).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

UNIT = Path(__file__).resolve().parent / "unit"
COSTS = ("chromium", "pdf", "subprocess", "scale")
MISSING = (
    "{part}: not installed. `sudo apt-get install -y {package}` (or `sudo make "
    "system-deps`, which `make test` runs); this test needs it and is never skipped"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(name) for name in COSTS):
            item.add_marker(pytest.mark.slow)


def _recording(original: Callable[..., Any], seen: list[str], what: str) -> Callable[..., Any]:
    """`original`, noting `what` in `seen` at each call (the call itself goes ahead)."""

    def recorded(*args: Any, **kwargs: Any) -> Any:
        seen.append(what)
        return original(*args, **kwargs)

    return recorded


def _started_command(original: Callable[..., Any], seen: list[str]) -> Callable[..., Any]:
    """`subprocess.Popen._execute_child`, noting the command it starts in `seen`."""

    def execute_child(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> Any:
        command = args if isinstance(args, str) else " ".join(map(str, args))
        seen.append(f"subprocess: starts `{command[:120]}`")
        return original(self, args, *rest, **kwargs)

    return execute_child


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail (never skip) a test marked `chromium` or `pdf` whose system part is missing.

    A hook, not a fixture: it runs before any fixture, so that none can skip first.
    """
    if item.get_closest_marker("chromium"):
        from monitoring.present.exports import chromium_available

        if not chromium_available():
            pytest.fail(MISSING.format(part="Debian's Chromium", package="chromium"), False)
    if item.get_closest_marker("pdf"):
        from monitoring.present.dossier_pdf import FontUnavailable, font_paths

        try:
            font_paths()
        except FontUnavailable as missing:
            pytest.fail(f"{missing}\n" + MISSING.format(part="the PDF's fonts",
                        package="fonts-liberation"), False)  # fmt: skip


@pytest.fixture(autouse=True)
def unit_costs_are_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Fail a unit test that does what only a marked test may do (see the module's text)."""
    if UNIT not in Path(str(request.node.fspath)).resolve().parents:
        yield
        return
    marked = {name for name in COSTS if request.node.get_closest_marker(name)}
    seen: list[str] = []
    if not marked & {"subprocess", "chromium"}:
        monkeypatch.setattr(
            subprocess.Popen,
            "_execute_child",
            _started_command(subprocess.Popen._execute_child, seen),  # type: ignore[attr-defined]
        )
    if "chromium" not in marked:
        from plotly.basedatatypes import BaseFigure

        for name in ("to_image", "write_image"):
            what = f"chromium: renders a chart image (Figure.{name}, kaleido)"
            monkeypatch.setattr(BaseFigure, name, _recording(getattr(BaseFigure, name), seen, what))
    if "pdf" not in marked:
        from fpdf import FPDF

        what = "pdf: writes a PDF with the system fonts (FPDF.add_font)"
        monkeypatch.setattr(FPDF, "add_font", _recording(FPDF.add_font, seen, what))
    yield
    if "chromium" in {line.split(":")[0] for line in seen}:  # kaleido starts Chromium itself
        seen = [
            line for line in seen if "chromium" not in line.lower() or line.startswith("chromium")
        ]
    if seen:
        needed = sorted({line.split(":")[0] for line in seen})
        pytest.fail(
            f"this unit test needs the marker(s) {', '.join(needed)} "
            f"(@pytest.mark.<name>, see tests/conftest.py):\n" + "\n".join(sorted(set(seen))),
            pytrace=False,
        )
