"""Cut a stream of documents into batches, and keep a bounded window of batches in flight."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter), in order."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_window(chunks: Iterable[T], submit: Callable[[T], Any],
                   result: Callable[[Any], Any], window: int) -> Iterator[tuple[T, Any]]:
    """Submit chunks ahead, at most ``window`` in flight, and yield ``(chunk, result)`` in
    submission order: output order is input order whatever finishes first."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            done, handle = pending.popleft()
            yield done, result(handle)
    while pending:
        done, handle = pending.popleft()
        yield done, result(handle)
