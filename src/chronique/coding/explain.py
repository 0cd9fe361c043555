"""What the coder read on the way, for the web view and the mention test table.

``explain(coder, document)`` codes the document and lists every noun phrase the reading pass
resolved to an actor and every date expression; ``resolve_mention`` resolves one noun phrase
of a sentence as the coder does in context.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chronique.actors.coref import DocumentContext
from chronique.coding.actors import NOT_HEADS
from chronique.coding.invented import place_country
from chronique.coding.tree import NP_HEAD_POS, SUBJECT_DEPS
from chronique.dates import PartialDate
from chronique.documents.readers import Document
from chronique.record import Entity

if TYPE_CHECKING:
    from chronique.coding.coder import Coder


def explain(coder: Coder, document: Document) -> dict[str, list]:
    """``events`` (its ``Event`` records), ``actors`` (every noun phrase the reading pass
    resolved to an actor, in reading order, with coreference resolved as when coding: pairs
    ``(Entity, found_as)``, ``found_as`` the kind of lexicon mention that named it) and
    ``dates`` (every date expression, ``DateExpression`` with offsets in the text)."""
    parsed = coder.parse.one(document.text)
    events = coder.code_parsed(document, parsed)
    anchor = PartialDate.parse(document.published)
    actors: list[tuple[Entity, str | None]] = []
    dates = []
    for sentence, tokens, phrase in coder.read_sentences(parsed, ctx := DocumentContext()):
        at = {phrase.offset + t.idx: t.i for t in tokens}
        for token in tokens:  # what the reading pass resolved (answered from its memo)
            if token.pos_ not in NP_HEAD_POS or token.dep_ in NOT_HEADS:
                continue
            found = coder.resolver.resolve_one(token, phrase, ctx)
            heads = [token.i] * len(found)
            if token.dep_ in SUBJECT_DEPS and found:  # with its conjuncts, as read
                more = coder.resolver.resolve(token, phrase, ctx)
                found = found + [e for e in more if e not in found]
                heads += [at.get(e.start, token.i) for e in found[len(heads):]]
            for entity, head in zip(found, heads, strict=True):
                mention = phrase.mentions.get(head)
                if entity.keys():
                    actors.append((entity, mention.kind if mention else None))
        dates.extend(replace(expr, start=sentence.start + expr.start,
                             end=sentence.start + expr.end)
                     for expr in coder.dates.find(sentence.text, anchor))
    return {"events": events, "actors": actors, "dates": dates}


def resolve_mention(coder: Coder, sentence: str, mention: str) -> list[Entity]:
    """Entities of the noun phrase ``mention`` (a substring) in ``sentence``, as the coder
    resolves it in context (used by the mention test table and the web view)."""
    start = sentence.find(mention)
    if start < 0:
        raise ValueError(f"{mention!r} is not in the sentence")
    end = start + len(mention)
    parsed = coder.parse.one(sentence)
    ctx = DocumentContext()
    for sent in parsed.sentences:
        doc = sent.doc
        phrase = coder.actor_stage.mentions(sent, {})
        tokens = list(sent.tokens())
        coder.actor_stage.read(tokens, phrase, ctx)
        inside = [t for t in tokens if start <= sent.offset + t.idx < end]
        if not inside:
            continue
        heads = [t for t in inside if t.head not in inside or t.head.i == t.i]
        places = coder.places(doc, tokens, sent.offset, ())
        country = next((p.entry.country for p in places if p.locative), None)
        for head in heads:
            found = coder.resolver.resolve(head, phrase, ctx)
            if found:
                return list(place_country(found, country)) if country else found
        for token in inside:
            found = coder.resolver.resolve_one(token, phrase, ctx)
            if found:
                return list(place_country(found, country)) if country else found
    return []
