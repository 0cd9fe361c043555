"""Read inputs: ``.txt``, ``.html``, ``.jsonl``, folders (recursively) and ``-`` (stdin).

Every input becomes a ``Document`` or a ``Problem`` (what could not be read and why); a run
never stops on a bad input. Text that is not UTF-8 is decoded as cp1252/latin-1 and the
document says so.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from chronique.documents.published import find_published

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
MAX_BYTES = 50_000_000


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
                  notes: tuple[str, ...] = ()) -> Document:
    """A Document with its publication date discovered (given > HTML > dateline > header > URL)."""
    found = find_published(text, given=published, html_date=html_date, url=url)
    return Document(doc_id, text, found.date, found.source, url, title, lang, source, notes,
                    found.dateline_city)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of a file's bytes and a note on the encoding; None when it is binary."""
    if b"\x00" in data[:8192]:
        return None, "binary content (NUL bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        return text, "not UTF-8: decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: decoded as latin-1"


def read_inputs(inputs: Iterable[str], *, published: str | None = None,
                stdin=None) -> Iterator[Document | Problem]:
    """Documents of every input, in order; problems in their place."""
    for name in inputs:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            yield from _from_bytes("stdin", "<stdin>", data, published, ".txt")
            continue
        path = Path(name)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if sub.name.startswith("."):
                    continue
                yield from _from_path(sub, published)
        else:
            yield from _from_path(path, published)


def _from_path(path: Path, published: str | None) -> Iterator[Document | Problem]:
    if not path.exists():
        yield Problem(str(path), "no such file")
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Problem(str(path), f"file too large ({size} bytes > {MAX_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"unreadable ({exc.strerror or exc})")
        return
    yield from _from_bytes(path.stem, str(path), data, published, path.suffix.lower())


def _from_bytes(doc_id: str, source: str, data: bytes, published: str | None,
                suffix: str) -> Iterator[Document | Problem]:
    text, note = decode(data)
    if text is None:
        yield Problem(source, note or "unreadable", doc_id=doc_id)
        return
    notes = (note,) if note else ()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(source, text, notes)
        return
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and "<html" in text[:2000].lower()):
        from chronique.documents.html import extract_page

        page = extract_page(text)
        if not page.text.strip():
            yield Problem(source, "HTML page with no main text", doc_id=doc_id)
            return
        yield make_document(doc_id, page.text, published=published, url=page.url,
                            title=page.title, source=source, html_date=page.published,
                            notes=notes)
        return
    if not text.strip():
        yield Problem(source, "empty document", doc_id=doc_id)
        return
    yield make_document(doc_id, text, published=published, source=source, notes=notes)


def _jsonl(source: str, text: str, notes: tuple[str, ...]) -> Iterator[Document | Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(source, f"malformed JSON ({exc.msg})", line=number)
            continue
        if not isinstance(record, dict):
            yield Problem(source, "line is not a JSON object", line=number)
            continue
        body = record.get("text")
        doc_id = str(record.get("id") or f"{Path(source).stem}-{number}")
        if not isinstance(body, str):
            yield Problem(source, "no \"text\" field", line=number, doc_id=doc_id)
            continue
        if not body.strip():
            yield Problem(source, "empty document", line=number, doc_id=doc_id)
            continue
        if "\x00" in body:
            yield Problem(source, "binary content (NUL bytes)", line=number, doc_id=doc_id)
            continue
        yield make_document(doc_id, body, published=record.get("published"),
                            url=record.get("url"), title=record.get("title"),
                            lang=record.get("lang"), source=f"{source}:{number}", notes=notes)
