"""Shared fixtures: one coder (model and lexicon loaded once for the whole run)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = Path(__file__).resolve().parent / "cases"
SEED = ROOT / "examples" / "000_7c92b074c704cec9.txt"
DEV = DATA / "dev"


def read_cases(name: str) -> list[dict[str, str]]:
    """Rows of a case table (TSV with a header; # lines are comments)."""
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


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
