"""A read-only view of a corpus DuckDB file (what the web server browses).

The corpus file is written by the store (``chronique code --db``). This view never keeps the
file open: when it starts, and whenever the file changes on disk, it attaches the file
read-only, copies the events and documents into an in-memory database, builds an index with
the columns the store's queries read (``store/queries.py``: type, day, quad class, Goldstein,
participant codes, cluster, plus a search text) and detaches again, so a coding run can write
the file while the server runs (the view keeps the last complete copy).

Tables and columns are discovered at run time: the relation with ``event_type`` and
``doc_id`` columns is the events table (a relation that also has ``cluster_id``, like the
store's ``events_clustered`` view, is preferred); nested fields may be DuckDB structs and
lists or JSON text; the relation with ``doc_id`` and no ``event_type`` is the documents table.
Every query runs under a time limit (DuckDB's ``interrupt``).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
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
    summary_codes_sql,
    summary_sql,
    summary_types_sql,
)
from chronique.store.rows import plain, record_of_row
from chronique.store.schema import entity_code_sql

#: columns of the events relation that are bookkeeping, not record fields
HIDDEN = {"_k", "seq", "extra", "event_date", "published_date", "day", "month", "actor_codes",
          "recipient_codes", "cluster_day", "record"}
DOC_KEYS = ("doc_id", "document_id")
TEXT_COLUMNS = ("text", "content", "body")
RECORD_COLUMNS = ("record", "json", "raw")
PERIODS = ("day", "week", "month", "year")
#: what the web counts, and the store's counting unit of each
COUNTS = {"clusters": "cluster", "mentions": "mention", "one-a-day": "one-a-day"}
MAX_PER_PAGE = 200
MAX_NODES = 40
INDEX = "idx"
#: an entity's code from its JSON (the store's rule, ``schema.entity_code_sql``)
CODE_SQL = entity_code_sql("(x->>'id')", "(x->>'country')")

T = TypeVar("T")


class CorpusError(Exception):
    """The corpus file cannot be read (missing, locked, not a chronique corpus)."""


class CorpusTimeout(Exception):
    """A corpus query ran past the time limit and was interrupted."""


@dataclass
class _Snapshot:
    con: duckdb.DuckDBPyConnection
    stamp: tuple
    loaded_at: float
    events_relation: str
    has_clusters: bool
    has_documents: bool
    has_text: bool
    text_table: bool
    record_column: str | None
    columns: tuple[str, ...]
    summary: dict[str, Any]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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
        self._snap = self._load()

    # -- loading ------------------------------------------------------------------------
    def _stamp(self) -> tuple:
        out = []
        for p in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = p.stat()
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def _load(self) -> _Snapshot:
        stamp = self._stamp()
        con = self._attach()
        try:
            found = self._copy(con)
        except duckdb.Error as exc:
            raise CorpusError(f"{self.path}: not a readable chronique corpus ({exc})") from exc
        finally:
            con.execute("DETACH src")
        events_rel, ev_cols, has_documents, has_text, text_table = found
        record_col = next((c for c in RECORD_COLUMNS if c in ev_cols), None)
        _build_index(con, ev_cols, record_col)
        columns = tuple(c for c in ev_cols if c not in HIDDEN and c != record_col)
        snap = _Snapshot(con, stamp, time.time(), events_rel, "cluster_id" in ev_cols,
                         has_documents, has_text, text_table, record_col, columns, {})
        snap.summary = _summary(con, snap)
        return snap

    def _attach(self) -> duckdb.DuckDBPyConnection:
        """An in-memory database with the corpus file attached read-only as ``src``."""
        con = duckdb.connect(":memory:")
        literal = str(self.path).replace("'", "''")
        try:
            con.execute(f"ATTACH '{literal}' AS src (READ_ONLY)")
        except duckdb.Error as exc:
            con.close()
            if "lock" in str(exc).lower():
                from chronique.store.db import locked_message

                raise CorpusError(locked_message(self.path, str(exc))) from exc
            raise CorpusError(f"{self.path}: cannot open the corpus ({exc})") from exc
        return con

    @staticmethod
    def _copy(con: duckdb.DuckDBPyConnection) -> tuple[str, dict[str, str], bool, bool, bool]:
        """Copy the events (``ev``), documents (``docs``) and texts (``texts``) of ``src``;
        returns the events relation, its columns, and whether documents and texts were found."""
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = 'src' AND table_schema = 'main' "
            "ORDER BY table_name, ordinal_position").fetchall()
        columns: dict[str, dict[str, str]] = {}
        for table, column, dtype in rows:
            columns.setdefault(table, {})[column] = dtype
        events_rel = _events_relation(columns)
        con.execute(f"CREATE TABLE ev AS SELECT row_number() OVER () AS _k, * "
                    f"FROM src.main.{_q(events_rel)}")
        docs_rel, doc_key = _documents_relation(columns, events_rel)
        has_text = text_table = False
        if docs_rel:
            con.execute(f"CREATE TABLE docs AS SELECT CAST({_q(doc_key)} AS VARCHAR) "
                        f"AS _doc, * FROM src.main.{_q(docs_rel)}")
            has_text = any(c in columns[docs_rel] for c in TEXT_COLUMNS)
        if not has_text:
            text_rel = _text_relation(columns, events_rel)
            if text_rel:
                rel, key, text = text_rel
                con.execute(f"CREATE TABLE texts AS SELECT CAST({_q(key)} AS VARCHAR) AS "
                            f"_doc, CAST({_q(text)} AS VARCHAR) AS text FROM src.main.{_q(rel)}")
                has_text = text_table = True
        return events_rel, columns[events_rel], docs_rel is not None, has_text, text_table

    def _current(self) -> _Snapshot:
        now = time.monotonic()
        if now - self._checked < self.refresh_seconds:
            return self._snap
        with self._lock:
            if now - self._checked < self.refresh_seconds:
                return self._snap
            self._checked = now
            if self._stamp() != self._snap.stamp and self.path.is_file():
                try:
                    self._snap = self._load()
                except CorpusError:
                    pass  # locked by a writer or half-written: keep serving the last copy
        return self._snap

    def _run(self, work: Callable[[duckdb.DuckDBPyConnection, _Snapshot], T]) -> T:
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


# -- discovery -------------------------------------------------------------------------------
def _events_relation(columns: dict[str, dict[str, str]]) -> str:
    candidates = [t for t, cols in columns.items()
                  if "event_type" in cols and any(k in cols for k in DOC_KEYS)]
    if not candidates:
        raise CorpusError("no events table (a table with event_type and doc_id columns)")
    candidates.sort(key=lambda t: ("cluster_id" not in columns[t], t != "events", t))
    return candidates[0]


def _documents_relation(columns: dict[str, dict[str, str]],
                        events_rel: str) -> tuple[str | None, str | None]:
    candidates = [t for t, cols in columns.items()
                  if t != events_rel and "event_type" not in cols
                  and any(k in cols for k in DOC_KEYS) and "seq" not in cols]
    candidates.sort(key=lambda t: (t not in {"documents", "docs"}, t))
    if not candidates:
        return None, None
    table = candidates[0]
    return table, next(k for k in DOC_KEYS if k in columns[table])


def _text_relation(columns: dict[str, dict[str, str]],
                   events_rel: str) -> tuple[str, str, str] | None:
    for table, cols in sorted(columns.items()):
        if table == events_rel or "event_type" in cols:
            continue
        key = next((k for k in DOC_KEYS if k in cols), None)
        text = next((c for c in TEXT_COLUMNS if c in cols), None)
        if key and text:
            return table, key, text
    return None


# -- the index: the columns the store's queries read, from any layout ---------------------
def _build_index(con: duckdb.DuckDBPyConnection, cols: dict[str, str],
                 record: str | None) -> None:
    def scalar(name: str) -> str:
        if name in cols:
            return _q(name)
        return f"({_q(record)}->>'{name}')" if record else "NULL"

    def as_json(name: str) -> str:
        dtype = cols.get(name)
        if dtype is None:
            return f"json_extract({_q(record)}, '$.{name}')" if record else "NULL::JSON"
        if dtype in {"VARCHAR", "JSON"}:
            return f"TRY_CAST({_q(name)} AS JSON)"
        return f"to_json({_q(name)})"

    def keys(j: str) -> str:
        return (f"coalesce(list_filter(list_transform(json_extract({j}, '$[*]'), "
                f"lambda x: {CODE_SQL}), lambda c: c IS NOT NULL), []::VARCHAR[])")

    def texts(j: str, field: str) -> str:
        return f"coalesce(array_to_string(json_extract_string({j}, '$[*].{field}'), ' '), '')"

    doc = next((k for k in DOC_KEYS if k in cols), "doc_id")
    has = "cluster_id" in cols
    con.execute(f"""
        CREATE TABLE {INDEX} AS
        WITH j AS (
            SELECT _k, CAST({_q(doc)} AS VARCHAR) AS doc_id,
                   {"TRY_CAST(seq AS BIGINT)" if "seq" in cols else "_k"} AS seq,
                   coalesce(CAST({scalar('event_id')} AS VARCHAR), 'e' || _k) AS event_id,
                   CAST({scalar('event_type')} AS VARCHAR) AS event_type,
                   CAST({scalar('date')} AS VARCHAR) AS date,
                   TRY_CAST({scalar('quad_class')} AS INTEGER) AS quad_class,
                   TRY_CAST({scalar('goldstein')} AS DOUBLE) AS goldstein,
                   TRY_CAST({scalar('negated')} AS BOOLEAN) AS negated,
                   CAST({scalar('published')} AS VARCHAR) AS published,
                   {"CAST(cluster_id AS VARCHAR)" if has else "NULL::VARCHAR"} AS cluster_id,
                   {"TRY_CAST(cluster_day AS DATE)" if "cluster_day" in cols else "NULL::DATE"}
                       AS cluster_day,
                   {as_json('actor')} AS aj, {as_json('recipient')} AS rj,
                   {as_json('sentence')} AS sj, {as_json('trigger')} AS tj
            FROM ev)
        SELECT _k, doc_id, seq, event_id, event_type, date, quad_class, goldstein, negated,
               cluster_id, cluster_day,
               CASE WHEN regexp_full_match(date, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN date END
                   AS full_date,
               coalesce(TRY_CAST(date AS DATE), TRY_CAST(published AS DATE)) AS day,
               CASE WHEN regexp_full_match(date, '\\d{{4}}-.*') THEN date END AS sort_date,
               {keys('aj')} AS actor_codes, {keys('rj')} AS recipient_codes,
               TRY_CAST(sj->>'index' AS INTEGER) AS sentence_index,
               strip_accents(lower(concat_ws(' ', sj->>'text', tj->>'text',
                   {texts('aj', 'text')}, {texts('aj', 'name')}, {texts('rj', 'text')},
                   {texts('rj', 'name')}, event_type, doc_id))) AS search
        FROM j""")


def _summary(con: duckdb.DuckDBPyConnection, snap: _Snapshot) -> dict[str, Any]:
    events, clusters, first, last, docs = con.execute(summary_sql(INDEX)).fetchone()
    if snap.has_documents:
        docs = max(docs, con.execute("SELECT count(*) FROM docs").fetchone()[0])
    types = [r[0] for r in con.execute(summary_types_sql(INDEX)).fetchall()]
    countries = [{"code": k, "events": n}
                 for k, n in con.execute(summary_codes_sql(INDEX)).fetchall()]
    return {"documents": docs, "events": events,
            "clusters": clusters if snap.has_clusters else None,
            "date_min": first, "date_max": last, "types": types, "countries": countries,
            "clustered": snap.has_clusters, "has_text": snap.has_text}


# -- rows to records ----------------------------------------------------------------------
def _records(cur: duckdb.DuckDBPyConnection, snap: _Snapshot,
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


def _document_row(cur: duckdb.DuckDBPyConnection, snap: _Snapshot,
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
