"""Browser fixtures: the app served for real on 127.0.0.1, and a page in headless system Chromium.

The served app is the `app` fixture's (so browser tests run on SQLite and on PostgreSQL) with CSRF switched
ON, as in production. Chromium is Debian's /usr/bin/chromium driven by Playwright; no browser is downloaded.
"""
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=zh-CN"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
IN_CI = os.environ.get("CI") == "true"


def _need_chromium():
    if os.access(CHROMIUM, os.X_OK):
        return
    message = f"{CHROMIUM} is missing: install it with `make browser` (apt-get install chromium fonts-noto-cjk)"
    if IN_CI:
        pytest.fail("CI=true: " + message, pytrace=False)
    pytest.skip(message)


@pytest.fixture
def live_server(app):
    """Serve `app` on a free port in a background thread; yields its base URL."""
    app.config["WTF_CSRF_ENABLED"] = True
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies) per test, in Chinese, with a desktop-sized window."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def screenshot(request, backend):
    """Save a full-page picture as test-artifacts/<test-name>-<backend>.png; returns its path."""
    def take(pg) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.originalname}-{backend}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path
    return take
