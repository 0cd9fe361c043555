"""`chronique train` on a 50-document toy corpus taken from the shipped training corpus, and
`chronique code --model DIR` with what it trained."""

from __future__ import annotations

import hashlib
import json

import pytest
from casedata import ROOT

from chronique.cli import main

WRITER = ROOT / "corpus" / "fr" / "writers" / "sahel.jsonl"


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    lines = WRITER.read_text(encoding="utf-8").splitlines()
    folder = tmp_path_factory.mktemp("toy")
    corpus = folder / "toy.jsonl"
    corpus.write_text("\n".join(lines[:51]) + "\n", encoding="utf-8")  # brief + 50 documents
    return corpus


def _digest(folder) -> str:
    return hashlib.sha256(b"".join((folder / part / "weights.npz").read_bytes()
                                   for part in ("triggers", "participants"))).hexdigest()


def test_train_writes_both_models_deterministically(toy, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["train", str(toy), "--no-shipped", "-o", str(first)]) == 0
    assert main(["train", str(toy), "--no-shipped", "-o", str(second)]) == 0
    info = json.loads((first / "triggers" / "model.json").read_text(encoding="utf-8"))
    assert info["documents"] == 50 and info["labels"]["NONE"] > 0
    assert (first / "participants" / "model.json").is_file()
    assert _digest(first) == _digest(second)


def test_code_with_a_trained_model(toy, tmp_path, capsys):
    model = tmp_path / "m"
    assert main(["train", str(toy), "--no-shipped", "-o", str(model)]) == 0
    text = tmp_path / "t.txt"
    text.write_text("L'armée malienne a arrêté mardi trois chefs jihadistes près de Gao.",
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["code", str(text), "--model", str(model), "--published", "2021-03-10"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(e["event_type"] == "COERCE" and e["actor"][0]["country"] == "MLI"
               for e in events)


def test_a_folder_without_a_model_is_a_clear_error(tmp_path, capsys):
    text = tmp_path / "t.txt"
    text.write_text("Le Niger a fermé sa frontière avec le Bénin.", encoding="utf-8")
    assert main(["code", str(text), "--model", str(tmp_path)]) == 2
    assert "no trained model" in capsys.readouterr().err



def test_a_lone_sentence_has_its_own_veto():
    """A document of one sentence is given to code as a report: the policy may veto its rule
    triggers less readily than those further down an article."""
    from chronique.learn.features import position
    from chronique.learn.trigger_model import Policy

    assert [position(0, 1), position(0, 9), position(1, 9), position(5, 9), position(0, 0)] \
        == ["single", "first", "second", "body", "single"]
    policy = Policy(veto=0.9, veto_single=0.99)
    assert policy.veto_for("single") == 0.99 and policy.veto_for("body") == 0.9
    assert Policy(veto=0.9, veto_single=None).veto_for("single") == 0.9


def test_the_shipped_trigger_model_scores_only_words_training_saw_as_events(coder):
    """Words no rule matched are scored only when their lemma was an event in training: the
    model never adds another (docs/models.md), and most words of a text are not."""
    model = coder.trigger_stage.model
    assert model.event_lemmas and "arreter" in model.event_lemmas
    doc = coder.nlp("Le ministre a inauguré mardi une école et arrêté trois suspects.")
    words = {t.text: model.may_add(t) for t in doc}
    assert words["arrêté"] and not words["école"]
