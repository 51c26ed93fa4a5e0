"""Headless Chromium from Debian, driven by Playwright: the one place that knows how to start it.

Playwright never downloads a browser here; it drives ``/usr/bin/chromium`` with a fresh profile
and the flags that keep Chromium off the network (this machine has none but loopback).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import BrowserContext, sync_playwright

CHROMIUM = os.environ.get("TRACKLINE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}


@contextmanager
def chromium() -> Iterator[BrowserContext]:
    """A browser context of Debian's Chromium on a new, empty profile (removed afterwards)."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (make install-ui)")
    profile = tempfile.mkdtemp(prefix="trackline-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=FLAGS, viewport=VIEWPORT
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
