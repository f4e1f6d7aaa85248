"""Start-up safety checks of a deployment, and redaction of secrets before they are logged.

`check_config` reads Streamlit's effective options (through the `get_option` it is given,
`st.get_option` in the app), the app's settings and the secrets, and returns every
problem at once; `check_xml_protection` checks that openpyxl parses workbooks through
defusedxml. The dashboard refuses to start while either returns a problem. Nothing here
imports streamlit: the UI layer passes the options and secrets in.

`redact` hides passwords in database URLs and `password=…`-style pairs, so that a
traceback can go to the server log; `log_failure` logs an unexpected error that way under
a short reference the user is shown instead of the error.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import secrets as random_tokens
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import openpyxl.xml

from monitoring.config.settings import Settings
from monitoring.contract.schema import Lang
from monitoring.text.i18n import t

# The `cookie_secret` of `.streamlit/secrets.example.toml`: refused, so that copying the
# example as it is never signs identity cookies with a published key.
EXAMPLE_COOKIE_SECRET = "REPLACE-ME-this-example-value-is-refused-at-start"
MIN_COOKIE_SECRET_CHARS = 32  # 128 bits as hex; `secrets.token_hex(32)` gives 64
# What `st.login` needs of one provider, at the top of [auth] or in a [auth.<name>] table.
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
AUTH_KEYS = ("redirect_uri", "cookie_secret")
# The Streamlit options `check_config` reads.
OPTIONS = (
    "server.enableXsrfProtection",
    "server.enableCORS",
    "server.maxUploadSize",
    "client.showErrorDetails",
    "server.address",
)
CALLBACK_PATH = "/oauth2callback"  # where Streamlit receives the provider's answer
_NOT_A_PROVIDER = frozenset({"client_kwargs"})  # tables of [auth] that name no provider
_MB = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One unsafe setting: a message key of `monitoring/text/locales/hardening.py`, its params."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang = "fr") -> str:
        """The problem and what to do, in `lang`."""
        return t(self.key, lang, **self.params)


def check_config(
    get_option: Callable[[str], Any], settings: Settings, secrets: Mapping[str, Any]
) -> list[Problem]:
    """Every unsafe Streamlit option, sign-in setting and secret of a deployment.

    Args:
        get_option: reads a Streamlit option by name (`st.get_option`).
        settings: the app's settings (its mode and upload limit).
        secrets: the secrets as a plain mapping (`st.secrets.to_dict()`; `{}` when none).

    Returns:
        The problems found, in a stable order; empty when the deployment is safe.
    """
    return [
        *_server_problems(get_option, settings),
        *_auth_problems(settings, secrets),
    ]


def check_xml_protection() -> Problem | None:
    """A problem unless openpyxl parses XML through defusedxml (entity attacks refused).

    openpyxl decides once, at import: defusedxml must be installed and the environment
    variable OPENPYXL_DEFUSEDXML unset or exactly `True` (`true` silently turns it off).
    """
    if getattr(openpyxl.xml, "DEFUSEDXML", False) is True:
        return None
    return Problem("hardening.xml_unprotected")


def format_problems(problems: Iterable[Problem], lang: Lang = "fr") -> str:
    """The refusal to start, as Markdown: what is wrong and what to do, one line each."""
    lines = [t("hardening.refused", lang), ""]
    lines += [f"- {problem.message(lang)}" for problem in problems]
    return "\n".join(lines)


def _is_on(value: Any) -> bool:
    return value is True or str(value).strip().lower() == "true"


def _megabytes(n_bytes: int) -> int | float:
    size = n_bytes / _MB
    return int(size) if size == int(size) else size


def _server_problems(get_option: Callable[[str], Any], settings: Settings) -> list[Problem]:
    problems: list[Problem] = []
    if not _is_on(get_option("server.enableXsrfProtection")):
        problems.append(Problem("hardening.xsrf_off"))
    if not _is_on(get_option("server.enableCORS")):
        problems.append(Problem("hardening.cors_off"))
    limit = _megabytes(settings.limits.max_file_bytes)
    size = get_option("server.maxUploadSize")
    if not isinstance(size, int | float) or isinstance(size, bool):
        problems.append(Problem("hardening.upload_missing", {"limit": limit}))
    elif size > limit:
        problems.append(Problem("hardening.upload_too_large", {"size": size, "limit": limit}))
    details = get_option("client.showErrorDetails")
    # The legacy True/False values show a traceback too; only "none" hides everything.
    if details != "none":
        problems.append(Problem("hardening.error_details", {"value": str(details)}))
    if settings.mode == "local":
        address = get_option("server.address")
        if not address or not str(address).strip():
            problems.append(Problem("hardening.local_address_unset"))
        elif not is_loopback(str(address)):
            problems.append(Problem("hardening.local_address", {"address": str(address)}))
    return problems


def is_loopback(host: str) -> bool:
    """Whether `host` names this computer only: `localhost`, 127.0.0.0/8 or `::1`."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _auth_problems(settings: Settings, secrets: Mapping[str, Any]) -> list[Problem]:
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping) or not auth:
        return [Problem("hardening.auth_missing")] if settings.mode == "shared" else []
    problems: list[Problem] = []
    if settings.mode == "shared":
        problems += [
            Problem("hardening.auth_key_missing", {"key": key})
            for key in AUTH_KEYS
            if not _filled(auth.get(key))
        ]
        problems += _provider_problems(auth)
        if _filled(auth.get("redirect_uri")):
            problems += _redirect_problems(str(auth["redirect_uri"]))
    # A weak secret is refused in either mode: local mode does not use it, but a copy of
    # this file on a shared server would.
    if _filled(auth.get("cookie_secret")):
        problems += _cookie_secret_problems(str(auth["cookie_secret"]))
    return problems


def _provider_problems(auth: Mapping[str, Any]) -> list[Problem]:
    """`st.login()` takes the provider at the top of [auth]; `st.login(name)` [auth.name]."""
    problems: list[Problem] = []
    top = [key for key in PROVIDER_KEYS if _filled(auth.get(key))]
    if top and len(top) < len(PROVIDER_KEYS):
        missing = [key for key in PROVIDER_KEYS if key not in top]
        problems.append(_incomplete("default", missing))
    named = {
        str(name): table
        for name, table in auth.items()
        if isinstance(table, Mapping) and name not in _NOT_A_PROVIDER
    }
    for name, table in named.items():
        if "_" in name:
            problems.append(Problem("hardening.auth_provider_name", {"provider": name}))
        missing = [key for key in PROVIDER_KEYS if not _filled(table.get(key))]
        if missing:
            problems.append(_incomplete(name, missing))
    if not top and not named:
        problems.append(Problem("hardening.auth_provider_missing"))
    return problems


def _incomplete(provider: str, missing: list[str]) -> Problem:
    return Problem(
        "hardening.auth_provider_incomplete", {"provider": provider, "keys": ", ".join(missing)}
    )


def _redirect_problems(uri: str) -> list[Problem]:
    problems: list[Problem] = []
    parts = urlsplit(uri.strip())
    secure = parts.scheme.lower() == "https"
    if not secure and not (parts.scheme.lower() == "http" and is_loopback(parts.hostname or "")):
        problems.append(Problem("hardening.redirect_uri_https"))
    if not parts.path.endswith(CALLBACK_PATH):
        problems.append(Problem("hardening.redirect_uri_path"))
    return problems


def _cookie_secret_problems(secret: str) -> list[Problem]:
    if secret == EXAMPLE_COOKIE_SECRET:
        return [Problem("hardening.cookie_secret_placeholder")]
    if len(secret) < MIN_COOKIE_SECRET_CHARS:
        return [
            Problem(
                "hardening.cookie_secret_short",
                {"length": len(secret), "minimum": MIN_COOKIE_SECRET_CHARS},
            )
        ]
    return []


# scheme://user:password@host → scheme://user:***@host. The password runs to the last "@"
# of the address, so an unescaped "@" or "/" in it is hidden too; it stops at a "?" or
# "#", so that an "@" in a query (`https://host:8443/cb?x=a@b`) is not taken for one.
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@?#]*):[^\s'\"?#]*@")
# password=…, PGPASSWORD=…, cookie_secret = "…", token: …, api_key=… (libpq DSNs, TOML,
# environment dumps), and the same as a dict or JSON: {"password": "a b"}, {'token': 'x'}.
# A quoted value is hidden whole, spaces and escaped quotes included.
_PAIR_SECRET = re.compile(
    r"(?i)(?P<key>\b[\w.\-]*(?:password|passwd|pwd|secret|token|api[_\-]?key))"
    r"(?P<keyquote>['\"]?)(?P<sep>\s*[=:]\s*)"
    r"(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|(?!\*\*\*)[^\s'\",;&}]+)"
)
# Credentials of an HTTP Authorization header, and bearer tokens wherever they appear.
_AUTHORIZATION = re.compile(
    r"(?i)(?P<head>\bauthorization['\"]?\s*[=:]\s*['\"]?(?:basic|digest|negotiate)\s+)"
    r"[^\s'\"]+"
)
# A token has a digit or a sign in it, or 16 characters at least: "the Bearer scheme"
# keeps its word.
_BEARER = re.compile(
    r"(?i)(?P<head>\bbearer\s+)"
    r"(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/]|[A-Za-z0-9\-._~+/]{16})[A-Za-z0-9\-._~+/]+=*"
)
# A JSON Web Token (an ID or access token) anywhere: header.payload.signature.
_JWT = re.compile(r"\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*")


def _hide_pair(found: re.Match[str]) -> str:
    value = found.group(0)[found.end("sep") - found.start() :]
    quote = value[0] if value[:1] in ("'", '"') else ""
    return f"{found['key']}{found['keyquote']}{found['sep']}{quote}***{quote}"


def redact(text: str) -> str:
    """Hide the passwords and secrets in `text` (a message, a traceback) before logging it.

    Args:
        text: any text; database URLs keep their user, host and database name.

    Returns:
        The text with each password replaced by `***`:
        `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`; also
        `password=…` and `{"password": "…"}` forms, `Authorization: Basic …`,
        `Bearer …` and JSON Web Tokens.
    """
    text = _URL_PASSWORD.sub(r"\g<head>:***@", text)
    text = _PAIR_SECRET.sub(_hide_pair, text)
    text = _AUTHORIZATION.sub(r"\g<head>***", text)
    text = _BEARER.sub(r"\g<head>***", text)
    return _JWT.sub("***", text)


def new_reference() -> str:
    """A short random reference (8 hexadecimal characters) that ties a message to a log."""
    return random_tokens.token_hex(4)


def log_failure(error: BaseException, logger: logging.Logger, where: str = "") -> str:
    """Log an unexpected error with its redacted traceback; return its reference.

    Args:
        error: the exception caught.
        logger: where the full (redacted) report goes: the server log, never the browser.
        where: what was running (a page's path), for the log.

    Returns:
        The reference the user is shown, which is also in the log line.
    """
    reference = new_reference()
    report = redact("".join(traceback.format_exception(error)))
    logger.error("Unexpected error, reference %s (%s):\n%s", reference, where or "-", report)
    return reference
