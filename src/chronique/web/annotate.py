"""The mentions to highlight in a text: actors, event triggers, dates and places.

Each mention is a span of the document text (offsets in Unicode code points, as in the event
record) with what it resolved to and how, and the events it takes part in:

    {"kind": "actor", "start": 41, "end": 46, "text": "Chine", "country": "CHN",
     "sector": "GOV", "name": null, "resolved_by": "lexicon", "found_as": "country",
     "events": [{"index": 0, "role": "recipient"}]}

``annotate`` codes a text and shows every actor mention the coder resolves (also those that
take part in no event) and every date expression, as ``Coder.explain`` gives them; ``mentions_of_records`` rebuilds the
mentions of stored event records (a corpus document) from the records alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chronique.documents.readers import Document, make_document

KINDS = ("actor", "trigger", "date", "place")


@dataclass
class Annotated:
    """A coded text: the document, its event records and its mentions."""

    document: Document
    events: list[dict[str, Any]]
    mentions: list[dict[str, Any]]


def annotate(coder: Any, text: str, *, published: str | None = None, lang: str | None = None,
             doc_id: str = "text") -> Annotated:
    """Code ``text`` and list its mentions (the coder's own resolutions, offsets exact), from
    ``coder.explain``."""
    document = make_document(doc_id, text, published=published, lang=lang)
    explained = coder.explain(document)
    events = [e.to_dict() for e in explained["events"]]
    table = _Table(document.text)
    for entity, found_as in explained["actors"]:
        table.entity(entity.to_dict(), found_as=found_as)
    for expr in explained["dates"]:
        table.add("date", expr.start, expr.end, expr.text, {"date": expr.date, "rule": expr.rule})
    table.records(events)
    return Annotated(document, events, table.mentions())


def mentions_of_records(text: str | None, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The mentions of stored event records: participants, speakers, triggers, places, and
    the dates the records name (found in their sentence)."""
    table = _Table(text)
    table.records(records)
    return table.mentions()


class _Table:
    """Mentions keyed by (kind, start, end); the events each takes part in."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        self._by_key: dict[tuple[str, int, int], dict[str, Any]] = {}

    def _valid(self, start: Any, end: Any, words: str | None) -> bool:
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            return False
        if self.text is None:
            return True
        return end <= len(self.text) and (words is None or self.text[start:end] == words)

    def add(self, kind: str, start: Any, end: Any, words: str | None,
            details: dict[str, Any]) -> dict[str, Any] | None:
        if not self._valid(start, end, words):
            return None
        key = (kind, start, end)
        mention = self._by_key.get(key)
        if mention is None:
            mention = {"kind": kind, "start": start, "end": end,
                       "text": words if words is not None else
                       (self.text[start:end] if self.text is not None else ""),
                       **details, "events": []}
            self._by_key[key] = mention
        return mention

    def entity(self, entity: dict[str, Any], *, found_as: str | None = None,
               event: int | None = None, role: str | None = None) -> None:
        details = {k: entity.get(k) for k in ("name", "country", "sector", "role", "id",
                                              "resolved_by")}
        details["found_as"] = found_as
        mention = self.add("actor", entity.get("start"), entity.get("end"), entity.get("text"),
                           details)
        if mention is not None and event is not None:
            _link(mention, event, role)

    def records(self, records: list[dict[str, Any]]) -> None:
        for i, record in enumerate(records):
            for side in ("actor", "recipient"):
                for entity in record.get(side) or ():
                    self.entity(entity, event=i, role=side)
            if record.get("speaker"):
                self.entity(record["speaker"], event=i, role="speaker")
            trigger = record.get("trigger") or {}
            mention = self.add("trigger", trigger.get("start"), trigger.get("end"),
                               trigger.get("text"), {
                                   "event_type": record.get("event_type"),
                                   "mode": record.get("mode"), "cameo": record.get("cameo"),
                                   "quad_class": record.get("quad_class"),
                                   "goldstein": record.get("goldstein"),
                                   "rule": record.get("rule"),
                                   "modality": record.get("modality"),
                                   "negated": record.get("negated")})
            if mention is not None:
                _link(mention, i, "trigger")
            place = record.get("location") or {}
            if place.get("start") is not None:
                mention = self.add("place", place.get("start"), place.get("end"), place.get("text"),
                                   {k: place.get(k) for k in ("name", "country", "admin1", "lat",
                                                              "lon", "geonames_id", "reason")})
                if mention is not None:
                    _link(mention, i, "location")
            self._record_date(i, record)

    def _record_date(self, index: int, record: dict[str, Any]) -> None:
        words = record.get("date_text")
        sentence = record.get("sentence") or {}
        body, offset = sentence.get("text"), sentence.get("start")
        if not words or not isinstance(body, str) or not isinstance(offset, int):
            return
        at = body.find(words)
        if at < 0:
            at = body.lower().find(words.lower())
        if at < 0:
            return
        start, end = offset + at, offset + at + len(words)
        mention = self._by_key.get(("date", start, end)) or self.add(
            "date", start, end, body[at:at + len(words)],
            {"date": record.get("date"), "rule": record.get("date_reason")})
        if mention is not None:
            _link(mention, index, "date")

    def mentions(self) -> list[dict[str, Any]]:
        order = {k: i for i, k in enumerate(KINDS)}
        return sorted(self._by_key.values(),
                      key=lambda m: (m["start"], -m["end"], order[m["kind"]]))


def _link(mention: dict[str, Any], index: int, role: str | None) -> None:
    link = {"index": index, "role": role}
    if link not in mention["events"]:
        mention["events"].append(link)
