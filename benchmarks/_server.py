"""Shared by api_latency.py and load.py: start `chronique serve` on a free loopback port and
wait until it answers, or use a server given by --url."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "000_7c92b074c704cec9.txt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(url: str | None = None, db: str | None = None, timeout: float = 300):
    """The base URL of a server: ``url`` as given, else a `chronique serve` started here
    (and stopped at the end)."""
    if url:
        yield url.rstrip("/")
        return
    port = free_port()
    command = [sys.executable, "-m", "chronique", "serve", "--port", str(port)]
    if db:
        command += ["--db", db]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                httpx.get(base + "/api/health", timeout=2).raise_for_status()
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    raise SystemExit(f"chronique serve stopped:\n{process.stderr.read()}") from None
                if time.monotonic() - started > timeout:
                    raise SystemExit("chronique serve did not start") from None
                time.sleep(0.5)
        print(f"server: chronique serve on {base} (ready in {time.monotonic() - started:.1f} s)",
              file=sys.stderr)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)
