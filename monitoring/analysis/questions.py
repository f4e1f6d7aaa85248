"""The questions a committee brief puts to the government, as data.

A question is asked by a rule about a fact of the dataset (a measure past its deadline, a
disagreement between voices, a letter awaiting its reply…), never invented. This module
speaks no language: `rule` and `facts` say what was found, and the wording of each rule in
French and English lives in `monitoring.present`. The brief (which asks the questions),
the questions workbook (which carries them to the meeting, with a column for each answer)
and the intake of the answers (which stores them as government assessments) all share
this one declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuestionRule = Literal[
    "overdue",  # a measure past its deadline (revised or not) and not done
    "due_soon",  # a measure whose deadline falls before the next meeting
    "disagreement",  # government and civil society assess the same measure differently
    "status_down",  # a measure whose status went down since the last meeting
    "deadline_moved",  # a measure whose deadline was moved since the last meeting
    "unanswered_letter",  # a letter still awaiting its reply
]
QUESTION_RULES: tuple[QuestionRule, ...] = (
    "overdue",
    "due_soon",
    "disagreement",
    "status_down",
    "deadline_moved",
    "unanswered_letter",
)


@dataclass(frozen=True)
class Question:
    """One question of a brief.

    Attributes:
        key: stable across versions of the dataset and across briefs: the rule and the
            subject (`overdue:M12`, `unanswered_letter:E7`), so that an answer finds its
            question again and a re-generated workbook keeps its rows' identity.
        rule: which rule asked it.
        plan_id: the plan it is about (None when the subject has no plan).
        measure_id: the measure it is about, when it is about a measure; only such
            questions can be answered with a status (a government assessment).
        event_id: the event (letter) it is about, when it is about one.
        facts: the facts the wording uses, by name (days late, the last assessment's
            date, the two voices' statuses…), as plain values: str, int, date or None.
    """

    key: str
    rule: QuestionRule
    plan_id: str | None = None
    measure_id: str | None = None
    event_id: str | None = None
    facts: tuple[tuple[str, object], ...] = field(default=())

    def fact(self, name: str) -> object:
        """Return the fact called `name`, or None when the rule did not record it."""
        return dict(self.facts).get(name)

    @property
    def answerable(self) -> bool:
        """Whether an answer can be stored as a status assessment (it names a measure)."""
        return self.measure_id is not None


def question_key(rule: QuestionRule, subject: str) -> str:
    """Return the stable key of the question `rule` asks about `subject` (a measure or event id)."""
    return f"{rule}:{subject}"
