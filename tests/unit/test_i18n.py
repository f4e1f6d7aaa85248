"""The message catalogue: complete in both languages, every key used, numbers and dates
written the way each language writes them."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from functools import cache
from pathlib import Path

import pytest

from monitoring.text.catalogues import catalogue_languages, translations
from monitoring.text.i18n import (
    CATALOG,
    FileSize,
    Localised,
    format_date,
    format_days,
    format_number,
    format_percent,
    format_size,
    language_name,
    plural_key,
    t,
)

ROOT = Path(__file__).resolve().parents[2]
NNBSP = "\u202f"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _text_offenders(source: dict[str, str], catalogues: dict[str, dict[str, str]]) -> list[str]:
    """Every key of the French `source` with an empty text, or a translation in one of
    `catalogues` (language: key: text) that is empty, missing or has other placeholders,
    one line each."""
    offenders = []
    for key, fr in sorted(source.items()):
        texts = {"fr": fr} | {lang: texts.get(key, "") for lang, texts in catalogues.items()}
        empty = [lang for lang, text in texts.items() if not text.strip()]
        if empty:
            offenders.append(f"{key}: no text in {', '.join(empty)}")
            continue
        for lang, text in texts.items():
            if (names := _placeholders(text)) != (names_fr := _placeholders(fr)):
                offenders.append(
                    f"{key}: placeholders fr {sorted(names_fr)} ≠ {lang} {sorted(names)}"
                )
    return offenders


def test_every_key_has_french_and_english_text_with_the_same_placeholders() -> None:
    languages = catalogue_languages()
    assert languages == ["en"]  # the shipped app: French source, English catalogue
    # `translations` leaves out empty and fuzzy entries: they count as missing here.
    offenders = _text_offenders(CATALOG, {lang: translations(lang) for lang in languages})
    assert not offenders, f"{len(offenders)} catalogue key(s) to fix:\n" + "\n".join(offenders)


def test_the_text_check_lists_every_offending_key_at_once() -> None:
    source = {
        "a.fine": "Bonjour {name}",
        "b.no_english": "Bonjour",
        "c.placeholders": "{count} mesures",
        "d.no_text": "",
        "e.missing": "Au revoir",
    }
    english = {
        "a.fine": "Hello {name}",
        "b.no_english": " ",
        "c.placeholders": "{n} measures",
        "d.no_text": "",
    }
    assert _text_offenders(source, {"en": english}) == [
        "b.no_english: no text in en",
        "c.placeholders: placeholders fr ['count'] ≠ en ['n']",
        "d.no_text: no text in fr, en",
        "e.missing: no text in en",
    ]


def _code_files() -> list[Path]:
    """The code that shows text: the core, the pages, the entrypoint; not the catalogues."""
    files = [p for p in (ROOT / "monitoring").rglob("*.py") if "locales" not in p.parts]
    for pages in ("pages", "views"):  # the page modules, under either name
        files += sorted((ROOT / pages).rglob("*.py"))
    files += [ROOT / "dashboard.py"] if (ROOT / "dashboard.py").exists() else []
    return files


@cache
def _code_strings() -> tuple[frozenset[str], frozenset[str]]:
    """Every string constant of the code, and the prefixes of keys built with f-strings.

    Parsing (rather than grepping) means a key quoted in a comment or a docstring does not
    count as used, and the catalogues themselves are not scanned: a key only they name is
    unused, and this test fails.
    """
    constants: set[str] = set()
    prefixes: set[str] = set()
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docstrings:
                    constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                # f"code.{code}": a family of keys whose suffix comes from data.
                if (
                    isinstance(first, ast.Constant)
                    and str(first.value).endswith(".")
                    and len(node.values) == 2
                    and isinstance(node.values[1], ast.FormattedValue)
                ):
                    prefixes.add(str(first.value))
    return frozenset(constants), frozenset(prefixes)


def _is_used(key: str) -> bool:
    constants, prefixes = _code_strings()
    if key in constants:
        return True
    prefix, _, suffix = key.rpartition(".")
    # `issue.<key>` is built by `Issue.message` from the bare key given to `Issue(...)`,
    # `_add` or `_cell_issue`; other f-string families likewise from a value in the code
    # (`code.<code>` from the codes of `report.CODES`, `category.<code>` from the schema).
    return f"{prefix}." in prefixes and suffix in constants


def _unused(keys: list[str]) -> list[str]:
    """The keys no code uses, in order."""
    return [key for key in keys if not _is_used(key)]


def test_every_catalogue_key_is_used_somewhere_in_the_code() -> None:
    unused = _unused(sorted(CATALOG))
    assert not unused, (
        f"{len(unused)} key(s) in the catalogue that no code uses (remove them, or use them):\n"
        + "\n".join(unused)
    )


def test_the_usage_scan_would_catch_every_unused_key() -> None:
    constants, prefixes = _code_strings()
    assert "issue." in prefixes and "unknown_measure" in constants
    assert _unused(
        ["issue.no_such_message_anywhere", "issue.unknown_measure", "nowhere.at_all"]
    ) == [
        "issue.no_such_message_anywhere",
        "nowhere.at_all",
    ]


def _message_keys_in_calls(path: Path) -> set[str]:
    """The bare message keys given to `Issue(code, key)`, the validation checks'
    `problem(code, key)` and `cell_problem(table, col, j, i, key)`, and the converters'
    `bad.append((i, key, …))`."""
    positions = {"Issue": 1, "problem": 1, "cell_problem": 4}
    keys: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        arg: ast.expr | None = None
        if name in positions and len(node.args) > positions[name]:
            arg = node.args[positions[name]]
        elif name == "append" and node.args and isinstance(node.args[0], ast.Tuple):
            elts = node.args[0].elts
            arg = elts[1] if len(elts) == 3 else None
        branches = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
        keys |= {
            b.value for b in branches if isinstance(b, ast.Constant) and isinstance(b.value, str)
        }
    return keys


def test_every_message_key_given_to_an_issue_has_a_template() -> None:
    keys = set()
    for path in _code_files():
        keys |= _message_keys_in_calls(path)
    assert {"required", "merged", "retained_needs_measure", "too_long"} <= keys  # the scan works
    assert sorted(k for k in keys if f"issue.{k}" not in CATALOG) == []


def test_t_fills_placeholders_and_localised_parameters_in_each_language() -> None:
    names = Localised("Mesures", "Measures")
    assert t("issue.missing_sheet", "fr", expected=names, found="—") == (
        "feuille « Mesures » introuvable ; feuilles du fichier : —."
    )
    assert t("issue.missing_sheet", "en", expected=names, found="—") == (
        'sheet "Measures" not found; sheets in the file: —.'
    )
    assert t("issue.too_long", "fr", length=40000, limit=32767) == (
        f"le texte fait 40{NNBSP}000 caractères, au-delà de la limite de 32{NNBSP}767."
    )


@pytest.mark.parametrize(
    ("value", "lang", "long", "expected"),
    [
        (dt.date(2014, 5, 14), "fr", False, "14/05/2014"),
        (dt.date(2014, 5, 14), "en", False, "2014-05-14"),
        (dt.date(2014, 5, 1), "fr", True, "1er mai 2014"),
        (dt.date(2014, 5, 14), "fr", True, "14 mai 2014"),
        (dt.date(2014, 8, 2), "fr", True, "2 août 2014"),
        (dt.date(2014, 5, 1), "en", True, "1 May 2014"),
        (dt.datetime(2014, 12, 1, 13, 5), "fr", True, "1er décembre 2014"),
        (None, "fr", False, "—"),
    ],
)
def test_format_date_writes_dates_the_way_each_language_does(
    value: dt.date | None, lang: str, long: bool, expected: str
) -> None:
    assert format_date(value, lang, long=long) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1500, "fr", 0, f"1{NNBSP}500"),
        (1500, "en", 0, "1,500"),
        (1234567.891, "fr", 2, f"1{NNBSP}234{NNBSP}567,89"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (12.5, "fr", 1, "12,5"),
        (-3000, "fr", 0, f"-3{NNBSP}000"),
        (0, "fr", 0, "0"),
        (float("nan"), "fr", 0, "—"),
        (None, "en", 0, "—"),
    ],
)
def test_format_number_uses_a_narrow_no_break_space_and_a_decimal_comma_in_french(
    value: float | None, lang: str, decimals: int, expected: str
) -> None:
    assert format_number(value, lang, decimals=decimals) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ratio", "lang", "decimals", "expected"),
    [
        (0.25, "fr", 0, f"25{NNBSP}%"),
        (0.25, "en", 0, "25%"),
        (0.125, "fr", 1, f"12,5{NNBSP}%"),
        (0.125, "en", 1, "12.5%"),
        (1, "fr", 0, f"100{NNBSP}%"),
        (None, "fr", 0, "—"),
    ],
)
def test_format_percent_puts_a_narrow_no_break_space_before_the_sign_in_french(
    ratio: float | None, lang: str, decimals: int, expected: str
) -> None:
    assert format_percent(ratio, lang, decimals=decimals) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("size", "lang", "expected"),
    [
        (12, "fr", "12 octets"),
        (12, "en", "12 bytes"),
        (1, "fr", "1 octet"),
        (8090, "fr", f"7,9{NNBSP}ko"),
        (8090, "en", "7.9 kB"),
        (1536 * 1024, "fr", f"1,5{NNBSP}Mo"),
        (50 * 1024 * 1024, "fr", f"50{NNBSP}Mo"),
        (50 * 1024 * 1024, "en", "50 MB"),
        (200 * 1024 * 1024, "fr", f"200{NNBSP}Mo"),
        (2048 * 1024 * 1024, "fr", f"2{NNBSP}048{NNBSP}Mo"),
    ],
)
def test_format_size_writes_octets_in_french_and_bytes_in_english(
    size: int, lang: str, expected: str
) -> None:
    assert format_size(size, lang) == expected


def test_a_file_size_given_to_a_message_is_written_in_the_message_language() -> None:
    # "200 MB" in the French zip-bomb message was English inside the French interface.
    limit = FileSize(200 * 1024 * 1024)
    assert t("issue.unpacked_too_big", "fr", limit=limit).endswith(f"200{NNBSP}Mo.")
    assert "200 MB" in t("issue.unpacked_too_big", "en", limit=limit)


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (0, "fr", "0 jour"),
        (1, "fr", "1 jour"),
        (2, "fr", "2 jours"),
        (1801, "fr", f"1{NNBSP}801 jours"),
        (377.5, "fr", "378 jours"),
        (0, "en", "0 days"),
        (1, "en", "1 day"),
        (1801, "en", "1,801 days"),
    ],
)
def test_format_days_agrees_the_unit_with_the_count(count: float, lang: str, expected: str) -> None:
    assert format_days(count, lang) == expected


@pytest.mark.parametrize(
    ("count", "lang", "singular"),
    [(0, "fr", True), (1, "fr", True), (1.5, "fr", True), (2, "fr", False), (-1, "fr", True),
     (0, "en", False), (1, "en", True), (1.0, "en", True), (2, "en", False), (None, "fr", False)],
)  # fmt: skip
def test_plural_key_follows_each_language_plural_rule(
    count: float | None, lang: str, singular: bool
) -> None:
    assert plural_key("one", "many", count, lang) == ("one" if singular else "many")


def test_the_language_menu_names_each_language_in_itself() -> None:
    assert [language_name(lang) for lang in ("fr", "en", "de")] == [
        "Français",
        "English",
        "Deutsch",
    ]


def test_a_text_chooses_its_words_by_number_with_the_language_plural_rule(monkeypatch) -> None:
    """`{count:plural:one|many}`: French agrees 0 and 1 in the singular, English 1 only;
    the number itself is written the language's way; a form may hold the number."""
    from monitoring.text import i18n

    texts = {
        "x.errors": {
            "fr": "{count} {count:plural:erreur|erreurs} à corriger",
            "en": "{count} {count:plural:error|errors} to fix",
        },
        "x.see": {"fr": "Voir {count:plural:la mesure|les {count} mesures}", "en": "-"},
    }
    monkeypatch.setattr(i18n, "_template", lambda key, lang: texts[key][lang])
    fr = [i18n.t("x.errors", "fr", count=n) for n in (0, 1, 2, 1234)]
    assert fr == [
        "0 erreur à corriger", "1 erreur à corriger", "2 erreurs à corriger",
        "1\u202f234 erreurs à corriger",
    ]  # fmt: skip
    en = [i18n.t("x.errors", "en", count=n) for n in (0, 1, 2, 1234)]
    assert en == ["0 errors to fix", "1 error to fix", "2 errors to fix", "1,234 errors to fix"]
    assert i18n.t("x.see", "fr", count=1) == "Voir la mesure"
    assert i18n.t("x.see", "fr", count=61) == "Voir les 61 mesures"


def test_no_french_text_is_left_with_a_plural_in_brackets_where_a_count_decides() -> None:
    """Texts that count (`{count}` and its word) choose the word by number, never
    "erreur(s)"; those still in brackets are listed (they count nothing: "Fichier(s)")."""
    counted = [
        key for key, text in CATALOG.items() if re.search(r"\{(count|shown)\} \w+\(s\)", text)
    ]
    assert counted == [], counted
