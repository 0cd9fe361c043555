"""Resolve a noun phrase (given by its head token) to entities: country, sector, name, role, id.

Reads the mentions found by ``MentionFinder`` and the document context (coreference).
Returns ``Entity`` objects whose offsets index the document text.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.countries import COUNTERPARTS, INTERNATIONAL, CountryReader
from chronique.actors.noun_phrase import NounPhraseReader
from chronique.actors.phrases import (
    GENITIVE,
    Phrase,
    conjuncts,
    honorific_gender,
    left_conjunct,
    np_tokens,
)
from chronique.lang import words
from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold
from chronique.record import Entity

__all__ = ["ActorResolver", "Phrase", "honorific_gender"]
PRONOUNS = words("third_person_pronouns")
RELATIVES = words("relative_pronouns")


class ActorResolver(NounPhraseReader, CountryReader):
    """Turn head tokens into entities, expanding coordination ("le Mali et le Niger")."""

    def __init__(self, lexicon: Lexicon, places=None) -> None:
        self.lexicon = lexicon
        self.places = places
        self.quantities = lexicon.cue_words("quantities")
        self.leaders = lexicon.cue_words("leaders")
        self.held_ground = lexicon.cue_words("held_ground")
        self.holding_verbs = lexicon.cue_words("held_ground", "verbs")
        self._anaphor_heads = frozenset(form.replace("'", " ").split()[-1] for form in lexicon.anaphors)

    def resolve(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        out: list[Entity] = []
        for head in [*left_conjunct(token, phrase.mentions), token, *conjuncts(token)]:
            mention = phrase.mentions.get(head.i)
            if head.pos_ == "ADJ" and mention is not None and mention.kind == "demonym" and \
                    any(e.country == mention.actor.country for e in out):
                continue  # "les armées ougandaise et rwandaise": already one entity each
            out.extend(self.resolve_one(head, phrase, ctx))
        return out

    def resolve_one(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Entities of one head token; computed once per token, in reading order."""
        key = (id(token.doc), token.i)
        if key not in ctx.cache:
            ctx.cache[key] = []  # a phrase that needs itself (possessives, conjuncts) is empty
            ctx.cache[key] = self._resolve_one(token, phrase, ctx)
        return ctx.cache[key]

    def _resolve_one(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        found = self._referring(token, phrase, ctx)
        if found is not None:
            return found
        entity = self._noun_phrase(token, phrase, ctx)
        if entity is None:
            named = self._named_organisation(token, phrase, ctx)
            return [named] if named is not None else []
        return self._per_country(token, self._completed(token, entity, phrase, ctx), phrase)

    def _referring(self, token: Token, phrase: Phrase, ctx: DocumentContext
                   ) -> list[Entity] | None:
        """Entities a pronoun, relative, anaphor, quantity ("un groupe de X") or held ground
        refers to; None when the token is none of those."""
        low = token.lower_
        start = phrase.offset + token.idx
        end = start + len(token.text)
        if token.pos_ == "PRON" and low in PRONOUNS:
            gender = (token.morph.get("Gender") or [None])[0]
            number = (token.morph.get("Number") or [None])[0]
            return ctx.pronoun(token.text, start, end, gender, number)
        if token.pos_ == "PRON" and low in RELATIVES and token.head.dep_ == "acl:relcl":
            return self.resolve(token.head.head, phrase, ctx)
        anaphor = self._anaphor(token, phrase, ctx)
        if anaphor is not None:
            return anaphor
        if low in {"dernier", "dernière"} and ctx.last_person:
            person = ctx.last_person
            return [Entity(token.text, start, end, person.name, person.country, person.sector,
                           person.role, person.id, "anaphor")]
        if fold(token.lemma_) in self.quantities:
            for child in token.children:
                if child.dep_ == "nmod" and any(fold(c.text) in GENITIVE
                                                for c in child.children if c.dep_ == "case"):
                    found = self.resolve_one(child, phrase, ctx)
                    demonyms = [phrase.mentions[a.i] for a in token.children
                                if a.dep_ == "amod" and a.i in phrase.mentions
                                and phrase.mentions[a.i].kind == "demonym"]
                    if demonyms and found and (found[0].country is None
                                               or found[0].country in INTERNATIONAL):
                        # "un groupe de Casques bleus bangladais", the adjective on "groupe"
                        found = [replace(found[0], country=demonyms[0].actor.country)]
                    return found
        held = self._held_by(token, phrase, ctx)
        if held:
            return held
        return None

    def _completed(self, token: Token, entity: Entity, phrase: Phrase,
                   ctx: DocumentContext) -> Entity:
        """The entity with the country its owner, base or sentence gives it."""
        if not entity.id and not entity.name and fold(token.lemma_) in COUNTERPARTS:
            entity = self._possessive(token, entity, phrase, ctx) or entity
        elif not entity.id and not entity.name and not any(
                c.dep_ in {"amod", "nmod"} and c.i in phrase.mentions
                and phrase.mentions[c.i].kind == "demonym" for c in token.children):
            # "retirer ses troupes du Liban": the owner, not the "de" complement
            entity = self._possessive(token, entity, phrase, ctx) or entity
        if entity.country is None and not entity.id:
            entity = self._based(token, entity, phrase) or entity
        if entity.country is None and not entity.id:
            entity = self._sentence_country(token, entity, phrase, ctx) or entity
            if entity.country and entity.name:
                ctx.add_person(entity)  # "M. Mwanawasa" later in the article
        return entity

    def _per_country(self, token: Token, entity: Entity, phrase: Phrase) -> list[Entity]:
        """One entity per country of "les forces franco-maliennes", "les négociateurs
        israéliens et palestiniens"."""
        compound = [m for m in (phrase.mentions.get(t.i) for t in np_tokens(token, 1))
                    if m is not None and len(m.countries) > 1]
        if compound:
            # "les forces franco-maliennes": one entity per country
            return [replace(entity, country=code, id=None) for code in compound[0].countries]
        coordinated = [phrase.mentions.get(c.i) for a in np_tokens(token, 2)
                       if a.dep_ in {"amod", "nmod"} and a.i in phrase.mentions
                       and phrase.mentions[a.i].kind == "demonym" for c in conjuncts(a)]
        # "des avions de chasse turcs et grecs" with "grecs" hung on "chasse"
        coordinated += [phrase.mentions.get(c.i) for a in np_tokens(token, 2)
                        for c in a.children if c.dep_ == "conj" and c.pos_ == "ADJ"]
        codes = [m.actor.country for m in coordinated if m is not None and m.kind == "demonym"]
        if codes and entity.country:
            # "les négociateurs israéliens et palestiniens": one entity per country
            return [entity] + [replace(entity, country=code, id=None) for code in codes
                               if code != entity.country]
        return [entity]

    def _held_by(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Ground someone holds stands for them: "les zones contrôlées par les rebelles",
        "les positions tenues par l'armée" are the rebels', the army's (cues.yaml:
        held_ground)."""
        if fold(token.lemma_) not in self.held_ground:
            return []
        for child in token.children:
            if child.dep_ in {"acl", "amod"} and fold(child.lemma_) in self.holding_verbs:
                for agent in child.children:
                    if agent.dep_ == "obl:agent":
                        found = [e for e in self.resolve(agent, phrase, ctx) if e.keys()]
                        if found:
                            return found
        return []

