"""The format docs: generated from the contract, complete, and never stale in the repository."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

import monitoring.devtools.docs
import monitoring.present.contract_docs
import monitoring.present.workbook
from monitoring.contract.schema import DEFAULT_SCALE, LANGS, SHEETS, ColumnType, Lang
from monitoring.devtools.docs import main, page_path, stale_pages, write_pages
from monitoring.intake.problems import CODES
from monitoring.present.contract_docs import format_page, general_rules, type_name
from monitoring.text.locales.docs import MESSAGES


def test_generated_format_docs_are_up_to_date() -> None:
    stale = stale_pages()

    assert not stale, f"stale: {[p.name for p in stale]}; run `python -m monitoring.devtools.docs`"


def test_check_names_the_stale_page_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pages(tmp_path)
    assert main(["--check", "--dir", str(tmp_path)]) == 0
    page_path("en", tmp_path).write_text("edited by hand\n", encoding="utf-8")

    assert main(["--check", "--dir", str(tmp_path)]) == 1

    message = capsys.readouterr().err
    assert "workbook-format.en.md" in message
    assert "workbook-format.fr.md" not in message


def test_check_fails_when_a_page_is_missing(tmp_path: Path) -> None:
    assert main(["--check", "--dir", str(tmp_path)]) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_docs_mention_every_sheet_and_every_header_in_both_languages(lang: Lang) -> None:
    sections = format_page(lang).split("\n### ")[1:]

    for sheet, section in zip(SHEETS, sections, strict=True):
        heading = section.splitlines()[0]
        assert sheet.fr in heading
        assert sheet.en in heading
        rows = [line for line in section.splitlines() if line.startswith("| ")]
        for column in sheet.columns:
            row = next(r for r in rows if r.startswith(f"| {column.fr} | {column.en} |"))
            assert column.description(lang) in row


@pytest.mark.parametrize("lang", LANGS)
def test_docs_list_every_issue_code_with_severity_and_meaning(lang: Lang) -> None:
    page = format_page(lang)

    for code in CODES:
        assert re.search(rf"^\| `{re.escape(code)}` \| \w+ \| .+ \|$", page, re.MULTILINE), code


@pytest.mark.parametrize("lang", LANGS)
def test_docs_list_the_default_status_scale_in_both_languages(lang: Lang) -> None:
    page = format_page(lang)

    for item in DEFAULT_SCALE:
        assert f"| {item.order} | {item.label} | {item.en} |" in page


@pytest.mark.parametrize("lang", LANGS)
def test_docs_state_the_general_rules_and_the_contract_version(lang: Lang) -> None:
    page = format_page(lang)

    for rule in general_rules(lang):
        assert f"- {rule}" in page


def test_every_issue_code_has_a_one_line_explanation_and_no_other() -> None:
    explained = {key.removeprefix("code.") for key in MESSAGES if key.startswith("code.")}

    assert explained == set(CODES)
    for code in CODES:
        assert all("\n" not in text for text in MESSAGES[f"code.{code}"])


def test_every_column_type_has_a_name_in_both_languages() -> None:
    for column_type in typing.get_args(ColumnType):
        assert type_name(column_type, "fr")
        assert type_name(column_type, "en")


def test_every_key_of_the_docs_catalogue_is_used() -> None:
    sources = "".join(
        Path(module.__file__).read_text(encoding="utf-8")  # type: ignore[arg-type]
        for module in (
            monitoring.present.contract_docs,
            monitoring.devtools.docs,
            monitoring.present.workbook,
        )
    )

    # `code.<code>` keys are looked up by code (checked against `CODES` above).
    unused = [k for k in MESSAGES if not k.startswith("code.") and f'"{k}"' not in sources]
    assert not unused


def test_docs_say_which_date_columns_take_a_month_or_a_year_and_where_the_latest_goes() -> None:
    fr, en = format_page("fr"), format_page("en")

    assert "« Date » (Chronologie)" in fr and "« mars 2014 »" in fr and "aucun jour" in fr
    assert "« Adopté le »" not in fr.split("Dates imprécises")[1].split("\n")[0]
    assert '"Date" (Events)' in en and '"March 2014"' in en and "no day is ever" in en
    assert "Jamais avant « Date » ; égale à « Date », elle est enregistrée vide." in fr
    assert 'Never before "Expected by"; equal to "Expected by", it is stored empty.' in en


def test_docs_give_the_published_verdicts_rules_in_both_languages() -> None:
    fr, en = format_page("fr"), format_page("en")

    assert "### Feuille « Verdicts publiés » (anglais : « Published verdicts »)" in fr
    assert "Une seule ligne par combinaison de « Plan », « Évaluateur », « Date »." in fr
    assert "la somme des comptes ne dépasse pas « Mesures couvertes »" in fr
    assert 'One row only per combination of "Plan ID", "Assessor", "Published on".' in en
    assert "A count left empty is unknown, not zero." in en


def test_every_setting_the_code_reads_is_in_the_readmes_settings_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert monitoring.devtools.docs.undocumented_settings() == []
    readme = tmp_path / "README.md"
    rows = monitoring.devtools.docs.README.read_text(encoding="utf-8").splitlines()
    readme.write_text(
        "\n".join(r for r in rows if not r.startswith("| `PLAN_MONITORING_DATA_DIR`")),
        encoding="utf-8",
    )

    assert monitoring.devtools.docs.undocumented_settings(readme) == ["PLAN_MONITORING_DATA_DIR"]
    assert main(["--check", "--readme", str(readme)]) == 1
    assert "PLAN_MONITORING_DATA_DIR" in capsys.readouterr().err
