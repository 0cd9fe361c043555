"""Read the data files (TSV and YAML), keeping file and line, and lay a user lexicon over them.

A user lexicon is a folder laid out like ``data/fr/``; a row whose key already exists
replaces the shipped row, and a ``disabled`` column set to ``yes`` removes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from chronique.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Row:
    """One row of a TSV data file, with where it came from."""

    values: dict[str, str]
    source: str
    line: int

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "") or ""

    def alternatives(self, key: str) -> list[str]:
        """The ``|``-separated alternatives of a cell, stripped, empty ones dropped."""
        return [part.strip() for part in self[key].split("|") if part.strip()]


def read_tsv(path: Path, required: Iterable[str] = ()) -> list[Row]:
    """Rows of a TSV file with a header row; ``#`` lines and blank lines are skipped."""
    rows: list[Row] = []
    header: list[str] | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileError(f"{path}:{number}: missing columns {missing}")
            continue
        if len(cells) > len(header):
            raise DataFileError(
                f"{path}:{number}: {len(cells)} cells for {len(header)} columns")
        values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        rows.append(Row(values, str(path), number))
    return rows


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})") from exc


def overlay(base: list[Row], extra: list[Row], key: Callable[[Row], Any]) -> list[Row]:
    """Lay ``extra`` rows over ``base``: same key replaces, ``disabled=yes`` removes."""
    merged: dict[Any, Row] = {key(r): r for r in base}
    for row in extra:
        k = key(row)
        if row["disabled"].lower() in {"yes", "oui", "true", "1"}:
            merged.pop(k, None)
        else:
            merged[k] = row
    return list(merged.values())


def load_table(name: str, key: Callable[[Row], Any], user_dirs: Iterable[Path] = (),
               lang: str = "fr", required: Iterable[str] = ()) -> list[Row]:
    """A shipped TSV table under ``data/<lang>/`` with every user lexicon laid over it."""
    path = DATA_DIR / lang / name
    rows = read_tsv(path, required) if path.exists() else []
    for folder in user_dirs:
        user_path = Path(folder) / name
        if user_path.exists():
            rows = overlay(rows, read_tsv(user_path, required), key)
    return rows
