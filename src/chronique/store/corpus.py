"""``chronique.Corpus``: a corpus store opened for analysis, as DuckDB relations or pandas.

>>> corpus = Corpus("corpus.duckdb")                          # doctest: +SKIP
>>> corpus.counts(by="month", dyad=("DZA", "MAR")).df()       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from chronique.store.db import Store
from chronique.store.queries import (
    Filters,
    cluster_summaries_sql,
    clusters_sql,
    code_present_sql,
    copy_parquet_sql,
    counts_sql,
    dyads_sql,
    events_sql,
    types_sql,
    units_sql,
)
from chronique.store.rows import arrow_of, record_of_row


class Corpus:
    """Queries over a corpus store; every method returns a DuckDB relation (``.df()`` for
    pandas). Filters (``Filters.of``): ``event_type``, ``country``, ``dyad=(A, B)``,
    ``since``, ``until``, ``include_negated``; ``unit`` is ``cluster`` (default),
    ``mention`` or ``one-a-day``."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        if not Path(path).exists():
            raise FileNotFoundError(f"no corpus store at {path}")
        self.store = Store(path, read_only=read_only)
        self.con: duckdb.DuckDBPyConnection = self.store.con
        if not read_only:
            self.store.recluster()

    # -- relations ----------------------------------------------------------------------
    def sql(self, query: str, params: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        return self.con.sql(query, params=params) if params else self.con.sql(query)

    def documents(self) -> duckdb.DuckDBPyRelation:
        return self.sql("SELECT * FROM documents ORDER BY published NULLS LAST, doc_id")

    def events(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Event rows (every record field, ``cluster_id``, ``day``, actor/recipient codes)."""
        return self.sql(*events_sql(Filters.of(**filters)))

    def units(self, unit: str = "cluster", **filters: Any) -> duckdb.DuckDBPyRelation:
        return self.sql(*units_sql(unit, Filters.of(**filters)))

    def clusters(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        return self.sql(*clusters_sql(Filters.of(**filters)))

    def counts(self, by: str = "month", unit: str = "cluster",
               **filters: Any) -> duckdb.DuckDBPyRelation:
        """Events per period and quad class, with the mean Goldstein score."""
        return self.sql(*counts_sql(unit, by, Filters.of(**filters)))

    def types(self, unit: str = "cluster", **filters: Any) -> duckdb.DuckDBPyRelation:
        return self.sql(*types_sql(unit, Filters.of(**filters)))

    def top_dyads(self, n: int = 10, unit: str = "cluster",
                  **filters: Any) -> duckdb.DuckDBPyRelation:
        return self.sql(*dyads_sql(unit, Filters.of(**filters), n))

    def totals(self) -> dict[str, int]:
        return self.store.counts()

    def has_code(self, code: str) -> bool:
        """Whether an event names ``code`` on either side."""
        return bool(self.sql(*code_present_sql(code)).fetchall()[0][0])

    def rows(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """The rows of ``events`` as dicts, streamed in batches."""
        for batch in arrow_of(self.events(**filters)).to_batches(max_chunksize=2048):
            yield from batch.to_pylist()

    def records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Event records (``Event.to_dict()`` shape) with ``cluster_id``."""
        for row in self.rows(**filters):
            record = record_of_row(row)
            record["cluster_id"] = row.get("cluster_id")
            yield record

    def cluster_summaries(self) -> dict[str, dict[str, Any]]:
        """``cluster_id ->`` its day, reports, documents, URLs and first coding time
        (clusters of events that happened)."""
        return {c["cluster_id"]: c
                for c in arrow_of(self.sql(cluster_summaries_sql())).to_pylist()}

    def write_parquet(self, folder: str | Path) -> int:
        """Every event row to a Parquet dataset in ``folder`` (``month=YYYY-MM/``
        partitions); returns the number of events."""
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.con.execute(copy_parquet_sql(str(folder)))
        return self.totals()["events"]

    def recluster(self) -> int:
        return self.store.recluster(force=True)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
