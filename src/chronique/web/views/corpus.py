"""The corpus endpoints: events (filtered, paginated, downloads), statistics, documents. The
queries are the store's (``chronique.store.view.CorpusView``)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from chronique.store.queries import Filters
from chronique.web.annotate import mentions_of_records
from chronique.web.downloads import csv_response
from chronique.web.models import CORPUS_ERRORS, EventsPage
from chronique.web.params import corpus_filters
from chronique.web.state import State, corpus_call, need_corpus, state_of
from chronique.web.views import Routes

routes = Routes(tags=["corpus"])
Filtered = Annotated[Filters, Depends(corpus_filters)]
Served = Annotated[State, Depends(state_of)]


@routes.get("/api/events", summary="Corpus events, filtered and paginated",
            response_model=EventsPage, responses=CORPUS_ERRORS,
            description="Newest first. `format=csv` or `format=jsonl` downloads every event "
                        "that passes the filters (up to the download limit) instead of a page.")
async def events(filters: Filtered, state: Served,
                 page: Annotated[int, Query(ge=1, le=1_000_000,
                                            description="page number, from 1")] = 1,
                 per_page: Annotated[int, Query(ge=1, le=200,
                                                description="events per page")] = 50,
                 format: Annotated[Literal["json", "csv", "jsonl"], Query(
                     description="json: one page; csv or jsonl: every match, as a file")
                 ] = "json") -> Response:
    corpus = need_corpus(state)
    if format != "json":
        records = await corpus_call(state, partial(
            corpus.all_events, filters, limit=state.limits.max_download_events))
        if format == "csv":
            return csv_response(records, "chronique-corpus-events.csv")
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return Response(body, media_type="application/x-ndjson; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="chronique-corpus-events.jsonl"'})
    return JSONResponse(await corpus_call(state, partial(
        corpus.events, filters, page=page, per_page=per_page)))


@routes.get("/api/stats", summary="Counts per period, type, quad class; network",
            responses=CORPUS_ERRORS,
            description="The `chronique stats` series for the filtered events: per period "
                        "(day, week, month, year) the events, cooperation (quad classes 1-2) "
                        "and conflict (3-4), each quad class and the mean Goldstein score; "
                        "per type; per quad class; and the network of participants (edge = "
                        "pair of countries or organisations, with events and mean Goldstein). "
                        "`count=clusters` (default) counts each reported happening once. "
                        "Negated events are left out unless `negated=true`.")
async def stats(filters: Filtered, state: Served,
                by: Annotated[Literal["day", "week", "month", "year"], Query(
                    description="the period of the series")] = "month",
                count: Annotated[Literal["clusters", "mentions", "one-a-day"], Query(
                    description="clusters: each reported happening once; mentions: "
                                "every event record; one-a-day: one per day, type and "
                                "participants")] = "clusters",
                negated: Annotated[bool, Query(
                    description="count events the text says did not happen too")] = False
                ) -> dict[str, Any]:
    corpus = need_corpus(state)
    filters = replace(filters, include_negated=negated)
    result = await corpus_call(state, partial(corpus.stats, filters, by=by, count=count))
    result["summary"] = await corpus_call(state, corpus.info)
    return result


@routes.get("/api/documents/{doc_id:path}",
            summary="A corpus document: text, events and mentions", responses=CORPUS_ERRORS)
async def document(doc_id: str, state: Served) -> dict[str, Any]:
    corpus = need_corpus(state)
    found = await corpus_call(state, partial(corpus.document, doc_id))
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r} in the corpus")
    found["mentions"] = mentions_of_records(found["text"], found["events"])
    return found
