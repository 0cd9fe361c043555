"""Choose how the models and the rules combine, on the dev sets.

    python benchmarks/tune_policy.py --model DIR [--write]

Codes the dev sets (never the blind split) and prints core F1 per set while it searches the
thresholds one at a time (``GRID``: the trigger model's ``add``, ``veto``, ``veto_single``,
``retype``, ``embedded`` and ``embedded_single`` — how sure it must be that a trigger the rules
found inside another's phrase is an event of its own, in an article and in a lone sentence;
the participant model's threshold, its ``fill`` — an event without a recipient takes the
likeliest candidate at that probability — and ``context_fill`` — how likely a mention of the
previous sentence or of the article's opening must be the recipient to fill an empty one).
The search starts from the policy stored in the model folder (``chronique train`` writes the
defaults of ``learn/trigger_model.py`` and ``learn/participants.py``), keeps a value only when
it scores higher than the current one, and stops after a pass that changes nothing: a rebuilt
model never ends below its starting policy.
The best setting (``OBJECTIVE``: the sum of the core F1 of the news-style dev, the GSR dev and
the corpus dev, with GSR dev at 0.75 or more, every event of the seed found and the project's
own sentences, ``tests/cases/events.tsv``, at 0.90 or more, as issue 4 accepted) is printed;
``--write`` stores it in the model folder, with the confidence curves fitted on the corpus dev
(``calibration.json``). The search itself codes with curves fitted for its starting policy
(events below ``data/coder.yaml`` emit.min_confidence are not written).
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
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
EMBEDDED = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
OFF = 1.01  # a threshold no probability reaches: that model changes nothing
#: each threshold and the values tried for it, in the order they are searched
GRID = {"add": ADD, "veto": VETO, "single": VETO, "retype": RETYPE, "embedded": EMBEDDED,
        "embedded_single": EMBEDDED, "part": PART, "fill": FILL, "context": CONTEXT_FILL}
#: passes over GRID at most (the search stops when a pass changes nothing)
PASSES = 2
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
    # the search codes with confidence curves fitted for its starting policy, whatever
    # calibration.json the folder held: an event is written at emit.min_confidence
    coder.calibration = calibrate(coder, gold["corpus dev"])
    triggers, participants = coder.trigger_model, coder.participant_model

    def use(setting: dict) -> None:
        triggers.policy = replace(triggers.policy, add=setting["add"], veto=setting["veto"],
                                  retype=setting["retype"], veto_single=setting["single"],
                                  embedded=setting["embedded"],
                                  embedded_single=setting["embedded_single"])
        participants.threshold, participants.fill = setting["part"], setting["fill"]
        participants.context_fill = setting["context"]

    def trial(setting: dict) -> tuple[dict, dict]:
        use(setting)
        scores = {name: run(coder, records)["core"] for name, records in gold.items()}
        f1 = {name: core["f1"] for name, core in scores.items()}
        if "seed" in scores:
            f1["seed recall"] = scores.pop("seed")["recall"]
            del f1["seed"]
        print("  ".join(f"{k} {v:4}" for k, v in setting.items()) + "  " +
              "  ".join(f"{k} {v:.3f}" for k, v in f1.items()), flush=True)
        return setting, f1

    def best(results: list[tuple[dict, dict]]) -> tuple[dict, dict]:
        fine = [r for r in results if r[1].get("gsr-fr dev", 1) >= 0.75
                and r[1].get("seed recall", 1) >= 1.0] or results
        # stable: on a tie the setting listed first (the current one) stays
        ranked = sorted(fine, key=lambda r: -round(sum(r[1].get(k, 0) for k in OBJECTIVE), 4))
        for r in ranked:  # the best that keeps the project's own sentences
            use(r[0])
            share = case_table(coder)
            print(f"  events.tsv {share:.3f} for {r[0]}", flush=True)
            if share >= CASE_TABLE_FLOOR:
                return r
        return ranked[0]

    policy = triggers.policy
    chosen = trial({"add": policy.add, "veto": policy.veto,
                    "single": policy.veto_for("single"), "retype": policy.retype,
                    "embedded": policy.embedded, "embedded_single": policy.embedded_single,
                    "part": participants.threshold, "fill": participants.fill,
                    "context": participants.context_fill})
    for _ in range(PASSES):
        before = chosen[0]
        for name, grid in GRID.items():
            chosen = best([chosen] + [trial({**chosen[0], name: value})
                                      for value in grid if value != chosen[0][name]])
        if chosen[0] == before:
            break
    print("best: " + "  ".join(f"{k} {v}" for k, v in chosen[0].items()))
    if args.write:
        use(chosen[0])
        triggers.save(args.model / "triggers")
        participants.save(args.model / "participants")
        calibrate(coder, gold["corpus dev"]).save(args.model / "calibration.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
