"""What the application holds (the coder, the corpus view, limits, assets) and how views call
the coder and the corpus off the event loop, within the limits."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from typing import Any

from fastapi import HTTPException, Request

from chronique.store.view import CorpusError, CorpusTimeout, CorpusView
from chronique.web.limits import Limits

log = logging.getLogger("chronique.web")
_CODER_LOCKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()

STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json"}


class Assets:
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


@dataclass
class State:
    """The application's coder (None until loaded), corpus view (or None) and limits."""

    corpus: CorpusView | None
    coder: Any
    limits: Limits
    assets: Assets = field(default_factory=Assets)
    coder_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="chronique-coder"))
    corpus_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(4, thread_name_prefix="chronique-corpus"))
    waiting: int = 0


def state_of(request: Request) -> State:
    """The application's state (a dependency of every view)."""
    return request.app.state.chronique


def need_corpus(state: State) -> CorpusView:
    if state.corpus is None:
        raise HTTPException(404, "no corpus loaded: start the server with "
                                 "chronique serve --db CORPUS.duckdb")
    return state.corpus


async def corpus_call(state: State, work: Callable[[], Any]) -> Any:
    """``work()`` (a corpus query) in the corpus threads; 504 past the time limit."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(state.corpus_pool, work)
    except CorpusTimeout as exc:
        raise HTTPException(504, f"the corpus query took too long and was stopped ({exc})") \
            from exc
    except CorpusError as exc:
        raise HTTPException(503, f"the corpus cannot be read: {exc}") from exc


async def code_call(state: State, work: Callable[[], Any]) -> Any:
    """``work()`` (coding) on the coder's thread, one text at a time; 503 when the coder is
    loading or too many texts wait."""
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
