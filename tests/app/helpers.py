"""What several AppTest files use: the pages, checking that a page did not fail, tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from monitoring.contract.schema import LANGS
from monitoring.present.pages import PAGES
from monitoring.text.i18n import t

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"


def registered_pages() -> list[tuple[str, str, str]]:
    """(file name in views/, title key, url path) of every page `monitoring.present.pages` declares,
    in the navigation's order: a page declared there is checked without a list here."""
    return [(page.id, page.title_key, page.id) for page in PAGES]


# The text before the reference number of `views.errors.reporting_errors`' error box, in
# each language ("Une erreur inattendue s'est produite. Référence : ").
_MARK = "\x00"
INTERNAL_ERROR_PREFIXES = tuple(
    t("errors.internal", lang, ref=_MARK).split(_MARK)[0] for lang in LANGS
)


def page_failures(at: AppTest) -> list[str]:
    """What shows that the last run failed: its exceptions and reference-only error boxes."""
    # Streamlit redacts the exception (client.showErrorDetails): its traceback is in the
    # test's captured log ("Unexpected error, reference …") or captured stderr.
    failures = [
        f"exception (traceback in the captured log): {e.proto.type or e.proto.message}"
        for e in at.exception
    ]
    failures += [
        f"error box: {box.value}"
        for box in at.error
        if str(box.value).startswith(INTERNAL_ERROR_PREFIXES)
    ]
    return failures


def assert_page_ok(at: AppTest) -> AppTest:
    """Fail the test when the last run raised or showed the reference-only error box.

    The AppTest suite runs with `PLAN_MONITORING_RAISE_ERRORS=1`, so a failing page is
    an exception here; the error box is checked too, for a run with the setting off.
    `tests/app/conftest.py` calls this after every run; tests also call it where the
    absence of failure is the point.

    Returns:
        `at`, to chain.
    """
    failures = page_failures(at)
    assert not failures, "the page failed:\n" + "\n".join(failures)
    return at


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table of the page that has `column`; fails the test if none has."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table has a column {column!r}")
