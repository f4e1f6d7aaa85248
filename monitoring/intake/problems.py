"""Validation reports: problems as data, each with a stable code and a place in the file.

A report never raises: reading and validation collect every problem (up to a cap) and the
caller decides what to do. Codes follow the frictionless vocabulary, plus this project's
own (`size-limit`, `forbidden-xml`, `encrypted-file`, …); the docs list them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from monitoring.contract.schema import Lang
from monitoring.text.i18n import t

Severity = Literal["error", "warning", "notice"]

# code → (severity, one-line title key). The message itself comes from `issue.<key>`.
CODES: dict[str, Severity] = {
    # The container and its encoding
    "format-error": "error",
    "encoding-error": "error",
    "size-limit": "error",
    "forbidden-xml": "error",
    "macro-file": "error",
    "encrypted-file": "error",
    # Workbook structure
    "missing-sheet": "error",
    "duplicate-sheet": "error",
    "extra-sheet": "notice",
    "hidden-sheet": "warning",
    "merged-cells": "error",
    "formula-no-value": "error",
    "no-data": "error",
    # Header row
    "blank-label": "error",
    "duplicate-label": "error",
    "missing-label": "error",
    "extra-label": "notice",
    # Rows and cells
    "blank-row": "warning",
    "extra-cell": "error",
    "missing-cell": "error",
    "type-error": "error",
    "constraint-error": "error",
    "unique-error": "error",
    "foreign-key": "error",
    "too-many-issues": "warning",
    "encoding-fallback": "warning",
}

MAX_ISSUES = 200
VALUE_MAX_CHARS = 60


def shorten(value: object, limit: int = VALUE_MAX_CHARS) -> str:
    """Return a value as short, printable text for a message (controls made visible)."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Issue:
    """One problem found in an uploaded file.

    `row` is the spreadsheet's own row number (header = 1); `column` its letter; `header`
    the header text as written in the file. `key` picks the message template
    (`issue.<key>` in the catalogue) and `params` fills it.
    """

    code: str
    key: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code]

    def message(self, lang: Lang = "fr") -> str:
        """Return the full, positional message in the user's language."""
        body = t(f"issue.{self.key}", lang, value=self.value or "", **self.params)
        text = f"{self.place(lang)}{body}"
        return text[:1].upper() + text[1:]

    def place(self, lang: Lang = "fr") -> str:
        parts: list[str] = []
        if self.file:
            parts.append(t("place.file", lang, name=shorten(self.file, 80)))
        if self.sheet:
            parts.append(t("place.sheet", lang, name=self.sheet))
        if self.row is not None:
            parts.append(t("place.row", lang, row=self.row))
        if self.column:
            if self.header:
                parts.append(t("place.column_header", lang, letter=self.column, header=self.header))
            else:
                parts.append(t("place.column", lang, letter=self.column))
        return (
            (", ".join(parts) + " : " if lang == "fr" else ", ".join(parts) + ": ") if parts else ""
        )

    def as_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "message": self.message(lang),
        }


@dataclass
class Report:
    """Every issue found, in the order found, capped at `MAX_ISSUES` errors."""

    issues: list[Issue] = field(default_factory=list)
    truncated: bool = False

    def add(self, issue: Issue) -> None:
        if self.truncated:
            return
        if issue.severity == "error" and self.error_count >= MAX_ISSUES:
            self.truncated = True
            self.issues.append(
                Issue("too-many-issues", "too_many_issues", params={"limit": MAX_ISSUES})
            )
            return
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.add(issue)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.issues if i.severity == "error")

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and not self.truncated

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def codes(self) -> list[str]:
        return [i.code for i in self.issues]

    def as_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        # {"ok": bool, "issues": [{"code", "severity", "sheet", "row", "column", ...}]}
        return {"ok": self.ok, "issues": [i.as_dict(lang) for i in self.issues]}

    def to_json(self, lang: Lang = "fr") -> str:
        return json.dumps(self.as_dict(lang), ensure_ascii=False, indent=2)
