"""The modality stage (coding/modality.py, events/modality.py, data/fr/cues.yaml)."""

from __future__ import annotations

from stagehelp import read

from chronique.coding.modality import ModalityStage


def draft(coder, text: str, word: str):
    sentences, ctx = read(coder, text)
    sentence, tokens, phrase = sentences[0]
    trigger = next(t for t in coder.trigger_stage.triggers(sentence, tokens, phrase)
                   if t.token.text == word)
    stage: ModalityStage = coder.modality_stage
    return stage(trigger, coder.assigner(trigger, phrase, ctx))


def test_negation(coder) -> None:
    found = draft(coder, "Le Niger n'a pas signé l'accord.", "signé")
    assert found.negated and found.modality == "asserted"


def test_intention(coder) -> None:
    assert draft(coder, "Le Niger va signer un accord de défense avec le Tchad.",
                 "signer").modality == "intended"


def test_hypothesis(coder) -> None:
    found = draft(coder, "Le Tchad pourrait fermer sa frontière avec le Soudan.", "fermer")
    assert found.modality == "hypothetical" and not found.negated


def test_request(coder) -> None:
    found = draft(coder, "L'Union africaine a exhorté les deux camps à négocier.", "exhorté")
    assert found.modality == "requested"


def test_reported_speech_names_the_speaker(coder) -> None:
    found = draft(coder, "La ministre allemande a estimé que les belligérants devaient "
                         "conclure une trêve.", "conclure")
    assert found.modality == "reported" and found.speaker_token.text == "ministre"


def test_a_draft_carries_the_pattern(coder) -> None:
    found = draft(coder, "Le Niger a été attaqué par des rebelles maliens.", "attaqué")
    assert (found.event_type, found.rule, found.kind) == ("ASSAULT", "assault/attaquer", "verb")
    assert [e.country for e in found.actors] == ["MLI"] and not found.fallback
