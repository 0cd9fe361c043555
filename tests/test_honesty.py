"""The code and the data files carry no text of the dev sentences or the seed dispatch.

Patterns, lexicon rows and their examples are written for the project; the dev gold is for
measuring only. A run of seven words shared with a dev sentence (names of organisations and
countries, which are the lexicon's job, excepted) means something was copied from it.
"""

from __future__ import annotations

import re
from pathlib import Path

from casedata import DEV, ROOT, SEED, read_jsonl

N = 7
SOURCE = ROOT / "src" / "chronique"
#: files whose rows are proper names (organisations, countries, persons, places): a long
#: official name ("Organisation de libération de la Palestine") is shared with any text naming it
NAME_FILES = {"organisations.tsv", "countries.tsv", "persons.tsv", "supplement.tsv"}
SUFFIXES = {".py", ".yaml", ".tsv", ".js", ".html", ".json", ".md"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _organisation_names() -> list[list[str]]:
    names = []
    for row in read_tsv_rows(SOURCE / "data" / "fr" / "organisations.tsv"):
        for name in (row.get("names") or "").split("|"):
            words = _words(name)
            if len(words) >= 2:
                names.append(words)
    return sorted(names, key=len, reverse=True)


def _without_names(words: list[str], names: list[list[str]]) -> list[str]:
    """The words with every organisation name replaced by one placeholder."""
    out, i = [], 0
    while i < len(words):
        for name in names:
            if words[i:i + len(name)] == name:
                out.append("<org>")
                i += len(name)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def read_tsv_rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


def _grams(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + N]) for i in range(len(words) - N + 1)}


def test_no_dev_or_seed_text_in_code_or_data():
    names = _organisation_names()
    protected: dict[str, str] = {}
    for record in read_jsonl(DEV / "gsr-fr.dev.jsonl"):
        for gram in _grams(_without_names(_words(record["text"]), names)):
            protected[gram] = record["id"]
    for gram in _grams(_without_names(_words(SEED.read_text(encoding="utf-8")), names)):
        protected[gram] = "seed"
    found = []
    for path in sorted(SOURCE.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.name in NAME_FILES:
            continue
        words = _without_names(_words(path.read_text(encoding="utf-8", errors="ignore")), names)
        for gram in _grams(words):
            if gram in protected:
                found.append(f"{path.relative_to(ROOT)}: «{gram}» ({protected[gram]})")
    assert not found, "\n".join(sorted(set(found)))
