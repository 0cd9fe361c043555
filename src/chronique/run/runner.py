"""A coding run: read inputs, skip what cannot be coded (saying why), code, write, summarise.

The library never prints: progress and problems go to callbacks that the CLI provides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from chronique.documents.language import language_problem
from chronique.documents.readers import Document, Problem, read_inputs
from chronique.record import Event
from chronique.run.guarded import guarded

__all__ = ["Summary", "run", "screen"]


@dataclass
class Summary:
    documents: int = 0
    events: int = 0
    skipped: list[Problem] = field(default_factory=list)
    unchanged: int = 0  # documents already in the store with the same content and version
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source, note): coded anyway

    def line(self) -> str:
        text = f"coded {self.documents} documents, {self.events} events"
        if self.unchanged:
            text += f"; {self.unchanged} unchanged in the store"
        if self.skipped:
            reasons: dict[str, int] = {}
            for problem in self.skipped:
                reason = problem.reason.split(" (")[0]
                reasons[reason] = reasons.get(reason, 0) + 1
            detail = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()))
            text += f"; {len(self.skipped)} skipped: {detail}"
        if self.notes:
            kinds: dict[str, int] = {}
            for _source, note in self.notes:
                kind = note.split(" (")[0]
                kinds[kind] = kinds.get(kind, 0) + 1
            text += "; noted: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        return text


def too_long(document: Document, max_chars: int | None) -> str | None:
    """Why a document is too long to code, or None."""
    if max_chars is None or len(document.text) <= max_chars:
        return None
    return (f"document too long ({len(document.text)} characters; the limit is {max_chars}, "
            "--max-chars to raise it)")


def screen(items: Iterable[Document | Problem], *, force_lang: str | None = None,
           on_problem: Callable[[Problem], None],
           on_note: Callable[[Document, str], None] | None = None,
           max_chars: int | None = None) -> Iterator[Document]:
    """Documents that can be coded; problems (including text that is not French, or longer
    than ``max_chars``) go to ``on_problem``, notes on documents coded anyway (an encoding
    guessed) to ``on_note``."""
    for item in items:
        if isinstance(item, Problem):
            on_problem(item)
            continue
        why = too_long(item, max_chars) or language_problem(item.text, item.lang, force_lang)
        if why is not None:
            on_problem(_problem_of(item, why))
            continue
        if on_note is not None:
            for note in item.notes:
                on_note(item, note)
        yield item


def run(inputs: list[str], coder: Any, *, published: str | None = None,
        force_lang: str | None = None, on_event: Callable[[Event], None],
        on_problem: Callable[[Problem], None],
        on_document: Callable[[Document, list[Event]], None] | None = None,
        skip: Callable[[Document], bool] | None = None,
        on_unchanged: Callable[[Document], None] | None = None,
        on_note: Callable[[Document, str], None] | None = None, stdin: IO[str] | None = None,
        refuse: Callable[[Document], str | None] | None = None,
        max_chars: int | None = None, time_limit: float | None = None) -> Summary:
    """Code every input; returns the summary.

    ``coder`` is anything with ``code_documents`` (a ``Coder``, or an engine of
    ``chronique.run`` that codes on several processes or a Dask cluster, in input order).
    Every document read is coded or reported, once: a second document with an id already
    seen in the run is a problem naming both sources; a document longer than ``max_chars``
    characters is a problem; one that ``refuse`` gives a reason for is a problem. Documents
    for which ``skip`` is true are not coded (counted as unchanged and passed to
    ``on_unchanged``); notes on documents coded anyway go to ``on_note``. ``time_limit`` only
    names the limit in the message of a document that ran past it (the engine enforces it)."""
    summary = Summary()

    def problem(p: Problem) -> None:
        summary.skipped.append(p)
        on_problem(p)

    def note(document: Document, text: str) -> None:
        summary.notes.append((document.source or document.id, text))
        if on_note is not None:
            on_note(document, text)

    documents = screen(read_inputs(inputs, published=published, stdin=stdin),
                       force_lang=force_lang, on_problem=problem, on_note=note,
                       max_chars=max_chars)
    documents = unique(documents, problem)
    if refuse is not None:
        documents = _refused(documents, refuse, problem)
    if skip is not None:
        documents = _without(documents, skip, summary, on_unchanged)
    for document, events in guarded(coder, documents, problem, time_limit=time_limit):
        summary.documents += 1
        summary.events += len(events)
        for event in events:
            on_event(event)
        if on_document is not None:
            on_document(document, events)
    return summary


def _problem_of(document: Document, reason: str) -> Problem:
    source, line = document.origin()
    return Problem(source, reason, line=line, doc_id=document.id)


def unique(documents: Iterable[Document], on_problem: Callable[[Problem], None]
           ) -> Iterator[Document]:
    """The documents, each id once: a document whose id an earlier one of the run already has
    is a problem naming both (never a silent replacement of the first)."""
    seen: dict[str, str] = {}
    for document in documents:
        first = seen.get(document.id)
        if first is not None:
            on_problem(_problem_of(document, f"duplicate id ({document.id!r} is already the "
                                             f"id of {first})"))
            continue
        seen[document.id] = document.source or document.id
        yield document


def _refused(documents: Iterable[Document], refuse: Callable[[Document], str | None],
             on_problem: Callable[[Problem], None]) -> Iterator[Document]:
    for document in documents:
        why = refuse(document)
        if why is not None:
            on_problem(_problem_of(document, why))
            continue
        yield document


def _without(documents: Iterable[Document], skip: Callable[[Document], bool], summary: Summary,
             on_unchanged: Callable[[Document], None] | None) -> Iterator[Document]:
    for document in documents:
        if skip(document):
            summary.unchanged += 1
            if on_unchanged is not None:
                on_unchanged(document)
            continue
        yield document
