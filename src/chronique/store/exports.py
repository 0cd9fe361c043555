"""Exports of a corpus store: event records (JSON Lines, CSV), Parquet partitioned by
publication month, PLOVER JSON Lines and a GDELT-style table."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from chronique.store.gdelt import HEADER, gdelt_row
from chronique.store.plover import plover_record
from chronique.store.rows import arrow_of, record_of_row
from chronique.writers import CSV_COLUMNS, flat_row, json_line

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")
_ORDER = "ORDER BY published_date NULLS LAST, doc_id, seq"


def _rows(con, where: str = "TRUE", params: list[Any] | None = None):
    rel = con.sql(f"SELECT * FROM events_clustered WHERE {where} {_ORDER}", params=params) \
        if params else con.sql(f"SELECT * FROM events_clustered WHERE {where} {_ORDER}")
    for batch in arrow_of(rel).to_batches(max_chunksize=2048):
        yield from batch.to_pylist()


def export(corpus, fmt: str, out: str | Path) -> dict[str, int]:
    """Write the corpus in ``fmt`` to ``out`` (a folder for parquet); returns counts
    (``written``, and ``left_out`` for formats that leave negated/undated events out)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    con = corpus.con
    if fmt == "parquet":
        return {"written": export_parquet(con, Path(out)), "left_out": 0}
    with _output(out) as stream:
        return _write(con, fmt, stream)


@contextmanager
def _output(out: str | Path) -> Iterator[IO[str]]:
    """The file ``out`` open for writing, or standard output for ``-``."""
    if str(out) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(out, "w", encoding="utf-8", newline="") as stream:
        yield stream


def _write(con, fmt: str, stream: IO[str]) -> dict[str, int]:
    written = left_out = 0
    if fmt == "jsonl":
        for row in _rows(con):
            record = record_of_row(row)
            record["cluster_id"] = row.get("cluster_id")
            stream.write(json_line(record))
            written += 1
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=[*CSV_COLUMNS, "cluster_id",
                                                    "cluster_mentions",
                                                    "cluster_documents"],
                                extrasaction="ignore")
        writer.writeheader()
        for row in _rows(con):
            flat = flat_row(record_of_row(row))
            flat.update(cluster_id=row.get("cluster_id"),
                        cluster_mentions=row.get("n_mentions"),
                        cluster_documents=row.get("n_documents"))
            writer.writerow(flat)
            written += 1
    elif fmt == "plover":
        docs = _documents(con)
        for row in _rows(con):
            record = plover_record(row, docs.get(row["doc_id"]))
            if record is None:
                left_out += 1
                continue
            stream.write(json_line(record))
            written += 1
    else:
        written, left_out = _gdelt(con, stream)
    return {"written": written, "left_out": left_out}


def _documents(con) -> dict[str, dict[str, Any]]:
    return {d["doc_id"]: d for d in arrow_of(con.sql("SELECT * FROM documents")).to_pylist()}


def export_parquet(con, folder: Path) -> int:
    """A Parquet dataset partitioned by publication month (``month=YYYY-MM/``)."""
    folder.mkdir(parents=True, exist_ok=True)
    n = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    path = str(folder).replace("'", "''")
    con.execute(f"COPY (SELECT * FROM events_clustered {_ORDER}) "
                f"TO '{path}' (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE)")
    return n


def _gdelt(con, stream) -> tuple[int, int]:
    clusters = {c["cluster_id"]: c for c in arrow_of(con.sql(
        "SELECT e.cluster_id, min(coalesce(e.cluster_day, e.day)) AS day, "
        "count(*) AS mentions, count(DISTINCT e.doc_id) AS documents, "
        "list(DISTINCT e.url) FILTER (WHERE e.url IS NOT NULL) AS urls, "
        "min(d.coded_at) AS coded_at FROM events_clustered e "
        "LEFT JOIN documents d USING (doc_id) WHERE NOT coalesce(e.negated, FALSE) "
        "GROUP BY e.cluster_id")).to_pylist()}
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
    writer.writerow(HEADER)
    written = left_out = 0
    seen: set[str] = set()
    for row in _rows(con):
        if row.get("negated"):
            left_out += 1
            continue
        if row["cluster_id"] in seen:
            continue
        seen.add(row["cluster_id"])
        writer.writerow(gdelt_row(row, clusters.get(row["cluster_id"], {})))
        written += 1
    return written, left_out
