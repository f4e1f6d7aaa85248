"""The smoke test of a deployment: through nginx, configured from docs/deploy/nginx.conf.

nginx runs in the foreground with that very file, only its addresses swapped for the
test's (free ports on 127.0.0.1, a self-signed certificate). Chromium reaches it by the
example's name, suivi.example.org (mapped to 127.0.0.1), as a browser reaches a real
deployment.

In front of two app servers in shared mode on one PostgreSQL database: an editor signs
in through the proxy (the OpenID Connect provider sends the browser back to the proxy's
public address, the `redirect_uri` of both servers, which share one cookie secret); the
page loads over HTTPS, its websocket is upgraded, a small workbook uploads to the
XSRF-protected endpoint with a success status (Streamlit's Starlette server answers 204),
and the change review shows. XSRF stays on: the same upload without the token gets 403.
Each broken proxy fails here: no websocket upgrade, a Host header without the port, no
sticky sessions. Screenshot: `screenshots/proxy-upload.png`.

In front of a server in local mode (no sign-in): every page is refused, with no data,
while the same server answers on 127.0.0.1 (`screenshots/proxy-local-refused.png`).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Playwright, Response, expect

from monitoring.config.settings import Settings
from monitoring.storage import open_store
from monitoring.storage.access import local_actor
from tests.browser.conftest import (
    ROOT,
    OidcProvider,
    _free_port,
    fresh_postgres_database,
    sign_in_with_provider,
    start_app,
    stop_app,
    wait_healthy,
)
from tests.browser.test_two_servers_browser import current_version, settle

TEMPLATE = ROOT / "docs" / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEMO = ROOT / "data" / "demo.xlsx"
HOST = "suivi.example.org"  # the example's server_name
EDITOR, EDITOR_NAME = "erin@coalition.example", "Erin Éditrice"
TIMEOUT = 60_000
MAX_UPLOAD = 50 * 1024 * 1024  # server.maxUploadSize in .streamlit/config.toml
# PUT a file of `size` bytes `times` times to the page's upload address, as the page's own
# uploader does (from the page, so through the browser's name mapping): the statuses.
PUT_FILE = """async ([url, token, times, size]) => {
    const statuses = [];
    for (let i = 0; i < times; i++) {
        const form = new FormData();
        form.append("x.bin", new Blob([new Uint8Array(size)]), "x.bin");
        const headers = token ? {"X-Xsrftoken": token} : {};
        statuses.push((await fetch(url, {method: "PUT", body: form, headers})).status);
    }
    return statuses;
}"""
# nginx's own settings for a foreground run in a folder; the example goes in `http`.
MAIN = """\
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log notice;
{user}
events {{ worker_connections 256; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/plan-monitoring.conf;
}}
"""


@dataclass(frozen=True)
class Proxy:
    url: str  # https://suivi.example.org:<port>
    https_port: int
    http_port: int  # the plain-HTTP server, which only redirects


def proxy_config(
    template: str,
    upstreams: tuple[str, ...],
    https_port: int,
    http_port: int,
    cert: Path,
    key: Path,
) -> str:
    """The deployment example with the test's addresses; each swap must find its lines.

    Args:
        template: the text of docs/deploy/nginx.conf.
        upstreams: `host:port` of each app server.
        https_port, http_port: where nginx listens on 127.0.0.1.
        cert, key: the certificate and its key.
    """
    servers = "".join(f"    server {u};\n" for u in upstreams)
    swaps = [  # (pattern, replacement, lines it must replace)
        (r"^    server 127\.0\.0\.1:8501;\n    server 127\.0\.0\.1:8502;\n", servers, 1),
        (r"^    listen 443 ssl http2;$", f"    listen 127.0.0.1:{https_port} ssl http2;", 1),
        (r"^    listen 80;$", f"    listen 127.0.0.1:{http_port};", 1),
        (r"^    listen \[::\]:.*\n", "", 2),
        (r"^    ssl_certificate .*$", f"    ssl_certificate {cert};", 1),
        (r"^    ssl_certificate_key .*$", f"    ssl_certificate_key {key};", 1),
    ]
    for pattern, replacement, expected in swaps:
        template, found = re.subn(pattern, replacement, template, flags=re.MULTILINE)
        assert found == expected, f"docs/deploy/nginx.conf: {pattern!r} found {found} times"
    return template


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-addext",
         f"subjectAltName=DNS:{HOST},IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _wait_proxied(url: str, cafile: Path, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the app's health check answers through nginx, over verified TLS."""
    context = ssl.create_default_context(cafile=str(cafile))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", context=context, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not proxy in time: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def run_nginx(
    upstreams: tuple[str, ...], folder: Path, https_port: int, http_port: int
) -> Iterator[Proxy]:
    """nginx in the foreground, from docs/deploy/nginx.conf, in front of `upstreams`.

    Args:
        upstreams: the app servers' URLs (`http://127.0.0.1:<port>`).
        folder: an empty folder for nginx's configuration, certificate, logs and buffers.
        https_port, http_port: where nginx listens on 127.0.0.1.
    """
    cert, key = _self_signed(folder)
    hosts = tuple(u.removeprefix("http://") for u in upstreams)
    config = proxy_config(TEMPLATE.read_text(), hosts, https_port, http_port, cert, key)
    (folder / "plan-monitoring.conf").write_text(config)
    # Started as root (as in CI), nginx's workers would switch to `nobody`, who cannot
    # write the request-body folder inside pytest's private temp dir: keep them root.
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(MAIN.format(dir=folder, user=user))
    command = [NGINX, "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t refused the example: {checked.stderr}"
    log = folder / "nginx.out"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_proxied(f"https://127.0.0.1:{https_port}", cert, process, folder / "error.log")
        yield Proxy(f"https://{HOST}:{https_port}", https_port, http_port)
    finally:
        stop_app(process)


@pytest.fixture(scope="module")
def proxy(oidc_provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """nginx in front of two app servers in shared mode on one fresh PostgreSQL database.

    Both servers name the proxy's public address as their `redirect_uri` and share one
    cookie secret (the `[auth]` one, and Streamlit's own), as a deployment's replicas do.
    `EDITOR` may sign in at the provider and is an editor in the database.
    """
    folder = tmp_path_factory.mktemp("nginx-shared")
    https_port, http_port = _free_port(), _free_port()
    cookie_secret = secrets.token_hex(32)
    secrets_file = folder / "secrets.toml"
    redirect_uri = f"https://{HOST}:{https_port}/oauth2callback"
    secrets_file.write_text(oidc_provider.auth_secrets(redirect_uri, cookie_secret))
    oidc_provider.add_user(EDITOR, EDITOR_NAME)
    with fresh_postgres_database() as database:
        env = {
            **os.environ,
            "PLAN_MONITORING_MODE": "shared",
            "PLAN_MONITORING_DATABASE_URL": database,
            "PLAN_MONITORING_STATE_DIR": str(folder / "unused-state"),
            "PLAN_MONITORING_NO_RENDERER": "1",  # no chart images here: no kaleido Chromium
            "PLAN_MONITORING_UNKNOWN_USERS": "refuse",
            "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
        }
        env.pop("PLAN_MONITORING_ADMINS", None)
        args = ("--secrets.files", str(secrets_file))
        started = [start_app(env, log=folder / f"app-{n}.log", args=args) for n in "ab"]
        try:
            # While the servers start (they read the database only once a page runs), the
            # editor's role goes in, as an admin would set it on the command line.
            store = open_store(Settings(database_url=database))
            try:
                store.set_role(EDITOR, "editor", by=local_actor("setup"))
            finally:
                store.close()
            for url, process in started:
                wait_healthy(url, process)
            upstreams = tuple(url for url, _process in started)
            with run_nginx(upstreams, folder, https_port, http_port) as running:
                yield running
        finally:
            stop_app(*(process for _url, process in started))


@pytest.fixture(scope="module")
def local_proxy(app_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """nginx, configured the same way, in front of the local-mode server of `app_url`."""
    folder = tmp_path_factory.mktemp("nginx-local")
    with run_nginx((app_url,), folder, _free_port(), _free_port()) as running:
        yield running


def one_measure_added(path: Path) -> Path:
    """The demo with one measure more (C-M98): an addition whatever version is current."""
    wb = openpyxl.load_workbook(DEMO)
    wb["Mesures"].append(
        ["C-M98", "DEMO-C", 98, "Prévenir et sensibiliser", "Mesure ajoutée (proxy)",
         "Ministère E", dt.datetime(2027, 12, 31), None, None, "Comité de suivi"]
    )  # fmt: skip
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def named_browser(playwright: Playwright, browser_type_launch_args: dict) -> Iterator[Browser]:
    """Debian's Chromium resolving suivi.example.org to 127.0.0.1."""
    rule = f"--host-resolver-rules=MAP {HOST} 127.0.0.1"
    args = {**browser_type_launch_args, "args": [*browser_type_launch_args["args"], rule]}
    browser = playwright.chromium.launch(**args)
    yield browser
    browser.close()


def test_plain_http_only_redirects_to_https(proxy: Proxy) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=5)
    try:
        connection.request("GET", "/upload?dataset=demo", headers={"Host": HOST})
        reply = connection.getresponse()
        assert reply.status == 301
        assert reply.getheader("Location") == f"https://{HOST}/upload?dataset=demo"
    finally:
        connection.close()


def _is_upload(response: Response) -> bool:
    return "/_stcore/upload_file/" in response.url and response.request.method == "PUT"


def test_a_workbook_uploads_through_the_proxy_with_xsrf_on(
    named_browser: Browser, proxy: Proxy, screenshots: Path, tmp_path: Path
) -> None:
    context = named_browser.new_context(
        ignore_https_errors=True, viewport={"width": 1400, "height": 2000}
    )
    try:
        page = context.new_page()
        # Sign in through the proxy: the provider sends the browser back to the proxy's
        # public address, and its callback (through nginx) sets the identity cookie.
        visited: list[str] = []
        page.on("request", lambda request: visited.append(request.url))
        sign_in_with_provider(page, proxy.url, EDITOR)
        assert any(u.startswith(f"{proxy.url}/oauth2callback?") for u in visited), visited
        signed_in = page.get_by_text(f"{EDITOR_NAME} ({EDITOR}) · Éditeur")
        expect(signed_in).to_be_visible(timeout=TIMEOUT)
        settle(page)

        # Streamlit lands on "/" after the sign-in: open the page wanted.
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(f"{proxy.url}/upload?dataset=demo&lang=fr&as_of=2026-11-26")
        expect(page.get_by_role("heading", name="Mettre à jour")).to_be_visible(timeout=TIMEOUT)
        settle(page)
        # The page came over the websocket through nginx (no upgrade, no page).
        assert sockets == [f"{proxy.url.replace('https', 'wss')}/_stcore/stream"]
        # Its script ran behind the proxy's headers: the page says its language.
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        (xsrf,) = [c for c in context.cookies() if c["name"] == "_streamlit_xsrf"]
        assert (xsrf["domain"], xsrf["path"]) == (HOST, "/")
        current = current_version(page)

        workbook = one_measure_added(tmp_path / "mesure-ajoutee.xlsx")
        with page.expect_response(_is_upload, timeout=TIMEOUT) as upload:
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(workbook)
        # Accepted: Streamlit's Starlette server answers 204 (its Tornado server said 200).
        assert upload.value.ok, f"{upload.value.status} {upload.value.text()}"
        assert upload.value.request.header_value("x-xsrftoken")
        review = f"Ce qui change par rapport à la version {current}"
        expect(page.get_by_role("heading", name=review)).to_be_visible(timeout=TIMEOUT)
        added = page.get_by_test_id("stMetric").filter(has_text="Mesures ajoutées")
        expect(added).to_contain_text("1")
        settle(page)
        page.screenshot(path=screenshots / "proxy-upload.png", full_page=True)

        # Sticky sessions: every request of this page reaches the server that holds its
        # session (round robin would send every other one to the other server: 400). XSRF
        # is on behind the proxy: the same request without the token is refused.
        token = xsrf["value"]
        statuses = page.evaluate(PUT_FILE, [upload.value.url, token, 4, 1])
        assert all(200 <= status < 300 for status in statuses), statuses
        assert page.evaluate(PUT_FILE, [upload.value.url, None, 1, 1]) == [403]
        # nginx lets through a file just under the app's limit (50 MB): the app, not the
        # proxy, decides what is too large, and says so in the page.
        (status,) = page.evaluate(PUT_FILE, [upload.value.url, token, 1, MAX_UPLOAD - 2**16])
        assert 200 <= status < 300, status
    finally:
        context.close()


def test_a_local_mode_server_shows_no_data_through_a_proxy(
    named_browser: Browser, local_proxy: Proxy, app_url: str, screenshots: Path
) -> None:
    context = named_browser.new_context(
        ignore_https_errors=True, viewport={"width": 1400, "height": 1000}
    )
    try:
        page = context.new_page()
        # Reached directly on 127.0.0.1, the same server shows its data.
        page.goto(f"{app_url}/?dataset=demo&lang=fr&as_of=2026-11-26")
        heading = page.get_by_role("heading", name="Vue d'ensemble", exact=True)
        expect(heading).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=TIMEOUT)

        # Through the proxy: refused (no sign-in would guard it), and nothing else shown.
        page.goto(f"{local_proxy.url}/?dataset=demo&lang=fr&as_of=2026-11-26")
        refusal = page.get_by_role("alert").get_by_text(
            re.compile(
                r"^Ce serveur est en mode local \(sans connexion\) mais la requête passe "
                r"par un serveur mandataire"
            )
        )
        expect(refusal).to_be_visible(timeout=TIMEOUT)
        settle(page)
        page.screenshot(path=screenshots / "proxy-local-refused.png", full_page=True)
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        expect(heading).to_have_count(0)
    finally:
        context.close()


# --- Security headers and the endpoints closed at the proxy ---------------------------------

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "strict-transport-security": "max-age=31536000",
}


def _fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET `url` (the proxy by its name: sent to 127.0.0.1), without following redirects."""
    host_port = url.split("/")[2]
    port = int(host_port.rsplit(":", 1)[1])
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    if url.startswith("https://"):
        context = ssl._create_unverified_context()  # the test's self-signed certificate
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=10, context=context
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host_port})
        reply = connection.getresponse()
        headers = {name.lower(): value for name, value in reply.getheaders()}
        return reply.status, headers, reply.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "path", ["/", "/upload?dataset=demo", "/_stcore/health", "/_stcore/metrics", "/nowhere.js"]
)
def test_every_answer_through_the_proxy_forbids_framing_and_sniffing_and_pins_https(
    local_proxy: Proxy, path: str
) -> None:
    _status, headers, _body = _fetch(f"{local_proxy.url}{path}")
    assert {name: headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_metrics_and_host_config_of_the_app_are_not_served_through_the_proxy(
    local_proxy: Proxy, app_url: str
) -> None:
    # The app server itself answers both (operators read them there, on 127.0.0.1).
    status, _headers, _body = _fetch(f"{app_url}/_stcore/metrics")
    assert status == 200
    status, _headers, body = _fetch(f"{app_url}/_stcore/host-config")
    app_config = json.loads(body)
    assert status == 200 and app_config["allowedOrigins"]  # Streamlit's default list
    # Through the proxy, without any sign-in: metrics refused, the host configuration the
    # proxy's own (the same keys as the app's, so the page works; no allowed origins).
    status, _headers, body = _fetch(f"{local_proxy.url}/_stcore/metrics")
    assert status == 403 and b"streamlit" not in body.lower()
    status, headers, body = _fetch(f"{local_proxy.url}/_stcore/host-config")
    proxied = json.loads(body)
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert proxied == {**app_config, "allowedOrigins": []}


def test_a_page_of_another_site_cannot_show_the_app_in_a_frame(
    named_browser: Browser, local_proxy: Proxy, app_url: str
) -> None:
    context = named_browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        # Directly from the app server (no proxy headers), a frame shows the app: the
        # check below can see the difference.
        page.goto(f"{app_url}/_stcore/health")
        page.set_content(f'<iframe id="direct" src="{app_url}/"></iframe>')
        direct = page.frame_locator("#direct")
        expect(direct.get_by_test_id("stApp")).to_have_count(1, timeout=TIMEOUT)
        with page.expect_response(lambda r: r.url == f"{local_proxy.url}/") as answer:
            page.set_content(f'<iframe id="proxied" src="{local_proxy.url}/"></iframe>')
        assert answer.value.ok  # the proxy answered; the browser then refuses to show it
        (frame,) = [f for f in page.frames if f != page.main_frame]
        deadline = time.monotonic() + 30
        while not frame.url and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        # Chromium shows its own error page in the frame instead of the app.
        assert frame.url.startswith("chrome-error://"), frame.url
        expect(page.frame_locator("#proxied").get_by_test_id("stApp")).to_have_count(0)
    finally:
        context.close()
