"""Exports of a corpus store: event records (JSON Lines, CSV), Parquet partitioned by
publication month, PLOVER JSON Lines and a GDELT-style table. The rows come from
``chronique.Corpus`` (the store's queries); this module only writes them."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from chronique.exports.gdelt import HEADER, gdelt_row
from chronique.exports.plover import plover_record
from chronique.exports.writers import CSV_COLUMNS, flat_row, json_line
from chronique.store.rows import arrow_of, record_of_row

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")
CSV_CLUSTER_COLUMNS = ["cluster_id", "cluster_mentions", "cluster_documents"]


def export(corpus: Any, fmt: str, out: str | Path) -> dict[str, int]:
    """Write the corpus (a ``chronique.Corpus``) in ``fmt`` to ``out`` (a folder for
    parquet); returns counts (``written``, and ``left_out`` for formats that leave
    negated/undated events out)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return {"written": corpus.write_parquet(Path(out)), "left_out": 0}
    write = {"jsonl": _jsonl, "csv": _csv, "plover": _plover, "gdelt": _gdelt}[fmt]
    with _output(out) as stream:
        written, left_out = write(corpus, stream)
    return {"written": written, "left_out": left_out}


@contextmanager
def _output(out: str | Path) -> Iterator[IO[str]]:
    """The file ``out`` open for writing, or standard output for ``-``."""
    if str(out) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(out, "w", encoding="utf-8", newline="") as stream:
        yield stream


def _every_row(corpus: Any) -> Iterator[dict[str, Any]]:
    return corpus.rows(include_negated=True)


def _jsonl(corpus: Any, stream: IO[str]) -> tuple[int, int]:
    written = 0
    for row in _every_row(corpus):
        record = record_of_row(row)
        record["cluster_id"] = row.get("cluster_id")
        stream.write(json_line(record))
        written += 1
    return written, 0


def _csv(corpus: Any, stream: IO[str]) -> tuple[int, int]:
    writer = csv.DictWriter(stream, fieldnames=[*CSV_COLUMNS, *CSV_CLUSTER_COLUMNS],
                            extrasaction="ignore")
    writer.writeheader()
    written = 0
    for row in _every_row(corpus):
        flat = flat_row(record_of_row(row))
        flat.update(cluster_id=row.get("cluster_id"), cluster_mentions=row.get("n_mentions"),
                    cluster_documents=row.get("n_documents"))
        writer.writerow(flat)
        written += 1
    return written, 0


def _plover(corpus: Any, stream: IO[str]) -> tuple[int, int]:
    docs = _documents(corpus)
    written = left_out = 0
    for row in _every_row(corpus):
        record = plover_record(row, docs.get(row["doc_id"]))
        if record is None:
            left_out += 1
            continue
        stream.write(json_line(record))
        written += 1
    return written, left_out


def _documents(corpus: Any) -> dict[str, dict[str, Any]]:
    return {d["doc_id"]: d for d in arrow_of(corpus.documents()).to_pylist()}


def _gdelt(corpus: Any, stream: IO[str]) -> tuple[int, int]:
    clusters = corpus.cluster_summaries()
    writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
    writer.writerow(HEADER)
    written = left_out = 0
    seen: set[str] = set()
    for row in _every_row(corpus):
        if row.get("negated"):
            left_out += 1
            continue
        if row["cluster_id"] in seen:
            continue
        seen.add(row["cluster_id"])
        writer.writerow(gdelt_row(row, clusters.get(row["cluster_id"], {})))
        written += 1
    return written, left_out
