"""The triggers stage (coding/triggers.py): triggers, reported obligations, and triggers
inside another's phrase."""

from __future__ import annotations

from dataclasses import replace

import pytest
from stagehelp import read

from chronique.coding.triggers import SentenceTriggers, TriggerStage


def triggers_of(coder, text: str) -> SentenceTriggers:
    stage: TriggerStage = coder.trigger_stage
    sentences, ctx = read(coder, text)
    sentence, tokens, phrase = sentences[0]
    return stage(sentence, tokens, phrase, ctx)


def test_a_verb_trigger_with_its_pattern(coder) -> None:
    found = triggers_of(coder, "Le Niger a été attaqué par des rebelles maliens.")
    assert [(t.token.text, t.pattern.type) for t in found.triggers] == [("attaqué", "ASSAULT")]
    assert not found.suppressed and not found.obligations


def test_a_reported_obligation_is_a_request_and_its_content_suppressed(coder) -> None:
    found = triggers_of(coder, "La ministre allemande a estimé que les belligérants devaient "
                               "conclure une trêve.")
    assert [(o.anchor.text, o.speaker.text) for o in found.obligations] == [
        ("devaient", "ministre")]
    conclure = next(t for t in found.triggers if t.token.text == "conclure")
    assert conclure.token.i in found.suppressed
    items = found.items()
    assert items[-1][1] is not None and all(t is None or t.token.i not in found.suppressed
                                            for t, _ in items)


def test_words_inside_names_are_never_triggers(coder) -> None:
    sentences, _ = read(coder, "Le Forum de coopération locale a ouvert ses portes à Dakar.")
    sentence, tokens, phrase = sentences[0]
    rules, names = coder.trigger_stage.rule_triggers(sentence, tokens, phrase)
    assert not any(t.token.text == "coopération" for t in rules)


def test_a_participle_sharing_its_auxiliary_is_a_trigger(coder) -> None:
    # "exigé" is tagged an adjective (lemma "exigé"); it shares "a" with "menacé"
    events = coder.code_text("Joe Biden a menacé le Niger de sanctions et exigé que les "
                             "militaires nigériens renoncent au pouvoir.",
                             published="2023-08-01")
    assert ("REQUEST", "request/exiger") in {(e.event_type, e.rule) for e in events}


def test_a_participle_hung_on_the_object_is_coordinated_with_its_verb(coder) -> None:
    # the parser hangs "exigé" on "odieux"; it shares "a" with "condamné": its own event,
    # with the same subject, not the content of the condemnation
    events = coder.code_text("Le ministre tchadien a condamné samedi un massacre « odieux » et "
                             "exigé de Khartoum l'arrestation des coupables.",
                             published="2021-02-01")
    requests = [e for e in events if e.event_type == "REQUEST"]
    assert [e.trigger.text for e in requests] == ["exigé"]
    assert [a.country for a in requests[0].actor] == ["TCD"]


@pytest.mark.parametrize("context, expected", [
    ("La crise s'aggrave au Soudan. ", ["ACCUSE", "ASSAULT"]),  # an article
    ("", ["ACCUSE"]),  # a lone sentence: the report of its main event
])
def test_a_relative_clause_of_an_article_reports_its_own_event(coder, context, expected
                                                                ) -> None:
    # the rules' reading: the trigger model may still hold the attack of a lone sentence for
    # an event of its own (policy.embedded_single), which is not what this test reads
    model = coder.trigger_stage.model
    saved = model.policy
    model.policy = replace(saved, embedded_single=1.01)
    try:
        events = coder.code_text(context + "Le gouvernement soudanais a dénoncé mardi les "
                                 "rebelles, qui ont attaqué la veille un convoi de l'armée "
                                 "près d'El-Facher.", published="2021-02-01")
    finally:
        model.policy = saved
    assert [e.event_type for e in events] == expected


def test_an_accusation_in_a_purpose_clause_is_the_aim_of_the_protest(coder) -> None:
    events = coder.code_text("Plusieurs détenus politiques ont entamé une grève de la faim à la "
                             "prison de Conakry pour dénoncer leur détention sans jugement.",
                             published="2021-02-01")
    assert [(e.event_type, e.trigger.text) for e in events] == [("PROTEST", "grève")]


def test_a_verb_the_parser_hangs_on_the_dateline_is_still_a_verb(coder) -> None:
    # the parser makes "imposé" a participle modifying "BRUXELLES"; its auxiliary says it is
    # the sentence's verb
    sentences, _ = read(coder, "BRUXELLES, 20 mai 2024 — L'Union européenne a imposé lundi de "
                               "nouvelles sanctions à la Russie.")
    sentence, tokens, phrase = sentences[0]
    rules, _ = coder.trigger_stage.rule_triggers(sentence, tokens, phrase)
    assert "sanction/imposer-sanction" in {t.pattern.id for t in rules}


def test_the_model_may_hold_an_embedded_trigger_for_an_event_of_its_own(coder) -> None:
    """policy.embedded: how sure the trigger model must be that a trigger inside another's
    phrase is an event all the same (0: always; above 1: never, the rules decide)."""
    model = coder.trigger_stage.model
    assert model is not None
    sentences, ctx = read(coder, "Le sommet s'est ouvert lundi à Bruxelles. Le président a "
                                 "promis de poursuivre l'aide militaire à l'Ukraine.")
    ctx.sentences = 2
    saved = model.policy
    found = {}
    try:
        for floor in (1.01, 0.0):
            # no veto: the test reads what becomes of the trigger once the rules hold it embedded
            model.policy = replace(saved, embedded=floor, veto=1.01)
            found[floor] = coder.trigger_stage(*sentences[1], ctx)
    finally:
        model.policy = saved
    aide = next(t.token.i for t in found[0.0].triggers if t.token.text == "aide")
    assert aide in found[1.01].suppressed
    assert aide not in found[0.0].suppressed
