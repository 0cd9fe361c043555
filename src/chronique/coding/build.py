"""The build stage: the event record (``build.py``: ontology codes, id, confidence), the
trigger model's probability and the calibrated confidence, one record per event noun told
again, and the article's day and place for the events before its first dated/placed one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chronique.build import EventBuilder
from chronique.coding.agentless import unnamed_doer
from chronique.coding.dates import EventDate
from chronique.coding.state import DocState, Draft, Scope
from chronique.events.happenings import one_per_happening
from chronique.events.triggers import Trigger
from chronique.learn.calibration import kind_and_raw
from chronique.nlp import Parsed, Sentence
from chronique.record import Event, Place, SentenceRef, Span, keys_of


class BuildStage:
    """Turn drafts into ``Event`` records."""

    def __init__(self, builder: EventBuilder, calibration: Any = None,
                 min_confidence: float = 0.0) -> None:
        self.builder = builder
        self.calibration = calibration
        self.min_confidence = min_confidence  # with a calibration only (data/coder.yaml: emit)

    def __call__(self, draft: Draft, scope: Scope, span: Span, date: EventDate,
                 location: Place | None) -> Event | None:
        """The event's record; None when an event noun repeats one already kept, or when
        events like it were right less often than ``min_confidence``."""
        document, sentence = scope.document, scope.sentence
        event = self.builder(
            doc_id=document.id, event_type=draft.event_type, mode=draft.mode,
            context=tuple(draft.context), actors=tuple(draft.actors),
            recipients=tuple(draft.recipients), trigger=span,
            sentence=SentenceRef(sentence.index, sentence.text, sentence.start, sentence.end),
            date=date.date, date_text=date.text, date_reason=date.reason, location=location,
            negated=draft.negated, modality=draft.modality, speaker=draft.speaker,
            rule=draft.rule, kind=draft.kind, fallback=draft.fallback, doer=unnamed_doer(draft),
            meta={"lang": document.lang, "published": document.published,
                  "published_source": document.published_source, "url": document.url})
        event = self.calibrated(event, draft.trigger, draft.kind)
        if self.calibration is not None and event.confidence < self.min_confidence:
            return None
        key = (event.event_type, keys_of(event.actor), keys_of(event.recipient), event.date,
               event.negated, event.modality)
        if draft.kind == "noun" and key in scope.state.seen:
            return None
        scope.state.seen.add(key)
        return event

    def calibrated(self, event: Event, trigger: Trigger | None, kind: str) -> Event:
        """The trigger's part of speech and the model's probability kept with the event; its
        confidence the precision such events had on the dev split (learn/calibration.py)."""
        extras = {**event.extras, "kind": kind}
        probability = trigger.pattern.raw.get("probability") if trigger is not None else None
        if probability is not None:
            extras["probability"] = probability
        event = replace(event, extras=extras)
        if self.calibration is None:
            return event
        return replace(event, confidence=self.calibration(*kind_and_raw(event)))

    @staticmethod
    def document(events: list[Event], state: DocState, parsed: Parsed) -> list[Event]:
        """The document's events, backfilled, one per happening."""
        return one_per_happening([backfill(e, state) for e in events], headline(parsed))


def span_of(sentence: Sentence, start: int, end: int) -> Span:
    doc = sentence.doc
    s = sentence.offset + doc[start].idx
    e = sentence.offset + doc[end - 1].idx + len(doc[end - 1].text)
    return Span(doc[start:end].text, s, e)  # Doc.text would join the whole paragraph


def backfill(event: Event, state: DocState) -> Event:
    """Events before the article's first dated/placed event take the article's day and
    place too (rule ``article-day``; location reason ``article``)."""
    changes: dict[str, Any] = {}
    if event.location is None and state.article_place is not None:
        changes["location"] = state.article_place
    if event.date_reason in {None, "publication"} and state.article_date is not None:
        changes.update(date=state.article_date[0], date_text=None, date_reason="article-day")
    return replace(event, **changes) if changes else event


def headline(parsed: Parsed) -> int | None:
    """The headline's sentence index: a first line of one sentence, with more text after it
    and no final full stop."""
    sentences = parsed.sentences
    if len(sentences) < 2 or sentences[1].paragraph == sentences[0].paragraph:
        return None
    return None if sentences[0].text.rstrip().endswith(".") else sentences[0].index
