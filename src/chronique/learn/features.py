"""Features of a candidate predicate, read from the parse (one function, shared by training
and coding so the two can never drift).

A candidate is a verb, a noun or an adjective (past participles the parser tags ADJ). Its
features: lemma and form, part of speech, dependency frame (each dependent's relation, its
preposition and lemma, also tied to the candidate's lemma), head, tense and mood, negation,
reflexive, what the rule lexicon says of it (the pattern's type and id, or none), and what
the swept lexicon says of its lemma and frame (``swept.py``).
"""

from __future__ import annotations

import numpy
from spacy.tokens import Token

from chronique.events.arguments import case_word
from chronique.events.morph import participle_like
from chronique.events.triggers import Trigger
from chronique.lang import words
from chronique.learn.swept import lexicon_features
from chronique.lexicon.forms import fold

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
SKIPPED_DEPS = frozenset({"punct", "det", "cc"})
VECTOR_SIZE = 300
MORPH_KEYS = ("VerbForm", "Tense", "Mood", "Number")
NEGATIONS = words("negation_words")


def is_candidate(token: Token) -> bool:
    """Whether the token may carry an event: a verb, a noun, or an adjective that is a past
    participle ("exigé" tagged ADJ; never "nouvelle", "militaire"); never a stop word."""
    return token.pos_ in CANDIDATE_POS and not token.is_stop and len(token.text) > 2 and (
        token.pos_ != "ADJ" or participle_like(token))


def position(index: int, count: int) -> str:
    """Where a sentence stands in its document: alone (also when the count is not known),
    first (a headline or a lead), second (a lead) or further (body: background, reactions,
    analysis). The combination policy reads it (``Policy.veto_single``)."""
    if count <= 1:
        return "single"
    return "first" if index == 0 else "second" if index == 1 else "body"


def token_features(token: Token, rule: Trigger | None, embedded: bool = False
                   ) -> dict[str, float]:
    """The sparse features of one candidate, as ``name -> 1.0``; ``embedded``: the rules
    found the candidate inside another trigger's phrase (``coding/triggers.py``
    ``suppressed``: "a promis de poursuivre l'aide")."""
    lemma = fold(token.lemma_)
    head = token.head
    head_lemma = fold(head.lemma_)
    out = {f"l={lemma}": 1.0, f"pos={token.pos_}": 1.0, f"dep={token.dep_}": 1.0,
           f"l|pos={lemma}|{token.pos_}": 1.0, f"suffix={fold(token.text)[-4:]}": 1.0,
           f"hl={head_lemma}": 1.0, f"hpos={head.pos_}": 1.0}
    morph = token.morph.to_dict()
    for key in MORPH_KEYS:
        for value in morph.get(key, "").split(","):
            if value:
                out[f"{key}={value}"] = 1.0
    if rule is None:
        out["rule=none"] = 1.0
    else:
        out[f"rule={rule.pattern.type}"] = 1.0
        out[f"rule_id={rule.pattern.id}"] = 1.0
    if embedded:
        out["embedded"] = 1.0
        out[f"embedded|dep={token.dep_}"] = 1.0
        out[f"embedded|hl={head_lemma}"] = 1.0
    for child in token.children:
        out.update(_child_features(lemma, child))
    if head.i != token.i:
        out[f"hdep={token.dep_}|{head_lemma}"] = 1.0
    out.update(lexicon_features(token))
    return out


def _child_features(lemma: str, child: Token) -> dict[str, float]:
    dep = child.dep_
    if dep in SKIPPED_DEPS:
        return {}
    word = fold(child.lemma_)
    if word in NEGATIONS or fold(child.text) in NEGATIONS:
        return {"neg": 1.0}
    if word in {"se", "soi"} or dep.startswith("expl"):
        return {"refl": 1.0, f"l+refl={lemma}": 1.0}
    if dep.startswith("aux"):
        return {f"{dep}={word}": 1.0}
    case = case_word(child)
    return {f"c={dep}:{case}": 1.0, f"c={dep}:{case}={word}": 1.0,
            f"l+c={lemma}|{dep}:{case}": 1.0, f"l+c={lemma}|{dep}:{case}={word}": 1.0}


def token_vector(token: Token) -> numpy.ndarray:
    """The token's word vector (``fr_core_news_md``), unit length; zeros when it has none."""
    return token_vectors([token])[0]


def token_vectors(tokens: list[Token]) -> numpy.ndarray:
    """The word vectors (``fr_core_news_md``) of several tokens of one vocabulary, unit
    length; zeros for a token without one. Each word's vector is read from the table once
    (``_UNIT``: words repeat from sentence to sentence)."""
    if not tokens:
        return numpy.zeros((0, VECTOR_SIZE), dtype="float32")
    table = tokens[0].vocab.vectors
    if table.shape[1] != VECTOR_SIZE or table.shape[0] == 0:
        return numpy.zeros((len(tokens), VECTOR_SIZE), dtype="float32")
    cache = _UNIT.setdefault(id(table), {})
    missing = list({t.orth for t in tokens if t.orth not in cache})
    if missing:
        if len(cache) > MAX_CACHED:
            cache.clear()
        cache.update(zip(missing, _unit_rows(table, missing), strict=True))
    return numpy.stack([cache[t.orth] for t in tokens])


#: unit word vectors by table and word (``token_vectors``), and how many a table keeps
_UNIT: dict[int, dict[int, numpy.ndarray]] = {}
MAX_CACHED = 200_000


def _unit_rows(table, orths: list[int]) -> numpy.ndarray:
    rows = numpy.asarray(table.find(keys=orths))
    out = numpy.asarray(table.data)[numpy.maximum(rows, 0)].astype("float32")
    out[rows < 0] = 0.0
    norms = numpy.linalg.norm(out, axis=1, keepdims=True)
    return numpy.divide(out, norms, out=out, where=norms > 0)
