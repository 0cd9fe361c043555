"""Event records written as a Parquet dataset partitioned by publication month
(``DIR/month=YYYY-MM/part-*.parquet``), streaming: ``chronique code -o DIR --format parquet``."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa

from chronique.record import Event
from chronique.store.rows import event_row
from chronique.store.schema import EVENT_SCHEMA

PARQUET_SCHEMA = EVENT_SCHEMA.append(pa.field("month", pa.string()))


def month_of(published: str | None) -> str:
    """``YYYY-MM`` of a publication date, ``unknown`` when it has no full month."""
    if published and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return published[:7]
    return "unknown"


class ParquetDatasetWriter:
    """Buffers events and writes a Parquet file per partition every ``flush_every`` events."""

    def __init__(self, folder: str | Path, *, flush_every: int = 20_000) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise NotADirectoryError(f"{folder} exists and is not a folder")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.flush_every = flush_every
        self._rows: list[dict[str, Any]] = []
        self._seq: dict[str, int] = {}
        self._run = uuid.uuid4().hex[:8]
        self._part = 0
        self.written = 0

    def write(self, event: Event | dict[str, Any]) -> None:
        record = event if isinstance(event, dict) else event.to_dict()
        seq = self._seq.get(record["doc_id"], 0)
        self._seq[record["doc_id"]] = seq + 1
        row = event_row(record, seq)
        row["month"] = month_of(record.get("published"))
        self._rows.append(row)
        if len(self._rows) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        import pyarrow.dataset as ds

        table = pa.Table.from_pylist(self._rows, schema=PARQUET_SCHEMA)
        ds.write_dataset(table, self.folder, format="parquet",
                         partitioning=ds.partitioning(pa.schema([("month", pa.string())]),
                                                      flavor="hive"),
                         basename_template=f"part-{self._run}-{self._part:05d}-{{i}}.parquet",
                         existing_data_behavior="overwrite_or_ignore")
        self._part += 1
        self.written += len(self._rows)
        self._rows = []

    def close(self) -> None:
        self.flush()
