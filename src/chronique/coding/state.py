"""What the coder carries through one document and one sentence.

``DocState`` is the document's memory (coreference context, the article's day and place, the
events kept so far, the doers of its acts): mutable, one per document. ``Scope`` is what
every stage may read of the sentence being coded (frozen). ``Draft`` is one event on its way
through the stages: each stage returns a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import Phrase
from chronique.dates import DateExpression, PartialDate
from chronique.documents.readers import Document
from chronique.events.triggers import Trigger
from chronique.nlp import Sentence
from chronique.places.locate import PlaceMention
from chronique.record import Entity, Place


@dataclass
class DocState:
    """The document's memory while it is read, sentence after sentence."""

    ctx: DocumentContext = field(default_factory=DocumentContext)
    article_date: tuple[str, str] | None = None  # the first day the article names
    last_date: tuple[str, str] | None = None  # the last day named so far
    last_paragraph: int | None = None  # the paragraph that named it
    article_place: Place | None = None
    seen: set = field(default_factory=set)
    acts: list = field(default_factory=list)  # actors of the article's acts so far

    def paragraph_day(self, paragraph: int) -> tuple[str, str] | None:
        """The last day named so far when ``paragraph`` named it."""
        return self.last_date if self.last_paragraph == paragraph else None

    @classmethod
    def begin(cls, sentences: int, published: PartialDate | None) -> DocState:
        """The memory of a document of ``sentences`` sentences, published then."""
        year = published.year if published is not None else None
        return cls(ctx=DocumentContext(sentences=sentences, year=year))


@dataclass(frozen=True)
class Scope:
    """One sentence as the stages see it: its parse, mentions, triggers, places and dates."""

    document: Document
    sentence: Sentence
    tokens: list[Token]
    phrase: Phrase
    state: DocState
    published: PartialDate | None
    triggers: list[Trigger]
    places: list[PlaceMention]
    dates: list[DateExpression]
    prefer: tuple[str, ...]

    @property
    def ctx(self) -> DocumentContext:
        return self.state.ctx


@dataclass(frozen=True)
class Draft:
    """An event before its record is built."""

    anchor: Token
    trigger: Trigger | None  # None for a reported obligation
    event_type: str
    mode: str | None
    context: Any
    rule: str
    kind: str
    fallback: bool
    modality: str
    negated: bool
    speaker_token: Token | None
    actors: tuple[Entity, ...]
    recipients: tuple[Entity, ...]
    span_tokens: tuple[int, int]
    announced: bool = False  # the modality stage read an act announced by its actor
    speaker: Entity | None = None
