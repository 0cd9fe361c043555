"""Choose how the models and the rules combine, on the dev sets.

    python benchmarks/tune_policy.py --model DIR [--write]

Codes the dev sets (never the blind split) for a grid of thresholds and prints core F1 per
set: first the participant model's threshold (trigger model off), then the trigger model's
``add`` and ``veto`` with that threshold, then its ``retype``, then the participant model's
``fill`` (an event without a recipient takes the likeliest candidate at that probability),
then the participant threshold again with all the rest chosen, then ``context_fill`` (how
likely a mention of the previous sentence must be the recipient to fill an empty one; until
then it is ``fill``).
The best setting (``OBJECTIVE``: the sum of the core F1 of the news-style dev, the GSR dev and
the corpus dev, with GSR dev at 0.75 or more, every event of the seed found and the project's
own sentences, ``tests/cases/events.tsv``, at 0.90 or more, as issue 4 accepted) is printed;
``--write`` stores it in the model folder, with the confidence curves fitted on the corpus dev
(``calibration.json``).
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import itertools
import sys
from dataclasses import replace
from pathlib import Path

from accuracy import _records, run, sets

from chronique.documents.readers import make_document
from chronique.learn.calibration import Calibration, kind_and_raw, matched
from chronique.pipeline import Coder
from chronique.settings import Settings

ADD = (0.4, 0.5, 0.6, 1.01)
VETO = (0.7, 0.8, 0.9, 0.93, 0.95, 0.98, 0.99, 1.01)
PART = (0.4, 0.5, 0.6, 1.01)
RETYPE = (0.4, 0.5, 0.6, 0.8, 1.01)
FILL = (0.02, 0.05, 0.1, 0.2, 1.01)
CONTEXT_FILL = (0.02, 0.2, 0.4, 0.6, 1.01)
OFF = 1.01  # a threshold no probability reaches: that model changes nothing
#: what the best setting maximises: the three dev sets alike (the sentences, the news-style
#: articles, the corpus's dev writer), with the seed's events all found and GSR >= 0.75
OBJECTIVE = ("news-fr dev", "gsr-fr dev", "corpus dev")
#: the share of tests/cases/events.tsv's rows right that issue 4 accepted
CASE_TABLE_FLOOR = 0.90
TESTS = Path(__file__).resolve().parents[1] / "tests"


@functools.cache
def _row_check():
    """tests/test_events.py, where the row check is written (the one place it is)."""
    sys.path.insert(0, str(TESTS))
    spec = importlib.util.spec_from_file_location("test_events", TESTS / "test_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case_table(coder: Coder) -> float:
    """The share of tests/cases/events.tsv's rows coded right, by tests/test_events.py's row
    check."""
    module = _row_check()
    docs = [make_document(f"case-{i}", c["sentence"], lang="fr")
            for i, c in enumerate(module.CASES)]
    coded = [[e.to_dict() for e in found] for _, found in coder.code_documents(docs)]
    right = [module._ok(c, events) for c, events in zip(module.CASES, coded, strict=True)]
    return sum(right) / len(right)


def calibrate(coder: Coder, gold: list[dict]) -> Calibration:
    """Fit the confidence curves on the corpus dev split (learn/calibration.py)."""
    coder.calibration = None
    docs = [make_document(r["id"], r["text"], published=r.get("published"), lang="fr")
            for r in gold]
    events = [e for _, found in coder.code_documents(docs) for e in found]
    flags = matched(gold, [e.to_dict() for e in events])
    raws: dict[str, list] = {}
    for event, ok in zip(events, flags, strict=True):
        kind, raw = kind_and_raw(event)
        raws.setdefault(kind, []).append((raw, ok))
    return Calibration.fit(raws)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    coder = Coder(Settings(trigger_model=args.model))
    gold = {name: _records(paths) for name, paths in sets(False).items()}
    triggers, participants = coder.trigger_model, coder.participant_model

    def trial(add: float, veto: float, part: float, retype: float = OFF,
              fill: float = OFF, context: float | None = None,
              single: float | None = None) -> tuple:
        context = fill if context is None else context
        triggers.policy = replace(triggers.policy, add=add, veto=veto, retype=retype,
                                  veto_single=single)
        participants.threshold, participants.fill = part, fill
        participants.context_fill = context
        scores = {name: run(coder, records)["core"] for name, records in gold.items()}
        f1 = {name: core["f1"] for name, core in scores.items()}
        if "seed" in scores:
            f1["seed recall"] = scores.pop("seed")["recall"]
            del f1["seed"]
        print(f"add {add:4}  veto {veto:4}  single {single or veto:4}  retype {retype:4}  "
              f"participants {part:4}  "
              f"fill {fill:4}  context {context:4}  " +
              "  ".join(f"{k} {v:.3f}" for k, v in f1.items()), flush=True)
        return add, veto, part, f1, retype, fill, context, single

    def use(r: tuple) -> None:
        triggers.policy = replace(triggers.policy, add=r[0], veto=r[1], retype=r[4],
                                  veto_single=r[7])
        participants.threshold, participants.fill, participants.context_fill = r[2], r[5], r[6]

    def best(results: list[tuple]) -> tuple:
        fine = [r for r in results if r[3].get("gsr-fr dev", 1) >= 0.75
                and r[3].get("seed recall", 1) >= 1.0] or results
        ranked = sorted(fine, key=lambda r: -sum(r[3].get(k, 0) for k in OBJECTIVE))
        for r in ranked:  # the best that keeps the project's own sentences
            use(r)
            share = case_table(coder)
            print(f"  events.tsv {share:.3f} for add {r[0]} veto {r[1]} single {r[7]} retype {r[4]} "
                  f"participants {r[2]} fill {r[5]} context {r[6]}", flush=True)
            if share >= CASE_TABLE_FLOOR:
                return r
        return ranked[0]

    part = best([trial(OFF, OFF, p) for p in PART])[2]
    chosen = best([trial(a, v, part) for a, v in itertools.product(ADD, VETO)])
    # the veto of a lone sentence, apart
    chosen = best([chosen] + [trial(chosen[0], chosen[1], part, single=s)
                              for s in VETO if s != chosen[1]])
    single = chosen[7]
    chosen = best([chosen] + [trial(chosen[0], chosen[1], part, r, single=single)
                              for r in RETYPE])
    chosen = best([chosen] + [trial(chosen[0], chosen[1], part, chosen[4], f, single=single)
                              for f in FILL])
    # the participant threshold again, now that the trigger policy and the fill are chosen
    chosen = best([chosen] + [trial(chosen[0], chosen[1], p, chosen[4], chosen[5],
                                    single=single) for p in PART if p != chosen[2]])
    # how sure the model must be to take the recipient from the previous sentence
    chosen = best([chosen] + [trial(*chosen[:3], chosen[4], chosen[5], c, single=single)
                              for c in CONTEXT_FILL if c != chosen[6]])
    print(f"best: add {chosen[0]} veto {chosen[1]} single {chosen[7]} retype {chosen[4]} "
          f"participants {chosen[2]} fill {chosen[5]} context {chosen[6]}")
    if args.write:
        use(chosen)
        triggers.save(args.model / "triggers")
        participants.save(args.model / "participants")
        calibrate(coder, gold["corpus dev"]).save(args.model / "calibration.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
