"""What the server gives away and to whom: loopback by default (a warning elsewhere), Host
names, security headers, a fixed list of static files, and `chronique serve` itself."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx

from chronique.web.limits import LOOPBACK_NAMES, bind_warning, is_loopback


def test_loopback_or_a_warning():
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback(host) and bind_warning(host) is None
    for host in ("0.0.0.0", "::", "192.168.1.20", "chronique.example"):
        assert not is_loopback(host)
        warning = bind_warning(host)
        assert warning.startswith(f"serving on {host}: every machine")
        assert "--host 127.0.0.1" in warning


def test_cli_default_host_is_loopback():
    from chronique.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000 and args.db is None


def test_other_host_names_are_refused_on_loopback(corpus, coder):
    from fastapi.testclient import TestClient

    from chronique.web.app import create_app

    app = create_app(corpus, coder, allowed_hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/health").status_code == 200
        assert local.get("/", headers={"host": "localhost:8000"}).status_code == 200
        evil = local.get("/api/events", headers={"host": "attacker.example"})
        assert evil.status_code == 400 and evil.json() == {"error": "unexpected Host header"}


def test_security_headers_everywhere(client):
    for response in (client.get("/"), client.get("/corpus"), client.get("/api/health"),
                     client.get("/static/common.js"), client.get("/api/nothing"),
                     client.post("/api/code", content=b"{", headers={
                         "content-type": "application/json"})):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_pages_load_only_our_own_files(client):
    import re

    for path in ("/", "/corpus", "/document", "/docs"):
        html = client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
        for source in sources:
            assert client.get(source).status_code == 200, source
        assert "<script>" not in html   # no inline script: the CSP would refuse it anyway


def test_static_files_are_a_fixed_list(client):
    response = client.get("/static/app.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    etag = response.headers["etag"]
    assert client.get("/static/app.css", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/static/corpus.js").headers["content-type"].startswith("text/javascript")
    for path in ("/static/missing.js", "/static/..%2Fapp.py", "/static/%2e%2e%2f__init__.py",
                 "/static/", "/static/..%2F..%2F..%2Fpyproject.toml"):
        assert client.get(path).status_code == 404, path


def test_no_route_takes_a_file_path(app):
    """Path parameters are a document id (looked up in the corpus) and a static file name
    (looked up in the list read at start); nothing else comes from the request path."""
    from starlette.routing import Route

    params = {name for route in app.routes if isinstance(route, Route)
              for name in route.param_convertors}
    assert params == {"doc_id", "name"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_refuses_a_missing_corpus_and_warns_off_loopback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "chronique", "serve", "--host", "0.0.0.0", "--port", "0",
         "--db", str(tmp_path / "missing.duckdb")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "warning: serving on 0.0.0.0: every machine" in result.stderr
    assert "missing.duckdb: no such corpus file" in result.stderr


def test_chronique_serve(corpus_path):
    """The real command: loads the coder, serves the corpus on loopback, answers the API."""
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "chronique", "serve", "--db", str(corpus_path), "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                health = httpx.get(base + "/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "chronique serve did not start"
                time.sleep(0.5)
        assert health.json()["corpus"]["documents"] == 7
        coded = httpx.post(base + "/api/code", json={
            "text": "Le Mali et le Niger ont signé mardi à Niamey un accord de défense.",
            "published": "2024-03-14"}, timeout=30).json()
        assert {m["kind"] for m in coded["mentions"]} >= {"actor", "date"}
        assert httpx.get(base + "/", headers={"host": "evil.example"}).status_code == 400
        # a body over the limit, streamed without Content-Length, is cut at the limit
        chunks = (b"x" * 65536 for _ in range(32))
        big = httpx.post(base + "/api/code", content=chunks, timeout=30,
                         headers={"content-type": "application/json"})
        assert big.status_code == 413
    finally:
        process.terminate()
        try:
            _, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
    assert f"serving on http://127.0.0.1:{port}/" in err
    assert "warning" not in err
