"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 or latin-1,
saying so; binary content (NUL bytes, control characters) is refused.

Text that is overwhelmingly UTF-8 with a few invalid bytes (a file cut in the middle of a
character, a stray byte) stays UTF-8: the invalid bytes become U+FFFD and a note says how
many; it is never read whole as another encoding.

cp1252 and latin-1 agree on every byte outside 0x80-0x9F: text with no byte there is
called latin-1, text using cp1252's typographic characters there (’ “ ” € œ …) cp1252.
"""

from __future__ import annotations

import os
import re

#: share of control characters (other than tab, newlines, form feed) that makes text binary
MAX_CONTROL_SHARE = 0.05
_SAMPLE = 8192
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_control(c: str) -> bool:
    return (c < " " or "\x7f" <= c <= "\x9f") and c not in _ALLOWED_CONTROLS


def control_share(text: str) -> float:
    """Share of control characters in the start of ``text``."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    return sum(1 for c in sample if _is_control(c)) / len(sample)


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of a file's bytes and a note on the encoding (None when UTF-8); the text is None
    when the bytes are binary, and the note then says why."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, note = data.decode("utf-16"), "UTF-16: decoded"
        except UnicodeDecodeError:
            return None, "binary content (invalid UTF-16)"
        if "\x00" in text:
            return None, "binary content (NUL bytes)"
    elif b"\x00" in data:
        return None, "binary content (NUL bytes)"
    else:
        text, note = _decode_8bit(data)
    if control_share(text) > MAX_CONTROL_SHARE:
        return None, "binary content (control characters)"
    return text, note


def _decode_8bit(data: bytes) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if _mostly_utf8(text, bad):
        return text, f"invalid UTF-8 ({bad} byte sequence{'s' if bad > 1 else ''} replaced by U+FFFD)"
    if _C1_BYTES.search(data):
        try:
            return data.decode("cp1252"), "not UTF-8: decoded as cp1252"
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8D, ...)
            pass
    return data.decode("latin-1"), "not UTF-8: decoded as latin-1"


def _mostly_utf8(text: str, bad: int) -> bool:
    """Whether bytes that are not valid UTF-8 (``bad`` sequences, now U+FFFD in ``text``) are
    still overwhelmingly UTF-8: nearly every byte above 0x7F is part of a well-formed UTF-8
    character (a file cut in the middle of a character, a stray byte). A file in another
    encoding has no such characters: its é, è, à stand alone and are all invalid."""
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return good > 0 and bad <= max(3, good // 20)


def clean_surrogates(text: str) -> tuple[str, bool]:
    """``text`` with lone surrogates (possible in JSON ``"\\ud83d"``, not encodable) replaced
    by U+FFFD, one for one so offsets are unchanged; and whether any was replaced."""
    if not _SURROGATE.search(text):
        return text, False
    return _SURROGATE.sub("\ufffd", text), True


def display_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (surrogate-escaped by the OS layer)
    shown as ``\\xe9``, so the name can be printed and written as UTF-8."""
    if not _SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")
