"""Verb morphology the parser gets wrong: lemmas of participles and present forms, and the
future and conditional read from the verb's ending.

spaCy's French model often leaves a past participle as an adjective with itself as lemma
("a gelé" -> ADJ "gelé"), lemmatises a verb as a noun ("compte" for "compter") and tags
future forms as present ("livreront": Tense=Pres). These helpers give the plausible
infinitives of a verb form and its tense from the ending, checked against the lemma.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from chronique.lang import table
from chronique.lexicon.forms import fold

_MORPHOLOGY = table("morphology")
FUTURE_ENDINGS = tuple(_MORPHOLOGY["future_endings"])
CONDITIONAL_ENDINGS = tuple(_MORPHOLOGY["conditional_endings"])
# future stems that are not the infinitive (folded)
IRREGULAR_STEMS = dict(_MORPHOLOGY["irregular_future_stems"])
STEM_SUFFIXES = tuple((suffix, infinitive)
                      for suffix, infinitive in _MORPHOLOGY["future_stem_suffixes"])
PARTICIPLE = re.compile(r"(ee?s?|ie?s?|ue?s?)$")


def _stem_lemmas(stem: str) -> set[str]:
    """Infinitives whose future stem is ``stem`` ("livrer" -> livrer, "prendr" -> prendre)."""
    out = {stem, stem + "e"}
    if stem in IRREGULAR_STEMS:
        out.add(IRREGULAR_STEMS[stem])
    for suffix, infinitive in STEM_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            out.add(stem[: -len(suffix)] + infinitive)
    collapsed = re.sub(r"(ll|tt)er$", lambda m: m.group(1)[0] + "er", stem)
    out.add(collapsed)
    return out


@lru_cache(maxsize=50_000)
def _ending_tense(form: str, lemma: str) -> str | None:
    for tense, endings in (("Cnd", CONDITIONAL_ENDINGS), ("Fut", FUTURE_ENDINGS)):
        for ending in endings:
            if form.endswith(ending) and len(form) > len(ending) + 1:
                stem = form[: -len(ending)]
                if stem.endswith("r") and lemma in _stem_lemmas(stem):
                    return tense
    return None


def form_tense(token: Token) -> str | None:
    """"Fut", "Cnd" or None for one verb form (morphology first, then its ending)."""
    if "Cnd" in token.morph.get("Mood"):
        return "Cnd"
    if "Fut" in token.morph.get("Tense"):
        return "Fut"
    if (token.pos_ not in {"VERB", "AUX"} and not verbal_noun(token)) or \
            token.morph.get("VerbForm") not in ([], ["Fin"]):
        return None
    form = fold(token.text)
    for lemma in lemma_keys(token, guess_tense=False):
        tense = _ending_tense(form, lemma)
        if tense:
            return tense
    return None


def clause_tense(token: Token) -> tuple[str | None, bool]:
    """The tense of a predicate: ("Fut" | "Cnd" | None, whether it is carried by an
    auxiliary, i.e. a compound tense: "aurait déployé")."""
    tense = form_tense(token)
    if tense:
        return tense, False
    for child in token.children:
        if child.dep_ in {"aux:tense", "aux:pass", "aux", "cop"}:
            tense = form_tense(child)
            if tense:
                return tense, child.dep_ != "cop"
    return None, False


def lemma_keys(token: Token, guess_tense: bool = True) -> set[str]:
    """Folded lemmas a token may have: spaCy's, the text, and for verb forms (and
    participles tagged as adjectives) the infinitive the ending points to."""
    lemma, text = fold(token.lemma_), fold(token.text)
    keys = {lemma, text}
    if verbal_noun(token):
        for ending in ("ent", "es", "e"):
            if text.endswith(ending):
                keys.add(text[: -len(ending)] + "er")
                break
        for ending in (*CONDITIONAL_ENDINGS, *FUTURE_ENDINGS):
            if text.endswith(ending) and text[: -len(ending)].endswith("r"):
                keys.update(_stem_lemmas(text[: -len(ending)]))  # "boycotteraient"
        return keys
    if token.pos_ not in {"VERB", "AUX", "ADJ"}:
        return keys
    if token.pos_ == "ADJ" and not participle_like(token):
        return keys
    if lemma.endswith(("er", "ir", "re", "oir")) and token.pos_ != "ADJ":
        if token.pos_ == "VERB" and not lemma.endswith("er") and text.endswith(("ent", "e")):
            # "pressent" lemmatised "pressentir": also the -er verb of the same form
            keys.add(text[: -3 if text.endswith("ent") else -1] + "er")
        return keys
    for word in {lemma, text}:
        match = PARTICIPLE.search(word)
        if match:
            stem = word[: match.start()]
            ending = match.group(1)[0]
            if ending == "e":
                keys.add(stem + "er")
            elif ending == "i":
                keys.add(stem + "ir")
            else:
                keys.update({stem + "re", stem + "ir", stem + "oir"})
        for ending in ("ent", "es", "e"):
            if token.pos_ != "ADJ" and word.endswith(ending):
                keys.add(word[: -len(ending)] + "er")
                break
    if guess_tense:
        for ending in (*CONDITIONAL_ENDINGS, *FUTURE_ENDINGS):
            if text.endswith(ending) and text[: -len(ending)].endswith("r"):
                keys.update(_stem_lemmas(text[: -len(ending)]))
    return keys


def participle_like(token: Token) -> bool:
    """An adjective that is a verb's past participle: it has an auxiliary ("a gelé", "ont
    été gelés"), shares one with the participle it is coordinated to ("a menacé ... et
    exigé"), or is a participle by its morphology."""
    if "Part" in token.morph.get("VerbForm"):
        return True
    if any(c.dep_ in {"aux:tense", "aux:pass"} for c in token.children):
        return True
    # "a menacé ... et exigé que ...": a conjunct sharing the participle's auxiliary
    head = token.head
    return token.dep_ == "conj" and head.i != token.i and head.pos_ in {"VERB", "ADJ"} and \
        "Part" in head.morph.get("VerbForm") and any(
            c.dep_ in {"aux:tense", "aux:pass"} for c in head.children)


def verbal_noun(token: Token) -> bool:
    """A present-tense verb the parser tagged as a noun or adjective ("Le président turc
    menace de ...", "Le Mexique somme ..."): it has a subject of its own and no article."""
    if token.pos_ not in {"NOUN", "ADJ"} or not token.text.islower():
        return False
    children = list(token.children)
    if any(c.dep_ in {"det", "case", "det:poss"} for c in children):
        return False
    return any(c.dep_ in {"nsubj", "expl:subj"} and c.i < token.i for c in children)
