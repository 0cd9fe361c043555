"""The sample corpus coded once into a store, shared by the store tests (import the
fixtures from here: a conftest.py here would shadow the top-level one)."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
ARTICLES = CORPUS / "articles.jsonl"
EXPECTED = CORPUS / "expected_clusters.json"


@pytest.fixture(scope="session")
def corpus_records(coder) -> list[tuple]:
    """(document, events) of every sample article, coded in one process."""
    from chronique.documents.readers import read_inputs

    return list(coder.code_documents(d for d in read_inputs([str(ARTICLES)])))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, corpus_records) -> Path:
    """A store holding the sample corpus, clustered."""
    from chronique.store import Store, coder_version

    path = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    with Store(path) as store:
        store.write(corpus_records, coder_version())
        store.recluster()
    return path


ROOT = Path(__file__).resolve().parent.parent.parent
