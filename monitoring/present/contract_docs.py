"""The workbook format page, generated from the contract (`schema`) and the issue codes.

`format_page(lang)` renders it as Markdown (`python -m monitoring.devtools.docs` writes
it into `docs/`); the Method page shows the same rules, sheets and columns in the app
(`general_rules`, `sheet_notes`, `column_rows`). The helpers that phrase one column or one
rule are shared with the `Lisez-moi` sheet of the template (`monitoring.present.workbook`),
so the three never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitoring.contract.schema import (
    CATEGORIES,
    CONTRACT_VERSION,
    DEFAULT_SCALE,
    EMPTY_CELL_RULE_EN,
    EMPTY_CELL_RULE_FR,
    PUBLISHED_VERDICTS,
    RETENTION,
    RETENTION_WITH_MEASURE,
    SHEETS,
    SHEETS_BY_ID,
    STATUS_SCALE,
    Column,
    ColumnType,
    Lang,
    Sheet,
    StatusLabel,
)
from monitoring.intake.problems import CODES, Severity
from monitoring.text.i18n import format_percent, t

# Literal keys (not built with f-strings) so a search for a key finds where it is used.
_TYPE_KEYS: dict[ColumnType, str] = {
    "text": "docs.type.text",
    "date": "docs.type.date",
    "integer": "docs.type.integer",
    "number": "docs.type.number",
    "choice": "docs.type.choice",
    "status": "docs.type.status",
    "id_list": "docs.type.id_list",
}
_SEVERITY_KEYS: dict[Severity, str] = {
    "error": "docs.severity.error",
    "warning": "docs.severity.warning",
    "notice": "docs.severity.notice",
}


def _other(lang: Lang) -> Lang:
    return "en" if lang == "fr" else "fr"


def general_rules(lang: Lang) -> list[str]:
    """Return the general rules of the format, one sentence each, in `lang`.

    Args:
        lang: the language of the text.

    Returns:
        The rules in the order they are shown, ending with the contract version line.
    """
    empty_rule = EMPTY_CELL_RULE_FR if lang == "fr" else EMPTY_CELL_RULE_EN
    return [
        t("docs.rule.one_dataset", lang),
        t("docs.rule.files", lang),
        t("docs.rule.header_row", lang),
        t("docs.rule.headers", lang),
        t("docs.rule.choices", lang),
        t("docs.rule.dates", lang),
        t("docs.rule.numbers", lang),
        t("docs.rule.date_bounds", lang, columns=_bounded_columns(lang)),
        t("docs.rule.identifiers", lang),
        t("docs.rule.empty", lang, rule=empty_rule),
        t("docs.rule.required", lang),
        t("docs.rule.extras", lang),
        t("docs.rule.scale", lang, sheet=STATUS_SCALE.name(lang)),
        *confirmation_rules(lang),
        contract_version_line(lang),
    ]


def confirmation_rules(lang: Lang) -> list[str]:
    """What a new version needs confirmed before it is stored (`monitoring.analysis.review_flags`):
    a rewrite of stored history, a replacement (its threshold from the module's constants)."""
    # Here, not at the top: the format page needs no pandas until it is written.
    from monitoring.analysis.review_flags import REPLACE_MIN_ROWS, REPLACE_SHARE

    minimums = [
        t("docs.rule.replace_minimum", lang, sheet=SHEETS_BY_ID[sheet].name(lang), rows=rows)
        for sheet, rows in REPLACE_MIN_ROWS.items()
    ]
    return [
        t("docs.rule.rewrite", lang),
        t("docs.rule.replace", lang, share=format_percent(REPLACE_SHARE, lang),
          minimums=", ".join(minimums)),
    ]  # fmt: skip


def _bounded_columns(lang: Lang) -> str:
    """The date columns that accept a month or a year, named with their sheet."""
    names = [
        t("docs.rule.date_bounds.column", lang, column=column.header(lang), sheet=sheet.name(lang))
        for sheet in SHEETS
        for column in sheet.columns
        if column.latest is not None
    ]
    return ", ".join(names)


def _date_of_latest(column: Column) -> Column | None:
    """The bounded date whose companion (latest possible date) `column` is, if any."""
    for sheet in SHEETS:
        if column in sheet.columns:
            return next((c for c in sheet.columns if c.latest == column.id), None)
    return None


def contract_version_line(lang: Lang) -> str:
    """Return the sentence naming the contract version a generated file follows."""
    return t("docs.version", lang, version=CONTRACT_VERSION)


def type_name(column_type: ColumnType, lang: Lang) -> str:
    """Return the name of a column type (`nombre entier`, `integer`…) in `lang`."""
    return t(_TYPE_KEYS[column_type], lang)


def yes_no(flag: bool, lang: Lang) -> str:
    """Return `oui`/`non` (`yes`/`no`)."""
    return t("docs.yes" if flag else "docs.no", lang)


def column_rule(column: Column, lang: Lang) -> str:
    """Return the description of a column followed by the rules declared on it.

    Args:
        column: a declared column.
        lang: the language of the text.

    Returns:
        One paragraph: the description, then the reference and bounds, if any.
    """
    parts = [column.description(lang)]
    dated = _date_of_latest(column)
    if dated is not None:
        parts.append(t("docs.rule_latest", lang, date=dated.header(lang)))
    if column.ref is not None:
        target = SHEETS_BY_ID[column.ref.sheet]
        parts.append(
            t(
                "docs.rule_ref",
                lang,
                sheet=target.name(lang),
                column=target.column(column.ref.column).header(lang),
            )
        )
    if column.min_value is not None:
        parts.append(t("docs.rule_min", lang, value=column.min_value))
    if column.max_value is not None:
        parts.append(t("docs.rule_max", lang, value=column.max_value))
    return " ".join(parts)


def allowed_values(
    column: Column,
    lang: Lang,
    scale: Sequence[StatusLabel] = DEFAULT_SCALE,
    *,
    both_languages: bool = False,
) -> str:
    """Return the values a choice or status column accepts, as one line ("" otherwise).

    Args:
        column: a declared column.
        lang: the language of the labels.
        scale: the status labels in use (for the status column).
        both_languages: also give each choice's label in the other language.

    Returns:
        Labels separated by ` ; ` (French) or `; ` (English), or "" for free columns.
    """
    separator = " ; " if lang == "fr" else "; "
    if column.type == "status":
        labels = separator.join(item.display(lang) for item in scale)
        return t("docs.status_values", lang, labels=labels)
    if both_languages:
        other = _other(lang)
        return separator.join(f"{c.label(lang)} ({c.label(other)})" for c in column.choices)
    return separator.join(c.label(lang) for c in column.choices)


def sheet_notes(sheet: Sheet, lang: Lang) -> list[str]:
    """Return the sentences describing a sheet: purpose, whether required, other rules."""
    notes = [sheet.description(lang)]
    notes.append(t("docs.sheet_required" if sheet.required else "docs.sheet_optional", lang))
    if sheet.must_have_rows:
        notes.append(t("docs.sheet_must_have_rows", lang))
    if len(sheet.key) > 1:
        headers = [sheet.column(c).header(lang) for c in sheet.key]
        quoted = ", ".join(f"« {h} »" if lang == "fr" else f'"{h}"' for h in headers)
        notes.append(t("docs.sheet_key", lang, columns=quoted))
    if sheet is PUBLISHED_VERDICTS:
        notes.append(
            t(
                "docs.verdicts_rule",
                lang,
                covered=sheet.column("measures_covered").header(lang),
                measures=SHEETS_BY_ID["measures"].name(lang),
            )
        )
    if sheet is RETENTION:
        level = RETENTION.column("level")
        needing = [c.label(lang) for c in level.choices if c.code in RETENTION_WITH_MEASURE]
        notes.append(
            t(
                "docs.retention_rule",
                lang,
                levels=", ".join(needing),
                column=RETENTION.column("measure_id").header(lang),
            )
        )
    return notes


def _cell(text: str) -> str:
    # A pipe would end the Markdown table cell, a newline the row.
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "---|" * len(header))
    lines.extend("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows)
    return lines


def _code(text: str) -> str:
    return f"`{text}`"


# The fields of `column_rows`, with the catalogue keys of their labels (the docs' own).
COLUMN_FIELDS = {
    "fr": "docs.col.fr_header",
    "en": "docs.col.en_header",
    "type": "docs.col.type",
    "required": "docs.col.required",
    "unique": "docs.col.unique",
    "rule": "docs.col.rule",
    "aliases": "docs.col.aliases",
    "values": "docs.col.values",
}


def column_rows(sheet: Sheet, lang: Lang) -> list[dict[str, str]]:
    """Return one row per column of a sheet, every field in words, in `lang`.

    Args:
        sheet: a declared sheet.
        lang: the language of the text.

    Returns:
        [{field: text}] with the fields of `COLUMN_FIELDS`: the French and the English
        header, the type, whether required and unique (oui/non), the rule, the other
        headers accepted (comma-separated) and the values a choice accepts (with their
        label in the other language): the columns of the format page's tables.
    """
    return [
        {
            "fr": column.fr,
            "en": column.en,
            "type": type_name(column.type, lang),
            "required": yes_no(column.required, lang),
            "unique": yes_no(column.unique, lang),
            "rule": column_rule(column, lang),
            "aliases": ", ".join(column.aliases),
            "values": allowed_values(column, lang, both_languages=True),
        }
        for column in sheet.columns
    ]


def _sheet_section(sheet: Sheet, lang: Lang) -> list[str]:
    other = _other(lang)
    lines = [
        "### " + t("docs.sheet_heading", lang, name=sheet.name(lang), other=sheet.name(other)),
        "",
        " ".join(sheet_notes(sheet, lang)),
    ]
    if sheet.aliases:
        aliases = ", ".join(_code(a) for a in sheet.aliases)
        lines += ["", t("docs.sheet_aliases", lang, aliases=aliases)]
    header = [
        t("docs.col.fr_header", lang),
        t("docs.col.en_header", lang),
        t("docs.col.type", lang),
        t("docs.col.required", lang),
        t("docs.col.unique", lang),
        t("docs.col.rule", lang),
        t("docs.col.aliases", lang),
        t("docs.col.values", lang),
    ]
    rows = [
        [
            column.fr,
            column.en,
            type_name(column.type, lang),
            yes_no(column.required, lang),
            yes_no(column.unique, lang),
            column_rule(column, lang),
            ", ".join(_code(a) for a in column.aliases),
            allowed_values(column, lang, both_languages=True),
        ]
        for column in sheet.columns
    ]
    return [*lines, "", *_table(header, rows)]


def _scale_section(lang: Lang) -> list[str]:
    categories = {c.code: c for c in CATEGORIES}
    header = [
        t("docs.scale.order", lang),
        t("docs.scale.label_fr", lang),
        t("docs.scale.label_en", lang),
        t("docs.scale.category", lang),
        t("docs.scale.aliases", lang),
    ]
    rows = [
        [
            str(item.order),
            item.label,
            item.en or item.label,
            categories[item.category].label(lang),
            ", ".join(_code(a) for a in item.aliases),
        ]
        for item in sorted(DEFAULT_SCALE, key=lambda s: s.order)
    ]
    return [
        "## " + t("docs.scale", lang),
        "",
        t("docs.scale_intro", lang, sheet=STATUS_SCALE.name(lang)),
        "",
        *_table(header, rows),
    ]


def _codes_section(lang: Lang) -> list[str]:
    header = [
        t("docs.codes.code", lang),
        t("docs.codes.severity", lang),
        t("docs.codes.meaning", lang),
    ]
    rows = [
        [_code(code), t(_SEVERITY_KEYS[severity], lang), t(f"code.{code}", lang)]
        for code, severity in CODES.items()
    ]
    return [
        "## " + t("docs.codes", lang),
        "",
        t("docs.codes_intro", lang),
        "",
        *_table(header, rows),
    ]


def format_page(lang: Lang) -> str:
    """Return the Markdown page describing the workbook format in `lang`.

    Args:
        lang: the language of the page.

    Returns:
        The whole page, ending with a newline: general rules, one table per sheet, the
        default status scale and the issue codes.
    """
    lines = [
        "# " + t("docs.title", lang),
        "",
        t("docs.generated", lang),
        "",
        "## " + t("docs.general_rules", lang),
        "",
        *(f"- {rule}" for rule in general_rules(lang)),
        "",
        "## " + t("docs.sheets", lang),
    ]
    for sheet in SHEETS:
        lines += ["", *_sheet_section(sheet, lang)]
    lines += ["", *_scale_section(lang), "", *_codes_section(lang)]
    return "\n".join(lines) + "\n"
