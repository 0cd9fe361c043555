"""Paths and readers of the test data, shared by the test modules (a plain module, not a
conftest: tests/web has a conftest of its own, and two modules named ``conftest`` collide)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

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
