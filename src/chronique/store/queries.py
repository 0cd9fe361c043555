"""SQL over the store's ``events_clustered`` view: filters, counting units, aggregates.

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

UNITS = ("cluster", "mention", "one-a-day")
PERIODS = {"day": "unit_day", "week": "date_trunc('week', unit_day)::DATE",
           "month": "date_trunc('month', unit_day)::DATE",
           "year": "date_trunc('year', unit_day)::DATE"}
QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
         4: "material_conflict"}


@dataclass(frozen=True)
class Filters:
    """Which events to count: type, a country on either side, a directed dyad, a period."""

    event_type: str | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    since: str | None = None
    until: str | None = None
    include_negated: bool = False
    extra: tuple[str, ...] = field(default=())

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []
        if not self.include_negated:
            clauses.append("NOT coalesce(negated, FALSE)")
        if self.event_type:
            clauses.append("event_type = ?")
            params.append(self.event_type.upper())
        if self.country:
            clauses.append("(list_contains(actor_codes, ?) OR list_contains(recipient_codes, ?))")
            params += [self.country.upper()] * 2
        if self.dyad:
            a, b = (c.upper() for c in self.dyad)
            # A -> B, or A and B together as actors of a reciprocal event (a meeting)
            clauses.append("((list_contains(actor_codes, ?) AND list_contains(recipient_codes, ?))"
                           " OR (len(recipient_codes) = 0 AND list_contains(actor_codes, ?)"
                           " AND list_contains(actor_codes, ?) AND ? <> ?))")
            params += [a, b, a, b, a, b]
        if self.since:
            clauses.append("day >= ?::DATE")
            params.append(self.since)
        if self.until:
            clauses.append("day <= ?::DATE")
            params.append(self.until)
        clauses += list(self.extra)
        return " AND ".join(clauses), params


def units_sql(unit: str, filters: Filters) -> tuple[str, list[Any]]:
    """Rows of ``events_clustered`` that are the counting units, with ``unit_day``."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    where, params = filters.where()
    base = f"SELECT * FROM events_clustered WHERE {where}"
    if unit == "mention":
        return f"SELECT *, day AS unit_day FROM ({base})", params
    if unit == "cluster":
        return (f"SELECT *, coalesce(cluster_day, day) AS unit_day FROM ({base}) QUALIFY "
                "row_number() OVER (PARTITION BY coalesce(cluster_id, event_id) "
                "ORDER BY day NULLS LAST, doc_id, seq) = 1"), params
    return (f"SELECT *, day AS unit_day FROM ({base}) QUALIFY row_number() OVER (PARTITION BY "
            "day, event_type, array_to_string(list_sort(actor_codes), '|'), "
            "array_to_string(list_sort(recipient_codes), '|') ORDER BY doc_id, seq) = 1"), params


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
            f"FROM events_clustered WHERE {where} GROUP BY cluster_id "
            "ORDER BY day NULLS LAST, cluster_id"), params
