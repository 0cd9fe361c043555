"""``chronique code``: the run behind the command (engine, outputs, store, progress).

Command-line glue: problems are printed on standard error here, as the CLI does.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from functools import partial
from typing import IO, Any

from chronique.documents.language import declared_language
from chronique.documents.model import Document, Problem
from chronique.errors import ChroniqueError
from chronique.runner import Summary, run
from chronique.settings import Settings


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


def code_run(args: argparse.Namespace, settings: Settings) -> Summary:
    """Code ``args.inputs`` as the command line asked; returns the run's summary."""
    from chronique.scale import make_engine
    from chronique.scale.progress import ProgressBar, count_documents

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
        pending: list = []

        def flush() -> None:
            if store is not None and pending:
                store.write(pending, version)
                pending.clear()

        def on_document(document: Document, events: list) -> None:
            progress.advance(len(events))
            if store is not None:
                pending.append((document, events))
                if len(pending) >= settings.batch_size:
                    flush()

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
                flush()
            except Exception:  # noqa: BLE001 - the original error is the one to report
                pass
            raise
        engine.close()
        flush()
        if store is not None:
            store.recluster()
    return summary
