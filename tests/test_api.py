"""The Python API: code_text and code_documents."""

from __future__ import annotations

import chronique


def test_code_text_returns_events_with_records():
    events = chronique.code_text(
        "Le président sénégalais a reçu mardi à Dakar son homologue malien.",
        published="2024-03-14", doc_id="api")
    assert events and all(isinstance(e, chronique.Event) for e in events)
    record = events[0].to_dict()
    assert record["doc_id"] == "api" and record["event_type"] == "CONSULT"
    assert {a["country"] for a in record["actor"] + record["recipient"]} >= {"SEN", "MLI"}
    assert record["date"] == "2024-03-12"
    assert record["location"]["country"] == "SEN"


def test_code_documents_streams_in_order():
    docs = [{"id": "a", "text": "L'armée nigériane a bombardé des positions de Boko Haram.",
             "published": "2023-06-02"},
            {"id": "b", "text": "Le Niger a rappelé son ambassadeur en France.",
             "published": "2023-06-02"}]
    events = list(chronique.code_documents(docs))
    assert [e.doc_id for e in events] == sorted(e.doc_id for e in events)
    assert {e.doc_id for e in events} == {"a", "b"}
