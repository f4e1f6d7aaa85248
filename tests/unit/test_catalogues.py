"""The gettext catalogues: the shipped ones are complete and current, the check catches each
kind of problem, updating follows keys, old pairs convert, and a language is served by
adding its catalogue alone."""

from __future__ import annotations

import ast
import datetime as dt
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from monitoring.contract.schema import LANGS
from monitoring.devtools import catalogues as tool
from monitoring.text import catalogues
from monitoring.text.i18n import format_date, format_days, format_number, format_percent, t

NNBSP = "\u202f"


def test_the_shipped_catalogues_have_no_problem() -> None:
    """`make test` fails on a stale template, a pair left in a module, or an English entry
    missing, unused, empty, fuzzy, from an older French or with other placeholders."""
    problems = tool.check()
    assert not problems, f"{len(problems)} catalogue problem(s):\n" + "\n".join(problems)


def test_the_shipped_app_offers_french_and_every_shipped_catalogue() -> None:
    assert catalogues.catalogue_languages() == ["en"]
    assert ("fr", *catalogues.catalogue_languages()) == LANGS


def test_a_text_left_in_the_old_pair_form_stops_the_app_saying_what_to_run() -> None:
    parts = [("ui", {"a.fine": "Bien"}), ("late", {"b.pair": ("Oui", "Yes")})]
    with pytest.raises(TypeError, match=r"late\.py: \['b\.pair'\].*catalogues convert"):
        catalogues.merge(parts)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="defined twice"):
        catalogues.merge([("ui", {"a.fine": "Bien"}), ("other", {"a.fine": "Bon"})])


def _module(root: Path, name: str, body: str) -> Path:
    path = root / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _po(root: Path, lang: str) -> dict[str, tuple[str, str, bool]]:
    """The catalogue of `lang` under `root`: key: (French, translation, fuzzy)."""
    with catalogues.catalogue_path(lang, root).open("rb") as f:
        return {str(m.context): (m.id, m.string, m.fuzzy) for m in read_po(f) if m.id}


SOURCE = """\
    MESSAGES: dict[str, str] = {
        # Shown on the first page.
        "a.hello": "Bonjour {name}",
        "b.bye": "Au revoir",
        "c.count": "{count} mesures",
        "d.same": "Au revoir !",
    }
"""


@pytest.fixture
def parts(tmp_path: Path) -> Path:
    """A source module and its German catalogue, complete."""
    _module(tmp_path, "part", SOURCE)
    tool.update(tmp_path)
    tool.init("de", tmp_path)
    path = catalogues.catalogue_path("de", tmp_path)
    text = path.read_text(encoding="utf-8")
    for french, german in [
        ("Bonjour {name}", "Hallo {name}"),
        ("Au revoir", "Auf Wiedersehen"),
        ("{count} mesures", "{count} Maßnahmen"),
        ("Au revoir !", "Tschüss!"),
    ]:
        text = text.replace(f'msgid "{french}"\nmsgstr ""', f'msgid "{french}"\nmsgstr "{german}"')
    path.write_text(text, encoding="utf-8")
    assert tool.check(tmp_path) == []
    return tmp_path


def test_the_template_keeps_the_key_the_french_and_the_note_for_translators(parts: Path) -> None:
    text = (parts / "messages.pot").read_text(encoding="utf-8")
    assert (
        "#. Shown on the first page.\n"
        f"#: {parts.as_posix()}/part.py\n"
        "#, python-brace-format\n"
        'msgctxt "a.hello"\n'
        'msgid "Bonjour {name}"\n'
    ) in text


def test_the_check_lists_every_kind_of_problem_at_once(parts: Path) -> None:
    _module(
        parts,
        "part",
        """\
        MESSAGES: dict[str, str] = {
            "a.hello": "Bonjour {name}",
            "b.bye": "Au revoir",
            "c.count": "{count} mesures",
            "d.same": "À bientôt !",
            "e.pair": ("Oui", "Yes"),
            "f.empty": " ",
            "g.braces": "un {",
        }
        """,
    )
    po = catalogues.catalogue_path("de", parts)
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Hallo {name}"', 'msgstr "Hallo {nom}"')
    text = text.replace('msgstr "Auf Wiedersehen"', 'msgstr ""')
    text = text.replace('msgctxt "c.count"', '#, fuzzy\nmsgctxt "c.count"')
    text += '\nmsgctxt "z.gone"\nmsgid "Parti"\nmsgstr "Weg"\n'
    text += '\n#~ msgctxt "y.old"\n#~ msgid "Vieux"\n#~ msgstr "Alt"\n'
    po.write_text(text, encoding="utf-8")
    shown = [p.replace(parts.as_posix(), "…") for p in tool.check(parts)]
    assert shown == [
        "…/part.py: e.pair: still a (French, English) pair: run "
        "`python -m monitoring.devtools.catalogues convert`",
        "…/part.py: f.empty: no French text",
        "…/part.py: g.braces: unbalanced braces in the French text",
        "…/messages.pot: out of date: run `python -m monitoring.devtools.catalogues update`",
        "…/de/LC_MESSAGES/messages.po: y.old: obsolete entry (#~): remove it",
        "…/de/LC_MESSAGES/messages.po: z.gone: not in the template (unused): remove it",
        "…/de/LC_MESSAGES/messages.po: a.hello: placeholders de ['nom'] ≠ fr ['name']",
        "…/de/LC_MESSAGES/messages.po: b.bye: not translated",
        "…/de/LC_MESSAGES/messages.po: c.count: fuzzy: check the translation, then unmark it",
        "…/de/LC_MESSAGES/messages.po: d.same: translated from an older French: run update",
        "…/de/LC_MESSAGES/messages.po: e.pair: missing",
        "…/de/LC_MESSAGES/messages.po: f.empty: missing",
        "…/de/LC_MESSAGES/messages.po: g.braces: missing",
    ]


def test_update_follows_keys_and_marks_a_changed_french_text_fuzzy(parts: Path) -> None:
    _module(
        parts,
        "part",
        """\
        MESSAGES: dict[str, str] = {
            "a.hello": "Bonjour {name}",
            "c.count": "{count} mesures",
            "d.same": "Au revoir",
            "e.new": "Nouveau",
        }
        """,
    )
    tool.update(parts)
    after = _po(parts, "de")
    assert after == {
        "a.hello": ("Bonjour {name}", "Hallo {name}", False),
        "c.count": ("{count} mesures", "{count} Maßnahmen", False),
        # Its French is now b.bye's old French: Babel's update would offer b.bye's
        # translation; by key, d.same keeps its own, marked for review.
        "d.same": ("Au revoir", "Tschüss!", True),
        "e.new": ("Nouveau", "", False),
    }
    text = catalogues.catalogue_path("de", parts).read_text(encoding="utf-8")
    assert '#| msgid "Au revoir !"\nmsgctxt "d.same"' in text  # tools show what changed
    problems = [p.split(": ", 1)[1] for p in tool.check(parts)]
    assert problems == [
        "d.same: fuzzy: check the translation, then unmark it",
        "e.new: not translated",
    ]


def test_convert_moves_old_pairs_and_can_run_again(tmp_path: Path) -> None:
    _module(
        tmp_path,
        "part",
        '''\
        """Texts of a part."""

        MESSAGES: dict[str, tuple[str, str]] = {
            # A note.
            "a.hello": ("Bonjour {name}", "Hello {name}"),
            "b.long": (
                "Une phrase française assez longue pour tenir sur deux lignes du module "
                "quand elle est écrite.",
                "An English sentence.",
            ),
        }
        MESSAGES |= {"c.more": ("Encore une ligne de texte qui est longue, longue, longue, très", "More")}
        ''',  # noqa: E501 (the last line is too long on purpose: convert wraps it)
    )
    assert tool.convert(tmp_path) == ["a.hello", "b.long", "c.more"]
    source = (tmp_path / "part.py").read_text(encoding="utf-8")
    assert "dict[str, str]" in source and "# A note." in source
    assert all(len(line) <= 100 for line in source.splitlines())
    namespace: dict = {}
    exec(compile(ast.parse(source), "part.py", "exec"), namespace)
    assert namespace["MESSAGES"] == {
        "a.hello": "Bonjour {name}",
        "b.long": "Une phrase française assez longue pour tenir sur deux lignes du module "
        "quand elle est écrite.",
        "c.more": "Encore une ligne de texte qui est longue, longue, longue, très",
    }
    english = {key: text for key, (_, text, _) in _po(tmp_path, "en").items()}
    assert english == {
        "a.hello": "Hello {name}",
        "b.long": "An English sentence.",
        "c.more": "More",
    }
    # A late addition in the old form, next to converted entries.
    source = source.replace('"a.hello"', '"a.late": ("Tard", "Late"),\n    "a.hello"', 1)
    (tmp_path / "part.py").write_text(source, encoding="utf-8")
    assert tool.convert(tmp_path) == ["a.late"]
    assert _po(tmp_path, "en")["a.late"] == ("Tard", "Late", False)
    assert _po(tmp_path, "en")["a.hello"] == ("Bonjour {name}", "Hello {name}", False)
    assert tool.check(tmp_path) == []


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A German catalogue of the app's texts in a directory of its own, made as a
    translator would from the shipped template alone: one entry translated so far, and one
    whose translation is still marked fuzzy."""
    path = catalogues.catalogue_path("de", tmp_path)
    path.parent.mkdir(parents=True)
    template = catalogues.TEMPLATE.read_text(encoding="utf-8")
    entry = 'msgctxt "place.row"\nmsgid "ligne {row}"\nmsgstr ""'
    assert entry in template
    fuzzy = 'msgctxt "place.sheet"\nmsgid "feuille « {name} »"\nmsgstr ""'
    assert fuzzy in template
    text = template.replace(entry, entry[:-2] + '"Zeile {row}"')
    text = text.replace(fuzzy, "#, fuzzy\n" + fuzzy[:-2] + '"Blatt „{name}“"')
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(catalogues, "SEARCH_PATH", [*catalogues.SEARCH_PATH, tmp_path])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalogues.translations.cache_clear()
    yield
    catalogues.translations.cache_clear()


def test_a_language_is_served_by_adding_its_catalogue(german: None) -> None:
    assert t("place.row", "de", row=12345) == "Zeile 12.345"
    assert t("place.row", "en", row=12345) == "row 12,345"  # the shipped ones still served
    # An entry not yet translated, or fuzzy, shows the French (the check lists both).
    assert t("place.column", "de", letter="B") == "colonne B"
    assert t("place.sheet", "de", name="Mesures") == "feuille « Mesures »"
    assert format_number(1234567.891, "de", decimals=2) == "1.234.567,89"
    assert format_percent(0.125, "de", decimals=1) == "12,5\xa0%"
    assert format_date(dt.date(2014, 5, 14), "de") == "14.05.14"
    assert format_date(dt.date(2014, 5, 1), "de", long=True) == "1. Mai 2014"
    assert format_days(1, "de") == "1 Tag" and format_days(3, "de") == "3 Tage"
    assert t("place.row", "fr", row=2) == "ligne 2"


def test_a_language_without_a_catalogue_is_refused() -> None:
    with pytest.raises(LookupError):
        t("place.row", "de", row=1)


def test_a_catalogue_is_compiled_once_and_recompiled_when_it_changes(
    german: None, tmp_path: Path
) -> None:
    assert t("place.row", "de", row=1) == "Zeile 1"
    compiled = sorted((tmp_path / "cache" / "plan-monitoring" / "catalogues").glob("de-*.mo"))
    assert len(compiled) == 1
    path = catalogues.catalogue_path("de", tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("Zeile", "Reihe"), encoding="utf-8")
    catalogues.translations.cache_clear()  # a new process
    assert t("place.row", "de", row=1) == "Reihe 1"
    assert len(list(compiled[0].parent.glob("de-*.mo"))) == 2


def test_a_cache_that_cannot_be_written_still_serves_the_catalogue(
    german: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert t("place.row", "de", row=1) == "Zeile 1"
