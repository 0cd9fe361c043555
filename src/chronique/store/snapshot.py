"""A corpus file copied into memory and indexed: what ``CorpusView`` queries.

The file is attached read-only, its events, documents and texts copied into an in-memory
database, and detached again (a coding run can write the file meanwhile). Tables and columns
are discovered: the relation with ``event_type`` and ``doc_id`` columns is the events table
(one that also has ``cluster_id``, like the store's ``events_clustered`` view, is preferred);
nested fields may be DuckDB structs and lists or JSON text, or a whole record may be JSON
text; the relation with ``doc_id`` and no ``event_type`` is the documents table. The index
(``idx``) has the columns the store's queries read (``store/queries.py``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from chronique.store.queries import summary_codes_sql, summary_sql, summary_types_sql
from chronique.store.schema import entity_code_sql

#: columns of the events relation that are bookkeeping, not record fields
HIDDEN = {"_k", "seq", "extra", "event_date", "published_date", "day", "month", "actor_codes",
          "recipient_codes", "cluster_day", "record"}
DOC_KEYS = ("doc_id", "document_id")
TEXT_COLUMNS = ("text", "content", "body")
RECORD_COLUMNS = ("record", "json", "raw")
INDEX = "idx"
#: an entity's code from its JSON (the store's rule, ``schema.entity_code_sql``)
CODE_SQL = entity_code_sql("(x->>'id')", "(x->>'country')")


class CorpusError(Exception):
    """The corpus file cannot be read (missing, locked, not a chronique corpus)."""


@dataclass
class Snapshot:
    """The in-memory copy (``con``: tables ``ev``, ``idx``, and ``docs``/``texts`` when the
    file has them) and what was found in the file."""

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


def stamp_of(path: Path) -> tuple:
    """When and how big the file (and its write-ahead log) last were."""
    out = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def load(path: Path) -> Snapshot:
    """A snapshot of the corpus file: its events, documents and texts copied into memory,
    indexed (``CorpusError`` when it cannot be read)."""
    stamp = stamp_of(path)
    con = _attach(path)
    try:
        found = _copy(con)
    except duckdb.Error as exc:
        raise CorpusError(f"{path}: not a readable chronique corpus ({exc})") from exc
    finally:
        con.execute("DETACH src")
    events_rel, ev_cols, has_documents, has_text, text_table = found
    record_col = next((c for c in RECORD_COLUMNS if c in ev_cols), None)
    _build_index(con, ev_cols, record_col)
    columns = tuple(c for c in ev_cols if c not in HIDDEN and c != record_col)
    snap = Snapshot(con, stamp, time.time(), events_rel, "cluster_id" in ev_cols,
                    has_documents, has_text, text_table, record_col, columns, {})
    snap.summary = _summary(con, snap)
    return snap


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the corpus file attached read-only as ``src``."""
    con = duckdb.connect(":memory:")
    literal = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{literal}' AS src (READ_ONLY)")
    except duckdb.Error as exc:
        con.close()
        if "lock" in str(exc).lower():
            from chronique.store.db import locked_message

            raise CorpusError(locked_message(path, str(exc))) from exc
        raise CorpusError(f"{path}: cannot open the corpus ({exc})") from exc
    return con


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


def _summary(con: duckdb.DuckDBPyConnection, snap: Snapshot) -> dict[str, Any]:
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
