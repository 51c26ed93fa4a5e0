"""The pinned Playwright drives the Chromium that Debian installed."""

from __future__ import annotations

import re
import subprocess
from importlib.metadata import version
from pathlib import Path

from playwright.sync_api import BrowserContext

from browser import CHROMIUM

PINNED = re.search(r"^playwright==(\S+)$", (Path(__file__).with_name("requirements.txt")).read_text(), re.M)


def test_pinned_playwright_drives_the_installed_chromium(browser: BrowserContext) -> None:
    assert PINNED and version("playwright") == PINNED.group(1)
    installed = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True).stdout
    major = re.search(r"(\d+)\.\d+\.\d+\.\d+", installed)
    assert major, installed
    assert browser.browser is not None
    assert browser.browser.version.split(".")[0] == major.group(1)
    page = browser.new_page()
    try:
        page.set_content("<button onclick=\"this.textContent='clicked'\">click me</button>")
        page.click("button")
        assert page.text_content("button") == "clicked"
    finally:
        page.close()
