"""The corpus store's tables, in DuckDB and in Arrow (one definition of each column).

``documents``: one row per document (id, url, title, published, lang, content hash, coder
version, coded at). ``events``: one row per event record, every field of ``Event.to_dict()``
with nested fields as DuckDB structs and lists, plus ``seq`` (order in the document) and
``extra`` (JSON of record fields this version does not know). ``event_clusters``: the cluster
of each event. ``events_clustered`` is the view that queries read.
"""

from __future__ import annotations

import pyarrow as pa

from chronique.record import INTERNATIONAL

ENTITY = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
                    ("name", pa.string()), ("country", pa.string()), ("sector", pa.string()),
                    ("role", pa.string()), ("id", pa.string()), ("resolved_by", pa.string())])
PLACE = pa.struct([("text", pa.string()), ("name", pa.string()), ("country", pa.string()),
                   ("admin1", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
                   ("geonames_id", pa.int64()), ("start", pa.int32()), ("end", pa.int32()),
                   ("reason", pa.string())])
SPAN = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])
SENTENCE = pa.struct([("index", pa.int32()), ("text", pa.string()), ("start", pa.int32()),
                      ("end", pa.int32())])

#: the record fields, in ``Event.to_dict()`` order, and their Arrow types
RECORD_FIELDS: list[tuple[str, pa.DataType]] = [
    ("doc_id", pa.string()), ("event_id", pa.string()), ("event_type", pa.string()),
    ("mode", pa.string()), ("context", pa.list_(pa.string())), ("cameo", pa.string()),
    ("quad_class", pa.int8()), ("goldstein", pa.float64()), ("actor", pa.list_(ENTITY)),
    ("recipient", pa.list_(ENTITY)), ("date", pa.string()), ("date_text", pa.string()),
    ("date_reason", pa.string()), ("location", PLACE), ("trigger", SPAN),
    ("sentence", SENTENCE), ("negated", pa.bool_()), ("modality", pa.string()),
    ("speaker", ENTITY), ("confidence", pa.float64()), ("rule", pa.string()),
    ("lang", pa.string()), ("published", pa.string()), ("published_source", pa.string()),
    ("url", pa.string()),
]
RECORD_NAMES = [name for name, _ in RECORD_FIELDS]

EVENT_SCHEMA = pa.schema([("seq", pa.int32()), *RECORD_FIELDS, ("extra", pa.string())])

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("published", pa.string()), ("published_source", pa.string()), ("lang", pa.string()),
    ("source", pa.string()), ("content_hash", pa.string()), ("coder_version", pa.string()),
    ("coded_at", pa.timestamp("us", tz="UTC")), ("n_events", pa.int32()),
])

_ENTITY_SQL = ("STRUCT(text VARCHAR, \"start\" INTEGER, \"end\" INTEGER, name VARCHAR, "
               "country VARCHAR, sector VARCHAR, role VARCHAR, id VARCHAR, resolved_by VARCHAR)")

def entity_code_sql(id_sql: str, country_sql: str) -> str:
    """SQL for an entity's code: its organisation id for international actors, else its
    country (``id_sql``, ``country_sql``: the SQL of the entity's two fields)."""
    international = ", ".join(f"'{c}'" for c in INTERNATIONAL)
    return (f"CASE WHEN {id_sql} IS NOT NULL AND ({country_sql} IS NULL OR {country_sql} IN "
            f"({international})) THEN {id_sql} ELSE {country_sql} END")


_CODE = entity_code_sql("x.id", "x.country")

DDL = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR NOT NULL, url VARCHAR, title VARCHAR, published VARCHAR,
        published_source VARCHAR, lang VARCHAR, source VARCHAR, content_hash VARCHAR NOT NULL,
        coder_version VARCHAR NOT NULL, coded_at TIMESTAMPTZ NOT NULL, n_events INTEGER)""",
    f"""CREATE TABLE IF NOT EXISTS events (
        seq INTEGER NOT NULL, doc_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[], cameo VARCHAR,
        quad_class TINYINT, goldstein DOUBLE, actor {_ENTITY_SQL}[],
        recipient {_ENTITY_SQL}[], date VARCHAR, date_text VARCHAR, date_reason VARCHAR,
        location STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, admin1 VARCHAR,
                        lat DOUBLE, lon DOUBLE, geonames_id BIGINT, "start" INTEGER,
                        "end" INTEGER, reason VARCHAR),
        trigger STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER),
        sentence STRUCT("index" INTEGER, text VARCHAR, "start" INTEGER, "end" INTEGER),
        negated BOOLEAN, modality VARCHAR, speaker {_ENTITY_SQL}, confidence DOUBLE,
        rule VARCHAR, lang VARCHAR, published VARCHAR, published_source VARCHAR, url VARCHAR,
        extra VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS event_clusters (
        doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, cluster_id VARCHAR NOT NULL,
        cluster_day DATE, n_mentions INTEGER, n_documents INTEGER)""",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR NOT NULL, value VARCHAR)",
    """CREATE OR REPLACE VIEW events_clustered AS
        SELECT e.*, c.cluster_id, c.cluster_day, c.n_mentions, c.n_documents,
               TRY_CAST(e.date AS DATE) AS event_date,
               TRY_CAST(e.published AS DATE) AS published_date,
               coalesce(TRY_CAST(e.date AS DATE), TRY_CAST(e.published AS DATE)) AS day,
               coalesce(strftime(TRY_CAST(e.published AS DATE), '%Y-%m'), 'unknown') AS month,
               list_filter(list_transform(e.actor, lambda x: {code}), lambda c: c IS NOT NULL)
                   AS actor_codes,
               list_filter(list_transform(e.recipient, lambda x: {code}), lambda c: c IS NOT NULL)
                   AS recipient_codes
        FROM events e LEFT JOIN event_clusters c USING (doc_id, seq)""".replace("{code}", _CODE),
]
