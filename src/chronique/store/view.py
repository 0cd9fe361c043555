"""A read-only view of a corpus DuckDB file (what the web server browses).

The corpus file is written by the store (``chronique code --db``). This view never keeps the
file open: when it starts, and whenever the file changes on disk, it takes a new snapshot
(``snapshot.py``: the file copied into memory and indexed with the columns the store's
queries read), so a coding run can write the file while the server runs (the view keeps the
last complete copy). Every query is the store's (``queries.py``) and runs under a time limit
(DuckDB's ``interrupt``).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from chronique.store.queries import (
    Filters,
    count_sql,
    page_keys_sql,
    stats_edges_sql,
    stats_nodes_sql,
    stats_quads_sql,
    stats_series_sql,
    stats_totals_sql,
    stats_types_sql,
)
from chronique.store.rows import plain, record_of_row
from chronique.store.snapshot import INDEX, TEXT_COLUMNS, CorpusError, Snapshot, load, stamp_of

__all__ = ["CorpusError", "CorpusTimeout", "CorpusView"]

PERIODS = ("day", "week", "month", "year")
#: what the web counts, and the store's counting unit of each
COUNTS = {"clusters": "cluster", "mentions": "mention", "one-a-day": "one-a-day"}
MAX_PER_PAGE = 200
MAX_NODES = 40

T = TypeVar("T")


class CorpusTimeout(Exception):
    """A corpus query ran past the time limit and was interrupted."""


class CorpusView:
    """Events and documents of a corpus file, read-only, with filters, pages and statistics."""

    def __init__(self, path: str | Path, *, time_limit: float = 10.0,
                 refresh_seconds: float = 5.0) -> None:
        self.path = Path(path)
        self.time_limit = time_limit
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._checked = 0.0
        if not self.path.is_file():
            raise CorpusError(f"{self.path}: no such corpus file")
        self._snap = load(self.path)

    # -- loading ------------------------------------------------------------------------
    def _current(self) -> Snapshot:
        now = time.monotonic()
        if now - self._checked < self.refresh_seconds:
            return self._snap
        with self._lock:
            if now - self._checked < self.refresh_seconds:
                return self._snap
            self._checked = now
            if stamp_of(self.path) != self._snap.stamp and self.path.is_file():
                try:
                    self._snap = load(self.path)
                except CorpusError:
                    pass  # locked by a writer or half-written: keep serving the last copy
        return self._snap

    def _run(self, work: Callable[[duckdb.DuckDBPyConnection, Snapshot], T]) -> T:
        snap = self._current()
        with self._lock:
            cur = snap.con.cursor()
        done = threading.Event()

        def watchdog() -> None:
            # an interrupt that lands between two statements, or before the first has
            # started, is lost: past the limit, interrupt until the work gives up
            if done.wait(self.time_limit):
                return
            while not done.is_set():
                try:
                    cur.interrupt()
                except duckdb.Error:
                    return  # closed meanwhile: the work is over
                done.wait(0.01)

        threading.Thread(target=watchdog, daemon=True).start()
        try:
            return work(cur, snap)
        except duckdb.InterruptException as exc:
            raise CorpusTimeout(f"query stopped after {self.time_limit:g} s") from exc
        finally:
            done.set()
            cur.close()

    # -- queries ------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        snap = self._current()
        return {"path": str(self.path), "events_relation": snap.events_relation,
                "loaded_at": dt.datetime.fromtimestamp(snap.loaded_at, dt.UTC).isoformat(),
                **snap.summary}

    def events(self, filters: Filters, *, page: int = 1, per_page: int = 50) -> dict[str, Any]:
        """One page of the events that pass the filters, newest first."""
        per_page = max(1, min(per_page, MAX_PER_PAGE))
        page = max(1, page)

        def work(cur, snap):
            total = cur.execute(*count_sql(filters, INDEX)).fetchone()[0]
            keys = [r[0] for r in cur.execute(
                *page_keys_sql(filters, INDEX, per_page, (page - 1) * per_page)).fetchall()]
            return total, _records(cur, snap, keys)

        total, records = self._run(work)
        return {"total": total, "page": page, "per_page": per_page,
                "pages": (total + per_page - 1) // per_page, "events": records}

    def all_events(self, filters: Filters, *, limit: int = 100_000) -> list[dict[str, Any]]:
        """Every event that passes the filters (up to ``limit``), for downloads."""
        def work(cur, snap):
            keys = [r[0] for r in cur.execute(*page_keys_sql(filters, INDEX, limit)).fetchall()]
            return _records(cur, snap, keys)

        return self._run(work)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document's metadata, text (when the corpus keeps it) and events in text order."""
        def work(cur, snap):
            meta, text = _document_row(cur, snap, doc_id)
            keys = [r[0] for r in cur.execute(
                f"SELECT _k FROM {INDEX} WHERE doc_id = ? ORDER BY sentence_index, _k",
                [doc_id]).fetchall()]
            return meta, text, _records(cur, snap, keys)

        meta, text, records = self._run(work)
        if not meta and not records and text is None:
            return None
        meta.pop("doc_id", None)
        return {"doc_id": doc_id, "document": meta, "text": text, "events": records}

    def stats(self, filters: Filters, *, by: str = "month", count: str = "clusters",
              top: int = MAX_NODES) -> dict[str, Any]:
        """Counts per period (cooperation and conflict, each quad class, mean Goldstein), per
        type and quad class, and the network of participants (edges: events, mean Goldstein).

        ``count``: ``clusters`` (the default, when the corpus is clustered: the reports of one
        happening count once, on their cluster's day), ``mentions`` (every event record) or
        ``one-a-day`` (one per day, type, actor codes and recipient codes): the units of
        ``chronique stats`` (``store/queries.py``). An event's day is its date, else the
        publication date; ``filters.include_negated=False`` leaves out events the text says
        did not happen."""
        if by not in PERIODS:
            raise ValueError(f"by must be one of {', '.join(PERIODS)}")
        if count not in COUNTS:
            raise ValueError(f"count must be one of {', '.join(COUNTS)}")

        def work(cur, snap):
            unit = COUNTS[count] if snap.has_clusters or count != "clusters" else "mention"
            return snap.has_clusters, {
                "totals": cur.execute(*stats_totals_sql(unit, filters, INDEX)).fetchone(),
                "series": cur.execute(*stats_series_sql(unit, by, filters, INDEX)).fetchall(),
                "types": cur.execute(*stats_types_sql(unit, filters, INDEX)).fetchall(),
                "quads": cur.execute(*stats_quads_sql(unit, filters, INDEX)).fetchall(),
                "nodes": cur.execute(*stats_nodes_sql(unit, filters, INDEX, top)).fetchall(),
                "edges": cur.execute(*stats_edges_sql(unit, filters, INDEX)).fetchall()}

        clustered, rows = self._run(work)
        counted = "mentions" if count == "clusters" and not clustered else count
        return {"by": by, "count": counted, "filters": filters.to_dict(), **_stats(rows, by)}


# -- rows to records ----------------------------------------------------------------------
def _records(cur: duckdb.DuckDBPyConnection, snap: Snapshot,
             keys: list[int]) -> list[dict[str, Any]]:
    if not keys:
        return []
    result = cur.execute("SELECT * FROM ev WHERE _k IN (SELECT unnest(?::BIGINT[]))", [keys])
    names = [d[0] for d in result.description]
    by_key = {}
    for row in result.fetchall():
        values = dict(zip(names, row, strict=True))
        by_key[values["_k"]] = record_of_row(values, snap.columns,
                                             record_column=snap.record_column)
    return [by_key[k] for k in keys if k in by_key]


def _document_row(cur: duckdb.DuckDBPyConnection, snap: Snapshot,
                  doc_id: str) -> tuple[dict[str, Any], str | None]:
    """A document's metadata and text, from the documents table or the texts table."""
    meta: dict[str, Any] = {}
    text = None
    if snap.has_documents:
        result = cur.execute("SELECT * FROM docs WHERE _doc = ? LIMIT 1", [doc_id])
        names = [d[0] for d in result.description]
        row = result.fetchone()
        if row is not None:
            values = dict(zip(names, row, strict=True))
            text = next((values[c] for c in TEXT_COLUMNS if c in values), None)
            meta = {k: plain(v) for k, v in values.items()
                    if k != "_doc" and k not in TEXT_COLUMNS}
    if text is None and snap.text_table:
        row = cur.execute("SELECT text FROM texts WHERE _doc = ? LIMIT 1", [doc_id]).fetchone()
        text = row[0] if row else None
    return meta, text


# -- statistics as the web shows them ------------------------------------------------------
def _stats(rows: dict[str, Any], by: str) -> dict[str, Any]:
    totals = rows["totals"]
    names = {n[0] for n in rows["nodes"]}
    return {
        "totals": {"events": totals[0], "reports": totals[1] or 0,
                   "mean_goldstein": _round(totals[2]), "cooperation": totals[3],
                   "conflict": totals[4], "undated": totals[5]},
        "series": _fill([{
            "period": p, "events": n, "cooperation": coop, "conflict": conf,
            "verbal_cooperation": q1, "material_cooperation": q2,
            "verbal_conflict": q3, "material_conflict": q4, "mean_goldstein": _round(g)}
            for p, n, coop, conf, q1, q2, q3, q4, g in rows["series"]], by),
        "types": [{"event_type": t, "events": n, "mean_goldstein": _round(g)}
                  for t, n, g in rows["types"]],
        "quad_classes": [{"quad_class": q, "events": n} for q, n in rows["quads"]],
        "network": {
            "nodes": [{"code": k, "events": n, "mean_goldstein": _round(g)}
                      for k, n, g in rows["nodes"]],
            "edges": [{"source": s, "target": t, "events": n, "mean_goldstein": _round(g)}
                      for s, t, n, g in rows["edges"] if s in names and t in names],
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _next_period(period: str, by: str) -> str:
    if by == "year":
        return str(int(period) + 1)
    if by == "month":
        year, month = int(period[:4]), int(period[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    step = 7 if by == "week" else 1
    return (dt.date.fromisoformat(period) + dt.timedelta(days=step)).isoformat()


def _fill(series: list[dict[str, Any]], by: str, limit: int = 3660) -> list[dict[str, Any]]:
    """The series with the periods that have no event added (zeros), so a timeline is even."""
    if len(series) < 2:
        return series
    have = {s["period"]: s for s in series}
    out, period = [], series[0]["period"]
    last = series[-1]["period"]
    while len(out) < limit:
        out.append(have.get(period) or {
            "period": period, "events": 0, "cooperation": 0, "conflict": 0,
            "verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 0,
            "material_conflict": 0, "mean_goldstein": None})
        if period >= last:
            break
        period = _next_period(period, by)
    return out
