"""Parallel coding: the same events in the same order as one process, resumable, with a
progress bar only on a terminal."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pandas as pd

from chronique.cli import main
from chronique.cli.progress import ProgressBar, count_documents
from chronique.run import Summary
from chronique.run.chunks import chunked, ordered_window

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "articles.jsonl"


def test_two_workers_write_the_same_jsonl_as_one_process(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["code", str(CORPUS), "-o", str(one)]) == 0
    # batches of 4 documents: eight batches in flight over two processes
    assert main(["code", str(CORPUS), "-o", str(two), "--workers", "2", "--batch-size", "4"]) == 0
    first = one.read_text(encoding="utf-8")
    assert first.count("\n") > 32
    assert two.read_text(encoding="utf-8") == first
    ids = [json.loads(line)["doc_id"] for line in first.splitlines()]
    assert ids == sorted(ids)            # articles.jsonl is in id order: output in input order


def test_workers_with_a_store_resume_and_match_one_process(tmp_path, capsys):
    single, multi = tmp_path / "single.duckdb", tmp_path / "multi.duckdb"
    assert main(["code", str(CORPUS), "--db", str(single)]) == 0
    half = tmp_path / "half.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    half.write_text("\n".join(lines[:15]) + "\n", encoding="utf-8")
    assert main(["code", str(half), "--db", str(multi), "--workers", "2",
                 "--batch-size", "4"]) == 0
    capsys.readouterr()
    assert main(["code", str(CORPUS), "--db", str(multi), "--workers", "2",
                 "--batch-size", "4"]) == 0
    err = capsys.readouterr().err
    assert "coded 17 documents" in err and "15 unchanged in the store" in err

    import duckdb

    def content(path):
        con = duckdb.connect(str(path))
        try:
            return con.execute("SELECT doc_id, seq, event_id, event_type, actor, recipient, "
                               "date, location, cluster_id FROM events_clustered "
                               "ORDER BY doc_id, seq").fetchall()
        finally:
            con.close()

    assert content(multi) == content(single)


def test_parquet_output_partitioned_by_month(tmp_path):
    out = tmp_path / "events"
    assert main(["code", str(CORPUS), "-o", str(out), "--format", "parquet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["month=2024-03", "month=2024-04",
                                                     "month=2024-05", "month=2024-06"]
    frame = pd.read_parquet(out)
    jsonl = tmp_path / "events.jsonl"
    assert main(["code", str(CORPUS), "-o", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert sorted(frame["event_id"]) == sorted(r["event_id"] for r in records)
    may = frame[frame["month"] == "2024-05"]
    assert len(may) and may["published"].str.startswith("2024-05").all()


def test_ordered_window_keeps_submission_order_and_bounds_work():
    in_flight, peak = [0], [0]
    futures: list[Future] = []

    def submit(chunk):
        future: Future = Future()
        futures.append(future)
        in_flight[0] += 1
        peak[0] = max(peak[0], in_flight[0])
        # later chunks finish first
        threading.Timer(0.05 / (len(futures)), lambda f=future, c=chunk: f.set_result(c)).start()
        return future

    def result(future):
        in_flight[0] -= 1
        return [x * 10 for x in future.result()]

    out = [r for _, r in ordered_window(chunked(range(20), 3), submit, result, window=3)]
    assert out == [[x * 10 for x in c] for c in chunked(range(20), 3)]
    assert peak[0] <= 3


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    silent = io.StringIO()
    bar = ProgressBar(10, enabled=True, stream=silent)
    bar.advance(3)
    bar.close()
    assert silent.getvalue() == "" and bar.documents == 1 and bar.events == 3
    terminal = _Terminal()
    bar = ProgressBar(4, enabled=True, stream=terminal)
    for n in (2, 0, 5):
        bar.advance(n)
        time.sleep(0.3)
    bar.close()
    shown = terminal.getvalue()
    assert "3/4" in shown and "7 events" in shown and "docs/s" in shown and "ETA" in shown
    quiet = _Terminal()
    bar = ProgressBar(4, enabled=False, stream=quiet)
    bar.advance(1)
    bar.close()
    assert quiet.getvalue() == ""


def test_count_documents_counts_files_and_lines(tmp_path):
    (tmp_path / "a.txt").write_text("Le Mali a signé un accord.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"id": 1, "text": "x"}\n\n{"id": 2, "text": "y"}\n',
                                              encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents([str(CORPUS)]) == 32
    assert count_documents(["-"]) is None


def test_summary_line_always_printed_even_quiet(tmp_path, capsys):
    assert main(["code", str(CORPUS), "-o", str(tmp_path / "x.jsonl"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("chronique: coded 32 documents")
    assert Summary(documents=2, events=3, unchanged=4).line() == \
        "coded 2 documents, 3 events; 4 unchanged in the store"


def test_pool_warm_up_reaches_every_worker():
    from chronique.run.pool import ProcessPoolCoder
    from chronique.settings import Settings

    pool = ProcessPoolCoder(Settings(), 2)
    try:
        pids = pool.warm_up()
    finally:
        pool.close()
    assert len(pids) == 2 and os.getpid() not in pids
