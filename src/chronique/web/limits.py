"""What the server accepts and how long it works on a request; the headers of every answer.

Three ASGI middlewares, outermost first:

- ``SecurityHeaders``: a Content-Security-Policy that allows only the server's own scripts,
  styles and connections (no inline script), ``nosniff``, no referrer, no framing;
- ``TimeLimit``: a request that runs past ``time_limit`` seconds is answered 504 with a
  message (coding and corpus queries run in worker threads; a corpus query is interrupted,
  a coding job that already started finishes in the background and its result is dropped);
- ``BodyLimit``: a request body over ``max_body_bytes`` is answered 413 with a message, from
  its ``Content-Length`` or while it streams, before the application reads it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

MiB = 1024 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


@dataclass(frozen=True)
class Limits:
    """The server's limits (documented in docs/api.md)."""

    max_body_bytes: int = MiB             # request body (413 above)
    max_text_chars: int = 100_000         # text of POST /api/code (413 above)
    time_limit: float = 30.0              # seconds per request (504 above)
    max_queue: int = 32                   # coding jobs waiting (503 above)
    max_download_events: int = 100_000    # rows of one CSV/JSON Lines download
    content_security_policy: str | None = CSP

    def to_dict(self) -> dict[str, Any]:
        return {"max_body_bytes": self.max_body_bytes, "max_text_chars": self.max_text_chars,
                "time_limit_seconds": self.time_limit, "max_queue": self.max_queue,
                "max_download_events": self.max_download_events}


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def bind_warning(host: str) -> str | None:
    """The warning to show when the server is bound to an address other machines can reach."""
    if is_loopback(host):
        return None
    return (f"serving on {host}: every machine that can reach this address can use the "
            "dashboard and the API (there is no authentication); use --host 127.0.0.1 to keep "
            "it on this machine")


async def send_json(send: Callable[[dict], Awaitable[None]], status: int, message: str, headers: list | None = None) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 for request bodies over ``max_bytes``; the body is read (bounded) before the app."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return (f"request body too large: the limit is {self.max_bytes} bytes "
                f"({self.max_bytes / MiB:g} MiB)")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await send_json(send, 400, "invalid Content-Length header")
                return
            if int(declared) > self.max_bytes:
                await send_json(send, 413, self._message(), [(b"connection", b"close")])
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            if message["type"] != "http.request":
                continue
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await send_json(send, 413, self._message(), [(b"connection", b"close")])
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class TimeLimit:
    """504 with a message when a request runs past ``seconds``."""

    def __init__(self, app, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            async with asyncio.timeout(self.seconds):
                await self.app(scope, receive, tracking)
        except TimeoutError:
            if not started:
                await send_json(send, 504, f"the request took longer than the server's time "
                                           f"limit ({self.seconds:g} s) and was stopped")


class SecurityHeaders:
    """Headers on every answer: CSP, nosniff, no referrer, no framing."""

    def __init__(self, app, csp: str | None) -> None:
        self.app = app
        self.headers = [(b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"x-frame-options", b"DENY"),
                        (b"cross-origin-opener-policy", b"same-origin")]
        if csp:
            self.headers.append((b"content-security-policy", csp.encode("ascii")))

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(message)
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in self.headers if k not in present]]
            await send(message)

        await self.app(scope, receive, with_headers)


class HostCheck:
    """400 for requests whose Host header is not one of ``allowed`` (DNS rebinding: a page
    on another site cannot reach a server bound to loopback through a name it controls)."""

    def __init__(self, app, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name not in self.allowed:
            await send_json(send, 400, "unexpected Host header")
            return
        await self.app(scope, receive, send)
