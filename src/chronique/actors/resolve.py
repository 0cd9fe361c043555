"""Resolve a noun phrase (given by its head token) to entities: country, sector, name, role, id.

Reads the mentions found by ``MentionFinder`` and the document context (coreference).
Returns ``Entity`` objects whose offsets index the document text.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.mentions import HONORIFICS, Mention
from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold
from chronique.record import Entity

NP_DEPS = {"det", "amod", "nmod", "appos", "flat:name", "flat", "fixed", "nummod", "compound",
           "case", "flat:foreign", "det:poss"}
PRONOUNS = {"il", "elle", "ils", "elles"}
RELATIVES = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
INTERNATIONAL = {"IGO", "NGO", "MNC"}


@dataclass(frozen=True)
class Phrase:
    """What the resolver needs of a sentence: its Doc offset and its mentions by token."""

    offset: int
    mentions: dict[int, Mention]


class ActorResolver:
    """Turn head tokens into entities, expanding coordination ("la Chine et le Kazakhstan")."""

    def __init__(self, lexicon: Lexicon, places=None) -> None:
        self.lexicon = lexicon
        self.places = places
        self.quantities = frozenset(
            fold(w) for w in (lexicon.cues.get("quantities") or {}).get("lemmas", []))
        self.leaders = frozenset(
            fold(w) for w in (lexicon.cues.get("leaders") or {}).get("lemmas", []))

    def resolve(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        out: list[Entity] = []
        for head in [token, *conjuncts(token)]:
            out.extend(self.resolve_one(head, phrase, ctx))
        return out

    def resolve_one(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Entities of one head token; computed once per token, in reading order."""
        key = (id(token.doc), token.i)
        if key not in ctx.cache:
            ctx.cache[key] = self._resolve_one(token, phrase, ctx)
        return ctx.cache[key]

    def _resolve_one(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
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
                if child.dep_ == "nmod" and any(fold(c.text) in {"de", "d'", "des", "du"}
                                                for c in child.children if c.dep_ == "case"):
                    return self.resolve_one(child, phrase, ctx)
        entity = self._noun_phrase(token, phrase, ctx)
        if entity is None:
            return []
        compound = [m for m in (phrase.mentions.get(t.i) for t in np_tokens(token, 1))
                    if m is not None and len(m.countries) > 1]
        if compound:
            # "les forces franco-maliennes": one entity per country
            return [replace(entity, country=code, id=None) for code in compound[0].countries]
        coordinated = [phrase.mentions.get(c.i) for a in token.children if a.dep_ == "amod"
                       for c in conjuncts(a)]
        codes = [m.actor.country for m in coordinated if m is not None and m.kind == "demonym"]
        if codes and entity.country:
            # "les négociateurs israéliens et palestiniens": one entity per country
            return [entity] + [replace(entity, country=code, id=None) for code in codes
                               if code != entity.country]
        return [entity]

    def _anaphor(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity] | None:
        words = [c for c in token.children if c.dep_ in {"det", "nummod"}]
        form = fold(" ".join([w.text for w in words] + [token.text]))
        found = self.lexicon.anaphors.get(form)
        if not found:
            return None
        first = min([token, *words], key=lambda t: t.i)
        start = phrase.offset + first.idx
        end = phrase.offset + token.idx + len(token.text)
        text = token.doc.text[first.idx: token.idx + len(token.text)]
        return ctx.last_countries(found[1], text, start, end)

    def _noun_phrase(self, head: Token, phrase: Phrase, ctx: DocumentContext,
                     appositive: bool = True) -> Entity | None:
        mentions = phrase.mentions
        country = sector = ident = name = role = None
        person = False
        used: list[Mention] = []
        head_mention = mentions.get(head.i)
        tokens = np_tokens(head) if head_mention is not None else _modifiers(head, mentions)
        for token in tokens:
            mention = mentions.get(token.i)
            if mention is None or mention in used:
                if mention is None and country is None and self.places is not None \
                        and token.text[:1].isupper() and token.dep_ in {"nmod", "appos"}:
                    words = next((e.text for e in token.doc.ents
                                  if e.start <= token.i < e.end), token.text)
                    country = self.places.country_of(words) or self.places.country_of(token.text)
                continue
            used.append(mention)
            actor = mention.actor
            if mention.kind in {"person", "name"}:
                name = name or actor.name
                person = True
            if actor.country and country is None:
                country = actor.country
                ident = ident or actor.id
            elif actor.id and ident is None and actor.country in INTERNATIONAL:
                ident = actor.id
            if actor.role and role is None:
                role = actor.role
            if actor.sector and (sector is None or mention is head_mention):
                if mention is head_mention or mention.kind != "organisation" or sector is None:
                    sector = actor.sector
        if not used:
            return None
        if head_mention is not None and head_mention.kind in {"country", "metonym"} and not sector:
            sector = "GOV"
        if head_mention is not None and head_mention.kind == "demonym":
            for child in head.children:
                m = mentions.get(child.i)
                if child.dep_ == "nmod" and m is not None and m.kind == "country" and \
                        case_of(child) in {"de", "d'", "du"}:
                    country = m.actor.country  # "les Serbes de Bosnie" are Bosnian
        if head_mention is not None and head_mention.kind == "demonym" and not sector and \
                head.pos_ in {"NOUN", "PROPN"} and head.text[:1].isupper():
            sector = "CVL"  # "les Maliens": the people of a country
        orgs = [m for m in used if m.kind == "organisation" and m.actor.sector]
        if orgs and head_mention is not None and head_mention.kind in {"title", "group"} and \
                fold(head.lemma_) in self.leaders:
            sector = orgs[0].actor.sector  # "le patron du MI6", "les membres du Hamas"
        title_sectors = {m.actor.sector for m in used if m.kind == "title"}
        if person and "GOV" in title_sectors:
            sector = "GOV"  # "le colonel X, président de la transition": the office, not the rank
        if country in INTERNATIONAL and not ident:
            ident = next((m.actor.id for m in used if m.actor.id), None)
        start_tok = min([head.i] + [m.start for m in used])
        end_tok = max([head.i + 1] + [m.end for m in used])
        doc = head.doc
        start = phrase.offset + doc[start_tok].idx
        end = phrase.offset + doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        entity = Entity(doc.text[doc[start_tok].idx: doc[end_tok - 1].idx
                                 + len(doc[end_tok - 1].text)],
                        start, end, name, country, sector, role, ident, "lexicon")
        if person and name and not country and appositive:
            extra = self._apposition(head, phrase, ctx) or self._title_before(head, phrase, ctx)
            if extra is not None:
                entity = Entity(entity.text, entity.start, entity.end, name, extra.country,
                                sector or extra.sector, role or extra.role, ident, "apposition")
        if person and name:
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
            known_actor = self.lexicon.persons.get(fold(entity.name or ""))
            if known_actor:
                return Entity(entity.text, entity.start, entity.end, known_actor.name,
                              known_actor.country, entity.sector or known_actor.sector,
                              entity.role or known_actor.role, None, "persons")
            return entity
        return Entity(entity.text, entity.start, entity.end, known.name, known.country,
                      entity.sector or known.sector, entity.role or known.role, known.id,
                      "coreference")


def conjuncts(token: Token) -> list[Token]:
    """Tokens coordinated with ``token`` ("la Chine et le Kazakhstan")."""
    out = []
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON", "ADJ"}:
            out.append(child)
            out.extend(conjuncts(child))
    return out


def np_tokens(head: Token, max_depth: int = 3) -> list[Token]:
    """The noun phrase of ``head`` in breadth-first order, without clauses or coordination."""
    out = [head]
    queue = deque([(head, 0)])
    while queue:
        token, depth = queue.popleft()
        if depth >= max_depth:
            continue
        for child in token.children:
            if child.dep_ in NP_DEPS:
                out.append(child)
                queue.append((child, depth + 1))
    return out


def _modifiers(head: Token, mentions: dict[int, Mention]) -> list[Token]:
    """For a head that names no actor ("la partie chinoise", "l'offre américaine", "le
    gouvernement du Mali"): only its demonym adjectives and its "de" complements that do."""
    out = [head]
    for child in head.children:
        if child.dep_ == "amod" and child.i in mentions and mentions[child.i].kind == "demonym":
            out.append(child)
        elif child.dep_ == "nmod" and child.i not in mentions and any(
                c.dep_ == "case" and fold(c.text) in {"de", "du", "des", "d'"}
                for c in child.children):
            # "un plan de paix sénégalais", "des frappes de drones américains"
            out.extend(g for g in child.children if g.dep_ == "amod" and g.i in mentions
                       and mentions[g.i].kind == "demonym")
        elif child.dep_ in {"appos", "flat:name", "flat", "nmod", "compound"} and \
                child.i in mentions and not any(c.dep_ == "case" for c in child.children) and \
                mentions[child.i].kind in {"organisation", "person"}:
            out.append(child)  # "le groupe français Orano"
        elif child.dep_ == "nmod" and child.i in mentions and any(
                c.dep_ == "case" and fold(c.text) in {"de", "du", "des", "d'"}
                for c in child.children):
            out.extend(np_tokens(child))
    return out


def case_of(token: Token) -> str:
    cases = [fold(c.text) for c in token.children if c.dep_ == "case"]
    return cases[0] if cases else ""


def honorific_gender(token: Token) -> str | None:
    low = fold(token.text)
    if low in HONORIFICS:
        return "Fem" if low.startswith(("mme", "mlle")) else "Masc"
    return None
