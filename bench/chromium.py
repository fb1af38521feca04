"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) for the page tests, benchmark and screenshot.

Never `playwright install`: the browser is the system's, found at $KG_CHROMIUM, on PATH or at /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def executable() -> str | None:
    """The Chromium to drive, or None when this machine has none."""
    for candidate in (os.environ.get("KG_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def missing() -> str | None:
    """Why no browser test can run here (no Chromium, or no Playwright), or None when they can."""
    if executable() is None:
        return "Chromium is absent (apt-get install -y chromium, or set KG_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is absent (pip install -e '.[test]')"
    return None


@contextmanager
def browser() -> Iterator[Browser]:
    """A headless Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    path = executable()
    if path is None:
        raise RuntimeError(missing())
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
