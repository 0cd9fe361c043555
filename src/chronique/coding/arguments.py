"""The arguments stage: a trigger's actors and recipients.

The argument rules read the dependency parse (``events/arguments.py``); the participant model
(``learn/participants.py``) may replace their choice when it is sure. The sentence's
candidate participants (and the previous sentence's) are gathered for every sentence when
there is a participant model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chronique.actors.resolve import ActorResolver
from chronique.coding.state import Scope
from chronique.events.arguments import ArgumentAssigner, Arguments
from chronique.events.triggers import Trigger
from chronique.learn.participants import candidates, with_context


class ArgumentStage:
    """Assign a trigger's participants."""

    def __init__(self, assigner: ArgumentAssigner, resolver: ActorResolver,
                 model: Any = None) -> None:
        self.assigner = assigner
        self.resolver = resolver
        self.model = model

    def candidates(self, scope: Scope) -> Callable[[], list]:
        """The sentence's candidate participants, with those of the previous sentence
        (``with_context``): gathered for every sentence when there is a participant model,
        as in training, else never."""
        if self.model is None:
            return list
        found = with_context(candidates(self.resolver, scope.tokens, scope.phrase, scope.ctx),
                             scope.ctx)
        return lambda: found

    def __call__(self, trigger: Trigger, scope: Scope, cands: Callable[[], list]) -> Arguments:
        args = self.assigner(trigger, scope.phrase, scope.ctx)
        if self.model is not None:
            args = self.model.decide(trigger.token, trigger.pattern.type, cands(), args)
        return args
