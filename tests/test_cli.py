"""The command line, end to end."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from casedata import SEED

from chronique.cli import main


def test_cli_codes_seed_to_jsonl(tmp_path):
    out = tmp_path / "events.jsonl"
    assert main(["code", str(SEED), "--published", "2019-05-16", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["doc_id"] == SEED.stem for r in records)
    required = {"doc_id", "event_id", "event_type", "mode", "context", "cameo", "quad_class",
                "goldstein", "actor", "recipient", "date", "date_text", "location", "trigger",
                "sentence", "negated", "modality", "speaker", "confidence", "rule", "lang"}
    assert required <= set(records[0])
    assert len({r["event_id"] for r in records}) == len(records)


def test_cli_csv_output(tmp_path):
    out = tmp_path / "events.csv"
    assert main(["code", str(SEED), "--published", "2019-05-16", "--format", "csv",
                 "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and rows[0]["event_type"] and "location_name" in rows[0]


def test_cli_event_ids_are_stable(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (a, b):
        main(["code", str(SEED), "--published", "2019-05-16", "-o", str(out)])
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_cli_stdin_and_errors_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Le Tchad a expulsé l\'ambassadeur de France."}\n'
                   '{broken\n', encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    proc = subprocess.run([sys.executable, "-m", "chronique", "code", str(bad), "--errors",
                           str(errors), "--strict"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "bad.jsonl:2" in proc.stderr and "1 skipped" in proc.stderr
    [problem] = [json.loads(line) for line in errors.read_text().splitlines()]
    assert problem["line"] == 2


def test_cli_usage_error_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chronique", "code", str(SEED), "--published",
                           "16 mai"], capture_output=True, text=True)
    assert proc.returncode == 2 and "--published" in proc.stderr


def test_cli_eval_prints_scores(capsys):
    from casedata import DEV

    assert main(["eval", str(DEV / "seed.gold.jsonl"), "--texts", str(SEED.parent), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["core"]["recall"] == 1.0


def test_cli_unwritable_output_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chronique", "code", str(SEED), "-o",
                           str(tmp_path / "no-such-folder" / "out.jsonl")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "out.jsonl" in proc.stderr and "Traceback" not in proc.stderr


def test_json_lines_stay_one_record_per_line():
    from chronique.exports.writers import json_line

    line = json_line({"text": "a\u2028b\u2029c\x85d é"})
    assert line.endswith("\n") and len(line.splitlines()) == 1
    assert json.loads(line) == {"text": "a\u2028b\u2029c\x85d é"}


def test_cli_pretty_numbers_events_and_names_their_sentence(tmp_path):
    out = tmp_path / "seed.txt"
    assert main(["code", str(SEED), "--published", "2019-05-16", "--pretty", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    heads = [line for line in lines if line.startswith("[")]
    assert [h.split("]")[0] for h in heads] == [f"[{i}" for i in range(1, len(heads) + 1)]
    assert len(heads) >= 6 and any("CONSULT" in h and "Alikhan Smailov" in h for h in heads)
    assert all(line.strip().startswith("sentence ") for line in lines[2::3])
