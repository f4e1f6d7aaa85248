"""Properties of table exports over generated text (bad inputs, cases 52-55): whatever a
user typed, a CSV field never starts with a trigger character and an XLSX cell is a string
equal to the text, quote-prefixed when it starts with a trigger; numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.present import exports
from monitoring.present.exports import Stamp

TRIGGER_TEXT = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠", "{"])
# Text as users type it (control characters included), often starting with a trigger. XML
# cannot hold most C0 controls: xlsxwriter writes them as `_xHHHH_`, as Excel does.
TEXT = st.one_of(
    st.text(max_size=40),
    st.builds(lambda head, tail: head + tail, TRIGGER_TEXT, st.text(max_size=40)),
)
TEXTS = st.lists(TEXT, min_size=1, max_size=8)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
)


def stamp(lang: str) -> Stamp:
    return Stamp("T", None, dt.date(2025, 2, 1), "D", "1", "S", lang)  # type: ignore[arg-type]


def ooxml_text(value: str) -> str:
    """Text as Excel reads it (`_xHHHH_` escapes decoded; openpyxl leaves them)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), value)


@pytest.mark.scale
@settings(max_examples=150, deadline=None)
@given(texts=TEXTS, lang=st.sampled_from(["fr", "en"]))
def test_no_csv_field_ever_starts_with_a_trigger_character(texts: list[str], lang: str) -> None:
    frame = pd.DataFrame({"text": texts})
    data = exports.table_csv(frame, stamp(lang))
    assert data.startswith(b"\xef\xbb\xbf")
    delimiter = ";" if lang == "fr" else ","
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))
    assert [row[0] for row in rows[1:]] == [exports.neutralise(text) for text in texts]
    for (field, *_), text in zip(rows[1:], texts, strict=True):
        assert not field.startswith(exports.TRIGGERS)
        assert (field[1:] if text.startswith(exports.TRIGGERS) else field) == text


@pytest.mark.scale
@settings(max_examples=100, deadline=None)
@given(numbers=st.lists(NUMBERS, min_size=1, max_size=8), lang=st.sampled_from(["fr", "en"]))
def test_csv_numbers_are_never_prefixed_and_read_back_equal(numbers: list, lang: str) -> None:
    frame = pd.DataFrame({"n": numbers}, dtype=object)
    rows = list(
        csv.reader(
            io.StringIO(exports.table_csv(frame, stamp(lang)).decode("utf-8-sig"), newline=""),
            delimiter=";" if lang == "fr" else ",",
        )
    )
    for number, (field,) in zip(numbers, rows[1:], strict=True):
        assert not field.startswith("'")
        assert float(field.replace(",", ".")) == float(number)


@pytest.mark.scale
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=TEXTS)
def test_an_xlsx_cell_is_a_string_equal_to_the_text_never_a_formula(texts: list[str]) -> None:
    frame = pd.DataFrame({"text": texts, "n": range(len(texts))})
    book = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, stamp("fr"))))
    ws = book.worksheets[0]
    assert not ws._hyperlinks
    for row, text in enumerate(texts, start=5):
        cell = ws.cell(row, 1)
        if text == "":
            assert cell.value in (None, "")
            continue
        assert cell.data_type == "s"
        assert ooxml_text(cell.value) == text
        assert bool(cell.quotePrefix) == text.startswith(exports.XLSX_TRIGGERS)
        number = ws.cell(row, 2)
        assert number.data_type == "n" and number.value == row - 5
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
