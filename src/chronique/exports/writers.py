"""Streaming writers: JSON Lines (the record, exactly as the contract says) and CSV (flat)."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from chronique.record import Event

CSV_COLUMNS = [
    "doc_id", "event_id", "event_type", "mode", "context", "cameo", "quad_class", "goldstein",
    "actor_text", "actor_country", "actor_sector", "actor_name", "actor_id",
    "recipient_text", "recipient_country", "recipient_sector", "recipient_name", "recipient_id",
    "date", "date_text", "date_reason", "location_name", "location_country", "location_lat",
    "location_lon", "location_geonames_id", "location_reason", "trigger", "sentence_index",
    "sentence", "negated", "modality", "speaker", "confidence", "rule", "lang", "published",
    "url",
]


#: characters that JSON allows raw but that line readers (Python's str.splitlines, JavaScript
#: before ES2019) take for line ends: escaped, so one record is always one line
#: (json.dumps already escapes the C0 controls)
_LINE_BREAKERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(record: dict) -> str:
    """One JSON Lines record: UTF-8 text kept readable, line-breaking characters escaped."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKERS) + "\n"


def _join(entities: list[dict[str, Any]], key: str) -> str:
    return "|".join(str(e.get(key) or "") for e in entities)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row of an event record; several actors are joined with ``|``."""
    loc = record.get("location") or {}
    row = {k: record.get(k) for k in ("doc_id", "event_id", "event_type", "mode", "cameo",
                                        "quad_class", "goldstein", "date", "date_text",
                                        "date_reason", "negated", "modality", "confidence",
                                        "rule", "lang", "published", "url")}
    row["context"] = "|".join(record.get("context") or [])
    for side in ("actor", "recipient"):
        for key in ("text", "country", "sector", "name", "id"):
            row[f"{side}_{key}"] = _join(record.get(side) or [], key)
    row.update(location_name=loc.get("name"), location_country=loc.get("country"),
               location_lat=loc.get("lat"), location_lon=loc.get("lon"),
               location_geonames_id=loc.get("geonames_id"), location_reason=loc.get("reason"))
    row["trigger"] = (record.get("trigger") or {}).get("text")
    row["sentence_index"] = (record.get("sentence") or {}).get("index")
    row["sentence"] = (record.get("sentence") or {}).get("text")
    speaker = record.get("speaker") or {}
    row["speaker"] = speaker.get("name") or speaker.get("text")
    return row


class JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, event: Event) -> None:
        self.stream.write(json_line(event.to_dict()))

    def close(self) -> None:
        self.stream.flush()


class CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        self._writer.writeheader()

    def write(self, event: Event) -> None:
        self._writer.writerow(flat_row(event.to_dict()))

    def close(self) -> None:
        self.stream.flush()


class PrettyWriter:
    """A readable summary of each event, for people (``make demo``)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0

    def write(self, event: Event) -> None:
        self.count += 1

        def who(entities) -> str:
            return " + ".join(f"{e.name or e.text} ({e.country or '?'} {e.sector or ''})".replace(
                " )", ")") for e in entities) or "-"

        loc = event.location
        place = f"{loc.name} ({loc.country})" if loc else "-"
        flags = [event.modality] + (["NEGATED"] if event.negated else [])
        self.stream.write(
            f"[{self.count}] {event.event_type}{'/' + event.mode if event.mode else ''}"
            f" CAMEO {event.cameo}  {who(event.actor)} -> {who(event.recipient)}\n"
            f"     date {event.date or '-'} ({event.date_text or event.date_reason or '-'})"
            f"  place {place}  {' '.join(flags)}"
            f"{'  said by ' + (event.speaker.name or event.speaker.text) if event.speaker else ''}\n"
            f"     sentence {event.sentence.index}  trigger \u00ab{event.trigger.text}\u00bb"
            f"  rule {event.rule}"
            f"  confidence {event.confidence:.2f}\n")

    def close(self) -> None:
        self.stream.flush()


def make_writer(fmt: str, stream: IO[str]) -> JsonlWriter | CsvWriter | PrettyWriter:
    return {"jsonl": JsonlWriter, "csv": CsvWriter, "pretty": PrettyWriter}[fmt](stream)
