"""Assign actor and recipient to a trigger from the dependency parse, not from word order.

The slots a trigger pattern names are read by ``events/slots.py``; when they name no
recipient, or only the actor, the searches of ``events/recipients.py`` look further.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import Phrase
from chronique.events.recipients import (
    WEAK,
    RecipientSearch,
    _same,
    _same_country,
    _unique,
    _without_actor,
)
from chronique.events.slots import NOUN_ACTOR, NOUN_RECIPIENT, VERB_ACTOR, VERB_RECIPIENT
from chronique.events.tree import case_word, is_passive, subject_token
from chronique.events.triggers import Pattern, Trigger
from chronique.lang import words
from chronique.lexicon.forms import fold
from chronique.record import Entity

__all__ = ["ArgumentAssigner", "Arguments", "case_word", "is_passive", "subject_token"]
OWNED_PLACES = words("destination_prepositions")


@dataclass(frozen=True)
class Arguments:
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    how: str


class ArgumentAssigner(RecipientSearch):
    """Find the participants of a trigger."""

    def __call__(self, trigger: Trigger, phrase: Phrase, ctx: DocumentContext) -> Arguments:
        token, pattern = trigger.token, trigger.pattern
        noun = pattern.pos == "noun"
        passive = is_passive(token)
        actor_slots, recipient_slots = _slots(pattern, noun, passive)
        if noun and not pattern.reciprocal:
            support = faire_objet(token)
            if support is not None:
                return self._undergone(token, support, phrase, ctx)
        actors = self._first(token, actor_slots, phrase, ctx, passive)
        if not noun and not passive and "nsubj" in actor_slots:
            actors = actors + self._coordinated(token, actors, phrase, ctx)
        elif noun and actors and "governor" in actor_slots and \
                fold(token.head.lemma_) in self.light_verbs and not is_passive(token.head):
            actors = actors + self._coordinated(token.head, actors, phrase, ctx)
        if noun and pattern.type == "PROTEST" and not any(a.keys() for a in actors):
            actors = self._scene(token, phrase, ctx) or actors
        if pattern.reciprocal:
            return self._reciprocal(token, pattern, actors, phrase, ctx, passive)
        recipients, fallback = self._recipients(token, pattern, recipient_slots, actors,
                                                phrase, ctx, passive)
        return Arguments(tuple(actors), tuple(recipients), "deep" if fallback else "slots")

    def _undergone(self, token: Token, support: Token, phrase: Phrase,
                   ctx: DocumentContext) -> Arguments:
        """"X fait l'objet d'une enquête au Canada": X undergoes it; whoever conducts it is
        the "par" phrase, else the country where it happens."""
        subject = subject_token(support)
        undergoing = self.resolver.resolve(subject, phrase, ctx) if subject else []
        doers = [e for e in self._first(token, ("agent", "nmod:de", "nmod:en"), phrase,
                                        ctx, False) if e.keys()] or [
            e for e in self._first(support, ("obl:agent", "obl:en", "obl:mod", "obl:à"),
                                   phrase, ctx, False) if e.keys()]
        return Arguments(tuple(doers), tuple(undergoing), "slots")

    def _reciprocal(self, token: Token, pattern: Pattern, actors: list[Entity], phrase: Phrase,
                    ctx: DocumentContext, passive: bool) -> Arguments:
        """A reciprocal event ("se sont rencontrés", "la rencontre entre X et Y"): every
        party is an actor, unless a verb names a directed one."""
        noun = pattern.pos == "noun"
        others = self._all(token, ("obj", "obl:avec", "nmod:avec", "nmod:entre", "obl:entre",
                                   "nmod:de") if noun else
                           ("obj", "obl:avec", "obl:entre"), phrase, ctx, passive)
        if noun and pattern.objects:
            # "la signature d'un accord entre le Canada et le Mexique": the parties of the
            # agreement the event noun is about
            for child in token.children:
                if child.dep_ == "nmod" and fold(child.lemma_) in pattern.objects:
                    others += self._all(child, ("nmod:entre", "nmod:avec"), phrase, ctx,
                                        False)
        others = [e for e in others if e not in actors]
        if not noun and actors and others:
            # "X a rencontré Y": directed, which also matches a reciprocal coding
            return Arguments(tuple(actors), tuple(_unique(others)), "slots")
        return Arguments(tuple(_unique(actors + others)), (), "reciprocal")

    def _recipients(self, token: Token, pattern: Pattern, slots: tuple[str, ...],
                    actors: list[Entity], phrase: Phrase, ctx: DocumentContext,
                    passive: bool) -> tuple[list[Entity], bool]:
        """The recipients, and whether the last-resort search found them."""
        noun = pattern.pos == "noun"
        recipients = self._first(token, slots, phrase, ctx, passive,
                                 exclude={id(a) for a in actors})
        recipients = self._not_owned(token, noun, slots, recipients, actors, phrase, ctx,
                                     passive)
        if (pattern.objects or pattern.withs) and not noun and _same(recipients, actors):
            # "a présenté les excuses de la Belgique à la RDC", "suspendre ses livraisons de
            # gaz à l'Espagne": the object is the event, its "de" phrase the actor
            recipients = self._object_recipients(token, pattern.objects, phrase, ctx,
                                                 actors) or recipients
        if not recipients:
            recipients = self._embedded(token, phrase, ctx, actors)
        if pattern.type == "THREATEN" and not any(r.keys() for r in recipients):
            recipients = self._condition_subject(token, phrase, ctx, actors) or recipients
        if not recipients:
            recipients = self._deep(token, phrase, ctx, actors)
            fallback = bool(recipients)
        else:
            fallback = False
        return _without_actor(recipients, actors), fallback

    def _not_owned(self, token: Token, noun: bool, slots: tuple[str, ...],
                   recipients: list[Entity], actors: list[Entity], phrase: Phrase,
                   ctx: DocumentContext, passive: bool) -> list[Entity]:
        """"retirera ses troupes du Niger", "a rappelé son ambassadeur en Espagne", "prêt à
        envoyer des troupes au Mali": what the actor owns is not the recipient; where it
        goes or comes from is."""
        owned = owned_object(token) if not noun else None
        weak = bool(recipients) and all(r.resolved_by in WEAK for r in recipients)
        if not ((owned is not None or weak) and recipients and _same_country(recipients, actors)):
            return recipients
        others = [s for s in slots if s != "obj"]
        found = [e for e in self._first(token, others, phrase, ctx, passive)
                 if e.keys() and not _same_country([e], actors)]
        recipients = found or ([] if owned is not None else recipients)
        for sub in (owned.children if owned is not None else ()):
            if recipients:
                break
            if sub.dep_ == "nmod" and case_word(sub) in OWNED_PLACES:
                recipients = [e for e in self.resolver.resolve(sub, phrase, ctx)
                              if e.keys() and not _same_country([e], actors)]
        return recipients


def _slots(pattern: Pattern, noun: bool, passive: bool
           ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The actor and recipient slots to read: the pattern's, else the defaults of its part of
    speech; a passive verb's agent acts on its subject."""
    actor_slots = pattern.actor or (NOUN_ACTOR if noun else VERB_ACTOR)
    recipient_slots = pattern.recipient or (NOUN_RECIPIENT if noun else VERB_RECIPIENT)
    if passive and not noun and pattern.actor is None:
        actor_slots, recipient_slots = ("agent",), ("nsubj",) + tuple(
            s for s in recipient_slots if s not in {"obj", "nsubj"})
    return actor_slots, recipient_slots


def faire_objet(token: Token) -> Token | None:
    """The verb "faire" of "faire l'objet de <event noun>", if that is the construction."""
    head = token.head
    if token.dep_ == "nmod" and fold(head.lemma_) == "objet" and head.dep_ == "obj":
        return head.head if fold(head.head.lemma_) == "faire" else None
    if token.dep_.startswith("obl") and fold(head.lemma_) == "faire" and any(
            c.dep_ == "obj" and fold(c.lemma_) == "objet" for c in head.children):
        return head  # the parser hangs "d'une enquête" on "fait"
    return None


def owned_object(token: Token) -> Token | None:
    """The object when it has a possessive determiner ("ses troupes", "son ambassadeur")."""
    for child in token.children:
        if child.dep_ in {"obj", "nsubj:pass"} and any(
                c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in child.children):
            return child
    return None
