"""Hostile text stays text: <script>, event-handler and javascript: URL payloads in an
article, in a corpus document's title, source URL and id, shown in a real Chromium. Every
test runs twice: against the normal server, and against the same server without its
Content-Security-Policy header, so escaping alone is shown to be enough."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from webtools import ARTICLES, META, XSS_DOC_ID, analyse

PAYLOADS = (ARTICLES / "xss-payloads.txt").read_text(encoding="utf-8")
SERVERS = ["server", "bare_server"]
STATIC = Path(__file__).resolve().parents[2] / "src" / "chronique" / "web" / "static"


def assert_inert(watched) -> None:
    page = watched.page
    assert watched.dialogs == []
    assert page.evaluate("() => window.__xss === undefined")
    # nothing from the payloads became an element or a link
    assert page.locator("#main img, #main iframe, #main script, #main a[href^='javascript' i]"
                        ).count() == 0
    assert page.locator("#main svg:not(.timeline-svg):not(.network-svg)").count() == 0
    assert page.locator("[onerror], [onload]").count() == 0
    assert [e for e in watched.errors if "Content Security Policy" not in e] == []


@pytest.mark.parametrize("which", SERVERS)
def test_payloads_in_an_analysed_article_stay_text(watched, which, request):
    live = request.getfixturevalue(which)
    page = watched.page
    analyse(page, live.url, PAYLOADS, "2024-04-03", lang="fr")
    # the text is shown exactly, payloads included, as characters
    assert page.eval_on_selector("#annotated", "n => n.textContent") == PAYLOADS
    assert "<script>window.__xss='script';alert('script')</script>" in page.text_content(
        "#annotated")
    # every mention can be clicked and every row opened: still nothing runs
    for i in range(page.locator("#annotated mark").count()):
        page.locator("#annotated mark").nth(i).click()
    for i in range(page.locator("#events tbody tr").count()):
        page.locator("#events tbody tr").nth(i).click()
    page.wait_for_timeout(300)
    assert_inert(watched)


@pytest.mark.parametrize("which", SERVERS)
def test_payloads_in_the_corpus_and_a_document_stay_text(watched, which, request):
    live = request.getfixturevalue(which)
    page = watched.page
    page.goto(live.url + "/corpus?q=javascript")
    page.wait_for_selector("#corpus-events a.doc-link")
    evidence = page.text_content("#corpus-events")
    assert "src=\"javascript:alert('iframe')\"" in evidence
    links = page.eval_on_selector_all("#corpus-events a.doc-link", "as => as.map(a => a.textContent)")
    assert set(links) == {XSS_DOC_ID}

    page.goto(live.url + "/corpus?q=script")
    page.wait_for_selector("#corpus-events a.doc-link")
    assert "<script>window.__xss='script';alert('script')</script>" in page.text_content(
        "#corpus-events")
    page.click("#corpus-events a.doc-link >> nth=0")
    page.wait_for_selector("#events tbody tr")
    title, url = META["xss-payloads"][1:]
    assert page.text_content("#doc-title") == title
    assert page.text_content("#doc-meta .unsafe-url") == url      # shown, not linked
    assert XSS_DOC_ID in page.text_content("#doc-meta")
    for i in range(page.locator("#annotated mark").count()):
        page.locator("#annotated mark").nth(i).click()
    page.wait_for_timeout(300)
    assert_inert(watched)


def test_a_safe_source_url_is_a_link(watched, server):
    page = watched.page
    page.goto(server.url + "/document?id=fra-deu-energie")
    page.wait_for_selector("#doc-meta a.source-link")
    assert page.get_attribute("#doc-meta a.source-link", "href") == META["fra-deu-energie"][2]
    assert page.get_attribute("#doc-meta a.source-link", "rel") == "noopener noreferrer nofollow"


def test_pages_never_reflect_request_text(client):
    """The server's pages are fixed templates: nothing of the request gets into the HTML."""
    hostile = "<script>alert(1)</script>"
    for path in ("/", "/corpus", "/document", "/docs"):
        response = client.get(path, params={"id": hostile, "q": hostile, "lang": hostile})
        assert response.status_code == 200
        assert "alert(1)" not in response.text
        assert response.headers["content-type"].startswith("text/html")


def test_scripts_build_no_html_from_strings():
    """The hand-written scripts insert text as text: no innerHTML and friends, no eval."""
    forbidden = re.compile(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|"
                           r"\beval\(|new Function|setTimeout\(\s*['\"]|javascript:")
    scripts = sorted(STATIC.glob("*.js"))
    assert len(scripts) >= 5
    for script in scripts:
        hits = forbidden.findall(script.read_text(encoding="utf-8"))
        assert hits == [], (script.name, hits)
