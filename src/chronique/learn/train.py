"""Train the trigger model on gold corpora (``chronique train``).

Each gold trigger is aligned with the token that carries it in the parse: a rule trigger of
the same type inside its words, else the word of the phrase that governs the others. That
token learns the event's type; the phrase's other words are left out, and so are the words
of optional events; every other candidate learns ``NONE``. scikit-learn's logistic
regression (``linear.fit``), fixed seed: the same corpus gives the same weights.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy
from spacy.tokens import Token

from chronique.actors.coref import DocumentContext
from chronique.documents.readers import make_document
from chronique.events.triggers import Trigger
from chronique.learn.corpus import gold_records, trigger_spans
from chronique.learn.features import is_candidate, token_features, token_vector
from chronique.learn.linear import fit
from chronique.learn.trigger_model import NONE, Policy, TriggerModel
from chronique.lexicon.forms import fold
from chronique.nlp import parse_many

IGNORE = ""
HEAD_ORDER = {"VERB": 0, "ADJ": 1, "NOUN": 2}


def examples(coder, records: list[dict]
             ) -> Iterator[tuple[dict, numpy.ndarray, str, str | None, str]]:
    """(features, vector, label, mode, lemma) of every candidate of the records' sentences."""
    docs = [make_document(str(r.get("id", i)), r["text"], published=r.get("published"))
            for i, r in enumerate(records)]
    parsed_all = parse_many(coder.nlp, [d.text for d in docs], coder.settings.batch_size)
    for record, parsed in zip(records, parsed_all, strict=True):
        spans = trigger_spans(record)
        ctx = DocumentContext()
        for sentence, tokens, phrase in coder.read_sentences(parsed, ctx):
            rules, names = coder.rule_triggers(sentence, tokens, phrase)
            by_token = {t.token.i: t for t in rules}
            labels = _labels(tokens, sentence.offset, spans, rules)
            for token in tokens:
                if token.i in names or not (is_candidate(token) or token.i in by_token):
                    continue
                label, mode = labels.get(token.i, (NONE, None))
                if label != IGNORE:
                    rule = by_token.get(token.i)
                    yield token_features(token, rule), token_vector(token), label, mode, fold(
                        token.lemma_)


def _labels(tokens: list[Token], offset: int, spans, rules: list[Trigger]
            ) -> dict[int, tuple[str, str | None]]:
    labels: dict[int, tuple[str, str | None]] = {}
    for start, end, event_type, mode in spans:
        inside = [t for t in tokens if start <= offset + t.idx < end]
        if not inside:
            continue
        for token in inside:
            labels.setdefault(token.i, (IGNORE, None))
        if event_type is None:
            continue
        head = _head(inside, rules, event_type)
        if head is not None and labels[head.i][0] == IGNORE:
            labels[head.i] = (event_type, mode)
    return labels


def _head(inside: list[Token], rules: list[Trigger], event_type: str) -> Token | None:
    ids = {t.i for t in inside}
    for rule in rules:
        if rule.token.i in ids and rule.pattern.type == event_type:
            return rule.token
    heads = [t for t in inside if t.pos_ in HEAD_ORDER and (t.head.i not in ids or t.head == t)]
    heads = heads or [t for t in inside if t.pos_ in HEAD_ORDER]
    return min(heads, key=lambda t: HEAD_ORDER[t.pos_]) if heads else None


def train(coder, paths: list[Path], out: Path, *, seed: int = 0, c: float = 1.0,
          policy: Policy | None = None, progress: Callable[[str], None] = print) -> TriggerModel:
    """Train on the gold records of ``paths`` and save the model in ``out/triggers``."""
    began = time.monotonic()
    records = list(gold_records(paths))
    rows = list(examples(coder, records))
    if not rows:
        raise ValueError("no training examples: the corpus has no sentences")
    progress(f"triggers: {len(records)} documents, {len(rows)} candidates, "
             f"{sum(r[2] != NONE for r in rows)} events")
    labels = Counter(r[2] for r in rows)
    info = {"name": "triggers", "modes": _modes(rows), "policy": (policy or Policy()).__dict__,
            "documents": len(records), "candidates": len(rows), "seed": seed, "C": c,
            "labels": dict(sorted(labels.items()))}
    linear = fit([(r[0], r[1], r[2]) for r in rows], seed=seed, c=c, info=info)
    model = TriggerModel(linear)
    model.save(out / "triggers")
    progress(f"triggers trained in {time.monotonic() - began:.0f} s -> {out / 'triggers'}")
    return model


def _modes(rows: list) -> dict[str, str]:
    """The mode most often given to each (lemma, type) in the corpus."""
    counts = Counter((lemma, label, mode) for _, _, label, mode, lemma in rows if mode)
    best: dict[str, tuple[int, str]] = {}
    for (lemma, event_type, mode), n in sorted(counts.items()):
        key = f"{lemma}|{event_type}"
        if n > best.get(key, (0, ""))[0]:
            best[key] = (n, mode)
    return {k: v[1] for k, v in sorted(best.items())}
