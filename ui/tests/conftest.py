"""One live Trackline server seeded through the Python SDK, one Chromium, for every UI test."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from playwright.sync_api import BrowserContext, Page

from browser import chromium
from seed import Seeded, seed

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "ui-screenshots"
TRACKLINE = os.environ.get("TRACKLINE_BIN") or str(Path(sys.executable).with_name("trackline"))
DIST = ROOT / "server" / "trackline_server" / "ui_dist" / "index.html"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(work: Path, extra: list[str] | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """A Trackline server on a free port with its database, artifacts and log in `work`."""
    if not DIST.is_file():
        pytest.fail(f"the UI is not built ({DIST} is missing): run make ui")
    port = _free_port()
    log = work / "server.log"
    cmd = [TRACKLINE, "server", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    cmd += ["--backend-store-uri", f"sqlite:///{work}/ui.db", "--artifacts-destination", str(work / "artifacts")]
    cmd += extra or []
    proc = subprocess.Popen(
        cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited:\n{log.read_text()}")
            try:
                if requests.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "Traceback" not in log.read_text(), log.read_text()


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _server(tmp_path_factory.mktemp("ui-server")) as url:
        yield url


@dataclass(frozen=True)
class AuthServer:
    url: str
    admin: tuple[str, str]


@pytest.fixture(scope="session")
def auth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthServer]:
    """A second server, with authentication on (`--auth`); its admin is `admin`."""
    password = f"admin-{secrets.token_urlsafe(12)}"
    extra = ["--auth", "--admin-username", "admin"]
    with _server(tmp_path_factory.mktemp("ui-auth-server"), extra, {"TRACKLINE_ADMIN_PASSWORD": password}) as url:
        yield AuthServer(url, ("admin", password))


@pytest.fixture(scope="session")
def seeded(server_url: str) -> Seeded:
    return seed(server_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[BrowserContext]:
    with chromium() as context:
        yield context


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: BrowserContext) -> Iterator[Page]:
    """A new tab. The test fails if the page asks any host but its server, or throws. A test
    using `auth_server` talks to that server; any other to `server_url`."""
    if "auth_server" in request.fixturenames:
        server = request.getfixturevalue("auth_server").url
    else:
        server = request.getfixturevalue("server_url")
    tab = browser.new_page()
    outside: list[str] = []
    errors: list[str] = []
    allowed = urlparse(server).netloc
    tab.on("request", lambda r: None if urlparse(r.url).netloc in (allowed, "") else outside.append(r.url))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.set_default_timeout(10_000)
    yield tab
    tab.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"uncaught errors in the page: {errors}"


def open_page(page: Page, server_url: str, route: str) -> Page:
    """Open a hash route (`#/experiments/1`) and wait for the app to render it."""
    page.goto(f"{server_url}/{route}")
    page.wait_for_selector("main > *")
    return page


def shot(page: Page, name: str) -> Path:
    """Save a screenshot of the page under build/ui-screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
