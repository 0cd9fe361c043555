"""PLOVER JSON records (the manual's field names) of stored events, and their JSON Schema.

One record per event; ``link`` carries the cluster id (the manual's "common reference
across multiple related events"), ``num_reports``/``num_mentions`` the cluster's size.
Negated events (the text says it did not happen) are not PLOVER events and are left out.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chronique.record import INTERNATIONAL
from chronique.version import __version__

SCHEMA_PATH = Path(__file__).with_name("plover.schema.json")
CODEBOOK = "plover-2021"
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _entity(e: dict[str, Any]) -> dict[str, Any]:
    out = {"code": e.get("id") if e.get("country") in INTERNATIONAL and e.get("id")
           else e.get("country"),
           "sector": e.get("sector"), "entity_text": e.get("text"),
           "entity_name": e.get("name"), "country_code": e.get("country"),
           "identifier_id": e.get("id"), "identifier_text": e.get("name") if e.get("id") else None,
           "office": e.get("role")}
    return {k: v for k, v in out.items() if v is not None}


def _location(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    if not loc:
        return None
    out = {"extracted_place": loc.get("text"), "resolved_place": loc.get("name"),
           "geonameid": loc.get("geonames_id"), "lat": loc.get("lat"), "lon": loc.get("lon"),
           "country_code": loc.get("country"), "province": loc.get("admin1"),
           "reason": loc.get("reason")}
    return {k: v for k, v in out.items() if v is not None}


def plover_record(row: dict[str, Any], document: dict[str, Any] | None = None,
                  coded_at: datetime | None = None) -> dict[str, Any] | None:
    """The PLOVER record of an ``events_clustered`` row; None for a negated event or one
    without any full date (neither the event's nor the publication's)."""
    if row.get("negated"):
        return None
    date, precision = row.get("date"), "event"
    if not (date and _FULL_DATE.match(date)):
        date, precision = row.get("published"), "publication"
    if not (date and _FULL_DATE.match(date)):
        return None
    document = document or {}
    sentence = row.get("sentence") or {}
    coded = coded_at or document.get("coded_at") or datetime.now(UTC)
    record = {
        "id": row["event_id"],
        "has_event": True,
        "date": date,
        "date_source": precision,
        "actor": [_entity(e) for e in row.get("actor") or []],
        "recipient": [_entity(e) for e in row.get("recipient") or []],
        "event": [row["event_type"]],
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": list(row.get("context") or []),
        "event_loc": _location(row.get("location")),
        "event_text": [sentence.get("text")] if sentence.get("text") else [],
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "cameo": row.get("cameo"),
        "modality": row.get("modality"),
        "link": row.get("cluster_id"),
        "num_mentions": row.get("n_mentions"),
        "num_reports": row.get("n_documents"),
        "text_info": {"sequence": sentence.get("index"), "start": sentence.get("start"),
                      "end": sentence.get("end"),
                      "trigger": (row.get("trigger") or {}).get("text")},
        "cite_info": {k: v for k, v in {
            "corpus": "chronique", "citation": row.get("doc_id"), "url": row.get("url"),
            "title": document.get("title"), "language": row.get("lang"),
            "coder": f"chronique {__version__}", "codebook": CODEBOOK,
            "version": document.get("coder_version")}.items() if v is not None},
        "coder": f"chronique {__version__}",
        "coded_date": coded.strftime("%Y-%m-%d"),
        "comment": f"rule {row.get('rule')}; confidence {row.get('confidence')}",
    }
    if record["event_loc"] is None:
        del record["event_loc"]
    return record
