"""Documents too long to parse at once are coded in segments of whole paragraphs.

The coder parses a batch of documents before coding it, so its memory grows with the
document (about 70 MB per MB of text). A document longer than ``SEGMENT_CHARS`` is cut at
line ends into segments, each coded alone; a segment's text is the document's text with
everything before the segment blanked out (spaces, which are not parsed), so every offset
the coder reports is an offset into the whole document, exactly. Memory is then bounded by
one segment's parse (plus the events found so far).

What a segment does not see: coreference and the article's date and place from earlier
segments. Sentence indexes stay in reading order and unique; from the second segment on
they count the sentences up to the previous segment's last event only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from chronique.documents.model import Document
from chronique.record import Event

#: spaCy's own default ``nlp.max_length``
SEGMENT_CHARS = 1_000_000
_SPACE = re.compile(r"\s")


def is_long(document: Document, size: int | None = None) -> bool:
    """Whether the document is coded in segments."""
    return len(document.text) > (size or SEGMENT_CHARS)


def segment_bounds(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of segments of at most ``size`` characters covering ``text``: each ends
    after a line end when there is one in its second half, else after a white space, else
    at ``size``."""
    size = size or SEGMENT_CHARS
    bounds = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit) + 1
        if not cut:
            spaces = [m.end() for m in _SPACE.finditer(text, limit - size // 2, limit)]
            cut = spaces[-1] if spaces else limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def segments(document: Document, size: int | None = None) -> Iterator[Document]:
    """The document's segments, one at a time: same id and metadata, text blanked outside."""
    for start, end in segment_bounds(document.text, size):
        yield replace(document, text=" " * start + document.text[start:end])


def renumber(events: list[Event], base: int) -> tuple[list[Event], int]:
    """A segment's events with sentence indexes counted from ``base``; the next base."""
    if not events:
        return events, base
    out = [replace(e, sentence=replace(e.sentence, index=base + e.sentence.index))
           for e in events]
    return out, base + max(e.sentence.index for e in events) + 1
