"""All SQL over a corpus's events: one ``Filters``, the counting units, the aggregates of
``chronique stats`` and of the web's statistics, pages of events.

Every query reads a relation with the columns of the store's ``events_clustered`` view
(``event_type``, ``quad_class``, ``goldstein``, ``negated``, ``doc_id``, ``seq``,
``event_id``, ``cluster_id``, ``cluster_day``, ``day``, ``actor_codes``,
``recipient_codes``): the view itself (``chronique.Corpus``, the CLI, the exports) or the
index a ``CorpusView`` builds of a corpus file (the web), which adds ``_k`` (row key),
``search`` (folded words of the sentence, trigger and participants), ``sort_date``,
``full_date`` and ``sentence_index``.

Counting units:
- ``cluster`` (default): one per happening, dated by its cluster's day (the earliest day
  given by its reports);
- ``mention``: one per event record (every report of every happening);
- ``one-a-day``: the classic filter: one per (day, type, actor codes, recipient codes).
Negated events (the text says it did not happen) are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STORE = "events_clustered"
UNITS = ("cluster", "mention", "one-a-day")
PERIODS = {"day": "unit_day", "week": "date_trunc('week', unit_day)::DATE",
           "month": "date_trunc('month', unit_day)::DATE",
           "year": "date_trunc('year', unit_day)::DATE"}
#: periods as the web's series name them: 2024-05-16, 2024-05-13 (a week's Monday), 2024-05, 2024
PERIOD_NAMES = {"day": "strftime(unit_day, '%Y-%m-%d')",
                "week": "strftime(date_trunc('week', unit_day), '%Y-%m-%d')",
                "month": "strftime(unit_day, '%Y-%m')", "year": "strftime(unit_day, '%Y')"}
QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
         4: "material_conflict"}
#: rows that are one unit, and which of them stands for it
_PARTITION = {"cluster": "coalesce(cluster_id, event_id)",
              "one-a-day": "day, event_type, array_to_string(list_sort(actor_codes), '|'), "
                           "array_to_string(list_sort(recipient_codes), '|')"}
_FIRST = {"cluster": "day NULLS LAST, doc_id, seq", "one-a-day": "doc_id, seq"}
_UNIT_DAY = {"cluster": "coalesce(cluster_day, day)", "mention": "day", "one-a-day": "day"}
#: the store's events in publication and text order
STORE_ORDER = "published_date NULLS LAST, doc_id, seq"
#: a page of events: newest first, then in text order
PAGE_ORDER = "sort_date DESC NULLS LAST, doc_id, sentence_index, _k"


@dataclass(frozen=True)
class Filters:
    """Which events: every field is optional; codes are ISO 3166 alpha-3 or organisation ids
    (any case).

    ``dyad=(A, B)``: events from A to B, or A and B together as actors of an event with no
    recipient (a meeting); with ``directed=False`` from B to A too. ``since``/``until``:
    days (YYYY-MM-DD) of the event's day (its date, else its publication date). ``q``: words
    in the sentence, trigger or participants (case and accents ignored; a ``CorpusView``
    only). ``extra``: more SQL conditions."""

    types: tuple[str, ...] = ()
    country: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = True
    since: str | None = None
    until: str | None = None
    quad: int | None = None
    doc_id: str | None = None
    q: str | None = None
    include_negated: bool = False
    extra: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, *, event_type: str | None = None, dyad: Any = None, **given: Any) -> Filters:
        """Filters from the keywords of ``chronique.Corpus`` methods (``event_type="AGREE"``,
        ``dyad="CHN,KAZ"`` or ``("CHN", "KAZ")``, ``country``, ``since``, ``until``, ...)."""
        if isinstance(dyad, str):
            dyad = tuple(dyad.split(","))
        if dyad is not None and len(dyad) != 2:
            raise ValueError("dyad must be two codes: (ACTOR, RECIPIENT)")
        if event_type:
            given["types"] = (*given.get("types", ()), event_type)
        return cls(dyad=tuple(dyad) if dyad else None, **given)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if not self.include_negated:
            clauses.append("NOT coalesce(negated, FALSE)")
        if self.types:
            clauses.append(f"event_type IN ({', '.join('?' for _ in self.types)})")
            params += [t.upper() for t in self.types]
        if self.quad is not None:
            clauses.append("quad_class = ?")
            params.append(self.quad)
        if self.country:
            clauses.append("(list_contains(actor_codes, ?) OR list_contains(recipient_codes, ?))")
            params += [self.country.upper()] * 2
        if self.dyad:
            clauses.append(self._dyad(params))
        if self.since:
            clauses.append("day >= ?::DATE")
            params.append(self.since)
        if self.until:
            clauses.append("day <= ?::DATE")
            params.append(self.until)
        if self.q:
            clauses.append("contains(search, strip_accents(lower(?)))")
            params.append(self.q)
        if self.doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        clauses += list(self.extra)
        return " AND ".join(clauses) or "TRUE", params

    def _dyad(self, params: list[Any]) -> str:
        a, b = (c.upper() for c in self.dyad or ())
        one_way = "(list_contains(actor_codes, ?) AND list_contains(recipient_codes, ?))"
        ways = [one_way]
        params += [a, b]
        if not self.directed and a != b:
            ways.append(one_way)
            params += [b, a]
        # A and B together as actors of a reciprocal event (a meeting)
        ways.append("(len(recipient_codes) = 0 AND list_contains(actor_codes, ?)"
                    " AND list_contains(actor_codes, ?) AND ? <> ?)")
        params += [a, b, a, b]
        return "(" + " OR ".join(ways) + ")"

    def to_dict(self) -> dict[str, Any]:
        """The filters as the web API names them."""
        return {"type": list(self.types), "country": self.country,
                "dyad": list(self.dyad) if self.dyad else None, "from": self.since,
                "to": self.until, "q": self.q, "quad_class": self.quad}


# -- counting units and ``chronique stats`` --------------------------------------------------
def units_sql(unit: str, filters: Filters, source: str = STORE, *,
              reports: bool = False) -> tuple[str, list[Any]]:
    """Rows of ``source`` that are the counting units, with ``unit_day`` (and ``reports``:
    how many rows each unit stands for)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    where, params = filters.where()
    base = f"SELECT * FROM {source} WHERE {where}"
    columns = f"*, {_UNIT_DAY[unit]} AS unit_day"
    if unit == "mention":
        return f"SELECT {columns}{', 1 AS reports' if reports else ''} FROM ({base})", params
    partition = _PARTITION[unit]
    if reports:
        columns += f", count(*) OVER (PARTITION BY {partition}) AS reports"
    return (f"SELECT {columns} FROM ({base}) QUALIFY row_number() OVER (PARTITION BY "
            f"{partition} ORDER BY {_FIRST[unit]}) = 1"), params


def counts_sql(unit: str, by: str, filters: Filters) -> tuple[str, list[Any]]:
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    units, params = units_sql(unit, filters)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}"
                      for q, name in QUADS.items())
    return (f"SELECT {PERIODS[by]} AS period, count(*) AS events, {quads}, "
            "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
            "round(avg(goldstein), 2) AS mean_goldstein "
            f"FROM ({units}) GROUP BY ALL ORDER BY period NULLS LAST"), params


def types_sql(unit: str, filters: Filters) -> tuple[str, list[Any]]:
    units, params = units_sql(unit, filters)
    return ("SELECT event_type, min(quad_class) AS quad_class, count(*) AS events, "
            "round(avg(goldstein), 2) AS mean_goldstein "
            f"FROM ({units}) GROUP BY event_type ORDER BY events DESC, event_type"), params


def dyads_sql(unit: str, filters: Filters, limit: int) -> tuple[str, list[Any]]:
    units, params = units_sql(unit, filters)
    return ("SELECT array_to_string(list_sort(list_distinct(actor_codes)), '+') AS actor, "
            "array_to_string(list_sort(list_distinct(recipient_codes)), '+') AS recipient, "
            "count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein, "
            "string_agg(DISTINCT event_type, ' ' ORDER BY event_type) AS types "
            f"FROM ({units}) WHERE len(actor_codes) > 0 GROUP BY ALL "
            f"ORDER BY events DESC, actor, recipient LIMIT {int(limit)}"), params


def clusters_sql(filters: Filters) -> tuple[str, list[Any]]:
    """One row per cluster with its reports (documents, mentions) and participants."""
    where, params = filters.where()
    return ("SELECT cluster_id, any_value(event_type) AS event_type, "
            "min(coalesce(cluster_day, day)) AS day, count(*) AS mentions, "
            "count(DISTINCT doc_id) AS documents, list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids, "
            "list(event_id ORDER BY doc_id, seq) AS event_ids, "
            "list_sort(list_distinct(flatten(list(actor_codes)))) AS actor_codes, "
            "list_sort(list_distinct(flatten(list(recipient_codes)))) AS recipient_codes, "
            "min(quad_class) AS quad_class, round(avg(goldstein), 2) AS goldstein, "
            "list(DISTINCT url ORDER BY url) FILTER (WHERE url IS NOT NULL) AS urls "
            f"FROM {STORE} WHERE {where} GROUP BY cluster_id "
            "ORDER BY day NULLS LAST, cluster_id"), params


def events_sql(filters: Filters) -> tuple[str, list[Any]]:
    """The store's event rows that pass the filters, in publication and text order."""
    where, params = filters.where()
    return f"SELECT * FROM {STORE} WHERE {where} ORDER BY {STORE_ORDER}", params


def cluster_summaries_sql() -> str:
    """Per cluster of events that happened (negated ones left out): its day, reports,
    documents, URLs and when its first document was coded (the GDELT table's columns)."""
    return ("SELECT e.cluster_id, min(coalesce(e.cluster_day, e.day)) AS day, "
            "count(*) AS mentions, count(DISTINCT e.doc_id) AS documents, "
            "list(DISTINCT e.url) FILTER (WHERE e.url IS NOT NULL) AS urls, "
            f"min(d.coded_at) AS coded_at FROM {STORE} e "
            "LEFT JOIN documents d USING (doc_id) WHERE NOT coalesce(e.negated, FALSE) "
            "GROUP BY e.cluster_id")


def copy_parquet_sql(folder: str) -> str:
    """Every event row to a Parquet dataset in ``folder``, partitioned by publication month."""
    path = folder.replace("'", "''")
    return (f"COPY (SELECT * FROM {STORE} ORDER BY {STORE_ORDER}) "
            f"TO '{path}' (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE)")


def code_present_sql(code: str) -> tuple[str, list[Any]]:
    """Whether any event names ``code`` (a user lexicon's organisation, say) on either side."""
    return (f"SELECT count(*) > 0 FROM {STORE} WHERE list_contains(actor_codes, ?) "
            "OR list_contains(recipient_codes, ?)"), [code, code]


# -- the web's statistics: series, types, quad classes, network ------------------------------
def _units_of(unit: str, filters: Filters, source: str) -> tuple[str, list[Any]]:
    sql, params = units_sql(unit, filters, source, reports=True)
    return f"WITH u AS (SELECT row_number() OVER () AS unit, * FROM ({sql}))", params


def stats_totals_sql(unit: str, filters: Filters, source: str) -> tuple[str, list[Any]]:
    """Units, reports, mean Goldstein, cooperation, conflict and undated units."""
    units, params = _units_of(unit, filters, source)
    return (f"{units} SELECT count(*), sum(reports), avg(goldstein), "
            "count(*) FILTER (WHERE quad_class IN (1, 2)), "
            "count(*) FILTER (WHERE quad_class IN (3, 4)), "
            "count(*) FILTER (WHERE unit_day IS NULL) FROM u"), params


def stats_series_sql(unit: str, by: str, filters: Filters,
                     source: str) -> tuple[str, list[Any]]:
    """Per named period: units, cooperation, conflict, each quad class, mean Goldstein."""
    if by not in PERIOD_NAMES:
        raise ValueError(f"by must be one of {', '.join(PERIOD_NAMES)}")
    units, params = _units_of(unit, filters, source)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q})" for q in QUADS)
    return (f"{units} SELECT p, count(*), count(*) FILTER (WHERE quad_class IN (1, 2)), "
            f"count(*) FILTER (WHERE quad_class IN (3, 4)), {quads}, avg(goldstein) "
            f"FROM (SELECT *, {PERIOD_NAMES[by]} AS p FROM u) WHERE p IS NOT NULL "
            "GROUP BY p ORDER BY p"), params


def stats_types_sql(unit: str, filters: Filters, source: str) -> tuple[str, list[Any]]:
    units, params = _units_of(unit, filters, source)
    return (f"{units} SELECT event_type, count(*), avg(goldstein) FROM u GROUP BY 1 "
            "ORDER BY 2 DESC, 1"), params


def stats_quads_sql(unit: str, filters: Filters, source: str) -> tuple[str, list[Any]]:
    units, params = _units_of(unit, filters, source)
    return (f"{units} SELECT quad_class, count(*) FROM u WHERE quad_class IS NOT NULL "
            "GROUP BY 1 ORDER BY 1"), params


def stats_nodes_sql(unit: str, filters: Filters, source: str,
                    top: int) -> tuple[str, list[Any]]:
    """The ``top`` participants by units, with their mean Goldstein."""
    units, params = _units_of(unit, filters, source)
    return (f"{units} SELECT k, count(DISTINCT unit), avg(goldstein) FROM ("
            "SELECT unit, goldstein, unnest(list_distinct(list_concat(actor_codes, "
            "recipient_codes))) AS k FROM u) GROUP BY k ORDER BY 2 DESC, 1 LIMIT ?"), \
        [*params, top]


def stats_edges_sql(unit: str, filters: Filters, source: str,
                    limit: int = 400) -> tuple[str, list[Any]]:
    """Pairs of participants (actor and recipient, or two actors of a reciprocal event)."""
    units, params = _units_of(unit, filters, source)
    return (f"{units} SELECT least(a, b) AS s, greatest(a, b) AS t, count(DISTINCT unit), "
            "avg(goldstein) FROM (SELECT unit, goldstein, a, unnest(CASE WHEN "
            "len(recipient_codes) > 0 THEN recipient_codes ELSE actor_codes END) AS b FROM ("
            "SELECT unit, goldstein, actor_codes, recipient_codes, unnest(actor_codes) AS a "
            f"FROM u)) WHERE a <> b GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT {int(limit)}"), \
        params


# -- pages of a corpus view's index ----------------------------------------------------------
def count_sql(filters: Filters, source: str) -> tuple[str, list[Any]]:
    where, params = filters.where()
    return f"SELECT count(*) FROM {source} WHERE {where}", params


def page_keys_sql(filters: Filters, source: str, limit: int,
                  offset: int = 0) -> tuple[str, list[Any]]:
    """The keys (``_k``) of a page of events, newest first."""
    where, params = filters.where()
    return (f"SELECT _k FROM {source} WHERE {where} ORDER BY {PAGE_ORDER} LIMIT ? OFFSET ?",
            [*params, limit, offset])


def summary_sql(source: str) -> str:
    """Events, clusters (an unclustered event is its own), first and last full date,
    documents."""
    return ("SELECT count(*), count(DISTINCT coalesce(cluster_id, 'e' || _k)), min(full_date), "
            f"max(full_date), count(DISTINCT doc_id) FROM {source}")


def summary_types_sql(source: str) -> str:
    return (f"SELECT event_type FROM {source} WHERE event_type IS NOT NULL GROUP BY 1 "
            "ORDER BY count(*) DESC, 1")


def summary_codes_sql(source: str, limit: int = 500) -> str:
    return ("SELECT k, count(DISTINCT _k) FROM (SELECT _k, unnest(list_concat(actor_codes, "
            f"recipient_codes)) AS k FROM {source}) GROUP BY k ORDER BY 2 DESC, 1 "
            f"LIMIT {int(limit)}")
