"""How a number column's cells read in the app: the language's separators, no decimals on
a whole value, one otherwise, a dash for what is not known (never a zero)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monitoring.present.sections import number_text


@pytest.mark.parametrize(
    ("kind", "lang", "value", "expected"),
    [
        ("integer", "fr", 2897, "2\u202f897"),
        ("integer", "en", 2897, "2,897"),
        ("integer", "fr", 1801.0, "1\u202f801"),  # a float column of whole days
        ("number", "fr", 377.5, "377,5"),
        ("number", "en", 12345.75, "12,345.8"),
        ("number", "fr", 12.0, "12"),
        ("integer", "fr", 0, "0"),
        ("integer", "fr", pd.NA, "—"),
        ("number", "en", float("nan"), "—"),
        ("integer", "fr", None, "—"),
        ("integer", "fr", np.int64(4170), "4\u202f170"),  # a numpy integer, as pandas gives
        ("number", "fr", "trop peu", "trop peu"),  # words in a number column: as they are
    ],
)
def test_a_number_cell_reads_the_language_s_way(kind, lang, value, expected):
    assert number_text(kind, lang)(value) == expected
