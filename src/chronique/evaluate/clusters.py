"""Score event clusters against expected clusters: pairwise precision and recall.

The expected clusters name happenings and their reports (a document and a phrase of the
reporting sentence, optionally the event type). Each stored event is labelled with the
happening whose report it matches; an event matching none is a happening of its own. Over
all pairs of events: precision = pairs in one system cluster that are in one expected
happening / pairs in one system cluster; recall = pairs in one expected happening that are
in one system cluster / pairs in one expected happening. Scores are given over all pairs and
over pairs of events from different documents (the cross-article clustering itself).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any


class GoldError(ValueError):
    """The expected-clusters file is malformed or ambiguous for some event."""


def read_expected(path: str | Path) -> list[dict[str, Any]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    happenings = data["happenings"] if isinstance(data, dict) else data
    for h in happenings:
        if not h.get("id") or not h.get("reports"):
            raise GoldError(f"happening without id or reports: {h}")
    return happenings


def label(event: dict[str, Any], happenings: list[dict[str, Any]]) -> str | None:
    """The happening an event reports, or None."""
    sentence = (event.get("sentence") or {}).get("text") or ""
    found = {h["id"] for h in happenings for r in h["reports"]
             if r["doc"] == event["doc_id"] and r["text"] in sentence
             and r.get("type", event["event_type"]) == event["event_type"]}
    if len(found) > 1:
        raise GoldError(f"event {event.get('event_id')} of {event['doc_id']} matches "
                        f"{sorted(found)}")
    return found.pop() if found else None


def _pairs(groups: dict[str, list[int]]) -> set[tuple[int, int]]:
    return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}


def score(events: Iterable[dict[str, Any]], happenings: list[dict[str, Any]]) -> dict[str, Any]:
    """Pairwise precision/recall/F1 of the events' ``cluster_id`` against the happenings."""
    events = list(events)
    gold: dict[str, list[int]] = {}
    system: dict[str, list[int]] = {}
    labelled = 0
    for i, event in enumerate(events):
        name = label(event, happenings)
        labelled += name is not None
        gold.setdefault(name or f"_single_{i}", []).append(i)
        system.setdefault(event.get("cluster_id") or f"_none_{i}", []).append(i)
    out: dict[str, Any] = {"events": len(events), "labelled": labelled,
                           "expected_clusters": len(gold), "system_clusters": len(system)}
    gold_pairs, system_pairs = _pairs(gold), _pairs(system)
    cross = {(a, b) for a, b in gold_pairs | system_pairs
             if events[a]["doc_id"] != events[b]["doc_id"]}
    for name, keep in (("all", None), ("cross_document", cross)):
        g = gold_pairs if keep is None else gold_pairs & keep
        s = system_pairs if keep is None else system_pairs & keep
        both = len(g & s)
        precision = both / len(s) if s else 1.0
        recall = both / len(g) if g else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[name] = {"precision": round(precision, 4), "recall": round(recall, 4),
                     "f1": round(f1, 4), "expected_pairs": len(g), "system_pairs": len(s),
                     "correct_pairs": both}
    reported = {label(e, happenings) for e in events} - {None}
    out["unreported_happenings"] = sorted({h["id"] for h in happenings} - reported)
    return out
