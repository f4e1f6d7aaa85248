"""AppTest: every page of the dashboard, in both languages, on both shipped datasets, runs
through the real entrypoint without failing and shows its title.

The pages are read from their declarations (`monitoring.present.pages.PAGES`), which the
entrypoint's navigation reads too, so a new page is checked as soon as it is declared.
One app session per dataset and language visits every page in turn, as a coordinator
clicking through the navigation would; every failing page is reported, not only the first.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitoring.contract.schema import Lang
from monitoring.text.i18n import t
from tests.app.helpers import DASHBOARD, page_failures, registered_pages

APP = DASHBOARD
PAGES = [(name, key) for name, key, _path in registered_pages()]


def visit(at: AppTest, name: str, title_key: str, lang: Lang) -> list[str]:
    """Open the page `name` in the running app; what is wrong with it (empty when fine)."""
    if name != "overview":  # the default page: the first run shows it
        at.switch_page(f"views/{name}.py")
    at.run()
    problems = page_failures(at)
    titles = [title.value for title in at.title]
    if not problems and titles[:1] != [t(title_key, lang)]:
        problems.append(f"title {titles!r}, expected {t(title_key, lang)!r}")
    return [f"{name}: {problem}" for problem in problems]


def test_the_dashboard_registers_every_page_of_views() -> None:
    views = {path.stem for path in APP.parent.joinpath("views").glob("*.py")}
    names = [name for name, _key in PAGES]
    assert len(names) == len(set(names)) >= 10
    assert set(names) <= views
    assert [key for _name, key in PAGES] == [f"page.{name}" for name in names]


def visit_all(lang: Lang, **query: str) -> list[str]:
    """Visit every page in one app session opened with `query`; what is wrong, page by page."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"lang": lang, **query})
    return [problem for name, key in PAGES for problem in visit(at, name, key, lang)]


# `failures_allowed`: these tests check each run themselves, to report every failing page.
@pytest.mark.parametrize("dataset", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_runs_and_shows_its_title(
    dataset: str, lang: Lang, failures_allowed: None
) -> None:
    problems = visit_all(lang, dataset=dataset)  # as a new user opens it: as of today
    assert not problems, f"{dataset}, {lang}:\n" + "\n".join(problems)


@pytest.mark.parametrize("dataset", ["france", "demo"])
def test_every_page_runs_at_a_date_before_any_plan(dataset: str, failures_allowed: None) -> None:
    problems = visit_all("fr", dataset=dataset, as_of="2010-01-01")  # nothing known yet
    assert not problems, f"{dataset}, 2010-01-01:\n" + "\n".join(problems)
