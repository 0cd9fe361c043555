"""``POST /api/code``: a French text -> its event records and annotated mentions."""

from __future__ import annotations

import time
from functools import partial
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from chronique.documents.decode import clean_surrogates
from chronique.web.annotate import annotate
from chronique.web.downloads import csv_response
from chronique.web.models import ERRORS, CodeRequest, CodeResponse, ErrorOut
from chronique.web.state import State, code_call, state_of
from chronique.web.views import Routes

routes = Routes(tags=["coding"])


def checked_text(body: CodeRequest, max_chars: int) -> tuple[str, list[str]]:
    """The text to code (lone surrogates replaced, with a note), or the error answer: too
    long (413), empty, binary, or not French unless ``lang`` says so (422)."""
    text, replaced = clean_surrogates(body.text)  # "\ud800" in JSON: not encodable
    notes = ["invalid Unicode: lone surrogates replaced by U+FFFD"] if replaced else []
    if len(text) > max_chars:
        raise HTTPException(413, f"text too long: {len(text)} characters; the limit is "
                                 f"{max_chars}")
    if not text.strip():
        raise HTTPException(422, "text is empty")
    if "\x00" in text:
        raise HTTPException(422, "text contains NUL characters (binary content?)")
    if body.lang is not None and body.lang != "fr":
        raise HTTPException(422, f"chronique codes French text; lang {body.lang!r} is not "
                                 "supported")
    if body.lang is None:
        from chronique.documents.language import detect_language

        detected = detect_language(text)
        if detected and detected != "fr":
            raise HTTPException(422, f"the text does not look French (detected language: "
                                     f"{detected}); send \"lang\": \"fr\" to code it anyway")
    return text, notes


@routes.post("/api/code", summary="Code a French text",
             response_model=CodeResponse, responses={**ERRORS, 503: {"model": ErrorOut}},
             description="The event records of the text and its annotated mentions (actors "
                         "with their resolution, triggers with the rule that fired, dates, "
                         "places). `?format=csv` answers the records as CSV.")
async def code(body: CodeRequest, state: Annotated[State, Depends(state_of)],
               format: Annotated[Literal["json", "csv"], Query(
                   description="json: records and mentions; csv: the records as CSV")
               ] = "json") -> Response:
    text, notes = checked_text(body, state.limits.max_text_chars)
    started = time.perf_counter()
    result = await code_call(state, partial(
        annotate, state.coder, text, published=body.published, lang="fr",
        doc_id=clean_surrogates(body.doc_id or "text")[0]))
    if format == "csv":
        return csv_response(result.events, "chronique-events.csv")
    document = result.document
    return JSONResponse({
        "doc_id": document.id, "text": document.text, "published": document.published,
        "published_source": document.published_source, "lang": document.lang,
        "events": result.events, "mentions": result.mentions, "notes": notes,
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 1)})
