"""French surface forms: accent folding and inflection derived from one base form."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "–": "-", "‑": "-"})
_LIGATURES = {"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"}


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, strip accents, normalise apostrophes and ligatures.

    >>> fold("États-Unis d’Amérique")
    "etats-unis d'amerique"
    """
    text = text.translate(_APOSTROPHES)
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def adjective_forms(masc: str, fem: str = "", plural_irregular: str = "") -> set[str]:
    """The four forms of a French adjective from its masculine and feminine singular.

    >>> sorted(adjective_forms("malien", "malienne"))
    ['malien', 'malienne', 'maliennes', 'maliens']
    """
    fem = fem or masc
    forms = {masc, fem, fem + "s" if not fem.endswith("s") else fem}
    if plural_irregular:
        forms.update(p.strip() for p in plural_irregular.split("|") if p.strip())
    elif masc.endswith(("s", "x")):
        forms.add(masc)
    elif masc.endswith("al"):
        forms.add(masc[:-2] + "aux")
    else:
        forms.add(masc + "s")
    return {f for f in forms if f}


def noun_plural(word: str) -> str:
    """Regular plural of a French noun (enough for titles and group nouns)."""
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "eu")):
        return word + "x"
    return word + "s"
