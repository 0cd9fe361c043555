"""Acts whose doer is no one: a trigger verb in the active voice whose subject is a noun
phrase that names no one ("Un séisme a frappé le sud de la Turquie", "La mousson menace les
récoltes") is not a political event, whatever its object. Devices ("une bombe a tué") imply a
doer and are kept; people, even unnamed ("des inconnus"), are someone; passives and pronoun
subjects are left to the other stages.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from chronique.coding.invented import DEVICES
from chronique.coding.state import Draft
from chronique.lang import words
from chronique.lexicon.forms import fold

PEOPLE = words("person_nouns")
AGENT_ENTITIES = {"PER", "ORG"}


def unwritten(draft: Draft, mentions: Mapping[int, object]) -> bool:
    """An event the coder does not write: no participant it can identify, or a doer that is
    no one (``keep_unresolved`` writes both)."""
    return not any(e.keys() for e in (*draft.actors, *draft.recipients)) or \
        doer_is_no_one(draft, mentions)


def doer_is_no_one(draft: Draft, mentions: Mapping[int, object]) -> bool:
    """The draft has no actor, and its verb's own subject is a common noun phrase that
    names no one: no country, organisation, person, group or title in it, no word for people
    (words/person_nouns.txt: "des inconnus", "des milliers de personnes") and no name ("Le
    CNSP a décrété" keeps its event: a name is someone)."""
    if draft.actors or draft.trigger is None or draft.trigger.pattern.pos != "verb":
        return False
    subject = _subject(draft.anchor)
    if subject is None or subject.pos_ != "NOUN" or fold(subject.lemma_) in DEVICES:
        return False
    return not any(t.i in mentions or t.ent_type_ in AGENT_ENTITIES or t.pos_ == "PROPN" or (
        t.text[:1].isupper() and t.i > t.sent.start) or (
        t.pos_ == "NOUN" and fold(t.lemma_) in PEOPLE) for t in subject.subtree)


def unnamed_doer(draft: Draft) -> bool:
    """No actor was identified, but the verb's own active subject is there ("Des inconnus ont
    enlevé un prêtre"): a doer the text leaves unnamed, not a reading that found none."""
    return not draft.actors and draft.trigger is not None and \
        draft.trigger.pattern.pos == "verb" and _subject(draft.anchor) is not None


def _subject(verb: Token) -> Token | None:
    """The active subject of the verb, or of the verb its participle hangs on ("..., menaçant
    les rizières": the main clause's subject)."""
    for _ in range(2):
        if any(c.dep_ == "aux:pass" for c in verb.children):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"advcl", "xcomp", "conj"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None
