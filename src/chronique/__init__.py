"""chronique: French-language news to PLOVER/CAMEO political event data.

>>> from chronique import code_text  # doctest: +SKIP
>>> [e.event_type for e in code_text("Le Mali a signé un accord avec le Niger.")]  # doctest: +SKIP
['AGREE']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from chronique.record import Entity, Event, Place, Span
from chronique.version import __version__

__all__ = ["Corpus", "Entity", "Event", "Place", "Span", "__version__", "code_documents",
           "code_text", "get_coder"]


def __getattr__(name: str):
    """``chronique.Corpus`` is imported on first use (DuckDB is not needed to code text)."""
    if name == "Corpus":
        from chronique.store.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'chronique' has no attribute {name!r}")


@lru_cache(maxsize=1)
def get_coder() -> Any:
    """The process-wide coder (models and lexicon loaded once)."""
    from chronique.pipeline import Coder

    return Coder()


def code_text(text: str, published: str | None = None, doc_id: str | None = None) -> list[Event]:
    """Code one French text; ``published`` (YYYY-MM-DD, may be partial) anchors its dates."""
    return get_coder().code_text(text, published=published, doc_id=doc_id or "text")


def code_documents(documents: Iterable[dict[str, Any]]) -> Iterator[Event]:
    """Code documents given as dicts ``{"id", "text", "published"?, "url"?, "title"?, "lang"?}``."""
    from chronique.documents.readers import make_document

    docs = (make_document(str(d.get("id") or f"doc-{i}"), d["text"], published=d.get("published"),
                          url=d.get("url"), title=d.get("title"), lang=d.get("lang"))
            for i, d in enumerate(documents))
    for _document, events in get_coder().code_documents(docs):
        yield from events
