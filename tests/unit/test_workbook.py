"""The template and the export: generated from the contract, safe, and read back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
import zipfile
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape
from python_calamine import CalamineWorkbook

from monitoring.contract.dataset import Dataset, StatusScale, dataset_from_records
from monitoring.contract.schema import (
    DEFAULT_SCALE,
    LANGS,
    README_SHEET,
    SHEETS,
    SHEETS_BY_ID,
    STATUS_SCALE,
    STATUS_UPDATES,
    VOICES,
    Lang,
    StatusLabel,
    column_letter,
)
from monitoring.intake.loading import load_bytes, load_upload
from monitoring.intake.reading import Upload
from monitoring.present.contract_docs import contract_version_line
from monitoring.present.workbook import (
    DATE_FORMATS,
    FORMULA_TRIGGERS,
    VALIDATION_ROWS,
    write_workbook,
)

# --- Reading back ---------------------------------------------------------------------


def calamine_rows(data: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def openpyxl_book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def validated(data: bytes) -> Dataset:
    """Load an .xlsx through the real upload path (pre-flight, reader, validation)."""
    result = load_bytes("export.xlsx", data)
    assert result.dataset is not None, [issue.message("en") for issue in result.report]
    assert not list(result.report), [issue.message("en") for issue in result.report]
    return result.dataset


def records_without_row(dataset: Dataset, table_id: str) -> list[dict[str, Any]]:
    return dataset.tables[table_id].drop(columns="_row").to_dict("records")


# --- Small datasets named after what they test ------------------------------------------

HOSTILE_TEXTS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "＝1+1",
    "https://evil.example",
]


def small_dataset(**measure: object) -> Dataset:
    """One plan, one measure (fields overridable), one assessment, one recommendation."""
    return dataset_from_records(small_records(**measure))


def small_records(**measure: object) -> dict[str, list[dict[str, object]]]:
    """The records of `small_dataset`."""
    return {
        "plans": [
            {
                "plan_id": "007",
                "title": "Plan national",
                "period_start": dt.date(2019, 1, 1),
                "period_end": dt.date(2021, 12, 31),
            }
        ],
        "measures": [
            {
                "measure_id": "M1",
                "plan_id": "007",
                "number": 3,
                "axis": "Prévenir",
                "title": "Former les professionnels",
                "due_date": dt.date(2020, 6, 30),
                "budget_eur": 1500.5,
                **measure,
            }
        ],
        "recommendations": [
            {
                "rec_id": "R1",
                "author": "Collectif",
                "theme": "T",
                "title": "Former",
                "priority": "high",
            }
        ],
        "retention": [{"rec_id": "R1", "plan_id": "007", "measure_id": "M1", "level": "retained"}],
        "status_updates": [
            {
                "measure_id": "M1",
                "as_of": dt.date(2020, 2, 29),
                "status": "En cours",
                "voice": "civil_society",
                "progress_pct": 12.5,
            }
        ],
        "events": [
            {
                "event_id": "E1",
                "date": dt.date(2020, 3, 1),
                "kind": "letter",
                "title": "Lettre au ministre",
                "measure_ids": "M1",
            }
        ],
    }


# --- The template ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_template_has_every_sheet_and_header_of_the_contract(lang: Lang) -> None:
    rows = calamine_rows(write_workbook(lang=lang))

    assert list(rows) == [README_SHEET[lang], *(s.name(lang) for s in SHEETS)]
    for sheet in SHEETS:
        assert rows[sheet.name(lang)][0] == [c.header(lang) for c in sheet.columns]


def test_template_without_readme_starts_with_the_first_contract_sheet() -> None:
    rows = calamine_rows(write_workbook(include_readme=False))

    assert list(rows) == [s.name("fr") for s in SHEETS]


def test_template_header_row_is_frozen_filtered_and_described() -> None:
    book = openpyxl_book(write_workbook())

    for sheet in SHEETS:
        ws = book[sheet.name("fr")]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        for index, column in enumerate(sheet.columns, start=1):
            header = ws.cell(1, index)
            assert header.font.b
            assert column.description("fr") in header.comment.text


@pytest.mark.parametrize("lang", LANGS)
def test_every_choice_column_has_a_drop_down_with_exactly_the_schema_labels(lang: Lang) -> None:
    book = openpyxl_book(write_workbook(lang=lang))

    for sheet in SHEETS:
        lists = drop_downs(book[sheet.name(lang)])
        for index, column in enumerate(sheet.columns):
            if column.type == "choice":
                expected = ",".join(c.label(lang) for c in column.choices)
                assert lists[column_letter(index)] == f'"{expected}"', column.id


def drop_downs(ws: Any) -> dict[str, str]:
    """Column letter → list source of each drop-down covering rows 2 to VALIDATION_ROWS."""
    found = {}
    for validation in ws.data_validations.dataValidation:
        assert validation.type == "list"
        for cell_range in validation.sqref.ranges:
            assert (cell_range.min_row, cell_range.max_row) == (2, VALIDATION_ROWS)
            assert cell_range.min_col == cell_range.max_col
            found[column_letter(cell_range.min_col - 1)] = validation.formula1
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_status_drop_down_offers_the_labels_of_the_status_scale_sheet(lang: Lang) -> None:
    data = write_workbook(lang=lang)
    book, rows = openpyxl_book(data), calamine_rows(data)

    index = STATUS_UPDATES.column_ids.index("status")
    source = drop_downs(book[STATUS_UPDATES.name(lang)])[column_letter(index)]
    match = re.fullmatch(r"'(.+)'!\$A\$2:\$A\$(\d+)", source)
    assert match is not None
    assert match.group(1) == STATUS_SCALE.name(lang)
    labels = [row[0] for row in rows[STATUS_SCALE.name(lang)][1 : int(match.group(2))]]
    assert labels == [s.display(lang) for s in DEFAULT_SCALE]


def test_custom_scale_fills_the_status_scale_sheet_and_the_status_drop_down() -> None:
    scale = StatusScale(
        (StatusLabel("Fait", "done", 1, "#00AA00"), StatusLabel("Pas fait", "not_done", 2)),
        custom=True,
    )
    dataset = dataset_from_records({}, scale=scale)

    rows = calamine_rows(write_workbook(dataset, "en"))

    assert rows["Status scale"][1:] == [
        ["Fait", "done", 1, "#00AA00"],
        ["Pas fait", "not done", 2, ""],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_readme_sheet_lists_every_column_of_every_sheet(lang: Lang) -> None:
    rows = calamine_rows(write_workbook(lang=lang))[README_SHEET[lang]]

    listed = {(row[0], row[1]) for row in rows if len(row) > 1}
    for sheet in SHEETS:
        for column in sheet.columns:
            assert (sheet.name(lang), column.header(lang)) in listed
    assert [contract_version_line(lang)] in [row[:1] for row in rows]


# --- The export of data -----------------------------------------------------------------


def test_written_values_read_back_the_same_with_calamine() -> None:
    rows = calamine_rows(write_workbook(small_dataset(budget_eur=-5.0)))

    assert rows["Plans"][1][:4] == [
        "007",
        "Plan national",
        dt.date(2019, 1, 1),
        dt.date(2021, 12, 31),
    ]
    measure = dict(zip(rows["Mesures"][0], rows["Mesures"][1], strict=True))
    assert measure["Mesure"] == "M1"
    assert measure["N°"] == 3
    assert measure["Échéance"] == dt.date(2020, 6, 30)
    assert measure["Budget (€)"] == -5.0
    status = dict(zip(rows["Suivi"][0], rows["Suivi"][1], strict=True))
    assert status["Statut"] == "En cours"
    assert status["Évalué par"] == "Société civile"
    assert status["Avancement (%)"] == 12.5
    recommendation = dict(zip(rows["Recommandations"][0], rows["Recommandations"][1], strict=True))
    assert recommendation["Priorité"] == "Haute"
    assert rows["Prise en compte"][1][3] == "Retenue"
    event = dict(zip(rows["Chronologie"][0], rows["Chronologie"][1], strict=True))
    assert event["Type"] == "Lettre"


def test_english_export_writes_choices_and_statuses_in_english() -> None:
    rows = calamine_rows(write_workbook(small_dataset(), "en"))

    status = dict(zip(rows["Status updates"][0], rows["Status updates"][1], strict=True))
    assert (status["Status"], status["Assessed by"]) == ("In progress", "Civil society")
    recommendation = dict(zip(rows["Recommendations"][0], rows["Recommendations"][1], strict=True))
    assert recommendation["Priority"] == "High"


def test_identifier_007_stays_text_and_negative_number_stays_a_number() -> None:
    book = openpyxl_book(write_workbook(small_dataset(budget_eur=-5.0)))

    plan_id = book["Plans"]["A2"]
    assert (plan_id.value, plan_id.data_type) == ("007", "s")
    budget = book["Mesures"]["H2"]
    assert (budget.value, budget.data_type, budget.quotePrefix) == (-5, "n", False)


@pytest.mark.parametrize("lang", LANGS)
def test_dates_are_date_cells_in_the_language_format(lang: Lang) -> None:
    data = write_workbook(small_dataset(), lang)
    ws = openpyxl_book(data)[SHEETS[1].name(lang)]

    due = ws["G2"]
    assert due.is_date
    assert due.number_format == DATE_FORMATS[lang]
    assert due.value == dt.datetime(2020, 6, 30)
    assert calamine_rows(data)[SHEETS[1].name(lang)][1][6] == dt.date(2020, 6, 30)


def test_date_before_excel_calendar_is_written_as_iso_text() -> None:
    rows = calamine_rows(write_workbook(small_dataset(due_date=dt.date(1899, 5, 1))))

    assert rows["Mesures"][1][6] == "1899-05-01"


def test_hostile_text_is_written_as_inert_text() -> None:
    dataset = small_dataset(title=HOSTILE_TEXTS[0], lead=HOSTILE_TEXTS[1], source=HOSTILE_TEXTS[5])

    book = openpyxl_book(write_workbook(dataset))

    ws = book["Mesures"]
    for cell in (ws["E2"], ws["F2"], ws["J2"]):
        assert cell.data_type == "s"
        assert cell.hyperlink is None
    assert (ws["E2"].value, ws["E2"].quotePrefix) == (HOSTILE_TEXTS[0], True)
    assert (ws["J2"].value, ws["J2"].quotePrefix) == ("https://evil.example", False)


TRIGGER_PREFIX = st.sampled_from(["", *FORMULA_TRIGGERS])
# U+FFFE and U+FFFF are not characters XML may carry; xlsxwriter escapes them but no reader
# decodes them back. Surrogates cannot be encoded at all.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\ufffe\uffff"))
USER_TEXT = st.builds(str.__add__, TRIGGER_PREFIX, TEXT).filter(bool)
OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")


@pytest.mark.scale
@settings(max_examples=60, deadline=None)
@given(texts=st.lists(USER_TEXT, min_size=1, max_size=4))
@example(texts=HOSTILE_TEXTS)
@example(texts=["\t=1", "\r=1", "\n=1", "＋1", "－1", "＠x", "007", "NA"])
def test_any_user_text_reads_back_identical_and_is_never_a_formula_or_link(
    texts: list[str],
) -> None:
    dataset = dataset_from_records(
        {
            "events": [
                {
                    "event_id": text,
                    "date": dt.date(2020, 1, 1),
                    "kind": "other",
                    "title": text,
                    "Notes": text,
                }
                for text in texts
            ]
        }
    )
    data = write_workbook(dataset)

    rows = calamine_rows(data)["Chronologie"]
    at = [rows[0].index(header) for header in ("Événement", "Intitulé", "Notes")]
    assert [tuple(row[j] for j in at) for row in rows[1:]] == [(x, x, x) for x in texts]
    ws = openpyxl_book(data)["Chronologie"]
    for row_number, text in enumerate(texts, start=2):
        for letter in map(column_letter, at):
            cell = ws[f"{letter}{row_number}"]
            assert cell.data_type == "s"
            assert cell.hyperlink is None
            assert cell.quotePrefix == text.startswith(FORMULA_TRIGGERS)
            # openpyxl does not decode the `_xHHHH_` escapes of control characters, nor
            # the escape of a literal `_xHHHH_` (calamine does both).
            if not OOXML_ESCAPE.search(text):
                assert unescape(cell.value) == text


@pytest.mark.scale
def test_no_cell_of_an_export_is_a_formula_or_a_hyperlink() -> None:
    dataset = small_dataset(title=HOSTILE_TEXTS[0], axis=HOSTILE_TEXTS[2], lead=HOSTILE_TEXTS[4])

    book = openpyxl_book(write_workbook(dataset))

    for ws in book.worksheets:
        assert not ws._hyperlinks
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate


def test_export_contains_no_macro_or_external_link() -> None:
    with zipfile.ZipFile(io.BytesIO(write_workbook(small_dataset()))) as archive:
        names = archive.namelist()

    assert not [n for n in names if "vbaProject" in n or "externalLink" in n]


def test_extra_columns_follow_the_declared_ones_and_internal_columns_never_leave() -> None:
    dataset = small_dataset(**{"Ma colonne": "=1", "Notes": "à garder"})
    dataset = Dataset(dataset.tables, dataset.scale, extras={"measures": ("Notes", "Ma colonne")})

    rows = calamine_rows(write_workbook(dataset))

    declared = [c.header("fr") for c in SHEETS[1].columns]
    assert rows["Mesures"][0] == [*declared, "Notes", "Ma colonne"]
    assert rows["Mesures"][1][-2:] == ["à garder", "=1"]
    headers = {h for sheet_rows in rows.values() for h in sheet_rows[0] if sheet_rows}
    assert not {"_row", "category"} & headers


# --- The round trip a coordinator makes ---------------------------------------------------


@pytest.mark.subprocess
def test_unchanged_french_export_validates_to_the_identical_dataset() -> None:
    original = small_dataset(title="  =SOMME(A1)", lead="007", source="https://evil.example")
    original = validated(write_workbook(original))  # as it would be after a first upload

    again = validated(write_workbook(original))

    assert again.content_hash() == original.content_hash()
    for table_id in original.tables:
        assert records_without_row(again, table_id) == records_without_row(original, table_id)


@pytest.mark.subprocess
def test_unchanged_english_export_validates_to_the_same_data() -> None:
    original = validated(write_workbook(small_dataset()))

    again = validated(write_workbook(original, "en"))

    for table_id in original.tables:
        if table_id != "status_updates":
            assert records_without_row(again, table_id) == records_without_row(original, table_id)
    before, after = original.status_updates, again.status_updates
    assert after["category"].tolist() == before["category"].tolist()
    assert [again.scale.display(s, "en") for s in after["status"]] == [
        original.scale.display(s, "en") for s in before["status"]
    ]


@pytest.mark.subprocess
def test_unchanged_english_export_validates_to_the_identical_dataset() -> None:
    original = validated(write_workbook(small_dataset()))

    again = validated(write_workbook(original, "en"))

    assert again.content_hash() == original.content_hash()


@pytest.mark.scale
def test_writing_ten_thousand_measures_takes_seconds_not_minutes() -> None:
    measures = [
        {
            "measure_id": f"M{i:05d}",
            "plan_id": "P",
            "number": i,
            "axis": "Axe",
            "title": f"Mesure {i}",
            "due_date": dt.date(2020, 1, 1),
            "budget_eur": i * 1.5,
        }
        for i in range(10_000)
    ]
    dataset = dataset_from_records({"measures": measures})

    started = time.perf_counter()
    data = write_workbook(dataset)
    elapsed = time.perf_counter() - started

    assert elapsed < 10, elapsed
    assert len(calamine_rows(data)["Mesures"]) == 10_001


# --- Contract 1.1: date bounds and published verdicts -------------------------------------

VERDICTS = SHEETS_BY_ID["published_verdicts"]


def bounded_dataset() -> Dataset:
    """The small dataset with dates known to the month, the year and between two dates,
    and two published verdicts (one with every count, one with some)."""
    records = small_records()
    records["plans"][0] |= {
        "expected_date": dt.date(2018, 10, 1),
        "expected_latest": dt.date(2018, 10, 31),
    }
    records["status_updates"][0] |= {
        "as_of": dt.date(2020, 1, 1),
        "as_of_latest": dt.date(2020, 12, 31),
    }
    records["events"].append(
        {
            "event_id": "E2",
            "date": dt.date(2020, 2, 3),
            "date_latest": dt.date(2020, 3, 31),
            "kind": "reply",
            "title": "Réponse du ministre",
            "reply_to": "E1",
        }
    )
    records["published_verdicts"] = [
        {
            "plan_id": "007",
            "assessor": "CNCDH",
            "voice": "independent",
            "published_on": dt.date(2021, 1, 12),
            "measures_covered": 1,
            "count_done": 0,
            "count_partial": 1,
            "count_not_done": 0,
            "count_dropped": 0,
            "count_unknown": 0,
            "source": "https://www.cncdh.fr/exemple",
            "comment": "Totaux publiés",
        },
        {
            "plan_id": "007",
            "assessor": "Collectif",
            "voice": "civil_society",
            "published_on": dt.date(2021, 6, 1),
            "measures_covered": 1,
            "count_not_done": 1,
            "source": "Rapport du Collectif",
        },
    ]
    return dataset_from_records(records)


@pytest.mark.parametrize("lang", LANGS)
def test_template_has_the_published_verdicts_sheet_with_a_voice_drop_down(lang: Lang) -> None:
    data = write_workbook(lang=lang)
    rows = calamine_rows(data)

    assert rows[VERDICTS.name(lang)][0][:5] == [c.header(lang) for c in VERDICTS.columns[:5]]
    voice = column_letter(VERDICTS.column_ids.index("voice"))
    lists = drop_downs(openpyxl_book(data)[VERDICTS.name(lang)])
    assert lists == {voice: '"' + ",".join(c.label(lang) for c in VOICES) + '"'}


def test_template_puts_each_latest_date_column_right_after_its_date() -> None:
    rows = calamine_rows(write_workbook())

    assert rows["Chronologie"][0][1:3] == ["Date", "Au plus tard le"]
    assert rows["Suivi"][0][1:3] == ["Date", "Au plus tard le"]
    assert rows["Plans"][0][4:6] == ["Attendu le", "Attendu au plus tard le"]


def test_readme_explains_month_and_year_dates_and_the_verdicts_sheet() -> None:
    rows = calamine_rows(write_workbook())[README_SHEET["fr"]]
    text = "\n".join(str(cell) for row in rows for cell in row)

    assert "« mars 2014 »" in text and "Au plus tard le" in text
    assert "Verdicts publiés" in text and "Mesures couvertes" in text


def test_export_writes_the_latest_dates_and_the_verdicts_as_cells() -> None:
    rows = calamine_rows(write_workbook(bounded_dataset()))

    event = dict(zip(rows["Chronologie"][0], rows["Chronologie"][2], strict=True))
    assert (event["Date"], event["Au plus tard le"]) == (dt.date(2020, 2, 3), dt.date(2020, 3, 31))
    first = dict(zip(rows["Chronologie"][0], rows["Chronologie"][1], strict=True))
    assert first["Au plus tard le"] == ""
    verdict = dict(zip(rows["Verdicts publiés"][0], rows["Verdicts publiés"][1], strict=True))
    assert verdict["Évalué par"] == "Évaluation indépendante"
    assert verdict["Date"] == dt.date(2021, 1, 12)
    assert (verdict["Mesures couvertes"], verdict["Partiellement réalisées"]) == (1, 1)
    second = dict(zip(rows["Verdicts publiés"][0], rows["Verdicts publiés"][2], strict=True))
    assert (second["Réalisées"], second["Non réalisées"]) == ("", 1)  # unknown stays empty


@pytest.mark.subprocess
@pytest.mark.parametrize("lang", LANGS)
def test_export_with_date_bounds_and_verdicts_reads_back_identical(lang: Lang) -> None:
    original = validated(write_workbook(bounded_dataset()))
    assert len(original.tables["published_verdicts"]) == 2

    again = validated(write_workbook(original, lang))

    assert again.content_hash() == original.content_hash()
    for table_id in ("plans", "events", "published_verdicts"):
        assert records_without_row(again, table_id) == records_without_row(original, table_id)


def csv_files(data: bytes) -> list[Upload]:
    """The sheets of an exported workbook saved one CSV file each, as a spreadsheet does
    (dates written as 14/05/2014, whole numbers without a decimal point)."""

    def cell(value: object) -> str:
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    uploads = []
    for name, rows in calamine_rows(data).items():
        if name == README_SHEET["fr"]:
            continue
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows([[cell(v) for v in row] for row in rows])
        uploads.append(Upload(f"{name}.csv", buffer.getvalue().encode("utf-8")))
    return uploads


@pytest.mark.subprocess
def test_export_with_date_bounds_and_verdicts_saved_as_csv_reads_back_identical() -> None:
    original = validated(write_workbook(bounded_dataset()))

    result = load_upload(csv_files(write_workbook(original)))

    assert result.dataset is not None, [i.message("en") for i in result.report]
    assert result.dataset.content_hash() == original.content_hash()


@pytest.mark.subprocess
def test_export_saved_as_a_zip_of_csv_files_reads_back_identical() -> None:
    original = validated(write_workbook(bounded_dataset()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for upload in csv_files(write_workbook(original)):
            archive.writestr(upload.name, upload.data)

    result = load_upload([Upload("export.zip", buffer.getvalue())])

    assert result.dataset is not None, [i.message("en") for i in result.report]
    assert result.dataset.content_hash() == original.content_hash()


@pytest.mark.subprocess
def test_a_month_typed_in_an_export_reads_as_that_month_and_exports_as_its_bounds() -> None:
    original = validated(write_workbook(small_dataset()))
    book = openpyxl_book(write_workbook(original))
    book["Chronologie"]["B2"] = "mars 2020"
    buffer = io.BytesIO()
    book.save(buffer)

    edited = validated(buffer.getvalue())
    events = edited.events
    assert (events["date"].iloc[0], events["date_latest"].iloc[0]) == (
        pd.Timestamp("2020-03-01"),
        pd.Timestamp("2020-03-31"),
    )
    assert validated(write_workbook(edited)).content_hash() == edited.content_hash()
