"""What a publication makes public (issue 15, item 6): the voices and sheets a setting
chooses, and nothing private unless asked for.

The dataset is a small valid workbook to which a coordinator added what stays private:
a column of internal notes beyond the contract and e-mail addresses in comments. Each
test publishes it (site and data package, as `plan-monitoring publish` writes them) and
reads every written file back as bytes, so a leak anywhere (a page, a chart's JSON, a
CSV, the workbook copied into the package) is seen.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import frictionless
import openpyxl
import pytest

from monitoring.cli import main
from monitoring.config.settings import SettingError, Settings
from monitoring.contract.publication import WITHHOLDABLE, Scope, parse_sheets, parse_voices
from monitoring.contract.schema import SHEETS_BY_ID
from monitoring.intake.loading import load_paths
from monitoring.present.datapackage import PACKAGE_FILE, Release
from monitoring.services.publishing import DATA_FOLDER, publish_folder
from tests.builders import add_row, valid_sheets

AS_OF = dt.date(2019, 1, 1)
NOTE = "Note interne"
SECRET = "rappeler la conseillère avant le comité"
EMAIL = "jeanne.martin@association.example.org"
GOVERNMENT_EVIDENCE = "circulaire-gouvernement-2016"
CIVIL_EVIDENCE = "rapport-collectif-2018"
LETTER = "Lettre au Premier ministre"


def private_workbook(folder: Path) -> Path:
    """valid_sheets() with an internal-notes column, e-mail addresses and two voices."""
    sheets = valid_sheets()
    suivi = sheets["Suivi"]
    suivi[0].append(NOTE)
    suivi[1].append(SECRET)
    suivi[2].append("")
    evidence = suivi[0].index(SHEETS_BY_ID["status_updates"].column("evidence").fr)
    comment = suivi[0].index(SHEETS_BY_ID["status_updates"].column("comment").fr)
    suivi[1][evidence] = GOVERNMENT_EVIDENCE
    suivi[2][evidence] = CIVIL_EVIDENCE
    suivi[2][comment] = f"Contact : {EMAIL} (collectif)"
    add_row(sheets, "Chronologie", event_id="E3", date=dt.date(2018, 1, 5), kind="Lettre",
            title="Relance", sender=f"Collectif <{EMAIL}>")  # fmt: skip
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = folder / "prive.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("private")
    path = private_workbook(folder)
    loaded = load_paths([path])
    assert loaded.dataset is not None, [i.message("en") for i in loaded.report.errors]
    return loaded.dataset, path


def publish(private, out: Path, scope: Scope | None = None):
    dataset, path = private
    release = Release(
        name="prive", title="Prive", version=3, content_hash=dataset.content_hash(),
        created=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), workbook_name=path.name,
    )  # fmt: skip
    return publish_folder(out, dataset, release, path.read_bytes(), key="prive", as_of=AS_OF,
                          scope=scope)  # fmt: skip


def every_file_text(out: Path) -> dict[Path, str]:
    """Each written file's text; the workbook copied into the package unzipped."""
    texts = {}
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                texts[path] = "".join(
                    archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                )
        else:
            texts[path] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def csv_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv"))


def test_the_default_publishes_every_voice_and_sheet_but_no_internal_note_or_address(
    private, tmp_path: Path
) -> None:
    dataset, _ = private
    assert NOTE in dataset.extras["status_updates"]  # the workbook did carry the note

    done = publish(private, tmp_path)

    texts = every_file_text(tmp_path)
    assert not [p for p, text in texts.items() if SECRET in text or NOTE in text]
    assert not [p for p, text in texts.items() if EMAIL in text]
    assert done.withheld.extra_columns == (("status_updates", NOTE),)
    assert done.withheld.emails == 2
    assert not done.withheld.voices and not done.withheld.sheets
    # Everything else is there: both voices' evidence and the letters.
    suivi = (tmp_path / DATA_FOLDER / "Suivi.csv").read_text(encoding="utf-8")
    assert GOVERNMENT_EVIDENCE in suivi and CIVIL_EVIDENCE in suivi
    assert "[adresse masquée]" in suivi
    assert LETTER in (tmp_path / "fr" / "timeline.html").read_text(encoding="utf-8")


def test_a_publication_that_leaves_something_out_says_so_on_every_page(
    private, tmp_path: Path
) -> None:
    publish(private, tmp_path)

    pages = sorted(tmp_path.glob("*/**/*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        said = "extrait public" if "/fr/" in page.as_posix() else "public extract"
        assert said in text, page
    method = (tmp_path / "fr" / "method.html").read_text(encoding="utf-8")
    assert "Ce que cette publication laisse de côté" in method
    assert "sans 1 colonne ajoutée au modèle" in method
    package = json.loads((tmp_path / DATA_FOLDER / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert package["withheld"]["extra_columns"] == 1
    assert package["withheld"]["emails_masked"] == 2


def test_the_package_of_an_extract_validates_and_states_the_public_content(
    private, tmp_path: Path
) -> None:
    dataset, path = private
    publish(private, tmp_path, Scope(voices=frozenset({"civil_society"})))
    folder = tmp_path / DATA_FOLDER
    package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))

    report = frictionless.validate(str(folder / PACKAGE_FILE))
    back = load_paths(csv_files(folder))

    assert report.valid, report.flatten(["type", "message"])[:5]
    assert back.dataset is not None, [i.message("en") for i in back.report.errors[:5]]
    # The public part's own hash, not the stored version's: what the CSV files hold.
    assert package["content_hash"] == back.dataset.content_hash()
    assert package["content_hash"] != dataset.content_hash()
    # The original workbook would leak what was left out: the public part replaces it.
    assert not (folder / path.name).exists()
    assert package["sources"][0]["path"] == "prive-v3-public.xlsx"
    assert (folder / "prive-v3-public.xlsx").is_file()


def test_public_voices_leave_the_other_voices_assessments_out_everywhere(
    private, tmp_path: Path
) -> None:
    done = publish(private, tmp_path, Scope(voices=frozenset({"civil_society"})))

    texts = every_file_text(tmp_path)
    assert not [p for p, text in texts.items() if GOVERNMENT_EVIDENCE in text]
    assert any(CIVIL_EVIDENCE in text for text in texts.values())
    assert done.withheld.voices == ("government", "independent")
    index = (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert "sans les évaluations Gouvernement, Évaluation indépendante" in index


def test_a_withheld_sheet_is_empty_named_and_its_page_not_written(private, tmp_path: Path) -> None:
    done = publish(private, tmp_path, Scope(sheets=parse_sheets(["published_verdicts"])))

    assert done.withheld.sheets == ("recommendations", "retention", "events")
    texts = every_file_text(tmp_path)
    assert not [p for p, text in texts.items() if LETTER in text or "Former les prof" in text]
    for lang in ("fr", "en"):
        assert not (tmp_path / lang / "timeline.html").exists()
        assert not (tmp_path / lang / "gaps.html").exists()
        overview = (tmp_path / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="timeline.html"' not in overview and 'href="gaps.html"' not in overview
    folder = tmp_path / DATA_FOLDER
    package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    described = {r["name"]: r["description"] for r in package["resources"]}
    assert described["events"].startswith("Non publiée dans cet extrait")
    assert not described["plans"].startswith("Non publiée")
    assert package["withheld"]["sheets"] == ["Recommandations", "Prise en compte", "Chronologie"]
    # Published empty, with its headers: the package still reads back.
    assert (folder / "Chronologie.csv").read_text(encoding="utf-8").count("\n") == 1


def test_asked_for_the_notes_and_addresses_are_published(private, tmp_path: Path) -> None:
    dataset, path = private
    done = publish(private, tmp_path, Scope(extra_columns=True, emails=True))

    texts = every_file_text(tmp_path)
    assert not done.withheld
    assert any(SECRET in text for text in texts.values())
    assert any(EMAIL in text for text in texts.values())
    package = json.loads((tmp_path / DATA_FOLDER / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert package["content_hash"] == dataset.content_hash() and "withheld" not in package
    assert (tmp_path / DATA_FOLDER / path.name).read_bytes() == path.read_bytes()


def test_names_in_either_language_choose_voices_and_sheets() -> None:
    assert parse_voices(["Société civile", " government "]) == {"civil_society", "government"}
    assert parse_voices(["toutes"]) == {"government", "civil_society", "independent"}
    assert parse_sheets(["Chronologie", "Published verdicts"]) == {"events", "published_verdicts"}
    assert parse_sheets(["none"]) == frozenset()
    # Withholding the recommendations takes their retention with them.
    assert Scope(sheets=frozenset(WITHHOLDABLE) - {"recommendations"}).withheld_sheets() == (
        "recommendations",
        "retention",
    )


def test_the_setting_is_read_from_the_environment_and_a_wrong_name_refused() -> None:
    env = {
        "PLAN_MONITORING_PUBLIC_VOICES": "civil_society,Évaluation indépendante",
        "PLAN_MONITORING_PUBLIC_SHEETS": "events",
        "PLAN_MONITORING_PUBLISH_EMAILS": "1",
    }
    scope = Settings.from_env(env).publication
    assert scope.voices == {"civil_society", "independent"}
    assert scope.withheld_sheets() == ("recommendations", "retention", "published_verdicts")
    assert scope.emails and not scope.extra_columns
    assert Settings.from_env({}).publication == Scope()

    with pytest.raises(SettingError) as refused:
        Settings.from_env({"PLAN_MONITORING_PUBLIC_VOICES": "ministère"})
    assert "PLAN_MONITORING_PUBLIC_VOICES" in refused.value.message("fr")
    assert "civil_society" in refused.value.message("fr")
    with pytest.raises(SettingError, match="PLAN_MONITORING_PUBLIC_SHEETS"):
        Settings.from_env({"PLAN_MONITORING_PUBLIC_SHEETS": "Mesures"})


@pytest.mark.subprocess
def test_publish_options_override_the_setting(private, tmp_path: Path, monkeypatch, capsys) -> None:
    _, path = private
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("PLAN_MONITORING_PUBLIC_VOICES", "government")
    out = tmp_path / "site"

    code = main(["publish", str(path), "--out", str(out), "--public-voices", "civil_society",
                 "--public-sheets", "none", "--with-extra-columns"])  # fmt: skip
    with pytest.raises(SystemExit) as refused:
        main(["publish", str(path), "--out", str(tmp_path / "x"), "--public-voices", "x"])

    assert code == 0
    suivi = (out / DATA_FOLDER / "Suivi.csv").read_text(encoding="utf-8")
    # The notes column is published (its one note was on a government row, left out).
    assert CIVIL_EVIDENCE in suivi and GOVERNMENT_EVIDENCE not in suivi and NOTE in suivi
    package = json.loads((out / DATA_FOLDER / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert set(package["withheld"]["sheets"]) == {SHEETS_BY_ID[s].fr for s in WITHHOLDABLE}
    assert refused.value.code == 2 and not (tmp_path / "x").exists()
    assert "unknown voice 'x'" in capsys.readouterr().err


def test_the_report_pages_zip_follows_the_setting(private) -> None:
    """`publish_zip` (the Report page's download) applies the scope it is given."""
    from monitoring.services.publishing import publish_zip

    dataset, path = private
    release = Release(name="prive", title="Prive", version=3,
                      content_hash=dataset.content_hash(), created=dt.datetime.now(dt.UTC),
                      workbook_name=path.name)  # fmt: skip
    data = publish_zip(dataset, release, path.read_bytes(), key="prive", as_of=AS_OF,
                       scope=Scope(voices=frozenset({"government"})))  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        suivi = archive.read(f"prive-v3/{DATA_FOLDER}/Suivi.csv").decode("utf-8")
        names = archive.namelist()
    assert GOVERNMENT_EVIDENCE in suivi and CIVIL_EVIDENCE not in suivi
    assert f"prive-v3/{DATA_FOLDER}/{path.name}" not in names
