"""Assemble an event record from a trigger, its arguments, modality, date and place.

Also states how sure the coder is (``confidence``) and the rule that fired (``rule``).
"""

from __future__ import annotations

import hashlib

from chronique.events.ontology import Ontology
from chronique.lang import setting
from chronique.record import Entity, Event, Place, SentenceRef, Span, keys_of

BASE_CONFIDENCE = dict(setting("confidence", "base"))


def event_id(doc_id: str, sentence: int, start: int, event_type: str, version: str) -> str:
    """Stable id: same input and same version give the same id."""
    key = f"{doc_id}|{sentence}|{start}|{event_type}|{version}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def confidence(kind: str, actors: tuple[Entity, ...], recipients: tuple[Entity, ...],
               fallback: bool, doer: bool = False) -> float:
    """How sure a rule-coded event is, before calibration (``data/coder.yaml``); ``doer``:
    no actor was identified but the verb's subject is there."""
    score = BASE_CONFIDENCE.get(kind, setting("confidence", "default"))
    participants = [*actors, *recipients]
    if (actors and recipients) or len(keys_of(actors)) > 1:
        # a meeting codes every party as an actor (PLOVER): two parties found all the same
        score += setting("confidence", "both_sides")
    if any(e.resolved_by in {"pronoun", "anaphor", "coreference"} for e in participants):
        score += setting("confidence", "inferred")
    if fallback:
        score += setting("confidence", "fallback")
    if not actors:
        score += setting("confidence", "unnamed_doer" if doer else "no_actor")
    return max(setting("confidence", "floor"), min(setting("confidence", "ceiling"), score))


def consult_mode(mode: str | None, actors: tuple[Entity, ...], location: Place | None) -> str | None:
    """A meeting in one participant's country with a foreign participant is a visit."""
    if mode or location is None or not location.country:
        return mode
    countries = {a.country for a in actors if a.country}
    if location.country in countries and len(countries) > 1:
        return "visit"
    return mode


class EventBuilder:
    """Build ``Event`` records; the ontology lookup happens here."""

    def __init__(self, ontology: Ontology, version: str) -> None:
        self.ontology = ontology
        self.version = version

    def __call__(self, *, doc_id: str, event_type: str, mode: str | None,
                 context: tuple[str, ...], actors: tuple[Entity, ...],
                 recipients: tuple[Entity, ...], trigger: Span, sentence: SentenceRef,
                 date: str | None, date_text: str | None, date_reason: str | None,
                 location: Place | None, negated: bool, modality: str, speaker: Entity | None,
                 rule: str, kind: str, fallback: bool, meta: dict, doer: bool = False
                 ) -> Event:
        if event_type == "CONSULT":
            mode = consult_mode(mode, actors, location)
        coding = self.ontology.code(event_type, mode)
        return Event(
            doc_id=doc_id,
            event_id=event_id(doc_id, sentence.index, trigger.start, event_type, self.version),
            event_type=event_type, mode=mode, context=context, cameo=coding.cameo,
            quad_class=coding.quad_class, goldstein=coding.goldstein, actor=actors,
            recipient=recipients, date=date, date_text=date_text, location=location,
            trigger=trigger, sentence=sentence, negated=negated, modality=modality,
            speaker=speaker, confidence=confidence(kind, actors, recipients, fallback, doer),
            rule=rule, lang=meta.get("lang") or "fr", date_reason=date_reason,
            published=meta.get("published"), published_source=meta.get("published_source"),
            url=meta.get("url"))
