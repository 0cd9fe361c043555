"""The mentions stage: a sentence's lexicon mentions (countries, demonyms, organisations ...).

Mentions are found once per paragraph Doc and shared by its sentences; the output is the
``Phrase`` the resolver reads (the sentence's Doc offset and the mentions by token).
"""

from __future__ import annotations

from chronique.actors.mentions import MentionFinder
from chronique.actors.resolve import Phrase
from chronique.nlp import Sentence


class MentionStage:
    """Find mentions with ``actors/mentions.py``, once per paragraph."""

    def __init__(self, finder: MentionFinder) -> None:
        self.finder = finder

    def __call__(self, sentence: Sentence, memo: dict[int, dict]) -> Phrase:
        """The sentence's ``Phrase``; ``memo`` keeps each paragraph's mentions (by Doc)."""
        doc = sentence.doc
        if id(doc) not in memo:
            memo[id(doc)] = self.finder(doc)
        return Phrase(sentence.offset, memo[id(doc)])
