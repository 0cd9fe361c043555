"""The mentions stage (coding/mentions.py): lexicon mentions of a sentence, found once per
paragraph."""

from __future__ import annotations

from chronique.coding.mentions import MentionStage


def test_countries_demonyms_and_titles_are_found(coder) -> None:
    stage = MentionStage(coder.finder)
    sentence = coder.parse.one("Le président malien est arrivé à Paris.").sentences[0]
    phrase = stage(sentence, {})
    by_word = {sentence.doc[i].text: (m.kind, m.actor.country)
               for i, m in phrase.mentions.items()}
    assert by_word["malien"] == ("demonym", "MLI")
    assert by_word["Paris"] == ("metonym", "FRA")
    assert by_word["président"][0] == "title"


def test_one_paragraph_is_read_once(coder) -> None:
    calls = []

    def finder(doc):
        calls.append(doc)
        return coder.finder(doc)

    stage = MentionStage(finder)
    parsed = coder.parse.one("Le Mali a signé. Le Niger a refusé.")
    memo: dict = {}
    phrases = [stage(s, memo) for s in parsed.sentences]
    assert len(parsed.sentences) == 2 and len(calls) == 1
    assert phrases[0].mentions is phrases[1].mentions
    assert phrases[1].offset == parsed.sentences[1].offset
