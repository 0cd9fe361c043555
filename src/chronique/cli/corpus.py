"""``chronique export``, ``stats`` and ``eval-clusters``: the corpus store on the command line
(this module prints; the queries live in ``chronique.store``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chronique.errors import ChroniqueError


def _corpus(path: str):
    from chronique.store.corpus import Corpus

    if not Path(path).exists():
        raise ChroniqueError(f"--db {path}: no such corpus store")
    return Corpus(path)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command == "export":
        return export(args)
    if args.command == "stats":
        return stats(args, parser)
    return eval_clusters(args)


def export(args: argparse.Namespace) -> int:
    from chronique.exports.store import export as write

    if args.format == "parquet" and args.output == "-":
        raise ChroniqueError("--format parquet writes a dataset folder: give -o DIR, not -")
    with _corpus(args.db) as corpus:
        counts = write(corpus, args.format, args.output)
    line = f"chronique: exported {counts['written']} {'clusters' if args.format == 'gdelt' else 'events'}" \
        f" to {args.output} ({args.format})"
    if counts["left_out"]:
        line += f"; {counts['left_out']} negated or undated events left out"
    print(line, file=sys.stderr)
    return 0


def _table(title: str, frame, console) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "iuf"
        table.add_column(column.replace("_", " "), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*["" if _missing(v) else (v.strftime("%Y-%m-%d") if hasattr(v, "strftime")
                                                  else str(v)) for v in row])
    console.print(table)


def _missing(value) -> bool:
    try:
        return value is None or value != value  # NaN / NaT
    except (TypeError, ValueError):
        return False


def _filters(args, parser, corpus) -> dict:
    """The query filters of ``stats``: dates checked, countries as codes (names accepted)."""
    from chronique.codes import CodeError, resolve_code
    from chronique.dates import day_problem

    for flag, value in (("--since", args.since), ("--until", args.until)):
        if value is not None and day_problem(value):
            parser.error(f"{flag}: {day_problem(value)}")
    parts = [p.strip() for p in args.dyad.split(",")] if args.dyad else []
    if args.dyad and (len(parts) != 2 or not all(parts)):
        parser.error("--dyad expects two codes: ACTOR,RECIPIENT (e.g. CHN,KAZ)")

    def code(flag: str, value: str) -> str:
        try:
            return resolve_code(value, corpus.has_code)
        except CodeError as exc:
            raise ChroniqueError(f"{flag}: {exc}") from exc

    country = code("--country", args.country) if args.country else None
    dyad = tuple(code("--dyad", p) for p in parts) if parts else None
    filters = {"event_type": args.event_type, "country": country, "since": args.since,
               "until": args.until}
    if dyad:
        filters["dyad"] = dyad
    return filters


def stats(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    with _corpus(args.db) as corpus:
        filters = _filters(args, parser, corpus)
        totals = corpus.totals()
        counts = corpus.counts(by=args.by, unit=args.unit, **filters).df()
        types = corpus.types(unit=args.unit, **filters).df()
        dyads = corpus.top_dyads(args.top_dyads, unit=args.unit, **filters).df() \
            if args.top_dyads > 0 else None
    if args.json:
        out = {"totals": totals, "unit": args.unit, "by": args.by,
               "counts": json.loads(counts.to_json(orient="records", date_format="iso")),
               "types": json.loads(types.to_json(orient="records"))}
        if dyads is not None:
            out["top_dyads"] = json.loads(dyads.to_json(orient="records"))
        print(json.dumps(out, ensure_ascii=False))
    else:
        from rich.console import Console

        console = Console(width=120 if not sys.stdout.isatty() else None)
        chosen = ", ".join(f"{k}={'/'.join(v) if isinstance(v, tuple) else v}"
                           for k, v in filters.items() if v)
        console.print(f"{totals['documents']} documents, {totals['events']} events "
                      f"(mentions), {totals['clusters']} clusters (happenings); counting "
                      f"{args.unit}s{' where ' + chosen if chosen else ''}")
        _table(f"per {args.by}", counts, console)
        _table("per type", types, console)
        if dyads is not None:
            _table(f"top {args.top_dyads} dyads", dyads, console)
    if args.plot:
        from chronique.exports.plot import plot_series

        title = f"Cooperation and conflict per {args.by} ({args.unit}s)"
        if filters.get("dyad"):
            title += f", {'→'.join(filters['dyad'])}"
        plot_series(counts, args.plot, title=title, unit=args.unit, by=args.by)
        print(f"chronique: plot written to {args.plot}", file=sys.stderr)
    return 0


def eval_clusters(args: argparse.Namespace) -> int:
    from chronique.evaluate.clusters import GoldError, read_expected, score

    try:
        happenings = read_expected(args.expected)
    except (OSError, ValueError, KeyError) as exc:
        raise ChroniqueError(f"--expected {args.expected}: {exc}") from exc
    with _corpus(args.db) as corpus:
        try:
            result = score(corpus.records(include_negated=True), happenings)
        except GoldError as exc:
            raise ChroniqueError(str(exc)) from exc
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['events']} events ({result['labelled']} reports of expected happenings), "
          f"{result['expected_clusters']} expected clusters, {result['system_clusters']} "
          "system clusters")
    for name in ("all", "cross_document"):
        r = result[name]
        print(f"{name.replace('_', '-') + ' pairs':22} precision {r['precision']:.3f}  recall "
              f"{r['recall']:.3f}  F1 {r['f1']:.3f}  ({r['correct_pairs']} correct of "
              f"{r['system_pairs']} system pairs, {r['expected_pairs']} expected)")
    if result["unreported_happenings"]:
        print("happenings with no coded report: " + ", ".join(result["unreported_happenings"]))
    return 0
