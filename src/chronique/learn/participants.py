"""The participant model: for an event and each candidate mention of its sentence, whether
the mention is the event's ``actor``, its ``recipient``, or neither (``NONE``).

Candidates are the noun phrases of the sentence that resolve to someone identifiable (a
country or an organisation id), pronouns included. Features: the dependency path between the
trigger and the candidate, the candidate's relation and preposition, side and distance, the
event type and trigger lemma with the path, passive voice, the candidate's sector, what
the argument rules (``events/arguments.py``) chose for it, and whether it names the country
or organisation of the actor they chose (with the event type: a recipient is seldom the
actor's own country in a diplomatic act, often in an arrest). How the choice combines with the
rules: ``decide`` (docs/evaluation.md, "Models").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.tokens import Token

from chronique.events.arguments import Arguments, case_word, is_passive
from chronique.learn.linear import LinearModel
from chronique.lexicon.forms import fold
from chronique.record import Entity, keys_of

NONE = "NONE"
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
SKIPPED_DEPS = frozenset({"flat:name", "fixed", "case"})
MAX_PATH = 4
#: how many sentences open an article (its headline and its lead)
OPENING = 2
#: how many candidates of the sentences before the previous one are kept
EARLIER = 4
#: how many candidates of earlier sentences the document keeps to choose them from
KEPT = 60
#: the thresholds a newly trained model starts with: where ``benchmarks/tune_policy.py``
#: starts its search on the dev sets (``make model``)
THRESHOLD, FILL, CONTEXT_FILL = 0.4, 0.02, 0.02


@dataclass(frozen=True)
class Candidate:
    token: Token
    entities: tuple[Entity, ...]
    #: where it was named: the event's own "sentence", the "previous" one (a recipient the
    #: event's sentence leaves implicit: "Washington a adressé un ultimatum à Bagdad. Bagdad
    #: l'a rejeté.") or the article's "opening" (headline and lead: whom it is about)
    source: str = "sentence"
    #: how many times the document had named its countries or organisations before
    times: int = 0

    @cached_property
    def keys(self) -> frozenset[str]:
        """The countries and organisations it names (computed once)."""
        return keys_of(self.entities)

    @property
    def context(self) -> bool:
        """Named outside the event's own sentence."""
        return self.source != "sentence"


def with_context(cands: list[Candidate], ctx) -> list[Candidate]:
    """The sentence's candidates, then those of the previous sentence that name someone the
    sentence does not, then those of the article's opening (headline and lead) that name
    someone none of these does, then those of the sentences before (the latest first, up to
    ``EARLIER``) that name someone else again, each marked with where it was named; this
    sentence's become the previous ones."""
    named = set().union(*(c.keys for c in cands))
    earlier = [Candidate(c.token, c.entities, "previous", _times(c, ctx)) for c in ctx.previous
               if not c.keys <= named]
    named |= set().union(*(c.keys for c in earlier))
    opening = _new_ones(ctx.opening, "opening", named, ctx)
    before = _new_ones(ctx.earlier, "earlier", named, ctx, EARLIER)
    ctx.earlier = (list(reversed(ctx.previous)) + ctx.earlier)[:KEPT]
    ctx.previous = cands
    if ctx.opened < OPENING:
        ctx.opening.extend(cands)
        ctx.opened += 1
    for cand in cands:
        for key in cand.keys:
            ctx.named[key] = ctx.named.get(key, 0) + 1
    return cands + earlier + opening + before


def _times(cand: Candidate, ctx) -> int:
    """How many times the document has named the candidate's countries or organisations."""
    return max((ctx.named.get(k, 0) for k in cand.keys), default=0)


def _new_ones(cands: list[Candidate], source: str, named: set[str], ctx,
              limit: int | None = None) -> list[Candidate]:
    """The candidates that name someone not named yet (``named`` grows), marked ``source``;
    the first ``limit`` of them."""
    out: list[Candidate] = []
    for cand in cands:
        if limit is not None and len(out) == limit:
            break
        if cand.keys and not cand.keys <= named:
            out.append(Candidate(cand.token, cand.entities, source, _times(cand, ctx)))
            named |= cand.keys
    return out


def candidates(resolver, tokens: list[Token], phrase, ctx) -> list[Candidate]:
    """The sentence's mentions that resolve to someone identifiable."""
    out = []
    for token in tokens:
        if token.pos_ not in CANDIDATE_POS or token.dep_ in SKIPPED_DEPS:
            continue
        # with its conjuncts: "les marines pakistanaise et chinoise" is two participants
        found = tuple(e for e in resolver.resolve(token, phrase, ctx) if e.keys())
        if found:
            out.append(Candidate(token, found))
    return out


def rule_role(candidate: Candidate, args: Arguments) -> str:
    """What the argument rules made of the candidate: actor, recipient or none."""
    at = candidate.entities[0].start
    for role, entities in (("actor", args.actor), ("recipient", args.recipient)):
        if any(e.start <= at < e.end or (e.start, e.end) == (at, candidate.entities[0].end)
               for e in entities):
            return role
    return "none"


def pair_features(trigger: Token, event_type: str, candidate: Candidate,
                  role: str, quoted: frozenset[int] | None = None,
                  acting: frozenset[str] = frozenset()) -> dict[str, float]:
    """``acting``: the countries and ids of the actors the rules chose."""
    if candidate.context:
        return context_features(trigger, event_type, candidate, acting)
    token = candidate.token
    path = dependency_path(token, trigger)
    lemma = fold(trigger.lemma_)
    case = case_word(token)
    side = "before" if token.i < trigger.i else "after"
    distance = min(abs(token.i - trigger.i) // 3, 5)
    entity = candidate.entities[0]
    feats = {
        f"path={path}": 1.0, f"type|path={event_type}|{path}": 1.0,
        f"lemma|path={lemma}|{path}": 1.0, f"cdep={token.dep_}": 1.0, f"case={case}": 1.0,
        f"type|case={event_type}|{case}": 1.0, f"lemma|case={lemma}|{case}": 1.0,
        f"side={side}": 1.0, f"type|side={event_type}|{side}": 1.0, f"dist={distance}": 1.0,
        f"passive={is_passive(trigger)}": 1.0, f"rule={role}": 1.0,
        f"type|rule={event_type}|{role}": 1.0, f"cpos={token.pos_}": 1.0,
        f"sector={entity.sector}": 1.0, f"intl={entity.country in {'IGO', 'NGO', 'MNC'}}": 1.0,
        f"tpos={trigger.pos_}": 1.0, f"self={token.i == trigger.i}": 1.0,
    }
    if len(candidate.entities) > 1:
        feats["several"] = 1.0
    if acting and role != "actor":
        same = bool(candidate.keys & acting)
        feats[f"same_actor={same}"] = 1.0
        feats[f"type|same_actor={event_type}|{same}"] = 1.0
    clemma = fold(token.lemma_)
    feats[f"clemma={clemma}"] = 1.0
    feats[f"type|clemma={event_type}|{clemma}"] = 1.0
    feats[f"type|sector={event_type}|{entity.sector}"] = 1.0
    if token.head.i != token.i:
        feats[f"governor={fold(token.head.lemma_)}|{token.dep_}"] = 1.0
    if token.i in (_quoted_tokens(token) if quoted is None else quoted):
        feats["quoted"] = 1.0
    return feats


def context_features(trigger: Token, event_type: str, candidate: Candidate,
                     acting: frozenset[str] = frozenset()) -> dict[str, float]:
    """Features of a candidate named outside the event's sentence: where (previous sentence,
    opening, earlier), its relation there, its sector and lemma, with the event's type and
    trigger lemma (no path: another sentence); how often the article has named it
    (``times``), and whether it names the country or organisation of the actor the rules
    chose (``acting``)."""
    token, entity = candidate.token, candidate.entities[0]
    lemma, clemma = fold(trigger.lemma_), fold(token.lemma_)
    source = candidate.source
    times = min(candidate.times, 4)
    same = bool(candidate.keys & acting)
    return {f"ctx|times={times}": 1.0, f"ctx|type|times={event_type}|{times}": 1.0,
            f"ctx|same_actor={same}": 1.0, f"ctx|type|same_actor={event_type}|{same}": 1.0,
            "ctx": 1.0, f"ctx|from={source}": 1.0, f"ctx|from|type={source}|{event_type}": 1.0,
            f"ctx|type={event_type}": 1.0, f"ctx|lemma={lemma}": 1.0,
            f"ctx|cdep={token.dep_}": 1.0, f"ctx|type|cdep={event_type}|{token.dep_}": 1.0,
            f"ctx|sector={entity.sector}": 1.0, f"ctx|type|sector={event_type}|{entity.sector}": 1.0,
            f"ctx|cpos={token.pos_}": 1.0, f"ctx|clemma={clemma}": 1.0,
            f"ctx|intl={entity.country in {'IGO', 'NGO', 'MNC'}}": 1.0,
            f"ctx|tpos={trigger.pos_}": 1.0, f"ctx|passive={is_passive(trigger)}": 1.0}


def _quoted_tokens(token: Token) -> frozenset[int]:
    """The tokens of the token's sentence that stand between « and »."""
    inside, out = False, set()
    for t in token.sent:
        if t.text == "«":
            inside = True
        elif t.text == "»":
            inside = False
        elif inside:
            out.add(t.i)
    return frozenset(out)


def dependency_path(token: Token, trigger: Token) -> str:
    """The relations from the candidate up to the common ancestor, then down to the trigger
    ("nsubj^|", "nmod^obj^|", "nsubj^|xcomp_"), or "far"."""
    up = _ancestors(token)
    down = _ancestors(trigger)
    down_index = {t.i: n for n, t in enumerate(down)}
    for n, node in enumerate(up):
        if node.i in down_index:
            rise = [t.dep_ for t in up[:n]]
            fall = [t.dep_ for t in down[:down_index[node.i]]]
            if len(rise) > MAX_PATH or len(fall) > MAX_PATH:
                return "far"
            return "^".join(rise) + "^|" + "_".join(reversed(fall))
    return "far"


def _ancestors(token: Token) -> list[Token]:
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < 12:
        out.append(out[-1].head)
    return out


class ParticipantModel:
    """Scores (trigger, candidate) pairs: probabilities of actor, recipient, NONE."""

    def __init__(self, linear: LinearModel) -> None:
        self.linear = linear
        self.actor = linear.classes.index("actor")
        self.recipient = linear.classes.index("recipient")
        self.threshold: float = float(linear.info.get("threshold", THRESHOLD))
        self.fill: float = float(linear.info.get("fill", FILL))
        #: a mention of the previous sentence fills an empty recipient only from this
        self.context_fill: float = float(linear.info.get("context_fill", CONTEXT_FILL))

    def decide(self, trigger: Token, event_type: str, cands: list[Candidate],
               args: Arguments) -> Arguments:
        """The model's actors and recipients where it is sure enough of some; else the
        rules' choice for that side."""
        if not cands:
            return args
        actors: list[Entity] = []
        recipients: list[Entity] = []
        quoted, acting = _quoted_tokens(trigger), keys_of(args.actor)
        rows = self.linear.probabilities_many([pair_features(
            trigger, event_type, cand, rule_role(cand, args), quoted, acting) for cand in cands])
        scored = list(zip(cands, rows, strict=True))
        for cand, probs in scored:
            if cand.context:
                continue  # only ever fills an empty recipient (``_fill``)
            best = int(probs.argmax())
            if probs[best] < self.threshold:
                continue
            if best == self.actor:
                actors.extend(cand.entities)
            elif best == self.recipient:
                recipients.extend(cand.entities)
        actor = tuple(_unique(actors)) or args.actor
        recipient = tuple(e for e in _unique(recipients) if e not in actor) or args.recipient
        if args.how == "reciprocal":
            # a meeting: every participant is an actor, the recipient stays empty (PLOVER)
            return Arguments(tuple(_unique([*actor, *recipient])), (), "reciprocal")
        if not any(r.keys() for r in recipient):
            recipient = self._fill(scored, actor) or recipient
        if (actor, recipient) == (args.actor, args.recipient):
            return args
        return Arguments(actor, recipient, "model")

    def _fill(self, scored: list, actor: tuple[Entity, ...]) -> tuple[Entity, ...]:
        """An event left without a recipient takes the likeliest candidate that is not an
        actor when its recipient probability reaches ``fill``; a candidate named outside the
        sentence must reach ``context_fill`` and not name an actor of the event (``_acts``)."""
        taken = {(e.start, e.end) for e in actor}
        options = [(probs[self.recipient], cand) for cand, probs in scored
                   if not any((e.start, e.end) in taken for e in cand.entities)
                   and (not cand.context or (probs[self.recipient] >= self.context_fill
                                             and not _acts(cand, actor)))]
        if not options:
            return ()
        prob, cand = max(options, key=lambda o: o[0])
        return cand.entities if prob >= self.fill else ()

    def save(self, folder: Path) -> None:
        self.linear.info["threshold"] = self.threshold
        self.linear.info["fill"] = self.fill
        self.linear.info["context_fill"] = self.context_fill
        self.linear.save(folder)


def _acts(cand: Candidate, actor: tuple[Entity, ...]) -> bool:
    """The candidate names an actor of the event: the same country, organisation and sector,
    or one of its organisations ("le gouvernement" named earlier is not "les manifestants"
    of its country, whom it may be the target of)."""
    mine = {(e.country, e.id, e.sector) for e in actor}
    ids = {e.id for e in actor if e.id}
    return any((e.country, e.id, e.sector) in mine or e.id in ids for e in cand.entities)


def _unique(entities: list[Entity]) -> list[Entity]:
    """Each entity once; the entities of one phrase that names several countries ("les
    marines russe et chinoise") are several. Two overlapping mentions of one named someone
    ("propos de M. Han", "M. Han") are one: the shorter."""
    seen, out = set(), []
    for entity in entities:
        key = (entity.start, entity.end, entity.country, entity.id)
        if key in seen:
            continue
        seen.add(key)
        same = next((i for i, kept in enumerate(out) if _same_one(kept, entity)), None)
        if same is None:
            out.append(entity)
        elif entity.end - entity.start < out[same].end - out[same].start:
            out[same] = entity
    return out


def _same_one(a: Entity, b: Entity) -> bool:
    return a.name is not None and (a.name, a.country, a.id) == (b.name, b.country, b.id) \
        and a.start < b.end and b.start < a.end


def load_participants(folder: Path | None) -> ParticipantModel | None:
    from chronique.learn.trigger_model import SHIPPED

    target = (folder or SHIPPED) / "participants"
    if not (target / "model.json").exists():
        return None
    return ParticipantModel(LinearModel.load(target))
