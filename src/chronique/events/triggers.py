"""Find event triggers: verbs, verb + noun constructions, nominalisations, predicative adjectives.

Reads the trigger patterns of ``data/fr/triggers/*.yaml`` (through the Lexicon). Matching is
on spaCy lemmas, so every tense and person works. Returns ``Trigger`` objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from chronique.events.morph import lemma_keys, participle_like, verbal_noun
from chronique.lang import words
from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold

POS = {"verb": {"VERB", "AUX"}, "noun": {"NOUN", "PROPN", "X"}, "adj": {"ADJ", "VERB"}}
#: a token of any other part of speech fits no pattern (``_fits``): it is not looked up
TRIGGER_POS = frozenset().union(*POS.values())
REFLEXIVE = words("reflexive_clitics") | words("reflexive_strong")
# heads of an object that say how much, not what ("un lot de vaccins", "une partie de l'aide",
# "l'accès à Internet")
QUANTITY_OBJECTS = words("quantity_nouns")


@dataclass(frozen=True)
class Pattern:
    """A compiled trigger pattern."""

    id: str
    type: str
    lemma: str
    pos: str
    objects: frozenset[str]
    withs: frozenset[str]
    reflexive: bool
    mode: str | None
    context: tuple[str, ...]
    actor: tuple[str, ...] | None
    recipient: tuple[str, ...] | None
    reciprocal: bool
    modality: str | None
    requires: tuple[str, ...] = ()
    under: frozenset[str] = frozenset()
    phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, compare=False,
                                                           hash=False)
    example: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Trigger:
    token: Token
    pattern: Pattern
    start_token: int
    end_token: int


def compile_pattern(raw: dict[str, Any]) -> Pattern:
    lemma = fold(str(raw["lemma"]).strip())
    reflexive = False
    for prefix in ("se ", "s'"):
        if lemma.startswith(prefix):
            lemma, reflexive = lemma[len(prefix):].strip(), True
    withs = {fold(str(w)).split()[0] for w in raw.get("with") or []}
    if " " in lemma:
        lemma, *rest = lemma.split()
        withs.update(w for w in rest if len(w) > 2)
    objects = {fold(str(o)).replace("l'", "").split()[0] for o in raw.get("object") or []}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for o in raw.get("object") or []:
        first, *rest = fold(str(o)).replace("l'", "").split()
        words = tuple(w.split("'")[-1] for w in rest if len(w.split("'")[-1]) > 2)
        phrases.setdefault(first, []).append(words)

    def slots(key: str) -> tuple[str, ...] | None:
        value = raw.get(key)
        if value is None:
            return None
        return tuple([value] if isinstance(value, str) else value)

    return Pattern(
        id=raw["id"], type=str(raw["type"]).upper(), lemma=lemma, pos=raw.get("pos", "verb"),
        objects=frozenset(objects), withs=frozenset(withs), reflexive=reflexive or bool(
            raw.get("reflexive")), mode=raw.get("mode") or None,
        context=tuple(raw.get("context") or ()), actor=slots("actor"),
        recipient=slots("recipient"), reciprocal=bool(raw.get("reciprocal")),
        modality=raw.get("modality"), requires=tuple(raw.get("requires") or ()),
        under=frozenset(fold(str(u)) for u in raw.get("under") or ()),
        phrases={k: tuple(v) for k, v in phrases.items()}, example=str(raw.get("example") or ""), raw=raw)


class TriggerMatcher:
    """Match trigger patterns against the tokens of a sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.quantities = lexicon.cue_words("quantities") | QUANTITY_OBJECTS
        self.patterns = [compile_pattern(p) for p in lexicon.triggers]
        self._near_cache: dict[int, set[str]] = {}  # per call: token index -> near words
        self._index: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            self._index[pattern.lemma].append(pattern)
        for plist in self._index.values():
            # most specific first: constrained patterns before bare ones
            # ("se retirer de la Cédéao" is SANCTION before "se retirer" is RETREAT)
            plist.sort(key=lambda p: (not p.objects, not p.withs - REFLEXIVE, not p.withs,
                                      not p.reflexive, not p.under, not p.requires))

    def __call__(self, tokens) -> list[Trigger]:
        out = []
        self._near_cache = {}
        for token in tokens:
            if token.pos_ not in TRIGGER_POS:
                continue
            verbal = verbal_noun(token)
            first = fold(token.lemma_)
            for key in sorted(lemma_keys(token), key=lambda k: (
                    not k.endswith("er") if verbal else k != first, k)):
                candidates = self._index.get(key)
                if not candidates:
                    continue
                for pattern in candidates:
                    if self._fits(token, pattern):
                        out.append(self._trigger(token, pattern))
                        break
                else:
                    continue
                break
        return out

    def _fits(self, token: Token, pattern: Pattern) -> bool:
        if token.pos_ not in POS.get(pattern.pos, POS["verb"]) and not (
                pattern.pos == "verb" and (token.pos_ == "ADJ" and participle_like(token)
                                           or verbal_noun(token))):
            return False
        if pattern.pos == "verb" and token.pos_ == "AUX" and token.dep_.startswith("aux"):
            return False
        if pattern.pos == "verb" and token.dep_ == "acl" and "Part" in token.morph.get(
                "VerbForm") and "Pres" not in token.morph.get("Tense") and not any(
                c.dep_ in {"obl:agent", "aux:tense"} for c in token.children):
            # "la politique appelée ...": a participle used as an adjective; one with its
            # auxiliary is a verb the parser hung on a dateline ("BRUXELLES, 20 mai — L'UE a
            # imposé ...")
            return False
        children = list(token.children)
        if pattern.requires and not any(_has_slot(token, slot) for slot in pattern.requires):
            return False
        if pattern.reflexive and not any(
                c.lower_ in REFLEXIVE or c.dep_.startswith("expl") for c in children):
            return False
        if pattern.objects and not self._has_object(token, pattern):
            return False
        if pattern.under and (token.head.i == token.i or not lemma_keys(token.head) & pattern.under):
            return False
        if pattern.withs:
            if not pattern.withs & self._near_words(token):
                return False
        return True

    def _near_words(self, token: Token) -> set[str]:
        """Folded lemmas and forms of the words near ``token`` (computed once per token: a
        lemma may have many patterns with ``with`` words)."""
        cache = self._near_cache
        words = cache.get(token.i)
        if words is None:
            near = list(_near(token))
            words = cache[token.i] = {fold(t.lemma_) for t in near} | {fold(t.text) for t in near}
        return words

    def _has_object(self, token: Token, pattern: Pattern) -> bool:
        deps = {"obj", "nsubj:pass"} if pattern.pos == "verb" else {"nmod", "amod"}
        for child in token.children:
            if child.dep_ in deps or (pattern.pos == "verb" and child.dep_.startswith("obl")
                                      and not _circumstantial(child)) \
                    or child.dep_ == "xcomp":
                if _is_object(child, pattern):
                    return True
                for sub in child.children:
                    if sub.dep_ == "conj" and _is_object(sub, pattern):
                        return True
                if self._measured(child, pattern):
                    return True
                if fold(child.lemma_) in TIME_WORDS and any(
                        _is_object(sub, pattern) for sub in child.children
                        if sub.dep_ in {"nmod", "appos", "obj", "nmod:appos"}):
                    return True  # "a bloqué dimanche les routes": the day taken for the object
        if token.dep_ in {"obj", "nsubj:pass"} and pattern.pos == "noun":
            return fold(token.head.lemma_) in pattern.objects
        return False

    def _measured(self, head: Token, pattern: Pattern, depth: int = 3) -> bool:
        """The object behind quantity heads ("des dizaines de milliers de soldats")."""
        if depth == 0 or fold(head.lemma_) not in self.quantities:
            return False
        for sub in head.children:
            if sub.dep_ == "nmod":
                if _is_object(sub, pattern) or self._measured(sub, pattern, depth - 1):
                    return True
        return False

    def _trigger(self, token: Token, pattern: Pattern) -> Trigger:
        words = [token] + [c for c in token.children
                           if c.dep_ in {"aux:tense", "aux:pass", "aux", "cop", "expl:comp",
                                         "expl:pv", "expl"}
                           or (pattern.objects and c.dep_ in {"obj", "nsubj:pass"})]
        indices = [t.i for t in words]
        return Trigger(token, pattern, min(indices), max(indices) + 1)


TIME_WORDS = words("time_words") | words("time_periods")
CIRCUMSTANTIAL = words("circumstances") | words("circumstances_not_object")


def _circumstantial(child: Token) -> bool:
    """An oblique of time or circumstance ("durant sa rencontre", "lors du sommet"), which
    is never the object of the event ("a fait cette annonce lors de sa visite")."""
    words = {fold(c.text) for c in child.children if c.dep_ == "case"}
    words |= {fold(f.text) for c in child.children if c.dep_ == "case" for f in c.children
              if f.dep_ == "fixed"}
    return bool(words & CIRCUMSTANTIAL)


def _is_object(token: Token, pattern: Pattern) -> bool:
    """The token is one of the pattern's objects; a multi-word object ("soldat de la paix",
    "force de maintien de la paix") needs its other words in the token's phrase."""
    for word in (fold(token.lemma_), fold(token.text)):
        if word in pattern.objects:
            rests = pattern.phrases.get(word)
            if not rests or any(not rest for rest in rests):
                return True
            words = {fold(t.lemma_) for t in token.subtree} | {fold(t.text) for t in token.subtree}
            if any(all(w in words for w in rest) for rest in rests):
                return True
    return False


def _near(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        out.append(child)
        out.extend(child.children)
    return out


def _has_slot(token: Token, slot: str) -> bool:
    """Whether the trigger has a dependent of that kind ("xcomp", "obj", "obl:à", "ccomp")."""
    kind, _, prep = slot.partition(":")
    if slot == "xcomp" and any(
            g.dep_ == "acl" and "Inf" in g.morph.get("VerbForm")
            for c in token.children if c.dep_ == "obj" for g in c.children):
        return True  # "autoriser l'opposition à organiser": the parser hangs it on the object
    for child in token.children:
        if child.dep_.split(":")[0] != kind and child.dep_ != slot:
            continue
        if not prep:
            return True
        words = {fold(c.text) for c in child.children if c.dep_ in {"case", "mark"}}
        if fold(prep) in words or (fold(prep) == "a" and words & {"au", "aux"}):
            return True
    return False
