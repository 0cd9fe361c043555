"""The dates stage (coding/dates.py, dates.py, data/fr/dates.yaml): the date each event
takes."""

from __future__ import annotations

from stagehelp import read, tokens_named

from chronique.coding.dates import DateStage, choose, is_future, without_dateline
from chronique.coding.state import DocState
from chronique.dates import PartialDate
from chronique.documents.readers import make_document

PUBLISHED = PartialDate.parse("2019-05-16")  # a Thursday


def test_an_act_to_come_is_dated_at_its_announcement(coder) -> None:
    text = "Le président malien a annoncé dimanche qu'il se rendrait mardi à Abidjan."
    sentences, _ = read(coder, text)
    sentence = sentences[0].sentence
    stage: DateStage = coder.date_stage
    dates = stage.find(sentence, make_document("t", text), PUBLISHED)
    assert [(d.text, d.date) for d in dates] == [("dimanche", "2019-05-12"),
                                                 ("mardi", "2019-05-14")]
    rendrait = tokens_named(sentences[0], "rendrait")
    assert is_future(rendrait, coder.dates.future_governors)
    state = DocState()
    chosen = choose(rendrait, sentence, dates, state, PUBLISHED, future=True)
    assert (chosen.date, chosen.reason) == ("2019-05-12", "weekday")
    assert state.article_date == ("2019-05-12", "dimanche")


def test_no_date_words_take_the_article_day_then_the_publication(coder) -> None:
    sentences, _ = read(coder, "Le Tchad a fermé sa frontière.")
    sentence = sentences[0].sentence
    anchor = tokens_named(sentences[0], "fermé")
    assert choose(anchor, sentence, [], DocState(), PUBLISHED) == (
        "2019-05-16", None, "publication")
    state = DocState(article_date=("2019-05-14", "mardi"))
    assert choose(anchor, sentence, [], state, PUBLISHED) == ("2019-05-14", None, "article-day")
    assert choose(anchor, sentence, [], DocState(), None) == (None, None, None)


def test_the_dateline_does_not_date_events(coder) -> None:
    text = "BAMAKO, 3 mars 2023 (AFP) - Le Mali a rappelé son ambassadeur."
    parsed = coder.parse.one(text)
    sentence = parsed.sentences[0]
    blanked = without_dateline(sentence, (0, 26))
    assert len(blanked) == len(sentence.text) and "mars" not in blanked
    assert blanked.endswith("Le Mali a rappelé son ambassadeur.")
