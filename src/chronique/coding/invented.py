"""Participants the text implies but does not name, once the event's place is known.

- a national group named without its country ("des manifestants") is of the event's place,
  else of the national source that reports it;
- an attack with no named target is on the place it strikes; attackers nobody names are
  unidentified armed forces of the place (sector UAF);
- a "domestic" pattern's recipient is the people of the place, else of the actor's country;
- a condemnation that names no one targets the doers of the article's latest act
  (``cues.yaml: condemned_acts``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from chronique.coding.state import DocState, Draft
from chronique.coding.tree import SUBJECT_DEPS, self_recipients
from chronique.lang import words
from chronique.lexicon.forms import fold
from chronique.record import Entity, Place, Span, keys_of

DEVICES = words("device_nouns")
LOCAL_SECTORS = words("local_sectors")
VOTED = {"sentence", "document"}  # a country voted by the sentence's or article's mentions
INTERNATIONAL = {"IGO", "NGO", "MNC"}
PLACED = {"clause", "sentence"}  # a place read in the event's own sentence


def place_country(entities, country: str, how: str = "location") -> tuple[Entity, ...]:
    """A national group named without its country ("des manifestants", "la police") is of
    the country where the event happens (``resolved_by: location``), or of the national
    source reporting it (``speaker``); the police (words/local_sectors.txt) also when the
    country was only the one the sentence or article names most."""
    return tuple(replace(e, country=country, resolved_by=how)
                 if _unplaced(e, how) else e for e in entities)


def _unplaced(entity: Entity, how: str) -> bool:
    if entity.id or not entity.sector:
        return False
    if entity.country is None:
        return True
    return how == "location" and entity.resolved_by in VOTED and \
        entity.sector.lower() in LOCAL_SECTORS and entity.country not in INTERNATIONAL


def _named(entities) -> bool:
    return any(e.keys() for e in entities)


def _at(span: Span, **fields: Any) -> Entity:
    return Entity(span.text, span.start, span.end, **fields)


def from_place(draft: Draft, location: Place | None, span: Span) -> Draft:
    """National groups of the place; the struck place and unnamed attackers of an attack."""
    if location is None or not location.country:
        return draft
    country = location.country
    actors = place_country(draft.actors, country)
    recipients = place_country(draft.recipients, country)
    if draft.event_type == "ASSAULT" and not _named(recipients) and location.reason in PLACED:
        # "ont tiré des roquettes sur des quartiers de Kharkiv": an attack is on the place it
        # strikes when no target is named (PLOVER: recipient required)
        recipients = (_at(span, country=country, resolved_by="location"),)
    if draft.event_type == "ASSAULT" and not _named(actors) and location.reason in PLACED \
            and unclaimed(draft.anchor):
        # "l'explosion d'une bombe près de Samarra a tué ...": attackers nobody names are
        # unidentified armed forces of the place (sector UAF)
        actors = (_at(span, country=country, sector="UAF", resolved_by="location"),)
    return replace(draft, actors=actors, recipients=recipients)


def from_speaker(draft: Draft, location: Place | None) -> Draft:
    """"..., selon le secrétaire fédéral pakistanais": officials named by their title alone
    are of the country of the national source that reports them."""
    speaker = draft.speaker
    if speaker is None or not speaker.country or speaker.country in INTERNATIONAL or (
            location is not None and location.country):
        return draft
    return replace(draft, actors=place_country(draft.actors, speaker.country, "speaker"),
                   recipients=place_country(draft.recipients, speaker.country, "speaker"))


def domestic(draft: Draft, location: Place | None, span: Span) -> Draft:
    """"a levé l'état d'urgence imposé au Darfour": the people of the place, else of the
    country whose authorities decide it."""
    trigger = draft.trigger
    if trigger is None or not trigger.pattern.raw.get("domestic") or _named(draft.recipients):
        return draft
    home = (location.country if location is not None and location.country else
            next((a.country for a in draft.actors if a.country and not a.id), None))
    if not home:
        return draft
    return replace(draft, recipients=(_at(span, country=home, resolved_by="location"),))


def unclaimed(anchor: Token) -> bool:
    """An attack whose doer nobody names: a verb whose subject is a device or an event
    ("l'explosion d'une bombe a tué ...", "une roquette a frappé ..."), a passive without
    agent, or an event noun that is such a subject itself."""
    if anchor.pos_ in {"NOUN", "PROPN", "X"}:
        return fold(anchor.lemma_) in DEVICES and anchor.dep_ in SUBJECT_DEPS
    subject = next((c for c in anchor.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return any(c.dep_ == "aux:pass" for c in anchor.children) and not any(
            c.dep_ == "obl:agent" for c in anchor.children)
    return fold(subject.lemma_) in DEVICES


class CondemnedActs:
    """A condemnation that names no one targets the doers of the article's latest act."""

    def __init__(self, cues: dict[str, Any]) -> None:
        acts = cues["condemned_acts"]
        self.types = frozenset(acts["types"])
        self.event_types = frozenset(acts["event_types"])
        self.modes = frozenset(acts["modes"])
        self.tag = acts["id"]

    def __call__(self, draft: Draft, state: DocState) -> Draft:
        """The draft with its target found, and its actors remembered when it is an act."""
        draft = self._target(draft, state)
        if draft.event_type in self.types and _named(draft.actors):
            state.acts.append(tuple(draft.actors))
        return draft

    def _target(self, draft: Draft, state: DocState) -> Draft:
        actors = draft.actors
        if draft.event_type not in self.event_types or draft.mode not in self.modes or any(
                r.keys() for r in draft.recipients if not self_recipients((r,), actors)):
            return draft
        mine = keys_of(tuple(actors))
        for doers in reversed(state.acts):
            if keys_of(doers) and not keys_of(doers) & mine:
                found = tuple(replace(d, resolved_by="act") for d in doers)
                return replace(draft, recipients=found, rule=f"{draft.rule}+{self.tag}")
        return draft
