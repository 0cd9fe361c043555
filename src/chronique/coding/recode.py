"""The recode stage: PLOVER re-typing rules read from ``data/fr/recode.yaml``.

A trigger event's type, mode and modality as the trigger, arguments and modality stages left
them can be re-typed by a rule ("joint exercises of two countries are COOPERATE"); the rule's
tag is appended to the record's ``rule``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Token

from chronique.coding.state import Draft
from chronique.lang import table
from chronique.lexicon.forms import fold
from chronique.record import Entity


@dataclass(frozen=True)
class Coding:
    """What the rules read and change of one trigger event."""

    event_type: str
    mode: str | None
    modality: str
    rule: str


@dataclass(frozen=True)
class Facts:
    """What the rules may test of the event besides its coding."""

    anchor: Token
    pattern_type: str
    actors: tuple[Entity, ...]
    announced: bool
    reported: bool  # a speaker reports the event
    governors: Callable[[Token], list[Token]]


class Recoder:
    """Apply the re-typing rules of ``data/fr/recode.yaml`` in order."""

    def __init__(self, rules: list[dict[str, Any]] | None = None) -> None:
        self.rules = rules if rules is not None else table("recode")["rules"]

    def draft(self, draft: Draft, governors: Callable[[Token], list[Token]]) -> Draft:
        """The draft of a trigger event re-typed (its type, mode, modality and rule)."""
        coding = self(Coding(draft.event_type, draft.mode, draft.modality, draft.rule),
                      Facts(draft.anchor, draft.trigger.pattern.type, tuple(draft.actors),
                            draft.announced, draft.speaker_token is not None, governors))
        return replace(draft, event_type=coding.event_type, mode=coding.mode,
                       modality=coding.modality, rule=coding.rule)

    def __call__(self, coding: Coding, facts: Facts) -> Coding:
        chain_fired = False
        for rule in self.rules:
            if not rule.get("else"):
                chain_fired = False
            elif chain_fired:
                continue
            if _holds(rule["when"], coding, facts):
                coding = _apply(rule, coding, facts)
                chain_fired = True
        return coding


def _holds(when: Mapping[str, Any], coding: Coding, facts: Facts) -> bool:
    if "types" in when and coding.event_type not in when["types"]:
        return False
    if "modality" in when and coding.modality not in when["modality"]:
        return False
    if "modes" in when and coding.mode not in when["modes"]:
        return False
    if "announced" in when and bool(facts.announced) != bool(when["announced"]):
        return False
    if "trigger_lemmas" in when and fold(facts.anchor.lemma_) not in when["trigger_lemmas"]:
        return False
    if "min_countries" in when and len(
            {a.country for a in facts.actors if a.country}) < when["min_countries"]:
        return False
    if "governor_lemmas" in when and not any(
            fold(g.lemma_) in when["governor_lemmas"]
            for g in facts.governors(facts.anchor)[:when["governor_depth"]]):
        return False
    return "any" not in when or any(_holds(part, coding, facts) for part in when["any"])


def _apply(rule: Mapping[str, Any], coding: Coding, facts: Facts) -> Coding:
    then = rule["then"]
    mode = None
    if "modes" in then:
        modes = then["modes"][facts.pattern_type]
        mode = modes.get(coding.mode, modes[None])
    modality = coding.modality
    change = then.get("modality")
    if change:
        if facts.reported and "speaker" in change:
            modality = change["speaker"]
        elif modality not in change.get("keep", ()):
            modality = change["set"]
    return Coding(then["type"], mode, modality, f"{coding.rule}+{rule['tag']}")
