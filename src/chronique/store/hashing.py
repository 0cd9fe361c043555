"""What identifies a coding: the content hash of a document and the coder version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from chronique.documents.readers import Document
from chronique.version import __version__


def content_hash(document: Document) -> str:
    """SHA-256 of everything in a document that the coder reads (text and metadata)."""
    payload = json.dumps([document.text, document.published, document.url, document.title,
                          document.lang], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def coder_version(lexicons: Iterable[Path] = ()) -> str:
    """The chronique version, plus a fingerprint of the user lexicons laid over the data."""
    digest = hashlib.sha256()
    files = sorted(p for folder in lexicons for p in Path(folder).rglob("*") if p.is_file())
    if not files:
        return __version__
    for path in files:
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return f"{__version__}+lex.{digest.hexdigest()[:10]}"
