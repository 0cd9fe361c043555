"""Evaluation: event records against gold records (``events.py``, ``chronique eval``; agrees
with the reference scorer) and the store's clusters against expected clusters
(``clusters.py``, ``chronique eval-clusters``)."""

from chronique.evaluate.events import (
    attribute_accuracy,
    core_match,
    date_ok,
    entity_keys,
    evaluate,
    full_match,
    gold_inputs,
    location_ok,
    participants_match,
    read_jsonl,
    report,
)

__all__ = ["attribute_accuracy", "core_match", "date_ok", "entity_keys", "evaluate",
           "full_match", "gold_inputs", "location_ok", "participants_match", "read_jsonl",
           "report"]
