"""Fixtures for tests of the built book: a local server and Debian's Chromium driven by Playwright.

The book must be built first (``make build``); these tests read ``_build/html``. Chromium comes from
Debian (``/usr/bin/chromium``, installed by ``scripts/install-chromium.sh``); Playwright never
downloads a browser here.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def site_pages() -> list[str]:
    """Every HTML page of the built site, as paths relative to its root (the index redirect excluded)."""
    if not (HTML / "index.html").is_file():
        pytest.fail(f"{HTML / 'index.html'} is missing: run `make build` before the site tests")
    skip = {"index.html", "genindex.html", "search.html"}
    return sorted(
        str(p.relative_to(HTML))
        for p in HTML.rglob("*.html")
        if str(p.relative_to(HTML)) not in skip and not {"_static", "_sources", "slides"} & set(p.parts)
    )


def slide_decks() -> list[str]:
    """Every chapter's lecture deck (``slides/<slug>.html``), relative to the site root."""
    return sorted(str(p.relative_to(HTML)) for p in (HTML / "slides").glob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url() -> str:
    """Serve ``_build/html`` on 127.0.0.1 at a free port for the whole session."""
    if not (HTML / "index.html").is_file():
        pytest.fail(f"{HTML / 'index.html'} is missing: run `make build` before the site tests")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Point pytest-playwright at Debian's Chromium."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/install-chromium.sh` (make test does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


class PageRecorder:
    """Collects console errors, page errors and requests to non-local hosts for one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.route("**/*", self._route)

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append(f"console error: {msg.text}")

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@pytest.fixture
def recorded_page(page):
    """A Playwright page that records errors and blocks (and records) any non-local request."""
    page.recorder = PageRecorder(page)
    return page
