"""Choose the model/rules policy (``learn/trigger_model.Policy``) on the dev sets.

    python benchmarks/tune_policy.py --model DIR [--write]

Codes the dev sets (never the blind split) for a grid of thresholds and prints core F1 per
set; ``--write`` stores the best pair (mean F1 of the news-style dev and the corpus dev,
GSR dev kept at 0.75 or more) in the model's ``model.json``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

from accuracy import _records, run, sets

from chronique.pipeline import Coder
from chronique.settings import Settings

ADD = (0.4, 0.5, 0.6, 0.7, 0.8, 1.01)
VETO = (0.8, 0.9, 0.95, 0.98, 1.01)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    coder = Coder(Settings(trigger_model=args.model))
    gold = {name: _records(paths) for name, paths in sets(False).items() if name != "seed"}
    model = coder.trigger_model
    results = []
    for add, veto in itertools.product(ADD, VETO):
        model.policy = replace(model.policy, add=add, veto=veto)
        f1 = {name: run(coder, records)["core"]["f1"] for name, records in gold.items()}
        results.append((add, veto, f1))
        print(f"add {add:4}  veto {veto:4}  " + "  ".join(f"{k} {v:.3f}" for k, v in f1.items()),
              flush=True)
    fine = [r for r in results if r[2].get("gsr-fr dev", 1) >= 0.75] or results
    best = max(fine, key=lambda r: (r[2].get("news-fr dev", 0) + r[2].get("corpus dev", 0)))
    print(f"best: add {best[0]} veto {best[1]}")
    if args.write:
        model.policy = replace(model.policy, add=best[0], veto=best[1])
        model.save(args.model / "triggers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
