"""Argument slots: the entities a slot of a trigger pattern names in the dependency parse.

Slots (as written in trigger patterns): ``nsubj`` (the subject, found through control and
coordination; the passive subject becomes the recipient), ``agent`` (the "par" phrase),
``obj``, ``iobj``, ``obj.nmod:de`` (the giver inside the object), ``obl:<preposition>``,
``nmod:<preposition>``, ``poss`` (a possessive determiner, resolved to the governing
clause's subject), ``governor`` (the subject of a light verb taking the event noun), ``amod``
(a demonym adjective) and ``xcomp``. Also the recovery of subjects the parser split or cut
off, and the parse-tree helpers the argument rules share.
"""

from __future__ import annotations

from functools import partial

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import ActorResolver, Phrase
from chronique.events.tree import (
    case_child,
    case_children,
    case_word,
    children_with,
    first_child,
    governing_verb,
    is_passive,
    subject_token,
)
from chronique.lang import words
from chronique.lexicon.forms import fold
from chronique.record import Entity

VERB_ACTOR = ("nsubj", "agent")
VERB_RECIPIENT = ("obj", "iobj", "obl:à", "obl:contre", "obl:avec", "obl:envers",
                  "obl:auprès", "obl:vers", "obl:entre", "obl:sur", "obl:devant")
NOUN_ACTOR = ("nmod:de", "amod", "poss", "governor", "agent", "nsubj")
NOUN_RECIPIENT = ("nmod:contre", "nmod:avec", "nmod:entre", "nmod:à", "nmod:envers",
                  "nmod:vers", "nmod:auprès", "nmod:de", "nmod:sur")
# heads that measure an event noun ("dix jours de manœuvres", "un mouvement de grève")
MEASURES = words("measure_nouns")
TIME_WORDS = words("time_words")
COORD_WORDS = {"NOUN", "PROPN", "ADJ", "DET", "CCONJ", "ADP"}


class SlotReader:
    """Read the slots of trigger patterns."""

    def __init__(self, resolver: ActorResolver, light_verbs: frozenset[str] = frozenset(),
                 saying: frozenset[str] = frozenset()) -> None:
        self.resolver = resolver
        self.light_verbs = light_verbs
        self.saying = saying
        self._readers = {
            "nsubj": self._subject, "agent": self._agent, "obj": partial(self._object, "obj"),
            "iobj": partial(self._object, "iobj"), "obj.nmod:de": self._giver,
            "poss": self._possessor, "governor": self._governor, "amod": self._demonym,
            "xcomp": self._controlled}

    @staticmethod
    def resolver_mentions(phrase: Phrase) -> dict:
        return phrase.mentions

    def _first(self, token, slots, phrase, ctx, passive, exclude=frozenset()) -> list[Entity]:
        """The first slot that names an identifiable actor (else the first that names any)."""
        unkeyed: list[Entity] = []
        for slot in slots:
            found = [e for e in self.slot(token, slot, phrase, ctx, passive)
                     if id(e) not in exclude]
            if any(e.keys() for e in found):
                return found
            unkeyed = unkeyed or found
        return unkeyed

    def _all(self, token, slots, phrase, ctx, passive) -> list[Entity]:
        out: list[Entity] = []
        for slot in slots:
            out.extend(self.slot(token, slot, phrase, ctx, passive))
        return out

    def slot(self, token: Token, slot: str, phrase: Phrase, ctx: DocumentContext,
             passive: bool = False) -> list[Entity]:
        """The entities the slot ``slot`` of ``token`` names."""
        reader = self._readers.get(slot)
        if reader is not None:
            return reader(token, phrase, ctx, passive)
        kind, _, prep = slot.partition(":")
        if kind in {"obl", "nmod"}:
            return self._preposition(token, kind, prep, phrase, ctx)
        return []

    def _subject(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                 passive: bool) -> list[Entity]:
        """The subject, through control and coordination; the passive subject."""
        resolve = self.resolver.resolve
        if passive:
            heads = children_with(token, {"nsubj:pass"})
        else:
            head = subject_token(token)
            heads = [head] if head is not None else []
            if head is not None and head.head.i == token.i:
                heads = children_with(token, {"nsubj", "nsubj:pass"}) or heads
        out = []
        for head in heads:
            out.extend(e for e in resolve(head, phrase, ctx) if e not in out)
        if heads and not any(e.keys() for e in out) and token.dep_ == "acl" and \
                heads[0].i == token.head.i and token.head.dep_ in {"obj", "nsubj:pass"}:
            # "a adopté une résolution saluant ...": the one who adopted it
            verb_subject = subject_token(token.head.head)
            if verb_subject is not None:
                out = [e for e in resolve(verb_subject, phrase, ctx) if e.keys()] or out
        if heads and not any(e.keys() for e in out):
            out = self._subject_fallback(heads[0], phrase, ctx) or out
        if not heads:
            out = self._fragment_subject(token, phrase, ctx)
        return out

    def _agent(self, token: Token, phrase: Phrase, ctx: DocumentContext,
               passive: bool) -> list[Entity]:
        """The "par" phrase."""
        resolve = self.resolver.resolve
        head = first_child(token, {"obl:agent"}) or case_child(token, "obl", {"par"}) or (
            case_child(token, "nmod", {"par"}) if token.pos_ in {"NOUN", "PROPN"} else None)
        if head is None and passive:
            # "déclarés persona non grata par la Moldavie": the parser hangs it lower
            head = next((g for c in token.children
                         if c.dep_ not in {"nsubj:pass", "obj", "ccomp", "advcl", "conj"}
                         for g in c.subtree if g.i != c.i and (g.dep_ == "obl:agent" or (
                             g.dep_ in {"nmod", "obl"} and case_word(g) == "par"))), None)
        return resolve(head, phrase, ctx) if head is not None else []

    def _object(self, slot: str, token: Token, phrase: Phrase, ctx: DocumentContext,
                passive: bool) -> list[Entity]:
        """The object (or indirect object)."""
        resolve = self.resolver.resolve
        deps = {"obj"} if slot == "obj" else {"iobj"}
        if passive and slot == "obj":
            deps = {"nsubj:pass"}
        found: list[Entity] = []
        heads = children_with(token, deps)
        if slot == "obj" and not passive:
            # an "obl:arg" without preposition is an object the parser mislabelled
            # ("ont tenu Israël pour responsable")
            heads += [c for c in token.children if c.dep_ == "obl:arg" and not any(
                g.dep_ == "case" for g in c.children)]
        heads += [g for h in token.children if fold(h.lemma_) in TIME_WORDS
                  for g in h.children if g.dep_ in {"nmod", "appos", "obj"}
                  and g.pos_ in {"NOUN", "PROPN"}]
        for head in heads:  # the parser may take "mardi" for an object
            if head.pos_ == "PRON" and fold(head.text) in words("reflexive_clitics"):
                continue  # "se sont rassemblés": the reflexive is not a participant
            entities = resolve(head, phrase, ctx)
            if any(e.keys() for e in entities):
                return entities
            found = found or entities
        return found

    def _giver(self, token: Token, phrase: Phrase, ctx: DocumentContext,
               passive: bool) -> list[Entity]:
        """"a reçu de nouveaux chars de l'Allemagne": the giver inside the object."""
        resolve = self.resolver.resolve
        # "a reçu de nouveaux chars de l'Allemagne": the giver inside the object
        for obj in children_with(token, {"obj", "nsubj:pass"}):
            for sub in obj.subtree:
                if sub.i != obj.i and sub.dep_ == "nmod" and case_word(sub) == "de":
                    found = [e for e in resolve(sub, phrase, ctx) if e.keys()]
                    if found:
                        return found
        return []

    def _possessor(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                   passive: bool) -> list[Entity]:
        """A possessive determiner: the governing clause's subject."""
        resolve = self.resolver.resolve
        if any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in token.children):
            verb = governing_verb(token)
            head = subject_token(verb) if verb is not None else None
            return resolve(head, phrase, ctx) if head is not None else []
        return []

    def _governor(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                  passive: bool) -> list[Entity]:
        """The subject of the light verb that takes the event noun."""
        resolve = self.resolver.resolve
        node = token
        if node.dep_ == "nmod" and fold(node.head.lemma_) in MEASURES:
            node = node.head  # "ont entamé dix jours de manœuvres", "un mouvement de grève"
        if node.dep_ == "nsubj" and fold(node.head.lemma_) == "opposer":
            # "de violents affrontements opposent l'armée aux rebelles"
            out = []
            for other in children_with(node.head, {"obj", "obl:arg", "obl:mod", "iobj"}):
                out.extend(resolve(other, phrase, ctx))
            return out
        if node.dep_.startswith("obl") and case_word(node) == "pour" and \
                node.head.pos_ == "VERB" and not is_passive(node.head):
            # "retournent à Genève pour des pourparlers": the purpose of their coming
            head = subject_token(node.head)
            return resolve(head, phrase, ctx) if head is not None else []
        if (node.dep_ in {"obj", "nsubj:pass", "dep"} or node.dep_.startswith("obl")) and \
                fold(node.head.lemma_) in self.light_verbs:
            verb = node.head
            if node.dep_ == "nsubj:pass" or is_passive(verb):
                # "la mobilisation ... a été décrétée par le Kremlin"
                return self.slot(verb, "agent", phrase, ctx)
            head = subject_token(verb)
            return resolve(head, phrase, ctx) if head is not None else []
        return []

    def _demonym(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                 passive: bool) -> list[Entity]:
        """"les frappes américaines", "les émeutes palestiniennes"."""
        # "les frappes américaines", "les émeutes palestiniennes"
        out = []
        for child in children_with(token, {"amod"}):
            mention = self.resolver_mentions(phrase).get(child.i)
            if mention is not None and mention.kind == "demonym":
                out.extend(self.resolver.resolve_one(child, phrase, ctx))
        return out

    def _controlled(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                    passive: bool) -> list[Entity]:
        """The subject of the infinitive the trigger governs."""
        resolve = self.resolver.resolve
        head = first_child(token, {"xcomp"})
        sub = subject_token(head) if head is not None else None
        return resolve(sub, phrase, ctx) if sub is not None else []

    def _preposition(self, token: Token, kind: str, prep: str, phrase: Phrase,
                     ctx: DocumentContext) -> list[Entity]:
        """``obl:<preposition>`` or ``nmod:<preposition>``."""
        resolve = self.resolver.resolve
        heads = case_children(token, kind, {prep})
        if not heads and kind == "nmod" and prep in {"sur", "contre"} and \
                token.dep_ == "obj" and token.head.i != token.i:
            # "reprendre ses bombardements sur les positions rebelles": the parser hangs
            # the target on the verb that governs the event noun
            heads = case_children(token.head, "obl", {prep})
        out: list[Entity] = []
        for head in heads:
            out.extend(resolve(head, phrase, ctx))
            if out:
                break
        return out

    def _coordinated(self, token: Token, actors: list[Entity], phrase: Phrase,
                     ctx: DocumentContext) -> list[Entity]:
        """Conjuncts of a coordinated subject the parser split or folded into one name
        ("Le Brésil et l'Argentine ont ...", "le président français et le chancelier
        allemand", "les ministres du Maroc et de l'Espagne")."""
        subject = subject_token(token)
        if subject is None or subject.i > token.i:
            return []
        doc = token.doc
        start = subject.left_edge.i
        i = start - 1
        while i >= 0 and start - i < 10 and (doc[i].pos_ in COORD_WORDS or doc[i].text == ","):
            i -= 1
        if start > i + 1 and (fold(doc[start - 1].text) == "et" or doc[start - 1].text == ","
                              or doc[start].pos_ == "CCONJ"):
            start = i + 1  # "Paris et ses partenaires": the parser left the first one out
        inner = {t.i for t in subject.subtree for c in [t] if c.dep_ in {"acl:relcl", "acl"}
                 for t in c.subtree}
        region = [t for t in doc[start: min(subject.right_edge.i + 1, token.i)]
                  if t.i not in inner]
        if not any(fold(t.text) == "et" and t.pos_ == "CCONJ" for t in region):
            return []
        have = set().union(*[a.keys() for a in actors]) if actors else set()
        out: list[Entity] = []
        for t in region:
            if t.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                continue
            for entity in self.resolver.resolve_one(t, phrase, ctx):
                keys = entity.keys()
                if keys and not keys & have:
                    out.append(entity)
                    have |= keys
        return out

    def _subject_fallback(self, subject: Token, phrase: Phrase,
                          ctx: DocumentContext) -> list[Entity]:
        """A subject the parser split: an actor named inside it ("l'organisation de défense
        de la liberté de la presse Reporters sans frontières"), or a coordinated name it cut
        off ("Paris et ses partenaires")."""
        for sub in subject.subtree:
            if sub.i == subject.i or sub.dep_ in {"acl:relcl", "acl"}:
                continue
            if sub.pos_ in {"NOUN", "PROPN", "ADJ"}:
                found = [e for e in self.resolver.resolve_one(sub, phrase, ctx) if e.keys()]
                if found:
                    return found
        doc = subject.doc
        i = subject.left_edge.i - 1
        while i >= 0 and doc[i].dep_ in {"cc", "det", "punct"} | {"det:poss"}:
            i -= 1
        if i >= 0 and i < subject.left_edge.i - 1 and doc[i].pos_ in {"PROPN", "NOUN"}:
            return [e for e in self.resolver.resolve_one(doc[i], phrase, ctx) if e.keys()]
        return []

    def _fragment_subject(self, token: Token, phrase: Phrase,
                          ctx: DocumentContext) -> list[Entity]:
        """A clause without subject whose sentence opens with a name the parser left as a
        fragment of its own ("Pékin a promis ...", parsed as two roots)."""
        if token.head.i != token.i and token.dep_ not in {"xcomp", "conj"}:
            return []
        doc = token.doc
        root = token
        while root.head.i != root.i:
            root = root.head
        start = root.sent.start
        # the parser may have cut the name off as a "sentence" of its own, without final stop
        while start > 0 and doc[start - 1].text not in {".", "!", "?", ";", ":"} and \
                root.sent.start - start < 6:
            start -= 1
        for candidate in doc[start: token.i]:
            if candidate.head.i == candidate.i and candidate.i != root.i and \
                    candidate.pos_ in {"PROPN", "NOUN"}:
                return [e for e in self.resolver.resolve(candidate, phrase, ctx) if e.keys()]
        before = doc[root.i - 1] if root.i > 0 else None
        if before is not None and before.dep_ == "appos" and before.pos_ == "PROPN" and \
                doc[before.left_edge.i - 1].text == "," and not any(
                    c.dep_ in {"nsubj", "nsubj:pass"} for c in root.children):
            # "Si ..., Abidjan pourrait rappeler ...": the subject read as an apposition
            return [e for e in self.resolver.resolve(before, phrase, ctx) if e.keys()]
        return []
