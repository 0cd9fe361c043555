"""The corpus store (DuckDB): documents, events, clusters; exports and statistics."""

from chronique.store.db import Store
from chronique.store.hashing import coder_version, content_hash

__all__ = ["Store", "coder_version", "content_hash"]
