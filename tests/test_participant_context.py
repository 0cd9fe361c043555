"""The participant model may take an event's recipient from the previous sentence when its
own sentence names none (learn/participants.py, ``with_context``)."""

from __future__ import annotations

from chronique.actors.coref import DocumentContext
from chronique.learn.participants import Candidate, with_context
from chronique.record import Entity


def _codes(events, side):
    return [{e.country for e in getattr(ev, side)} for ev in events]


def test_a_rejection_takes_the_ultimatum_s_author_from_the_sentence_before(coder):
    events = coder.code_text("Washington a adressé lundi un ultimatum à Bagdad. "
                             "Le régime irakien l'a rejeté mardi.", published="2003-03-19")
    reject = [e for e in events if e.event_type == "REJECT"]
    assert reject and {e.country for e in reject[0].actor} == {"IRQ"}
    assert {e.country for e in reject[0].recipient} == {"USA"}


def test_a_recipient_the_sentence_names_is_kept(coder):
    events = coder.code_text("Washington a adressé lundi un ultimatum à Bagdad. "
                             "Moscou a dénoncé mardi l'attitude de Londres.",
                             published="2003-03-19")
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assert accuse and {e.country for e in accuse[0].recipient} == {"GBR"}


def test_previous_candidates_name_someone_new_and_are_marked(coder):
    doc = coder.nlp("Pékin et Moscou")
    ctx = DocumentContext()
    first = [Candidate(doc[0], (Entity("Pékin", 0, 5, country="CHN"),)),
             Candidate(doc[2], (Entity("Moscou", 9, 15, country="RUS"),))]
    assert with_context(first, ctx) == first  # nothing read before
    second = [Candidate(doc[0], (Entity("Pékin", 0, 5, country="CHN"),))]
    found = with_context(second, ctx)
    assert [c.context for c in found] == [False, True]
    assert found[1].entities[0].country == "RUS"


def test_the_opening_names_whom_the_article_is_about_further_down(coder):
    doc = coder.nlp("Pékin et Moscou et Paris")
    pekin = Candidate(doc[0], (Entity("Pékin", 0, 5, country="CHN"),))
    moscou = Candidate(doc[2], (Entity("Moscou", 9, 15, country="RUS"),))
    paris = Candidate(doc[4], (Entity("Paris", 19, 24, country="FRA"),))
    ctx = DocumentContext(sentences=5)
    with_context([pekin], ctx)       # the headline
    with_context([moscou], ctx)      # the lead
    with_context([], ctx)            # a sentence naming no one
    found = with_context([paris], ctx)
    # Pékin and Moscou are no longer the previous sentence's, but the article's opening's
    assert [(c.entities[0].country, c.context, c.source) for c in found] == [
        ("FRA", False, "sentence"), ("CHN", True, "opening"), ("RUS", True, "opening")]


def test_the_opening_adds_no_one_the_sentence_already_names(coder):
    doc = coder.nlp("Pékin et Moscou")
    pekin = Candidate(doc[0], (Entity("Pékin", 0, 5, country="CHN"),))
    ctx = DocumentContext(sentences=4)
    with_context([pekin], ctx)
    with_context([], ctx)
    found = with_context([Candidate(doc[0], (Entity("Pékin", 0, 5, country="CHN"),))], ctx)
    assert [c.context for c in found] == [False]


def test_someone_named_further_back_is_a_candidate_with_how_often_it_was_named(coder):
    doc = coder.nlp("Pékin et Moscou et Paris et Berlin")
    pekin = Candidate(doc[0], (Entity("Pékin", 0, 5, country="CHN"),))
    moscou = Candidate(doc[2], (Entity("Moscou", 9, 15, country="RUS"),))
    paris = Candidate(doc[4], (Entity("Paris", 19, 24, country="FRA"),))
    berlin = Candidate(doc[6], (Entity("Berlin", 28, 34, country="DEU"),))
    ctx = DocumentContext(sentences=6)
    for sentence in ([pekin], [moscou], [paris], [paris], [berlin]):
        found = with_context(sentence, ctx)
    # Paris is neither the previous sentence's nor the opening's: an earlier one, named twice
    assert [(c.entities[0].country, c.source, c.times) for c in found] == [
        ("DEU", "sentence", 0), ("FRA", "previous", 2), ("CHN", "opening", 1),
        ("RUS", "opening", 1)]
    found = with_context([], ctx)
    assert ("FRA", "earlier", 2) in [(c.entities[0].country, c.source, c.times) for c in found]


def test_someone_of_the_actor_s_country_but_not_the_actor_may_fill_the_recipient():
    from chronique.learn.participants import _acts

    government = Candidate(None, (Entity("le gouvernement", 0, 15, country="TCD",
                                         sector="GOV"),))
    protesters = (Entity("les manifestants", 20, 36, country="TCD", sector="CVL"),)
    ministers = (Entity("les ministres", 20, 33, country="TCD", sector="GOV"),)
    assert not _acts(government, protesters)
    assert _acts(government, ministers)
