"""The arguments stage (coding/arguments.py, events/arguments.py, events/slots.py,
events/recipients.py): actors and recipients from the dependency parse."""

from __future__ import annotations

from dataclasses import replace

from stagehelp import read

from chronique.coding.arguments import ArgumentStage
from chronique.coding.state import DocState, Scope


def arguments(coder, text: str, word: str):
    sentences, ctx = read(coder, text)
    sentence, tokens, phrase = sentences[0]
    triggers = coder.trigger_stage.triggers(sentence, tokens, phrase)
    trigger = next(t for t in triggers if t.token.text == word)
    return coder.assigner(trigger, phrase, ctx)


def countries(entities) -> list[str | None]:
    return [e.country for e in entities]


def test_the_passive_agent_is_the_actor(coder) -> None:
    found = arguments(coder, "Le Niger a été attaqué par des rebelles maliens.", "attaqué")
    assert countries(found.actor) == ["MLI"] and countries(found.recipient) == ["NER"]
    assert found.how == "slots"


def test_the_with_phrase_is_the_recipient(coder) -> None:
    found = arguments(coder, "Le Tchad pourrait fermer sa frontière avec le Soudan.", "fermer")
    assert countries(found.actor) == ["TCD"] and countries(found.recipient) == ["SDN"]


def test_an_embedded_action_gives_the_recipient(coder) -> None:
    found = arguments(coder, "Le Sénégal est prêt à relancer le dialogue avec la Gambie.",
                      "prêt")
    assert countries(found.actor) == ["SEN"] and countries(found.recipient) == ["GMB"]


def test_the_stage_without_a_model_keeps_the_rules_choice(coder) -> None:
    sentences, ctx = read(coder, "Le Niger a été attaqué par des rebelles maliens.")
    sentence, tokens, phrase = sentences[0]
    triggers = coder.trigger_stage.triggers(sentence, tokens, phrase)
    scope = Scope(None, sentence, tokens, phrase, DocState(ctx=ctx), None, triggers, [], [], ())
    stage = ArgumentStage(coder.assigner, coder.resolver, model=None)
    args = stage(triggers[0], scope, stage.candidates(scope))
    assert countries(args.actor) == ["MLI"] and countries(args.recipient) == ["NER"]


def test_an_agentless_arrest_takes_the_police_named_before(coder):
    # cues.yaml: passive_agents (coding guide: agentless passives take the police or the
    # authorities named in the same or the previous sentence)
    text = ("La police kényane a dispersé mardi une manifestation contre la vie chère à Nairobi. "
            "Une trentaine de personnes ont été arrêtées.")
    events = coder.code_text(text, published="2024-07-03")
    arrests = [e for e in events if e.trigger.text == "ont été arrêtées"]
    assert arrests and [(a.text, a.country) for a in arrests[0].actor] == [
        ("police kényane", "KEN")]


def test_an_agentless_freeze_takes_the_government_named_before(coder):
    # who froze them, once the freeze is an event: the trigger model's veto is set aside (as
    # shipped it drops this freeze, NONE 0.8 or more)
    text = ("Le gouvernement américain a annoncé mardi de nouvelles mesures contre Moscou. "
            "Les avoirs de plusieurs oligarques russes ont été gelés.")
    model = coder.trigger_stage.model
    saved = model.policy
    model.policy = replace(saved, veto=1.01)
    try:
        events = coder.code_text(text, published="2024-03-06")
    finally:
        model.policy = saved
    frozen = [e for e in events if e.event_type == "SANCTION"]
    assert frozen and [(a.text, a.country) for a in frozen[0].actor] == [
        ("gouvernement américain", "USA")]


def test_two_overlapping_mentions_of_one_man_are_one_participant() -> None:
    from chronique.learn.participants import _unique
    from chronique.record import Entity

    remarks = Entity("propos de M. Han", 10, 26, name="Han Zheng", country="CHN")
    han = Entity("M. Han", 20, 26, name="Han Zheng", country="CHN")
    navies = [Entity("marines russe et chinoise", 40, 65, country="RUS"),
              Entity("marines russe et chinoise", 40, 65, country="CHN")]
    assert _unique([remarks, han, *navies]) == [han, *navies]
