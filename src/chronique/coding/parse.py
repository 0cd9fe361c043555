"""The parse stage: documents' texts -> ``Parsed`` (sentences, one spaCy Doc per paragraph)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from chronique.nlp import Parsed, load_nlp, parse_many


class ParseStage:
    """The spaCy pipeline, loaded once."""

    def __init__(self, model: str) -> None:
        self.nlp: Language = load_nlp(model)

    def __call__(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Parsed]:
        """Each text parsed, in order (``nlp.pipe`` in batches)."""
        return parse_many(self.nlp, texts, batch_size)

    def one(self, text: str) -> Parsed:
        return next(parse_many(self.nlp, [text]))
