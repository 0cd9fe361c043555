"""The event record: the contract between the coder, the evaluation data and every consumer.

Fields and meanings follow ``docs/event-record.md``; ``Event.to_dict()`` is the only place
where an output record is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

#: the ``country`` of international actors (organisations, NGOs, companies): their code is
#: their organisation ``id``
INTERNATIONAL = ("IGO", "NGO", "MNC")


@dataclass(frozen=True)
class Span:
    """Words of the document: ``text == document_text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Entity:
    """An actor or recipient: the mention as written and what it resolves to."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    id: str | None = None
    resolved_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "name": self.name,
            "country": self.country, "sector": self.sector, "role": self.role, "id": self.id,
            "resolved_by": self.resolved_by,
        }

    def keys(self) -> frozenset[str]:
        """What the entity is, for matching: its country (unless international) and its id."""
        out = set()
        if self.country and self.country not in INTERNATIONAL:
            out.add(self.country)
        if self.id:
            out.add(self.id)
        if not out and self.country:
            out.add(self.country)
        return frozenset(out)


def keys_of(entities: Iterable[Entity]) -> frozenset[str]:
    """The countries and organisation ids the entities name."""
    return frozenset(k for e in entities for k in e.keys())


@dataclass(frozen=True)
class Place:
    """A geocoded place; ``reason`` says why it is the event's location."""

    text: str
    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    start: int | None = None
    end: int | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SentenceRef:
    index: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Event:
    """One coded event; ``to_dict()`` is the record written by ``chronique code``."""

    doc_id: str
    event_id: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    date: str | None
    date_text: str | None
    location: Place | None
    trigger: Span
    sentence: SentenceRef
    negated: bool = False
    modality: str = "asserted"
    speaker: Entity | None = None
    confidence: float = 0.5
    rule: str = ""
    lang: str = "fr"
    date_reason: str | None = None
    published: str | None = None
    published_source: str | None = None
    url: str | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "date": self.date,
            "date_text": self.date_text,
            "date_reason": self.date_reason,
            "location": self.location.to_dict() if self.location else None,
            "trigger": self.trigger.to_dict(),
            "sentence": self.sentence.to_dict(),
            "negated": self.negated,
            "modality": self.modality,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "lang": self.lang,
            "published": self.published,
            "published_source": self.published_source,
            "url": self.url,
            **({"mentions": self.extras["mentions"]} if self.extras.get("mentions") else {}),
        }
