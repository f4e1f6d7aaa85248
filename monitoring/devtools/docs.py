"""Writes the workbook format pages into `docs/`, and checks them in `make test`.

`python -m monitoring.devtools.docs` writes `docs/workbook-format.fr.md` and
`docs/workbook-format.en.md` from `monitoring.present.contract_docs.format_page`;
`--check` fails when they are stale, or when the README's settings table misses an
environment variable the code names (`undocumented_settings`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from monitoring.config.settings import ROOT
from monitoring.contract.schema import LANGS, Lang
from monitoring.present.contract_docs import format_page
from monitoring.text.i18n import t

DOCS_DIR = ROOT / "docs"
README = ROOT / "README.md"
# An environment variable of the app, as the code and the README's settings table name it.
_SETTING = re.compile(r"PLAN_MONITORING_[A-Z0-9_]*[A-Z0-9]")


def page_path(lang: Lang, directory: Path = DOCS_DIR) -> Path:
    """Return where the page in `lang` is kept (`docs/workbook-format.<lang>.md`)."""
    return directory / f"workbook-format.{lang}.md"


def stale_pages(directory: Path = DOCS_DIR) -> list[Path]:
    """Return the generated pages that are missing or differ from `format_page`."""
    stale = []
    for lang in LANGS:
        path = page_path(lang, directory)
        if not path.is_file() or path.read_text(encoding="utf-8") != format_page(lang):
            stale.append(path)
    return stale


def write_pages(directory: Path = DOCS_DIR) -> list[Path]:
    """Write the page in every language into `directory` and return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGS:
        path = page_path(lang, directory)
        # newline="\n": the committed files must not depend on the platform that wrote them.
        path.write_text(format_page(lang), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def undocumented_settings(readme: Path = README) -> list[str]:
    """The environment variables `monitoring/` names that the README's settings table
    (its rows starting with a variable) does not list.

    Args:
        readme: the README to read.

    Returns:
        The variables missing from the table, sorted.
    """
    package = Path(__file__).resolve().parents[1]  # monitoring/
    named = {
        name for path in package.rglob("*.py")
        for name in _SETTING.findall(path.read_text(encoding="utf-8"))
    }  # fmt: skip
    rows = readme.read_text(encoding="utf-8").splitlines() if readme.is_file() else []
    listed = {
        name for row in rows if row.startswith("| `PLAN_MONITORING_")
        for name in _SETTING.findall(row.split("|")[1])
    }  # fmt: skip
    return sorted(named - listed)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the format pages, or with `--check` report the stale ones and any setting
    the README does not document.

    Args:
        argv: command-line arguments (default: `sys.argv[1:]`).

    Returns:
        The exit status: 0, or 1 when `--check` finds a stale page or an undocumented
        setting.
    """
    parser = argparse.ArgumentParser(prog="python -m monitoring.devtools.docs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a page is stale")
    parser.add_argument("--dir", type=Path, default=DOCS_DIR, help="docs directory")
    parser.add_argument("--readme", type=Path, default=README, help="README with the settings")
    parser.add_argument("--lang", choices=LANGS, default="fr", help="language of messages")
    args = parser.parse_args(argv)
    lang: Lang = args.lang
    if args.check:
        stale = stale_pages(args.dir)
        for path in stale:
            sys.stderr.write(t("docs.stale", lang, path=str(path)) + "\n")
        undocumented = undocumented_settings(args.readme)
        for name in undocumented:
            sys.stderr.write(
                t("docs.undocumented_setting", lang, name=name, path=str(args.readme)) + "\n"
            )
        return 1 if stale or undocumented else 0
    for path in write_pages(args.dir):
        sys.stdout.write(t("docs.written", lang, path=str(path)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
