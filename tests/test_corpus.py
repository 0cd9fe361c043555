"""The training corpus (corpus/fr): every writer file passes the writer checker, the splits
are disjoint, and the figures in corpus/fr/README.md are what benchmarks/corpus_stats.py
prints (regenerate with ``python benchmarks/corpus_stats.py --markdown``)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from casedata import ROOT

CORPUS = ROOT / "corpus" / "fr"
WRITERS = sorted([*CORPUS.glob("writers/*.jsonl"), *CORPUS.glob("blind/*.jsonl")])


@pytest.mark.parametrize("path", WRITERS, ids=[p.stem for p in WRITERS])
def test_writer_file_passes_the_checker(path):
    proc = subprocess.run([sys.executable, str(CORPUS / "tools" / "check_writer.py"), str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_splits_are_disjoint_and_cover_every_writer():
    from chronique.learn.corpus import split

    files = {name: set(split(name)) for name in ("train", "dev", "blind")}
    assert not files["train"] & files["dev"] and not files["train"] & files["blind"]
    assert not files["dev"] & files["blind"]
    assert set().union(*files.values()) == set(WRITERS)


def test_readme_figures_are_what_the_command_prints():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus_stats.py"),
                           "--markdown"], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() in (CORPUS / "README.md").read_text(encoding="utf-8")
