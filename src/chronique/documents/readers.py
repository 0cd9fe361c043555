"""Read inputs: ``.txt``, ``.html``, ``.jsonl``, folders (recursively) and ``-`` (stdin).

Every input becomes a ``Document`` or a ``Problem`` (what could not be read and why); a run
never stops on a bad input. Text that is not UTF-8 is decoded as cp1252/latin-1 and the
document says so.

Only regular files are read: a FIFO, a socket or a device (given by name or found in a
folder) is a problem, never opened for reading. What is an article is decided by the file's
extension and its first bytes (``documents/sniff.py``): a table, a PDF, a JSON document that
is not JSON Lines are skipped, saying so.

A document's id is its JSON Lines ``id``, else the file's path relative to the folder given
on the command line, without its extension (``a/report`` for ``d/a/report.txt`` read from
``d``; ``report`` for ``d/a/report.txt`` given by name); a JSON Lines record without an id is
``<file id>-<line>``.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from chronique.documents.decode import decode, display_name
from chronique.documents.jsonl import jsonl_documents, read_lines, split_lines
from chronique.documents.model import Document, Problem, emptiness, make_document
from chronique.documents.sniff import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    kind_of,
    looks_like_jsonl,
)

__all__ = ["HTML_SUFFIXES", "JSONL_SUFFIXES", "TEXT_SUFFIXES", "Document", "Problem",
           "file_id", "looks_like_jsonl", "make_document", "read_inputs", "special_kind"]

MAX_BYTES = 50_000_000
_HEAD = 8192


def read_inputs(inputs: Iterable[str], *, published: str | None = None,
                stdin=None) -> Iterator[Document | Problem]:
    """Documents of every input, in order; problems in their place."""
    for name in inputs:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            yield from _from_bytes("stdin", "<stdin>", data, published, "text")
            continue
        path = Path(name)
        if path.is_dir():
            yield from _from_folder(path, published)
        else:
            yield from _from_path(path, published, display_name(path.stem))


def file_id(path: Path, root: Path) -> str:
    """The id of a file read from the folder ``root``: its relative path, ``/`` between
    folders, without the extension (``a/report`` for ``root/a/report.txt``)."""
    relative = path.relative_to(root)
    return display_name(relative.with_name(relative.stem).as_posix())


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
            yield from _from_path(sub, published, file_id(sub, folder))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (``FIFO``, ``socket``, ...), else None."""
    for test, kind in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISDIR, "folder")):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def _open_regular(path: Path, name: str):
    """The file open for reading (binary) and its size, or the problem that stops it: only a
    regular file is opened, and without blocking (a FIFO swapped in after the check fails
    ``fstat`` instead of waiting for a writer)."""
    try:
        kind = special_kind(os.stat(path).st_mode)
        if kind is not None:
            return None, Problem(name, f"not a regular file ({kind})")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, Problem(name, f"unreadable ({exc.strerror or exc})")
    info = os.fstat(fd)
    kind = special_kind(info.st_mode)
    if kind is not None:
        os.close(fd)
        return None, Problem(name, f"not a regular file ({kind})")
    return os.fdopen(fd, "rb"), info.st_size


def _from_path(path: Path, published: str | None, doc_id: str
               ) -> Iterator[Document | Problem]:
    name = display_name(str(path))
    if not path.exists() and not path.is_symlink():
        yield Problem(name, "no such file")
        return
    stream, size = _open_regular(path, name)
    if stream is None:
        yield size
        return
    with stream:
        try:
            head = stream.read(_HEAD)
        except OSError as exc:
            yield Problem(name, f"unreadable ({exc.strerror or exc})")
            return
        kind = kind_of(path.suffix.lower(), head)
        if kind.startswith("not an article"):
            yield Problem(name, kind, doc_id=doc_id)
            return
        if kind == "jsonl":
            yield from _from_jsonl(stream, head, name, doc_id)
            return
        if size > MAX_BYTES:
            yield Problem(name, f"file too large ({size} bytes > {MAX_BYTES})")
            return
        try:
            data = head + stream.read(MAX_BYTES + 1 - len(head))
        except OSError as exc:
            yield Problem(name, f"unreadable ({exc.strerror or exc})")
            return
    yield from _from_bytes(doc_id, name, data, published, kind)


def _from_jsonl(stream, head: bytes, name: str, doc_id: str) -> Iterator[Document | Problem]:
    """A JSON Lines file, streamed: any size, each line at most ``MAX_BYTES``."""
    text, note = decode(head)
    if text is None:
        yield Problem(name, note or "unreadable", doc_id=doc_id)
        return
    try:
        stream.seek(0)
        yield from jsonl_documents(name, read_lines(stream, MAX_BYTES), file_id=doc_id)
    except OSError as exc:
        yield Problem(name, f"unreadable ({exc.strerror or exc})")


def _from_bytes(doc_id: str, source: str, data: bytes, published: str | None,
                kind: str) -> Iterator[Document | Problem]:
    """The document(s) of bytes read whole; ``kind`` as ``sniff.kind_of`` says."""
    text, note = decode(data)
    if text is None:
        yield Problem(source, note or "unreadable", doc_id=doc_id)
        return
    notes = (note,) if note else ()
    if kind == "jsonl":
        yield from jsonl_documents(source, split_lines(text, notes), file_id=doc_id)
        return
    if kind == "html" or (kind == "other" and "<html" in text[:2000].lower()):
        yield from _from_html(doc_id, source, text, published, notes)
        return
    if not text.strip():
        yield Problem(source, emptiness(text), doc_id=doc_id)
        return
    yield make_document(doc_id, text, published=published, source=source, notes=notes)


def _from_html(doc_id: str, source: str, text: str, published: str | None,
               notes: tuple[str, ...]) -> Iterator[Document | Problem]:
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

