"""Assign actor and recipient to a trigger from the dependency parse, not from word order.

Slots (as written in trigger patterns): ``nsubj`` (the subject, found through control and
coordination; the passive subject becomes the recipient), ``agent`` (the "par" phrase),
``obj``, ``iobj``, ``obl:<preposition>``, ``nmod:<preposition>``, ``poss`` (a possessive
determiner, resolved to the governing clause's subject) and ``xcomp``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import ActorResolver, Phrase
from chronique.events.triggers import Trigger
from chronique.lang import setting, table, words
from chronique.lexicon.forms import fold
from chronique.record import Entity

VERB_ACTOR = ("nsubj", "agent")
VERB_RECIPIENT = ("obj", "iobj", "obl:à", "obl:contre", "obl:avec", "obl:envers",
                  "obl:auprès", "obl:vers", "obl:entre", "obl:sur", "obl:devant")
NOUN_ACTOR = ("nmod:de", "amod", "poss", "governor", "agent", "nsubj")
NOUN_RECIPIENT = ("nmod:contre", "nmod:avec", "nmod:entre", "nmod:à", "nmod:envers",
                  "nmod:vers", "nmod:auprès", "nmod:de", "nmod:sur")
CASE_NORMAL = table("grammar")["contractions"]
OBJECT_CONTROL = words("object_control_verbs")
# heads that measure an event noun ("dix jours de manœuvres", "un mouvement de grève")
MEASURES = words("measure_nouns")
TIME_WORDS = words("time_words")
# how an entity was resolved when it was inferred rather than named (the actors helper's
# "sentence": a bare "des troupes" takes the country of the sentence)
WEAK = frozenset({"sentence", "possessive", "subject"})
# obliques of time and circumstance: never where a participant is ("malgré le souhait d'Israël")
CIRCUMSTANCES = words("circumstances") | words("circumstances_not_participant")
COORD_WORDS = {"NOUN", "PROPN", "ADJ", "DET", "CCONJ", "ADP"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis"}


@dataclass(frozen=True)
class Arguments:
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    how: str


class ArgumentAssigner:
    """Find the participants of a trigger."""

    def __init__(self, resolver: ActorResolver, light_verbs: frozenset[str] = frozenset(),
                 saying: frozenset[str] = frozenset()) -> None:
        self.resolver = resolver
        self.light_verbs = light_verbs
        self.saying = saying

    def __call__(self, trigger: Trigger, phrase: Phrase, ctx: DocumentContext) -> Arguments:
        token, pattern = trigger.token, trigger.pattern
        noun = pattern.pos == "noun"
        passive = is_passive(token)
        actor_slots = pattern.actor or (NOUN_ACTOR if noun else VERB_ACTOR)
        recipient_slots = pattern.recipient or (NOUN_RECIPIENT if noun else VERB_RECIPIENT)
        if passive and not noun and pattern.actor is None:
            actor_slots, recipient_slots = ("agent",), ("nsubj",) + tuple(
                s for s in recipient_slots if s not in {"obj", "nsubj"})
        if noun and not pattern.reciprocal:
            support = _faire_objet(token)
            if support is not None:
                # "X fait l'objet d'une enquête au Canada": X undergoes it; whoever conducts
                # it is the "par" phrase, else the country where it happens
                subject = subject_token(support)
                undergoing = self.resolver.resolve(subject, phrase, ctx) if subject else []
                doers = [e for e in self._first(token, ("agent", "nmod:de", "nmod:en"), phrase,
                                                ctx, False) if e.keys()] or [
                    e for e in self._first(support, ("obl:agent", "obl:en", "obl:mod", "obl:à"),
                                           phrase, ctx, False) if e.keys()]
                return Arguments(tuple(doers), tuple(undergoing), "slots")
        actors = self._first(token, actor_slots, phrase, ctx, passive)
        if not noun and not passive and "nsubj" in actor_slots:
            actors = actors + self._coordinated(token, actors, phrase, ctx)
        elif noun and actors and "governor" in actor_slots and \
                fold(token.head.lemma_) in self.light_verbs and not is_passive(token.head):
            actors = actors + self._coordinated(token.head, actors, phrase, ctx)
        if noun and pattern.type == "PROTEST" and not any(a.keys() for a in actors):
            actors = self._scene(token, phrase, ctx) or actors
        if pattern.reciprocal:
            others = self._all(token, ("obj", "obl:avec", "nmod:avec", "nmod:entre", "obl:entre",
                                       "nmod:de") if noun else
                               ("obj", "obl:avec", "obl:entre"), phrase, ctx, passive)
            if noun and pattern.objects:
                # "la signature d'un accord entre le Canada et le Mexique": the parties of the
                # agreement the event noun is about
                for child in token.children:
                    if child.dep_ == "nmod" and fold(child.lemma_) in pattern.objects:
                        others += self._all(child, ("nmod:entre", "nmod:avec"), phrase, ctx,
                                            False)
            others = [e for e in others if e not in actors]
            if not noun and actors and others:
                # "X a rencontré Y": directed, which also matches a reciprocal coding
                return Arguments(tuple(actors), tuple(_unique(others)), "slots")
            return Arguments(tuple(_unique(actors + others)), (), "reciprocal")
        recipients = self._first(token, recipient_slots, phrase, ctx, passive,
                                 exclude={id(a) for a in actors})
        owned = _owned_object(token) if not noun else None
        weak = bool(recipients) and all(r.resolved_by in WEAK for r in recipients)
        if (owned is not None or weak) and recipients and _same_country(recipients, actors):
            # "retirera ses troupes du Niger", "a rappelé son ambassadeur en Espagne", "prêt à
            # envoyer des troupes au Mali": what the actor owns is not the recipient; where
            # it goes or comes from is
            others = [s for s in recipient_slots if s != "obj"]
            found = [e for e in self._first(token, others, phrase, ctx, passive)
                     if e.keys() and not _same_country([e], actors)]
            recipients = found or ([] if owned is not None else recipients)
            for sub in (owned.children if owned is not None else ()):
                if recipients:
                    break
                if sub.dep_ == "nmod" and case_word(sub) in {"a", "en", "de", "vers", "aupres",
                                                              "dans", "contre", "avec"}:
                    recipients = [e for e in self.resolver.resolve(sub, phrase, ctx)
                                  if e.keys() and not _same_country([e], actors)]
        if (pattern.objects or pattern.withs) and not noun and _same(recipients, actors):
            # "a présenté les excuses de la Belgique à la RDC", "suspendre ses livraisons de
            # gaz à l'Espagne": the object is the event, its "de" phrase the actor
            recipients = self._object_recipients(token, pattern.objects, phrase, ctx,
                                                 actors) or recipients
        if not recipients:
            recipients = self._embedded(token, phrase, ctx, actors)
        if pattern.type == "THREATEN" and not any(r.keys() for r in recipients):
            recipients = self._condition_subject(token, phrase, ctx, actors) or recipients
        if not recipients:
            recipients = self._deep(token, phrase, ctx, actors)
            fallback = bool(recipients)
        else:
            fallback = False
        recipients = _without_actor(recipients, actors)
        return Arguments(tuple(actors), tuple(recipients), "deep" if fallback else "slots")

    # -- slots ---------------------------------------------------------------------------
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

    def _first_other(self, token, slots, phrase, ctx, passive, actors) -> list[Entity]:
        """The first slot naming someone identifiable other than the actor (a bare "des
        troupes" the resolver gave the actor's country is the actor's own)."""
        for slot in slots:
            found = [e for e in self.slot(token, slot, phrase, ctx, passive) if e.keys()]
            if found and not _self(found, actors):
                return found
        return []

    def _all(self, token, slots, phrase, ctx, passive) -> list[Entity]:
        out: list[Entity] = []
        for slot in slots:
            out.extend(self.slot(token, slot, phrase, ctx, passive))
        return out

    def slot(self, token: Token, slot: str, phrase: Phrase, ctx: DocumentContext,
             passive: bool = False) -> list[Entity]:
        resolve = self.resolver.resolve
        if slot == "nsubj":
            if passive:
                heads = _children(token, {"nsubj:pass"})
            else:
                head = subject_token(token)
                heads = [head] if head is not None else []
                if head is not None and head.head.i == token.i:
                    heads = _children(token, {"nsubj", "nsubj:pass"}) or heads
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
        if slot == "agent":
            head = _child(token, {"obl:agent"}) or _case_child(token, "obl", {"par"}) or (
                _case_child(token, "nmod", {"par"}) if token.pos_ in {"NOUN", "PROPN"} else None)
            if head is None and passive:
                # "déclarés persona non grata par la Moldavie": the parser hangs it lower
                head = next((g for c in token.children
                             if c.dep_ not in {"nsubj:pass", "obj", "ccomp", "advcl", "conj"}
                             for g in c.subtree if g.i != c.i and (g.dep_ == "obl:agent" or (
                                 g.dep_ in {"nmod", "obl"} and case_word(g) == "par"))), None)
            return resolve(head, phrase, ctx) if head is not None else []
        if slot in {"obj", "iobj"}:
            deps = {"obj"} if slot == "obj" else {"iobj"}
            if passive and slot == "obj":
                deps = {"nsubj:pass"}
            found: list[Entity] = []
            heads = _children(token, deps)
            if slot == "obj" and not passive:
                # an "obl:arg" without preposition is an object the parser mislabelled
                # ("ont tenu Israël pour responsable")
                heads += [c for c in token.children if c.dep_ == "obl:arg" and not any(
                    g.dep_ == "case" for g in c.children)]
            heads += [g for h in token.children if fold(h.lemma_) in TIME_WORDS
                      for g in h.children if g.dep_ in {"nmod", "appos", "obj"}
                      and g.pos_ in {"NOUN", "PROPN"}]
            for head in heads:  # the parser may take "mardi" for an object
                if head.pos_ == "PRON" and fold(head.text) in {"se", "s'"}:
                    continue  # "se sont rassemblés": the reflexive is not a participant
                entities = resolve(head, phrase, ctx)
                if any(e.keys() for e in entities):
                    return entities
                found = found or entities
            return found
        if slot == "obj.nmod:de":
            # "a reçu de nouveaux chars de l'Allemagne": the giver inside the object
            for obj in _children(token, {"obj", "nsubj:pass"}):
                for sub in obj.subtree:
                    if sub.i != obj.i and sub.dep_ == "nmod" and case_word(sub) == "de":
                        found = [e for e in resolve(sub, phrase, ctx) if e.keys()]
                        if found:
                            return found
            return []
        if slot == "poss":
            if any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in token.children):
                verb = _governing_verb(token)
                head = subject_token(verb) if verb is not None else None
                return resolve(head, phrase, ctx) if head is not None else []
            return []
        if slot == "governor":
            node = token
            if node.dep_ == "nmod" and fold(node.head.lemma_) in MEASURES:
                node = node.head  # "ont entamé dix jours de manœuvres", "un mouvement de grève"
            if node.dep_ == "nsubj" and fold(node.head.lemma_) == "opposer":
                # "de violents affrontements opposent l'armée aux rebelles"
                out = []
                for other in _children(node.head, {"obj", "obl:arg", "obl:mod", "iobj"}):
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
        if slot == "amod":
            # "les frappes américaines", "les émeutes palestiniennes"
            out = []
            for child in _children(token, {"amod"}):
                mention = self.resolver_mentions(phrase).get(child.i)
                if mention is not None and mention.kind == "demonym":
                    out.extend(self.resolver.resolve_one(child, phrase, ctx))
            return out
        if slot == "xcomp":
            head = _child(token, {"xcomp"})
            sub = subject_token(head) if head is not None else None
            return resolve(sub, phrase, ctx) if sub is not None else []
        kind, _, prep = slot.partition(":")
        if kind in {"obl", "nmod"}:
            heads = _case_children(token, kind, {prep})
            if not heads and kind == "nmod" and prep in {"sur", "contre"} and \
                    token.dep_ == "obj" and token.head.i != token.i:
                # "reprendre ses bombardements sur les positions rebelles": the parser hangs
                # the target on the verb that governs the event noun
                heads = _case_children(token.head, "obl", {prep})
            out: list[Entity] = []
            for head in heads:
                out.extend(resolve(head, phrase, ctx))
                if out:
                    break
            return out
        return []

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

    def _object_recipients(self, token: Token, objects: frozenset[str], phrase: Phrase,
                           ctx: DocumentContext, actors: list[Entity]) -> list[Entity]:
        """A recipient other than the actor: the verb's other slots, then the event
        noun's own complements ("à", "contre", "avec", "envers", "vers", "auprès")."""
        others = [s for s in VERB_RECIPIENT if s != "obj"]
        found = [e for e in self._first(token, others, phrase, ctx, False) if e.keys()]
        if found and not _same(found, actors):
            return found
        nouns = [c for c in token.children
                 if c.dep_ in {"obj", "nsubj:pass"} or fold(c.lemma_) in objects]
        for child in nouns:
            # "une enquête sur des exactions qu'auraient commises les milices / commises par"
            for sub in child.children:
                if sub.dep_ == "nmod" and case_word(sub) in {"sur", "contre", "de"}:
                    found = [e for e in self._perpetrator(sub, phrase, ctx) if e.keys()]
                    if found and not _same(found, actors):
                        return found
        for child in nouns:
            for slot in ("nmod:à", "nmod:contre", "nmod:avec", "nmod:envers", "nmod:vers",
                         "nmod:auprès", "nmod:entre", "nmod:sur", "nmod:de"):
                found = [e for e in self.slot(child, slot, phrase, ctx) if e.keys()]
                if found and not _same(found, actors):
                    return found
        for child in nouns:
            # "le blocus imposé aux camions palestiniens", "l'état d'urgence imposé au Darfour"
            for participle in _children(child, {"acl", "acl:relcl"}):
                found = [e for e in self._first(participle, (*VERB_RECIPIENT[1:], "obl:dans",
                                                             "obl:en", "obl:mod"),
                                                phrase, ctx, False) if e.keys()]
                if found and not _same(found, actors):
                    return found
        return []

    def _condition_subject(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                           actors: list[Entity]) -> list[Entity]:
        """A threat's target is whoever its condition is about ("a menacé de lancer une
        offensive si Kiev ne retirait pas ses troupes")."""
        for sub in token.subtree:
            if sub.dep_ in {"advcl", "ccomp"} and any(c.dep_ == "mark" and fold(c.text) in {"si", "s'"}
                                           for c in sub.children):
                subject = _child(sub, {"nsubj", "nsubj:pass"})
                if subject is not None:
                    found = [e for e in self.resolver.resolve(subject, phrase, ctx) if e.keys()]
                    if found and not _self(found, actors):
                        return found
        return []

    def _scene(self, token: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Protests named without protesters take the people of where they happen
        ("des manifestations ont éclaté dans plusieurs villes haïtiennes", "des émeutes ont
        secoué plusieurs villes françaises")."""
        if token.dep_ not in {"nsubj", "nsubj:pass"} or token.head.pos_ != "VERB":
            return []
        for child in token.head.children:
            if child.i == token.i or not (child.dep_ == "obj" or child.dep_.startswith("obl")):
                continue
            found = [e for e in self.resolver.resolve(child, phrase, ctx)
                     if e.country and not e.id]
            if found:
                return [replace(found[0], sector=found[0].sector or "CVL")]
        return []

    def _perpetrator(self, noun: Token, phrase: Phrase, ctx: DocumentContext) -> list[Entity]:
        """Who did what a noun names: the subject of its relative clause ("des crimes
        qu'auraient commises les milices") or the agent of its participle ("commis par")."""
        for clause in _children(noun, {"acl:relcl", "acl"}):
            if clause.dep_ == "acl:relcl":
                subject = _child(clause, {"nsubj", "nsubj:pass"})
                if subject is None:  # inverted: "qu'auraient commises les milices"
                    subject = next((c for c in clause.children if c.dep_ == "obj"
                                    and c.i > clause.i and c.pos_ in {"NOUN", "PROPN"}), None)
                if subject is not None and subject.pos_ != "PRON":
                    return self.resolver.resolve(subject, phrase, ctx)
            else:
                found = self.slot(clause, "agent", phrase, ctx)
                if found:
                    return found
        return []

    def _embedded(self, token: Token, phrase: Phrase, ctx: DocumentContext,
                  actors: list[Entity] = ()) -> list[Entity]:
        """Recipients of the action a trigger embeds ("prêt à travailler avec la Chine")."""
        for child in token.children:
            if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "ADJ", "NOUN"} and \
                    fold(child.lemma_) not in self.saying:
                subject = _child(child, {"nsubj", "nsubj:pass"})
                if subject is not None and child.dep_ != "xcomp":
                    found = [e for e in self.resolver.resolve(subject, phrase, ctx) if e.keys()]
                    if found and not _self(found, actors):
                        return found  # "a averti qu'il retirerait ...": not the actor again
                found = self._first_other(child, VERB_RECIPIENT, phrase, ctx,
                                          is_passive(child), actors)
                if found:
                    return found
                if child.dep_ == "ccomp":
                    # "a averti qu'il retirerait sa force du Tchad": inside the reported clause
                    found = self._deep(child, phrase, ctx, actors)
                    if found and not _self(found, actors):
                        return found
                for grandchild in child.children:
                    if grandchild.dep_ in {"xcomp", "conj"}:
                        found = self._first(grandchild, VERB_RECIPIENT, phrase, ctx, False)
                        if found:
                            return found
        return []

    def _deep(self, token: Token, phrase: Phrase, ctx: DocumentContext,
              actors: list[Entity] = ()) -> list[Entity]:
        """Last resort: an actor named inside the object ("l'amitié qui unit les deux pays")."""
        skip = {t.i for c in token.children if c.dep_ in {"nsubj", "nsubj:pass", "expl:subj",
                                                          "obl:agent", "parataxis"}
                or case_word(c) in {"selon", "d'", "de"} and _is_source(c)
                or case_word(c) in CIRCUMSTANCES
                for t in c.subtree}
        for sub in token.subtree:  # clauses with a subject of their own are other events
            if sub.i != token.i and sub.dep_ in CLAUSE_DEPS and any(
                    c.dep_ in {"nsubj", "nsubj:pass"} for c in sub.children):
                skip.update(t.i for t in sub.subtree)
        candidates = [t for t in token.subtree if t.i != token.i and t.i not in skip
                      and t.pos_ in {"NOUN", "PROPN"}]
        against = [t for t in candidates if case_word(t) == "contre"]
        taken = {(a.start, a.end) for a in actors}
        for sub in against + candidates:
            found = [e for e in self.resolver.resolve(sub, phrase, ctx)
                     if e.keys() and (e.start, e.end) not in taken
                     and not (actors and e.resolved_by in WEAK
                              and _same_country([e], list(actors)))]
            if found:
                return found
        return []


def is_passive(token: Token) -> bool:
    """A passive clause has a passive auxiliary; a reflexive "se" makes it active
    ("la Chine et le Japon se sont entendus", which the parser may label nsubj:pass)."""
    children = list(token.children)
    if any(c.dep_.startswith("expl") or c.lower_ in {"se", "s'"} for c in children):
        return False
    return any(c.dep_ == "aux:pass" for c in children)


def subject_token(token: Token | None) -> Token | None:
    """The subject of a predicate, through control, coordination and participles."""
    seen = 0
    while token is not None and seen < 6:
        seen += 1
        subj = _child(token, {"nsubj", "nsubj:pass", "csubj", "expl:subj"})
        for aux in _children(token, {"aux:tense", "aux:pass", "aux", "cop", "advmod", "dep"}):
            # the parser may hang the subject on an auxiliary ("se sont dits prêts")
            subj = subj or _child(aux, {"nsubj", "nsubj:pass", "expl:subj"})
        if subj is not None:
            return subj
        dep = token.dep_
        head = token.head
        if head.i == token.i:
            return None
        if dep == "xcomp":
            if fold(head.lemma_) in OBJECT_CONTROL:
                obj = _child(head, {"obj", "iobj"})
                if obj is not None:
                    return obj
            token = head
        elif dep in {"conj", "advcl"}:
            token = head
        elif dep in {"acl", "amod"} and token.pos_ in {"VERB", "ADJ"}:
            return head
        else:
            return None
    return None


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _child(token: Token, deps: set[str]) -> Token | None:
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


def _case_children(token: Token, kind: str, preps: set[str]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_.split(":")[0] != kind:
            continue
        if case_word(child) in {fold(p) for p in preps}:
            out.append(child)
    return out


def _case_child(token: Token, kind: str, preps: set[str]) -> Token | None:
    found = _case_children(token, kind, preps)
    return found[0] if found else None


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(setting("depths", "governing_verb")):
        if current.head.i == current.i:
            return current if current.pos_ in {"VERB", "ADJ"} else None
        current = current.head
        if current.pos_ in {"VERB", "AUX"} or any(c.dep_ == "cop" for c in current.children):
            return current
    return None


def _is_source(token: Token) -> bool:
    """A "selon X" / "d'après X" phrase: the source of the report, never a participant."""
    for case in (c for c in token.children if c.dep_ == "case"):
        words = {fold(case.text)} | {fold(f.text) for f in case.children if f.dep_ == "fixed"}
        if "selon" in words or "apres" in words:
            return True
    return False


def _faire_objet(token: Token) -> Token | None:
    """The verb "faire" of "faire l'objet de <event noun>", if that is the construction."""
    head = token.head
    if token.dep_ == "nmod" and fold(head.lemma_) == "objet" and head.dep_ == "obj":
        return head.head if fold(head.head.lemma_) == "faire" else None
    if token.dep_.startswith("obl") and fold(head.lemma_) == "faire" and any(
            c.dep_ == "obj" and fold(c.lemma_) == "objet" for c in head.children):
        return head  # the parser hangs "d'une enquête" on "fait"
    return None


def _owned_object(token: Token) -> Token | None:
    """The object when it has a possessive determiner ("ses troupes", "son ambassadeur")."""
    for child in token.children:
        if child.dep_ in {"obj", "nsubj:pass"} and any(
                c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in child.children):
            return child
    return None


def _same_country(recipients: list[Entity], actors: list[Entity]) -> bool:
    """The recipients name only the actor's country (whatever the sector), or nobody."""
    keys = set().union(*[r.keys() for r in recipients]) if recipients else set()
    actor_keys = set().union(*[a.keys() for a in actors]) if actors else set()
    return not keys or (bool(actor_keys) and keys <= actor_keys)


def _self(found: list[Entity], actors: list[Entity]) -> bool:
    """The entities are the actor again: same country and sector, or inferred ones of the
    actor's country."""
    return _same(found, actors) or (all(e.resolved_by in WEAK for e in found)
                                    and _same_country(found, actors))


def _same(recipients: list[Entity], actors: list[Entity]) -> bool:
    """The recipients name only the actor (same country and sector), or nobody."""
    if not any(r.keys() for r in recipients):
        return True
    mine = {(k, a.sector) for a in actors for k in a.keys()}
    return bool(mine) and all((k, r.sector) in mine for r in recipients for k in r.keys())


def _unique(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for entity in entities:
        if not any(e.start == entity.start and e.end == entity.end and e.keys() == entity.keys()
                   for e in out):
            out.append(entity)
    return out


def _without_actor(recipients: list[Entity], actors: list[Entity]) -> list[Entity]:
    """Drop recipients that are the actor itself, unless nothing else is left."""
    actor_keys = set().union(*[a.keys() for a in actors]) if actors else set()
    others = [r for r in recipients if not (r.keys() and r.keys() <= actor_keys)]
    return others if others else recipients
