"""An entity from the mentions of a noun phrase: its country, sector, name, role and id;
anaphors ("les deux pays"), appositions and titles of persons. A mixin of ``ActorResolver``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.countries import INTERNATIONAL
from chronique.actors.mentions import Mention
from chronique.actors.phrases import (
    GENITIVE,
    Phrase,
    aligned,
    case_of,
    conjuncts,
    ethnic,
    modifiers,
    np_tokens,
)
from chronique.lexicon import Actor
from chronique.lexicon.forms import fold
from chronique.record import Entity


class NounPhraseReader:
    """Noun phrases for ``ActorResolver`` (which gives ``lexicon``, ``places``, ``leaders``)."""

    def _anaphor(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity] | None:
        if fold(token.text) not in self._anaphor_heads:
            return None  # most nouns: no anaphor ends with them, no need to read the tree
        words = [c for c in token.children if c.dep_ in {"det", "nummod"}]
        form = fold(" ".join([w.text for w in words] + [token.text])).replace("' ", "'")
        found = self.lexicon.anaphors.get(form)
        if not found:
            return None
        if found[0] == "organisation" and not ctx.organisations:
            return None  # nothing named yet: read the phrase as it stands
        first = min([token, *words], key=lambda t: t.i)
        start = phrase.offset + first.idx
        end = phrase.offset + token.idx + len(token.text)
        text = token.doc[first.i: token.i + 1].text
        if found[0] == "organisation":
            return ctx.last_organisation(text, start, end)
        return ctx.last_countries(found[1], text, start, end)

    def _noun_phrase(self, head: Token, phrase: Phrase, ctx: DocumentContext,
                     appositive: bool = True) -> Entity | None:
        mentions = phrase.mentions
        head_mention = mentions.get(head.i)
        r = self._read_mentions(head, phrase, head_mention, ctx.year)
        if not r.used:
            return None
        _settle_country(head, mentions, head_mention, r)
        self._settle_sector(head, mentions, head_mention, r)
        return self._phrase_entity(head, phrase, ctx, r, appositive)

    def _read_mentions(self, head: Token, phrase: Phrase, head_mention: Mention | None,
                       year: int | None = None) -> _Reading:
        """What the mentions of the phrase's tokens say, in breadth-first order; an official
        of an organisation outside the term of the office ``year`` falls in is named only
        ("le Premier ministre Charles Michel" in 2016 is not the European Council's)."""
        mentions = phrase.mentions
        r = _Reading()
        tokens = np_tokens(head) if head_mention is not None else modifiers(head, mentions)
        for token in tokens:
            mention = mentions.get(token.i)
            if mention is None or mention in r.used:
                if mention is None and r.place is None and self.places is not None \
                        and token.text[:1].isupper() and token.dep_ in {"nmod", "appos"} \
                        and case_of(token) in GENITIVE | {""} \
                        and token.ent_type_ != "PER":
                    words = next((e.text for e in token.doc.ents
                                  if e.start <= token.i < e.end), token.text)
                    r.place = self.places.country_of(words) or self.places.country_of(token.text)
                continue
            r.used.append(mention)
            actor = mention.actor
            if mention.kind == "person" and not actor.holds_office(year):
                actor = Actor(name=actor.name, kind=actor.kind, source=actor.source)
            if mention.kind in {"person", "name"}:
                r.name = r.name or actor.name
                r.person = True
            if actor.country and r.people is not None and mention.kind == "demonym" and \
                    actor.kind != "people" and not ethnic(token) and \
                    r.people.i in {token.head.i, token.i} | {token.head.head.i}:
                r.country, r.people = actor.country, None  # "les Tamouls indiens" are Indian
            elif actor.country and r.from_person and mention.kind == "demonym" and \
                    actor.kind != "people" and not ethnic(token) and not aligned(token) \
                    and actor.country not in INTERNATIONAL:
                # "le chef de la diplomatie soviétique Edouard Chevardnadze": the phrase's
                # demonym, not the country persons.tsv gives for the person's later office
                r.country, r.from_person = actor.country, False
            elif actor.country and r.country is None:
                r.from_person = mention.kind == "person"
                r.people = token if actor.kind == "people" else None
                if mention.kind == "demonym" and (ethnic(token) or (
                        token.i != head.i and aligned(token))):
                    continue  # "des Albanais de souche": an ethnicity, not a nationality
                if mention.kind in {"country", "metonym"} and token.i != head.i and \
                        aligned(token):
                    continue  # "la milice alliée d'Israël" is not Israeli
                r.country = actor.country
                r.ident = r.ident or actor.id
            elif actor.id and r.ident is None and actor.country in INTERNATIONAL:
                r.ident = actor.id
            if actor.role and r.role is None:
                r.role = actor.role
            if actor.sector and (r.sector is None or mention is head_mention):
                if mention is head_mention or mention.kind != "organisation" or r.sector is None:
                    r.sector = actor.sector
        return r

    def _settle_sector(self, head: Token, mentions: dict[int, Mention],
                       head_mention: Mention | None, r: _Reading) -> None:
        """The sector of a leader's group ("le chef des rebelles") or a person's office."""
        orgs = [m for m in r.used if m.kind == "organisation" and m.actor.sector]
        if orgs and head_mention is not None and head_mention.kind in {"title", "group"} and \
                fold(head.lemma_) in self.leaders:
            r.sector = orgs[0].actor.sector  # "le patron du MI6", "les membres du Hamas"
        elif head_mention is not None and head_mention.kind in {"title", "group"} and \
                fold(head.lemma_) in self.leaders:
            # "les dirigeants de l'opposition", "le chef des rebelles": the group led
            led = [mentions[c.i] for c in head.children if c.dep_ == "nmod" and c.i in mentions
                   and mentions[c.i].kind == "group" and mentions[c.i].actor.sector
                   and case_of(c) in GENITIVE]
            if led:
                r.sector = led[0].actor.sector
        title_sectors = {m.actor.sector for m in r.used if m.kind == "title"}
        if r.person and ("GOV" in title_sectors or title_sectors == {"MIL"} and any(
                m.kind == "person" and m.actor.sector == "GOV" for m in r.used)):
            # "le colonel X, président de la transition", "le maréchal Mobutu": the office,
            # not the rank
            r.sector = "GOV"
        if r.country in INTERNATIONAL and not r.ident:
            r.ident = next((m.actor.id for m in r.used if m.actor.id), None)

    def _phrase_entity(self, head: Token, phrase: Phrase, ctx: DocumentContext, r: _Reading,
                       appositive: bool) -> Entity:
        """The entity over the phrase's mentions, completed by apposition or coreference."""
        start_tok = min([head.i] + [m.start for m in r.used])
        end_tok = max([head.i + 1] + [m.end for m in r.used])
        doc = head.doc
        start = phrase.offset + doc[start_tok].idx
        end = phrase.offset + doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        entity = Entity(doc[start_tok:end_tok].text, start, end, r.name, r.country, r.sector, r.role,
                        r.ident, "lexicon")
        if r.person and r.name and not r.country and appositive:
            extra = self._apposition(head, phrase, ctx) or self._title_before(head, phrase, ctx)
            if extra is not None:
                entity = Entity(entity.text, entity.start, entity.end, r.name, extra.country,
                                r.sector or extra.sector, r.role or extra.role, r.ident, "apposition")
        if r.person and r.name:
            entity = self._person(entity, ctx)
        if entity.country:
            ctx.add_country(entity.country, entity)
        return entity

    def _apposition(self, head: Token, phrase: Phrase, ctx: DocumentContext) -> Entity | None:
        """"Name, title of Country": the title phrase right after a name, wherever the parser
        attached it."""
        doc = head.doc
        end = max(t.i for t in np_tokens(head)) + 1
        if end >= len(doc) or doc[end].text != ",":
            return None
        for token in doc[end + 1: min(len(doc), end + 4)]:
            mention = phrase.mentions.get(token.i)
            if mention is not None and mention.kind == "title" and token.pos_ == "NOUN":
                parts = [self._noun_phrase(t, phrase, ctx, appositive=False)
                         for t in [token, *conjuncts(token)]]
                parts = [p for p in parts if p]
                country = next((p.country for p in parts if p.country), None)
                if parts:
                    return Entity(parts[0].text, parts[0].start, parts[0].end, None, country,
                                  parts[0].sector, parts[0].role, parts[0].id)
            if token.text in {",", ".", ";"}:
                break
        return None

    def _title_before(self, head: Token, phrase: Phrase, ctx: DocumentContext) -> Entity | None:
        """A title phrase right before a name, wherever the parser attached it."""
        doc = head.doc
        start = min(t.i for t in np_tokens(head))
        window = doc[max(0, start - 8): start]
        titles = [t for t in window if phrase.mentions.get(t.i) is not None
                  and phrase.mentions[t.i].kind == "title" and t.pos_ == "NOUN"]
        if not titles or any(t.text in {".", ";", ":"} for t in window):
            return None
        countries = [phrase.mentions[t.i].actor.country for t in window[titles[-1].i - window.start:]
                     if phrase.mentions.get(t.i) is not None
                     and phrase.mentions[t.i].kind in {"demonym", "country"}]
        title = phrase.mentions[titles[-1].i].actor
        if not countries:
            return None
        return Entity(titles[-1].text, 0, 0, None, countries[0], title.sector, title.role)

    def _person(self, entity: Entity, ctx: DocumentContext) -> Entity:
        """A person: introduced with title/nationality, or a short form of someone known."""
        if entity.country:
            ctx.add_person(entity)
            return entity
        known = ctx.find_person(entity.name or "")
        if known is None:
            words = (entity.name or "").split()
            known_actor = self.lexicon.persons.get(fold(entity.name or "")) or (
                # "le président George Bush": a known short form as the last word
                self.lexicon.persons.get(fold(words[-1]))
                if len(words) > 1 and len(words[-1]) > 3 else None)
            if known_actor and not known_actor.holds_office(ctx.year):
                known_actor = None  # out of the office's term: named only
            if known_actor:
                return Entity(entity.text, entity.start, entity.end, known_actor.name,
                              known_actor.country, entity.sector or known_actor.sector,
                              entity.role or known_actor.role, None, "persons")
            return entity
        return Entity(entity.text, entity.start, entity.end, known.name, known.country,
                      entity.sector or known.sector, entity.role or known.role, known.id,
                      "coreference")


def _settle_country(head: Token, mentions: dict[int, Mention], head_mention: Mention | None,
                    r: _Reading) -> None:
    """The country and sector the phrase's head adds: a contingent's country ("les Casques
    bleus bangladais"), "les Serbes de Bosnie", a people ("les Maliens")."""
    r.country = r.country or r.place  # "le gouverneur de Kandahar": a place only when no name
    if r.country in INTERNATIONAL and head_mention is not None and \
            head_mention.kind == "organisation":
        # "les Casques bleus bangladais": the contingent's country, the organisation's id
        for child in head.children:
            m = mentions.get(child.i)
            if child.dep_ == "amod" and m is not None and m.kind == "demonym" and \
                    m is not head_mention and not aligned(child):
                r.country = m.actor.country
                r.ident = r.ident or head_mention.actor.id
                r.used.append(m)
                break
    if head_mention is not None and head_mention.kind in {"country", "metonym"} and not r.sector:
        r.sector = "GOV"
    if head_mention is not None and head_mention.kind == "demonym":
        for child in head.children:
            m = mentions.get(child.i)
            if child.dep_ == "nmod" and m is not None and m.kind == "country" and \
                    case_of(child) in {"de", "d'", "du"}:
                r.country = m.actor.country  # "les Serbes de Bosnie" are Bosnian
    if head_mention is not None and head_mention.kind == "demonym" and not r.sector and \
            head.pos_ in {"NOUN", "PROPN"} and head.text[:1].isupper():
        r.sector = "CVL"  # "les Maliens": the people of a country
    if head_mention is None and not r.sector and not r.person and head.text[:1].isupper() \
            and head.i > 0 and "Plur" in head.morph.get("Number") and any(
                m.kind == "demonym" for m in r.used):
        r.sector = "CVL"  # "les Kurdes irakiens", "des Tamouls sri-lankais": a people


@dataclass
class _Reading:
    """What a noun phrase's mentions said so far (``_noun_phrase``)."""

    country: str | None = None
    sector: str | None = None
    ident: str | None = None
    name: str | None = None
    role: str | None = None
    person: bool = False
    people: Token | None = None  # the regional people's word that gave the country
    from_person: bool = False  # the country came from persons.tsv
    place: str | None = None
    used: list[Mention] = field(default_factory=list)
