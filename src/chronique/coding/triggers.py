"""The triggers stage: a sentence's event triggers, its reported obligations, and which
triggers are inside another's phrase (suppressed).

Rule triggers come from ``data/fr/triggers/*.yaml`` (``events/triggers.py``), revised by the
trigger model when there is one (``learn/combine.py``); words inside names are never events.
"X a déclaré que Y doivent ..." is a reported obligation (``cues.yaml: obligation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.actors.resolve import ActorResolver, Phrase
from chronique.coding.tree import ordered, purpose
from chronique.events.arguments import ArgumentAssigner
from chronique.events.modality import DENIAL, ModalityReader
from chronique.events.tree import coordinated_verb
from chronique.events.triggers import Trigger, TriggerMatcher
from chronique.lang import setting, table, words
from chronique.learn.combine import revise
from chronique.learn.features import position
from chronique.lexicon.forms import fold
from chronique.nlp import Sentence

#: a trigger of these types in a purpose clause of another event is that event's aim
PURPOSE_TYPES = frozenset(table("cues")["purpose_types"])
#: an adverbial clause so marked may be the content of the verb above it
CLAUSE_MARKS = words("purpose_marks") | words("condition_marks")
EMBEDDING_TYPES = {"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"}


@dataclass(frozen=True)
class Obligation:
    """A reported obligation: its verb, the speaker's token, actors and recipients."""

    anchor: Token
    speaker: Token
    actors: tuple
    recipients: tuple


@dataclass(frozen=True)
class SentenceTriggers:
    triggers: list[Trigger]
    obligations: list[Obligation]
    suppressed: frozenset[int]

    def items(self) -> list[tuple[Trigger | None, Obligation | None]]:
        """The events to code, in order: the triggers kept, then the obligations."""
        items: list[tuple[Trigger | None, Obligation | None]] = [
            (t, None) for t in self.triggers if t.token.i not in self.suppressed]
        return items + [(None, o) for o in self.obligations]


class TriggerStage:
    """Find a sentence's triggers and obligations."""

    def __init__(self, matcher: TriggerMatcher, model: Any, modality: ModalityReader,
                 assigner: ArgumentAssigner, resolver: ActorResolver) -> None:
        self.matcher = matcher
        self.model = model
        self.modality = modality
        self.assigner = assigner
        self.resolver = resolver

    def __call__(self, sentence: Sentence, tokens: list[Token], phrase: Phrase,
                 ctx: DocumentContext) -> SentenceTriggers:
        obligations = self.obligations(tokens, phrase, ctx)
        where = position(sentence.index, ctx.sentences)
        # a lone sentence given to code is a report of its main event; in an article, its
        # relative and adverbial clauses report events of their own
        article = where != "single"
        rules, names = self.rule_triggers(sentence, tokens, phrase)
        embedded = self.embedded(sentence, tokens, phrase, ctx, rules, obligations)
        triggers = self.revised(rules, names, tokens, where, embedded)
        inside = suppressed(triggers, obligations, article)
        if self.model is not None:
            inside -= self.model.events_of_their_own(
                [t for t in triggers if t.token.i in inside], embedded, where)
        return SentenceTriggers(triggers, obligations, frozenset(inside))

    def embedded(self, sentence: Sentence, tokens: list[Token], phrase: Phrase,
                 ctx: DocumentContext, rules: list[Trigger],
                 obligations: list[Obligation] | None = None) -> frozenset[int]:
        """The rule triggers the rules find inside another trigger's phrase: what the trigger
        model is told, when it learns as when it codes."""
        article = position(sentence.index, ctx.sentences) != "single"
        if obligations is None:
            obligations = self.obligations(tokens, phrase, ctx)
        return frozenset(suppressed(rules, obligations, article))

    def rule_triggers(self, sentence: Sentence, tokens: list[Token], phrase: Phrase
                      ) -> tuple[list[Trigger], set[int]]:
        """The lexicon's triggers of a sentence, and the tokens inside names (never events)."""
        names = {i for i, m in phrase.mentions.items() if m.kind in {"organisation", "person"}}
        # words inside the name of an institution ("Forum de coopération locale") are not events
        names |= {i for ent in sentence.doc.ents if ent.label_ in {"ORG", "MISC"} and len(ent) > 2
                  for i in range(ent.start, ent.end) if sentence.doc[i].pos_ == "NOUN"}
        return [t for t in self.matcher(tokens) if t.token.i not in names], names

    def triggers(self, sentence: Sentence, tokens: list[Token], phrase: Phrase,
                 ctx: DocumentContext | None = None) -> list[Trigger]:
        """The rule triggers, revised by the trigger model when there is one (it reads where
        the sentence stands in the document from ``ctx``)."""
        triggers, names = self.rule_triggers(sentence, tokens, phrase)
        where = position(sentence.index, ctx.sentences if ctx is not None else 0)
        return self.revised(triggers, names, tokens, where)

    def revised(self, triggers: list[Trigger], names: set[int], tokens: list[Token],
                where: str, embedded: frozenset[int] = frozenset()) -> list[Trigger]:
        """The rule triggers, revised by the trigger model when there is one."""
        if self.model is None:
            return triggers
        return revise(self.model, tokens, triggers, names, where, embedded)

    def obligations(self, tokens: list[Token], phrase: Phrase, ctx: DocumentContext
                    ) -> list[Obligation]:
        """"X a déclaré que Y doivent ..." -> a request from X to Y (cues.yaml: obligation)."""
        out = []
        governors = {t.head.i for t in tokens if t.dep_ == "xcomp"}
        for token in tokens:
            if token.i not in governors or not self.modality.is_obligation(token):
                continue
            speaker = self.modality.speaker(token)
            if speaker is None:
                continue
            recipients = tuple(self.assigner.slot(token, "nsubj", phrase, ctx))
            actors = tuple(self.resolver.resolve(speaker, phrase, ctx))
            actor_keys = set().union(*[a.keys() for a in actors]) if actors else set()
            trimmed = tuple(r for r in recipients if not r.keys() <= actor_keys or not r.keys())
            out.append(Obligation(token, speaker, actors, trimmed or recipients))
        return out


def suppressed(triggers: list[Trigger], obligations: list[Obligation],
               article: bool = False) -> set[int]:
    """Triggers inside the phrase of another trigger ("a promis de poursuivre l'aide",
    "a condamné l'attaque", "appuierait une résolution visant à durcir les sanctions"):
    the governing one is the event. Coordination ("a salué ... et a appelé") is not
    embedding, and in an ``article`` neither is a relative or adverbial clause of its own
    (``_own_clause``)."""
    heads = {t.token.i for t in triggers} | {o.anchor.i for o in obligations}
    out = set()
    embedding = [t for t in triggers if t.pattern.type in EMBEDDING_TYPES]
    for trigger in triggers:
        if _follows_infinitive_mark(trigger, embedding):
            # "L'Algérie menace de couper ...", however the parser attached the infinitive
            out.add(trigger.token.i)
            continue
        if trigger.pattern.type in PURPOSE_TYPES and purpose(trigger.token, heads):
            # "ont bloqué les routes pour réclamer ...": the protest is the event
            out.add(trigger.token.i)
            continue
        if _participial_adjunct(trigger.token):
            continue
        governing = _embedding_head(trigger, heads, article)
        if governing is not None:
            out.add(governing)
    return out


def _embedding_head(trigger: Trigger, heads: set[int], article: bool) -> int | None:
    """Which of the trigger and the trigger governing it is not the event, if any."""
    node = trigger.token
    for _ in range(setting("depths", "suppressed")):
        if node.head.i == node.i or node.dep_ in {"parataxis", "ROOT"} or \
                article and _own_clause(node):
            break
        coordinated = node.dep_ == "conj"
        node = coordinated_verb(node) if coordinated else node.head
        if not coordinated and node.i in heads and node.i != trigger.token.i:
            if fold(node.lemma_) in DENIAL:
                return node.i  # "a démenti avoir mobilisé": the denied event, negated
            if ordered(node, trigger):
                return node.i  # "a ordonné des patrouilles": the ordered action
            return trigger.token.i
    return None


def _own_clause(node: Token) -> bool:
    """A relative clause ("la gendarmerie, qui a interpellé dix personnes") or an adverbial
    clause that is neither a purpose nor a condition ("avant d'être relâchés", "dispersés par
    la police"): what happens in it is not the content of the verb above it."""
    if node.dep_ == "acl:relcl":
        return True
    return node.dep_ == "advcl" and not any(
        c.dep_ == "mark" and fold(c.text) in CLAUSE_MARKS for c in node.children)


def _participial_adjunct(token: Token) -> bool:
    """A present participle or gerund clause beside its main verb ("a rappelé son
    ambassadeur, condamnant les propos ...", "en appelant la junte à ..."): an act of its own,
    not the content of the main verb."""
    return token.dep_ == "advcl" and "Part" in token.morph.get("VerbForm") and \
        "Pres" in token.morph.get("Tense")


def _follows_infinitive_mark(trigger: Trigger, embedding: list[Trigger]) -> bool:
    """An infinitive trigger right after an embedding verb trigger and "de" / "à"
    ("menace de couper", "a promis de livrer", "a refusé de signer")."""
    token = trigger.token
    if "Inf" not in token.morph.get("VerbForm") or token.i < 2:
        return False
    doc = token.doc
    mark = doc[token.i - 1]
    if fold(mark.text) not in words("infinitive_marks"):
        return False
    for other in embedding:
        if other.token.i != token.i and 0 < mark.i - other.token.i <= 3 and all(
                doc[j].pos_ in {"ADV", "VERB", "AUX"} for j in range(other.token.i + 1, mark.i)):
            return True
    return False
