"""The shipped datasets are declared once (`monitoring.config.shipped`), read from
`Settings.data_dir`, and every consumer (seeding, loading, names, banners, the dossier's
cover, the note on sources) follows that declaration."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from monitoring.config import shipped
from monitoring.config.settings import DATA_DIR, SettingError, Settings
from monitoring.intake.loading import load_shipped
from monitoring.present import dossier
from monitoring.services.importing import ensure_seeded
from monitoring.storage.memory import MemoryStore
from monitoring.text.i18n import CATALOG, t

DEMO = DATA_DIR / "demo.xlsx"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory whose `france.xlsx` is a copy of the demo workbook: loading it
    shows which directory was read."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    for entry in shipped.DATASETS:
        shutil.copyfile(DEMO, folder / entry.file)
    (folder / "france").mkdir()
    (folder / "france" / "SOURCES.md").write_text("# Note de ce dossier\n", encoding="utf-8")
    return folder


def test_the_data_dir_setting_names_the_folder_the_shipped_datasets_are_read_from(
    data_dir: Path,
) -> None:
    settings = Settings.from_env({"PLAN_MONITORING_DATA_DIR": str(data_dir)})
    assert settings.data_dir == data_dir

    demo_hash = load_shipped("demo").content_hash()
    assert load_shipped("france", settings.data_dir).content_hash() == demo_hash
    assert load_shipped("france").content_hash() != demo_hash  # the repository's own

    store = MemoryStore()
    seeded = ensure_seeded(store, settings.data_dir)
    assert [v.dataset_key for v in seeded] == [d.key for d in shipped.DATASETS]
    assert store.read_dataset("france", 1).content_hash() == demo_hash
    assert str(data_dir.resolve() / "france.xlsx") in seeded[0].note
    assert shipped.sources_note("france", settings.data_dir) == "# Note de ce dossier\n"


def test_without_the_setting_the_repositorys_data_folder_is_used() -> None:
    assert Settings.from_env({}).data_dir == DATA_DIR
    assert Settings.from_env({"PLAN_MONITORING_DATA_DIR": "  "}).data_dir == DATA_DIR
    seeded = ensure_seeded(MemoryStore())
    assert "data/france.xlsx" in seeded[0].note


def test_a_data_dir_that_does_not_exist_stops_the_app_naming_the_variable(
    tmp_path: Path,
) -> None:
    with pytest.raises(SettingError) as raised:
        Settings.from_env({"PLAN_MONITORING_DATA_DIR": str(tmp_path / "absent")})
    message = raised.value.message("en")
    assert "PLAN_MONITORING_DATA_DIR" in message
    assert "france.xlsx, demo.xlsx" in message


def test_a_dataset_added_to_the_registry_is_seeded_named_ordered_and_vouched_for(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = replace(shipped.BY_KEY["demo"], key="extra", file="extra.xlsx")
    shutil.copyfile(DEMO, data_dir / "extra.xlsx")
    monkeypatch.setattr(shipped, "DATASETS", (*shipped.DATASETS, extra))
    monkeypatch.setattr(shipped, "BY_KEY", {**shipped.BY_KEY, "extra": extra})

    seeded = ensure_seeded(MemoryStore(), data_dir)

    assert [v.dataset_key for v in seeded] == ["france", "demo", "extra"]
    assert shipped.ordered(["mine", "extra", "demo"]) == ["demo", "extra", "mine"]
    assert shipped.dataset_label("extra", "en") == t("app.dataset.demo", "en")
    assert dossier.what_the_cover_vouches("extra", "fr") == (True, "")


def test_the_dossier_cover_says_what_the_registry_declares() -> None:
    assert dossier.what_the_cover_vouches("demo", "en") == (True, "")
    assert dossier.what_the_cover_vouches("france", "en") == (
        False,
        t("app.france_banner", "en"),
    )
    assert dossier.what_the_cover_vouches("coalition", "en") == (False, "")
    assert dossier.what_the_cover_vouches(None, "en") == (False, "")


def test_a_coalitions_own_dataset_is_shown_under_its_key_and_after_the_shipped_ones() -> None:
    assert shipped.dataset_label("ma-coalition", "fr") == "ma-coalition"
    assert shipped.dataset_label("demo", "fr") == t("app.dataset.demo", "fr")
    assert shipped.ordered(["b", "demo", "a", "france"]) == ["france", "demo", "b", "a"]
    assert shipped.find("b") is None and shipped.find(None) is None


@pytest.mark.parametrize("entry", shipped.DATASETS, ids=lambda d: d.key)
def test_every_shipped_dataset_has_its_file_and_its_texts(entry: shipped.ShippedDataset) -> None:
    assert entry.path().is_file()
    assert entry.sources_note is None or (DATA_DIR / entry.sources_note).is_file()
    for key in (entry.label_key, entry.banner_key, entry.sources_key):
        assert key in CATALOG, key


def test_the_command_line_seeds_its_store_from_the_data_dir_setting(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from monitoring.cli import main

    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("PLAN_MONITORING_DATA_DIR", str(data_dir))

    assert main(["summary", "--dataset", "france", "--as-of", "2025-06-01", "--json"]) == 0

    plans = [p["plan_id"] for p in json.loads(capsys.readouterr().out)["plans"]]
    assert plans == load_shipped("demo").plans["plan_id"].tolist()  # the copy in data_dir
