"""The coder: wires the stages (built once in ``coding/parts.py``) over each sentence.

    parse      text -> Parsed                          coding/parse.py
    mentions   sentence -> Phrase                      coding/mentions.py
    actors     reading pass, coreference context       coding/actors.py
    triggers   sentence -> SentenceTriggers            coding/triggers.py
    arguments  trigger -> Arguments                    coding/arguments.py
    modality   trigger, arguments -> Draft             coding/modality.py (+ fallbacks.py)
    recode     Draft -> Draft (data/fr/recode.yaml)    coding/recode.py
    dates      Draft -> EventDate                      coding/dates.py
    places     Draft -> Place; implied participants    coding/places.py, coding/invented.py
    build      Draft -> Event; one per happening       coding/build.py
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import Phrase
from chronique.coding import explain as explaining
from chronique.coding.actors import ReadSentence
from chronique.coding.agentless import unwritten
from chronique.coding.build import BuildStage, span_of
from chronique.coding.fallbacks import speaker_fallbacks, trigger_fallbacks
from chronique.coding.invented import domestic, from_place, from_speaker
from chronique.coding.parts import CoderParts
from chronique.coding.state import DocState, Draft, Scope
from chronique.dates import PartialDate
from chronique.documents.readers import Document, make_document
from chronique.events.triggers import Trigger
from chronique.nlp import Parsed, Sentence
from chronique.record import Event


class Coder(CoderParts):
    """Code French documents into PLOVER event records."""

    def code_documents(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Code documents in batches through ``nlp.pipe``; yields each with its events."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.settings.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_text(self, text: str, *, published: str | None = None,
                  doc_id: str = "text") -> list[Event]:
        document = make_document(doc_id, text, published=published)
        return next(self.code_documents([document]))[1]

    def explain(self, document: Document) -> dict[str, list]:
        """The document coded, with what the coder read on the way (``coding/explain.py``)."""
        return explaining.explain(self, document)

    def _code_batch(self, batch: list[Document]) -> Iterator[tuple[Document, list[Event]]]:
        parsed = self.parse([d.text for d in batch], self.settings.batch_size)
        for document, one in zip(batch, parsed, strict=True):
            yield document, self.code_parsed(document, one)

    def code_parsed(self, document: Document, parsed: Parsed) -> list[Event]:
        published = PartialDate.parse(document.published)
        state = DocState.begin(len(parsed.sentences), published)
        events: list[Event] = []
        for read in self.read_sentences(parsed, state.ctx):
            events.extend(self._sentence_events(document, read, state, published))
        return BuildStage.document(events, state, parsed)

    def read_sentences(self, parsed: Parsed, ctx: DocumentContext) -> Iterator[ReadSentence]:
        """Each sentence with its tokens and mentions, once read into ``ctx``."""
        return self.actor_stage.read_sentences(parsed, ctx)

    def rule_triggers(self, sentence: Sentence, tokens: list[Token], phrase: Phrase
                      ) -> tuple[list[Trigger], set[int]]:
        return self.trigger_stage.rule_triggers(sentence, tokens, phrase)

    def triggers(self, sentence: Sentence, tokens: list[Token], phrase: Phrase,
                 ctx: DocumentContext | None = None) -> list[Trigger]:
        return self.trigger_stage.triggers(sentence, tokens, phrase, ctx)

    # -- one sentence --------------------------------------------------------------------
    def _sentence_events(self, document: Document, read: ReadSentence, state: DocState,
                         published: PartialDate | None) -> list[Event]:
        sentence, tokens, phrase = read
        found = self.trigger_stage(sentence, tokens, phrase, state.ctx)
        prefer = tuple(dict.fromkeys(code for code, _ in reversed(state.ctx.countries)))
        scope = Scope(document, sentence, tokens, phrase, state, published, found.triggers,
                      self.place_stage.find(sentence, tokens, prefer),
                      self.date_stage.find(sentence, document, published, state), prefer)
        cands = self.argument_stage.candidates(scope)
        out = []
        for trigger, obligation in found.items():
            if trigger is not None:
                draft = self.modality_stage(trigger, self.argument_stage(trigger, scope, cands))
                draft = self.recode.draft(trigger_fallbacks(draft, scope, self.assigner, cands),
                                          self.modality.governors)
            else:
                draft = self.modality_stage.obligation(obligation)
            event = self._event(draft, scope)
            if event is not None:
                out.append(event)
        return out

    def _event(self, draft: Draft, scope: Scope) -> Event | None:
        speaker = self.actor_stage.speaker(draft.speaker_token, scope.phrase, scope.ctx)
        draft = speaker_fallbacks(replace(draft, speaker=speaker))
        if not self.settings.keep_unresolved and unwritten(draft, scope.phrase.mentions):
            return None
        span = span_of(scope.sentence, *draft.span_tokens)
        date = self.date_stage(draft, scope)
        location = self.place_stage(draft, scope)
        draft = from_speaker(from_place(draft, location, span), location)
        draft = self.condemned(domestic(draft, location, span), scope.state)
        return self.build(draft, scope, span, date, location)
