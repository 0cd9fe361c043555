"""The places stage: a sentence's place phrases (``places/locate.py``, the gazetteer) and
the place each event takes.

The place of the event's clause (``clause``), else a locative place of the sentence that is
not a participant's country, else a city the sentence names in any role ("Un tribunal de
Niamey a acquitté...", "Les soldats ont quitté Goma": ``sentence``), else the dateline's city
(``dateline``), else the article's place (``article``: the first place an event of the
article took).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from chronique.coding.state import Draft, Scope
from chronique.events.modality import ModalityReader
from chronique.nlp import Sentence
from chronique.places.gazetteer import Gazetteer
from chronique.places.locate import PlaceFinder, PlaceMention, clause_border, clause_place
from chronique.record import Place


class PlaceStage:
    """Find place phrases and choose each event's place."""

    def __init__(self, finder: PlaceFinder, gazetteer: Gazetteer,
                 modality: ModalityReader) -> None:
        self.finder = finder
        self.gazetteer = gazetteer
        self.modality = modality

    def find(self, sentence: Sentence, tokens: list[Token], prefer: tuple[str, ...]
             ) -> list[PlaceMention]:
        return self.finder(sentence.doc, tokens, sentence.offset, prefer)

    def __call__(self, draft: Draft, scope: Scope) -> Place | None:
        anchor, places, state = draft.anchor, scope.places, scope.state
        participants = {e.country for e in (*draft.actors, *draft.recipients) if e.country}
        governors = self.modality.governors(anchor)
        mention = clause_place(anchor, places, governors, participants)
        reason = "clause"
        if mention is None:
            border = clause_border(anchor, governors)
            if border is not None:
                side = self._border_side(border, draft, scope)
                if side is not None:
                    return side
            local = [p for p in places if p.locative and p.entry.kind != "country"] or \
                [p for p in places if p.locative and p.entry.country not in participants] or \
                [p for p in places if p.entry.kind != "country"]  # "le tribunal de Niamey"
            mention, reason = (local[0] if local else None), "sentence"
        if mention is not None:
            place = mention.place(reason)
            if state.article_place is None:
                state.article_place = replace(place, reason="article")
            return place
        city = scope.document.dateline_city
        if city and state.article_place is None:
            # a town the gazetteer does not hold: the country its dateline brackets
            # ("BÜRGENSTOCK (Suisse), 16 juin")
            entry = self.gazetteer.lookup(city, scope.prefer) or (
                self.gazetteer.lookup(scope.document.dateline_region)
                if scope.document.dateline_region else None)
            if entry is not None:
                return Place(city, entry.name, entry.country, entry.admin1, entry.lat,
                             entry.lon, entry.geonames_id, None, None, "dateline")
        return state.article_place

    def _border_side(self, noun: Token, draft: Draft, scope: Scope) -> Place | None:
        """The actor's country, for an event its clause places at a border and nowhere
        else: on the corpus the coders placed 81 of 92 such events in it."""
        code = next((e.country for e in draft.actors if e.country), None)
        entry = self.gazetteer.country(code) if code else None
        if entry is None:
            return None
        first, last = noun.left_edge, noun.right_edge
        offset = scope.sentence.offset
        start, end = offset + first.idx, offset + last.idx + len(last.text)
        return Place(noun.doc[first.i:last.i + 1].text, entry.name, entry.country,
                     entry.admin1, entry.lat, entry.lon, entry.geonames_id, start, end,
                     "border")
