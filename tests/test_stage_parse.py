"""The parse stage (coding/parse.py): sentences with exact offsets, one line at a time."""

from __future__ import annotations

from chronique.coding.parse import ParseStage


def test_parse_gives_sentences_with_exact_offsets(coder) -> None:
    stage: ParseStage = coder.parse
    text = "Le Mali a signé un accord.\nLe Niger a fermé sa frontière avec le Tchad."
    parsed = stage.one(text)
    assert [s.text for s in parsed.sentences] == [
        "Le Mali a signé un accord.", "Le Niger a fermé sa frontière avec le Tchad."]
    for sentence in parsed.sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_parse_batches_keep_input_order(coder) -> None:
    texts = ["Le Tchad a rappelé son ambassadeur.", "La Gambie a condamné l'attaque."]
    parsed = list(coder.parse(texts, batch_size=1))
    assert [p.sentences[0].text for p in parsed] == texts
