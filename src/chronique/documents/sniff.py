"""What a file is, from its extension and its first bytes: an article (plain text, HTML), a
JSON Lines file of articles, or something else that is skipped, saying what it is.

- ``.txt``, ``.text``, ``.md``: text; ``.html``, ``.htm``, ``.xhtml``: a web page;
- ``.jsonl``, ``.ndjson``: JSON Lines; ``.json``: JSON Lines when its first line is a JSON
  object with a ``"text"``, else a JSON document (an export, a configuration) that is skipped;
- no extension: JSON Lines or a web page when it starts like one, else text;
- any other extension: a web page when it starts like one, binary content when it is, else
  skipped (a table, a spreadsheet export, a source file: ``.csv``, ``.tsv``, ``.xml``, ...);
- a PDF (``%PDF-``) is skipped whatever its name: its text must be extracted first.
"""

from __future__ import annotations

import json

from chronique.documents.decode import decode

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READ = ".txt, .md, .html, .jsonl"


def looks_like_jsonl(head: bytes) -> bool:
    """Whether a file starting with ``head`` is JSON Lines of documents: its first line is a
    JSON object with a ``"text"`` (or is too long to end within ``head``, and starts one)."""
    text, _ = decode(head)
    if text is None:
        return False
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("{"):
        return False
    line, newline, _rest = stripped.partition("\n")
    if not newline and len(head) >= 4096:
        return '"text"' in line
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record


def _looks_like_html(head: bytes) -> bool:
    start = head[:2000].lower()
    return b"<html" in start or b"<!doctype html" in start


def kind_of(suffix: str, head: bytes) -> str:
    """``text``, ``html``, ``jsonl``, ``other`` (read it and see: binary content or a web
    page) or the reason the file is not read (``not an article (...)``)."""
    if head.startswith(b"%PDF-"):
        return "not an article (PDF document: extract its text first)"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "jsonl" if looks_like_jsonl(head) else (
            'not an article (JSON document, not JSON Lines of {"id", "text"} records)')
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == "":
        if looks_like_jsonl(head):
            return "jsonl"
        return "html" if _looks_like_html(head) else "text"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if _looks_like_html(head) or decode(head)[0] is None:
        return "other"
    return f"not an article ({suffix} file; chronique reads {READ})"
