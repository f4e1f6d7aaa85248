"""The datasets the project ships, declared once: every consumer reads `DATASETS`.

The store seeds itself with them (`importing.ensure_seeded`), the sidebar offers them
first under their names, the banner and the dossier's cover say whether their figures
are sourced or fictional, and the Method page shows their note on sources. Their files
live in `Settings.data_dir` (`PLAN_MONITORING_DATA_DIR`, by default the repository's
`data/`). A dataset a coalition creates is none of these: it is shown under its key and
vouched for by nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monitoring.config.settings import DATA_DIR, ROOT
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t


@dataclass(frozen=True)
class ShippedDataset:
    """One shipped dataset.

    Attributes:
        key: the dataset's key in the store, the URL and the command line (`france`).
        file: its workbook, relative to the data directory (`france.xlsx`).
        label_key: the catalogue key of its display name.
        fictional: True for invented data: the banner warns, the dossier's cover says so.
        banner_key: the catalogue key of the banner above every page (and, for sourced
            data, the note on the dossier's cover).
        sources_key: the catalogue key of its paragraph under « Sources » on the Method page.
        sources_note: the project's reviewed note on its sources, relative to the data
            directory, shown on the Method page; None when it has none.
    """

    key: str
    file: str
    label_key: str
    fictional: bool
    banner_key: str
    sources_key: str
    sources_note: str | None = None

    def path(self, data_dir: Path = DATA_DIR) -> Path:
        """Its workbook in `data_dir`."""
        return data_dir / self.file

    def label(self, lang: Lang) -> str:
        """Its display name in `lang`."""
        return t(self.label_key, lang)

    def seed_name(self, data_dir: Path = DATA_DIR) -> str:
        """Its workbook as the seed version's note names it: `data/france.xlsx` for the
        repository's own data directory, the full path for any other."""
        path = self.path(data_dir).resolve()
        return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


# Literal keys (not built with f-strings) so a search for a key finds where it is used.
DATASETS: tuple[ShippedDataset, ...] = (
    ShippedDataset(
        key="france",
        file="france.xlsx",
        label_key="app.dataset.france",
        fictional=False,
        banner_key="app.france_banner",
        sources_key="method.sources.france",
        sources_note="france/SOURCES.md",
    ),
    ShippedDataset(
        key="demo",
        file="demo.xlsx",
        label_key="app.dataset.demo",
        fictional=True,
        banner_key="app.demo_banner",
        sources_key="method.sources.demo",
    ),
)
BY_KEY: dict[str, ShippedDataset] = {d.key: d for d in DATASETS}
DEFAULT_KEY = DATASETS[0].key  # what the app and the command line show when none is named


def find(key: str | None) -> ShippedDataset | None:
    """The shipped dataset of that key, None for a coalition's own (or no key)."""
    return BY_KEY.get(key) if key is not None else None


def dataset_label(key: str, lang: Lang) -> str:
    """The name shown for a dataset: the shipped ones are named, others show their key."""
    found = find(key)
    return found.label(lang) if found is not None else key


def ordered(keys: list[str]) -> list[str]:
    """`keys` with the shipped datasets first, in their declared order, then the others."""
    return [d.key for d in DATASETS if d.key in keys] + [k for k in keys if k not in BY_KEY]


def sources_note(key: str, data_dir: Path = DATA_DIR) -> str | None:
    """The project's own reviewed note on a shipped dataset's sources, if it has one."""
    found = find(key)
    if found is None or found.sources_note is None:
        return None
    path = data_dir / found.sources_note
    return path.read_text(encoding="utf-8") if path.exists() else None
