"""Which language a document is in: the one it declares, else langid (offline, no download).

chronique codes French. A document whose declared language is another one, or whose text
langid identifies as another language with confidence, is skipped with its language
(``--lang fr`` codes everything). Short texts are not judged (langid is unreliable on a
headline full of names: "Trump tweete contre Kim: «Fire and fury»" looks English), except
when they are not in Latin script at all. Emoji, symbols and invisible characters (zero-width
spaces, joiners) are left out of what langid reads (``words_only``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from chronique.lexicon.files import DATA_DIR, read_yaml

#: fewer letters than this and the text is not judged (unless not in Latin script)
MIN_LETTERS = 50
#: langid's normalised probability needed to call a text not French
MIN_CONFIDENCE = 0.95
#: letters of a short text that must be non-Latin for it to be judged by its script
MIN_SCRIPT_LETTERS = 12
SAMPLE_CHARS = 5000

_NAMES = {str(k): str(v) for k, v in read_yaml(DATA_DIR / "languages.yaml")["names"].items()}


def declared_language(value: object) -> str | None:
    """ISO 639-1 code of a declared language: ``fr-FR``, ``FR``, ``fra``, ``French`` -> ``fr``;
    None when nothing usable is declared."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if not code:
        return None
    return _NAMES.get(code, code)


@lru_cache(maxsize=1)
def _identifier():
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=True)


def _sample(text: str) -> str:
    if len(text) > SAMPLE_CHARS:
        half = SAMPLE_CHARS // 2  # the start and the middle: a header alone may be boilerplate
        middle = len(text) // 2
        text = text[:half] + "\n" + text[middle:middle + half]
    return words_only(text)


#: invisible format characters (zero-width space and joiners, BOM, soft hyphen, direction
#: marks) are taken out of words; symbols (emoji, flags, pictographs), private-use and
#: unassigned characters are not language and become spaces
_INVISIBLE = "Cf"
_NOT_LANGUAGE = {"So", "Sk", "Co", "Cn", "Cs"}


def words_only(text: str) -> str:
    """The text langid judges: letters, digits, punctuation and spaces. Emoji and zero-width
    characters are bytes langid's model has seen in Chinese and Maltese text: a French
    article full of them was taken for one of those."""
    if text.isascii():
        return text
    out = []
    for c in text:
        if c.isascii():
            out.append(c)
            continue
        category = unicodedata.category(c)
        if category == _INVISIBLE or c == "\ufe0f":
            continue
        out.append(" " if category in _NOT_LANGUAGE else c)
    return "".join(out)


def _latin_share(letters: list[str]) -> float:
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def identify(text: str) -> tuple[str | None, float]:
    """Language of a text and langid's confidence; ``(None, 0.0)`` when it cannot be told."""
    sample = _sample(text)
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        if len(letters) < MIN_SCRIPT_LETTERS or _latin_share(letters) >= 0.5:
            return None, 0.0
    lang, confidence = _identifier().classify(sample)
    return lang, float(confidence)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a text when langid is confident, else None (not enough to tell)."""
    lang, confidence = identify(text)
    if lang is None or confidence < MIN_CONFIDENCE:
        return None
    return lang


def language_problem(text: str, declared: object = None,
                     force_lang: str | None = None) -> str | None:
    """Why a text is not coded as French (``"not French (language: en)"``), or None."""
    if force_lang is not None:
        return None
    lang = declared_language(declared)
    if lang is not None:
        return None if lang == "fr" else f"not French (declared language: {lang})"
    lang = detect_language(text)
    if lang is not None and lang != "fr":
        return f"not French (language: {lang})"
    return None
