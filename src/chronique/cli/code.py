"""``chronique code``: its options checked, and the run behind the command (engine,
outputs, store, progress).

Command-line glue: problems are printed on standard error here, as the CLI does.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from dataclasses import replace
from functools import partial
from typing import IO, Any

from chronique.cli.options import settings_of_args
from chronique.documents.language import declared_language
from chronique.documents.model import Document, Problem
from chronique.errors import ChroniqueError
from chronique.run import Summary, run
from chronique.settings import Settings


def code(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``chronique code``: exit 0, or 1 with ``--strict`` when anything was skipped."""
    _check(args, parser)
    settings = settings_of_args(args, args.batch_size)
    if args.max_chars is not None:
        settings = replace(settings, max_chars=args.max_chars or None)
    if args.time_limit is not None:
        settings = replace(settings, time_limit=args.time_limit or None)
    summary = code_run(args, settings)
    print(f"chronique: {summary.line()}", file=sys.stderr)
    return 1 if args.strict and summary.skipped else 0


def _check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Usage errors (exit 2) for options that do not go together."""
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


def _errors_file(args, stack: ExitStack):
    """The ``--errors`` file, open for writing (a usage error when it cannot be)."""
    if not args.errors:
        return None
    try:
        return stack.enter_context(open(args.errors, "w", encoding="utf-8",
                                              errors="backslashreplace"))
    except OSError as exc:
        raise ChroniqueError(f"--errors {args.errors}: {exc.strerror or exc}") from exc


def _event_writer(args, stack: ExitStack):
    """The writer of event records, or None when they only go to the store."""
    if args.format == "parquet":
        from chronique.exports.parquet import ParquetDatasetWriter

        writer = ParquetDatasetWriter(args.output)
        stack.callback(writer.close)
        return writer
    if args.db and not args.output:
        return None
    from chronique.exports.writers import make_writer

    out = sys.stdout
    if args.output and args.output != "-":  # "-": standard output
        try:
            out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        except OSError as exc:
            raise ChroniqueError(f"-o {args.output}: {exc.strerror or exc}") from exc
    writer = make_writer(args.format, out)
    stack.callback(writer.close)
    return writer


def _store(args, settings: Settings, stack: ExitStack) -> tuple[Any, str | None]:
    """The ``--db`` store, open (closed with the stack), and the coder version; or Nones."""
    if not args.db:
        return None, None
    from chronique.store import Store, coder_version

    store = Store(args.db)
    stack.callback(store.close)
    return store, coder_version(settings.lexicons)


def _report(errors: IO[str] | None, problem: Problem) -> None:
    """A skipped document on standard error, and in the ``--errors`` file."""
    print(f"chronique: skipped {problem.message()}", file=sys.stderr)
    if errors:
        errors.write(json.dumps(problem.to_dict(), ensure_ascii=False) + "\n")
        errors.flush()


def _note(document: Document, note: str) -> None:
    print(f"chronique: note {document.source or document.id}: {note}", file=sys.stderr)


class _Batches:
    """Coded documents written to the store a batch (one transaction) at a time."""

    def __init__(self, store: Any, version: str | None, size: int) -> None:
        self.store, self.version, self.size = store, version, size
        self.pending: list[tuple[Document, list]] = []

    def add(self, document: Document, events: list) -> None:
        if self.store is not None:
            self.pending.append((document, events))
            if len(self.pending) >= self.size:
                self.flush()

    def flush(self) -> None:
        if self.store is not None and self.pending:
            self.store.write(self.pending, self.version)
            self.pending.clear()


def code_run(args: argparse.Namespace, settings: Settings) -> Summary:
    """Code ``args.inputs`` as the command line asked; returns the run's summary."""
    from chronique.cli.progress import ProgressBar, count_documents
    from chronique.run import make_engine

    if args.lang and declared_language(args.lang) != "fr":
        raise ChroniqueError(f"--lang {args.lang}: chronique codes French only (--lang fr "
                             "codes every text as French)")
    with ExitStack() as stack:
        errors = _errors_file(args, stack)
        store, version = _store(args, settings, stack)
        writer = _event_writer(args, stack)
        show = not args.quiet and sys.stderr.isatty()
        progress = ProgressBar(count_documents(args.inputs) if show else None, enabled=show)
        stack.callback(progress.close)
        batches = _Batches(store, version, settings.batch_size)

        def on_document(document: Document, events: list) -> None:
            progress.advance(len(events))
            batches.add(document, events)

        engine = make_engine(settings, workers=args.workers, dask=args.dask)
        try:
            summary = run(args.inputs, engine, published=args.published, force_lang=args.lang,
                          on_event=writer.write if writer else (lambda _e: None),
                          on_problem=partial(_report, errors), on_document=on_document,
                          skip=(lambda d: store.is_current(d, version)) if store else None,
                          on_unchanged=lambda _d: progress.advance(0), on_note=_note,
                          refuse=store.conflict if store and not args.replace else None,
                          max_chars=settings.max_chars, time_limit=settings.time_limit)
        except BaseException:
            engine.terminate()
            try:  # documents fully coded before the interruption are kept
                batches.flush()
            except Exception:  # noqa: BLE001 - the original error is the one to report
                pass
            raise
        engine.close()
        batches.flush()
        if store is not None:
            store.recluster()
    return summary
