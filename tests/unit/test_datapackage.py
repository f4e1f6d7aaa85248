"""The open data package of a version: valid Frictionless, read back as the same data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import pytest

from monitoring.cli import main
from monitoring.config.shipped import BY_KEY, DATASETS
from monitoring.contract.dataset import Dataset, dataset_from_records
from monitoring.contract.schema import SHEETS, SHEETS_BY_ID, Sheet
from monitoring.intake.loading import load_paths, load_shipped
from monitoring.present.datapackage import PACKAGE_FILE, Release, write_package

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

# The Table Schema type each contract column type must be published as (the spec of
# Frictionless field types, written here rather than read from the module under test).
EXPECTED_TYPES = {
    "text": "string",
    "choice": "string",
    "status": "string",
    "id_list": "string",
    "date": "date",
    "integer": "integer",
    "number": "number",
}


def release(key: str, dataset: Dataset, workbook: str = "classeur.xlsx") -> Release:
    return Release(
        name=key,
        title=key,
        version=1,
        content_hash=dataset.content_hash(),
        created=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC),
        workbook_name=workbook,
    )


@pytest.fixture(scope="module")
def shipped_packages(tmp_path_factory) -> dict[str, tuple[Dataset, Path]]:
    """Each shipped dataset, loaded from its workbook, and its package's folder."""
    built = {}
    for shipped in DATASETS:
        dataset = load_shipped(shipped.key)
        folder = tmp_path_factory.mktemp(shipped.key)
        write_package(
            folder, dataset, release(shipped.key, dataset), shipped.path(DATA).read_bytes()
        )
        built[shipped.key] = (dataset, folder)
    return built


def descriptor(folder: Path) -> dict[str, Any]:
    return json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def csv_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv"))


@pytest.mark.parametrize("key", [d.key for d in DATASETS])
def test_package_of_each_shipped_dataset_is_valid_frictionless(shipped_packages, key):
    _, folder = shipped_packages[key]

    report = frictionless.validate(str(folder / PACKAGE_FILE))

    assert report.valid, report.flatten(["type", "message"])[:5]
    resources = descriptor(folder)["resources"]
    assert {r["path"] for r in resources} == {p.name for p in csv_files(folder)}
    assert (folder / "classeur.xlsx").read_bytes() == BY_KEY[key].path(DATA).read_bytes()


@pytest.mark.parametrize("key", [d.key for d in DATASETS])
def test_csv_files_read_back_as_the_published_content(shipped_packages, key):
    dataset, folder = shipped_packages[key]

    back = load_paths(csv_files(folder))

    assert back.dataset is not None, [i.message("en") for i in back.report.errors[:5]]
    assert back.dataset.content_hash() == dataset.content_hash()
    assert descriptor(folder)["content_hash"] == dataset.content_hash()


def _by_path(folder: Path) -> dict[str, dict[str, Any]]:
    return {r["path"]: r for r in descriptor(folder)["resources"]}


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.id)
def test_every_declared_column_is_in_the_schema_with_its_type_and_rules(
    shipped_packages, sheet: Sheet
):
    _, folder = shipped_packages["demo"]
    resource = _by_path(folder)[f"{sheet.fr}.csv"]
    fields = resource["schema"]["fields"]

    assert [f["name"] for f in fields[: len(sheet.columns)]] == [c.fr for c in sheet.columns]
    for column, field in zip(sheet.columns, fields, strict=False):
        constraints = field.get("constraints", {})
        assert field["type"] == EXPECTED_TYPES[column.type], column.id
        assert constraints.get("required", False) == column.required, column.id
        assert constraints.get("unique", False) == column.unique, column.id
        if column.choices:
            assert constraints["enum"] == [c.fr for c in column.choices]
    assert csv_rows(folder / resource["path"])[0] == [f["name"] for f in fields]


def test_keys_and_references_follow_the_contract(shipped_packages):
    _, folder = shipped_packages["demo"]
    resources = _by_path(folder)

    for sheet in SHEETS:
        schema = resources[f"{sheet.fr}.csv"]["schema"]
        if sheet.key:
            assert schema["primaryKey"] == [sheet.column(c).fr for c in sheet.key]
        references = {fk["fields"][0]: fk["reference"] for fk in schema.get("foreignKeys", [])}
        for column in sheet.columns:
            if column.ref is None or column.type == "id_list":
                assert column.fr not in references
                continue
            target = next(s for s in SHEETS if s.id == column.ref.sheet)
            assert references[column.fr]["fields"] == [target.column(column.ref.column).fr]
            assert references[column.fr]["resource"] in ("" if target is sheet else target.id,)


HOSTILE = ("=SUM(A1)", "<script>alert(1)</script>", '=HYPERLINK("http://evil.example","x")')


def hostile_dataset() -> Dataset:
    return dataset_from_records(
        {
            "plans": [
                {
                    "plan_id": "P1",
                    "title": HOSTILE[0],
                    "period_start": dt.date(2019, 1, 1),
                    "period_end": dt.date(2021, 12, 31),
                },
                {
                    "plan_id": "P2",
                    "title": "Suite",
                    "period_start": dt.date(2022, 1, 1),
                    "period_end": dt.date(2024, 12, 31),
                    "previous_plan_id": "P1",
                },
            ],
            "measures": [
                {
                    "measure_id": "M1",
                    "plan_id": "P1",
                    "axis": "Prévenir",
                    "title": HOSTILE[1],
                    "lead": HOSTILE[2],
                    "number": 3,
                    "budget_eur": 1500.25,
                },
                # A reference within the sheet: the package's foreign key names no resource.
                {
                    "measure_id": "M2",
                    "plan_id": "P2",
                    "axis": "Prévenir",
                    "title": "Suite",
                    "carried_from": "M1",
                },
            ],
            "recommendations": [
                {
                    "rec_id": "R1",
                    "author": "Collectif",
                    "theme": "Formation",
                    "title": "Former",
                    # Known only as March 2014: its two bounds, no day chosen.
                    "issued_on": dt.date(2014, 3, 1),
                    "issued_latest": dt.date(2014, 3, 31),
                }
            ],
        }
    )


def test_hostile_text_numbers_and_period_dates_read_back_exactly(tmp_path):
    dataset = hostile_dataset()
    write_package(tmp_path, dataset, release("hostile", dataset), b"not used")

    plans = csv_rows(tmp_path / "Plans.csv")
    measures = csv_rows(tmp_path / "Mesures.csv")
    recommendations = csv_rows(tmp_path / "Recommandations.csv")
    back = load_paths(csv_files(tmp_path))
    report = frictionless.validate(str(tmp_path / PACKAGE_FILE))

    # Kept as written (no quote prefix): the CSV is for software and must read back as
    # the same value; the spreadsheet exports are the ones that neutralise formulas.
    assert plans[1][plans[0].index(SHEETS_BY_ID["plans"].column("title").fr)] == HOSTILE[0]
    assert HOSTILE[1] in measures[1] and HOSTILE[2] in measures[1]
    assert report.valid, report.flatten(["type", "message"])[:5]
    header, row = recommendations
    columns = SHEETS_BY_ID["recommendations"]
    issued = row[header.index(columns.column("issued_on").fr)]
    latest = row[header.index(columns.column("issued_latest").fr)]
    assert (issued, latest) == ("2014-03-01", "2014-03-31")
    assert back.dataset is not None, [i.message("en") for i in back.report.errors[:5]]
    assert back.dataset.plans["title"].tolist() == [HOSTILE[0], "Suite"]
    assert back.dataset.measures[["title", "lead"]].iloc[0].tolist() == list(HOSTILE[1:])
    assert back.dataset.measures["budget_eur"].iloc[0] == 1500.25
    assert back.dataset.content_hash() == dataset.content_hash()


@pytest.mark.subprocess
def test_publish_command_writes_the_package_whose_csv_import_is_identical(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    out = tmp_path / "site"

    published = main(["publish", "--out", str(out), "--dataset", "demo", "--lang", "en"])
    printed = capsys.readouterr().out
    folder = out / "data"
    imported = main(["import", *map(str, csv_files(folder)), "--dataset", "demo"])
    missing = main(["publish", "--out", str(out), "--dataset", "nothing-here"])

    assert published == 0 and "Open data package written" in printed
    assert "Static site written" in printed
    # The site beside its data: both languages' pages, plotly.js once, the version stated.
    for lang in ("fr", "en"):
        page = (out / lang / "index.html").read_text(encoding="utf-8")
        assert "../assets/plotly.min.js" in page and "version 1" in page
    assert (out / "index.html").is_file() and (out / "assets" / "plotly.min.js").is_file()
    assert descriptor(folder)["version"] == "1"
    assert (folder / "demo.xlsx").read_bytes() == (DATA / "demo.xlsx").read_bytes()
    assert imported == 3  # identical to the stored version: nothing stored
    assert missing == 1


@pytest.mark.subprocess
def test_publish_of_a_file_is_unversioned_and_keeps_the_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    out = tmp_path / "site"

    code = main(["publish", str(DATA / "demo.xlsx"), "--out", str(out)])

    package = descriptor(out / "data")
    assert code == 0 and "Paquet de données ouvertes écrit" in capsys.readouterr().out
    assert "version" not in package
    assert package["content_hash"] == load_shipped("demo").content_hash()
    assert (out / "data" / "demo.xlsx").read_bytes() == (DATA / "demo.xlsx").read_bytes()


def test_the_published_zip_holds_the_site_and_the_package_under_one_folder(tmp_path):
    """What the Report page offers editors: `publish_zip` of a stored version."""
    from monitoring.services.importing import ensure_seeded
    from monitoring.services.publishing import publish_zip, stored_release
    from monitoring.storage.memory import MemoryStore

    store = MemoryStore()
    ensure_seeded(store, DATA)
    info = store.current("demo")
    assert info is not None
    dataset, release, workbook = stored_release(store, "demo", info)

    data = publish_zip(dataset, release, workbook, key="demo", as_of=dt.date(2025, 6, 1))

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        page = archive.read("demo-v1/fr/index.html").decode("utf-8")
        package = json.loads(archive.read("demo-v1/data/datapackage.json"))
    assert {"demo-v1/index.html", "demo-v1/assets/plotly.min.js", "demo-v1/data/demo.xlsx"} <= names
    assert {f"demo-v1/{lang}/index.html" for lang in ("fr", "en")} <= names
    assert "version 1" in page and "01/06/2025" in page and "fictives" in page
    assert package["version"] == "1" and package["content_hash"] == dataset.content_hash()
