import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread


class _SerialWSGIServer(WSGIServer):
    """The live server, answering one request at a time.

    On an in-memory SQLite database every thread of the live server shares
    the test's one connection. Two request threads using it at once can
    deadlock inside CPython's sqlite3 module: one holds the connection's
    mutex while it waits for the GIL to run a Django SQL function, the other
    holds the GIL while it waits for the mutex (seen in CI: an admin list's
    date drill-down beside another request). Served one at a time (Django
    then closes each connection after its response), nothing is shared at
    once. PostgreSQL gives each thread its own connection and keeps threads.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


if connection.vendor == "sqlite":
    LiveServerThread.server_class = _SerialWSGIServer

# Debian's Chromium, never a browser download (see shared/STACK.md).
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/e2e/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.e2e)
        # Under `make test` (pytest-xdist, --dist loadgroup) one worker runs
        # the browser tests, one Chromium at a time, while the other runs the
        # rest; the two still finish within seconds of each other, and the
        # timing-sensitive tests never share two cores with two browsers.
        item.add_marker(pytest.mark.xdist_group("e2e"))
    if CHROMIUM or not browser_items:
        return
    reason = (
        "Chromium is not installed: browser tests need Debian's chromium package "
        "(apt-get install chromium)."
    )
    if os.environ.get("REQUIRE_BROWSER"):
        # CI must never pass with its browser tests quietly skipped.
        pytest.exit(f"REQUIRE_BROWSER is set but {reason}", returncode=1)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def csp_violations(page):
    """Collect console messages that report a Content-Security-Policy violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


@pytest.fixture
def assert_accessible(page):
    """Return a check that runs axe-core on the page and fails on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(context: str = ""):
        results = axe.run(page)
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
        ]
        assert not problems, f"axe violations on {context or page.url}:\n" + "\n".join(
            problems
        )

    return check


# Where the browser tests leave a screenshot of every page they visit, for a
# person to look at; outside the repository so nothing is committed by mistake.
SCREENSHOT_DIR = Path(
    os.environ.get("E2E_SCREENSHOT_DIR", "/tmp/healthforum-screenshots")
)
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 800},
}


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request, page):
    """Run the test once at a phone size and once at a desktop size."""
    page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


@pytest.fixture
def visit(page, request, assert_accessible):
    """Return a step that screenshots the current page and scans it with axe."""
    counter = iter(range(1, 1000))
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def step(label: str):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower())
        name = f"{test_name}-{next(counter):02d}-{slug}"
        page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)
        assert_accessible(label)

    return step
