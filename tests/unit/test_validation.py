"""Validation: every bad input of the contract is reported at its place, in French and English.

Each test starts from the valid minimal workbook of `tests.builders`, changes the cells it
is about, and checks the whole report contract: code, sheet, spreadsheet row, column letter
and header, value as typed, and the message (which says what was expected) in both
languages. Case numbers are those of `docs/hostile-files.md`.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import DEFAULT_SCALE, column_letter
from monitoring.intake.problems import MAX_ISSUES, Issue, Report
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook
from monitoring.intake.validation import validate as validate_and_assemble
from tests.builders import (
    Sheets,
    a_verdict,
    add_row,
    column_index,
    headers,
    letter,
    raw_sheet,
    set_cell,
    synthetic_sheets,
    valid_sheets,
    verdict_rows,
    workbook,
)


def validate(raw: RawWorkbook) -> tuple[Dataset | None, Report]:
    """`validate`, checked against a check alone (`assemble=False`, what `plan-monitoring
    validate` runs) in every test here: the same report, and no dataset."""
    dataset, report = validate_and_assemble(raw)
    alone, checked = validate_and_assemble(raw, assemble=False)
    assert alone is None
    assert checked.issues == report.issues and checked.truncated == report.truncated
    return dataset, report


D = dt.date

DEFAULT_FR = "Réalisée, Partiellement réalisée, En cours, Non réalisée, Non démarrée, Abandonnée, "
DEFAULT_FR += "Non évaluée"
DEFAULT_EN = "Done, Partly done, In progress, Not done, Not started, Dropped, Not assessed"


def check(sheets: Sheets | None = None, **options: bool) -> tuple[Dataset | None, Report]:
    return validate(workbook(sheets, **options))


def accepted(sheets: Sheets | None = None, **options: bool) -> Dataset:
    dataset, report = check(sheets, **options)
    assert report.ok, [i.message("en") for i in report]
    assert dataset is not None
    return dataset


def only(report: Report, code: str) -> Issue:
    """The one issue with this code (and the report refused when it is an error)."""
    found = [i for i in report if i.code == code]
    assert len(found) == 1, [i.message("en") for i in report]
    if found[0].severity == "error":
        assert not report.ok
    return found[0]


def assert_place(
    issue: Issue,
    sheet: str | None,
    row: int | None,
    column: str | None,
    header: str | None = None,
    value: str | None = None,
) -> None:
    assert (issue.sheet, issue.row, issue.column, issue.header, issue.value) == (
        sheet,
        row,
        column,
        header,
        value,
    )


def refused(sheets: Sheets | None = None, **options: bool) -> Report:
    dataset, report = check(sheets, **options)
    assert dataset is None and not report.ok
    return report


def test_the_minimal_workbook_of_the_builders_is_valid_without_a_single_issue() -> None:
    dataset, report = check()
    assert dataset is not None and report.ok and len(report) == 0
    assert list(dataset.measures["measure_id"]) == ["M1", "M2", "M3"]
    assert list(dataset.measures["_row"]) == [2, 3, 4]


# --- Case 18: which sheets --------------------------------------------------------------


def test_missing_sheet_is_reported_with_the_sheets_found_and_never_replaced_by_another() -> None:
    sheets = valid_sheets()
    sheets["Sheet1"] = sheets.pop("Mesures")
    report = refused(sheets)
    issue = only(report, "missing-sheet")
    assert_place(issue, None, None, None)
    found_fr = "« Plans », « Recommandations », « Prise en compte », « Suivi », « Chronologie », "
    found_fr += "« Sheet1 »"
    assert (
        issue.message("fr")
        == f"Feuille « Mesures » introuvable ; feuilles du fichier : {found_fr}."
    )
    assert issue.message("en") == (
        'Sheet "Measures" not found; sheets in the file: "Plans", "Recommandations", '
        '"Prise en compte", "Suivi", "Chronologie", "Sheet1".'
    )
    assert only(report, "extra-sheet").sheet == "Sheet1"


def test_sheet_renamed_measures_2_is_not_taken_for_the_measures_sheet() -> None:
    sheets = valid_sheets()
    sheets["Measures (2)"] = sheets.pop("Mesures")
    report = refused(sheets)
    assert '"Measures (2)"' in only(report, "missing-sheet").message("en")
    extra = only(report, "extra-sheet")
    assert extra.sheet == "Measures (2)"
    assert extra.message("fr") == (
        "Feuille « Measures (2) » : cette feuille ne fait pas partie du format : elle n'est "
        "pas importée."
    )


def test_two_sheets_standing_for_the_measures_are_refused_rather_than_one_picked() -> None:
    sheets = valid_sheets()
    sheets["Measures"] = [list(r) for r in sheets["Mesures"]]
    issue = only(refused(sheets), "duplicate-sheet")
    assert_place(issue, "Measures", None, None)
    assert issue.message("fr") == (
        "Feuille « Measures » : cette feuille et la feuille « Mesures » désignent toutes deux "
        "« Mesures » : gardez-en une seule."
    )
    assert issue.message("en") == (
        'Sheet "Measures": this sheet and sheet "Mesures" both stand for "Measures": keep only one.'
    )


def test_hidden_sheet_standing_for_a_required_one_is_missing_with_the_unhide_hint() -> None:
    issue = only(refused(valid_sheets(), hidden=("Suivi",)), "missing-sheet")
    assert_place(issue, None, None, None)
    assert issue.message("fr") == (
        "La feuille « Suivi » est masquée (« Suivi ») : affichez-la pour l'importer."
    )
    assert (
        issue.message("en") == 'Sheet "Status updates" is hidden ("Suivi"): unhide it to import it.'
    )


def test_the_read_me_sheet_of_the_template_is_ignored_silently() -> None:
    sheets = valid_sheets()
    sheets["Lisez-moi"] = [["Ce classeur suit le plan."]]
    assert len(check(sheets)[1]) == 0


# --- Cases 20–22: merged cells, formulas without a value, error values -------------------


def test_merged_range_is_named_and_its_empty_cells_are_not_also_missing_values() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 4, "Plan", "")  # B4 lies under the merge of B3:B4
    book = workbook(sheets)
    raw_sheet(book, "Mesures").merged = [(2, 1, 3, 1)]
    dataset, report = validate(book)
    assert dataset is None
    issue = only(report, "merged-cells")
    assert_place(issue, "Mesures", 3, "B", "Plan")
    assert issue.message("fr") == (
        "Feuille « Mesures », ligne 3, colonne B (« Plan ») : cellules fusionnées B3:B4 : "
        "défusionnez-les et répétez la valeur dans chaque cellule."
    )
    assert issue.message("en").endswith(
        "merged cells B3:B4: unmerge them and repeat the value in each cell."
    )
    assert report.codes() == ["merged-cells"]


def test_formula_without_a_value_names_the_cell_and_is_not_also_a_missing_value() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Intitulé", "")
    book = workbook(sheets)
    raw_sheet(book, "Mesures").formula_no_value = {(1, 4)}
    report = validate(book)[1]
    issue = only(report, "formula-no-value")
    assert_place(issue, "Mesures", 2, "E", "Intitulé")
    assert "la cellule E2 contient une formule sans valeur calculée" in issue.message("fr")
    assert "cell E2 has a formula but no computed value" in issue.message("en")
    assert report.codes() == ["formula-no-value"]


def test_error_value_in_a_date_cell_is_one_type_error_naming_the_cell() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Début", "#REF!")
    book = workbook(sheets)
    raw_sheet(book, "Plans").error_cells = {(1, 2): "#REF!"}
    report = validate(book)[1]
    issue = only(report, "type-error")
    assert_place(issue, "Plans", 2, "C", "Début", "#REF!")
    assert issue.message("fr") == (
        "Feuille « Plans », ligne 2, colonne C (« Début ») : la cellule C2 contient l'erreur "
        "« #REF! » : corrigez la formule ou saisissez une valeur."
    )
    assert issue.message("en").endswith(
        'cell C2 holds the error "#REF!": fix the formula or type a value.'
    )


# --- Case 28 and the header row (29–33) --------------------------------------------------


def test_title_banner_in_row_1_is_missing_label_with_the_headers_in_row_1_hint() -> None:
    sheets = valid_sheets()
    sheets["Mesures"][:0] = [["Plan d'action national 2024"], []]
    report = refused(sheets)
    assert report.codes() == ["missing-label"]  # no blank row, no cell read as data
    issue = report.issues[0]
    assert_place(issue, "Mesures", 1, None)
    assert issue.message("fr") == (
        "Feuille « Mesures », ligne 1 : aucun en-tête attendu en ligne 1, qui contient : "
        "« Plan d'action national 2024 ». Les en-têtes doivent être en ligne 1 : supprimez "
        "les lignes de titre au-dessus."
    )
    assert 'which holds: "Plan d\'action national 2024". Headers must be in row 1' in (
        issue.message("en")
    )


def test_empty_row_1_above_the_headers_is_missing_label_not_an_empty_sheet() -> None:
    sheets = valid_sheets()
    sheets["Plans"][:0] = [[]]
    issue = only(refused(sheets), "missing-label")
    assert_place(issue, "Plans", 1, None)
    assert "Les en-têtes doivent être en ligne 1" in issue.message("fr")
    assert "Headers must be in row 1" in issue.message("en")


def test_duplicate_headers_are_found_on_the_raw_row_naming_both_letters() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 1, "Commentaire", "Commentaire")
    sheets["Suivi"][0].append("Statut")
    first, last = letter(sheets, "Suivi", "Statut"), column_letter(len(sheets["Suivi"][0]) - 1)
    assert (first, last) == ("D", "L")
    issue = only(refused(sheets), "duplicate-label")
    assert_place(issue, "Suivi", 1, last, "Statut")
    assert issue.message("fr") == (
        f"Feuille « Suivi », ligne 1, colonne {last} (« Statut ») : l'en-tête apparaît deux "
        f"fois (colonnes {first} et {last})."
    )
    assert issue.message("en").endswith(f"the header appears twice (columns {first} and {last}).")


def test_french_and_english_headers_of_the_same_column_are_a_duplicate() -> None:
    sheets = valid_sheets()
    sheets["Suivi"][0].append("Status")
    issue = only(refused(sheets), "duplicate-label")
    assert_place(issue, "Suivi", 1, "L", "Status")
    assert issue.message("en").endswith('columns D and L both stand for "Status": keep only one.')
    assert issue.message("fr").endswith(
        "les colonnes D et L désignent toutes deux « Statut » : gardez-en une seule."
    )


@pytest.mark.parametrize(
    "header",
    [
        "Échéance ",
        "ÉCHÉANCE",
        "Échéance\u00a0",
        "Éché\u200bance",
        "ＥＣＨＥＡＮＣＥ",
        "Due date",
        "Echeance",
    ],
)
def test_header_variants_are_matched_to_their_column(header: str) -> None:
    sheets = valid_sheets()
    sheets["Mesures"][0][column_index(sheets, "Mesures", "Échéance")] = header
    sheets["Suivi"][0][column_index(sheets, "Suivi", "Évalué par")] = "Evalue par"
    dataset = accepted(sheets)
    assert dataset.measures["due_date"].iloc[0] == pd.Timestamp("2015-06-30")
    assert list(dataset.status_updates["voice"]) == ["government", "civil_society"]


def test_english_headers_throughout_are_accepted() -> None:
    sheets = valid_sheets()
    for name, sheet_id in [
        ("Plans", "plans"),
        ("Mesures", "measures"),
        ("Suivi", "status_updates"),
    ]:
        sheets[name][0] = headers(sheet_id, "en")
    dataset = accepted(sheets)
    assert list(dataset.plans["plan_id"]) == ["P1", "P2"]


def test_required_column_missing_is_reported_with_the_headers_found() -> None:
    sheets = valid_sheets()
    for row in sheets["Mesures"]:
        del row[3]  # Axe
    issue = only(refused(sheets), "missing-label")
    assert_place(issue, "Mesures", 1, None)
    assert issue.message("fr") == (
        "Feuille « Mesures », ligne 1 : la colonne « Axe » est obligatoire ; en-têtes trouvés : "
        "« Mesure », « Plan », « N° », « Intitulé », « Pilote », « Échéance », « Budget (€) », "
        "« Reprise de », « Source »."
    )
    assert issue.message("en").startswith(
        'Sheet "Mesures", row 1: column "Axis" is required; headers found: "Mesure", "Plan",'
    )


def test_blank_header_above_a_column_holding_data_is_a_blank_label() -> None:
    sheets = valid_sheets()
    sheets["Mesures"][2].extend(["", "note sans en-tête"])  # row 3, column L
    issue = only(refused(sheets), "blank-label")
    assert_place(issue, "Mesures", 1, "L")
    assert issue.message("fr") == (
        "Feuille « Mesures », ligne 1, colonne L : cette colonne contient des données mais pas "
        "d'en-tête en ligne 1."
    )
    assert issue.message("en").endswith("this column holds data but has no header in row 1.")


@pytest.mark.parametrize(("name", "english"), [("Plans", "Plans"), ("Mesures", "Measures")])
def test_header_only_plans_or_measures_sheet_is_no_data_never_an_empty_dataset(
    name: str, english: str
) -> None:
    sheets = valid_sheets()
    del sheets[name][1:]
    report = refused(sheets)
    issue = only(report, "no-data")
    assert report.codes() == ["no-data"]  # not also one error per reference to the sheet
    assert_place(issue, name, None, None)
    assert issue.message("fr") == (
        f"Feuille « {name} » : la feuille n'a aucune ligne de données : un classeur sans "
        "données n'est jamais enregistré."
    )
    assert "the sheet has no data rows" in issue.message("en")


def test_whitespace_only_sheet_is_empty_and_refused() -> None:
    sheets = valid_sheets()
    sheets["Plans"] = [[" ", "\u00a0"], ["", "  "]]
    issue = only(refused(sheets), "no-data")
    assert (
        issue.message("en")
        == 'Sheet "Plans": the sheet is empty: row 1 must hold the column headers.'
    )


def test_header_only_optional_content_sheets_are_fine() -> None:
    sheets = valid_sheets()
    del sheets["Chronologie"][1:]
    del sheets["Prise en compte"][1:]
    dataset = accepted(sheets)
    assert dataset.events.empty and dataset.retention.empty
    assert len(dataset.measures) == 3


# --- Case 34: blank rows ----------------------------------------------------------------


def test_blank_rows_in_the_middle_are_reported_skipped_and_later_rows_keep_their_numbers() -> None:
    sheets = valid_sheets()
    sheets["Mesures"].insert(2, ["", " ", "\u00a0\u202f"])  # row 3, spaces only
    sheets["Mesures"].append([""] * 10)  # trailing: ignored without a word
    sheets["Mesures"].append(["  "])
    set_cell(sheets, "Mesures", 5, "Budget (€)", "beaucoup")
    report = check(sheets)[1]
    blank = only(report, "blank-row")
    assert (blank.severity, blank.sheet, blank.row) == ("warning", "Mesures", 3)
    assert blank.message("fr") == (
        "Feuille « Mesures », ligne 3 : ligne vide au milieu des données : elle est ignorée."
    )
    assert blank.message("en") == 'Sheet "Mesures", row 3: empty row among the data: it is ignored.'
    assert_place(only(report, "type-error"), "Mesures", 5, "H", "Budget (€)", "beaucoup")


def test_blank_rows_are_left_out_of_the_dataset_with_the_spreadsheet_row_numbers() -> None:
    sheets = valid_sheets()
    sheets["Mesures"].insert(2, [])
    dataset, report = check(sheets)
    assert report.ok and report.codes() == ["blank-row"]
    assert dataset is not None
    assert list(dataset.measures["_row"]) == [2, 4, 5]
    assert list(dataset.measures["measure_id"]) == ["M1", "M2", "M3"]


# --- Case 38: duplicate identifiers -----------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "header", "value", "letter"),
    [("Mesures", "Mesure", "M1", "A"), ("Recommandations", "Recommandation", "R1", "A")],
)
def test_duplicate_id_is_reported_naming_both_rows(
    sheet: str, header: str, value: str, letter: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, sheet, 3, header, value)
    issue = only(refused(sheets), "unique-error")
    assert_place(issue, sheet, 3, letter, header, value)
    assert issue.message("fr") == (
        f"Feuille « {sheet} », ligne 3, colonne {letter} (« {header} ») : « {value} » figure "
        "déjà ligne 2 : chaque identifiant doit être unique."
    )
    assert issue.message("en").endswith(
        f'"{value}" already appears in row 2: each identifier must be unique.'
    )


# --- Case 39: statuses and the status scale --------------------------------------------


@pytest.mark.parametrize("typed", ["done", "Done ", "réalisée", "Realisee", "Completed", "Terminé"])
def test_status_variants_and_aliases_mean_the_same_label(typed: str) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 3, "Statut", typed)
    updates = accepted(sheets).status_updates
    assert updates["status"].iloc[1] == "Réalisée"
    assert updates["category"].iloc[1] == "done"


def test_unknown_status_is_rejected_with_row_column_and_the_scale_in_each_language() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 3, "Statut", "✓")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Suivi", 3, "D", "Statut", "✓")
    assert issue.message("fr") == (
        "Feuille « Suivi », ligne 3, colonne D (« Statut ») : « ✓ » n'est pas un statut de "
        f"l'échelle ; statuts possibles : {DEFAULT_FR}."
    )
    assert issue.message("en") == (
        'Sheet "Suivi", row 3, column D ("Statut"): "✓" is not a status of the scale; '
        f"possible statuses: {DEFAULT_EN}."
    )


def _with_scale(*rows: list[Cell]) -> Sheets:
    sheets = valid_sheets()
    sheets["Échelle des statuts"] = [headers("status_scale"), *map(list, rows)]
    return sheets


def test_custom_status_scale_changes_what_is_accepted_and_the_categories() -> None:
    sheets = _with_scale(
        ["Fait", "réalisée", 1, "#1B9E77"],
        ["Pas fait", "non réalisée", 2, ""],
        ["Entamé", "partial"],
    )
    set_cell(sheets, "Suivi", 2, "Statut", "fait")
    set_cell(sheets, "Suivi", 3, "Statut", "Entame")
    dataset = accepted(sheets)
    assert dataset.scale.custom
    assert [s.label for s in dataset.scale.ordered()] == ["Fait", "Pas fait", "Entamé"]
    assert dataset.scale.ordered()[0].colour == "#1B9E77"
    assert list(dataset.status_updates["status"]) == ["Fait", "Entamé"]
    assert list(dataset.status_updates["category"]) == ["done", "partial"]


def test_default_label_outside_a_custom_scale_is_rejected_listing_the_custom_labels() -> None:
    sheets = _with_scale(["Fait", "done"], ["Pas fait", "not done"])
    set_cell(sheets, "Suivi", 3, "Statut", "Pas fait")
    issue = only(refused(sheets), "constraint-error")  # row 2 still says « Réalisée »
    assert_place(issue, "Suivi", 2, "D", "Statut", "Réalisée")
    assert issue.message("fr").endswith("statuts possibles : Fait, Pas fait.")
    assert issue.message("en").endswith("possible statuses: Fait, Pas fait.")


def test_a_custom_label_wins_over_an_alias_of_the_default_scale() -> None:
    sheets = _with_scale(["Réalisée", "done"], ["Terminé", "partial"], ["Non démarrée", "not done"])
    set_cell(sheets, "Suivi", 2, "Statut", "Done")  # the English name of « Réalisée »
    set_cell(sheets, "Suivi", 3, "Statut", "termine")  # not the alias of « Réalisée » here
    dataset = accepted(sheets)
    assert list(dataset.status_updates["status"]) == ["Réalisée", "Terminé"]
    assert list(dataset.status_updates["category"]) == ["done", "partial"]


def test_default_scale_written_in_english_is_the_default_scale_not_a_custom_one() -> None:
    english = [[s.en, c, k] for k, (s, c) in enumerate(
        [(x, x.category.replace("_", " ")) for x in DEFAULT_SCALE], start=1)]  # fmt: skip
    sheets = _with_scale(*english)
    set_cell(sheets, "Suivi", 3, "Statut", "In progress")
    dataset = accepted(sheets)
    assert not dataset.scale.custom
    assert [s.label for s in dataset.scale.ordered()] == [s.label for s in DEFAULT_SCALE]
    assert list(dataset.status_updates["status"]) == ["Réalisée", "En cours"]


def test_french_and_english_names_listed_as_two_labels_stay_two_labels() -> None:
    sheets = _with_scale(["Réalisée", "done"], ["Done", "partial"], ["En cours", "partial"])
    set_cell(sheets, "Suivi", 2, "Statut", "done")
    updates = accepted(sheets).status_updates
    assert list(updates["status"]) == ["Done", "En cours"]
    assert list(updates["category"]) == ["partial", "partial"]


def test_bad_colour_in_the_status_scale_is_reported() -> None:
    sheets = _with_scale(
        ["Réalisée", "done"], ["En cours", "partial", 2, "rouge"], ["Non évaluée", "unknown"]
    )
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Échelle des statuts", 3, "D", "Couleur", "rouge")
    assert issue.message("fr").endswith(
        "« rouge » n'est pas une couleur au format #RRGGBB (exemple : #1F77B4)."
    )
    assert issue.message("en").endswith(
        '"rouge" is not a colour in the #RRGGBB form (example: #1F77B4).'
    )


def test_unknown_category_in_the_status_scale_lists_the_categories() -> None:
    issue = only(refused(_with_scale(["Fait", "finie"])), "constraint-error")
    assert_place(issue, "Échelle des statuts", 2, "B", "Catégorie", "finie")
    assert issue.message("fr").endswith(
        "valeurs possibles : réalisée, partielle, non réalisée, abandonnée, inconnue."
    )
    assert issue.message("en").endswith(
        "possible values: done, partial, not done, dropped, unknown."
    )


def test_unknown_choice_lists_the_allowed_values_in_each_language() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 2, "Évalué par", "Le ministère")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Suivi", 2, "E", "Évalué par", "Le ministère")
    assert issue.message("fr").endswith(
        "valeurs possibles : Gouvernement, Société civile, Évaluation indépendante."
    )
    assert issue.message("en").endswith(
        "possible values: Government, Civil society, Independent evaluation."
    )


# --- Case 40: identifiers and look-alikes -------------------------------------------------


def test_identifiers_stay_text_007_stays_007_and_a_number_cell_7_0_reads_7() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Mesure", "007")
    set_cell(sheets, "Mesures", 3, "Mesure", 7.0)
    set_cell(sheets, "Suivi", 2, "Mesure", "007")
    set_cell(sheets, "Mesures", 4, "Reprise de", "007")
    set_cell(sheets, "Chronologie", 3, "Mesures liées", "007, 7")
    dataset = accepted(sheets)
    assert list(dataset.measures["measure_id"]) == ["007", "7", "M3"]
    assert dataset.events["measure_ids"].iloc[1] == "007, 7"


@pytest.mark.parametrize("typed", ["NA", "N/A", "None", "-", "null"])
def test_na_look_alikes_are_text_not_empty(typed: str) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Axe", typed)
    assert accepted(sheets).measures["axis"].iloc[0] == typed


def test_none_cells_and_nan_in_a_text_column_count_as_empty_cells() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Échéance", None)
    set_cell(sheets, "Mesures", 2, "Budget (€)", None)
    set_cell(sheets, "Mesures", 2, "Pilote", math.nan)
    set_cell(sheets, "Mesures", 3, "N°", None)
    measures = accepted(sheets).measures
    assert pd.isna(measures["due_date"].iloc[0]) and pd.isna(measures["budget_eur"].iloc[0])
    assert pd.isna(measures["lead"].iloc[0]) and pd.isna(measures["number"].iloc[1])


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (math.nan, "NaN"),  # a number cell holding NaN (an .ods or .xlsx can): not empty
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        ("NaN", "NaN"),
        ("nan", "nan"),
        ("inf", "inf"),
        ("Infinity", "Infinity"),
        ("-Infinity", "-Infinity"),
        ("1e999", "1e999"),
    ],
)
@pytest.mark.parametrize(("sheet", "row", "header", "where"), [
    ("Mesures", 3, "Budget (€)", "H"), ("Mesures", 3, "N°", "C"),
    ("Suivi", 3, "Avancement (%)", "I"),
])  # fmt: skip
def test_nan_and_infinity_are_refused_in_number_columns_naming_the_cell(
    typed: Cell, shown: str, sheet: str, row: int, header: str, where: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, sheet, row, header, typed)
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, sheet, row, where, header, shown)
    assert issue.message("fr") == (
        f"Feuille « {sheet} », ligne {row}, colonne {where} (« {header} ») : « {shown} » "
        "n'est pas un nombre fini : l'infini et NaN (« pas un nombre ») ne sont pas "
        "acceptés. Laissez la cellule vide si la valeur n'est pas connue."
    )
    assert issue.message("en").endswith(
        f'"{shown}" is not a finite number: infinity and NaN ("not a number") are not '
        "accepted. Leave the cell empty if the value is not known."
    )


def test_required_cell_left_empty_is_reported_with_its_place() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 3, "Axe", " \u00a0")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Mesures", 3, "D", "Axe")
    assert issue.message("fr") == (
        "Feuille « Mesures », ligne 3, colonne D (« Axe ») : cette cellule est obligatoire et "
        "elle est vide."
    )
    assert issue.message("en").endswith("this cell is required and it is empty.")


# --- Case 41: numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 500", 1500.0),
        ("1\u00a0500,50", 1500.5),
        ("1\u202f500,50", 1500.5),
        ("1500,5", 1500.5),
        ("1500.5", 1500.5),
        (2500, 2500.0),
        (12.25, 12.25),
        ("0", 0.0),
    ],
)
def test_budget_numbers_are_read_with_french_spaces_and_decimal_comma(
    typed: Cell, expected: float
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 3, "Budget (€)", typed)
    assert accepted(sheets).measures["budget_eur"].iloc[1] == expected


@pytest.mark.parametrize(("typed", "expected"), [("50 %", 50.0), ("50%", 50.0), ("12,5", 12.5)])
def test_progress_accepts_a_percent_sign(typed: str, expected: float) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 3, "Avancement (%)", typed)
    assert accepted(sheets).status_updates["progress_pct"].iloc[1] == expected


@pytest.mark.parametrize("typed", ["-1 500", "\u22125", -0.5])
def test_negative_budget_is_rejected_showing_the_value_as_typed(typed: Cell) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 3, "Budget (€)", typed)
    issue = only(refused(sheets), "constraint-error")
    shown = typed if isinstance(typed, str) else "-0.5"
    assert_place(issue, "Mesures", 3, "H", "Budget (€)", shown)
    assert issue.message("fr").endswith(f"« {shown} » est inférieur au minimum autorisé (0).")
    assert issue.message("en").endswith(f'"{shown}" is below the minimum allowed (0).')


def test_progress_over_100_is_rejected_showing_the_value_as_typed() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 3, "Avancement (%)", "150 %")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Suivi", 3, "I", "Avancement (%)", "150 %")
    assert issue.message("fr").endswith("« 150 % » dépasse le maximum autorisé (100).")
    assert issue.message("en").endswith('"150 %" is above the maximum allowed (100).')


@pytest.mark.parametrize("typed", ["1.500,50", "beaucoup", "1_000", "50 %", True])
def test_text_that_is_not_a_number_is_a_type_error_with_examples(typed: Cell) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 3, "Budget (€)", typed)
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Mesures", 3, "H", "Budget (€)", str(typed))
    assert issue.message("fr").endswith(
        "n'est pas un nombre (exemples acceptés : 1500 ; 1 500 ; 1500,50)."
    )
    assert issue.message("en").endswith(
        "is not a number (accepted examples: 1500; 1 500; 1500.50)."
    )


def test_fraction_in_an_integer_column_is_a_type_error() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "N°", "1,5")
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Mesures", 2, "C", "N°", "1,5")
    assert issue.message("en").endswith('"1,5" is not a whole number.')


# --- Case 42: dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        D(2014, 5, 14),
        dt.datetime(2014, 5, 14, 0, 0),
        dt.datetime(2014, 5, 14, 15, 30),
        pd.Timestamp("2014-05-14"),
        "2014-05-14",
        " 2014-05-14 ",
        "14/05/2014",
        "14/5/2014",
        41773,
        41773.0,
        41773.75,
    ],
)
def test_dates_are_read_from_date_cells_iso_french_text_and_serial_numbers(typed: Cell) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu le", typed)
    assert accepted(sheets).plans["expected_date"].iloc[0] == pd.Timestamp("2014-05-14")


def test_serial_numbers_of_a_1904_workbook_count_from_1904() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu le", 41773 - 1462)
    dataset = accepted(sheets, date1904=True)
    assert dataset.plans["expected_date"].iloc[0] == pd.Timestamp("2014-05-14")


@pytest.mark.parametrize("header", ["Attendu le", "Adopté le"])  # bounded or not
def test_serial_60_the_fictitious_29_february_1900_is_rejected_with_the_range(
    header: str,
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, header, 60.0)
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Plans", 2, letter(sheets, "Plans", header), header, "60")
    assert issue.message("fr").endswith(
        "« 60 » est le numéro qu'Excel donne au 29/02/1900, un jour qui n'a pas existé. "
        "Les numéros de date valides vont de 1 (01/01/1900) à 2 958 465 (31/12/9999) ; "
        "écrivez la date voulue, par exemple 2014-05-14 ou 14/05/2014."
    )
    assert issue.message("en").endswith(
        '"60" is the number Excel gives to 29/02/1900, a day that never was. Valid date '
        "numbers go from 1 (01/01/1900) to 2,958,465 (31/12/9999); write the date meant, "
        "for example 2014-05-14 or 14/05/2014."
    )


@pytest.mark.parametrize(
    ("typed", "shown"),
    [(0, "0"), (0.0, "0"), (-1, "-1"), (-41773.0, "-41773"), (2958466, "2958466"),
     (1e12, "1000000000000"), (math.inf, "inf"), (math.nan, "NaN")],
)  # fmt: skip
@pytest.mark.parametrize("header", ["Attendu le", "Adopté le"])
def test_date_numbers_out_of_excels_range_name_the_cell_and_the_range(
    typed: Cell, shown: str, header: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, header, typed)
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Plans", 2, letter(sheets, "Plans", header), header, shown)
    assert issue.message("fr").endswith(
        f"« {shown} » est hors des numéros de date d'Excel, qui vont de 1 (01/01/1900) à "
        "2 958 465 (31/12/9999). Écrivez la date, par exemple 2014-05-14 ou 14/05/2014."
    )
    assert issue.message("en").endswith(
        f'"{shown}" is outside Excel\'s date numbers, which go from 1 (01/01/1900) to '
        "2,958,465 (31/12/9999). Write the date, for example 2014-05-14 or 14/05/2014."
    )


def test_the_largest_date_number_is_a_date_out_of_the_plans_years_not_a_bad_number() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu le", 2958465)  # 31/12/9999
    issue = only(refused(sheets), "constraint-error")
    assert issue.message("en").endswith("the year must be between 1900 and 2200.")


@pytest.mark.parametrize("header", ["Attendu le", "Adopté le"])
def test_a_time_read_from_a_date_cell_holding_0_says_so_with_the_range(header: str) -> None:
    # A reader gives 00:00:00 for a date-formatted cell holding 0 or a negative number.
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, header, dt.time(0, 0))
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Plans", 2, letter(sheets, "Plans", header), header, "00:00:00")
    assert issue.message("en").endswith(
        '"00:00:00" is a time, not a date: the cell holds 0, a negative number or a '
        "fraction of a day. Excel's date numbers go from 1 (01/01/1900) to 2,958,465 "
        "(31/12/9999); write the date, for example 2014-05-14 or 14/05/2014."
    )
    assert "est une heure, pas une date" in issue.message("fr")


@pytest.mark.parametrize(
    "typed", ["01-03-2024", "March 1st", "2024/03/01", "14/05/14", "31/02/2014", "NA", True]
)
def test_other_date_text_is_rejected_with_the_format_hint(typed: Cell) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Adopté le", typed)
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Plans", 2, "G", "Adopté le", str(typed))
    assert issue.message("fr") == (
        f"Feuille « Plans », ligne 2, colonne G (« Adopté le ») : « {typed} » n'est pas une "
        "date. Utilisez une cellule de type date, ou écrivez 2014-05-14 ou 14/05/2014."
    )
    assert issue.message("en").endswith(
        f'"{typed}" is not a date. Use a date cell, or write 2014-05-14 or 14/05/2014.'
    )


@pytest.mark.parametrize(
    "typed", ["01-03-2024", "March 1st", "2024/03/01", "14/05/14", "31/02/2014", "NA", True,
              "mars", "13/2014", "Marsh 2014"]
)  # fmt: skip
def test_bad_text_in_a_bounded_date_is_rejected_with_a_hint_naming_month_and_year(
    typed: Cell,
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu le", typed)
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Plans", 2, "E", "Attendu le", str(typed))
    assert issue.message("fr") == (
        f"Feuille « Plans », ligne 2, colonne E (« Attendu le ») : « {typed} » n'est pas une "
        "date. Utilisez une cellule de type date, ou écrivez 2014-05-14 ou 14/05/2014 ; un "
        "mois (« mars 2014 », 03/2014) ou une année (« 2014 ») si le jour n'est pas connu."
    )
    assert issue.message("en").endswith(
        f'"{typed}" is not a date. Use a date cell, or write 2014-05-14 or 14/05/2014; a '
        'month ("March 2014", 03/2014) or a year ("2014") when the day is not known.'
    )


@pytest.mark.parametrize(
    ("typed", "shown"), [("1850-01-01", "1850-01-01"), (D(2350, 1, 1), "2350-01-01")]
)
def test_date_with_a_year_out_of_range_is_rejected(typed: Cell, shown: str) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu le", typed)
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Plans", 2, "E", "Attendu le", shown)
    assert issue.message("fr").endswith(
        f"« {shown} » : l'année doit être comprise entre 1900 et 2200."
    )
    assert issue.message("en").endswith(f'"{shown}": the year must be between 1900 and 2200.')


def test_a_year_typed_alone_in_a_date_column_is_not_read_as_a_day_of_1905() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Adopté le", 2024)
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Plans", 2, "G", "Adopté le", "2024")
    assert "« 2024 » est une année seule, pas une date" in issue.message("fr")
    assert '"2024" is a year alone, not a date' in issue.message("en")


# --- Cases 43–46: text ------------------------------------------------------------------


def test_text_over_the_column_limit_is_a_constraint_error() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Intitulé", "x" * 32_768)
    issue = only(refused(sheets), "constraint-error")
    assert (issue.row, issue.column, issue.header) == (2, "E", "Intitulé")
    assert issue.value is not None and len(issue.value) <= 60
    assert issue.message("fr").endswith(
        "le texte fait 32\u202f768 caractères, au-delà de la limite de 32\u202f767."
    )
    assert issue.message("en").endswith(
        "the text is 32,768 characters long, over the limit of 32,767."
    )


@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x1b", "U+001B")]
)
def test_nul_and_control_characters_are_rejected_and_shown_escaped(char: str, code: str) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 3, "Intitulé", f"Mesure{char}2")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Mesures", 3, "E", "Intitulé", f"Mesure\\x{ord(char):02x}2")
    assert issue.message("fr").endswith(
        f"le texte contient un caractère de contrôle invisible ({code}) : supprimez-le."
    )
    assert issue.message("en").endswith(
        f"the text holds an invisible control character ({code}): remove it."
    )


def test_control_characters_in_an_extra_column_are_rejected_too() -> None:
    sheets = valid_sheets()
    sheets["Mesures"][0].append("Notes")
    set_cell(sheets, "Mesures", 2, "Notes", "a\x00b")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Mesures", 2, "K", "Notes", "a\\x00b")


@pytest.mark.parametrize(
    "text",
    [
        "Ligne 1\nLigne 2\r\nLigne 3\tfin",
        "Égalité femmes–hommes, œuvre « sociale »",
        "Aide aux victimes 🤝🏽 𝒜",
        "مساعدة الضحايا",
        "אבג\u202eabc",
        '=HYPERLINK("http://evil","click")',
        "+cmd|' /C calc'!A0",
        "@SUM(1)",
        "-2+3",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
    ],
)
def test_legitimate_unicode_formula_and_html_look_alikes_are_kept_as_literal_text(
    text: str,
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", 2, "Intitulé", text)
    assert accepted(sheets).measures["title"].iloc[0] == text


# --- Across sheets ------------------------------------------------------------------------


def test_status_for_an_unknown_measure_is_a_foreign_key_error() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 3, "Mesure", "M9")
    issue = only(refused(sheets), "foreign-key")
    assert_place(issue, "Suivi", 3, "A", "Mesure", "M9")
    assert issue.message("fr").endswith("aucune mesure « M9 » dans la feuille Mesures.")
    assert issue.message("en").endswith('no measure "M9" in the Measures sheet.')


@pytest.mark.parametrize(("level", "fr", "en"), [("Retenue", "retenue", "retained"),
                                                  ("Partly retained", "partiellement retenue",
                                                   "partly retained")])  # fmt: skip
def test_retained_recommendation_without_a_measure_is_rejected(
    level: str, fr: str, en: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Prise en compte", 3, "Prise en compte", level)
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Prise en compte", 3, "C", "Mesure")
    assert issue.message("fr").endswith(
        f"une recommandation {fr} doit indiquer la mesure qui la reprend."
    )
    assert issue.message("en").endswith(
        f"a recommendation that is {en} must name the measure that carries it."
    )


@pytest.mark.parametrize(("level", "fr"), [("Non retenue", "non retenue"),
                                           ("dropped", "retirée du projet")])  # fmt: skip
def test_not_retained_or_dropped_recommendation_with_a_measure_is_rejected(
    level: str, fr: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Prise en compte", 2, "Prise en compte", level)
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Prise en compte", 2, "C", "Mesure", "M3")
    assert issue.message("fr").endswith(
        f"une recommandation {fr} ne doit pas indiquer de mesure (ici « M3 »)."
    )
    assert 'must not name a measure (here "M3")' in issue.message("en")


def test_retained_recommendation_is_checked_even_when_the_measure_column_is_absent() -> None:
    sheets = valid_sheets()
    for row in sheets["Prise en compte"]:
        del row[2]  # the optional Mesure column
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Prise en compte", 2, "C", "Prise en compte")
    assert "must name the measure that carries it" in issue.message("en")


def test_measure_of_another_plan_in_retention_is_rejected() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Prise en compte", 2, "Mesure", "M1")
    issue = only(refused(sheets), "foreign-key")
    assert_place(issue, "Prise en compte", 2, "C", "Mesure", "M1")
    assert issue.message("fr").endswith(
        "la mesure « M1 » appartient au plan P1, pas au plan P2 de cette ligne."
    )
    assert issue.message("en").endswith(
        'measure "M1" belongs to plan P1, not to plan P2 of this row.'
    )


def test_duplicate_retention_row_names_the_first_row() -> None:
    sheets = valid_sheets()
    row = add_row(
        sheets, "Prise en compte", rec_id="R1", plan_id="P2", measure_id="M3", level="Retenue"
    )
    issue = only(refused(sheets), "unique-error")
    assert_place(issue, "Prise en compte", row, "A", "Recommandation", "R1")
    assert issue.message("fr").endswith(
        "la recommandation R1 est déjà rattachée à ce plan et à cette mesure ligne 2."
    )
    assert issue.message("en").endswith(
        "recommendation R1 is already linked to this plan and measure in row 2."
    )


@pytest.mark.parametrize(("row", "source", "plan"), [(3, "M1", "P1"), (2, "M3", "P2")])
def test_carried_from_a_measure_of_the_same_or_a_later_plan_is_rejected(
    row: int, source: str, plan: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Mesures", row, "Reprise de", source)
    issue = only(refused(sheets), "foreign-key")
    assert_place(issue, "Mesures", row, "I", "Reprise de", source)
    assert issue.message("fr").endswith(
        f"la mesure « {source} » appartient au plan {plan}, qui n'est pas antérieur à celui "
        "de cette mesure."
    )
    assert f"belongs to plan {plan}, which is not earlier" in issue.message("en")


@pytest.mark.parametrize(
    ("sheet", "row", "header", "letter", "value"),
    [
        ("Plans", 3, "Plan précédent", "H", "P2"),
        ("Mesures", 4, "Reprise de", "I", "M3"),
        ("Chronologie", 3, "En réponse à", "H", "E2"),
    ],
)
def test_reference_to_the_row_itself_is_reported_once(
    sheet: str, row: int, header: str, letter: str, value: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, sheet, row, header, value)
    report = refused(sheets)
    assert report.codes() == ["foreign-key"]
    issue = report.issues[0]
    assert_place(issue, sheet, row, letter, header, value)
    assert issue.message("fr").endswith(f"« {value} » désigne la ligne elle-même.")
    assert issue.message("en").endswith(f'"{value}" refers to the row itself.')


@pytest.mark.parametrize(
    ("sheet", "row", "header", "letter", "fr", "en"),
    [
        ("Plans", 3, "Plan précédent", "H", "aucun plan « X » dans la feuille Plans.",
         'no plan "X" in the Plans sheet.'),
        ("Chronologie", 3, "En réponse à", "H",
         "aucun événement « X » dans la feuille Chronologie.", 'no event "X" in the Events sheet.'),
        ("Prise en compte", 2, "Recommandation", "A",
         "aucune recommandation « X » dans la feuille Recommandations.",
         'no recommendation "X" in the Recommendations sheet.'),
    ],
)  # fmt: skip
def test_unknown_reference_is_a_foreign_key_error(
    sheet: str, row: int, header: str, letter: str, fr: str, en: str
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, sheet, row, header, "X")
    issue = only(refused(sheets), "foreign-key")
    assert_place(issue, sheet, row, letter, header, "X")
    assert issue.message("fr").endswith(fr) and issue.message("en").endswith(en)


def test_one_unknown_id_among_several_related_measures_is_reported_alone() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 3, "Mesures liées", "M1, M404 ,M3")
    issue = only(refused(sheets), "foreign-key")
    assert_place(issue, "Chronologie", 3, "J", "Mesures liées", "M404")


def test_period_end_before_its_start_is_rejected() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 3, "Fin", "31/12/2016")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Plans", 3, "D", "Fin", "31/12/2016")
    assert issue.message("fr").endswith(
        "la fin de la période (31/12/2016) précède son début (01/01/2017)."
    )
    assert issue.message("en").endswith(
        "the end of the period (2016-12-31) is before its start (2017-01-01)."
    )


# --- Extra columns, every error at once, the cap -----------------------------------------


def test_extra_columns_are_kept_in_the_dataset_with_a_notice_and_the_report_stays_ok() -> None:
    sheets = valid_sheets()
    sheets["Mesures"][0].append("Notes internes")
    set_cell(sheets, "Mesures", 3, "Notes internes", "à relancer")
    sheets["Suivi"][0].append("category")  # a name the table uses for itself
    dataset, report = check(sheets)
    assert report.ok and dataset is not None
    notices = [i for i in report if i.code == "extra-label"]
    assert [(i.sheet, i.row, i.column, i.header, i.severity) for i in notices] == [
        ("Mesures", 1, "K", "Notes internes", "notice"),
        ("Suivi", 1, "L", "category", "notice"),
    ]
    assert notices[0].message("fr") == (
        "Feuille « Mesures », ligne 1, colonne K (« Notes internes ») : cette colonne ne fait "
        "pas partie du format : elle est conservée et affichée telle quelle."
    )
    assert (
        notices[0]
        .message("en")
        .endswith("this column is not part of the format: it is kept and shown as it is.")
    )
    assert dataset.extras["measures"] == ("Notes internes",)
    assert list(dataset.measures["Notes internes"].fillna("")) == ["", "à relancer", ""]
    assert dataset.extras["status_updates"] == ("category (L)",)
    assert list(dataset.status_updates["category"]) == ["done", "partial"]


def test_ten_different_errors_are_all_reported_at_once_in_workbook_order() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Début", "01-03-2024")  # 1 date format
    set_cell(sheets, "Plans", 3, "Plan précédent", "P9")  # 2 unknown plan
    set_cell(sheets, "Mesures", 2, "Axe", "")  # 3 required
    set_cell(sheets, "Mesures", 3, "Mesure", "M1")  # 4 duplicate id
    set_cell(sheets, "Mesures", 4, "Budget (€)", "-3")  # 5 below minimum
    set_cell(sheets, "Recommandations", 2, "Priorité", "Urgente")  # 6 choice
    set_cell(sheets, "Prise en compte", 3, "Mesure", "M3")  # 7 not retained with a measure
    set_cell(sheets, "Suivi", 2, "Statut", "✓")  # 8 status
    set_cell(sheets, "Suivi", 3, "Avancement (%)", "120")  # 9 above maximum
    set_cell(sheets, "Chronologie", 3, "En réponse à", "E7")  # 10 unknown event
    report = refused(sheets)
    places = [(i.sheet, i.row, i.column, i.key) for i in report.errors]
    assert places == [
        ("Plans", 2, "C", "date_format"),
        ("Plans", 3, "H", "unknown_plan"),
        ("Mesures", 2, "D", "required"),
        ("Mesures", 3, "A", "unique"),
        ("Mesures", 4, "H", "min_value"),
        ("Recommandations", 2, "G", "choice"),
        ("Prise en compte", 3, "C", "not_retained_has_measure"),
        ("Suivi", 2, "D", "status"),
        ("Suivi", 3, "I", "max_value"),
        ("Chronologie", 3, "H", "unknown_event"),
    ]


def test_more_errors_than_the_cap_stop_with_too_many_issues_and_the_report_is_not_ok() -> None:
    sheets = valid_sheets()
    for k in range(MAX_ISSUES + 50):
        add_row(sheets, "Suivi", measure_id="M1", as_of="2016-01-01", status=f"Statut {k}",
                voice="Gouvernement")  # fmt: skip
    dataset, report = check(sheets)
    assert dataset is None and not report.ok and report.truncated
    assert report.error_count == MAX_ISSUES
    last = report.issues[-1]
    assert last.code == "too-many-issues"
    assert last.message("fr").startswith("Plus de 200 erreurs : la liste s'arrête là.")
    assert last.message("en").startswith("More than 200 errors: the list stops here.")


# --- A real-looking coordinator workbook ------------------------------------------------


def test_real_looking_french_coordinator_workbook_is_accepted_with_typed_values() -> None:
    sheets = valid_sheets()
    sheets["Plans"][0] = ["Plan", "Intitule", "Debut", "Fin", "Attendu le",
                          "Attendu au plus tard le", "Adopte le", "Plan precedent",
                          "Source"]  # fmt: skip
    renamed = {
        ("Mesures", "Intitulé"): "Intitule",
        ("Mesures", "Échéance"): "Echeance",
        ("Suivi", "Évalué par"): "Evalue par",
        ("Suivi", "Évaluateur"): "Evaluateur",
    }
    for (name, header), typed in renamed.items():
        sheets[name][0][column_index(sheets, name, header)] = typed
    sheets["Suivi"][0].append("Notes du collectif")
    set_cell(sheets, "Plans", 2, "Debut", "01/01/2014")
    set_cell(sheets, "Plans", 2, "Fin", "31/12/2016")
    set_cell(sheets, "Mesures", 2, "Echeance", "30/06/2015")
    set_cell(sheets, "Mesures", 3, "Budget (€)", "1 500 000")
    set_cell(sheets, "Suivi", 2, "Statut", "réalisée")
    set_cell(sheets, "Suivi", 3, "Statut", "en cours")
    set_cell(sheets, "Suivi", 3, "Evalue par", "société civile")
    set_cell(sheets, "Suivi", 3, "Notes du collectif", "vu avec la MIPROF")
    for name in ("Mesures", "Suivi"):
        sheets[name] += [[""] * 10, [" "] * 3, []]
    dataset, report = check(sheets)
    assert report.ok and report.codes() == ["extra-label"], [i.message("fr") for i in report]
    assert dataset is not None
    assert dataset.plans["period_start"].iloc[0] == pd.Timestamp("2014-01-01")
    assert dataset.measures["due_date"].iloc[0] == pd.Timestamp("2015-06-30")
    assert dataset.measures["budget_eur"].iloc[1] == 1_500_000.0
    assert len(dataset.measures) == 3 and len(dataset.status_updates) == 2
    updates = dataset.status_updates
    assert list(updates["status"]) == ["Réalisée", "En cours"]
    assert list(updates["category"]) == ["done", "partial"]
    assert list(updates["voice"]) == ["government", "civil_society"]
    assert list(updates["Notes du collectif"].fillna("")) == ["", "vu avec la MIPROF"]
    assert str(dataset.plans["period_start"].dtype) == "datetime64[s]"


def test_rows_can_start_below_row_1_and_keep_their_spreadsheet_numbers() -> None:
    book = RawWorkbook("x.csv", "csv", [
        RawSheet(name, rows, first_row=1) for name, rows in valid_sheets().items()
    ])  # fmt: skip
    book.sheets[1] = RawSheet("Mesures", book.sheets[1].rows, first_row=5)
    set_cell({"Mesures": book.sheets[1].rows}, "Mesures", 2, "Budget (€)", "x")
    issue = only(validate(book)[1], "type-error")
    assert issue.row == 6


# --- Speed ----------------------------------------------------------------------------------


@pytest.mark.scale
def test_a_10000_measure_workbook_of_90000_rows_validates_without_an_issue() -> None:
    # Behaviour only; `make bench` holds the speed targets.
    sheets = synthetic_sheets(10_000)
    assert sum(len(rows) - 1 for rows in sheets.values()) >= 90_000
    book = workbook(sheets)
    dataset, report = validate(book)
    assert report.ok and dataset is not None and len(dataset.status_updates) == 50_000
    assert report.issues == []


# --- Contract 1.1: dates known to the month, the year, or between two dates -------------


def _event_bounds(dataset: Dataset, row: int = 0) -> tuple[object, object]:
    events = dataset.events
    first, last = events["date"].iloc[row], events["date_latest"].iloc[row]
    return (first.date(), None if pd.isna(last) else last.date())


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("mars 2014", D(2014, 3, 1), D(2014, 3, 31)),
        ("March 2014", D(2014, 3, 1), D(2014, 3, 31)),
        (" MARS 2014 ", D(2014, 3, 1), D(2014, 3, 31)),
        ("03/2014", D(2014, 3, 1), D(2014, 3, 31)),
        ("2014-03", D(2014, 3, 1), D(2014, 3, 31)),
        ("février 2016", D(2016, 2, 1), D(2016, 2, 29)),
        ("2014", D(2014, 1, 1), D(2014, 12, 31)),
        (2014, D(2014, 1, 1), D(2014, 12, 31)),
        (2014.0, D(2014, 1, 1), D(2014, 12, 31)),
    ],
)
def test_a_month_or_a_year_in_a_bounded_date_gives_its_first_and_last_day(
    typed: Cell, first: dt.date, last: dt.date
) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Date", typed)
    assert _event_bounds(accepted(sheets)) == (first, last)


@pytest.mark.parametrize("typed", [D(2014, 5, 14), "14/05/2014", "2014-05-14", 41773])
def test_a_day_in_a_bounded_date_leaves_the_latest_date_empty(typed: Cell) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Date", typed)
    assert _event_bounds(accepted(sheets)) == (D(2014, 5, 14), None)


def test_a_date_and_a_latest_date_keep_both_bounds() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Date", "03/02/2014")
    set_cell(sheets, "Chronologie", 2, "Au plus tard le", "31/03/2014")
    assert _event_bounds(accepted(sheets)) == (D(2014, 2, 3), D(2014, 3, 31))


def test_a_period_and_a_latest_date_take_the_period_start_and_the_latest_date() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Date", "mars 2014")
    set_cell(sheets, "Chronologie", 2, "Au plus tard le", D(2014, 4, 15))
    assert _event_bounds(accepted(sheets)) == (D(2014, 3, 1), D(2014, 4, 15))


def test_a_latest_date_equal_to_the_date_is_stored_empty_and_changes_nothing() -> None:
    plain = accepted()
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Au plus tard le", D(2017, 4, 1))
    dataset = accepted(sheets)
    assert _event_bounds(dataset) == (D(2017, 4, 1), None)
    assert dataset.content_hash() == plain.content_hash()


def test_a_latest_date_before_the_date_is_rejected_naming_both_columns() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Date", "03/02/2014")
    set_cell(sheets, "Chronologie", 2, "Au plus tard le", "31/01/2014")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Chronologie", 2, "C", "Au plus tard le", "31/01/2014")
    assert issue.message("fr") == (
        "Feuille « Chronologie », ligne 2, colonne C (« Au plus tard le ») : la date au plus "
        "tard (31/01/2014) précède la date (03/02/2014) de la colonne B (« Date »)."
    )
    assert issue.message("en") == (
        'Sheet "Chronologie", row 2, column C ("Au plus tard le"): the latest date '
        '(2014-01-31) is before the date (2014-02-03) in column B ("Date").'
    )


def test_a_latest_date_before_the_start_of_the_period_typed_is_rejected() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Suivi", 3, "Date", "2018")
    set_cell(sheets, "Suivi", 3, "Au plus tard le", "2017-12-31")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Suivi", 3, "C", "Au plus tard le", "2017-12-31")
    assert issue.key == "latest_before_date"
    assert "(31/12/2017) précède la date (01/01/2018) de la colonne B" in issue.message("fr")


def test_a_latest_date_without_a_required_date_is_the_dates_required_error() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Date", "")
    set_cell(sheets, "Chronologie", 2, "Au plus tard le", "31/03/2014")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Chronologie", 2, "B", "Date")
    assert issue.key == "required"


def test_a_latest_date_without_an_optional_date_is_rejected_at_the_latest_date() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu au plus tard le", "31/03/2014")
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Plans", 2, "F", "Attendu au plus tard le", "31/03/2014")
    assert issue.message("fr").endswith(
        "une date au plus tard est donnée sans date en colonne E (« Attendu le ») : écrivez "
        "la date la plus tôt possible dans cette colonne."
    )
    assert issue.message("en").endswith(
        'a latest date is given without a date in column E ("Attendu le"): write the '
        "earliest possible date in that column."
    )


def test_a_workbook_without_the_latest_date_column_still_reads_a_month() -> None:
    sheets = valid_sheets()
    j = column_index(sheets, "Chronologie", "Au plus tard le")
    for row in sheets["Chronologie"]:
        del row[j]
    set_cell(sheets, "Chronologie", 3, "Date", "mai 2017")
    dataset = accepted(sheets)
    assert _event_bounds(dataset, 0) == (D(2017, 4, 1), None)
    assert _event_bounds(dataset, 1) == (D(2017, 5, 1), D(2017, 5, 31))


@pytest.mark.parametrize("typed", ["mars 2014", "03/2014", "2014-03", "2014"])
def test_a_period_in_a_date_column_without_bounds_stays_rejected(typed: str) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 3, "Adopté le", typed)
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Plans", 3, "G", "Adopté le", typed)
    assert issue.key == "date_format"


def test_a_period_in_a_latest_date_column_is_rejected_as_not_a_date() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Chronologie", 2, "Au plus tard le", "mars 2018")
    issue = only(refused(sheets), "type-error")
    assert_place(issue, "Chronologie", 2, "C", "Au plus tard le", "mars 2018")


def test_expected_date_and_assessment_date_read_periods_too() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 3, "Attendu le", "octobre 2016")
    set_cell(sheets, "Suivi", 2, "Date", "2016")
    dataset = accepted(sheets)
    plan = dataset.plans.iloc[1]
    assert (plan["expected_date"], plan["expected_latest"]) == (
        pd.Timestamp("2016-10-01"),
        pd.Timestamp("2016-10-31"),
    )
    update = dataset.status_updates.iloc[0]
    assert (update["as_of"], update["as_of_latest"]) == (
        pd.Timestamp("2016-01-01"),
        pd.Timestamp("2016-12-31"),
    )
    assert pd.isna(dataset.status_updates["as_of_latest"].iloc[1])


# --- Contract 1.1: published verdicts ------------------------------------------------------


def with_verdicts(*records: dict[str, Cell]) -> Sheets:
    sheets = valid_sheets()
    sheets["Verdicts publiés"] = verdict_rows(*records)
    return sheets


def test_a_published_verdict_is_read_with_typed_counts_and_its_voice_code() -> None:
    dataset = accepted(with_verdicts(a_verdict(count_not_done="0")))
    verdicts = dataset.tables["published_verdicts"]
    assert len(verdicts) == 1
    row = verdicts.iloc[0]
    assert (row["plan_id"], row["assessor"], row["voice"]) == ("P1", "CNCDH", "independent")
    assert row["published_on"] == pd.Timestamp("2017-01-12")
    assert (row["measures_covered"], row["count_done"], row["count_partial"]) == (2, 1, 1)
    assert row["count_not_done"] == 0 and pd.isna(row["count_dropped"])
    assert str(verdicts["count_done"].dtype) == "Int64"


def test_a_workbook_without_the_verdicts_sheet_has_an_empty_verdicts_table() -> None:
    verdicts = accepted().tables["published_verdicts"]
    assert verdicts.empty and "measures_covered" in verdicts.columns


def test_counts_adding_up_to_more_than_the_measures_covered_are_rejected() -> None:
    sheets = with_verdicts(a_verdict(count_done=2, count_not_done=1))
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Verdicts publiés", 2, "E", "Mesures couvertes", "2")
    assert issue.key == "verdict_counts_over_covered"
    assert issue.message("fr").endswith(
        "les comptes donnés totalisent 4, plus que les mesures couvertes (2)."
    )
    assert issue.message("en").endswith(
        "the counts add up to 4, more than the measures covered (2)."
    )


def test_counts_adding_up_to_less_than_the_measures_covered_are_accepted() -> None:
    accepted(with_verdicts(a_verdict(count_partial="")))


def test_more_measures_covered_than_the_plan_has_in_the_measures_sheet_are_rejected() -> None:
    sheets = with_verdicts(a_verdict(plan_id="P2", measures_covered=2, count_partial=""))
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Verdicts publiés", 2, "E", "Mesures couvertes", "2")
    assert issue.message("fr").endswith(
        "2 mesures couvertes : plus que les mesures du plan P2 dans la feuille Mesures (1)."
    )
    assert issue.message("en").endswith(
        "2 measures covered: more than the measures of plan P2 in the Measures sheet (1)."
    )


def test_a_verdict_without_any_count_is_rejected_at_its_first_count_column() -> None:
    sheets = with_verdicts(a_verdict(count_done="", count_partial=""))
    issue = only(refused(sheets), "constraint-error")
    assert_place(issue, "Verdicts publiés", 2, "F", "Réalisées")
    assert issue.message("fr").endswith(
        "aucun compte n'est donné : remplissez au moins une des colonnes « Réalisées », "
        "« Partiellement réalisées », « Non réalisées », « Abandonnées », « Non évaluées »."
    )
    assert issue.message("en").endswith(
        'no count is given: fill at least one of the columns "Done", "Partly done", '
        '"Not done", "Dropped", "Not assessed".'
    )


def test_two_verdicts_of_one_assessor_on_one_plan_the_same_day_are_rejected() -> None:
    sheets = with_verdicts(a_verdict(), a_verdict(assessor=" cncdh ", count_done=2))
    issue = only(refused(sheets), "unique-error")
    assert_place(issue, "Verdicts publiés", 3, "A", "Plan", "P1")
    assert issue.message("fr").endswith(
        "les colonnes « Plan », « Évaluateur », « Date » reprennent celles de la ligne 2 : "
        "une seule ligne par combinaison."
    )
    assert issue.message("en").endswith(
        'columns "Plan", "Évaluateur", "Date" repeat those of row 2: one row only per combination.'
    )


def test_two_verdicts_of_one_assessor_on_one_plan_on_different_days_are_accepted() -> None:
    later = a_verdict(published_on="2018-01-12", count_done=2, count_partial=0)
    assert len(accepted(with_verdicts(a_verdict(), later)).tables["published_verdicts"]) == 2


def test_a_verdict_without_a_source_is_rejected_as_a_required_cell() -> None:
    issue = only(refused(with_verdicts(a_verdict(source=""))), "constraint-error")
    assert_place(issue, "Verdicts publiés", 2, "K", "Source")
    assert issue.key == "required"


def test_a_verdict_on_an_unknown_plan_is_a_foreign_key_error_reported_once() -> None:
    report = refused(with_verdicts(a_verdict(plan_id="P9")))
    assert report.codes() == ["foreign-key"]
    assert_place(report.issues[0], "Verdicts publiés", 2, "A", "Plan", "P9")


@pytest.mark.parametrize(
    ("column", "header", "typed", "code"),
    [
        ("voice", "Évalué par", "Le ministère", "constraint-error"),
        ("count_done", "Réalisées", -1, "constraint-error"),
        ("count_done", "Réalisées", "1,5", "type-error"),
        ("measures_covered", "Mesures couvertes", 0, "constraint-error"),
        ("published_on", "Date", "mars 2017", "type-error"),
    ],
)
def test_verdict_cells_are_checked_by_their_declared_type(
    column: str, header: str, typed: Cell, code: str
) -> None:
    sheets = with_verdicts(a_verdict(**{column: typed}))
    report = refused(sheets)
    issue = next(i for i in report if i.header == header)
    assert (issue.code, issue.sheet, issue.row) == (code, "Verdicts publiés", 2)


def test_a_latest_date_beside_a_date_that_is_not_one_reports_only_the_date() -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Plans", 2, "Attendu le", "bientôt")
    set_cell(sheets, "Plans", 2, "Attendu au plus tard le", "31/03/2014")
    report = refused(sheets)
    assert [(i.column, i.key) for i in report.errors] == [("E", "date_format_bounded")]
