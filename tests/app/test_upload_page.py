"""AppTest: the Update page (« Mettre à jour »): upload, report or change review, confirm.

Each test that stores works on its own copy of the demo dataset (a fresh dataset key in
the worker's store), so no test depends on another's uploads. Expected counts come from
the edits made to the workbook here, checked by hand against `data/demo.xlsx`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from monitoring.intake.reading import Upload
from monitoring.services.importing import export_version, import_upload
from monitoring.storage import Store
from monitoring.storage.access import local_actor
from monitoring.text.i18n import t
from tests.app.helpers import assert_page_ok

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
DEMO = ROOT / "data" / "demo.xlsx"
AS_OF = "2026-11-26"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOVERNMENT = ("Gouvernement", "Coordination interministérielle (fictif)")


def modified_demo() -> bytes:
    """The demo workbook after a follow-up committee, as a coordinator would edit it.

    Against the demo at 26/11/2026: one measure added (C-M99); C-M27's government status
    goes from « En cours » (partial) to « Réalisée » (up) and C-M28's from « En cours » to
    « Non démarrée » (down), both by rows dated after their latest ones (16/11/2026);
    C-M21's due date (no revised due date anywhere) moves from 30/06/2027 to 31/12/2027;
    one event added (EV-31). Nothing removed, no retention changed.
    """
    wb = openpyxl.load_workbook(DEMO)
    day = dt.datetime(2026, 11, 25)
    wb["Suivi"].append(["C-M27", day, "Réalisée", *GOVERNMENT, None, None, 100, "Bilan", None])
    wb["Suivi"].append(["C-M28", day, "Non démarrée", *GOVERNMENT, None, None, 0, "Bilan", None])
    for row in wb["Mesures"].iter_rows(min_row=2):
        if row[0].value == "C-M21":
            row[6].value = dt.datetime(2027, 12, 31)
    wb["Mesures"].append(
        ["C-M99", "DEMO-C", 99, "Prévenir et sensibiliser", "Mesure ajoutée", "Ministère E",
         dt.datetime(2027, 12, 31), None, None, "Comité de suivi"]
    )  # fmt: skip
    wb["Chronologie"].append(
        ["EV-31", day, "Lettre", "Lettre au ministère", "Collectif", "Ministère A", None,
         "DEMO-C", None, "Comité de suivi"]
    )  # fmt: skip
    return _save(wb)


def rejected_demo() -> bytes:
    """The demo with an unknown status (Suivi C2) and a date that is not one (Mesures G2)."""
    wb = openpyxl.load_workbook(DEMO)
    wb["Suivi"]["C2"] = "Peut-être"
    wb["Mesures"]["G2"] = "bientôt"
    return _save(wb)


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def dataset(store: Store) -> str:
    """A fresh copy of the demo dataset, version 1, for this test alone."""
    key = f"t-{uuid.uuid4().hex[:12]}"
    upload = Upload("demo.xlsx", DEMO.read_bytes())
    result = import_upload(store, key, [upload], actor=local_actor(), author="tests", note="copie")
    assert result.status == "stored" and result.version and result.version.number == 1
    return key


def open_page(page: str, dataset: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dataset": dataset, "lang": lang, "as_of": AS_OF})
    at.switch_page(f"views/{page}.py")
    return at.run()


def upload(at: AppTest, data: bytes, name: str = "suivi.xlsx", mime: str = XLSX) -> AppTest:
    at.file_uploader(key="upload.files").upload(name, data, mime).run()
    assert_page_ok(at)
    return at


def confirm(at: AppTest, note: str = "Comité de novembre", author: str = "Ann") -> AppTest:
    at.text_area(key="upload.note").input(note)
    at.text_input(key="upload.author").input(author)
    at.button(key="upload.confirm").click().run()
    assert_page_ok(at)
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("dataset_key", ["france", "demo"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_update_page_runs_for_each_dataset_and_language(dataset_key: str, lang: str) -> None:
    at = open_page("upload", dataset_key, lang)
    assert_page_ok(at)
    assert at.title[0].value == ("Mettre à jour" if lang == "fr" else "Update")
    assert at.file_uploader(key="upload.files") is not None
    labels = [b.label for b in at.download_button]
    template = "Modèle vierge" if lang == "fr" else "Blank template"
    assert template in labels  # the .xlsx, and the .ods beside it
    assert t("exports.in_ods", lang, label=template) in labels


def test_a_modified_demo_workbook_shows_the_change_review_with_its_counts(dataset: str) -> None:
    at = upload(open_page("upload", dataset), modified_demo())
    assert [s.value for s in at.subheader] == ["Ce qui change par rapport à la version 1"]
    assert metrics(at) == {
        "Mesures": "2",  # differences per sheet first: C-M21's due date, C-M99 added
        "Suivi": "2",
        "Chronologie": "1",
        "Mesures ajoutées": "1",
        "Mesures retirées": "0",
        "Statuts en progrès": "1",
        "Statuts en recul": "1",
        "Échéances déplacées": "1",
        "Prise en compte modifiée": "0",
        "Événements ajoutés": "1",
    }
    tables = {e.label: e for e in at.expander}
    up = tables["Statuts modifiés — en progrès (1)"].dataframe[0].value
    assert up[["Identifiant", "Avant", "Après"]].values.tolist() == [
        ["C-M27", "En cours", "Réalisée"]
    ]
    moved = tables["Échéances déplacées (1)"].dataframe[0].value
    assert moved[["Identifiant", "Avant", "Après"]].values.tolist() == [
        ["C-M21", "30/06/2027", "31/12/2027"]
    ]


def test_the_change_review_speaks_english_on_an_english_page(dataset: str) -> None:
    at = upload(open_page("upload", dataset, "en"), modified_demo())
    assert metrics(at)["Statuses up"] == "1"
    assert metrics(at)["Measures added"] == "1"
    assert [s.value for s in at.subheader] == ["What changes compared with version 1"]


def test_confirming_stores_exactly_one_version_whatever_the_reruns(
    store: Store, dataset: str
) -> None:
    at = confirm(upload(open_page("upload", dataset), modified_demo()))
    assert [s.value for s in at.success] == [f"Enregistré : version 2 du jeu « {dataset} »."]
    stored = store.versions(dataset)
    assert [v.number for v in stored] == [1, 2]
    assert (stored[1].note, stored[1].author, stored[1].kind) == (
        "Comité de novembre",
        "Ann",
        "upload",
    )
    assert stored[1].file_name == "suivi.xlsx"
    at.run()  # a rerun (any widget, a refresh of the session)
    assert [s.value for s in at.success] == [f"Enregistré : version 2 du jeu « {dataset} »."]
    assert len(store.versions(dataset)) == 2


def test_a_double_click_on_confirm_stores_one_version(store: Store, dataset: str) -> None:
    at = confirm(upload(open_page("upload", dataset), modified_demo()))
    assert len(store.versions(dataset)) == 2
    # The second click of a double click reaches the server before the first run has
    # recorded its result: the draft is as it was, and the button is clicked again.
    at.session_state["upload.draft"].result = None
    at.run()
    assert [v.number for v in store.versions(dataset)] == [1, 2]
    assert [s.value for s in at.success] == [
        f"Déjà enregistré : version 2 du jeu « {dataset} » (rien n'a été ajouté)."
    ]


def test_the_note_is_required_before_storing(store: Store, dataset: str) -> None:
    at = confirm(upload(open_page("upload", dataset), modified_demo()), note="  ")
    assert [e.value for e in at.error] == [
        "Écrivez une note (de quoi s'agit-il ?) avant d'enregistrer."
    ]
    assert len(store.versions(dataset)) == 1


def test_a_rejected_file_shows_its_errors_sheet_by_sheet_and_stores_nothing(
    store: Store, dataset: str
) -> None:
    at = upload(open_page("upload", dataset), rejected_demo())
    assert [e.value for e in at.error] == [
        "Fichier refusé : 2 erreurs à corriger. Rien n'a été enregistré."
    ]
    counts = at.dataframe[0].value
    assert sorted(counts.values.tolist()) == [["Mesures", 1], ["Suivi", 1]]
    assert sorted(t.value for t in at.text) == ["Mesures : 1 erreur", "Suivi : 1 erreur"]
    tables = [d.value for d in at.dataframe[1:3]]
    places = sorted((t["row"][0], t["column"][0], t["value"][0]) for t in tables)
    assert places == [(2, "C", "Peut-être"), (2, "G", "bientôt")]
    labels = [b.label for b in at.download_button]
    assert {
        "Rapport (CSV)",
        "Rapport (Excel)",
        "Votre fichier annoté (cellules surlignées)",
        "Rapport (LibreOffice)",
        "Votre fichier annoté, format LibreOffice (.ods)",
    } <= set(labels)
    assert not at.get("form")  # no confirm button for a rejected file
    assert len(store.versions(dataset)) == 1


def test_the_current_data_downloaded_and_uploaded_unchanged_is_identical(
    store: Store, dataset: str
) -> None:
    exported = export_version(store, dataset, lang="fr")
    at = upload(open_page("upload", dataset), exported, name="export.xlsx")
    identical = "Ce fichier est identique à la version 1 : il n'y a rien à enregistrer."
    assert identical in [i.value for i in at.info]
    assert not at.get("form")
    assert len(store.versions(dataset)) == 1


def test_a_partial_update_appends_new_status_rows_to_a_copy_of_the_current_version(
    store: Store, dataset: str
) -> None:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Suivi"
    sheet.append(["Mesure", "Date", "Statut", "Évalué par", "Évaluateur"])
    sheet.append(["C-M27", dt.datetime(2026, 11, 25), "Réalisée", *GOVERNMENT])
    at = open_page("upload", dataset)
    at.radio(key="upload.mode").set_value("partial").run()
    upload(at, _save(wb), name="novembre.xlsx")
    assert metrics(at)["Statuts en progrès"] == "1"
    assert metrics(at)["Mesures ajoutées"] == "0"
    confirm(at, note="Évaluations de novembre")
    before, after = store.versions(dataset)
    assert (after.kind, after.based_on) == ("partial", 1)
    assert after.counts.assessments == before.counts.assessments + 1
    assert after.counts.measures == before.counts.measures


def test_two_sessions_reviewing_the_same_upload_never_see_each_others_draft(
    store: Store, dataset: str
) -> None:
    first = upload(open_page("upload", dataset), modified_demo())
    second = upload(open_page("upload", dataset), modified_demo())
    assert first.session_state["upload.draft"].once != second.session_state["upload.draft"].once
    first.text_area(key="upload.note").input("Note de la première personne").run()
    second.run()
    assert second.text_area(key="upload.note").value == ""
    assert metrics(second)["Mesures ajoutées"] == "1"
    confirm(first, note="Note de la première personne", author="Ann")
    second.run()
    # The second session checks its file again against the version now current: it is
    # that content, so there is nothing to store; it never shows the other's success.
    assert not second.success
    identical = "Ce fichier est identique à la version 2 : il n'y a rien à enregistrer."
    assert identical in [i.value for i in second.info]
    assert [v.number for v in store.versions(dataset)] == [1, 2]


def test_a_store_that_cannot_be_read_during_the_check_says_so_and_stores_nothing(
    store: Store, dataset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitoring.services import importing
    from monitoring.storage import StoreBusy

    def busy(*args: object, **kwargs: object) -> None:
        raise StoreBusy()

    monkeypatch.setattr(importing, "prepare_import", busy)
    at = upload(open_page("upload", dataset), modified_demo())
    assert [e.value for e in at.error] == [
        "La base est occupée par un autre enregistrement : rien n'a été modifié. "
        "Réessayez dans un instant."
    ]
    assert not [b for b in at.button if b.key == "upload.confirm"]
    assert [v.number for v in store.versions(dataset)] == [1]


def add_beside(at: AppTest, data: bytes, name: str, mime: str = XLSX) -> AppTest:
    """Drop one more file beside those already in the uploader, as the browser does."""
    uploader = at.file_uploader(key="upload.files")
    uploader._files = [*uploader._get_files_to_register(), (uuid.uuid4().hex, name, data, mime)]
    at.run()
    assert_page_ok(at)
    return at


def messages(at: AppTest) -> str:
    """The page's Markdown as read (escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_corrected_workbook_dropped_after_a_rejected_one_replaces_it(
    dataset: str, lang: str
) -> None:
    at = upload(open_page("upload", dataset, lang), rejected_demo(), name="rejete.xlsx")
    assert at.error  # rejected
    add_beside(at, modified_demo(), "corrige.xlsx")
    assert not at.error
    assert "mixed" not in messages(at) and "un seul classeur" not in messages(at)
    assert metrics(at)[("Mesures ajoutées" if lang == "fr" else "Measures added")] == "1"
    notice = "seul le dernier" if lang == "fr" else "only the latest one"
    assert any(notice in i.value for i in at.info)
    ignored = "Non vérifié(s) : rejete.xlsx" if lang == "fr" else "Not checked: rejete.xlsx"
    assert ignored in [x.value for x in at.text]
    at.run()  # a rerun keeps checking the corrected one
    assert not at.error and metrics(at)


def test_several_csv_files_dropped_together_stay_one_set(dataset: str) -> None:
    at = upload(
        open_page("upload", dataset), b"Identifiant,Titre\n", name="Plans.csv", mime="text/csv"
    )
    add_beside(at, b"Identifiant\nC-M1\n", "Mesures.csv", "text/csv")
    assert not any("seul le dernier" in i.value for i in at.info)
    assert at.session_state["upload.kept"] == at.session_state["upload.seen"]
    assert len(at.session_state["upload.kept"]) == 2


def test_newest_files_picks_the_latest_workbook_or_the_csv_set() -> None:
    from views.review import newest_files

    dropped = [("a", "x.xlsx"), ("b", "y.xlsx")]
    assert newest_files(dropped, ["a"], ["a"]) == ["b"]
    assert newest_files(dropped, [], []) == ["b"]
    assert newest_files(dropped, ["a", "b"], ["a"]) == ["a"]  # a rerun keeps the choice
    with_csv = [("a", "x.xlsx"), ("c", "P.csv"), ("d", "M.csv")]
    assert newest_files(with_csv, ["a"], ["a"]) == ["c", "d"]
    assert newest_files([("c", "P.csv"), ("d", "M.csv")], ["c"], ["c"]) == ["c", "d"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_damaged_file_is_a_plain_message_with_no_none_cell_and_no_annotated_workbook(
    store: Store, dataset: str, lang: str
) -> None:
    at = upload(open_page("upload", dataset, lang), b"PK\x03\x04" + b"\x00" * 200, "abime.xlsx")
    rejected = "Fichier refusé : 1 erreur à" if lang == "fr" else "File rejected: 1 error to"
    assert [e.value.startswith(rejected) for e in at.error] == [True]
    assert "abime.xlsx" in messages(at)  # the message in full, naming the file
    assert not at.dataframe  # no table of empty (or "None") places
    assert "None" not in messages(at)
    labels = [b.label for b in at.download_button]
    assert ("Rapport (CSV)" if lang == "fr" else "Report (CSV)") in labels
    assert not [label for label in labels if "annot" in label]
    assert len(store.versions(dataset)) == 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_error_message_is_shown_in_full_not_cut(dataset: str, lang: str) -> None:
    wb = openpyxl.load_workbook(DEMO)
    long_status = "Statut inventé pour voir si le message entier reste lisible " * 3
    wb["Suivi"]["C2"] = long_status.strip()
    at = upload(open_page("upload", dataset, lang), _save(wb))
    line = next(x for x in messages(at).splitlines() if "Suivi" in x)
    report = at.session_state["upload.draft"].outcome
    assert line == "- " + report.errors[0].message(lang)  # the whole message, as written
    assert len(line) > 200 and line.endswith(".")  # far wider than a table cell shows
    labels = [e.label for e in at.expander]
    assert ("Messages en entier (1)" if lang == "fr" else "Messages in full (1)") in labels


def test_a_long_error_message_wraps_in_its_table_row(dataset: str) -> None:
    wb = openpyxl.load_workbook(DEMO)
    wb["Suivi"]["C2"] = ("Statut inventé pour voir si le message entier reste lisible " * 3).strip()
    at = upload(open_page("upload", dataset), _save(wb))
    table = next(d for d in at.dataframe if "message" in d.value.columns)
    # The grid wraps a cell's text only in rows over 4rem (64 px) high; else it cuts it.
    assert table.proto.row_height > 64


def test_the_authors_name_is_kept_for_the_next_upload_of_the_session(
    store: Store, dataset: str
) -> None:
    at = confirm(upload(open_page("upload", dataset), modified_demo()), author="Ann Martin")
    assert store.versions(dataset)[-1].author == "Ann Martin"
    wb = openpyxl.load_workbook(io.BytesIO(modified_demo()))
    wb["Mesures"].append(
        ["C-M98", "DEMO-C", 98, "Prévenir et sensibiliser", "Encore une", "Ministère E",
         dt.datetime(2027, 12, 31), None, None, "Comité"]
    )  # fmt: skip
    upload(at, _save(wb), name="suivi-2.xlsx")
    assert at.text_input(key="upload.author").value == "Ann Martin"
    at.switch_page("views/history.py").run()
    at.switch_page("views/upload.py").run()
    upload(at, _save(wb), name="suivi-3.xlsx")
    assert at.text_input(key="upload.author").value == "Ann Martin"


# --- Every edit named; history rewrites and replacements confirmed apart (issue 11) --------

FRENCH_DEMO = ROOT / "data" / "france.xlsx"
ASSESSMENT = "A-M01 · 14/12/2018 · Gouvernement"
# An edit of the demo workbook (sheet, cell, value) → the cell review's row: sheet, row,
# field, before, after, as the page shows them in French.
EDITS = {
    "title": (("Mesures", "E2", "Nouvel intitulé"), ["Mesures", "A-M01", "Intitulé",
              "Délivrer un titre de séjour aux victimes qui coopèrent ou non",
              "Nouvel intitulé"]),
    "lead": (("Mesures", "F2", "Ministère Z"), ["Mesures", "A-M01", "Pilote",
             "Ministère C (fictif)", "Ministère Z"]),
    "axis": (("Mesures", "D2", "Nouvel axe"), ["Mesures", "A-M01", "Axe",
             "Identifier et protéger les victimes", "Nouvel axe"]),
    "budget": (("Mesures", "H2", 2_000_000), ["Mesures", "A-M01", "Budget (€)",
               "1\u202f750\u202f000", "2\u202f000\u202f000"]),
    "recommendation text": (("Recommandations", "D2", "Texte corrigé"), ["Recommandations",
                            "REC-COL-01", "Intitulé",
                            "Financer l'accompagnement social sur la durée", "Texte corrigé"]),
    "recommendation author": (("Recommandations", "B2", "Autre auteur"), ["Recommandations",
                              "REC-COL-01", "Auteur", "Collectif de démonstration (fictif)",
                              "Autre auteur"]),
    "retention level": (("Prise en compte", "D2", "Retirée du projet"), ["Prise en compte",
                        "REC-COL-01 · DEMO-A", "Prise en compte", "Non retenue",
                        "Retirée du projet"]),
    "past status": (("Suivi", "C2", "Réalisée"), ["Suivi", ASSESSMENT, "Statut", "En cours",
                    "Réalisée"]),
    "past evidence": (("Suivi", "I2", "Rapport corrigé"), ["Suivi", ASSESSMENT, "Source",
                      "Bilan d'étape fictif du 14/12/2018", "Rapport corrigé"]),
    "event date": (("Chronologie", "B2", dt.datetime(2017, 7, 1)), ["Chronologie", "EV-01",
                   "Date", "15/06/2017", "01/07/2017"]),
}  # fmt: skip
REWRITE_BOX, REPLACE_BOX = "upload.confirm_rewrite", "upload.confirm_replace"


def edited_demo(*edits: tuple[str, str, object]) -> bytes:
    wb = openpyxl.load_workbook(DEMO)
    for sheet, cell, value in edits:
        wb[sheet][cell] = value
    return _save(wb)


def table_under(at: AppTest, label_start: str) -> list[list[str]]:
    """The rows of the table in the expander whose label starts with `label_start`."""
    (found,) = [e for e in at.expander if e.label.startswith(label_start)]
    return found.dataframe[0].value.values.tolist()


def boxes(at: AppTest) -> set[str]:
    return {c.key for c in at.checkbox if c.key in (REWRITE_BOX, REPLACE_BOX)}


@pytest.mark.parametrize("kind", list(EDITS))
def test_each_kind_of_edit_shows_its_sheet_row_field_before_and_after(
    store: Store, dataset: str, kind: str
) -> None:
    edit, shown = EDITS[kind]
    at = upload(open_page("upload", dataset), edited_demo(edit))
    assert table_under(at, "Toutes les différences, feuille par feuille") == [
        [shown[0], shown[1], "Modifiée", *shown[2:]]
    ]
    # The headline counts it; the counts by kind show only when one of them is not zero.
    headline = metrics(at)
    assert headline.pop(shown[0]) == "1"
    by_kind = {"Prise en compte modifiée": "1"} if kind == "retention level" else {}
    assert {k: v for k, v in headline.items() if v != "0"} == by_kind
    assert bool(headline) is bool(by_kind)
    rewrites = edit[0] in ("Suivi", "Chronologie")
    assert any("réécrit l'historique" in w.value for w in at.warning) is rewrites
    assert boxes(at) == ({REWRITE_BOX} if rewrites else set())
    assert len(store.versions(dataset)) == 1  # shown before anything is confirmed


def test_a_rewritten_assessment_is_shown_apart_with_the_figures_it_changes(dataset: str) -> None:
    at = upload(open_page("upload", dataset), edited_demo(EDITS["past status"][0]))
    (warning,) = [w.value for w in at.warning]
    assert warning == "Cette version réécrit l'historique (1 ligne déjà enregistrée)"
    rewritten = next(d.value for d in at.dataframe if "Colonne" in d.value.columns)
    assert rewritten[["Ligne", "Colonne", "Avant", "Après"]].values.tolist() == [
        [ASSESSMENT, "Statut", "En cours", "Réalisée"]
    ]
    figures = next(d.value for d in at.dataframe if "Chiffre" in d.value.columns)
    assert figures.values.tolist() == [
        ["14/12/2018", "DEMO-A", "Taux de réalisation", "4\u202f%", "8\u202f%"]
    ]


def test_a_rewrite_is_stored_only_once_its_own_box_is_ticked(store: Store, dataset: str) -> None:
    at = upload(open_page("upload", dataset), edited_demo(EDITS["past evidence"][0]))
    assert at.checkbox(key=REWRITE_BOX).label == "Je confirme la réécriture de l'historique"
    confirm(at)
    assert [e.value for e in at.error] == [
        "Cochez d'abord la confirmation demandée ci-dessus : rien n'a été enregistré."
    ]
    assert not at.success and len(store.versions(dataset)) == 1
    at.checkbox(key=REWRITE_BOX).check()
    confirm(at)
    assert [s.value for s in at.success] == [f"Enregistré : version 2 du jeu « {dataset} »."]
    assert [v.number for v in store.versions(dataset)] == [1, 2]


def test_a_replacement_lists_what_it_removes_and_needs_its_own_box(
    store: Store, dataset: str
) -> None:
    at = upload(open_page("upload", dataset), FRENCH_DEMO.read_bytes(), name="france.xlsx")
    warnings = [w.value for w in at.warning]
    assert "Cette version remplace une grande part des données" in warnings
    assert any(w.startswith("Cette version réécrit l'historique") for w in warnings)
    lines = "\n".join(x.value for x in at.text)
    assert (
        "Recommandations : 28 retirée(s) sur 28" in lines and "Plans : 3 retirée(s) sur 3" in lines
    )
    removed = table_under(at, "Lignes retirées")
    recommendations = [row[1] for row in removed if row[0] == "Recommandations"]
    assert len(recommendations) == 28 and "REC-COL-01" in recommendations
    assert boxes(at) == {REWRITE_BOX, REPLACE_BOX}
    at.checkbox(key=REWRITE_BOX).check()
    confirm(at)  # the rewrite ticked, not the replacement
    assert at.error and len(store.versions(dataset)) == 1
    at.checkbox(key=REPLACE_BOX).check()
    confirm(at)
    assert [v.number for v in store.versions(dataset)] == [1, 2]
