"""Text columns that repeat a few values (voices, assessors, comments) are checked once per
distinct cell (`convert._few_texts`): the same values, blanks and problems as cell by cell."""

from __future__ import annotations

import dataclasses

import pytest

from monitoring.contract.dataset import StatusScale
from monitoring.contract.schema import SHEETS_BY_ID
from monitoring.intake.validation import convert
from monitoring.intake.validation.convert import convert_column

COMMENT = SHEETS_BY_ID["status_updates"].column("comment")


def _convert(values: list[object], col=COMMENT):  # type: ignore[no-untyped-def]
    col_, bad, _ = convert_column(col, values, date1904=False, scale=StatusScale())
    return col_.values, col_.empty.tolist(), bad


def test_a_repeating_column_is_stripped_and_its_blanks_are_empty() -> None:
    values = ["  Collectif ", "Collectif", "", "\u00a0", "État"] * 20
    texts, empty, bad = _convert(values)
    assert texts == ["Collectif", "Collectif", None, None, "État"] * 20
    assert empty == [False, False, True, True, False] * 20
    assert bad == []


def test_a_repeating_column_without_blanks() -> None:
    texts, empty, bad = _convert(["oui ", "non"] * 30)
    assert texts == ["oui", "non"] * 30 and empty == [False] * 60 and bad == []


@pytest.mark.parametrize("few", [True, False])
@pytest.mark.parametrize(
    ("bad_value", "key"), [("a\x01b", "control_char"), ("trop long", "too_long")]
)
def test_every_bad_cell_of_a_repeating_column_is_reported(
    few: bool, bad_value: str, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A control character, or an over-long text, in a column repeating it or not: each
    bad row is reported, whichever path converts the column."""
    if not few:
        monkeypatch.setattr(convert, "_few_texts", lambda values, col: None)
    short = dataclasses.replace(COMMENT, max_length=5)
    values = ["ok", bad_value, "ok", ""] * 10
    texts, _, bad = _convert(values, short)
    assert texts == ["ok", bad_value, "ok", None] * 10
    assert [(i, k) for i, k, _ in bad] == [(i, key) for i in range(1, 40, 4)]


def test_a_column_mixing_text_and_numbers_is_read_cell_by_cell() -> None:
    texts, _, bad = _convert(["1", 1, 1.0, True, "x"] * 10)
    assert texts == ["1", "1", "1", "True", "x"] * 10 and bad == []
