"""The NLP layer: loads the French spaCy pipeline once and parses paragraph by paragraph.

spaCy ignores line breaks, so each line (paragraph) of a document is parsed on its own and
its character offset into the document is kept: every span we report indexes the original
text exactly. Reads: nothing but the model. Returns: ``Parsed``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from chronique.lang import ordered
from chronique.lexicon.forms import fold

MODEL = "fr_core_news_md"
MAX_CHUNK = 20_000
_TERMINAL = (".", "!", "?", "…")
# what may close a sentence after its final punctuation ("... a-t-il dit: «Nous partirons.»")
_CLOSING = "»\"')]” "
_HONORIFICS = list(ordered("honorifics"))
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document: one or more spaCy sentence spans, with document offsets."""

    index: int
    start: int
    end: int
    text: str
    spans: tuple[Span, ...]
    offset: int  # character offset of the spaCy Doc in the document text
    paragraph: int

    @property
    def doc(self) -> Doc:
        return self.spans[0].doc

    def tokens(self) -> Iterator:
        for span in self.spans:
            yield from span


@dataclass(frozen=True)
class Parsed:
    """A document's text and its sentences, parsed."""

    text: str
    sentences: tuple[Sentence, ...]


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the French pipeline once per process, with a ruler for honorific + name."""
    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns([
        {"label": "PER", "pattern": [{"LOWER": {"IN": _HONORIFICS}},
                                     {"IS_TITLE": True, "OP": "+"}]},
    ])
    return nlp


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-empty lines of ``text`` with their offsets; long lines cut at sentence ends."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\n\r]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        out.extend(_chunks(start, stripped))
    return out


_SENTENCE_END = re.compile(r"[.!?…](?:[»\"')\]]*)\s")
_SPACE = re.compile(r"\s")


def _cut(line: str, pos: int, end: int) -> int:
    """Where to end the piece of ``line`` starting at ``pos`` (at most ``end``): after the
    last sentence end in the second half of the window, else at the last space, else at
    ``end`` moved back off combining marks (a letter keeps its accents)."""
    half = pos + (end - pos) // 2
    ends = [m.end() for m in _SENTENCE_END.finditer(line, half, end)]
    if ends:
        return ends[-1]
    spaces = [m.end() for m in _SPACE.finditer(line, half, end)]
    if spaces:
        return spaces[-1]
    cut = end
    while cut > pos + 1 and unicodedata.combining(line[cut]):
        cut -= 1
    return cut


def _chunks(start: int, line: str) -> list[tuple[int, str]]:
    """Pieces of at most ``MAX_CHUNK`` characters of a long line, with their offsets: spaCy
    parses each alone, so no line ever reaches ``nlp.max_length`` and memory stays bounded."""
    if len(line) <= MAX_CHUNK:
        return [(start, line)]
    pieces: list[tuple[int, str]] = []
    pos = 0
    while pos < len(line):
        end = len(line) if len(line) - pos <= MAX_CHUNK else _cut(line, pos, pos + MAX_CHUNK)
        piece = line[pos:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            pieces.append((start + pos + lead, piece.strip()))
        pos = end
    return pieces


#: ``nlp.pipe`` batches hold this many paragraphs per document of a batch: a news article
#: has about eight, so a batch weighs what a batch of whole articles would (the parser is
#: about a tenth faster on 256 paragraphs at a time than on 32; benchmarks/throughput.py)
PARAGRAPHS_PER_DOCUMENT = 8


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Parsed]:
    """Parse documents, all their paragraphs going through one ``nlp.pipe`` stream, in
    batches of the paragraphs of about ``batch_size`` documents."""
    texts = list(texts)
    paras = [paragraphs(t) for t in texts]
    flat = ((p, (i, off)) for i, ps in enumerate(paras) for off, p in ps)
    docs_by_text: list[list[tuple[int, Doc]]] = [[] for _ in texts]
    for doc, (i, off) in nlp.pipe(flat, as_tuples=True,
                                  batch_size=batch_size * PARAGRAPHS_PER_DOCUMENT):
        for token in doc:
            token.norm_ = fold(token.text)
        doc.tensor = _NO_TENSOR  # tok2vec output: unused once parsed, half a Doc's memory
        docs_by_text[i].append((off, doc))
    for text, docs in zip(texts, docs_by_text, strict=True):
        yield Parsed(text, tuple(_sentences(text, docs)))


def parse(nlp: Language, text: str) -> Parsed:
    return next(parse_many(nlp, [text]))


def _sentences(text: str, docs: list[tuple[int, Doc]]) -> Iterator[Sentence]:
    """Sentences of each paragraph; a split not at sentence-final punctuation is merged."""
    index = 0
    for para_index, (offset, doc) in enumerate(docs):
        groups: list[list[Span]] = []
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            if groups and not groups[-1][-1].text.rstrip(_CLOSING).endswith(_TERMINAL):
                groups[-1].append(sent)
            else:
                groups.append([sent])
        for group in groups:
            start = offset + group[0].start_char
            end = offset + group[-1].end_char
            yield Sentence(index, start, end, text[start:end], tuple(group), offset, para_index)
            index += 1
