"""20 concurrent clients for 60 s against `chronique serve`: every answer must succeed.

    .venv/bin/python benchmarks/load.py [--clients 20] [--seconds 60] [--db FILE | --url URL]

Builds a corpus from the test articles (tests/web/articles/*.txt and the seed, coded and
written with the store) unless --db or --url is given, starts `chronique serve --db` on a free
loopback port, then runs --clients threads, each with its own connection, for --seconds. Each
client loops over a mix that a dashboard user and an API client make:

    30%  POST /api/code       an article (the seed or one of the test articles)
    25%  GET  /api/events     a filter (type, country, dyad, dates, words) and a page
    15%  GET  /api/stats      a period and a filter
    10%  GET  /api/documents/ a document of the corpus
    20%  GET  pages and static files (/, /corpus, /docs, /static/*.js, /openapi.json)

An error is any answer other than 200 (or an exception: timeout, reset). Prints requests,
errors, throughput and latency per kind; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from _server import ROOT, SEED, percentile, running_server

ARTICLES = ROOT / "tests" / "web" / "articles"


def build_corpus(path: Path) -> list[str]:
    """Code the test articles into a corpus file with the store; their ids."""
    from chronique.documents.readers import make_document
    from chronique.pipeline import Coder
    from chronique.store import Store

    files = sorted(ARTICLES.glob("*.txt")) + [SEED]
    documents = [make_document(f.stem, f.read_text(encoding="utf-8"),
                               published=f"2024-{i % 12 + 1:02d}-15", lang="fr")
                 for i, f in enumerate(files)]
    coder = Coder()
    with Store(path) as store:
        store.write(coder.code_documents(documents), "benchmark")
        store.recluster()
    return [d.id for d in documents]


def mix(rng: random.Random, texts: list[str], doc_ids: list[str]):
    roll = rng.random()
    if roll < 0.30:
        return "code", "POST", "/api/code", {"text": rng.choice(texts), "published": "2024-05-16"}
    if roll < 0.55:
        params = rng.choice([{}, {"type": "ACCUSE"}, {"country": "FRA"}, {"dyad": "FRA,DEU"},
                             {"from": "2024-03-01", "to": "2024-06-30"}, {"q": "accord"},
                             {"quad_class": 3}, {"type": "SUPPORT,AGREE", "country": "MLI"}])
        return "events", "GET", "/api/events", {**params, "page": rng.randint(1, 2),
                                                "per_page": 25}
    if roll < 0.70:
        params = rng.choice([{}, {"dyad": "FRA,DEU"}, {"country": "CHN"}, {"type": "ASSAULT"}])
        return "stats", "GET", "/api/stats", {**params, "by": rng.choice(["day", "week", "month"])}
    if roll < 0.80:
        return "document", "GET", f"/api/documents/{rng.choice(doc_ids)}", None
    path = rng.choice(["/", "/corpus", "/docs", "/document?id=" + rng.choice(doc_ids),
                       "/static/common.js", "/static/corpus.js", "/static/app.css",
                       "/openapi.json"])
    return "pages", "GET", path, None


def client_loop(base: str, seed: int, until: float, texts: list[str], doc_ids: list[str],
                results: dict, errors: list, lock: threading.Lock) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < until:
            kind, method, path, payload = mix(rng, texts, doc_ids)
            started = time.perf_counter()
            try:
                if method == "POST":
                    response = client.post(path, json=payload)
                else:
                    response = client.get(path, params=payload)
                status = response.status_code
                if status == 200:
                    response.read()
            except httpx.HTTPError as exc:
                status = f"{type(exc).__name__}"
            elapsed = time.perf_counter() - started
            with lock:
                results[kind].append(elapsed)
                if status != 200:
                    errors.append((kind, path, status))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", help="corpus file to serve (default: build one)")
    parser.add_argument("--url", help="a running server with a corpus (default: start one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    texts = [SEED.read_text(encoding="utf-8")] + [
        f.read_text(encoding="utf-8") for f in sorted(ARTICLES.glob("*.txt"))
        if not f.stem.startswith("xss")]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        doc_ids = [f.stem for f in sorted(ARTICLES.glob("*.txt"))] + [SEED.stem]
        if not db and not args.url:
            db = str(Path(tmp) / "corpus.duckdb")
            started = time.monotonic()
            doc_ids = build_corpus(Path(db))
            print(f"corpus: {len(doc_ids)} documents coded in {time.monotonic() - started:.1f} s",
                  file=sys.stderr)
        with running_server(args.url, db) as base:
            summary = httpx.get(base + "/api/health").json()["corpus"] or {}
            results: dict[str, list[float]] = defaultdict(list)
            errors: list = []
            lock = threading.Lock()
            until = time.monotonic() + args.seconds
            started = time.monotonic()
            threads = [threading.Thread(target=client_loop, args=(
                base, i, until, texts, doc_ids, results, errors, lock))
                for i in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.monotonic() - started

    total = sum(len(v) for v in results.values())
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "clients": args.clients, "seconds": round(wall, 1), "requests": total,
        "errors": len(errors), "requests_per_s": round(total / wall, 1),
        "corpus_events": summary.get("events"),
        "kinds": {kind: {"requests": len(v), "median_ms": round(percentile(v, 0.5) * 1000),
                         "p95_ms": round(percentile(v, 0.95) * 1000),
                         "max_ms": round(max(v) * 1000)}
                  for kind, v in sorted(results.items())},
        "first_errors": [list(map(str, e)) for e in errors[:10]],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{args.clients} concurrent clients for {wall:.1f} s against chronique serve "
              f"({figures['corpus_events']} corpus events), {figures['machine']}")
        print(f"  {total} requests, {len(errors)} errors, {figures['requests_per_s']} requests/s")
        for kind, k in figures["kinds"].items():
            print(f"  {kind:9s} {k['requests']:6d} requests  median {k['median_ms']:5d} ms  "
                  f"p95 {k['p95_ms']:5d} ms  max {k['max_ms']:5d} ms")
        for error in figures["first_errors"]:
            print("  error:", *error)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
