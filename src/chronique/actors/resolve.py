"""Resolve a noun phrase (given by its head token) to entities: country, sector, name, role, id.

Reads the mentions found by ``MentionFinder`` and the document context (coreference).
Returns ``Entity`` objects whose offsets index the document text.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.mentions import HONORIFICS, Mention
from chronique.lang import setting, words
from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold
from chronique.record import Entity

NP_DEPS = {"det", "amod", "nmod", "appos", "flat:name", "flat", "fixed", "nummod", "compound",
           "case", "flat:foreign", "det:poss"}
PRONOUNS = words("third_person_pronouns")
RELATIVES = words("relative_pronouns")
INTERNATIONAL = {"IGO", "NGO", "MNC"}
POSSESSIVES = words("third_person_possessives")
# the heads of "son homologue russe": a counterpart is of another country
COUNTERPARTS = words("counterparts")
# "la milice alliée d'Israël", "un parti proche de Moscou": the country is not the actor's
ALIGNMENT = words("alignment_words")
# "arrivé en Sierra Leone", "en visite au Mali": where an actor goes is not what it is
MOVEMENT = words("movement_words")
ETHNIC = words("ethnic_origin_words")
# "un groupe basé à Trinité-et-Tobago", "des opposants installés à Londres"
BASED = words("based_words")
# "des diplomates occidentaux", "des observateurs internationaux": not of the sentence's country
FOREIGN = words("foreign_adjectives")
LOCATIVE = words("locative")
ENVOYS = words("envoys")
ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "obl:agent"}


@dataclass(frozen=True)
class Phrase:
    """What the resolver needs of a sentence: its Doc offset and its mentions by token."""

    offset: int
    mentions: dict[int, Mention]


class ActorResolver:
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
        entity = self._noun_phrase(token, phrase, ctx)
        if entity is None:
            return []
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

    def _possessive(self, head: Token, entity: Entity, phrase: Phrase,
                    ctx: DocumentContext) -> Entity | None:
        """"La Syrie retire ses troupes", "le Nigeria retirera sa force": a group or title
        owned by "son/sa/ses/leur(s)" is of the country of the clause's subject."""
        if not any(c.dep_ in {"det", "det:poss"} and fold(c.text) in POSSESSIVES
                   for c in head.children):
            return None
        inside = {t.i for t in head.subtree}
        verb = head
        while verb.dep_ not in {"ROOT"} and verb.pos_ not in {"VERB", "AUX"} or verb.i == head.i:
            if verb.head.i == verb.i:
                break
            verb = verb.head
        for _ in range(setting("depths", "counterpart_subject")):
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}
                        and c.i not in inside and head.i not in {t.i for t in c.subtree}]
            if subjects:
                if fold(head.lemma_) in COUNTERPARTS:
                    # "les gardes-frontières kirghizes ... leurs homologues tadjiks": a
                    # counterpart has the owner's function, not its country
                    owners = [e for e in self.resolve(subjects[0], phrase, ctx) if e.sector]
                    if owners and owners[0].sector not in INTERNATIONAL:
                        return replace(entity, sector=owners[0].sector,
                                       role=entity.role or owners[0].role)
                    return None
                owners = [e for e in self.resolve(subjects[0], phrase, ctx)
                          if e.country and e.country not in INTERNATIONAL]
                if owners:
                    return replace(entity, country=owners[0].country, resolved_by="possessive")
                return None
            if verb.dep_ not in {"xcomp", "advcl", "conj", "acl", "ccomp"} or \
                    verb.head.i == verb.i:
                break
            verb = verb.head
        return None

    def _based(self, head: Token, entity: Entity, phrase: Phrase) -> Entity | None:
        """"Un groupe basé à Trinité-et-Tobago", "des soldats stationnés au Tchad": the place
        a group is based in (its own words, so before the sentence's countries)."""
        if not entity.sector or entity.sector in INTERNATIONAL:
            return None
        for verb in head.children:
            if verb.dep_ not in {"acl", "amod"} or fold(verb.lemma_) not in BASED:
                continue
            for place in verb.children:
                if place.dep_ not in {"obl", "obl:arg", "obl:mod", "nmod"}:
                    continue
                mention = phrase.mentions.get(place.i)
                code = mention.actor.country if mention is not None and mention.kind in {
                    "country", "metonym"} else None
                if code is None and self.places is not None and place.text[:1].isupper():
                    code = self.places.country_of(place.text)
                if code and code not in INTERNATIONAL:
                    return replace(entity, country=code, resolved_by="lexicon")
        return None

    def _sentence_country(self, head: Token, entity: Entity, phrase: Phrase,
                          ctx: DocumentContext | None = None) -> Entity | None:
        """A national actor named without its country ("le président X", "les députés",
        "le journal La Prensa") is of the country the sentence names most, when one country
        clearly leads; counterparts ("son homologue russe"), allies ("la milice alliée
        d'Israël") and destinations ("arrivé en Sierra Leone") do not count."""
        if not entity.sector or entity.sector in INTERNATIONAL:
            return None  # a bare name ("Jéricho" tagged as a person) is not enough
        if any(c.dep_ == "amod" and fold(c.lemma_) in FOREIGN for c in head.children):
            return None  # "des diplomates occidentaux", "les journalistes étrangers"
        # "la Syrie n'accueillera plus aucun réfugié": refugees are not of their host
        # unidentified gunmen are of the place where they strike, not of their victims
        counts = self._sentence_countries(head, phrase, hosts=entity.sector == "REF",
                                          places_only=entity.sector == "UAF")
        counts.pop(entity.country, None)
        if not counts and ctx is not None and ctx.countries and entity.sector != "REF":
            # a sentence that names no country ("La police a tiré sur la foule."): the
            # country the article named most in its last sentences
            recent = Counter(code for code, _ in
                             ctx.countries[-setting("country_votes", "recent_mentions"):])
            ranked = recent.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                return replace(entity, country=ranked[0][0], resolved_by="document")
            return None
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return replace(entity, country=ranked[0][0], resolved_by="sentence")

    def _sentence_countries(self, head: Token, phrase: Phrase, hosts: bool = False,
                            places_only: bool = False) -> Counter:
        doc = head.doc
        first, last = sentence_bounds(head)
        # the phrase's own words, but not its relative clauses ("les réfugiés qui fuient la
        # guerre au Liberia")
        clauses = {t.i for c in head.children if c.dep_ in {"acl", "acl:relcl"}
                   for t in c.subtree}
        own = {t.i for t in head.subtree} - clauses
        # the other arguments of the same verb are often other actors ("des miliciens ont
        # enlevé deux Américains"): half weight
        verb = _phrase_head(head)
        others: set[int] = set()
        envoys: set[int] = set()
        if verb.dep_ in ARGUMENT_DEPS:
            # the verb and the infinitives it controls ("a menacé de bombarder les positions
            # syriennes": the positions are another actor's)
            verbs, k = [verb.head], 0
            while k < len(verbs) and len(verbs) < 6:
                verbs.extend(c for c in verbs[k].children if c.dep_ == "xcomp")
                k += 1
            arguments = [c for v in verbs for c in v.children
                         if c.dep_ in ARGUMENT_DEPS and c.i != verb.i]
            others = {t.i for c in arguments for t in c.subtree}
            # "le ministre a convoqué l'ambassadeur de France": an envoy is a foreigner's
            envoys = {t.i for c in arguments if fold(c.lemma_) in ENVOYS for t in c.subtree}
        counts: Counter = Counter()
        seen: set[int] = set()
        for i in range(first, last):
            mention = phrase.mentions.get(i)
            if mention is None or i in own or i in envoys or mention.start in seen:
                continue
            seen.add(mention.start)
            token = doc[mention.start]
            if mention.kind in {"country", "metonym"}:
                codes = [mention.actor.country]
                if _destination(doc[mention.end - 1]) or _destination(token):
                    continue
            elif places_only:
                continue
            elif mention.kind == "demonym":
                codes = list(mention.countries) or [mention.actor.country]
                if fold(token.head.lemma_) in COUNTERPARTS or _ethnic(token):
                    continue
            elif mention.kind == "organisation" and mention.actor.country not in INTERNATIONAL:
                codes = [mention.actor.country]
            else:
                continue
            if any(_aligned(t) for t in doc[mention.start: mention.end]):
                continue
            if hosts and _phrase_head(token).dep_ in {"nsubj", "nsubj:pass"}:
                continue
            # where something happens ("au Soudan") is weaker evidence than who acts
            weight = setting("country_votes", "locative") \
                if case_of(doc[mention.end - 1]) in LOCATIVE else 1.0
            weight *= setting("country_votes", "other_argument") \
                if mention.start in others else 1.0
            for code in codes:
                if code and code not in INTERNATIONAL:
                    counts[code] += weight
        if self.places is not None:
            # regions and towns the lexicon does not hold ("au Darfour", "à Kandahar")
            for ent in doc.ents:
                if ent.label_ != "LOC" or not first <= ent.start < last or \
                        any(i in phrase.mentions for i in range(ent.start, ent.end)):
                    continue
                if _destination(ent[-1]) or _destination(ent[0]):
                    continue
                code = self.places.country_of(ent.text)
                if code and code not in INTERNATIONAL:
                    counts[code] += setting("country_votes", "region")
        return counts

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
        country = sector = ident = name = role = None
        person = False
        people: Token | None = None  # the regional people's word that gave the country
        from_person = False  # the country came from persons.tsv
        place = None
        used: list[Mention] = []
        head_mention = mentions.get(head.i)
        tokens = np_tokens(head) if head_mention is not None else _modifiers(head, mentions)
        for token in tokens:
            mention = mentions.get(token.i)
            if mention is None or mention in used:
                if mention is None and place is None and self.places is not None \
                        and token.text[:1].isupper() and token.dep_ in {"nmod", "appos"} \
                        and case_of(token) in {"", "de", "d'", "du", "des"} \
                        and token.ent_type_ != "PER":
                    words = next((e.text for e in token.doc.ents
                                  if e.start <= token.i < e.end), token.text)
                    place = self.places.country_of(words) or self.places.country_of(token.text)
                continue
            used.append(mention)
            actor = mention.actor
            if mention.kind in {"person", "name"}:
                name = name or actor.name
                person = True
            if actor.country and people is not None and mention.kind == "demonym" and \
                    actor.kind != "people" and not _ethnic(token) and \
                    people.i in {token.head.i, token.i} | {token.head.head.i}:
                country, people = actor.country, None  # "les Tamouls indiens" are Indian
            elif actor.country and from_person and mention.kind == "demonym" and \
                    actor.kind != "people" and not _ethnic(token) and not _aligned(token) \
                    and actor.country not in INTERNATIONAL:
                # "le chef de la diplomatie soviétique Edouard Chevardnadze": the phrase's
                # demonym, not the country persons.tsv gives for the person's later office
                country, from_person = actor.country, False
            elif actor.country and country is None:
                from_person = mention.kind == "person"
                people = token if actor.kind == "people" else None
                if mention.kind == "demonym" and (_ethnic(token) or (
                        token.i != head.i and _aligned(token))):
                    continue  # "des Albanais de souche": an ethnicity, not a nationality
                if mention.kind in {"country", "metonym"} and token.i != head.i and \
                        _aligned(token):
                    continue  # "la milice alliée d'Israël" is not Israeli
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
        country = country or place  # "le gouverneur de Kandahar": a place only when no name
        if country in INTERNATIONAL and head_mention is not None and \
                head_mention.kind == "organisation":
            # "les Casques bleus bangladais": the contingent's country, the organisation's id
            for child in head.children:
                m = mentions.get(child.i)
                if child.dep_ == "amod" and m is not None and m.kind == "demonym" and \
                        m is not head_mention and not _aligned(child):
                    country = m.actor.country
                    ident = ident or head_mention.actor.id
                    used.append(m)
                    break
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
        if head_mention is None and not sector and not person and head.text[:1].isupper() \
                and head.i > 0 and "Plur" in head.morph.get("Number") and any(
                    m.kind == "demonym" for m in used):
            sector = "CVL"  # "les Kurdes irakiens", "des Tamouls sri-lankais": a people
        orgs = [m for m in used if m.kind == "organisation" and m.actor.sector]
        if orgs and head_mention is not None and head_mention.kind in {"title", "group"} and \
                fold(head.lemma_) in self.leaders:
            sector = orgs[0].actor.sector  # "le patron du MI6", "les membres du Hamas"
        elif head_mention is not None and head_mention.kind in {"title", "group"} and \
                fold(head.lemma_) in self.leaders:
            # "les dirigeants de l'opposition", "le chef des rebelles": the group led
            led = [mentions[c.i] for c in head.children if c.dep_ == "nmod" and c.i in mentions
                   and mentions[c.i].kind == "group" and mentions[c.i].actor.sector
                   and case_of(c) in {"de", "d'", "du", "des"}]
            if led:
                sector = led[0].actor.sector
        title_sectors = {m.actor.sector for m in used if m.kind == "title"}
        if person and ("GOV" in title_sectors or title_sectors == {"MIL"} and any(
                m.kind == "person" and m.actor.sector == "GOV" for m in used)):
            # "le colonel X, président de la transition", "le maréchal Mobutu": the office,
            # not the rank
            sector = "GOV"
        if country in INTERNATIONAL and not ident:
            ident = next((m.actor.id for m in used if m.actor.id), None)
        start_tok = min([head.i] + [m.start for m in used])
        end_tok = max([head.i + 1] + [m.end for m in used])
        doc = head.doc
        start = phrase.offset + doc[start_tok].idx
        end = phrase.offset + doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
        entity = Entity(doc[start_tok:end_tok].text, start, end, name, country, sector, role,
                        ident, "lexicon")
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
            words = (entity.name or "").split()
            known_actor = self.lexicon.persons.get(fold(entity.name or "")) or (
                # "le président George Bush": a known short form as the last word
                self.lexicon.persons.get(fold(words[-1]))
                if len(words) > 1 and len(words[-1]) > 3 else None)
            if known_actor:
                return Entity(entity.text, entity.start, entity.end, known_actor.name,
                              known_actor.country, entity.sector or known_actor.sector,
                              entity.role or known_actor.role, None, "persons")
            return entity
        return Entity(entity.text, entity.start, entity.end, known.name, known.country,
                      entity.sector or known.sector, entity.role or known.role, known.id,
                      "coreference")


def conjuncts(token: Token) -> list[Token]:
    """Tokens coordinated with ``token`` ("le Mali et le Niger")."""
    out = []
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON", "ADJ"}:
            out.append(child)
            out.extend(conjuncts(child))
    return out


def left_conjunct(token: Token, mentions: dict[int, Mention]) -> list[Token]:
    """"Paris et ses partenaires" parsed with "Paris" outside the subject: the phrase
    before "et" is a conjunct when it names an actor and the parser hung it elsewhere."""
    doc = token.doc
    start = min(t.i for t in token.subtree)
    candidates = list(token.children)
    if token.dep_ in {"nsubj", "nsubj:pass"}:
        # "L'Inde et le Pakistan ont échangé des tirs" with "et" hung on the verb
        candidates += [c for c in token.head.children if c.i == start - 1]
    for cc in candidates:
        if cc.dep_ != "cc" or cc.i > token.i or cc.i == 0 or fold(cc.text) not in {"et", "ou"}:
            continue
        left = doc[cc.i - 1]
        while left.head.i < cc.i and left.head.i != left.i and left.dep_ in NP_DEPS:
            left = left.head
        # an ancestor through the noun phrase is a real coordination already expanded; one
        # through a verb the parser made a conjunct of the noun is not
        ancestors = set()
        for a in token.ancestors:
            if a.pos_ in {"VERB", "AUX"}:
                break
            ancestors.add(a.i)
        mention = mentions.get(left.i)
        if left.i in ancestors or left.i in {t.i for t in token.subtree} or mention is None \
                or mention.kind not in {"country", "metonym", "organisation", "person"} \
                or left.dep_ == "conj":
            continue
        return [left]
    return []


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
        if child.dep_ == "amod":
            # "le mouvement radical palestinien du Jihad islamique", "du Jihad" hung on "radical"
            out.extend(t for g in child.children
                       if g.dep_ in {"nmod", "obl:arg", "obl"} and g.i in mentions
                       and mentions[g.i].kind == "organisation"
                       and case_of(g) in {"de", "du", "des", "d'"} for t in np_tokens(g))
    return out


def sentence_bounds(token: Token) -> tuple[int, int]:
    """The token range of ``token``'s sentence; a parser split not at final punctuation is
    merged with the next sentence, as the pipeline does."""
    doc = token.doc
    sents = list(doc.sents)
    index = next(k for k, s in enumerate(sents) if s.start <= token.i < s.end)
    first = index
    while first > 0 and sents[first - 1][-1].text not in {".", "!", "?", "…"}:
        first -= 1
    last = index
    while last < len(sents) - 1 and sents[last][-1].text not in {".", "!", "?", "…"}:
        last += 1
    return sents[first].start, sents[last].end


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase ``token`` is part of."""
    while token.dep_ in NP_DEPS and token.head.i != token.i:
        token = token.head
    return token


def _destination(token: Token) -> bool:
    """A place someone goes to ("arrivé en Sierra Leone", "en visite à Pékin")."""
    if case_of(token) not in {"a", "en", "au", "aux", "vers", "dans"}:
        return False
    head = token.head
    return fold(head.lemma_) in MOVEMENT or fold(head.head.lemma_) in MOVEMENT and \
        head.dep_ in {"nmod", "obl", "obl:mod"}


def _aligned(token: Token) -> bool:
    """A complement of allegiance: "alliée d'Israël", "proche de Moscou", "pro-iranien"."""
    start = min(t.i for t in token.subtree)
    doc = token.doc
    for k in range(start - 1, max(-1, start - 3), -1):
        word = fold(doc[k].lemma_)
        if word in ALIGNMENT or fold(doc[k].text) in ALIGNMENT:
            return True
        if doc[k].dep_ != "case" and doc[k].pos_ not in {"ADP", "DET"}:
            break
    return False


def _ethnic(token: Token) -> bool:
    """A demonym of ethnicity, not nationality: "des Albanais de souche", "d'origine kurde"."""
    if fold(token.head.lemma_) in ETHNIC and token.dep_ == "amod":
        return True
    return any(c.dep_ == "nmod" and fold(c.lemma_) in ETHNIC for c in token.children)


def case_of(token: Token) -> str:
    cases = [fold(c.text) for c in token.children if c.dep_ == "case"]
    return cases[0] if cases else ""


def honorific_gender(token: Token) -> str | None:
    low = fold(token.text)
    if low in HONORIFICS:
        return "Fem" if low.startswith(("mme", "mlle")) else "Masc"
    return None
