"""One event per happening (events/happenings.py)."""

from __future__ import annotations

import pytest

from chronique.pipeline import Coder


@pytest.fixture(scope="module")
def coder():
    return Coder()


def test_a_headline_and_its_lead_are_one_event():
    """The merge of the rules' reports (the trigger model may also veto a headline that only
    repeats its lead: one event either way)."""
    from chronique.settings import Settings

    text = ("La Guinée rappelle son ambassadeur en France\n"
            "CONAKRY, 12 mars 2021 (Agence) - La Guinée a rappelé jeudi son ambassadeur en "
            "France pour consultations, a annoncé le ministère des Affaires étrangères.")
    events = [e.to_dict() for e in Coder(Settings(rules_only=True)).code_text(text)]
    recalls = [e for e in events if e["event_type"] == "SANCTION"]
    assert len(recalls) == 1
    assert recalls[0]["sentence"]["index"] == 1
    assert recalls[0]["mentions"][0]["sentence"] == 0


def test_two_requests_in_one_body_stay_two_events(coder):
    text = ("Le secrétaire d'Etat américain a appelé lundi l'Iran à libérer les détenus. "
            "Il a aussi appelé l'Iran à reprendre les négociations sur le nucléaire.")
    events = coder.code_text(text, published="2022-05-10")
    assert len([e for e in events if e.event_type == "REQUEST"]) == 2


def test_one_act_told_with_two_verbs_in_one_sentence_is_one_event():
    """Rules alone, so that the test reads the merge, not the models' choices."""
    from chronique.settings import Settings

    text = ("La junte malienne a promis lundi des élections libres et s'est engagée auprès de "
            "la Cédéao à rendre le pouvoir aux civils.")
    raw = [e.to_dict() for e in Coder(Settings(rules_only=True, min_confidence=0.0))
           .code_text(text, published="2022-05-10")]
    agree = [e for e in raw if e["event_type"] == "AGREE"]
    assert len(agree) == 1
    assert [m["trigger"]["text"] for m in agree[0].get("mentions", [])]
