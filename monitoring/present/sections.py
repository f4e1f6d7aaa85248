"""What a page declaration is made of: a `Selection`, charts and tables, their column specs.

A page (`monitoring.present.pages`) is a list of sections; each section names a chart or a table
and the pure function that builds it from a `Selection` (the data, the as-of date, the
language, the voice, the plans covered and the page's own choices). The view draws the
sections, the dossier prints them, the browser walk and the bench visit the pages: all of
them read the same declaration.

A table's columns are declared once (`Column`: a stable id, a label key and a kind); the
frame a builder returns keeps its ids, and presentation labels it: `labelled` for the
dossier's workbook, the view's `column_config` for the app.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

import pandas as pd

from monitoring.analysis import gaps
from monitoring.analysis.filters import Filters, apply_filters
from monitoring.analysis.metrics import plan_summaries
from monitoring.contract.dataset import Dataset
from monitoring.contract.schema import Lang
from monitoring.present.charts.base import Drawing, NoChart
from monitoring.text.i18n import format_number, t

# How a column is shown: its cells' type in the app (the workbook keeps the values).
#   auto (as the data is), text, number and integer (no decimals) (both written the
#   language's way by `number_formats`: `2 897`, `377,5`), date, link (a web address
#   shown by its site's name), url (a web address shown whole), source (url when every
#   filled cell is a web address, text otherwise), progress (a percentage 0–100 as a bar).
Kind = Literal["auto", "text", "number", "integer", "date", "link", "url", "source", "progress"]


@dataclass(frozen=True)
class Selection:
    """What a page or the dossier shows: the data, the date, whose statuses, the language.

    Attributes:
        ds: the whole dataset (the plans not covered are filtered out by `view`).
        as_of: the date statuses and delays are computed at.
        lang: the language of every label.
        voice: `"all"` or a voice code.
        plans: the plan ids covered; empty means every plan.
        filtered: the part of `ds` already selected (the app's sidebar filters); None
            to select `plans` from `ds`.
        choices: a page's own choices (the Adoption gaps page's authors, the Timeline
            page's period); a section reads them with `choice`, the dossier gives none.
    """

    ds: Dataset
    as_of: dt.date
    lang: Lang = "fr"
    voice: str = "all"
    plans: tuple[str, ...] = ()
    filtered: Dataset | None = field(default=None, compare=False, repr=False)
    choices: Mapping[str, Any] = field(default_factory=dict, compare=False)
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def view(self) -> Dataset:
        """The dataset narrowed to the plans covered, as the sidebar's plan filter does."""
        if self.filtered is not None:
            return self.filtered
        return self.memo("view", lambda: apply_filters(self.ds, Filters(plans=self.plans)))

    def choice(self, name: str, default: Any) -> Any:
        """A page's own choice (`default` in the dossier, which asks for none)."""
        return self.choices.get(name, default)

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """`build()` computed once per selection and choices (sections share figures)."""
        keyed = (key, repr(sorted(self.choices.items())))
        if keyed not in self._cache:
            self._cache[keyed] = build()
        return self._cache[keyed]

    def choosing(self, **choices: Any) -> Selection:
        """The same selection with other page choices; it shares the memo (keyed by them)."""
        return replace(self, choices={**self.choices, **choices}, _cache=self._cache)

    def summaries(self) -> list[dict[str, Any]]:
        """`metrics.plan_summaries` of the plans covered."""
        if self.view.plans.empty:  # nothing to summarise (and plan_timeline needs a plan)
            return []
        result: list[dict[str, Any]] = self.memo(
            "summaries", lambda: plan_summaries(self.view, self.as_of, voice=self.voice)
        )
        return result

    def plan_ids(self) -> list[str]:
        """The plans covered, in period order."""
        return [s["plan_id"] for s in self.summaries()]

    @property
    def known(self) -> Dataset:
        """The view with only the retention known at the as-of date (`gaps.known_at`): a
        plan not adopted yet has none. The Adoption gaps page's figures read it."""
        return self.memo("known", lambda: gaps.known_at(self.view, self.as_of))

    def documented(self) -> bool:
        """Whether any retention (prise en compte) is known for the plans covered."""
        authors = tuple(self.choice("authors", ()))
        return bool(self.memo("documented", lambda: gaps.is_documented(self.known, authors)))


@dataclass(frozen=True)
class Column:
    """One column of a table: its id in the frame, its label, how it is shown.

    Attributes:
        id: the column's name in the frame the builder returns.
        label: a locale key, or a function of the language (a sheet's own name).
        kind: how the app shows its cells (see `Kind`).
        width: the app's column width (`"large"`, or pixels), when not the default.
        app_only: shown in the app, left out of the dossier's sheet.
        hidden: kept in the frame, never shown (an id the page needs).
        in_files_only: in the table's files and the dossier, not drawn in the app (a wide
            table keeps on screen what matters; a caption names the others).
        when: shown only when this holds for the selection (the custom scale's columns).
        values: how its cells read in the selection's language, from the frame (a status
            code → its label); None: as they are. A column the frame lacks can be made
            this way from others (`assessed_by` from `assessor` and `voice`).
    """

    id: str
    label: str | Callable[[Lang], str] | None  # None: a hidden column
    kind: Kind = "text"
    width: str | int | None = None
    app_only: bool = False
    hidden: bool = False
    in_files_only: bool = False
    when: Callable[[Selection], bool] | None = None
    values: Callable[[pd.DataFrame, Selection], pd.Series] | None = None

    def text(self, lang: Lang) -> str:
        """The label in `lang`."""
        if self.label is None:
            return self.id
        return self.label(lang) if callable(self.label) else t(self.label, lang)

    def shown(self, sel: Selection) -> bool:
        """Whether the column is shown for this selection (in the app or the dossier)."""
        return not self.hidden and (self.when is None or self.when(sel))


Columns = tuple[Column, ...] | Callable[[pd.DataFrame, Selection], tuple[Column, ...]]


@dataclass(frozen=True)
class ChartSection:
    """A chart of a page.

    Attributes:
        name: its short name in file names and locale keys (`status-by-plan`).
        build: the figure for a selection, or None when it does not apply to the data
            (no letter, no overdue measure): the page then says `empty`, the dossier
            leaves it out.
        caption: what the page writes under the chart (a function of the selection).
        empty: the locale key of the page's sentence when `build` gives None.
        title: the locale key of the dossier's title when the chart has nothing to draw.
        per_plan: one chart per plan adopted (`<name>-<plan id>` in the dossier), the
            page drawing the plans chosen in `choices["plans"]`.
        sentence_in_dossier: whether the dossier prints its `NoChart` sentence (else an
            empty chart is left out of the dossier, as one that does not apply).
    """

    name: str
    build: Callable[[Selection], Drawing | None]
    caption: Callable[[Selection], str] | None = None
    empty: str | None = None
    title: str | None = None
    per_plan: bool = False
    sentence_in_dossier: bool = True


@dataclass(frozen=True)
class TableSection:
    """A table of a page: a frame with column ids, and how to show each column.

    Attributes:
        name: its short name in file names and the dossier's sheet key.
        build: the frame for a selection (columns named by their ids), or None when it
            does not apply (the page says `empty`, the dossier leaves it out).
        columns: the columns shown, in order; or a function of the frame and the
            selection, for a table whose columns follow the data (authors, sheets).
        title: the locale key of the title written in its downloads.
        empty: the locale key of the page's sentence when `build` gives None.
        localised: whether `build` writes words in the selection's language; False: a
            language-free frame, put into words by its columns' `values` only, so the app
            builds it once for every language.
    """

    name: str
    build: Callable[[Selection], pd.DataFrame | None]
    columns: Columns
    title: str | None = None
    empty: str | None = None
    localised: bool = True

    def specs(self, frame: pd.DataFrame, sel: Selection) -> tuple[Column, ...]:
        """The column specs for this frame (the declared ones, or derived from it)."""
        return self.columns(frame, sel) if callable(self.columns) else self.columns


Section = ChartSection | TableSection


@dataclass(frozen=True)
class Page:
    """A page of the dashboard: its id (its file in `views/` and its address), its title,
    its icon in the navigation, what the role must allow, and its sections in order."""

    id: str
    icon: str
    action: str = "read"  # what `access.Actor.can` must allow to list it
    sections: tuple[Section, ...] = ()

    @property
    def title_key(self) -> str:
        """The locale key of its title (`page.<id>`)."""
        return f"page.{self.id}"

    @property
    def script(self) -> str:
        """Its view, relative to the repository's root (`views/overview.py`)."""
        return f"views/{self.id}.py"

    def section(self, name: str) -> Section:
        """The section named `name` (KeyError when the page has none)."""
        for section in self.sections:
            if section.name == name:
                return section
        raise KeyError(f"{self.id} has no section {name!r}")

    def charts(self) -> list[ChartSection]:
        """Its charts, in order."""
        return [s for s in self.sections if isinstance(s, ChartSection)]

    def tables(self) -> list[TableSection]:
        """Its tables, in order."""
        return [s for s in self.sections if isinstance(s, TableSection)]


def present(frame: pd.DataFrame, columns: Sequence[Column], sel: Selection) -> pd.DataFrame:
    """The frame with each shown column's cells in words (`Column.values`), ids kept.

    Args:
        frame: a builder's frame (columns named by their ids).
        columns: its column specs.
        sel: the selection (its language and data).

    Returns:
        The frame, its columns with `values` replaced (or added); the frame itself when
        no column has any.
    """
    written = {c.id: c.values(frame, sel) for c in columns if c.values and c.shown(sel)}
    return frame.assign(**written) if written else frame


def number_text(kind: Kind, lang: Lang) -> Callable[[Any], str]:
    """How a cell of a number column reads in `lang`: `2 897`, `377,5` in French (narrow
    no-break space, decimal comma), `2,897`, `377.5` in English; "—" when unknown.

    An `integer` column, and a `number` holding a whole value, has no decimals; another
    number keeps one.
    """

    def text(value: Any) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "—"
        if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
            return str(value)  # not a number after all: as it is
        number = float(value)
        if kind == "integer" or number.is_integer():
            return format_number(round(number), lang)
        return format_number(number, lang, decimals=1)

    return text


def number_formats(
    frame: pd.DataFrame, columns: Sequence[Column], sel: Selection
) -> dict[str, Callable[[Any], str]]:
    """The display of each number column shown (`integer`, `number`), for a pandas
    `Styler.format`: the app shows the text, sorts on the number, downloads the number.

    Args:
        frame: the table as the app shows it (columns named by their ids).
        columns: its column specs.
        sel: the selection (its language).

    Returns:
        Column id → the function writing its cells (`number_text`).
    """
    return {
        c.id: number_text(c.kind, sel.lang)
        for c in columns
        if c.kind in ("integer", "number") and c.shown(sel) and c.id in frame.columns
    }


def labelled(frame: pd.DataFrame, columns: Sequence[Column], sel: Selection) -> pd.DataFrame:
    """The table as the dossier prints it: the columns shown, in order, under their labels.

    Args:
        frame: a builder's frame (columns named by their ids).
        columns: its column specs.
        sel: the selection (its language, and what `Column.when` reads).

    Returns:
        A copy with the columns that are in the frame, shown and not `app_only`, in words
        (`present`) and renamed to their labels in `sel.lang`.
    """
    frame = present(frame, columns, sel)
    chosen = [c for c in columns if c.id in frame.columns and c.shown(sel) and not c.app_only]
    out = frame.loc[:, [c.id for c in chosen]].copy()
    out.columns = [c.text(sel.lang) for c in chosen]
    return out


@dataclass(frozen=True)
class Chart:
    """One chart of the dossier, built.

    Attributes:
        name: its short name in file names (`status-by-plan`, `timeline-PAN-2024`).
        page: the page that shows it (`overview`), for the source line.
        title: its heading in the report, plain text (the figure's title, and the plan
            for a per-plan chart).
        shows: what it shows, one or two sentences.
        source: where its figures come from (sheets and definitions).
        figure: the plotly figure, as the page builds it, or the `NoChart` sentence that
            replaces it when there is nothing to draw (no image is made).
        plans: the plans it covers.
        image_title: the title the image carries (the figure's own, unescaped: a longer
            one could run into a legend drawn beside it).
    """

    name: str
    page: str
    title: str
    shows: str
    source: str
    figure: Drawing
    plans: tuple[str, ...]
    image_title: str

    @property
    def drawn(self) -> bool:
        """Whether there is an image (not a `NoChart` sentence)."""
        return not isinstance(self.figure, NoChart)


@dataclass(frozen=True)
class Table:
    """One table of the dossier: a sheet of the workbook.

    Attributes:
        name: its short name (`overdue`).
        page: the page that shows it.
        sheet: the sheet's name (at most 31 characters).
        frame: the table as shown, its columns named by their displayed labels.
    """

    name: str
    page: str
    sheet: str
    frame: pd.DataFrame
