"""Event records and documents as rows of the store's tables (and back)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa

from chronique.documents.readers import Document
from chronique.store.schema import DOCUMENT_SCHEMA, EVENT_SCHEMA, RECORD_NAMES

_KNOWN = set(RECORD_NAMES)
#: record fields that are structs or lists (JSON text in some layouts)
NESTED = ("actor", "recipient", "location", "trigger", "sentence", "speaker", "context")


def event_row(record: dict[str, Any], seq: int) -> dict[str, Any]:
    """One ``events`` row of an event record; fields the schema does not know go to ``extra``."""
    row = {name: record.get(name) for name in RECORD_NAMES}
    row["seq"] = seq
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    return row


def record_of_row(row: dict[str, Any], fields: Iterable[str] | None = None, *,
                  record_column: str | None = None) -> dict[str, Any]:
    """The event record (``Event.to_dict()`` shape) of a row of the events table or view.

    ``fields``: the row's columns that are record fields (default: every field of the
    store's schema, ``None`` when the row lacks it); a corpus view of another layout passes
    its own columns. Nested fields may be structs and lists or JSON text; a whole record as
    JSON text in ``record_column`` gives the fields no column has. Record fields the schema
    does not know come from ``extra``; values are JSON-ready (dates as ISO text)."""
    record: dict[str, Any] = {}
    whole = row.get(record_column) if record_column else None
    if isinstance(whole, str):
        try:
            record.update(json.loads(whole))
        except ValueError:
            pass
    for name in RECORD_NAMES if fields is None else fields:
        value = row.get(name)
        if name in NESTED and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                pass
        record[name] = plain(value)
    extra = row.get("extra")
    if isinstance(extra, str) and extra:
        try:
            for key, value in json.loads(extra).items():
                record.setdefault(key, value)
        except (ValueError, AttributeError):
            pass
    for side in ("actor", "recipient", "context"):
        if record.get(side) is None:
            record[side] = []
    return record


def plain(value: Any) -> Any:
    """A JSON-ready copy of a DuckDB value."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return None
    return str(value)


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


def arrow_of(result: Any) -> pa.Table:
    """The Arrow table of a DuckDB result (``to_arrow_table`` in DuckDB 2, else the 1.x name)."""
    method = getattr(result, "to_arrow_table", None) or result.fetch_arrow_table
    return method()
