"""The store: one row per document, idempotent re-coding, replacement, versions, kill-safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from store_fixtures import ROOT

from chronique.cli import main
from chronique.documents.readers import make_document
from chronique.store import Store, coder_version, content_hash

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus" / "articles.jsonl"


def _counts(path: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(path))
    try:
        return con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM "
                           "events), (SELECT count(DISTINCT doc_id) FROM documents)").fetchall()[0]
    finally:
        con.close()


def test_coding_the_same_input_twice_changes_nothing(tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    assert main(["code", str(CORPUS), "--db", str(db)]) == 0
    first = _counts(db)
    con = duckdb.connect(str(db))
    stamps = con.execute("SELECT doc_id, coded_at FROM documents ORDER BY doc_id").fetchall()
    con.close()
    assert first[0] == first[2] == 32 and first[1] > 32
    capsys.readouterr()
    assert main(["code", str(CORPUS), "--db", str(db)]) == 0
    assert "coded 0 documents, 0 events; 32 unchanged in the store" in capsys.readouterr().err
    assert _counts(db) == first
    con = duckdb.connect(str(db))
    assert con.execute("SELECT doc_id, coded_at FROM documents ORDER BY doc_id").fetchall() \
        == stamps
    con.close()


def test_changed_content_replaces_that_documents_events(tmp_path, coder):
    db = tmp_path / "c.duckdb"
    old = make_document("d1", "Le Mali a accusé jeudi la France d'ingérence.", published="2024-05-02")
    other = make_document("d2", "Le Japon a envoyé mercredi une aide d'urgence à Madagascar.",
                          published="2024-03-27")
    with Store(db) as store:
        store.write(coder.code_documents([old, other]), "v1")
        new = make_document("d1", "Le Mali et le Niger ont signé mardi à Niamey un accord. "
                            "L'Algérie a accusé jeudi le Maroc de déstabilisation.",
                            published="2024-05-02")
        assert store.is_current(old, "v1") and not store.is_current(new, "v1")
        store.write(coder.code_documents([new]), "v1")
        rows = store.con.execute("SELECT doc_id, event_type FROM events ORDER BY doc_id, seq"
                                 ).fetchall()
        docs = store.con.execute("SELECT doc_id, content_hash FROM documents ORDER BY doc_id"
                                 ).fetchall()
    assert docs == [("d1", content_hash(new)), ("d2", content_hash(other))]
    d1 = [t for d, t in rows if d == "d1"]
    assert "ACCUSE" in d1 and len(d1) >= 2          # the new text's events ...
    assert not any(t == "ACCUSE" and d == "d1" for d, t in rows[:0])
    assert [t for d, t in rows if d == "d2"] == ["AID"]  # ... and the other document untouched
    assert all(r[1] != "ACCUSE" or r[0] == "d1" for r in rows)


def test_a_new_coder_version_recodes(tmp_path, coder):
    doc = make_document("d1", "Le Japon a envoyé mercredi une aide d'urgence à Madagascar.",
                        published="2024-03-27")
    with Store(tmp_path / "c.duckdb") as store:
        store.write(coder.code_documents([doc]), "0.1.0")
        assert store.is_current(doc, "0.1.0")
        assert not store.is_current(doc, "0.2.0")
        store.write(coder.code_documents([doc]), "0.2.0")
        assert store.con.execute("SELECT coder_version FROM documents").fetchall() == [("0.2.0",)]
        assert store.counts()["events"] == 1


def test_user_lexicon_changes_the_coder_version(tmp_path):
    lexicon = tmp_path / "lex"
    (lexicon / "fr").mkdir(parents=True)
    (lexicon / "fr" / "persons.tsv").write_text("name\tvariants\tiso3\n", encoding="utf-8")
    assert coder_version() != coder_version([lexicon])
    assert coder_version([lexicon]) == coder_version([lexicon])


def test_store_keeps_every_record_field(tmp_path, coder, seed_text):
    from chronique.store import Corpus

    events = coder.code_text(seed_text, published="2019-05-16", doc_id="seed")
    doc = make_document("seed", seed_text, published="2019-05-16")
    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        store.write([(doc, events)], "v")
    with Corpus(db) as corpus:
        stored = list(corpus.records())
    for record in stored:
        assert record.pop("cluster_id").startswith("c")
    assert stored == [e.to_dict() for e in events]


# -- kill and resume ----------------------------------------------------------------------
SUBJECTS = [("Le Mali", "le Niger"), ("L'Algérie", "le Maroc"), ("La Chine", "le Kazakhstan"),
            ("Le Japon", "les Philippines"), ("Le Sénégal", "la Gambie")]
TEMPLATES = [
    "{a} a accusé {day} {b} d'ingérence dans ses affaires intérieures.",
    "{a} et {b} ont signé {day} un accord de coopération économique.",
    "{a} a envoyé {day} une aide humanitaire à {b} après les inondations.",
    "{a} a appelé {day} {b} à libérer les prisonniers politiques.",
    "{a} a menacé {day} {b} de sanctions économiques.",
    "{a} a condamné {day} l'attaque contre l'ambassade de {b_name}.",
    "Le ministre des Affaires étrangères a reçu {day} son homologue, venu de la capitale voisine, "
    "et {a} a salué {b} pour son soutien.",
    "{a} a expulsé {day} deux diplomates de {b_name}.",
]
NAMES = {"le Niger": "Niger", "le Maroc": "Maroc", "le Kazakhstan": "Kazakhstan",
         "les Philippines": "Philippines", "la Gambie": "Gambie"}
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]


def _documents(path: Path) -> int:
    import json

    lines = []
    for i, template in enumerate(TEMPLATES):
        for j, (a, b) in enumerate(SUBJECTS):
            text = template.format(a=a, b=b, b_name=NAMES[b], day=DAYS[(i + j) % 5])
            lines.append(json.dumps({"id": f"k{i}{j}", "text": text, "lang": "fr",
                                     "published": f"2024-0{1 + j}-1{i}"}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _run(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "chronique", "code", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _wait_for_commits(db: Path, proc: subprocess.Popen, grow: int, timeout: float = 120) -> bool:
    """Wait until the write-ahead log has grown ``grow`` bytes past its size now (a batch was
    committed), or the run ended; True when still running."""
    wal = db.with_name(db.name + ".wal")
    start = wal.stat().st_size if wal.exists() else 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > start + grow:
            return True
        time.sleep(0.005)
    return proc.poll() is None


def test_a_run_killed_at_any_moment_and_rerun_codes_each_document_once(tmp_path, coder):
    from chronique.documents.readers import read_inputs

    inputs = tmp_path / "docs.jsonl"
    n = _documents(inputs)
    db = tmp_path / "c.duckdb"
    args = [str(inputs), "--db", str(db), "--batch-size", "4"]
    kills = 0
    for grow in (1, 20_000):
        proc = _run(args)
        if _wait_for_commits(db, proc, grow):
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 1, "the run finished before it could be killed"
    final = _run(args)
    assert final.wait(timeout=300) == 0, final.stderr.read().decode()
    expected = {d.id: len(events) for d, events in
                coder.code_documents(read_inputs([str(inputs)]))}
    con = duckdb.connect(str(db))
    try:
        docs = dict(con.execute("SELECT doc_id, count(*) FROM documents GROUP BY doc_id"
                                ).fetchall())
        events = dict(con.execute("SELECT doc_id, count(*) FROM events GROUP BY doc_id"
                                  ).fetchall())
        keys = con.execute("SELECT count(*), count(DISTINCT (doc_id, seq)) FROM events"
                           ).fetchall()[0]
        stale = con.execute("SELECT value FROM meta WHERE key = 'clusters_stale'").fetchall()
        unclustered = con.execute("SELECT count(*) FROM events_clustered WHERE cluster_id IS "
                                  "NULL").fetchall()[0][0]
    finally:
        con.close()
    assert len(docs) == n and set(docs.values()) == {1}
    assert {d: c for d, c in expected.items() if c} == events
    assert keys[0] == keys[1] == sum(expected.values())
    assert stale == [("0",)] and unclustered == 0


@pytest.mark.parametrize("bad", [["--batch-size", "0"], ["--workers", "0"]])
def test_bad_scale_options_are_usage_errors(bad, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["code", str(CORPUS), "--db", str(tmp_path / "c.duckdb"), *bad])
    assert exit_info.value.code == 2


def test_changed_content_is_reported_unless_replace_is_asked(tmp_path, capsys):
    """Re-coding an id the store holds with other content: reported (the stored document is
    kept) unless ``--replace`` is given; the same content is unchanged, as before."""
    db, errors = tmp_path / "c.duckdb", tmp_path / "errors.jsonl"
    first, second = tmp_path / "v1" / "note.txt", tmp_path / "v2" / "note.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("Le Japon a envoyé mercredi une aide d'urgence à Madagascar.", "utf-8")
    second.write_text("Le Tchad a expulsé mardi l'ambassadeur de France.", "utf-8")
    assert main(["code", str(first), "--db", str(db), "--published", "2024-03-27"]) == 0
    capsys.readouterr()
    assert main(["code", str(second), "--db", str(db), "--published", "2024-03-27",
                 "--errors", str(errors)]) == 0
    assert "coded 0 documents, 0 events; 1 skipped: 1 already in the store with different " \
           "content" in capsys.readouterr().err
    [error] = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert (error["source"], error["doc_id"]) == (str(second), "note")
    assert error["reason"] == (f"already in the store with different content (id 'note', "
                               f"stored from {first}; --replace to re-code it)")
    with Store(db) as store:
        assert store.con.execute("SELECT source FROM documents").fetchall() == [(str(first),)]
        assert [t for (t,) in store.con.execute("SELECT event_type FROM events").fetchall()] \
            == ["AID"]
    assert main(["code", str(second), "--db", str(db), "--published", "2024-03-27",
                 "--replace"]) == 0
    assert "coded 1 documents" in capsys.readouterr().err
    with Store(db) as store:
        assert store.con.execute("SELECT source FROM documents").fetchall() == [(str(second),)]
        assert [t for (t,) in store.con.execute("SELECT event_type FROM events").fetchall()] \
            == ["SANCTION"]
    assert main(["code", str(second), "--db", str(db), "--published", "2024-03-27"]) == 0
    assert "coded 0 documents, 0 events; 1 unchanged in the store" in capsys.readouterr().err
