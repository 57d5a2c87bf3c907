"""Debian's Chromium driven by Playwright (pip), for the browser tests and `make screenshots`.

Playwright's own browser download (`playwright install`) is never used: the system Chromium is
launched with the flags a closed network needs (no background requests, no component updates).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["CHROMIUM", "FLAGS", "chromium"]

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (a Playwright Browser) with a fresh, empty profile."""
    if not CHROMIUM.exists():
        raise RuntimeError(
            "未找到 Chromium no /usr/bin/chromium: run `bash .ci/browser-deps` (as root) to install the Debian "
            "packages chromium and fonts-noto-cjk"
        )
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pa-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=list(FLAGS), headless=True,
            viewport={"width": 1280, "height": 800},
        )  # fmt: skip
        try:
            yield context
        finally:
            context.close()
