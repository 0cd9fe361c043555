"""Exports load in their consumers; stats tables, plot and the Python Corpus agree."""

from __future__ import annotations

import csv
import json

import duckdb
import jsonschema
import pandas as pd
import pytest
from store_fixtures import corpus_db, corpus_records  # noqa: F401

from chronique.cli import main
from chronique.exports.gdelt import COLUMNS, HEADER
from chronique.exports.plover import SCHEMA_PATH, schema
from chronique.store import Corpus


def _stored(corpus_db) -> list[dict]:  # noqa: F811
    """Every stored record, negated events included (an export writes them all)."""
    with Corpus(corpus_db) as corpus:
        return list(corpus.records(include_negated=True))


def test_jsonl_export_round_trips_the_records(corpus_db, corpus_records, tmp_path):  # noqa: F811
    out = tmp_path / "events.jsonl"
    assert main(["export", "--db", str(corpus_db), "--format", "jsonl", "-o", str(out)]) == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    coded = {e.event_id: e.to_dict() for _, events in corpus_records for e in events}
    assert len(exported) == len(coded)
    for record in exported:
        assert record.pop("cluster_id").startswith("c")
        assert record == coded[record["event_id"]]


def test_csv_export_loads_in_duckdb_and_pandas(corpus_db, tmp_path):  # noqa: F811
    out = tmp_path / "events.csv"
    assert main(["export", "--db", str(corpus_db), "--format", "csv", "-o", str(out)]) == 0
    frame = pd.read_csv(out)
    n = len(_stored(corpus_db))
    assert len(frame) == n and {"event_type", "actor_country", "cluster_id"} <= set(frame)
    con = duckdb.connect()
    rows = con.execute(f"SELECT event_type, count(*) FROM read_csv_auto('{out}') "
                       "GROUP BY ALL ORDER BY 2 DESC, 1").fetchall()
    assert sum(c for _, c in rows) == n
    assert dict(rows) == frame["event_type"].value_counts().to_dict()


def test_parquet_export_is_partitioned_by_publication_month(corpus_db, tmp_path):  # noqa: F811
    out = tmp_path / "parquet"
    assert main(["export", "--db", str(corpus_db), "--format", "parquet", "-o", str(out)]) == 0
    months = sorted(p.name for p in out.iterdir())
    assert months == ["month=2024-03", "month=2024-04", "month=2024-05", "month=2024-06"]
    frame = pd.read_parquet(out)
    stored = _stored(corpus_db)
    assert len(frame) == len(stored)
    assert set(frame["event_id"]) == {r["event_id"] for r in stored}
    april = duckdb.connect().execute(
        f"SELECT count(*), min(published), max(published) FROM read_parquet('{out}/*/*.parquet', "
        "hive_partitioning = true) WHERE month = '2024-04'").fetchall()[0]
    assert april[0] > 0 and april[1] >= "2024-04-01" and april[2] <= "2024-04-30"
    first = frame.iloc[0]
    assert first["actor"][0]["country"] and first["trigger"]["text"]   # nested structs kept


def test_plover_export_validates_against_the_schema(corpus_db, tmp_path):  # noqa: F811
    out = tmp_path / "plover.jsonl"
    assert main(["export", "--db", str(corpus_db), "--format", "plover", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    validator = jsonschema.Draft202012Validator(schema())
    jsonschema.Draft202012Validator.check_schema(schema())
    assert records
    for record in records:
        validator.validate(record)
    aid = [r for r in records if r["event"] == ["AID"]]
    assert {r["date"] for r in aid} == {"2024-03-27"} and len({r["link"] for r in aid}) == 1
    assert aid[0]["actor"][0]["code"] == "JPN" and aid[0]["recipient"][0]["code"] == "MDG"
    assert aid[0]["num_reports"] == 2 and aid[0]["cite_info"]["language"] == "fr"
    bad = dict(records[0], event=["PARTY"])
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)
    assert SCHEMA_PATH.name == "plover.schema.json"


def test_gdelt_export_has_one_row_per_happening(corpus_db, tmp_path):  # noqa: F811
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", str(corpus_db), "--format", "gdelt", "-o", str(out)]) == 0
    with open(out, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    assert list(rows[0]) == HEADER and len(HEADER) == len(COLUMNS)
    with Corpus(corpus_db) as corpus:
        clusters = corpus.clusters().df()
    assert len(rows) == len(clusters)
    meeting = [r for r in rows if r["SQLDATE"] == "20240409" and r["EventRootCode"] == "04"
               and "KAZ" in (r["Actor1CountryCode"], r["Actor2CountryCode"])]
    assert len(meeting) == 1
    assert meeting[0]["NumArticles"] == "4" and meeting[0]["NumSources"] == "4"
    assert meeting[0]["SOURCEURL"].startswith("https://")
    frame = pd.read_csv(out, sep="\t")
    assert frame["QuadClass"].between(1, 4).all()


def test_stats_tables_and_plot(corpus_db, tmp_path, capsys):  # noqa: F811
    plot = tmp_path / "series.png"
    assert main(["stats", "--db", str(corpus_db), "--by", "week", "--plot", str(plot)]) == 0
    printed = capsys.readouterr().out
    assert "per week" in printed and "per type" in printed and "top 10 dyads" in printed
    assert "2024-04-08" in printed and "CONSULT" in printed
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 10_000


def _stats_json(corpus_db, capsys, *args) -> dict:  # noqa: F811
    assert main(["stats", "--db", str(corpus_db), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_stats_units_and_filters(corpus_db, capsys):  # noqa: F811
    clusters = _stats_json(corpus_db, capsys, "--dyad", "CHN,KAZ", "--type", "CONSULT")
    mentions = _stats_json(corpus_db, capsys, "--dyad", "CHN,KAZ", "--type", "CONSULT",
                           "--unit", "mention")
    daily = _stats_json(corpus_db, capsys, "--dyad", "CHN,KAZ", "--type", "CONSULT",
                        "--unit", "one-a-day")
    total = {u: sum(r["events"] for r in d["counts"])
             for u, d in (("cluster", clusters), ("mention", mentions), ("daily", daily))}
    # two meetings (9 April, 20 May) reported by several articles each
    assert total["cluster"] == 2
    assert total["mention"] >= 4
    # one-a-day keeps one event per day, type and participant coding
    with Corpus(corpus_db) as corpus:
        rows = corpus.units("mention", dyad=("CHN", "KAZ"), event_type="CONSULT").project(
            "day, actor_codes, recipient_codes").fetchall()
    assert total["daily"] == len({(d, tuple(sorted(a)), tuple(sorted(r))) for d, a, r in rows})
    assert total["cluster"] <= total["daily"] <= total["mention"]
    algeria = _stats_json(corpus_db, capsys, "--country", "DZA", "--by", "day")
    days = {r["period"][:10]: r["events"] for r in algeria["counts"]}
    assert days["2024-05-09"] == 1 and days["2024-05-02"] >= 2


def test_corpus_gives_relations_and_dataframes(corpus_db):  # noqa: F811
    with Corpus(corpus_db) as corpus:
        relation = corpus.counts(by="month")
        assert isinstance(relation, duckdb.DuckDBPyRelation)
        frame = relation.df()
        assert list(frame["period"].astype(str)) == ["2024-03-01", "2024-04-01", "2024-05-01",
                                                     "2024-06-01"]
        assert frame["events"].sum() == corpus.totals()["clusters"] - \
            corpus.events(include_negated=True).filter("negated").count("*").fetchall()[0][0]
        mentions = corpus.counts(by="month", unit="mention").df()["events"].sum()
        assert mentions == len(corpus.events().df())
        assert corpus.top_dyads(3).df().iloc[0]["events"] >= 2
        sanctions = corpus.events(event_type="SANCTION", dyad=("EU", "RUS")).df()
        assert set(sanctions["doc_id"]) == {"a14", "a15"}
        assert corpus.types().df().set_index("event_type").loc["AID", "events"] == 1


def test_docs_list_every_gdelt_column():
    from store_fixtures import ROOT

    from chronique.exports.gdelt import COLUMNS

    doc = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for name, _ in COLUMNS:
        assert f"| `{name}` |" in doc, name
