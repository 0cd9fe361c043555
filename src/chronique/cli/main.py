"""Command line: parse arguments, call the library, print. Exit codes: 0 finished, 1 with
``--strict`` when anything was skipped, 2 usage errors, 130 interrupted."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from chronique.cli.options import model_options
from chronique.errors import ChroniqueError
from chronique.version import __version__


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args, parser)
    except ChroniqueError as exc:
        print(f"chronique: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("chronique: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run the command (each command's module is imported only when it runs)."""
    if args.command == "code":
        from chronique.cli.code import code

        return code(args, parser)
    if args.command == "eval":
        from chronique.cli.gold import evaluate

        return evaluate(args)
    if args.command == "train":
        from chronique.cli.gold import train

        return train(args)
    if args.command in {"export", "stats", "eval-clusters"}:
        from chronique.cli import corpus

        return corpus.run(args, parser)
    if args.command == "serve":
        from chronique.web.app import serve

        return serve(args.host, args.port, args.db)
    return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronique", description=(
        "French news to PLOVER/CAMEO political event data, every field tied to its words."))
    parser.add_argument("--version", action="version", version=f"chronique {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_code_parser, _train_parser, _export_parser, _stats_parser,
                _eval_clusters_parser, _eval_parser, _serve_parser):
        add(sub)
    return parser


def _code_parser(sub: Any) -> None:
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
    model_options(code)


def _train_parser(sub: Any) -> None:
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


def _export_parser(sub: Any) -> None:
    exp = sub.add_parser("export", help="export a corpus store")
    exp.add_argument("--db", required=True, metavar="FILE", help="corpus store (DuckDB)")
    exp.add_argument("--format", required=True,
                     choices=["jsonl", "csv", "parquet", "plover", "gdelt"])
    exp.add_argument("-o", "--output", required=True,
                     help="output file (a folder for parquet; - for standard output)")


def _stats_parser(sub: Any) -> None:
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


def _eval_clusters_parser(sub: Any) -> None:
    ec = sub.add_parser("eval-clusters", help="pairwise precision/recall of the store's "
                        "clusters against expected clusters")
    ec.add_argument("--db", required=True, metavar="FILE", help="corpus store (DuckDB)")
    ec.add_argument("--expected", required=True, metavar="FILE",
                    help="expected clusters (JSON, see tests/data/corpus/)")
    ec.add_argument("--json", action="store_true")


def _eval_parser(sub: Any) -> None:
    ev = sub.add_parser("eval", help="score against gold records (agrees with score.py)")
    ev.add_argument("gold", help="gold records (JSON Lines)")
    ev.add_argument("--system", help="event records to score (default: code the gold texts)")
    ev.add_argument("--texts", help="folder of texts for gold records without text")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--show-misses", type=int, default=0, metavar="N")
    ev.add_argument("--lexicon", action="append", default=[], metavar="DIR")
    model_options(ev)


def _serve_parser(sub: Any) -> None:
    srv = sub.add_parser("serve", help="web dashboard and REST API (FastAPI + uvicorn)")
    srv.add_argument("--db", help="corpus store (DuckDB file) to browse")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to bind (default: loopback only)")
    srv.add_argument("--port", type=int, default=8000)
