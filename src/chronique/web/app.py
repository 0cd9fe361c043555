"""The web dashboard and REST API: ``create_app(store, coder)`` and ``serve(args)``.

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
"""

from __future__ import annotations

import asyncio
import csv
import errno
import hashlib
import io
import json
import logging
import re
import socket
import sys
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from html import escape
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from chronique.dates import date_problem, day_problem
from chronique.documents.decode import clean_surrogates
from chronique.version import __version__
from chronique.web.annotate import annotate, mentions_of_records
from chronique.web.corpus import Corpus, CorpusError, CorpusTimeout, Filters
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

log = logging.getLogger("chronique.web")
_CODER_LOCKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PUBLISHED_PATTERN = r"^(\d{4}|X{4})-(\d{2}|XX)(-(\d{2}|XX))?$"
CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{1,15}$"
CODE_RE = re.compile(CODE_PATTERN)
#: a code or a country name ("Côte d'Ivoire", "Bosnie-Herzégovine"): no commas, no controls
NAME_PATTERN = r"^[^,\x00-\x1f]{2,60}$"
DYAD_PATTERN = r"^[^,\x00-\x1f]{2,60},[^,\x00-\x1f]{2,60}$"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json"}
PAGES = {"analyse": "Analyse", "corpus": "Corpus", "document": "Document", "docs": "API"}
CSV_FORMULA = ("=", "+", "@", "\t", "\r")

DESCRIPTION = """French news -> PLOVER event records (CAMEO code, quad class, Goldstein score),
every field tied to the words it came from.

Limits: request bodies up to 1 MiB (413 above), texts up to 100,000 characters (413 above),
30 s per request (504 above); malformed JSON and invalid parameters get 422 with a message
in `error`. Every error answer is `{"error": "..."}`."""


# -- request and response models (OpenAPI) ------------------------------------------------
class CodeRequest(BaseModel):
    """A text to code."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "text": "Le Mali et le Niger ont signé mardi un accord de défense.",
        "published": "2024-03-14"}]})

    text: str = Field(description="the article, plain text (French)")
    published: str | None = Field(None, pattern=PUBLISHED_PATTERN,
                                  description="publication date YYYY-MM-DD (X for unknown "
                                              "parts); anchors relative dates")
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$",
                             description="'fr' codes the text whatever language it seems to "
                                         "be in; absent: texts detected as another language "
                                         "are refused (422)")
    doc_id: str | None = Field(None, max_length=200, description="id put in the records")

    @field_validator("published")
    @classmethod
    def _calendar_date(cls, value: str | None) -> str | None:
        why = date_problem(value) if value is not None else None
        if why:
            raise ValueError(why)
        return value


class MentionOut(BaseModel):
    """A highlighted span: an actor, an event trigger, a date or a place."""

    model_config = ConfigDict(extra="allow")
    kind: Literal["actor", "trigger", "date", "place"]
    start: int = Field(description="offset in the text, in Unicode code points")
    end: int
    text: str
    events: list[dict[str, Any]] = Field(description="[{index, role}]: the events (indexes "
                                                     "into `events`) and the mention's role")


class CodeResponse(BaseModel):
    doc_id: str
    text: str
    published: str | None
    published_source: str | None
    lang: str | None
    events: list[dict[str, Any]] = Field(description="event records (docs/event-record.md)")
    mentions: list[MentionOut]
    notes: list[str] = Field(default_factory=list,
                             description="what was repaired in the text (lone surrogates)")
    elapsed_ms: float


class EventsPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    events: list[dict[str, Any]]


class ErrorOut(BaseModel):
    error: str


ERRORS = {413: {"model": ErrorOut, "description": "request body or text too long"},
          422: {"model": ErrorOut, "description": "malformed JSON or invalid parameters"},
          504: {"model": ErrorOut, "description": "past the time limit"}}
CORPUS_ERRORS = {404: {"model": ErrorOut, "description": "no corpus loaded / no such document"},
                 422: ERRORS[422], 504: ERRORS[504]}


# -- state ------------------------------------------------------------------------------
@dataclass
class _State:
    corpus: Corpus | None
    coder: Any
    limits: Limits
    coder_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="chronique-coder"))
    corpus_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(4, thread_name_prefix="chronique-corpus"))
    waiting: int = 0


class _Assets:
    """Templates and static files, read from the package once (a fixed list of names)."""

    def __init__(self) -> None:
        root = resources.files("chronique.web")
        self.static: dict[str, tuple[bytes, str, str]] = {}
        for item in root.joinpath("static").iterdir():
            suffix = "." + item.name.rsplit(".", 1)[-1]
            if item.is_file() and suffix in STATIC_TYPES:
                data = item.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
                self.static[item.name] = (data, STATIC_TYPES[suffix], etag)
        self.templates = {item.name: item.read_text(encoding="utf-8")
                          for item in root.joinpath("templates").iterdir()
                          if item.is_file() and item.name.endswith(".html")}

    def page(self, name: str, values: dict[str, Any]) -> str:
        html = self.templates["base.html"].replace("{{ body }}", self.templates[f"{name}.html"])
        return re.sub(r"\{\{ (\w+) \}\}",
                      lambda m: escape(str(values.get(m.group(1), "")), quote=True), html)


# -- the application -------------------------------------------------------------------------
def create_app(store: Corpus | None = None, coder: Any = None, *,
               limits: Limits | None = None,
               allowed_hosts: tuple[str, ...] | None = None) -> FastAPI:
    """The FastAPI application.

    ``store``: the corpus to browse (``chronique.web.corpus.Corpus``) or None; ``coder``: a
    ``chronique.pipeline.Coder`` (loaded once; None loads one when the application starts);
    ``limits``: sizes and times (``Limits()``); ``allowed_hosts``: Host header names accepted
    (None accepts any; ``serve`` passes the loopback names when bound to loopback)."""
    limits = limits or Limits()
    state = _State(store, coder, limits)
    assets = _Assets()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if state.coder is None:
            from chronique.pipeline import Coder

            loop = asyncio.get_running_loop()
            state.coder = await loop.run_in_executor(state.coder_pool, Coder)
        yield
        state.coder_pool.shutdown(wait=False, cancel_futures=True)
        state.corpus_pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="chronique", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    app.state.chronique = state
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)
    app.add_middleware(TimeLimit, seconds=limits.time_limit)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders, csp=limits.content_security_policy)

    _error_handlers(app)

    # -- pages ------------------------------------------------------------------------
    def page(name: str) -> HTMLResponse:
        html = assets.page(name, {
            "page": name, "title": PAGES[name], "version": __version__,
            "max_text": limits.max_text_chars, "corpus": "1" if state.corpus else "0"})
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    def page_route(name: str):
        async def route() -> HTMLResponse:  # no parameters: nothing read from the request
            return page(name)
        return route

    for path, name in (("/", "analyse"), ("/corpus", "corpus"), ("/document", "document"),
                       ("/docs", "docs")):
        app.add_api_route(path, page_route(name), methods=["GET"], include_in_schema=False,
                          name=f"{name}_page")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str, request: Request) -> Response:
        found = assets.static.get(name)
        if found is None:
            raise HTTPException(404, "no such file")
        data, media_type, etag = found
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(data, media_type=media_type, headers=headers)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        data, media_type, _ = assets.static["logo.svg"]
        return Response(data, media_type=media_type)

    # -- API ------------------------------------------------------------------------------
    @app.get("/api/health", tags=["service"], summary="Version, limits and corpus summary")
    async def health() -> dict[str, Any]:
        corpus = None
        if state.corpus is not None:
            corpus = await _corpus_call(state, state.corpus.info)
        return {"status": "ok", "version": __version__, "coder_loaded": state.coder is not None,
                "limits": limits.to_dict(), "corpus": corpus}

    @app.post("/api/code", tags=["coding"], summary="Code a French text",
              response_model=CodeResponse, responses={**ERRORS, 503: {"model": ErrorOut}},
              description="The event records of the text and its annotated mentions (actors "
                          "with their resolution, triggers with the rule that fired, dates, "
                          "places). `?format=csv` answers the records as CSV.")
    async def code(body: CodeRequest,
                   format: Annotated[Literal["json", "csv"], Query(
                       description="json: records and mentions; csv: the records as CSV")
                   ] = "json") -> Response:
        text, replaced = clean_surrogates(body.text)  # "\ud800" in JSON: not encodable
        notes = ["invalid Unicode: lone surrogates replaced by U+FFFD"] if replaced else []
        if len(text) > limits.max_text_chars:
            raise HTTPException(413, f"text too long: {len(text)} characters; the limit is "
                                     f"{limits.max_text_chars}")
        if not text.strip():
            raise HTTPException(422, "text is empty")
        if "\x00" in text:
            raise HTTPException(422, "text contains NUL characters (binary content?)")
        if body.lang is not None and body.lang != "fr":
            raise HTTPException(422, f"chronique codes French text; lang {body.lang!r} is not "
                                     "supported")
        if body.lang is None:
            from chronique.runner import detect_language

            detected = detect_language(text)
            if detected and detected != "fr":
                raise HTTPException(422, f"the text does not look French (detected language: "
                                         f"{detected}); send \"lang\": \"fr\" to code it anyway")
        started = time.perf_counter()
        result = await _code_call(state, partial(
            annotate, state.coder, text, published=body.published, lang="fr",
            doc_id=clean_surrogates(body.doc_id or "text")[0]))
        if format == "csv":
            return _csv_response(result.events, "chronique-events.csv")
        document = result.document
        return JSONResponse({
            "doc_id": document.id, "text": document.text, "published": document.published,
            "published_source": document.published_source, "lang": document.lang,
            "events": result.events, "mentions": result.mentions, "notes": notes,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)})

    @app.get("/api/events", tags=["corpus"], summary="Corpus events, filtered and paginated",
             response_model=EventsPage, responses=CORPUS_ERRORS,
             description="Newest first. `format=csv` or `format=jsonl` downloads every event "
                         "that passes the filters (up to the download limit) instead of a page.")
    async def events(filters: Annotated[Filters, Depends(_filters)],
                     page: Annotated[int, Query(ge=1, le=1_000_000,
                                                description="page number, from 1")] = 1,
                     per_page: Annotated[int, Query(ge=1, le=200,
                                                    description="events per page")] = 50,
                     format: Annotated[Literal["json", "csv", "jsonl"], Query(
                         description="json: one page; csv or jsonl: every match, as a file")
                     ] = "json") -> Response:
        corpus = _need_corpus(state)
        if format != "json":
            records = await _corpus_call(state, partial(
                corpus.all_events, filters, limit=limits.max_download_events))
            if format == "csv":
                return _csv_response(records, "chronique-corpus-events.csv")
            body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            return Response(body, media_type="application/x-ndjson; charset=utf-8", headers={
                "Content-Disposition": 'attachment; filename="chronique-corpus-events.jsonl"'})
        return JSONResponse(await _corpus_call(state, partial(
            corpus.events, filters, page=page, per_page=per_page)))

    @app.get("/api/stats", tags=["corpus"], summary="Counts per period, type, quad class; network",
             responses=CORPUS_ERRORS,
             description="The `chronique stats` series for the filtered events: per period "
                         "(day, week, month, year) the events, cooperation (quad classes 1-2) "
                         "and conflict (3-4), each quad class and the mean Goldstein score; "
                         "per type; per quad class; and the network of participants (edge = "
                         "pair of countries or organisations, with events and mean Goldstein). "
                         "`count=clusters` (default) counts each reported happening once. "
                         "Negated events are left out unless `negated=true`.")
    async def stats(filters: Annotated[Filters, Depends(_filters)],
                    by: Annotated[Literal["day", "week", "month", "year"], Query(
                        description="the period of the series")] = "month",
                    count: Annotated[Literal["clusters", "mentions", "one-a-day"], Query(
                        description="clusters: each reported happening once; mentions: "
                                    "every event record; one-a-day: one per day, type and "
                                    "participants")] = "clusters",
                    negated: Annotated[bool, Query(
                        description="count events the text says did not happen too")] = False
                    ) -> dict[str, Any]:
        corpus = _need_corpus(state)
        filters = replace(filters, include_negated=negated)
        result = await _corpus_call(state, partial(corpus.stats, filters, by=by, count=count))
        result["summary"] = await _corpus_call(state, corpus.info)
        return result

    @app.get("/api/documents/{doc_id:path}", tags=["corpus"],
             summary="A corpus document: text, events and mentions", responses=CORPUS_ERRORS)
    async def document(doc_id: str) -> dict[str, Any]:
        corpus = _need_corpus(state)
        found = await _corpus_call(state, partial(corpus.document, doc_id))
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r} in the corpus")
        found["mentions"] = mentions_of_records(found["text"], found["events"])
        return found

    return app


# -- helpers ---------------------------------------------------------------------------
def _filters(
    type: Annotated[list[str] | None, Query(
        description="PLOVER event type(s); repeat or separate with commas")] = None,
    country: Annotated[str | None, Query(
        pattern=NAME_PATTERN,
        description="ISO 3166 alpha-3 code or organisation id (or a country name, French or "
                    "English), on either side")] = None,
    dyad: Annotated[str | None, Query(
        pattern=DYAD_PATTERN, description="two codes (or country names) A,B: events between "
                                          "A and B, either direction (a meeting of both "
                                          "counts too)")] = None,
    date_from: Annotated[str | None, Query(
        alias="from", pattern=DATE_PATTERN,
        description="first day YYYY-MM-DD (events with a full date)")] = None,
    date_to: Annotated[str | None, Query(
        alias="to", pattern=DATE_PATTERN, description="last day YYYY-MM-DD")] = None,
    q: Annotated[str | None, Query(
        max_length=200, description="words in the sentence, trigger or participants "
                                    "(case and accents ignored)")] = None,
    quad_class: Annotated[int | None, Query(
        ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, 3 verbal "
                                "conflict, 4 material conflict")] = None,
    doc_id: Annotated[str | None, Query(
        max_length=500, description="one document's events")] = None,
) -> Filters:
    types: list[str] = []
    for value in type or ():
        types.extend(t.strip().upper() for t in value.split(",") if t.strip())
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        raise HTTPException(422, f"unknown event type {unknown[0]!r}; one of "
                                 f"{', '.join(PLOVER_TYPES)}")
    pair = tuple(_code(c, "dyad") for c in dyad.split(",")) if dyad else None
    country = _code(country, "country") if country else None
    for name, value in (("from", date_from), ("to", date_to)):
        if value and day_problem(value):
            raise HTTPException(422, f"{name}: {day_problem(value)}")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"from ({date_from}) is after to ({date_to})")
    return Filters(types=tuple(dict.fromkeys(types)), country=country,
                   dyad=pair, date_from=date_from, date_to=date_to,
                   q=q.strip() if q and q.strip() else None, quad=quad_class, doc_id=doc_id)


def _code(value: str, name: str) -> str:
    """A country or organisation code from a code or a country name; a value written in
    capitals that chronique does not know is taken as a code (a user lexicon's organisation),
    anything else unknown is a 422 saying what is expected."""
    from chronique.codes import CodeError, resolve_code

    def written_as_code(code: str) -> bool:
        return value.strip() == code and CODE_RE.fullmatch(code) is not None

    try:
        return resolve_code(value, present=written_as_code)
    except CodeError as exc:
        raise HTTPException(422, f"{name}: {exc}") from exc


def _need_corpus(state: _State) -> Corpus:
    if state.corpus is None:
        raise HTTPException(404, "no corpus loaded: start the server with "
                                 "chronique serve --db CORPUS.duckdb")
    return state.corpus


async def _corpus_call(state: _State, work) -> Any:
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(state.corpus_pool, work)
    except CorpusTimeout as exc:
        raise HTTPException(504, f"the corpus query took too long and was stopped ({exc})") \
            from exc
    except CorpusError as exc:
        raise HTTPException(503, f"the corpus cannot be read: {exc}") from exc


async def _code_call(state: _State, work) -> Any:
    if state.coder is None:
        raise HTTPException(503, "the coder is still loading; try again in a few seconds")
    if state.waiting >= state.limits.max_queue:
        raise HTTPException(503, f"the coder is busy ({state.waiting} texts waiting); "
                                 "try again shortly", headers={"Retry-After": "2"})
    loop = asyncio.get_running_loop()
    lock = _lock_for(state.coder)

    def locked():
        with lock:  # one coder, one text at a time, whichever application asks
            return work()

    state.waiting += 1
    try:
        return await loop.run_in_executor(state.coder_pool, locked)
    except HTTPException:
        raise
    except Exception as exc:  # the pipeline should not raise; say so rather than hang up
        log.exception("coding failed")
        raise HTTPException(500, f"the coder failed on this text ({type(exc).__name__})") from exc
    finally:
        state.waiting -= 1


def _lock_for(coder: Any) -> threading.Lock:
    with _LOCKS_LOCK:
        lock = _CODER_LOCKS.get(coder)
        if lock is None:
            lock = _CODER_LOCKS[coder] = threading.Lock()
        return lock


def _csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value and (value.startswith(CSV_FORMULA) or (
            value[0] == "-" and not re.fullmatch(r"-\d+(\.\d+)?", value))):
        return "'" + value
    return value


def _csv_response(records: list[dict[str, Any]], filename: str) -> Response:
    from chronique.writers import CSV_COLUMNS, flat_row

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _csv_cell(v) for k, v in flat_row(record).items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        messages, detail = [], []
        for error in exc.errors():
            loc = [str(p) for p in error.get("loc", ()) if p != "body"]
            if error.get("type") == "json_invalid":
                reason = (error.get("ctx") or {}).get("error", "invalid JSON")
                where = f" at character {loc[-1]}" if loc and loc[-1].isdigit() else ""
                message = f"malformed JSON{where}: {reason}"
            elif error.get("type") == "missing" and not loc:
                message = "missing JSON body"
            elif error.get("type") == "string_unicode":
                message = (f"{'.'.join(loc) or 'body'}: invalid Unicode (a lone surrogate "
                           "such as \\ud800, which no text can hold)")
            else:
                message = f"{'.'.join(loc) or 'body'}: {error.get('msg')}"
            messages.append(message)
            detail.append({"loc": loc, "type": error.get("type"), "msg": error.get("msg")})
        return JSONResponse({"error": "; ".join(messages), "detail": detail}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "not found"
        return JSONResponse({"error": message}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error")
        return JSONResponse({"error": "internal error"}, status_code=500)


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


def serve(args) -> int:
    """``chronique serve``: check the port, load the coder (and the corpus), then serve until
    interrupted."""
    import uvicorn

    from chronique.errors import ChroniqueError
    from chronique.pipeline import Coder

    host, port = args.host, args.port
    warning = bind_warning(host)
    if warning:
        print(f"chronique: warning: {warning}", file=sys.stderr)
    sock = bind(host, port)  # before the 15 s of loading the model
    corpus = None
    try:
        if getattr(args, "db", None):
            try:
                corpus = Corpus(args.db, time_limit=max(1.0, Limits().time_limit - 1.0))
            except CorpusError as exc:
                raise ChroniqueError(str(exc)) from exc
        print("chronique: loading the coder ...", file=sys.stderr)
        coder = Coder()
        coder.code_text("La France et l'Allemagne ont signé mardi un accord.",
                        published="2024-01-02")
        allowed = LOOPBACK_NAMES if is_loopback(host) else None
        app = create_app(corpus, coder, allowed_hosts=allowed)
        shown = f"[{host}]" if ":" in host else host
        print(f"chronique: serving on http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                                timeout_keep_alive=5)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return 0
