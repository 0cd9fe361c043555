"""The accounting identity of a run, whatever the engine: every document in is coded or
reported, once; the store holds exactly the documents coded.

    documents in = documents coded + documents reported      store rows = documents coded

The folder mixes every kind of bad input (``tests/data/bad/``: binary, empty, not French,
malformed JSON Lines, encodings) with good articles and the inputs of issue 15: a FIFO, a
broken link, an empty folder, files that are not articles (CSV, PDF, a JSON export),
same-named files in different folders, a duplicate JSON Lines id, a document over
``--max-chars``, one past its time budget (``--time-limit``), a truncated UTF-8 byte, French
full of emoji. It is coded into a store in one process, with ``--workers 2`` and with
``--dask local:2``: the same documents are coded, the same ones reported, for the same reasons.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from chronique.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
#: documents of tests/data/bad/: 18 files that are not JSON Lines, and the non-blank lines
#: of its four JSON Lines files (batch 14, plain-text 2, truncated 2, cp1252 1)
BAD_DOCUMENTS = 18 + 14 + 2 + 2 + 1
MALI = "Le Mali et le Niger ont signé lundi à Niamey un accord de défense mutuelle.\n"
ALGERIA = ("L'Algérie a accusé jeudi le Maroc de mener une campagne de déstabilisation, "
           "selon un communiqué du ministère algérien des Affaires étrangères.\n")
JAPAN = "Le Japon a envoyé mercredi une aide d'urgence à Madagascar après le cyclone.\n"
CHAD = "Le Tchad a expulsé mardi l'ambassadeur de France, accusé d'ingérence.\n"
MAX_CHARS = 400_000
FLAGS = ["--max-chars", str(MAX_CHARS), "--time-limit", "2", "--batch-size", "4"]


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _mixed_folder(root: Path) -> int:
    """Write the folder; returns the number of documents it holds (every file one, a JSON
    Lines file one per non-blank line; the empty subfolder none)."""
    shutil.copytree(DATA / "bad", root / "bad")
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "empty").mkdir()
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "out.csv").write_text("doc_id,sentence\na1,L'Algérie a accusé le Maroc\n", "utf-8")
    (root / "x.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Title (Le Mali) >>\nendobj\n")
    (root / "export.json").write_text(json.dumps({"totals": {"documents": 2}}, indent=2),
                                      "utf-8")
    (root / "a" / "report.txt").write_text(MALI, "utf-8")
    (root / "b" / "report.txt").write_text(ALGERIA, "utf-8")
    (root / "lines.jsonl").write_text(_jsonl([
        {"id": "j1", "text": JAPAN, "published": "2024-03-27"},
        {"id": "j2", "text": CHAD, "published": "2024-02-30"},           # date noted, coded
        {"id": "j1", "text": ALGERIA},                                   # duplicate id
        {"id": "long", "text": MALI * (MAX_CHARS // len(MALI) + 1)},     # over --max-chars
        {"id": "a/report", "text": CHAD}]), "utf-8")                     # the id of a file
    (root / "slow.txt").write_text((ALGERIA + MALI + CHAD) * 1_200, "utf-8")  # 8 s alone
    (root / "cut.txt").write_bytes((ALGERIA + "Fin é").encode("utf-8")[:-1])
    (root / "emoji.txt").write_text(" ".join(w + " 🔥🇫🇷" for w in MALI.split()), "utf-8")
    (root / "page.html").write_text(f"<html><head><title>Mali</title></head><body><article>"
                                    f"<p>{MALI}</p><p>{JAPAN}</p></article></body></html>",
                                    "utf-8")
    made = 1 + 1 + 3 + 2 + 5 + 1 + 1 + 1 + 1  # pipe, link, not articles, reports, lines, ...
    return BAD_DOCUMENTS + made


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("mixed") / "in"
    root.mkdir()
    return root, _mixed_folder(root)


def _code(folder: Path, out: Path, engine: list[str]) -> tuple[int, str, list[dict], Path]:
    db, errors = out / "corpus.duckdb", out / "errors.jsonl"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["code", str(folder), "--db", str(db), "--errors", str(errors),
                       "-o", str(out / "events.jsonl"), "--quiet", *FLAGS, *engine])
    summary = err.getvalue().splitlines()[-1]
    reported = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    return status, summary, reported, db


@pytest.fixture(scope="module")
def one_process(folder, tmp_path_factory):
    return _code(folder[0], tmp_path_factory.mktemp("one"), ["--workers", "1"])


def _coded(summary: str) -> int:
    assert summary.startswith("chronique: coded "), summary
    return int(summary.split()[2])


def _store(db: Path) -> tuple[int, set[str], set[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchall()
        docs = {d for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()}
        with_events = {d for (d,) in con.execute("SELECT DISTINCT doc_id FROM events")
                       .fetchall()}
    finally:
        con.close()
    assert rows[0][0] == rows[0][1]  # one row per document
    return rows[0][0], docs, with_events


def _reasons(reported: list[dict], root: Path) -> list[tuple[str, int | None, str]]:
    return sorted((str(Path(r["source"]).relative_to(root)) if r["source"].startswith(str(root))
                   else r["source"], r["line"], r["reason"]) for r in reported)


@pytest.mark.parametrize("engine", [["--workers", "1"], ["--workers", "2"], ["--dask", "local:2"]],
                         ids=["one-process", "workers-2", "dask-local-2"])
def test_documents_in_are_coded_or_reported_once(folder, one_process, tmp_path, engine):
    root, documents_in = folder
    status, summary, reported, db = (one_process if engine == ["--workers", "1"]
                                     else _code(root, tmp_path, engine))
    assert status == 0
    coded = _coded(summary)
    assert f"; {len(reported)} skipped: " in summary
    assert documents_in == coded + len(reported), (documents_in, coded, len(reported))
    rows, docs, with_events = _store(db)
    assert rows == coded and with_events <= docs
    assert {"a/report", "b/report", "j1", "j2", "emoji", "cut", "page"} <= docs
    assert not {"slow", "long"} & docs
    # the same documents coded and reported, for the same reasons, whatever the engine
    _, _, expected, expected_db = one_process
    assert _reasons(reported, root) == _reasons(expected, root)
    assert _store(db) == _store(expected_db)


def test_every_kind_of_input_is_reported_with_its_reason(folder, one_process):
    root, _ = folder
    reasons = {(source, line): reason for source, line, reason in
               _reasons(one_process[2], root)}
    assert reasons[("pipe.txt", None)] == "not a regular file (FIFO)"
    assert reasons[("dangling.txt", None)] == "no such file (broken link)"
    assert reasons[("out.csv", None)].startswith("not an article (.csv file")
    assert reasons[("x.pdf", None)].startswith("not an article (PDF document")
    assert reasons[("export.json", None)].startswith("not an article (JSON document")
    assert reasons[("lines.jsonl", 3)] == f"duplicate id ('j1' is already the id of {root}/" \
                                          "lines.jsonl:1)"
    assert reasons[("lines.jsonl", 5)] == f"duplicate id ('a/report' is already the id of " \
                                          f"{root}/a/report.txt)"
    assert reasons[("lines.jsonl", 4)].startswith("document too long (")
    assert reasons[("slow.txt", None)] == ("time limit exceeded (coding took longer than 2 s; "
                                           "--time-limit to raise it)")
    assert reasons[("bad/batch.jsonl", 2)].startswith("malformed JSON")
    assert reasons[("bad/image.png", None)] == "binary content (NUL bytes)"
