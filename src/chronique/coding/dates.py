"""The dates stage: a sentence's date expressions (``dates.py``, ``data/fr/dates.yaml``) and
the date each event takes.

An event takes the first resolved date of its clause, else of its sentence; an act told in
the future is coded at its announcement (``future-act``). With no date words, an act told in
the plus-que-parfait takes the last day named before it (``pluperfect-day``: the background
the text is telling), any other the last day its paragraph named (``paragraph-day``), else
the article's day (``article-day``), else the publication date. "la veille", "le lendemain"
count from the day named before them in the sentence, else in the paragraph, else the
article's day (``anchored-day``). The days a text goes on telling are those of its sentences'
main clauses (not "abattu le 18 juin" describing a noun); the article's day is the first of
them (the dateline and page header left out) when it is within ``article_day_within`` days
of the publication. An act after "au lendemain de" or "deux jours après" is dated that many
days before the clause it depends on (``event-before``).
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

# the dependency relations that open another predicate's clause
OTHER_CLAUSE = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis"})


class EventDate(NamedTuple):
    date: str | None
    text: str | None
    reason: str | None


class DateStage:
    """Find date expressions and choose each event's date."""

    def __init__(self, resolver: DateResolver) -> None:
        self.resolver = resolver

    def find(self, sentence: Sentence, document: Document, published: PartialDate | None,
             state: DocState | None = None) -> list[DateExpression]:
        """The sentence's date expressions (the dateline's and page header's words left out);
        the first and last full days up to the publication are kept in ``state``."""
        text = without_dateline(sentence, document.dateline, document.header)
        near = state and (state.paragraph_day(sentence.paragraph) or state.article_date)
        found = self.resolver.find(text, published, PartialDate.parse(near[0]) if near else None)
        days = [d for d in found if self._reported_day(d, sentence, published)]
        told = _main_clause_days(sentence, days) or [
            d for d in days if not _in_infinitive(_token_at(sentence, d.start))]
        if state is not None and told:
            if state.article_date is None and _recent(told[0].date, published,
                                                      self.resolver.article_day_within):
                state.article_date = (told[0].date, told[0].text)
            state.last_date = (told[-1].date, told[-1].text)
            state.last_paragraph = sentence.paragraph
        return found

    def _reported_day(self, date: DateExpression, sentence: Sentence,
                      published: PartialDate | None) -> bool:
        """A full day up to the publication, not told in the future: a day the article may
        report ("dimanche" in "manifesteront dimanche" is a day to come)."""
        if not date.date or date.date.endswith("X"):
            return False
        if published is not None and date.date > published.iso():
            return False
        token = _token_at(sentence, date.start)
        verb = next((t for t in (token, *token.ancestors) if t.pos_ in {"VERB", "AUX"}),
                    None) if token is not None else None
        return verb is None or not is_future(verb, self.resolver.future_governors)

    def __call__(self, draft: Draft, scope: Scope) -> EventDate:
        future = draft.trigger is not None and draft.modality != "requested" and is_future(
            draft.anchor, self.resolver.future_governors)
        chosen = choose(draft.anchor, scope.sentence, scope.dates, scope.state,
                        scope.published, future)
        return self._before(draft.anchor, scope.sentence, scope.dates, chosen)

    def _before(self, anchor: Token, sentence: Sentence, dates: list[DateExpression],
                chosen: EventDate) -> EventDate:
        """"a décrété vendredi l'état d'urgence, au lendemain de la démission du Premier
        ministre": the resignation is the day before the clause's day (dates.yaml:
        event-before), unless the date chosen is one of the act's own phrase."""
        if chosen.date is None:
            return chosen
        base = sentence.start - sentence.offset
        days = self.resolver.event_before(sentence.text[:anchor.idx - base])
        if days is None:
            return chosen
        own = subtree_range(anchor, sentence)
        if any(d.text == chosen.text and own[0] <= d.start < own[1] for d in dates):
            return chosen
        return EventDate(self.resolver.shift(chosen.date, days), chosen.text, "event-before")


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
        chosen = _own_first(anchor, sentence, inside or resolved)
        if chosen is not None:
            return EventDate(chosen.date, chosen.text, chosen.rule)
    if state.last_date is not None and is_pluperfect(anchor):
        # "M. Trudeau avait exhorté New Delhi à coopérer", after "lundi": the background
        # the text is telling goes on (dates.yaml: pluperfect-day)
        return EventDate(state.last_date[0], None, "pluperfect-day")
    day = state.paragraph_day(sentence.paragraph)
    if day is not None:
        # "Samedi, des milliers de partisans ont défilé. La police a tiré ...": the
        # paragraph goes on telling the day it named (dates.yaml: paragraph-day)
        return EventDate(day[0], None, "paragraph-day")
    if state.article_date is not None:
        return EventDate(state.article_date[0], None, "article-day")
    if published is not None:
        return EventDate(published.iso(), None, "publication")
    return EventDate(None, None, None)


def _recent(day: str, published: PartialDate | None, window: int) -> bool:
    """``day`` is within ``window`` days before the publication (or it is unknown)."""
    told = PartialDate.parse(day)
    if published is None or not published.year or told is None:
        return True
    pub, told_day = published.as_date(), told.as_date()
    return pub is None or told_day is None or (pub - told_day).days <= window


def _main_clause_days(sentence: Sentence, days: list[DateExpression]) -> list[DateExpression]:
    """The days of the sentence's main clause ("Lundi, M. Trudeau avait affirmé que ... le
    meurtre de Nijjar, abattu le 18 juin": lundi): the day the text goes on telling, not
    the background of one of its nouns."""
    root = next((t for t in sentence.tokens() if t.dep_ == "ROOT"), None)
    return [d for d in days if root is not None and _kind(root, _token_at(sentence, d.start))
            == "own"]


def _in_infinitive(token: Token | None) -> bool:
    """The date word hangs on an infinitive another verb governs ("s'est engagé à organiser
    des élections le 12 novembre"): the day of an act to come or of another act, not one the
    text goes on telling."""
    while token is not None and token.head.i != token.i:
        if _infinitive_complement(token):
            return True
        token = token.head
    return False


def _infinitive_complement(token: Token) -> bool:
    return token.dep_ == "xcomp" and "Inf" in token.morph.get("VerbForm")


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


def _own_first(anchor: Token, sentence: Sentence,
               dates: list[DateExpression]) -> DateExpression | None:
    """The event's own date first, then one of the predicates that govern it ("a annoncé
    mardi que..."); never one of another predicate's clause inside the event's ("Le policier
    qui a tué mardi le jeune homme a été mis en examen jeudi": jeudi; dates.yaml: own-clause)."""
    kinds = [(_kind(anchor, _token_at(sentence, d.start)), d) for d in dates]
    ranked = [d for k, d in kinds if k == "own"] + [d for k, d in kinds if k == "governor"]
    return ranked[0] if ranked else None


def _kind(anchor: Token, token: Token | None) -> str:
    """Where a date word hangs: under the event's predicate (``own``), under a predicate
    that governs it (``governor``) or in another predicate's clause (``nested``)."""
    if token is None:
        return "governor"
    governors = {t.i for t in anchor.ancestors}
    steps = []
    while token.i != anchor.i and token.i not in governors and token.head.i != token.i:
        steps.append(token)
        token = token.head
    # an infinitive the predicate governs tells another act ("a promis de revenir à Beyrouth
    # le 1er septembre": the return's day, not the promise's)
    nested = any(step.dep_ in OTHER_CLAUSE or _infinitive_complement(step) for step in steps)
    if token.i == anchor.i:
        return "nested" if nested else "own"
    return "nested" if nested else "governor"


def _token_at(sentence: Sentence, start: int) -> Token | None:
    """The token a date expression starts at (``start`` counts from the sentence's start)."""
    base = sentence.start - sentence.offset
    return next((t for t in sentence.tokens() if t.idx - base <= start < t.idx - base + len(t)),
                None)


def is_pluperfect(anchor: Token) -> bool:
    """"avait exhorté", "avaient été arrêtés": a participle whose auxiliary is imperfect."""
    return any(c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense")
               for c in anchor.children)


def _simple_conditional(token: Token) -> bool:
    """"rendrait", "signeraient" (the parser often reads them as imperfects): a form in
    -rait/-raient that is not the imperfect of its lemma ("montrait" is)."""
    if "Cnd" in token.morph.get("Mood"):
        return True
    form, stem = fold(token.text), fold(token.lemma_)[:-2]
    return any(form.endswith("r" + end) and form != stem + end for end in ("ait", "aient"))


def without_dateline(sentence: Sentence, *spans: tuple[int, int] | None) -> str:
    """The sentence's text with the dateline's and page header's words blanked (same
    offsets): they date the article, not its events."""
    text = sentence.text
    for span in spans:
        if span is None or span[0] >= sentence.end or span[1] <= sentence.start:
            continue
        start, end = max(span[0], sentence.start), min(span[1], sentence.end)
        a, b = start - sentence.start, end - sentence.start
        text = text[:a] + " " * (b - a) + text[b:]
    return text
