"""A local Dask cluster codes the same events as a local run, to Parquet and to the store."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from chronique.cli import main
from chronique.errors import ChroniqueError
from chronique.run.dask import parse_address

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "articles.jsonl"


def test_dask_local_cluster_codes_the_same_events_as_a_local_run(tmp_path):
    local = tmp_path / "local.jsonl"
    assert main(["code", str(CORPUS), "-o", str(local)]) == 0
    expected = [json.loads(line) for line in local.read_text(encoding="utf-8").splitlines()]
    out, db = tmp_path / "parquet", tmp_path / "c.duckdb"
    assert main(["code", str(CORPUS), "--dask", "local:2", "--batch-size", "4",
                 "-o", str(out), "--format", "parquet", "--db", str(db)]) == 0
    frame = pd.read_parquet(out).sort_values(["doc_id", "seq"])
    assert list(frame["event_id"]) == [r["event_id"] for r in
                                       sorted(expected, key=lambda r: r["doc_id"])]
    assert sorted(p.name for p in out.iterdir())[0] == "month=2024-03"
    by_id = {r["event_id"]: r for r in expected}
    for row in frame.itertuples():
        record = by_id[row.event_id]
        assert row.event_type == record["event_type"] and row.date == record["date"]
        assert [a["country"] for a in row.actor] == [a["country"] for a in record["actor"]]
        assert row.trigger["text"] == record["trigger"]["text"]
    con = duckdb.connect(str(db))
    try:
        stored = con.execute("SELECT event_id FROM events ORDER BY doc_id, seq").fetchall()
    finally:
        con.close()
    assert [s for (s,) in stored] == list(frame["event_id"])


@pytest.mark.parametrize("address,expected", [("local", ("local", None)),
                                              ("local:3", ("local", 3)),
                                              ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", None))])
def test_dask_addresses(address, expected):
    assert parse_address(address) == expected


@pytest.mark.parametrize("address", ["local:two", "scheduler:8786"])
def test_bad_dask_addresses(address):
    with pytest.raises(ChroniqueError):
        parse_address(address)


def _worker_state() -> dict:
    import os

    import dask

    from chronique.run import worker

    return {"coders": len(worker._CODERS), "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            "blas": os.environ.get("OPENBLAS_NUM_THREADS"),
            "profile": dask.config.get("distributed.worker.profile.enabled"),
            "tick": dask.config.get("distributed.admin.tick.interval")}


def test_local_cluster_workers_are_tuned_and_warmed_up():
    from chronique.run.dask import DaskCoder
    from chronique.settings import Settings

    coder = DaskCoder(Settings(), "local:2")
    try:
        assert coder.warm_up() == 2
        states = list(coder.client.run(_worker_state).values())
    finally:
        coder.close()
    assert states == [{"coders": 1, "trim": None, "blas": "1", "profile": False,
                       "tick": "500ms"}] * 2
