"""The `plan-monitoring` command line, run as a user would (in-process, through main())."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest

from monitoring.cli import main
from monitoring.contract.schema import STATUS_UPDATES, normalise_label

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]
FRANCE_CSV = ROOT / "data" / "france"


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch) -> Path:
    """Each test has its own empty store (SQLite in a temporary state folder)."""
    folder = tmp_path / "state"
    monkeypatch.setenv("PLAN_MONITORING_STATE_DIR", str(folder))
    monkeypatch.delenv("PLAN_MONITORING_DATABASE_URL", raising=False)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_without_file_checks_the_shipped_french_dataset(capsys):
    code, out, _ = run(capsys, "validate", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["ok"] is True
    assert all(i["severity"] != "error" for i in report["issues"])


def test_validate_json_lists_every_issue_with_its_place(tmp_path, capsys):
    wb = openpyxl.load_workbook(ROOT / "data" / "demo.xlsx")
    ws = wb["Suivi"]
    ws["C2"] = "Terminé à moitié"
    ws["B3"] = "31/02/2024"
    path = tmp_path / "broken.xlsx"
    wb.save(path)

    code, out, _ = run(capsys, "validate", str(path), "--json", "--lang", "en")

    report = json.loads(out)
    assert code == 1
    assert report["ok"] is False
    places = {(i["code"], i["sheet"], i["row"], i["column"]) for i in report["issues"]}
    assert ("constraint-error", "Suivi", 2, "C") in places
    assert ("type-error", "Suivi", 3, "B") in places
    assert set(report["issues"][0]) == {
        "code", "severity", "sheet", "row", "column", "header", "value", "message"
    }  # fmt: skip
    status = next(i for i in report["issues"] if i["column"] == "C" and i["row"] == 2)
    assert "Terminé à moitié" in status["message"] and "Done" in status["message"]


def test_validate_refuses_a_hostile_or_unreadable_file_with_exit_1_and_no_traceback(
    tmp_path, capsys
):
    fake = tmp_path / "plan.xlsx"
    fake.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    code, out, err = run(capsys, "validate", str(fake))
    assert code == 1
    assert "Traceback" not in out + err
    assert "PDF" in out


def test_validate_says_so_when_the_file_does_not_exist(tmp_path, capsys):
    code, _, err = run(capsys, "validate", str(tmp_path / "missing.xlsx"))
    assert code == 1
    assert "missing.xlsx" in err


def test_summary_json_has_the_documented_shape_for_the_french_dataset(capsys):
    code, out, _ = run(capsys, "summary", "--as-of", "2026-11-26", "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["as_of"] == "2026-11-26"
    plans = {p["plan_id"]: p for p in summary["plans"]}
    assert list(plans) == ["PAN-2014", "PAN-2019", "PAN-2024"]
    assert [p["measures"] for p in plans.values()] == [23, 45, 60]
    second = plans["PAN-2019"]
    assert second["adopted_date"] == "2019-10-18"
    # Only the CNCDH's six per-measure verdicts are known; the rest stays unknown.
    assert second["status_counts"] == {
        "done": 0, "partial": 4, "not_done": 2, "dropped": 0, "unknown": 39
    }  # fmt: skip
    # Retention is not recorded for this plan: unknown, never zeros.
    assert (second["retention_recorded"], second["retention_counts"]) == (False, None)
    # Six measures assessed out of 45: under the coverage threshold, no percentage.
    assert (second["assessed"], second["completion_state"]) == (6, "too_few_assessed")
    assert second["completion_rate"] is None
    assert sum(second["overdue_by_basis"].values()) == second["overdue"]
    assert summary["coverage_threshold"] == 0.5
    assert second["adopted_date"] == "2019-10-18"
    assert second["gap_before_days"] == 1021


def _with_published_evaluation(tmp_path: Path) -> list[Path]:
    """The French CSV files plus the CNCDH's 2023 verdict on all 45 measures of plan 2.

    The CNCDH published the totals (3 done, 28 partly done, 14 not done) but per-measure
    verdicts only for measures 1-6; this test-only file keeps those six and spreads the
    rest so that the totals match, to check the summary reproduces a published count.
    """
    folder = tmp_path / "france"
    shutil.copytree(FRANCE_CSV, folder)
    partly, not_done = "Partiellement réalisée", "Non réalisée"
    known = {1: partly, 2: not_done, 3: partly, 4: not_done, 5: partly, 6: partly}
    rest = ["Réalisée"] * 3 + ["Partiellement réalisée"] * 24 + ["Non réalisée"] * 12
    statuses = [known[n] if n in known else rest[n - 7] for n in range(1, 46)]
    path = folder / "Suivi.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    # Rows are built by header, so they follow the file's columns, whatever their order.
    column_of = {key: c.id for c in STATUS_UPDATES.columns for key in c.header_keys()}
    ids = [column_of.get(normalise_label(h.lstrip("\ufeff"))) for h in header]
    assert {"measure_id", "as_of", "status", "voice", "assessor"} <= set(ids)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for number, status in enumerate(statuses, start=1):
        if number > 6:
            values = {
                "measure_id": f"PAN2-M{number:02d}",
                "as_of": "2023-01-12",
                "status": status,
                "voice": "Évaluation indépendante",
                "assessor": "CNCDH",
            }
            writer.writerow([values.get(i or "", "") for i in ids])
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())
    return sorted(folder.glob("*.csv"))


def test_summary_reproduces_the_national_rapporteurs_count_given_the_same_statuses(
    tmp_path, capsys
):
    files = _with_published_evaluation(tmp_path)
    code, out, _ = run(
        capsys, "summary", *map(str, files), "--as-of", "2023-01-12", "--voice",
        "independent", "--json",
    )  # fmt: skip
    assert code == 0
    second = next(p for p in json.loads(out)["plans"] if p["plan_id"] == "PAN-2019")
    assert second["measures"] == 45
    assert second["status_counts"] == {
        "done": 3, "partial": 28, "not_done": 14, "dropped": 0, "unknown": 0
    }  # fmt: skip
    assert second["completion_rate"] == pytest.approx(3 / 45)


def test_summary_in_text_speaks_french_by_default_and_english_on_request(capsys):
    code, out, _ = run(capsys, "summary", "--as-of", "2026-11-26")
    assert code == 0
    assert "Taux de réalisation" in out and "26/11/2026" in out
    code, out, _ = run(capsys, "summary", "--as-of", "2026-11-26", "--lang", "en")
    assert "Completion rate" in out and "2026-11-26" in out


def _partial_evidence_workbook(tmp_path: Path) -> Path:
    """Three plans resting on partial evidence, written as a workbook a user would give.

    P1: adopted (expected in October 2013), one measure assessed out of four, retention
    recorded. P2: 45 measures, one assessed by the CNCDH, which published totals for all
    45; every deadline is the plan's end. P3: expected on 18/10/2023, adopted on
    11/12/2023, nothing assessed.
    """
    from monitoring.contract.dataset import dataset_from_records
    from monitoring.present.workbook import write_workbook

    def plan(plan_id, start, end, **extra):
        return {"plan_id": plan_id, "title": f"Plan {plan_id}", "period_start": start,
                "period_end": end, **extra}  # fmt: skip

    measures = [
        {"measure_id": f"{p}-M{i}", "plan_id": p, "number": i, "axis": "A", "title": f"M{i}",
         "due_date": "2015-06-30" if p == "P1" else None}
        for p, n in (("P1", 4), ("P2", 45), ("P3", 2)) for i in range(1, n + 1)
    ]  # fmt: skip
    dataset = dataset_from_records(
        {
            "plans": [
                plan(
                    "P1",
                    "2014-01-01",
                    "2016-12-31",
                    adopted_date="2014-05-14",
                    expected_date="2013-10-01",
                    expected_latest="2013-10-31",
                ),
                plan("P2", "2019-01-01", "2021-12-31", adopted_date="2019-10-18"),
                plan(
                    "P3",
                    "2024-01-01",
                    "2027-12-31",
                    adopted_date="2023-12-11",
                    expected_date="2023-10-18",
                ),
            ],
            "measures": measures,
            "status_updates": [
                {
                    "measure_id": "P1-M1",
                    "as_of": "2015-11-19",
                    "status": "En cours",
                    "voice": "government",
                    "assessor": "MIPROF",
                },
                {
                    "measure_id": "P2-M1",
                    "as_of": "2023-01-12",
                    "status": "Non réalisée",
                    "voice": "independent",
                    "assessor": "CNCDH",
                },
            ],
            "recommendations": [
                {"rec_id": "R1", "author": "Collectif", "theme": "T", "title": "R1"}
            ],
            "retention": [{"rec_id": "R1", "plan_id": "P1", "level": "not_retained"}],
            "published_verdicts": [
                {
                    "plan_id": "P2",
                    "assessor": "CNCDH",
                    "voice": "independent",
                    "published_on": "2023-01-12",
                    "measures_covered": 45,
                    "count_done": 3,
                    "count_partial": 28,
                    "count_not_done": 14,
                    "source": "JORF",
                },
            ],
        }
    )
    path = tmp_path / "partiel.xlsx"
    path.write_bytes(write_workbook(dataset))
    return path


def test_summary_text_gives_the_published_verdict_coverage_and_unknowns_in_french(tmp_path, capsys):
    path = _partial_evidence_workbook(tmp_path)

    code, out, _ = run(capsys, "summary", str(path), "--as-of", "2024-06-01")

    assert code == 0
    p1, p2, p3 = out.split("\n\n")[1:]
    assert (
        "CNCDH, 12/01/2023 : 3 réalisées, 28 partiellement, 14 non réalisées (45 mesures) "
        "— verdict par mesure connu pour 1"
    ) in p2
    assert "Couverture : 1 mesure évaluée sur 4" in p1
    assert "Taux de réalisation : trop peu de mesures évaluées (1 sur 4)" in p1
    assert "%" not in out
    assert "Taux de réalisation : inconnu" in p3
    assert "Prise en compte des recommandations : non renseignée" in p2
    assert "non retenues 1" in p1
    assert "Mesures en retard : 1 (selon l'échéance : fin du plan, par convention 1)" in p2
    assert "Mesures en retard : 1 (selon l'échéance : échéance de la mesure 1)" in p1
    assert "le verdict publié par CNCDH couvre 45 mesures" in p2
    # P2-M1: due 31/12/2021 (plan end), last assessed 12/01/2023: 377 days at least.
    assert (
        "Retard médian : au moins 377 jours (sur 1 mesure ; dernière évaluation le 12/01/2023)"
        in p2
    )
    assert "Délai d'adoption (adopté − attendu) : entre 195 et 225 jours" in p1  # from 31/10/2013


def test_summary_text_in_english_says_the_same(tmp_path, capsys):
    path = _partial_evidence_workbook(tmp_path)

    code, out, _ = run(capsys, "summary", str(path), "--as-of", "2024-06-01", "--lang", "en")

    assert code == 0
    assert (
        "CNCDH, 2023-01-12: 3 done, 28 partly, 14 not done (45 measures) — measure-by-measure "
        "verdict known for 1"
    ) in out
    assert "Coverage: 1 measure assessed out of 4" in out
    assert "Completion rate: too few measures assessed (1 out of 4)" in out
    assert "Completion rate: unknown" in out
    assert "Recommendations taken up: not recorded" in out
    assert "Median delay: at least 377 days" in out


def test_summary_before_any_adoption_shows_no_adoption_delay_or_gap(tmp_path, capsys):
    path = _partial_evidence_workbook(tmp_path)

    code, out, _ = run(capsys, "summary", str(path), "--as-of", "2010-01-01")
    _, data, _ = run(capsys, "summary", str(path), "--as-of", "2010-01-01", "--json")

    assert code == 0
    assert out.count("Pas encore adopté au 01/01/2010") == 3
    assert "Adopté le" not in out and "Délai" not in out and "Sans plan" not in out
    for plan in json.loads(data)["plans"]:
        assert plan["adopted"] is False and plan["adopted_date"] is None
        assert plan["completion_state"] == "not_adopted"
        assert plan["adoption_delay_days"] is None and plan["gap_before_days"] is None


def test_summary_while_a_plan_is_awaited_says_its_adoption_is_overdue_and_no_plan_is_in_force(
    tmp_path, capsys
):
    path = _partial_evidence_workbook(tmp_path)

    code, out, _ = run(capsys, "summary", str(path), "--as-of", "2023-11-01")
    p3 = out.split("\n\n")[3]

    assert code == 0
    assert "Pas encore adopté au 01/11/2023" in p3
    assert "Adoption attendue : 18/10/2023 ; en retard d'au moins 14 jours" in p3
    # No plan in force since P2 ended on 31/12/2021: an open gap, counted to the as-of date.
    assert "Sans plan en vigueur depuis la fin du plan précédent : au moins 670 jours" in p3
    assert "11/12/2023" not in out


def test_summary_json_holds_coverage_verdicts_and_deadline_bases(tmp_path, capsys):
    path = _partial_evidence_workbook(tmp_path)

    code, out, _ = run(capsys, "summary", str(path), "--as-of", "2024-06-01", "--json")

    assert code == 0
    plans = {p["plan_id"]: p for p in json.loads(out)["plans"]}
    (verdict,) = plans["P2"]["published_verdicts"]
    assert (verdict["published_on"], verdict["measures_covered"]) == ("2023-01-12", 45)
    assert verdict["counts"] == {"done": 3, "partial": 28, "not_done": 14, "dropped": None,
                                 "unknown": None}  # fmt: skip
    assert (plans["P1"]["assessed"], plans["P1"]["completion_rate"]) == (1, None)
    assert plans["P3"]["completion_state"] == "no_assessment"
    assert plans["P2"]["overdue_by_basis"] == {"revised": 0, "measure": 0, "plan_end": 1}
    assert plans["P2"]["median_delay_is_lower_bound"] is True


def test_summary_json_follows_the_voice_filter_for_published_verdicts(tmp_path, capsys):
    path = _partial_evidence_workbook(tmp_path)

    _, out, _ = run(capsys, "summary", str(path), "--as-of", "2024-06-01", "--json",
                    "--voice", "civil_society")  # fmt: skip

    summary = json.loads(out)
    assert summary["voice"] == "civil_society"
    assert all(p["published_verdicts"] == [] for p in summary["plans"])


def test_summary_rejects_an_unknown_voice_as_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["summary", "--voice", "the press"])
    assert exit_info.value.code == 2


def test_template_writes_the_blank_french_workbook(tmp_path, capsys):
    out_path = tmp_path / "modele.xlsx"
    code, _, _ = run(capsys, "template", str(out_path))
    assert code == 0
    wb = openpyxl.load_workbook(out_path)
    assert {"Plans", "Mesures", "Recommandations", "Prise en compte", "Suivi",
            "Chronologie"} <= set(wb.sheetnames)  # fmt: skip
    assert wb["Mesures"]["A1"].value == "Mesure"
    assert wb["Mesures"].freeze_panes == "A2"


# --- Versions: import, history, diff, export, restore ------------------------------------


def _edited_demo(tmp_path: Path, name: str = "demo-edited.xlsx", **cells: object) -> Path:
    wb = openpyxl.load_workbook(ROOT / "data" / "demo.xlsx")
    for address, value in cells.items():
        sheet, cell = address.split("__")
        wb[sheet][cell] = value
    path = tmp_path / name
    wb.save(path)
    return path


def test_import_stores_a_new_version_and_prints_the_change_review(tmp_path, capsys):
    path = _edited_demo(tmp_path, Chronologie__D2="Intitulé corrigé")
    code, out, _ = run(capsys, "import", "--rewrite-history", str(path), "--dataset", "demo",
                       "--note", "mai", "--author", "Awa", "--as-of", "2026-11-26")  # fmt: skip
    assert code == 0
    assert "version 2" in out and "Événements modifiés : 1" in out

    code, out, _ = run(capsys, "history", "--dataset", "demo", "--json")
    versions = json.loads(out)
    assert [(v["version"], v["kind"], v["author"]) for v in versions] == [
        (1, "seed", "plan-monitoring"), (2, "upload", "Awa")
    ]  # fmt: skip
    assert versions[1]["note"] == "mai" and versions[1]["file_name"] == "demo-edited.xlsx"


def test_import_of_a_rejected_file_exits_1_with_the_report_in_the_chosen_language(tmp_path, capsys):
    path = _edited_demo(tmp_path, Suivi__C2="Terminé à moitié")
    code, out, err = run(capsys, "import", str(path), "--dataset", "demo", "--lang", "en")
    assert code == 1
    assert "constraint-error" in out and "rejected" in out
    assert "File rejected (1 error): nothing was stored." in err
    assert "Traceback" not in out + err
    code, out, _ = run(capsys, "history", "--dataset", "demo", "--json")
    assert len(json.loads(out)) == 1


def test_import_of_the_current_content_exits_3_and_stores_nothing(capsys):
    code, out, _ = run(capsys, "import", str(ROOT / "data" / "demo.xlsx"), "--dataset", "demo")
    assert code == 3
    assert "identique à la version 1" in out


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_export_then_import_of_the_unchanged_file_says_identical(tmp_path, capsys, extension):
    out_path = tmp_path / f"france-export.{extension}"
    code, out, _ = run(capsys, "export", str(out_path), "--lang", "en")
    assert code == 0 and out_path.is_file() and "Version 1" in out
    kind = zipfile.ZipFile(out_path).namelist()[0]  # an .ods opens with its mimetype
    assert (kind == "mimetype") is (extension == "ods")
    code, out, _ = run(capsys, "import", str(out_path), "--lang", "en")
    assert code == 3
    assert "Identical to version 1" in out


def test_import_refuses_a_rewrite_of_history_without_the_flag_and_stores_nothing(tmp_path, capsys):
    path = _edited_demo(tmp_path, Suivi__C2="Réalisée", Suivi__I2="Rapport corrigé")
    code, out, err = run(capsys, "import", str(path), "--dataset", "demo")
    assert code == 5 and out == ""
    (paragraph,) = err.strip().splitlines()  # one paragraph, naming the row
    assert paragraph.startswith("Rien n'a été enregistré")
    assert "Suivi A-M01 · 14/12/2018 · Gouvernement" in paragraph
    assert paragraph.endswith("relancez avec --rewrite-history.")
    code, out, _ = run(capsys, "history", "--dataset", "demo", "--json")
    assert [v["version"] for v in json.loads(out)] == [1]

    code, out, _ = run(capsys, "import", str(path), "--dataset", "demo", "--rewrite-history")
    assert code == 0 and "version 2" in out


def test_import_refuses_a_replacement_without_replace_and_names_what_is_removed(capsys):
    # The French dataset over the demo: every plan, measure, recommendation and event goes.
    france = str(ROOT / "data" / "france.xlsx")
    code, _, err = run(capsys, "import", france, "--dataset", "demo", "--json", "--lang", "en")
    assert code == 5
    code, out, err = run(capsys, "import", france, "--dataset", "demo", "--rewrite-history",
                         "--lang", "en")  # fmt: skip
    assert code == 5
    assert "Recommendations: 28 removed out of 28" in err and "Plans: 3 removed out of 3" in err
    assert "--replace" in err and "--rewrite-history" not in err
    code, out, _ = run(capsys, "history", "--dataset", "demo", "--json")
    assert [v["version"] for v in json.loads(out)] == [1]
    code, out, _ = run(capsys, "import", france, "--dataset", "demo", "--replace", "--json")
    assert code == 5 and json.loads(out)["to_confirm"] == ["rewrite"]
    code, out, _ = run(capsys, "import", france, "--dataset", "demo", "--replace",
                       "--rewrite-history", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["version"]["version"] == 2


def test_a_partial_import_adds_status_rows(tmp_path, capsys):
    full = openpyxl.load_workbook(ROOT / "data" / "demo.xlsx")
    rows = [[c.value for c in row] for row in full["Suivi"].iter_rows(max_row=2)]
    rows[1][1] = "2026-03-01"
    partial = openpyxl.Workbook()
    partial.active.title = "Suivi"
    for row in rows:
        partial.active.append(row)
    path = tmp_path / "suivi.xlsx"
    partial.save(path)
    code, out, _ = run(capsys, "import", str(path), "--dataset", "demo", "--partial", "--json")
    result = json.loads(out)
    assert code == 0 and result["status"] == "stored"
    assert result["version"]["kind"] == "partial"
    assert result["changes"]["counts"]["events_added"] == 0


def test_diff_lists_the_changes_between_two_versions(tmp_path, capsys):
    path = _edited_demo(tmp_path, Chronologie__D2="Intitulé corrigé")
    run(capsys, "import", "--rewrite-history", str(path), "--dataset", "demo")
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo", "--as-of", "2026-11-26",
                       "--json")  # fmt: skip
    changes = json.loads(out)
    assert code == 0 and (changes["old"], changes["new"]) == (1, 2)
    assert changes["counts"]["events_changed"] == 1
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo", "--lang", "en")
    assert code == 0 and "changes from version 1 to version 2" in out


def test_restore_makes_a_new_version_equal_to_an_older_one(tmp_path, capsys):
    path = _edited_demo(tmp_path, Suivi__C2="Réalisée")
    run(capsys, "import", "--rewrite-history", str(path), "--dataset", "demo")
    code, out, _ = run(capsys, "restore", "1", "--dataset", "demo", "--author", "Lea")
    assert code == 0 and "version 3" in out
    code, out, _ = run(capsys, "history", "--dataset", "demo", "--json")
    versions = json.loads(out)
    assert versions[2]["restored_from"] == 1
    assert versions[2]["content_hash"] == versions[0]["content_hash"]
    code, out, _ = run(capsys, "restore", "3", "--dataset", "demo")
    assert code == 3


def test_history_in_text_speaks_french_by_default(capsys):
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert "Jeu « france » : 1 version" in out and "jeu livré" in out


def test_a_missing_version_is_reported_plainly_with_exit_1(tmp_path, capsys):
    code, out, err = run(capsys, "export", str(tmp_path / "x.xlsx"), "--version", "9",
                         "--lang", "en")  # fmt: skip
    assert code == 1
    assert 'Dataset "france" has no version 9.' in err
    assert "Traceback" not in out + err


def test_summary_without_file_uses_the_current_stored_version(tmp_path, capsys):
    path = _edited_demo(tmp_path, Mesures__A2="Z-M99", Suivi__A2="Z-M99")
    run(capsys, "import", "--rewrite-history", str(path), "--dataset", "demo")
    code, out, _ = run(capsys, "summary", "--dataset", "demo", "--json", "--as-of", "2026-11-26")
    assert code == 0
    assert json.loads(out)["plans"][0]["plan_id"].startswith("DEMO")


def test_a_dataset_name_that_is_not_plain_lowercase_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["history", "--dataset", "../France"])
    assert exit_info.value.code == 2


def test_diff_in_text_shows_an_events_date_and_status_labels_in_the_chosen_language(
    tmp_path, capsys
):
    path = _edited_demo(tmp_path, Chronologie__D2="Intitulé corrigé")
    run(capsys, "import", "--rewrite-history", str(path), "--dataset", "demo")
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo", "--lang", "en")
    assert code == 0
    (line,) = [x for x in out.splitlines() if x.startswith("Events changed |")]
    assert "→" not in line  # the date is the event's, not an "after" value
    assert any(ch.isdigit() for ch in line.rsplit("|", 1)[1])


# --- Backup and check ---------------------------------------------------------------------


def test_backup_then_check_of_the_backup_and_of_the_store(tmp_path, capsys):
    run(capsys, "history")  # the store exists, seeded
    out_path = tmp_path / "backups" / "plan.sqlite"
    out_path.parent.mkdir()
    code, out, err = run(capsys, "backup", str(out_path), "--lang", "en")
    assert code == 0, err
    assert "Backup written" in out and "integrity check: ok" in out
    code, out, _ = run(capsys, "check", str(out_path), "--lang", "en")
    assert code == 0
    assert "Database sound: 2 dataset(s), 2 version(s) read back" in out
    code, out, _ = run(capsys, "check")
    assert code == 0 and "Base saine" in out


def test_check_of_a_damaged_backup_exits_1_and_says_what_is_wrong(tmp_path, capsys):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    code, out, err = run(capsys, "check", str(damaged), "--lang", "en")
    assert code == 1
    assert "1 problem found" in err and "integrity check fails" in err
    assert "Traceback" not in out + err


def test_check_of_a_missing_file_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "nope.sqlite"
    code, _, err = run(capsys, "check", str(missing), "--lang", "en")
    assert code == 1 and "No such file" in err
    assert not missing.exists()


def test_backup_of_a_postgresql_store_says_to_use_pg_dump_and_fails(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAN_MONITORING_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    out_path = tmp_path / "x.sqlite"
    code, out, err = run(capsys, "backup", str(out_path), "--lang", "en")
    assert code == 2 and out == ""
    assert "pg_dump" in err and "Nothing was written" in err
    assert not out_path.exists()


# --- A busy database -----------------------------------------------------------------------


def test_an_import_while_another_save_holds_the_database_says_busy_never_locked(
    tmp_path, monkeypatch, capsys, state
):
    run(capsys, "history")  # seeded
    monkeypatch.setattr("monitoring.storage.dialects.SQLITE_BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr("monitoring.storage.sql.SAVE_ATTEMPTS", 2)
    holder = sqlite3.connect(state / "plan-monitoring.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock and does not let go
    try:
        path = _edited_demo(tmp_path, Chronologie__D2="Intitulé corrigé")
        code, out, err = run(
            capsys, "import", "--rewrite-history", str(path), "--dataset", "demo", "--lang", "en"
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 4
    assert "The database is busy with another save: nothing was changed." in err
    assert "locked" not in (out + err).lower() and "Traceback" not in out + err


# --- Users and the audit trail ----------------------------------------------------------


@pytest.fixture
def os_user(monkeypatch) -> str:
    """The command line acts as `local:<OS user>`: a fixed name for the tests."""
    monkeypatch.setattr("getpass.getuser", lambda: "awa")
    return "local:awa"


def test_users_set_list_and_remove_with_french_messages_and_exit_codes(capsys, os_user):
    code, out, _ = run(capsys, "users", "set", " Alice@Coalition.example ", "admin")
    assert code == 0
    assert out.strip() == "Rôle de alice@coalition.example : Administrateur (avant : aucun)."
    assert run(capsys, "users", "set", "bob@coalition.example", "éditeur")[0] == 0
    code, out, _ = run(capsys, "users", "set", "bob@coalition.example", "Editor")
    assert code == 3 and "a déjà le rôle Éditeur : rien n'a été modifié" in out

    code, out, err = run(capsys, "users", "list")
    assert code == 0 and out.startswith("2 utilisateurs :")
    assert "bob@coalition.example  Éditeur  (modifié le " in out and f"par {os_user})" in out
    assert "mode local" in err  # roles apply in shared mode only: said, not hidden

    code, out, _ = run(capsys, "users", "remove", "bob@coalition.example", "--lang", "en")
    assert code == 0
    assert out.strip() == "bob@coalition.example has no access any more (role removed: Editor)."
    code, _, err = run(capsys, "users", "remove", "bob@coalition.example")
    assert code == 1 and "n'a aucun rôle enregistré : rien n'a été retiré" in err

    code, out, _ = run(capsys, "users", "list", "--json")
    assert [(u["user_id"], u["role"], u["updated_by"]) for u in json.loads(out)] == [
        ("alice@coalition.example", "admin", os_user)
    ]
    assert json.loads(out)[0]["updated_at"].endswith("Z")


def test_users_unbind_frees_an_address_from_its_account_and_the_trail_says_so(capsys, os_user):
    from monitoring.config.settings import Settings
    from monitoring.storage import open_store

    store = open_store(Settings.from_env())
    assert store.bind_account("https://id.example.org", "s-1", "ann@coalition.example")
    store.close()
    code, out, _ = run(capsys, "users", "unbind", "Ann@Coalition.example", "--lang", "en")
    assert code == 0
    assert out.startswith("ann@coalition.example is no longer bound to the account s-1 (")
    code, _, err = run(capsys, "users", "unbind", "ann@coalition.example")
    assert code == 3 and "n'est lié à aucun compte : rien n'a été modifié" in err
    code, out, _ = run(capsys, "audit", "--json")
    assert [(e["kind"], e["actor"], e["detail"]) for e in json.loads(out)] == [
        ("role", os_user,
         "ann@coalition.example: account unbound · iss=https://id.example.org · sub=s-1"),
    ]  # fmt: skip


@pytest.mark.parametrize("address", ["alice", "alice@coalition", "a b@x.org", "x" * 250 + "@x.org"])
def test_users_set_refuses_what_is_not_an_e_mail_address_with_exit_2(capsys, address):
    code, out, err = run(capsys, "users", "set", address, "viewer")
    assert code == 2 and out == ""
    assert "n'est pas une adresse e-mail" in err and "Traceback" not in err
    assert json.loads(run(capsys, "users", "list", "--json")[1]) == []


def test_users_set_refuses_an_unknown_role_as_a_usage_error(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["users", "set", "alice@coalition.example", "superuser"])
    assert raised.value.code == 2
    assert "viewer, editor, admin" in capsys.readouterr().err


def test_the_last_admin_cannot_be_removed_or_demoted_from_the_command_line(capsys):
    run(capsys, "users", "set", "alice@coalition.example", "admin")
    for argv in (("remove",), ("set",)):
        extra = ("viewer",) if argv == ("set",) else ()
        code, _, err = run(
            capsys, "users", *argv, "alice@coalition.example", *extra, "--lang", "en"
        )
        assert code == 1
        assert "alice@coalition.example is the last recorded admin" in err
    code, out, _ = run(capsys, "users", "list", "--json")
    assert [u["role"] for u in json.loads(out)] == ["admin"]


def test_audit_json_lists_role_changes_and_imports_newest_first(tmp_path, capsys, os_user):
    run(capsys, "users", "set", "bob@coalition.example", "editor")
    path = _edited_demo(tmp_path, Chronologie__D2="Intitulé corrigé")
    assert (
        run(
            capsys, "import", "--rewrite-history", str(path), "--dataset", "demo", "--author", "Awa"
        )[0]
        == 0
    )
    run(capsys, "restore", "1", "--dataset", "demo")

    code, out, _ = run(capsys, "audit", "--json")
    events = json.loads(out)
    assert code == 0
    assert [(e["kind"], e["actor"], e["role"], e["dataset"], e["version"], e["detail"])
            for e in events] == [
        ("restore", os_user, "admin", "demo", 3, "version 1"),
        ("upload", os_user, "admin", "demo", 2, "demo-edited.xlsx"),
        ("role", os_user, "admin", None, None, "bob@coalition.example: — → editor"),
    ]  # fmt: skip
    assert all(e["at"].endswith("Z") for e in events)
    code, out, _ = run(capsys, "audit", "--json", "--limit", "1", "--kind", "role", "upload")
    assert [e["kind"] for e in json.loads(out)] == ["upload"]

    code, out, _ = run(capsys, "audit", "--lang", "en")
    assert out.startswith("Audit trail: 3 events, newest first")
    assert f"Restore  {os_user} (Admin)  demo v3  version 1" in out


def test_audit_of_an_empty_trail_says_so(capsys):
    code, out, _ = run(capsys, "audit")
    assert code == 0 and out.strip() == "Journal d'audit : aucun événement."


def test_audit_csv_is_french_for_excel_and_text_cannot_become_a_formula(tmp_path, capsys):
    from monitoring.config.settings import Settings
    from monitoring.storage import open_store
    from monitoring.storage.access import AuditEvent

    store = open_store(Settings.from_env())
    store.record(AuditEvent(kind="export", actor="eve@x.org", role="viewer", dataset_key="demo",
                            version=2, detail="=cmd|' /C calc'!A0"))  # fmt: skip
    store.close()
    run(capsys, "users", "set", "bob@coalition.example", "viewer")
    out_path = tmp_path / "out" / "audit.csv"

    code, out, _ = run(capsys, "audit", "--csv", str(out_path))

    assert code == 0 and f"Journal d'audit écrit : {out_path} (2 événements)." in out
    text = out_path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Date (UTC)", "Événement", "Qui", "Rôle alors", "Jeu de données",
                       "Version", "Détail"]  # fmt: skip
    assert rows[2][1:] == ["Téléchargement", "eve@x.org", "Lecteur", "demo", "2",
                           "'=cmd|' /C calc'!A0"]  # fmt: skip
    assert rows[1][1] == "Changement de rôle" and rows[1][5] == ""
    assert len(rows) == 3 and rows[2][0][2] == "/"  # dd/mm/yyyy hh:mm in French


def test_summary_agrees_french_counts_of_zero_and_one_in_the_singular(tmp_path, capsys):
    path = _partial_evidence_workbook(tmp_path)

    _, french, _ = run(capsys, "summary", str(path), "--as-of", "2024-06-01")
    _, english, _ = run(capsys, "summary", str(path), "--as-of", "2024-06-01", "--lang", "en")

    assert "0 mesure évaluée sur 2" in french and "0 mesures évaluée" not in french
    assert "0 measures assessed out of 2" in english


# --- diff names every cell (issue 11) --------------------------------------------------------

EDITS = {  # cell of the demo workbook → (sheet, row, field, old, new) that `diff --json` names
    "Mesures__E2": ("Nouvel intitulé", ("measures", "A-M01", "title",
                    "Délivrer un titre de séjour aux victimes qui coopèrent ou non")),
    "Mesures__F2": ("Ministère Z", ("measures", "A-M01", "lead", "Ministère C (fictif)")),
    "Mesures__D2": ("Nouvel axe", ("measures", "A-M01", "axis",
                    "Identifier et protéger les victimes")),
    "Mesures__H2": (2_000_000, ("measures", "A-M01", "budget_eur", 1_750_000)),
    "Recommandations__B2": ("Autre auteur", ("recommendations", "REC-COL-01", "author",
                            "Collectif de démonstration (fictif)")),
    "Recommandations__D2": ("Texte corrigé", ("recommendations", "REC-COL-01", "title",
                            "Financer l'accompagnement social sur la durée")),
    "Prise en compte__D2": ("Retirée du projet", ("retention", "REC-COL-01 · DEMO-A", "level",
                            "not_retained")),
    "Suivi__C2": ("Réalisée", ("status_updates", "A-M01 · 2018-12-14 · government", "status",
                  "En cours")),
    "Suivi__I2": ("Rapport corrigé", ("status_updates", "A-M01 · 2018-12-14 · government",
                  "evidence", "Bilan d'étape fictif du 14/12/2018")),
    "Chronologie__B2": ("2017-07-01", ("events", "EV-01", "date", "2017-06-15")),
}  # fmt: skip


def test_diff_json_names_the_sheet_row_field_old_and_new_value_of_every_edit(tmp_path, capsys):
    import datetime as dt

    values = {a: v for a, (v, _) in EDITS.items()} | {"Chronologie__B2": dt.datetime(2017, 7, 1)}
    code, out, err = run(
        capsys,
        "import",
        "--rewrite-history",
        str(_edited_demo(tmp_path, **values)),
        "--dataset",
        "demo",
    )
    assert code == 0, out + err
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo", "--json")
    assert code == 0
    named = {(c["sheet"], c["row_key"], c["field"]): (c["old"], c["new"], c["change"])
             for c in json.loads(out)["cells"]}  # fmt: skip
    for _, ((value, (sheet, row, name, old))) in EDITS.items():
        expected_new = {"Retirée du projet": "dropped_from_draft"}.get(value, value)  # type: ignore[call-overload]
        assert named[(sheet, row, name)] == (old, expected_new, "changed"), (sheet, row, name)
    assert len(named) == len(EDITS)  # nothing else is said to have changed


def test_diff_in_text_lists_each_edited_cell_under_its_sheet_and_row_in_french(tmp_path, capsys):
    path = _edited_demo(tmp_path, Mesures__E2="Nouvel intitulé", Suivi__C2="Réalisée")
    run(capsys, "import", "--rewrite-history", str(path), "--dataset", "demo")
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo")
    assert code == 0 and "Aucun changement" not in out
    lines = out.splitlines()
    at = lines.index("Mesures")
    assert lines[at + 1] == "  A-M01"
    assert lines[at + 2].startswith("    Intitulé : Délivrer un titre") and lines[at + 2].endswith(
        "→ Nouvel intitulé"
    )
    at = lines.index("Suivi")
    assert lines[at + 1] == "  A-M01 · 14/12/2018 · Gouvernement"
    assert lines[at + 2] == "    Statut : En cours → Réalisée"


def test_diff_says_no_change_only_between_identical_contents(tmp_path, capsys):
    run(capsys, "import", str(_edited_demo(tmp_path)), "--dataset", "demo")  # the same content
    run(capsys, "import", str(_edited_demo(tmp_path, "b.xlsx", Mesures__G2=None)),
        "--dataset", "demo")  # fmt: skip
    code, out, _ = run(capsys, "diff", "1", "1", "--dataset", "demo")
    assert code == 0 and "Aucun changement" in out
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo", "--json")
    (cell,) = json.loads(out)["cells"]
    assert (cell["sheet"], cell["row_key"], cell["field"], cell["new"]) == (
        "measures", "A-M01", "due_date", None
    )  # fmt: skip
    code, out, _ = run(capsys, "diff", "1", "2", "--dataset", "demo")
    assert "Aucun changement" not in out and "Échéance : 31/12/2019 → (vide)" in out


def test_log_lists_every_change_of_a_measure_newest_first_with_version_author_and_date(
    tmp_path, capsys
):
    titled = _edited_demo(tmp_path, "v2.xlsx", Mesures__E2="Nouvel intitulé")
    assessed = _edited_demo(tmp_path, "v3.xlsx", Mesures__E2="Nouvel intitulé",
                            Suivi__C2="Réalisée")  # fmt: skip
    run(capsys, "import", str(titled), "--dataset", "demo", "--author", "Bea", "--note", "comité")
    run(capsys, "import", str(assessed), "--dataset", "demo", "--author", "Cid",
        "--rewrite-history")  # fmt: skip
    _, out, _ = run(capsys, "history", "--dataset", "demo", "--json")
    when = {v["version"]: v["created_at"][:16].replace("T", " ") + " UTC" for v in json.loads(out)}

    code, out, _ = run(capsys, "log", "A-M01", "--dataset", "demo")

    assert code == 0
    assert out.splitlines() == [
        "Jeu « demo » : modifications de la mesure A-M01",
        "2 modifications entre la version 1 et la version 3, la plus récente en premier.",
        "",
        f"Version 3 (après la version 2) · {when[3]} · Cid",
        "  Suivi · A-M01 · 14/12/2018 · Gouvernement",
        "    Statut : En cours → Réalisée",
        "",
        f"Version 2 (après la version 1) · {when[2]} · Bea · comité",
        "  Mesures · A-M01",
        "    Intitulé : Délivrer un titre de séjour aux victimes qui coopèrent ou non → "
        "Nouvel intitulé",
    ]
    code, out, _ = run(capsys, "log", "A-M02", "--dataset", "demo")
    assert code == 0
    assert "Aucune modification depuis la version 1 (versions 1 à 3 comparées)." in out


def test_log_json_of_a_recommendation_names_field_before_after_version_author_and_date(
    tmp_path, capsys
):
    path = _edited_demo(tmp_path, Recommandations__D2="Financer l'accompagnement dix ans")
    run(capsys, "import", str(path), "--dataset", "demo", "--author", "Awa", "--note", "mai")

    code, out, _ = run(capsys, "log", "--recommendation", "REC-COL-01", "--dataset", "demo",
                       "--json")  # fmt: skip

    assert code == 0
    log = json.loads(out)
    assert (log["dataset"], log["recommendation"], log["versions"]) == (
        "demo",
        "REC-COL-01",
        [1, 2],
    )
    (change,) = log["changes"]
    assert {k: change[k] for k in ("version", "previous", "author", "note", "sheet", "change",
                                   "field", "old", "new")} == {
        "version": 2, "previous": 1, "author": "Awa", "note": "mai", "sheet": "recommendations",
        "change": "changed", "field": "title",
        "old": "Financer l'accompagnement social sur la durée",
        "new": "Financer l'accompagnement dix ans",
    }  # fmt: skip
    assert change["key"] == {"rec_id": "REC-COL-01", "n": 1}
    assert change["created_at"].endswith("Z")
    code, out, _ = run(capsys, "log", "--recommendation", "REC-COL-01", "--dataset", "demo",
                       "--lang", "en")  # fmt: skip
    assert "    Title: Financer l'accompagnement social sur la durée → Financer" in out


def test_log_of_a_dataset_with_one_version_says_nothing_changed_since_version_1(capsys):
    code, out, _ = run(capsys, "log", "A-M01", "--dataset", "demo")
    assert code == 0
    assert out.splitlines()[1] == (
        "Aucune modification depuis la version 1 : c'est la seule version enregistrée."
    )


def test_log_of_an_unknown_measure_exits_1_and_without_an_item_exits_2(capsys):
    code, _, err = run(capsys, "log", "NOPE-M1", "--dataset", "demo")
    assert code == 1 and "La mesure NOPE-M1 n'est dans aucune version du jeu « demo »." in err
    code, _, err = run(capsys, "log", "--dataset", "demo", "--lang", "en")
    assert code == 2 and "Give a measure, or --recommendation" in err
    code, _, _ = run(capsys, "log", "A-M01", "--recommendation", "REC-COL-01", "--dataset", "demo")
    assert code == 2
