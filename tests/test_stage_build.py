"""The build stage (coding/build.py, build.py): records, the article's day and place for
earlier events, the headline."""

from __future__ import annotations

from dataclasses import replace

from chronique.coding.build import BuildStage, backfill, headline, span_of
from chronique.coding.state import DocState
from chronique.record import Place


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
