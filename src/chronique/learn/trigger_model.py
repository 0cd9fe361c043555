"""The trigger model: for each candidate predicate, a PLOVER type or ``NONE``.

A multinomial logistic regression over the sparse features of ``features.py`` and the word
vector of the candidate. Trained by ``train.py`` (scikit-learn); stored as plain arrays
(``weights.npz``) and a JSON file of feature names, classes, modes and thresholds, so loading
needs neither pickle nor scikit-learn, and the files are readable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.tokens import Token

from chronique.events.triggers import Trigger
from chronique.learn.features import token_features, token_vector

NONE = "NONE"
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "models" / "triggers"


@dataclass(frozen=True)
class Policy:
    """How the model and the rules combine (thresholds tuned on the corpus dev split)."""

    add: float = 0.6     # a candidate no rule matched becomes an event at this probability
    veto: float = 0.85   # a rule trigger is dropped when the model gives NONE this probability


class TriggerModel:
    """Scores candidates; ``predict`` returns per-class probabilities."""

    def __init__(self, features: list[str], classes: list[str], sparse: numpy.ndarray,
                 dense: numpy.ndarray, bias: numpy.ndarray, modes: dict[str, str],
                 policy: Policy, name: str = "triggers") -> None:
        self.index = {f: i for i, f in enumerate(features)}
        self.features = features
        self.classes = classes
        self.sparse = sparse      # (n_features, n_classes)
        self.dense = dense        # (vector size, n_classes)
        self.bias = bias          # (n_classes,)
        self.modes = modes        # "lemma|TYPE" -> the mode most often given in training
        self.policy = policy
        self.name = name
        self.none = classes.index(NONE)

    def predict(self, token: Token, rule: Trigger | None) -> numpy.ndarray:
        """Class probabilities of one candidate."""
        rows = [self.index[f] for f in token_features(token, rule) if f in self.index]
        logits = self.bias + self.sparse[rows].sum(axis=0) + token_vector(token) @ self.dense
        logits = logits - logits.max()
        exp = numpy.exp(logits)
        return exp / exp.sum()

    def mode(self, lemma: str, event_type: str) -> str | None:
        return self.modes.get(f"{lemma}|{event_type}")

    # -- files ---------------------------------------------------------------------------
    def save(self, folder: Path, meta: dict | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        numpy.savez_compressed(folder / "weights.npz", sparse=self.sparse.astype("float16"),
                               dense=self.dense.astype("float16"), bias=self.bias)
        info = {"name": self.name, "classes": self.classes, "features": self.features,
                "modes": self.modes, "policy": self.policy.__dict__, **(meta or {})}
        (folder / "model.json").write_text(json.dumps(info, ensure_ascii=False, indent=0),
                                           encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> TriggerModel:
        info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        with numpy.load(folder / "weights.npz") as arrays:
            sparse = arrays["sparse"].astype("float32")
            dense = arrays["dense"].astype("float32")
            bias = arrays["bias"].astype("float32")
        return cls(info["features"], info["classes"], sparse, dense, bias, info["modes"],
                   Policy(**info["policy"]), info.get("name", folder.name))


def load_model(folder: Path | None) -> TriggerModel | None:
    """The model in ``folder``, else the shipped one, else None (rules alone)."""
    target = folder or SHIPPED
    if not (target / "model.json").exists():
        if folder is not None:
            raise FileNotFoundError(f"no trigger model in {folder} (expected model.json)")
        return None
    return TriggerModel.load(target)
