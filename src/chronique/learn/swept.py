"""The swept lexicon (``data/fr/lexicon/verbs.tsv`` and ``nouns.tsv``): every frequent French
verb and every event noun with the PLOVER types it can name and the frame that selects each.
The trigger model reads it as features (``lex=`` the types a lemma can name, ``lexf=`` the
type whose frame the parse shows), so a lemma or a frame the training corpus never saw still
points the model to its type."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from chronique.events.arguments import case_word
from chronique.lexicon.forms import fold

FOLDER = Path(__file__).resolve().parent.parent / "data" / "fr" / "lexicon"
NO_EVENT = {"none", "not-a-verb"}


@lru_cache(maxsize=1)
def rows() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded lemma -> ((TYPE or none, frame), ...)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name in ("verbs.tsv", "nouns.tsv"):
        path = FOLDER / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("#") or len(cells) != 5 or cells[0] == "lemma":
                continue
            plover = cells[2].strip()
            kind = "none" if plover in NO_EVENT else plover.split("/")[0].upper()
            out[fold(cells[0].strip())].append((kind, cells[3].strip()))
    return {k: tuple(v) for k, v in out.items()}


def lexicon_features(token: Token) -> dict[str, float]:
    found = rows().get(fold(token.lemma_))
    if not found:
        return {"lex=absent": 1.0}
    out = {f"lex={kind}": 1.0 for kind, _ in found}
    for kind, frame in found:
        if kind != "none" and frame != "any" and fits(token, frame):
            out[f"lexf={kind}"] = 1.0
    return out


def fits(token: Token, frame: str) -> bool:
    """Whether the parse shows every part of a frame ("obj:grève", "obl:contre", "se+xcomp",
    "de:otage", "verb:porter", "subj:bombe", "attr:prêt", "obl:en|devant:justice")."""
    return all(_part(token, part) for part in frame.split("+") if part)


def _part(token: Token, part: str) -> bool:
    kind, _, rest = part.partition(":")
    children = list(token.children)
    if kind == "se":
        return any(fold(c.text) in {"se", "s'"} or c.dep_.startswith("expl") for c in children)
    if kind == "passive":
        return any(c.dep_ == "aux:pass" for c in children)
    if kind == "verb":
        return fold(token.head.lemma_) in _words(rest)
    deps = {"obj": ("obj", "nsubj:pass"), "subj": ("nsubj",), "xcomp": ("xcomp",),
            "attr": ("xcomp", "obj", "amod", "acl")}.get(kind)
    if deps is not None:
        words = _words(rest)
        return any(c.dep_ in deps and (not words or "person" in words
                                       or fold(c.lemma_) in words) for c in children)
    if kind == "obl":
        preps, _, nouns = rest.partition(":")
        return _prepositional(children, _words(preps), _words(nouns))
    if kind in {"de", "contre", "avec", "pour", "a", "à", "en", "sur"}:
        return _prepositional(children, {fold(kind)}, _words(rest))
    return False


def _words(cell: str) -> set[str]:
    return {fold(w) for w in cell.split("|") if w}


def _prepositional(children: list[Token], preps: set[str], nouns: set[str]) -> bool:
    return any(c.dep_.startswith(("obl", "nmod")) and (not preps or case_word(c) in preps)
               and (not nouns or fold(c.lemma_) in nouns) for c in children)
