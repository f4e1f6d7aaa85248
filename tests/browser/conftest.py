"""Real-browser tests: the app served by `streamlit run`, driven by Debian's Chromium.

Playwright cannot download its own browser here; it drives `/usr/bin/chromium`. Without
Chromium the tests fail, saying what to install (`make test` installs it as root): none
may be skipped.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect
from psycopg import sql

from monitoring.config.settings import Settings, normalise_database_url
from monitoring.contract.schema import LANGS
from monitoring.intake.reading import Upload
from monitoring.services.importing import import_upload
from monitoring.storage import Store, open_store
from monitoring.storage.access import local_actor
from monitoring.text.i18n import t

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-sync", "--disable-quic",
]  # fmt: skip
SIGN_IN_TIMEOUT = 60_000  # ms: the sign-in page's first run, the provider's round trip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One worker runs every browser test, so they share one app server.
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("browser"))
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # The proxy test fails, never skips, without nginx (`make test` installs it as root);
    # checked before any fixture, so that none can skip first.
    if item.path.name == "test_proxy_browser.py" and not (
        shutil.which("nginx") or Path("/usr/sbin/nginx").exists()
    ):
        pytest.fail(
            "nginx is not installed: `sudo apt-get install -y nginx` (or `sudo make system-deps`)",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's Chromium is not installed: `sudo apt-get install -y chromium` "
            "(or `sudo make system-deps`)"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROME_ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the app server exited during start-up")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the app server did not become healthy in time")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # A fresh version store, seeded by the app with the shipped datasets.
    env = {**os.environ, "PLAN_MONITORING_STATE_DIR": str(tmp_path_factory.mktemp("state"))}
    env.pop("PLAN_MONITORING_DATABASE_URL", None)
    # With its chart renderer, as a deployment has it (the AppTest files' conftest sets
    # "no renderer" in a worker that collected them): the Overview draws its chart images.
    env.pop("PLAN_MONITORING_NO_RENDERER", None)
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, time.monotonic() + 60)
        yield url
    finally:
        stop_app(process)


# The text before the reference number of the reference-only error box
# (`views.errors.reporting_errors`), in each language.
INTERNAL_ERROR_PREFIXES = [
    t("errors.internal", lang, ref="\x00").split("\x00")[0] for lang in LANGS
]


def expect_no_error_alert(page: Page, *, any_error: bool = True) -> None:
    """Fail when the page shows that it failed: an exception box or the reference box.

    Call it once the page is drawn (its status widget gone). Streamlit marks an exception
    `stException` and an `st.error` box `stAlertContentError`.

    Args:
        any_error: also fail on any other error box (the default: a page visited with
            good data shows none); False where the test itself provokes one (a refused
            file, a refused account) and only failures count.
    """
    expect(page.get_by_test_id("stException")).to_have_count(0)
    errors = page.get_by_test_id("stAlertContentError")
    if any_error:
        expect(errors).to_have_count(0)
    for prefix in INTERNAL_ERROR_PREFIXES:
        expect(errors.filter(has_text=prefix)).to_have_count(0)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


# --- Several app servers on one PostgreSQL database (shared deployments) ---------------

# The local server of this project's machines; `PLAN_MONITORING_TEST_DATABASE_URL` names
# another one (its database is only used to create and drop the test's own database).
PG_VARIABLE = "PLAN_MONITORING_TEST_DATABASE_URL"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def start_app(
    env: Mapping[str, str],
    port: int | None = None,
    *,
    log: Path | None = None,
    args: Sequence[str] = (),
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start `streamlit run dashboard.py` on 127.0.0.1 and return its URL and process.

    It does not wait for the server: start several, then `wait_healthy` on each, so they
    start at once. Stop it with `stop_app`.

    Args:
        env: the whole environment of the server (settings come from it).
        port: the port to listen on; a free one when None.
        log: where the server's output goes (discarded when None).
        args: more `streamlit run` options, e.g. `("--secrets.files", path)`.
    """
    port = port or _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *args,
    ]  # fmt: skip
    with log.open("wb") if log is not None else open(os.devnull, "wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=dict(env)
        )
    return f"http://127.0.0.1:{port}", process


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Wait until the server answers its health check; raise if it exits or is too slow."""
    _wait_healthy(url, process, time.monotonic() + timeout)


def stop_app(*processes: subprocess.Popen[bytes]) -> None:
    """Stop servers (all asked at once, so their shutdowns overlap); kill a stuck one."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def app_holding(state: Path, data: bytes, prefix: str) -> Iterator[tuple[str, str]]:
    """The dashboard on a fresh store in `state` holding one dataset imported from the
    workbook `data` (key `<prefix>-<random>`), chart images off: (its URL, the key)."""
    store, key = open_store(Settings(state_dir=state)), f"{prefix}-{uuid.uuid4().hex[:8]}"
    try:
        result = import_upload(
            store, key, [Upload("demo.xlsx", data)], author="t", note="n",
            actor=local_actor("tests"),
        )  # fmt: skip
        assert result.status == "stored", result.message("en")
    finally:
        store.close()
    env = {**os.environ, "PLAN_MONITORING_STATE_DIR": str(state),
           "PLAN_MONITORING_NO_RENDERER": "1"}  # fmt: skip
    env.pop("PLAN_MONITORING_DATABASE_URL", None)
    url, process = start_app(env, log=state / "streamlit.log")
    try:
        wait_healthy(url, process)
        yield url, key
    finally:
        stop_app(process)


def _unreachable(message: str) -> NoReturn:
    # In CI none of these tests may be skipped: a missing server is a failure there.
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: these tests may not be skipped)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The SQLAlchemy URL of a fresh, empty PostgreSQL database, dropped at the end."""
    with fresh_postgres_database() as url:
        yield url


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (its SQLAlchemy URL), dropped on leaving.

    Skips (fails in CI) when the test server is unreachable.
    """
    base = sa.make_url(normalise_database_url(os.environ.get(PG_VARIABLE) or PG_DEFAULT))
    conninfo = base.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        admin = psycopg.connect(conninfo, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        _unreachable(
            f"PostgreSQL is not reachable at {base.host}:{base.port or 5432} ({exc}); "
            f"start it or name another server in {PG_VARIABLE}"
        )
    name = f"pm_{uuid.uuid4().hex[:16]}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(drop.format(sql.Identifier(name)))


@dataclass(frozen=True)
class SharedServers:
    """Two app servers on one PostgreSQL database, as a shared deployment runs them."""

    urls: tuple[str, str]  # server A, server B
    database_url: str  # SQLAlchemy URL of their database

    def store(self) -> Store:
        """The version store both servers use; close it after use."""
        return open_store(Settings(database_url=self.database_url))


@pytest.fixture(scope="session")
def shared_servers(
    postgres_database: str, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SharedServers]:
    """Two `streamlit run dashboard.py` on one fresh PostgreSQL database, started at once.

    Both first runs (which migrate and seed the empty database) are started together
    from two browser pages, so the seeding race of a real deployment's first minute
    happens here; `test_two_servers_browser` checks that it stored each dataset once.
    """
    env = {
        **os.environ,
        "PLAN_MONITORING_DATABASE_URL": postgres_database,
        "PLAN_MONITORING_STATE_DIR": str(tmp_path_factory.mktemp("unused-state")),
        "PLAN_MONITORING_NO_RENDERER": "1",  # no chart images here: no kaleido Chromium
        # Identical on every replica, as a deployment sets it (not as a CLI flag: refused).
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
    }
    logs = tmp_path_factory.mktemp("shared-servers")
    started = [start_app(env, log=logs / f"{name}.log") for name in ("a", "b")]
    try:
        for url, process in started:
            wait_healthy(url, process)
        servers = SharedServers((started[0][0], started[1][0]), postgres_database)
        context = browser.new_context()
        try:
            pages = [context.new_page() for _ in started]
            for page, url in zip(pages, servers.urls, strict=True):
                page.goto(f"{url}/?lang=fr", wait_until="commit")
            for page in pages:
                heading = page.get_by_role("heading", name="Vue d'ensemble")
                heading.wait_for(timeout=90_000)
        finally:
            context.close()
        yield servers
    finally:
        stop_app(*(process for _url, process in started))


# --- An OpenID Connect provider, for shared mode's sign-in ------------------------------


@dataclass(frozen=True)
class OidcProvider:
    """`oidc-provider-mock` on 127.0.0.1: discovery, its sign-in form, tokens, userinfo.

    Any client id and secret are accepted. A user signs in by typing their e-mail address
    as "sub" in the provider's form; `add_user` first gives that address its claims.
    """

    url: str  # http://127.0.0.1:<port>

    def add_user(
        self, email: str, name: str, *, sub: str | None = None, verified: bool | None = True
    ) -> None:
        """Let an account sign in, with `email` and `name` as claims.

        Args:
            email: its `email` claim; also its subject (what is typed in the provider's
                form) unless `sub` is given.
            name: its `name` claim.
            sub: its subject, when not its address.
            verified: its `email_verified` claim; None leaves the claim out.
        """
        claims: dict[str, object] = {"email": email, "name": name}
        if verified is not None:
            claims["email_verified"] = verified
        request = urllib.request.Request(
            f"{self.url}/users/{urllib.parse.quote(sub or email)}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as reply:
            assert reply.status < 300, f"the provider refused {sub or email}: {reply.status}"

    def auth_secrets(self, redirect_uri: str, cookie_secret: str) -> str:
        """The `[auth]` section of a secrets file (`--secrets.files`) signing in here."""
        return (
            "[auth]\n"
            f'redirect_uri = "{redirect_uri}"\n'
            f'cookie_secret = "{cookie_secret}"\n'
            'client_id = "plan-monitoring"\n'
            'client_secret = "test-secret"\n'
            f'server_metadata_url = "{self.url}/.well-known/openid-configuration"\n'
        )


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """The OpenID Connect provider in its own process, shared by every shared-mode test.

    Plain HTTP on 127.0.0.1: Authlib accepts loopback addresses over HTTP (RFC 8252), and
    the provider turns Authlib's transport check off for itself.
    """
    port = _free_port()
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield OidcProvider(url)
    finally:
        stop_app(process)


def sign_in_with_provider(page: Page, app_url: str, email: str) -> None:
    """Sign in on the app at `app_url` (its public address) through the provider's form.

    Leaves `page` on the app's address, where Streamlit sends it after the sign-in; the
    caller checks who is signed in (a failed sign-in lands there too, on the sign-in page).
    """
    page.goto(f"{app_url}/")
    page.get_by_role("button", name="Se connecter").click(timeout=SIGN_IN_TIMEOUT)
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**", timeout=SIGN_IN_TIMEOUT)
