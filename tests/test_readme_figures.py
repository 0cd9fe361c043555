"""The README's corpus figures are what the commands print, checked on every run (so they
cannot drift): the ``chronique stats`` block and the ``eval-clusters`` sentence under "A
corpus". After a change that moves them, regenerate the README from the commands with

    CHRONIQUE_UPDATE_README=1 .venv/bin/python -m pytest tests/test_readme_figures.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re

import pytest
from casedata import ROOT

from chronique.cli import main

README = ROOT / "README.md"
CORPUS = ROOT / "tests" / "data" / "corpus"
STATS_INTRO = "prints (real output, abridged to two of its three tables):\n\n```\n"
EVAL_SENTENCE = re.compile(
    r"precision (?P<p>\d\.\d{3}), recall (?P<r>\d\.\d{3}) \(cross-document pairs: "
    r"(?P<cp>\d\.\d{3}) and (?P<cr>\d\.\d{3})\)")
UPDATE = os.environ.get("CHRONIQUE_UPDATE_README") == "1"


def _stdout(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[str, dict]:
    """What the README's commands print on the sample corpus, run as the README runs them."""
    db = tmp_path_factory.mktemp("readme") / "corpus.duckdb"
    _stdout(["code", str(CORPUS / "articles.jsonl"), "--db", str(db), "-o", os.devnull,
             "--quiet"])
    stats = _stdout(["stats", "--db", str(db), "--by", "month", "--top-dyads", "5"])
    scores = _stdout(["eval-clusters", "--db", str(db), "--expected",
                      str(CORPUS / "expected_clusters.json"), "--json"])
    return stats, json.loads(scores)


def _abridged(stats: str) -> str:
    """The stats output without its "per type" table, lines without trailing spaces."""
    lines = [line.rstrip() for line in stats.splitlines()]
    start = lines.index("per type")
    end = next(i for i, line in enumerate(lines) if line.startswith("top "))
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def _readme_block(text: str) -> tuple[int, int]:
    start = text.index(STATS_INTRO) + len(STATS_INTRO)
    return start, text.index("```\n", start)


def test_readme_stats_block_is_what_stats_prints(printed):
    stats, _ = printed
    text = README.read_text(encoding="utf-8")
    start, end = _readme_block(text)
    expected = _abridged(stats)
    if UPDATE and text[start:end] != expected:
        README.write_text(text[:start] + expected + text[end:], encoding="utf-8")
        text = README.read_text(encoding="utf-8")
        start, end = _readme_block(text)
    assert text[start:end] == expected, (
        "README corpus figures drifted; regenerate with CHRONIQUE_UPDATE_README=1:\n" + expected)


def test_readme_cluster_scores_are_what_eval_clusters_prints(printed):
    _, scores = printed
    actual = {"p": scores["all"]["precision"], "r": scores["all"]["recall"],
              "cp": scores["cross_document"]["precision"],
              "cr": scores["cross_document"]["recall"]}
    sentence = (f"precision {actual['p']:.3f}, recall {actual['r']:.3f} (cross-document pairs: "
                f"{actual['cp']:.3f} and {actual['cr']:.3f})")
    text = README.read_text(encoding="utf-8")
    found = EVAL_SENTENCE.search(text)
    assert found, "the README no longer states the eval-clusters scores"
    if UPDATE and found.group(0) != sentence:
        README.write_text(text[:found.start()] + sentence + text[found.end():], encoding="utf-8")
        found = EVAL_SENTENCE.search(README.read_text(encoding="utf-8"))
    assert found.group(0) == sentence


def test_readme_seed_output_is_what_make_demo_prints(capsys):
    """The README's seed block is what `make demo` prints (the coder, models included)."""
    seed = ROOT / "examples" / "000_7c92b074c704cec9.txt"
    capsys.readouterr()
    assert main(["code", str(seed), "--published", "2019-05-16", "--pretty"]) == 0
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    readme = README.read_text(encoding="utf-8")
    marker = "and prints (real output):\n\n```\n"
    start = readme.index(marker) + len(marker)
    end = readme.index("```", start)
    block = readme[start:end]
    if UPDATE and block.strip() != printed.strip():
        README.write_text(readme[:start] + printed.strip() + "\n" + readme[end:],
                          encoding="utf-8")
        return
    assert block.strip() == printed.strip()
