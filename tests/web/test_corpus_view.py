"""The web server's read-only view of a corpus file: discovery, refresh, limits."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from webtools import ARTICLES

from chronique.store import Filters
from chronique.store.view import CorpusError, CorpusTimeout, CorpusView


def ids(records) -> set[str]:
    return {r["event_id"] for r in records}


def test_the_store_file_is_read_as_written(corpus, corpus_path):
    info = corpus.info()
    assert info["events_relation"] == "events_clustered"
    con = duckdb.connect(str(corpus_path), read_only=True)
    try:
        events, docs = con.execute("SELECT (SELECT count(*) FROM events), "
                                   "(SELECT count(*) FROM documents)").fetchone()
    finally:
        con.close()
    assert info["events"] == events and info["documents"] == docs == 7


def test_json_text_columns_and_a_separate_text_table(tmp_path, corpus, corpus_path):
    """Another layout: nested fields as JSON text, texts in their own table, no clusters."""
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute(f"ATTACH '{corpus_path}' AS s (READ_ONLY)")
    con.execute("""CREATE TABLE events AS SELECT doc_id, event_id, event_type, mode, cameo,
        quad_class, goldstein, date, date_text, date_reason,
        to_json(actor)::VARCHAR AS actor, to_json(recipient)::VARCHAR AS recipient,
        to_json(location)::VARCHAR AS location, to_json(trigger)::VARCHAR AS trigger,
        to_json(sentence)::VARCHAR AS sentence, to_json(speaker)::VARCHAR AS speaker,
        negated, modality, confidence, rule FROM s.main.events""")
    con.execute("CREATE TABLE texts (doc_id VARCHAR, text VARCHAR)")
    con.execute("INSERT INTO texts VALUES (?, ?)",
                ["fra-deu-sommet", (ARTICLES / "fra-deu-sommet.txt").read_text("utf-8")])
    con.execute("DETACH s")
    con.close()

    view = CorpusView(other)
    assert view.info()["clustered"] is False and view.info()["has_text"] is True
    for filters in (Filters(country="FRA"), Filters(dyad=("FRA", "DEU"), directed=False),
                    Filters(types=("ACCUSE",)), Filters(q="kharkiv"),
                    Filters(since="2024-05-01", until="2024-05-31")):
        mine = view.events(filters, per_page=200)["events"]
        assert mine and ids(mine) == ids(corpus.events(filters, per_page=200)["events"])
    record = view.events(Filters(doc_id="fra-deu-sommet"))["events"][0]
    assert isinstance(record["actor"], list) and isinstance(record["trigger"], dict)
    doc = view.document("fra-deu-sommet")
    assert doc["text"].startswith("Le chancelier allemand Olaf Scholz")
    assert doc["document"] == {}
    stats = view.stats(Filters(), count="clusters")
    assert stats["count"] == "mentions"     # no clusters in this file: every record counts


def test_a_changed_file_is_read_again(tmp_path, corpus_path, coder):
    from chronique.documents.readers import make_document
    from chronique.store import Store

    copy = tmp_path / "copy.duckdb"
    shutil.copy(corpus_path, copy)
    view = CorpusView(copy, refresh_seconds=0)
    before = view.info()["events"]
    text = (ARTICLES / "rus-ukr-frappes.txt").read_text(encoding="utf-8")
    with Store(copy) as store:   # the view does not hold the file: a writer can open it
        store.write(coder.code_documents([make_document("rus-ukr-bis", text,
                                                        published="2024-05-18")]), "test")
        store.recluster()
    assert view.info()["documents"] == 8
    assert view.info()["events"] > before
    assert view.events(Filters(doc_id="rus-ukr-bis"))["total"] >= 1


def test_files_that_are_not_a_corpus(tmp_path):
    with pytest.raises(CorpusError, match="no such corpus file"):
        CorpusView(tmp_path / "missing.duckdb")
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE people (name VARCHAR)")
    con.close()
    with pytest.raises(CorpusError, match="no events table"):
        CorpusView(other)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorpusError, match="cannot open"):
        CorpusView(junk)


def test_a_slow_query_is_interrupted(tmp_path):
    big = tmp_path / "big.duckdb"
    con = duckdb.connect(str(big))
    con.execute("""CREATE TABLE events AS SELECT 'd' || (i // 10) AS doc_id,
        'e' || i AS event_id, ['AGREE', 'ACCUSE', 'ASSAULT'][1 + i % 3] AS event_type,
        1 + i % 4 AS quad_class, (i % 21) - 10.0 AS goldstein,
        strftime(DATE '2020-01-01' + INTERVAL (i % 1500) DAY, '%Y-%m-%d') AS date,
        [{'text': 'x', 'country': ['FRA', 'DEU', 'MLI', 'NER', 'CHN'][1 + i % 5], 'id': NULL}]
            AS actor,
        [{'text': 'y', 'country': ['USA', 'RUS', 'UKR'][1 + i % 3], 'id': NULL}] AS recipient,
        {'text': 'phrase ' || i, 'index': 0, 'start': 0, 'end': 8} AS sentence,
        {'text': 'mot', 'start': 0, 'end': 3} AS trigger, i % 8 = 0 AS negated
        FROM range(400000) t(i)""")
    con.close()
    view = CorpusView(big, time_limit=0.001)
    with pytest.raises(CorpusTimeout, match="stopped after"):
        view.stats(Filters(q="phrase 1"), by="day")
    view.time_limit = 30
    every = Filters(country="MLI", include_negated=True)
    assert view.stats(every, by="year")["totals"]["events"] == 80_000
    # negated events (one in eight here) are left out unless asked for
    kept = view.stats(Filters(), by="year", count="mentions")
    assert kept["totals"]["events"] == 350_000
    assert view.events(Filters())["total"] == 350_000
    assert view.events(Filters(include_negated=True))["total"] == 400_000
    years = [p["period"] for p in kept["series"]]
    assert years == ["2020", "2021", "2022", "2023", "2024"]
