"""Event records and documents as rows of the store's tables (and back)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from chronique.documents.readers import Document
from chronique.store.schema import DOCUMENT_SCHEMA, EVENT_SCHEMA, RECORD_NAMES

_KNOWN = set(RECORD_NAMES)


def event_row(record: dict[str, Any], seq: int) -> dict[str, Any]:
    """One ``events`` row of an event record; fields the schema does not know go to ``extra``."""
    row = {name: record.get(name) for name in RECORD_NAMES}
    row["seq"] = seq
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    return row


def record_of_row(row: dict[str, Any]) -> dict[str, Any]:
    """The event record (``Event.to_dict()`` shape) of an ``events`` row."""
    record = {name: row.get(name) for name in RECORD_NAMES}
    if record.get("context") is None:
        record["context"] = []
    for side in ("actor", "recipient"):
        if record.get(side) is None:
            record[side] = []
    if row.get("extra"):
        record.update(json.loads(row["extra"]))
    return record


def events_table(records: Iterable[tuple[dict[str, Any], int]]) -> pa.Table:
    """An Arrow table of ``(record, seq)`` pairs with the store's event schema."""
    return pa.Table.from_pylist([event_row(r, s) for r, s in records], schema=EVENT_SCHEMA)


def document_row(document: Document, content_hash: str, coder_version: str,
                 n_events: int, coded_at: datetime | None = None) -> dict[str, Any]:
    return {"doc_id": document.id, "url": document.url, "title": document.title,
            "published": document.published, "published_source": document.published_source,
            "lang": document.lang or "fr", "source": document.source,
            "content_hash": content_hash, "coder_version": coder_version,
            "coded_at": coded_at or datetime.now(UTC), "n_events": n_events}


def documents_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def arrow_of(result) -> pa.Table:
    """The Arrow table of a DuckDB result (``to_arrow_table`` in DuckDB 2, else the 1.x name)."""
    method = getattr(result, "to_arrow_table", None) or result.fetch_arrow_table
    return method()
