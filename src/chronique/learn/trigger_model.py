"""The trigger model: for each candidate predicate, a PLOVER type or ``NONE``.

A linear model (``linear.py``) over the sparse features of ``features.py`` and the word
vector of the candidate, trained by ``train.py``; its ``model.json`` also holds the mode
training gave each (lemma, type) most often and the policy that combines it with the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.tokens import Token

from chronique.events.triggers import Trigger
from chronique.learn.features import token_features, token_vectors
from chronique.learn.linear import LinearModel
from chronique.lexicon.forms import fold

NONE = "NONE"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "models"


@dataclass(frozen=True)
class Policy:
    """How the models and the rules combine. A newly trained model starts with the defaults:
    where ``benchmarks/tune_policy.py`` starts its search on the dev sets (``make model``)."""

    add: float = 0.5     # a candidate no rule matched becomes an event at this probability
    veto: float = 0.93   # a rule trigger is dropped when the model gives NONE this probability
    retype: float = 0.6  # a rule trigger takes the model's type when it has this probability
    #: the veto for a document of one sentence (a lone sentence is given to code as a report;
    #: further down an article the same words are more often background); None: ``veto``
    veto_single: float | None = 1.01
    #: a rule trigger inside another trigger's phrase is an event of its own all the same when
    #: the model gives it an event type this probability ("a menacé de rétablir les sanctions
    #: et exigé ...": the parser hung "exigé" on "rétablir"); above 1: never
    embedded: float = 1.01
    #: the same for a document of one sentence (reported as its main event, as in the GSR)
    embedded_single: float = 1.01

    def veto_for(self, where: str | None) -> float:
        return self.veto_single if where == "single" and self.veto_single is not None \
            else self.veto


class TriggerModel:
    """Scores candidates; ``predict_many`` returns per-class probabilities, a row each."""

    def __init__(self, linear: LinearModel, name: str = "triggers") -> None:
        self.linear = linear
        self.classes = linear.classes
        self.none = linear.classes.index(NONE)
        self.modes: dict[str, str] = linear.info.get("modes", {})
        self.policy = Policy(**linear.info.get("policy", {}))
        #: the lemmas training saw as events (None: a model that did not record them)
        lemmas = linear.info.get("event_lemmas")
        self.event_lemmas = frozenset(lemmas) if lemmas is not None else None
        self.name = name

    def may_add(self, token: Token) -> bool:
        """Whether a word no rule matched is worth scoring: its lemma was an event in
        training (the model never adds one that was not, and most words are not)."""
        return self.event_lemmas is None or fold(token.lemma_) in self.event_lemmas

    def predict_many(self, pairs: list[tuple[Token, Trigger | None]],
                     embedded: frozenset[int] = frozenset()) -> numpy.ndarray:
        """Class probabilities of several candidates (one matrix operation); ``embedded``:
        the tokens the rules found inside another trigger's phrase."""
        if not pairs:
            return numpy.zeros((0, len(self.classes)), dtype="float32")
        features = [token_features(token, rule, token.i in embedded) for token, rule in pairs]
        vectors = token_vectors([token for token, _ in pairs])
        return self.linear.probabilities_many(features, vectors)

    def events_of_their_own(self, triggers: list[Trigger], embedded: frozenset[int],
                            where: str | None = None) -> set[int]:
        """Which of these triggers, found inside another's phrase, the model holds for events
        of their own (``policy.embedded``, ``embedded_single`` in a lone sentence)."""
        floor = self.policy.embedded_single if where == "single" else self.policy.embedded
        if not triggers or floor > 1:
            return set()
        rows = self.predict_many([(t.token, t) for t in triggers], embedded)
        return {t.token.i for t, row in zip(triggers, rows, strict=True)
                if 1.0 - row[self.none] >= floor}

    def mode(self, lemma: str, event_type: str) -> str | None:
        return self.modes.get(f"{lemma}|{event_type}")

    def save(self, folder: Path) -> None:
        self.linear.info["policy"] = self.policy.__dict__
        self.linear.save(folder)


def load_model(folder: Path | None) -> TriggerModel | None:
    """The trigger model of a model folder (``folder/triggers``), else the shipped one, else
    None (rules alone)."""
    target = (folder or SHIPPED) / "triggers"
    if not (target / "model.json").exists():
        if folder is not None:
            raise FileNotFoundError(f"no trigger model in {folder} (expected triggers/model.json)")
        return None
    return TriggerModel(LinearModel.load(target))
