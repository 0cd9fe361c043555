"""Paths and readers of the test data, shared by the test modules (a plain module, not a
conftest: tests/web has a conftest of its own, and two modules named ``conftest`` collide).

Case tables with one test per row
---------------------------------
:class:`CaseTable` gives each data row of a table in tests/cases a stable test id,
``<prefix><row number, from 000>-<tag>`` (``e012-ASSAULT``, ``m105-MLI-MIL``, ``p033-Gao``,
``d012-weekday-past``): the number counts the data rows of the table (comment lines
excluded), the tag is a short ASCII word taken from the row. ``tests/cases/<table>.known-misses``
lists, by id, the rows the coder gets wrong today; their tests are marked
``xfail(strict=False)``, so a regression of any other row fails by its own id and a fixed row
shows as XPASS. Each module codes all its rows once (a module-scoped fixture, one batch) and
passes the outcomes to :meth:`CaseTable.record`; the aggregate floor tests keep the share.

Refreshing the known misses (after retraining the models, or a change of the coder): with
``CHRONIQUE_UPDATE_KNOWN_MISSES=1`` in the environment, :meth:`CaseTable.record` rewrites the
table's known-misses file from the current outcomes (header: the measured share), and a row
that misses xfails instead of failing. One command refreshes all five tables::

    CHRONIQUE_UPDATE_KNOWN_MISSES=1 python -m pytest -q -p no:cacheprovider \
        tests/test_events.py tests/test_mentions.py tests/test_places.py \
        tests/test_event_attributes.py

then review ``git diff tests/cases/*.known-misses`` (and move a floor if the share moved).
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = Path(__file__).resolve().parent / "cases"
SEED = ROOT / "examples" / "000_7c92b074c704cec9.txt"
DEV = DATA / "dev"

#: set to 1 to rewrite the tests/cases/*.known-misses files from the current outcomes
UPDATE_KNOWN_MISSES = "CHRONIQUE_UPDATE_KNOWN_MISSES"
REFRESH_COMMAND = (f"{UPDATE_KNOWN_MISSES}=1 python -m pytest -q -p no:cacheprovider "
                   "tests/test_events.py tests/test_mentions.py tests/test_places.py "
                   "tests/test_event_attributes.py")


def read_cases(name: str) -> list[dict[str, str]]:
    """Rows of a case table (TSV with a header; # lines are comments)."""
    lines = [line for line in (CASES / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def updating_known_misses() -> bool:
    """Whether this run rewrites the known-misses files (``CHRONIQUE_UPDATE_KNOWN_MISSES=1``)."""
    return os.environ.get(UPDATE_KNOWN_MISSES, "").strip() not in {"", "0"}


def slug(text: str, limit: int = 24) -> str:
    """``text`` as a short ASCII word for a test id (accents dropped, other signs to ``-``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    word = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")
    return word[:limit].rstrip("-") or "row"


def check_row(ok: bool, detail: object) -> None:
    """The assertion of one row's test; while the known misses are being refreshed a miss is
    recorded in the file, so its test xfails instead of failing."""
    if not ok and updating_known_misses():
        pytest.xfail(f"miss recorded in the known misses: {detail!r}")
    assert ok, detail


class CaseTable:
    """The rows of ``tests/cases/<name>.tsv`` with their ids and known misses."""

    def __init__(self, name: str, prefix: str, tag: Callable[[dict[str, str]], str],
                 module: str, rows: list[dict[str, str]] | None = None) -> None:
        self.name = name
        self.prefix = prefix
        self.module = module
        self.rows = read_cases(f"{name}.tsv") if rows is None else rows
        self.ids = [f"{prefix}{i:03d}-{slug(tag(row))}" for i, row in enumerate(self.rows)]
        assert len(set(self.ids)) == len(self.ids), f"{name}: duplicate row ids"

    def __len__(self) -> int:
        return len(self.rows)

    def items(self) -> list[tuple[str, dict[str, str]]]:
        """(id, row) in table order."""
        return list(zip(self.ids, self.rows, strict=True))

    @property
    def known_misses_path(self) -> Path:
        return CASES / f"{self.name}.known-misses"

    def known_misses(self) -> set[str]:
        path = self.known_misses_path
        if not path.is_file():
            return set()
        return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}

    def stale_known_misses(self) -> list[str]:
        """Ids in the known-misses file that name no row of the table (a row renumbered or
        retagged since the file was written)."""
        return sorted(self.known_misses() - set(self.ids))

    def params(self) -> list:
        """One ``pytest.param(id, row)`` per row, id as the test id, known misses xfail."""
        known = self.known_misses()
        return [pytest.param(ident, row, id=ident, marks=[pytest.mark.xfail(
            reason=f"known miss ({self.known_misses_path.name})", strict=False)]
            if ident in known else []) for ident, row in self.items()]

    def record(self, results: Mapping[str, bool], note: str = "") -> None:
        """Rewrite the known-misses file from ``results`` (id -> right) when the run was asked
        to (``CHRONIQUE_UPDATE_KNOWN_MISSES=1``); otherwise do nothing."""
        if updating_known_misses():
            self.write_known_misses(results, note)

    def write_known_misses(self, results: Mapping[str, bool], note: str = "") -> None:
        assert set(results) == set(self.ids), f"{self.name}: outcomes for other rows"
        misses = [ident for ident in self.ids if not results[ident]]
        right = len(self.ids) - len(misses)
        share = f"{right}/{len(self.ids)} right ({right / len(self.ids):.3f})"
        header = [
            f"# Rows of tests/cases/{self.name}.tsv the coder gets wrong today, by row id: "
            f"{self.module} marks them",
            "# xfail(strict=False), so any other row that regresses fails by its own id.",
            f"# Measured share: {share}" + (f"; {note}" if note else ""),
            f"# Id: {self.prefix}<data row number, from 000>-<tag> (tests/casedata.py). "
            "Written by the tests; to refresh",
            "# after retraining the models (then review the diff and the floors), run from "
            "the repository root:",
            f"#   {REFRESH_COMMAND}",
        ]
        self.known_misses_path.write_text("\n".join(header + misses) + "\n", encoding="utf-8")
