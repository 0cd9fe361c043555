"""Calibrated confidence: a record's ``confidence`` is the precision its events had on the
corpus dev split (isotonic regression of "core-matched a gold event" on the raw score).

The raw score of a rule's event is the builder's confidence (``build.confidence``); of an
event the trigger model added or retyped, the model's probability. Each kind has its own
curve (``calibration.json`` in the model folder, fitted by ``benchmarks/tune_policy.py``);
``docs/evaluation.md`` shows predicted against observed precision by decile on the blind split.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy

from chronique.evaluate.events import core_match, max_matching


def kind_and_raw(event) -> tuple[str, float]:
    """Which curve and which raw score an event (``record.Event``) takes."""
    probability = event.extras.get("probability")
    if probability is not None:
        return "model", float(probability)
    return "rule", float(event.confidence)


class Calibration:
    """Raw score -> expected precision, one monotone curve per kind."""

    def __init__(self, curves: dict[str, tuple[list[float], list[float]]]) -> None:
        self.curves = curves

    def __call__(self, kind: str, raw: float) -> float:
        curve = self.curves.get(kind)
        if curve is None or not curve[0]:
            return raw
        return round(float(numpy.interp(raw, curve[0], curve[1])), 3)

    @classmethod
    def fit(cls, raws: dict[str, list[tuple[float, bool]]]) -> Calibration:
        from sklearn.isotonic import IsotonicRegression

        curves = {}
        for kind, pairs in raws.items():
            if len(pairs) < 20:
                continue
            x = numpy.array([p[0] for p in pairs])
            y = numpy.array([float(p[1]) for p in pairs])
            iso = IsotonicRegression(out_of_bounds="clip", y_min=0.02, y_max=0.98).fit(x, y)
            curves[kind] = ([float(v) for v in iso.X_thresholds_],
                            [float(v) for v in iso.y_thresholds_])
        return cls(curves)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.curves, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Calibration | None:
        if not path.is_file():
            return None
        return cls({k: (v[0], v[1]) for k, v in json.loads(path.read_text("utf-8")).items()})


def matched(gold_docs: list[dict], system: list[dict]) -> list[bool]:
    """For each system event, whether it core-matches a gold event (required or optional) of
    its document, with the scorer's maximum matching."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(system):
        by_doc[str(event.get("doc_id"))].append(index)
    out = [False] * len(system)
    for doc in gold_docs:
        indices = by_doc.get(str(doc["id"]), [])
        events = [system[i] for i in indices]
        gold = [*doc.get("events", []), *doc.get("optional", [])]
        for s in max_matching(gold, events, core_match).values():
            out[indices[s]] = True
    return out
