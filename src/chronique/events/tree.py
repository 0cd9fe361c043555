"""Parse-tree helpers of the argument rules: passives, subjects through control and
coordination, children by relation, the preposition of a nominal."""

from __future__ import annotations

from spacy.tokens import Token

from chronique.lang import setting, table, words
from chronique.lexicon.forms import fold

CASE_NORMAL = table("grammar")["contractions"]
OBJECT_CONTROL = words("object_control_verbs")


def is_passive(token: Token) -> bool:
    """A passive clause has a passive auxiliary; a reflexive "se" makes it active
    ("la Chine et le Japon se sont entendus", which the parser may label nsubj:pass)."""
    children = list(token.children)
    if any(c.dep_.startswith("expl") or c.lower_ in words("reflexive_clitics") for c in children):
        return False
    return any(c.dep_ == "aux:pass" for c in children)


def subject_token(token: Token | None) -> Token | None:
    """The subject of a predicate, through control, coordination and participles."""
    seen = 0
    while token is not None and seen < 6:
        seen += 1
        subj = first_child(token, {"nsubj", "nsubj:pass", "csubj", "expl:subj"})
        for aux in children_with(token, {"aux:tense", "aux:pass", "aux", "cop", "advmod", "dep"}):
            # the parser may hang the subject on an auxiliary ("se sont dits prêts")
            subj = subj or first_child(aux, {"nsubj", "nsubj:pass", "expl:subj"})
        if subj is not None:
            return subj
        dep = token.dep_
        head = token.head
        if head.i == token.i:
            return None
        if dep == "xcomp":
            if fold(head.lemma_) in OBJECT_CONTROL:
                obj = first_child(head, {"obj", "iobj"})
                if obj is not None:
                    return obj
            token = head
        elif dep == "conj":
            token = coordinated_verb(token)
        elif dep == "advcl":
            token = head
        elif dep in {"acl", "amod"} and token.pos_ in {"VERB", "ADJ"}:
            return head
        else:
            return None
    return None


def coordinated_verb(token: Token) -> Token:
    """The head of a conjunct; for a bare past participle the parser hung on a noun phrase
    ("a dénoncé un acte « barbare » et exigé une enquête": "exigé" under "barbare"), the
    compound verb above it whose auxiliary it shares."""
    head = token.head
    if head.pos_ in {"VERB", "AUX"} or token.pos_ != "VERB" or \
            "Part" not in token.morph.get("VerbForm") or \
            any(c.dep_.startswith("aux") for c in token.children):
        return head
    current = head
    while current.head.i != current.i and current.pos_ != "VERB":
        current = current.head
    if current.pos_ == "VERB" and current.i < token.i and \
            any(c.dep_ == "aux:tense" for c in current.children):
        return current
    return head


def children_with(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def first_child(token: Token, deps: set[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def case_word(token: Token) -> str:
    """The preposition introducing a nominal ("contre", "a", "de"), folded and normalised."""
    cases = [c for c in token.children if c.dep_ == "case"]
    if not cases:
        return ""
    first = cases[0]
    text = fold(first.text)
    fixed = " ".join(fold(f.text) for f in first.children if f.dep_ == "fixed")
    if "encontre" in fixed or text == "encontre":
        return "contre"
    return CASE_NORMAL.get(text, text)


def case_children(token: Token, kind: str, preps: set[str]) -> list[Token]:
    folded = {fold(p) for p in preps}
    return [child for child in token.children
            if child.dep_.split(":")[0] == kind and case_word(child) in folded]


def case_child(token: Token, kind: str, preps: set[str]) -> Token | None:
    found = case_children(token, kind, preps)
    return found[0] if found else None


def governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(setting("depths", "governing_verb")):
        if current.head.i == current.i:
            return current if current.pos_ in {"VERB", "ADJ"} else None
        current = current.head
        if current.pos_ in {"VERB", "AUX"} or any(c.dep_ == "cop" for c in current.children):
            return current
    return None


def is_source(token: Token) -> bool:
    """A "selon X" / "d'après X" phrase: the source of the report, never a participant."""
    for case in (c for c in token.children if c.dep_ == "case"):
        words = {fold(case.text)} | {fold(f.text) for f in case.children if f.dep_ == "fixed"}
        if "selon" in words or "apres" in words:
            return True
    return False
