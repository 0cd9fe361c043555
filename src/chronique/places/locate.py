"""Place mentions in a sentence and the location of an event, with the reason.

Rules, in order: the place governed by the event's clause ("à Niamey", "dans le nord du Mali",
"près de Gao") -> ``clause``; a place in a locative phrase of the same sentence, else a city
the sentence names in any role ("le tribunal de Niamey") -> ``sentence``; the dateline city
-> ``dateline``; the first located event of the article ->
``article``; else none. A country that is an actor or recipient of the event is not its
location unless a locative preposition introduces it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from chronique.lang import setting, words
from chronique.lexicon.forms import fold
from chronique.places.gazetteer import COMMON_NAMES, Entry, Gazetteer
from chronique.record import Place

LOCATIVE = words("locative") | words("locative_places")
AREA_WORDS = words("area_words")
GENITIVE = words("genitive_prepositions")
CAPITAL_WORDS = words("capital_words")
BORDER_WORDS = words("border_words")


@dataclass(frozen=True)
class PlaceMention:
    start_token: int
    end_token: int
    head: Token
    entry: Entry
    locative: bool
    offset: int
    #: located only through the noun it complements ("à l'aéroport de Caracas"): a place the
    #: clause names directly comes first
    nested: bool = False

    def place(self, reason: str) -> Place:
        doc = self.head.doc
        start = self.offset + doc[self.start_token].idx
        last = doc[self.end_token - 1]
        end = self.offset + last.idx + len(last.text)
        e = self.entry
        return Place(doc[self.start_token: self.end_token].text, e.name,
                     e.country, e.admin1, e.lat, e.lon, e.geonames_id, start, end, reason)


class PlaceFinder:
    """Find place mentions (NER locations and capitalised names after a locative word)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc, tokens: list[Token], offset: int,
                 prefer: tuple[str, ...]) -> list[PlaceMention]:
        """Place mentions of a sentence. A name with several places ("Tripoli", "Valence")
        takes the one in a country the sentence names otherwise ("dans le nord du Liban",
        "en Isère"), else in a country the document names, else the most populous."""
        found = self._find(doc, tokens, offset, prefer)
        local: list[str] = []
        for mention in found:
            country = self.gazetteer.context_country(
                doc[mention.start_token:mention.end_token].text)
            if country:
                local.append(country)
        if not local:
            return found
        context = tuple(dict.fromkeys([*local, *prefer]))
        out = []
        for mention in found:
            text = doc[mention.start_token:mention.end_token].text
            entry = self.gazetteer.lookup(text, context)
            out.append(replace(mention, entry=entry or mention.entry))
        return out

    def _find(self, doc: Doc, tokens: list[Token], offset: int,
              prefer: tuple[str, ...]) -> list[PlaceMention]:
        token_ids = {t.i for t in tokens}
        found: list[PlaceMention] = []
        covered: set[int] = set()
        for ent in doc.ents:
            if ent.start not in token_ids or ent.label_ not in {"LOC", "GPE", "ORG", "MISC"}:
                continue
            mention = self._mention(doc, ent.start, ent.end, offset, prefer,
                                    strict=ent.label_ != "LOC")
            if mention:
                found.append(mention)
                covered.update(range(mention.start_token, mention.end_token))
        for token in tokens:
            if token.i not in covered and fold(token.lemma_) in CAPITAL_WORDS:
                mention = self._capital(token, offset)
                if mention:
                    found.append(mention)
                    covered.update(range(mention.start_token, mention.end_token))
        for token in tokens:
            if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].i in token_ids:
                end += 1
            mention = self._mention(doc, token.i, end, offset, prefer, strict=False)
            if mention and (mention.locative or _names_a_town_of(mention)):
                found.append(mention)
                covered.update(range(mention.start_token, mention.end_token))
        return found

    def _capital(self, token: Token, offset: int) -> PlaceMention | None:
        """"dans la capitale malienne": the capital of the country its adjective names."""
        for child in token.children:
            if child.dep_ == "amod" and child.i > token.i:
                entry = self.gazetteer.capital(child.text)
                if entry is not None:
                    locative = _is_locative(token)
                    nested = not locative and _in_locative_phrase(token)
                    return PlaceMention(token.i, child.i + 1, token, entry,
                                        locative or nested, offset, nested)
        return None

    def _mention(self, doc: Doc, start: int, end: int, offset: int, prefer: tuple[str, ...],
                 strict: bool) -> PlaceMention | None:
        # try the longest name first (a name the tagger cut short, "Fada N'Gourma", may go on
        # with capitalised or apostrophe-joined tokens), then shorter ones down to the words
        # found
        longest = end
        while longest < len(doc) and longest - end < 3 and (
                doc[longest].text[:1].isupper() or doc[longest - 1].text.endswith("'")
                or doc[longest].text == "-") and doc[longest].pos_ in {"PROPN", "NOUN", "PUNCT",
                                                                        "X", "ADJ", "DET"}:
            longest += 1
        # never a name cut short of the words found: "Oum" of "Oum Teboul", "gare" of "la
        # gare de Yuen Long"
        for stop in range(longest, end - 1, -1):
            text = doc[start:stop].text
            entry = self.gazetteer.lookup(text, prefer)
            # a name that is an ordinary word too ("le Sud") is a place only in a country the
            # text names
            if entry is None or (fold(text) in COMMON_NAMES and entry.country not in prefer):
                continue
            head = doc[start:stop].root
            # the preposition may hang on any word of a name the parser cut ("à Addis -
            # Abeba")
            locative = any(_is_locative(t) for t in doc[start:stop])
            # a country in such a phrase is its owner ("l'ambassade du Canada")
            nested = not locative and entry.kind != "country" and _in_locative_phrase(head)
            if strict and not (locative or nested) and entry.kind != "country":
                return None
            return PlaceMention(start, stop, head, entry, locative or nested, offset, nested)
        return None


def _is_locative(head: Token) -> bool:
    if any(_capital_a(t, head) for t in (head.head, *head.children)):
        return True
    cases = [fold(c.text) for c in head.children if c.dep_ == "case"]
    if any(c in LOCATIVE for c in cases):
        return True
    # "dans le nord du Mali", "près de Gao": the place hangs off an area word
    parent = head.head
    # ... unless its own preposition relates it otherwise ("la zone frontalière avec la Libye")
    if parent.i != head.i and _area_word(parent) and all(c in GENITIVE for c in cases):
        return any(fold(c.text) in LOCATIVE | {"de", "du", "d'"}
                   for c in parent.children if c.dep_ == "case") or \
            fold(parent.lemma_) == "pres"
    return bool(cases) and cases[0] in {"de", "d'"} and _area_word(head.head)


def _capital_a(token: Token, name: Token) -> bool:
    """"A Lomé, les forces de l'ordre ont dispersé ...": the unaccented capital À of press
    style, which the parser reads as a word of its own, just before the name at the start
    of a sentence or clause."""
    if token.text != "A" or not 0 < name.i - token.i <= 3:
        return False
    between = token.doc[token.i + 1:name.i]
    return not any(t.is_punct for t in between) and (
        token.i == token.sent.start or token.nbor(-1).is_punct)


def _names_a_town_of(mention: PlaceMention) -> bool:
    """"Les chauffeurs de taxi de Libreville", "le tribunal de Port-Louis": a town that
    complements a noun; never a locative, it places an event only when nothing else does
    (``PlaceStage``)."""
    head = mention.head
    cases = [fold(c.text) for c in head.children if c.dep_ == "case"]
    return mention.entry.kind != "country" and head.dep_ == "nmod" and bool(cases) and \
        cases[0] in GENITIVE


def _area_word(token: Token) -> bool:
    """"le nord", "la région"; "l'est" too, which the tagger may read as "être"."""
    return fold(token.lemma_) in AREA_WORDS or fold(token.text) in AREA_WORDS


def _in_locative_phrase(head: Token, depth: int = 2) -> bool:
    """The place is the "de" complement of a noun that a locative word introduces, at most
    ``depth`` nouns up: "à l'aéroport de Caracas", "dans plusieurs quartiers de Lomé",
    "dans l'enceinte d'un tribunal d'Islamabad"."""
    node = head
    for _ in range(depth):
        cases = [fold(c.text) for c in node.children if c.dep_ == "case"]
        parent = node.head
        if node.dep_ != "nmod" or not cases or cases[0] not in GENITIVE \
                or parent.i == node.i or parent.pos_ != "NOUN":
            return False
        if any(fold(c.text) in LOCATIVE for c in parent.children if c.dep_ == "case"):
            return True
        node = parent
    return False


def clause_place(trigger: Token, places: list[PlaceMention], governors: list[Token],
                 participants: set[str]) -> PlaceMention | None:
    """The place whose phrase hangs off the trigger or the predicates that govern it."""
    anchors = {trigger.i, *(g.i for g in governors)}
    for mention in sorted(places, key=lambda m: m.nested):
        if not mention.locative or not _hangs_on(mention.head, anchors):
            continue
        if mention.entry.kind == "country" and mention.entry.country in participants \
                and not _is_locative(mention.head):
            continue
        return mention
    return None


def _hangs_on(node: Token, anchors: set[int]) -> bool:
    """Whether one of the ``anchors`` (a trigger, the predicates governing it) is among the
    heads above the node, at most ``depths.clause_place`` up."""
    for _ in range(setting("depths", "clause_place")):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in anchors:
            return True
    return False


def clause_border(trigger: Token, governors: list[Token]) -> Token | None:
    """The noun of a border phrase that places the event's clause and names no place ("a
    déployé des chars à sa frontière", "le long de la frontière malienne", "dans la zone
    frontalière"): the event is on its actor's side of that border (``PlaceStage``)."""
    anchors = {trigger.i, *(g.i for g in governors)}
    for token in trigger.sent:
        if not _border_word(token):
            continue
        noun = token if token.pos_ == "NOUN" else token.head
        if (_is_locative(noun) or _along(noun)) and _hangs_on(noun, anchors):
            return noun
    return None


def _along(noun: Token) -> bool:
    """"le long de la frontière", however the parser attached "long"."""
    first = noun.left_edge
    return first.i > 0 and fold(noun.doc[first.i - 1].text) == "long"


def _border_word(token: Token) -> bool:
    return fold(token.lemma_) in BORDER_WORDS or fold(token.text) in BORDER_WORDS
