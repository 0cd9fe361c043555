"""The country of an actor its own words do not give: its owner ("ses troupes"), where it
is based ("un groupe basé à ..."), else the country its sentence (or the article) names most.
A mixin of ``ActorResolver``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.phrases import (
    Phrase,
    aligned,
    case_of,
    destination,
    ethnic,
    np_tokens,
    phrase_head,
    sentence_bounds,
)
from chronique.lang import setting, words
from chronique.lexicon.forms import fold
from chronique.record import Entity

INTERNATIONAL = {"IGO", "NGO", "MNC"}
POSSESSIVES = words("third_person_possessives")
# the heads of "son homologue russe": a counterpart is of another country
COUNTERPARTS = words("counterparts")
# "un groupe basé à Trinité-et-Tobago", "des opposants installés à Londres"
BASED = words("based_words")
# "des diplomates occidentaux", "des observateurs internationaux": not of the sentence's country
FOREIGN = words("foreign_adjectives")
LOCATIVE = words("locative")
ENVOYS = words("envoys")
ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "obl:agent"}


class CountryReader:
    """Country inference for ``ActorResolver`` (which gives ``resolve`` and ``places``)."""

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

    def _named_organisation(self, head: Token, phrase: Phrase, ctx: DocumentContext
                            ) -> Entity | None:
        """An organisation the lexicon does not hold, named as the parser's ORG entity at
        the phrase's head ("Le Conseil fédéral", "le GNA", "le mouvement citoyen Lucha"):
        of the country the sentence, else the article, names most; no sector is guessed."""
        if head.pos_ not in {"NOUN", "PROPN"}:
            return None
        span = next((_entity_span(t) for t in np_tokens(head, 1) if t.ent_type_ == "ORG"),
                    None)
        if span is None or not _organisation_name(
                span) or _described(span) or any(
                i in phrase.mentions for i in range(span.start, span.end)):
            return None
        entity = Entity(span.text, phrase.offset + span.start_char,
                        phrase.offset + span.end_char, span.text, None, None, None, None,
                        "organisation-name")
        counts, apart = self._sentence_countries(head, phrase)
        if not apart:
            counts = Counter()  # only the other party is named ("Le GNA a sollicité Ankara")
        code = _leader(counts) or _leader(_recent(ctx))
        return replace(entity, country=code) if code else None

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
        counts, apart = self._sentence_countries(head, phrase, hosts=entity.sector == "REF",
                                                 places_only=entity.sector == "UAF")
        counts.pop(entity.country, None)
        if counts and not apart:
            # only the other party of the verb is named ("Le gouvernement a sollicité
            # l'Italie"): the article's country, when it has one
            code = _leader(_recent(ctx)) if ctx is not None and ctx.countries else None
            if code:
                return replace(entity, country=code, resolved_by="document")
        if not counts and ctx is not None and ctx.countries and entity.sector != "REF":
            # a sentence that names no country ("La police a tiré sur la foule."): the
            # country the article named most in its last sentences
            code = _leader(_recent(ctx))
            return replace(entity, country=code, resolved_by="document") if code else None
        code = _leader(counts)
        return replace(entity, country=code, resolved_by="sentence") if code else None

    def _sentence_countries(self, head: Token, phrase: Phrase, hosts: bool = False,
                            places_only: bool = False) -> tuple[Counter, bool]:
        """The countries the sentence names, weighted, and whether any of them is named
        outside the other arguments of the head's verb (False: only the other party)."""
        doc = head.doc
        first, last = sentence_bounds(head)
        # the phrase's own words, but not its relative clauses ("les réfugiés qui fuient la
        # guerre au Liberia")
        clauses = {t.i for c in head.children if c.dep_ in {"acl", "acl:relcl"}
                   for t in c.subtree}
        own = {t.i for t in head.subtree} - clauses
        others, envoys = _other_arguments(head)
        counts: Counter = Counter()
        apart = False
        seen: set[int] = set()
        for i in range(first, last):
            mention = phrase.mentions.get(i)
            if mention is None or i in own or i in envoys or mention.start in seen:
                continue
            seen.add(mention.start)
            token = doc[mention.start]
            if mention.kind in {"country", "metonym"}:
                codes = [mention.actor.country]
                if destination(doc[mention.end - 1]) or destination(token):
                    continue
            elif places_only:
                continue
            elif mention.kind == "demonym":
                codes = list(mention.countries) or [mention.actor.country]
                if fold(token.head.lemma_) in COUNTERPARTS or ethnic(token):
                    continue
            elif mention.kind == "organisation" and mention.actor.country not in INTERNATIONAL:
                codes = [mention.actor.country]
            else:
                continue
            if any(aligned(t) for t in doc[mention.start: mention.end]):
                continue
            if hosts and phrase_head(token).dep_ in {"nsubj", "nsubj:pass"}:
                continue
            # where something happens ("au Soudan") is weaker evidence than who acts
            weight = setting("country_votes", "locative") \
                if case_of(doc[mention.end - 1]) in LOCATIVE else 1.0
            weight *= setting("country_votes", "other_argument") \
                if mention.start in others else 1.0
            for code in codes:
                if code and code not in INTERNATIONAL:
                    counts[code] += weight
                    apart = apart or mention.start not in others
        if self.places is not None:
            apart = self._region_votes(head, phrase, counts) or apart
        return counts, apart

    def _region_votes(self, head: Token, phrase: Phrase, counts: Counter) -> bool:
        """Regions and towns the lexicon does not hold ("au Darfour", "à Kandahar"), added to
        ``counts``; whether there was one."""
        doc = head.doc
        first, last = sentence_bounds(head)
        voted = False
        for ent in doc.ents:
            if ent.label_ != "LOC" or not first <= ent.start < last or \
                    any(i in phrase.mentions for i in range(ent.start, ent.end)):
                continue
            if destination(ent[-1]) or destination(ent[0]):
                continue
            code = self.places.country_of(ent.text)
            if code and code not in INTERNATIONAL:
                counts[code] += setting("country_votes", "region")
                voted = True
        return voted


def _other_arguments(head: Token) -> tuple[set[int], set[int]]:
    """The tokens of the other arguments of ``head``'s verb (often other actors: "des
    miliciens ont enlevé deux Américains", half weight), and of those that are envoys."""
    verb = phrase_head(head)
    if verb.dep_ not in ARGUMENT_DEPS:
        return set(), set()
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
    return others, envoys


def _leader(counts: Counter) -> str | None:
    """The country that clearly leads a vote (None: no vote, or a tie)."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _recent(ctx: DocumentContext) -> Counter:
    """The countries of the article's last mentions (coder.yaml: recent_mentions)."""
    return Counter(code for code, _ in
                   ctx.countries[-setting("country_votes", "recent_mentions"):])


def _organisation_name(span) -> bool:
    """An ORG entity that names an organisation: capitalised, not a bracketed agency credit
    ("(Agence)", "(AFP)"), and of several words unless a name or an acronym ("le GNA"; a lone
    common noun such as "la Constitution" is not)."""
    doc = span.doc
    if not span.text[:1].isupper() or any(t.text in "()" for t in span):
        return False
    if span.start > 0 and doc[span.start - 1].text == "(" and span.end < len(doc) and \
            doc[span.end].text == ")":
        return False
    return len(span) > 1 or span[0].pos_ == "PROPN" or span.text.isupper()


def _described(span) -> bool:
    """The name is followed by an apposition that says what it is ("L'ANR, les services de
    renseignement congolais, ..."): the description is resolved instead."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and \
        doc[span.end + 1].pos_ == "DET"


def _entity_span(token: Token):
    """The named entity a token belongs to (read from the IOB tags: no ``doc.ents``)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
