"""Helpers of the stage tests: a sentence read as the coder reads it."""

from __future__ import annotations

from chronique.actors.coref import DocumentContext
from chronique.coding.actors import ReadSentence


def read(coder, text: str) -> tuple[list[ReadSentence], DocumentContext]:
    """The text's sentences after the reading pass, and the context it filled."""
    ctx = DocumentContext()
    return list(coder.read_sentences(coder.parse.one(text), ctx)), ctx


def tokens_named(read_sentence: ReadSentence, word: str):
    return next(t for t in read_sentence.tokens if t.text == word)
