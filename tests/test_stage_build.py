"""The build stage (coding/build.py, build.py): records, the article's day and place for
earlier events, the headline."""

from __future__ import annotations

from dataclasses import replace

from chronique.build import confidence
from chronique.coding.build import BuildStage, backfill, headline, span_of
from chronique.coding.state import DocState
from chronique.documents.readers import make_document
from chronique.record import Entity, Place


def test_records_keep_exact_spans(coder) -> None:
    text = "Le Niger a été attaqué par des rebelles maliens."
    sentence = coder.parse.one(text).sentences[0]
    span = span_of(sentence, 3, 5)
    assert (span.text, text[span.start:span.end]) == ("été attaqué", "été attaqué")


def test_earlier_events_take_the_article_day_and_place(coder) -> None:
    event = coder.code_text("Le Tchad a fermé sa frontière avec le Soudan.",
                            published="2019-05-16")[0]
    assert event.date_reason == "publication" and event.location is None
    place = Place("Abéché", "Abeche", "TCD", None, 13.8, 20.8, None, None, None, "article")
    state = DocState(article_date=("2019-05-14", "mardi"), article_place=place)
    filled = backfill(event, state)
    assert (filled.date, filled.date_reason, filled.location) == ("2019-05-14", "article-day",
                                                                   place)
    dated = replace(event, date_reason="weekday")
    assert backfill(dated, DocState(article_date=("2019-05-14", "mardi"))) is dated


def test_a_headline_is_a_first_line_without_full_stop(coder) -> None:
    assert headline(coder.parse.one("Le Mali rompt avec la France\nLe Mali a rompu ses "
                                    "relations avec la France.")) == 0
    assert headline(coder.parse.one("Le Mali a rompu. La France regrette.")) is None


def test_calibration_keeps_the_kind(coder) -> None:
    event = coder.code_text("Le Niger a été attaqué par des rebelles maliens.")[0]
    stage = BuildStage(coder.builder, calibration=None)
    assert stage.calibrated(event, None, "verb").extras["kind"] == "verb"


class _Flat:
    """A calibration that gives every event the same confidence."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __call__(self, kind: str, raw: float) -> float:
        return self.value


def _built(coder, stage: BuildStage, text: str):
    document = make_document("t", text, published="2021-03-05", lang="fr")
    parsed = coder.parse.one(document.text)
    state = DocState.begin(len(parsed.sentences), None)
    events = []
    for read in coder.read_sentences(parsed, state.ctx):
        saved, coder.build = coder.build, stage
        try:
            events += coder._sentence_events(document, read, state, None)
        finally:
            coder.build = saved
    return events


def test_events_less_sure_than_the_floor_are_not_written(coder) -> None:
    text = "Le Mali a rappelé son ambassadeur en France pour consultations."
    assert _built(coder, BuildStage(coder.builder, _Flat(0.25), 0.3), text) == []
    kept = _built(coder, BuildStage(coder.builder, _Flat(0.25), 0.0), text)
    assert [e.confidence for e in kept] == [0.25]
    # without confidence curves (rules alone) nothing is held back
    assert _built(coder, BuildStage(coder.builder, None, 0.3), text)


def test_a_meeting_of_two_parties_is_as_sure_as_an_act_with_both_sides() -> None:
    both = [Entity("Le Mali", 0, 7, country="MLI"), Entity("le Niger", 10, 18, country="NER")]
    meeting = confidence("noun", tuple(both), (), False)
    directed = confidence("noun", both[:1], both[1:], False)
    alone = confidence("noun", both[:1], (), False)
    assert meeting == directed > alone


def test_a_doer_the_text_leaves_unnamed_is_not_an_event_half_read(coder) -> None:
    prisoner = (Entity("un prêtre", 20, 29, country="BFA"),)
    named = confidence("verb", (Entity("Des rebelles maliens", 0, 20, country="MLI"),),
                       prisoner, False)
    unnamed = confidence("verb", (), prisoner, False, doer=True)
    none = confidence("verb", (), prisoner, False)
    assert named > unnamed > none
