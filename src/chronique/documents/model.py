"""What a reader returns: a ``Document`` to code, or a ``Problem`` (an input skipped, and why)."""

from __future__ import annotations

from dataclasses import dataclass, field

from chronique.documents.published import find_published


@dataclass(frozen=True)
class Document:
    """A document to code: its id, text and metadata."""

    id: str
    text: str
    published: str | None = None
    published_source: str | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = field(default=())
    dateline_city: str | None = None
    line: int | None = None  # its line in a JSON Lines file
    dateline: tuple[int, int] | None = None  # where the dateline is: not the event's date
    header: tuple[int, int] | None = None  # the page header's line ("Publié le ..."): nor this
    dateline_region: str | None = None  # the dateline's bracketed country: "GOMA (RDC)"

    def origin(self) -> tuple[str, int | None]:
        """The file it came from (without the line number) and its line."""
        source = self.source or self.id
        if self.line is not None and source.endswith(f":{self.line}"):
            source = source[: -len(f":{self.line}")]
        return source, self.line


@dataclass(frozen=True)
class Problem:
    """An input that could not be coded, and why."""

    source: str
    reason: str
    line: int | None = None
    doc_id: str | None = None

    def message(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "doc_id": self.doc_id,
                "reason": self.reason}


def make_document(doc_id: str, text: str, *, published: str | None = None,
                  url: str | None = None, title: str | None = None, lang: str | None = None,
                  source: str | None = None, html_date: str | None = None,
                  notes: tuple[str, ...] = (), line: int | None = None) -> Document:
    """A Document with its publication date discovered (given > HTML > dateline > header > URL)."""
    found = find_published(text, given=published, html_date=html_date, url=url)
    return Document(doc_id, text, found.date, found.source, url, title, lang, source, notes,
                    found.dateline_city, line, found.dateline_span,
                    found.header_span, found.dateline_region)


def emptiness(text: str) -> str:
    """The reason an empty or blank text is skipped."""
    return "empty document" if not text else "empty document (only whitespace)"
