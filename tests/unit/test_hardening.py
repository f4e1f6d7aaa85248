"""The deployment's safety checks: Streamlit options, sign-in secrets, secrets kept out of
git, openpyxl through defusedxml, and passwords redacted from the log."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import subprocess
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl.xml
import pytest

from monitoring.config import hardening
from monitoring.config.hardening import (
    EXAMPLE_COOKIE_SECRET,
    Problem,
    check_config,
    check_xml_protection,
    format_problems,
    is_loopback,
    log_failure,
    redact,
)
from monitoring.config.settings import Limits, Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / ".streamlit" / "secrets.example.toml"
LOCAL = Settings()
SHARED = Settings(mode="shared")
STRONG = secrets.token_hex(32)
# Options as the committed .streamlit/config.toml sets them.
SAFE_OPTIONS: dict[str, Any] = {
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.maxUploadSize": 50,
    "client.showErrorDetails": "none",
    "server.address": "127.0.0.1",
}
GOOD_AUTH: dict[str, Any] = {
    "redirect_uri": "https://suivi.example.org/oauth2callback",
    "cookie_secret": STRONG,
    "client_id": "plan-monitoring",
    "client_secret": "s3cr3t-from-the-provider",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


def options(**changed: Any) -> Any:
    """A `get_option` reading SAFE_OPTIONS, with some changed (`server_address=…`)."""
    values = {**SAFE_OPTIONS, **{k.replace("_", ".", 1): v for k, v in changed.items()}}
    return values.__getitem__


def keys(problems: list[Problem]) -> list[str]:
    return [p.key for p in problems]


def shared(auth: Mapping[str, Any] | None) -> list[Problem]:
    """Problems of a shared deployment with safe options and this [auth] section."""
    return check_config(options(), SHARED, {} if auth is None else {"auth": auth})


# --- The committed Streamlit configuration ------------------------------------------------

EFFECTIVE = """
import json
from streamlit import config
names = [
    "server.enableXsrfProtection", "server.enableCORS", "server.maxUploadSize",
    "client.showErrorDetails", "server.address", "server.cookieSecret",
]
print(json.dumps({
    "values": {n: config.get_option(n) for n in names},
    "where": {n: config.get_where_defined(n) for n in names},
}))
"""


@pytest.fixture(scope="module")
def effective(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The options Streamlit reads in the project folder, parsed by Streamlit itself.

    In a fresh process, with an empty home folder and no STREAMLIT_* variables, so only
    the committed `.streamlit/config.toml` (and Streamlit's defaults) count.
    """
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", EFFECTIVE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.scale
def test_the_committed_config_passes_every_check_in_local_mode(effective):
    values = effective["values"]

    assert check_config(values.__getitem__, LOCAL, {}) == []


def test_the_checked_options_come_from_the_committed_config_file(effective):
    # Streamlit's defaults would fail the checks (no address, 200 MB, full error details):
    # passing means the file was read.
    committed = str(ROOT / ".streamlit" / "config.toml")
    assert set(SAFE_OPTIONS) == set(hardening.OPTIONS)
    for name in SAFE_OPTIONS:
        assert effective["where"][name] == committed, name
    assert effective["values"]["server.address"] == "127.0.0.1"


def test_no_cookie_secret_is_committed_in_the_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))

    assert "cookieSecret" not in config.get("server", {})


def test_the_default_streamlit_options_would_be_refused():
    defaults = {
        "server.enableXsrfProtection": True,
        "server.enableCORS": True,
        "server.maxUploadSize": 200,
        "client.showErrorDetails": "full",
        "server.address": None,
    }
    assert keys(check_config(defaults.__getitem__, LOCAL, {})) == [
        "hardening.upload_too_large",
        "hardening.error_details",
        "hardening.local_address_unset",
    ]


# --- Each unsafe option -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("server.enableXsrfProtection", False, "hardening.xsrf_off"),
        ("server.enableXsrfProtection", "false", "hardening.xsrf_off"),
        ("server.enableCORS", False, "hardening.cors_off"),
        ("server.maxUploadSize", 51, "hardening.upload_too_large"),
        ("server.maxUploadSize", 200, "hardening.upload_too_large"),
        ("server.maxUploadSize", None, "hardening.upload_missing"),
        ("client.showErrorDetails", "full", "hardening.error_details"),
        ("client.showErrorDetails", "stacktrace", "hardening.error_details"),
        ("client.showErrorDetails", "type", "hardening.error_details"),
        ("client.showErrorDetails", False, "hardening.error_details"),  # legacy: stacktrace
        ("client.showErrorDetails", True, "hardening.error_details"),
        ("server.address", "0.0.0.0", "hardening.local_address"),
        ("server.address", "::", "hardening.local_address"),
        ("server.address", "192.168.1.20", "hardening.local_address"),
        ("server.address", "suivi.example.org", "hardening.local_address"),
        ("server.address", None, "hardening.local_address_unset"),
        ("server.address", "", "hardening.local_address_unset"),
    ],
)
def test_each_unsafe_option_is_reported_alone(name, value, key):
    get = {**SAFE_OPTIONS, name: value}.__getitem__

    assert keys(check_config(get, LOCAL, {})) == [key]


def test_every_unsafe_option_is_reported_at_once():
    get = options(
        server_enableXsrfProtection=False, server_enableCORS=False, server_maxUploadSize=500,
        client_showErrorDetails="full", server_address="0.0.0.0",
    )  # fmt: skip
    assert keys(check_config(get, LOCAL, {})) == [
        "hardening.xsrf_off",
        "hardening.cors_off",
        "hardening.upload_too_large",
        "hardening.error_details",
        "hardening.local_address",
    ]


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"])
def test_local_mode_accepts_every_loopback_address(address):
    assert check_config(options(server_address=address), LOCAL, {}) == []
    assert is_loopback(address)


def test_shared_mode_may_listen_on_the_network():
    get = options(server_address="0.0.0.0")

    assert check_config(get, SHARED, {"auth": GOOD_AUTH}) == []


def test_the_upload_limit_follows_the_apps_own_limit():
    ten = Settings(limits=Limits(max_file_bytes=10 * 1024 * 1024))

    [problem] = check_config(options(), ten, {})
    assert problem == Problem("hardening.upload_too_large", {"size": 50, "limit": 10})
    assert "50" in problem.message("fr") and "10" in problem.message("en")
    assert check_config(options(server_maxUploadSize=10), ten, {}) == []


def test_messages_name_the_option_and_what_to_do_in_both_languages():
    [problem] = check_config(options(server_address="0.0.0.0"), LOCAL, {})

    fr, en = problem.message("fr"), problem.message("en")
    assert "0.0.0.0" in fr and "127.0.0.1" in fr and "mode partagé" in fr
    assert "0.0.0.0" in en and "127.0.0.1" in en and "shared mode" in en
    text = format_problems([problem], "en")
    assert text.startswith("The app refuses to start") and f"- {en}" in text


# --- Sign-in secrets (shared mode) ------------------------------------------------------


def test_a_complete_auth_section_passes():
    assert shared(GOOD_AUTH) == []


def test_a_named_provider_table_is_accepted_as_st_login_accepts_it():
    top = {k: GOOD_AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: GOOD_AUTH[k] for k in hardening.PROVIDER_KEYS}

    assert shared({**top, "keycloak": provider}) == []
    assert shared({**top, "keycloak": provider, "microsoft": provider}) == []


def test_client_kwargs_is_not_taken_for_a_provider():
    assert shared({**GOOD_AUTH, "client_kwargs": {"prompt": "select_account"}}) == []


def test_shared_mode_without_auth_section_is_refused_local_mode_is_not():
    assert keys(shared(None)) == ["hardening.auth_missing"]
    assert keys(shared({})) == ["hardening.auth_missing"]
    assert check_config(options(), LOCAL, {}) == []


@pytest.mark.parametrize("key", ["redirect_uri", "cookie_secret"])
def test_a_missing_redirect_uri_or_cookie_secret_is_named(key):
    auth = {k: v for k, v in GOOD_AUTH.items() if k != key}

    assert shared(auth) == [Problem("hardening.auth_key_missing", {"key": key})]
    assert shared({**auth, key: "  "}) == [Problem("hardening.auth_key_missing", {"key": key})]


def test_an_auth_section_without_provider_is_refused():
    auth = {k: GOOD_AUTH[k] for k in ("redirect_uri", "cookie_secret")}

    assert keys(shared(auth)) == ["hardening.auth_provider_missing"]


def test_an_incomplete_provider_names_what_it_lacks():
    top = {k: v for k, v in GOOD_AUTH.items() if k != "server_metadata_url"}
    assert shared(top) == [
        Problem(
            "hardening.auth_provider_incomplete",
            {"provider": "default", "keys": "server_metadata_url"},
        )
    ]
    base = {k: GOOD_AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    named = shared({**base, "google": {"client_id": "x"}})
    assert named == [
        Problem(
            "hardening.auth_provider_incomplete",
            {"provider": "google", "keys": "client_secret, server_metadata_url"},
        )
    ]
    assert "google" in named[0].message("fr") and "client_secret" in named[0].message("en")


def test_a_provider_name_with_an_underscore_is_refused_as_streamlit_would():
    base = {k: GOOD_AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: GOOD_AUTH[k] for k in hardening.PROVIDER_KEYS}

    assert keys(shared({**base, "entra_id": provider})) == ["hardening.auth_provider_name"]


def test_a_cookie_secret_shorter_than_32_characters_is_refused():
    assert shared({**GOOD_AUTH, "cookie_secret": "x" * 31}) == [
        Problem("hardening.cookie_secret_short", {"length": 31, "minimum": 32})
    ]
    assert shared({**GOOD_AUTH, "cookie_secret": "x" * 32}) == []


def test_the_example_cookie_secret_is_refused_in_either_mode():
    auth = {**GOOD_AUTH, "cookie_secret": EXAMPLE_COOKIE_SECRET}

    assert keys(shared(auth)) == ["hardening.cookie_secret_placeholder"]
    local = check_config(options(), LOCAL, {"auth": auth})
    assert keys(local) == ["hardening.cookie_secret_placeholder"]


@pytest.mark.parametrize(
    "uri",
    [
        "http://suivi.example.org/oauth2callback",
        "http://0.0.0.0:8501/oauth2callback",
        "ftp://suivi.example.org/oauth2callback",
        "suivi.example.org/oauth2callback",
    ],
)
def test_a_redirect_uri_that_is_not_https_is_refused_off_this_computer(uri):
    assert keys(shared({**GOOD_AUTH, "redirect_uri": uri})) == ["hardening.redirect_uri_https"]


@pytest.mark.parametrize(
    "uri",
    [
        "http://localhost:8501/oauth2callback",
        "http://127.0.0.1:{port}/oauth2callback",
        "http://[::1]:8501/oauth2callback",
        "https://suivi.example.org/tableau/oauth2callback",
    ],
)
def test_a_loopback_http_redirect_uri_is_accepted(uri):
    assert shared({**GOOD_AUTH, "redirect_uri": uri}) == []


def test_a_redirect_uri_must_end_with_the_callback_path():
    auth = {**GOOD_AUTH, "redirect_uri": "https://suivi.example.org/"}

    assert keys(shared(auth)) == ["hardening.redirect_uri_path"]


# --- The committed example of secrets.toml -------------------------------------------------


def test_the_example_secrets_file_is_refused_as_it_is():
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))

    assert example["auth"]["cookie_secret"] == EXAMPLE_COOKIE_SECRET
    assert keys(check_config(options(), SHARED, example)) == ["hardening.cookie_secret_placeholder"]


def test_the_example_secrets_file_passes_once_its_cookie_secret_is_replaced():
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    example["auth"]["cookie_secret"] = STRONG

    assert check_config(options(), SHARED, example) == []


def test_the_example_names_the_keycloak_entra_and_google_metadata_urls():
    text = EXAMPLE.read_text(encoding="utf-8")

    assert "/realms/" in text  # Keycloak
    assert "login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration" in text
    assert "accounts.google.com/.well-known/openid-configuration" in text


# --- Secrets stay out of git --------------------------------------------------------------


def git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=60
    )


ALLOWED_SECRET_NAMES = {".streamlit/secrets.example.toml"}


def _secret_like(path: str) -> bool:
    """A file whose name says it holds secrets (code about secrets, `*.py`, is fine)."""
    name = path.rsplit("/", 1)[-1].lower()
    return "secret" in name and not name.endswith(".py") and path not in ALLOWED_SECRET_NAMES


@pytest.mark.subprocess
def test_git_tracks_no_secrets_file():
    tracked = git("ls-files", "-z")
    assert tracked.returncode == 0, tracked.stderr
    paths = [p for p in tracked.stdout.split("\0") if p]

    assert paths, "git ls-files listed nothing: not the project's repository?"
    assert [p for p in paths if _secret_like(p)] == []


@pytest.mark.subprocess
def test_no_secrets_file_waits_to_be_added_either():
    others = git("ls-files", "-z", "--others", "--exclude-standard")
    assert others.returncode == 0, others.stderr

    assert [p for p in others.stdout.split("\0") if p and _secret_like(p)] == []


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "path",
    [".streamlit/secrets.toml", "secrets.toml", "deploy/secrets.prod.toml", "prod.secrets.toml"],
)
def test_gitignore_keeps_secrets_files_out(path):
    assert git("check-ignore", "-q", "--no-index", path).returncode == 0, path


@pytest.mark.subprocess
def test_gitignore_lets_the_example_in():
    result = git("check-ignore", "-q", "--no-index", ".streamlit/secrets.example.toml")

    assert result.returncode == 1, result.stderr


# --- openpyxl through defusedxml ------------------------------------------------------------


def test_openpyxl_reads_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True
    assert check_xml_protection() is None


def test_xml_without_defusedxml_is_reported(monkeypatch):
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)

    problem = check_xml_protection()
    assert problem == Problem("hardening.xml_unprotected")
    assert "defusedxml" in problem.message("fr") and "defusedxml" in problem.message("en")


@pytest.mark.subprocess
def test_a_lowercase_openpyxl_defusedxml_variable_is_reported():
    """Case 16: `OPENPYXL_DEFUSEDXML=true` silently turns the protection off in openpyxl."""
    code = "from monitoring.config.hardening import check_xml_protection as c; print(c().key)"
    env = {**os.environ, "OPENPYXL_DEFUSEDXML": "true"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "hardening.xml_unprotected"


# --- Redaction --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://user:secret@host/db", "postgresql://user:***@host/db"),
        (
            "could not connect to postgresql+psycopg://app:Tr0ub4dor@db.example.org:5432/plan",
            "could not connect to postgresql+psycopg://app:***@db.example.org:5432/plan",
        ),
        ("postgres://u:p@ss@h/db and more", "postgres://u:***@h/db and more"),
        ("redis://:token-only@cache:6379/0", "redis://:***@cache:6379/0"),
        (
            "'postgresql://a:b@h/x', 'mysql://c:d@k/y'",
            "'postgresql://a:***@h/x', 'mysql://c:***@k/y'",
        ),
        (
            "host=db user=app password=hunter2 dbname=plan",
            "host=db user=app password=*** dbname=plan",
        ),
        ('cookie_secret = "abcdef0123"', 'cookie_secret = "***"'),
        ("PGPASSWORD=hunter2 psql", "PGPASSWORD=*** psql"),
    ],
)
def test_redact_hides_passwords(text, expected):
    assert redact(text) == expected
    assert redact(redact(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://user@host/db",
        "sqlite:////var/lib/plan/plan-monitoring.sqlite",
        "https://suivi.example.org:8443/oauth2callback?x=a@b",
        "Feuille « Mesures », ligne 14 : statut inconnu",
    ],
)
def test_redact_leaves_text_without_password_alone(text):
    assert redact(text) == text


def test_log_failure_logs_the_redacted_traceback_under_the_reference_it_returns(caplog):
    logger = logging.getLogger("test_hardening")
    try:
        raise RuntimeError("cannot reach postgresql://app:hunter2@db/plan")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR, logger="test_hardening"):
            reference = log_failure(error, logger, "overview")

    assert re.fullmatch(r"[0-9a-f]{8}", reference)
    [record] = [r for r in caplog.records if r.name == "test_hardening"]
    logged = record.getMessage()
    assert reference in logged and "overview" in logged
    assert "Traceback" in logged and "RuntimeError" in logged
    assert "postgresql://app:***@db/plan" in logged and "hunter2" not in logged
