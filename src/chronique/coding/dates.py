"""The dates stage: a sentence's date expressions (``dates.py``, ``data/fr/dates.yaml``) and
the date each event takes.

An event takes the first resolved date of its clause, else of its sentence; an act told in
the future is coded at its announcement (``future-act``); with no date words, the article's
day (``article-day``), else the publication date. The article's day is the first full day an
event of the article took.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from chronique.coding.state import DocState, Draft, Scope
from chronique.coding.tree import clause_range, subtree_range
from chronique.dates import DateExpression, DateResolver, PartialDate
from chronique.documents.readers import Document
from chronique.lexicon.forms import fold
from chronique.nlp import Sentence


class EventDate(NamedTuple):
    date: str | None
    text: str | None
    reason: str | None


class DateStage:
    """Find date expressions and choose each event's date."""

    def __init__(self, resolver: DateResolver) -> None:
        self.resolver = resolver

    def find(self, sentence: Sentence, document: Document,
             published: PartialDate | None) -> list[DateExpression]:
        """The sentence's date expressions (the dateline's words left out)."""
        return self.resolver.find(without_dateline(sentence, document.dateline), published)

    def __call__(self, draft: Draft, scope: Scope) -> EventDate:
        future = draft.trigger is not None and draft.modality != "requested" and is_future(
            draft.anchor, self.resolver.future_governors)
        return choose(draft.anchor, scope.sentence, scope.dates, scope.state, scope.published,
                      future)


def choose(anchor: Token, sentence: Sentence, dates: list[DateExpression], state: DocState,
           published: PartialDate | None, future: bool = False) -> EventDate:
    resolved = [d for d in dates if d.date]
    if resolved and future:
        # "a annoncé dimanche qu'il se rendrait mardi à Abidjan": coded at its
        # announcement, not at the day of the act to come (dates.yaml: future-act)
        own = subtree_range(anchor.head if anchor.dep_ == "xcomp" else anchor, sentence)
        resolved = [d for d in resolved if not own[0] <= d.start < own[1]]
    if resolved:
        clause = clause_range(anchor, sentence)
        inside = [d for d in resolved if clause[0] <= d.start < clause[1]]
        chosen = (inside or resolved)[0]
        if state.article_date is None and not chosen.date.endswith("X"):
            # the article's day is a day: "en août" in a background sentence is not it
            state.article_date = (chosen.date, chosen.text)
        return EventDate(chosen.date, chosen.text, chosen.rule)
    if state.article_date is not None:
        return EventDate(state.article_date[0], None, "article-day")
    if published is not None:
        return EventDate(published.iso(), None, "publication")
    return EventDate(None, None, None)


def is_future(anchor: Token, governors: frozenset[str]) -> bool:
    """The event is told in the future: "se rendra", "va signer", "doit se réunir", or "a
    annoncé qu'il se rendrait" (a simple conditional in reported speech)."""
    if "Fut" in anchor.morph.get("Tense"):
        return True
    if anchor.dep_ == "ccomp" and _simple_conditional(anchor) and not any(
            c.dep_.startswith("aux") for c in anchor.children):
        return True
    head = anchor.head
    return anchor.dep_ == "xcomp" and fold(head.lemma_) in governors and \
        "Pres" in head.morph.get("Tense")


def _simple_conditional(token: Token) -> bool:
    """"rendrait", "signeraient" (the parser often reads them as imperfects): a form in
    -rait/-raient that is not the imperfect of its lemma ("montrait" is)."""
    if "Cnd" in token.morph.get("Mood"):
        return True
    form, stem = fold(token.text), fold(token.lemma_)[:-2]
    return any(form.endswith("r" + end) and form != stem + end for end in ("ait", "aient"))


def without_dateline(sentence: Sentence, dateline: tuple[int, int] | None) -> str:
    """The sentence's text with the dateline's words blanked (same offsets): the dateline
    dates the article, not its events."""
    if dateline is None or dateline[0] >= sentence.end or dateline[1] <= sentence.start:
        return sentence.text
    start, end = max(dateline[0], sentence.start), min(dateline[1], sentence.end)
    text = sentence.text
    a, b = start - sentence.start, end - sentence.start
    return text[:a] + " " * (b - a) + text[b:]
