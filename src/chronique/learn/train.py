"""Train the models on gold corpora (``chronique train``).

Each gold trigger is aligned with the token that carries it in the parse: a rule trigger of
the same type inside its words, else the word of the phrase that governs the others.

- Triggers: that token learns the event's type; the phrase's other words are left out, and so
  are the words of optional events; every other candidate learns ``NONE``.
- Participants: for that event, each candidate mention of the sentence learns ``actor`` or
  ``recipient`` when it lies inside the words of a gold actor or recipient (a pronoun also
  when it names the same country or organisation), else ``NONE``.

scikit-learn's logistic regression (``linear.fit``), fixed seed: the same corpus gives the
same weights.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.tokens import Token

from chronique.coding.state import DocState
from chronique.dates import PartialDate
from chronique.documents.readers import make_document
from chronique.evaluate import entity_keys
from chronique.events.triggers import Trigger
from chronique.learn.combine import synthetic
from chronique.learn.corpus import gold_records, trigger_spans
from chronique.learn.features import is_candidate, token_features, token_vector
from chronique.learn.linear import fit
from chronique.learn.participants import (
    CONTEXT_FILL,
    FILL,
    THRESHOLD,
    Candidate,
    ParticipantModel,
    candidates,
    pair_features,
    rule_role,
    with_context,
)
from chronique.learn.participants import NONE as NO_ROLE
from chronique.learn.trigger_model import NONE, Policy, TriggerModel
from chronique.lexicon.forms import fold
from chronique.nlp import parse_many
from chronique.record import keys_of

IGNORE = ""
HEAD_ORDER = {"VERB": 0, "ADJ": 1, "NOUN": 2}
#: the inverse regularisation strength of both models (on the dev sets 0.5 scored above 1
#: and 0.25: docs/models.md)
C = 0.5


def examples(coder, records: list[dict]) -> Iterator[tuple[str, tuple]]:
    """("trigger", (features, vector, label, mode, lemma)) for every candidate predicate and
    ("pair", (features, None, role)) for every (gold event, candidate mention)."""
    docs = [make_document(str(r.get("id", i)), r["text"], published=r.get("published"))
            for i, r in enumerate(records)]
    parsed_all = parse_many(coder.nlp, [d.text for d in docs], coder.settings.batch_size)
    for record, parsed in zip(records, parsed_all, strict=True):
        spans = trigger_spans(record)
        # the document's memory as the coder begins it (its length, its year)
        published = PartialDate.parse(record.get("published"))
        ctx = DocState.begin(len(parsed.sentences), published).ctx
        for sentence, tokens, phrase in coder.read_sentences(parsed, ctx):
            rules, names = coder.rule_triggers(sentence, tokens, phrase)
            by_token = {t.token.i: t for t in rules}
            embedded = coder.trigger_stage.embedded(sentence, tokens, phrase, ctx, rules)
            labels = _labels(tokens, sentence.offset, spans, rules)
            for token in tokens:
                if token.i in names or not (is_candidate(token) or token.i in by_token):
                    continue
                label, event = labels.get(token.i, (NONE, None))
                if label != IGNORE:
                    yield "trigger", (token_features(token, by_token.get(token.i),
                                                     token.i in embedded),
                                      token_vector(token), label,
                                      (event or {}).get("mode"), fold(token.lemma_))
            cands = with_context(candidates(coder.resolver, tokens, phrase, ctx), ctx)
            for index, (label, event) in labels.items():
                if label in (IGNORE, NONE) or not cands:
                    continue
                token = tokens[0].doc[index]
                trigger = by_token.get(index)
                if trigger is None or trigger.pattern.type != label:
                    trigger = synthetic(token, label, "gold")
                args = coder.assigner(trigger, phrase, ctx)
                acting = keys_of(args.actor)
                for cand in cands:
                    role = _context_role(cand, event, sentence) if cand.context else \
                        _role(cand, event, sentence, phrase.offset)
                    yield "pair", (pair_features(token, label, cand, rule_role(cand, args),
                                                 acting=acting), None, role)


def _context_role(cand: Candidate, event: dict, sentence) -> str:
    """A candidate of the previous sentence plays the role of a gold participant the
    event's own sentence does not name, when it names the same country or organisation."""
    keys = set().union(*(e.keys() for e in cand.entities))
    for role in ("actor", "recipient"):
        for entity in event.get(role) or []:
            words = entity.get("text") or ""
            if words and words not in sentence.text and entity_keys(entity) & keys:
                return role
    return NO_ROLE


def _role(cand: Candidate, event: dict, sentence, offset: int) -> str:
    at = offset + cand.token.idx
    text = sentence.text
    for role in ("actor", "recipient"):
        for entity in event.get(role) or []:
            words = entity.get("text") or ""
            start = text.find(words) if words else -1
            while start >= 0:
                if sentence.start + start <= at < sentence.start + start + len(words):
                    return role
                start = text.find(words, start + 1)
            if cand.token.pos_ == "PRON" and entity_keys(entity) & cand.entities[0].keys():
                return role
    return NO_ROLE


def _labels(tokens: list[Token], offset: int, spans, rules: list[Trigger]
            ) -> dict[int, tuple[str, dict | None]]:
    labels: dict[int, tuple[str, dict | None]] = {}
    for start, end, event_type, event in spans:
        inside = [t for t in tokens if start <= offset + t.idx < end]
        if not inside:
            continue
        for token in inside:
            labels.setdefault(token.i, (IGNORE, None))
        if event_type is None:
            continue
        head = _head(inside, rules, event_type)
        if head is not None and labels[head.i][0] == IGNORE:
            labels[head.i] = (event_type, event)
    return labels


def _head(inside: list[Token], rules: list[Trigger], event_type: str) -> Token | None:
    ids = {t.i for t in inside}
    for rule in rules:
        if rule.token.i in ids and rule.pattern.type == event_type:
            return rule.token
    heads = [t for t in inside if t.pos_ in HEAD_ORDER and (t.head.i not in ids or t.head == t)]
    heads = heads or [t for t in inside if t.pos_ in HEAD_ORDER]
    return min(heads, key=lambda t: HEAD_ORDER[t.pos_]) if heads else None


def train(coder, paths: list[Path], out: Path, *, seed: int = 0, c: float = C,
          policy: Policy | None = None, progress: Callable[[str], None] = print
          ) -> tuple[TriggerModel, ParticipantModel]:
    """Train both models on the gold records of ``paths``; save them in ``out``."""
    began = time.monotonic()
    records = list(gold_records(paths))
    rows: dict[str, list] = {"trigger": [], "pair": []}
    for kind, row in examples(coder, records):
        rows[kind].append(row)
    if not rows["trigger"] or not rows["pair"]:
        raise ValueError("no training examples: the corpus has no annotated sentences")
    triggers = rows["trigger"]
    progress(f"{len(records)} documents: {len(triggers)} candidate predicates "
             f"({sum(r[2] != NONE for r in triggers)} events), {len(rows['pair'])} "
             "event-mention pairs")
    facts = {"documents": len(records), "seed": seed, "C": c}
    trigger_model = TriggerModel(fit([r[:3] for r in triggers], seed=seed, c=c, info={
        "name": "triggers", "modes": _modes(triggers), "policy": (policy or Policy()).__dict__,
        "event_lemmas": sorted({r[4] for r in triggers if r[2] != NONE}),
        "labels": dict(sorted(Counter(r[2] for r in triggers).items())), **facts}))
    trigger_model.save(out / "triggers")
    # most mentions play no part in a given event: balanced classes keep the model from
    # learning that "no part" is nearly always right (docs/models.md)
    participants = ParticipantModel(fit(rows["pair"], seed=seed, c=c, balanced=True, info={
        "name": "participants", "threshold": THRESHOLD, "fill": FILL,
        "context_fill": CONTEXT_FILL,
        "labels": dict(sorted(Counter(r[2] for r in rows["pair"]).items())), **facts}))
    participants.save(out / "participants")
    progress(f"trained in {time.monotonic() - began:.0f} s -> {out}")
    return trigger_model, participants


def _modes(rows: list) -> dict[str, str]:
    """The mode most often given to each (lemma, type) in the corpus."""
    counts = Counter((lemma, label, mode) for _, _, label, mode, lemma in rows if mode)
    best: dict[str, tuple[int, str]] = {}
    for (lemma, event_type, mode), n in sorted(counts.items()):
        key = f"{lemma}|{event_type}"
        if n > best.get(key, (0, ""))[0]:
            best[key] = (n, mode)
    return {k: v[1] for k, v in sorted(best.items())}
