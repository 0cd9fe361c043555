"""Actor and recipient fallbacks: participants a trigger's own slots did not give.

- an order: "a ordonné au journal de suspendre sa parution" -- the government acts;
- an event noun that is the verb's subject: "les frappes de drones américains ont tué";
- a purpose clause: a protest's target is whom its "pour / afin de" clause addresses;
- the speaker: a requesting or agreeing noun without actor, or "a annoncé qu'ils allaient".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from chronique.coding.state import Draft, Scope
from chronique.coding.tree import (
    SUBJECT_DEPS,
    governs,
    ordered,
    purpose_of,
    self_recipients,
    subject_of,
)
from chronique.events.arguments import ArgumentAssigner
from chronique.events.tree import is_passive
from chronique.lang import table, words
from chronique.lexicon.forms import fold

SELF_WORDS = words("self_words")
ADDRESSED = {"PROTEST", "THREATEN", "REJECT", "ACCUSE"}
PASSIVE_AGENTS = table("cues")["passive_agents"]


def _named(entities) -> bool:
    return any(e.keys() for e in entities)


def trigger_fallbacks(draft: Draft, scope: Scope, assigner: ArgumentAssigner,
                      cands: Callable[[], list] = list) -> Draft:
    """The order, event-noun subject, purpose-clause and passive-agent fallbacks."""
    draft = _trigger_fallbacks(draft, scope, assigner)
    if not _named(draft.actors) and draft.event_type in PASSIVE_AGENTS["types"] and \
            is_passive(draft.anchor) and not any(c.dep_ == "obl:agent"
                                                 for c in draft.anchor.children):
        # "trois militants ont été arrêtés": the police or authorities named in the sentence,
        # else in the one before (coding guide: agentless passives)
        taken = {(e.start, e.end) for e in draft.recipients}
        for cand in sorted(cands(), key=lambda c: c.context):
            found = [e for e in cand.entities if e.sector in PASSIVE_AGENTS["sectors"] and e.keys()
                     and (e.start, e.end) not in taken]
            if found:
                return replace(draft, actors=tuple(found[:1]))
    return draft


def _trigger_fallbacks(draft: Draft, scope: Scope, assigner: ArgumentAssigner) -> Draft:
    """The order, event-noun subject and purpose-clause fallbacks, in that order."""
    trigger, anchor = draft.trigger, draft.anchor
    actors, recipients = draft.actors, draft.recipients
    order = next((t for t in scope.triggers if t.token.i != anchor.i
                  and ordered(t.token, trigger) and governs(t.token, anchor)), None)
    if order is not None:
        # "a ordonné au journal de suspendre sa parution": the government acts
        given = assigner(order, scope.phrase, scope.ctx)
        if _named(given.actor):
            actors = given.actor
        if not _named(recipients) or self_recipients(recipients, actors):
            recipients = given.recipient or recipients
    pattern = trigger.pattern
    if not _named(actors) and pattern.pos == "verb":
        # "les frappes de drones américains ... ont tué": the actor of the event noun that
        # is the verb's subject
        for other in scope.triggers:
            if other.pattern.pos == "noun" and other.pattern.type == pattern.type \
                    and subject_of(other.token, anchor):
                found = assigner(other, scope.phrase, scope.ctx).actor
                if _named(found):
                    actors = found
                    break
    if not _named(recipients) and pattern.type in ADDRESSED:
        # a protest's target is whom its purpose clause addresses
        for other in purpose_of(anchor, scope.triggers):
            found = assigner(other, scope.phrase, scope.ctx).recipient
            if _named(found):
                recipients = found
                break
    return replace(draft, actors=actors, recipients=recipients)


def speaker_fallbacks(draft: Draft) -> Draft:
    """The speaker as actor: of a requesting or agreeing noun without actor, and when the
    trigger's subject is the speaker speaking of itself."""
    actors, speaker, trigger = draft.actors, draft.speaker, draft.trigger
    if not actors and speaker is not None and draft.event_type in {"REQUEST", "AGREE"} \
            and trigger is not None and trigger.pattern.pos == "noun":
        actors = (speaker,)
    if speaker is not None and speaker.keys() and trigger is not None and not _named(
            actors) and speaker_subject(draft.anchor):
        # "a annoncé qu'ils allaient ...", "« Nos forces ont secouru ... », a affirmé le
        # porte-parole de l'armée": the speaker speaks of itself
        actors = (speaker,)
    return replace(draft, actors=actors) if actors is not draft.actors else draft


def speaker_subject(token: Token) -> bool:
    """The trigger's subject is a pronoun or a first-person possessive phrase, which in
    reported speech names the speaker."""
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return False
    if subject.pos_ == "PRON":
        return fold(subject.text) in SELF_WORDS
    return any(c.dep_ == "det" and fold(c.text) in words("first_person_possessives")
               for c in subject.children)
