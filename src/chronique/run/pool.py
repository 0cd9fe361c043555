"""Code documents with N local worker processes (``--workers N``)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial

from chronique.documents.readers import Document
from chronique.record import Event
from chronique.run.chunks import chunked, ordered_window
from chronique.run.worker import code_batch, init_worker
from chronique.settings import Settings


class ProcessPoolCoder:
    """``code_documents`` over ``workers`` processes. Batches are the coder's own
    (``settings.batch_size`` documents), so each batch goes through ``nlp.pipe`` exactly as in
    one process: the events are identical, and they come back in input order."""

    def __init__(self, settings: Settings, workers: int, *, window: int | None = None,
                 start_method: str = "spawn") -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.settings = settings
        self.workers = workers
        self.window = window or 2 * workers
        context = multiprocessing.get_context(start_method)
        self._pool = context.Pool(workers, initializer=init_worker, initargs=(settings,))

    def code_documents(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, list[Event]]]:
        submit = partial(self._pool.apply_async, code_batch)
        for _chunk, pairs in ordered_window(
                chunked(documents, self.settings.batch_size),
                lambda chunk: submit((self.settings, chunk)),
                lambda handle: handle.get(), self.window):
            yield from pairs

    def warm_up(self, timeout: float = 300.0) -> set[int]:
        """Wait until every worker has loaded its models and coded a short text
        (``worker.warm_up``); returns their process ids."""
        import time

        from chronique.run.worker import warm_up

        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            handles = [self._pool.apply_async(warm_up, (self.settings, 0.3))
                       for _ in range(self.workers)]
            seen.update(h.get(timeout=timeout) for h in handles)
        return seen

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool.join()
