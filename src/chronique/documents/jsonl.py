"""JSON Lines inputs: one document per line, ``{"id", "text", "lang"?, "published"?, "url"?,
"title"?}``; a line that is not such a record is a problem naming its line number.

Files are read line by line (memory bounded by the longest line, not the file) and lines
end at ``\n`` only: JSON text may hold U+2028 or U+0085 raw, which ``str.splitlines``
would take for line ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from chronique.dates import date_problem
from chronique.documents.decode import clean_surrogates, control_share, decode
from chronique.documents.model import Document, Problem, emptiness, make_document

_TYPES = {int: "a number", float: "a number", bool: "a boolean", list: "a list",
          dict: "an object", type(None): "null"}


def _optional(record: dict, key: str) -> str | None:
    value = record.get(key)
    return clean_surrogates(value)[0] if isinstance(value, str) else None


def _published(record: dict) -> tuple[str | None, tuple[str, ...]]:
    """The record's ``published`` when it is a date, else None with a note saying why it was
    not used (absent, null and "" are no date, said nothing about)."""
    value = record.get("published")
    if value is None or value == "":
        return None, ()
    if not isinstance(value, str):
        kind = _TYPES.get(type(value), type(value).__name__)
        return None, (f"\"published\" ignored ({kind}, not a date)",)
    value = clean_surrogates(value)[0]
    why = date_problem(value)
    if why:
        return None, (f"\"published\" ignored ({why.replace(' (', ': ').rstrip(')')})",)
    return value, ()


def read_lines(stream: BinaryIO, max_bytes: int
               ) -> Iterator[tuple[str | None, tuple[str, ...]]]:
    """Lines of a binary stream, decoded one by one (UTF-8, else cp1252/latin-1, noted), each
    with its notes; a line of more than ``max_bytes`` is not kept (None in its place)."""
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(1 << 20)
            yield None, ()
            continue
        line = raw.rstrip(b"\r\n")
        text, note = decode(line)
        if text is None:  # NUL or control characters: the JSON check says what is wrong
            text, note = line.decode("utf-8", "replace"), None
        yield text, (note,) if note else ()


def split_lines(text: str, notes: tuple[str, ...] = ()
                ) -> Iterator[tuple[str | None, tuple[str, ...]]]:
    """Lines of a JSON Lines text, ending at ``\n`` only, each with the file's notes."""
    for line in text.split("\n"):
        yield line.removesuffix("\r"), notes


def jsonl_documents(source: str, lines: Iterable[tuple[str | None, tuple[str, ...]]],
                    file_id: str | None = None) -> Iterator[Document | Problem]:
    """Documents of a JSON Lines file's lines, problems in their place (blank lines ignored;
    a line None was too long to read). A record without an id is ``<file_id>-<line>``."""
    base = file_id if file_id is not None else Path(source).stem
    for number, (line, notes) in enumerate(lines, start=1):
        if line is None:
            yield Problem(source, "document too large (line longer than the file limit)",
                          line=number)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
            yield Problem(source, f"malformed JSON ({reason})", line=number)
            continue
        except RecursionError:
            yield Problem(source, "malformed JSON (nested too deeply)", line=number)
            continue
        except ValueError:  # an integer of thousands of digits
            yield Problem(source, "malformed JSON (number too long)", line=number)
            continue
        if not isinstance(record, dict):
            yield Problem(source, "line is not a JSON object", line=number)
            continue
        raw_id = record.get("id")
        doc_id = clean_surrogates(str(raw_id))[0] if raw_id not in (None, "") else \
            f"{base}-{number}"
        if "text" not in record:
            yield Problem(source, "no \"text\" field", line=number, doc_id=doc_id)
            continue
        body = record["text"]
        if not isinstance(body, str):
            kind = _TYPES.get(type(body), type(body).__name__)
            yield Problem(source, f"\"text\" is not a string ({kind})", line=number,
                          doc_id=doc_id)
            continue
        if not body.strip():
            yield Problem(source, emptiness(body), line=number, doc_id=doc_id)
            continue
        if "\x00" in body:
            yield Problem(source, "binary content (NUL bytes)", line=number, doc_id=doc_id)
            continue
        if control_share(body) > 0.05:
            yield Problem(source, "binary content (control characters)", line=number,
                          doc_id=doc_id)
            continue
        body, replaced = clean_surrogates(body)
        published, date_note = _published(record)
        line_notes = notes + (("invalid Unicode: lone surrogates replaced by U+FFFD",)
                              if replaced else ()) + date_note
        yield make_document(doc_id, body, published=published,
                            url=_optional(record, "url"), title=_optional(record, "title"),
                            lang=_optional(record, "lang"), source=f"{source}:{number}",
                            notes=line_notes, line=number)
