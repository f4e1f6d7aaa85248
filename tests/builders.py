"""Build raw workbooks for tests, in code, from the schema.

`valid_sheets()` returns a small workbook that validates without a single issue, as a
dict of sheet name → rows (row 0 is the header, in the template's French headers); each
test changes the cells it is about with `set_cell` (addressed like a spreadsheet: row
number and header) and turns it into a `RawWorkbook` with `workbook`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from monitoring.contract.schema import SHEETS_BY_ID, Sheet, column_letter
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook

Sheets = dict[str, list[list[Cell]]]

D = dt.date


def headers(sheet_id: str, lang: str = "fr") -> list[Cell]:
    """The header row of a sheet as the template writes it."""
    sheet = SHEETS_BY_ID[sheet_id]
    return [c.fr if lang == "fr" else c.en for c in sheet.columns]


def _rows(sheet: Sheet, records: list[dict[str, Cell]]) -> list[list[Cell]]:
    unknown = {k for r in records for k in r} - set(sheet.column_ids)
    assert not unknown, f"not columns of {sheet.id}: {unknown}"
    return [[c.fr for c in sheet.columns]] + [
        [r.get(c.id, "") for c in sheet.columns] for r in records
    ]


def valid_sheets() -> Sheets:
    """A minimal valid workbook: two plans, three measures, every sheet used once or twice."""
    s = SHEETS_BY_ID
    return {
        "Plans": _rows(
            s["plans"],
            [
                {
                    "plan_id": "P1",
                    "title": "Plan 1",
                    "period_start": D(2014, 1, 1),
                    "period_end": D(2016, 12, 31),
                },
                {
                    "plan_id": "P2",
                    "title": "Plan 2",
                    "period_start": D(2017, 1, 1),
                    "period_end": D(2019, 12, 31),
                    "expected_date": D(2016, 12, 31),
                    "adopted_date": D(2017, 3, 1),
                    "previous_plan_id": "P1",
                },
            ],
        ),
        "Mesures": _rows(
            s["measures"],
            [
                {
                    "measure_id": "M1",
                    "plan_id": "P1",
                    "number": 1,
                    "axis": "Axe 1",
                    "title": "Mesure 1",
                    "due_date": D(2015, 6, 30),
                    "budget_eur": 1000,
                },
                {
                    "measure_id": "M2",
                    "plan_id": "P1",
                    "number": 2,
                    "axis": "Axe 1",
                    "title": "Mesure 2",
                },
                {
                    "measure_id": "M3",
                    "plan_id": "P2",
                    "number": 1,
                    "axis": "Axe 2",
                    "title": "Mesure 3",
                    "carried_from": "M1",
                },
            ],
        ),
        "Recommandations": _rows(
            s["recommendations"],
            [
                {
                    "rec_id": "R1",
                    "author": "Collectif",
                    "theme": "Prévention",
                    "title": "Former les professionnels",
                    "priority": "Haute",
                },
                {
                    "rec_id": "R2",
                    "author": "GRETA",
                    "theme": "Protection",
                    "title": "Ouvrir des places",
                },
            ],
        ),
        "Prise en compte": _rows(
            s["retention"],
            [
                {"rec_id": "R1", "plan_id": "P2", "measure_id": "M3", "level": "Retenue"},
                {"rec_id": "R2", "plan_id": "P2", "level": "Non retenue"},
            ],
        ),
        "Suivi": _rows(
            s["status_updates"],
            [
                {
                    "measure_id": "M1",
                    "as_of": D(2016, 12, 31),
                    "status": "Réalisée",
                    "voice": "Gouvernement",
                    "completed_on": D(2016, 6, 1),
                },
                {
                    "measure_id": "M3",
                    "as_of": D(2018, 6, 1),
                    "status": "En cours",
                    "voice": "Société civile",
                    "progress_pct": 50,
                },
            ],
        ),
        "Chronologie": _rows(
            s["events"],
            [
                {
                    "event_id": "E1",
                    "date": D(2017, 4, 1),
                    "kind": "Lettre",
                    "title": "Lettre au Premier ministre",
                },
                {
                    "event_id": "E2",
                    "date": D(2017, 5, 2),
                    "kind": "Réponse",
                    "title": "Réponse",
                    "reply_to": "E1",
                    "plan_id": "P2",
                    "measure_ids": "M1, M3",
                },
            ],
        ),
    }


def workbook(
    sheets: Mapping[str, list[list[Cell]]] | None = None,
    *,
    date1904: bool = False,
    hidden: tuple[str, ...] = (),
) -> RawWorkbook:
    """A `RawWorkbook` of these sheets (the valid minimal one when omitted)."""
    sheets = valid_sheets() if sheets is None else sheets
    return RawWorkbook(
        "classeur.xlsx",
        "xlsx",
        [
            RawSheet(name, [list(r) for r in rows], hidden=name in hidden)
            for name, rows in sheets.items()
        ],
        date1904=date1904,
    )


def raw_sheet(book: RawWorkbook, name: str) -> RawSheet:
    """The sheet of that name, to set `merged`, `error_cells`, `formula_no_value`."""
    return next(s for s in book.sheets if s.name == name)


def column_index(sheets: Sheets, sheet: str, header: str) -> int:
    """0-based index of the column with that header (as written in row 1)."""
    return sheets[sheet][0].index(header)


def letter(sheets: Sheets, sheet: str, header: str) -> str:
    """Spreadsheet letter of the column with that header."""
    return column_letter(column_index(sheets, sheet, header))


def set_cell(sheets: Sheets, sheet: str, row: int, header: str, value: Cell) -> None:
    """Set a cell addressed as in the spreadsheet: row number (header = 1) and header."""
    rows = sheets[sheet]
    j = column_index(sheets, sheet, header)
    while len(rows) < row:
        rows.append([""] * len(rows[0]))
    line = rows[row - 1]
    line.extend([""] * (j + 1 - len(line)))
    line[j] = value


def add_row(sheets: Sheets, sheet: str, **values: Cell) -> int:
    """Append a row given by column id; returns its spreadsheet row number."""
    schema = next(s for s in SHEETS_BY_ID.values() if s.fr == sheet)
    rows = sheets[sheet]
    by_header = {c.fr: values.get(c.id, "") for c in schema.columns}
    rows.append([by_header.get(str(h), "") for h in rows[0]])
    return len(rows)


def synthetic_sheets(n_measures: int = 10_000, seed: int = 7) -> Sheets:
    """A large valid workbook: `n_measures` measures over 5 plans, ~9 rows per measure.

    For 10,000 measures: 10,000 recommendations, 10,000 retention rows, 50,000 status
    updates and 10,000 events, about 90,000 rows in all, with every cell type present.
    """
    rng = random.Random(seed)
    sheets = valid_sheets()
    for name in sheets:
        del sheets[name][1:]
    plans = [f"P{k}" for k in range(1, 6)]
    for k, plan in enumerate(plans):
        add_row(
            sheets,
            "Plans",
            plan_id=plan,
            title=f"Plan {k}",
            period_start=D(2010 + 3 * k, 1, 1),
            period_end=D(2012 + 3 * k, 12, 31),
            previous_plan_id=plans[k - 1] if k else "",
        )
    statuses = ["Réalisée", "en cours", "Non démarrée", "Done", "Abandonnée"]
    voices = ["Gouvernement", "Société civile", "Évaluation indépendante"]
    for m in range(n_measures):
        mid, plan = f"M{m:05d}", plans[m % 5]
        add_row(
            sheets,
            "Mesures",
            measure_id=mid,
            plan_id=plan,
            number=m,
            axis=f"Axe {m % 7}",
            title=f"Mesure {m} " + "x" * rng.randint(10, 80),
            lead="Ministère",
            due_date=f"{rng.randint(1, 28):02d}/06/2016",
            budget_eur=f"{m} 000,50",
        )
        add_row(
            sheets,
            "Recommandations",
            rec_id=f"R{m:05d}",
            author="Collectif",
            theme="T",
            title=f"Recommandation {m}",
            issued_on=D(2015, 1, 1),
            priority="moyenne",
        )
        add_row(
            sheets,
            "Prise en compte",
            rec_id=f"R{m:05d}",
            plan_id=plan,
            measure_id=mid,
            level="Retenue",
        )
        for u in range(5):
            add_row(
                sheets,
                "Suivi",
                measure_id=mid,
                as_of=42000.0 + u * 30,
                status=statuses[(m + u) % 5],
                voice=voices[u % 3],
                progress_pct="50 %",
                comment="RAS",
            )
        add_row(
            sheets,
            "Chronologie",
            event_id=f"E{m:05d}",
            date="2017-04-01",
            kind="Lettre",
            title="Lettre",
            measure_ids=f"{mid}, M{(m + 1) % n_measures:05d}",
        )
    return sheets


def verdict_rows(*records: dict[str, Cell]) -> list[list[Cell]]:
    """The rows of a `Verdicts publiés` sheet (French headers) holding these records."""
    return _rows(SHEETS_BY_ID["published_verdicts"], list(records))


def a_verdict(**changes: Cell) -> dict[str, Cell]:
    """A valid published verdict on plan P1 of `valid_sheets` (2 measures), as cells."""
    return {
        "plan_id": "P1",
        "assessor": "CNCDH",
        "voice": "Évaluation indépendante",
        "published_on": D(2017, 1, 12),
        "measures_covered": 2,
        "count_done": 1,
        "count_partial": 1,
        "source": "https://www.cncdh.fr/exemple",
        **changes,
    }
