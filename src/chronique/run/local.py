"""One process: the coder itself, batch by batch, each batch within its time budget."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from chronique.documents.model import Document
from chronique.record import Event
from chronique.settings import Settings


class LocalEngine:
    """One process: the coder, with nothing to close. Batches are the coder's own
    (``settings.batch_size`` documents), each with the time budget of ``code_batch``."""

    workers = 1

    def __init__(self, settings: Settings) -> None:
        from chronique.pipeline import Coder

        self.settings = settings
        self.coder = Coder(settings)

    def code_documents(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, list[Event]]]:
        from chronique.run.budget import time_budget
        from chronique.run.chunks import chunked

        for chunk in chunked(documents, self.settings.batch_size):
            with time_budget(self.settings.time_limit):
                results = list(self.coder.code_documents(chunk))
            yield from results

    def close(self) -> None:
        pass

    terminate = close
