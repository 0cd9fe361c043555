"""Auxiliary modes of an event: negation, intended, requested, hypothetical, reported speech.

Reads ``data/fr/cues.yaml``. Given a trigger token, walks up the clause chain (infinitive and
clausal complements) to find what governs it: a verb of saying (its subject is the speaker),
an intention, a request, a condition; and looks for "ne ... pas" on the trigger's verb.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold

CHAIN_DEPS = {"xcomp", "ccomp", "advcl", "obj", "conj", "acl", "csubj"}


@dataclass(frozen=True)
class Modality:
    modality: str
    negated: bool
    speaker_token: Token | None
    rule: str | None


def _lemmas(cues: dict, key: str) -> frozenset[str]:
    return frozenset(fold(str(x)) for x in (cues.get(key) or {}).get("lemmas", []))


class ModalityReader:
    """Decide the modality, the negation and the quoted speaker of a trigger."""

    def __init__(self, lexicon: Lexicon) -> None:
        cues = lexicon.cues
        self.cues = cues
        self.saying = _lemmas(cues, "reported")
        self.adverbial = frozenset(fold(x) for x in cues.get("reported", {}).get("adverbial", []))
        self.intended = _lemmas(cues, "intended")
        self.requested = _lemmas(cues, "requested")
        self.hypothetical = _lemmas(cues, "hypothetical")
        self.marks = frozenset(fold(x) for x in cues.get("hypothetical", {}).get("marks", []))
        self.negation = _lemmas(cues, "negation")
        self.obligation = _lemmas(cues, "obligation")

    def governors(self, token: Token) -> list[Token]:
        """The chain of predicates that govern ``token`` (nearest first)."""
        out = []
        current = token
        for _ in range(6):
            if current.head.i == current.i or current.dep_ not in CHAIN_DEPS | {"parataxis"}:
                break
            if current.dep_ == "parataxis":
                break
            current = current.head
            out.append(current)
        return out

    def speaker(self, token: Token) -> Token | None:
        """The subject of the verb of saying that reports the trigger's clause, if any."""
        chain = [token, *self.governors(token)]
        for child, pred in zip(chain, chain[1:], strict=False):
            if child.dep_ == "conj":
                continue  # "a souligné ... et a appelé": coordination, not reported speech
            if fold(pred.lemma_) in self.saying and not _is_light(pred):
                return _subject(pred)
        top = chain[-1]
        for child in top.children:
            if child.dep_ == "parataxis" and fold(child.lemma_) in self.saying:
                return _subject(child)
        if top.dep_ == "parataxis" and fold(top.head.lemma_) in self.saying:
            return None
        for pred in chain:
            for child in pred.children:
                if child.dep_.startswith("obl") and any(
                        fold(c.text) in self.adverbial for c in child.children
                        if c.dep_ == "case"):
                    return child
        return None

    def __call__(self, token: Token, pattern_modality: str | None, event_type: str) -> Modality:
        negated = self.is_negated(token)
        speaker = self.speaker(token)
        modality, rule = self._mode(token, pattern_modality, event_type)
        if modality == "asserted" and speaker is not None:
            modality, rule = "reported", self.cues.get("reported", {}).get("id")
        return Modality(modality, negated, speaker, rule)

    def _mode(self, token: Token, pattern_modality: str | None, event_type: str):
        if pattern_modality:
            return pattern_modality, None
        lemma = fold(token.lemma_)
        if lemma in self.intended and event_type == "AGREE":
            # "a promis de", "s'est engagé à", "est prêt à": the trigger is the intention
            return "intended", self.cues["intended"]["id"]
        if event_type == "REQUEST":
            return "requested", self.cues["requested"]["id"]
        clause = [token, *self.governors(token)[:2]]
        for pred in clause:
            if any(c.dep_ == "mark" and fold(c.text) in self.marks for c in pred.children):
                return "hypothetical", self.cues["hypothetical"]["id"]
            if "Cnd" in pred.morph.get("Mood") and (pred.i == token.i or
                                                   fold(pred.lemma_) in self.hypothetical):
                return "hypothetical", self.cues["hypothetical"]["id"]
            aux = [c for c in pred.children if c.dep_.startswith("aux")]
            if any("Cnd" in a.morph.get("Mood") for a in aux):
                return "hypothetical", self.cues["hypothetical"]["id"]
        if "Fut" in token.morph.get("Tense") or any(
                "Fut" in a.morph.get("Tense") for a in token.children if a.dep_.startswith("aux")):
            return "intended", self.cues["intended"]["id"]
        for pred in self.governors(token)[:2]:
            low = fold(pred.lemma_)
            if low in self.requested:
                return "requested", self.cues["requested"]["id"]
            if low in self.intended or "Fut" in pred.morph.get("Tense"):
                return "intended", self.cues["intended"]["id"]
            if low in self.hypothetical and "Cnd" in pred.morph.get("Mood"):
                return "hypothetical", self.cues["hypothetical"]["id"]
            if low in self.saying:
                break
        return "asserted", None

    def is_negated(self, token: Token) -> bool:
        for pred in [token, *[g for g in self.governors(token)[:1]
                              if fold(g.lemma_) in self.intended | self.requested]]:
            words = {fold(c.text) for c in pred.children if c.dep_ in {"advmod", "det", "cc"}}
            if ("ne" in words or "n'" in words) and words & self.negation:
                return True
        return False

    def is_obligation(self, token: Token) -> bool:
        return fold(token.lemma_) in self.obligation


def _subject(pred: Token) -> Token | None:
    for child in pred.children:
        if child.dep_ in {"nsubj", "nsubj:pass", "expl:subj"}:
            return child
    return None


def _is_light(pred: Token) -> bool:
    """"faire" is a verb of saying only in "faire savoir"."""
    if fold(pred.lemma_) != "faire":
        return False
    return not any(fold(c.lemma_) == "savoir" for c in pred.children)
