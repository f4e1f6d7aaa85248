"""AppTest: the Overview's key figures are given the width their label and value need, so
Streamlit does not cut a label ("Recommandations ret…") wider than its box.

The widths a text needs are measured here at Source Sans' average character width
(about 0.48 em: 6.7 px at the labels' 14 px, 17 px at the values' 36 px), not read from the
app's own constants. What the browser finally draws is not seen by AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from views.common import metric_width

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
LABEL_PX = 0.48 * 14
VALUE_PX = 0.48 * 36
HELP_ICON = 20


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("dataset", ["france", "demo"])
def test_every_key_figure_is_as_wide_as_its_label_and_its_value(dataset, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": dataset, "lang": lang})
    at.run()

    figures = [(m.label, m.value) for m in at.metric]

    assert figures
    for label, value in figures:
        width = metric_width(label, value)
        assert width >= LABEL_PX * len(label) + HELP_ICON, label
        assert width >= VALUE_PX * len(value), value
