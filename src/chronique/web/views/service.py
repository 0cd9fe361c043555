"""``GET /api/health``: version, limits and what the corpus holds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends

from chronique.version import __version__
from chronique.web.state import State, corpus_call, state_of
from chronique.web.views import Routes

routes = Routes(tags=["service"])


@routes.get("/api/health", summary="Version, limits and corpus summary")
async def health(state: Annotated[State, Depends(state_of)]) -> dict[str, Any]:
    corpus = None
    if state.corpus is not None:
        corpus = await corpus_call(state, state.corpus.info)
    return {"status": "ok", "version": __version__, "coder_loaded": state.coder is not None,
            "limits": state.limits.to_dict(), "corpus": corpus}
