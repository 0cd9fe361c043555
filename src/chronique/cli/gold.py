"""``chronique eval`` and ``chronique train``: the commands over gold records."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chronique.cli.options import coder_of, settings_of, settings_of_args
from chronique.errors import ChroniqueError


def train(args: argparse.Namespace) -> int:
    from chronique.learn.corpus import SHIPPED_CORPUS
    from chronique.learn.train import train as train_model

    paths = [Path(p) for p in args.corpus]
    for path in paths:
        if not path.exists():
            raise ChroniqueError(f"{path}: no such file or folder")
    if not args.no_shipped:
        paths = [*SHIPPED_CORPUS, *paths]
    if not paths:
        raise ChroniqueError("nothing to train on: give gold files (the shipped corpus is not "
                             "in this installation)")
    coder = coder_of(settings_of(args.lexicon, rules_only=True))
    try:
        train_model(coder, paths, Path(args.output), seed=args.seed,
                    progress=lambda line: print(f"chronique: {line}", file=sys.stderr))
    except ValueError as exc:
        raise ChroniqueError(str(exc)) from None
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from chronique.evaluate import evaluate as score
    from chronique.evaluate import read_jsonl, report

    gold = read_jsonl(args.gold)
    system = read_jsonl(args.system) if args.system else _coded(gold, args)
    result = score(gold, system)
    misses, extras = result.pop("_misses"), result.pop("_extras")
    if args.json:
        print(json.dumps(result))
        return 0
    print(report(result))
    for label, found in (("MISS", misses), ("EXTRA", extras)):
        for doc_id, event in found[: args.show_misses]:
            print(label, doc_id, json.dumps({k: event.get(k) for k in (
                "event_type", "actor", "recipient", "trigger")}, ensure_ascii=False))
    return 0


def _coded(gold: list[dict], args: argparse.Namespace) -> list[dict]:
    """The gold documents coded (their texts found next to the gold file or in --texts)."""
    from chronique.documents.readers import make_document
    from chronique.evaluate import gold_inputs

    inputs = gold_inputs(gold, args.gold, args.texts)
    _check_gold_texts(gold, inputs, args)
    coder = coder_of(settings_of_args(args))
    docs = [make_document(d["id"], d["text"], published=d.get("published"),
                          lang=d.get("lang")) for d in inputs]
    return [e.to_dict() for _, events in coder.code_documents(docs) for e in events]


def _check_gold_texts(gold: list[dict], inputs: list[dict], args: argparse.Namespace) -> None:
    """A gold document whose text is not found would score as all misses: say so instead."""
    found = {d["id"] for d in inputs}
    missing = [str(d.get("id")) for d in gold if d.get("id") not in found]
    if not missing:
        return
    where = f"in --texts {args.texts}" if args.texts else "next to the gold file (no --texts)"
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    raise ChroniqueError(
        f"{args.gold}: {len(missing)} of {len(gold)} gold documents have no text (no \"text\" "
        f"field, and their file or <id>.txt was not found {where}): {shown}. Give the folder "
        "of their texts with --texts DIR, or the events to score with --system FILE.")
