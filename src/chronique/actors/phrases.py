"""Noun phrases in the dependency parse: their tokens, conjuncts, modifiers, prepositions,
and what their context says of a country (a destination, an allegiance, an ethnicity)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from spacy.tokens import Token

from chronique.actors.mentions import HONORIFICS, Mention
from chronique.lang import words
from chronique.lexicon.forms import fold

NP_DEPS = {"det", "amod", "nmod", "appos", "flat:name", "flat", "fixed", "nummod", "compound",
           "case", "flat:foreign", "det:poss"}
# "la milice alliée d'Israël", "un parti proche de Moscou": the country is not the actor's
ALIGNMENT = words("alignment_words")
# "arrivé en Sierra Leone", "en visite au Mali": where an actor goes is not what it is
MOVEMENT = words("movement_words")
ETHNIC = words("ethnic_origin_words")
GENITIVE = words("genitive_prepositions")


@dataclass(frozen=True)
class Phrase:
    """What the resolver needs of a sentence: its Doc offset and its mentions by token."""

    offset: int
    mentions: dict[int, Mention]


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
    start = token.left_edge.i
    candidates = list(token.children)
    if token.dep_ in {"nsubj", "nsubj:pass"}:
        # "L'Inde et le Pakistan ont échangé des tirs" with "et" hung on the verb
        candidates += [c for c in token.head.children if c.i == start - 1]
    for cc in candidates:
        if cc.dep_ != "cc" or cc.i > token.i or cc.i == 0 or fold(cc.text) not in words("coordinating_conjunctions"):
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
        if left.i in ancestors or start <= left.i <= token.right_edge.i or mention is None \
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


def modifiers(head: Token, mentions: dict[int, Mention]) -> list[Token]:
    """For a head that names no actor ("la partie chinoise", "l'offre américaine", "le
    gouvernement du Mali"): only its demonym adjectives and its "de" complements that do."""
    out = [head]
    for child in head.children:
        if child.dep_ == "amod" and child.i in mentions and mentions[child.i].kind == "demonym":
            out.append(child)
        elif child.dep_ == "nmod" and child.i not in mentions and any(
                c.dep_ == "case" and fold(c.text) in GENITIVE
                for c in child.children):
            # "un plan de paix sénégalais", "des frappes de drones américains"
            out.extend(g for g in child.children if g.dep_ == "amod" and g.i in mentions
                       and mentions[g.i].kind == "demonym")
        elif child.dep_ in {"appos", "flat:name", "flat", "nmod", "compound"} and \
                child.i in mentions and not any(c.dep_ == "case" for c in child.children) and \
                mentions[child.i].kind in {"organisation", "person"}:
            out.append(child)  # "le groupe français Orano"
        elif child.dep_ == "nmod" and child.i in mentions and any(
                c.dep_ == "case" and fold(c.text) in GENITIVE
                for c in child.children):
            out.extend(np_tokens(child))
        if child.dep_ == "amod":
            # "le mouvement radical palestinien du Jihad islamique", "du Jihad" hung on "radical"
            out.extend(t for g in child.children
                       if g.dep_ in {"nmod", "obl:arg", "obl"} and g.i in mentions
                       and mentions[g.i].kind == "organisation"
                       and case_of(g) in GENITIVE for t in np_tokens(g))
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


def phrase_head(token: Token) -> Token:
    """The head of the noun phrase ``token`` is part of."""
    while token.dep_ in NP_DEPS and token.head.i != token.i:
        token = token.head
    return token


def destination(token: Token) -> bool:
    """A place someone goes to ("arrivé en Sierra Leone", "en visite à Pékin")."""
    if case_of(token) not in words("movement_prepositions"):
        return False
    head = token.head
    return fold(head.lemma_) in MOVEMENT or fold(head.head.lemma_) in MOVEMENT and \
        head.dep_ in {"nmod", "obl", "obl:mod"}


def aligned(token: Token) -> bool:
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


def ethnic(token: Token) -> bool:
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
