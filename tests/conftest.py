"""Shared fixtures: one coder (model and lexicon loaded once for the whole run)."""

from __future__ import annotations

import pytest
from casedata import CASES, DATA, DEV, ROOT, SEED, read_cases, read_jsonl  # noqa: F401


@pytest.fixture(scope="session")
def coder():
    from chronique.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_events(coder, seed_text):
    return [e.to_dict() for e in coder.code_text(seed_text, published="2019-05-16",
                                                 doc_id="seed")]


@pytest.fixture(scope="session")
def dev_gold() -> list[dict]:
    return read_jsonl(DEV / "gsr-fr.dev.jsonl")


@pytest.fixture(scope="session")
def dev_events(coder, dev_gold):
    from chronique.documents.readers import make_document

    docs = [make_document(d["id"], d["text"], published=d.get("published"), lang="fr")
            for d in dev_gold]
    return [e.to_dict() for _, events in coder.code_documents(docs) for e in events]
