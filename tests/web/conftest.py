"""Fixtures of the web tests: the test corpus, the application, live servers and a real
headless Chromium (Debian's ``chromium``, driven by Playwright; never a downloaded browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from webtools import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LiveServer, Watched, build_corpus


@pytest.fixture(scope="session")
def corpus_path(tmp_path_factory, coder) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus") / "corpus.duckdb", coder)


@pytest.fixture(scope="session")
def corpus(corpus_path):
    from chronique.store.view import CorpusView

    return CorpusView(corpus_path)


@pytest.fixture(scope="session")
def app(corpus, coder):
    from chronique.web.app import create_app

    return create_app(corpus, coder)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def server(app):
    with LiveServer(app) as live:
        yield live


@pytest.fixture(scope="session")
def bare_server(corpus, coder):
    """The same application without the Content-Security-Policy header: what the XSS tests
    run against too, to show that escaping alone keeps payloads inert."""
    from chronique.web.app import create_app
    from chronique.web.limits import Limits

    with LiveServer(create_app(corpus, coder, limits=Limits(content_security_policy=None))) as live:
        yield live


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium, headless, with a fresh profile and no network but the servers."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y "
                    "chromium; `make test` does it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    playwright = sync_playwright().start()
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
        headless=True, args=CHROMIUM_ARGS, viewport={"width": 1360, "height": 900},
        locale="en-US", accept_downloads=True)
    try:
        yield context
    finally:
        context.close()
        playwright.stop()


@pytest.fixture
def watched(browser):
    watched = Watched(browser)
    yield watched
    watched.page.close()
