"""Nothing lost, ever (issue 15): one test per numbered case of the issue, each with a good
document beside the bad one, run as a user runs ``chronique``.

1. same-named files in different folders are two documents in the store;
2. a duplicate id in a JSON Lines file is reported, never a silent replacement;
3. a FIFO is reported and does not block the run;
4. a very long document is reported (``--max-chars``), one past its time budget is stopped
   and reported (``--time-limit``); the documents after it are coded;
5. a truncated UTF-8 byte does not turn the file into latin-1;
6. a lone surrogate in ``POST /api/code`` is replaced, not a 500;
7. a second writer on a store gets a message saying who holds it;
8. impossible dates are refused with a message (CLI, JSON Lines, API);
9. files that are not articles are skipped, saying what they are;
10. French full of emoji and zero-width characters is coded as French;
11. ``-o -``, ``eval`` without the gold texts, country names, ``serve`` on a busy port (the
    README figures: ``test_readme_figures.py``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from casedata import DATA, DEV

from chronique.cli import main

CORPUS = DATA / "corpus" / "articles.jsonl"
MALI = "Le Mali et le Niger ont signé lundi à Niamey un accord de défense mutuelle.\n"
ALGERIA = ("L'Algérie a accusé jeudi le Maroc de mener une campagne de déstabilisation, "
           "selon un communiqué du ministère algérien des Affaires étrangères.\n")
JAPAN = "Le Japon a envoyé mercredi une aide d'urgence à Madagascar après le cyclone.\n"
CHAD = "Le Tchad a expulsé mardi l'ambassadeur de France, accusé d'ingérence.\n"


@pytest.fixture(autouse=True)
def shared_engine(coder, monkeypatch):
    """``chronique code`` runs on the session's coder, through the one-process engine (its
    batches and time budget as the command line sets them), not on a new coder per run."""
    from chronique.run.local import LocalEngine

    def make(settings, **_options):
        engine = LocalEngine.__new__(LocalEngine)
        engine.settings, engine.coder = settings, coder
        return engine

    monkeypatch.setattr("chronique.run.make_engine", make)


def _run(argv: list[str], timeout: float = 300) -> tuple[int, list[str], str]:
    """``chronique ARGV`` in a thread (so a run that blocks fails the test instead of hanging
    it): exit status, standard error lines, standard output."""
    err, out, result = io.StringIO(), io.StringIO(), {}

    def target() -> None:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                result["status"] = main(argv)
            except SystemExit as exc:
                result["status"] = exc.code
            except BaseException as exc:  # noqa: BLE001 - the test reports it
                result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"chronique {' '.join(argv)} still running after {timeout} s"
    if "error" in result:
        raise result["error"]
    return result["status"], err.getvalue().splitlines(), out.getvalue()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").split("\n") if x.strip()]


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# 1 -------------------------------------------------------------------------------------------
def test_case1_same_named_files_in_different_folders_are_two_documents(tmp_path):
    root = tmp_path / "d"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "report.txt").write_text(MALI, encoding="utf-8")
    (root / "b" / "report.txt").write_text(ALGERIA, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    status, stderr, _ = _run(["code", str(root), "--db", str(db), "--quiet"])
    assert status == 0 and stderr[-1].startswith("chronique: coded 2 documents")
    assert _rows(db, "SELECT doc_id, source FROM documents ORDER BY doc_id") == [
        ("a/report", str(root / "a" / "report.txt")), ("b/report", str(root / "b" / "report.txt"))]
    assert {d for (d,) in _rows(db, "SELECT DISTINCT doc_id FROM events")} == {"a/report",
                                                                                "b/report"}


# 2 -------------------------------------------------------------------------------------------
def test_case2_a_duplicate_jsonl_id_is_reported_not_a_silent_replacement(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "dup", "text": MALI, "published": "2024-03-11"},
        {"id": "other", "text": JAPAN, "published": "2024-03-27"},
        {"id": "dup", "text": ALGERIA, "published": "2024-05-02"}]) + "\n", encoding="utf-8")
    db, errors = tmp_path / "x.duckdb", tmp_path / "errors.jsonl"
    status, stderr, _ = _run(["code", str(path), "--db", str(db), "--errors", str(errors),
                              "--quiet"])
    assert status == 0
    assert stderr[-1].startswith("chronique: coded 2 documents")
    assert stderr[-1].endswith("1 skipped: 1 duplicate id")
    [error] = _jsonl(errors)
    assert (error["source"], error["line"], error["doc_id"]) == (str(path), 3, "dup")
    assert error["reason"] == f"duplicate id ('dup' is already the id of {path}:1)"
    assert _rows(db, "SELECT doc_id, published FROM documents ORDER BY doc_id") == [
        ("dup", "2024-03-11"), ("other", "2024-03-27")]  # the first "dup" kept, not replaced
    assert "ACCUSE" not in {t for (t,) in _rows(db, "SELECT event_type FROM events")}


# 3 -------------------------------------------------------------------------------------------
def test_case3_a_fifo_is_reported_and_the_run_goes_on(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(tmp_path / "given.jsonl")
    (root / "z-article.txt").write_text(MALI, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    status, stderr, _ = _run(["code", str(root), str(tmp_path / "given.jsonl"), "--errors",
                              str(errors), "-o", str(tmp_path / "e.jsonl"), "--quiet"],
                             timeout=120)
    assert status == 0
    assert [(e["source"], e["reason"]) for e in _jsonl(errors)] == [
        (str(root / "pipe.txt"), "not a regular file (FIFO)"),
        (str(tmp_path / "given.jsonl"), "not a regular file (FIFO)")]
    assert stderr[-1].startswith("chronique: coded 1 documents")
    assert {e["doc_id"] for e in _jsonl(tmp_path / "e.jsonl")} == {"z-article"}


# 4 -------------------------------------------------------------------------------------------
def test_case4_a_very_long_document_does_not_stop_the_others(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    words = (MALI + ALGERIA).split()
    book = " ".join(words[i % len(words)] for i in range(1_000_000))  # a million words
    (root / "a-book.txt").write_text(book, encoding="utf-8")
    (root / "b-lines.jsonl").write_text(
        json.dumps({"id": "huge", "text": (MALI + CHAD) * 40_000}) + "\n"
        + json.dumps({"id": "after", "text": JAPAN, "published": "2024-03-27"}) + "\n",
        encoding="utf-8")
    (root / "c-article.txt").write_text(CHAD, encoding="utf-8")
    errors, out = tmp_path / "errors.jsonl", tmp_path / "e.jsonl"
    started = time.monotonic()
    status, stderr, _ = _run(["code", str(root), "--errors", str(errors), "-o", str(out),
                              "--quiet"], timeout=240)
    assert time.monotonic() - started < 120
    reasons = {(Path(e["source"]).name, e["line"]): e["reason"] for e in _jsonl(errors)}
    assert reasons == {
        ("a-book.txt", None): f"document too long ({len(book)} characters; the limit is "
                              "1000000, --max-chars to raise it)",
        ("b-lines.jsonl", 1): f"document too long ({len(MALI + CHAD) * 40_000} characters; "
                              "the limit is 1000000, --max-chars to raise it)"}
    assert {e["doc_id"] for e in _jsonl(out)} == {"after", "c-article"}
    assert stderr[-1].startswith("chronique: coded 2 documents")


def test_case4_a_document_past_its_time_budget_is_stopped_and_reported(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(MALI, encoding="utf-8")
    (root / "b-slow.txt").write_text((ALGERIA + MALI + CHAD) * 2_000, encoding="utf-8")
    (root / "c.txt").write_text(JAPAN, encoding="utf-8")
    errors, out = tmp_path / "errors.jsonl", tmp_path / "e.jsonl"
    started = time.monotonic()
    status, stderr, _ = _run(["code", str(root), "--time-limit", "1.5", "--errors",
                              str(errors), "-o", str(out), "--quiet"], timeout=240)
    assert time.monotonic() - started < 30  # coding it whole takes about 15 s
    assert [(Path(e["source"]).name, e["reason"]) for e in _jsonl(errors)] == [
        ("b-slow.txt", "time limit exceeded (coding took longer than 1.5 s; --time-limit to "
                       "raise it)")]
    assert {e["doc_id"] for e in _jsonl(out)} == {"a", "c"}
    assert status == 0 and stderr[-1].startswith("chronique: coded 2 documents")


# 5 -------------------------------------------------------------------------------------------
def test_case5_a_truncated_utf8_byte_keeps_the_file_utf8(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes((ALGERIA + "Le ministère a convoqué l'ambassadeur marocain à Alger é")
                     .encode("utf-8")[:-1])  # the file ends in the middle of "é"
    out = tmp_path / "e.jsonl"
    status, stderr, _ = _run(["code", str(path), "-o", str(out), "--quiet"])
    assert status == 0
    assert f"chronique: note {path}: invalid UTF-8 (1 byte sequence replaced by U+FFFD)" in stderr
    events = _jsonl(out)
    assert [e["event_type"] for e in events] == ["ACCUSE", "ACCUSE"]
    assert "ministère algérien des Affaires étrangères" in events[0]["sentence"]["text"]
    from chronique.documents.readers import read_inputs

    [doc] = list(read_inputs([str(path)]))
    assert doc.text.endswith("à Alger \ufffd") and "Ã" not in doc.text


# 6 -------------------------------------------------------------------------------------------
def test_case6_a_lone_surrogate_in_the_api_text_is_replaced_not_a_500(coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    body = ('{"text": "Le Mali et le Niger ont sign\\u00e9 lundi un accord de d\\u00e9fense '
            '\\ud800 mutuelle.", "published": "2024-03-11"}')
    headers = {"Content-Type": "application/json"}
    with TestClient(create_app(None, coder)) as client:
        answer = client.post("/api/code", content=body.encode("ascii"), headers=headers)
        assert answer.status_code == 200, answer.text
        result = answer.json()
        assert "défense \ufffd mutuelle" in result["text"]
        assert result["notes"] == ["invalid Unicode: lone surrogates replaced by U+FFFD"]
        assert [e["event_type"] for e in result["events"]] == ["SUPPORT"]
        named = client.post("/api/code", content=body.replace(
            '"published"', '"doc_id": "x\\udc00", "published"').encode("ascii"),
            headers=headers)
    assert named.status_code == 422
    assert named.json()["error"] == ("doc_id: invalid Unicode (a lone surrogate such as "
                                     "\\ud800, which no text can hold)")


# 7 -------------------------------------------------------------------------------------------
def test_case7_a_second_writer_is_told_who_holds_the_store(tmp_path):
    db = tmp_path / "x.duckdb"
    (tmp_path / "a.txt").write_text(MALI, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        status, stderr, _ = _run(["code", str(tmp_path / "a.txt"), "--db", str(db), "--quiet"])
    finally:
        holder.communicate("", timeout=60)
    assert status == 2
    [message] = stderr  # the program's name is the one the system gives (python3.11, ...)
    assert message.startswith(f"chronique: {db}: the corpus store is in use by process "
                              f"{holder.pid} (python")
    assert message.endswith("), which has it open for writing (one process at a time can "
                            "write a DuckDB file). Wait for that run to finish, stop it, or "
                            "give another --db file.")


# 8 -------------------------------------------------------------------------------------------
def test_case8_impossible_dates_are_refused_with_a_message(tmp_path, coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    article = tmp_path / "a.txt"
    article.write_text(MALI, encoding="utf-8")
    for value, says in (("2024-02-30", "2024-02-30 is not a date on the calendar (February "
                                        "2024 has 29 days)"),
                        ("", "empty date: expected YYYY-MM-DD"),
                        ("2023-XX-32", "2023-XX-32 is not a date on the calendar (no month "
                                       "has a day 32)")):
        status, stderr, _ = _run(["code", str(article), "--published", value, "--quiet"])
        assert status == 2 and any(f"--published: {says}" in line for line in stderr), stderr
    status, _, printed = _run(["code", str(article), "--published", "2024-02-XX", "--quiet"])
    assert status == 0 and json.loads(printed.splitlines()[0])["published"] == "2024-02-XX"

    lines = tmp_path / "b.jsonl"
    lines.write_text(json.dumps({"id": "b", "text": MALI, "published": "2023-02-29"}) + "\n",
                     encoding="utf-8")
    status, stderr, printed = _run(["code", str(lines), "--quiet"])
    assert status == 0 and f"chronique: note {lines}:1: \"published\" ignored (2023-02-29 is " \
        "not a date on the calendar: February 2023 has 28 days)" in stderr
    assert all(json.loads(x)["published"] is None for x in printed.splitlines())

    with TestClient(create_app(None, coder)) as client:
        answer = client.post("/api/code", json={"text": MALI, "published": "2024-02-30"})
    assert answer.status_code == 422
    assert "2024-02-30 is not a date on the calendar (February 2024 has 29 days)" in \
        answer.json()["error"]


# 9 -------------------------------------------------------------------------------------------
def test_case9_files_that_are_not_articles_are_skipped_saying_what_they_are(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "article.txt").write_text(MALI, encoding="utf-8")
    (root / "out.csv").write_text(
        "doc_id,event_type,actor,recipient,sentence\n"
        "a1,ACCUSE,DZA,MAR,L'Algérie a accusé le Maroc de déstabilisation\n"
        "a2,AGREE,MLI,NER,Le Mali et le Niger ont signé un accord de défense\n", encoding="utf-8")
    (root / "x.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Title (Le Mali a sign\xe9 un accord) "
                                 b">>\nendobj\n")
    (root / "export.json").write_text(json.dumps(
        {"totals": {"documents": 2}, "events": [{"sentence": MALI}]}, indent=2), encoding="utf-8")
    db, errors = tmp_path / "x.duckdb", tmp_path / "errors.jsonl"
    status, stderr, _ = _run(["code", str(root), "--db", str(db), "--errors", str(errors),
                              "--quiet"])
    assert status == 0
    assert [(Path(e["source"]).name, e["reason"]) for e in _jsonl(errors)] == [
        ("export.json", 'not an article (JSON document, not JSON Lines of {"id", "text"} '
                        "records)"),
        ("out.csv", "not an article (.csv file; chronique reads .txt, .md, .html, .jsonl)"),
        ("x.pdf", "not an article (PDF document: extract its text first)")]
    assert _rows(db, "SELECT doc_id FROM documents") == [("article",)]
    assert {d for (d,) in _rows(db, "SELECT doc_id FROM events")} == {"article"}


# 10 ------------------------------------------------------------------------------------------
def test_case10_french_full_of_emoji_and_zero_width_characters_is_french(tmp_path):
    decorated = " ".join(w + " 🔥🇫🇷😡" for w in (MALI + ALGERIA).split())
    invisible = "\u200b".join(MALI + ALGERIA)
    (tmp_path / "emoji.txt").write_text(decorated, encoding="utf-8")
    (tmp_path / "zero-width.txt").write_text(invisible, encoding="utf-8")
    out = tmp_path / "e.jsonl"
    status, stderr, _ = _run(["code", str(tmp_path / "emoji.txt"),
                              str(tmp_path / "zero-width.txt"), "--strict", "-o", str(out),
                              "--quiet"])
    assert status == 0, stderr
    assert not any("not French" in line for line in stderr)
    assert stderr[-1].startswith("chronique: coded 2 documents")
    assert {e["doc_id"] for e in _jsonl(out)} == {"emoji"}  # zero-width words are not parsed


# 11 ------------------------------------------------------------------------------------------
def test_case11_output_dash_is_standard_output(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(MALI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, _, printed = _run(["code", "a.txt", "-o", "-", "--published", "2024-03-11",
                               "--quiet"])
    assert status == 0 and not (tmp_path / "-").exists()
    assert [json.loads(x)["event_type"] for x in printed.splitlines()] == ["SUPPORT"]


def test_case11_eval_without_the_gold_texts_is_an_error_not_a_zero_score():
    gold = DEV / "seed.gold.jsonl"
    status, stderr, printed = _run(["eval", str(gold), "--json"])
    assert status == 2 and printed == ""
    assert stderr == [f"chronique: {gold}: 1 of 1 gold documents have no text (no \"text\" "
                      "field, and their file or <id>.txt was not found next to the gold file "
                      "(no --texts)): seed. Give the folder of their texts with --texts DIR, "
                      "or the events to score with --system FILE."]


def test_case11_countries_by_name_or_a_clear_message(tmp_path, coder):
    from fastapi.testclient import TestClient

    from chronique.store.view import CorpusView
    from chronique.web.app import create_app

    db = tmp_path / "x.duckdb"
    assert _run(["code", str(CORPUS), "--db", str(db), "--quiet"])[0] == 0

    def stats(*flags: str) -> dict:
        status, stderr, printed = _run(["stats", "--db", str(db), "--json", *flags])
        assert status == 0, stderr
        return json.loads(printed)

    assert stats("--country", "FRA")["types"]  # the corpus has French events
    assert stats("--country", "France") == stats("--country", "fra")
    assert stats("--dyad", "Algérie,Maroc") == stats("--dyad", "DZA,MAR")
    assert stats("--dyad", "Algeria,Morocco")["types"]
    status, stderr, _ = _run(["stats", "--db", str(db), "--country", "Frnace"])
    assert status == 2 and stderr == [
        "chronique: --country: unknown country or organisation 'Frnace': codes are ISO 3166 "
        "alpha-3 (FRA, MLI, CIV) or organisation ids (UN, ECOWAS); country names in French or "
        "English are accepted too (France, Côte d'Ivoire)"]
    with TestClient(create_app(CorpusView(db), coder)) as client:
        by_name = client.get("/api/events", params={"country": "France"}).json()
        by_code = client.get("/api/events", params={"country": "FRA"}).json()
        assert by_name == by_code and by_code["total"] > 0
        dyad = client.get("/api/events", params={"dyad": "Algérie,Maroc"}).json()
        assert dyad["total"] == client.get("/api/events", params={"dyad": "DZA,MAR"}).json()[
            "total"] > 0
        wrong = client.get("/api/events", params={"country": "Frnace"})
        assert wrong.status_code == 422 and "ISO 3166 alpha-3" in wrong.json()["error"]


def test_case11_serve_checks_the_port_before_loading_the_model(monkeypatch):
    import chronique.pipeline

    def no_model(*_args, **_kwargs):
        raise AssertionError("the model was loaded before the port was checked")

    monkeypatch.setattr(chronique.pipeline, "Coder", no_model)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        status, stderr, _ = _run(["serve", "--port", str(port)], timeout=60)
    assert status == 2 and time.monotonic() - started < 10
    assert stderr == [f"chronique: cannot serve on 127.0.0.1:{port}: another server is "
                      "listening there: stop it or choose another --port"]
