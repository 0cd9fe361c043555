"""A linear classifier stored as plain arrays: sparse named features and an optional dense
vector, one column of weights per class. scikit-learn trains it (``train.py``); scoring needs
only numpy, and the files (``weights.npz``, ``model.json``) are readable without pickle."""

from __future__ import annotations

import json
from functools import partial
from operator import is_not
from pathlib import Path

import numpy


class LinearModel:
    """Class probabilities of examples given as ``features`` (name -> 1.0) and optional dense
    vectors."""

    def __init__(self, features: list[str], classes: list[str], sparse: numpy.ndarray,
                 dense: numpy.ndarray, bias: numpy.ndarray, info: dict) -> None:
        self.index = {f: i for i, f in enumerate(features)}
        self.features = features
        self.classes = classes
        self.sparse = sparse      # (n_features, n_classes)
        self.dense = dense        # (vector size, n_classes); (0, n_classes) when unused
        self.bias = bias          # (n_classes,)
        self.info = info          # what else the model knows (modes, policy, training facts)

    def probabilities_many(self, features: list[dict[str, float]],
                           vectors: numpy.ndarray | None = None) -> numpy.ndarray:
        """Class probabilities of several examples at once, one row each."""
        get = self.index.get
        known = partial(is_not, None)
        columns: list[int] = []
        bounds = [0]
        for names in features:
            columns.extend(filter(known, map(get, names)))
            bounds.append(len(columns))
        logits = numpy.tile(self.bias, (len(features), 1))
        if columns:
            # each example's rows of weights summed in one pass (segments of ``columns``)
            gathered = self.sparse[numpy.asarray(columns)]
            starts = numpy.asarray(bounds[:-1])
            sums = numpy.add.reduceat(gathered, numpy.minimum(starts, len(columns) - 1))
            sums[numpy.diff(bounds) == 0] = 0.0
            logits += sums
        if vectors is not None and self.dense.shape[0]:
            logits += vectors @ self.dense
        logits -= logits.max(axis=1, keepdims=True)
        exp = numpy.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        numpy.savez_compressed(folder / "weights.npz", sparse=self.sparse.astype("float16"),
                               dense=self.dense.astype("float16"), bias=self.bias)
        info = {**self.info, "classes": self.classes, "features": self.features}
        (folder / "model.json").write_text(json.dumps(info, ensure_ascii=False, indent=0),
                                           encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LinearModel:
        info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        with numpy.load(folder / "weights.npz") as arrays:
            sparse, dense, bias = (arrays[k].astype("float32") for k in ("sparse", "dense",
                                                                          "bias"))
        features, classes = info.pop("features"), info.pop("classes")
        return cls(features, classes, sparse, dense, bias, info)


def fit(rows: list[tuple[dict, numpy.ndarray | None, str]], *, seed: int, c: float,
        info: dict, balanced: bool = False) -> LinearModel:
    """Train a multinomial logistic regression on (features, vector, label) rows;
    ``balanced``: each class weighs as much as the others in the loss, however rare."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    sparse = vectorizer.fit_transform([r[0] for r in rows])
    vectors = [r[1] for r in rows if r[1] is not None]
    matrix = hstack([sparse, csr_matrix(numpy.vstack(vectors))]).tocsr() if vectors else sparse
    labels = [r[2] for r in rows]
    classifier = LogisticRegression(C=c, max_iter=2000, random_state=seed,
                                    class_weight="balanced" if balanced else None)
    classifier.fit(matrix, labels)
    weights = classifier.coef_.T.astype("float32")
    bias = classifier.intercept_.astype("float32")
    if weights.shape[1] == 1:  # two classes: scikit-learn keeps one column
        weights = numpy.hstack([-weights / 2, weights / 2])
        bias = numpy.array([-bias[0] / 2, bias[0] / 2], dtype="float32")
    n_sparse = sparse.shape[1]
    dense = weights[n_sparse:] if vectors else numpy.zeros((0, weights.shape[1]), "float32")
    return LinearModel(list(vectorizer.get_feature_names_out()), list(classifier.classes_),
                       weights[:n_sparse], dense, bias, info)
