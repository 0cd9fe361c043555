"""Acts whose doer is no one (coding/agentless.py): an active verb whose subject is a common
noun phrase naming no one is not an event; devices and names still are."""

from __future__ import annotations

import pytest

CASES = [
    # (sentence, the event types expected)
    ("Un séisme de magnitude 7,8 a frappé lundi le sud de la Turquie et le nord de la Syrie.",
     []),
    ("Une tempête tropicale a frappé lundi les côtes du Honduras.", []),
    ("Une bombe a tué trois soldats maliens lundi près de Gao.", ["ASSAULT"]),
    ("Au Niger, le CNSP a décrété lundi un couvre-feu dans tout le pays.", ["COERCE"]),
    # people, even unnamed, are someone (words/person_nouns.txt)
    ("Des inconnus ont enlevé lundi un prêtre catholique sur la route de Kaya, au Burkina "
     "Faso.", ["ASSAULT"]),
    ("Des milliers de personnes ont manifesté samedi à Beyrouth pour réclamer la démission du "
     "gouvernement libanais.", ["PROTEST"]),
    ("Des avions de la coalition ont bombardé Sanaa, visant un dépôt d'armes des Houthis.",
     ["ASSAULT"]),
]


@pytest.mark.parametrize(("sentence", "types"), CASES, ids=[c[0][:40] for c in CASES])
def test_a_doer_that_is_no_one(coder, sentence: str, types: list[str]) -> None:
    events = coder.code_text(sentence, published="2023-02-07")
    assert [e.event_type for e in events] == types
