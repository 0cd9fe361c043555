"""Latency of POST /api/code with the seed dispatch, after warm-up, as a client sees it.

    .venv/bin/python benchmarks/api_latency.py [--requests 30] [--warmup 5] [--url URL]

Starts `chronique serve` on a free loopback port (or measures the server at --url), sends
--warmup requests, then --requests sequential requests over one keep-alive connection, each
the seed dispatch (examples/000_7c92b074c704cec9.txt, published 2019-05-16), and prints the
wall-clock latency (min, median, p95, max) and the server's own coding time. Exits 1 when
any answer is not 200 or the median is not under --budget seconds (default 1).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time

import httpx
from _server import SEED, percentile, running_server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--budget", type=float, default=1.0, help="seconds (median)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    body = {"text": SEED.read_text(encoding="utf-8"), "published": "2019-05-16"}
    with running_server(args.url) as base, httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(args.warmup):
            client.post("/api/code", json=body).raise_for_status()
        wall, server, events, failures = [], [], None, 0
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.post("/api/code", json=body)
            wall.append(time.perf_counter() - started)
            if response.status_code != 200:
                failures += 1
                continue
            answer = response.json()
            server.append(answer["elapsed_ms"] / 1000)
            events = len(answer["events"])

    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "text_chars": len(body["text"]), "events": events, "requests": args.requests,
        "warmup": args.warmup, "failures": failures,
        "wall_s": {"min": min(wall), "median": statistics.median(wall),
                   "p95": percentile(wall, 0.95), "max": max(wall)},
        "server_s": {"median": statistics.median(server) if server else None,
                     "max": max(server) if server else None},
        "budget_s": args.budget,
    }
    ok = failures == 0 and figures["wall_s"]["median"] < args.budget
    figures["ok"] = ok
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        w, s = figures["wall_s"], figures["server_s"]
        print(f"POST /api/code, seed dispatch ({figures['text_chars']} characters, {events} events)"
              f", {args.requests} requests after {args.warmup} warm-up, {figures['machine']}")
        print(f"  wall clock: min {w['min'] * 1000:.0f} ms, median {w['median'] * 1000:.0f} ms, "
              f"p95 {w['p95'] * 1000:.0f} ms, max {w['max'] * 1000:.0f} ms")
        print(f"  server coding time: median {s['median'] * 1000:.0f} ms, "
              f"max {s['max'] * 1000:.0f} ms")
        print(f"  failures: {failures}; budget: median < {args.budget:g} s: "
              f"{'met' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
