"""The actors/coref stage: the reading pass that resolves noun phrases in reading order.

Every noun phrase head is resolved (``actors/resolve.py``) and what it names is remembered in
the ``DocumentContext`` (``actors/coref.py``), so coreference sees what came before:
organisations, subjects with their gender and number. Also resolves a speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import ActorResolver, Phrase, honorific_gender
from chronique.coding.mentions import MentionStage
from chronique.coding.tree import NP_HEAD_POS, SUBJECT_DEPS
from chronique.nlp import Parsed, Sentence
from chronique.record import Entity

NOT_HEADS = {"flat:name", "fixed", "case"}


class ReadSentence(NamedTuple):
    """A sentence once read: its tokens and mentions (its entities are in the context)."""

    sentence: Sentence
    tokens: list[Token]
    phrase: Phrase


class ActorStage:
    """Resolve a sentence's noun phrases into the document context."""

    def __init__(self, resolver: ActorResolver, mentions: MentionStage) -> None:
        self.resolver = resolver
        self.mentions = mentions

    def read_sentences(self, parsed: Parsed, ctx: DocumentContext) -> Iterator[ReadSentence]:
        """Each sentence with its tokens and lexicon mentions, once the reading pass has
        resolved its noun phrases into ``ctx`` (coreference sees what came before)."""
        memo: dict[int, dict] = {}
        for sentence in parsed.sentences:
            phrase = self.mentions(sentence, memo)
            tokens = list(sentence.tokens())
            self.read(tokens, phrase, ctx)
            yield ReadSentence(sentence, tokens, phrase)

    def read(self, tokens: list[Token], phrase: Phrase, ctx: DocumentContext) -> None:
        """Resolve noun phrases in reading order, so coreference sees what came before."""
        for token in tokens:
            if token.pos_ not in NP_HEAD_POS or token.dep_ in NOT_HEADS:
                continue
            entities = self.resolver.resolve_one(token, phrase, ctx)
            for entity in entities:
                if entity.resolved_by != "anaphor":
                    ctx.add_organisation(entity)
            if token.dep_ in SUBJECT_DEPS and entities:
                gender = honorific_gender(token) or (token.morph.get("Gender") or [None])[0]
                number = (token.morph.get("Number") or [None])[0]
                ctx.add_subject(self.resolver.resolve(token, phrase, ctx), gender, number)

    def speaker(self, token: Token | None, phrase: Phrase, ctx: DocumentContext
                ) -> Entity | None:
        """The first entity the speaker's words name, if any."""
        if token is None:
            return None
        found = self.resolver.resolve(token, phrase, ctx)
        return found[0] if found else None
