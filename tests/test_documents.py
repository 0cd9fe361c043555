"""Reading inputs and discovering publication dates."""

from __future__ import annotations

import io
import json

from chronique.documents.published import find_published
from chronique.documents.readers import Document, Problem, read_inputs
from chronique.nlp import paragraphs, parse


def test_txt_document_id_is_file_stem(tmp_path):
    path = tmp_path / "dakar-2024.txt"
    path.write_text("Le Sénégal a rappelé son ambassadeur au Mali.", encoding="utf-8")
    [doc] = list(read_inputs([str(path)], published="2024-03-12"))
    assert isinstance(doc, Document) and doc.id == "dakar-2024"
    assert doc.published == "2024-03-12" and doc.published_source == "given"


def test_jsonl_lines_become_documents_and_bad_lines_problems(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Le Niger a fermé sa frontière.", "published": "2023-08-01"}),
        "{not json",
        json.dumps({"id": "c", "title": "sans texte"}),
    ]), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Document) and items[0].id == "a"
    assert isinstance(items[1], Problem) and items[1].line == 2 and "JSON" in items[1].reason
    assert isinstance(items[2], Problem) and "text" in items[2].reason


def test_html_main_text_is_extracted(tmp_path):
    body = ("<p>Le président tchadien a reçu jeudi à N'Djamena son homologue nigérien pour "
            "évoquer la sécurité dans la région du lac Tchad et la lutte contre Boko Haram.</p>")
    html = (f"<html><head><title>Visite</title></head><body><nav>Accueil | Monde</nav>"
            f"<article>{body * 3}</article><footer>Mentions légales</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert "homologue nigérien" in doc.text and "Mentions légales" not in doc.text


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Le Mali a signé un accord.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Le Niger a signé un accord.", encoding="utf-8")
    ids = [d.id for d in read_inputs([str(tmp_path)]) if isinstance(d, Document)]
    assert ids == ["a", "sub/b"]  # the path relative to the folder read, not the bare name


def test_stdin_input():
    stream = io.StringIO("L'Algérie a condamné l'attaque.")
    [doc] = list(read_inputs(["-"], stdin=stream))
    assert doc.id == "stdin" and doc.text.startswith("L'Algérie")


def test_cp1252_and_latin1_text_is_decoded_and_noted(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("Le président sénégalais a salué l’accord “historique”.".encode("cp1252"))
    [doc] = list(read_inputs([str(path)]))
    assert doc.text == "Le président sénégalais a salué l’accord “historique”."
    assert doc.notes == ("not UTF-8: decoded as cp1252",)
    path = tmp_path / "iso.txt"  # no byte in 0x80-0x9F: latin-1 (cp1252 reads it the same)
    path.write_bytes("Le président sénégalais a salué l'accord.".encode("latin-1"))
    [doc] = list(read_inputs([str(path)]))
    assert doc.text == "Le président sénégalais a salué l'accord."
    assert doc.notes == ("not UTF-8: decoded as latin-1",)


def test_published_from_dateline_and_header_and_url():
    assert find_published("BAMAKO, 3 mars 2023 (AFP) - Le gouvernement...").date == "2023-03-03"
    dateline = find_published("ASTANA, 18 avril (Xinhua) -- Le Kazakhstan...")
    assert dateline.date == "XXXX-04-18" and dateline.dateline_city == "Astana"
    assert find_published("Dernière mise à jour à 08h34 le 16/05\nLa Chine...").date == \
        "XXXX-05-16"
    assert find_published("Publié le 03/03/2023 à 10h12\nTexte").date == "2023-03-03"
    with_url = find_published("Dernière mise à jour à 08h34 le 16/05\nLa Chine...",
                              url="http://french.peopledaily.com.cn/n3/2019/0516/c31354.html")
    assert with_url.date == "2019-05-16" and with_url.source == "header"
    assert find_published("texte", given="2021-03-XX").date == "2021-03-XX"


def test_paragraph_offsets_are_exact_and_header_stays_apart(coder):
    text = "Dernière mise à jour à 08h34 le 16/05\nLe Mali a signé un accord avec le Niger.\n"
    for start, para in paragraphs(text):
        assert text[start:start + len(para)] == para
    parsed = parse(coder.nlp, text)
    assert parsed.sentences[0].text == "Dernière mise à jour à 08h34 le 16/05"
    for sentence in parsed.sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_sentences_end_only_at_final_punctuation(coder):
    """The coding guide's sentences: a line, cut at final punctuation only; a colon ("Tchad:
    les rebelles...", "a déclaré: «...»") never ends one."""
    text = ("Tchad: les rebelles du FACT rejettent le conseil militaire\n"
            "Le mouvement a déclaré: «Nous marcherons sur la capitale.» L'armée a répondu.")
    parsed = parse(coder.nlp, text)
    assert [s.text for s in parsed.sentences] == [
        "Tchad: les rebelles du FACT rejettent le conseil militaire",
        "Le mouvement a déclaré: «Nous marcherons sur la capitale.»", "L'armée a répondu."]


# -- documents too long for one parse --------------------------------------------------------

_FRENCH = ("Le Mali a signé un accord de défense avec le Niger. La France a condamné mardi "
           "l'attaque contre son ambassade à Bamako. ")


def test_twenty_megabytes_split_into_parser_sized_pieces_with_exact_offsets():
    from chronique.nlp import MAX_CHUNK, load_nlp

    paragraph = _FRENCH * 40  # ~5 kB paragraphs
    text = "\n\n".join([paragraph] * 4000) + "\n" + _FRENCH * 12000 + "x" * 70_000 + "\n"
    assert len(text) > 20_000_000
    pieces = paragraphs(text)
    assert max(len(p) for _, p in pieces) <= MAX_CHUNK < load_nlp().max_length
    for start, piece in pieces:
        assert text.startswith(piece, start)
    # nothing but white space is left out
    assert "".join(text.split()) == "".join("".join(p.split()) for _, p in pieces)
    # the giant line without line breaks is cut after sentence ends, the long token by force
    giant = [p for s, p in pieces if s > 4000 * len(paragraph)]
    assert len(giant) > 60
    assert all(p.endswith(".") for p in giant if "x" not in p)
    assert sum(p.count("x") for p in giant) == 70_000


def test_giant_paragraph_codes_without_reaching_max_length(coder):
    from chronique.nlp import MAX_CHUNK

    text = _FRENCH * 300 + "é" * 30_000 + " " + _FRENCH * 10  # ~67 kB, no line break
    saved = coder.nlp.max_length
    coder.nlp.max_length = MAX_CHUNK + 1  # spaCy raises E088 on any longer piece
    try:
        events = [e.to_dict() for e in coder.code_text(text, published="2024-03-14")]
    finally:
        coder.nlp.max_length = saved
    assert len(events) >= 400 and max(e["trigger"]["start"] for e in events) > 66_001
    for event in events:
        for span in (event["trigger"], event["sentence"], *event["actor"], *event["recipient"]):
            assert text[span["start"]:span["end"]] == span["text"]


def test_parsed_paragraphs_keep_no_tensor(coder):
    parsed = parse(coder.nlp, "Le Mali a signé un accord.\nLe Niger a fermé sa frontière.")
    assert parsed.sentences and all(s.doc.tensor.size == 0 for s in parsed.sentences)
    assert parsed.sentences[0].doc[1].lemma_ and parsed.sentences[0].doc[1].dep_
