"""Property-based tests: for arbitrary Unicode text, reading and coding never raise and every
span of every event indexes the text exactly (``text[start:end] == span["text"]``).

One loaded Coder (the session ``coder`` fixture) serves every example. French fragments with
real actors and triggers are mixed with junk (mixed scripts, combining marks, emoji, control
characters, very long tokens) so that the event paths run, not only the empty ones.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from chronique.documents.decode import decode
from chronique.documents.jsonl import jsonl_documents, split_lines
from chronique.documents.language import language_problem
from chronique.documents.model import Document, Problem, make_document
from chronique.nlp import MAX_CHUNK, paragraphs

EXAMPLES = 500
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FRAGMENTS = [
    "Le Mali a signé un accord de défense avec le Niger.",
    "Le président Emmanuel Macron a rencontré son homologue sénégalais à Dakar.",
    "La France a condamné mardi l'attaque contre son ambassade à Bamako.",
    "Le Tchad a expulsé l'ambassadeur de France.",
    "L'Algérie a rappelé son ambassadeur au Maroc pour consultations.",
    "Des manifestants ont protesté à Niamey contre la présence militaire française.",
    "Le ministre des Affaires étrangères a déclaré que la Russie devait retirer ses troupes.",
    "Selon l'AFP, l'armée nigérienne aurait bombardé un camp de rebelles près d'Agadez le "
    "3 mars 2023.",
    "Il a démenti avoir mobilisé des troupes.",
    "La Chine et les États-Unis ont promis de coopérer.",
    "M. Han a reçu jeudi le Premier ministre ivoirien.",
    "Les deux pays ont menacé de rompre leurs relations diplomatiques.",
    "« Nous exigeons le retrait des troupes », a déclaré le porte-parole du gouvernement malien.",
    "BAMAKO, 3 mars 2023 (AFP) - ",
    "Dernière mise à jour à 08h34 le 16/05",
    "L'Union africaine a suspendu le Burkina Faso il y a trois jours.",
    "Le Sénégal n'a pas accepté l'aide humanitaire proposée hier par l'ONU.",
    "Des dizaines de milliers d'étudiants ont manifesté à Alger.",
]
SEPARATORS = ["", " ", "  ", "\n", "\r\n", "\r", "\n\n", "\t", "\u2028", "\u00a0", "\x0c",
              "\u200b", "\ufeff", "\x85", " - ", "..."]
CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from(["\x7f", "\x85", "\x9c", "\u200d",
                                                               "\u2029", "\ufffe", "\uffff"])
COMBINING = st.characters(categories=["Mn", "Me"])
EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
EMOJI_SEQUENCES = st.sampled_from(["👍🏽", "🇫🇷", "👨‍👩‍👧", "❤️", "🏳️‍🌈"])
SCRIPTS = st.sampled_from([(0x0600, 0x06FF), (0x4E00, 0x4FFF), (0x0400, 0x04FF),
                           (0x0900, 0x097F), (0x0370, 0x03FF), (0x0590, 0x05FF),
                           (0x00C0, 0x024F)]).flatmap(
    lambda r: st.text(st.characters(min_codepoint=r[0], max_codepoint=r[1]), min_size=1,
                      max_size=12))
ANY_CHAR = st.characters(exclude_categories=["Cs"])
JUNK = st.one_of(
    st.text(ANY_CHAR, max_size=30),
    st.text(CONTROL | COMBINING | EMOJI, min_size=1, max_size=8),
    EMOJI_SEQUENCES,
    SCRIPTS,
    # a very long token (no space): longer than a parse chunk now and then
    st.tuples(st.sampled_from(["x", "é", "a\u0301", "𝕏", "-", "9", "ab."]),
              st.sampled_from([50, 500, 3000, MAX_CHUNK + 7])).map(lambda t: t[0] * t[1]),
)


@st.composite
def broken_fragment(draw) -> str:
    """A French fragment with junk inserted somewhere (inside a word, at a boundary)."""
    text = draw(st.sampled_from(FRAGMENTS))
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.text(CONTROL | COMBINING | EMOJI | ANY_CHAR, min_size=1,
                                    max_size=3)) + text[at:]


PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), broken_fragment(),
                  JUNK)


@st.composite
def document_text(draw) -> str:
    pieces = draw(st.lists(PIECE, min_size=1, max_size=7))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


def _spans(event: dict):
    yield "trigger", event["trigger"]
    yield "sentence", event["sentence"]
    for key in ("actor", "recipient"):
        for entity in event[key]:
            yield key, entity
    if event["speaker"]:
        yield "speaker", event["speaker"]
    location = event["location"]
    if location and location.get("start") is not None:
        yield "location", location


def _check_events(coder, text: str, published: str | None, *, note: bool = True) -> list[dict]:
    document = make_document("prop", text, published=published)
    [(_, events)] = list(coder.code_documents([document]))
    records = [e.to_dict() for e in events]
    if note:  # shown by --hypothesis-show-statistics
        event("with events" if records else "no event")
    for record in records:
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # writable as UTF-8
        for key, span in _spans(record):
            assert 0 <= span["start"] <= span["end"] <= len(text), (key, span)
            assert text[span["start"]:span["end"]] == span["text"], (key, span)
    return records


@PROPERTY
@given(text=st.text(ANY_CHAR, max_size=400), published=st.sampled_from([None, "2024-03-14",
                                                                         "2021-03-XX"]))
def test_arbitrary_text_codes_without_error_and_spans_are_exact(coder, text, published):
    _check_events(coder, text, published)


@PROPERTY
@given(text=document_text(), published=st.sampled_from([None, "2024-03-14", "XXXX-05-16"]))
def test_french_mixed_with_junk_codes_and_spans_are_exact(coder, text, published):
    _check_events(coder, text, published)


def test_the_fragments_alone_give_events(coder):
    """The mixed property is worth something only if its French fragments code to events."""
    text = "\n".join(FRAGMENTS)
    records = _check_events(coder, text, "2024-03-14", note=False)
    assert len({r["sentence"]["index"] for r in records}) >= len(FRAGMENTS) // 2
    assert {r["event_type"] for r in records} >= {"AGREE", "CONSULT", "ACCUSE", "PROTEST"}
    assert any(r["speaker"] for r in records) and any(r["location"] for r in records)


@PROPERTY
@given(text=st.one_of(st.text(ANY_CHAR, max_size=300), document_text()))
def test_paragraphs_index_the_text_and_fit_the_parser(text):
    pieces = paragraphs(text)
    for start, piece in pieces:
        assert text[start:start + len(piece)] == piece
        assert piece.strip() == piece and piece and len(piece) <= MAX_CHUNK
    assert [s for s, _ in pieces] == sorted(s for s, _ in pieces)
    # nothing but white space is left out
    covered = set()
    for start, piece in pieces:
        covered.update(range(start, start + len(piece)))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@PROPERTY
@given(data=st.one_of(st.binary(max_size=300),
                      st.text(ANY_CHAR, max_size=200).map(lambda t: t.encode("utf-8")),
                      document_text().map(lambda t: t.encode("cp1252", "replace")),
                      document_text().map(lambda t: t.encode("utf-16"))))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    text, note = decode(data)
    if text is None:
        assert note and note.startswith("binary content")
    else:
        assert "\x00" not in text
        text.encode("utf-8")  # no lone surrogate: printable and writable
        if note is None:
            assert data.decode("utf-8-sig") == text


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() |
                          st.text(ANY_CHAR, max_size=20),
                          lambda kids: st.lists(kids, max_size=3) |
                          st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=8)
JSONL_LINE = st.one_of(
    st.text(ANY_CHAR, max_size=60),
    JSON_VALUE.map(json.dumps),
    st.fixed_dictionaries({"text": st.one_of(JSON_VALUE, document_text())},
                          optional={"id": JSON_VALUE, "lang": JSON_VALUE,
                                    "published": JSON_VALUE, "url": JSON_VALUE,
                                    "title": JSON_VALUE}).map(json.dumps),
    st.just('{"id": "s", "text": "Le Mali \\ud83d a sign\\u00e9."}'),
)


@PROPERTY
@given(lines=st.lists(JSONL_LINE, max_size=6))
def test_any_jsonl_gives_documents_or_problems_never_an_error(lines):
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    for item in jsonl_documents("x.jsonl", split_lines(text)):
        assert isinstance(item, Document | Problem)
        if isinstance(item, Problem):
            assert item.line and item.reason
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")
        else:
            assert item.text.strip() and "\x00" not in item.text
            item.text.encode("utf-8")
            item.id.encode("utf-8")


@PROPERTY
@given(data=st.one_of(st.binary(max_size=400),
                      document_text().map(lambda t: t.encode("utf-8")),
                      document_text().map(lambda t: ("<html><body><p>" + t + "</p></body></html>"
                                                     ).encode("cp1252", "replace")),
                      st.lists(JSONL_LINE, max_size=4).map(
                          lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", "", ".dat"]))
def test_any_file_reads_as_documents_or_problems(data, suffix):
    import tempfile
    from pathlib import Path

    from chronique.documents.readers import read_inputs

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in read_inputs([str(path)]):
            assert isinstance(item, Document | Problem)
            if isinstance(item, Document):
                assert item.text.strip() and "\x00" not in item.text
                item.text.encode("utf-8")
                why = language_problem(item.text, item.lang)  # the screen never raises
                assert why is None or why.startswith("not French (")
            else:
                assert item.reason and item.source.startswith(folder)
