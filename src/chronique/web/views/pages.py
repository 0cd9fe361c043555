"""The HTML pages (fixed templates; scripts insert text as text nodes) and the static files
(a fixed list read at start: no view reads a file path from the request)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from chronique.version import __version__
from chronique.web.state import State, state_of
from chronique.web.views import Routes

PAGES = {"analyse": "Analyse", "corpus": "Corpus", "document": "Document", "docs": "API"}
ROUTES = (("/", "analyse"), ("/corpus", "corpus"), ("/document", "document"), ("/docs", "docs"))

routes = Routes(include_in_schema=False)


def page(state: State, name: str) -> HTMLResponse:
    html = state.assets.page(name, {
        "page": name, "title": PAGES[name], "version": __version__,
        "max_text": state.limits.max_text_chars, "corpus": "1" if state.corpus else "0"})
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


def _page_route(name: str):
    async def route(state: Annotated[State, Depends(state_of)]) -> HTMLResponse:
        return page(state, name)  # no parameters: nothing read from the request
    return route


for _path, _name in ROUTES:
    routes.add(_path, _page_route(_name), ["GET"], name=f"{_name}_page")


@routes.get("/static/{name}")
async def static(name: str, request: Request,
                 state: Annotated[State, Depends(state_of)]) -> Response:
    found = state.assets.static.get(name)
    if found is None:
        raise HTTPException(404, "no such file")
    data, media_type, etag = found
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


@routes.get("/favicon.ico")
async def favicon(state: Annotated[State, Depends(state_of)]) -> Response:
    data, media_type, _ = state.assets.static["logo.svg"]
    return Response(data, media_type=media_type)
