"""Rules only, models only, both: core F1 on the dev sets (docs/evaluation.md, "Ablation").

    python benchmarks/ablation.py [--model DIR]

- rules only: the rule lexicon and argument rules (``--rules-only``);
- models only: every trigger decided by the trigger model's best class (rule matches are
  only features), every participant by the participant model's best class;
- both: the shipped policy (docs/models.md).
The blind split is not scored here (benchmarks/accuracy.py --blind, once per change).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from accuracy import _records, run, sets

from chronique.pipeline import Coder
from chronique.settings import Settings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path)
    args = ap.parse_args()
    gold = {name: _records(paths) for name, paths in sets(False).items()}
    rows = {"rules only": Coder(Settings(rules_only=True))}
    both = Coder(Settings(trigger_model=args.model))
    models = Coder(Settings(trigger_model=args.model))
    models.trigger_model.policy = replace(models.trigger_model.policy, add=0.0, veto=0.5,
                                          retype=0.0)
    models.participant_model.threshold = 0.0
    rows.update({"models only": models, "both": both})
    print("| configuration | " + " | ".join(gold) + " |")
    print("|---|" + "---|" * len(gold))
    for name, coder in rows.items():
        cells = []
        for records in gold.values():
            result = run(coder, records)
            cells.append(f"{result['core']['f1']:.3f} ({result['dyad']['f1']:.3f})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
