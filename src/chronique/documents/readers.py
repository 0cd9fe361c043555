"""Read inputs: ``.txt``, ``.html``, ``.jsonl``, folders (recursively) and ``-`` (stdin).

Every input becomes a ``Document`` or a ``Problem`` (what could not be read and why); a run
never stops on a bad input. Text that is not UTF-8 is decoded as cp1252/latin-1 and the
document says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from chronique.documents.decode import decode, display_name
from chronique.documents.jsonl import jsonl_documents, read_lines, split_lines
from chronique.documents.model import Document, Problem, emptiness, make_document

__all__ = ["Document", "Problem", "make_document", "read_inputs"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
MAX_BYTES = 50_000_000


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
            yield from _from_folder(path, published)
        else:
            yield from _from_path(path, published)


def _from_folder(folder: Path, published: str | None) -> Iterator[Document | Problem]:
    """Every file under ``folder`` (hidden files left out), in path order; a subfolder that
    cannot be listed, a broken link and a folder with no file at all are problems."""
    problems: list[Problem] = []

    def unlistable(exc: OSError) -> None:
        problems.append(Problem(display_name(str(exc.filename or folder)),
                                f"unreadable folder ({exc.strerror or exc})"))

    files = []
    for root, dirs, names in os.walk(folder, onerror=unlistable):
        dirs.sort()
        files.extend(Path(root) / n for n in names if not n.startswith("."))
    yield from problems
    if not files and not problems:
        yield Problem(display_name(str(folder)), "empty folder (no files)")
    for sub in sorted(files):
        if sub.is_symlink() and not sub.exists():
            yield Problem(display_name(str(sub)), "no such file (broken link)")
        elif not sub.is_dir():
            yield from _from_path(sub, published)


def _from_path(path: Path, published: str | None) -> Iterator[Document | Problem]:
    name = display_name(str(path))
    if not path.exists():
        yield Problem(name, "no such file")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _from_jsonl(path, name)
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Problem(name, f"file too large ({size} bytes > {MAX_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(name, f"unreadable ({exc.strerror or exc})")
        return
    yield from _from_bytes(display_name(path.stem), name, data, published, path.suffix.lower())


def _from_jsonl(path: Path, name: str) -> Iterator[Document | Problem]:
    """A JSON Lines file, streamed: any size, each line at most ``MAX_BYTES``."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(8192)
            if decode(head)[0] is None:
                yield Problem(name, decode(head)[1] or "unreadable", doc_id=path.stem)
                return
            stream.seek(0)
            yield from jsonl_documents(name, read_lines(stream, MAX_BYTES))
    except OSError as exc:
        yield Problem(name, f"unreadable ({exc.strerror or exc})")


def _from_bytes(doc_id: str, source: str, data: bytes, published: str | None,
                suffix: str) -> Iterator[Document | Problem]:
    text, note = decode(data)
    if text is None:
        yield Problem(source, note or "unreadable", doc_id=doc_id)
        return
    notes = (note,) if note else ()
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_documents(source, split_lines(text, notes))
        return
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and "<html" in text[:2000].lower()):
        from chronique.documents.html import extract_page

        try:
            page = extract_page(text)
        except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot read is skipped
            yield Problem(source, f"HTML page could not be read ({type(exc).__name__})",
                          doc_id=doc_id)
            return
        if not page.text.strip():
            yield Problem(source, "HTML page with no main text", doc_id=doc_id)
            return
        yield make_document(doc_id, page.text, published=published, url=page.url,
                            title=page.title, source=source, html_date=page.published,
                            notes=notes)
        return
    if not text.strip():
        yield Problem(source, emptiness(text), doc_id=doc_id)
        return
    yield make_document(doc_id, text, published=published, source=source, notes=notes)

