"""Parse-tree tests the stages share (orders, governing, purpose clauses, subtree ranges)."""

from __future__ import annotations

from spacy.tokens import Token

from chronique.events.triggers import Trigger
from chronique.lang import setting, words
from chronique.lexicon.forms import fold
from chronique.nlp import Sentence

SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}
NP_HEAD_POS = {"NOUN", "PROPN", "PRON"}
MATERIAL = {"MOBILIZE", "COERCE", "ASSAULT", "SANCTION", "RETREAT", "AID"}
ORDERS = words("order_verbs")


def ordered(order: Token, trigger: Trigger) -> bool:
    """An order of a material action ("a ordonné des patrouilles", "a ordonné au journal de
    suspendre sa parution"): the action is the event, the one who orders it its actor."""
    if fold(order.lemma_) not in ORDERS or trigger.pattern.type not in MATERIAL:
        return False
    if trigger.pattern.pos == "noun":
        return True  # "a ordonné des patrouilles / l'arrestation de X / le retrait des troupes"
    # "a ordonné au journal de suspendre sa parution": a constraint on the addressee; "a
    # ordonné aux rebelles de déposer les armes" stays a demand (REQUEST)
    return trigger.pattern.type == "COERCE"


def governs(head: Token, token: Token) -> bool:
    node = token
    for _ in range(setting("depths", "order_governs")):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == head.i:
            return True
    return False


def purpose(token: Token, heads: set[int]) -> bool:
    """A "pour / afin de" + infinitive clause of another event's clause."""
    if token.dep_ not in {"advcl", "acl"} or token.head.i == token.i:
        return False
    if not any(c.dep_ == "mark" and fold(c.text) in words("purpose_marks")
               for c in token.children):
        return False
    head = token.head
    return head.i in heads or any(c.i in heads for c in head.children
                                  if c.dep_ in {"obj", "nsubj", "nsubj:pass"}
                                  or c.dep_.startswith("obl"))


def purpose_of(anchor: Token, triggers: list[Trigger]) -> list[Trigger]:
    """Triggers in a "pour / afin de" clause of the event's clause ("ont bloqué les routes
    pour réclamer ... au gouvernement")."""
    clause = {anchor.i, anchor.head.i} if anchor.pos_ in {"NOUN", "PROPN"} else {anchor.i}
    return [t for t in triggers if t.token.i != anchor.i and t.token.head.i in clause
            and t.token.dep_ in {"advcl", "acl"} and purpose(t.token, clause)]


def subject_of(noun: Token, verb: Token) -> bool:
    """The noun is the verb's subject, or the verb hangs on it (a parse that lost the
    subject: "les frappes ..., qui ont lieu ..., ont tué")."""
    if noun.head.i == verb.i and noun.dep_ in {"nsubj", "nsubj:pass"}:
        return True
    return verb.head.i == noun.i and verb.dep_ in {"advcl", "acl", "dep"} and noun.i < verb.i


def self_recipients(recipients, actors) -> bool:
    keys = {k for r in recipients for k in r.keys()}
    mine = {k for a in actors for k in a.keys()}
    return bool(keys) and keys <= mine


def subtree_range(top: Token, sentence: Sentence) -> tuple[int, int]:
    """Character range, in the sentence, of ``top`` and everything it governs."""
    doc_start = sentence.start - sentence.offset
    return top.left_edge.idx - doc_start, top.right_edge.idx + len(top.right_edge.text) - doc_start


def clause_range(anchor: Token, sentence: Sentence) -> tuple[int, int]:
    top = anchor
    while top.dep_ not in {"ROOT", "parataxis", "ccomp"} and top.head.i != top.i:
        top = top.head
    return subtree_range(top, sentence)
