"""The corpus store (DuckDB): documents, events, clusters; one query layer (``queries.py``:
``Filters``, counting units, aggregates) under ``chronique.Corpus`` (``corpus.py``), the
command line, the exports and the web's read-only ``CorpusView`` (``view.py``)."""

from chronique.store.corpus import Corpus
from chronique.store.db import Store
from chronique.store.hashing import coder_version, content_hash
from chronique.store.queries import Filters

__all__ = ["Corpus", "Filters", "Store", "coder_version", "content_hash"]
