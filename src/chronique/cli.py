"""Command line: parse arguments, call the library, print. Exit codes: 0 finished, 1 with
``--strict`` when anything was skipped, 2 usage errors."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from chronique.errors import ChroniqueError
from chronique.version import __version__


def _code_parser(sub) -> None:
    """The options of ``chronique code``."""
    code = sub.add_parser("code", help="code documents into event records")
    code.add_argument("inputs", nargs="+", metavar="INPUT",
                      help=".txt, .html, .jsonl files, folders (recursively) or - for stdin")
    code.add_argument("-o", "--output", help="output file (default, or -: standard output)")
    code.add_argument("--format", choices=["jsonl", "csv", "pretty", "parquet"], default="jsonl",
                      help="parquet: a dataset folder (-o DIR) partitioned by publication month")
    code.add_argument("--published", help="publication date of plain-text inputs that do not "
                      "state it: YYYY-MM-DD, may be partial (2021-03-XX)")
    code.add_argument("--lexicon", action="append", default=[], metavar="DIR",
                      help="a user lexicon folder laid over the shipped data (repeatable)")
    code.add_argument("--errors", metavar="FILE",
                      help="write every skipped document and its reason as JSON Lines")
    code.add_argument("--strict", action="store_true", help="exit 1 when anything was skipped")
    code.add_argument("--lang", help="code every text as this language (skip detection)")
    code.add_argument("--quiet", action="store_true", help="no progress bar")
    code.add_argument("--pretty", dest="format", action="store_const", const="pretty",
                      help="same as --format pretty")
    code.add_argument("--db", metavar="FILE", help="corpus store (DuckDB): store documents and "
                      "events; documents already stored with the same content and coder "
                      "version are skipped, so an interrupted run can be re-run")
    code.add_argument("--workers", type=int, default=1, metavar="N",
                      help="code with N processes (same output, same order)")
    code.add_argument("--batch-size", type=int, default=None, metavar="N",
                      help="documents per nlp.pipe batch and per store transaction (default 32)")
    code.add_argument("--dask", metavar="ADDRESS", help="code on a Dask cluster: local, local:N "
                      "(start one with N workers) or tcp://HOST:PORT (an existing scheduler)")
    code.add_argument("--replace", action="store_true",
                      help="with --db: re-code documents whose id is in the store with "
                      "different content, replacing them (without it they are reported)")
    code.add_argument("--max-chars", type=int, default=None, metavar="N",
                      help="longer documents are reported, not coded (default 1000000; 0: no "
                      "limit, longer ones are coded in segments of 1000000)")
    code.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                      help="coding time per document; a document past it is stopped and "
                      "reported (default 300; 0: no limit)")
    _model_options(code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronique", description=(
        "French news to PLOVER/CAMEO political event data, every field tied to its words."))
    parser.add_argument("--version", action="version", version=f"chronique {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    _code_parser(sub)

    tr = sub.add_parser("train", help="train the trigger model on gold corpora (the shipped "
                        "corpus plus your own gold) and save it to a folder for --model")
    tr.add_argument("corpus", nargs="*", metavar="CORPUS",
                    help="your gold JSONL files or folders (the format of `chronique eval`), "
                    "added to the shipped corpus's train split")
    tr.add_argument("-o", "--output", required=True, metavar="DIR", help="model folder")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--no-shipped", action="store_true",
                    help="train on CORPUS alone, without the shipped training corpus")
    tr.add_argument("--lexicon", action="append", default=[], metavar="DIR")

    exp = sub.add_parser("export", help="export a corpus store")
    exp.add_argument("--db", required=True, metavar="FILE", help="corpus store (DuckDB)")
    exp.add_argument("--format", required=True,
                     choices=["jsonl", "csv", "parquet", "plover", "gdelt"])
    exp.add_argument("-o", "--output", required=True,
                     help="output file (a folder for parquet; - for standard output)")

    st = sub.add_parser("stats", help="counts per period, type, dyad from a corpus store")
    st.add_argument("--db", required=True, metavar="FILE", help="corpus store (DuckDB)")
    st.add_argument("--by", choices=["day", "week", "month", "year"], default="month")
    st.add_argument("--dyad", metavar="A,B", help="events from A to B (or A and B meeting); "
                    "ISO alpha-3 codes, organisation ids or country names")
    st.add_argument("--type", dest="event_type", metavar="T", help="PLOVER event type")
    st.add_argument("--country", metavar="C", help="events with C on either side (FRA, UN, "
                    "France, ...)")
    st.add_argument("--since", metavar="YYYY-MM-DD")
    st.add_argument("--until", metavar="YYYY-MM-DD")
    st.add_argument("--unit", choices=["cluster", "mention", "one-a-day"], default="cluster",
                    help="count happenings (clusters, default), every report (mention), or "
                    "with the one-a-day filter")
    st.add_argument("--top-dyads", type=int, default=10, metavar="N")
    st.add_argument("--plot", metavar="FILE.png", help="draw the cooperation/conflict series")
    st.add_argument("--json", action="store_true", help="print the tables as JSON")

    ec = sub.add_parser("eval-clusters", help="pairwise precision/recall of the store's "
                        "clusters against expected clusters")
    ec.add_argument("--db", required=True, metavar="FILE", help="corpus store (DuckDB)")
    ec.add_argument("--expected", required=True, metavar="FILE",
                    help="expected clusters (JSON, see tests/data/corpus/)")
    ec.add_argument("--json", action="store_true")

    ev = sub.add_parser("eval", help="score against gold records (agrees with score.py)")
    ev.add_argument("gold", help="gold records (JSON Lines)")
    ev.add_argument("--system", help="event records to score (default: code the gold texts)")
    ev.add_argument("--texts", help="folder of texts for gold records without text")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--show-misses", type=int, default=0, metavar="N")
    ev.add_argument("--lexicon", action="append", default=[], metavar="DIR")
    _model_options(ev)
    srv = sub.add_parser("serve", help="web dashboard and REST API (FastAPI + uvicorn)")
    srv.add_argument("--db", help="corpus store (DuckDB file) to browse")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to bind (default: loopback only)")
    srv.add_argument("--port", type=int, default=8000)
    return parser


def _model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model", metavar="DIR", help="a trigger model from `chronique train` "
                       "(default: the model shipped in the package)")
    group.add_argument("--rules-only", action="store_true",
                       help="code with the rule lexicon alone, no trained model")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "code":
            return _code(args, parser)
        if args.command == "eval":
            return _eval(args, parser)
        if args.command == "train":
            return _train(args)
        if args.command in {"export", "stats", "eval-clusters"}:
            from chronique import cli_corpus

            return cli_corpus.run(args, parser)
        if args.command == "serve":
            from chronique.web.app import serve

            return serve(args.host, args.port, args.db)
    except ChroniqueError as exc:
        print(f"chronique: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("chronique: interrupted", file=sys.stderr)
        return 130
    return 2


def _settings(lexicons: list[str], batch_size: int | None = None, args=None):
    from chronique.settings import Settings

    for folder in lexicons:
        if not Path(folder).is_dir():
            raise ChroniqueError(f"--lexicon {folder}: not a folder")
    model = getattr(args, "model", None)
    if model and not (Path(model) / "triggers" / "model.json").is_file():
        raise ChroniqueError(f"--model {model}: no trained model there (expected "
                             "triggers/model.json; make one with `chronique train`)")
    settings = Settings(lexicons=tuple(Path(f) for f in lexicons),
                        trigger_model=Path(model) if model else None,
                        rules_only=bool(getattr(args, "rules_only", False)))
    return replace(settings, batch_size=batch_size) if batch_size else settings


def _coder(lexicons: list[str], args=None):
    from chronique.pipeline import Coder

    return Coder(_settings(lexicons, args=args))


def _train(args) -> int:
    from chronique.learn.corpus import SHIPPED_CORPUS
    from chronique.learn.train import train

    paths = [Path(p) for p in args.corpus]
    for path in paths:
        if not path.exists():
            raise ChroniqueError(f"{path}: no such file or folder")
    if not args.no_shipped:
        paths = [*SHIPPED_CORPUS, *paths]
    if not paths:
        raise ChroniqueError("nothing to train on: give gold files (the shipped corpus is not "
                             "in this installation)")
    coder = _coder(args.lexicon, argparse.Namespace(rules_only=True))
    try:
        train(coder, paths, Path(args.output), seed=args.seed,
              progress=lambda line: print(f"chronique: {line}", file=sys.stderr))
    except ValueError as exc:
        raise ChroniqueError(str(exc)) from None
    return 0


def _code(args, parser) -> int:
    from chronique.dates import date_problem

    if args.published is not None and date_problem(args.published):
        parser.error(f"--published: {date_problem(args.published)}")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.dask and args.workers > 1:
        parser.error("--dask and --workers: choose one")
    if args.batch_size is not None and args.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    if args.format == "parquet" and args.output in (None, "-"):
        parser.error("--format parquet writes a dataset folder: give -o DIR")
    if args.max_chars is not None and args.max_chars < 0:
        parser.error("--max-chars must be 0 (no limit) or more")
    if args.time_limit is not None and not args.time_limit >= 0:
        parser.error("--time-limit must be 0 (no limit) or more seconds")
    if args.replace and not args.db:
        parser.error("--replace replaces documents in a store: give --db FILE")
    from chronique.cli_code import code_run

    settings = _settings(args.lexicon, args.batch_size, args)
    if args.max_chars is not None:
        settings = replace(settings, max_chars=args.max_chars or None)
    if args.time_limit is not None:
        settings = replace(settings, time_limit=args.time_limit or None)
    summary = code_run(args, settings)
    print(f"chronique: {summary.line()}", file=sys.stderr)
    return 1 if args.strict and summary.skipped else 0


def _eval(args, parser) -> int:
    from chronique.evaluate import evaluate, gold_inputs, read_jsonl, report

    gold = read_jsonl(args.gold)
    if args.system:
        system = read_jsonl(args.system)
    else:
        from chronique.documents.readers import make_document

        inputs = gold_inputs(gold, args.gold, args.texts)
        _check_gold_texts(gold, inputs, args)
        coder = _coder(args.lexicon, args)
        docs = [make_document(d["id"], d["text"], published=d.get("published"),
                              lang=d.get("lang")) for d in inputs]
        system = [e.to_dict() for _, events in coder.code_documents(docs) for e in events]
    result = evaluate(gold, system)
    misses, extras = result.pop("_misses"), result.pop("_extras")
    if args.json:
        print(json.dumps(result))
        return 0
    print(report(result))
    for doc_id, g in misses[: args.show_misses]:
        print("MISS", doc_id, json.dumps({k: g.get(k) for k in ("event_type", "actor", "recipient",
                                                                 "trigger")}, ensure_ascii=False))
    for doc_id, s in extras[: args.show_misses]:
        print("EXTRA", doc_id, json.dumps({k: s.get(k) for k in ("event_type", "actor",
                                                                  "recipient", "trigger")},
                                          ensure_ascii=False))
    return 0


def _check_gold_texts(gold: list[dict], inputs: list[dict], args) -> None:
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


if __name__ == "__main__":
    sys.exit(main())
