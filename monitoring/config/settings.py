"""Settings, declared once: read from the environment with defaults, passed into the core.

Nothing in `monitoring/` reads the environment elsewhere; entrypoints (the dashboard, the
command line) call `Settings.from_env()` and hand the values down.

Environment variables (a value the app cannot read stops the app and every command with
one line naming the variable and what it accepts: `SettingError`):
- `PLAN_MONITORING_MAX_FILE_MB`: the largest file an upload may hold, a whole number of
  megabytes from 1 to 2048 (default 50). The command line checks it too, before it reads
  a file.
- `PLAN_MONITORING_DATA_DIR`: the folder the shipped datasets are read from
  (`monitoring.config.shipped`: their workbooks, seeded into an empty store, and the French
  dataset's note on sources shown on the Method page); default `data/` at the repository
  root. A folder that does not exist is refused.
- `PLAN_MONITORING_STATE_DIR`: the folder of the default SQLite database (default `var/`
  at the repository root, git-ignored); the file is `plan-monitoring.sqlite`.
- `PLAN_MONITORING_DATABASE_URL`: a PostgreSQL database to use instead, e.g.
  `postgresql+psycopg://user@host:5432/name` (`postgresql://` is read as psycopg 3).
- `PLAN_MONITORING_ALLOW_NETWORK_FS`: `1` lets the SQLite file live on a network
  filesystem (NFS, SMB/CIFS, sshfs, 9p, CephFS, …). Unsupported: SQLite's locking is
  unreliable there, so two writers may corrupt the file. By default the app refuses to
  start on one; use PostgreSQL for a shared deployment instead.
- `PLAN_MONITORING_MODE`: `local` (default) or `shared`; `PLAN_MONITORING_UNKNOWN_USERS`:
  `refuse` (default) or `viewer`; `PLAN_MONITORING_ADMINS`: comma-separated e-mail
  addresses; `PLAN_MONITORING_SESSION_HOURS`: a number of hours > 0 (unset: 30 days).
- `PLAN_MONITORING_TRUST_EMAIL_FROM`: comma-separated issuers (the `iss` of the ID token,
  an `https://` address, exactly as the provider writes it) whose e-mail addresses are
  trusted without an `email_verified` claim: providers such as Microsoft Entra ID, which
  do not send that claim. From any other provider, an account whose e-mail is not verified
  (`email_verified` absent or false) is refused. See `monitoring.storage.access`.
- `PLAN_MONITORING_TIME_ZONE`: the coordinators' time zone, an IANA name such as
  `Europe/Paris` (the default) or `America/Montreal`: stored times (versions, change
  logs, the audit trail, the dossier's cover) are kept in UTC and shown in it. A name the
  time zone database does not know is refused.
- `PLAN_MONITORING_PUBLIC_VOICES`: what a publication (`plan-monitoring publish`, the
  Report page's ZIP) makes public: comma-separated voices (codes such as `civil_society`,
  or their French or English names; default: all). `PLAN_MONITORING_PUBLIC_SHEETS`: the
  sheets among those that can be withheld (recommendations, retention, events, published
  verdicts) that are public: comma-separated ids or sheet names, `none` for none (default:
  all). `PLAN_MONITORING_PUBLISH_EXTRA_COLUMNS` and `PLAN_MONITORING_PUBLISH_EMAILS`: `1`
  publishes the columns added beyond the contract and the e-mail addresses written in
  cells, which a publication otherwise leaves out (`monitoring.analysis.public_scope`).
- `PLAN_MONITORING_RAISE_ERRORS`: `1` makes an unexpected exception in a page propagate
  to Streamlit after it is logged, instead of the reference-only error box
  (`views/errors.reporting_errors`). For tests only: the AppTest suite sets it so that a
  failing page is recorded as an exception and fails its test. Never in a deployment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitoring.contract.publication import (
    VOICE_CODES,
    WITHHOLDABLE,
    Scope,
    ScopeError,
    parse_sheets,
    parse_voices,
)

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
STATE_DIR = ROOT / "var"
SQLITE_FILE_NAME = "plan-monitoring.sqlite"
Mode = Literal["local", "shared"]
MODES: tuple[Mode, ...] = get_args(Mode)
UnknownUsers = Literal["refuse", "viewer"]
UNKNOWN_USERS: tuple[UnknownUsers, ...] = get_args(UnknownUsers)
RAISE_ERRORS_ENV = "PLAN_MONITORING_RAISE_ERRORS"
MAX_FILE_MB_RANGE = (1, 2048)  # beyond 2 GiB, no spreadsheet is a plan: a typo
# An e-mail address, loosely: something@domain.tld, no spaces, one @ (the store's user ids).
EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
# An issuer as `iss` names it: an https URL (http only on the loopback, for tests).
ISSUER = re.compile(r"^(https://[^\s/]+|http://(127\.0\.0\.1|localhost)(:\d+)?)(/\S*)?$")
DEFAULT_TIME_ZONE = "Europe/Paris"  # the coordinators this app was first built for
FLAG_VALUES = {"1": True, "true": True, "yes": True, "on": True,
               "0": False, "false": False, "no": False, "off": False, "": False}  # fmt: skip


@dataclass(frozen=True)
class Limits:
    """What an upload may weigh. Real action-plan workbooks are far below every limit."""

    max_file_bytes: int = 50 * 1024 * 1024  # one uploaded file
    max_members: int = 200  # entries in a zip container (.xlsx, .ods, .zip of CSV)
    max_member_bytes: int = 200 * 1024 * 1024  # one entry, uncompressed
    max_total_bytes: int = 400 * 1024 * 1024  # all entries, uncompressed
    max_ratio: int = 100  # compression ratio allowed once an entry exceeds `ratio_floor`
    ratio_floor: int = 1024 * 1024
    max_sheets: int = 50
    max_rows: int = 300_000  # data rows in one sheet
    max_columns: int = 100
    max_cell_chars: int = 32_767  # Excel's own limit
    # The child process that parses an upload (`monitoring.intake.isolation`): its address space,
    # CPU seconds and wall seconds. 2 GiB reads the largest legal workbooks measured
    # (`make bench`) with room to spare; the parent never grows by this much.
    parse_memory_bytes: int = 2048 * 1024 * 1024
    # Cells of one upload, all sheets together: what the child hands to the server, so
    # this bounds the server's own memory (the 50,000-measure benchmark holds 4.3 million).
    max_cells: int = 8_000_000
    parse_cpu_seconds: int = 120
    parse_wall_seconds: float = 150.0


@dataclass(frozen=True)
class Settings:
    """Settings of one running app or command."""

    limits: Limits = field(default_factory=Limits)
    # Where the shipped datasets' files are (`monitoring.config.shipped`).
    data_dir: Path = DATA_DIR
    state_dir: Path = STATE_DIR
    # None: the SQLite file in `state_dir`.
    database_url: str | None = None
    # Unsupported escape hatch: a SQLite file on a network filesystem (see the docstring).
    allow_network_fs: bool = False
    # `local`: no sign-in, loopback only. `shared`: sign-in (OpenID Connect) on every page.
    mode: Mode = "local"
    # What a signed-in user absent from the `users` table gets: `refuse` or `viewer`.
    unknown_users: UnknownUsers = "refuse"
    # E-mail addresses that are always admins (lowercase): the first admin of an instance.
    admins: frozenset[str] = frozenset()
    # Sign in again after this many hours (None: Streamlit's identity cookie, 30 days).
    session_hours: float | None = None
    # Issuers whose e-mail claims are trusted without `email_verified` (Microsoft Entra ID).
    trust_email_from: frozenset[str] = frozenset()
    # The zone stored times (kept in UTC) are shown in: versions, change logs, audit, dossier.
    time_zone: dt.tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIME_ZONE))
    # What a publication makes public (`monitoring.contract.publication`).
    publication: Scope = field(default_factory=Scope)

    @property
    def store_url(self) -> str:
        """The SQLAlchemy URL of the version store: PostgreSQL when named, else SQLite."""
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite:///{self.state_dir / SQLITE_FILE_NAME}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment (or `env`, for tests) gives; `SettingError` if bad."""
        env = os.environ if env is None else env
        limits = Limits(max_file_bytes=_megabytes(env, "PLAN_MONITORING_MAX_FILE_MB", 50))
        return cls(
            limits=limits,
            data_dir=_directory(env, "PLAN_MONITORING_DATA_DIR", DATA_DIR),
            state_dir=Path(env.get("PLAN_MONITORING_STATE_DIR") or STATE_DIR),
            database_url=env.get("PLAN_MONITORING_DATABASE_URL") or None,
            allow_network_fs=_strict_flag(env, "PLAN_MONITORING_ALLOW_NETWORK_FS"),
            mode=_choice(env, "PLAN_MONITORING_MODE", MODES),
            unknown_users=_choice(env, "PLAN_MONITORING_UNKNOWN_USERS", UNKNOWN_USERS),
            session_hours=_hours(env, "PLAN_MONITORING_SESSION_HOURS"),
            admins=_list(env, "PLAN_MONITORING_ADMINS", EMAIL, "settings.expect.emails"),
            trust_email_from=_list(
                env, "PLAN_MONITORING_TRUST_EMAIL_FROM", ISSUER, "settings.expect.issuers",
                lower=False,
            ),
            time_zone=_zone(env, "PLAN_MONITORING_TIME_ZONE"),
            publication=_publication(env),
        )  # fmt: skip


def raise_errors(env: Mapping[str, str] | None = None) -> bool:
    """Whether a page's unexpected exception propagates (tests) instead of a reference box.

    Read when a failure happens, not through `Settings`: the error boundary
    (`views.errors.reporting_errors`) is given no settings.

    Args:
        env: the environment to read (`os.environ` when None).
    """
    env = os.environ if env is None else env
    return _flag(env.get(RAISE_ERRORS_ENV, ""))


class SettingError(ValueError):
    """An environment variable holds a value the app does not know; it refuses to start.

    `str()` is one English line for the log; `message(lang)` is the line users see:
    the variable, the value given and what is accepted.
    """

    def __init__(self, name: str, value: str, expected: str, **params: object) -> None:
        self.name, self.value, self.expected, self.params = name, value, expected, params
        super().__init__(self.message("en"))

    def message(self, lang: Literal["fr", "en"] = "fr") -> str:
        """The one line that says what is wrong, in `lang`."""
        from monitoring.text.i18n import t  # settings stay importable without the catalogues

        shown = self.value if len(self.value) <= 60 else self.value[:59] + "…"
        accepted = t(self.expected, lang, **self.params)
        return t("settings.invalid", lang, name=self.name, value=shown, expected=accepted)


def _megabytes(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number of megabytes within `MAX_FILE_MB_RANGE`, in bytes; else `SettingError`."""
    text = env.get(name, "").strip()
    if not text:
        return default * 1024 * 1024
    low, high = MAX_FILE_MB_RANGE
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise SettingError(name, text, "settings.expect.megabytes", low=low, high=high)
    return int(text) * 1024 * 1024


def _directory(env: Mapping[str, str], name: str, default: Path) -> Path:
    """An existing folder (`default` when unset); else `SettingError`."""
    text = env.get(name, "").strip()
    if not text:
        return default
    if not Path(text).is_dir():
        raise SettingError(name, text, "settings.expect.directory", files=_shipped_files())
    return Path(text)


def _shipped_files() -> str:
    from monitoring.config.shipped import DATASETS  # it reads this module's DATA_DIR

    return ", ".join(d.file for d in DATASETS)


def _hours(env: Mapping[str, str], name: str) -> float | None:
    """A finite number of hours > 0, None when unset; else `SettingError`."""
    text = env.get(name, "").strip()
    if not text:
        return None
    try:
        hours = float(text)
    except ValueError:
        hours = math.nan
    if not (math.isfinite(hours) and hours > 0):  # nan, inf, 0 and -5 alike
        raise SettingError(name, text, "settings.expect.hours")
    return hours


def _zone(env: Mapping[str, str], name: str) -> ZoneInfo:
    """An IANA time zone (`DEFAULT_TIME_ZONE` when unset); else `SettingError`."""
    text = env.get(name, "").strip() or DEFAULT_TIME_ZONE
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):  # unknown, or not a zone name (`../x`)
        raise SettingError(name, text, "settings.expect.time_zone") from None


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> Any:
    """The value of `name`, one of `choices` (the first when unset); else `SettingError`."""
    value = env.get(name, "").strip().lower() or choices[0]
    if value not in choices:
        raise SettingError(name, value, "settings.expect.one_of", choices=", ".join(choices))
    return value


def _publication(env: Mapping[str, str]) -> Scope:
    """The publication scope: `PLAN_MONITORING_PUBLIC_VOICES`, `…_PUBLIC_SHEETS` and the
    two `…_PUBLISH_…` flags; a name no voice or sheet answers to is a `SettingError`."""
    names = ("PLAN_MONITORING_PUBLIC_VOICES", "PLAN_MONITORING_PUBLIC_SHEETS")
    voices_text, sheets_text = (env.get(name, "").strip() for name in names)
    try:
        voices = parse_voices(voices_text.split(",")) if voices_text else frozenset(VOICE_CODES)
    except ScopeError as exc:
        raise SettingError(names[0], exc.value or voices_text, "settings.expect.voices",
                           choices=", ".join(VOICE_CODES)) from exc  # fmt: skip
    try:
        sheets = parse_sheets(sheets_text.split(",")) if sheets_text else frozenset(WITHHOLDABLE)
    except ScopeError as exc:
        raise SettingError(names[1], exc.value, "settings.expect.sheets",
                           choices=", ".join(WITHHOLDABLE)) from exc  # fmt: skip
    return Scope(
        voices=voices,
        sheets=sheets,
        extra_columns=_strict_flag(env, "PLAN_MONITORING_PUBLISH_EXTRA_COLUMNS"),
        emails=_strict_flag(env, "PLAN_MONITORING_PUBLISH_EMAILS"),
    )


def _strict_flag(env: Mapping[str, str], name: str) -> bool:
    """An on/off setting: `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`; else `SettingError`."""
    text = env.get(name, "")
    if text.strip().lower() not in FLAG_VALUES:
        raise SettingError(name, text, "settings.expect.flag")
    return FLAG_VALUES[text.strip().lower()]


def _list(
    env: Mapping[str, str], name: str, form: re.Pattern[str], expected: str, *, lower: bool = True
) -> frozenset[str]:
    """Comma-separated values, each matching `form` (lowercased unless `lower=False`)."""
    items = [item.strip() for item in env.get(name, "").split(",") if item.strip()]
    for item in items:
        if not form.match(item):
            raise SettingError(name, item, expected)
    return frozenset(item.lower() if lower else item for item in items)


def _flag(text: str) -> bool:
    """Read an on/off variable leniently (`1`, `true`, `yes` or `on` mean on): for the
    test-only switch read when a page fails, where refusing would hide the failure."""
    return text.strip().lower() in ("1", "true", "yes", "on")


def normalise_database_url(url: str) -> str:
    """Read `postgres://` and `postgresql://` URLs as psycopg 3 (the one driver installed).

    Args:
        url: a database URL as an operator would write it.

    Returns:
        The URL with an explicit driver for PostgreSQL; any other URL unchanged.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def private_folder(path: Path) -> None:
    """Create `path` (and its parents) if missing, the folder itself readable by its owner
    only (0700): the store and the log name users and hold uploaded files. An existing
    folder is left as the operator set it."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o700)


def private_file(path: Path) -> None:
    """Create an empty `path` readable and writable by its owner only (0600) if missing.

    SQLite then opens it as an empty database and gives its `-wal` and `-shm` files the
    same permissions; a log handler appends to it. An existing file is left as it is.
    """
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
