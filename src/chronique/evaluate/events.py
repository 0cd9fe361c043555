"""``chronique eval``: score event records against gold records.

The matching rules are those of the contract (docs/event-record.md) and of the reference
scorer: core (type + participants), full (+ date and location country), dyad (participants
only); maximum bipartite matching per document; optional gold events neither reward nor
penalise.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from chronique.record import INTERNATIONAL

FAMILIES = Path(__file__).resolve().parents[1] / "data" / "ontology" / "families.tsv"


def _families() -> dict[str, str]:
    rows = (line.split("\t") for line in FAMILIES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {ident.strip(): family.strip() for ident, family in rows}


FAMILY = _families()


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def entity_keys(entity: Any) -> frozenset[str]:
    if not isinstance(entity, dict):
        return frozenset()
    country = (entity.get("country") or "").upper()
    ident = (entity.get("id") or "").upper()
    out = set()
    if country and country not in INTERNATIONAL:
        out.add(country)
    if ident:
        out.add(ident)
        if ident in FAMILY:
            out.add(FAMILY[ident])
    if not out and country:
        out.add(country)
    return frozenset(out)


def _side(entities) -> list[frozenset[str]]:
    return [k for k in (entity_keys(e) for e in (entities or [])) if k]


def participants_match(gold: dict, system: dict) -> bool:
    g_act, g_rec = _side(gold.get("actor")), _side(gold.get("recipient"))
    s_act = set().union(*_side(system.get("actor")))
    s_rec = set().union(*_side(system.get("recipient")))
    if g_rec:
        return (not g_act or any(k & s_act for k in g_act)) and any(k & s_rec for k in g_rec)
    return all(k & (s_act | s_rec) for k in g_act)


def core_match(gold: dict, system: dict) -> bool:
    return gold.get("event_type") == system.get("event_type") and participants_match(gold, system)


def date_ok(gold: dict, system: dict) -> bool:
    return not gold.get("date") or gold["date"] == system.get("date")


def location_ok(gold: dict, system: dict) -> bool:
    g = gold.get("location") or {}
    if not g.get("country"):
        return True
    s = system.get("location") or {}
    return (s.get("country") or "").upper() == g["country"].upper()


def full_match(gold: dict, system: dict) -> bool:
    return core_match(gold, system) and date_ok(gold, system) and location_ok(gold, system)


def preference(gold: dict, system: dict) -> tuple[bool, bool]:
    """Among matching candidates, the one that agrees on date and place first, then the one in
    the gold's sentence (same counts; truer attribute accuracies)."""
    sent = system.get("sentence")
    same_sentence = isinstance(sent, dict) and gold.get("sentence") is not None and \
        sent.get("index") == gold.get("sentence")
    return (not (date_ok(gold, system) and location_ok(gold, system)), not same_sentence)


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "core": core_match, "full": full_match, "dyad": participants_match}


def max_matching(golds: list, systems: list, ok: Callable[[dict, dict], bool]
                 ) -> dict[int, int]:
    """Maximum bipartite matching gold -> system (augmenting paths)."""
    owner: dict[int, int] = {}

    def attempt(g: int, seen: set[int]) -> bool:
        for s in sorted(range(len(systems)), key=lambda i: preference(golds[g], systems[i])):
            if s in seen or not ok(golds[g], systems[s]):
                continue
            seen.add(s)
            if s not in owner or attempt(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in range(len(golds)):
        attempt(g, set())
    return {g: s for s, g in owner.items()}


def score(gold_docs: list[dict], system_events: Iterable[dict],
          matcher: Callable[[dict, dict], bool]) -> dict[str, Any]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in system_events:
        by_doc[str(e.get("doc_id"))].append(e)
    tp_req = n_req = n_sys = tp_sys = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    pairs, misses, extras = [], [], []
    confusion: Counter = Counter()
    for doc in gold_docs:
        systems = by_doc.get(str(doc["id"]), [])
        required, optional = doc.get("events", []), doc.get("optional", [])
        m_req = max_matching(required, systems, matcher)
        left = [i for i in range(len(systems)) if i not in set(m_req.values())]
        m_opt = max_matching(optional, [systems[i] for i in left], matcher)
        used = set(m_req.values()) | {left[s] for s in m_opt.values()}
        n_req += len(required)
        tp_req += len(m_req)
        n_sys += len(systems)
        tp_sys += len(used)
        dyads = max_matching(required, systems, participants_match)
        for gi, si in dyads.items():
            confusion[(required[gi]["event_type"], systems[si].get("event_type"))] += 1
        for gi, g in enumerate(required):
            per_type[g["event_type"]]["gold"] += 1
            if gi in m_req:
                per_type[g["event_type"]]["found"] += 1
                pairs.append((g, systems[m_req[gi]]))
            else:
                misses.append((doc["id"], g))
        for si, s in enumerate(systems):
            per_type[s.get("event_type")]["system"] += 1
            if si in used:
                per_type[s.get("event_type")]["right"] += 1
            else:
                extras.append((doc["id"], s))
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_req / n_req if n_req else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": n_req, "system": n_sys,
            "per_type": per_type, "pairs": pairs, "misses": misses, "extras": extras,
            "confusion": confusion}


def attribute_accuracy(pairs: Iterable[tuple[dict, dict]]) -> dict[str, float]:
    def sectors(entities):
        return {a.get("sector") for a in entities if a.get("sector")}

    checks = {
        "date": (lambda g: g.get("date"), date_ok),
        "location": (lambda g: (g.get("location") or {}).get("country"), location_ok),
        "mode": (lambda g: g.get("mode"), lambda g, s: g.get("mode") == s.get("mode")),
        "sector": (lambda g: sectors(g.get("actor", [])),
                   lambda g, s: sectors(g.get("actor", [])) <= sectors(
                       (s.get("actor") or []) + (s.get("recipient") or []))),
    }
    out = {}
    for name, (has, ok) in checks.items():
        relevant = [(g, s) for g, s in pairs if has(g)]
        if relevant:
            out[name] = sum(ok(g, s) for g, s in relevant) / len(relevant)
    return out


def evaluate(gold_docs: list[dict], system_events: list[dict]) -> dict[str, Any]:
    """All scores, as the reference scorer computes them (rounded to 4 decimals)."""
    results = {level: score(gold_docs, system_events, m) for level, m in MATCHERS.items()}
    core = results["core"]
    return {
        "documents": len(gold_docs), "gold_events": core["gold"], "system_events": core["system"],
        **{level: {k: round(results[level][k], 4) for k in ("precision", "recall", "f1")}
           for level in MATCHERS},
        "attributes": {k: round(v, 4) for k, v in attribute_accuracy(core["pairs"]).items()},
        "per_type": {str(t): dict(c) for t, c in core["per_type"].items()},
        "confusion": {f"{g}->{s}": n for (g, s), n in sorted(core["confusion"].items())},
        "_misses": core["misses"], "_extras": core["extras"],
    }


def gold_inputs(gold_docs: list[dict], gold_path: str | Path,
                texts_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """The documents to code for a gold file (text inline, or in ``file`` / ``<id>.txt``)."""
    base = Path(gold_path).resolve().parent
    out = []
    for doc in gold_docs:
        text = doc.get("text")
        if text is None and doc.get("file"):
            roots = [base, base.parent] + ([Path(texts_dir)] if texts_dir else [])
            candidates = [r / doc["file"] for r in roots] + [r / Path(doc["file"]).name
                                                             for r in roots]
            for path in candidates:
                if path.exists():
                    text = path.read_text(encoding="utf-8")
                    break
        if text is None and texts_dir and (Path(texts_dir) / f"{doc['id']}.txt").exists():
            text = (Path(texts_dir) / f"{doc['id']}.txt").read_text(encoding="utf-8")
        if text is not None:
            out.append({"id": doc["id"], "text": text, "lang": doc.get("lang", "fr"),
                        "published": doc.get("published")})
    return out


def report(result: dict[str, Any]) -> str:
    """The scores as text: levels, attribute accuracies, per-type table, type confusions."""
    lines = [f"documents {result['documents']}  gold events {result['gold_events']}  "
             f"system events {result['system_events']}"]
    for level in ("core", "full", "dyad"):
        r = result[level]
        lines.append(f"{level:5s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    lines.append("attribute accuracy on core matches: " + ", ".join(
        f"{k} {v:.3f}" for k, v in result["attributes"].items()))
    lines.append(f"{'type':10s} {'gold':>5s} {'found':>5s} {'recall':>6s} {'sys':>5s} {'right':>5s}")
    for t, c in sorted(result["per_type"].items()):
        gold = c.get("gold", 0)
        rec = f"{c.get('found', 0) / gold:.2f}" if gold else "  -"
        lines.append(f"{t:10s} {gold:5d} {c.get('found', 0):5d} {rec:>6s} "
                     f"{c.get('system', 0):5d} {c.get('right', 0):5d}")
    wrong = {k: v for k, v in result["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
    if wrong:
        lines.append("type confusions (gold->system, participants matched): " + ", ".join(
            f"{k} {v}" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])))
    return "\n".join(lines)
