"""A read-only view of a corpus DuckDB file, for the web server.

The corpus file is written by the store (``chronique code --db``). This view never keeps the
file open: when it starts, and whenever the file changes on disk, it attaches the file
read-only, copies the events and documents into an in-memory database, builds a small index
(type, date, quad class, Goldstein, participant codes, search text) and detaches again, so a
coding run can write the file while the server runs (the server keeps the last complete copy).

Tables and columns are discovered at run time: the relation with ``event_type`` and
``doc_id`` columns is the events table (a relation that also has ``cluster_id``, like the
store's ``events_clustered`` view, is preferred); nested fields may be DuckDB structs and
lists or JSON text; the relation with ``doc_id`` and no ``event_type`` is the documents table.
Every query runs under a time limit (DuckDB's ``interrupt``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import duckdb

#: entity code, as the store computes it: the organisation id for international actors
CODE_SQL = ("CASE WHEN (x->>'id') IS NOT NULL AND ((x->>'country') IS NULL OR (x->>'country') "
            "IN ('IGO', 'NGO', 'MNC')) THEN x->>'id' ELSE x->>'country' END")
NESTED = ("actor", "recipient", "location", "trigger", "sentence", "speaker", "context")
#: columns of the events relation that are bookkeeping, not record fields
HIDDEN = {"_k", "seq", "extra", "event_date", "published_date", "day", "month", "actor_codes",
          "recipient_codes", "cluster_day", "record"}
DOC_KEYS = ("doc_id", "document_id")
TEXT_COLUMNS = ("text", "content", "body")
RECORD_COLUMNS = ("record", "json", "raw")
PERIODS = ("day", "week", "month", "year")
COUNTS = ("clusters", "mentions", "one-a-day")
MAX_PER_PAGE = 200
MAX_NODES = 40

T = TypeVar("T")


class CorpusError(Exception):
    """The corpus file cannot be read (missing, locked, not a chronique corpus)."""


class CorpusTimeout(Exception):
    """A corpus query ran past the time limit and was interrupted."""


@dataclass(frozen=True)
class Filters:
    """What to select: every field is optional; codes are ISO 3166 alpha-3 or organisation ids."""

    types: tuple[str, ...] = ()
    country: str | None = None
    dyad: tuple[str, str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    quad: int | None = None
    doc_id: str | None = None
    include_negated: bool = True

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on the index table and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.types:
            clauses.append(f"event_type IN ({', '.join('?' for _ in self.types)})")
            params.extend(self.types)
        if self.quad is not None:
            clauses.append("quad_class = ?")
            params.append(self.quad)
        if self.country:
            clauses.append("(list_contains(a_keys, ?) OR list_contains(r_keys, ?))")
            params.extend([self.country, self.country])
        if self.dyad:
            a, b = self.dyad
            if a == b:
                clauses.append("(list_contains(a_keys, ?) AND list_contains(r_keys, ?))")
                params.extend([a, a])
            else:
                clauses.append(
                    "((list_contains(a_keys, ?) AND list_contains(r_keys, ?))"
                    " OR (list_contains(a_keys, ?) AND list_contains(r_keys, ?))"
                    " OR (len(r_keys) = 0 AND list_contains(a_keys, ?)"
                    " AND list_contains(a_keys, ?)))")
                params.extend([a, b, b, a, a, b])
        if self.date_from:
            clauses.append("day >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("day <= ?")
            params.append(self.date_to)
        if not self.include_negated:
            clauses.append("NOT coalesce(negated, FALSE)")
        if self.q:
            clauses.append("contains(search, strip_accents(lower(?)))")
            params.append(self.q)
        if self.doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        return (" AND ".join(clauses) or "TRUE"), params


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
    summary: dict[str, Any]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a DuckDB value."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class Corpus:
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
        try:
            rows = con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_catalog = 'src' AND table_schema = 'main' "
                "ORDER BY table_name, ordinal_position").fetchall()
            columns: dict[str, dict[str, str]] = {}
            for table, column, dtype in rows:
                columns.setdefault(table, {})[column] = dtype
            events_rel = self._events_relation(columns)
            ev_cols = columns[events_rel]
            con.execute(f"CREATE TABLE ev AS SELECT row_number() OVER () AS _k, * "
                        f"FROM src.main.{_q(events_rel)}")
            docs_rel, doc_key = self._documents_relation(columns, events_rel)
            has_text = text_table = False
            if docs_rel:
                con.execute(f"CREATE TABLE docs AS SELECT CAST({_q(doc_key)} AS VARCHAR) "
                            f"AS _doc, * FROM src.main.{_q(docs_rel)}")
                has_text = any(c in columns[docs_rel] for c in TEXT_COLUMNS)
            if not has_text:
                text_rel = self._text_relation(columns, events_rel)
                if text_rel:
                    rel, key, text = text_rel
                    con.execute(f"CREATE TABLE texts AS SELECT CAST({_q(key)} AS VARCHAR) AS "
                                f"_doc, CAST({_q(text)} AS VARCHAR) AS text "
                                f"FROM src.main.{_q(rel)}")
                    has_text = text_table = True
        except duckdb.Error as exc:
            raise CorpusError(f"{self.path}: not a readable chronique corpus ({exc})") from exc
        finally:
            con.execute("DETACH src")
        record_col = next((c for c in RECORD_COLUMNS if c in ev_cols), None)
        self._build_index(con, ev_cols, record_col)
        has_clusters = "cluster_id" in ev_cols
        snap = _Snapshot(con, stamp, time.time(), events_rel, has_clusters, docs_rel is not None,
                         has_text, text_table, record_col, {})
        snap.summary = self._summary(con, snap)
        return snap

    @staticmethod
    def _events_relation(columns: dict[str, dict[str, str]]) -> str:
        candidates = [t for t, cols in columns.items()
                      if "event_type" in cols and any(k in cols for k in DOC_KEYS)]
        if not candidates:
            raise CorpusError("no events table (a table with event_type and doc_id columns)")
        candidates.sort(key=lambda t: ("cluster_id" not in columns[t], t != "events", t))
        return candidates[0]

    @staticmethod
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

    @staticmethod
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

    @staticmethod
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

        doc = next((k for k in DOC_KEYS if k in cols), "doc_id")
        cluster = "CAST(cluster_id AS VARCHAR)" if "cluster_id" in cols else "NULL::VARCHAR"

        def keys(j: str) -> str:
            return (f"coalesce(list_filter(list_transform(json_extract({j}, '$[*]'), "
                    f"lambda x: {CODE_SQL}), lambda c: c IS NOT NULL), []::VARCHAR[])")

        def texts(j: str, field: str) -> str:
            return f"coalesce(array_to_string(json_extract_string({j}, '$[*].{field}'), ' '), '')"

        con.execute(f"""
            CREATE TABLE idx AS
            WITH j AS (
                SELECT _k, CAST({_q(doc)} AS VARCHAR) AS doc_id,
                       CAST({scalar('event_type')} AS VARCHAR) AS event_type,
                       CAST({scalar('date')} AS VARCHAR) AS date,
                       TRY_CAST({scalar('quad_class')} AS INTEGER) AS quad_class,
                       TRY_CAST({scalar('goldstein')} AS DOUBLE) AS goldstein,
                       TRY_CAST({scalar('negated')} AS BOOLEAN) AS negated,
                       CAST({scalar('published')} AS VARCHAR) AS published,
                       {cluster} AS cluster,
                       {as_json('actor')} AS aj, {as_json('recipient')} AS rj,
                       {as_json('sentence')} AS sj, {as_json('trigger')} AS tj
                FROM ev)
            SELECT _k, doc_id, event_type, date, quad_class, goldstein, negated, cluster,
                   CASE WHEN regexp_full_match(date, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN date END
                       AS full_date,
                   strftime(coalesce(TRY_CAST(date AS DATE), TRY_CAST(published AS DATE)),
                            '%Y-%m-%d') AS day,
                   CASE WHEN regexp_full_match(date, '\\d{{4}}-.*') THEN date END AS sort_date,
                   {keys('aj')} AS a_keys, {keys('rj')} AS r_keys,
                   TRY_CAST(sj->>'index' AS INTEGER) AS sentence_index,
                   strip_accents(lower(concat_ws(' ', sj->>'text', tj->>'text',
                       {texts('aj', 'text')}, {texts('aj', 'name')}, {texts('rj', 'text')},
                       {texts('rj', 'name')}, event_type, doc_id))) AS search
            FROM j""")

    def _summary(self, con: duckdb.DuckDBPyConnection, snap: _Snapshot) -> dict[str, Any]:
        events, clusters, first, last, docs = con.execute(
            "SELECT count(*), count(DISTINCT coalesce(cluster, 'e' || _k)), min(full_date), "
            "max(full_date), count(DISTINCT doc_id) FROM idx").fetchone()
        if snap.has_documents:
            docs = max(docs, con.execute("SELECT count(*) FROM docs").fetchone()[0])
        types = [r[0] for r in con.execute(
            "SELECT event_type FROM idx WHERE event_type IS NOT NULL GROUP BY 1 "
            "ORDER BY count(*) DESC, 1").fetchall()]
        countries = [{"code": k, "events": n} for k, n in con.execute(
            "SELECT k, count(DISTINCT _k) FROM (SELECT _k, unnest(list_concat(a_keys, r_keys)) "
            "AS k FROM idx) GROUP BY k ORDER BY 2 DESC, 1 LIMIT 500").fetchall()]
        return {"documents": docs, "events": events,
                "clusters": clusters if snap.has_clusters else None,
                "date_min": first, "date_max": last, "types": types, "countries": countries,
                "clustered": snap.has_clusters, "has_text": snap.has_text}

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
        where, params = filters.where()

        def work(cur, snap):
            total = cur.execute(f"SELECT count(*) FROM idx WHERE {where}", params).fetchone()[0]
            keys = [r[0] for r in cur.execute(
                f"SELECT _k FROM idx WHERE {where} ORDER BY sort_date DESC NULLS LAST, doc_id, "
                f"sentence_index, _k LIMIT ? OFFSET ?",
                [*params, per_page, (page - 1) * per_page]).fetchall()]
            return total, self._records(cur, snap, keys)

        total, records = self._run(work)
        return {"total": total, "page": page, "per_page": per_page,
                "pages": (total + per_page - 1) // per_page, "events": records}

    def all_events(self, filters: Filters, *, limit: int = 100_000) -> list[dict[str, Any]]:
        """Every event that passes the filters (up to ``limit``), for downloads."""
        where, params = filters.where()

        def work(cur, snap):
            keys = [r[0] for r in cur.execute(
                f"SELECT _k FROM idx WHERE {where} ORDER BY sort_date DESC NULLS LAST, doc_id, "
                f"sentence_index, _k LIMIT ?", [*params, limit]).fetchall()]
            return self._records(cur, snap, keys)

        return self._run(work)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document's metadata, text (when the corpus keeps it) and events in text order."""
        def work(cur, snap):
            meta: dict[str, Any] = {}
            text = None
            if snap.has_documents:
                result = cur.execute("SELECT * FROM docs WHERE _doc = ? LIMIT 1", [doc_id])
                names = [d[0] for d in result.description]
                row = result.fetchone()
                if row is not None:
                    values = dict(zip(names, row, strict=True))
                    text = next((values[c] for c in TEXT_COLUMNS if c in values), None)
                    meta = {k: _plain(v) for k, v in values.items()
                            if k != "_doc" and k not in TEXT_COLUMNS}
            if text is None and snap.text_table:
                row = cur.execute("SELECT text FROM texts WHERE _doc = ? LIMIT 1",
                                  [doc_id]).fetchone()
                text = row[0] if row else None
            keys = [r[0] for r in cur.execute(
                "SELECT _k FROM idx WHERE doc_id = ? ORDER BY sentence_index, _k",
                [doc_id]).fetchall()]
            return meta, text, self._records(cur, snap, keys)

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
        happening count once, on the earliest day they give), ``mentions`` (every event record)
        or ``one-a-day`` (one per day, type, actor codes and recipient codes). An event's day
        is its date, else the publication date; ``filters.include_negated=False`` (what the API
        asks for by default) leaves out events the text says did not happen."""
        if by not in PERIODS:
            raise ValueError(f"by must be one of {', '.join(PERIODS)}")
        if count not in COUNTS:
            raise ValueError(f"count must be one of {', '.join(COUNTS)}")
        where, params = filters.where()
        period = {
            "day": "date",
            "week": "strftime(date_trunc('week', CAST(date AS DATE)), '%Y-%m-%d')",
            "month": "substr(date, 1, 7)",
            "year": "substr(date, 1, 4)",
        }[by]

        def work(cur, snap):
            unit = {"clusters": "coalesce(cluster, 'e' || _k)" if snap.has_clusters
                    else "'e' || _k", "mentions": "'e' || _k",
                    "one-a-day": "concat_ws('|', coalesce(day, '?'), event_type, "
                                 "array_to_string(list_sort(a_keys), ','), "
                                 "array_to_string(list_sort(r_keys), ','))"}[count]
            units = f"""
                WITH f AS (SELECT * FROM idx WHERE {where}),
                u AS (SELECT {unit} AS unit, arg_min(event_type, _k) AS event_type,
                             arg_min(quad_class, _k) AS quad_class,
                             arg_min(goldstein, _k) AS goldstein,
                             min(day) AS date,
                             arg_min(a_keys, _k) AS a_keys, arg_min(r_keys, _k) AS r_keys,
                             count(*) AS reports
                      FROM f GROUP BY unit)"""
            totals = cur.execute(f"""{units}
                SELECT count(*), sum(reports), avg(goldstein),
                       count(*) FILTER (WHERE quad_class IN (1, 2)),
                       count(*) FILTER (WHERE quad_class IN (3, 4)),
                       count(*) FILTER (WHERE {period} IS NULL)
                FROM u""", params).fetchone()
            series = cur.execute(f"""{units}
                SELECT p, count(*), count(*) FILTER (WHERE quad_class IN (1, 2)),
                       count(*) FILTER (WHERE quad_class IN (3, 4)),
                       count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
                       count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
                       avg(goldstein)
                FROM (SELECT *, {period} AS p FROM u) WHERE p IS NOT NULL
                GROUP BY p ORDER BY p""", params).fetchall()
            types = cur.execute(f"""{units}
                SELECT event_type, count(*), avg(goldstein) FROM u GROUP BY 1
                ORDER BY 2 DESC, 1""", params).fetchall()
            quads = cur.execute(f"""{units}
                SELECT quad_class, count(*) FROM u WHERE quad_class IS NOT NULL GROUP BY 1
                ORDER BY 1""", params).fetchall()
            nodes = cur.execute(f"""{units}
                SELECT k, count(DISTINCT unit), avg(goldstein) FROM (
                    SELECT unit, goldstein, unnest(list_distinct(list_concat(a_keys, r_keys))) AS k
                    FROM u) GROUP BY k ORDER BY 2 DESC, 1 LIMIT ?""", [*params, top]).fetchall()
            edges = cur.execute(f"""{units}
                SELECT least(a, b) AS s, greatest(a, b) AS t, count(DISTINCT unit),
                       avg(goldstein)
                FROM (SELECT unit, goldstein, a,
                             unnest(CASE WHEN len(r_keys) > 0 THEN r_keys ELSE a_keys END) AS b
                      FROM (SELECT unit, goldstein, a_keys, r_keys, unnest(a_keys) AS a FROM u))
                WHERE a <> b GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 400""",
                                params).fetchall()
            return snap.has_clusters, totals, series, types, quads, nodes, edges

        clustered, totals, series, types, quads, nodes, edges = self._run(work)
        counted = "mentions" if count == "clusters" and not clustered else count
        names = {n[0] for n in nodes}
        return {
            "by": by, "count": counted, "filters": _filters_dict(filters),
            "totals": {"events": totals[0], "reports": totals[1] or 0,
                       "mean_goldstein": _round(totals[2]), "cooperation": totals[3],
                       "conflict": totals[4], "undated": totals[5]},
            "series": _fill([{
                "period": p, "events": n, "cooperation": coop, "conflict": conf,
                "verbal_cooperation": q1, "material_cooperation": q2,
                "verbal_conflict": q3, "material_conflict": q4, "mean_goldstein": _round(g)}
                for p, n, coop, conf, q1, q2, q3, q4, g in series], by),
            "types": [{"event_type": t, "events": n, "mean_goldstein": _round(g)}
                      for t, n, g in types],
            "quad_classes": [{"quad_class": q, "events": n} for q, n in quads],
            "network": {
                "nodes": [{"code": k, "events": n, "mean_goldstein": _round(g)}
                          for k, n, g in nodes],
                "edges": [{"source": s, "target": t, "events": n, "mean_goldstein": _round(g)}
                          for s, t, n, g in edges if s in names and t in names],
            },
        }

    # -- rows to records ----------------------------------------------------------------
    def _records(self, cur: duckdb.DuckDBPyConnection, snap: _Snapshot,
                 keys: list[int]) -> list[dict[str, Any]]:
        if not keys:
            return []
        result = cur.execute("SELECT * FROM ev WHERE _k IN (SELECT unnest(?::BIGINT[]))", [keys])
        names = [d[0] for d in result.description]
        by_key = {}
        for row in result.fetchall():
            values = dict(zip(names, row, strict=True))
            by_key[values["_k"]] = record_of(values, snap.record_column)
        return [by_key[k] for k in keys if k in by_key]


def record_of(values: dict[str, Any], record_column: str | None = None) -> dict[str, Any]:
    """The event record (``Event.to_dict()`` shape) of a row of the events relation."""
    out: dict[str, Any] = {}
    if record_column and isinstance(values.get(record_column), str):
        try:
            out.update(json.loads(values[record_column]))
        except ValueError:
            pass
    for name, value in values.items():
        if name in HIDDEN or name == record_column:
            continue
        if name in NESTED and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[name] = _plain(value)
    extra = values.get("extra")
    if isinstance(extra, str) and extra:
        try:
            for key, value in json.loads(extra).items():
                out.setdefault(key, value)
        except (ValueError, AttributeError):
            pass
    for side in ("actor", "recipient", "context"):
        if out.get(side) is None:
            out[side] = []
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _filters_dict(filters: Filters) -> dict[str, Any]:
    return {"type": list(filters.types), "country": filters.country,
            "dyad": list(filters.dyad) if filters.dyad else None, "from": filters.date_from,
            "to": filters.date_to, "q": filters.q, "quad_class": filters.quad}


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
