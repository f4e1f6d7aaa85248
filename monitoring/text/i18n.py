"""One translation mechanism for all of the app's own text, and formatting for each language.

Every string a user reads goes through `t(key, lang, **params)`. The French text of each
key is written once in `monitoring/text/locales/` (the source); other languages are
gettext catalogues (`locales/<lang>/LC_MESSAGES/messages.po`) made from the template
`locales/messages.pot`. `monitoring/text/catalogues.py` says how they are read, and
`python -m monitoring.devtools.catalogues` how they are updated and checked (no key
missing, unused, empty, fuzzy or with other placeholders than the French).

Numbers, dates, file sizes and durations are written by Babel with the conventions of the
language's locale (CLDR): `fr_FR` for French, `en_GB` for English, the language itself for
any other catalogue. Where the app's house style differs from CLDR it says so in `_HOUSE`.

Streamlit renders most text as Markdown: user text (from a workbook, the version store,
the sign-in) goes through `plain` before it reaches such an element, so it shows as written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from monitoring.text.catalogues import SOURCE_LANG, french, translations

if TYPE_CHECKING:
    from babel import Locale

# Every key and its French text (the source every other language translates).
CATALOG: dict[str, str] = french()


class Localised(NamedTuple):
    """A parameter that reads differently in each language (a sheet name, a list of labels).

    The contract names things in French and English only: another language reads French.
    """

    fr: str
    en: str


class FileSize(int):
    """A number of bytes given as a parameter: `t` writes it as `format_size` does."""


def _template(key: str, lang: str) -> str:
    """The template of `key` in `lang`: its translation when finished, else the French."""
    if lang == SOURCE_LANG:
        return CATALOG[key]
    return translations(lang).get(key) or CATALOG[key]


def t(key: str, lang: str = "fr", /, **params: Any) -> str:
    """Return the text of `key` in `lang`, with `params` filled in.

    Numbers, dates and file sizes given as params are written the way `lang` writes them.
    """
    template = _template(key, lang)
    if not params:
        return template
    if ":" + PLURAL in template:  # `{count:plural:…}`; other texts take the quick path
        return _Template(lang).vformat(template, (), params)
    shown = {k: _display(v, lang) for k, v in params.items()}
    return template.format(**shown)


PLURAL = "plural:"  # the format spec that chooses words by number (`_Template`)


class _Template(string.Formatter):
    """`str.format` as `t` uses it, plus a choice of words by number: in a text,
    `{count:plural:erreur|erreurs}` writes the form the language's plural rule (CLDR)
    gives `count` (French: 0 and 1 singular; English: 1), so a text reads "1 erreur",
    "9 erreurs" rather than "erreur(s)". Translators write each language's forms."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith(PLURAL):
            one, _, many = format_spec.removeprefix(PLURAL).partition("|")
            if isinstance(value, str):  # a number already written out: callers pass numbers
                return many
            return plural_key(one, many, value, self.lang)
        return format(_display(value, self.lang), format_spec)


def _display(value: Any, lang: str) -> Any:
    if isinstance(value, Localised):
        return value.en if lang == "en" else value.fr
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, FileSize):
        return format_size(value, lang)
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value, lang)
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    return value


# --- Formatting (Babel) ----------------------------------------------------------------

NNBSP = "\u202f"  # French thousands separator and space before % (narrow no-break space)
# The locale whose conventions each language follows; any other language follows its own.
FORMAT_LOCALES = {"fr": "fr_FR", "en": "en_GB"}  # en_GB: "14 May 2014", not "May 14, 2014"
# Where the app writes differently from CLDR, on purpose (every other language: CLDR).
_HOUSE: dict[str, dict[str, str]] = {
    # CLDR puts a no-break space (U+00A0) before % in French; the app has always written
    # the narrow one, as the Imprimerie nationale does, like its thousands separator.
    "fr": {"percent": f"#,##0{NNBSP}%", "first_day": "'1er' MMMM y", "unit_space": " "},
    # ISO dates in English: unambiguous on both sides of the Atlantic.
    "en": {"date": "yyyy-MM-dd", "unit_space": " "},
}
# `unit_space`: CLDR joins a number to its unit ("377 jours") with a no-break space; the
# app writes an ordinary space there in French and English, as it did before Babel.


@cache
def locale(lang: str) -> Locale:
    """The Babel locale of `lang`'s conventions (`fr_FR`, `en_GB`, else `lang` itself).

    Babel is imported on the first number or date written, not with this module: the
    command line's commands that write none start without it (about 20 ms).
    """
    from babel import Locale

    return Locale.parse(FORMAT_LOCALES.get(lang, lang))


def language_name(lang: str) -> str:
    """The language's own name for itself, as a language menu shows it: `Français`,
    `English`, `Deutsch` (CLDR)."""
    name = locale(lang).get_language_name(lang) or lang
    return name[:1].upper() + name[1:]


def _house(lang: str, what: str) -> str | None:
    return _HOUSE.get(lang, {}).get(what)


def _missing(value: Any) -> bool:
    """None, NaN or NaT: what the app shows as "—"."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value != value


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (Babel's plural rules expect those)."""
    return value.item() if hasattr(value, "item") and not isinstance(value, (int, float)) else value


def format_date(value: dt.date | str | None, lang: str = "fr", *, long: bool = False) -> str:
    """Format a date: `14/05/2014` or `14 mai 2014` (`1er mai 2014`) in French, ISO or
    `14 May 2014` in English, the locale's short or long date in another language.

    Accepts a date, a datetime, an ISO string, or None / NaN / NaT (shown as "—").
    """
    if _missing(value):
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    assert value is not None
    return _format_day(value, lang, long)


@cache
def _format_day(day: dt.date, lang: str, long: bool) -> str:
    from babel import dates as babel_dates

    if long:
        pattern = _house(lang, "first_day") if day.day == 1 else None
        return babel_dates.format_date(day, pattern or "long", locale=locale(lang))
    return babel_dates.format_date(day, _house(lang, "date") or "short", locale=locale(lang))


@cache
def _format_month(year: int, month: int, lang: str) -> str:
    """A month of a year: `mars 2014`, `March 2014`."""
    from babel import dates as babel_dates

    return babel_dates.format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale(lang))


def format_moment(
    moment: dt.datetime | None, lang: str = "fr", zone: dt.tzinfo = dt.UTC, *, long: bool = False
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


def plural_key(one: str, many: str, count: float | None, lang: str) -> str:
    """The key `one` or `many` for a count, by the language's plural rule (CLDR): French
    agrees 0 and 1 in the singular, English only 1. Both keys are written out at the call,
    so the catalogue check sees them."""
    if count is None or _missing(count):
        return many
    number = _plain(count)
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return one if locale(lang).plural_form(abs(number)) == "one" else many


def format_days(count: float | int, lang: str = "fr") -> str:
    """A number of days with its unit agreed (CLDR units): `1 jour`, `0 jour`, `1 801 jours`
    / `1 day`, `0 days`. Templates that count days take this text as `{days}`."""
    return _format_unit(count, "duration-day", "long", "#,##0", lang)


def _format_unit(value: float, unit: str, length: str, pattern: str, lang: str) -> str:
    from babel import units as babel_units

    number = _plain(value)
    written = babel_units.format_unit(
        number,
        unit,
        length=length,  # type: ignore[arg-type]
        format=pattern,
        locale=locale(lang),
    )
    space = _house(lang, "unit_space")
    return written.replace("\xa0", space) if space else written


def format_size(size: int, lang: str = "fr") -> str:
    """A file size for people: `12 octets`, `7,9 ko`, `1,5 Mo`, `50 Mo` / `12 bytes`,
    `7.9 kB`, `1.5 MB`, `50 MB` (binary multiples, as upload limits are counted); one
    decimal below 10 when there is one."""
    if size < 1024:
        return _format_unit(size, "digital-byte", "long", "#,##0", lang)
    unit, value = (
        ("digital-kilobyte", size / 1024)
        if size < 1024 * 1024
        else ("digital-megabyte", size / 1024 / 1024)
    )
    pattern = "#,##0.0" if value < 10 and round(value, 1) != int(value) else "#,##0"
    return _format_unit(value, unit, "short", pattern, lang)


def format_date_bounds(earliest: Any, latest: Any, lang: str = "fr") -> str:
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
        return _format_month(first.year, first.month, lang)
    if kind == "year":
        return str(first.year)
    return t("date.between", lang, first=format_date(first, lang), last=format_date(last, lang))


def format_date_phrase(earliest: Any, latest: Any, lang: str = "fr") -> str:
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


def format_date_bounds_column(earliest: Any, latest: Any, lang: str = "fr") -> list[str]:
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
    exact = (last.isna() | (last == first)).to_numpy()
    month_end = first + pd.offsets.MonthEnd(0)
    month = ((first.dt.day == 1) & (last == month_end)).to_numpy()
    year = (
        (first.dt.month == 1) & (first.dt.day == 1) & (last.dt.month == 12) & (last.dt.day == 31)
    ).to_numpy() & (first.dt.year == last.dt.year).to_numpy()
    out: list[str] = []
    for i, (start, end) in enumerate(zip(first, last, strict=True)):
        if start is pd.NaT or pd.isna(start):
            out.append("—")
        elif exact[i]:
            out.append(_format_day(start.date(), lang, False))
        elif month[i]:
            out.append(_format_month(start.year, start.month, lang))
        elif year[i]:
            out.append(str(start.year))
        else:
            first_text = _format_day(start.date(), lang, False)
            last_text = _format_day(end.date(), lang, False)
            out.append(t("date.between", lang, first=first_text, last=last_text))
    return out


def format_number(value: float | int | None, lang: str = "fr", *, decimals: int = 0) -> str:
    """Format a number: `12 345,6` in French (narrow no-break space), `12,345.6` in English.

    A whole number (an int) is written whole; any other with exactly `decimals` decimals.
    """
    if value is None or _missing(value):
        return "—"
    number = _plain(value)
    whole = isinstance(number, int) and not isinstance(number, bool) and decimals == 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals and not whole else "")
    from babel import numbers as babel_numbers

    return babel_numbers.format_decimal(number, format=pattern, locale=locale(lang))


def format_percent(ratio: float | None, lang: str = "fr", *, decimals: int = 0) -> str:
    """Format a ratio (0.25) as a percentage: `25 %` in French, `25%` in English."""
    if ratio is None or _missing(ratio):
        return "—"
    pattern = _house(lang, "percent") or locale(lang).percent_formats[None].pattern
    from babel import numbers as babel_numbers

    if decimals:
        pattern = re.sub(r"0(?=[^0]*$)", "0." + "0" * decimals, pattern, count=1)
    return babel_numbers.format_percent(_plain(ratio), format=pattern, locale=locale(lang))


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
