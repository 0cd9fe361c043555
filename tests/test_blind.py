"""A retired blind set: sentences written for the project by an author who saw neither the
coder nor the dev data (tests/data/blind/README.md). It was read while tuning, so it is now a
regression set like the dev sentences; the blind split is corpus/fr/blind (corpus/fr/README.md,
scored by benchmarks/accuracy.py --blind)."""

from __future__ import annotations

from casedata import DATA, read_jsonl

from chronique.evaluate import evaluate, report

BLIND = DATA / "blind" / "blind-fr.jsonl"
#: regression floor under the figure measured when the set was added (core F1 0.779)
CORE_F1_FLOOR = 0.74


def test_blind_set_shape():
    gold = read_jsonl(BLIND)
    types = {}
    for record in gold:
        assert len(record["events"]) == 1
        event = record["events"][0]
        types[event["event_type"]] = types.get(event["event_type"], 0) + 1
        for entity in event["actor"] + event["recipient"]:
            assert entity["text"] in record["text"]
    assert len(gold) >= 120 and len(types) == 16 and min(types.values()) >= 7


def test_blind_core_f1(coder):
    from chronique.documents.readers import make_document

    gold = read_jsonl(BLIND)
    docs = [make_document(d["id"], d["text"], lang="fr") for d in gold]
    events = [e.to_dict() for _, found in coder.code_documents(docs) for e in found]
    result = evaluate(gold, events)
    result.pop("_misses")
    result.pop("_extras")
    print("\n" + report(result))
    assert result["core"]["f1"] >= CORE_F1_FLOOR
