"""Accuracy of the coder on every evaluation set, in one table (docs/evaluation.md).

    python benchmarks/accuracy.py [--model DIR | --rules-only] [--blind] [--json]

Sets: the news-style dev articles, the GSR dev sentences and the seed (``../shared/dev``, when
present), and the training corpus's dev split (``corpus/fr/splits.yaml``). ``--blind`` adds
the corpus's blind split: run it once per change, at its end, and never read its errors
(this script prints only its aggregate figures). Scores with the reference scorer
``../shared/eval/score.py`` when it is there, else with ``chronique eval``'s.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from chronique.documents.readers import make_document
from chronique.evaluate import evaluate
from chronique.learn.calibration import matched
from chronique.learn.corpus import gold_records, split
from chronique.pipeline import Coder
from chronique.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def sets(blind: bool) -> dict[str, list[Path]]:
    out = {"news-fr dev": [SHARED / "dev" / "news-fr.dev.jsonl"],
           "gsr-fr dev": [SHARED / "dev" / "gsr-fr.dev.jsonl"],
           "seed": [SHARED / "dev" / "seed.gold.jsonl"],
           "corpus dev": split("dev")}
    if blind:
        out["corpus blind"] = split("blind")
    return {k: v for k, v in out.items() if v and all(p.is_file() for p in v)}


def _records(paths: list[Path]) -> list[dict]:
    return [record for path in paths for record in _read(path)]


def _read(path: Path) -> list[dict]:
    if path.name == "seed.gold.jsonl":
        record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        record["text"] = (SHARED / record["file"]).read_text(encoding="utf-8")
        return [record]
    return list(gold_records([path]))


def score(gold: list[dict], system: list[dict]) -> dict:
    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        result = evaluate(gold, system)
        return {k: v for k, v in result.items() if not k.startswith("_")}
    with tempfile.TemporaryDirectory() as tmp:
        g, s = Path(tmp, "gold.jsonl"), Path(tmp, "system.jsonl")
        g.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold))
        s.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in system))
        out = subprocess.run([sys.executable, str(scorer), str(g), str(s), "--json"],
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def run(coder: Coder, gold: list[dict], reliability: bool = False) -> dict:
    docs = [make_document(r["id"], r["text"], published=r.get("published"), lang="fr")
            for r in gold]
    system = [e.to_dict() for _, events in coder.code_documents(docs) for e in events]
    result = score(gold, system)
    result["duplicates"] = duplicates(gold, system)
    if reliability:
        result["reliability"] = deciles(system, matched(gold, system))
    return result


@functools.cache
def _reference():
    """The reference scorer as a module (None when ../shared is not beside the repository)."""
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def duplicates(gold: list[dict], system: list[dict]) -> float:
    """Share of the system's records that repeat a happening another record already stands
    for: records matched to no gold event although they core-match one of their document's
    (required or optional), which another record took (nan without the reference scorer)."""
    ref = _reference()
    if ref is None or not system:
        return float("nan")
    golds = {str(d["id"]): d.get("events", []) + d.get("optional", []) for d in gold}
    extras = ref.score(gold, system, ref.core_match)["extras"]
    repeated = sum(any(ref.core_match(g, s) for g in golds.get(str(doc), []))
                   for doc, s in extras)
    return repeated / len(system)


def deciles(system: list[dict], flags: list[bool]) -> list[dict]:
    """Predicted (mean confidence) against observed precision, by tenth of the confidence
    scale (0-0.1, 0.1-0.2, ...): a reliability table."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for event, ok in zip(system, flags, strict=True):
        bins.setdefault(min(int(event["confidence"] * 10), 9), []).append(
            (event["confidence"], ok))
    return [{"decile": k + 1, "events": len(part),
             "predicted": round(sum(p[0] for p in part) / len(part), 3),
             "observed": round(sum(p[1] for p in part) / len(part), 3)}
            for k, part in sorted(bins.items())]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--model", type=Path)
    group.add_argument("--rules-only", action="store_true")
    ap.add_argument("--blind", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--reliability", action="store_true",
                    help="also print predicted against observed precision by confidence decile")
    args = ap.parse_args()
    coder = Coder(Settings(trigger_model=args.model, rules_only=args.rules_only))
    table = {}
    for name, paths in sets(args.blind).items():
        table[name] = run(coder, _records(paths), args.reliability)
    if args.json:
        print(json.dumps(table))
        return 0
    print(f"{'set':14} {'docs':>5} {'gold':>5} {'sys':>5}  core P/R/F1        dyad F1  date  "
          "place  dup")
    for name, r in table.items():
        c, acc = r["core"], r.get("attributes", {})
        print(f"{name:14} {r['documents']:5} {r['gold_events']:5} {r['system_events']:5}  "
              f"{c['precision']:.3f} {c['recall']:.3f} {c['f1']:.3f}   {r['dyad']['f1']:.3f}  "
              f"{acc.get('date', float('nan')):.2f}  {acc.get('location', float('nan')):.2f}  "
              f"{r['duplicates']:.3f}")
    for name, r in table.items():
        if r.get("reliability"):
            print(f"\n{name}: bin  events  predicted  observed")
            for row in r["reliability"]:
                print(f"{'':{len(name)}}  {row['decile']:6}  {row['events']:6}  "
                      f"{row['predicted']:9.3f}  {row['observed']:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
