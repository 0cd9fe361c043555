"""Nothing lost, nothing crashes: every bad input of ``tests/data/bad/`` (and the ones made at
test time: missing, unreadable, too large, too long) is reported on standard error with its
file (and line), kept in the ``--errors`` file, counted in the summary; the run goes on.
Exit status: 0 when the run finished, 1 with ``--strict`` when anything was skipped, 2 for
usage errors."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest
from casedata import DATA

from chronique.cli import main
from chronique.documents.readers import MAX_BYTES, Document, Problem, read_inputs

BAD = DATA / "bad"
MISSING = "no/such/dir/article.txt"

#: (file, line) -> reason it is skipped (exactly as written on stderr and in --errors)
SKIPPED = {
    ("archive.zip", None): "binary content (NUL bytes)",
    ("article.txt.gz", None): "binary content (NUL bytes)",
    ("image.png", None): "binary content (NUL bytes)",
    ("nul-inside.txt", None): "binary content (NUL bytes)",
    ("control-chars.dat", None): "binary content (control characters)",
    ("empty.txt", None): "empty document",
    ("whitespace.txt", None): "empty document (only whitespace)",
    ("nav-only.html", None): "HTML page with no main text",
    ("english.txt", None): "not French (language: en)",
    ("english.html", None): "not French (language: en)",
    ("german.txt", None): "not French (language: de)",
    ("arabic.txt", None): "not French (language: ar)",
    ("chinese.txt", None): "not French (language: zh)",
    ("batch.jsonl", 2): "malformed JSON (Unterminated string starting at column 26)",
    ("batch.jsonl", 3): 'no "text" field',
    ("batch.jsonl", 4): '"text" is not a string (a number)',
    ("batch.jsonl", 5): '"text" is not a string (null)',
    ("batch.jsonl", 6): "empty document",
    ("batch.jsonl", 7): "empty document (only whitespace)",
    ("batch.jsonl", 8): "line is not a JSON object",
    ("batch.jsonl", 10): "not French (declared language: en)",
    ("batch.jsonl", 12): "binary content (NUL bytes)",
    ("batch.jsonl", 13): "not French (language: en)",
    ("batch.jsonl", 15): "malformed JSON (number too long)",
    ("plain-text.jsonl", 1): "malformed JSON (Expecting value at column 1)",
    ("plain-text.jsonl", 2): "malformed JSON (Expecting value at column 1)",
    ("truncated.jsonl", 2): "malformed JSON (Unterminated string starting at column 28)",
}
#: documents coded, with the note said about them (None: nothing to say)
CODED = {
    "cp1252-article.txt": "not UTF-8: decoded as cp1252",
    "latin1-article.txt": "not UTF-8: decoded as latin-1",
    "utf16.txt": "UTF-16: decoded",
    "batch.jsonl:11": "invalid Unicode: lone surrogates replaced by U+FFFD",
    "bom.txt": None,
    "mixed-endings.txt": None,
    "batch.jsonl:1": None,
    "truncated.jsonl:1": None,
    "batch.jsonl:14": None,  # raw U+2028 and U+0085 in its text are not line ends
    "cp1252.jsonl:1": "not UTF-8: decoded as cp1252",
}


@pytest.fixture(scope="module", autouse=True)
def shared_engine(coder):
    """``chronique code`` runs here on the session's coder (not a new one per run)."""

    class Engine:
        workers = 1

        def code_documents(self, documents):
            return coder.code_documents(documents)

        def close(self):
            pass

        terminate = close

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("chronique.run.make_engine", lambda *a, **k: Engine())
        yield


def _where(name: str, line: int | None) -> str:
    return f"{BAD / name}:{line}" if line else str(BAD / name)


def _code(argv: list[str]) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse usage errors
            status = exc.code
    return status, err.getvalue().splitlines()


def _jsonl(path: Path) -> list[dict]:
    """Records of a JSON Lines file: lines end at \\n only (text may hold U+2028)."""
    return [json.loads(x) for x in path.read_text("utf-8").split("\n") if x.strip()]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bad")
    status, stderr = _code(["code", str(BAD), MISSING, "-o", str(out / "events.jsonl"),
                            "--errors", str(out / "errors.jsonl"), "--quiet"])
    events = _jsonl(out / "events.jsonl")
    errors = _jsonl(out / "errors.jsonl")
    return status, stderr, events, errors


def test_corpus_has_twenty_bad_inputs():
    files = [p for p in BAD.iterdir() if p.is_file()]
    assert len(files) >= 20
    assert {p.name for p in files} == {n for n, _ in SKIPPED} | {k.split(":")[0] for k in CODED}


@pytest.mark.parametrize(("name", "line"), sorted(SKIPPED, key=str))
def test_each_bad_input_is_reported_with_file_line_and_reason(bad_run, name, line):
    _, stderr, _, errors = bad_run
    reason = SKIPPED[name, line]
    assert f"chronique: skipped {_where(name, line)}: {reason}" in stderr
    [record] = [e for e in errors if e["source"] == str(BAD / name) and e["line"] == line]
    assert record["reason"] == reason


def test_missing_path_on_the_command_line(bad_run):
    _, stderr, _, errors = bad_run
    assert f"chronique: skipped {MISSING}: no such file" in stderr
    assert {"source": MISSING, "line": None, "doc_id": None, "reason": "no such file"} in errors


def test_errors_file_holds_every_skipped_input_and_nothing_else(bad_run):
    _, stderr, _, errors = bad_run
    skipped = [line for line in stderr if line.startswith("chronique: skipped ")]
    assert len(errors) == len(skipped) == len(SKIPPED) + 1
    assert all(set(e) == {"source", "line", "doc_id", "reason"} for e in errors)
    assert {e["doc_id"] for e in errors if e["source"].endswith("batch.jsonl")} >= {
        "no-text", "text-number", "text-null", "text-empty", "text-blank", "declared-en", "nul"}


def test_summary_counts_coded_skipped_and_noted(bad_run):
    status, stderr, events, _ = bad_run
    assert status == 0
    summary = stderr[-1]
    assert summary.startswith(f"chronique: coded {len(CODED)} documents, {len(events)} events; "
                              f"{len(SKIPPED) + 1} skipped: ")
    for part in ('2 "text" is not a string', "6 binary content", "4 empty document",
                 "1 HTML page with no main text", "1 line is not a JSON object",
                 "5 malformed JSON", '1 no "text" field', "1 no such file", "7 not French",
                 "2 not UTF-8: decoded as cp1252", "1 not UTF-8: decoded as latin-1",
                 "1 UTF-16: decoded"):
        assert part in summary


@pytest.mark.parametrize("key", sorted(CODED))
def test_decodable_inputs_are_coded_and_noted(bad_run, key):
    _, stderr, events, _ = bad_run
    name, _, line = key.partition(":")
    notes = [x for x in stderr if x.startswith(f"chronique: note {_where(name, line)}:")]
    assert notes == ([f"chronique: note {_where(name, line)}: {CODED[key]}"] if CODED[key]
                     else [])
    assert not any(x.startswith(f"chronique: skipped {_where(name, line)}:") for x in stderr)


def test_events_of_decoded_inputs_index_the_decoded_text(bad_run):
    _, _, events, _ = bad_run
    texts = {d.id: d.text for d in read_inputs([str(BAD)]) if isinstance(d, Document)}
    by_doc = {e["doc_id"] for e in events}
    # the French articles in cp1252, latin-1, UTF-16, with a BOM and mixed line ends all code
    assert {"cp1252-article", "latin1-article", "utf16", "bom", "mixed-endings",
            "batch-ok", "line-separators", "windows"} <= by_doc
    for event in events:
        text = texts[event["doc_id"]]
        for key in ("trigger", "sentence"):
            span = event[key]
            assert text[span["start"]:span["end"]] == span["text"]
        for entity in event["actor"] + event["recipient"]:
            assert text[entity["start"]:entity["end"]] == entity["text"]


def test_decoded_texts_are_exact():
    docs = {d.id: d for d in read_inputs([str(BAD)]) if isinstance(d, Document)}
    assert "l’attaque" in docs["cp1252-article"].text and "œuvres" in docs["cp1252-article"].text
    assert "béninoises" in docs["latin1-article"].text
    assert docs["bom"].text.startswith("PARIS, 5 juin 2024")  # the BOM is not text
    assert docs["bom"].published == "2024-06-05" and docs["bom"].published_source == "dateline"
    assert docs["utf16"].text.startswith("ABIDJAN") and "Côte d'Ivoire" in docs["utf16"].text
    assert "\r" in docs["mixed-endings"].text  # line ends kept: offsets index the file's text
    assert "\ufffd" in docs["surrogate"].text
    assert "Niger.\u2028Le Niger" in docs["line-separators"].text
    assert docs["windows"].text.startswith("Le Sénégal a condamné l’attaque")


def test_strict_exits_1_when_anything_was_skipped(tmp_path):
    status, stderr = _code(["code", str(BAD / "empty.txt"), str(BAD / "bom.txt"), "--strict",
                            "-o", str(tmp_path / "e.jsonl"), "--quiet"])
    assert status == 1
    assert stderr[-1].startswith("chronique: coded 1 documents,")
    assert stderr[-1].endswith("; 1 skipped: 1 empty document")


def test_strict_exits_0_when_nothing_was_skipped(tmp_path):
    status, stderr = _code(["code", str(BAD / "bom.txt"), "--strict", "-o",
                            str(tmp_path / "e.jsonl"), "--quiet"])
    assert status == 0 and "skipped" not in stderr[-1]


def test_missing_path_exits_0_without_strict_and_1_with_it(tmp_path):
    for flags, expected in (([], 0), (["--strict"], 1)):
        status, stderr = _code(["code", str(tmp_path / "nope.txt"), "-o",
                                str(tmp_path / "e.jsonl"), "--quiet", *flags])
        assert status == expected
        assert stderr == [f"chronique: skipped {tmp_path / 'nope.txt'}: no such file",
                          "chronique: coded 0 documents, 0 events; 1 skipped: 1 no such file"]


@pytest.mark.parametrize(("flags", "says"), [
    (["--published", "16 mai"], "--published"),
    (["--published", "2024-13-45"], "--published"),
    (["--lang", "en"], "--lang en: chronique codes French only"),
    (["--errors", "no/such/dir/errors.jsonl"], "--errors no/such/dir/errors.jsonl"),
    (["--lexicon", "no/such/lexicon"], "--lexicon no/such/lexicon: not a folder"),
    (["--min-confidence", "30"], "--min-confidence 30.0: expected a number from 0 to 1"),
    (["--workers", "0"], "--workers"),
    (["--format", "xml"], "--format"),
])
def test_usage_errors_exit_2(tmp_path, flags, says):
    status, stderr = _code(["code", str(BAD / "bom.txt"), "-o", str(tmp_path / "e.jsonl"),
                            "--quiet", *flags])
    assert status == 2
    assert any(says in line for line in stderr)
    assert not any(line.startswith("chronique: coded") for line in stderr)


def test_no_input_is_a_usage_error():
    status, stderr = _code(["code"])
    assert status == 2 and any("INPUT" in line for line in stderr)


def test_lang_fr_codes_what_detection_would_skip(tmp_path):
    status, stderr = _code(["code", str(BAD / "english.txt"), "--lang", "fr", "--strict",
                            "-o", str(tmp_path / "e.jsonl"), "--quiet"])
    assert status == 0 and stderr[-1].startswith("chronique: coded 1 documents")


def test_stdin_empty_and_binary():
    for data, reason in ((b"", "empty document"), (b"\x89PNG\r\n\x00\x00", "binary content")):
        stream = io.TextIOWrapper(io.BytesIO(data))
        [problem] = list(read_inputs(["-"], stdin=stream))
        assert isinstance(problem, Problem) and problem.source == "<stdin>"
        assert problem.reason.startswith(reason)


# -- made at test time: permissions, links, folders, sizes ------------------------------------

def _lock(path: Path, monkeypatch) -> None:
    """Make ``path`` unreadable: by its mode, or (as root, who reads anything) by failing the
    calls that read it exactly as the OS would."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    target = str(path)
    real_scandir, real_open = os.scandir, os.open

    def scandir(top="."):
        if os.fspath(top) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_scandir(top)

    def os_open(name, flags, *args, **kwargs):
        if os.fspath(name) == target:
            raise PermissionError(13, "Permission denied", target)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", os_open)


def test_unreadable_file_and_folder_are_reported_and_the_rest_coded(tmp_path, monkeypatch):
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden-away.txt").write_text("Le Mali a signé un accord.", "utf-8")
    (root / "a.txt").write_text("Le Niger a fermé sa frontière avec le Bénin.", "utf-8")
    (root / "secret.txt").write_text("Le Tchad a expulsé un diplomate.", "utf-8")
    _lock(root / "locked", monkeypatch)
    _lock(root / "secret.txt", monkeypatch)
    errors = tmp_path / "errors.jsonl"
    try:
        status, stderr = _code(["code", str(root), "--strict", "--errors", str(errors),
                                "-o", str(tmp_path / "e.jsonl"), "--quiet"])
    finally:
        (root / "locked").chmod(0o755)
        (root / "secret.txt").chmod(0o644)
    assert status == 1
    assert f"chronique: skipped {root / 'locked'}: unreadable folder (Permission denied)" \
        in stderr
    assert f"chronique: skipped {root / 'secret.txt'}: unreadable (Permission denied)" in stderr
    assert stderr[-1] == ("chronique: coded 1 documents, 1 events; 2 skipped: 1 unreadable, "
                          "1 unreadable folder")
    assert [e["reason"] for e in _jsonl(errors)] == [
        "unreadable folder (Permission denied)", "unreadable (Permission denied)"]


def test_broken_link_empty_folder_and_undecodable_file_name(tmp_path):
    root = tmp_path / "in"
    (root / "empty").mkdir(parents=True)
    (root / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    odd = os.fsdecode(bytes(root) + b"/caf\xe9.txt")  # a file name that is not UTF-8
    Path(odd).write_text("Le Mali a signé un accord de défense avec le Niger.", "utf-8")
    items = list(read_inputs([str(root), str(root / "empty")]))
    problems = [(p.source, p.reason) for p in items if isinstance(p, Problem)]
    assert problems == [(str(root / "dangling.txt"), "no such file (broken link)"),
                        (str(root / "empty"), "empty folder (no files)")]
    [doc] = [d for d in items if isinstance(d, Document)]
    assert doc.id == "caf\\xe9" and doc.source == str(root) + "/caf\\xe9.txt"
    status, stderr = _code(["code", str(root), "-o", str(tmp_path / "e.jsonl"), "--errors",
                            str(tmp_path / "errors.jsonl"), "--quiet"])
    assert status == 0 and stderr[-1].startswith("chronique: coded 1 documents")
    assert _jsonl(tmp_path / "e.jsonl")


def test_file_too_large_is_skipped_unread(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as stream:  # sparse: no time spent writing it
        stream.truncate(MAX_BYTES + 1)
    [problem] = list(read_inputs([str(big)]))
    assert problem.reason == f"file too large ({MAX_BYTES + 1} bytes > {MAX_BYTES})"


class _FragileCoder:
    """Codes in batches of three, like the real coder's ``nlp.pipe`` batches, and fails on a
    whole batch when one of its documents says BOOM."""

    def __init__(self):
        self.calls = 0

    def code_documents(self, documents):
        self.calls += 1
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) == 3:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    @staticmethod
    def _batch(batch):
        if any("BOOM" in d.text for d in batch):
            raise ValueError("the parser exploded")
        return [(d, []) for d in batch]


def test_a_document_the_coder_fails_on_is_skipped_and_the_run_goes_on(tmp_path):
    from chronique.run import run

    path = tmp_path / "batch.jsonl"
    texts = ["un", "deux", "BOOM", "quatre", "cinq", "six", "sept BOOM", "huit"]
    path.write_text("\n".join(json.dumps({"id": t.split()[0], "text": t}) for t in texts),
                    encoding="utf-8")
    problems, coded = [], []
    summary = run([str(path)], _FragileCoder(), force_lang="fr", on_event=lambda e: None,
                  on_problem=problems.append, on_document=lambda d, e: coded.append(d.id))
    assert coded == ["un", "deux", "quatre", "cinq", "six", "huit"]
    assert [(p.source, p.line, p.doc_id, p.reason) for p in problems] == [
        (str(path), 3, "BOOM", "coder error (ValueError: the parser exploded)"),
        (str(path), 7, "sept", "coder error (ValueError: the parser exploded)")]
    assert summary.documents == 6 and "2 skipped: 2 coder error" in summary.line()


def test_a_broken_coder_is_not_taken_for_bad_documents(tmp_path):
    from chronique.run import run

    class Broken:
        def code_documents(self, documents):
            raise RuntimeError("no model")
            yield  # a generator, as the engines are

    (tmp_path / "a.txt").write_text("Le Mali a signé un accord.", encoding="utf-8")
    with pytest.raises(RuntimeError, match="no model"):
        run([str(tmp_path)], Broken(), on_event=lambda e: None, on_problem=lambda p: None)


def test_html_page_the_extractor_fails_on_is_skipped(tmp_path, monkeypatch):
    import chronique.documents.html as html

    def explode(_text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(html, "extract_page", explode)
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 50 + "</body></html>",
                                        encoding="utf-8")
    [problem] = list(read_inputs([str(tmp_path / "deep.html")]))
    assert problem.reason == "HTML page could not be read (RecursionError)"


def test_jsonl_is_streamed_and_an_overlong_line_skipped(tmp_path, monkeypatch):
    import chronique.documents.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    path = tmp_path / "big.jsonl"
    lines = [{"id": "a", "text": "Le Mali a signé un accord."},
             {"id": "huge", "text": "Le Niger a fermé sa frontière. " * 200},
             {"id": "c", "text": "Le Tchad a expulsé un diplomate."}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [d.id for d in items if isinstance(d, Document)] == ["a", "c"]
    [problem] = [p for p in items if isinstance(p, Problem)]
    assert (problem.line, problem.reason) == (
        2, "document too large (line longer than the file limit)")
    assert [d.line for d in items if isinstance(d, Document)] == [1, 3]


def test_binary_file_named_jsonl_is_one_problem(tmp_path):
    path = tmp_path / "image.jsonl"
    path.write_bytes((BAD / "image.png").read_bytes())
    assert [(p.source, p.reason) for p in read_inputs([str(path)])] == [
        (str(path), "binary content (NUL bytes)")]


# -- documents too long to parse at once ------------------------------------------------------

def test_segments_cover_the_text_at_line_ends():
    from chronique.documents.segments import segment_bounds

    text = "".join(f"Paragraphe {i} : le Mali a signé un accord.\n" for i in range(400))
    bounds = segment_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(0 < end - start <= 1000 for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds)
    line = "x" * 2500 + " " + "y" * 10  # no line end: after a space, else by force
    assert segment_bounds(line, 1000) == [(0, 1000), (1000, 2000), (2000, 2511)]


def test_a_long_document_is_coded_in_segments_with_exact_offsets(coder, monkeypatch):
    import chronique.documents.segments as segmented
    from chronique.documents.model import make_document
    from chronique.run.guarded import guarded

    sentences = ["Le Mali a signé un accord de défense avec le Niger.",
                 "La France a condamné l'attaque contre son ambassade à Bamako.",
                 "Le Tchad a expulsé l'ambassadeur de France.",
                 "Des manifestants ont protesté à Niamey contre la présence militaire."]
    text = "".join(f"{s}\n" if i % 3 else f"{s} " for i, s in enumerate(sentences * 40))
    document = make_document("long", text, published="2024-03-14")
    [(_, whole)] = list(coder.code_documents([document]))

    seen = []

    class Recording:
        def code_documents(self, documents):
            documents = list(documents)
            seen.extend(len(d.text.strip()) for d in documents)
            return coder.code_documents(documents)

    monkeypatch.setattr(segmented, "SEGMENT_CHARS", 1500)
    [(doc, events)] = list(guarded(Recording(), [document], on_problem=pytest.fail))
    assert doc is document and len(seen) == len(segmented.segment_bounds(text)) > 5
    assert max(seen) <= 1500
    assert [e.trigger.to_dict() for e in events] == [e.trigger.to_dict() for e in whole]
    for event in events:
        for span in (event.trigger, event.sentence, *event.actor, *event.recipient):
            assert text[span.start:span.end] == span.text
    indexes = [e.sentence.index for e in events]
    starts = [e.sentence.start for e in events]
    assert indexes == sorted(indexes) and starts == sorted(starts)
    assert len(set(zip(indexes, starts, strict=True))) == len(set(indexes)) == len(set(starts))
    assert len({e.event_id for e in events}) == len(events)
