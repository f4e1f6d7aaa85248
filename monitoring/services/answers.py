"""The answers brought back from a committee: a questions workbook, filled in, read as a
partial update of the current version.

`monitoring.present.questions_workbook` writes the workbook; uploaded back through the
usual update cycle, `monitoring.services.importing` recognises it (`is_answers_workbook`:
a `Questions` sheet with its key column) and reads it here. Each filled answer becomes one
`Suivi` row (voice: government, dated at the answer's date or else the meeting's, with
its status, evidence and comment, under the assessor the `Réunion` sheet names) and the
meeting one `Chronologie` event (kind: meeting, with its date, title, plan and the
measures answered). A question left empty stays unanswered: no row.

The rows are then validated and appended exactly as a partial update's
(`importing._validate_partial`, `append_partial`), so a status off the scale or a bad date
gets the usual message; `AnswersUpload.placed` moves each message from the rows built
here back to the cell of the workbook it came from (sheet, row, column, header). What only
this workbook can get wrong (a key that names no question or nothing of the current
dataset, two answers to one question, an answer to a question about no measure) is
checked here first, with the same kind of message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from monitoring.analysis.questions import QUESTION_RULES
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import (
    EVENTS,
    STATUS_UPDATES,
    Sheet,
    column_letter,
    normalise_label,
)
from monitoring.intake.problems import Issue
from monitoring.intake.raw import Cell, RawSheet, RawWorkbook
from monitoring.intake.validation.convert import cell_text, convert_column
from monitoring.intake.validation.structure import match_header
from monitoring.present.questions_workbook import (
    ANSWER_CONTENT,
    MEETING,
    MEETING_VALUE_COLUMN,
    QUESTIONS,
)
from monitoring.text.i18n import Localised

GOVERNMENT = "government"
MEETING_KIND = "meeting"
# The meeting's event id: one a day, so a workbook uploaded twice replaces its event.
MEETING_EVENT_ID = "meeting-{date}"
_RULES = frozenset(QUESTION_RULES)

# A cell of the uploaded workbook: sheet, row (None: the whole sheet), letter, header.
Place = tuple[str, int | None, str | None, str | None]


@dataclass
class AnswersUpload:
    """The answers as a partial update, and where each of its cells came from."""

    workbook: RawWorkbook  # a `Suivi` sheet (the answers) and a `Chronologie` sheet (the meeting)
    count: int  # how many answers
    # (sheet of `workbook`, row number, column letter) → the uploaded cell it came from;
    # (sheet, row number, None) → the row's place when no cell is the one.
    places: dict[tuple[str, int, str | None], Place] = field(default_factory=dict)

    def placed(self, issues: Iterable[Issue]) -> list[Issue]:
        """The issues found in `workbook`, placed where the user typed the values."""
        out: list[Issue] = []
        seen: set[tuple[object, ...]] = set()
        for issue in issues:
            moved = issue
            if issue.row is not None:
                place = self.places.get((issue.sheet or "", issue.row, issue.column))
                place = place or self.places.get((issue.sheet or "", issue.row, None))
                if place is not None:
                    sheet, row, column, header = place
                    moved = replace(issue, sheet=sheet, row=row, column=column, header=header)
            # The meeting's date, say, fills every answer without a date of its own: one
            # message for its cell, not one per answer.
            key = (moved.key, moved.sheet, moved.row, moved.column, moved.value)
            if key not in seen:
                seen.add(key)
                out.append(moved)
        return out


def _header_ids(sheet: Sheet, raw: RawSheet) -> dict[str, int]:
    """The index of each declared column found in a sheet's header row (as validation
    matches headers: case, accents and either language ignored)."""
    match = match_header(sheet, raw.header, raw.columns)
    return {column.id: index for index, column in match.mapping.items()}


def _questions_sheet(raw: RawWorkbook) -> RawSheet | None:
    names = QUESTIONS.name_keys()
    for sheet in raw.sheets:
        if not sheet.hidden and normalise_label(sheet.name) in names:
            return sheet
    return None


def is_answers_workbook(raw: RawWorkbook) -> bool:
    """Whether an upload is a questions workbook: a `Questions` sheet with a key column."""
    sheet = _questions_sheet(raw)
    return sheet is not None and "key" in _header_ids(QUESTIONS, sheet)


@dataclass(frozen=True)
class _Meeting:
    """The `Réunion` sheet's values as typed, and their places."""

    sheet: str
    cells: dict[str, Cell]
    places: dict[str, Place]


def _meeting(raw: RawWorkbook) -> _Meeting | None:
    names = MEETING.name_keys()
    found = next((s for s in raw.sheets if normalise_label(s.name) in names), None)
    if found is None:
        return None
    fields = {c.id: c.header_keys() for c in MEETING.columns}
    cells: dict[str, Cell] = {}
    places: dict[str, Place] = {}
    letter = column_letter(MEETING_VALUE_COLUMN)
    for index, row in enumerate(found.rows):
        label = normalise_label(cell_text(row[0])) if row else ""
        for field_id, names_of in fields.items():
            if label and label in names_of and field_id not in cells:
                cells[field_id] = row[MEETING_VALUE_COLUMN] if len(row) > 1 else ""
                places[field_id] = (found.name, found.row_number(index), letter, cell_text(row[0]))
    for field_id in fields:  # a field whose label was removed: the sheet is the place
        places.setdefault(field_id, (found.name, None, None, None))
    return _Meeting(found.name, cells, places)


def _missing_subject(key: str, subjects: set[str]) -> str | None:
    """The subject of a well-formed key when the current version has no such measure or
    event (`subjects`); "" when it has; None when the key is not a question's at all."""
    rule, colon, subject = key.partition(":")
    if not colon or rule not in _RULES or not subject:
        return None
    return "" if subject in subjects else subject


@dataclass
class _Row:
    """One answered row of the Questions sheet."""

    number: int  # the spreadsheet's row number
    cells: dict[str, Cell]


def read_answers(raw: RawWorkbook, current: Dataset) -> tuple[AnswersUpload | None, list[Issue]]:
    """Read a filled questions workbook as a partial update of `current`.

    Args:
        raw: the upload as read (`is_answers_workbook(raw)` is true).
        current: the current version, which the keys and measures must name.

    Returns:
        The answers as a partial update with the places of its cells, or None; and the
        problems found here (the partial's own validation comes after, in `importing`).
    """
    sheet = _questions_sheet(raw)
    assert sheet is not None, "read_answers wants a questions workbook"
    issues: list[Issue] = []
    at = _header_ids(QUESTIONS, sheet)
    needed = ("key", "measure_id", "status", "as_of", "evidence", "comment")
    for column_id in needed:
        if column_id not in at:
            header = Localised(QUESTIONS.column(column_id).fr, QUESTIONS.column(column_id).en)
            issues.append(Issue("missing-label", "answers_missing_column", sheet=sheet.name,
                                row=sheet.first_row, params={"header": header}))  # fmt: skip
    meeting = _meeting(raw)
    if meeting is None:
        issues.append(Issue("missing-sheet", "answers_no_meeting",
                            params={"sheet": Localised(MEETING.fr, MEETING.en)}))  # fmt: skip
    if issues or meeting is None:
        return None, issues
    rows = _answered(sheet, at)
    if not rows:
        return None, [Issue("no-data", "answers_none", sheet=sheet.name)]
    issues.extend(_row_problems(sheet, at, rows, current))
    if issues:
        return None, issues
    return _partial(raw, sheet, at, rows, meeting, current), []


def _answered(sheet: RawSheet, at: dict[str, int]) -> list[_Row]:
    """The rows with an answer: a status, evidence or a comment (a date alone is none)."""
    out: list[_Row] = []
    for index in range(1, len(sheet.rows)):
        row = sheet.rows[index]
        cells = {cid: row[j] if j < len(row) else "" for cid, j in at.items()}
        if any(cell_text(cells[cid]) for cid in ANSWER_CONTENT):
            out.append(_Row(sheet.row_number(index), cells))
    return out


def _place(sheet: RawSheet, at: dict[str, int], row: int, column_id: str) -> Place:
    index = at[column_id]
    header = sheet.header[index] if index < len(sheet.header) else ""
    return (sheet.name, row, column_letter(index), cell_text(header) or None)


def _issue(code: str, key: str, place: Place, value: str, **params: object) -> Issue:
    sheet, row, column, header = place
    return Issue(code, key, sheet=sheet, row=row, column=column, header=header, value=value,
                 params=params)  # fmt: skip


def _row_problems(
    sheet: RawSheet, at: dict[str, int], rows: Sequence[_Row], current: Dataset
) -> Iterable[Issue]:
    """What only a questions workbook can get wrong, row by row."""
    first: dict[str, int] = {}
    measures = set(current.measures["measure_id"].astype(str))
    subjects = measures | set(current.events["event_id"].astype(str))
    for row in rows:
        key = cell_text(row.cells["key"])
        where = _place(sheet, at, row.number, "key")
        if not key:
            yield _issue("constraint-error", "required", where, "")
            continue
        missing = _missing_subject(key, subjects)
        if missing is None:
            yield _issue("constraint-error", "answer_unknown_question", where, key)
        elif missing:
            yield _issue("foreign-key", "answer_unknown_subject", where, key, subject=missing)
        if key in first:
            yield _issue("unique-error", "answer_duplicate", where, key, first=first[key])
            continue
        first[key] = row.number
        measure = cell_text(row.cells["measure_id"])
        subject = key.partition(":")[2]
        if not measure:
            filled = next(c for c in ANSWER_CONTENT if cell_text(row.cells[c]))
            value = cell_text(row.cells[filled])
            yield _issue("constraint-error", "answer_not_about_measure",
                         _place(sheet, at, row.number, filled), value)  # fmt: skip
        elif subject in measures and measure != subject:
            yield _issue("constraint-error", "answer_other_measure",
                         _place(sheet, at, row.number, "measure_id"), key,
                         subject=subject, measure=measure)  # fmt: skip


def _meeting_day(meeting: _Meeting, raw: RawWorkbook, current: Dataset) -> dt.date | None:
    """The meeting's first day as the timeline reads it (None when it is not a date)."""
    column = EVENTS.column("date")
    converted, _bad, _ends = convert_column(
        column, [meeting.cells.get("date", "")], date1904=raw.date1904, scale=current.scale
    )
    day = converted.values[0]
    return day if isinstance(day, dt.date) else None


def _partial(
    raw: RawWorkbook,
    sheet: RawSheet,
    at: dict[str, int],
    rows: Sequence[_Row],
    meeting: _Meeting,
    current: Dataset,
) -> AnswersUpload:
    """The answers as `Suivi` rows and the meeting as a `Chronologie` row, in the
    template's French headers, with the place each of their cells came from."""
    updates = _Built(STATUS_UPDATES)
    assessor = meeting.cells.get("assessor", "")
    for row in rows:
        own_date = bool(cell_text(row.cells["as_of"]))
        values: dict[str, tuple[Cell, Place]] = {
            "measure_id": (row.cells["measure_id"], _place(sheet, at, row.number, "measure_id")),
            "as_of": (row.cells["as_of"], _place(sheet, at, row.number, "as_of"))
            if own_date
            else (meeting.cells.get("date", ""), meeting.places["date"]),
            "status": (row.cells["status"], _place(sheet, at, row.number, "status")),
            "voice": (GOVERNMENT, (sheet.name, row.number, None, None)),
            "assessor": (assessor, meeting.places["assessor"]),
            "evidence": (row.cells["evidence"], _place(sheet, at, row.number, "evidence")),
            "comment": (row.cells["comment"], _place(sheet, at, row.number, "comment")),
        }
        updates.add(values, (sheet.name, row.number, None, None))

    day = _meeting_day(meeting, raw, current)
    measures = list(dict.fromkeys(cell_text(r.cells["measure_id"]) for r in rows))
    plans = {cell_text(r.cells["plan_id"]) for r in rows} if "plan_id" in at else set()
    plan = next(iter(plans)) if len(plans) == 1 else ""
    first = rows[0].number
    events = _Built(EVENTS)
    events.add(
        {
            "event_id": (MEETING_EVENT_ID.format(date=day.isoformat() if day else ""),
                         meeting.places["date"]),
            "date": (meeting.cells.get("date", ""), meeting.places["date"]),
            "kind": (MEETING_KIND, meeting.places["title"]),
            "title": (meeting.cells.get("title", ""), meeting.places["title"]),
            "plan_id": (plan, _place(sheet, at, first, "plan_id") if plan else
                        (sheet.name, None, None, None)),
            "measure_ids": (", ".join(measures), (sheet.name, None, None, None)),
        },
        (meeting.sheet, None, None, None),
    )  # fmt: skip
    partial = RawWorkbook(raw.file_name, raw.kind, [updates.sheet(), events.sheet()], raw.date1904)
    return AnswersUpload(partial, len(rows), {**updates.places, **events.places})


class _Built:
    """A sheet of the partial update being built, row by row, with its cells' places."""

    def __init__(self, sheet: Sheet) -> None:
        self.contract = sheet
        self.name = sheet.fr
        self.rows: list[list[Cell]] = [[c.fr for c in sheet.columns]]
        self.places: dict[tuple[str, int, str | None], Place] = {}

    def add(self, values: dict[str, tuple[Cell, Place]], row_place: Place) -> None:
        number = len(self.rows) + 1  # the header is row 1
        cells: list[Cell] = []
        for index, column in enumerate(self.contract.columns):
            cell, place = values.get(column.id, ("", row_place))
            cells.append(cell)
            self.places[(self.name, number, column_letter(index))] = place
        self.places[(self.name, number, None)] = row_place
        self.rows.append(cells)

    def sheet(self) -> RawSheet:
        return RawSheet(self.name, self.rows)
