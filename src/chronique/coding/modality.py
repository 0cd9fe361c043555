"""The modality stage: asserted, intended, requested, hypothetical or reported; negation;
the speaker's token (``events/modality.py``, ``data/fr/cues.yaml``).

Its output is the event's first ``Draft``: the trigger's pattern (type, mode, context, rule),
its participants as the arguments stage found them, and its modality.
"""

from __future__ import annotations

from chronique.coding.state import Draft
from chronique.coding.triggers import Obligation
from chronique.events.arguments import Arguments
from chronique.events.modality import ModalityReader
from chronique.events.triggers import Trigger

SLOTTED = {"slots", "reciprocal", "model"}  # participants found by the trigger's own slots


class ModalityStage:
    """Read the modality of a trigger or a reported obligation."""

    def __init__(self, reader: ModalityReader, obligation_rule: str) -> None:
        self.reader = reader
        self.obligation_rule = obligation_rule

    def __call__(self, trigger: Trigger, args: Arguments) -> Draft:
        pattern = trigger.pattern
        mod = self.reader(trigger.token, pattern.modality, pattern.type)
        return Draft(anchor=trigger.token, trigger=trigger, event_type=pattern.type,
                     mode=pattern.mode, context=pattern.context, rule=pattern.id,
                     kind=pattern.pos, fallback=args.how not in SLOTTED,
                     modality=mod.modality, negated=mod.negated,
                     speaker_token=mod.speaker_token, actors=args.actor,
                     recipients=args.recipient,
                     span_tokens=(trigger.start_token, trigger.end_token),
                     announced=mod.announced)

    def obligation(self, obligation: Obligation) -> Draft:
        """"X a déclaré que Y doivent ...": a request from X to Y."""
        anchor = obligation.anchor
        return Draft(anchor=anchor, trigger=None, event_type="REQUEST", mode=None, context=(),
                     rule=self.obligation_rule, kind="rule", fallback=False,
                     modality="requested", negated=self.reader.is_negated(anchor),
                     speaker_token=obligation.speaker, actors=obligation.actors,
                     recipients=obligation.recipients, span_tokens=(anchor.i, anchor.i + 1))
