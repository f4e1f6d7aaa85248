"""One translation mechanism for all of the app's own text, and French-style formatting.

Every string a user reads goes through `t(key, lang, **params)`. The catalogues live in
`monitoring/text/locales/` as `key: (French, English)` pairs, so a key cannot exist in one
language only; tests check that no text is empty, that both sides use the same
placeholders and that every key is used somewhere.

Streamlit renders most text as Markdown: user text (from a workbook, the version store,
the sign-in) goes through `plain` before it reaches such an element, so it shows as written.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import pkgutil
import re
import string
from typing import Any, NamedTuple

from monitoring.contract.schema import Lang
from monitoring.text import locales


def _merge(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"translation keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


def _catalogues() -> list[dict[str, tuple[str, str]]]:
    """Every module of `monitoring/text/locales/` (one per part of the app), in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(locales.__path__))
    return [importlib.import_module(f"monitoring.text.locales.{name}").MESSAGES for name in names]


CATALOG: dict[str, tuple[str, str]] = _merge(*_catalogues())


class Localised(NamedTuple):
    """A parameter that reads differently in each language (a sheet name, a list of labels)."""

    fr: str
    en: str


def t(key: str, lang: Lang = "fr", /, **params: Any) -> str:
    """Return the text of `key` in `lang`, with `params` filled in.

    Numbers and dates given as params are formatted the way `lang` writes them.
    """
    fr, en = CATALOG[key]
    template = fr if lang == "fr" else en
    if not params:
        return template
    shown = {k: _display(v, lang) for k, v in params.items()}
    return template.format(**shown)


def _display(value: Any, lang: Lang) -> Any:
    if isinstance(value, Localised):
        return value.fr if lang == "fr" else value.en
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value, lang)
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    return value


MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NNBSP = "\u202f"  # French thousands separator and space before % (narrow no-break space)


def format_date(value: dt.date | str | None, lang: Lang = "fr", *, long: bool = False) -> str:
    """Format a date: `14/05/2014` or `14 mai 2014` in French, ISO or `14 May 2014` in English.

    Accepts a date, a datetime, an ISO string, or None / NaN / NaT (shown as "—").
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value != value:
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    if long:
        if lang == "fr":
            day = "1er" if value.day == 1 else str(value.day)
            return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"
        return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


def format_moment(
    moment: dt.datetime | None, lang: Lang = "fr", zone: dt.tzinfo = dt.UTC, *, long: bool = False
) -> str:
    """A stored time in the coordinators' time zone: `07/12/2026 09:40` / `2026-12-07 09:40`.

    Args:
        moment: the time; a naive one is read as UTC (how the store keeps times). None or
            NaT is shown as "—".
        lang: the language the date is written in (`format_date`).
        zone: the zone it is shown in (`Settings.time_zone`).
        long: the date in words (`7 décembre 2026 09:40`).
    """
    if moment is None or moment != moment:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(zone)
    return f"{format_date(local, lang, long=long)} {local:%H:%M}"


def zone_name(zone: dt.tzinfo) -> str:
    """A time zone as a reader sees it: its IANA name (`Europe/Paris`), else its abbreviation."""
    return str(getattr(zone, "key", None) or zone.tzname(None) or "UTC")


def plural_key(one: str, many: str, count: float | None, lang: Lang) -> str:
    """The key `one` or `many` for a count: French agrees 0 and 1 in the singular, English
    only 1. Both keys are written out at the call, so the catalogue check sees them."""
    singular = count is not None and (abs(count) < 2 if lang == "fr" else count == 1)
    return one if singular else many


def format_days(count: float | int, lang: Lang = "fr") -> str:
    """A number of days with its unit agreed: `1 jour`, `0 jour`, `1 801 jours` / `1 day`,
    `0 days` (`plural_key`). Templates that count days take this text as `{days}`."""
    key = plural_key("figures.days.one", "figures.days.many", count, lang)
    return t(key, lang, days=count)


def format_date_bounds(earliest: Any, latest: Any, lang: Lang = "fr") -> str:
    """Format a date known to the day, the month, the year, or only between two dates.

    `14/05/2014`; `mars 2014` / `March 2014`; `2014`; `entre le 03/02/2014 et le
    31/03/2014` / `between 2014-02-03 and 2014-03-31`. Missing earliest date: "—".
    """
    from monitoring.contract.datebounds import bounds, precision  # datebounds imports schema only

    kind = precision(earliest, latest)
    if kind is None:
        return "—"
    first, last = bounds(earliest, latest)
    assert first is not None and last is not None
    if kind == "day":
        return format_date(first, lang)
    if kind == "month":
        names = MONTHS_FR if lang == "fr" else MONTHS_EN
        return f"{names[first.month - 1]} {first.year}"
    if kind == "year":
        return str(first.year)
    return t("date.between", lang, first=format_date(first, lang), last=format_date(last, lang))


def format_date_phrase(earliest: Any, latest: Any, lang: Lang = "fr") -> str:
    """A date known to the day, month, year or only between two dates, as the words that
    follow "dernière évaluation" / "last assessment".

    `le 12/01/2023` / `on 2023-01-12`; `en mars 2014` / `in March 2014`; `en 2014` /
    `in 2014`; `entre le 03/02/2014 et le 10/03/2014` / `between 2014-02-03 and
    2014-03-10` (`format_date_bounds` gives the date itself). Missing earliest date: "—".
    """
    from monitoring.contract.datebounds import precision  # datebounds imports schema only

    kind = precision(earliest, latest)
    date = format_date_bounds(earliest, latest, lang)
    if kind is None or kind == "range":  # "—", or a range that already says "entre le"
        return date
    return t("date.on" if kind == "day" else "date.in", lang, date=date)


def format_date_bounds_column(earliest: Any, latest: Any, lang: Lang = "fr") -> list[str]:
    """`format_date_bounds` for whole columns at once (a table of thousands of events).

    Args:
        earliest: dates (a Series or array; NaT when missing).
        latest: their latest bounds, same length (NaT when known to the day).
        lang: the language.

    Returns:
        One text per row, as `format_date_bounds` writes it.
    """
    import pandas as pd  # the catalogue part of this module needs no pandas

    first = pd.Series(pd.to_datetime(pd.Series(earliest).to_numpy()))
    last = pd.Series(pd.to_datetime(pd.Series(latest).to_numpy()))
    day_format = "%d/%m/%Y" if lang == "fr" else "%Y-%m-%d"
    first_text = first.dt.strftime(day_format).to_numpy(dtype=object)
    last_text = last.dt.strftime(day_format).to_numpy(dtype=object)
    exact = (last.isna() | (last == first)).to_numpy()
    month_end = first + pd.offsets.MonthEnd(0)
    month = ((first.dt.day == 1) & (last == month_end)).to_numpy()
    year = (
        (first.dt.month == 1) & (first.dt.day == 1) & (last.dt.month == 12) & (last.dt.day == 31)
    ).to_numpy() & (first.dt.year == last.dt.year).to_numpy()
    names = MONTHS_FR if lang == "fr" else MONTHS_EN
    out: list[str] = []
    for i, start in enumerate(first):
        if start is pd.NaT or pd.isna(start):
            out.append("—")
        elif exact[i]:
            out.append(first_text[i])
        elif month[i]:
            out.append(f"{names[start.month - 1]} {start.year}")
        elif year[i]:
            out.append(str(start.year))
        else:
            out.append(t("date.between", lang, first=first_text[i], last=last_text[i]))
    return out


def format_number(value: float | int | None, lang: Lang = "fr", *, decimals: int = 0) -> str:
    """Format a number: `12 345,6` in French (narrow no-break space), `12,345.6` in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, int) and not isinstance(value, bool) and decimals == 0:
        text = f"{value:,}"
    else:
        text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def format_percent(ratio: float | None, lang: Lang = "fr", *, decimals: int = 0) -> str:
    """Format a ratio (0.25) as a percentage: `25 %` in French, `25%` in English."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "—"
    number = format_number(ratio * 100, lang, decimals=decimals)
    return f"{number}{NNBSP}%" if lang == "fr" else f"{number}%"


# --- User text in Markdown ---------------------------------------------------------------

WORD_JOINER = "\u2060"  # invisible, zero width: breaks a pattern without showing anything
_ESCAPED = frozenset(string.punctuation)  # CommonMark lets a backslash escape each of them
# What Streamlit's renderer substitutes in text *after* Markdown escapes are resolved, so a
# backslash cannot stop it: bare web addresses become links (GFM autolink literals),
# `:name:` becomes an emoji, a Material icon or Streamlit's logo, and ` -> `, ` -- `,
# ` <= `… become arrows, dashes and signs. A word joiner inside each keeps it out. Bare
# e-mail addresses are left to become `mailto:` links: such a link reads exactly where it
# goes and loads nothing, while a joiner inside an address would follow it into a
# copy-paste (an address pasted in the roles form would then never match anyone).
_SUBSTITUTED = re.compile(
    r":(?=//)"  # https://…
    r"|(?i:(?<=www))(?=\.)"  # www.…
    r"|:(?=[\w+-]+:)"  # :smile:, :material_home:, :streamlit:
    r"|(?<!\S)[<~>-](?=(?:->|-|>|=)(?!\S))"  # <-> -> <- -- >= <= ~=
)
_LINE_START = re.compile(r"(?:^|(?<=\r))[ \t]+", re.MULTILINE)  # "\r" ends a line too


def plain(text: str) -> str:
    """`text` escaped for Markdown, so that Streamlit shows it exactly as written.

    Every ASCII punctuation character gets a backslash: no image, link, emphasis, code,
    heading, list, table, HTML, LaTeX (`$…$`) or Streamlit directive (`:red[…]`,
    `:material/…:`) can start in it. Spaces and tabs opening a line become character
    references (they would make a code block), and the patterns the renderer replaces after
    unescaping (bare web addresses, `:shortcodes:`, ` -> `) get an invisible word joiner.

    Args:
        text: user text (a title, a note, a file name, a name or an e-mail address).

    Returns:
        Markdown whose rendering reads `text` (word joiners aside). Use it for a whole
        element (`st.caption(plain(note))`) or a message's parameter
        (`t(key, lang, user=plain(user_id))`); never for plain-text elements (`st.text`,
        `st.dataframe`, widget options), which would show the backslashes.
    """
    joined = _SUBSTITUTED.sub(lambda m: m.group() + WORD_JOINER, str(text))
    escaped = "".join("\\" + c if c in _ESCAPED else c for c in joined)
    return _LINE_START.sub(lambda m: m.group().replace(" ", "&#32;").replace("\t", "&#9;"), escaped)
