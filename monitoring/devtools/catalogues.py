"""The translation catalogues: extract the template, update each language, check them.

    python -m monitoring.devtools.catalogues update      # after changing a French text
    python -m monitoring.devtools.catalogues check       # what `make test` checks
    python -m monitoring.devtools.catalogues init de     # start a new language
    python -m monitoring.devtools.catalogues convert     # old (French, English) pairs

French is the source (`monitoring/text/catalogues.py` says why it stays in the modules of
`monitoring/text/locales/`). `extract` writes the template `messages.pot` from those
modules: one entry per key, the key as `msgctxt`, the French as `msgid`, the comments above
the key as notes for translators, and the flag `python-brace-format` when the text takes
`{placeholders}`. `update` extracts, then brings every `<lang>/LC_MESSAGES/messages.po` in
line with the template by key: a new key gets an empty entry, a removed key is dropped, and
a key whose French changed keeps its translation marked fuzzy with the former French as
`#| msgid` (translators' tools show the difference). Babel's own `update` matches entries by
French text rather than by key, so it could offer another key's translation; this one
never does.

`check` lists every problem at once and exits 1 if there is one: a template out of date, a
text still in the old `(French, English)` form, an empty French text, and in each
catalogue a key missing, unused (not in the template), empty, fuzzy, translated from an
older French, or with other placeholders than the French. `tests/unit/test_catalogues.py`
runs it in `make test`.

`convert` turns `"key": ("French", "English")` entries, the form of the modules before the
catalogues, into `"key": "French"` and puts the English into the English catalogue; it
leaves French-only entries alone, so it can be run again on late additions in the old form.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import string
import sys
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from monitoring.text.catalogues import (
    DOMAIN,
    LOCALE_DIR,
    SOURCE_LANG,
    catalogue_languages,
    catalogue_path,
)

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "plan-monitoring"
BRACE_FLAG = "python-brace-format"
WIDTH = 88
LINE = 100  # ruff's line length
HEADER = """\
# French source texts of the plan-monitoring dashboard (the key of each text is its msgctxt).
# Generated from monitoring/text/locales/*.py by
# `python -m monitoring.devtools.catalogues update`: do not edit by hand."""
_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


# --- Reading the French source -----------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One text of a source module: its key, its French text (or the old pair), the line of
    its key, the comments above it (notes for translators) and its value's syntax node."""

    key: str
    value: object
    line: int
    notes: list[str]
    node: ast.expr


def source_files(root: Path = LOCALE_DIR) -> list[Path]:
    return sorted(p for p in root.glob("*.py") if p.name != "__init__.py")


def _message_dicts(tree: ast.Module) -> list[ast.Dict]:
    """The dictionaries assigned to `MESSAGES` (`=`, annotated, or `|=`), in order."""
    found = []
    for node in tree.body:
        target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and target.id == "MESSAGES" and isinstance(value, ast.Dict):
            found.append(value)
    return found


def read_entries(path: Path) -> list[Entry]:
    """The entries of a source module, with the comments written above each key."""
    text = path.read_text(encoding="utf-8")
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    entries: list[Entry] = []
    for mapping in _message_dicts(ast.parse(text)):
        previous_end = mapping.lineno
        for key_node, value_node in zip(mapping.keys, mapping.values, strict=True):
            if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
                raise ValueError(f"{path}:{value_node.lineno}: a key must be a string")
            line = key_node.lineno
            notes = [comments[n] for n in range(previous_end, line) if n in comments]
            value = ast.literal_eval(value_node)
            entries.append(Entry(key_node.value, value, line, notes, value_node))
            previous_end = (value_node.end_lineno or line) + 1
    return entries


def source_problems(files: Iterable[Path]) -> list[str]:
    """Texts in the old pair form, empty French texts, keys defined twice, bad braces."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in files:
        where = _shown(path)
        for entry in read_entries(path):
            if entry.key in seen:
                problems.append(f"{where}: {entry.key}: already defined in {seen[entry.key]}")
            seen[entry.key] = where
            if isinstance(entry.value, tuple):
                problems.append(
                    f"{where}: {entry.key}: still a (French, English) pair: run "
                    "`python -m monitoring.devtools.catalogues convert`"
                )
            elif not isinstance(entry.value, str) or not entry.value.strip():
                problems.append(f"{where}: {entry.key}: no French text")
            elif placeholders(entry.value) is None:
                problems.append(f"{where}: {entry.key}: unbalanced braces in the French text")
    return problems


def placeholders(text: str) -> set[str] | None:
    """The `{names}` a text takes (None if its braces do not parse)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


# --- The template ------------------------------------------------------------------------


def template(files: Iterable[Path]) -> Catalog:
    """The template of the French texts of `files` (entries still in the pair form count
    by their French, so that `convert` can fill the catalogues from it)."""
    catalogue = Catalog(project=PROJECT, domain=DOMAIN, header_comment=HEADER, charset="utf-8")
    for path in files:
        for entry in read_entries(path):
            french = entry.value[0] if isinstance(entry.value, tuple) else entry.value
            if not isinstance(french, str) or not french:
                continue
            flags = [BRACE_FLAG] if placeholders(french) else []
            catalogue.add(
                french,
                context=entry.key,
                locations=[(_shown(path), entry.line)],
                auto_comments=entry.notes,
                flags=flags,
            )
    return catalogue


def render(catalogue: Catalog) -> str:
    out = io.BytesIO()
    write_po(
        out,
        catalogue,
        width=WIDTH,
        sort_output=False,
        ignore_obsolete=False,
        include_previous=True,
        include_lineno=False,
    )
    return out.getvalue().decode("utf-8")


def _same(a: str, b: str) -> bool:
    """Two renderings alike but for their creation and revision dates."""
    return _DATES.sub("", a) == _DATES.sub("", b)


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and _same(path.read_text(encoding="utf-8"), text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def extract(root: Path = LOCALE_DIR) -> bool:
    """Write the template of `root`'s source modules; True if it changed."""
    return _write_if_changed(root / f"{DOMAIN}.pot", render(template(source_files(root))))


# --- The catalogues ----------------------------------------------------------------------


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang, abort_invalid=True)


def updated(template_: Catalog, old: Catalog) -> Catalog:
    """`old` brought in line with `template_` by key (see the module's docstring)."""
    by_key = {str(m.context): m for m in old if m.id and m.context}
    new = Catalog(
        locale=old.locale,
        domain=DOMAIN,
        header_comment=old.header_comment,
        project=PROJECT,
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        last_translator=old.last_translator,
        language_team=old.language_team,
        charset="utf-8",
        fuzzy=False,
    )
    for message in template_:
        if not message.id:
            continue
        before = by_key.get(str(message.context))
        flags = set(message.flags)
        translated = before.string if before is not None and before.string else ""
        previous_id: list[str] = []
        if before is not None and translated:
            if before.id != message.id:
                flags.add("fuzzy")
                previous_id = [str(before.id)]
            elif before.fuzzy:
                flags.add("fuzzy")
                previous_id = list(before.previous_id)
        new.add(
            message.id,
            translated,
            context=message.context,
            locations=message.locations,
            auto_comments=message.auto_comments,
            user_comments=before.user_comments if before is not None else [],
            flags=flags,
            previous_id=previous_id,
        )
    return new


def update(root: Path = LOCALE_DIR) -> list[Path]:
    """Extract the template, then update every catalogue of `root`; the files changed."""
    changed = [root / f"{DOMAIN}.pot"] if extract(root) else []
    fresh = _read(root / f"{DOMAIN}.pot")
    for lang in catalogue_languages(root):
        path = catalogue_path(lang, root)
        if _write_if_changed(path, render(updated(fresh, _read(path, lang)))):
            changed.append(path)
    return changed


def init(lang: str, root: Path = LOCALE_DIR) -> Path:
    """A new, empty catalogue for `lang` (a Babel locale code: `de`, `pt_BR`)."""
    path = catalogue_path(lang, root)
    if path.exists() or lang == SOURCE_LANG:
        raise FileExistsError(f"{path} exists, or {lang} is the source language")
    empty = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, charset="utf-8", fuzzy=False)
    name = empty.locale.english_name if empty.locale else lang
    empty.header_comment = f"# The plan-monitoring dashboard's texts in {name}."
    _write_if_changed(path, render(updated(template(source_files(root)), empty)))
    return path


def catalogue_problems(template_: Catalog, path: Path, lang: str) -> list[str]:
    """Every problem of one catalogue against the template, one line each."""
    where = _shown(path)
    problems: list[str] = []
    catalogue = _read(path, lang)
    by_key: dict[str, Message] = {}
    for message in catalogue:
        if not message.id:
            continue
        if not message.context:
            problems.append(f"{where}: entry without a key (msgctxt): {message.id!r}")
        else:
            by_key[str(message.context)] = message
    for message in catalogue.obsolete.values():
        problems.append(f"{where}: {message.context}: obsolete entry (#~): remove it")
    expected = {str(m.context): m for m in template_ if m.id}
    for key in sorted(by_key.keys() - expected.keys()):
        problems.append(f"{where}: {key}: not in the template (unused): remove it")
    for key, source in expected.items():
        found = by_key.get(key)
        if found is None:
            problems.append(f"{where}: {key}: missing")
            continue
        message = found
        text = message.string if isinstance(message.string, str) else ""
        if not text.strip():
            problems.append(f"{where}: {key}: not translated")
        elif message.fuzzy:
            problems.append(f"{where}: {key}: fuzzy: check the translation, then unmark it")
        elif message.id != source.id:
            problems.append(f"{where}: {key}: translated from an older French: run update")
        elif (theirs := placeholders(text)) != (ours := placeholders(str(source.id))):
            shown = sorted(theirs) if theirs is not None else "unbalanced braces"
            problems.append(
                f"{where}: {key}: placeholders {lang} {shown} ≠ {SOURCE_LANG} {sorted(ours or ())}"
            )
    return problems


def check(root: Path = LOCALE_DIR) -> list[str]:
    """Every problem of the source, the template and the catalogues of `root`."""
    files = source_files(root)
    problems = source_problems(files)
    fresh = template(files)
    path = root / f"{DOMAIN}.pot"
    if not path.is_file() or not _same(path.read_text(encoding="utf-8"), render(fresh)):
        problems.append(
            f"{_shown(path)}: out of date: run `python -m monitoring.devtools.catalogues update`"
        )
    for lang in catalogue_languages(root):
        problems += catalogue_problems(fresh, catalogue_path(lang, root), lang)
    return problems


# --- From (French, English) pairs --------------------------------------------------------


def convert(root: Path = LOCALE_DIR, into: str = "en") -> list[str]:
    """Rewrite pair entries of the source modules as French only, their second text going
    into the `into` catalogue (created if need be); then update. Returns the keys moved."""
    pairs: dict[str, str] = {}
    for path in source_files(root):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        edits: list[tuple[int, int, str]] = []
        for entry in read_entries(path):
            if not isinstance(entry.value, tuple):
                continue
            node = entry.node
            assert isinstance(node, ast.Tuple) and len(node.elts) == 2, entry.key
            french, english = node.elts
            pairs[entry.key] = ast.literal_eval(english)
            segment = ast.get_source_segment(text, french, padded=False) or ""
            if "\n" in segment:
                segment = f"(\n{segment}\n)"
            elif len(f'    "{entry.key}": {segment},') > LINE:
                segment = _wrapped(ast.literal_eval(segment))
            start = _offset(lines, offsets, node.lineno, node.col_offset)
            end = _offset(lines, offsets, node.end_lineno or node.lineno, node.end_col_offset or 0)
            edits.append((start, end, segment))
        for start, end, segment in sorted(edits, reverse=True):
            text = text[:start] + segment + text[end:]
        text = text.replace("dict[str, tuple[str, str]]", "dict[str, str]")
        if edits:
            path.write_text(text, encoding="utf-8")
    target = catalogue_path(into, root)
    if not target.is_file():
        init(into, root)
    update(root)
    catalogue = _read(target, into)
    for message in catalogue:
        if message.id and message.context in pairs:
            message.string = pairs[str(message.context)]
            message.flags.discard("fuzzy")
            message.previous_id = []
    _write_if_changed(target, render(catalogue))
    return sorted(pairs)


def _wrapped(text: str) -> str:
    """A long text as parenthesised string literals of at most `LINE` characters."""
    chunks, line = [], ""
    for word in re.findall(r"\S+\s*", text):
        if line and len(repr(line + word)) > LINE - 8:
            chunks.append(line)
            line = ""
        line += word
    chunks.append(line)
    return "(\n" + "\n".join(repr(chunk) for chunk in chunks) + "\n)"


def _offset(lines: list[str], offsets: list[int], line: int, column: int) -> int:
    """The position in the text of an AST position (whose column counts UTF-8 bytes)."""
    return offsets[line - 1] + len(lines[line - 1].encode("utf-8")[:column].decode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitoring.devtools.catalogues")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write the template messages.pot from the French source")
    sub.add_parser("update", help="extract, then update every language's messages.po")
    sub.add_parser("check", help="list every problem; exit 1 if there is one")
    new = sub.add_parser("init", help="start the catalogue of a new language")
    new.add_argument("lang", help="a locale code, as Babel knows it: de, es, pt_BR")
    sub.add_parser("convert", help="(French, English) pairs to French + the English catalogue")
    args = parser.parse_args(argv)
    out: list[str] = []
    if args.command == "extract":
        out.append("template updated" if extract() else "template already up to date")
    elif args.command == "update":
        out += [f"updated {_shown(path)}" for path in update()]
    elif args.command == "init":
        out.append(f"created {_shown(init(args.lang))}: translate it, then run check")
    elif args.command == "convert":
        out.append(f"{len(convert())} text(s) moved to the English catalogue")
        out.append("now run `ruff format monitoring/text/locales` to tidy the modules")
    sys.stdout.write("".join(line + "\n" for line in out))
    problems = check() if args.command in ("check", "convert", "update") else []
    sys.stderr.write("".join(problem + "\n" for problem in problems))
    if problems:
        sys.stderr.write(f"{len(problems)} catalogue problem(s)\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
