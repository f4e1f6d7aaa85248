"""Where the app's texts live, and how each language's gettext catalogue is read.

French is the source: each part of the app has a module in `monitoring/text/locales/`
whose `MESSAGES` maps a stable key to its French text, written once, next to the comments
that explain it. Every other language is a standard gettext catalogue,
`monitoring/text/locales/<lang>/LC_MESSAGES/messages.po`, made from the template
`monitoring/text/locales/messages.pot` in which each text is an entry whose context
(`msgctxt`) is its key and whose `msgid` is its French text. Translators' tools (Poedit,
Weblate, Lokalize) therefore show the French source, and when the French of a key changes,
`python -m monitoring.devtools.catalogues update` marks its translation fuzzy.

Why the French stays in Python modules rather than in a `fr.po`: a French `.po` would
hold each text twice (as `msgid` and as `msgstr`), the source would live in a file that
code review reads less well, and the app would parse a catalogue to show its default
language. The template is generated from the modules, so it cannot drift from them
(`tests/unit/test_catalogues.py` fails when it is out of date).

A language is served when its catalogue is found under one of `SEARCH_PATH`'s directories;
nothing else names it (`tests/unit/test_catalogues.py` serves a German catalogue written in
a temporary directory). The shipped app offers the languages of `contract.schema.LANGS`.
A catalogue is read on first use, once per process (`translations`); an empty or fuzzy
entry, or one translated from an older French, is not used: the French text shows instead,
which the catalogue check reports before it can ship.
"""

from __future__ import annotations

import importlib
import io
import os
import pkgutil
from functools import cache
from pathlib import Path

from monitoring.text import locales

SOURCE_LANG = "fr"
DOMAIN = "messages"
LOCALE_DIR = Path(locales.__file__).resolve().parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# Directories searched for `<lang>/LC_MESSAGES/messages.po`, first match wins.
SEARCH_PATH: list[Path] = [LOCALE_DIR]


def source_modules() -> list[str]:
    """The names of the French source modules (one per part of the app), in name order."""
    return sorted(m.name for m in pkgutil.iter_modules(locales.__path__))


def source_parts() -> list[tuple[str, dict[str, str]]]:
    """Each source module's name and its `MESSAGES` (key: French text)."""
    return [
        (name, importlib.import_module(f"monitoring.text.locales.{name}").MESSAGES)
        for name in source_modules()
    ]


def merge(parts: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    """One dictionary of every key; a key defined in two modules, or still written as a
    (French, English) pair, is an error."""
    merged: dict[str, str] = {}
    for name, part in parts:
        pairs = sorted(key for key, value in part.items() if not isinstance(value, str))
        if pairs:  # a late addition in the old form, merged without converting it
            raise TypeError(
                f"monitoring/text/locales/{name}.py: {pairs} not French text: run "
                "`python -m monitoring.devtools.catalogues convert` (CONTRIBUTING.md)"
            )
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"translation keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


def catalogue_path(lang: str, root: Path = LOCALE_DIR) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def find_catalogue(lang: str) -> Path | None:
    """The catalogue of `lang` in the first directory of `SEARCH_PATH` that has one."""
    for root in SEARCH_PATH:
        path = catalogue_path(lang, root)
        if path.is_file():
            return path
    return None


def catalogue_languages(root: Path = LOCALE_DIR) -> list[str]:
    """The languages that have a catalogue under `root`, in name order."""
    return sorted(p.parents[1].name for p in root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@cache
def french() -> dict[str, str]:
    """Every key and its French text: the source every other language translates."""
    return merge(source_parts())


@cache
def translations(lang: str) -> dict[str, str]:
    """The texts of `lang` by key, for the keys its catalogue translates from the current
    French (an entry that is empty, fuzzy or made from an older French is left out).

    The catalogue is compiled to a `.mo` file (Babel) kept in a cache under the content
    hash of its `.po`, then read by the standard library's `gettext`; reading the `.po`
    itself with Babel takes about 40 ms, the cached `.mo` about 3 ms (see CONTRIBUTING.md).
    Where the cache cannot be written, the catalogue is compiled in memory each time.

    Raises LookupError when `lang` has no catalogue (the French source needs none).
    """
    import gettext  # these three only once a translated language is shown
    import hashlib

    path = find_catalogue(lang)
    if path is None:
        raise LookupError(f"no catalogue for language {lang!r} in {SEARCH_PATH}")
    source = path.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:20]
    cached = cache_dir() / f"{lang}-{digest}.mo"
    try:
        compiled = cached.read_bytes()
    except OSError:
        compiled = compile_catalogue(source)
        _store(cached, compiled)
    catalogue = gettext.GNUTranslations(io.BytesIO(compiled))
    out: dict[str, str] = {}
    for key, text in french().items():
        translated = catalogue.pgettext(key, text)
        if translated is not text:  # gettext hands back the French itself when it has none
            out[key] = translated
    return out


def compile_catalogue(po: bytes) -> bytes:
    """A `.po` file's bytes compiled to `.mo` (its finished entries: not empty, not fuzzy)."""
    from babel.messages.mofile import write_mo  # only when a catalogue changed
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(po)), use_fuzzy=False)
    return out.getvalue()


def cache_dir() -> Path:
    """Where compiled catalogues are kept: `$XDG_CACHE_HOME/plan-monitoring`, by default
    `~/.cache/plan-monitoring` (the user's own, so nobody else can plant a catalogue)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plan-monitoring" / "catalogues"


def _store(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically; a cache that cannot be written is no error."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as f:
            f.write(data)
        os.replace(f.name, path)
    except OSError:
        pass
