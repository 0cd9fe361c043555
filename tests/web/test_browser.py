"""End to end in a real headless Chromium: paste the seed dispatch, run the analysis, read
the highlighted mentions and the events table; browse the corpus, a document and the API
reference; switch the interface language. Each page's screenshot goes to tests/artifacts/."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from webtools import ARTICLES, SEED, analyse, assert_clean, marks, screenshot

from chronique.exports.writers import CSV_COLUMNS


def test_analyse_the_seed_dispatch(watched, server, client):
    page, base = watched.page, server.url
    seed = SEED.read_text(encoding="utf-8")
    expected = client.post("/api/code", json={"text": seed, "published": "2019-05-16"}).json()
    analyse(page, base, seed, "2019-05-16")

    # the text is shown exactly as pasted (nothing dropped, nothing interpreted)
    assert page.eval_on_selector("#annotated", "n => n.textContent") == seed

    # actors coloured by country: the seed's two countries by name, each as the coder resolved it
    actors = marks(page, "#annotated mark.m-actor")
    by_country = Counter(a["country"] for a in actors)
    assert by_country["CHN"] >= 3 and by_country["KAZ"] >= 3
    texts = {(a["text"], a["country"]) for a in actors}
    assert ("Chine", "CHN") in texts and ("Kazakhstan", "KAZ") in texts
    styled = page.eval_on_selector_all(
        "#annotated mark.m-actor[data-country]",
        "ns => new Set(ns.map(n => n.dataset.country + '|' + n.style.backgroundColor)).size")
    countries = len({a["country"] for a in actors})
    assert styled == countries  # one colour per country
    assert len(actors) == sum(1 for m in expected["mentions"] if m["kind"] == "actor")

    # one trigger mark per event trigger, marked with the event's type
    triggers = marks(page, "#annotated mark.m-trigger")
    spans: dict = {}
    for e in expected["events"]:
        spans.setdefault((e["trigger"]["start"], e["trigger"]["end"]),
                         (e["trigger"]["text"], e["event_type"]))
    assert Counter((t["text"], t["type"]) for t in triggers) == Counter(spans.values())

    # dates and places marked
    dates = marks(page, "#annotated mark.m-date")
    assert any(d["text"] == "mercredi" and d["date"] == "2019-05-15" for d in dates)
    assert any(d["text"] == "16/05" for d in dates)

    # the events table: one row per event, in order, with CAMEO, quad class and Goldstein
    rows = page.eval_on_selector_all("#events tbody tr", """rows => rows.map(r => ({
        type: r.dataset.type, cameo: r.dataset.cameo,
        quad: r.querySelector('td[data-col=quad]').textContent,
        goldstein: r.querySelector('td[data-col=goldstein]').textContent,
        rule: r.querySelector('td[data-col=rule]').textContent}))""")
    assert [(r["type"], r["cameo"], r["rule"]) for r in rows] == [
        (e["event_type"], e["cameo"], e["rule"]) for e in expected["events"]]
    for row, event in zip(rows, expected["events"], strict=True):
        assert row["quad"].startswith(str(event["quad_class"]))
        assert float(row["goldstein"]) == round(event["goldstein"], 1)
    assert page.text_content("#event-count") == f"({len(expected['events'])})"

    # click a country: the panel says what it resolved to and how
    page.click("#annotated mark.m-actor[data-country=KAZ] >> nth=0")
    details = page.text_content("#details")
    assert "KAZ" in details and "lexicon" in details
    page.eval_on_selector("#text", "n => { n.scrollTop = 0; }")
    screenshot(page, "analyse.png")
    # click a trigger: the panel names the rule that fired and the CAMEO code
    index = len(expected["events"]) - 1
    event = expected["events"][index]
    page.click(f"#annotated mark.m-trigger[data-events~='{index}']")
    details = page.text_content("#details")
    assert event["rule"] in details and event["cameo"] in details
    assert event["event_type"] in details
    # click a row: the event's words light up in the text
    page.click(f"#events tbody tr[data-index='{index}']")
    focused = page.eval_on_selector_all("#annotated mark.focus", "ns => ns.map(n => n.textContent)")
    assert event["trigger"]["text"] in focused
    assert all(a["text"] in " ".join(focused) for a in event["actor"] + event["recipient"])

    # downloads: JSON is the records; CSV has the CLI's columns and one row per event
    with page.expect_download() as info:
        page.click("#download-json")
    assert json.loads(open(info.value.path(), encoding="utf-8").read()) == expected["events"]
    with page.expect_download() as info:
        page.click("#download-csv")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert list(rows[0]) == CSV_COLUMNS
    assert [r["event_type"] for r in rows] == [e["event_type"] for e in expected["events"]]
    assert_clean(watched, base)


def test_upload_a_file_and_switch_to_french(watched, server):
    page, base = watched.page, server.url
    page.goto(base + "/")
    page.set_input_files("#file", str(ARTICLES / "rus-ukr-frappes.txt"))
    page.wait_for_function("() => document.getElementById('text').value.length > 100")
    assert page.input_value("#text") == (ARTICLES / "rus-ukr-frappes.txt").read_text("utf-8")
    page.fill("#published", "2024-05-17")
    page.click("#analyse")
    page.wait_for_selector("#events tbody tr")
    assert "ASSAULT" in page.text_content("#events")
    assert page.text_content("h1") == "Analyse an article"

    page.click("#lang-fr")
    assert page.text_content("h1") == "Analyser un article"
    assert page.get_attribute("html", "lang") == "fr"
    assert page.text_content("#events th[data-col=trigger]") == "Déclencheur"
    assert page.text_content("#analyse") == "Analyser"
    assert "coopération" in page.text_content("#events") or \
        "conflit" in page.text_content("#events")
    screenshot(page, "analyse-fr.png")
    page.reload()  # the choice is remembered
    assert page.text_content("h1") == "Analyser un article"
    page.click("#lang-en")
    assert page.text_content("h1") == "Analyse an article"
    assert_clean(watched, base)


def test_analyse_refuses_what_the_server_refuses(watched, server):
    page, base = watched.page, server.url
    page.goto(base + "/")
    page.click("#analyse")
    assert "Paste or open an article first" in page.text_content("#status")
    page.fill("#text", "The United States and China signed a trade agreement on Tuesday in "
                       "Geneva, officials said, after months of talks between the two "
                       "governments about tariffs, technology transfers and farm purchases "
                       "that had weighed on markets around the world.")
    page.click("#analyse")
    page.wait_for_selector("#status.error")
    assert "does not look French" in page.text_content("#status")
    assert watched.dialogs == []


def test_corpus_page(watched, server, client):
    page, base = watched.page, server.url
    page.goto(base + "/corpus")
    page.wait_for_selector("#corpus-events tbody tr")
    total = client.get("/api/events").json()["total"]
    assert page.text_content("#event-count") == f"({total})"
    assert "7 documents" in page.text_content("#corpus-summary")

    # the timeline: one group per month from January to June 2024
    periods = page.eval_on_selector_all("#timeline g.period", "gs => gs.map(g => g.dataset.period)")
    assert periods == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    # the network: France-Germany is the widest edge and cooperative (green-ish)
    edges = page.eval_on_selector_all("#network line.edge", """ls => ls.map(l => ({
        pair: l.dataset.source + '-' + l.dataset.target, events: +l.dataset.events,
        width: +l.getAttribute('stroke-width'), goldstein: +l.dataset.goldstein}))""")
    france_germany = next(e for e in edges if e["pair"] == "DEU-FRA")
    assert france_germany["width"] == max(e["width"] for e in edges)
    assert france_germany["goldstein"] > 0
    for a in edges:  # more events, never a thinner edge
        assert all(a["width"] >= b["width"] for b in edges if a["events"] >= b["events"])
    assert {"RUS-UKR", "CHN-USA"} <= {e["pair"] for e in edges}
    screenshot(page, "corpus.png")

    # filter the dyad: the table, the timeline title and the URL follow
    page.fill("#f-dyad-a", "fra")
    page.fill("#f-dyad-b", "deu")
    page.click("#apply")
    page.wait_for_function("() => document.getElementById('timeline-title').textContent.includes('FRA – DEU')")
    expected = client.get("/api/events", params={"dyad": "FRA,DEU"}).json()
    page.wait_for_function(f"() => document.querySelectorAll('#corpus-events tbody tr').length == "
                           f"{len(expected['events'])}")
    docs = page.eval_on_selector_all("#corpus-events a.doc-link", "as => as.map(a => a.textContent)")
    assert set(docs) == {"fra-deu-energie", "fra-deu-sommet"}
    assert "dyad=FRA%2CDEU" in page.url
    # evidence sentences carry the trigger in bold
    evidence = page.text_content("#corpus-events td[data-col=evidence] strong")
    assert evidence in {e["trigger"]["text"] for e in expected["events"]}

    # search words: Kharkiv
    page.click("#reset")
    page.fill("#f-q", "kharkiv")
    page.click("#apply")
    page.wait_for_function("() => document.getElementById('event-count').textContent == '(1)'")
    assert "Kharkiv" in page.text_content("#corpus-events")

    # a click on a network node filters that country
    page.click("#reset")
    page.wait_for_selector("#network g.node[data-code=MAR]")
    page.click("#network g.node[data-code=MAR]")
    page.wait_for_function("() => document.getElementById('f-country').value == 'MAR'")
    morocco = client.get("/api/events", params={"country": "MAR"}).json()["total"]
    assert morocco >= 1
    page.wait_for_function("() => document.getElementById('event-count').textContent == "
                           f"'({morocco})'")
    assert_clean(watched, base)


def test_document_page(watched, server, client):
    page, base = watched.page, server.url
    page.goto(base + "/corpus?dyad=FRA%2CDEU")
    page.wait_for_selector("#corpus-events a.doc-link")
    page.click("#corpus-events a.doc-link >> text=fra-deu-sommet")
    page.wait_for_selector("#events tbody tr")
    expected = client.get("/api/documents/fra-deu-sommet").json()
    assert page.text_content("#doc-title") == "Sommet franco-allemand à Hambourg"
    rows = page.eval_on_selector_all("#events tbody tr", "rs => rs.map(r => r.dataset.type)")
    assert rows == [e["event_type"] for e in expected["events"]]
    # the selected event (from the link) is highlighted in the table and in the text
    assert page.locator("#events tbody tr.selected").count() == 1
    assert page.locator("#annotated mark.focus").count() >= 1
    shown = page.eval_on_selector_all("#annotated mark.m-actor", "ns => ns.map(n => n.dataset.country)")
    assert {"FRA", "DEU"} <= set(shown)
    screenshot(page, "document.png")
    assert_clean(watched, base)


def test_api_reference_page(watched, server):
    page, base = watched.page, server.url
    page.goto(base + "/docs")
    page.wait_for_selector(".endpoint")
    titles = page.eval_on_selector_all(".endpoint h3 code", "cs => cs.map(c => c.textContent)")
    assert {"/api/code", "/api/events", "/api/stats", "/api/documents/{doc_id}"} <= set(titles)
    assert "413" in page.text_content("#endpoints")
    screenshot(page, "docs.png")
    assert_clean(watched, base)
