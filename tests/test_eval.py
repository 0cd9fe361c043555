"""`chronique eval` agrees with the reference scorer to the third decimal."""

from __future__ import annotations

import json
import subprocess
import sys

from casedata import DATA, DEV

from chronique.evaluate import evaluate, read_jsonl


def test_eval_agrees_with_reference_scorer(tmp_path, dev_events):
    system = tmp_path / "events.jsonl"
    system.write_text("".join(json.dumps(e) + "\n" for e in dev_events), encoding="utf-8")
    gold = DEV / "gsr-fr.dev.jsonl"
    out = subprocess.run([sys.executable, str(DATA / "reference_score.py"), str(gold),
                          str(system), "--json"], capture_output=True, text=True, check=True)
    reference = json.loads(out.stdout)
    ours = evaluate(read_jsonl(gold), dev_events)
    for level in ("core", "full", "dyad"):
        for key in ("precision", "recall", "f1"):
            assert round(ours[level][key], 3) == round(reference[level][key], 3)
    for key, value in reference["attributes"].items():
        assert round(ours["attributes"][key], 3) == round(value, 3)


def test_eval_counts_optional_events_without_reward():
    gold = [{"id": "d", "events": [{"event_type": "AGREE", "actor": [{"country": "MLI"}],
                                    "recipient": [{"country": "NER"}]}],
             "optional": [{"event_type": "REQUEST", "actor": [{"country": "MLI"}],
                           "recipient": [{"country": "NER"}]}]}]
    system = [{"doc_id": "d", "event_type": "AGREE", "actor": [{"country": "MLI"}],
               "recipient": [{"country": "NER"}]},
              {"doc_id": "d", "event_type": "REQUEST", "actor": [{"country": "MLI"}],
               "recipient": [{"country": "NER"}]},
              {"doc_id": "d", "event_type": "ASSAULT", "actor": [{"country": "MLI"}],
               "recipient": []}]
    result = evaluate(gold, system)
    assert result["core"]["recall"] == 1.0
    assert abs(result["core"]["precision"] - 2 / 3) < 1e-3


def test_an_organ_agrees_with_its_family():
    """The Security Council (UNSC) coded where the gold says UN is the same participant, as in
    the reference scorer's FAMILY table; a different organisation is not."""
    from chronique.evaluate import participants_match

    gold = {"actor": [{"text": "l'ONU", "country": "IGO", "id": "UN"}], "recipient": []}
    council = {"actor": [{"text": "Conseil de sécurité", "country": "IGO", "id": "UNSC"}]}
    union = {"actor": [{"text": "Union africaine", "country": "IGO", "id": "AU"}]}
    assert participants_match(gold, council)
    assert not participants_match(gold, union)
