"""The web dashboard and REST API: ``create_app(corpus, coder)`` and ``serve(host, port, db)``.

REST (JSON; OpenAPI at ``/openapi.json``, readable at ``/docs``):

- ``POST /api/code``: ``{"text", "published"?, "lang"?, "doc_id"?}`` -> event records and the
  annotated mentions (``?format=csv`` gives the records as CSV);
- ``GET /api/events``: the corpus events, filtered (type, country, dyad, date range, quad
  class, text search) and paginated (``?format=csv|jsonl`` downloads every match);
- ``GET /api/stats``: counts per period, type and quad class, mean Goldstein, network;
- ``GET /api/documents/{id}``: a corpus document, its events and mentions;
- ``GET /api/health``: version, limits and what the corpus holds.

Pages: ``/`` (Analyse), ``/corpus``, ``/document?id=...``, ``/docs``. Every script and style is
served by the application itself from the package (``/static/NAME``, a fixed list read at
start: no endpoint reads a file path from the request). Article text is never put into
HTML by the server: pages are fixed templates and the scripts insert text as text nodes.

The views are in ``web/views/`` (pages, service, coding, corpus); the corpus queries are the
store's (``chronique.store.view.CorpusView``).
"""

from __future__ import annotations

import asyncio
import errno
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from chronique.store.view import CorpusError, CorpusView
from chronique.version import __version__
from chronique.web.errors import add_error_handlers
from chronique.web.limits import (
    LOOPBACK_NAMES,
    BodyLimit,
    HostCheck,
    Limits,
    SecurityHeaders,
    TimeLimit,
    bind_warning,
    is_loopback,
)
from chronique.web.state import State
from chronique.web.views import coding, pages, service
from chronique.web.views import corpus as corpus_views

DESCRIPTION = """French news -> PLOVER event records (CAMEO code, quad class, Goldstein score),
every field tied to the words it came from.

Limits: request bodies up to 1 MiB (413 above), texts up to 100,000 characters (413 above),
30 s per request (504 above); malformed JSON and invalid parameters get 422 with a message
in `error`. Every error answer is `{"error": "..."}`."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the coder when none was given (off the event loop); stop the threads at the end."""
    state: State = app.state.chronique
    if state.coder is None:
        from chronique.pipeline import Coder

        loop = asyncio.get_running_loop()
        state.coder = await loop.run_in_executor(state.coder_pool, Coder)
    yield
    state.coder_pool.shutdown(wait=False, cancel_futures=True)
    state.corpus_pool.shutdown(wait=False, cancel_futures=True)


def create_app(corpus: CorpusView | None = None, coder: Any = None, *,
               limits: Limits | None = None,
               allowed_hosts: tuple[str, ...] | None = None) -> FastAPI:
    """The FastAPI application.

    ``corpus``: the corpus to browse (``chronique.store.view.CorpusView``) or None; ``coder``:
    a ``chronique.pipeline.Coder`` (loaded once; None loads one when the application starts);
    ``limits``: sizes and times (``Limits()``); ``allowed_hosts``: Host header names accepted
    (None accepts any; ``serve`` passes the loopback names when bound to loopback)."""
    limits = limits or Limits()
    app = FastAPI(title="chronique", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    app.state.chronique = State(corpus, coder, limits)
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)
    app.add_middleware(TimeLimit, seconds=limits.time_limit)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders, csp=limits.content_security_policy)
    add_error_handlers(app)
    for views in (pages, service, coding, corpus_views):
        views.routes.add_to(app)
    return app


# -- command line --------------------------------------------------------------------
def bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` for the server, before anything slow is loaded: a busy
    port or an address this machine does not have is an error at once (``ChroniqueError``)."""
    from chronique.errors import ChroniqueError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ChroniqueError(f"--host {host}: not an address of this machine ({exc})") from exc
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        busy = exc.errno in (errno.EADDRINUSE, errno.EACCES)
        hint = ("another server is listening there: stop it or choose another --port"
                if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc))
        raise ChroniqueError(f"cannot serve on {host}:{port}: "
                             f"{hint if busy else exc.strerror or exc}") from exc
    return sock


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | None = None) -> int:
    """``chronique serve``: check the port, load the coder (and the corpus file ``db``), then
    serve until interrupted."""
    import uvicorn

    from chronique.errors import ChroniqueError
    from chronique.pipeline import Coder

    warning = bind_warning(host)
    if warning:
        print(f"chronique: warning: {warning}", file=sys.stderr)
    sock = bind(host, port)  # before the 15 s of loading the model
    try:
        try:
            corpus = CorpusView(db, time_limit=max(1.0, Limits().time_limit - 1.0)) \
                if db else None
        except CorpusError as exc:
            raise ChroniqueError(str(exc)) from exc
        print("chronique: loading the coder ...", file=sys.stderr)
        coder = Coder()
        coder.code_text("La France et l'Allemagne ont signé mardi un accord.",
                        published="2024-01-02")
        app = create_app(corpus, coder,
                         allowed_hosts=LOOPBACK_NAMES if is_loopback(host) else None)
        shown = f"[{host}]" if ":" in host else host
        print(f"chronique: serving on http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                                timeout_keep_alive=5)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0
