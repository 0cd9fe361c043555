"""The accounting identity as a property, per input path (a file, a folder, JSON Lines, an
HTML page) and for the API: for arbitrary content,

    documents in = documents coded + documents reported      store rows = documents coded

"Documents in" is counted from what the example wrote, not by the reader: one per file (a
folder: one per file that is not hidden), one per non-blank line of a JSON Lines file. The
run is the command line's (``runner.run`` with the store's checks) on a stand-in coder that
codes nothing and fails on some documents, so that thousands of inputs run in seconds; the
real coder codes the API examples. For the API: any text gets an answer with a message,
never a 500.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import FRAGMENTS, JUNK, document_text

from chronique.documents.decode import decode
from chronique.documents.model import Document
from chronique.run import run
from chronique.store import Store

PROPERTY = settings(max_examples=100, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".md", ".text", "", ".html", ".htm", ".csv", ".json", ".pdf", ".dat",
            ".TXT", ".xml"]
NAMES = st.text(st.sampled_from("abcé-_. 0"), min_size=1, max_size=6).filter(
    lambda n: n not in {".", ".."} and "/" not in n)


class StandIn:
    """Codes every document to no event, fails (like the parser) on a document that says
    BOOM, so that the coder-error path is part of the accounting."""

    def code_documents(self, documents):
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) == 4:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    @staticmethod
    def _batch(batch: list[Document]):
        if any("BOOM" in d.text for d in batch):
            raise ValueError("the parser exploded")
        return [(d, []) for d in batch]


def account(inputs: list[str], db: Path, *, force_lang: str | None = None) -> tuple[int, int, int]:
    """(coded, reported, store rows) of a run over ``inputs`` into the store ``db``."""
    reported: list = []
    with Store(db) as store:
        coded: list = []
        summary = run(inputs, StandIn(), force_lang=force_lang, on_event=lambda e: None,
                      on_problem=reported.append,
                      on_document=lambda d, e: coded.append((d, e)),
                      skip=lambda d: store.is_current(d, "v"), refuse=store.conflict,
                      max_chars=5_000)
        store.write(coded, "v")
        rows = store.counts()["documents"]
    assert len(reported) == len(summary.skipped) and summary.unchanged == 0
    return summary.documents, len(reported), rows


def _check(documents_in: int, result: tuple[int, int, int]) -> None:
    coded, reported, rows = result
    assert documents_in == coded + reported, (documents_in, coded, reported)
    assert rows == coded


ARTICLE = st.lists(st.sampled_from(FRAGMENTS + ["BOOM, a dit le Mali."]), min_size=1,
                   max_size=4).map(" ".join)
CONTENT = st.one_of(
    ARTICLE.map(lambda t: t.encode("utf-8")),
    document_text().map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    ARTICLE.map(lambda t: t.encode("utf-8")[:-1]),       # cut in the middle of a character
    st.sampled_from([b"%PDF-1.4\n", b"a,b,c\n1,2,3\n", b"", b"   \n", b"{\n \"a\": 1\n}"]),
    st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@PROPERTY
@given(content=CONTENT, suffix=st.sampled_from(SUFFIXES), french=st.booleans())
def test_one_file_is_one_document_coded_or_reported(content, suffix, french):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(content)
        _check(1, account([str(path)], Path(tmp) / "c.duckdb",
                          force_lang="fr" if french else None))


@PROPERTY
@given(files=st.lists(st.tuples(st.lists(NAMES, max_size=2), NAMES,
                                st.sampled_from([s for s in SUFFIXES if s != ".json"]),
                                CONTENT), max_size=8))
def test_a_folder_is_one_document_per_file_coded_or_reported(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        written: set[Path] = set()
        for folders, name, suffix, content in files:
            path = root.joinpath(*folders, name + suffix)
            if path.name.startswith(".") or any(
                    w == path or w in path.parents or path in w.parents for w in written):
                continue  # hidden files are not inputs; a name is a file or a folder
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.add(path)
        result = account([str(root)], Path(tmp) / "c.duckdb")
        _check(max(len(written), 1), result)  # an empty folder is reported once


LINE = st.one_of(
    st.builds(lambda i, t, p: json.dumps({"id": i, "text": t, "published": p}),
              st.sampled_from(["a", "b", "c", "a/b", "", "1"]),
              ARTICLE | st.text(max_size=40),
              st.sampled_from([None, "2024-02-30", "2024-03-XX", "", 7, "mardi"])),
    st.builds(lambda t: json.dumps({"text": t}), ARTICLE),
    st.sampled_from(['{"id": "x"}', '{"text": 3}', "[1, 2]", '{"text": "', "null", "{}",
                     '{"id": "z", "text": "Le Mali\\u0000 a sign\\u00e9."}',
                     '{"id": "s", "text": "Le Niger \\ud800 a fermé sa frontière."}']),
    JUNK.map(lambda t: t.replace("\n", " ").replace("\r", " ")),
)


@PROPERTY
@given(lines=st.lists(LINE, max_size=12), ending=st.sampled_from(["\n", "\r\n"]))
def test_json_lines_are_one_document_per_line_coded_or_reported(lines, ending):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        data = ending.join(lines).encode("utf-8", "surrogatepass")
        path.write_bytes(data)
        documents_in = sum(1 for line in lines if line.strip())
        if decode(data[:8192])[0] is None:  # binary from the start: one unreadable file
            documents_in = 1
        _check(documents_in, account([str(path)], Path(tmp) / "c.duckdb"))


@PROPERTY
@given(body=st.one_of(ARTICLE, JUNK, st.text(max_size=200)),
       head=st.sampled_from(["", "<title>Mali</title>", "<meta name='date' content='2024-02-30'>"]),
       wrap=st.sampled_from(["<html><head>{h}</head><body><article><p>{b}</p></article></body>"
                             "</html>", "<div>{b}</div>", "{b}", "<html><body><nav>{b}</nav>"]))
def test_an_html_page_is_one_document_coded_or_reported(body, head, wrap):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(wrap.format(h=head, b=body), encoding="utf-8", errors="surrogatepass")
        _check(1, account([str(path)], Path(tmp) / "c.duckdb"))


@pytest.fixture(scope="module")
def api(coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    with TestClient(create_app(None, coder)) as client:
        yield client


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.one_of(document_text(), st.text(max_size=300)),
       published=st.sampled_from([None, "2024-03-14", "2024-02-30", "XXXX-05-16", ""]),
       lang=st.sampled_from([None, "fr"]))
def test_the_api_answers_every_text_with_events_or_a_message(api, text, published, lang):
    body = {"text": text}
    if published is not None:
        body["published"] = published
    if lang:
        body["lang"] = lang
    raw = json.dumps(body).encode("ascii")  # lone surrogates travel as \\udXXX escapes
    answer = api.post("/api/code", content=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code in (200, 413, 422), answer.text
    result = answer.json()
    if answer.status_code == 200:
        assert isinstance(result["events"], list) and len(result["text"]) == len(text)
    else:
        assert result["error"]
