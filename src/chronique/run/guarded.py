"""Coding that survives its documents: a document the coder fails on becomes a ``Problem``
(``coder error``) and the run goes on; a document too long to parse at once is coded in
segments (``documents/segments.py``). Results come in input order."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from chronique.documents.model import Document, Problem
from chronique.documents.segments import is_long, renumber, segments
from chronique.errors import DocumentTimeout
from chronique.record import Event


class _ReaderFailed(Exception):
    pass


class _Feed:
    """The documents handed to the coder, remembering those not yet back; it stops at a
    document too long to code in one piece (``held``)."""

    def __init__(self, source: Iterator[Document]) -> None:
        self.source = source
        self.pending: deque[Document] = deque()
        self.exhausted = False
        self.held: Document | None = None

    def __iter__(self) -> Iterator[Document]:
        while True:
            try:
                document = next(self.source)
            except StopIteration:
                self.exhausted = True
                return
            except Exception as exc:  # a bug in reading: not the coder's
                raise _ReaderFailed() from exc
            if is_long(document):
                self.held = document
                return
            self.pending.append(document)
            yield document


def guarded(coder: Any, documents: Iterable[Document], on_problem: Callable[[Problem], None], *,
            time_limit: float | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """``coder.code_documents(documents)``, but a document the coder fails on is a problem
    (``coder error``, or ``time limit exceeded`` when the engine stopped it past its time
    budget, ``time_limit`` seconds) and the others are coded: when a batch fails, its
    documents are coded again one by one, and coding goes on with the next ones. A very long
    document is coded segment by segment (``documents/segments.py``), within the same time
    budget in all. Results come in input order."""
    source = iter(documents)
    fail = partial(_failed, on_problem=on_problem, time_limit=time_limit)
    while True:
        feed = _Feed(source)
        try:
            for result in coder.code_documents(iter(feed)):
                feed.pending.popleft()
                yield result
        except _ReaderFailed as failed:
            raise failed.__cause__ from None
        except Exception:
            if not feed.pending:  # not a document's fault: the coder itself is broken
                raise
            for document in list(feed.pending):
                yield from _alone(coder, document, fail)
        if feed.held is not None:
            yield from _in_segments(coder, feed.held, fail, time_limit)
        elif feed.exhausted:
            return


def _failed(document: Document, exc: Exception, on_problem: Callable[[Problem], None],
            time_limit: float | None = None) -> None:
    source, line = document.origin()
    if isinstance(exc, DocumentTimeout):
        limit = time_limit or (exc.args[0] if exc.args else None)
        budget = f"coding took longer than {limit:g} s" if limit else "coding took too long"
        reason = f"time limit exceeded ({budget}; --time-limit to raise it)"
    else:
        detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        reason = f"coder error ({detail[:200]})"
    on_problem(Problem(source, reason, line=line, doc_id=document.id))


def _alone(coder, document: Document, fail: Callable[[Document, Exception], None]
           ) -> Iterator[tuple[Document, list[Event]]]:
    try:
        results = list(coder.code_documents([document]))
    except Exception as exc:  # noqa: BLE001 - one document must not end the run
        fail(document, exc)
        return
    yield from results


def _in_segments(coder, document: Document, fail: Callable[[Document, Exception], None],
                 time_limit: float | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """A long document coded one segment per call (one parse in memory at a time)."""
    events: list[Event] = []
    base = 0
    started = time.monotonic()
    try:
        for segment in segments(document):
            if time_limit and time.monotonic() - started > time_limit:
                raise DocumentTimeout(time_limit)
            [(_, found)] = list(coder.code_documents([segment]))
            found, base = renumber(found, base)
            events.extend(found)
    except Exception as exc:  # noqa: BLE001
        fail(document, exc)
        return
    yield document, events
