"""The flags that need their own confirmation: history rewritten, a replacement."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from monitoring.analysis import metrics
from monitoring.analysis.changes import cell_changes
from monitoring.analysis.review_flags import REPLACE_MIN_ROWS, ReviewFlags, flag_changes, is_drastic
from monitoring.contract.dataset import Dataset
from monitoring.intake.loading import load_bytes
from monitoring.present.flag_text import (
    refusal_text,
    removal_lines,
    removal_rows,
    rewrite_rows,
    rewritten_rows,
    shift_rows,
)

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo.xlsx"
STORED_ON = dt.date(2026, 11, 26)  # the day the previous version was stored
GOVERNMENT = ("Gouvernement", "Coordination interministérielle (fictif)")


@cache
def demo() -> Dataset:
    dataset = load_bytes("demo.xlsx", DEMO.read_bytes()).dataset
    assert dataset is not None
    return dataset


def edited(**cells: object) -> Dataset:
    """The demo with cells changed (`Suivi__C2="…"`) and rows appended (`Suivi__append`)."""
    wb = openpyxl.load_workbook(DEMO)
    for address, value in cells.items():
        sheet, cell = address.split("__")
        if cell == "append":
            wb[sheet].append(value)
        elif cell == "delete":
            wb[sheet].delete_rows(value)
        else:
            wb[sheet][cell] = value
    out = io.BytesIO()
    wb.save(out)
    result = load_bytes("edited.xlsx", out.getvalue())
    assert result.dataset is not None, [i.message("en") for i in result.report]
    return result.dataset


def flags_of(new: Dataset, old: Dataset | None = None) -> ReviewFlags:
    old = old or demo()
    return flag_changes(old, new, cell_changes(old, new), previous_date=STORED_ON)


def without_rows(sheet: str, count: int) -> Dataset:
    """The demo with the last `count` rows of one table removed (nothing else changed)."""
    tables = dict(demo().tables)
    tables[sheet] = tables[sheet].iloc[: len(tables[sheet]) - count]
    return Dataset(tables=tables, scale=demo().scale, extras=demo().extras, name="cut")


# --- History rewritten -------------------------------------------------------------------


def test_a_new_assessment_is_not_a_rewrite() -> None:
    row = ["C-M27", dt.datetime(2026, 11, 25), "Réalisée", *GOVERNMENT, None, None, 100, "Bilan"]
    flags = flags_of(edited(Suivi__append=row))
    assert not flags.rewrites_history and flags.needed() == ()
    assert flags.shifts.empty and flags.dates == ()


def test_a_new_event_and_an_edited_measure_title_are_not_rewrites() -> None:
    event = ["EV-31", dt.datetime(2026, 11, 25), "Lettre", "Lettre", "Collectif", "Ministère A"]
    flags = flags_of(edited(Chronologie__append=event, Mesures__E2="Nouvel intitulé"))
    assert flags.needed() == ()


def test_a_changed_status_and_evidence_of_a_stored_assessment_is_a_rewrite() -> None:
    flags = flags_of(edited(Suivi__C2="Réalisée", Suivi__I2="Rapport corrigé"))
    assert flags.needed() == ("rewrite",)
    found = flags.rewrites[["sheet", "row_key", "change", "field"]].values.tolist()
    assert found == [
        ["status_updates", "A-M01 · 2018-12-14 · government", "changed", "status"],
        ["status_updates", "A-M01 · 2018-12-14 · government", "changed", "evidence"],
    ]
    assert rewritten_rows(flags, "fr") == ["Suivi A-M01 · 14/12/2018 · Gouvernement"]
    shown = rewrite_rows(flags, "fr")
    assert shown[["Colonne", "Avant", "Après"]].values.tolist() == [
        ["Statut", "En cours", "Réalisée"],
        ["Source", "Bilan d'étape fictif du 14/12/2018", "Rapport corrigé"],
    ]


def test_a_removed_event_is_a_rewrite() -> None:
    flags = flags_of(edited(Chronologie__delete=2))  # EV-01, the first event
    assert flags.needed() == ("rewrite",)
    assert flags.rewrites[["sheet", "row_key", "change"]].values.tolist() == [
        ["events", "EV-01", "removed"]
    ]


def test_an_edited_assessment_date_removes_the_stored_row_a_rewrite() -> None:
    flags = flags_of(edited(Suivi__B2=dt.datetime(2018, 12, 20)))
    assert flags.rewrites[["row_key", "change"]].values.tolist() == [
        ["A-M01 · 2018-12-14 · government", "removed"]
    ]


def test_a_column_beyond_the_contract_added_to_the_assessments_is_not_a_rewrite() -> None:
    flags = flags_of(edited(Suivi__K1="Note interne", Suivi__K2="à revoir"))
    assert not cell_changes(demo(), edited(Suivi__K1="Note interne", Suivi__K2="à revoir")).empty
    assert flags.needed() == ()


def test_the_figures_a_rewrite_changes_are_those_of_metrics_at_past_dates() -> None:
    new = edited(Suivi__C2="Réalisée")  # A-M01's assessment of 14/12/2018
    flags = flags_of(new)
    day = dt.date(2018, 12, 14)
    assert flags.dates == (day, STORED_ON)  # the row's day, then the previous version's
    old_plan = next(s for s in metrics.plan_summaries(demo(), day) if s["plan_id"] == "DEMO-A")
    new_plan = next(s for s in metrics.plan_summaries(new, day) if s["plan_id"] == "DEMO-A")
    before = (old_plan["completion_state"], old_plan["completion_rate"])
    after = (new_plan["completion_state"], new_plan["completion_rate"])
    assert before != after
    assert flags.shifts.values.tolist() == [[day, "DEMO-A", "completion", before, after]]
    assert shift_rows(flags, "fr").values.tolist() == [
        ["14/12/2018", "DEMO-A", "Taux de réalisation", "4\u202f%", "8\u202f%"]
    ]


def test_an_events_new_date_shows_the_letters_it_moves_out_of_a_past_date() -> None:
    flags = flags_of(edited(Chronologie__B3=dt.datetime(2019, 1, 1)))  # EV-02, a letter
    assert flags.dates[0] == dt.date(2017, 9, 4)  # its stored date comes first
    first = flags.shifts[flags.shifts["as_of"] == dt.date(2017, 9, 4)]
    assert first[["figure", "before", "after"]].values.tolist() == [
        ["letters_answered", (0, 1), (0, 0)]
    ]
    assert shift_rows(flags, "en").values.tolist()[0] == [
        "2017-09-04", "(no plan)", "Letters answered", "0 of 1", "0 of 0"
    ]  # fmt: skip


# --- Replacements ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "before", "removed", "drastic"),
    [
        ("measures", 10, 5, True),  # half of the minimum
        ("measures", 10, 4, False),  # less than half
        ("measures", 9, 9, False),  # too few rows to judge
        ("events", 72, 67, True),
        ("recommendations", 20, 16, True),
        ("plans", 2, 1, True),
        ("plans", 1, 1, False),
        ("status_updates", 370, 370, False),  # a rewrite, not a replacement sheet
    ],
)
def test_a_sheet_losing_half_of_its_rows_is_a_replacement_above_its_minimum(
    sheet: str, before: int, removed: int, drastic: bool
) -> None:
    assert is_drastic(sheet, before, removed) is drastic


def test_the_minimums_cover_plans_measures_recommendations_and_events() -> None:
    assert set(REPLACE_MIN_ROWS) == {"plans", "measures", "recommendations", "events"}


def test_removing_half_of_the_recommendations_is_a_replacement_listing_each_one() -> None:
    count = len(demo().recommendations) // 2  # 14 of 28
    flags = flags_of(without_rows("recommendations", count))
    assert flags.needed() == ("replace",)
    assert removal_lines(flags, "fr") == ["Recommandations : 14 retirée(s) sur 28"]
    table = removal_rows(flags, "fr")
    gone = demo().recommendations.iloc[-count:]
    assert table["Ligne"].tolist() == gone["rec_id"].tolist()
    assert table["Titre"].tolist() == gone["title"].tolist()


def test_removing_fewer_than_half_lists_them_but_is_no_replacement() -> None:
    flags = flags_of(without_rows("recommendations", len(demo().recommendations) // 2 - 1))
    assert flags.needed() == () and not flags.replaces
    assert removal_lines(flags, "en") == ["Recommendations: 13 removed out of 28"]


def test_the_refusal_names_the_rows_and_what_is_to_confirm() -> None:
    flags = flags_of(edited(Suivi__C2="Réalisée", Chronologie__delete=2))
    assert flags.missing(allow_rewrite=False, allow_replace=False) == ("rewrite",)
    assert flags.missing(allow_rewrite=True, allow_replace=False) == ()
    text = refusal_text(flags, ("rewrite",), "fr")
    assert text.startswith("Rien n'a été enregistré")
    assert "Suivi A-M01 · 14/12/2018 · Gouvernement" in text and "Chronologie EV-01" in text
    assert "\n" not in text  # one paragraph


def test_a_replacement_needs_both_confirmations_when_it_also_rewrites_history() -> None:
    new = without_rows("measures", 40)  # their assessments stay: the check is per sheet
    tables = dict(new.tables)
    kept = tables["status_updates"]["measure_id"].isin(tables["measures"]["measure_id"])
    tables["status_updates"] = tables["status_updates"][kept.to_numpy()]
    flags = flags_of(Dataset(tables=tables, scale=new.scale, extras=new.extras))
    assert flags.needed() == ("rewrite", "replace")
    assert flags.missing(allow_rewrite=False, allow_replace=True) == ("rewrite",)
    text = refusal_text(flags, flags.needed(), "en")
    assert "Measures: 40 removed out of 78" in text
    assert pd.Series(text).str.contains(" and \\d+ more").all()  # a long list is cut
