"""The corpus store: one DuckDB file holding documents, events and their clusters.

Every write is one transaction: a batch of documents and all their events, replacing what
the store held for those documents. A run killed at any moment leaves whole batches or
nothing; re-running skips documents already coded with the same content and coder version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from chronique.documents.readers import Document
from chronique.errors import StoreLocked
from chronique.store.cluster import cluster_mentions, mention_of_row
from chronique.store.hashing import content_hash
from chronique.store.rows import arrow_of, document_row, documents_table, events_table
from chronique.store.schema import DDL

STALE = "clusters_stale"


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to a corpus file; a file another process holds open for writing is
    ``StoreLocked``, with who holds it and what to do (DuckDB allows one writing process)."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise StoreLocked(locked_message(path, str(exc))) from None


def locked_message(path: str | Path, error: str) -> str:
    """The message for a store another process holds (from DuckDB's lock error)."""
    found = _LOCK_HOLDER.search(error)
    holder = (f"process {found.group('pid')} ({Path(found.group('program')).name})"
              if found else "another process")
    return (f"{path}: the corpus store is in use by {holder}, which has it open for writing "
            "(one process at a time can write a DuckDB file). Wait for that run to finish, "
            "stop it, or give another --db file.")


class Store:
    """A DuckDB corpus file, opened for reading and writing (``read_only`` for queries only)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only)
        if not read_only:
            for statement in DDL:
                self.con.execute(statement)
        self._known: dict[str, tuple[str, str]] | None = None

    # -- what is there ----------------------------------------------------------------
    def known(self) -> dict[str, tuple[str, str]]:
        """``doc_id -> (content_hash, coder_version)`` of every stored document."""
        if self._known is None:
            rows = self.con.execute(
                "SELECT doc_id, content_hash, coder_version FROM documents").fetchall()
            self._known = {d: (h, v) for d, h, v in rows}
        return self._known

    def is_current(self, document: Document, coder_version: str) -> bool:
        """True when the document is stored with the same content and coder version."""
        return self.known().get(document.id) == (content_hash(document), coder_version)

    def conflict(self, document: Document) -> str | None:
        """Why the document is not coded into this store without ``--replace``: its id is
        stored with different content (another text, date, url, title or language); None
        when the id is new or the content the same (a new coder version re-codes it)."""
        stored = self.known().get(document.id)
        if stored is None or stored[0] == content_hash(document):
            return None
        rows = self.con.execute("SELECT source FROM documents WHERE doc_id = ?",
                                [document.id]).fetchall()
        where = f", stored from {rows[0][0]}" if rows and rows[0][0] else ""
        return (f"already in the store with different content (id {document.id!r}{where}; "
                "--replace to re-code it)")

    def counts(self) -> dict[str, int]:
        docs, events, clusters = self.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
            "(SELECT count(DISTINCT cluster_id) FROM event_clusters)").fetchall()[0]
        return {"documents": docs, "events": events, "clusters": clusters}

    # -- writing ------------------------------------------------------------------------
    def write(self, coded: Iterable[tuple[Document, list[Any]]], coder_version: str) -> int:
        """Store coded documents (each with its events, ``Event`` or record dicts) in one
        transaction, replacing their previous events; returns the number of documents."""
        latest: dict[str, tuple[Document, list[dict[str, Any]]]] = {}
        for document, events in coded:
            latest[document.id] = (document, [e if isinstance(e, dict) else e.to_dict()
                                              for e in events])
        if not latest:
            return 0
        hashes = {doc_id: content_hash(doc) for doc_id, (doc, _) in latest.items()}
        docs = documents_table([document_row(doc, hashes[doc.id], coder_version, len(events))
                                for doc, events in latest.values()])
        events = events_table((record, seq) for _, records in latest.values()
                              for seq, record in enumerate(records))
        ids = list(latest)
        with self._transaction(_new_documents=docs, _new_events=events) as con:
            for table in ("events", "event_clusters", "documents"):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN "
                            "(SELECT unnest($1::VARCHAR[]))", [ids])
            con.execute("INSERT INTO documents BY NAME SELECT * FROM _new_documents")
            con.execute("INSERT INTO events BY NAME SELECT * FROM _new_events")
            self._set(STALE, "1")
        known = self.known()
        for doc_id in ids:
            known[doc_id] = (hashes[doc_id], coder_version)
        return len(ids)

    @contextmanager
    def _transaction(self, **tables: Any) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction, with Arrow ``tables`` registered under their names for its
        statements: committed whole, or rolled back whole on any error or interruption."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for name, table in tables.items():
                con.register(name, table)
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in tables:
                con.unregister(name)

    def _set(self, key: str, value: str) -> None:
        self.con.execute("DELETE FROM meta WHERE key = ?", [key])
        self.con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])

    def _get(self, key: str) -> str | None:
        rows = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
        return rows[0][0] if rows else None

    # -- clusters -----------------------------------------------------------------------
    def clusters_stale(self) -> bool:
        return self._get(STALE) == "1"

    def recluster(self, *, force: bool = False) -> int:
        """Recompute every event's cluster when documents changed; returns the clusters."""
        if not force and not self.clusters_stale():
            return self.counts()["clusters"]
        rows = self.con.sql(
            "SELECT doc_id, seq, event_id, event_type, negated, modality, actor_codes, "
            "recipient_codes, event_date, date_reason, published_date, location "
            "FROM events_clustered")
        rows = arrow_of(rows).to_pylist()
        clusters = cluster_mentions(mention_of_row(r) for r in rows)
        table = [{"doc_id": m.doc_id, "seq": m.seq, "cluster_id": c.cluster_id,
                  "cluster_day": c.day, "n_mentions": len(c.members),
                  "n_documents": len({x.doc_id for x in c.members})}
                 for c in clusters for m in c.members]
        import pyarrow as pa

        arrow = pa.Table.from_pylist(table, schema=pa.schema([
            ("doc_id", pa.string()), ("seq", pa.int32()), ("cluster_id", pa.string()),
            ("cluster_day", pa.date32()), ("n_mentions", pa.int32()),
            ("n_documents", pa.int32())]))
        with self._transaction(_clusters=arrow) as con:
            con.execute("DELETE FROM event_clusters")
            con.execute("INSERT INTO event_clusters BY NAME SELECT * FROM _clusters")
            self._set(STALE, "0")
        return len(clusters)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
