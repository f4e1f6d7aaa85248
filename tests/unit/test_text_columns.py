"""Text columns (`contract.dataset.text_series`): built by pyarrow straight from the
strings, they hold what pandas' own "str" conversion gives, for every kind of value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monitoring.contract.dataset import TEXT_DTYPE, text_series

CASES = {
    "strings and None": ["Réalisée", None, "En cours", "", "é\x00z", "Réalisée"],
    "no value at all": [None, None],
    "empty": [],
    "numbers among strings": ["M1", 5, 2.5, True, None],
    "NaN": [float("nan"), "a"],
    "object array": np.array(["a", None, "b"], dtype=object),
}


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_a_text_column_holds_what_pandas_str_gives(values) -> None:  # type: ignore[no-untyped-def]
    built = text_series(values)
    expected = pd.Series(values, dtype="str")
    assert built.dtype == expected.dtype == TEXT_DTYPE
    pd.testing.assert_series_equal(built, expected)
    assert built.isna().tolist() == expected.isna().tolist()


def test_a_string_python_cannot_encode_is_refused_as_pandas_refuses_it() -> None:
    with pytest.raises(UnicodeEncodeError):
        text_series(["a\ud800"])
