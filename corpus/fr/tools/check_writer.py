"""Check one writer file of the French training corpus (corpus/fr/writers/*.jsonl).

Usage: python3 corpus/fr/tools/check_writer.py corpus/fr/writers/NAME.jsonl

The first line is the writer's brief ({"writer": ..., "brief": ...}); every other line is a
gold record (../shared/docs/event-record.md). Prints one line per problem and a summary.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
MODALITIES = {"asserted", "intended", "requested", "hypothetical", "reported"}
COUNTRY = re.compile(r"^([A-Z]{3})$")
DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$")


def _date_ok(value: str) -> bool:
    m = DATE.match(value)
    if not m:
        return False
    if "X" in value:
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _entity(ent: dict, text: str, where: str) -> list[str]:
    out = []
    if not isinstance(ent, dict) or not isinstance(ent.get("text"), str):
        return [f"{where}: entity without text"]
    if ent["text"] not in text:
        out.append(f"{where}: entity text {ent['text']!r} not in the text")
    c = ent.get("country")
    if c is not None and not COUNTRY.match(str(c)):
        out.append(f"{where}: country {c!r} is not ISO alpha-3 / IGO / NGO / MNC")
    if c in ("IGO", "NGO", "MNC") and not ent.get("id"):
        out.append(f"{where}: {c} entity {ent['text']!r} without an id")
    return out


def _event(ev: dict, text: str, where: str) -> list[str]:
    out = []
    if ev.get("event_type") not in TYPES:
        out.append(f"{where}: event_type {ev.get('event_type')!r}")
    trig = ev.get("trigger")
    if not isinstance(trig, str) or trig not in text:
        out.append(f"{where}: trigger {trig!r} not in the text")
    if not ev.get("actor"):
        out.append(f"{where}: no actor")
    for key in ("actor", "recipient"):
        for i, ent in enumerate(ev.get(key) or []):
            out += _entity(ent, text, f"{where} {key}[{i}]")
    if ev.get("date") is not None and not _date_ok(str(ev["date"])):
        out.append(f"{where}: date {ev['date']!r} is not a valid ISO date (X for unknown parts)")
    loc = ev.get("location")
    if loc is not None and (not isinstance(loc, dict) or "name" not in loc):
        out.append(f"{where}: location must be null or {{text, name, country}}")
    if ev.get("modality", "asserted") not in MODALITIES:
        out.append(f"{where}: modality {ev.get('modality')!r}")
    return out


def check(path: str) -> int:
    problems, ids, stats = [], set(), Counter()
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    head = json.loads(lines[0])
    if "brief" not in head:
        problems.append("line 1: the brief header is missing")
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        rid = rec.get("id")
        if rid in ids:
            problems.append(f"line {n}: duplicate id {rid}")
        ids.add(rid)
        text = rec.get("text") or ""
        if not text or not _date_ok(str(rec.get("published"))):
            problems.append(f"line {n}: needs text and a valid published date")
        stats[rec.get("kind", "?")] += 1
        for key in ("events", "optional"):
            for i, ev in enumerate(rec.get(key) or []):
                problems += _event(ev, text, f"line {n} ({rid}) {key}[{i}]")
                if key == "events":
                    stats[ev.get("event_type")] += 1
    for p in problems:
        print(p)
    print(f"{len(problems)} problems; records {dict((k, v) for k, v in stats.items() if k in ('article', 'sentence', '?'))}")
    print("required events by type:", dict(sorted((k, v) for k, v in stats.items() if k in TYPES)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(check(sys.argv[1]))
