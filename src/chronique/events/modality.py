"""Auxiliary modes of an event: negation, intended, requested, hypothetical, reported speech.

Reads ``data/fr/cues.yaml``. Given a trigger token, walks up the clause chain (infinitive and
clausal complements) to find what governs it: a verb of saying (its subject is the speaker),
an intention, a request, a condition; and looks for "ne ... pas" on the trigger's verb.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from chronique.events.morph import clause_tense, lemma_keys, verbal_noun
from chronique.lang import setting, words
from chronique.lexicon import Lexicon
from chronique.lexicon.forms import fold

CHAIN_DEPS = {"xcomp", "ccomp", "advcl", "obj", "conj", "acl", "csubj"}
DENIAL = words("denial_verbs")
ADMITTING = words("admitting_verbs")
NO_DETERMINERS = words("no_determiners")


@dataclass(frozen=True)
class Modality:
    modality: str
    negated: bool
    speaker_token: Token | None
    rule: str | None
    announced: bool = False  # a conditional in reported speech: "a annoncé qu'il bloquerait"


class ModalityReader:
    """Decide the modality, the negation and the quoted speaker of a trigger."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.cues = lexicon.cues
        words = lexicon.cue_words
        self.saying = words("reported")
        self.adverbial = words("reported", "adverbial")
        self.intended = words("intended")
        self.requested = words("requested")
        self.hypothetical = words("hypothetical")
        self.marks = words("hypothetical", "marks")
        self.negation = words("negation")
        self.obligation = words("obligation")

    def governors(self, token: Token) -> list[Token]:
        """The chain of predicates that govern ``token`` (nearest first)."""
        out = []
        current = token
        for step in range(setting("depths", "governors")):
            deps = CHAIN_DEPS | ({"nmod"} if step == 0 and verbal_noun(current) else set())
            if current.head.i == current.i or current.dep_ not in deps | {"parataxis"}:
                break
            if current.dep_ == "parataxis":
                break
            current = current.head
            out.append(current)
        return out

    def speaker(self, token: Token) -> Token | None:
        """The subject of the verb of saying that reports the trigger's clause, if any."""
        return self.report(token)[1]

    def _says(self, pred: Token) -> bool:
        keys = lemma_keys(pred)
        if "savoir" in keys and any(fold(c.lemma_) == "faire" for c in pred.children):
            return True  # "ont fait savoir que", parsed with "savoir" as the head
        if keys & ADMITTING:
            # "a reconnu que ...": admitting is saying; "reconnaître un État" is an event
            return any(c.dep_ == "ccomp" for c in pred.children)
        return bool(keys & self.saying) and not _is_light(pred)

    def report(self, token: Token) -> tuple[bool, Token | None]:
        """Whether the trigger's clause is reported speech, and the speaker's token: the
        subject of the verb of saying (also when inverted: "..., a affirmé Addis-Abeba"),
        a denial ("a démenti avoir ..."), or a "selon" / "d'après" phrase."""
        chain = [token, *self.governors(token)]
        for child, pred in zip(chain, chain[1:], strict=False):
            if child.dep_ == "conj":
                continue  # "a souligné ... et a appelé": coordination, not reported speech
            if self._says(pred) or lemma_keys(pred) & DENIAL:
                return True, _subject(pred) or _inverted_subject(pred)
        top = chain[-1]
        for child in top.children:
            if child.dep_ == "parataxis" and self._says(child):
                return True, _subject(child) or _inverted_subject(child)
        for pred in chain:
            for child in pred.children:
                # "..., insiste le ministère": an inverted verb of saying after a comma
                if child.i > token.i and child.dep_ in {"advmod", "dep", "conj", "advcl"} and \
                        child.pos_ == "VERB" and self._says(child) and \
                        child.doc[child.left_edge.i - 1].text == "," and _subject(child) is None:
                    return True, _inverted_subject(child)
        if top.dep_ == "parataxis" and self._says(top.head):
            return True, _subject(top.head) or _inverted_subject(top.head)
        for pred in chain:
            for child in pred.children:
                if child.dep_.startswith("obl") and any(
                        _case_text(c) in self.adverbial for c in child.children
                        if c.dep_ == "case"):
                    return True, child
        return False, None

    def __call__(self, token: Token, pattern_modality: str | None, event_type: str) -> Modality:
        negated = self.is_negated(token)
        reported, speaker = self.report(token)
        modality, rule = self._mode(token, pattern_modality, event_type, reported)
        if modality == "asserted" and reported:
            modality, rule = "reported", self.cues.get("reported", {}).get("id")
        tense, compound = clause_tense(token)
        announced = tense == "Cnd" and not compound and reported and self._said_by(token)
        return Modality(modality, negated, speaker, rule, announced)

    def _mode(self, token: Token, pattern_modality: str | None, event_type: str,
              reported: bool = False):
        if pattern_modality:
            return pattern_modality, None
        keys = lemma_keys(token)
        hyp, intended = self.cues["hypothetical"]["id"], self.cues["intended"]["id"]
        if keys & self.intended and event_type == "AGREE":
            # "a promis de", "s'est engagé à", "est prêt à": the trigger is the intention
            return "intended", intended
        if event_type == "REQUEST":
            return "requested", self.cues["requested"]["id"]
        token = _predicate(token)
        governors = self.governors(token)
        for pred in [token, *governors[:2]]:
            if any(c.dep_ == "mark" and fold(c.text) in self.marks for c in pred.children):
                return "hypothetical", hyp
            if pred.i != token.i and self._says(pred):
                break
        tense, compound = clause_tense(token)
        if tense == "Cnd":
            if compound and reported:
                # "aurait déployé ..., selon des experts": the journalistic conditional
                return "reported", self.cues.get("reported", {}).get("id")
            if not compound and reported and self._said_by(token):
                # "a annoncé qu'il boycotterait": the future of the past, an intention
                return "intended", intended
            return "hypothetical", hyp
        if tense == "Fut":
            return "intended", intended
        for pred in governors[:2]:
            low = lemma_keys(pred)
            gtense, _ = clause_tense(pred)
            if low & self.requested:
                return "requested", self.cues["requested"]["id"]
            if low & self.hypothetical and gtense == "Cnd":
                return "hypothetical", hyp
            if low & self.intended or gtense == "Fut":
                return "intended", intended
            if gtense == "Cnd" and not self._says(pred):
                return "hypothetical", hyp
            if self._says(pred):
                break
        return "asserted", None

    def _said_by(self, token: Token) -> bool:
        """The trigger's clause is the complement of a verb of saying ("a annoncé que ...")."""
        current = token
        for _ in range(setting("depths", "said_by")):
            if current.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "nmod"} or \
                    current.head.i == current.i:
                return False
            current = current.head
            if self._says(current):
                return True
        return False

    def is_negated(self, token: Token) -> bool:
        if token.pos_ in {"NOUN", "PROPN"}:
            if any(c.dep_ == "det" and fold(c.text) in NO_DETERMINERS | words("no_determiners_formal")
                   for c in token.children):
                return True  # "aucune arrestation", "aucune aide n'a été envoyée"
            verb = _predicate(token)
            if verb.i != token.i and (token.dep_ not in {"nsubj", "nsubj:pass"} or any(
                    fold(c.lemma_) == "lieu" for c in verb.children) or fold(verb.lemma_) in words(
                    "taking_place_verbs")):
                # "n'a pas participé aux manœuvres"; "la rencontre n'a pas eu lieu", but not
                # "l'attaque n'a fait aucune victime"
                return self._negated_verb(verb)
        elif any(g.dep_ == "det" and fold(g.text) in NO_DETERMINERS
                 for c in token.children if c.dep_ in {"obj", "nsubj:pass"}
                 or c.dep_.startswith("obl") for g in c.children):
            return True  # "Aucune aide n'a été envoyée", "n'a procédé à aucune arrestation"
        return self._negated_verb(token)

    def _negated_verb(self, token: Token) -> bool:
        governors = self.governors(token)[:1]
        if governors and lemma_keys(governors[0]) & DENIAL:
            return True  # "a démenti avoir mobilisé des troupes"
        for pred in [token, *[g for g in governors
                              if lemma_keys(g) & (self.intended | self.requested)]]:
            words = {fold(c.text) for c in pred.children if c.dep_ in {"advmod", "det", "cc"}}
            if ("ne" in words or "n'" in words) and words & self.negation:
                return True
        return False

    def is_obligation(self, token: Token) -> bool:
        return bool(lemma_keys(token) & self.obligation)


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


def _inverted_subject(pred: Token) -> Token | None:
    """The subject after its verb ("..., a affirmé le ministre", "insiste le ministère"),
    which the parser takes for an object or cuts off as a fragment."""
    for child in pred.children:
        if child.i > pred.i and child.pos_ in {"NOUN", "PROPN"} and child.dep_ in {
                "obj", "nsubj", "obl:mod", "appos", "dep", "iobj", "nmod"}:
            return child
    doc = pred.doc
    for i in range(pred.i + 1, min(pred.i + 5, len(doc))):
        if doc[i].pos_ in {"NOUN", "PROPN"}:
            return doc[i]
        if doc[i].pos_ in {"VERB", "PUNCT"} and doc[i].text not in {"-", "'"}:
            break
    return None


def _case_text(case: Token) -> str:
    """A preposition with its fixed parts: "d'" + "après" -> "d'après"."""
    return fold(case.text + "".join((" " if not case.text.endswith("'") else "") + f.text
                                    for f in case.children if f.dep_ == "fixed")).replace(
        "' ", "'")


def _predicate(token: Token) -> Token:
    """The verb whose clause a noun trigger belongs to ("une rencontre pourrait avoir lieu",
    "n'a pas participé aux manœuvres", "n'ont pas fait grève"); a verb is its own."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.head.i == token.i:
        return token
    if token.dep_ in {"obj", "nsubj", "nsubj:pass", "dep"} or token.dep_.startswith("obl"):
        if token.head.pos_ in {"VERB", "AUX"}:
            return token.head
    return token
