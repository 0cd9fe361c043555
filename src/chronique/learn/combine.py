"""How the trigger model and the rule lexicon combine (docs/evaluation.md, "Models").

- A rule trigger stays unless the model gives ``NONE`` at least ``policy.veto`` (``veto_single``
  in a document of one sentence); it takes the
  model's type instead of the pattern's when the model gives that type ``policy.retype``
  ("a approuvé un prêt": AID, not SUPPORT); its record's ``rule`` then ends in ``+model``.
- A candidate no rule matched, outside every kept trigger's words and outside names, whose
  lemma was an event in training (``TriggerModel.may_add``), becomes an event when the model's
  best class is a type with at least ``policy.add``; its record's
  ``rule`` is ``model:<name>`` and its mode the one training gave that lemma and type most.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from chronique.events.triggers import Pattern, Trigger
from chronique.learn.features import is_candidate
from chronique.learn.trigger_model import TriggerModel
from chronique.lexicon.forms import fold

SPAN_DEPS = frozenset({"aux:tense", "aux:pass", "aux", "cop", "expl:comp", "expl:pv", "expl"})


def revise(model: TriggerModel, tokens: list[Token], triggers: list[Trigger],
           excluded: set[int], where: str | None = None,
           embedded: frozenset[int] = frozenset()) -> list[Trigger]:
    """The rule triggers the model keeps, then the events it adds, in token order
    (``embedded``: the rule triggers inside another trigger's phrase)."""
    ruled = {t.token.i for t in triggers}
    others = [t for t in tokens if t.i not in ruled and t.i not in excluded
              and is_candidate(t) and model.may_add(t)]
    probs = model.predict_many([(t.token, t) for t in triggers] + [(t, None) for t in others],
                               embedded)
    kept, veto = [], model.policy.veto_for(where)
    for trigger, row in zip(triggers, probs, strict=False):
        if row[model.none] >= veto:
            continue
        best = int(row.argmax())
        if best != model.none and model.classes[best] != trigger.pattern.type and \
                row[best] >= model.policy.retype:
            trigger = _retyped(model, trigger, model.classes[best], float(row[best]))
        kept.append(trigger)
    covered = {i for t in kept for i in range(t.start_token, t.end_token)}
    added = []
    for token, row in zip(others, probs[len(triggers):], strict=True):
        best = int(row.argmax())
        if token.i not in covered and best != model.none and row[best] >= model.policy.add:
            added.append(_trigger(model, token, model.classes[best], float(row[best])))
    return sorted(kept + added, key=lambda t: t.token.i)


def _retyped(model: TriggerModel, trigger: Trigger, event_type: str, prob: float) -> Trigger:
    pattern = trigger.pattern
    lemma = fold(trigger.token.lemma_)
    changed = replace(pattern, id=f"{pattern.id}+model", type=event_type,
                      mode=model.mode(lemma, event_type), reciprocal=event_type == "CONSULT",
                      raw={**pattern.raw, "probability": round(prob, 3)})
    return replace(trigger, pattern=changed)


def _trigger(model: TriggerModel, token: Token, event_type: str, prob: float) -> Trigger:
    lemma = fold(token.lemma_)
    return synthetic(token, event_type, f"model:{model.name}", model.mode(lemma, event_type),
                     {"probability": round(prob, 3)})


def synthetic(token: Token, event_type: str, rule: str, mode: str | None = None,
              raw: dict | None = None) -> Trigger:
    """A trigger no lexicon pattern made: default argument slots for its part of speech."""
    pattern = Pattern(
        id=rule, type=event_type, lemma=fold(token.lemma_),
        pos="noun" if token.pos_ == "NOUN" else "verb", objects=frozenset(), withs=frozenset(),
        reflexive=False, mode=mode, context=(), actor=None, recipient=None,
        reciprocal=event_type == "CONSULT", modality=None, raw=raw or {})
    words = [token.i] + [c.i for c in token.children if c.dep_ in SPAN_DEPS]
    return Trigger(token, pattern, min(words), max(words) + 1)
