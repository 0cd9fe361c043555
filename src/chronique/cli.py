"""Command line: parse arguments, call the library, print. Exit codes: 0 finished, 1 with
``--strict`` when anything was skipped, 2 usage errors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chronique import __version__
from chronique.errors import ChroniqueError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chronique", description=(
        "French news to PLOVER/CAMEO political event data, every field tied to its words."))
    parser.add_argument("--version", action="version", version=f"chronique {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    code = sub.add_parser("code", help="code documents into event records")
    code.add_argument("inputs", nargs="+", metavar="INPUT",
                      help=".txt, .html, .jsonl files, folders (recursively) or - for stdin")
    code.add_argument("-o", "--output", help="output file (default: standard output)")
    code.add_argument("--format", choices=["jsonl", "csv", "pretty"], default="jsonl")
    code.add_argument("--published", help="publication date of plain-text inputs that do not "
                      "state it: YYYY-MM-DD, may be partial (2021-03-XX)")
    code.add_argument("--lexicon", action="append", default=[], metavar="DIR",
                      help="a user lexicon folder laid over the shipped data (repeatable)")
    code.add_argument("--errors", metavar="FILE",
                      help="write every skipped document and its reason as JSON Lines")
    code.add_argument("--strict", action="store_true", help="exit 1 when anything was skipped")
    code.add_argument("--lang", help="code every text as this language (skip detection)")
    code.add_argument("--quiet", action="store_true", help="no progress, no summary line")
    code.add_argument("--pretty", dest="format", action="store_const", const="pretty",
                      help="same as --format pretty")

    ev = sub.add_parser("eval", help="score against gold records (agrees with score.py)")
    ev.add_argument("gold", help="gold records (JSON Lines)")
    ev.add_argument("--system", help="event records to score (default: code the gold texts)")
    ev.add_argument("--texts", help="folder of texts for gold records without text")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--show-misses", type=int, default=0, metavar="N")
    ev.add_argument("--lexicon", action="append", default=[], metavar="DIR")
    srv = sub.add_parser("serve", help="web dashboard and REST API (FastAPI + uvicorn)")
    srv.add_argument("--db", help="corpus store (DuckDB file) to browse")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to bind (default: loopback only)")
    srv.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "code":
            return _code(args, parser)
        if args.command == "eval":
            return _eval(args, parser)
        if args.command == "serve":
            from chronique.web.app import serve

            return serve(args)
    except ChroniqueError as exc:
        print(f"chronique: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("chronique: interrupted", file=sys.stderr)
        return 130
    return 2


def _coder(lexicons: list[str]):
    from chronique.pipeline import Coder
    from chronique.settings import Settings

    for folder in lexicons:
        if not Path(folder).is_dir():
            raise ChroniqueError(f"--lexicon {folder}: not a folder")
    return Coder(Settings(lexicons=tuple(Path(f) for f in lexicons)))


def _code(args, parser) -> int:
    from chronique.dates import PartialDate
    from chronique.runner import run
    from chronique.writers import make_writer

    if args.published and PartialDate.parse(args.published) is None:
        parser.error(f"--published {args.published!r}: expected YYYY-MM-DD (X for unknown parts)")
    coder = _coder(args.lexicon)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None
    writer = make_writer(args.format, out)

    def on_problem(problem) -> None:
        print(f"chronique: skipped {problem.message()}", file=sys.stderr)
        if errors:
            errors.write(json.dumps(problem.to_dict(), ensure_ascii=False) + "\n")

    try:
        summary = run(args.inputs, coder, published=args.published, force_lang=args.lang,
                      on_event=writer.write, on_problem=on_problem)
    finally:
        writer.close()
        if args.output:
            out.close()
        if errors:
            errors.close()
    if not args.quiet:
        print(f"chronique: {summary.line()}", file=sys.stderr)
    return 1 if args.strict and summary.skipped else 0


def _eval(args, parser) -> int:
    from chronique.evaluate import evaluate, gold_inputs, read_jsonl, report

    gold = read_jsonl(args.gold)
    if args.system:
        system = read_jsonl(args.system)
    else:
        from chronique.documents.readers import make_document

        coder = _coder(args.lexicon)
        docs = [make_document(d["id"], d["text"], published=d.get("published"),
                              lang=d.get("lang")) for d in gold_inputs(gold, args.gold, args.texts)]
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


if __name__ == "__main__":
    sys.exit(main())
