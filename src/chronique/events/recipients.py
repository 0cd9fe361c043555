"""Recipient searches: where a trigger's recipient is when its own slots name none, or
name only the actor (an embedded action, a threat's condition, the object's complements, a
protest's scene, a last look inside the object); and how participants compare.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import Phrase
from chronique.events.slots import VERB_RECIPIENT, SlotReader
from chronique.events.tree import case_word, children_with, first_child, is_passive, is_source
from chronique.lang import words
from chronique.lexicon.forms import fold
from chronique.record import Entity

# how an entity was resolved when it was inferred rather than named (the actors helper's
# "sentence": a bare "des troupes" takes the country of the sentence)
WEAK = frozenset({"sentence", "possessive", "subject"})
# obliques of time and circumstance: never where a participant is ("malgré le souhait d'Israël")
CIRCUMSTANCES = words("circumstances") | words("circumstances_not_participant")
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis"}


class RecipientSearch(SlotReader):
    """The searches for a recipient beyond the pattern's slots."""

    def _first_other(self, token, slots, phrase, ctx, passive, actors) -> list[Entity]:
        """The first slot naming someone identifiable other than the actor (a bare "des
        troupes" the resolver gave the actor's country is the actor's own)."""
        for slot in slots:
            found = [e for e in self.slot(token, slot, phrase, ctx, passive) if e.keys()]
            if found and not _self(found, actors):
                return found
        return []

    def _object_recipients(self, token: Token, objects: frozenset[str], phrase: Phrase,
                           ctx: DocumentContext, actors: list[Entity]) -> list[Entity]:
        """A recipient other than the actor: the verb's other slots, then the event
        noun's own complements ("à", "contre", "avec", "envers", "vers", "auprès")."""
        others = [s for s in VERB_RECIPIENT if s != "obj"]
        found = [e for e in self._first(token, others, phrase, ctx, False) if e.keys()]
        if found and not _same(found, actors):
            return found
        nouns = [c for c in token.children
                 if c.dep_ in {"obj", "nsubj:pass"} or fold(c.lemma_) in objects]
        for child in nouns:
            # "une enquête sur des exactions qu'auraient commises les milices / commises par"
            for sub in child.children:
                if sub.dep_ == "nmod" and case_word(sub) in {"sur", "contre", "de"}:
                    found = [e for e in self._perpetrator(sub, phrase, ctx) if e.keys()]
                    if found and not _same(found, actors):
                        return found
        for child in nouns:
            for slot in ("nmod:à", "nmod:contre", "nmod:avec", "nmod:envers", "nmod:vers",
                         "nmod:auprès", "nmod:entre", "nmod:sur", "nmod:de"):
                found = [e for e in self.slot(child, slot, phrase, ctx) if e.keys()]
                if found and not _same(found, actors):
                    return found
        for child in nouns:
            # "le blocus imposé aux camions palestiniens", "l'état d'urgence imposé au Darfour"
            for participle in children_with(child, {"acl", "acl:relcl"}):
                found = [e for e in self._first(participle, (*VERB_RECIPIENT[1:], "obl:dans",
                                                             "obl:en", "obl:mod"),
                                                phrase, ctx, False) if e.keys()]
                if found and not _same(found, actors):
                    return found
        return []

    def _condition_subject(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                           actors: list[Entity]) -> list[Entity]:
        """A threat's target is whoever its condition is about ("a menacé de lancer une
        offensive si Kiev ne retirait pas ses troupes")."""
        for sub in token.subtree:
            if sub.dep_ in {"advcl", "ccomp"} and any(c.dep_ == "mark" and fold(c.text) in words("condition_marks")
                                           for c in sub.children):
                subject = first_child(sub, {"nsubj", "nsubj:pass"})
                if subject is not None:
                    found = [e for e in self.resolver.resolve(subject, phrase, ctx) if e.keys()]
                    if found and not _self(found, actors):
                        return found
        return []

    def _scene(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Protests named without protesters take the people of where they happen
        ("des manifestations ont éclaté dans plusieurs villes haïtiennes", "des émeutes ont
        secoué plusieurs villes françaises")."""
        if token.dep_ not in {"nsubj", "nsubj:pass"} or token.head.pos_ != "VERB":
            return []
        for child in token.head.children:
            if child.i == token.i or not (child.dep_ == "obj" or child.dep_.startswith("obl")):
                continue
            found = [e for e in self.resolver.resolve(child, phrase, ctx)
                     if e.country and not e.id]
            if found:
                return [replace(found[0], sector=found[0].sector or "CVL")]
        return []

    def _perpetrator(self, noun: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Who did what a noun names: the subject of its relative clause ("des crimes
        qu'auraient commises les milices") or the agent of its participle ("commis par")."""
        for clause in children_with(noun, {"acl:relcl", "acl"}):
            if clause.dep_ == "acl:relcl":
                subject = first_child(clause, {"nsubj", "nsubj:pass"})
                if subject is None:  # inverted: "qu'auraient commises les milices"
                    subject = next((c for c in clause.children if c.dep_ == "obj"
                                    and c.i > clause.i and c.pos_ in {"NOUN", "PROPN"}), None)
                if subject is not None and subject.pos_ != "PRON":
                    return self.resolver.resolve(subject, phrase, ctx)
            else:
                found = self.slot(clause, "agent", phrase, ctx)
                if found:
                    return found
        return []

    def _embedded(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                  actors: list[Entity] = ()) -> list[Entity]:
        """Recipients of the action a trigger embeds ("prêt à travailler avec la Chine")."""
        for child in token.children:
            if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "ADJ", "NOUN"} and \
                    fold(child.lemma_) not in self.saying:
                subject = first_child(child, {"nsubj", "nsubj:pass"})
                if subject is not None and child.dep_ != "xcomp":
                    found = [e for e in self.resolver.resolve(subject, phrase, ctx) if e.keys()]
                    if found and not _self(found, actors):
                        return found  # "a averti qu'il retirerait ...": not the actor again
                found = self._first_other(child, VERB_RECIPIENT, phrase, ctx,
                                          is_passive(child), actors)
                if found:
                    return found
                if child.dep_ == "ccomp":
                    # "a averti qu'il retirerait sa force du Tchad": inside the reported clause
                    found = self._deep(child, phrase, ctx, actors)
                    if found and not _self(found, actors):
                        return found
                for grandchild in child.children:
                    if grandchild.dep_ in {"xcomp", "conj"}:
                        found = self._first(grandchild, VERB_RECIPIENT, phrase, ctx, False)
                        if found:
                            return found
        return []

    def _deep(self, token: Token, phrase: Phrase, ctx: DocumentContext,
              actors: list[Entity] = ()) -> list[Entity]:
        """Last resort: an actor named inside the object ("l'amitié qui unit les deux pays")."""
        skip = {t.i for c in token.children if c.dep_ in {"nsubj", "nsubj:pass", "expl:subj",
                                                          "obl:agent", "parataxis"}
                or case_word(c) in {"selon", "d'", "de"} and is_source(c)
                or case_word(c) in CIRCUMSTANCES
                for t in c.subtree}
        for sub in token.subtree:  # clauses with a subject of their own are other events
            if sub.i != token.i and sub.dep_ in CLAUSE_DEPS and any(
                    c.dep_ in {"nsubj", "nsubj:pass"} for c in sub.children):
                skip.update(t.i for t in sub.subtree)
        candidates = [t for t in token.subtree if t.i != token.i and t.i not in skip
                      and t.pos_ in {"NOUN", "PROPN"}]
        against = [t for t in candidates if case_word(t) == "contre"]
        taken = {(a.start, a.end) for a in actors}
        for sub in against + candidates:
            found = [e for e in self.resolver.resolve(sub, phrase, ctx)
                     if e.keys() and (e.start, e.end) not in taken
                     and not (actors and e.resolved_by in WEAK
                              and _same_country([e], list(actors)))]
            if found:
                return found
        return []


def _same_country(recipients: list[Entity], actors: list[Entity]) -> bool:
    """The recipients name only the actor's country (whatever the sector), or nobody."""
    keys = set().union(*[r.keys() for r in recipients]) if recipients else set()
    actor_keys = set().union(*[a.keys() for a in actors]) if actors else set()
    return not keys or (bool(actor_keys) and keys <= actor_keys)


def _self(found: list[Entity], actors: list[Entity]) -> bool:
    """The entities are the actor again: same country and sector, or inferred ones of the
    actor's country."""
    return _same(found, actors) or (all(e.resolved_by in WEAK for e in found)
                                    and _same_country(found, actors))


def _same(recipients: list[Entity], actors: list[Entity]) -> bool:
    """The recipients name only the actor (same country and sector), or nobody."""
    if not any(r.keys() for r in recipients):
        return True
    mine = {(k, a.sector) for a in actors for k in a.keys()}
    return bool(mine) and all((k, r.sector) in mine for r in recipients for k in r.keys())


def _unique(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if not any(e.start == entity.start and e.end == entity.end and e.keys() == entity.keys()
                   for e in out):
            out.append(entity)
    return out


def _without_actor(recipients: list[Entity], actors: list[Entity]) -> list[Entity]:
    """Drop recipients that are the actor itself, unless nothing else is left."""
    actor_keys = set().union(*[a.keys() for a in actors]) if actors else set()
    others = [r for r in recipients if not (r.keys() and r.keys() <= actor_keys)]
    return others if others else recipients
