"""Coding that survives its documents: a document the coder fails on becomes a ``Problem``
(``coder error``) and the run goes on; a document too long to parse at once is coded in
segments (``documents/segments.py``). Results come in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from chronique.documents.model import Document, Problem
from chronique.documents.segments import is_long, renumber, segments
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


def guarded(coder, documents: Iterable[Document], on_problem: Callable[[Problem], None]
            ) -> Iterator[tuple[Document, list[Event]]]:
    """``coder.code_documents(documents)``, but a document the coder fails on is a problem
    (``coder error``) and the others are coded: when a batch fails, its documents are coded
    again one by one, and coding goes on with the next ones. A very long document is coded
    segment by segment (``documents/segments.py``). Results come in input order."""
    source = iter(documents)
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
                yield from _alone(coder, document, on_problem)
        if feed.held is not None:
            yield from _in_segments(coder, feed.held, on_problem)
        elif feed.exhausted:
            return


def _failed(document: Document, exc: Exception, on_problem: Callable[[Problem], None]) -> None:
    source, line = document.origin()
    detail = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    on_problem(Problem(source, f"coder error ({detail[:200]})", line=line, doc_id=document.id))


def _alone(coder, document: Document, on_problem: Callable[[Problem], None]
           ) -> Iterator[tuple[Document, list[Event]]]:
    try:
        results = list(coder.code_documents([document]))
    except Exception as exc:  # noqa: BLE001 - one document must not end the run
        _failed(document, exc, on_problem)
        return
    yield from results


def _in_segments(coder, document: Document, on_problem: Callable[[Problem], None]
                 ) -> Iterator[tuple[Document, list[Event]]]:
    """A long document coded one segment per call (one parse in memory at a time)."""
    events: list[Event] = []
    base = 0
    try:
        for segment in segments(document):
            [(_, found)] = list(coder.code_documents([segment]))
            found, base = renumber(found, base)
            events.extend(found)
    except Exception as exc:  # noqa: BLE001
        _failed(document, exc, on_problem)
        return
    yield document, events
