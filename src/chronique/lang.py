"""The French the coder knows, and its numeric settings: data files, each read once.

- ``words(name)``: ``data/fr/words/<name>.txt`` (one word or phrase a line, ``#`` comments)
  as a frozenset of folded forms; ``ordered(name)`` the same words in file order.
- ``table(name)``: ``data/fr/<name>.yaml`` (word tables: dates, morphology, recoding rules).
- ``setting(section, key)``: ``data/coder.yaml``, the coder's weights, thresholds and depths.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from chronique.lexicon.files import DATA_DIR, read_yaml
from chronique.lexicon.forms import fold

WORDS_DIR = DATA_DIR / "fr" / "words"


@cache
def ordered(name: str) -> tuple[str, ...]:
    """The folded words of ``data/fr/words/<name>.txt``, in file order."""
    lines = (WORDS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(fold(line.strip()) for line in lines
                 if line.strip() and not line.lstrip().startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """The folded words of ``data/fr/words/<name>.txt``."""
    return frozenset(ordered(name))


@cache
def table(name: str) -> Any:
    """``data/fr/<name>.yaml`` as read (callers must not change it)."""
    return read_yaml(DATA_DIR / "fr" / f"{name}.yaml")


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    return read_yaml(DATA_DIR / "coder.yaml")


def setting(section: str, key: str) -> Any:
    """One value of ``data/coder.yaml`` (``setting("confidence", "both_sides")``)."""
    return _settings()[section][key]
