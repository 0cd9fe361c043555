"""The arguments stage: a trigger's actors and recipients.

The argument rules read the dependency parse (``events/arguments.py``); the participant model
(``learn/participants.py``) may replace their choice when it is sure. The sentence's
candidate participants are gathered once, when the model first needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chronique.actors.resolve import ActorResolver
from chronique.coding.state import Scope
from chronique.events.arguments import ArgumentAssigner, Arguments
from chronique.events.triggers import Trigger
from chronique.learn.participants import candidates


class ArgumentStage:
    """Assign a trigger's participants."""

    def __init__(self, assigner: ArgumentAssigner, resolver: ActorResolver,
                 model: Any = None) -> None:
        self.assigner = assigner
        self.resolver = resolver
        self.model = model

    def candidates(self, scope: Scope) -> Callable[[], list]:
        """The sentence's candidate participants, gathered on first use."""
        memo: list = []

        def get() -> list:
            if not memo:
                memo.append(candidates(self.resolver, scope.tokens, scope.phrase, scope.ctx))
            return memo[0]
        return get

    def __call__(self, trigger: Trigger, scope: Scope, cands: Callable[[], list]) -> Arguments:
        args = self.assigner(trigger, scope.phrase, scope.ctx)
        if self.model is not None:
            args = self.model.decide(trigger.token, trigger.pattern.type, cands(), args)
        return args
